//! The room as the app sees it (SPEC §11): whether it is open and where, the proposals and the
//! vote round as the loop last reported them, and the lines of view `4`. Pure: the server, the
//! journal and the clock are `run`'s; `update` asks for them with [`RoomCommand`]s and hears
//! back with [`RoomNews`].

use std::collections::BTreeMap;

use super::State;
use super::lists::{ListLine, Target};
use crate::room::{Proposal, ProposalState, RoomData};
use crate::text::visible;

/// What `update` asks of the room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomCommand {
    /// Start listening (with the kept proposals, if any).
    Open,
    /// Stop listening; proposals not yet taken are kept.
    Close,
    /// A proposal was taken or set aside (or put back).
    Proposal {
        id: u64,
        state: ProposalState,
    },
    /// A taken proposal a closed room no longer keeps is waiting again (its take was undone).
    Restore(Box<Proposal>),
    StartRound,
    /// Close the round: the loop answers with [`RoomNews::RoundClosed`].
    CloseRound,
}

/// What the loop tells `update` about the room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomNews {
    Opened(Opened),
    /// It could not listen (the sentence says why).
    NotOpened(String),
    /// Proposals, dots or people changed.
    Changed {
        data: RoomData,
        people: usize,
    },
    Closed,
    /// A round closed with these dots per goal id.
    RoundClosed {
        tally: BTreeMap<String, u32>,
    },
    /// Proposals (or an open round) were kept from a room that ended without closing: offer to
    /// reopen it.
    Kept(RoomData),
}

/// A room that is listening.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// `http://HOST:PORT/CODE`
    pub url: String,
    pub code: String,
    /// The port asked for, when it was taken and the next free one is used.
    pub moved_from: Option<u16>,
    /// A view-only room (`--read-only`): no proposals, no votes.
    pub read_only: bool,
}

/// The room's state in the app.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoomView {
    pub open: Option<Opened>,
    /// The proposals and round, live while open, kept while closed.
    pub data: RoomData,
    /// Participants with the page open.
    pub people: usize,
    /// The QR code of the address, rows of half blocks (`None`: closed, or too long to draw).
    pub qr: Option<Vec<String>>,
    /// Kept proposals wait for the question "reopen the room?" (asked once nothing else is).
    pub offer: bool,
    /// Proposals taken into the workspace: the document's state before and after the edit that
    /// took each, so undo gives it back to the room as waiting and redo takes it again.
    pub takes: Vec<Take>,
    /// The proposals taken, by id, as they were sent: a closed room drops them from its list,
    /// and an undo brings them back.
    pub taken: std::collections::BTreeMap<u64, Proposal>,
}

/// A proposal taken by an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Take {
    pub id: u64,
    pub before: u64,
    pub after: u64,
}

impl Take {
    /// What the proposal's state is when the document is at `now`; `None` when `now` is neither
    /// side of the edit that took it.
    pub fn state_at(self, now: u64) -> Option<ProposalState> {
        if now == self.before {
            Some(ProposalState::Waiting)
        } else if now == self.after {
            Some(ProposalState::Taken)
        } else {
            None
        }
    }
}

impl RoomView {
    /// `room open · 3 people · 2 proposals` (and the round), for the status bar.
    pub fn status(&self) -> Option<String> {
        self.open.as_ref()?;
        let people = match self.people {
            1 => "1 person".to_string(),
            n => format!("{n} people"),
        };
        let waiting = match self.data.waiting() {
            1 => "1 proposal".to_string(),
            n => format!("{n} proposals"),
        };
        let mut text = format!("room open · {people} · {waiting}");
        if let Some(round) = &self.data.round {
            // SPEC §11: only how many voted while the round is open, never the counts.
            text.push_str(&format!(" · vote round: {} voted", round.voters()));
        }
        Some(text)
    }

    pub fn proposal(&self, id: u64) -> Option<&Proposal> {
        self.data.proposals.iter().find(|p| p.id == id)
    }
}

/// Who a proposal is for: the persona's name (one lookup in the link index), a new persona's
/// name, or none named (the facilitator's selected persona). The Room view's line and the
/// detail pane both say it.
pub fn for_whom(state: &State, p: &Proposal) -> String {
    use crate::room::Target as T;
    match &p.target {
        T::Persona(id) => {
            let ws = state.doc.workspace();
            let name = state
                .doc
                .derived()
                .index
                .persona_pos(id)
                .and_then(|(c, pi)| ws.column(c).get(pi))
                .map_or(id.as_str(), |x| x.name.as_str());
            visible(name).into_owned()
        }
        T::New(name) => format!("new persona {}", visible(name)),
        T::None => "(selected persona)".to_string(),
    }
}

/// A proposal as one line: `[waiting] Ana → users · The Employee: Log calls faster`.
fn proposal_line(state: &State, p: &Proposal) -> ListLine {
    let who = if p.author.trim().is_empty() {
        "someone".to_string()
    } else {
        visible(&p.author).into_owned()
    };
    ListLine {
        indent: 1,
        heading: false,
        code: None,
        target: Some(Target::Proposal(p.id)),
        text: format!(
            "[{}] {who} → {} · {}: {}",
            p.state.label(),
            p.column.key(),
            for_whom(state, p),
            visible(&p.text)
        ),
    }
}

/// View 4's lines: its first heading, a line per proposal (newest last), then the open round's
/// heading, or the last vote's heading and a line per goal with dots (most first).
fn proposals_heading(state: &State) -> ListLine {
    let data = &state.room.data;
    ListLine::heading(format!(
        "Proposals ({} waiting, {} in all) — Enter takes one into a form, d sets it aside",
        data.waiting(),
        data.proposals.len()
    ))
}

/// How many lines view `4` has (counted, none built).
pub fn len(state: &State) -> usize {
    let data = &state.room.data;
    let after = match &data.round {
        Some(_) => 1,
        None => 1 + crate::room::voted_count(state.doc.workspace()),
    };
    1 + data.proposals.len() + after
}

/// Lines `from..from + n` of view `4`, built for that window only: a key in the view costs the
/// same with 20 proposals or 2,000.
pub fn lines(state: &State, from: usize, n: usize) -> Vec<ListLine> {
    let data = &state.room.data;
    let proposals = data.proposals.len();
    let end = from.saturating_add(n).min(len(state));
    let mut out = Vec::with_capacity(end.saturating_sub(from));
    // The goals with dots are sorted only when the window reaches them.
    let mut voted = None;
    for at in from..end {
        let line = if at == 0 {
            proposals_heading(state)
        } else if at <= proposals {
            proposal_line(state, &data.proposals[at - 1])
        } else if at == proposals + 1 {
            match &data.round {
                Some(round) => ListLine::heading(format!(
                    "Vote round open: {} voted so far (the counts show when V closes it)",
                    round.voters()
                )),
                None => ListLine::heading(format!(
                    "Last vote: {} goal(s) with dots",
                    crate::room::voted_count(state.doc.workspace())
                )),
            }
        } else {
            let voted = voted.get_or_insert_with(|| crate::room::voted(state.doc.workspace()));
            let Some((dots, p, g)) = voted.get(at - proposals - 2) else {
                break;
            };
            let mut line = super::lists::line_of(g, p, 1);
            line.text = format!("●{dots} {}", line.text);
            line
        };
        out.push(line);
    }
    out
}

/// The line under view `4`'s title.
pub fn heading(state: &State) -> String {
    match &state.room.open {
        Some(o) if o.read_only => format!("view-only room at {} (read-only)", o.url),
        Some(o) => format!("open at {} · code {}", o.url, o.code),
        None => "the room is closed — R opens it".to_string(),
    }
}
