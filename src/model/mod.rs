//! The domain: a workspace of personas in three columns, their goals, and the links between goals.
//!
//! Nothing here knows about the screen or the file format. Derived facts (who supports a goal,
//! findings, chain coverage) live in [`index`] and [`findings`] and are computed from a
//! [`Workspace`], never stored in it.

pub mod chains;
pub mod compare;
pub mod conflict;
pub mod fields;
pub mod findings;
pub mod generate;
pub mod ids;
pub mod index;
pub mod validate;

use std::fmt;
use std::sync::Arc;

pub use chains::{BuyerChain, ChainSet, Chains, DepartmentBranch};
pub use compare::differences;
pub use conflict::{Conflict, Resolution, ResolveError, resolve};
pub use findings::{
    CodeSet, Coverage, Finding, FindingCode, coverage, findings, findings_and_coverage, goal_codes,
};
pub use index::{GoalPos, LinkIndex};
pub use validate::{ValidationError, validate};

/// One of the three columns of the value chain, bottom (users) to top (buyers).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    Users,
    Departments,
    Buyers,
}

impl Column {
    pub const ALL: [Column; 3] = [Column::Users, Column::Departments, Column::Buyers];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn from_index(i: usize) -> Option<Column> {
        Column::ALL.get(i).copied()
    }

    /// The column whose goals this column's goals support, if any.
    pub fn up(self) -> Option<Column> {
        Column::from_index(self.index() + 1)
    }

    /// The column whose goals support this column's goals, if any.
    pub fn down(self) -> Option<Column> {
        self.index().checked_sub(1).and_then(Column::from_index)
    }

    pub fn title(self) -> &'static str {
        match self {
            Column::Users => "Users",
            Column::Departments => "Departments",
            Column::Buyers => "Buyers",
        }
    }

    /// Singular, lower case: "user", "department", "buyer".
    pub fn noun(self) -> &'static str {
        match self {
            Column::Users => "user",
            Column::Departments => "department",
            Column::Buyers => "buyer",
        }
    }

    /// The column's key in the file (and in csv tables and conflicts): "users", "departments",
    /// "buyers".
    pub fn key(self) -> &'static str {
        match self {
            Column::Users => "users",
            Column::Departments => "departments",
            Column::Buyers => "buyers",
        }
    }

    /// The kinds a persona of this column may have.
    pub fn kinds(self) -> &'static [Kind] {
        match self {
            Column::Users | Column::Departments => &Kind::USER_KINDS,
            Column::Buyers => &Kind::BUYER_KINDS,
        }
    }
}

impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// The kind of persona. Users and departments use the first four, buyers the last four.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    GoalDirected,
    RoleBased,
    Engaging,
    Fictional,
    Competitive,
    Spontaneous,
    Humanistic,
    Methodical,
}

impl Kind {
    pub const USER_KINDS: [Kind; 4] = [
        Kind::GoalDirected,
        Kind::RoleBased,
        Kind::Engaging,
        Kind::Fictional,
    ];
    pub const BUYER_KINDS: [Kind; 4] = [
        Kind::Competitive,
        Kind::Spontaneous,
        Kind::Humanistic,
        Kind::Methodical,
    ];

    /// The name used in the file (`GoalDirected`).
    pub fn ident(self) -> &'static str {
        match self {
            Kind::GoalDirected => "GoalDirected",
            Kind::RoleBased => "RoleBased",
            Kind::Engaging => "Engaging",
            Kind::Fictional => "Fictional",
            Kind::Competitive => "Competitive",
            Kind::Spontaneous => "Spontaneous",
            Kind::Humanistic => "Humanistic",
            Kind::Methodical => "Methodical",
        }
    }

    /// The name shown to people ("goal-directed").
    pub fn label(self) -> &'static str {
        match self {
            Kind::GoalDirected => "goal-directed",
            Kind::RoleBased => "role-based",
            Kind::Engaging => "engaging",
            Kind::Fictional => "fictional",
            Kind::Competitive => "competitive",
            Kind::Spontaneous => "spontaneous",
            Kind::Humanistic => "humanistic",
            Kind::Methodical => "methodical",
        }
    }
}

/// A buyer's part in the purchase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BuyingRole {
    UltimateBuyer,
    DecisionMaker,
    Influencer,
}

impl BuyingRole {
    pub const ALL: [BuyingRole; 3] = [
        BuyingRole::UltimateBuyer,
        BuyingRole::DecisionMaker,
        BuyingRole::Influencer,
    ];

    pub fn ident(self) -> &'static str {
        match self {
            BuyingRole::UltimateBuyer => "UltimateBuyer",
            BuyingRole::DecisionMaker => "DecisionMaker",
            BuyingRole::Influencer => "Influencer",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BuyingRole::UltimateBuyer => "ultimate buyer",
            BuyingRole::DecisionMaker => "decision maker",
            BuyingRole::Influencer => "influencer",
        }
    }
}

/// What success is for a persona, why it matters and how it is measured.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Goal {
    pub id: String,
    pub text: String,
    pub why: String,
    pub metric: String,
    /// Ids of goals in the next column up that this goal helps achieve.
    pub supports: Vec<String>,
    /// The dots the last vote round of the room gave it (SPEC §11); 0 is none.
    pub votes: u32,
}

/// A person (or a department) in one of the three columns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Persona {
    pub id: String,
    pub name: String,
    pub role: String,
    pub kind: Option<Kind>,
    /// Buyers only.
    pub buying_role: Option<BuyingRole>,
    pub summary: String,
    pub goals: Vec<Goal>,
    pub pains: Vec<String>,
    pub quote: String,
    pub notes: String,
    /// Buyers only.
    pub objections: Vec<String>,
    /// Buyers only: decision criteria.
    pub criteria: Vec<String>,
}

/// The title of a blank workspace: the file name without its extension (`personas new --blank`,
/// an import into a new file; the app opens such a title selected).
pub fn blank_title(file: &std::path::Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Personas".to_string())
}

/// Three columns of personas, each put in its own `Arc` (for [`Workspace::columns`]).
pub fn shared(columns: [Vec<Persona>; 3]) -> [Vec<Arc<Persona>>; 3] {
    columns.map(|c| c.into_iter().map(Arc::new).collect())
}

/// The whole value chain: a title and three columns of personas, in screen order, and the
/// merge conflicts not resolved yet (SPEC §9; empty in a workspace that was never merged).
///
/// Each persona is shared (`Arc`), so that a copy of the workspace costs one reference count
/// per persona: a save in flight keeps the workspace as it was while editing goes on, and an
/// edit copies only the persona it changes (`Arc::make_mut`). Reading is as with plain
/// personas (`&ws.column(c)[i]` is a `&Persona` where one is wanted).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Workspace {
    pub title: String,
    pub columns: [Vec<Arc<Persona>>; 3],
    pub conflicts: Vec<Conflict>,
}

impl Workspace {
    pub fn column(&self, column: Column) -> &[Arc<Persona>] {
        &self.columns[column.index()]
    }

    pub fn column_mut(&mut self, column: Column) -> &mut Vec<Arc<Persona>> {
        &mut self.columns[column.index()]
    }

    /// A workspace of these personas (each put in its own `Arc`).
    pub fn new(title: impl Into<String>, columns: [Vec<Persona>; 3]) -> Workspace {
        Workspace {
            title: title.into(),
            columns: shared(columns),
            conflicts: Vec::new(),
        }
    }

    /// Every persona, column by column, to change (each copied first if a snapshot shares it).
    pub fn personas_mut(&mut self) -> impl Iterator<Item = &mut Persona> {
        self.columns.iter_mut().flatten().map(Arc::make_mut)
    }

    /// The persona at `index` of `column`, to change (copied first if a snapshot shares it).
    /// Indexes as a slice does: `index` must be in the column.
    pub fn persona_mut(&mut self, column: Column, index: usize) -> &mut Persona {
        Arc::make_mut(&mut self.columns[column.index()][index])
    }

    /// Every persona with its column, column by column.
    pub fn personas(&self) -> impl Iterator<Item = (Column, &Persona)> {
        Column::ALL
            .into_iter()
            .flat_map(move |c| self.column(c).iter().map(move |p| (c, &**p)))
    }

    /// Every goal with its column and persona, column by column.
    pub fn goals(&self) -> impl Iterator<Item = (Column, &Persona, &Goal)> {
        self.personas()
            .flat_map(|(c, p)| p.goals.iter().map(move |g| (c, p, g)))
    }

    pub fn persona_count(&self) -> usize {
        self.columns.iter().map(Vec::len).sum()
    }

    pub fn goal_count(&self) -> usize {
        self.goals().count()
    }

    pub fn link_count(&self) -> usize {
        self.goals().map(|(_, _, g)| g.supports.len()).sum()
    }
}
