//! What the environment says about the terminal (SPEC §3, issue 11.7 and 11.9), with the real
//! binary: no terminal at all → a clear message naming `check` and `export`, exit 2, nothing
//! written and no lock left; `TERM=dumb` and `xterm-mono` → not one colour on screen; a
//! non-UTF-8 locale → every cell ASCII, borders included.

mod common;

use std::process::Command;

use common::pty::{Place, Session};

const ROWS: u16 = 30;
const COLS: u16 = 100;

#[test]
fn without_a_terminal_the_app_says_what_to_use_and_writes_nothing() {
    let place = Place::new();
    let existing = place.example("acme.ron");
    let before = std::fs::read(&existing).expect("read");
    for (args, name) in [
        (vec!["acme.ron"], "acme.ron"),
        (vec!["new.ron"], "new.ron"),
        (vec![], ""),
    ] {
        let out = Command::new(common::pty::BIN)
            .args(&args)
            .current_dir(place.dir.path())
            .env("HOME", place.home())
            .env("XDG_CONFIG_HOME", place.home().join("config"))
            .env("XDG_DATA_HOME", place.data_dir())
            .stdin(std::process::Stdio::null())
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.contains("needs a terminal"), "{stderr}");
        assert!(stderr.contains("personas check") && stderr.contains("personas export"));
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(out.stdout.is_empty(), "nothing on stdout: {:?}", out.stdout);
    }
    assert_eq!(std::fs::read(&existing).expect("read"), before);
    assert!(!place.path("new.ron").exists());
    assert!(
        !place.data_dir().exists(),
        "nothing in the data directory: no lock, no default workspace"
    );
}

fn board(place: &Place, env: &[(&str, &str)]) -> Session {
    let s = place.spawn_env(&["acme.ron"], ROWS, COLS, env);
    s.wait_for("The Employee");
    s.wait_for("coverage");
    s
}

/// Every cell of the screen whose colour is not the terminal's default.
fn coloured_cells(s: &Session) -> usize {
    s.with_screen(|sc| {
        let mut n = 0;
        for row in 0..ROWS {
            for col in 0..COLS {
                if let Some(cell) = sc.cell(row, col)
                    && (cell.fgcolor() != vt100::Color::Default
                        || cell.bgcolor() != vt100::Color::Default)
                {
                    n += 1;
                }
            }
        }
        n
    })
}

#[test]
fn dumb_and_mono_terminals_get_no_colour() {
    let place = Place::new();
    place.example("acme.ron");
    let colour = board(&place, &[]);
    assert!(coloured_cells(&colour) > 0, "the default theme has colour");
    drop(colour);
    for term in ["dumb", "xterm-mono"] {
        let s = board(&place, &[("TERM", term)]);
        assert_eq!(coloured_cells(&s), 0, "TERM={term}:\n{}", s.screen());
    }
}

#[test]
fn a_non_utf8_locale_gets_ascii_symbols_and_borders() {
    let place = Place::new();
    place.example("acme.ron");
    let utf8 = board(&place, &[]);
    assert!(!utf8.screen().is_ascii(), "a UTF-8 locale draws box lines");
    drop(utf8);
    for env in [
        vec![("LANG", "C")],
        vec![("LANG", "")],
        vec![("LC_ALL", "POSIX"), ("LANG", "C.UTF-8")],
        vec![("LC_CTYPE", "en_US.ISO-8859-1")],
    ] {
        let s = board(&place, &env);
        // Header rules and the link gutters in ASCII (waited for: the frame may still be on its
        // way), and nothing else on screen outside ASCII.
        s.wait_for("Users 3 - 7/8 linked ---");
        s.wait_for("+-");
        let screen = s.screen();
        assert!(screen.is_ascii(), "{env:?}:\n{screen}");
    }
}
