//! The room's keys and news (SPEC §11): `R` opens and closes it, `V` runs a vote round, Enter on
//! a proposal takes it into the form, `d` sets it aside; the loop's news keeps the Room view
//! current, and a closed round's dots become each goal's `votes` as one undoable edit.

use std::collections::BTreeMap;

use super::*;
use crate::app::KeyMode;
use crate::app::room::{Opened, RoomCommand, RoomNews};
use crate::room::{Proposal, ProposalState, Target as For};

fn command(c: RoomCommand) -> Vec<Effect> {
    vec![Effect::Room(c)]
}

/// `R`: open the room, or close it (asking first while people are connected).
pub(super) fn toggle(state: &mut State) -> Vec<Effect> {
    if state.room.open.is_none() {
        state.say(Tone::Info, "opening the room…");
        return command(RoomCommand::Open);
    }
    if state.room.people > 0 {
        state.mode = Mode::Prompt(Prompt::CloseRoom {
            people: state.room.people,
        });
        return Vec::new();
    }
    command(RoomCommand::Close)
}

/// `V`: start a vote round, or close the open one.
pub(super) fn vote_round(state: &mut State) -> Vec<Effect> {
    match &state.room.open {
        None => {
            let key = state.keymap.first_key(KeyMode::Board, Action::Room);
            state.say(
                Tone::Info,
                format!("open the room first ({key}): people vote from their phones"),
            );
            Vec::new()
        }
        Some(o) if o.read_only => {
            state.say(Tone::Warning, "read-only: a view-only room has no votes");
            Vec::new()
        }
        Some(_) if state.room.data.round.is_some() => command(RoomCommand::CloseRound),
        Some(_) => {
            state.say(
                Tone::Success,
                "vote round open: each person places their dots on the page — V closes it",
            );
            command(RoomCommand::StartRound)
        }
    }
}

/// `d` in the Room view: sets the selected proposal aside, or puts it back.
pub(super) fn set_aside(state: &mut State) -> Vec<Effect> {
    let Some(p) = selected_proposal(state) else {
        state.say(Tone::Info, "move to a proposal first");
        return Vec::new();
    };
    let (to, text) = match p.state {
        ProposalState::SetAside => (ProposalState::Waiting, "put back: waiting again"),
        _ => (
            ProposalState::SetAside,
            "set aside — its sender sees it (d again puts it back)",
        ),
    };
    let id = p.id;
    set_state(state, id, to);
    state.say(Tone::Info, text);
    command(RoomCommand::Proposal { id, state: to })
}

/// Changes a proposal's state here at once (the loop's next news says the same).
fn set_state(state: &mut State, id: u64, to: ProposalState) {
    if let Some(p) = state.room.data.proposals.iter_mut().find(|p| p.id == id) {
        p.state = to;
    }
}

fn selected_proposal(state: &State) -> Option<Proposal> {
    let line = state.view.list()?.selected(state)?;
    match line.target? {
        Target::Proposal(id) => state.room.proposal(id).cloned(),
        _ => None,
    }
}

/// Enter on a proposal: the form, filled in, for the persona it names — a new persona when the
/// name is new, the selected persona of its column when it names none.
pub(super) fn take(state: &mut State, id: u64) {
    let Some(p) = state.room.proposal(id).cloned() else {
        return;
    };
    if state.read_only {
        state.say(Tone::Warning, "read-only: cannot take a proposal");
        return;
    }
    if p.state == ProposalState::Taken {
        state.say(Tone::Info, "already taken — it is on the board");
        return;
    }
    let column = p.column;
    let ws = state.doc.workspace();
    let persona = match &p.target {
        For::Persona(pid) => ws.column(column).iter().position(|x| x.id == *pid),
        For::New(name) => ws
            .column(column)
            .iter()
            .position(|x| crate::room::same_name(&x.name, name)),
        For::None => {
            let cursor = state.columns[column.index()].cursor;
            match state.doc.row(column, cursor) {
                Some(Row::Persona(pi) | Row::Goal(pi, _)) => Some(pi),
                None => None,
            }
        }
    };
    let goal = p.goal();
    let form = match (persona, &p.target) {
        (Some(pi), _) => {
            let index = ws.column(column).get(pi).map_or(0, |x| x.goals.len());
            Form::for_goal(
                FormTarget::NewGoal {
                    column,
                    persona: pi,
                    index,
                },
                &goal,
            )
        }
        (None, For::New(name)) => {
            let persona = Persona {
                name: name.clone(),
                ..Persona::default()
            };
            Form::for_persona(
                FormTarget::NewPersona {
                    column,
                    index: ws.column(column).len(),
                },
                column,
                &persona,
            )
        }
        (None, _) => {
            state.say(
                Tone::Info,
                format!(
                    "{column} has no persona for it: add one (p on the board), then Enter here"
                ),
            );
            return;
        }
    };
    let mut form = form;
    form.proposal = Some(Box::new(p));
    state.mode = Mode::Form(Box::new(form));
    state.say(
        Tone::Info,
        "the proposal is in the form: edit it, Ctrl-s adds it (Esc: not now)",
    );
}

/// A goal from a proposal was committed (the document was at `before`): its sender sees "taken".
pub(super) fn taken(state: &mut State, id: u64, before: u64) -> Vec<Effect> {
    let after = state.doc.state();
    state
        .room
        .takes
        .push(crate::app::room::Take { id, before, after });
    if let Some(p) = state.room.proposal(id) {
        state.room.taken.insert(id, p.clone());
    }
    set_state(state, id, ProposalState::Taken);
    command(RoomCommand::Proposal {
        id,
        state: ProposalState::Taken,
    })
}

pub(super) fn on_news(state: &mut State, news: RoomNews) -> Vec<Effect> {
    match news {
        RoomNews::Opened(opened) => opened_room(state, opened),
        RoomNews::NotOpened(why) => state.say(Tone::Error, format!("the room did not open: {why}")),
        RoomNews::Changed { data, people } => {
            let newest = state.room.data.proposals.iter().map(|p| p.id).max();
            let arrived: Vec<&Proposal> = data
                .proposals
                .iter()
                .filter(|p| newest.is_none_or(|n| p.id > n))
                .collect();
            // Said in the status bar (and so by a screen reader), wherever the facilitator is.
            if state.room.open.is_some() {
                match arrived.as_slice() {
                    [] => {}
                    [p] => {
                        let who = if p.author.trim().is_empty() {
                            "someone"
                        } else {
                            p.author.as_str()
                        };
                        let text = format!(
                            "new proposal from {}: {}",
                            crate::text::visible(who),
                            crate::text::visible(&p.text)
                        );
                        state.say(Tone::Info, text);
                    }
                    more => state.say(Tone::Info, format!("{} new proposals", more.len())),
                }
            }
            state.room.data = data;
            state.room.people = people;
            if state.view == View::Room {
                // The list grew under the cursor: keep it on a proposal, not on a heading.
                super::open_view(state, View::Room);
            }
        }
        RoomNews::Closed => {
            state.room.open = None;
            state.room.qr = None;
            state.room.people = 0;
            let kept = state.room.data.waiting();
            state.say(
                Tone::Info,
                match kept {
                    0 => "room closed".to_string(),
                    n => format!("room closed — {n} proposal(s) kept for the next room"),
                },
            );
        }
        RoomNews::RoundClosed { tally } => round_closed(state, &tally),
        RoomNews::Kept(data) => {
            state.room.data = data;
            state.room.offer = true;
        }
    }
    Vec::new()
}

fn opened_room(state: &mut State, opened: Opened) {
    state.room.qr = crate::room::qr::lines(&opened.url);
    let mut text = format!("room open at {} — phones scan the code", opened.url);
    if let Some(port) = opened.moved_from {
        text.push_str(&format!(" (port {port} was taken)"));
    }
    if opened.read_only {
        text.push_str(" · view-only (read-only): no proposals, no votes");
    }
    state.say(Tone::Success, text);
    state.room.open = Some(opened);
    super::open_view(state, View::Room);
}

/// The round's dots become each goal's `votes` (goals without dots: none), one undoable edit.
fn round_closed(state: &mut State, tally: &BTreeMap<String, u32>) {
    let ws = state.doc.workspace();
    let mut edits = Vec::new();
    for column in Column::ALL {
        for (index, p) in ws.column(column).iter().enumerate() {
            if let Some(persona) = crate::room::with_votes(p, tally) {
                edits.push(Edit::Set {
                    column,
                    index,
                    persona,
                });
            }
        }
    }
    let dots: u32 = tally.values().sum();
    let goals = tally.len();
    if edits.is_empty() {
        state.say(
            Tone::Info,
            format!("vote round closed: {dots} dot(s) on {goals} goal(s), the same as before"),
        );
        return;
    }
    let before = state.spot();
    state.doc.apply("vote round result", edits, before);
    state.say(
        Tone::Success,
        format!(
            "vote round closed: {dots} dot(s) on {goals} goal(s) — the board shows ● (u undoes)"
        ),
    );
}

/// The question a kept room asks, once nothing else is being asked.
pub(super) fn offer(state: &mut State) {
    if state.room.offer && matches!(state.mode, Mode::Normal) && state.present.is_none() {
        state.room.offer = false;
        state.mode = Mode::Prompt(Prompt::ReopenRoom {
            waiting: state.room.data.waiting(),
            round: state.room.data.round.is_some(),
        });
    }
}

pub(super) fn on_prompt(state: &mut State, prompt: &Prompt, action: Action) -> Vec<Effect> {
    match (prompt, action) {
        (Prompt::CloseRoom { .. }, Action::Yes) => {
            state.mode = Mode::Normal;
            command(RoomCommand::Close)
        }
        (Prompt::CloseRoom { .. }, Action::No) => {
            state.mode = Mode::Normal;
            state.say(Tone::Info, "the room stays open");
            Vec::new()
        }
        (Prompt::ReopenRoom { .. }, Action::ReopenRoom) => {
            state.mode = Mode::Normal;
            state.say(Tone::Info, "reopening the room…");
            command(RoomCommand::Open)
        }
        (Prompt::ReopenRoom { waiting, .. }, Action::Cancel) => {
            let key = state.keymap.first_key(KeyMode::Board, Action::Room);
            let text = format!(
                "{waiting} proposal(s) kept for later: {key} opens the room with them, 4 shows them"
            );
            state.mode = Mode::Normal;
            state.say(Tone::Info, text);
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// After an undo or a redo: a proposal whose taking was undone is waiting again (its sender
/// sees it), and taken again when it is redone.
pub(super) fn followed_history(state: &mut State) -> Vec<Effect> {
    let now = state.doc.state();
    let mut effects = Vec::new();
    for take in state.room.takes.clone() {
        let Some(to) = take.state_at(now) else {
            continue;
        };
        match state.room.proposal(take.id).map(|p| p.state) {
            Some(was) if was != to => {
                set_state(state, take.id, to);
                effects.extend(command(RoomCommand::Proposal {
                    id: take.id,
                    state: to,
                }));
            }
            Some(_) => {}
            // A room closed since dropped it as taken: undone, it waits in the kept list again.
            None if to == ProposalState::Waiting => {
                if let Some(mut p) = state.room.taken.remove(&take.id) {
                    p.state = to;
                    state.room.data.proposals.push(p.clone());
                    state.room.data.proposals.sort_by_key(|p| p.id);
                    effects.extend(command(RoomCommand::Restore(Box::new(p))));
                }
            }
            None => {}
        }
    }
    effects
}
