//! The merge, its conflicts and `personas diff` walk every row of the field description
//! (`model::fields`), so a field added there merges, conflicts, resolves and diffs with nothing
//! added by hand (issue 21). For every pair of rows of a persona (and of a goal) of a generated
//! workspace: ours edits one, theirs the other; the merge takes both. When both edit the same
//! row, a list keeps both additions and a value is one conflict naming the row, which resolves
//! to either side. The diff of an edit names the row.

use std::collections::BTreeSet;

use personas::diff::{Change, diff};
use personas::merge::merge;
use personas::model::fields::{Field, GOAL_FIELDS, Input, PERSONA_FIELDS, Value};
use personas::model::generate::{Size, generate};
use personas::model::{Column, Resolution, Workspace, resolve};
use proptest::prelude::*;

/// A generated workspace cut down to two personas a column of two goals each, links kept valid.
fn small(seed: u64) -> Workspace {
    let mut ws = generate(Size::S, seed);
    for column in &mut ws.columns {
        column.truncate(2);
        for p in column.iter_mut() {
            std::sync::Arc::make_mut(p).goals.truncate(2);
        }
    }
    let ids: BTreeSet<String> = ws.goals().map(|(_, _, g)| g.id.clone()).collect();
    for p in ws.personas_mut() {
        for g in &mut p.goals {
            g.supports.retain(|s| ids.contains(s));
        }
    }
    ws
}

/// An edit of the item `id` in a workspace.
type Edit<T> = fn(&mut Workspace, &str, &dyn Fn(&mut T));

/// Where the persona or goal under test is, in any version of the workspace.
struct Item<T> {
    id: String,
    column: Column,
    get: fn(&Workspace, &str) -> Option<T>,
    set: Edit<T>,
}

fn persona(ws: &Workspace, id: &str) -> Option<personas::model::Persona> {
    ws.personas()
        .find(|(_, p)| p.id == id)
        .map(|(_, p)| p.clone())
}

fn set_persona(ws: &mut Workspace, id: &str, edit: &dyn Fn(&mut personas::model::Persona)) {
    edit(ws.personas_mut().find(|p| p.id == id).expect("persona"));
}

fn goal(ws: &Workspace, id: &str) -> Option<personas::model::Goal> {
    ws.goals()
        .find(|(_, _, g)| g.id == id)
        .map(|(_, _, g)| g.clone())
}

fn set_goal(ws: &mut Workspace, id: &str, edit: &dyn Fn(&mut personas::model::Goal)) {
    let g = ws
        .personas_mut()
        .flat_map(|p| p.goals.iter_mut())
        .find(|g| g.id == id)
        .expect("goal");
    edit(g);
}

/// A value of `f` that differs from `base`'s, one per `side` (ours and theirs differ too): a
/// text naming the side, a list with one item added, another choice, a larger count.
fn edited<T>(f: &Field<T>, column: Column, base: &T, side: usize, n: u16) -> Value {
    match (f.input, f.get(base, column)) {
        (_, Value::List(mut items)) => {
            items.push(format!("side {side} item {n}"));
            Value::List(items)
        }
        (_, Value::Choice(was)) => {
            let others: Vec<usize> = (0..f.choices(column).len())
                .filter(|i| Some(*i) != was)
                .collect();
            Value::Choice(Some(others[(usize::from(n) + side) % others.len()]))
        }
        (_, Value::Count(was)) => Value::Count(was + 1 + side as u32 + u32::from(n)),
        (Input::Multi, Value::Text(_)) => Value::Text(format!("side {side}\nedit {n} ✓")),
        (_, Value::Text(_)) => Value::Text(format!("side {side} edit {n} ✓")),
    }
}

/// Every ordered pair of `rows` the item's column has: ours edits the first, theirs the second.
fn check_rows<T: Clone + std::fmt::Debug>(
    rows: &[Field<T>],
    base: &Workspace,
    item: &Item<T>,
    n: u16,
) -> Result<(), TestCaseError> {
    let column = item.column;
    let b = (item.get)(base, &item.id).expect("item in base");
    let rows: Vec<&Field<T>> = rows
        .iter()
        .filter(|f| f.columns.contains(&column))
        .collect();
    for (i, fo) in rows.iter().enumerate() {
        for (j, ft) in rows.iter().enumerate() {
            let (vo, vt) = (edited(fo, column, &b, 0, n), edited(ft, column, &b, 1, n));
            let (mut ours, mut theirs) = (base.clone(), base.clone());
            (item.set)(&mut ours, &item.id, &|x| fo.set(x, column, vo.clone()));
            (item.set)(&mut theirs, &item.id, &|x| ft.set(x, column, vt.clone()));
            let o = (item.get)(&ours, &item.id).expect("ours");
            let t = (item.get)(&theirs, &item.id).expect("theirs");
            prop_assert_eq!(fo.get(&o, column), vo.clone(), "{} is written", fo.key);

            // The diff of each side names the row it edited.
            let named = |ws: &Workspace, key: &str| {
                diff(base, ws).changes.iter().any(|c| match c {
                    Change::PersonaEdited { id, field, .. }
                    | Change::GoalEdited { id, field, .. } => *id == item.id && *field == key,
                    _ => false,
                })
            };
            prop_assert!(named(&ours, fo.key), "diff names {}", fo.key);

            let merged = merge(base, &ours, &theirs).workspace;
            let m = (item.get)(&merged, &item.id).expect("merged item");
            if i != j {
                prop_assert_eq!(fo.get(&m, column), vo, "ours' {} is taken", fo.key);
                prop_assert_eq!(ft.get(&m, column), vt, "theirs' {} is taken", ft.key);
                prop_assert_eq!(
                    &merged.conflicts,
                    &base.conflicts,
                    "{} and {}",
                    fo.key,
                    ft.key
                );
                continue;
            }
            if let (Value::List(lo), Value::List(lt)) = (vo, vt) {
                let Value::List(lm) = fo.get(&m, column) else {
                    return Err(TestCaseError::fail("a list reads as a list"));
                };
                prop_assert!(lm.contains(lo.last().unwrap()), "{}: {lm:?}", fo.key);
                prop_assert!(lm.contains(lt.last().unwrap()), "{}: {lm:?}", fo.key);
                prop_assert_eq!(&merged.conflicts, &base.conflicts);
                continue;
            }
            // One value changed on both sides: a conflict naming the row, ours kept in place.
            let text = |x: &T| fo.file_text(x).map(|v| v.into_owned());
            let new: Vec<_> = merged
                .conflicts
                .iter()
                .enumerate()
                .filter(|(_, c)| !base.conflicts.contains(c))
                .collect();
            prop_assert_eq!(new.len(), 1, "{}: {:?}", fo.key, new);
            let (at, c) = new[0];
            prop_assert_eq!(&c.id, &item.id);
            prop_assert_eq!(c.field.as_str(), fo.key);
            prop_assert_eq!(&c.base, &text(&b));
            prop_assert_eq!(&c.ours, &text(&o));
            prop_assert_eq!(&c.theirs, &text(&t));
            prop_assert!(fo.same(&m, &o), "{}: ours is kept until resolved", fo.key);
            let is_text = matches!(fo.input, Input::Line | Input::Multi);
            prop_assert_eq!(c.is_text(), is_text, "{} can be edited as text", fo.key);
            for (choice, side) in [(Resolution::Theirs, &t), (Resolution::Ours, &o)] {
                let mut resolved = merged.clone();
                prop_assert!(resolve(&mut resolved, at, choice).is_ok(), "{}", fo.key);
                let r = (item.get)(&resolved, &item.id).expect("resolved item");
                prop_assert!(fo.same(&r, side), "{} resolves to a side", fo.key);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_persona_row_merges_conflicts_and_diffs(seed in 0u64..1000, pick in 0usize..6, n in 0u16..100) {
        let base = small(seed);
        let (column, p) = base.personas().nth(pick % base.persona_count()).expect("persona");
        let item = Item { id: p.id.clone(), column, get: persona, set: set_persona };
        check_rows(PERSONA_FIELDS, &base, &item, n)?;
    }

    #[test]
    fn every_goal_row_merges_conflicts_and_diffs(seed in 0u64..1000, pick in 0usize..12, n in 0u16..100) {
        let base = small(seed);
        let (column, _, g) = base.goals().nth(pick % base.goal_count()).expect("goal");
        let item = Item { id: g.id.clone(), column, get: goal, set: set_goal };
        check_rows(GOAL_FIELDS, &base, &item, n)?;
    }
}

/// A buyer has every persona row (the rows of users and departments are a part of them), so the
/// test above walks each row of the description.
#[test]
fn buyers_have_every_persona_row() {
    assert!(
        PERSONA_FIELDS
            .iter()
            .all(|f| f.columns.contains(&Column::Buyers))
    );
}
