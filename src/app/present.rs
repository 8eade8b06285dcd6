//! Presenter mode (SPEC §12): the workspace told to the room as slides, one buyer goal at a
//! time. This module owns which slide is shown and what the presenter's keys do; the slides are
//! built once per workspace and screen size ([`deck`]) and only drawn by `ui::present`.
//!
//! Hooks for the room (SPEC §11, not built yet): [`State::presented_slide`] is the slide being
//! shown, for participants' pages to follow, and [`Deck::build`] takes the last vote round's
//! [`VoteTally`] for the top-votes slide (no caller has one yet).

pub mod deck;

use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

pub use deck::{Deck, LineKind, Screen, Slide, SlideKind, SlideLine, VoteTally};

use super::lists::Target;
use super::{Action, Effect, State, Tone, View};

/// What the presenter shows.
#[derive(Debug, Clone)]
pub struct Presenter {
    /// The slide shown, from 0.
    pub slide: usize,
    /// Digits typed for a jump (Enter goes there).
    pub typed: String,
    /// `personas present`: leaving quits the program.
    pub standalone: bool,
    pub deck: Arc<Deck>,
    /// What the deck was built for: the workspace (its state and snapshot) and the screen.
    built_for: Option<(u64, usize, Screen)>,
}

impl Presenter {
    pub fn new(standalone: bool) -> Presenter {
        Presenter {
            slide: 0,
            typed: String::new(),
            standalone,
            deck: Arc::default(),
            built_for: None,
        }
    }

    pub fn current(&self) -> Option<&Slide> {
        self.deck.slides.get(self.slide)
    }
}

impl State {
    /// The slide on the projector while presenting (from 0), for participants' pages to follow
    /// once the room exists (SPEC §11, §12).
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

/// Builds the slides again when the workspace or the screen changed, staying on the slide about
/// the same goal (and the same part of it) where there still is one.
pub fn refresh(state: &mut State) {
    let key = (
        state.doc.state(),
        Arc::as_ptr(&state.doc.snapshot()) as usize,
        screen(state),
    );
    let Some(present) = state.present.as_deref() else {
        return;
    };
    if present.built_for == Some(key) {
        return;
    }
    let was = present.current().map(|s| (s.kind, s.about.clone(), s.part));
    let d = state.doc.derived();
    // Votes are not in the model yet (SPEC §11): no tally to pass.
    let deck = Deck::build(state.doc.workspace(), &d.index, &d.findings, key.2, None);
    let slide = match &was {
        Some((kind, about, part)) => deck
            .slides
            .iter()
            .position(|s| s.kind == *kind && s.about == *about && s.part == *part)
            .or_else(|| {
                deck.slides
                    .iter()
                    .position(|s| s.kind == *kind && s.about == *about)
            }),
        None => None,
    };
    if let Some(present) = state.present.as_deref_mut() {
        let old = present.slide;
        present.slide = slide.unwrap_or(old).min(deck.len().saturating_sub(1));
        present.deck = Arc::new(deck);
        present.built_for = Some(key);
    }
}

/// A key while presenting.
pub fn on_key(state: &mut State, key: KeyEvent, action: Option<Action>) -> Vec<Effect> {
    let Some(present) = state.present.as_deref_mut() else {
        return Vec::new();
    };
    let last = present.deck.len().saturating_sub(1);
    if action != Some(Action::SlideDigit) && action != Some(Action::GoToSlide) {
        present.typed.clear();
    }
    match action {
        Some(Action::NextSlide) => present.slide = (present.slide + 1).min(last),
        Some(Action::PrevSlide) => present.slide = present.slide.saturating_sub(1),
        Some(Action::FirstSlide) => present.slide = 0,
        Some(Action::LastSlide) => present.slide = last,
        Some(Action::SlideDigit) => {
            if let KeyCode::Char(c) = key.code
                && c.is_ascii_digit()
                && present.typed.len() < 9
            {
                present.typed.push(c);
            }
        }
        Some(Action::GoToSlide) => {
            let typed = std::mem::take(&mut present.typed);
            match typed.parse::<usize>() {
                Ok(n) if (1..=last + 1).contains(&n) => present.slide = n - 1,
                Ok(n) => state.say(
                    Tone::Warning,
                    format!("there is no slide {n}: they go from 1 to {}", last + 1),
                ),
                Err(_) => state.say(Tone::Info, "type a slide number, then Enter"),
            }
        }
        Some(Action::LeavePresenter) => return leave(state),
        Some(Action::Help) => state.mode = super::Mode::Help { scroll: 0 },
        Some(Action::Quit) => return super::update::act(state, Action::Quit),
        _ => {}
    }
    Vec::new()
}

/// Esc or `q`: back to the board with the cursor on the goal the slide was about; from
/// `personas present`, quits.
fn leave(state: &mut State) -> Vec<Effect> {
    let Some(present) = state.present.take() else {
        return Vec::new();
    };
    if present.standalone {
        return super::update::act(state, Action::Quit);
    }
    state.view = View::Board;
    if let Some(id) = present.current().and_then(|s| s.about.clone()) {
        super::update::go_to(state, &Target::Goal(id));
    }
    Vec::new()
}
