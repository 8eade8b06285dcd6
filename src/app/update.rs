//! `update`: the one place behaviour lives. Pure: it changes the state and returns effects.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

use super::document::{Edit, Row, Spot};
use super::form::{FieldKind, Form, FormTarget};
use super::keys::Chord;
use super::lists::Target;
use super::{Action, Effect, Event, KeyMode, Mode, Prompt, State, Tone, View};
use crate::model::ids::unique_id;
use crate::model::{Column, Goal, Persona};
use crate::ui::layout::Areas;

/// Handles one event and returns what must happen outside.
pub fn update(state: &mut State, event: Event) -> Vec<Effect> {
    let effects = match event {
        Event::Key(key) => on_key(state, key),
        Event::Paste(text) => {
            on_paste(state, &text);
            Vec::new()
        }
        Event::Resize(w, h) => {
            state.size = (w, h);
            Vec::new()
        }
        Event::Click { x, y, double } => on_click(state, x, y, double),
        Event::Scroll { x, y, down } => {
            on_scroll(state, x, y, down);
            Vec::new()
        }
        Event::Saved {
            state: saved,
            result,
        } => on_saved(state, saved, result),
        Event::Idle => Vec::new(),
    };
    keep_cursor_visible(state);
    effects
}

fn on_key(state: &mut State, key: KeyEvent) -> Vec<Effect> {
    if key.kind != KeyEventKind::Press {
        return Vec::new();
    }
    let chord = Chord::from_event(&key);
    match &state.mode {
        Mode::Prompt(_) => return on_prompt_key(state, chord),
        Mode::Help { .. } => {
            on_help_key(state, chord);
            return Vec::new();
        }
        Mode::Form(_) => return on_form_key(state, key, chord),
        Mode::Normal | Mode::Linking { .. } => {}
    }
    let mode = state.key_mode();
    match state.keymap.action(mode, chord) {
        Some(action) => act(state, action),
        None => {
            if mode == KeyMode::Board && chord.code == KeyCode::Esc {
                state.message = None;
                state.focus = false;
            }
            Vec::new()
        }
    }
}

/// Runs a keymap action in the board, linking, chains or gaps mode.
pub fn act(state: &mut State, action: Action) -> Vec<Effect> {
    if state.read_only && action.edits() {
        state.say(
            Tone::Warning,
            format!("read-only: cannot {}", action.describe()),
        );
        return Vec::new();
    }
    let page = page_rows(state);
    match action {
        Action::ColumnLeft => move_column(state, -1),
        Action::ColumnRight => move_column(state, 1),
        Action::Up => move_cursor(state, -1),
        Action::Down => move_cursor(state, 1),
        Action::PageUp => move_cursor(state, -(page as isize)),
        Action::PageDown => move_cursor(state, page as isize),
        Action::First => move_cursor(state, isize::MIN / 2),
        Action::Last => move_cursor(state, isize::MAX / 2),
        Action::Edit => open_edit(state),
        Action::AddPersona => open_new_persona(state),
        Action::AddGoal => open_new_goal(state),
        Action::Delete => ask_delete(state),
        Action::MoveDown => move_item(state, 1),
        Action::MoveUp => move_item(state, -1),
        Action::Undo => undo(state),
        Action::Redo => redo(state),
        Action::Link => link_key(state),
        Action::Focus => {
            state.focus = !state.focus;
            let text = if state.focus {
                "focus on: everything outside the chain is dimmed (f or Esc to leave)"
            } else {
                "focus off"
            };
            state.say(Tone::Info, text);
        }
        Action::ChainUp => follow_chain(state, true),
        Action::ChainDown => follow_chain(state, false),
        Action::Back => go_back(state),
        Action::ViewBoard => state.view = View::Board,
        Action::ViewChains => state.view = View::Chains,
        Action::ViewGaps => state.view = View::Gaps,
        Action::Jump => jump_from_list(state),
        Action::ToggleDetail => state.detail = !state.detail,
        Action::ToggleMouse => {
            state.mouse = !state.mouse;
            let text = if state.mouse {
                "mouse on: click selects, wheel scrolls, double click edits"
            } else {
                "mouse off: the terminal's own text selection works (m turns it back on)"
            };
            state.say(Tone::Info, text);
            return vec![Effect::SetMouse(state.mouse)];
        }
        Action::Save => return save(state),
        Action::Quit => return quit(state),
        Action::Help => state.mode = Mode::Help { scroll: 0 },
        Action::Cancel => {
            state.mode = Mode::Normal;
            state.say(Tone::Info, "linking cancelled");
        }
        Action::NextField
        | Action::PrevField
        | Action::Commit
        | Action::FormEnter
        | Action::NewLine
        | Action::ChoiceNext
        | Action::ChoicePrev => {}
    }
    Vec::new()
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;

fn page_rows(state: &State) -> usize {
    let areas = Areas::new(state.size, state.detail);
    match state.view {
        View::Board => areas.column_rows(),
        View::Chains | View::Gaps => areas.list_rows(),
    }
    .saturating_sub(1)
    .max(1)
}

fn move_column(state: &mut State, delta: isize) {
    if state.view != View::Board {
        return;
    }
    let i = state.column.index() as isize + delta;
    if let Some(c) = usize::try_from(i).ok().and_then(Column::from_index) {
        state.column = c;
    }
}

fn list_len(state: &State) -> usize {
    let d = state.doc.derived();
    match state.view {
        View::Board => state.doc.row_count(state.column),
        View::Chains => d.chain_lines.len(),
        View::Gaps => d.gap_lines.len(),
    }
}

fn cursor_mut(state: &mut State) -> &mut super::ColumnView {
    match state.view {
        View::Board => &mut state.columns[state.column.index()],
        View::Chains => &mut state.list[0],
        View::Gaps => &mut state.list[1],
    }
}

fn move_cursor(state: &mut State, delta: isize) {
    let len = list_len(state);
    let cv = cursor_mut(state);
    let target = (cv.cursor as isize).saturating_add(delta);
    cv.cursor = target.clamp(0, len.saturating_sub(1) as isize) as usize;
}

/// Clamps every cursor to its list and scrolls so each cursor is on screen.
fn keep_cursor_visible(state: &mut State) {
    let areas = Areas::new(state.size, state.detail);
    let rows = areas.column_rows().max(1);
    for column in Column::ALL {
        let len = state.doc.row_count(column);
        let cv = &mut state.columns[column.index()];
        fit(cv, len, rows);
    }
    let list_rows = areas.list_rows().max(1);
    let lens = [
        state.doc.derived().chain_lines.len(),
        state.doc.derived().gap_lines.len(),
    ];
    for (cv, len) in state.list.iter_mut().zip(lens) {
        fit(cv, len, list_rows);
    }
}

fn fit(cv: &mut super::ColumnView, len: usize, rows: usize) {
    cv.cursor = cv.cursor.min(len.saturating_sub(1));
    if cv.cursor < cv.scroll {
        cv.scroll = cv.cursor;
    } else if cv.cursor >= cv.scroll + rows {
        cv.scroll = cv.cursor + 1 - rows;
    }
    cv.scroll = cv.scroll.min(len.saturating_sub(rows));
}

fn set_spot(state: &mut State, spot: Spot) {
    if let Some(c) = Column::from_index(spot.column) {
        state.column = c;
        state.columns[spot.column].cursor = spot.row;
    }
}

fn persona_at(state: &State, column: Column, index: usize) -> Option<&Persona> {
    state.doc.workspace().column(column).get(index)
}

fn open_edit(state: &mut State) {
    if state.view != View::Board {
        return;
    }
    let column = state.column;
    let form = match state.selected() {
        Some(Row::Persona(index)) => persona_at(state, column, index)
            .map(|p| Form::for_persona(FormTarget::Persona { column, index }, column, p)),
        Some(Row::Goal(persona, goal)) => persona_at(state, column, persona)
            .and_then(|p| p.goals.get(goal))
            .map(|g| {
                Form::for_goal(
                    FormTarget::Goal {
                        column,
                        persona,
                        goal,
                    },
                    g,
                )
            }),
        None => None,
    };
    match form {
        Some(form) => state.mode = Mode::Form(Box::new(form)),
        None => state.say(
            Tone::Info,
            format!("no persona here yet — press p to add one to {column}"),
        ),
    }
}

fn selected_persona_index(state: &State) -> Option<usize> {
    match state.selected()? {
        Row::Persona(p) | Row::Goal(p, _) => Some(p),
    }
}

fn open_new_persona(state: &mut State) {
    if state.view != View::Board {
        return;
    }
    let column = state.column;
    let index =
        selected_persona_index(state).map_or(state.doc.workspace().column(column).len(), |p| p + 1);
    let form = Form::for_persona(
        FormTarget::NewPersona { column, index },
        column,
        &Persona::default(),
    );
    state.mode = Mode::Form(Box::new(form));
}

fn open_new_goal(state: &mut State) {
    if state.view != View::Board {
        return;
    }
    let column = state.column;
    let (persona, index) = match state.selected() {
        Some(Row::Goal(p, g)) => (p, g + 1),
        Some(Row::Persona(p)) => (p, persona_at(state, column, p).map_or(0, |x| x.goals.len())),
        None => {
            state.say(
                Tone::Info,
                format!("add a persona first: press p to add one to {column}"),
            );
            return;
        }
    };
    let form = Form::for_goal(
        FormTarget::NewGoal {
            column,
            persona,
            index,
        },
        &Goal::default(),
    );
    state.mode = Mode::Form(Box::new(form));
}

fn on_form_key(state: &mut State, key: KeyEvent, chord: Chord) -> Vec<Effect> {
    let Mode::Form(form) = &mut state.mode else {
        return Vec::new();
    };
    let action = state.keymap.action(KeyMode::Form, chord);
    let field_kind = form.focused().map(|f| f.kind);
    let multiline = form.focused().is_some_and(|f| f.is_multiline());
    let choice = matches!(field_kind, Some(FieldKind::Choice(_)));
    match action {
        Some(Action::Cancel) => {
            state.mode = Mode::Normal;
            state.say(Tone::Info, "cancelled: nothing changed");
        }
        Some(Action::Commit) => commit_form(state),
        Some(Action::FormEnter) => {
            if form.is_last_field() {
                commit_form(state);
            } else {
                form.focus += 1;
            }
        }
        Some(Action::NextField)
            if !multiline || at_edge(form, true) || key.code == KeyCode::Tab =>
        {
            form.focus = (form.focus + 1) % form.fields.len().max(1);
        }
        Some(Action::PrevField)
            if !multiline || at_edge(form, false) || key.code == KeyCode::BackTab =>
        {
            form.focus = form
                .focus
                .checked_sub(1)
                .unwrap_or(form.fields.len().saturating_sub(1));
        }
        Some(Action::NewLine) => {
            if multiline && let Some(f) = form.focused_mut() {
                f.text.insert_newline();
            }
        }
        Some(Action::ChoiceNext | Action::ChoicePrev) if choice => {
            if let Some(f) = form.focused_mut()
                && let FieldKind::Choice(options) = f.kind
            {
                let n = options.len().max(1);
                f.choice = if action == Some(Action::ChoiceNext) {
                    (f.choice + 1) % n
                } else {
                    (f.choice + n - 1) % n
                };
            }
        }
        _ => {
            if let Some(f) = form.focused_mut()
                && f.is_text()
                && key.code != KeyCode::Enter
            {
                f.text.input(key);
                if !f.is_multiline() && f.text.lines().len() > 1 {
                    // A one-line field never takes a line break, whatever key made one.
                    let joined = f.text.lines().join(" ");
                    f.text = ratatui_textarea::TextArea::new(vec![joined]);
                    f.text.move_cursor(ratatui_textarea::CursorMove::End);
                }
            }
            form.error = None;
        }
    }
    Vec::new()
}

/// Whether the cursor of the focused multi-line field is on its last (or first) line.
fn at_edge(form: &Form, bottom: bool) -> bool {
    form.focused().is_none_or(|f| {
        let (row, _) = f.text.cursor();
        if bottom {
            row + 1 >= f.text.lines().len()
        } else {
            row == 0
        }
    })
}

fn on_paste(state: &mut State, text: &str) {
    if let Mode::Form(form) = &mut state.mode
        && let Some(f) = form.focused_mut()
        && f.is_text()
    {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        if f.is_multiline() {
            f.text.insert_str(&text);
        } else {
            f.text.insert_str(text.replace('\n', " "));
        }
    }
}

fn commit_form(state: &mut State) {
    let Mode::Form(form) = &state.mode else {
        return;
    };
    let form = form.clone();
    let before = state.spot();
    let result = match form.target {
        FormTarget::NewPersona { column, index } => form
            .apply_persona(column, &Persona::default())
            .map(|mut p| {
                p.id = unique_id(&p.name, "persona", |id| state.doc.id_taken(id));
                let label = format!("add persona {:?}", p.name);
                (
                    label,
                    vec![Edit::Insert {
                        column,
                        index,
                        persona: p,
                    }],
                    (column, index, None),
                )
            }),
        FormTarget::Persona { column, index } => match persona_at(state, column, index) {
            Some(old) => form.apply_persona(column, old).map(|p| {
                let label = format!("edit persona {:?}", p.name);
                let edits = if &p == old {
                    Vec::new()
                } else {
                    vec![Edit::Set {
                        column,
                        index,
                        persona: p,
                    }]
                };
                (label, edits, (column, index, None))
            }),
            None => Err("the persona is gone".into()),
        },
        FormTarget::NewGoal {
            column,
            persona,
            index,
        } => match persona_at(state, column, persona) {
            Some(old) => form.apply_goal(&Goal::default()).map(|mut g| {
                g.id = unique_id(&g.text, "goal", |id| state.doc.id_taken(id));
                let label = format!("add goal {:?}", g.text);
                let mut p = old.clone();
                let index = index.min(p.goals.len());
                p.goals.insert(index, g);
                (
                    label,
                    vec![Edit::Set {
                        column,
                        index: persona,
                        persona: p,
                    }],
                    (column, persona, Some(index)),
                )
            }),
            None => Err("the persona is gone".into()),
        },
        FormTarget::Goal {
            column,
            persona,
            goal,
        } => {
            match persona_at(state, column, persona).and_then(|p| p.goals.get(goal).map(|g| (p, g)))
            {
                Some((old_p, old_g)) => form.apply_goal(old_g).map(|g| {
                    let label = format!("edit goal {:?}", g.text);
                    let edits = if &g == old_g {
                        Vec::new()
                    } else {
                        let mut p = old_p.clone();
                        p.goals[goal] = g;
                        vec![Edit::Set {
                            column,
                            index: persona,
                            persona: p,
                        }]
                    };
                    (label, edits, (column, persona, Some(goal)))
                }),
                None => Err("the goal is gone".into()),
            }
        }
    };
    match result {
        Ok((label, edits, (column, persona, goal))) => {
            state.mode = Mode::Normal;
            if edits.is_empty() {
                state.say(Tone::Info, "no change");
                return;
            }
            state.doc.apply(label.clone(), edits, before);
            state.column = column;
            state.columns[column.index()].cursor = state.doc.row_of(column, persona, goal);
            state.say(Tone::Success, format!("{label} — u undoes"));
        }
        Err(why) => {
            if let Mode::Form(form) = &mut state.mode {
                form.error = Some(why.clone());
                form.focus = 0;
            }
            state.say(Tone::Error, why);
        }
    }
}

/// The edits that remove goal ids from every `supports` list in `column` that names them.
fn unlink_edits(state: &State, column: Column, ids: &[&str]) -> Vec<Edit> {
    let mut edits = Vec::new();
    for (index, p) in state.doc.workspace().column(column).iter().enumerate() {
        if p.goals
            .iter()
            .any(|g| g.supports.iter().any(|s| ids.contains(&s.as_str())))
        {
            let mut p = p.clone();
            for g in &mut p.goals {
                g.supports.retain(|s| !ids.contains(&s.as_str()));
            }
            edits.push(Edit::Set {
                column,
                index,
                persona: p,
            });
        }
    }
    edits
}

/// The goals that would lose a link if these goals went, by text.
fn dependents(state: &State, ids: &[&str]) -> Vec<String> {
    let ws = state.doc.workspace();
    let index = &state.doc.derived().index;
    let mut out = Vec::new();
    for id in ids {
        let Some(goal) = index.goal(ws, id) else {
            continue;
        };
        for other in goal.supports.iter().chain(index.supported_by(id)) {
            if !ids.contains(&other.as_str())
                && let Some(g) = index.goal(ws, other)
                && !out.contains(&g.text)
            {
                out.push(g.text.clone());
            }
        }
    }
    out
}

/// The selected item's goal ids and a description, for deleting.
fn delete_subject(state: &State) -> Option<(String, Vec<String>)> {
    let p = persona_at(state, state.column, selected_persona_index(state)?)?;
    match state.selected()? {
        Row::Persona(_) => Some((
            format!("persona {:?}", p.name),
            p.goals.iter().map(|g| g.id.clone()).collect(),
        )),
        Row::Goal(_, g) => {
            let g = p.goals.get(g)?;
            Some((format!("goal {:?}", g.text), vec![g.id.clone()]))
        }
    }
}

fn ask_delete(state: &mut State) {
    if state.view != View::Board {
        return;
    }
    let Some((what, ids)) = delete_subject(state) else {
        state.say(Tone::Info, "nothing to delete here");
        return;
    };
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let names = dependents(state, &ids);
    if names.is_empty() {
        delete_selected(state);
    } else {
        state.mode = Mode::Prompt(Prompt::Delete {
            what,
            dependents: names.len(),
            names: names.into_iter().take(3).collect(),
        });
    }
}

fn delete_selected(state: &mut State) {
    let column = state.column;
    let before = state.spot();
    let Some(pi) = selected_persona_index(state) else {
        return;
    };
    let Some((what, ids)) = delete_subject(state) else {
        return;
    };
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut edits = column
        .down()
        .map(|down| unlink_edits(state, down, &ids))
        .unwrap_or_default();
    match state.selected() {
        Some(Row::Persona(_)) => edits.push(Edit::Remove { column, index: pi }),
        Some(Row::Goal(_, gi)) => {
            if let Some(p) = persona_at(state, column, pi) {
                let mut p = p.clone();
                p.goals.remove(gi);
                edits.push(Edit::Set {
                    column,
                    index: pi,
                    persona: p,
                });
            }
        }
        None => return,
    }
    let label = format!("delete {what}");
    state.doc.apply(label.clone(), edits, before);
    state.say(Tone::Success, format!("deleted {what} — u undoes"));
}

fn move_item(state: &mut State, delta: isize) {
    if state.view != View::Board {
        return;
    }
    let column = state.column;
    let before = state.spot();
    let ws = state.doc.workspace();
    match state.selected() {
        Some(Row::Persona(pi)) => {
            let Some(to) = pi
                .checked_add_signed(delta)
                .filter(|t| *t < ws.column(column).len())
            else {
                return;
            };
            let (a, b) = (ws.column(column)[pi].clone(), ws.column(column)[to].clone());
            let label = format!("move persona {:?}", a.name);
            state.doc.apply(
                label.clone(),
                vec![
                    Edit::Set {
                        column,
                        index: pi,
                        persona: b,
                    },
                    Edit::Set {
                        column,
                        index: to,
                        persona: a,
                    },
                ],
                before,
            );
            state.columns[column.index()].cursor = state.doc.row_of(column, to, None);
            state.say(Tone::Success, format!("{label} — u undoes"));
        }
        Some(Row::Goal(pi, gi)) => {
            let mut p = ws.column(column)[pi].clone();
            let Some(to) = gi.checked_add_signed(delta).filter(|t| *t < p.goals.len()) else {
                return;
            };
            p.goals.swap(gi, to);
            let label = format!("move goal {:?}", p.goals[to].text);
            state.doc.apply(
                label.clone(),
                vec![Edit::Set {
                    column,
                    index: pi,
                    persona: p,
                }],
                before,
            );
            state.columns[column.index()].cursor = state.doc.row_of(column, pi, Some(to));
            state.say(Tone::Success, format!("{label} — u undoes"));
        }
        None => {}
    }
}

fn undo(state: &mut State) {
    let now = state.spot();
    match state.doc.undo(now) {
        Some((label, spot)) => {
            set_spot(state, spot);
            state.say(Tone::Info, format!("undone: {label} (Ctrl-r redoes)"));
        }
        None => state.say(Tone::Info, "nothing to undo"),
    }
}

fn redo(state: &mut State) {
    let now = state.spot();
    match state.doc.redo(now) {
        Some((label, spot)) => {
            set_spot(state, spot);
            state.say(Tone::Info, format!("redone: {label}"));
        }
        None => state.say(Tone::Info, "nothing to redo"),
    }
}

/// Space: mark a goal, or link / unlink the marked goal with this one.
fn link_key(state: &mut State) {
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
    let mut p = ws.column(low.column)[low.persona].clone();
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
        let here = state.spot();
        state.back.push(here);
        if state.back.len() > 100 {
            state.back.remove(0);
        }
        set_spot(state, spot);
        state.view = View::Board;
    }
}

/// Jumps from the selected goal to the first goal it supports (up) or that supports it (down).
fn follow_chain(state: &mut State, up: bool) {
    if state.view != View::Board {
        return;
    }
    let Some(id) = state.selected_goal_id() else {
        state.say(Tone::Info, "move to a goal first: ] and [ follow its links");
        return;
    };
    let index = &state.doc.derived().index;
    let next = if up {
        index
            .goal(state.doc.workspace(), id)
            .and_then(|g| g.supports.first())
    } else {
        index.supported_by(id).first()
    };
    match next.cloned() {
        Some(target) => {
            go_to(state, &Target::Goal(target));
            state.say(Tone::Info, "followed the link — Backspace goes back");
        }
        None => state.say(
            Tone::Info,
            if up {
                "this goal supports nothing yet (Space links it)"
            } else {
                "nothing supports this goal yet"
            },
        ),
    }
}

fn go_back(state: &mut State) {
    match state.back.pop() {
        Some(spot) => {
            set_spot(state, spot);
            state.say(Tone::Info, "back");
        }
        None => state.say(Tone::Info, "nowhere to go back to"),
    }
}

fn jump_from_list(state: &mut State) {
    let d = state.doc.derived();
    let line = match state.view {
        View::Board => return,
        View::Chains => d.chain_lines.get(state.list[0].cursor),
        View::Gaps => d.gap_lines.get(state.list[1].cursor),
    };
    match line.and_then(|l| l.target.clone()) {
        Some(target) => {
            go_to(state, &target);
            state.say(Tone::Info, "jumped — Backspace goes back");
        }
        None => state.say(Tone::Info, "pick a line with a goal or persona on it"),
    }
}

fn save(state: &mut State) -> Vec<Effect> {
    if state.saving {
        state.say(Tone::Info, "a save is already being written");
        return Vec::new();
    }
    state.saving = true;
    state.say(Tone::Info, "saving…");
    vec![Effect::Save {
        path: state.path.clone(),
        workspace: state.doc.workspace().clone(),
        state: state.doc.state(),
    }]
}

fn on_saved(state: &mut State, saved: u64, result: Result<(), String>) -> Vec<Effect> {
    state.saving = false;
    match result {
        Ok(()) => {
            state.saved_state = saved;
            state.new_file = false;
            state.say(Tone::Success, format!("saved {}", state.file_name()));
            state.keep_recovery = false;
            if state.quit_after_save {
                if saved != state.doc.state() {
                    // Changes were made while an older save was being written: save them too.
                    return save(state);
                }
                return vec![Effect::RemoveRecovery, Effect::Quit];
            }
            return vec![Effect::RemoveRecovery];
        }
        Err(why) => {
            state.quit_after_save = false;
            state.say(
                Tone::Error,
                format!("save failed: {why} — nothing was written; your changes are still here"),
            );
        }
    }
    Vec::new()
}

fn quit(state: &mut State) -> Vec<Effect> {
    if state.modified() && !state.read_only {
        state.mode = Mode::Prompt(Prompt::Quit);
        Vec::new()
    } else {
        vec![Effect::Quit]
    }
}

fn on_prompt_key(state: &mut State, chord: Chord) -> Vec<Effect> {
    let Mode::Prompt(prompt) = &state.mode else {
        return Vec::new();
    };
    let yes = matches!(chord.code, KeyCode::Char('y' | 'Y') | KeyCode::Enter);
    let no = matches!(chord.code, KeyCode::Char('n' | 'N'));
    let esc = chord.code == KeyCode::Esc;
    match prompt {
        Prompt::Quit => {
            if yes {
                state.mode = Mode::Normal;
                state.quit_after_save = true;
                return save(state);
            } else if no {
                return vec![Effect::Quit];
            } else if esc {
                state.mode = Mode::Normal;
                state.say(Tone::Info, "still here: nothing was lost");
            }
        }
        Prompt::Recovery { .. } => match chord.code {
            KeyCode::Char('r' | 'R') => {
                if let Some(ws) = state.recovered.take() {
                    state.doc.replace(ws);
                    // The restored content is not on disk yet.
                    state.saved_state = u64::MAX;
                }
                state.mode = Mode::Normal;
                state.say(
                    Tone::Success,
                    "restored the recovery copy — Ctrl-s saves it to the file",
                );
            }
            KeyCode::Char('d' | 'D') => {
                state.recovered = None;
                state.mode = Mode::Normal;
                state.say(Tone::Info, "recovery copy discarded");
                return vec![Effect::RemoveRecovery];
            }
            KeyCode::Esc => {
                state.recovered = None;
                state.keep_recovery = true;
                state.mode = Mode::Normal;
                state.say(
                    Tone::Info,
                    "recovery copy kept for later; showing the file as it is",
                );
            }
            _ => {}
        },
        Prompt::Delete { .. } => {
            if yes {
                state.mode = Mode::Normal;
                delete_selected(state);
            } else if no || esc {
                state.mode = Mode::Normal;
                state.say(Tone::Info, "kept: nothing was deleted");
            }
        }
    }
    Vec::new()
}

fn on_help_key(state: &mut State, chord: Chord) {
    let Mode::Help { scroll } = &mut state.mode else {
        return;
    };
    match chord.code {
        KeyCode::Down | KeyCode::Char('j') => *scroll += 1,
        KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
        KeyCode::PageDown | KeyCode::Char(' ') => *scroll += 10,
        KeyCode::PageUp => *scroll = scroll.saturating_sub(10),
        _ => state.mode = Mode::Normal,
    }
}

fn on_click(state: &mut State, x: u16, y: u16, double: bool) -> Vec<Effect> {
    if !matches!(state.mode, Mode::Normal | Mode::Linking { .. }) || state.view != View::Board {
        return Vec::new();
    }
    let areas = Areas::new(state.size, state.detail);
    for column in Column::ALL {
        let r = areas.columns[column.index()];
        if x >= r.x && x < r.x + r.width && y > r.y && y + 1 < r.y + r.height {
            let row = state.columns[column.index()].scroll + usize::from(y - r.y - 1);
            if row < state.doc.row_count(column) {
                state.column = column;
                state.columns[column.index()].cursor = row;
                if double && matches!(state.mode, Mode::Normal) {
                    return act(state, Action::Edit);
                }
            }
        }
    }
    Vec::new()
}

fn on_scroll(state: &mut State, x: u16, y: u16, down: bool) {
    if !matches!(state.mode, Mode::Normal | Mode::Linking { .. }) {
        return;
    }
    let delta = if down { 3 } else { -3 };
    if state.view == View::Board {
        let areas = Areas::new(state.size, state.detail);
        if let Some(column) = Column::ALL.into_iter().find(|c| {
            let r = areas.columns[c.index()];
            x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height
        }) {
            state.column = column;
        }
    }
    move_cursor(state, delta);
}
