//! Opening, typing into and committing the edit form.

use super::search::paste_into_search;
use super::*;

pub(super) fn open_edit(state: &mut State) {
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

pub(super) fn open_new_persona(state: &mut State) {
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

/// `t`: the form for the workspace title. A title the program made (the one a blank workspace
/// takes from its file name, whoever wrote the file) opens selected: typing replaces it.
pub(super) fn open_title(state: &mut State) {
    let title = &state.doc.workspace().title;
    let mut form = Form::for_title(title);
    if !title.is_empty() && *title == crate::model::blank_title(&state.path) {
        form.select_focused();
    }
    state.mode = Mode::Form(Box::new(form));
}

pub(super) fn open_new_goal(state: &mut State) {
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

pub(super) fn on_form_key(state: &mut State, key: KeyEvent, action: Option<Action>) -> Vec<Effect> {
    let Mode::Form(form) = &mut state.mode else {
        return Vec::new();
    };
    let field_kind = form.focused().map(|f| f.kind);
    let multiline = form.focused().is_some_and(|f| f.is_multiline());
    let choice = matches!(field_kind, Some(FieldKind::Choice(_)));
    if form.asking {
        match action {
            Some(Action::Yes) => {
                let first_goal = form.first_goal;
                state.mode = Mode::Normal;
                say_cancelled(state, first_goal, "discarded what you typed");
            }
            Some(Action::No) => {
                form.asking = false;
                state.say(Tone::Info, "still editing: nothing was lost");
            }
            _ => {}
        }
        return Vec::new();
    }
    match action {
        Some(Action::Cancel) if form.changed() => {
            form.asking = true;
            let yes = state
                .keymap
                .first_key(super::super::KeyMode::DiscardPrompt, Action::Yes);
            let no = state
                .keymap
                .first_key(super::super::KeyMode::DiscardPrompt, Action::No);
            state.say(
                Tone::Warning,
                format!("discard what you typed? {yes} / {no}"),
            );
        }
        Some(Action::Cancel) => {
            let first_goal = form.first_goal;
            state.mode = Mode::Normal;
            say_cancelled(state, first_goal, "cancelled: nothing changed");
        }
        Some(Action::OpenEditor) => match form.focused() {
            Some(f) if f.is_text() => return vec![Effect::EditText(f.text.lines().join("\n"))],
            _ => state.say(
                Tone::Info,
                "$EDITOR edits text fields; this one is a choice",
            ),
        },
        Some(Action::Commit) => return commit_form(state),
        Some(Action::FormEnter) => {
            if form.is_last_field() {
                return commit_form(state);
            } else {
                form.focus += 1;
            }
        }
        Some(Action::NextField) => {
            form.focus = (form.focus + 1) % form.fields.len().max(1);
        }
        Some(Action::PrevField) => {
            form.focus = form
                .focus
                .checked_sub(1)
                .unwrap_or(form.fields.len().saturating_sub(1));
        }
        // ↑ ↓ move within a multi-line field, and to the next field from its edge.
        Some(Action::Down) if !multiline || at_edge(form, true) => {
            form.focus = (form.focus + 1) % form.fields.len().max(1);
        }
        Some(Action::Up) if !multiline || at_edge(form, false) => {
            form.focus = form
                .focus
                .checked_sub(1)
                .unwrap_or(form.fields.len().saturating_sub(1));
        }
        Some(Action::Down | Action::Up) => {
            if let Some(f) = form.focused_mut() {
                f.text.cancel_selection();
                f.text.move_cursor(if action == Some(Action::Down) {
                    ratatui_textarea::CursorMove::Down
                } else {
                    ratatui_textarea::CursorMove::Up
                });
            }
        }
        Some(Action::NewLine) => {
            if multiline && let Some(f) = form.focused_mut() {
                f.text.insert_newline();
            }
        }
        // The editing keys of every text field (SPEC §3).
        Some(action) if action.edits_text() => {
            if let Some(f) = form.focused_mut()
                && f.is_text()
                && crate::app::typing::edit_area(&mut f.text, action)
            {
                form.error = None;
            }
        }
        Some(Action::ChoiceNext | Action::ChoicePrev) if choice => {
            if let Some(f) = form.focused_mut()
                && let FieldKind::Choice(_) = f.kind
            {
                let n = f.kind.choice_count().max(1);
                f.choice = if action == Some(Action::ChoiceNext) {
                    (f.choice + 1) % n
                } else {
                    (f.choice + n - 1) % n
                };
            }
        }
        // A letter on a choice field picks the next choice that starts with it.
        None if choice
            && !key.modifiers.intersects(
                ratatui::crossterm::event::KeyModifiers::CONTROL
                    | ratatui::crossterm::event::KeyModifiers::ALT,
            )
            && matches!(key.code, ratatui::crossterm::event::KeyCode::Char(c) if c.is_alphanumeric()) =>
        {
            if let (Some(f), ratatui::crossterm::event::KeyCode::Char(letter)) =
                (form.focused_mut(), key.code)
            {
                match f.choice_by_letter(letter) {
                    Some(k) => f.choice = k,
                    None => {
                        let labels: Vec<&str> = (1..f.kind.choice_count())
                            .map(|k| f.kind.choice_label(k))
                            .collect();
                        let text = format!(
                            "no {} starts with {letter:?}: {}",
                            f.label.to_lowercase(),
                            labels.join(", ")
                        );
                        state.say(Tone::Info, text);
                    }
                }
            }
        }
        // Typed text is input, not an action. Only a key that types a character reaches the
        // text area, and without its own shortcuts: every other editing key is the keymap's.
        None => {
            if let Some(f) = form.focused_mut()
                && f.is_text()
                && crate::app::typing::typed(&key).is_some()
                && f.text.input_without_shortcuts(key)
            {
                form.error = None;
            }
        }
        Some(_) => {}
    }
    Vec::new()
}

/// Closes a form without a change; after a new persona, says that no goal was added.
fn say_cancelled(state: &mut State, first_goal: bool, text: &str) {
    if first_goal {
        state.say(
            Tone::Info,
            "no goal added: the persona is saved without one — g adds a goal, u undoes the persona",
        );
    } else {
        state.say(Tone::Info, text);
    }
}

/// Puts the text `$EDITOR` came back with into the focused field (one line for a one-line
/// field).
pub(super) fn on_edited(state: &mut State, result: Result<String, String>) {
    let Mode::Form(form) = &mut state.mode else {
        return;
    };
    match result {
        Ok(text) => {
            if let Some(f) = form.focused_mut() {
                let text = text
                    .strip_suffix('\n')
                    .unwrap_or(&text)
                    .replace("\r\n", "\n");
                let lines: Vec<String> = if f.is_multiline() {
                    text.split('\n').map(str::to_string).collect()
                } else {
                    vec![text.split('\n').collect::<Vec<_>>().join(" ")]
                };
                f.text = ratatui_textarea::TextArea::new(lines);
                f.text.move_cursor(ratatui_textarea::CursorMove::Bottom);
                f.text.move_cursor(ratatui_textarea::CursorMove::End);
            }
            state.say(
                Tone::Info,
                "text from $EDITOR is in the form: Ctrl-s saves it",
            );
        }
        Err(why) => state.say(Tone::Error, format!("$EDITOR did not run: {why}")),
    }
}

/// Whether the cursor of the focused multi-line field is on its last (or first) line.
pub(super) fn at_edge(form: &Form, bottom: bool) -> bool {
    form.focused().is_none_or(|f| {
        let (row, _) = f.text.cursor();
        if bottom {
            row + 1 >= f.text.lines().len()
        } else {
            row == 0
        }
    })
}

pub(super) fn on_paste(state: &mut State, text: &str) {
    if paste_into_search(state, text) {
        return;
    }
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

pub(super) fn commit_form(state: &mut State) -> Vec<Effect> {
    let Mode::Form(form) = &state.mode else {
        return Vec::new();
    };
    let form = form.clone();
    let before = state.spot();
    let result = match form.target {
        FormTarget::Conflict { index } => {
            super::conflicts::commit_edit(state, index, form.resolved());
            return Vec::new();
        }
        FormTarget::Title => {
            let title = form.title();
            let edits = if title == state.doc.workspace().title {
                Vec::new()
            } else {
                vec![Edit::Title(title.clone())]
            };
            state.mode = Mode::Normal;
            if edits.is_empty() {
                state.say(Tone::Info, "no change");
            } else {
                state.doc.apply(format!("title {title:?}"), edits, before);
                state.say(Tone::Success, format!("title {title:?} — u undoes"));
            }
            return Vec::new();
        }
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
                return Vec::new();
            }
            let was = state.doc.state();
            state.doc.apply(label.clone(), edits, before);
            state.column = column;
            state.columns[column.index()].cursor = state.doc.row_of(column, persona, goal);
            if let FormTarget::NewPersona { .. } = form.target {
                // A new persona goes on to its first goal (Esc there adds none).
                // From a room proposal: its goal fills the first-goal form.
                let goal = form
                    .proposal
                    .as_deref()
                    .map(crate::room::Proposal::goal)
                    .unwrap_or_default();
                let mut next = Form::for_goal(
                    FormTarget::NewGoal {
                        column,
                        persona,
                        index: 0,
                    },
                    &goal,
                );
                next.first_goal = true;
                next.proposal = form.proposal.clone();
                state.mode = Mode::Form(Box::new(next));
                state.say(
                    Tone::Success,
                    format!("{label} — now its first goal (Esc: none; u undoes)"),
                );
                return Vec::new();
            }
            state.say(Tone::Success, format!("{label} — u undoes"));
            if let (FormTarget::NewGoal { .. }, Some(p)) = (form.target, form.proposal.as_deref()) {
                return super::room::taken(state, p.id, was);
            }
        }
        Err(why) => {
            if let Mode::Form(form) = &mut state.mode {
                form.error = Some(why.clone());
                form.focus = 0;
            }
            state.say(Tone::Error, why);
        }
    }
    Vec::new()
}
