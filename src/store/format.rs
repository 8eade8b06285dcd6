//! RON formats 1 to 3: the serde structs that mirror the file, and the writer. Format 2 is
//! format 1 plus an optional top-level `conflicts` list (SPEC §9); format 3 adds a goal's
//! optional `votes` (SPEC §11). A file is written in the lowest format that holds what it
//! contains ([`format_of`]), so an older `personas` still reads every file it could hold.
//!
//! Reading goes through serde with `deny_unknown_fields`, so a misspelt field is an error naming
//! it. Writing is done by hand so that the output is fixed: every field, in one order, one item a
//! line, no struct names, and byte-identical for the same workspace.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::model::{BuyingRole, Column, Conflict, Goal, Kind, Persona, Workspace};
mod conflicts;
mod writer;
pub use conflicts::FileConflict;
use writer::Writer;
pub(crate) use writer::push_string;
pub use writer::to_ron;

/// The newest file-format version this program reads, and the one it writes while a goal has
/// votes.
pub const FORMAT_VERSION: u32 = 3;

/// The version written while the workspace holds merge conflicts (and no goal has votes).
pub const FORMAT_WITH_CONFLICTS: u32 = 2;

/// The version written for a workspace with neither, so older programs still read it.
pub const FORMAT_WITHOUT_CONFLICTS: u32 = 1;

/// The version a workspace is written in: the lowest that holds what it contains — 3 while a
/// goal has votes, else 2 while it holds conflicts, else 1.
pub fn format_of(ws: &Workspace) -> u32 {
    if ws.goals().any(|(_, _, g)| g.votes != 0) {
        FORMAT_VERSION
    } else if !ws.conflicts.is_empty() {
        FORMAT_WITH_CONFLICTS
    } else {
        FORMAT_WITHOUT_CONFLICTS
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The first line of every saved file.
pub const HEADER: &str = "// A personas workspace. Open it with: personas FILE";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileWorkspace {
    #[serde(default = "current_format")]
    pub format: u32,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub users: Vec<FileUser>,
    #[serde(default)]
    pub departments: Vec<FileUser>,
    #[serde(default)]
    pub buyers: Vec<FileBuyer>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<FileConflict>,
}

/// A file that does not say its format is format 1 (it has no conflicts list to speak of).
fn current_format() -> u32 {
    FORMAT_WITHOUT_CONFLICTS
}

/// Only the version, read before anything else so a newer file is refused by its version and
/// not by the first field this program does not know.
#[derive(Debug, Deserialize)]
pub struct FormatProbe {
    #[serde(default = "current_format")]
    pub format: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UserKind {
    GoalDirected,
    RoleBased,
    Engaging,
    Fictional,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BuyerKind {
    Competitive,
    Spontaneous,
    Humanistic,
    Methodical,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileBuyingRole {
    UltimateBuyer,
    DecisionMaker,
    Influencer,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileGoal {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub why: String,
    #[serde(default)]
    pub metric: String,
    #[serde(default)]
    pub supports: Vec<String>,
    /// Format 3: the last vote round's dots; left out when 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub votes: u32,
}

/// A persona in the Users or Departments column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileUser {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub kind: Option<UserKind>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub goals: Vec<FileGoal>,
    #[serde(default)]
    pub pains: Vec<String>,
    #[serde(default)]
    pub quote: String,
    #[serde(default)]
    pub notes: String,
}

/// A persona in the Buyers column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileBuyer {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub kind: Option<BuyerKind>,
    #[serde(default)]
    pub buying_role: Option<FileBuyingRole>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub goals: Vec<FileGoal>,
    #[serde(default)]
    pub pains: Vec<String>,
    #[serde(default)]
    pub objections: Vec<String>,
    #[serde(default)]
    pub criteria: Vec<String>,
    #[serde(default)]
    pub quote: String,
    #[serde(default)]
    pub notes: String,
}

impl From<UserKind> for Kind {
    fn from(k: UserKind) -> Kind {
        match k {
            UserKind::GoalDirected => Kind::GoalDirected,
            UserKind::RoleBased => Kind::RoleBased,
            UserKind::Engaging => Kind::Engaging,
            UserKind::Fictional => Kind::Fictional,
        }
    }
}

impl From<BuyerKind> for Kind {
    fn from(k: BuyerKind) -> Kind {
        match k {
            BuyerKind::Competitive => Kind::Competitive,
            BuyerKind::Spontaneous => Kind::Spontaneous,
            BuyerKind::Humanistic => Kind::Humanistic,
            BuyerKind::Methodical => Kind::Methodical,
        }
    }
}

impl From<FileBuyingRole> for BuyingRole {
    fn from(r: FileBuyingRole) -> BuyingRole {
        match r {
            FileBuyingRole::UltimateBuyer => BuyingRole::UltimateBuyer,
            FileBuyingRole::DecisionMaker => BuyingRole::DecisionMaker,
            FileBuyingRole::Influencer => BuyingRole::Influencer,
        }
    }
}

fn user_kind(k: Kind) -> Option<UserKind> {
    match k {
        Kind::GoalDirected => Some(UserKind::GoalDirected),
        Kind::RoleBased => Some(UserKind::RoleBased),
        Kind::Engaging => Some(UserKind::Engaging),
        Kind::Fictional => Some(UserKind::Fictional),
        _ => None,
    }
}

fn buyer_kind(k: Kind) -> Option<BuyerKind> {
    match k {
        Kind::Competitive => Some(BuyerKind::Competitive),
        Kind::Spontaneous => Some(BuyerKind::Spontaneous),
        Kind::Humanistic => Some(BuyerKind::Humanistic),
        Kind::Methodical => Some(BuyerKind::Methodical),
        _ => None,
    }
}

impl From<FileGoal> for Goal {
    fn from(g: FileGoal) -> Goal {
        Goal {
            id: g.id,
            text: g.text,
            why: g.why,
            metric: g.metric,
            supports: g.supports,
            votes: g.votes,
        }
    }
}

impl From<&Goal> for FileGoal {
    fn from(g: &Goal) -> FileGoal {
        FileGoal {
            id: g.id.clone(),
            text: g.text.clone(),
            why: g.why.clone(),
            metric: g.metric.clone(),
            supports: g.supports.clone(),
            votes: g.votes,
        }
    }
}

impl From<FileUser> for Persona {
    fn from(p: FileUser) -> Persona {
        Persona {
            id: p.id,
            name: p.name,
            role: p.role,
            kind: p.kind.map(Kind::from),
            buying_role: None,
            summary: p.summary,
            goals: p.goals.into_iter().map(Goal::from).collect(),
            pains: p.pains,
            quote: p.quote,
            notes: p.notes,
            objections: Vec::new(),
            criteria: Vec::new(),
        }
    }
}

impl From<FileBuyer> for Persona {
    fn from(p: FileBuyer) -> Persona {
        Persona {
            id: p.id,
            name: p.name,
            role: p.role,
            kind: p.kind.map(Kind::from),
            buying_role: p.buying_role.map(BuyingRole::from),
            summary: p.summary,
            goals: p.goals.into_iter().map(Goal::from).collect(),
            pains: p.pains,
            quote: p.quote,
            notes: p.notes,
            objections: p.objections,
            criteria: p.criteria,
        }
    }
}

impl From<FileWorkspace> for Workspace {
    fn from(f: FileWorkspace) -> Workspace {
        Workspace {
            title: f.title,
            columns: [
                f.users
                    .into_iter()
                    .map(|p| Arc::new(Persona::from(p)))
                    .collect(),
                f.departments
                    .into_iter()
                    .map(|p| Arc::new(Persona::from(p)))
                    .collect(),
                f.buyers
                    .into_iter()
                    .map(|p| Arc::new(Persona::from(p)))
                    .collect(),
            ],
            conflicts: f.conflicts.into_iter().map(Conflict::from).collect(),
        }
    }
}

impl From<&Persona> for FileUser {
    fn from(p: &Persona) -> FileUser {
        FileUser {
            id: p.id.clone(),
            name: p.name.clone(),
            role: p.role.clone(),
            kind: p.kind.and_then(user_kind),
            summary: p.summary.clone(),
            goals: p.goals.iter().map(FileGoal::from).collect(),
            pains: p.pains.clone(),
            quote: p.quote.clone(),
            notes: p.notes.clone(),
        }
    }
}

impl From<&Persona> for FileBuyer {
    fn from(p: &Persona) -> FileBuyer {
        FileBuyer {
            id: p.id.clone(),
            name: p.name.clone(),
            role: p.role.clone(),
            kind: p.kind.and_then(buyer_kind),
            buying_role: p.buying_role.map(|r| match r {
                BuyingRole::UltimateBuyer => FileBuyingRole::UltimateBuyer,
                BuyingRole::DecisionMaker => FileBuyingRole::DecisionMaker,
                BuyingRole::Influencer => FileBuyingRole::Influencer,
            }),
            summary: p.summary.clone(),
            goals: p.goals.iter().map(FileGoal::from).collect(),
            pains: p.pains.clone(),
            objections: p.objections.clone(),
            criteria: p.criteria.clone(),
            quote: p.quote.clone(),
            notes: p.notes.clone(),
        }
    }
}

impl From<&Workspace> for FileWorkspace {
    fn from(ws: &Workspace) -> FileWorkspace {
        FileWorkspace {
            format: format_of(ws),
            title: ws.title.clone(),
            users: ws
                .column(Column::Users)
                .iter()
                .map(|p| FileUser::from(&**p))
                .collect(),
            departments: ws
                .column(Column::Departments)
                .iter()
                .map(|p| FileUser::from(&**p))
                .collect(),
            buyers: ws
                .column(Column::Buyers)
                .iter()
                .map(|p| FileBuyer::from(&**p))
                .collect(),
            conflicts: ws.conflicts.iter().map(FileConflict::from).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_escape_everything_that_could_break_a_line_or_a_terminal() {
        let mut out = String::new();
        push_string(&mut out, "a\"b\\c\nd\u{1b}]0;x\u{7}\u{202e}é");
        assert_eq!(out, r#""a\"b\\c\nd\u{1b}]0;x\u{7}\u{202e}é""#);
        let back: String = ron::from_str(&out).expect("parses");
        assert_eq!(back, "a\"b\\c\nd\u{1b}]0;x\u{7}\u{202e}é");
    }

    fn with(votes: u32, conflicts: bool) -> Workspace {
        let mut ws = Workspace::new(
            "T",
            [
                vec![Persona {
                    id: "u".into(),
                    name: "U".into(),
                    goals: vec![Goal {
                        id: "g".into(),
                        text: "G".into(),
                        metric: "M".into(),
                        supports: vec!["b".into()],
                        votes,
                        ..Goal::default()
                    }],
                    ..Persona::default()
                }],
                vec![],
                vec![],
            ],
        );
        if conflicts {
            ws.conflicts.push(Conflict {
                id: "u".into(),
                field: "role".into(),
                base: Some(String::new()),
                ours: Some("a".into()),
                theirs: Some("b".into()),
            });
        }
        ws
    }

    #[test]
    fn the_lowest_format_that_holds_the_workspace_is_written() {
        assert_eq!(format_of(&with(0, false)), 1);
        assert_eq!(format_of(&with(0, true)), 2);
        assert_eq!(format_of(&with(3, false)), 3);
        assert_eq!(format_of(&with(3, true)), 3);
        for (ws, format) in [(with(0, false), 1), (with(0, true), 2), (with(7, true), 3)] {
            let text = to_ron(&ws);
            assert!(text.contains(&format!("format: {format},\n")), "{text}");
            assert_eq!(FileWorkspace::from(&ws).format, format, "json says it too");
        }
    }

    #[test]
    fn votes_are_written_after_the_metric_only_when_there_are_some_and_read_back() {
        let none = to_ron(&with(0, false));
        assert!(!none.contains("votes"), "{none}");
        let some = to_ron(&with(3, false));
        assert!(
            some.contains(
                "metric: \"M\",\n                    votes: 3,\n                    supports: ["
            ),
            "{some}"
        );
        let back: FileWorkspace = ron::from_str(&some).expect("parses");
        assert_eq!(Workspace::from(back), with(3, false));
        // A hand-written goal without votes has none.
        let back: FileWorkspace = ron::from_str(
            r#"(format: 3, users: [(id: "u", name: "U", goals: [(id: "g", text: "G")])])"#,
        )
        .expect("parses");
        assert_eq!(Workspace::from(back).columns[0][0].goals[0].votes, 0);
    }
}
