//! Jumping: along links, from the Chains and Gaps lists, back.

use super::*;

/// Puts the cursor on a goal or persona by id, remembering where it was.
pub fn go_to(state: &mut State, target: &Target) {
    let spot = match target {
        Target::Column(c) => Some(Spot {
            column: c.index(),
            row: 0,
        }),
        _ => state
            .doc
            .locate(target)
            .map(|(c, r)| state.doc.spot_of(c, r)),
    };
    if let Some(spot) = spot {
        if let Some(c) = Column::from_index(spot.column)
            && state.filter.is_some()
            && state.shown_pos(c, spot.row).is_none()
        {
            state.filter = None;
            state.say(
                Tone::Info,
                "the filter is off: that is outside the chain it showed",
            );
        }
        let here = state.spot();
        state.back.push(here);
        if state.back.len() > 100 {
            state.back.remove(0);
        }
        set_spot(state, spot);
        state.view = View::Board;
    }
}

/// Follows a link of the selected goal: up to a goal it supports (`]`) or down to one that
/// supports it (`[`). With one link it jumps at once; with several it asks which.
pub(super) fn follow_chain(state: &mut State, up: bool) {
    if state.view != View::Board {
        return;
    }
    let Some(id) = state.selected_goal_id().map(str::to_string) else {
        state.say(Tone::Info, "move to a goal first: ] and [ follow its links");
        return;
    };
    let index = &state.doc.derived().index;
    let goals: Vec<String> = if up {
        index
            .goal(state.doc.workspace(), &id)
            .map(|g| g.supports.clone())
            .unwrap_or_default()
    } else {
        index.supported_by(&id).to_vec()
    };
    match goals.as_slice() {
        [] => state.say(
            Tone::Info,
            if up {
                "this goal supports nothing yet (Space links it)"
            } else {
                "nothing supports this goal yet"
            },
        ),
        [only] => {
            let target = Target::Goal(only.clone());
            go_to(state, &target);
            state.say(Tone::Info, "followed the link — Backspace goes back");
        }
        _ => {
            state.mode = Mode::Pick(super::super::Pick {
                up,
                from: id,
                goals,
                cursor: 0,
            })
        }
    }
}

/// Keys while choosing a link (the keymap's `Pick` mode): ↑↓ choose, Enter jumps, 1–9 jump to
/// that one, Esc closes.
pub(super) fn on_pick_key(state: &mut State, action: Option<Action>) {
    let Mode::Pick(pick) = &mut state.mode else {
        return;
    };
    let last = pick.goals.len().saturating_sub(1);
    let chosen = match action {
        Some(Action::Down) => {
            pick.cursor = (pick.cursor + 1).min(last);
            None
        }
        Some(Action::Up) => {
            pick.cursor = pick.cursor.saturating_sub(1);
            None
        }
        Some(Action::Jump) => pick.goals.get(pick.cursor).cloned(),
        Some(Action::Cancel) => {
            state.mode = Mode::Normal;
            return;
        }
        Some(other) => other.pick_index().and_then(|n| pick.goals.get(n).cloned()),
        None => None,
    };
    if let Some(goal) = chosen {
        state.mode = Mode::Normal;
        go_to(state, &Target::Goal(goal));
        state.say(Tone::Info, "followed the link — Backspace goes back");
    }
}

pub(super) fn go_back(state: &mut State) {
    match state.back.pop() {
        Some(spot) => {
            set_spot(state, spot);
            state.say(Tone::Info, "back");
        }
        None => state.say(Tone::Info, "nowhere to go back to"),
    }
}

/// Enter in a list view: what its description says.
pub(super) fn jump_from_list(state: &mut State) {
    if let Some(list) = state.view.list() {
        match list.enter {
            super::super::views::Enter::GoToLine => go_to_line(state),
        }
    }
}

/// Enter on a line of the Chains or Gaps view: goes to its goal or persona on the board, or
/// asks how to resolve its merge conflict.
fn go_to_line(state: &mut State) {
    let line = state.view.list().and_then(|l| l.selected(state));
    match line.and_then(|l| l.target) {
        // Resolving changes the workspace: read-only says so instead of asking.
        Some(Target::Conflict(_)) if state.read_only => {
            state.say(Tone::Warning, "read-only: cannot resolve a conflict");
        }
        Some(Target::Conflict(index)) => {
            state.mode = Mode::Prompt(Prompt::Conflict { index });
        }
        Some(Target::Proposal(id)) => super::room::take(state, id),
        Some(target) => {
            go_to(state, &target);
            state.say(Tone::Info, "jumped — Backspace goes back");
        }
        None => state.say(Tone::Info, "pick a line with a goal or persona on it"),
    }
}
