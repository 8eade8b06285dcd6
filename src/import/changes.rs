//! What an import did (or, with `--dry-run`, would do) to the workspace, for people to read.

use std::fmt;

use crate::model::Column;

/// One change an import makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    CreatePersona {
        column: Column,
        id: String,
        name: String,
    },
    /// The keys of the fields that changed.
    UpdatePersona {
        id: String,
        fields: Vec<&'static str>,
    },
    CreateGoal {
        persona: String,
        id: String,
        text: String,
    },
    UpdateGoal {
        id: String,
        fields: Vec<&'static str>,
    },
    Link {
        from: String,
        to: String,
    },
    Unlink {
        from: String,
        to: String,
    },
    Retitle {
        title: String,
    },
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::CreatePersona { column, id, name } => {
                write!(f, "create {} persona {id} ({name:?})", column.noun())
            }
            Change::UpdatePersona { id, fields } => {
                write!(f, "update persona {id}: {}", fields.join(", "))
            }
            Change::CreateGoal { persona, id, text } => {
                write!(f, "create goal {id} ({text:?}) of persona {persona}")
            }
            Change::UpdateGoal { id, fields } => {
                write!(f, "update goal {id}: {}", fields.join(", "))
            }
            Change::Link { from, to } => write!(f, "link {from} → {to}"),
            Change::Unlink { from, to } => write!(f, "unlink {from} → {to}"),
            Change::Retitle { title } => write!(f, "retitle the workspace {title:?}"),
        }
    }
}

/// How many of each kind of change: "2 personas created, 1 updated; …".
pub fn summary(changes: &[Change]) -> String {
    let count = |pick: fn(&Change) -> bool| changes.iter().filter(|c| pick(c)).count();
    let noun = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{} created, {} updated; {} created, {} updated; {} added, {} removed",
        noun(
            count(|c| matches!(c, Change::CreatePersona { .. })),
            "persona",
            "personas"
        ),
        count(|c| matches!(c, Change::UpdatePersona { .. })),
        noun(
            count(|c| matches!(c, Change::CreateGoal { .. })),
            "goal",
            "goals"
        ),
        count(|c| matches!(c, Change::UpdateGoal { .. })),
        noun(count(|c| matches!(c, Change::Link { .. })), "link", "links"),
        count(|c| matches!(c, Change::Unlink { .. })),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_each_kind() {
        let changes = [
            Change::CreatePersona {
                column: Column::Users,
                id: "u".into(),
                name: "U".into(),
            },
            Change::Link {
                from: "a".into(),
                to: "b".into(),
            },
            Change::Link {
                from: "a".into(),
                to: "c".into(),
            },
        ];
        assert_eq!(
            summary(&changes),
            "1 persona created, 0 updated; 0 goals created, 0 updated; 2 links added, 0 removed"
        );
        assert_eq!(changes[1].to_string(), "link a → b");
    }
}
