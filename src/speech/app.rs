//! The app's screen-reader mode (SPEC §13): a second view over the same state. The state decides
//! what is selected; this says it, as lines of plain text. [`focus`] is what the cursor is on
//! now; [`Speaker`] decides which lines to write after a key (only what changed, messages on
//! lines of their own, what is typed into a form echoed without repeating the field).

use crate::app::form::FieldKind;
use crate::app::picker::PickLine;
use crate::app::prompts::{self, Fit, Question};
use crate::app::{Mode, Row, State};
use crate::model::{Column, Workspace};
use crate::text::visible;

use super::{goal_body, persona_body, sentence};

/// What the cursor is on, said in full. `context` names the thing (a board row, a form
/// field): text typed into the same form field is echoed, not said again whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    pub context: String,
    pub lines: Vec<String>,
}

impl Focus {
    fn one(context: impl Into<String>, line: String) -> Focus {
        Focus {
            context: context.into(),
            lines: vec![line],
        }
    }
}

/// The position of a goal among all goals of its column (1-based), and how many there are.
fn goal_place(ws: &Workspace, column: Column, persona: usize, goal: usize) -> (usize, usize) {
    let personas = ws.column(column);
    let before: usize = personas.iter().take(persona).map(|p| p.goals.len()).sum();
    let total: usize = personas.iter().map(|p| p.goals.len()).sum();
    (before + goal + 1, total)
}

/// The board's selected row as a sentence.
fn board(state: &State) -> String {
    let ws = state.doc.workspace();
    let index = &state.doc.derived().index;
    let column = state.column;
    let personas = ws.column(column);
    match state.selected() {
        Some(Row::Goal(p, g)) => {
            match personas.get(p).and_then(|pe| Some((pe, pe.goals.get(g)?))) {
                Some((persona, goal)) => {
                    let (n, of) = goal_place(ws, column, p, g);
                    format!(
                        "Goal {n} of {of} in {column}, {}",
                        goal_body(ws, index, column, persona, goal)
                    )
                }
                None => format!("{column}: nothing here."),
            }
        }
        Some(Row::Persona(p)) => match personas.get(p) {
            Some(persona) => format!(
                "Persona {} of {} in {column}: {}",
                p + 1,
                personas.len(),
                persona_body(column, persona)
            ),
            None => format!("{column}: nothing here."),
        },
        None => format!("{column} column: no personas. Press p to add one."),
    }
}

/// The selected line of a list view (Chains, Gaps), named as `app::views::VIEWS` names it.
fn list(state: &State) -> String {
    let spec = state.view.spec();
    let Some(list) = &spec.list else {
        return board(state);
    };
    let name = spec.name;
    let cursor = (list.cursor)(&state.views).cursor;
    let (line, count) = (list.selected(state), (list.len)(state));
    match line {
        Some(line) => {
            let mut text = String::new();
            if let Some(code) = line.code {
                text.push_str(&format!("finding: {}, ", super::code_words(code)));
            }
            text.push_str(&visible(line.text.trim()));
            format!("{name}, line {} of {count}: {text}", cursor + 1)
        }
        None => format!("{name}: empty."),
    }
}

/// A question as one line: its title, its lines and its answers with their keys, the keys
/// those of the keymap ("y or Enter: save and quit.").
fn question(q: &Question) -> String {
    let mut title = speakable(&q.title);
    if let Some(first) = title.get(..1) {
        title = first.to_uppercase() + &title[1..];
    }
    let mut out = if title.ends_with('?') {
        title
    } else {
        format!("{title}.")
    };
    // A list's items are said as one sentence: "such as: A; B."
    let mut items: Vec<String> = Vec::new();
    for line in &q.lines {
        let text = line.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.item {
            items.push(text);
            continue;
        }
        if !items.is_empty() {
            out.push_str(&format!(" {}", sentence(&items.join("; "))));
            items.clear();
        }
        let keys: Vec<String> = line.keys.iter().map(|k| key_word(k)).collect();
        let text = if keys.is_empty() {
            text
        } else {
            format!("{}: {text}", keys.join(" or "))
        };
        if !text.is_empty() {
            out.push(' ');
            out.push_str(&if text.ends_with(':') {
                text
            } else {
                sentence(&text)
            });
        }
    }
    if !items.is_empty() {
        out.push_str(&format!(" {}", sentence(&items.join("; "))));
    }
    for (keys, label) in &q.answers {
        let keys: Vec<String> = keys.split(" / ").map(key_word).collect();
        out.push_str(&format!(" {}: {}.", keys.join(" or "), speakable(label)));
    }
    out
}

/// A key's name as a speech synthesizer reads it well: Escape, not Esc.
fn key_word(name: &str) -> String {
    match name {
        "Esc" => "Escape".to_string(),
        _ => speakable(name),
    }
}

/// The focused field of a form: "Field Text: what it holds".
fn form(form: &crate::app::Form, keymap: &crate::app::Keymap) -> Focus {
    if form.asking {
        return Focus::one("form-asking", question(&prompts::discard(keymap)));
    }
    let Some(field) = form.focused() else {
        return Focus::one("form", "Form: no fields.".into());
    };
    let context = format!("form {} {}", form.fields.len(), form.focus);
    let place = format!(
        "Field {} of {}, {}",
        form.focus + 1,
        form.fields.len(),
        field.label
    );
    let line = match field.kind {
        FieldKind::Choice(choices) => {
            let all: Vec<&str> = choices.iter().map(|c| c.label()).collect();
            format!(
                "{place}, choice: {}. Choices: {}.",
                field.kind.choice_label(field.choice),
                all.join(", ")
            )
        }
        FieldKind::Line | FieldKind::Multi | FieldKind::List => {
            format!("{place}: {}", visible(&field.text.lines().join(" / ")))
        }
    };
    Focus::one(context, line)
}

/// The highlighted goal of the link picker.
fn picker(state: &State, picker: &crate::app::picker::Picker) -> String {
    let ws = state.doc.workspace();
    let index = &state.doc.derived().index;
    let filter = if picker.filter.is_empty() {
        String::new()
    } else {
        format!(" Filter: {}.", visible(picker.filter.text()))
    };
    match picker.current() {
        Some(line @ PickLine::Goal(column, p, g)) => {
            let Some(persona) = ws.column(column).get(p) else {
                return "Link picker: nothing here.".into();
            };
            let text = persona
                .goals
                .get(g)
                .map_or(String::new(), |goal| sentence(&goal.text));
            let linked = if picker.linked(ws, index, line) {
                "linked"
            } else {
                "not linked"
            };
            format!(
                "Link picker, goal {} of {}, {linked}: {text} Persona {} in {column}.{filter}",
                picker.cursor + 1,
                picker.goals.len(),
                visible(persona.name.trim())
            )
        }
        _ => format!("Link picker: no goals to link.{filter}"),
    }
}

fn search(search: &crate::app::search::Search) -> String {
    let query = visible(search.query());
    match search.hits.get(search.cursor) {
        Some(hit) => {
            format!(
                "Search {query}: match {} of {}, {} {}: {}",
                search.cursor + 1,
                search.total,
                hit.column.noun(),
                hit.field.to_lowercase(),
                sentence(&hit.text)
            ) + &if hit.context.is_empty() {
                String::new()
            } else {
                format!(" Of {}.", visible(hit.context.trim()))
            }
        }
        None if search.query().is_empty() => "Search: type what to find.".into(),
        None => format!("Search {query}: no matches."),
    }
}

/// The goal highlighted when choosing which link to follow.
fn pick(state: &State, pick: &crate::app::Pick) -> String {
    let ws = state.doc.workspace();
    let index = &state.doc.derived().index;
    let text = pick
        .goals
        .get(pick.cursor)
        .and_then(|id| index.goal(ws, id))
        .map_or(String::new(), |g| sentence(&g.text));
    format!(
        "Follow the chain {}, goal {} of {}: {text}",
        if pick.up { "up" } else { "down" },
        pick.cursor + 1,
        pick.goals.len()
    )
}

/// Key names and marks as words a speech synthesizer reads well: arrows are Left, Right, Up
/// and Down, the middle dot a comma.
fn speakable(text: &str) -> String {
    text.replace('←', "Left")
        .replace('→', "Right")
        .replace('↑', "Up")
        .replace('↓', "Down")
        .replace(" · ", ", ")
}

/// Help as plain text, one line of the help screen a line. The section on the board's symbols
/// is left out: screen-reader mode draws none of them.
fn help(state: &State) -> Vec<String> {
    let theme = crate::ui::theme::Theme::mono();
    let mut out = vec!["Help. Escape closes it.".to_string()];
    let mut symbols = false;
    for line in crate::ui::help::help_lines(state, &theme, 100) {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let text = text.trim();
        if text.starts_with("Symbols on the board") {
            symbols = true;
        } else if symbols && text.starts_with("Five keys") {
            symbols = false;
        }
        if !text.is_empty() && !symbols {
            out.push(speakable(&visible(text)));
        }
    }
    out
}

/// What the cursor is on now, in every mode.
pub fn focus(state: &State) -> Focus {
    match &state.mode {
        Mode::Form(f) => form(f, &state.keymap),
        Mode::Prompt(p) => Focus::one("prompt", question(&prompts::describe(state, p, Fit::Whole))),
        Mode::Help { .. } => Focus {
            context: "help".into(),
            lines: help(state),
        },
        Mode::Pick(p) => Focus::one("pick", pick(state, p)),
        Mode::Search(s) => Focus::one("search", search(s)),
        Mode::LinkPicker(p) => Focus::one("picker", picker(state, p)),
        Mode::Normal => match state.view.list() {
            None => Focus::one("board", board(state)),
            Some(_) => Focus::one("list", list(state)),
        },
    }
}

/// Decides what to write after each key: the message when a new one appeared, then the focus
/// when it changed (a message alone does not say the unchanged focus again). Text typed into the same form field is echoed as it is typed.
#[derive(Debug, Default)]
pub struct Speaker {
    last: Option<Focus>,
    message: Option<String>,
}

/// What to write: `echo` continues the line at the cursor, each of `lines` starts a new one.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Said {
    pub echo: String,
    pub lines: Vec<String>,
}

impl Speaker {
    pub fn say(&mut self, state: &State) -> Said {
        let mut said = Said::default();
        let message = state.message.as_ref().map(|m| m.text.clone());
        if message != self.message {
            if let Some(text) = &message {
                said.lines.push(format!("Message: {}", visible(text)));
            }
            self.message = message;
        }
        let now = focus(state);
        let typed = match &self.last {
            Some(last) if last.context == now.context && last.context.starts_with("form ") => {
                match (last.lines.first(), now.lines.first()) {
                    (Some(old), Some(new)) if new.starts_with(old.as_str()) && new != old => {
                        Some(new[old.len()..].to_string())
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        if self.last.as_ref() != Some(&now) {
            match typed {
                Some(echo) if said.lines.is_empty() => said.echo = echo,
                _ => said.lines.extend(now.lines.iter().cloned()),
            }
        }
        self.last = Some(now);
        said
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Event, update};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(state: &mut State, code: KeyCode) {
        let _ = update(state, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    #[test]
    fn the_board_says_the_goal_under_the_cursor_in_full() {
        let mut state = State::new(crate::store::example(), "acme.ron".into());
        let mut speaker = Speaker::default();
        let first = speaker.say(&state);
        assert!(
            first.lines[0].starts_with("Persona 1 of 3 in Users: The Employee"),
            "{first:?}"
        );
        key(&mut state, KeyCode::Down);
        let said = speaker.say(&state);
        assert_eq!(said.lines.len(), 1, "{said:?}");
        assert!(
            said.lines[0].starts_with(
                "Goal 1 of 8 in Users, persona The Employee: Log every customer call in under a minute."
            ),
            "{said:?}"
        );
        assert_eq!(
            speaker.say(&state),
            Said::default(),
            "nothing new, nothing said"
        );
    }

    #[test]
    fn typing_in_a_form_echoes_only_what_is_typed() {
        let mut state = State::new(crate::store::example(), "acme.ron".into());
        let mut speaker = Speaker::default();
        key(&mut state, KeyCode::Char('t'));
        let said = speaker.say(&state);
        assert!(said.lines.iter().any(|l| l.contains("Title")), "{said:?}");
        key(&mut state, KeyCode::End);
        let _ = speaker.say(&state);
        key(&mut state, KeyCode::Char('!'));
        let said = speaker.say(&state);
        assert_eq!(said.echo, "!", "{said:?}");
        assert!(said.lines.is_empty(), "{said:?}");
    }

    /// The screen's text of the whole app drawn at 120×40.
    fn screen(state: &State) -> String {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("terminal");
        terminal.draw(|f| crate::ui::view(state, f)).expect("draws");
        let buf = terminal.backend().buffer().clone();
        buf.content
            .chunks(usize::from(buf.area.width))
            .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn a_remapped_answer_key_is_shown_in_the_box_and_said_by_the_screen_reader() {
        use crate::app::keys::Chord;
        use crate::app::{Action, Keymap, Mode, Prompt};
        let j = Chord::parse("j").expect("parses");
        let keymap = Keymap::default()
            .remapped(&[(Action::Yes, vec![j])])
            .expect("j answers no question yet");
        let mut state = State::new(crate::store::example(), "acme.ron".into());
        state.keymap = keymap;
        state.mode = Mode::Prompt(Prompt::Quit);
        let shown = screen(&state);
        assert!(shown.contains("│j save and quit"), "{shown}");
        assert!(!shown.contains("y / Enter save and quit"), "{shown}");
        let said = focus(&state).lines.join("\n");
        assert!(said.contains("j: save and quit"), "{said}");
        assert!(!said.contains("y "), "the old key is not said: {said}");
        // The key really answers: j saves and quits.
        key(&mut state, KeyCode::Char('j'));
        assert!(state.quit_after_save, "j saved and quits");
    }
}
