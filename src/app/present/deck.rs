//! The slides of presenter mode, for a workspace and a screen size: a title slide, one slide
//! per buyer goal in board order (its chain walked by [`BuyerChain::told`], the walk
//! the story export tells), a gaps slide and, after a vote round, a slide of the top votes.
//!
//! A section's slides are laid out the first time it is shown ([`Deck::lay_out`]): at 20,000
//! buyer goals, opening the presenter lays out the title alone.
//!
//! Text is wrapped here, to the screen it is built for, and a slide that would not fit goes on
//! on the next one (`2/2`): nothing is ever cut. Drawing (`ui::present`) only places the lines.

use std::collections::HashMap;
use std::ops::Deref;

use crate::app::rows::word_wrap;
use crate::model::chains::{BuyerChain, Told, Unreached};
use crate::model::{Column, Coverage, Finding, FindingCode, LinkIndex, Workspace};
use crate::text::visible;

/// Rows above the slide's body (the top bar and a blank row) and below it (the hint bar).
pub const TOP_ROWS: u16 = 2;
pub const BOTTOM_ROWS: u16 = 1;
/// Cells left blank at each side of the body.
pub const MARGIN: u16 = 2;
/// A headline in large letters: every character of the 8×8 font drawn in quadrant blocks is
/// this many cells wide and rows tall.
pub const BIG_CELLS: usize = 4;
pub const BIG_ROWS: usize = 4;
/// Large letters only from this width up: at 80 columns a goal's text would take too many lines.
pub const BIG_MIN_WIDTH: u16 = 100;

/// The votes of the last round, goal id and dots, in board order. Votes are not in the model
/// yet (SPEC §11: the room is not built): today every caller passes `None`, and the top-votes
/// slide appears as soon as one passes a tally.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VoteTally(pub Vec<(String, u32)>);

/// The screen the slides are laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub width: u16,
    pub height: u16,
    /// The terminal shows Unicode (block letters are Unicode).
    pub unicode: bool,
}

impl Screen {
    /// Cells of a body line.
    pub fn cells(self) -> usize {
        usize::from(self.width.saturating_sub(2 * MARGIN)).max(1)
    }

    /// Rows of the body.
    pub fn rows(self) -> usize {
        usize::from(self.height.saturating_sub(TOP_ROWS + BOTTOM_ROWS)).max(1)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlideKind {
    Title,
    Chain,
    Gaps,
    Votes,
}

/// What a body line shows, which decides its style and its marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A section's heading.
    Heading,
    /// A department goal of the chain (marked one link from the buyer goal).
    Department,
    /// A user goal of the chain (marked two links away).
    User,
    /// A goal that breaks the chain.
    Gap,
    /// How a goal is measured.
    Metric,
    /// The program's own words, or a goal without a metric.
    Note,
    /// A goal with its votes.
    Votes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlideLine {
    /// Cells before the line's marker (or text).
    pub indent: usize,
    pub kind: LineKind,
    /// The first line of its entry: the marker is drawn before it (later lines are aligned
    /// with its text).
    pub first: bool,
    pub text: String,
    /// The goal this line tells, if it tells one.
    pub goal: Option<String>,
}

/// Cells a marker and its space take before an entry's text.
pub const MARKER_CELLS: usize = 2;

impl LineKind {
    fn marked(self) -> bool {
        matches!(
            self,
            LineKind::Department | LineKind::User | LineKind::Gap | LineKind::Votes
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    /// The whole headline, on one line, control characters visible.
    pub text: String,
    /// The headline in the lines it is drawn in (large letters: a few characters a line).
    pub lines: Vec<String>,
    pub big: bool,
}

impl Headline {
    /// Rows the headline takes, and the blank row under it.
    pub fn rows(&self) -> usize {
        self.lines.len() * if self.big { BIG_ROWS } else { 1 } + 1
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slide {
    pub kind: SlideKind,
    pub headline: Headline,
    pub lines: Vec<SlideLine>,
    /// This slide's place among the slides of one chain (or of the title, or of the gaps):
    /// `part` of `parts`, from 1.
    pub part: usize,
    pub parts: usize,
    /// The goal the slide is about: leaving the presenter puts the board's cursor on it.
    pub about: Option<String>,
}

/// One part of the deck: the title, a buyer goal's chain, the gaps, the votes. The slides are
/// numbered by section (the title is 1, each buyer goal the next number, then the gaps and the
/// votes); a section too long for one screen goes on over several slides (`part` of `parts`)
/// that share its number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Title,
    /// The chain of the buyer goal at this place in board order, from 0.
    Chain(usize),
    Gaps,
    Votes,
}

/// What slides are laid out from: the workspace, its links and what was found in it. The
/// findings are only read when the gaps are laid out.
pub struct Source<'a> {
    pub ws: &'a Workspace,
    pub index: &'a LinkIndex,
    pub coverage: Coverage,
    pub findings: &'a dyn Deref<Target = [Finding]>,
    /// How many findings there are (known without building them).
    pub findings_len: usize,
}

/// The gaps slides list this many goals of each kind at most, then say how many more there
/// are: at 60,000 goals a projector has no use for 2,000 of them, and laying them all out
/// would not fit in a frame. The Gaps view (`3`) lists every one.
pub const GAPS_LISTED: usize = 40;
/// Other findings are listed one by one up to this many findings in all; past it the gaps
/// slides give their number (reading them all would not fit in a frame at 60,000 goals).
pub const FINDINGS_LISTED: usize = 200;

/// The deck: which sections there are (cheap: the buyer goals in board order), and the slides
/// of each section laid out the first time it is shown. Opening the presenter on 20,000 buyer
/// goals lays out the title only; each chain is laid out when it is reached.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deck {
    pub screen: Option<Screen>,
    /// The buyer goals, in board order: one chain section each.
    pub chains: Vec<String>,
    /// The top-votes slide, when a round gave any goal a vote.
    votes: Option<VoteTally>,
    /// Slides of the sections laid out so far, by section number (from 0).
    laid: HashMap<usize, Vec<Slide>>,
}

/// An entry: lines that stay together on a slide when they can.
#[derive(Debug, Clone)]
struct Block {
    lines: Vec<SlideLine>,
    /// For a user goal's entry: the entry of its department goal, repeated at the top of a
    /// continuation slide so that the user goal is never shown without what it moves.
    parent: Option<usize>,
}

struct Builder<'a> {
    ws: &'a Workspace,
    index: &'a LinkIndex,
    screen: Screen,
}

/// File text on one line, control characters visible.
fn shown(text: &str) -> String {
    visible(&text.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

impl Builder<'_> {
    fn goal_text(&self, id: &str) -> String {
        match self.index.goal(self.ws, id) {
            Some(g) if !g.text.trim().is_empty() => shown(&g.text),
            _ => shown(id),
        }
    }

    fn who(&self, id: &str) -> String {
        match self.index.persona_of(self.ws, id) {
            Some(p) if !p.name.trim().is_empty() => shown(&p.name),
            Some(p) => shown(&p.id),
            None => "Someone".to_string(),
        }
    }

    fn metric(&self, id: &str) -> Option<String> {
        self.index
            .goal(self.ws, id)
            .filter(|g| !g.metric.trim().is_empty())
            .map(|g| shown(&g.metric))
    }

    /// `text` wrapped at `indent`, as lines of one entry.
    fn lines(
        &self,
        indent: usize,
        kind: LineKind,
        text: &str,
        goal: Option<&str>,
    ) -> Vec<SlideLine> {
        let lead = indent + if kind.marked() { MARKER_CELLS } else { 0 };
        let cells = self.screen.cells().saturating_sub(lead).max(8);
        word_wrap(text, cells)
            .into_iter()
            .enumerate()
            .map(|(i, text)| SlideLine {
                indent,
                kind,
                first: i == 0,
                text,
                goal: goal.map(str::to_string),
            })
            .collect()
    }

    /// A goal's entry: "Persona (role): text", then how it is measured.
    fn goal_block(&self, indent: usize, kind: LineKind, role: &str, id: &str) -> Vec<SlideLine> {
        let text = format!("{} ({role}): {}", self.who(id), self.goal_text(id));
        let mut lines = self.lines(indent, kind, &text, Some(id));
        lines.extend(self.measure(indent + MARKER_CELLS, id));
        lines
    }

    fn measure(&self, indent: usize, id: &str) -> Vec<SlideLine> {
        match self.metric(id) {
            Some(m) => self.lines(indent, LineKind::Metric, &format!("measured by: {m}"), None),
            None => self.lines(
                indent,
                LineKind::Note,
                "no metric says how it is measured yet",
                None,
            ),
        }
    }

    fn headline(&self, text: String) -> Headline {
        let screen = self.screen;
        let big_fits =
            |lines: &[String]| lines.len() <= 2 && screen.rows() >= lines.len() * BIG_ROWS + 1 + 10;
        if screen.unicode
            && screen.width >= BIG_MIN_WIDTH
            && text.chars().all(|c| c.is_ascii_graphic() || c == ' ')
        {
            let lines = word_wrap(&text, screen.cells() / BIG_CELLS);
            if big_fits(&lines) && lines.iter().all(|l| l.len() * BIG_CELLS <= screen.cells()) {
                return Headline {
                    text,
                    lines,
                    big: true,
                };
            }
        }
        let lines = word_wrap(&text, screen.cells());
        Headline {
            text,
            lines,
            big: false,
        }
    }

    /// The slides of one headline and its entries: as many as the entries need.
    fn paged(
        &self,
        kind: SlideKind,
        headline: Headline,
        blocks: &[Block],
        about: &dyn Fn(&[SlideLine]) -> Option<String>,
    ) -> Vec<Slide> {
        let room = self.screen.rows().saturating_sub(headline.rows()).max(1);
        let mut pages: Vec<Vec<SlideLine>> = vec![Vec::new()];
        for block in blocks {
            let Some(page) = pages.last_mut() else {
                break;
            };
            if page.len() + block.lines.len() <= room {
                page.extend(block.lines.iter().cloned());
                continue;
            }
            if page.is_empty() {
                pages.pop();
            }
            let mut page = Vec::new();
            // Continued: the user goal's department goal comes again first.
            if let Some(parent) = block.parent
                && blocks[parent].lines.len() + block.lines.len() <= room
            {
                page.extend(blocks[parent].lines.iter().cloned());
            }
            // An entry taller than a whole slide goes on line by line.
            for line in &block.lines {
                if page.len() >= room {
                    pages.push(std::mem::take(&mut page));
                }
                page.push(line.clone());
            }
            pages.push(page);
        }
        let parts = pages.len();
        pages
            .into_iter()
            .enumerate()
            .map(|(i, lines)| Slide {
                kind,
                headline: headline.clone(),
                about: about(&lines),
                lines,
                part: i + 1,
                parts,
            })
            .collect()
    }

    /// A section's heading, after a blank line unless it opens the slide.
    fn section(&self, heading: &str, blank_before: bool) -> Block {
        let mut lines = Vec::new();
        if blank_before {
            lines.push(SlideLine {
                indent: 0,
                kind: LineKind::Note,
                first: true,
                text: String::new(),
                goal: None,
            });
        }
        lines.extend(self.lines(0, LineKind::Heading, heading, None));
        Block {
            lines,
            parent: None,
        }
    }

    fn title(&self, c: Coverage) -> Vec<Slide> {
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
            let mut lines = vec![SlideLine {
                indent: 0,
                kind: LineKind::Heading,
                first: true,
                text: String::new(),
                goal: None,
            }];
            lines.extend(self.lines(0, LineKind::Heading, &heading, None));
            lines.extend(self.lines(2, LineKind::Note, &names, None));
            blocks.push(Block {
                lines,
                parent: None,
            });
        }
        self.paged(SlideKind::Title, self.headline(title), &blocks, &|_| None)
    }

    fn chain(&self, buyer: &BuyerChain) -> Vec<Slide> {
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
                    lines.push(SlideLine {
                        indent: 0,
                        kind: LineKind::Note,
                        first: true,
                        text: String::new(),
                        goal: None,
                    });
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

    fn gaps(&self, chains: &Unreached) -> Vec<Block> {
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
    fn more(&self, blocks: &mut Vec<Block>, total: usize, what: &str) {
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

    fn findings(&self, source: &Source, blocks: &mut Vec<Block>) {
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

    fn votes(&self, tally: &VoteTally) -> Vec<Slide> {
        let mut top: Vec<&(String, u32)> = tally
            .0
            .iter()
            .filter(|(id, n)| *n > 0 && self.index.goal(self.ws, id).is_some())
            .collect();
        if top.is_empty() {
            return Vec::new();
        }
        top.sort_by_key(|t| std::cmp::Reverse(t.1));
        top.truncate(10);
        let blocks: Vec<Block> = top
            .into_iter()
            .map(|(id, n)| {
                let text = format!(
                    "{n} vote{}: {} — {}",
                    if *n == 1 { "" } else { "s" },
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

/// The first goal a slide's lines tell.
fn first_goal(lines: &[SlideLine]) -> Option<String> {
    lines.iter().find_map(|l| l.goal.clone())
}

impl Deck {
    /// The sections of a workspace for a screen, nothing laid out yet. `votes`: the last vote
    /// round's result, when there is one (none yet: see [`VoteTally`]).
    pub fn new(
        ws: &Workspace,
        index: &LinkIndex,
        screen: Screen,
        votes: Option<&VoteTally>,
    ) -> Deck {
        let chains = ws
            .column(Column::Buyers)
            .iter()
            .flat_map(|p| &p.goals)
            .map(|g| g.id.clone())
            .collect();
        let votes = votes
            .filter(|t| {
                t.0.iter()
                    .any(|(id, n)| *n > 0 && index.goal(ws, id).is_some())
            })
            .cloned();
        Deck {
            screen: Some(screen),
            chains,
            votes,
            laid: HashMap::new(),
        }
    }

    /// Every slide, each section laid out (for tests and whole-deck checks: the presenter
    /// lays out a section only when it is shown).
    pub fn all(source: &Source, screen: Screen, votes: Option<&VoteTally>) -> Vec<Slide> {
        let mut deck = Deck::new(source.ws, source.index, screen, votes);
        (0..deck.sections())
            .flat_map(|n| deck.lay_out(n, source).to_vec())
            .collect()
    }

    /// Sections (numbered slides): the title, one per buyer goal, the gaps, and the votes
    /// after a round.
    pub fn sections(&self) -> usize {
        self.chains.len() + 2 + usize::from(self.votes.is_some())
    }

    /// What section `n` (from 0) is.
    pub fn section(&self, n: usize) -> Section {
        let chains = self.chains.len();
        match n {
            0 => Section::Title,
            n if n <= chains => Section::Chain(n - 1),
            n if n == chains + 1 => Section::Gaps,
            _ => Section::Votes,
        }
    }

    /// The section number of a buyer goal's chain.
    pub fn section_of(&self, buyer_goal: &str) -> Option<usize> {
        self.chains
            .iter()
            .position(|id| id == buyer_goal)
            .map(|i| i + 1)
    }

    /// The slides of section `n`, laid out now if they were not yet (at least one slide).
    pub fn lay_out(&mut self, n: usize, source: &Source) -> &[Slide] {
        let n = n.min(self.sections().saturating_sub(1));
        if !self.laid.contains_key(&n) {
            let slides = self.build_section(n, source);
            self.laid.insert(n, slides);
        }
        self.laid.get(&n).map_or(&[], Vec::as_slice)
    }

    /// The slides of section `n`, if they are laid out.
    pub fn laid(&self, n: usize) -> Option<&[Slide]> {
        self.laid.get(&n).map(Vec::as_slice)
    }

    fn build_section(&self, n: usize, source: &Source) -> Vec<Slide> {
        let screen = self.screen.unwrap_or(Screen {
            width: 80,
            height: 24,
            unicode: false,
        });
        let b = Builder {
            ws: source.ws,
            index: source.index,
            screen,
        };
        match self.section(n) {
            Section::Title => b.title(source.coverage),
            Section::Chain(i) => match self.chains.get(i) {
                Some(id) => b.chain(&BuyerChain::of(source.index, id)),
                None => Vec::new(),
            },
            Section::Gaps => {
                let mut gaps = b.gaps(&Unreached::find(source.ws, source.index));
                b.findings(source, &mut gaps);
                b.paged(
                    SlideKind::Gaps,
                    b.headline("Gaps in the chain".to_string()),
                    &gaps,
                    &first_goal,
                )
            }
            Section::Votes => match &self.votes {
                Some(tally) => b.votes(tally),
                None => Vec::new(),
            },
        }
    }
}
