//! Where everything of the value-chain picture goes: three columns left to right as on the board
//! (users, departments, buyers), persona cards stacked in board order, a box per goal with its
//! text wrapped by the fixed width table, and a curve per link from the right edge of the
//! supporting goal's box to the left edge of the supported goal's box. Pure arithmetic on
//! integers: the same workspace gives the same picture on every machine.
//!
//! Board order is never changed. Crossings are reduced only where that is free: where several
//! links leave (or enter) one box, their end points along the edge are ordered by the height of
//! the other end.

use std::collections::HashMap;

use super::graph::{Graph, MARK, NO_METRIC_MARK};
use super::width::{text_width, wrap};
use crate::model::{Column, Workspace};

pub(super) const MARGIN: i32 = 24;
pub(super) const COL_W: i32 = 300;
pub(super) const GAP: i32 = 120;
pub(super) const CARD_PAD: i32 = 10;
pub(super) const GOAL_PAD: i32 = 8;
pub(super) const TITLE_SIZE: u32 = 22;
pub(super) const TITLE_LINE: i32 = 28;
pub(super) const HEAD_SIZE: u32 = 16;
pub(super) const NAME_SIZE: u32 = 14;
pub(super) const NAME_LINE: i32 = 18;
pub(super) const TEXT_SIZE: u32 = 13;
pub(super) const TEXT_LINE: i32 = 17;
pub(super) const MARK_SIZE: u32 = 11;
pub(super) const MARK_LINE: i32 = 15;
const CARD_GAP: i32 = 16;
const GOAL_GAP: i32 = 8;
const LEGEND_SAMPLE: i32 = 28;

/// Text is wrapped to this share (percent) of the room it has, so that a fallback font a little
/// wider than the table still fits.
const SLACK_PERCENT: i32 = 94;

/// The mark line of a goal that is not linked into the chain.
pub(super) const UNLINKED_MARK: &str = "⚠ not linked";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rect {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

impl Rect {
    pub fn right(self) -> i32 {
        self.x + self.w
    }

    pub fn bottom(self) -> i32 {
        self.y + self.h
    }

    #[cfg(test)]
    pub fn overlaps(self, o: Rect) -> bool {
        self.x < o.right() && o.x < self.right() && self.y < o.bottom() && o.y < self.bottom()
    }

    #[cfg(test)]
    pub fn contains(self, o: Rect) -> bool {
        o.x >= self.x && o.y >= self.y && o.right() <= self.right() && o.bottom() <= self.bottom()
    }
}

/// Lines of text at a size, the first baseline at `y`.
#[derive(Debug, Clone)]
pub(super) struct TextBlock {
    pub x: i32,
    /// Top of the first line.
    pub y: i32,
    pub size: u32,
    pub line: i32,
    pub bold: bool,
    pub lines: Vec<String>,
}

impl TextBlock {
    fn new(x: i32, y: i32, (size, line, bold): (u32, i32, bool), lines: Vec<String>) -> TextBlock {
        TextBlock {
            x,
            y,
            size,
            line,
            bold,
            lines,
        }
    }

    pub fn height(&self) -> i32 {
        self.line * self.lines.len() as i32
    }

    /// The box each line takes by the width table.
    #[cfg(test)]
    pub fn line_rects(&self) -> impl Iterator<Item = Rect> + '_ {
        self.lines.iter().enumerate().map(|(i, l)| Rect {
            x: self.x,
            y: self.y + self.line * i as i32,
            w: text_width(l, self.size, self.bold) as i32,
            h: self.line,
        })
    }
}

pub(super) struct CardBox {
    pub rect: Rect,
    pub name: TextBlock,
    /// "no goals" for a persona without goals.
    pub empty: Option<TextBlock>,
}

pub(super) struct GoalBox {
    /// The node number of [`Graph`].
    pub number: usize,
    pub column: Column,
    pub rect: Rect,
    pub text: TextBlock,
    /// The mark lines (unlinked, no metric), below the text.
    pub marks: Option<TextBlock>,
    pub unlinked: bool,
    pub no_metric: bool,
}

/// A cubic curve from `from` to `to` with two control points.
#[derive(Debug, Clone, Copy)]
pub(super) struct Curve {
    pub from: (i32, i32),
    pub c1: (i32, i32),
    pub c2: (i32, i32),
    pub to: (i32, i32),
    /// Node numbers of the supporting and the supported goal.
    pub ends: (usize, usize),
}

pub(super) enum Sample {
    Goal,
    Unlinked,
    NoMetric,
    Link,
}

pub(super) struct LegendItem {
    pub sample: Sample,
    pub sample_rect: Rect,
    pub text: TextBlock,
}

pub(super) struct Layout {
    pub width: i32,
    pub height: i32,
    pub title: TextBlock,
    pub coverage: TextBlock,
    pub legend: Vec<LegendItem>,
    pub headers: Vec<TextBlock>,
    /// "no personas" under the header of an empty column.
    pub empty_columns: Vec<TextBlock>,
    pub cards: Vec<CardBox>,
    pub goals: Vec<GoalBox>,
    pub curves: Vec<Curve>,
}

fn budget(room: i32) -> u32 {
    (room * SLACK_PERCENT / 100).max(1) as u32
}

/// `coverage 7/8 …` as a sentence: `Coverage 7/8 ….`
pub(super) fn sentence(text: &str) -> String {
    let mut out = text.to_string();
    if let Some(first) = out.get(..1) {
        out.replace_range(..1, &first.to_ascii_uppercase());
    }
    out.push('.');
    out
}

/// The name a picture shows for a persona: its name, or its id when the name is blank.
pub(super) fn persona_label(p: &crate::model::Persona) -> &str {
    if p.name.trim().is_empty() {
        &p.id
    } else {
        &p.name
    }
}

impl Layout {
    pub fn build(ws: &Workspace) -> Layout {
        let graph = Graph::build(ws);
        let width = 2 * MARGIN + 3 * COL_W + 2 * GAP;
        let inner = width - 2 * MARGIN;
        let title_text = if graph.title.trim().is_empty() {
            "Personas"
        } else {
            graph.title
        };
        let title = TextBlock::new(
            MARGIN,
            MARGIN,
            (TITLE_SIZE, TITLE_LINE, true),
            wrap(title_text, TITLE_SIZE, true, budget(inner)),
        );
        let mut y = title.y + title.height();
        let coverage = TextBlock::new(
            MARGIN,
            y + 4,
            (TEXT_SIZE, TEXT_LINE, false),
            wrap(
                &sentence(&graph.coverage.to_string()),
                TEXT_SIZE,
                false,
                budget(inner),
            ),
        );
        y = coverage.y + coverage.height() + 10;
        let (legend, legend_bottom) = legend(y, inner);
        y = legend_bottom + 16;

        let mut headers = Vec::new();
        let mut empty_columns = Vec::new();
        let mut cards = Vec::new();
        let mut goals = Vec::new();
        let mut bottom = y;
        let text_room = COL_W - 2 * CARD_PAD - 2 * GOAL_PAD;
        for (ci, column) in graph.columns.iter().enumerate() {
            let x = MARGIN + ci as i32 * (COL_W + GAP);
            let header = TextBlock::new(
                x,
                y,
                (HEAD_SIZE, 22, true),
                wrap(column.column.title(), HEAD_SIZE, true, budget(COL_W)),
            );
            let mut cy = header.y + header.height() + 8;
            headers.push(header);
            if column.personas.is_empty() {
                let none = TextBlock::new(
                    x,
                    cy,
                    (TEXT_SIZE, TEXT_LINE, false),
                    vec!["no personas".to_string()],
                );
                cy += none.height();
                empty_columns.push(none);
            }
            for persona in &column.personas {
                let name = TextBlock::new(
                    x + CARD_PAD,
                    cy + CARD_PAD,
                    (NAME_SIZE, NAME_LINE, true),
                    wrap(
                        persona_label(persona.persona),
                        NAME_SIZE,
                        true,
                        budget(COL_W - 2 * CARD_PAD),
                    ),
                );
                let mut gy = name.y + name.height() + 6;
                let empty = persona.goals.is_empty().then(|| {
                    let block = TextBlock::new(
                        x + CARD_PAD,
                        gy,
                        (TEXT_SIZE, TEXT_LINE, false),
                        vec!["no goals".to_string()],
                    );
                    gy += block.height() + GOAL_GAP;
                    block
                });
                for node in &persona.goals {
                    let bx = x + CARD_PAD;
                    let text = TextBlock::new(
                        bx + GOAL_PAD,
                        gy + GOAL_PAD,
                        (TEXT_SIZE, TEXT_LINE, false),
                        wrap(
                            &format!("{}{}", node.text(), node.dots()),
                            TEXT_SIZE,
                            false,
                            budget(text_room),
                        ),
                    );
                    let mut mark_lines = Vec::new();
                    if node.unlinked {
                        mark_lines.push(UNLINKED_MARK.to_string());
                    }
                    if node.no_metric {
                        mark_lines.push(NO_METRIC_MARK.to_string());
                    }
                    let joined = mark_lines.join("   ");
                    if mark_lines.len() > 1
                        && text_width(&joined, MARK_SIZE, true) <= budget(text_room)
                    {
                        mark_lines = vec![joined];
                    }
                    let text_bottom = text.y + text.height();
                    let marks = (!mark_lines.is_empty()).then(|| {
                        TextBlock::new(
                            bx + GOAL_PAD,
                            text_bottom + 2,
                            (MARK_SIZE, MARK_LINE, true),
                            mark_lines,
                        )
                    });
                    let content_bottom = marks.as_ref().map_or(text_bottom, |m| m.y + m.height());
                    let rect = Rect {
                        x: bx,
                        y: gy,
                        w: COL_W - 2 * CARD_PAD,
                        h: content_bottom + GOAL_PAD - gy,
                    };
                    gy = rect.bottom() + GOAL_GAP;
                    goals.push(GoalBox {
                        number: node.number,
                        column: column.column,
                        rect,
                        text,
                        marks,
                        unlinked: node.unlinked,
                        no_metric: node.no_metric,
                    });
                }
                let rect = Rect {
                    x,
                    y: cy,
                    w: COL_W,
                    h: gy - GOAL_GAP + CARD_PAD - cy,
                };
                cards.push(CardBox { rect, name, empty });
                cy = rect.bottom() + CARD_GAP;
            }
            bottom = bottom.max(cy);
        }
        let curves = curves(&graph, &goals);
        Layout {
            width,
            height: bottom + MARGIN,
            title,
            coverage,
            legend,
            headers,
            empty_columns,
            cards,
            goals,
            curves,
        }
    }
}

/// The legend in rows from `y`: a sample and its words per item. Returns the items and the
/// bottom of the last row.
fn legend(y: i32, inner: i32) -> (Vec<LegendItem>, i32) {
    let items = [
        (Sample::Goal, "a goal"),
        (Sample::Link, "supports the goal it points to"),
        (Sample::Unlinked, "not linked into the chain"),
        (Sample::NoMetric, "says nothing about how it is measured"),
    ];
    let mut out = Vec::new();
    let (mut x, mut y) = (MARGIN, y);
    let row = TEXT_LINE + 4;
    for (sample, words) in items {
        let words = format!(
            "{}{words}",
            match sample {
                Sample::Unlinked => MARK,
                Sample::NoMetric => "◌ ",
                _ => "",
            }
        );
        let w = text_width(&words, TEXT_SIZE, false) as i32;
        let item_w = LEGEND_SAMPLE + 6 + w;
        if x > MARGIN && x + item_w > MARGIN + inner {
            x = MARGIN;
            y += row;
        }
        out.push(LegendItem {
            sample,
            sample_rect: Rect {
                x,
                y: y + 2,
                w: LEGEND_SAMPLE,
                h: TEXT_LINE - 4,
            },
            text: TextBlock::new(
                x + LEGEND_SAMPLE + 6,
                y,
                (TEXT_SIZE, TEXT_LINE, false),
                vec![words],
            ),
        });
        x += item_w + 24;
    }
    (out, y + row)
}

/// One curve per link between adjacent columns; where several links share a box edge their end
/// points are spread along it, ordered by the height of the other end.
fn curves(graph: &Graph, goals: &[GoalBox]) -> Vec<Curve> {
    let boxes: HashMap<usize, &GoalBox> = goals.iter().map(|g| (g.number, g)).collect();
    let links: Vec<(&GoalBox, &GoalBox)> = graph
        .edges
        .iter()
        .filter_map(|(from, to)| Some((*boxes.get(from)?, *boxes.get(to)?)))
        .filter(|(a, b)| a.column.up() == Some(b.column))
        .collect();
    let centre = |g: &GoalBox| g.rect.y * 2 + g.rect.h;
    let mut out_ports: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut in_ports: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, (a, b)) in links.iter().enumerate() {
        out_ports.entry(a.number).or_default().push(i);
        in_ports.entry(b.number).or_default().push(i);
    }
    for ports in out_ports.values_mut() {
        ports.sort_by_key(|&i| (centre(links[i].1), i));
    }
    for ports in in_ports.values_mut() {
        ports.sort_by_key(|&i| (centre(links[i].0), i));
    }
    let port_y = |g: &GoalBox, ports: &[usize], link: usize| {
        let k = ports.len() as i32;
        let at = ports.iter().position(|&i| i == link).unwrap_or(0) as i32;
        g.rect.y + g.rect.h * (at + 1) / (k + 1)
    };
    links
        .iter()
        .enumerate()
        .map(|(i, (a, b))| {
            let from = (a.rect.right(), port_y(a, &out_ports[&a.number], i));
            let to = (b.rect.x, port_y(b, &in_ports[&b.number], i));
            let dx = (to.0 - from.0) / 2;
            Curve {
                from,
                c1: (from.0 + dx, from.1),
                c2: (to.0 - dx, to.1),
                to,
                ends: (a.number, b.number),
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "layout_tests.rs"]
mod tests;
