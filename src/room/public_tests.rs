use super::*;
use crate::model::{Goal, Persona};

fn persona(id: &str, name: &str, goals: Vec<Goal>) -> Persona {
    Persona {
        id: id.into(),
        name: name.into(),
        role: "Role".into(),
        summary: "SECRET summary".into(),
        notes: "SECRET notes".into(),
        quote: "SECRET quote".into(),
        pains: vec!["SECRET pain".into()],
        goals,
        ..Persona::default()
    }
}

fn goal(id: &str, supports: &[&str]) -> Goal {
    Goal {
        id: id.into(),
        text: format!("text of {id}"),
        supports: supports.iter().map(|s| s.to_string()).collect(),
        ..Goal::default()
    }
}

fn ws() -> Workspace {
    Workspace::new(
        "T",
        [
            vec![
                persona("u", "Ursula", vec![goal("u1", &["d1"]), goal("u2", &[])]),
                persona("v", "Viktor", vec![]),
            ],
            vec![persona("d", "Dept", vec![goal("d1", &["b1"])])],
            vec![persona("b", "Boss", vec![goal("b1", &[])])],
        ],
    )
}

#[test]
fn only_public_fields_and_reach_per_goal() {
    let board = Board::of(&ws());
    let json = serde_json::to_string(&board).expect("json");
    assert!(!json.contains("SECRET"), "{json}");
    let users = board.column(Column::Users);
    assert!(users[0].goals[0].reaches_buyer);
    assert!(!users[0].goals[1].reaches_buyer);
    assert_eq!(users[0].goals[0].supports[0].text, "text of d1");
    assert_eq!(board.coverage.reached, 1);
    assert_eq!(board.coverage.total, 2);
}

#[test]
fn a_private_change_sends_nothing_and_a_public_one_only_that_persona() {
    let a = ws();
    let mut b = a.clone();
    b.persona_mut(Column::Users, 0).notes = "changed".into();
    assert!(changes(&Board::of(&a), &Board::of(&b)).is_empty());
    b.persona_mut(Column::Users, 1).name = "Vera".into();
    let sent = changes(&Board::of(&a), &Board::of(&b));
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert!(matches!(&sent[0], Change::Persona { persona, .. } if persona.name == "Vera"));
}

#[test]
fn removing_a_link_changes_reach_coverage_and_order_follows_a_swap() {
    let a = ws();
    let mut b = a.clone();
    b.persona_mut(Column::Departments, 0).goals[0]
        .supports
        .clear();
    b.column_mut(Column::Users).swap(0, 1);
    let sent = changes(&Board::of(&a), &Board::of(&b));
    let names: Vec<&str> = sent.iter().map(Change::event).collect();
    assert_eq!(
        names,
        ["persona", "order", "persona", "coverage"],
        "{sent:?}"
    );
}

#[test]
fn a_removed_persona_is_said_before_the_new_order() {
    let a = ws();
    let mut b = a.clone();
    b.column_mut(Column::Users).remove(1);
    let sent = changes(&Board::of(&a), &Board::of(&b));
    assert_eq!(
        sent,
        [
            Change::Removed {
                column: "users",
                id: "v".into()
            },
            Change::Order {
                column: "users",
                ids: vec!["u".into()]
            }
        ]
    );
}

#[test]
fn personas_are_found_by_id_or_name_in_their_column_only() {
    let board = Board::of(&ws());
    assert_eq!(
        board
            .find_persona(Column::Users, "URSULA")
            .map(|p| p.map(|p| p.id.as_str())),
        Ok(Some("u"))
    );
    assert_eq!(
        board
            .find_persona(Column::Users, "V")
            .map(|p| p.map(|p| p.id.as_str())),
        Ok(Some("v"))
    );
    assert_eq!(
        board.find_persona(Column::Users, "Boss"),
        Err(Column::Buyers)
    );
    assert_eq!(board.find_persona(Column::Users, "Nobody"), Ok(None));
}
