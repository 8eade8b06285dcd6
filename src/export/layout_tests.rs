//! Layout tests on the example and on generated workspaces: no two boxes overlap, every curve
//! starts and ends on its boxes' edges, every line of text fits its box by the width table, and
//! board order is kept.

use super::*;
use crate::model::generate::{Size, generate};
use crate::model::{Goal, Persona};

fn workspaces() -> Vec<(String, Workspace)> {
    let mut out = vec![("example".to_string(), crate::store::example())];
    for seed in [1, 2, 7] {
        out.push((format!("generated S seed {seed}"), generate(Size::S, seed)));
    }
    out
}

fn inner(r: Rect, pad: i32) -> Rect {
    Rect {
        x: r.x + pad,
        y: r.y + pad,
        w: r.w - 2 * pad,
        h: r.h - 2 * pad,
    }
}

fn assert_fits(block: &TextBlock, room: Rect, what: &str) {
    for line in block.line_rects() {
        assert!(room.contains(line), "{what}: {line:?} outside {room:?}");
    }
}

#[test]
fn no_two_boxes_overlap() {
    for (name, ws) in workspaces() {
        let layout = Layout::build(&ws);
        for (i, a) in layout.goals.iter().enumerate() {
            for b in &layout.goals[i + 1..] {
                assert!(!a.rect.overlaps(b.rect), "{name}: goal boxes overlap");
            }
        }
        for (i, a) in layout.cards.iter().enumerate() {
            for b in &layout.cards[i + 1..] {
                assert!(!a.rect.overlaps(b.rect), "{name}: cards overlap");
            }
        }
        let canvas = Rect {
            x: 0,
            y: 0,
            w: layout.width,
            h: layout.height,
        };
        for card in &layout.cards {
            assert!(
                canvas.contains(card.rect),
                "{name}: a card leaves the picture"
            );
        }
        let legend_bottom = layout
            .legend
            .iter()
            .map(|l| l.text.y + l.text.height())
            .max()
            .unwrap_or(0);
        let first_card = layout.cards.iter().map(|c| c.rect.y).min().unwrap_or(0);
        assert!(legend_bottom < first_card, "{name}: legend over the cards");
    }
}

#[test]
fn every_goal_box_lies_in_one_card() {
    for (name, ws) in workspaces() {
        let layout = Layout::build(&ws);
        for goal in &layout.goals {
            let holders = layout
                .cards
                .iter()
                .filter(|c| c.rect.contains(goal.rect))
                .count();
            assert_eq!(
                holders, 1,
                "{name}: goal {} in {holders} cards",
                goal.number
            );
        }
    }
}

#[test]
fn every_line_of_text_fits_its_box_by_the_width_table() {
    for (name, ws) in workspaces() {
        let layout = Layout::build(&ws);
        for goal in &layout.goals {
            let room = inner(goal.rect, GOAL_PAD);
            assert_fits(&goal.text, room, &name);
            if let Some(marks) = &goal.marks {
                assert_fits(marks, room, &name);
                assert!(marks.y >= goal.text.y + goal.text.height());
            }
        }
        for card in &layout.cards {
            let room = inner(card.rect, CARD_PAD);
            assert_fits(&card.name, room, &name);
            if let Some(empty) = &card.empty {
                assert_fits(empty, room, &name);
            }
        }
        let page = Rect {
            x: MARGIN,
            y: 0,
            w: layout.width - 2 * MARGIN,
            h: layout.height,
        };
        assert_fits(&layout.title, page, &name);
        assert_fits(&layout.coverage, page, &name);
        for item in &layout.legend {
            assert_fits(&item.text, page, &name);
            assert!(page.contains(item.sample_rect));
        }
    }
}

#[test]
fn curves_start_and_end_on_their_boxes_edges() {
    for (name, ws) in workspaces() {
        let layout = Layout::build(&ws);
        let graph = Graph::build(&ws);
        let by_number: HashMap<usize, &GoalBox> =
            layout.goals.iter().map(|g| (g.number, g)).collect();
        assert_eq!(
            layout.curves.len(),
            graph.edges.len(),
            "{name}: a link is missing"
        );
        for curve in &layout.curves {
            let (a, b) = (by_number[&curve.ends.0], by_number[&curve.ends.1]);
            assert_eq!(
                curve.from.0,
                a.rect.right(),
                "{name}: leaves the right edge"
            );
            assert!(curve.from.1 > a.rect.y && curve.from.1 < a.rect.bottom());
            assert_eq!(curve.to.0, b.rect.x, "{name}: enters the left edge");
            assert!(curve.to.1 > b.rect.y && curve.to.1 < b.rect.bottom());
            // The control points keep the curve in the gap between the two columns.
            for (x, _) in [curve.c1, curve.c2] {
                assert!(x >= curve.from.0 && x <= curve.to.0);
            }
        }
    }
}

#[test]
fn board_order_is_kept() {
    for (name, ws) in workspaces() {
        let layout = Layout::build(&ws);
        let mut cards = layout.cards.iter();
        for (ci, column) in Column::ALL.into_iter().enumerate() {
            let x = MARGIN + ci as i32 * (COL_W + GAP);
            let mut last_y = i32::MIN;
            for persona in ws.column(column) {
                let card = cards.next().expect("a card per persona");
                assert_eq!(card.rect.x, x, "{name}: {} in its column", persona.id);
                assert!(card.rect.y > last_y, "{name}: cards in board order");
                last_y = card.rect.y;
            }
            let goals: Vec<&GoalBox> = layout.goals.iter().filter(|g| g.column == column).collect();
            for pair in goals.windows(2) {
                assert!(pair[0].number < pair[1].number);
                assert!(
                    pair[0].rect.bottom() < pair[1].rect.y,
                    "{name}: goals top to bottom"
                );
            }
        }
    }
}

#[test]
fn long_words_and_wide_text_wrap_inside_the_box() {
    let long = "x".repeat(300) + " 日本語のテキスト😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀";
    let ws = Workspace {
        title: long.clone(),
        columns: [
            vec![std::sync::Arc::new(Persona {
                id: "p".into(),
                name: long.clone(),
                goals: vec![Goal {
                    id: "g".into(),
                    text: long,
                    ..Goal::default()
                }],
                ..Persona::default()
            })],
            Vec::new(),
            Vec::new(),
        ],
        conflicts: Vec::new(),
    };
    let layout = Layout::build(&ws);
    let goal = &layout.goals[0];
    assert!(goal.text.lines.len() > 3);
    assert_fits(&goal.text, inner(goal.rect, GOAL_PAD), "long");
    assert!(goal.unlinked && goal.no_metric && goal.marks.is_some());
    assert_eq!(layout.empty_columns.len(), 2);
}
