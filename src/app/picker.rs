//! The link picker (Space on a goal, SPEC §4): the goals one goal can link to, in sections per
//! neighbouring column, grouped under their personas, filtered fuzzily as search is. Pure: the
//! lines are positions into the workspace (no text is copied, so a picker over 60,000 goals
//! opens within a frame), and where it sits on screen is a function of the terminal size, so
//! `update` maps a click to a line through the same layout `ui::picker` draws with.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use ratatui::layout::Rect;

use super::layout::Areas;
use super::typing::LineInput;
use crate::model::{Column, LinkIndex, Workspace};

/// Matches scored to choose the highlight; with more, the first goal listed is highlighted
/// (a letter or two into 60,000 goals, scoring them all would cost more than a frame).
pub const SCORED: usize = 500;

/// The typed filter: fuzzy as search is (the letters in order, smart case, accents folded),
/// checked letter by letter, which is cheap enough for 60,000 goals a key; nucleo scores the
/// matches for the highlight.
struct Filter {
    letters: Vec<char>,
    case_sensitive: bool,
    pattern: Option<Pattern>,
}

impl Filter {
    fn new(filter: &str) -> Filter {
        Filter {
            letters: filter.chars().collect(),
            case_sensitive: filter.chars().any(char::is_uppercase),
            pattern: (!filter.is_empty())
                .then(|| Pattern::parse(filter, CaseMatching::Smart, Normalization::Smart)),
        }
    }

    fn matches(&self, text: &str) -> bool {
        if self.pattern.is_none() {
            return true;
        }
        if text.is_ascii() && self.letters.iter().all(char::is_ascii) {
            let mut want = self.letters.iter().map(|&c| c as u8).peekable();
            for b in text.bytes() {
                let Some(&w) = want.peek() else {
                    break;
                };
                let b = if self.case_sensitive {
                    b
                } else {
                    b.to_ascii_lowercase()
                };
                if b == w {
                    want.next();
                }
            }
            return want.peek().is_none();
        }
        let mut want = self.letters.iter().peekable();
        for c in text.chars() {
            let Some(&&w) = want.peek() else {
                break;
            };
            if c == w || (!self.case_sensitive && fold(c) == fold(w)) {
                want.next();
            }
        }
        want.peek().is_none()
    }
}

/// A letter without case and, for the accented Latin letters, without its accent ("É" and "é"
/// match "e", as search's normalisation does).
fn fold(c: char) -> char {
    let c = nucleo_matcher::chars::to_lower_case(c);
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' => 'd',
        'è'..='ë' | 'ē' | 'ę' | 'ě' => 'e',
        'ì'..='ï' | 'ī' => 'i',
        'ł' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' => 's',
        'ť' => 't',
        'ù'..='ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

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
    /// What is typed (no spaces: Space toggles); edited at its end.
    pub filter: LineInput,
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
            filter: LineInput::default(),
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

    /// Builds the lines again for the filter, from every goal of its sections.
    pub fn rebuild(&mut self, ws: &Workspace) {
        self.refilter(ws, false);
    }

    /// Builds the lines again for the filter. With `narrow` the filter only grew, so only the
    /// goals listed now are looked at again. The highlight goes to the best match (the first
    /// goal listed when nothing is typed, on a tie, or when more than [`SCORED`] match).
    pub fn refilter(&mut self, ws: &Workspace, narrow: bool) {
        let sections = Picker::sections(self.column);
        let mut candidates: Vec<Vec<(usize, usize)>> = vec![Vec::new(); sections.len()];
        for (at, section) in sections.iter().enumerate() {
            if narrow {
                candidates[at].extend(self.goals.iter().filter_map(|&l| match self.lines[l] {
                    PickLine::Goal(c, p, g) if c == *section => Some((p, g)),
                    _ => None,
                }));
            } else {
                for (pi, persona) in ws.column(*section).iter().enumerate() {
                    candidates[at].extend((0..persona.goals.len()).map(|gi| (pi, gi)));
                }
            }
        }
        let filter = Filter::new(self.filter.text());
        self.lines.clear();
        self.goals.clear();
        for (section, goals) in sections.iter().zip(&candidates) {
            self.lines.push(PickLine::Section(*section));
            let personas = ws.column(*section);
            let mut persona: Option<(usize, bool, bool)> = None;
            for &(pi, gi) in goals {
                let Some(p) = personas.get(pi) else { continue };
                let Some(goal) = p.goals.get(gi) else {
                    continue;
                };
                if persona.is_none_or(|(at, _, _)| at != pi) {
                    persona = Some((pi, filter.matches(&p.name), false));
                }
                let Some((_, whole, heading)) = persona.as_mut() else {
                    continue;
                };
                if *whole || filter.matches(&goal.text) {
                    if !*heading {
                        self.lines.push(PickLine::Persona(*section, pi));
                        *heading = true;
                    }
                    self.goals.push(self.lines.len());
                    self.lines.push(PickLine::Goal(*section, pi, gi));
                }
            }
        }
        self.cursor = self.best(ws, &filter);
        self.scroll = 0;
    }

    /// Where the best match is among the goals listed (nucleo's score, as search ranks).
    fn best(&self, ws: &Workspace, filter: &Filter) -> usize {
        let Some(pattern) = &filter.pattern else {
            return 0;
        };
        if self.goals.len() > SCORED {
            return 0;
        }
        let mut matcher = Matcher::new(Config::DEFAULT);
        let mut buf = Vec::new();
        let mut best: Option<(u32, usize)> = None;
        for (at, &line) in self.goals.iter().enumerate() {
            let PickLine::Goal(c, pi, gi) = self.lines[line] else {
                continue;
            };
            let Some(p) = ws.column(c).get(pi) else {
                continue;
            };
            let text = p.goals.get(gi).map_or("", |g| g.text.as_str());
            let score = [p.name.as_str(), text]
                .iter()
                .filter_map(|t| pattern.score(Utf32Str::new(t, &mut buf), &mut matcher))
                .max();
            if let Some(score) = score
                && best.is_none_or(|(b, _)| score > b)
            {
                best = Some((score, at));
            }
        }
        best.map_or(0, |(_, at)| at)
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
