//! Rules every workspace must keep: ids present and unique, names present, links only to an
//! existing goal in the next column up. Every broken rule is reported, not just the first.

use std::collections::HashSet;

use foldhash::HashMap;

use thiserror::Error;

use super::fields::{self, Access, PERSONA_FIELDS};
use super::{Column, Persona, Workspace};

/// One broken rule, naming the persona, the goal and the bad id involved.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ValidationError {
    #[error("{} persona #{position} ({name:?}) has an empty id", column.noun())]
    EmptyPersonaId {
        column: Column,
        position: usize,
        name: String,
    },
    #[error("{} persona {persona:?} has an empty name", column.noun())]
    EmptyName { column: Column, persona: String },
    #[error("goal #{position} of persona {persona:?} ({text:?}) has an empty id")]
    EmptyGoalId {
        persona: String,
        position: usize,
        text: String,
    },
    #[error("goal {goal:?} of persona {persona:?} has an empty text")]
    EmptyGoalText { persona: String, goal: String },
    #[error("duplicate id {id:?}: used by {first} and by {second}")]
    DuplicateId {
        id: String,
        first: String,
        second: String,
    },
    #[error("goal {goal:?} of persona {persona:?} supports {target:?}, which is not a goal")]
    MissingGoal {
        persona: String,
        goal: String,
        target: String,
    },
    #[error(
        "goal {goal:?} of persona {persona:?} ({from}) supports {target:?} in {to}; \
         {} goals {}",
        from.noun(),
        allowed_target(*from)
    )]
    WrongColumn {
        persona: String,
        goal: String,
        target: String,
        from: Column,
        to: Column,
    },
    #[error("goal {goal:?} of persona {persona:?} lists {target:?} in supports more than once")]
    DuplicateLink {
        persona: String,
        goal: String,
        target: String,
    },
    /// A choice of another column's list (a buyer's kind on a user).
    #[error(
        "{} persona {persona:?} has {} {value}, which is not a {} {}",
        column.noun(),
        label(field),
        column.noun(),
        label(field)
    )]
    ChoiceNotForColumn {
        column: Column,
        persona: String,
        /// The field's key.
        field: &'static str,
        /// The choice as the file spells it.
        value: &'static str,
    },
    /// A choice field that personas of this column do not have (a buying role on a user).
    #[error("{} persona {persona:?} has {}", column.noun(), not_in_column(field))]
    FieldNotForColumn {
        column: Column,
        persona: String,
        /// The field's key.
        field: &'static str,
    },
}

/// A persona field's label, lower case ("buying role").
fn label(key: &str) -> String {
    fields::persona_field(key).map_or_else(|| key.to_string(), |f| f.label.to_lowercase())
}

/// "a buying role; only buyers have one".
fn not_in_column(key: &str) -> String {
    let Some(f) = fields::persona_field(key) else {
        return key.to_string();
    };
    let owners: Vec<&str> = f.columns.iter().map(|c| c.key()).collect();
    format!(
        "a {}; only {} have one",
        f.label.to_lowercase(),
        owners.join(" and ")
    )
}

fn allowed_target(from: Column) -> String {
    match from.up() {
        Some(up) => format!("may only support goals in {up}"),
        None => "support nothing: buyers are the top of the chain".into(),
    }
}

/// Who first used an id: a persona, or a goal of one (positions in the workspace). Described
/// in words only when an error needs it, so a valid workspace costs no text.
#[derive(Clone, Copy)]
struct Owner {
    column: Column,
    persona: usize,
    goal: Option<usize>,
}

impl Owner {
    fn describe(self, ws: &Workspace) -> String {
        let p = &ws.column(self.column)[self.persona];
        match self.goal {
            None => describe_persona(self.column, &p.id, &p.name),
            Some(g) => format!("goal {:?} of persona {:?}", p.goals[g].id, p.id),
        }
    }
}

/// Every choice made (kind, buying role) is one the persona's column has. (Texts and lists of
/// another column — a user's objections — are not refused: the file has no place for them, so
/// they are left out when saved.)
fn persona_choices_kept(column: Column, persona: &Persona, errors: &mut Vec<ValidationError>) {
    for f in PERSONA_FIELDS {
        let Access::Choice { choices, get, .. } = &f.access else {
            continue;
        };
        let Some(choice) = get(persona) else {
            continue;
        };
        if !f.columns.contains(&column) {
            errors.push(ValidationError::FieldNotForColumn {
                column,
                persona: persona.id.clone(),
                field: f.key,
            });
        } else if !choices(column).contains(&choice) {
            errors.push(ValidationError::ChoiceNotForColumn {
                column,
                persona: persona.id.clone(),
                field: f.key,
                value: choice.ident(),
            });
        }
    }
}

/// Checks every rule and returns every broken one, in workspace order.
pub fn validate(ws: &Workspace) -> Vec<ValidationError> {
    let mut errors = Vec::new();
    let mut seen: HashMap<&str, Owner> =
        HashMap::with_capacity_and_hasher(ws.persona_count() + ws.goal_count(), Default::default());

    for column in Column::ALL {
        for (pi, persona) in ws.column(column).iter().enumerate() {
            if persona.id.trim().is_empty() {
                errors.push(ValidationError::EmptyPersonaId {
                    column,
                    position: pi + 1,
                    name: persona.name.clone(),
                });
            } else if let Some(first) = seen.get(persona.id.as_str()) {
                errors.push(ValidationError::DuplicateId {
                    id: persona.id.clone(),
                    first: first.describe(ws),
                    second: describe_persona(column, &persona.id, &persona.name),
                });
            } else {
                seen.insert(
                    &persona.id,
                    Owner {
                        column,
                        persona: pi,
                        goal: None,
                    },
                );
            }
            if persona.name.trim().is_empty() {
                errors.push(ValidationError::EmptyName {
                    column,
                    persona: persona.id.clone(),
                });
            }
            persona_choices_kept(column, persona, &mut errors);
            for (gi, goal) in persona.goals.iter().enumerate() {
                if goal.id.trim().is_empty() {
                    errors.push(ValidationError::EmptyGoalId {
                        persona: persona.id.clone(),
                        position: gi + 1,
                        text: goal.text.clone(),
                    });
                } else if let Some(first) = seen.get(goal.id.as_str()) {
                    errors.push(ValidationError::DuplicateId {
                        id: goal.id.clone(),
                        first: first.describe(ws),
                        second: format!("goal {:?} of persona {:?}", goal.id, persona.id),
                    });
                } else {
                    seen.insert(
                        &goal.id,
                        Owner {
                            column,
                            persona: pi,
                            goal: Some(gi),
                        },
                    );
                }
                if goal.text.trim().is_empty() {
                    errors.push(ValidationError::EmptyGoalText {
                        persona: persona.id.clone(),
                        goal: goal.id.clone(),
                    });
                }
            }
        }
    }

    // Links are checked once every id is known, so a link may point forward in the file.
    for column in Column::ALL {
        for persona in ws.column(column) {
            for goal in &persona.goals {
                // A goal has a few links, so a scan finds a repeated one faster than a set;
                // a long list (a hand-made file) gets a set.
                let mut listed: Option<HashSet<&str>> =
                    (goal.supports.len() > 16).then(HashSet::new);
                for (i, target) in goal.supports.iter().enumerate() {
                    let repeated = match &mut listed {
                        Some(set) => !set.insert(target.as_str()),
                        None => goal.supports[..i].contains(target),
                    };
                    if repeated {
                        errors.push(ValidationError::DuplicateLink {
                            persona: persona.id.clone(),
                            goal: goal.id.clone(),
                            target: target.clone(),
                        });
                        continue;
                    }
                    match seen.get(target.as_str()) {
                        Some(Owner {
                            column: to,
                            goal: Some(_),
                            ..
                        }) if Some(*to) == column.up() => {}
                        Some(Owner {
                            column: to,
                            goal: Some(_),
                            ..
                        }) => errors.push(ValidationError::WrongColumn {
                            persona: persona.id.clone(),
                            goal: goal.id.clone(),
                            target: target.clone(),
                            from: column,
                            to: *to,
                        }),
                        _ => errors.push(ValidationError::MissingGoal {
                            persona: persona.id.clone(),
                            goal: goal.id.clone(),
                            target: target.clone(),
                        }),
                    }
                }
            }
        }
    }
    errors
}

fn describe_persona(column: Column, id: &str, name: &str) -> String {
    format!("{} persona {:?} ({:?})", column.noun(), id, name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Goal, Kind, Persona};

    fn goal(id: &str, supports: &[&str]) -> Goal {
        Goal {
            id: id.into(),
            text: format!("text of {id}"),
            supports: supports.iter().map(|s| (*s).into()).collect(),
            ..Goal::default()
        }
    }

    fn persona(id: &str, goals: Vec<Goal>) -> Persona {
        Persona {
            id: id.into(),
            name: format!("Name {id}"),
            goals,
            ..Persona::default()
        }
    }

    fn ws(users: Vec<Persona>, depts: Vec<Persona>, buyers: Vec<Persona>) -> Workspace {
        Workspace {
            title: "t".into(),
            columns: [users, depts, buyers]
                .map(|c| c.into_iter().map(std::sync::Arc::new).collect()),
            conflicts: Vec::new(),
        }
    }

    #[test]
    fn a_sound_chain_has_no_errors() {
        let w = ws(
            vec![persona("u", vec![goal("u1", &["d1"])])],
            vec![persona("d", vec![goal("d1", &["b1"])])],
            vec![persona("b", vec![goal("b1", &[])])],
        );
        assert!(validate(&w).is_empty());
    }

    #[test]
    fn user_to_buyer_skips_the_department_layer() {
        let w = ws(
            vec![persona("u", vec![goal("u1", &["b1"])])],
            vec![],
            vec![persona("b", vec![goal("b1", &[])])],
        );
        let errors = validate(&w);
        assert_eq!(
            errors,
            vec![ValidationError::WrongColumn {
                persona: "u".into(),
                goal: "u1".into(),
                target: "b1".into(),
                from: Column::Users,
                to: Column::Buyers,
            }]
        );
        assert!(
            errors[0]
                .to_string()
                .contains("may only support goals in Departments")
        );
    }

    #[test]
    fn links_down_or_sideways_are_refused() {
        let w = ws(
            vec![persona("u", vec![goal("u1", &[]), goal("u2", &["u1"])])],
            vec![persona("d", vec![goal("d1", &["u1"])])],
            vec![persona("b", vec![goal("b1", &["d1"])])],
        );
        let kinds: Vec<_> = validate(&w)
            .into_iter()
            .map(|e| match e {
                ValidationError::WrongColumn { goal, .. } => goal,
                other => panic!("unexpected {other}"),
            })
            .collect();
        assert_eq!(kinds, ["u2", "d1", "b1"]);
    }

    #[test]
    fn every_error_is_reported() {
        let mut nameless = persona("", vec![goal("g", &["nowhere"])]);
        nameless.name = String::new();
        let w = ws(
            vec![nameless, persona("dup", vec![goal("dup", &[])])],
            vec![],
            vec![],
        );
        let errors = validate(&w);
        assert!(matches!(errors[0], ValidationError::EmptyPersonaId { .. }));
        assert!(matches!(errors[1], ValidationError::EmptyName { .. }));
        assert!(matches!(errors[2], ValidationError::DuplicateId { ref id, .. } if id == "dup"));
        assert!(
            matches!(errors[3], ValidationError::MissingGoal { ref target, .. } if target == "nowhere")
        );
        assert_eq!(errors.len(), 4);
    }

    #[test]
    fn buyer_kinds_are_refused_for_users() {
        let mut p = persona("u", vec![]);
        p.kind = Some(Kind::Competitive);
        let errors = validate(&ws(vec![p], vec![], vec![]));
        assert!(matches!(
            errors[0],
            ValidationError::ChoiceNotForColumn { .. }
        ));
    }

    #[test]
    fn choices_of_another_column_are_named_in_the_words_of_the_field_table() {
        let mut kind = persona("k", vec![]);
        kind.kind = Some(Kind::Competitive);
        let mut role = persona("r", vec![]);
        role.buying_role = Some(crate::model::BuyingRole::Influencer);
        // Not refused (as before): the file has no place for a department's objections.
        let mut listed = persona("o", vec![]);
        listed.objections = vec!["price".into()];
        let said: Vec<String> = validate(&ws(vec![kind], vec![role, listed], vec![]))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            said,
            [
                r#"user persona "k" has kind Competitive, which is not a user kind"#,
                r#"department persona "r" has a buying role; only buyers have one"#,
            ]
        );
    }
}
