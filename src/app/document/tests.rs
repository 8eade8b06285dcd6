//! Tests of the document.

use super::*;
use crate::model::generate::{Size, generate};

/// A small deterministic sequence of numbers for choosing edits.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn random_edits(doc: &Document, rng: &mut Lcg, serial: usize) -> Vec<Edit> {
    let ws = doc.workspace();
    let column = Column::ALL[rng.below(3)];
    let len = ws.column(column).len();
    let index = rng.below(len);
    let Some(p) = ws.column(column).get(index) else {
        return vec![Edit::Insert {
            column,
            index: 0,
            persona: Persona {
                id: format!("new-{serial}"),
                name: "New".into(),
                ..Persona::default()
            },
        }];
    };
    let up_goals: Vec<String> = column
        .up()
        .map(|up| {
            ws.column(up)
                .iter()
                .flat_map(|p| p.goals.iter().map(|g| g.id.clone()))
                .collect()
        })
        .unwrap_or_default();
    let mut p = Persona::clone(p);
    match rng.below(8) {
        // Relink a goal: drop a link, add one.
        0 | 1 if !p.goals.is_empty() => {
            let g = rng.below(p.goals.len());
            let goal = &mut p.goals[g];
            if !goal.supports.is_empty() {
                let at = rng.below(goal.supports.len());
                goal.supports.remove(at);
            }
            if !up_goals.is_empty() {
                let t = up_goals[rng.below(up_goals.len())].clone();
                if !goal.supports.contains(&t) {
                    goal.supports.push(t);
                }
            }
            vec![Edit::Set {
                column,
                index,
                persona: p,
            }]
        }
        // Remove a goal, leaving links to it dangling for a while.
        2 if !p.goals.is_empty() => {
            let g = rng.below(p.goals.len());
            p.goals.remove(g);
            vec![Edit::Set {
                column,
                index,
                persona: p,
            }]
        }
        // Add a goal, without a metric.
        3 => {
            p.goals.push(Goal {
                id: format!("goal-{serial}"),
                text: "New goal".into(),
                ..Goal::default()
            });
            vec![Edit::Set {
                column,
                index,
                persona: p,
            }]
        }
        // Insert a copy with new ids.
        4 => {
            p.id = format!("copy-{serial}");
            for (i, g) in p.goals.iter_mut().enumerate() {
                g.id = format!("copy-{serial}-{i}");
            }
            vec![Edit::Insert {
                column,
                index: rng.below(len + 1),
                persona: p,
            }]
        }
        5 => vec![Edit::Remove { column, index }],
        // Move: two replacements, as Shift-J does.
        _ => {
            let to = rng.below(len);
            let other = Persona::clone(&ws.column(column)[to]);
            vec![
                Edit::Set {
                    column,
                    index,
                    persona: other,
                },
                Edit::Set {
                    column,
                    index: to,
                    persona: p,
                },
            ]
        }
    }
}

/// Every change keeps the derived facts equal to a build from scratch (`Derived::check`
/// runs after each change in debug builds), through edits, undo and redo.
#[test]
fn derived_facts_follow_every_change() {
    let mut doc = Document::new(generate(Size::S, 3));
    let mut rng = Lcg(42);
    for serial in 0..300 {
        match rng.below(10) {
            0 | 1 => {
                doc.undo(Spot::default());
            }
            2 => {
                doc.redo(Spot::default());
            }
            _ => {
                let edits = random_edits(&doc, &mut rng, serial);
                doc.apply("change", edits, Spot::default());
            }
        }
        if serial % 25 == 0 {
            let ws = doc.workspace();
            let index = LinkIndex::build(ws);
            let gaps = gap_lines(&crate::model::findings(ws, &index));
            assert_eq!(doc.chain_lines(0, usize::MAX), chain_lines_of(ws, &index));
            assert_eq!(doc.gap_lines(0, usize::MAX), gaps);
        }
    }
    while doc.undo(Spot::default()).is_some() {}
    let fresh = Document::new(generate(Size::S, 3));
    assert_eq!(doc.workspace(), fresh.workspace());
    assert_eq!(*doc.derived().index, *fresh.derived().index);
    assert_eq!(doc.derived().marks, fresh.derived().marks);
    assert_eq!(
        doc.derived().chain_lines.len(),
        fresh.derived().chain_lines.len()
    );
    assert_eq!(
        &doc.derived().chain_lines[..],
        &fresh.derived().chain_lines[..]
    );
    assert_eq!(&doc.derived().gap_lines[..], &fresh.derived().gap_lines[..]);
}

/// A save holds a snapshot while editing goes on: the snapshot keeps the workspace as it
/// was, and the edit copies only the persona it changes (the others stay shared).
#[test]
fn an_edit_under_a_save_copies_only_what_it_changes() {
    let mut doc = Document::new(generate(Size::S, 4));
    let snapshot = doc.snapshot();
    let before = (*snapshot).clone();
    let mut p = Persona::clone(&doc.workspace().column(Column::Users)[2]);
    p.name = "Renamed during a save".into();
    doc.apply(
        "rename",
        vec![Edit::Set {
            column: Column::Users,
            index: 2,
            persona: p,
        }],
        Spot::default(),
    );
    assert_eq!(*snapshot, before, "the snapshot is as it was at the save");
    assert_eq!(
        doc.workspace().column(Column::Users)[2].name,
        "Renamed during a save"
    );
    for column in Column::ALL {
        for (i, (now, then)) in doc
            .workspace()
            .column(column)
            .iter()
            .zip(snapshot.column(column))
            .enumerate()
        {
            let changed = column == Column::Users && i == 2;
            assert_eq!(
                Arc::ptr_eq(now, then),
                !changed,
                "{column} persona {i} shared: {}",
                !changed
            );
        }
    }
    // Undo while the snapshot is still held gives the saved persona back.
    doc.undo(Spot::default());
    assert_eq!(*doc.workspace(), before);
}

#[test]
fn lazy_lists_know_their_length_before_they_are_built() {
    let doc = Document::new(generate(Size::S, 1));
    let d = doc.derived();
    let n = d.chain_lines.len();
    assert!(d.chain_lines.built.get().is_none());
    assert_eq!(d.chain_lines.iter().count(), n);
    assert_eq!(d.gap_lines.len(), d.gap_lines.iter().count());
    assert_eq!(d.findings.len(), d.findings.iter().count());
}
