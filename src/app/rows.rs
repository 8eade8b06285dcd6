//! The board's rows as lines: how a persona's name and the fields beside it (role, kind,
//! buying role: [`Brief::Aside`] in the field description) and a goal's
//! wrapped text are laid out in a column of a given width, and so how tall each row is and
//! which rows are on screen. `update` uses the heights for scrolling, paging and clicks, and
//! `ui::board` draws exactly these lines, so the two cannot disagree.
//!
//! Only rows on screen (and, when scrolling, at most a screen of rows) are ever laid out, so a
//! frame or a keystroke costs the same at 60,000 goals as at 600.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::cells::cut;
use super::layout::Areas;
use super::{Row, State};
use crate::model::fields::{self, Access, Brief, Choice, PERSONA_FIELDS};
use crate::model::{Column, Goal, Persona};
use crate::text::visible;

fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Greedy word wrap into lines of at most `cells` cells; a word longer than a line is broken.
pub fn word_wrap(text: &str, cells: usize) -> Vec<String> {
    let cells = cells.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let w = width(word);
        if used > 0 && used + 1 + w <= cells {
            line.push(' ');
            line.push_str(word);
            used += 1 + w;
            continue;
        }
        if used > 0 {
            lines.push(std::mem::take(&mut line));
            used = 0;
        }
        if w <= cells {
            line.push_str(word);
            used = w;
            continue;
        }
        for c in word.chars() {
            let cw = UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw > cells && used > 0 {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += cw;
        }
    }
    if used > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A goal's text in lines of `cells` cells, at most `limit` of them, leaving `right` cells free
/// at the end of the last line (for its link counts). Cut text ends in "…".
pub fn goal_text_lines(text: &str, cells: usize, right: usize, limit: usize) -> Vec<String> {
    let limit = limit.max(1);
    let safe = visible(text);
    let mut lines = word_wrap(&safe, cells);
    let last_fits = lines.last().is_some_and(|l| width(l) + right <= cells);
    if lines.len() <= limit && last_fits {
        return lines;
    }
    if lines.len() < limit {
        // Rather than cut the text, its last word moves down beside the counts (or, when even
        // that does not fit, the counts get a line of their own).
        let last = lines.pop().unwrap_or_default();
        match last.rsplit_once(' ') {
            Some((head, word)) if width(word) + right <= cells => {
                lines.push(head.to_string());
                lines.push(word.to_string());
            }
            _ => {
                lines.push(last);
                lines.push(String::new());
            }
        }
        return lines;
    }
    let rest = lines.split_off(limit - 1).join(" ");
    lines.push(cut(&rest, cells.saturating_sub(right)));
    lines
}

/// A persona row: its name, what follows the name on the same line (dim), and further lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonaLines {
    pub name: String,
    pub inline: String,
    pub more: Vec<String>,
}

/// Name · role · kind (· buying role) on one line when it fits, else the name on the first
/// line and the rest under it, shortened (kind and buying role to short forms, the role cut)
/// but never dropped. `mark` keeps two cells free on the first line for the finding mark.
pub fn persona_lines(p: &Persona, cells: usize, mark: bool, max: usize) -> PersonaLines {
    let name_room = cells.saturating_sub(if mark { 2 } else { 0 });
    // The fields said beside the name: texts (the role) first, cut when tight, then the
    // choices (kind, buying role), shortened when tight.
    let asides = || PERSONA_FIELDS.iter().filter(|f| f.brief == Brief::Aside);
    let texts: Vec<String> = asides()
        .filter(|f| matches!(f.access, Access::Text { .. }))
        .map(|f| visible(&f.text(p)).trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let role = texts.join(" · ");
    let role = role.as_str();
    let choices = || {
        asides().filter_map(|f| match &f.access {
            Access::Choice { get, .. } => get(p),
            _ => None,
        })
    };
    let long: Vec<&str> = choices().map(Choice::label).collect();
    let short: Vec<&str> = choices().map(Choice::short).collect();
    let with_role = |facts: &[&str]| -> String {
        let mut parts: Vec<&str> = Vec::new();
        if !role.is_empty() {
            parts.push(role);
        }
        parts.extend(facts);
        parts.join(" · ")
    };
    let name = visible(&p.name);
    let tail = with_role(&long);
    let one = if tail.is_empty() {
        String::new()
    } else {
        format!(" · {tail}")
    };
    if width(&name) + width(&one) <= name_room || max <= 1 {
        let name_cut = cut(&name, name_room);
        let rest = name_room.saturating_sub(width(&name_cut));
        return PersonaLines {
            inline: if rest > 1 {
                cut(&one, rest)
            } else {
                String::new()
            },
            name: name_cut,
            more: Vec::new(),
        };
    }
    let room = cells.saturating_sub(1);
    let mut more = Vec::new();
    if width(&tail) <= room {
        more.push(tail);
    } else if max >= 3 && !role.is_empty() && !long.is_empty() {
        more.push(cut(role, room));
        let facts = long.join(" · ");
        more.push(if width(&facts) <= room {
            facts
        } else {
            cut(&short.join(" · "), room)
        });
    } else {
        let shorter = with_role(&short);
        more.push(cut(&shorter, room));
    }
    more.truncate(max.saturating_sub(1));
    let more = more.into_iter().map(|l| format!(" {l}")).collect();
    PersonaLines {
        name: cut(&name, name_room),
        inline: String::new(),
        more,
    }
}

/// Cells before a goal's text: `" ◆ "` in a wide column, `"◆ "` in a narrow one.
pub fn goal_lead(cells: usize) -> usize {
    if cells >= 30 { 3 } else { 2 }
}

/// A goal's link counts (`↑2↓1`; users have only ↑, buyers only ↓), in the given arrows.
pub fn counts(column: Column, up: usize, down: usize, arrows: (&str, &str)) -> String {
    let mut out = String::new();
    if column != Column::Buyers {
        out.push_str(arrows.0);
        out.push_str(&up.to_string());
    }
    if column != Column::Users {
        out.push_str(arrows.1);
        out.push_str(&down.to_string());
    }
    out
}

/// A goal's dots after its text: `" ●3"` in the given dot, nothing for none.
pub fn dots(goal: &Goal, dot: &str) -> String {
    match fields::dots(goal) {
        0 => String::new(),
        n => format!(" {dot}{n}"),
    }
}

/// A laid-out row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowLines {
    Persona(PersonaLines),
    Goal {
        /// The text, one entry a line (without the lead); the last line leaves room for the
        /// goal's dots (`" ●3"`, right after the text), its counts and its finding mark.
        lines: Vec<String>,
        /// `" ↑2↓1"`, drawn at the end of the last line, then `!` when the goal has a finding.
        counts: String,
        finding: bool,
        lead: usize,
    },
}

impl RowLines {
    pub fn height(&self) -> usize {
        match self {
            RowLines::Persona(p) => 1 + p.more.len(),
            RowLines::Goal { lines, .. } => lines.len(),
        }
    }
}

/// Lays out one row of a column `cells` wide, at most `max` lines tall.
pub fn row_lines(state: &State, column: Column, row: usize, cells: usize, max: usize) -> RowLines {
    let ws = state.doc.workspace();
    let d = state.doc.derived();
    let max = max.max(1);
    match state.doc.row(column, row) {
        Some(Row::Persona(pi)) => {
            let p = &ws.column(column)[pi];
            RowLines::Persona(persona_lines(p, cells, d.marks.contains_key(&p.id), max))
        }
        Some(Row::Goal(pi, gi)) => {
            let g = &ws.column(column)[pi].goals[gi];
            let up = g.supports.len();
            let down = d.index.supported_by(&g.id).len();
            let counts = format!(" {}", counts(column, up, down, ("↑", "↓")));
            let dots = dots(g, "●");
            let finding = d.marks.contains_key(&g.id);
            let lead = goal_lead(cells);
            let selected = state.column == column && state.cursor() == row;
            let limit = if selected {
                max
            } else {
                state.goal_lines.limit().unwrap_or(max).min(max)
            };
            let right = width(&dots) + width(&counts) + usize::from(finding);
            let lines = goal_text_lines(&g.text, cells.saturating_sub(lead), right, limit);
            RowLines::Goal {
                lines,
                counts,
                finding,
                lead,
            }
        }
        None => RowLines::Goal {
            lines: vec![String::new()],
            counts: String::new(),
            finding: false,
            lead: 0,
        },
    }
}

/// How many lines a row takes.
pub fn height(state: &State, column: Column, row: usize, cells: usize, max: usize) -> usize {
    row_lines(state, column, row, cells, max).height()
}

/// A row on screen: its shown position, its row, its first line (from the top of the rows) and
/// how many lines of it are on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    pub pos: usize,
    pub row: usize,
    pub y: u16,
    pub height: u16,
}

/// The rows of a column on screen, from its scroll position down.
pub fn placed(state: &State, column: Column, areas: &Areas) -> Vec<Placed> {
    placed_in(state, column, areas.column_inner(column.index()))
}

/// The rows of a column on screen when its rows are drawn in `inner`.
pub fn placed_in(state: &State, column: Column, inner: ratatui::layout::Rect) -> Vec<Placed> {
    let lines = usize::from(inner.height);
    let cells = usize::from(inner.width);
    let mut out = Vec::new();
    let mut y = 0usize;
    let mut pos = state.columns[column.index()].scroll;
    while y < lines {
        let Some(row) = state.shown_row(column, pos) else {
            break;
        };
        let h = height(state, column, row, cells, lines).min(lines - y);
        out.push(Placed {
            pos,
            row,
            y: y as u16,
            height: h as u16,
        });
        y += h;
        pos += 1;
    }
    out
}

/// The scroll position (a shown position) that keeps the row at shown position `cursor`
/// wholly on screen, moving as little as possible from `scroll`, and leaves no blank lines
/// at the bottom when the column is longer than the screen.
pub fn scroll_for(
    state: &State,
    areas: &Areas,
    column: Column,
    cursor: usize,
    scroll: usize,
) -> usize {
    let inner = areas.column_inner(column.index());
    let lines = usize::from(inner.height).max(1);
    let cells = usize::from(inner.width);
    let len = state.shown_len(column);
    let h = |pos: usize| {
        state
            .shown_row(column, pos)
            .map_or(1, |row| height(state, column, row, cells, lines))
    };
    let mut scroll = scroll.min(len.saturating_sub(1));
    if cursor < scroll {
        scroll = cursor;
    } else {
        // Every row is at least one line: no more than `lines` rows can be above the cursor.
        scroll = scroll.max((cursor + 1).saturating_sub(lines));
        let mut used: usize = (scroll..=cursor).map(h).sum();
        while used > lines && scroll < cursor {
            used -= h(scroll);
            scroll += 1;
        }
    }
    // Near the end: scroll back while the rows above still fit.
    if len.saturating_sub(scroll) <= lines {
        let mut used: usize = (scroll..len).map(h).sum();
        while scroll > 0 {
            let above = h(scroll - 1);
            if used + above > lines {
                break;
            }
            used += above;
            scroll -= 1;
        }
    }
    scroll
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goal_text_wraps_at_words_and_leaves_room_for_the_counts() {
        let text = "Grow new-business revenue 20% this year";
        assert_eq!(
            goal_text_lines(text, 22, 5, 2),
            ["Grow new-business", "revenue 20% this…"]
        );
        assert_eq!(
            goal_text_lines(text, 22, 5, 9),
            ["Grow new-business", "revenue 20% this", "year"]
        );
        assert_eq!(
            goal_text_lines(text, 40, 5, 1),
            ["Grow new-business revenue 20% this…"]
        );
        assert_eq!(goal_text_lines("short", 40, 5, 2), ["short"]);
        assert_eq!(word_wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(goal_text_lines("", 10, 3, 2), [""]);
    }
}
