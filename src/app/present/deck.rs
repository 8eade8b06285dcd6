//! The slides of presenter mode, for a workspace and a screen size: a title slide, one slide
//! per buyer goal in board order (its chain walked by [`BuyerChain::told`], the walk
//! the story export tells), a gaps slide and, after a vote round, a slide of the top votes.
//!
//! A section's slides are laid out the first time it is shown ([`Deck::lay_out`]): at 20,000
//! buyer goals, opening the presenter lays out the title alone.
//!
//! Text is wrapped here, to the screen it is built for, and a slide that would not fit goes on
//! on the next one (`2/2`): nothing is ever cut. Drawing (`ui::present`) only places the lines.
//!
//! Here: the deck and its sections. What a slide is: `deck/slide.rs`; wrapping and paging:
//! `deck/compose.rs`; what each section's slides say: `deck/sections.rs`.

mod compose;
mod sections;
mod slide;

pub use sections::{FINDINGS_LISTED, GAPS_LISTED};
pub use slide::{
    BIG_CELLS, BIG_MIN_WIDTH, BIG_ROWS, BOTTOM_ROWS, Headline, LineKind, MARGIN, MARKER_CELLS,
    Screen, Slide, SlideKind, SlideLine, TOP_ROWS,
};

use std::collections::HashMap;
use std::ops::Deref;

use crate::model::chains::{BuyerChain, Unreached};
use crate::model::{Column, Coverage, Finding, LinkIndex, Workspace};

use compose::{Builder, first_goal};

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

/// The deck: which sections there are (cheap: the buyer goals in board order), and the slides
/// of each section laid out the first time it is shown. Opening the presenter on 20,000 buyer
/// goals lays out the title only; each chain is laid out when it is reached.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Deck {
    pub screen: Option<Screen>,
    /// The buyer goals, in board order: one chain section each.
    pub chains: Vec<String>,
    /// The top-votes slide: a vote round gave some goal dots (each goal's `votes`).
    votes: bool,
    /// Slides of the sections laid out so far, by section number (from 0).
    laid: HashMap<usize, Vec<Slide>>,
}

impl Deck {
    /// The sections of a workspace for a screen, nothing laid out yet; the top-votes slide
    /// last when a vote round of the room gave goals dots.
    pub fn new(ws: &Workspace, screen: Screen) -> Deck {
        let chains = ws
            .column(Column::Buyers)
            .iter()
            .flat_map(|p| &p.goals)
            .map(|g| g.id.clone())
            .collect();
        Deck {
            screen: Some(screen),
            chains,
            votes: crate::room::voted_count(ws) > 0,
            laid: HashMap::new(),
        }
    }

    /// Every slide, each section laid out (for tests and whole-deck checks: the presenter
    /// lays out a section only when it is shown).
    pub fn all(source: &Source, screen: Screen) -> Vec<Slide> {
        let mut deck = Deck::new(source.ws, screen);
        (0..deck.sections())
            .flat_map(|n| deck.lay_out(n, source).to_vec())
            .collect()
    }

    /// Sections (numbered slides): the title, one per buyer goal, the gaps, and the votes
    /// after a round.
    pub fn sections(&self) -> usize {
        self.chains.len() + 2 + usize::from(self.votes)
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
            Section::Votes if self.votes => b.votes(),
            Section::Votes => Vec::new(),
        }
    }
}
