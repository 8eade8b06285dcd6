//! Presenter mode (SPEC §12): the workspace told to the room as slides, one buyer goal at a
//! time. This module owns which slide is shown (the presenter's keys are in `update::present`);
//! the slides are built once per workspace and screen size ([`deck`]) and only drawn by
//! `ui::present`.
//!
//! [`State::presented_slide`] is the slide being shown; [`Deck::new`] takes the last vote
//! round's dots (each goal's `votes`, from the room, SPEC §11) for the top-votes slide.

pub mod deck;

pub use deck::{Deck, LineKind, Screen, Section, Slide, SlideKind, SlideLine, Source};

use super::State;

/// What the presenter shows.
#[derive(Debug, Clone)]
pub struct Presenter {
    /// The numbered slide shown (the deck's section), from 0.
    pub slide: usize,
    /// Which of that section's slides, from 0 (a chain too long for one screen goes on).
    pub part: usize,
    /// Digits typed for a jump (Enter goes there).
    pub typed: String,
    /// `personas present`: leaving quits the program.
    pub standalone: bool,
    pub deck: Deck,
    /// What the deck was built for: the workspace (its state and snapshot) and the screen.
    built_for: Option<(u64, usize, Screen)>,
}

impl Presenter {
    pub fn new(standalone: bool) -> Presenter {
        Presenter {
            slide: 0,
            part: 0,
            typed: String::new(),
            standalone,
            deck: Deck::default(),
            built_for: None,
        }
    }

    /// The slide shown (laid out whenever the presenter moves).
    pub fn current(&self) -> Option<&Slide> {
        self.deck.laid(self.slide)?.get(self.part)
    }
}

impl State {
    /// The numbered slide on the projector while presenting (from 0), for participants' pages
    /// to follow once the room exists (SPEC §11, §12).
    pub fn presented_slide(&self) -> Option<usize> {
        self.present.as_ref().map(|p| p.slide)
    }

    /// Starts presenting (`P`, or `personas present` with `standalone`).
    pub fn start_presenting(&mut self, standalone: bool) {
        self.present = Some(Box::new(Presenter::new(standalone)));
        refresh(self);
    }
}

/// The screen the slides are built for now.
fn screen(state: &State) -> Screen {
    Screen {
        width: state.size.0,
        height: state.size.1,
        unicode: !state.ascii,
    }
}

/// Lays out the presenter's section (the slides of one numbered slide) and returns how many
/// slides it has.
fn lay_out(state: &mut State) -> usize {
    let d = state.doc.derived();
    let source = Source {
        ws: state.doc.workspace(),
        index: &d.index,
        coverage: d.coverage,
        findings: &d.findings,
        findings_len: d.findings.len(),
    };
    match state.present.as_deref_mut() {
        Some(p) => p.deck.lay_out(p.slide, &source).len(),
        None => 0,
    }
}

/// Moves to slide `part` (from 0; `usize::MAX`: the last) of numbered slide `slide`, laying it
/// out.
pub(super) fn show(state: &mut State, slide: usize, part: usize) {
    let Some(p) = state.present.as_deref_mut() else {
        return;
    };
    p.slide = slide.min(p.deck.sections().saturating_sub(1));
    let parts = lay_out(state);
    if let Some(p) = state.present.as_deref_mut() {
        p.part = part.min(parts.saturating_sub(1));
    }
}

/// Builds the deck again when the workspace or the screen changed, staying on the slide about
/// the same goal (and the same part of it) where there still is one.
pub fn refresh(state: &mut State) {
    let key = (
        state.doc.state(),
        std::sync::Arc::as_ptr(&state.doc.snapshot()) as usize,
        screen(state),
    );
    let Some(present) = state.present.as_deref() else {
        return;
    };
    if present.built_for == Some(key) {
        return;
    }
    let was = present
        .current()
        .map(|s| (s.kind, s.about.clone(), present.part));
    let (old, old_part) = (present.slide, present.part);
    // The last vote round's dots give a top-votes slide after the gaps (none before a round).
    let deck = Deck::new(state.doc.workspace(), key.2);
    let to = match &was {
        Some((SlideKind::Title, _, part)) => Some((0, *part)),
        Some((SlideKind::Chain, Some(id), part)) => deck.section_of(id).map(|n| (n, *part)),
        Some((SlideKind::Gaps, _, part)) => Some((deck.chains.len() + 1, *part)),
        Some((SlideKind::Votes, _, part)) => Some((deck.chains.len() + 2, *part)),
        _ => None,
    };
    let (slide, part) = to.unwrap_or((old, old_part));
    if let Some(present) = state.present.as_deref_mut() {
        present.deck = deck;
        present.built_for = Some(key);
    }
    show(state, slide, part);
}
