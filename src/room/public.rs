//! What of the workspace leaves the laptop (SPEC §11): the title, the three columns, each
//! persona's id, name, role and kind, its goals (id, text, why, metric, what each supports and
//! whether it reaches a buyer goal) and the coverage. Nothing else: not summaries, pains,
//! quotes, objections, criteria, notes or merge conflicts. [`Board::of`] is the only way from a
//! [`Workspace`] to what the page, `state.json` and the event stream carry, so a field left out
//! here cannot leak there.
//!
//! Also the room as one participant sees it ([`RoomView`]) and the changes between two boards
//! ([`changes`]), which the event stream sends instead of the whole board.
//!
//! Text is carried as the page shows it: every control character as its visible placeholder.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Serialize;

use crate::model::findings::{department_reach, user_reaches};
use crate::model::{Column, LinkIndex, Workspace};
use crate::text::visible;

use super::{Proposal, ProposalState, RoomData, Settings, Target};

/// The public board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Board {
    pub title: String,
    pub columns: Vec<PublicColumn>,
    pub coverage: Coverage,
}

/// One of the three columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicColumn {
    /// `users`, `departments`, `buyers`.
    pub key: &'static str,
    pub title: &'static str,
    pub personas: Vec<PublicPersona>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicPersona {
    pub id: String,
    pub name: String,
    pub role: String,
    /// The kind as people say it (`goal-directed`), empty when none is set.
    pub kind: String,
    pub goals: Vec<PublicGoal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublicGoal {
    pub id: String,
    pub text: String,
    pub why: String,
    pub metric: String,
    /// The goals one column up it supports, by id, each with its text (for the page to say).
    pub supports: Vec<Support>,
    /// Whether it reaches a buyer goal (a user goal through a department goal; a department goal
    /// directly). Always true for a buyer goal.
    pub reaches_buyer: bool,
    /// The last vote round's dots (SPEC §11); left out of the JSON when none.
    #[serde(skip_serializing_if = "is_zero")]
    pub votes: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// A goal that a goal supports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Support {
    pub id: String,
    pub text: String,
}

/// The chain coverage (SPEC §5), with the sentence the app and the exports say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub reached: usize,
    pub total: usize,
    pub percent: usize,
}

impl Board {
    /// The public part of a workspace.
    pub fn of(ws: &Workspace) -> Board {
        let index = LinkIndex::build(ws);
        let reach = department_reach(ws, &index);
        let coverage = crate::model::coverage(ws, &index);
        let text_of = |id: &str| {
            index
                .goal(ws, id)
                .map(|g| visible(&g.text).into_owned())
                .unwrap_or_default()
        };
        let columns = Column::ALL
            .into_iter()
            .map(|column| PublicColumn {
                key: column.key(),
                title: column.title(),
                personas: ws
                    .column(column)
                    .iter()
                    .enumerate()
                    .map(|(at, p)| PublicPersona {
                        id: visible(&p.id).into_owned(),
                        name: visible(&p.name).into_owned(),
                        role: visible(&p.role).into_owned(),
                        kind: p.kind.map(|k| k.label().to_string()).unwrap_or_default(),
                        goals: p
                            .goals
                            .iter()
                            .enumerate()
                            .map(|(g_at, g)| PublicGoal {
                                id: visible(&g.id).into_owned(),
                                text: visible(&g.text).into_owned(),
                                why: visible(&g.why).into_owned(),
                                metric: visible(&g.metric).into_owned(),
                                supports: g
                                    .supports
                                    .iter()
                                    .filter(|id| index.goal_pos(id).is_some())
                                    .map(|id| Support {
                                        id: visible(id).into_owned(),
                                        text: text_of(id),
                                    })
                                    .collect(),
                                reaches_buyer: match column {
                                    Column::Users => user_reaches(&index, &reach, g),
                                    Column::Departments => {
                                        reach.get(at).and_then(|r| r.get(g_at)).is_some_and(|r| *r)
                                    }
                                    Column::Buyers => true,
                                },
                                votes: g.votes,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        Board {
            title: visible(&ws.title).into_owned(),
            columns,
            coverage: Coverage {
                reached: coverage.reached,
                total: coverage.total,
                percent: coverage.percent(),
            },
        }
    }

    /// The personas of a column.
    pub fn column(&self, column: Column) -> &[PublicPersona] {
        self.columns
            .get(column.index())
            .map(|c| c.personas.as_slice())
            .unwrap_or(&[])
    }

    /// Whether a goal of this id is on the board.
    pub fn has_goal(&self, id: &str) -> bool {
        self.columns
            .iter()
            .flat_map(|c| &c.personas)
            .flat_map(|p| &p.goals)
            .any(|g| g.id == id)
    }

    /// The persona a participant means in `column`: by id or by name, either case-insensitive.
    /// `Err` with the column it is in when it names a persona of another column.
    pub fn find_persona(
        &self,
        column: Column,
        wanted: &str,
    ) -> Result<Option<&PublicPersona>, Column> {
        let matches = |p: &PublicPersona| {
            p.id.eq_ignore_ascii_case(wanted) || crate::room::same_name(&p.name, wanted)
        };
        if let Some(p) = self.column(column).iter().find(|p| matches(p)) {
            return Ok(Some(p));
        }
        for other in Column::ALL {
            if other != column && self.column(other).iter().any(matches) {
                return Err(other);
            }
        }
        Ok(None)
    }

    /// The name of the persona with this id in any column.
    pub fn persona_name(&self, id: &str) -> Option<&str> {
        self.columns
            .iter()
            .flat_map(|c| &c.personas)
            .find(|p| p.id == id)
            .map(|p| p.name.as_str())
    }

    /// How coverage is said: `Coverage 3/4 user goals reach a buyer (75%)`.
    pub fn coverage_sentence(&self) -> String {
        let c = self.coverage;
        format!(
            "Coverage: {}/{} user goals reach a buyer ({}%)",
            c.reached, c.total, c.percent
        )
    }
}

/// One change between two boards, as the event stream sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Change {
    /// `title`: the workspace's title.
    Title { title: String },
    /// `persona`: a persona added or changed, whole.
    Persona {
        column: &'static str,
        persona: PublicPersona,
    },
    /// `removed`: a persona gone from its column (or moved to another; a `persona` follows).
    Removed { column: &'static str, id: String },
    /// `order`: a column's personas, by id, in screen order.
    Order {
        column: &'static str,
        ids: Vec<String>,
    },
    /// `coverage`.
    Coverage {
        coverage: Coverage,
        sentence: String,
    },
}

impl Change {
    /// The event's name in the stream.
    pub fn event(&self) -> &'static str {
        match self {
            Change::Title { .. } => "title",
            Change::Persona { .. } => "persona",
            Change::Removed { .. } => "removed",
            Change::Order { .. } => "order",
            Change::Coverage { .. } => "coverage",
        }
    }
}

/// What changed from `old` to `new`, in the order a page applies it: title, removals, personas
/// added or changed, then each column's order where it changed, then coverage. Empty when
/// nothing public changed (a change to notes alone sends nothing).
pub fn changes(old: &Board, new: &Board) -> Vec<Change> {
    let mut out = Vec::new();
    if old.title != new.title {
        out.push(Change::Title {
            title: new.title.clone(),
        });
    }
    for (old_col, new_col) in old.columns.iter().zip(&new.columns) {
        let now: HashSet<&str> = new_col.personas.iter().map(|p| p.id.as_str()).collect();
        for p in &old_col.personas {
            if !now.contains(p.id.as_str()) {
                out.push(Change::Removed {
                    column: old_col.key,
                    id: p.id.clone(),
                });
            }
        }
    }
    for (old_col, new_col) in old.columns.iter().zip(&new.columns) {
        let before: HashMap<&str, &PublicPersona> = old_col
            .personas
            .iter()
            .map(|p| (p.id.as_str(), p))
            .collect();
        for p in &new_col.personas {
            if before.get(p.id.as_str()) != Some(&p) {
                out.push(Change::Persona {
                    column: new_col.key,
                    persona: p.clone(),
                });
            }
        }
        let ids = |c: &PublicColumn| c.personas.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
        let (was, is) = (ids(old_col), ids(new_col));
        if was != is {
            out.push(Change::Order {
                column: new_col.key,
                ids: is,
            });
        }
    }
    if old.coverage != new.coverage {
        out.push(Change::Coverage {
            coverage: new.coverage,
            sentence: new.coverage_sentence(),
        });
    }
    out
}

/// The room as one participant sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoomView {
    /// A view-only room: no proposals, no votes.
    pub read_only: bool,
    /// A vote round is open.
    pub round_open: bool,
    pub votes_per_person: u32,
    /// The goals this participant put a dot on in the open round.
    pub dots: Vec<String>,
    /// Dots this participant may still place (0 while no round is open).
    pub dots_left: u32,
    /// This participant's proposals, oldest first.
    pub proposals: Vec<MyProposal>,
}

/// A proposal as its sender sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MyProposal {
    pub id: u64,
    /// `users`, `departments`, `buyers`.
    pub column: &'static str,
    /// The persona it is for, by name (or id when the persona is gone); empty when none named.
    pub persona: String,
    /// It names a persona the column does not have yet.
    pub new_persona: bool,
    pub text: String,
    pub why: String,
    pub metric: String,
    pub author: String,
    /// `waiting`, `taken`, `set_aside`.
    pub state: ProposalState,
    /// As people say it: `waiting`, `taken`, `set aside`.
    pub state_label: &'static str,
}

impl MyProposal {
    /// A proposal as its sender sees it; an existing persona named by id until
    /// [`MyProposal::name_persona`].
    pub fn of(proposal: &Proposal) -> MyProposal {
        let (persona, new_persona) = match &proposal.target {
            Target::Persona(id) => (id.as_str(), false),
            Target::New(name) => (name.as_str(), true),
            Target::None => ("", false),
        };
        MyProposal {
            id: proposal.id,
            column: proposal.column.key(),
            persona: visible(persona).into_owned(),
            new_persona,
            text: visible(&proposal.text).into_owned(),
            why: visible(&proposal.why).into_owned(),
            metric: visible(&proposal.metric).into_owned(),
            author: visible(&proposal.author).into_owned(),
            state: proposal.state,
            state_label: proposal.state.label(),
        }
    }

    /// An existing persona said by its name (as the board has it now), not its id.
    pub fn name_persona(&mut self, board: &Board) {
        if !self.new_persona
            && !self.persona.is_empty()
            && let Some(name) = board.persona_name(&self.persona)
        {
            self.persona = name.to_string();
        }
    }
}

impl RoomView {
    /// The views of some participants, each proposal looked at once (the data lock is held for
    /// one pass over the proposals, whatever the number of participants). Persona names are
    /// filled in from the board afterwards, by [`RoomView::name_personas`].
    pub fn of_many(
        data: &RoomData,
        settings: &Settings,
        participants: &BTreeSet<&str>,
    ) -> HashMap<String, RoomView> {
        let mut views: HashMap<String, RoomView> = participants
            .iter()
            .map(|p| {
                let dots: Vec<String> = data
                    .round
                    .as_ref()
                    .and_then(|r| r.dots.get(*p))
                    .map(|d| d.iter().cloned().collect())
                    .unwrap_or_default();
                let used = u32::try_from(dots.len()).unwrap_or(u32::MAX);
                let dots_left = if data.round.is_some() {
                    settings.votes_per_person.saturating_sub(used)
                } else {
                    0
                };
                (
                    (*p).to_string(),
                    RoomView {
                        read_only: settings.read_only,
                        round_open: data.round.is_some(),
                        votes_per_person: settings.votes_per_person,
                        dots_left,
                        dots,
                        proposals: Vec::new(),
                    },
                )
            })
            .collect();
        for proposal in &data.proposals {
            if let Some(view) = views.get_mut(&proposal.from) {
                view.proposals.push(MyProposal::of(proposal));
            }
        }
        views
    }

    /// One participant's view.
    pub fn of(data: &RoomData, settings: &Settings, participant: &str) -> RoomView {
        let one = BTreeSet::from([participant]);
        let mut views = RoomView::of_many(data, settings, &one);
        views.remove(participant).unwrap_or(RoomView {
            read_only: settings.read_only,
            round_open: false,
            votes_per_person: settings.votes_per_person,
            dots: Vec::new(),
            dots_left: 0,
            proposals: Vec::new(),
        })
    }

    /// Proposals for an existing persona say its name (as the board has it now), not its id.
    pub fn name_personas(&mut self, board: &Board) {
        for p in &mut self.proposals {
            p.name_persona(board);
        }
    }
}

#[cfg(test)]
#[path = "public_tests.rs"]
mod tests;
