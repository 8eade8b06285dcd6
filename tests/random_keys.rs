//! Random sessions: hundreds of keys, resizes, clicks, scrolls and pastes fed to `update`, the
//! screen drawn with `view` after each one. Nothing may panic, the workspace must stay valid
//! (unique ids, links only to an existing goal in the next column up), and every change must
//! be undoable back to the start.

use std::path::PathBuf;

use personas::app::{Effect, Event, Mode, State, View, update};
use personas::model::{Column, Workspace, validate};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn press(code: KeyCode, mods: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, mods))
}

/// The named keys of the board, forms, prompts and help, as a terminal sends them.
fn named_keys() -> Vec<Event> {
    use KeyCode as K;
    let none = KeyModifiers::NONE;
    let shift = KeyModifiers::SHIFT;
    let ctrl = KeyModifiers::CONTROL;
    let mut keys: Vec<Event> = "jkhlpgedufim123?q][yn /N"
        .chars()
        .map(|c| press(K::Char(c), none))
        .collect();
    keys.extend(['J', 'K'].map(|c| press(K::Char(c), shift)));
    keys.extend(['z', 'r', 'y', 's', 'c', 'j'].map(|c| press(K::Char(c), ctrl)));
    keys.extend(
        [
            K::Enter,
            K::Esc,
            K::Tab,
            K::PageUp,
            K::PageDown,
            K::Home,
            K::End,
            K::Backspace,
            K::Delete,
            K::Up,
            K::Down,
            K::Left,
            K::Right,
        ]
        .map(|k| press(k, none)),
    );
    keys.push(press(K::BackTab, shift));
    keys.push(press(K::Enter, KeyModifiers::ALT));
    keys
}

/// Text as typed into a form: mostly ASCII, some accented, wide and emoji characters.
fn typed_char() -> impl Strategy<Value = Event> {
    prop_oneof![
        8 => prop::char::range(' ', '~'),
        1 => prop::sample::select(vec!['é', 'ß', '日', '本', '🚀', '\u{200d}', '\u{301}']),
    ]
    .prop_map(|c| {
        let mods = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        press(KeyCode::Char(c), mods)
    })
}

/// Keys that change links and order rather than text: many Space presses, so links are made
/// and broken across all three columns, mixed with deletes (answered yes or no), moves and undo.
fn link_key() -> impl Strategy<Value = Event> {
    use KeyCode as K;
    let none = KeyModifiers::NONE;
    prop::sample::select(vec![
        press(K::Char('j'), none),
        press(K::Char('j'), none),
        press(K::Char('k'), none),
        press(K::Char('h'), none),
        press(K::Char('l'), none),
        press(K::Char(' '), none),
        press(K::Char(' '), none),
        press(K::Char(' '), none),
        press(K::Char('d'), none),
        press(K::Char('y'), none),
        press(K::Char('n'), none),
        press(K::Char('J'), KeyModifiers::SHIFT),
        press(K::Char('K'), KeyModifiers::SHIFT),
        press(K::Char('u'), none),
        press(K::Char('r'), KeyModifiers::CONTROL),
        press(K::Char(']'), none),
        press(K::Char('['), none),
        press(K::Backspace, none),
        press(K::End, none),
        press(K::Esc, none),
    ])
}

fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        3 => (60u16..=200, 12u16..=60),
        1 => (1u16..=200, 1u16..=60),
    ]
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        60 => prop::sample::select(named_keys()),
        20 => typed_char(),
        3 => size().prop_map(|(w, h)| Event::Resize(w, h)),
        2 => (0u16..200, 0u16..60, any::<bool>())
            .prop_map(|(x, y, double)| Event::Click { x, y, double }),
        2 => (0u16..200, 0u16..60, any::<bool>())
            .prop_map(|(x, y, down)| Event::Scroll { x, y, down }),
        1 => prop::sample::select(vec![
            "pasted name",
            "two\nlines\r\nand a third",
            "\u{1b}]0;pwned\u{7} 営業 🚀",
            "",
        ])
        .prop_map(|s| Event::Paste(s.to_string())),
    ]
}

/// Feeds one event and the events its effects cause. A save is reported as written (nothing
/// touches the disk); quitting is ignored so the session goes on.
fn feed(state: &mut State, event: Event) {
    let mut queue = vec![event];
    while let Some(event) = queue.pop() {
        for effect in update(state, event) {
            if let Effect::Save { state: saved, .. } = effect {
                queue.push(Event::Saved {
                    state: saved,
                    result: Ok(()),
                });
            }
        }
    }
}

fn terminal(size: (u16, u16)) -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(size.0, size.1)).expect("test terminal")
}

/// Draws the screen; no cell may hold a raw control character (pasted text included).
fn draw(terminal: &mut Terminal<TestBackend>, state: &State) {
    let frame = terminal
        .draw(|f| personas::ui::view(state, f))
        .expect("draws");
    if let Some(cell) = frame
        .buffer
        .content
        .iter()
        .find(|c| c.symbol().chars().any(char::is_control))
    {
        panic!("a cell holds a control character: {:?}", cell.symbol());
    }
}

/// Presses `code` (Ctrl-`c`) on the board `times` times, leaving any form, prompt or view first.
fn on_board(state: &mut State, c: char, times: usize) {
    state.mode = Mode::Normal;
    state.view = View::Board;
    // Presenter mode takes every key while it is open (P may have been among the events).
    state.present = None;
    for _ in 0..times {
        feed(state, press(KeyCode::Char(c), KeyModifiers::CONTROL));
    }
}

fn session(start: Workspace, events: Vec<Event>) {
    let mut state = State::new(start.clone(), PathBuf::from("random.ron"));
    let mut size = (120, 40);
    let mut term = terminal(size);
    feed(&mut state, Event::Resize(size.0, size.1));
    draw(&mut term, &state);
    for (n, event) in events.into_iter().enumerate() {
        if let Event::Resize(w, h) = event {
            size = (w, h);
            term = terminal(size);
        }
        feed(&mut state, event);
        draw(&mut term, &state);
        for column in Column::ALL {
            let rows = state.doc.row_count(column);
            let cursor = state.columns[column.index()].cursor;
            assert!(
                cursor < rows.max(1),
                "after event {n}: {column} cursor {cursor} is past its {rows} rows"
            );
        }
    }
    let end = state.doc.workspace().clone();
    let errors = validate(&end);
    assert!(
        errors.is_empty(),
        "the workspace broke its rules: {errors:#?}"
    );

    // Every change is undoable: undo all the way back to the start, then redo all the way
    // forward (which may go past `end` when the session itself ended on an undo).
    let mut redone = state.clone();
    on_board(&mut redone, 'r', 1000);
    let top = redone.doc.workspace().clone();
    on_board(&mut state, 'z', 1000);
    assert_eq!(
        state.doc.workspace(),
        &start,
        "undoing every change does not give back the start"
    );
    on_board(&mut state, 'r', 1000);
    assert_eq!(
        state.doc.workspace(),
        &top,
        "redoing every change does not give back the top"
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_sessions_never_panic_and_keep_the_workspace_valid(
        from_example in any::<bool>(),
        events in prop::collection::vec(event(), 200..=400),
    ) {
        let start = if from_example {
            personas::store::example()
        } else {
            Workspace::default()
        };
        session(start, events);
    }

    #[test]
    fn random_linking_keeps_links_between_neighbouring_columns(
        events in prop::collection::vec(link_key(), 100..=250),
    ) {
        session(personas::store::example(), events);
    }
}
