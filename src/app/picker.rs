//! The link picker (Space on a goal, SPEC §4): the goals one goal can link to, in sections per
//! neighbouring column, grouped under their personas, filtered fuzzily as search is. Pure: the
//! lines are positions into the workspace (no text is copied, so a picker over 60,000 goals
//! opens within a frame), and where it sits on screen is a function of the terminal size, so
//! `update` maps a click to a line through the same layout `ui::picker` draws with.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use ratatui::layout::Rect;

use super::layout::Areas;
use crate::model::{Column, LinkIndex, Workspace};

/// One line of the picker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickLine {
    /// A section heading: the goals of this column.
    Section(Column),
    /// A persona heading: the persona at this index of the column.
    Persona(Column, usize),
    /// A goal: persona and goal index in the column.
    Goal(Column, usize, usize),
}

/// The open picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    /// The goal the picker was opened on.
    pub from: String,
    pub column: Column,
    /// What is typed (no spaces: Space toggles).
    pub filter: String,
    pub lines: Vec<PickLine>,
    /// Where in `lines` each goal line is, in order.
    pub goals: Vec<usize>,
    /// The highlighted goal, an index into `goals`.
    pub cursor: usize,
    /// The first line shown.
    pub scroll: usize,
}

impl Picker {
    /// The picker of the goal `from` in `column`, with every goal it can link to.
    pub fn open(ws: &Workspace, from: String, column: Column) -> Picker {
        let mut p = Picker {
            from,
            column,
            filter: String::new(),
            lines: Vec::new(),
            goals: Vec::new(),
            cursor: 0,
            scroll: 0,
        };
        p.rebuild(ws);
        p
    }

    /// The columns listed, in order: the one above (the goals it can support), then the one
    /// below (the goals that can support it).
    pub fn sections(column: Column) -> Vec<Column> {
        [column.up(), column.down()].into_iter().flatten().collect()
    }

    /// Builds the lines again for the filter. The highlight goes to the best match (the
    /// first goal listed when nothing is typed, or on a tie).
    pub fn rebuild(&mut self, ws: &Workspace) {
        self.lines.clear();
        self.goals.clear();
        let pattern = (!self.filter.is_empty())
            .then(|| Pattern::parse(&self.filter, CaseMatching::Smart, Normalization::Smart));
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buf = Vec::new();
        let mut score = |text: &str| match &pattern {
            None => Some(0),
            Some(p) => p.score(Utf32Str::new(text, &mut buf), &mut matcher),
        };
        let mut best: Option<(u32, usize)> = None;
        for section in Picker::sections(self.column) {
            self.lines.push(PickLine::Section(section));
            for (pi, persona) in ws.column(section).iter().enumerate() {
                let whole = score(&persona.name);
                let mut heading = false;
                for (gi, goal) in persona.goals.iter().enumerate() {
                    let Some(s) = score(&goal.text).max(whole) else {
                        continue;
                    };
                    if !heading {
                        self.lines.push(PickLine::Persona(section, pi));
                        heading = true;
                    }
                    if best.is_none_or(|(b, _)| s > b) {
                        best = Some((s, self.goals.len()));
                    }
                    self.goals.push(self.lines.len());
                    self.lines.push(PickLine::Goal(section, pi, gi));
                }
            }
        }
        self.cursor = best.map_or(0, |(_, at)| at);
        self.scroll = 0;
    }

    /// The highlighted goal line, if any goal is listed.
    pub fn current(&self) -> Option<PickLine> {
        self.goals
            .get(self.cursor)
            .and_then(|&l| self.lines.get(l))
            .copied()
    }

    /// Moves the highlight by `delta` goals, clamped to the list.
    pub fn step(&mut self, delta: isize) {
        let last = self.goals.len().saturating_sub(1) as isize;
        self.cursor = (self.cursor as isize).saturating_add(delta).clamp(0, last) as usize;
    }

    /// Scrolls so that the highlighted goal is shown in `rows` lines (with the headings above
    /// the first goal when they fit).
    pub fn fit(&mut self, rows: usize) {
        let rows = rows.max(1);
        let Some(&line) = self.goals.get(self.cursor) else {
            self.scroll = 0;
            return;
        };
        if line < rows {
            self.scroll = 0;
        } else if line < self.scroll {
            self.scroll = line;
        } else if line >= self.scroll + rows {
            self.scroll = line + 1 - rows;
        }
    }

    /// Whether the goal of a line is linked with the picker's goal.
    pub fn linked(&self, ws: &Workspace, index: &LinkIndex, line: PickLine) -> bool {
        let PickLine::Goal(column, pi, gi) = line else {
            return false;
        };
        let Some(other) = ws.column(column).get(pi).and_then(|p| p.goals.get(gi)) else {
            return false;
        };
        if Some(column) == self.column.up() {
            index
                .goal(ws, &self.from)
                .is_some_and(|g| g.supports.contains(&other.id))
        } else {
            other.supports.contains(&self.from)
        }
    }
}

/// Where the picker is drawn: its box, and inside it the filter line and the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PickerAreas {
    pub frame: Rect,
    pub filter: Rect,
    pub list: Rect,
}

impl PickerAreas {
    pub fn new(size: (u16, u16)) -> PickerAreas {
        let status_y = Areas::new(size, false).status.y;
        let w = size.0.saturating_sub(4).min(100);
        let h = status_y.saturating_sub(2);
        let frame = Rect::new(
            size.0.saturating_sub(w) / 2,
            status_y.saturating_sub(h) / 2,
            w,
            h,
        );
        let inner = Rect::new(
            frame.x + 1,
            frame.y + 1,
            frame.width.saturating_sub(2),
            frame.height.saturating_sub(2),
        );
        PickerAreas {
            frame,
            filter: Rect::new(inner.x, inner.y, inner.width, inner.height.min(1)),
            list: Rect::new(
                inner.x,
                inner.y + 1,
                inner.width,
                inner.height.saturating_sub(1),
            ),
        }
    }

    /// The line of the list under a cell, as an index into the picker's lines.
    pub fn line_at(&self, picker: &Picker, x: u16, y: u16) -> Option<usize> {
        let l = self.list;
        if x < l.x || x >= l.x + l.width || y < l.y || y >= l.y + l.height {
            return None;
        }
        let line = picker.scroll + usize::from(y - l.y);
        (line < picker.lines.len()).then_some(line)
    }
}
