//! The three-way merge, one test per row of issue 16's table.

use super::*;
use crate::model::conflict::RECORD;
use crate::model::{Column, Conflict, Goal, Persona, Workspace, validate};

/// users: employee (e1 → d1), manager (m1 → d1), intern (i1, no links)
/// departments: sales (d1 → b1, d2 → b1); buyers: exec (b1).
fn base() -> Workspace {
    let goal = |id: &str, supports: &[&str]| Goal {
        id: id.into(),
        text: format!("{id} text"),
        why: String::new(),
        metric: "m".into(),
        supports: supports.iter().map(|s| s.to_string()).collect(),
        ..Goal::default()
    };
    let persona = |id: &str, goals: Vec<Goal>| Persona {
        id: id.into(),
        name: format!("The {id}"),
        pains: vec!["slow".into(), "manual".into()],
        goals,
        ..Persona::default()
    };
    Workspace {
        title: "T".into(),
        columns: crate::model::shared([
            vec![
                persona("employee", vec![goal("e1", &["d1"])]),
                persona("manager", vec![goal("m1", &["d1"])]),
                persona("intern", vec![goal("i1", &[])]),
            ],
            vec![persona(
                "sales",
                vec![goal("d1", &["b1"]), goal("d2", &["b1"])],
            )],
            vec![persona("exec", vec![goal("b1", &[])])],
        ]),
        conflicts: Vec::new(),
    }
}

fn goal<'a>(ws: &'a Workspace, id: &str) -> &'a Goal {
    ws.goals()
        .find(|(_, _, g)| g.id == id)
        .map(|(_, _, g)| g)
        .unwrap_or_else(|| panic!("no goal {id}"))
}

fn goal_mut<'a>(ws: &'a mut Workspace, id: &str) -> &'a mut Goal {
    ws.personas_mut()
        .flat_map(|p| p.goals.iter_mut())
        .find(|g| g.id == id)
        .unwrap_or_else(|| panic!("no goal {id}"))
}

fn owner(ws: &Workspace, id: &str) -> String {
    ws.goals()
        .find(|(_, _, g)| g.id == id)
        .map(|(_, p, _)| p.id.clone())
        .unwrap_or_default()
}

fn delete_goal(ws: &mut Workspace, id: &str) {
    for p in ws.personas_mut() {
        p.goals.retain(|g| g.id != id);
        for g in &mut p.goals {
            g.supports.retain(|s| s != id);
        }
    }
}

fn ids(ws: &Workspace, column: Column) -> Vec<&str> {
    ws.column(column).iter().map(|p| p.id.as_str()).collect()
}

fn has_goal(ws: &Workspace, id: &str) -> bool {
    ws.goals().any(|(_, _, g)| g.id == id)
}

fn valid(m: &Merged) {
    assert_eq!(validate(&m.workspace), vec![], "{:#?}", m.workspace);
}

#[test]
fn a_one_sided_edit_is_taken_from_either_side() {
    let b = base();
    let mut x = b.clone();
    goal_mut(&mut x, "e1").text = "new".into();
    std::sync::Arc::make_mut(&mut x.columns[0][1]).name = "Boss".into();
    let m = merge(&b, &x, &b);
    assert_eq!(m.workspace, x);
    let m = merge(&b, &b, &x);
    assert_eq!(m.workspace, x);
    assert!(m.conflicts().is_empty());
}

#[test]
fn the_same_edit_on_both_sides_is_taken_once() {
    let b = base();
    let mut x = b.clone();
    goal_mut(&mut x, "e1").metric = "calls per day".into();
    std::sync::Arc::make_mut(&mut x.columns[0][0])
        .pains
        .push("forms".into());
    let m = merge(&b, &x, &x.clone());
    assert_eq!(m.workspace, x);
    assert_eq!(x.columns[0][0].pains, ["slow", "manual", "forms"]);
}

#[test]
fn different_edits_of_one_field_are_a_conflict_with_ours_in_place() {
    let b = base();
    let (mut x, mut y) = (b.clone(), b.clone());
    goal_mut(&mut x, "e1").text = "ours".into();
    goal_mut(&mut y, "e1").text = "theirs".into();
    goal_mut(&mut y, "e1").why = "a why".into();
    let m = merge(&b, &x, &y);
    assert_eq!(
        m.conflicts(),
        [Conflict {
            id: "e1".into(),
            field: "text".into(),
            base: Some("e1 text".into()),
            ours: Some("ours".into()),
            theirs: Some("theirs".into()),
        }]
    );
    assert_eq!(goal(&m.workspace, "e1").text, "ours");
    assert_eq!(
        goal(&m.workspace, "e1").why,
        "a why",
        "other fields still merge"
    );
    valid(&m);
}

#[test]
fn an_edit_against_a_delete_keeps_the_edit_and_records_a_conflict_both_ways() {
    let b = base();
    let mut edited = b.clone();
    goal_mut(&mut edited, "i1").text = "edited".into();
    let mut deleted = b.clone();
    delete_goal(&mut deleted, "i1");
    for (ours, theirs, ours_kept) in [(&edited, &deleted, true), (&deleted, &edited, false)] {
        let m = merge(&b, ours, theirs);
        assert_eq!(goal(&m.workspace, "i1").text, "edited");
        assert_eq!(owner(&m.workspace, "i1"), "intern");
        let [c] = m.conflicts() else {
            panic!("{:?}", m.conflicts())
        };
        assert_eq!((c.id.as_str(), c.field.as_str()), ("i1", RECORD));
        assert_eq!(c.ours.is_some(), ours_kept);
        assert_eq!(c.theirs.is_some(), !ours_kept);
        assert!(c.base.as_deref().is_some_and(|r| r.contains("i1 text")));
        valid(&m);
    }
}

#[test]
fn a_delete_on_both_sides_deletes() {
    let b = base();
    let mut x = b.clone();
    x.columns[0].remove(2);
    let mut y = x.clone();
    y.title = "other".into();
    let m = merge(&b, &x, &y);
    assert_eq!(ids(&m.workspace, Column::Users), ["employee", "manager"]);
    assert!(!has_goal(&m.workspace, "i1") && m.conflicts().is_empty());
}

#[test]
fn the_same_addition_on_both_sides_is_kept_once() {
    let b = base();
    let mut x = b.clone();
    std::sync::Arc::make_mut(&mut x.columns[0][0])
        .goals
        .push(Goal {
            id: "e2".into(),
            text: "same".into(),
            supports: vec!["d2".into()],
            ..Goal::default()
        });
    let m = merge(&b, &x, &x.clone());
    assert_eq!(m.workspace, x);
    assert!(m.renamed.is_empty());
}

#[test]
fn the_same_id_added_with_other_content_keeps_both_and_renames_theirs() {
    let b = base();
    let (mut x, mut y) = (b.clone(), b.clone());
    let dept = |name: &str, goal_text: &str| Persona {
        id: "support".into(),
        name: name.into(),
        goals: vec![Goal {
            id: "support-csat".into(),
            text: goal_text.into(),
            supports: vec!["b1".into()],
            ..Goal::default()
        }],
        ..Persona::default()
    };
    x.columns[1].push(std::sync::Arc::new(dept("Support", "Happy customers")));
    y.columns[1].push(std::sync::Arc::new(dept(
        "Customer support",
        "Fewer tickets",
    )));
    // Their user goal links to their new department goal: the link must follow the rename.
    goal_mut(&mut y, "e1").supports.push("support-csat".into());
    let m = merge(&b, &x, &y);
    assert_eq!(
        ids(&m.workspace, Column::Departments),
        ["sales", "support", "support-2"]
    );
    assert_eq!(m.workspace.columns[1][2].name, "Customer support");
    assert_eq!(goal(&m.workspace, "support-csat").text, "Happy customers");
    assert_eq!(goal(&m.workspace, "support-csat-2").text, "Fewer tickets");
    assert_eq!(owner(&m.workspace, "support-csat-2"), "support-2");
    assert_eq!(goal(&m.workspace, "e1").supports, ["d1", "support-csat-2"]);
    assert_eq!(m.renamed.len(), 2);
    assert!(m.conflicts().is_empty());
    valid(&m);
}

#[test]
fn a_link_to_a_goal_deleted_on_the_other_side_is_dropped_and_reported() {
    let b = base();
    let (mut x, mut y) = (b.clone(), b.clone());
    goal_mut(&mut x, "e1").supports.push("d2".into());
    delete_goal(&mut y, "d2");
    for (ours, theirs) in [(&x, &y), (&y, &x)] {
        let m = merge(&b, ours, theirs);
        assert!(!has_goal(&m.workspace, "d2"));
        assert_eq!(goal(&m.workspace, "e1").supports, ["d1"]);
        assert_eq!(
            m.dropped,
            [DroppedLink {
                goal: "e1".into(),
                target: "d2".into()
            }]
        );
        assert!(m.conflicts().is_empty());
        valid(&m);
    }
}

#[test]
fn concurrent_reorders_keep_our_order_and_a_one_sided_reorder_is_taken() {
    let b = base();
    let (mut x, mut y) = (b.clone(), b.clone());
    x.columns[0].rotate_right(1); // intern, employee, manager
    y.columns[0].rotate_left(1); // manager, intern, employee
    let m = merge(&b, &x, &y);
    assert_eq!(
        ids(&m.workspace, Column::Users),
        ["intern", "employee", "manager"]
    );
    let m = merge(&b, &b, &y);
    assert_eq!(
        ids(&m.workspace, Column::Users),
        ["manager", "intern", "employee"]
    );
}

#[test]
fn personas_added_in_the_same_place_keep_our_order_with_theirs_after_their_predecessor() {
    let b = base();
    let (mut x, mut y) = (b.clone(), b.clone());
    let persona = |id: &str| Persona {
        id: id.into(),
        name: id.into(),
        ..Persona::default()
    };
    x.columns[0].insert(1, std::sync::Arc::new(persona("ours-new")));
    y.columns[0].insert(1, std::sync::Arc::new(persona("theirs-new")));
    let m = merge(&b, &x, &y);
    assert_eq!(
        ids(&m.workspace, Column::Users),
        ["employee", "ours-new", "theirs-new", "manager", "intern"]
    );
    assert_eq!(merge(&b, &x, &y), m, "deterministic");
    let m = merge(&b, &y, &x);
    assert_eq!(
        ids(&m.workspace, Column::Users),
        ["employee", "theirs-new", "ours-new", "manager", "intern"]
    );
}

#[test]
fn a_goal_moved_on_one_side_and_edited_on_the_other_gets_both() {
    let b = base();
    let (mut x, mut y) = (b.clone(), b.clone());
    let g = std::sync::Arc::make_mut(&mut x.columns[0][0])
        .goals
        .remove(0);
    std::sync::Arc::make_mut(&mut x.columns[0][1])
        .goals
        .insert(0, g);
    goal_mut(&mut y, "e1").text = "edited".into();
    for (ours, theirs) in [(&x, &y), (&y, &x)] {
        let m = merge(&b, ours, theirs);
        assert_eq!(owner(&m.workspace, "e1"), "manager");
        assert_eq!(goal(&m.workspace, "e1").text, "edited");
        let goals: Vec<&str> = m.workspace.columns[0][1]
            .goals
            .iter()
            .map(|g| g.id.as_str())
            .collect();
        assert_eq!(goals, ["e1", "m1"]);
        assert!(m.conflicts().is_empty());
        valid(&m);
    }
}

#[test]
fn a_goal_added_to_a_persona_the_other_side_deleted_keeps_the_persona_in_conflict() {
    let b = base();
    let (mut x, mut y) = (b.clone(), b.clone());
    std::sync::Arc::make_mut(&mut x.columns[0][2])
        .goals
        .push(Goal {
            id: "i2".into(),
            text: "learn".into(),
            ..Goal::default()
        });
    y.columns[0].remove(2);
    let m = merge(&b, &x, &y);
    assert!(has_goal(&m.workspace, "i2"));
    assert_eq!(owner(&m.workspace, "i2"), "intern");
    assert!(
        !has_goal(&m.workspace, "i1"),
        "the unchanged goal goes with the delete"
    );
    assert!(
        m.conflicts()
            .iter()
            .any(|c| c.id == "intern" && c.field == RECORD)
    );
    valid(&m);
}

#[test]
fn list_fields_and_supports_merge_as_lists_and_sets() {
    let b = base();
    let (mut x, mut y) = (b.clone(), b.clone());
    std::sync::Arc::make_mut(&mut x.columns[0][0]).pains = vec!["slow".into(), "forms".into()];
    std::sync::Arc::make_mut(&mut y.columns[0][0]).pains =
        vec!["slow".into(), "manual".into(), "noise".into()];
    goal_mut(&mut x, "m1").supports = vec!["d1".into(), "d2".into()];
    goal_mut(&mut y, "m1").supports = vec!["d2".into()];
    let m = merge(&b, &x, &y);
    assert_eq!(m.workspace.columns[0][0].pains, ["slow", "forms", "noise"]);
    assert_eq!(goal(&m.workspace, "m1").supports, ["d2"]);
    assert!(m.conflicts().is_empty());
}

#[test]
fn a_title_changed_on_both_sides_is_a_conflict_with_an_empty_id() {
    let b = base();
    let (mut x, mut y) = (b.clone(), b.clone());
    x.title = "A".into();
    y.title = "B".into();
    let m = merge(&b, &x, &y);
    assert_eq!(m.workspace.title, "A");
    assert_eq!(m.conflicts()[0].id, "");
    assert_eq!(m.conflicts()[0].field, "title");
}

#[test]
fn conflicts_already_in_the_files_merge_as_a_list() {
    let b = base();
    let c = |id: &str| Conflict {
        id: id.into(),
        field: "text".into(),
        base: Some("b".into()),
        ours: Some("o".into()),
        theirs: Some("t".into()),
    };
    let mut with = b.clone();
    with.conflicts = vec![c("e1"), c("m1")];
    let mut resolved_one = with.clone();
    resolved_one.conflicts.remove(0);
    // Kept while one side still has it and the base did not; gone once a side resolved it.
    assert_eq!(merge(&b, &with, &b).conflicts(), with.conflicts);
    assert_eq!(merge(&with, &resolved_one, &with).conflicts(), [c("m1")]);
    assert_eq!(merge(&with, &with, &resolved_one).conflicts(), [c("m1")]);
}

/// The merge copies a persona row by row (`model::fields`): a field of the model without a row
/// would be lost. The generator fills every field, so each generated persona must come out whole.
#[test]
fn a_persona_is_copied_whole_by_its_field_rows() {
    let ws = crate::model::generate::generate(crate::model::generate::Size::S, 7);
    for (_, p) in ws.personas() {
        let mut copy = three_way::without_goals(p);
        copy.goals.clone_from(&p.goals);
        assert_eq!(&copy, p);
    }
    assert_eq!(merge(&ws, &ws, &ws).workspace, ws);
}
