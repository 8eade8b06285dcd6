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
    /// The three column boxes (with borders).
    pub columns: [Rect; 3],
    pub detail: Option<Rect>,
    pub status: Rect,
    pub hints: Rect,
}

impl Areas {
    pub fn too_small(size: (u16, u16)) -> bool {
        size.0 < MIN_WIDTH || size.1 < MIN_HEIGHT
    }

    pub fn new(size: (u16, u16), detail: bool) -> Areas {
        let area = Rect::new(0, 0, size.0, size.1);
        let [body, status, hints] = Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(1),
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
        let columns = Layout::horizontal([Constraint::Fill(1); 3]).areas(main);
        Areas {
            main,
            columns,
            detail,
            status,
            hints,
        }
    }

    /// Rows of a column that fit inside its border.
    pub fn column_rows(&self) -> usize {
        usize::from(self.columns[0].height.saturating_sub(2))
    }

    /// Lines of the Chains or Gaps list (inside its border, under its heading line).
    pub fn list_rows(&self) -> usize {
        usize::from(self.main.height.saturating_sub(3))
    }
}
