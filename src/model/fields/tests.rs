use super::*;

#[test]
fn every_persona_field_reads_back_what_it_writes() {
    for column in Column::ALL {
        for f in persona_fields(column) {
            let mut p = Persona::default();
            let value = match f.input {
                Input::Line | Input::Multi => Value::Text(format!("{} text", f.key)),
                Input::List => Value::List(vec!["one".into(), "two".into()]),
                Input::Choice => Value::Choice(Some(1)),
                Input::Count => Value::Count(3),
            };
            f.set(&mut p, column, value.clone());
            assert_eq!(f.get(&p, column), value, "{} in {column}", f.key);
            assert!(!f.is_blank(&p));
        }
    }
}

#[test]
fn buyers_have_their_own_fields_and_kinds() {
    let keys = |c| persona_fields(c).map(|f| f.key).collect::<Vec<_>>();
    assert!(keys(Column::Buyers).contains(&"buying_role"));
    assert!(!keys(Column::Users).contains(&"objections"));
    let kind = &PERSONA_FIELDS[2];
    assert_eq!(kind.choices(Column::Users)[0].ident(), "GoalDirected");
    assert_eq!(kind.choices(Column::Buyers)[0].ident(), "Competitive");
    assert!(PERSONA_FIELDS.iter().any(|f| f.key == GOALS_AFTER));
}

#[test]
fn keys_are_unique() {
    let mut keys: Vec<_> = PERSONA_FIELDS.iter().map(|f| f.key).collect();
    keys.extend(GOAL_FIELDS.iter().map(|f| f.key));
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n);
}
