//! Themes: the high-contrast theme (projectors) and the monochrome one (`NO_COLOR`) carry no
//! meaning by colour alone — chains, findings and the cursor keep their symbols and attributes.

mod common;

use common::tui::{run_script, screen_text, typed};

use std::path::PathBuf;

use personas::app::State;
use personas::ui::theme::ThemeName;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

/// The example at 120×40 with the cursor on the first user goal (its chain highlighted).
fn board(theme: ThemeName) -> Buffer {
    let mut state = State::new(personas::store::example(), PathBuf::from("acme.ron"));
    state.theme = theme;
    let terminal = run_script(&mut state, 120, 40, typed("j"));
    terminal.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    screen_text(buf)
}

/// The cells of every occurrence of `symbol` on the screen.
fn cells_with<'a>(buf: &'a Buffer, symbol: &str) -> Vec<&'a ratatui::buffer::Cell> {
    buf.content
        .iter()
        .filter(|c| c.symbol() == symbol)
        .collect()
}

fn assert_meaning_without_colour(buf: &Buffer) {
    let screen = text(buf);
    assert!(screen.contains('◆'), "direct links marked:\n{screen}");
    assert!(screen.contains('◇'), "indirect links marked:\n{screen}");
    assert!(screen.contains("↑0!"), "findings marked:\n{screen}");
    for cell in cells_with(buf, "◆") {
        assert!(
            cell.modifier.contains(Modifier::BOLD),
            "direct chain goals are bold"
        );
    }
    for cell in cells_with(buf, "◇") {
        assert!(
            cell.modifier.contains(Modifier::UNDERLINED),
            "indirect chain goals are underlined"
        );
    }
    let cursor_row = buf
        .content
        .chunks(usize::from(buf.area.width))
        .find(|row| {
            row.iter()
                .map(|c| c.symbol())
                .collect::<String>()
                .contains("Log every customer call")
        })
        .expect("the selected goal is on screen");
    assert!(
        cursor_row[1..30]
            .iter()
            .all(|c| c.modifier.contains(Modifier::REVERSED)),
        "the cursor row is reversed"
    );
}

#[test]
fn mono_uses_no_colour_at_all_and_still_shows_everything() {
    let buf = board(ThemeName::Mono);
    for cell in &buf.content {
        assert!(
            matches!(cell.fg, Color::Reset) && matches!(cell.bg, Color::Reset),
            "a coloured cell {:?} in the monochrome theme",
            cell
        );
    }
    assert_meaning_without_colour(&buf);
    insta::assert_snapshot!(text(&buf));
}

#[test]
fn high_contrast_marks_chains_and_findings_with_symbols_and_attributes() {
    let buf = board(ThemeName::HighContrast);
    assert_meaning_without_colour(&buf);
    for cell in cells_with(&buf, "!") {
        assert!(cell.modifier.contains(Modifier::BOLD), "findings are bold");
    }
    insta::assert_snapshot!(text(&buf));
}

#[test]
fn no_color_in_the_environment_gives_a_screen_without_colour() {
    let place = common::pty::Place::new();
    let file = place.example("acme.ron");
    let s = place.spawn_env(&[&file.to_string_lossy()], 30, 120, &[("NO_COLOR", "1")]);
    s.wait_for("The Employee");
    s.wait_for("coverage");
    let coloured = s.with_screen(|screen| {
        let (rows, cols) = screen.size();
        (0..rows)
            .flat_map(|r| (0..cols).map(move |c| (r, c)))
            .filter_map(|(r, c)| screen.cell(r, c))
            .filter(|cell| {
                cell.fgcolor() != vt100::Color::Default || cell.bgcolor() != vt100::Color::Default
            })
            .count()
    });
    assert_eq!(coloured, 0, "NO_COLOR: no cell may carry a colour");
    assert!(
        s.with_screen(|screen| {
            let (rows, cols) = screen.size();
            (0..rows)
                .flat_map(|r| (0..cols).map(move |c| (r, c)))
                .filter_map(|(r, c)| screen.cell(r, c))
                .any(|cell| cell.inverse())
        }),
        "the cursor is still shown (reversed)"
    );
}
