//! Laying text out on slides: an entry's lines wrapped to the screen (with its marker's room),
//! a goal's entry and how it is measured, the headline (large letters when they fit), and
//! entries paged over as many slides as they need, a user goal never shown without its
//! department goal.

use crate::app::rows::word_wrap;
use crate::model::{LinkIndex, Workspace};
use crate::text::visible;

use super::slide::{
    BIG_CELLS, BIG_MIN_WIDTH, BIG_ROWS, Headline, LineKind, MARKER_CELLS, Screen, Slide, SlideKind,
    SlideLine,
};

/// An entry: lines that stay together on a slide when they can.
#[derive(Debug, Clone)]
pub(super) struct Block {
    pub(super) lines: Vec<SlideLine>,
    /// For a user goal's entry: the entry of its department goal, repeated at the top of a
    /// continuation slide so that the user goal is never shown without what it moves.
    pub(super) parent: Option<usize>,
}

pub(super) struct Builder<'a> {
    pub(super) ws: &'a Workspace,
    pub(super) index: &'a LinkIndex,
    pub(super) screen: Screen,
}

/// File text on one line, control characters visible.
pub(super) fn shown(text: &str) -> String {
    visible(&text.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

impl Builder<'_> {
    pub(super) fn goal_text(&self, id: &str) -> String {
        match self.index.goal(self.ws, id) {
            Some(g) if !g.text.trim().is_empty() => shown(&g.text),
            _ => shown(id),
        }
    }

    pub(super) fn who(&self, id: &str) -> String {
        match self.index.persona_of(self.ws, id) {
            Some(p) if !p.name.trim().is_empty() => shown(&p.name),
            Some(p) => shown(&p.id),
            None => "Someone".to_string(),
        }
    }

    pub(super) fn metric(&self, id: &str) -> Option<String> {
        self.index
            .goal(self.ws, id)
            .filter(|g| !g.metric.trim().is_empty())
            .map(|g| shown(&g.metric))
    }

    /// `text` wrapped at `indent`, as lines of one entry.
    pub(super) fn lines(
        &self,
        indent: usize,
        kind: LineKind,
        text: &str,
        goal: Option<&str>,
    ) -> Vec<SlideLine> {
        let lead = indent + if kind.marked() { MARKER_CELLS } else { 0 };
        let cells = self.screen.cells().saturating_sub(lead).max(8);
        word_wrap(text, cells)
            .into_iter()
            .enumerate()
            .map(|(i, text)| SlideLine {
                indent,
                kind,
                first: i == 0,
                text,
                goal: goal.map(str::to_string),
            })
            .collect()
    }

    /// A goal's entry: "Persona (role): text", then how it is measured.
    pub(super) fn goal_block(
        &self,
        indent: usize,
        kind: LineKind,
        role: &str,
        id: &str,
    ) -> Vec<SlideLine> {
        let text = format!("{} ({role}): {}", self.who(id), self.goal_text(id));
        let mut lines = self.lines(indent, kind, &text, Some(id));
        lines.extend(self.measure(indent + MARKER_CELLS, id));
        lines
    }

    pub(super) fn measure(&self, indent: usize, id: &str) -> Vec<SlideLine> {
        match self.metric(id) {
            Some(m) => self.lines(indent, LineKind::Metric, &format!("measured by: {m}"), None),
            None => self.lines(
                indent,
                LineKind::Note,
                "no metric says how it is measured yet",
                None,
            ),
        }
    }

    pub(super) fn headline(&self, text: String) -> Headline {
        let screen = self.screen;
        let big_fits =
            |lines: &[String]| lines.len() <= 2 && screen.rows() >= lines.len() * BIG_ROWS + 1 + 10;
        if screen.unicode
            && screen.width >= BIG_MIN_WIDTH
            && text.chars().all(|c| c.is_ascii_graphic() || c == ' ')
        {
            let lines = word_wrap(&text, screen.cells() / BIG_CELLS);
            if big_fits(&lines) && lines.iter().all(|l| l.len() * BIG_CELLS <= screen.cells()) {
                return Headline {
                    text,
                    lines,
                    big: true,
                };
            }
        }
        let lines = word_wrap(&text, screen.cells());
        Headline {
            text,
            lines,
            big: false,
        }
    }

    /// The slides of one headline and its entries: as many as the entries need.
    pub(super) fn paged(
        &self,
        kind: SlideKind,
        headline: Headline,
        blocks: &[Block],
        about: &dyn Fn(&[SlideLine]) -> Option<String>,
    ) -> Vec<Slide> {
        let room = self.screen.rows().saturating_sub(headline.rows()).max(1);
        let mut pages: Vec<Vec<SlideLine>> = vec![Vec::new()];
        for block in blocks {
            let Some(page) = pages.last_mut() else {
                break;
            };
            if page.len() + block.lines.len() <= room {
                page.extend(block.lines.iter().cloned());
                continue;
            }
            if page.is_empty() {
                pages.pop();
            }
            let mut page = Vec::new();
            // Continued: the user goal's department goal comes again first.
            if let Some(parent) = block.parent
                && blocks[parent].lines.len() + block.lines.len() <= room
            {
                page.extend(blocks[parent].lines.iter().cloned());
            }
            // An entry taller than a whole slide goes on line by line.
            for line in &block.lines {
                if page.len() >= room {
                    pages.push(std::mem::take(&mut page));
                }
                page.push(line.clone());
            }
            pages.push(page);
        }
        let parts = pages.len();
        pages
            .into_iter()
            .enumerate()
            .map(|(i, lines)| Slide {
                kind,
                headline: headline.clone(),
                about: about(&lines),
                lines,
                part: i + 1,
                parts,
            })
            .collect()
    }

    /// A section's heading, after a blank line unless it opens the slide.
    pub(super) fn section(&self, heading: &str, blank_before: bool) -> Block {
        let mut lines = Vec::new();
        if blank_before {
            lines.push(SlideLine::blank(LineKind::Note));
        }
        lines.extend(self.lines(0, LineKind::Heading, heading, None));
        Block {
            lines,
            parent: None,
        }
    }
}

/// The first goal a slide's lines tell.
pub(super) fn first_goal(lines: &[SlideLine]) -> Option<String> {
    lines.iter().find_map(|l| l.goal.clone())
}
