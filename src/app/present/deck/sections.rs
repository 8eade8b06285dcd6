//! The slides of each section: the title (coverage and the personas of each column), a buyer
//! goal's chain as the story export tells it, the gaps and other findings, and the top votes.

use crate::model::chains::{BuyerChain, Told, Unreached};
use crate::model::{Column, Coverage, Finding, FindingCode};

use super::Source;
use super::compose::{Block, Builder, first_goal, shown};
use super::slide::{LineKind, Slide, SlideKind, SlideLine};

/// The gaps slides list this many goals of each kind at most, then say how many more there
/// are: at 60,000 goals a projector has no use for 2,000 of them, and laying them all out
/// would not fit in a frame. The Gaps view (`3`) lists every one.
pub const GAPS_LISTED: usize = 40;
/// Other findings are listed one by one up to this many findings in all; past it the gaps
/// slides give their number (reading them all would not fit in a frame at 60,000 goals).
pub const FINDINGS_LISTED: usize = 200;

impl Builder<'_> {
    pub(super) fn title(&self, c: Coverage) -> Vec<Slide> {
        let title = if self.ws.title.trim().is_empty() {
            "Untitled workspace".to_string()
        } else {
            shown(&self.ws.title)
        };
        let mut blocks = vec![Block {
            lines: self.lines(
                0,
                LineKind::Note,
                &format!(
                    "Chain coverage: {} of {} user goals reach a buyer ({}%)",
                    c.reached,
                    c.total,
                    c.percent()
                ),
                None,
            ),
            parent: None,
        }];
        for column in Column::ALL {
            let personas = self.ws.column(column);
            let heading = format!(
                "{} — {} persona{}",
                column.title(),
                personas.len(),
                if personas.len() == 1 { "" } else { "s" }
            );
            let names: Vec<String> = personas
                .iter()
                .map(|p| {
                    if p.name.trim().is_empty() {
                        shown(&p.id)
                    } else {
                        shown(&p.name)
                    }
                })
                .collect();
            let names = if names.is_empty() {
                "none yet".to_string()
            } else {
                names.join(", ")
            };
            let mut lines = vec![SlideLine::blank(LineKind::Heading)];
            lines.extend(self.lines(0, LineKind::Heading, &heading, None));
            lines.extend(self.lines(2, LineKind::Note, &names, None));
            blocks.push(Block {
                lines,
                parent: None,
            });
        }
        self.paged(SlideKind::Title, self.headline(title), &blocks, &|_| None)
    }

    pub(super) fn chain(&self, buyer: &BuyerChain) -> Vec<Slide> {
        let mut blocks = Vec::new();
        let mut department = None;
        for step in buyer.told() {
            match step {
                Told::Buyer(b) => {
                    let id = &b.buyer_goal;
                    let mut lines = self.lines(
                        0,
                        LineKind::Note,
                        &format!("{} (buyer)", self.who(id)),
                        None,
                    );
                    lines.extend(self.measure(0, id));
                    lines.push(SlideLine::blank(LineKind::Note));
                    if b.departments.is_empty() {
                        lines.extend(self.lines(
                            0,
                            LineKind::Note,
                            "No department goal moves it yet.",
                            None,
                        ));
                    }
                    blocks.push(Block {
                        lines,
                        parent: None,
                    });
                }
                Told::Department(d) => {
                    let id = &d.department_goal;
                    let mut lines = self.goal_block(0, LineKind::Department, "department", id);
                    if d.user_goals.is_empty() {
                        lines.extend(self.lines(
                            4,
                            LineKind::Note,
                            "No user goal moves that yet.",
                            None,
                        ));
                    }
                    department = Some(blocks.len());
                    blocks.push(Block {
                        lines,
                        parent: None,
                    });
                }
                Told::User(u) => blocks.push(Block {
                    lines: self.goal_block(4, LineKind::User, "user", u),
                    parent: department,
                }),
            }
        }
        let headline = self.headline(self.goal_text(&buyer.buyer_goal));
        let id = buyer.buyer_goal.clone();
        self.paged(SlideKind::Chain, headline, &blocks, &|_| Some(id.clone()))
    }

    pub(super) fn gaps(&self, chains: &Unreached) -> Vec<Block> {
        let mut blocks = Vec::new();
        let section = |blocks: &mut Vec<Block>, heading: &str| {
            blocks.push(self.section(heading, !blocks.is_empty()));
        };
        section(&mut blocks, "User goals that reach no buyer");
        if chains.unreached_users.is_empty() {
            blocks.push(Block {
                lines: self.lines(
                    2,
                    LineKind::Note,
                    "none: every user goal reaches a buyer",
                    None,
                ),
                parent: None,
            });
        }
        for id in chains.unreached_users.iter().take(GAPS_LISTED) {
            blocks.push(Block {
                lines: self.goal_block(2, LineKind::Gap, "user", id),
                parent: None,
            });
        }
        self.more(&mut blocks, chains.unreached_users.len(), "user goals");
        if !chains.unreached_departments.is_empty() {
            section(&mut blocks, "Department goals that reach no buyer");
        }
        for id in chains.unreached_departments.iter().take(GAPS_LISTED) {
            blocks.push(Block {
                lines: self.goal_block(2, LineKind::Gap, "department", id),
                parent: None,
            });
        }
        self.more(
            &mut blocks,
            chains.unreached_departments.len(),
            "department goals",
        );
        blocks
    }

    /// "and 1239 more user goals": after a list cut at [`GAPS_LISTED`].
    pub(super) fn more(&self, blocks: &mut Vec<Block>, total: usize, what: &str) {
        if total > GAPS_LISTED {
            blocks.push(Block {
                lines: self.lines(
                    2,
                    LineKind::Note,
                    &format!(
                        "and {} more {what}: the Gaps view (3) lists every one",
                        total - GAPS_LISTED
                    ),
                    None,
                ),
                parent: None,
            });
        }
    }

    pub(super) fn findings(&self, source: &Source, blocks: &mut Vec<Block>) {
        if source.findings_len > FINDINGS_LISTED {
            blocks.push(self.section("Other findings", !blocks.is_empty()));
            blocks.push(Block {
                lines: self.lines(
                    2,
                    LineKind::Note,
                    &format!(
                        "{} findings in all, the goals above among them: the Gaps view (3) \
                         lists every one",
                        source.findings_len
                    ),
                    None,
                ),
                parent: None,
            });
            return;
        }
        let findings: &[Finding] = source.findings;
        let other: Vec<_> = findings
            .iter()
            .filter(|f| {
                !matches!(
                    f.code,
                    FindingCode::UnlinkedUserGoal | FindingCode::UnlinkedDepartmentGoal
                )
            })
            .collect();
        if other.is_empty() {
            return;
        }
        blocks.push(self.section("Other findings", !blocks.is_empty()));
        for f in other {
            blocks.push(Block {
                lines: self.lines(
                    2,
                    LineKind::Gap,
                    &format!("{}: {}", f.code, shown(&f.message)),
                    f.goal.as_deref(),
                ),
                parent: None,
            });
        }
    }

    /// The goals with the most dots from the last vote round (the room's order), ten at most.
    pub(super) fn votes(&self) -> Vec<Slide> {
        let mut top = crate::room::voted(self.ws);
        top.truncate(10);
        let blocks: Vec<Block> = top
            .into_iter()
            .map(|(n, _, g)| {
                let id = g.id.as_str();
                let text = format!(
                    "{n} vote{}: {} — {}",
                    if n == 1 { "" } else { "s" },
                    self.who(id),
                    self.goal_text(id)
                );
                Block {
                    lines: self.lines(0, LineKind::Votes, &text, Some(id)),
                    parent: None,
                }
            })
            .collect();
        self.paged(
            SlideKind::Votes,
            self.headline("The goals with the most votes".to_string()),
            &blocks,
            &first_goal,
        )
    }
}
