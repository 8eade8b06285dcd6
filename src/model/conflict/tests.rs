//! Resolving conflicts: ours, theirs and edit on a field; edit vs delete both ways.

use super::*;
use crate::model::{Goal, Kind, Persona};

fn ws() -> Workspace {
    Workspace {
        title: "T".into(),
        columns: crate::model::shared([
            vec![Persona {
                id: "employee".into(),
                name: "Ours name".into(),
                goals: vec![Goal {
                    id: "e1".into(),
                    text: "ours text".into(),
                    supports: vec!["d1".into()],
                    ..Goal::default()
                }],
                ..Persona::default()
            }],
            vec![Persona {
                id: "sales".into(),
                name: "Sales".into(),
                goals: vec![Goal {
                    id: "d1".into(),
                    text: "grow".into(),
                    ..Goal::default()
                }],
                ..Persona::default()
            }],
            vec![],
        ]),
        conflicts: vec![
            Conflict {
                id: "e1".into(),
                field: "text".into(),
                base: Some("base text".into()),
                ours: Some("ours text".into()),
                theirs: Some("theirs text".into()),
            },
            Conflict {
                id: "employee".into(),
                field: "kind".into(),
                base: Some(String::new()),
                ours: Some(String::new()),
                theirs: Some("RoleBased".into()),
            },
        ],
    }
}

fn record(ours: Option<&str>, theirs: Option<&str>) -> Conflict {
    Conflict {
        id: "d1".into(),
        field: RECORD.into(),
        base: Some("(id:\"d1\")".into()),
        ours: ours.map(String::from),
        theirs: theirs.map(String::from),
    }
}

#[test]
fn ours_theirs_and_edit_set_the_field_and_remove_the_conflict() {
    let mut w = ws();
    let removed = resolve(&mut w, 0, Resolution::Theirs).expect("resolves");
    assert_eq!(removed.field, "text");
    assert_eq!(w.columns[0][0].goals[0].text, "theirs text");
    assert_eq!(w.conflicts.len(), 1);

    let mut w = ws();
    resolve(&mut w, 0, Resolution::Ours).expect("resolves");
    assert_eq!(w.columns[0][0].goals[0].text, "ours text");

    let mut w = ws();
    let joined = w.conflicts[0].joined();
    assert_eq!(joined, "ours text\ntheirs text");
    resolve(&mut w, 0, Resolution::Edit("both".into())).expect("resolves");
    assert_eq!(w.columns[0][0].goals[0].text, "both");

    resolve(&mut w, 0, Resolution::Theirs).expect("resolves the kind");
    assert_eq!(w.columns[0][0].kind, Some(Kind::RoleBased));
    assert!(w.conflicts.is_empty());
}

#[test]
fn a_kind_cannot_be_edited_as_text_and_a_bad_choice_changes_nothing() {
    let mut w = ws();
    let before = w.clone();
    assert!(matches!(
        resolve(&mut w, 1, Resolution::Edit("x".into())),
        Err(ResolveError::NotText { .. })
    ));
    assert!(matches!(
        resolve(&mut w, 9, Resolution::Ours),
        Err(ResolveError::NoSuchConflict(9))
    ));
    assert_eq!(w, before);
}

#[test]
fn edit_vs_delete_ours_deleted_theirs_edited() {
    // The edited version (theirs) is in place; choosing ours deletes it and its links.
    let mut w = ws();
    w.conflicts = vec![record(None, Some("(id:\"d1\",text:\"grow\")"))];
    let mut keep = w.clone();
    resolve(&mut w, 0, Resolution::Ours).expect("resolves");
    assert!(w.columns[1][0].goals.is_empty());
    assert!(
        w.columns[0][0].goals[0].supports.is_empty(),
        "links to it go too"
    );
    assert!(w.conflicts.is_empty());
    resolve(&mut keep, 0, Resolution::Theirs).expect("resolves");
    assert_eq!(keep.columns[1][0].goals[0].id, "d1");
    assert_eq!(keep.columns[0][0].goals[0].supports, ["d1"]);
}

#[test]
fn edit_vs_delete_ours_edited_theirs_deleted() {
    let mut w = ws();
    w.conflicts = vec![record(Some("(id:\"d1\",text:\"grow\")"), None)];
    let mut gone = w.clone();
    resolve(&mut w, 0, Resolution::Ours).expect("resolves");
    assert_eq!(w.columns[1][0].goals[0].id, "d1");
    resolve(&mut gone, 0, Resolution::Theirs).expect("resolves");
    assert!(gone.columns[1][0].goals.is_empty());
    assert!(matches!(
        resolve(&mut gone.clone(), 0, Resolution::Ours),
        Err(ResolveError::NoSuchConflict(0))
    ));
}

#[test]
fn deleting_a_persona_drops_the_conflicts_about_its_goals() {
    let mut w = ws();
    w.conflicts.insert(
        0,
        Conflict {
            id: "employee".into(),
            field: RECORD.into(),
            base: Some("(..)".into()),
            ours: None,
            theirs: Some("(..)".into()),
        },
    );
    resolve(&mut w, 0, Resolution::Ours).expect("resolves");
    assert!(w.columns[0].is_empty());
    assert!(w.conflicts.is_empty(), "{:?}", w.conflicts);
}

#[test]
fn a_goal_moved_by_a_resolution_joins_its_new_persona() {
    let mut w = ws();
    w.conflicts = vec![Conflict {
        id: "d1".into(),
        field: "persona".into(),
        base: Some("sales".into()),
        ours: Some("sales".into()),
        theirs: Some("employee".into()),
    }];
    resolve(&mut w, 0, Resolution::Theirs).expect("resolves");
    assert_eq!(w.columns[0][0].goals[1].id, "d1");
}
