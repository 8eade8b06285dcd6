//! What the editing keys do in every text field (SPEC §3, "what you type replaces what you did
//! not write"): the search box and the link picker's filter are a [`LineInput`], the form's
//! fields are ratatui-textarea's `TextArea`, and both take the same editing actions with the
//! same meaning — Ctrl-u deletes to the start of the line and Ctrl-w the word before the cursor,
//! as in a shell. Text the user did not write (the last query, a title the program made) is
//! shown selected: typing or deleting replaces all of it, → or End keeps it to edit. Which keys
//! do what is the keymap's business, not this module's.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea};

use super::Action;

/// The character a key types, if it types one (no Ctrl, no Alt, no control character): the
/// only keys a text field takes that are not the keymap's.
pub fn typed(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c)
            if !c.is_control()
                && !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    }
}

/// Where the word before char column `col` of `line` starts, as a shell's Ctrl-w sees words:
/// the spaces just before the cursor, then everything back to the space before that.
pub fn word_start(line: &str, col: usize) -> usize {
    let chars: Vec<char> = line.chars().take(col).collect();
    let mut at = chars.len();
    while at > 0 && chars[at - 1].is_whitespace() {
        at -= 1;
    }
    while at > 0 && !chars[at - 1].is_whitespace() {
        at -= 1;
    }
    at
}

/// Where the word at or after char column `col` of `line` ends (past its last character).
pub fn word_end(line: &str, col: usize) -> usize {
    let chars: Vec<char> = line.chars().collect();
    let mut at = col.min(chars.len());
    while at < chars.len() && chars[at].is_whitespace() {
        at += 1;
    }
    while at < chars.len() && !chars[at].is_whitespace() {
        at += 1;
    }
    at
}

/// One line of typed text with a cursor: the search box's query, the picker's filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// The cursor, in characters from the start.
    at: usize,
    /// The whole text is selected: the user did not write it, and typing replaces it.
    selected: bool,
}

impl LineInput {
    /// `text` with the cursor at its end.
    pub fn new(text: impl Into<String>) -> LineInput {
        let text = text.into();
        LineInput {
            at: text.chars().count(),
            text,
            selected: false,
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Where the cursor is, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.at
    }

    /// Whether the text is selected (typing replaces it).
    pub fn is_selected(&self) -> bool {
        self.selected && !self.text.is_empty()
    }

    /// Selects the whole text: it was not typed now, and typing replaces it.
    pub fn select_all(&mut self) {
        self.selected = !self.text.is_empty();
        self.at = self.text.chars().count();
    }

    fn byte(&self, col: usize) -> usize {
        self.text
            .char_indices()
            .nth(col)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Deletes the selected text, if there is any; returns whether there was.
    fn take_selection(&mut self) -> bool {
        if !std::mem::take(&mut self.selected) || self.text.is_empty() {
            return false;
        }
        self.text.clear();
        self.at = 0;
        true
    }

    /// Deletes the characters between char columns `from` and `to`; the cursor goes to `from`.
    fn delete(&mut self, from: usize, to: usize) -> bool {
        let (from, to) = (from.min(to), from.max(to));
        let (a, b) = (self.byte(from), self.byte(to));
        if a == b {
            return false;
        }
        self.text.replace_range(a..b, "");
        self.at = from;
        true
    }

    /// Types `s` at the cursor, replacing the selected text.
    pub fn insert(&mut self, s: &str) {
        self.take_selection();
        let i = self.byte(self.at);
        self.text.insert_str(i, s);
        self.at += s.chars().count();
    }

    /// Runs an editing action ([`Action::edits_text`]); returns whether the text changed.
    /// Other actions change nothing.
    pub fn edit(&mut self, action: Action) -> bool {
        let len = self.text.chars().count();
        let deletes = matches!(
            action,
            Action::DeleteBack
                | Action::DeleteForward
                | Action::DeleteToStart
                | Action::DeleteToEnd
                | Action::DeleteWord
        );
        if deletes && self.is_selected() {
            return self.take_selection();
        }
        let was_selected = std::mem::take(&mut self.selected);
        match action {
            Action::CursorLeft if was_selected => self.at = 0,
            Action::CursorLeft => self.at = self.at.saturating_sub(1),
            Action::CursorRight => {
                self.at = if was_selected {
                    len
                } else {
                    (self.at + 1).min(len)
                }
            }
            Action::WordLeft => self.at = word_start(&self.text, self.at),
            Action::WordRight => self.at = word_end(&self.text, self.at),
            Action::LineStart => self.at = 0,
            Action::LineEnd => self.at = len,
            Action::DeleteBack => return self.delete(self.at.saturating_sub(1), self.at),
            Action::DeleteForward => return self.delete(self.at, (self.at + 1).min(len)),
            Action::DeleteToStart => return self.delete(0, self.at),
            Action::DeleteToEnd => return self.delete(self.at, len),
            Action::DeleteWord => return self.delete(word_start(&self.text, self.at), self.at),
            // Not an editing key: the selection stays.
            _ => self.selected = was_selected,
        }
        false
    }
}

/// Runs an editing action ([`Action::edits_text`]) on a form field's text; returns whether the
/// text changed. Moves stay on the cursor's line (↑ ↓ between lines are the form's). With text
/// selected, a move ends the selection (← at its start, → and End at its end) and a delete
/// deletes it.
pub fn edit_area(text: &mut TextArea<'static>, action: Action) -> bool {
    if let Some((start, end)) = text.selection_range() {
        text.cancel_selection();
        match action {
            Action::DeleteBack
            | Action::DeleteForward
            | Action::DeleteToStart
            | Action::DeleteToEnd
            | Action::DeleteWord => {
                // Selected again, to delete it the library's way (across lines too).
                text.move_cursor(jump(start));
                text.start_selection();
                text.move_cursor(jump(end));
                return text.delete_char();
            }
            Action::CursorLeft => {
                text.move_cursor(jump(start));
                return false;
            }
            Action::CursorRight => {
                text.move_cursor(jump(end));
                return false;
            }
            _ => {}
        }
    }
    let (row, col) = text.cursor();
    let line = text.lines().get(row).cloned().unwrap_or_default();
    let len = line.chars().count();
    let to = |col: usize| jump((row, col));
    match action {
        Action::CursorLeft => text.move_cursor(CursorMove::Back),
        Action::CursorRight => text.move_cursor(CursorMove::Forward),
        Action::WordLeft => text.move_cursor(to(word_start(&line, col))),
        Action::WordRight => text.move_cursor(to(word_end(&line, col))),
        Action::LineStart => text.move_cursor(CursorMove::Head),
        Action::LineEnd => text.move_cursor(CursorMove::End),
        // Backspace at the start of a line joins it to the line above, as everywhere.
        Action::DeleteBack => return text.delete_char(),
        Action::DeleteForward => return text.delete_next_char(),
        Action::DeleteToStart => return delete_cols(text, row, 0, col),
        Action::DeleteToEnd => return delete_cols(text, row, col, len),
        Action::DeleteWord => return delete_cols(text, row, word_start(&line, col), col),
        _ => {}
    }
    false
}

fn jump((row, col): (usize, usize)) -> CursorMove {
    CursorMove::Jump(
        u16::try_from(row).unwrap_or(u16::MAX),
        u16::try_from(col).unwrap_or(u16::MAX),
    )
}

/// Deletes the characters between char columns `from` and `upto` of line `row`.
fn delete_cols(text: &mut TextArea<'static>, row: usize, from: usize, upto: usize) -> bool {
    if from >= upto {
        return false;
    }
    text.move_cursor(jump((row, from)));
    text.delete_str(upto - from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrl_w_takes_the_word_before_the_cursor_as_a_shell_does() {
        assert_eq!(word_start("log every call  ", 16), 10);
        assert_eq!(word_start("log every-call", 14), 4);
        assert_eq!(word_start("log", 0), 0);
        let mut line = LineInput::new("Update deals");
        assert!(line.edit(Action::DeleteWord));
        assert_eq!(line.text(), "Update ");
        assert!(line.edit(Action::DeleteWord));
        assert_eq!(line.text(), "");
        assert!(!line.edit(Action::DeleteWord), "nothing left to delete");
    }

    #[test]
    fn selected_text_is_replaced_by_typing_and_kept_by_right_or_end() {
        let mut line = LineInput::new("Update deals");
        line.select_all();
        line.insert("L");
        assert_eq!(line.text(), "L");
        for keep in [Action::CursorRight, Action::LineEnd] {
            let mut line = LineInput::new("Update deals");
            line.select_all();
            assert!(!line.edit(keep));
            assert!(!line.is_selected());
            line.insert("!");
            assert_eq!(line.text(), "Update deals!");
        }
        let mut line = LineInput::new("Update deals");
        line.select_all();
        line.edit(Action::CursorLeft);
        line.insert("¡");
        assert_eq!(
            line.text(),
            "¡Update deals",
            "← goes to the selection's start"
        );
        line.select_all();
        assert!(line.edit(Action::DeleteBack));
        assert_eq!(line.text(), "", "a delete takes the whole selection");
    }

    #[test]
    fn ctrl_u_and_ctrl_k_cut_the_line_at_the_cursor_in_both_kinds_of_field() {
        let mut line = LineInput::new("héllo wörld");
        line.edit(Action::WordLeft);
        assert!(line.edit(Action::DeleteToStart));
        assert_eq!(line.text(), "wörld");
        line.edit(Action::CursorRight);
        assert!(line.edit(Action::DeleteToEnd));
        assert_eq!(line.text(), "w");

        let mut area = TextArea::new(vec!["first".into(), "héllo wörld".into()]);
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        edit_area(&mut area, Action::WordLeft);
        assert!(edit_area(&mut area, Action::DeleteToStart));
        assert_eq!(area.lines(), ["first", "wörld"]);
        assert!(
            !edit_area(&mut area, Action::DeleteToStart),
            "the line above stays"
        );
        edit_area(&mut area, Action::CursorRight);
        assert!(edit_area(&mut area, Action::DeleteToEnd));
        assert_eq!(area.lines(), ["first", "w"]);
        edit_area(&mut area, Action::LineEnd);
        assert!(edit_area(&mut area, Action::DeleteWord));
        assert_eq!(area.lines(), ["first", ""]);
    }

    #[test]
    fn a_selected_text_area_is_kept_or_replaced_like_a_line() {
        let mut area = TextArea::new(vec!["built".into()]);
        area.select_all();
        assert!(edit_area(&mut area, Action::DeleteWord));
        assert_eq!(area.lines(), [""]);
        let mut area = TextArea::new(vec!["built".into()]);
        area.select_all();
        assert!(!edit_area(&mut area, Action::LineEnd));
        assert!(!area.is_selecting());
        area.insert_char('!');
        assert_eq!(area.lines(), ["built!"]);
    }
}
