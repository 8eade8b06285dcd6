//! Drawing. `view` reads the state and draws; it decides nothing.

pub mod ascii;
pub mod board;
pub mod contrast;
pub mod detail;
pub mod gutter;
pub mod help;
/// The areas of the screen live in `app` (update needs them for clicks and paging).
pub use crate::app::layout;
pub mod lists;
pub mod overlay;
pub mod picker;
pub mod present;
pub mod room;
pub mod status;
pub mod textfit;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget, Wrap};

use crate::app::views::Aside;
use crate::app::{Mode, State};
use layout::{Areas, MIN_HEIGHT, MIN_WIDTH};
use theme::Theme;

/// Draws the whole screen for the state (in ASCII only, for a non-UTF-8 locale).
pub fn view(state: &State, frame: &mut Frame) {
    draw(state, frame);
    if state.ascii {
        ascii::to_ascii(frame.buffer_mut());
    }
}

fn draw(state: &State, frame: &mut Frame) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    let glyphs = if state.ascii {
        theme::Glyphs::ASCII
    } else {
        theme::Glyphs::UNICODE
    };
    // The projector's theme while presenting; the board's own again after.
    let name = match state.present {
        Some(_) => state.presenter_theme,
        None => state.theme,
    };
    let theme = Theme::get(name).with_glyphs(glyphs);
    buf.set_style(area, theme.base);
    let size = (area.width, area.height);
    if Areas::too_small(size) {
        let text = format!(
            "terminal too small: {}×{} — personas needs at least {MIN_WIDTH}×{MIN_HEIGHT}",
            area.width, area.height
        );
        Paragraph::new(Line::styled(text, theme.warning))
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return;
    }
    if let Some(p) = &state.present {
        present::present(state, p, &theme, area, buf);
        let above_hints = Rect::new(0, 0, area.width, area.height.saturating_sub(1));
        overlays(state, &theme, above_hints, buf);
        return;
    }
    let areas = Areas::with_status(size, state.detail, Areas::of(state).status.height);
    // A list view is drawn from its description (`app::views::VIEWS`).
    match state.view.list() {
        None => {
            let chain = board::highlighted_chain(state);
            let b = board::Board {
                state,
                theme: &theme,
                chain: &chain,
            };
            (&b).render(areas.main, buf);
        }
        Some(spec) => {
            let (list_area, aside) = match spec.aside {
                Aside::Nothing => (areas.main, None),
                Aside::RoomCode => room::split(areas.main),
            };
            if let Some(aside) = aside {
                room::aside(state, &theme, aside, buf);
            }
            let view = lists::ListView {
                title: spec.title,
                heading: (spec.heading)(state),
                empty: spec.empty,
                total: (spec.len)(state),
                window: &|from, n| (spec.lines)(state, from, n),
                cv: *(spec.cursor)(&state.views),
            };
            lists::list(state, &theme, &view, list_area, buf);
        }
    }
    if let Some(detail_area) = areas.detail {
        let d = detail::Detail {
            state,
            theme: &theme,
        };
        (&d).render(detail_area, buf);
    }
    status::status(state, &theme, areas.status, buf);
    status::hints(state, &theme, areas.hints, buf);
    let overlay_area = Rect::new(0, 0, area.width, areas.status.y);
    overlays(state, &theme, overlay_area, buf);
}

/// Whatever has the keyboard over the view: help, a question, a form, a picker.
fn overlays(state: &State, theme: &Theme, overlay_area: Rect, buf: &mut ratatui::buffer::Buffer) {
    match &state.mode {
        Mode::Help { scroll, .. } => help::help(state, theme, *scroll, overlay_area, buf),
        Mode::Pick(pick) => overlay::pick(state, pick, theme, overlay_area, buf),
        Mode::Prompt(p) => overlay::prompt(state, p, theme, overlay_area, buf),
        Mode::Form(form) => overlay::form(state, form, theme, overlay_area, buf),
        Mode::Search(search) => overlay::search(search, theme, overlay_area, buf),
        Mode::LinkPicker(p) => picker::picker(state, p, theme, buf),
        Mode::Normal => {}
    }
}
