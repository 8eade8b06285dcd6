//! Selected text in the form and the search box, in every theme.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;

use crate::app::{Event, State, update};
use crate::config::ThemeName;
use crate::model::Workspace;

fn press(s: &mut State, code: KeyCode) {
    update(s, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// The cells of the first place the screen shows `text`, and the screen's text.
fn cells_of(s: &State, text: &str) -> (Vec<ratatui::buffer::Cell>, String) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    terminal.draw(|f| crate::ui::view(s, f)).expect("draws");
    let buf = terminal.backend().buffer().clone();
    let width = usize::from(buf.area.width);
    let rows: Vec<String> = buf
        .content
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect())
        .collect();
    for (y, row) in rows.iter().enumerate() {
        if let Some(byte) = row.find(text) {
            let x = row[..byte].chars().count();
            let start = y * width + x;
            let cells = buf.content[start..start + text.chars().count()].to_vec();
            return (cells, rows.join("\n"));
        }
    }
    panic!("{text:?} is not on screen:\n{}", rows.join("\n"));
}

fn reversed(cells: &[ratatui::buffer::Cell]) -> bool {
    cells
        .iter()
        .all(|c| c.modifier.contains(Modifier::REVERSED))
}

#[test]
fn a_selected_default_with_control_characters_shows_selected_as_placeholders() {
    let ws = Workspace {
        title: "bu\u{7}ilt".into(),
        ..Workspace::default()
    };
    let mut s = State::new(ws, "bu\u{7}ilt.ron".into());
    press(&mut s, KeyCode::Char('t'));
    let (cells, screen) = cells_of(&s, "bu␇ilt ");
    assert!(reversed(&cells[..6]), "{screen}");
    press(&mut s, KeyCode::Char('x'));
    assert!(!s.doc.workspace().title.is_empty());
    let (cells, _) = cells_of(&s, "x ");
    assert!(!reversed(&cells[..1]), "typed over: nothing selected");
}

#[test]
fn selected_text_is_reversed_in_every_theme_and_in_ascii() {
    let themes = [
        ThemeName::Dark,
        ThemeName::Light,
        ThemeName::HighContrast,
        ThemeName::HighContrastLight,
        ThemeName::Mono,
    ];
    for theme in themes {
        for ascii in [false, true] {
            let ws = Workspace {
                title: "built".into(),
                ..Workspace::default()
            };
            let mut s = State::new(ws, "built.ron".into());
            s.theme = theme;
            s.ascii = ascii;
            press(&mut s, KeyCode::Char('t'));
            let (cells, screen) = cells_of(&s, "built ");
            assert!(reversed(&cells[..5]), "{theme:?} ascii {ascii}:\n{screen}");
            assert!(
                screen.contains("typing replaces it"),
                "{theme:?} ascii {ascii}: the form says so:\n{screen}"
            );
            press(&mut s, KeyCode::End);
            let (cells, _) = cells_of(&s, "built");
            assert!(!reversed(&cells), "{theme:?}: End kept it, unselected");

            let mut s = State::new(crate::store::example(), "x.ron".into());
            s.theme = theme;
            s.ascii = ascii;
            press(&mut s, KeyCode::Char('/'));
            for c in "call".chars() {
                press(&mut s, KeyCode::Char(c));
            }
            press(&mut s, KeyCode::Enter);
            press(&mut s, KeyCode::Char('/'));
            let (cells, screen) = cells_of(&s, "/ call");
            assert!(reversed(&cells[2..]), "{theme:?} ascii {ascii}:\n{screen}");
            assert!(!reversed(&cells[..2]));
            assert!(
                screen.contains("keep it (typing replaces it)"),
                "{theme:?} ascii {ascii}: the hint bar says what keeps it:\n{screen}"
            );
        }
    }
}
