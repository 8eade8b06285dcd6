//! The presenter's keys (SPEC §12): next and previous slide, a slide by its number, help, and
//! leaving. The slides themselves are `app::present`'s; this only moves between them.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::act;
use super::links::go_to;
use crate::app::lists::Target;
use crate::app::present::{Slide, show};
use crate::app::{Action, Effect, Mode, State, Tone, View};

/// A key while presenting.
pub fn on_key(state: &mut State, key: KeyEvent, action: Option<Action>) -> Vec<Effect> {
    let Some(present) = state.present.as_deref_mut() else {
        return Vec::new();
    };
    let last = present.deck.sections().saturating_sub(1);
    let (slide, part) = (present.slide, present.part);
    let parts = present.deck.laid(slide).map_or(1, <[Slide]>::len);
    if action != Some(Action::SlideDigit) && action != Some(Action::GoToSlide) {
        present.typed.clear();
    }
    match action {
        Some(Action::NextSlide) if part + 1 < parts => show(state, slide, part + 1),
        Some(Action::NextSlide) if slide < last => show(state, slide + 1, 0),
        Some(Action::PrevSlide) if part > 0 => show(state, slide, part - 1),
        Some(Action::PrevSlide) if slide > 0 => show(state, slide - 1, usize::MAX),
        Some(Action::FirstSlide) => show(state, 0, 0),
        Some(Action::LastSlide) => show(state, last, usize::MAX),
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
                Ok(n) if (1..=last + 1).contains(&n) => show(state, n - 1, 0),
                Ok(n) => state.say(
                    Tone::Warning,
                    format!("there is no slide {n}: they go from 1 to {}", last + 1),
                ),
                Err(_) => state.say(Tone::Info, "type a slide number, then Enter"),
            }
        }
        Some(Action::LeavePresenter) => return leave(state),
        Some(Action::Help) => state.mode = Mode::Help { scroll: 0 },
        Some(Action::Quit) => return act(state, Action::Quit),
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
        return act(state, Action::Quit);
    }
    state.view = View::Board;
    if let Some(id) = present.current().and_then(|s| s.about.clone()) {
        go_to(state, &Target::Goal(id));
    }
    Vec::new()
}
