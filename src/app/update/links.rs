//! Linking goals with Space, and jumping: along links, from the Chains and Gaps lists, back.

use super::*;

/// Space: mark a goal, or link / unlink the marked goal with this one.
pub(super) fn link_key(state: &mut State) {
    if state.view != View::Board {
        return;
    }
    let Some(here) = state.selected_goal_id().map(str::to_string) else {
        state.say(Tone::Info, "linking works on goals: move to a goal first");
        return;
    };
    let from = match &state.mode {
        Mode::Linking { from } => from.clone(),
        _ => {
            let column = state.column;
            let next: Vec<&str> = [column.down(), column.up()]
                .into_iter()
                .flatten()
                .map(Column::title)
                .collect();
            let text = state
                .doc
                .derived()
                .index
                .goal(state.doc.workspace(), &here)
                .map(|g| g.text.clone())
                .unwrap_or_default();
            state.say(
                Tone::Info,
                format!(
                    "linking from {text:?} — pick a goal in {} and press Space; Esc cancels",
                    next.join(" or ")
                ),
            );
            state.mode = Mode::Linking { from: here };
            return;
        }
    };
    if from == here {
        state.mode = Mode::Normal;
        state.say(Tone::Info, "linking cancelled");
        return;
    }
    let index = &state.doc.derived().index;
    let (Some(a), Some(b)) = (index.goal_pos(&from), index.goal_pos(&here)) else {
        state.mode = Mode::Normal;
        return;
    };
    // The lower goal supports the upper one, whichever was marked first.
    let (low, high) = if a.column < b.column { (a, b) } else { (b, a) };
    let (low_id, high_id) = if a.column < b.column {
        (from.clone(), here.clone())
    } else {
        (here.clone(), from.clone())
    };
    if low.column == high.column {
        state.say(
            Tone::Warning,
            "both goals are in the same column: links join neighbouring columns; pick a goal next door",
        );
        return;
    }
    if low.column.up() != Some(high.column) {
        state.say(
            Tone::Warning,
            "users cannot link straight to buyers: the department layer is the missing link; \
             link through a department goal",
        );
        return;
    }
    let ws = state.doc.workspace();
    let mut p = Persona::clone(&ws.column(low.column)[low.persona]);
    let high_text = ws.column(high.column)[high.persona].goals[high.goal]
        .text
        .clone();
    let g = &mut p.goals[low.goal];
    let low_text = g.text.clone();
    let (label, verb) = if let Some(at) = g.supports.iter().position(|s| *s == high_id) {
        g.supports.remove(at);
        (
            format!("unlink {low_text:?} from {high_text:?}"),
            "unlinked",
        )
    } else {
        g.supports.push(high_id);
        (format!("link {low_text:?} → {high_text:?}"), "linked")
    };
    let _ = low_id;
    let before = state.spot();
    state.doc.apply(
        label,
        vec![Edit::Set {
            column: low.column,
            index: low.persona,
            persona: p,
        }],
        before,
    );
    state.mode = Mode::Normal;
    state.say(
        Tone::Success,
        format!(
            "{verb}: {low_text:?} supports {high_text:?}{} — u undoes",
            if verb == "unlinked" { " no more" } else { "" }
        ),
    );
}

/// Puts the cursor on a goal or persona by id, remembering where it was.
pub fn go_to(state: &mut State, target: &Target) {
    let index = &state.doc.derived().index;
    let spot = match target {
        Target::Goal(id) => index.goal_pos(id).map(|p| Spot {
            column: p.column.index(),
            row: state.doc.row_of(p.column, p.persona, Some(p.goal)),
        }),
        Target::Persona(id) => index.persona_pos(id).map(|(c, pi)| Spot {
            column: c.index(),
            row: state.doc.row_of(c, pi, None),
        }),
        Target::Column(c) => Some(Spot {
            column: c.index(),
            row: 0,
        }),
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

/// Keys while choosing a link: ↑↓ (or j k) choose, Enter / Space jump, 1–9 jump to that one,
/// Esc closes.
pub(super) fn on_pick_key(state: &mut State, chord: Chord) {
    let Mode::Pick(pick) = &mut state.mode else {
        return;
    };
    let last = pick.goals.len().saturating_sub(1);
    let chosen = match chord.code {
        KeyCode::Down | KeyCode::Char('j') => {
            pick.cursor = (pick.cursor + 1).min(last);
            None
        }
        KeyCode::Up | KeyCode::Char('k') => {
            pick.cursor = pick.cursor.saturating_sub(1);
            None
        }
        KeyCode::Enter | KeyCode::Char(' ') => pick.goals.get(pick.cursor).cloned(),
        KeyCode::Char(c @ '1'..='9') => {
            let n = c as usize - '1' as usize;
            pick.goals.get(n).cloned()
        }
        KeyCode::Esc | KeyCode::Char('q') => {
            state.mode = Mode::Normal;
            return;
        }
        _ => None,
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

pub(super) fn jump_from_list(state: &mut State) {
    let line = match state.view {
        View::Board => return,
        View::Chains => state.doc.chain_line(state.list[0].cursor),
        View::Gaps => state.doc.gap_line(state.list[1].cursor),
    };
    match line.and_then(|l| l.target.clone()) {
        Some(target) => {
            go_to(state, &target);
            state.say(Tone::Info, "jumped — Backspace goes back");
        }
        None => state.say(Tone::Info, "pick a line with a goal or persona on it"),
    }
}
