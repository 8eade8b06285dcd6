//! Where things go on the screen, as a pure function of the terminal size. `view` draws into
//! these areas; `update` uses the same areas to turn a mouse click into a row and to know how
//! many rows a page is.

use ratatui::layout::{Constraint, Layout, Rect};

/// The smallest screen the board is drawn on; below it "terminal too small" is shown.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// The main area: the three columns, or the Chains / Gaps list.
    pub main: Rect,
    /// The three columns: a title line on top (with the counts), the rows under it.
    pub columns: [Rect; 3],
    /// The gutters between the columns, where links are drawn (users | departments,
    /// departments | buyers), as tall as the rows.
    pub gutters: [Rect; 2],
    pub detail: Option<Rect>,
    pub status: Rect,
    pub hints: Rect,
}

impl Areas {
    pub fn too_small(size: (u16, u16)) -> bool {
        size.0 < MIN_WIDTH || size.1 < MIN_HEIGHT
    }

    pub fn new(size: (u16, u16), detail: bool) -> Areas {
        Areas::with_status(size, detail, 1)
    }

    /// The areas for the state: the status bar takes a second line while its message needs it.
    pub fn of(state: &super::State) -> Areas {
        let lines = if status::message_lines(state).1.is_empty() {
            1
        } else {
            2
        };
        Areas::with_status(state.size, state.detail, lines)
    }

    pub fn with_status(size: (u16, u16), detail: bool, status_lines: u16) -> Areas {
        let area = Rect::new(0, 0, size.0, size.1);
        let [body, status, hints] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(status_lines),
            Constraint::Length(1),
        ])
        .areas(area);
        let (main, detail) = if detail {
            // On a small screen the pane gets half, so a goal's links fit; on a big one 2/5.
            let share = if body.height < 30 {
                body.height / 2
            } else {
                body.height * 2 / 5
            };
            let detail_height = share.max(6).min(body.height.saturating_sub(5));
            let [main, detail] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(detail_height)])
                    .areas(body);
            (main, Some(detail))
        } else {
            (body, None)
        };
        let (columns, gutters) = board(main);
        Areas {
            main,
            columns,
            gutters,
            detail,
            status,
            hints,
        }
    }

    /// Lines of a column under its title line.
    pub fn column_rows(&self) -> usize {
        usize::from(self.columns[0].height.saturating_sub(1))
    }

    /// Where a column's rows are drawn: under its title line.
    pub fn column_inner(&self, column: usize) -> Rect {
        below_title(self.columns[column])
    }

    /// Lines of the Chains or Gaps list (inside its border, under its heading line).
    pub fn list_rows(&self) -> usize {
        usize::from(self.main.height.saturating_sub(3))
    }
}

/// The part of a column (or gutter) under the title line.
pub fn below_title(r: Rect) -> Rect {
    Rect {
        y: r.y.saturating_add(1).min(r.bottom()),
        height: r.height.saturating_sub(1),
        ..r
    }
}

/// The board in an area: three columns and the two gutters between them (under the title
/// line). Narrower gutters on a small screen, never none.
pub fn board(main: Rect) -> ([Rect; 3], [Rect; 2]) {
    let gutter = if main.width >= 110 { 5 } else { 3 };
    let [a, g1, b, g2, c] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(gutter),
        Constraint::Fill(1),
        Constraint::Length(gutter),
        Constraint::Fill(1),
    ])
    .areas(main);
    ([a, b, c], [below_title(g1), below_title(g2)])
}

/// What the status bar shows, as text: the app's layout depends on whether its message fits.
pub mod status {
    use unicode_width::UnicodeWidthStr;

    use crate::app::State;
    use crate::app::cells::cut;

    /// The file name, cut to 30 cells.
    pub fn file_part(state: &State) -> String {
        format!(" {} ", cut(&crate::text::visible(&state.file_name()), 30))
    }

    /// The markers after the file name.
    pub fn markers(state: &State) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if state.modified() {
            out.push(("warning", "[+] modified ".to_string()));
        }
        if state.new_file {
            out.push(("dim", "[new file] ".to_string()));
        }
        if let Some(f) = &state.filter {
            out.push(("warning", format!("[only: {}] ", cut(&f.name, 24))));
        }
        if state.read_only {
            out.push(("warning", "[read-only] ".to_string()));
        }
        if state.unprotected.is_some() {
            out.push(("warning", "[no recovery copies] ".to_string()));
        }
        if let Some(room) = state.room.status() {
            out.push(("room", format!("[{room}] ")));
        }
        match state.doc.workspace().conflicts.len() {
            0 => {}
            1 => out.push(("warning", "[1 conflict: 3 Gaps] ".to_string())),
            n => out.push(("warning", format!("[{n} conflicts: 3 Gaps] "))),
        }
        out
    }

    /// The workspace title after the markers (empty when it has none), cut to a sixth of the
    /// width so the message and the coverage figure keep their room.
    pub fn title_part(state: &State) -> String {
        let title = state.doc.workspace().title.trim();
        if title.is_empty() {
            return String::new();
        }
        let cells = usize::from(state.size.0);
        format!(
            "{} ",
            cut(&crate::text::visible(title), (cells / 6).clamp(8, 28))
        )
    }

    /// The coverage figure, long when there is room for it.
    pub fn coverage(state: &State, long: bool) -> String {
        let cov = state.doc.derived().coverage;
        if long {
            format!(
                " coverage {}/{} user goals reach a buyer ",
                cov.reached, cov.total
            )
        } else {
            format!(" coverage {}/{} ", cov.reached, cov.total)
        }
    }

    /// The message split for the status bar: the part on its first line (after the file name
    /// and markers, before the coverage figure) and the part wrapped onto a second line
    /// (empty when it all fits).
    pub fn message_lines(state: &State) -> (String, String) {
        let Some(m) = &state.message else {
            return (String::new(), String::new());
        };
        let cells = usize::from(state.size.0);
        let used = file_part(state).width()
            + markers(state).iter().map(|(_, m)| m.width()).sum::<usize>()
            + title_part(state).width();
        let room = cells.saturating_sub(used + coverage(state, false).width());
        let text = crate::text::visible(&m.text);
        if text.width() <= room {
            return (text.into_owned(), String::new());
        }
        // Fill the first line with whole words; the rest goes below.
        let mut first = String::new();
        let mut rest: Vec<&str> = Vec::new();
        for word in text.split_whitespace() {
            let grown = first.width() + usize::from(!first.is_empty()) + word.width();
            if rest.is_empty() && grown <= room {
                if !first.is_empty() {
                    first.push(' ');
                }
                first.push_str(word);
            } else {
                rest.push(word);
            }
        }
        (first, cut(&format!(" {}", rest.join(" ")), cells))
    }
}
