//! Hostile files (SPEC §7, issue 5.7): a workspace from someone else is untrusted.
//!
//! - Every text field may carry terminal escape sequences (OSC title change, OSC 52 clipboard
//!   write, clear screen, cursor moves, a C1 CSI), bidi overrides, zero-width characters and a
//!   BOM: they are drawn inert, as visible placeholders, on the board, the detail pane, the
//!   Chains and Gaps views and the edit form — on a `TestBackend` driven by the real loop, and
//!   with the real binary in a pseudo-terminal, where no OSC sequence may reach the terminal.
//! - Huge files (a 50 MB notes field, a sparse file over the size limit, 100,000 goals) open or
//!   are refused with a clear message, never hanging. The time limits are hang guards, not
//!   speed tests.
//! - Random mutations of valid files never make the loader panic, and every error renders to
//!   text that is safe to print.

mod common;

use common::tui::{key, run_script, screen_text, typed};

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::pty::{BIN, ESC, Place, Session};
use personas::app::{Event, Mode, State, View};
use personas::model::{BuyingRole, Goal, Kind, Persona, Workspace};
use personas::store::{self, EXAMPLE, LoadError, load::MAX_FILE_BYTES, parse_bytes, to_ron};
use personas::text::is_unsafe;
use proptest::prelude::*;
use proptest::sample::Index;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use unicode_width::UnicodeWidthStr as _;

// ---------------------------------------------------------------------------------------------
// Payloads

/// OSC 0: sets the window title (marker PWN so a recorded title can be recognised).
const OSC_TITLE: &str = "\u{1b}]0;PWN\u{7}";
/// OSC 52: writes "hi" to the clipboard.
const OSC_52: &str = "\u{1b}]52;c;aGk=\u{7}";
const CLEAR: &str = "\u{1b}[2J";
const MOVE: &str = "\u{1b}[10;10H";
/// A C1 CSI (U+009B) followed by "2J": clear screen on terminals that honour 8-bit controls.
const C1_CSI: &str = "\u{9b}2J";
/// Right-to-left override and left-to-right isolate (with its pop).
const BIDI: &str = "\u{202e}\u{2066}\u{2069}";
/// Zero-width space, zero-width joiner, word joiner and a byte-order mark.
const ZERO_WIDTH: &str = "\u{200b}\u{200d}\u{2060}\u{feff}";

/// How each payload is drawn: C0 controls as control pictures, the rest as U+FFFD.
const SHOWN_TITLE: &str = "␛]0;PWN␇";
const SHOWN_52: &str = "␛]52;c;aGk=␇";
const SHOWN_CLEAR: &str = "␛[2J";
const SHOWN_MOVE: &str = "␛[10;10H";
const SHOWN_C1: &str = "\u{fffd}2J";
const SHOWN_BIDI: &str = "\u{fffd}\u{fffd}\u{fffd}";

/// A field value: a short visible tag, one payload, and a tail so the payload sits mid-string.
fn evil(tag: &str, payload: &str) -> String {
    format!("{tag}{payload}z")
}

/// What `evil(tag, payload)` must look like on screen.
fn shown(tag: &str, shown_payload: &str) -> String {
    format!("{tag}{shown_payload}z")
}

fn goal(id: &str, text: &str, why: &str, metric: &str, supports: &[&str]) -> Goal {
    Goal {
        id: id.into(),
        text: text.into(),
        why: why.into(),
        metric: metric.into(),
        supports: supports.iter().map(|s| (*s).to_string()).collect(),
        ..Goal::default()
    }
}

/// A valid workspace with a payload in every text field of every column, ids included. One
/// user goal is unlinked, so the Gaps view has something to list.
fn hostile() -> Workspace {
    let uid = format!("u{OSC_TITLE}");
    let ug1 = format!("ug1{CLEAR}");
    let ug2 = format!("ug2{BIDI}");
    let did = format!("d{C1_CSI}");
    let dg = format!("dg{OSC_52}");
    let bid = format!("b{ZERO_WIDTH}");
    let bg = format!("bg{MOVE}");
    let mut ws = Workspace {
        title: evil("Ttl", OSC_TITLE),
        ..Workspace::default()
    };
    ws.columns[0] = vec![Persona {
        id: uid,
        name: evil("Una", OSC_TITLE),
        role: evil("Uro", OSC_52),
        kind: Some(Kind::GoalDirected),
        summary: format!("{}\n{}", evil("Usu", CLEAR), evil("Usv", MOVE)),
        goals: vec![
            goal(
                &ug1,
                &evil("Ugt", OSC_52),
                &evil("Ugw", C1_CSI),
                &evil("Ugm", BIDI),
                &[&dg],
            ),
            goal(
                &ug2,
                &evil("Uhu", CLEAR),
                &evil("Uhw", ZERO_WIDTH),
                &evil("Uhm", MOVE),
                &[],
            ),
        ],
        pains: vec![evil("Upa", MOVE), evil("Upb", C1_CSI)],
        quote: evil("Uqu", BIDI),
        notes: format!("{}\n{}", evil("Uno", ZERO_WIDTH), evil("Unp", OSC_TITLE)),
        ..Persona::default()
    }]
    .into_iter()
    .map(std::sync::Arc::new)
    .collect();
    ws.columns[1] = vec![Persona {
        id: did,
        name: evil("Dna", CLEAR),
        role: evil("Dro", C1_CSI),
        kind: Some(Kind::RoleBased),
        summary: evil("Dsu", BIDI),
        goals: vec![goal(
            &dg,
            &evil("Dgt", MOVE),
            &evil("Dgw", OSC_TITLE),
            &evil("Dgm", OSC_52),
            &[&bg],
        )],
        pains: vec![evil("Dpa", OSC_52)],
        quote: evil("Dqu", OSC_TITLE),
        notes: evil("Dno", C1_CSI),
        ..Persona::default()
    }]
    .into_iter()
    .map(std::sync::Arc::new)
    .collect();
    ws.columns[2] = vec![Persona {
        id: bid,
        name: evil("Bna", BIDI),
        role: evil("Bro", MOVE),
        kind: Some(Kind::Methodical),
        buying_role: Some(BuyingRole::DecisionMaker),
        summary: evil("Bsu", OSC_52),
        goals: vec![goal(
            &bg,
            &evil("Bgt", C1_CSI),
            &evil("Bgw", CLEAR),
            &evil("Bgm", OSC_TITLE),
            &[],
        )],
        pains: vec![evil("Bpa", ZERO_WIDTH)],
        quote: evil("Bqu", CLEAR),
        notes: evil("Bno", MOVE),
        objections: vec![evil("Bob", OSC_TITLE), evil("Boc", BIDI)],
        criteria: vec![evil("Bcr", OSC_52), evil("Bcs", C1_CSI)],
    }]
    .into_iter()
    .map(std::sync::Arc::new)
    .collect();
    ws
}

#[test]
fn the_hostile_workspace_is_valid_and_survives_a_round_trip() {
    let ws = hostile();
    assert!(personas::model::validate(&ws).is_empty());
    let text = to_ron(&ws);
    assert!(
        !text.chars().any(|c| c != '\n' && is_unsafe(c)),
        "to_ron writes unsafe characters raw:\n{text}"
    );
    let back = store::parse(&text).unwrap_or_else(|e| panic!("{}", e.render("h.ron")));
    assert_eq!(back, ws);
}

// ---------------------------------------------------------------------------------------------
// Drawing on a TestBackend

fn drive(ws: Workspace, path: &str, w: u16, h: u16, events: Vec<Event>) -> (Buffer, State) {
    let mut state = State::new(ws, PathBuf::from(path));
    let terminal = run_script(&mut state, w, h, events);
    (terminal.backend().buffer().clone(), state)
}

fn screen(buf: &Buffer) -> String {
    screen_text(buf)
}

/// No cell holds a control character, a bidi control or a BOM, and every row is exactly as
/// wide as the terminal (nothing invisible shifted the columns).
fn assert_inert(buf: &Buffer, what: &str) {
    for (i, cell) in buf.content.iter().enumerate() {
        let bad: Vec<char> = cell.symbol().chars().filter(|c| is_unsafe(*c)).collect();
        assert!(
            bad.is_empty(),
            "{what}: cell {i} ({}, {}) holds {bad:?}:\n{}",
            i % usize::from(buf.area.width),
            i / usize::from(buf.area.width),
            screen(buf)
        );
    }
    let text = screen(buf);
    for (y, row) in text.lines().enumerate() {
        assert_eq!(
            row.width(),
            usize::from(buf.area.width),
            "{what}: row {y} is misaligned:\n{text}"
        );
    }
}

/// The screen shows every one of `needles`.
fn assert_shows(buf: &Buffer, what: &str, needles: &[String]) {
    let text = screen(buf);
    for n in needles {
        assert!(
            text.contains(n.as_str()),
            "{what}: {n:?} not drawn:\n{text}"
        );
    }
}

#[test]
fn the_board_draws_every_payload_inert() {
    for (w, h) in [(160, 50), (80, 24)] {
        let (buf, _) = drive(hostile(), "hostile.ron", w, h, vec![]);
        assert_inert(&buf, &format!("board {w}×{h}"));
    }
    let (buf, _) = drive(hostile(), "hostile.ron", 160, 50, vec![]);
    assert_shows(
        &buf,
        "board",
        &[
            shown("Una", SHOWN_TITLE),
            shown("Ugt", SHOWN_52),
            shown("Uhu", SHOWN_CLEAR),
            shown("Dna", SHOWN_CLEAR),
            shown("Dgt", SHOWN_MOVE),
            shown("Bna", SHOWN_BIDI),
            shown("Bgt", SHOWN_C1),
        ],
    );
}

/// Tab `n` times (to the `n`th column), then `keys`.
fn in_column(n: usize, keys: &str) -> Vec<Event> {
    let mut e = vec![key(KeyCode::Tab); n];
    e.extend(typed(keys));
    e
}

#[test]
fn the_detail_pane_draws_every_payload_inert() {
    let cases: Vec<(&str, Vec<Event>, Vec<String>)> = vec![
        (
            "user persona",
            in_column(0, "i"),
            vec![
                shown("Uro", SHOWN_52),
                shown("Usu", SHOWN_CLEAR),
                shown("Usv", SHOWN_MOVE),
                shown("Upa", SHOWN_MOVE),
                shown("Upb", SHOWN_C1),
                shown("Uqu", SHOWN_BIDI),
                shown("Unp", SHOWN_TITLE),
            ],
        ),
        (
            "user goal",
            in_column(0, "ji"),
            vec![shown("Ugw", SHOWN_C1), shown("Ugm", SHOWN_BIDI)],
        ),
        (
            "second user goal",
            in_column(0, "jji"),
            vec![shown("Uhm", SHOWN_MOVE)],
        ),
        (
            "department persona",
            in_column(1, "i"),
            vec![
                shown("Dro", SHOWN_C1),
                shown("Dsu", SHOWN_BIDI),
                shown("Dpa", SHOWN_52),
                shown("Dqu", SHOWN_TITLE),
                shown("Dno", SHOWN_C1),
            ],
        ),
        (
            "department goal",
            in_column(1, "ji"),
            vec![shown("Dgw", SHOWN_TITLE), shown("Dgm", SHOWN_52)],
        ),
        (
            "buyer persona",
            in_column(2, "i"),
            vec![
                shown("Bro", SHOWN_MOVE),
                shown("Bsu", SHOWN_52),
                shown("Bqu", SHOWN_CLEAR),
                shown("Bno", SHOWN_MOVE),
                shown("Bob", SHOWN_TITLE),
                shown("Boc", SHOWN_BIDI),
                shown("Bcr", SHOWN_52),
                shown("Bcs", SHOWN_C1),
            ],
        ),
        (
            "buyer goal",
            in_column(2, "ji"),
            vec![shown("Bgw", SHOWN_CLEAR), shown("Bgm", SHOWN_TITLE)],
        ),
    ];
    for (what, events, needles) in cases {
        let (buf, state) = drive(hostile(), "hostile.ron", 160, 50, events);
        assert!(state.detail, "{what}: the detail pane is open");
        assert_inert(&buf, what);
        assert_shows(&buf, what, &needles);
    }
}

#[test]
fn the_chains_and_gaps_views_draw_every_payload_inert() {
    let (buf, state) = drive(hostile(), "hostile.ron", 160, 50, typed("2"));
    assert_eq!(state.view, View::Chains);
    assert_inert(&buf, "chains");
    assert_shows(
        &buf,
        "chains",
        &[
            shown("Bgt", SHOWN_C1),
            shown("Dgt", SHOWN_MOVE),
            shown("Ugt", SHOWN_52),
        ],
    );
    let (buf, state) = drive(hostile(), "hostile.ron", 160, 50, typed("3"));
    assert_eq!(state.view, View::Gaps);
    assert_inert(&buf, "gaps");
    // Findings quote names the way the check report does (`"Uhu\u{1b}[2Jz"`): inert too.
    let text = screen(&buf);
    assert!(
        text.contains(&shown("Uhu", SHOWN_CLEAR)) || text.contains("Uhu\\u{1b}[2Jz"),
        "gaps: the unlinked goal is not listed:\n{text}"
    );
    // Moving about the lists redraws them with other rows selected.
    for keys in ["2jjj", "3jjj", "2jjji", "3ji"] {
        let (buf, _) = drive(hostile(), "hostile.ron", 120, 40, typed(keys));
        assert_inert(&buf, keys);
    }
}

#[test]
fn the_edit_form_draws_every_payload_inert() {
    // (column, keys to the row, fields to tab through, what the form must show somewhere)
    let cases: Vec<(usize, &str, usize, Vec<String>)> = vec![
        (
            0,
            "",
            8,
            vec![
                shown("Una", SHOWN_TITLE),
                shown("Uro", SHOWN_52),
                shown("Usu", SHOWN_CLEAR),
                shown("Upa", SHOWN_MOVE),
                shown("Uqu", SHOWN_BIDI),
            ],
        ),
        (
            0,
            "j",
            4,
            vec![
                shown("Ugt", SHOWN_52),
                shown("Ugw", SHOWN_C1),
                shown("Ugm", SHOWN_BIDI),
            ],
        ),
        (
            1,
            "",
            8,
            vec![shown("Dna", SHOWN_CLEAR), shown("Dro", SHOWN_C1)],
        ),
        (
            2,
            "",
            11,
            vec![
                shown("Bna", SHOWN_BIDI),
                shown("Bro", SHOWN_MOVE),
                shown("Bsu", SHOWN_52),
            ],
        ),
        (
            2,
            "j",
            4,
            vec![shown("Bgt", SHOWN_C1), shown("Bgw", SHOWN_CLEAR)],
        ),
    ];
    for (column, keys, fields, needles) in cases {
        let mut events = in_column(column, keys);
        events.push(key(KeyCode::Enter));
        let what = format!("form of column {column} row {keys:?}");
        let (buf, state) = drive(hostile(), "hostile.ron", 160, 50, events.clone());
        assert!(
            matches!(state.mode, Mode::Form(_)),
            "{what}: a form is open"
        );
        assert_inert(&buf, &what);
        assert_shows(&buf, &what, &needles);
        // Every field focused in turn (a focused field is drawn by the text editor).
        for tab in 1..=fields {
            events.push(key(KeyCode::Tab));
            let (buf, _) = drive(hostile(), "hostile.ron", 160, 50, events.clone());
            assert_inert(&buf, &format!("{what}, field {tab}"));
        }
    }
}

#[test]
fn a_hostile_file_name_is_drawn_inert() {
    let name = format!("n{OSC_TITLE}{BIDI}{C1_CSI}.ron");
    for events in [vec![], typed("q"), typed("Jq"), typed("J")] {
        let (buf, _) = drive(hostile(), &name, 120, 40, events);
        assert_inert(&buf, "file name in the status bar");
        assert_shows(&buf, "file name", &[format!("n{SHOWN_TITLE}")]);
    }
}

#[test]
fn status_lines_and_prompts_draw_inert() {
    // An edit names the persona in the status line ("moved goal …").
    let (buf, state) = drive(hostile(), "hostile.ron", 160, 50, typed("jJ"));
    assert!(state.modified());
    assert_inert(&buf, "status after an edit");
    let (buf, _) = drive(hostile(), "hostile.ron", 160, 50, typed("d"));
    assert_inert(&buf, "delete prompt");
}

// ---------------------------------------------------------------------------------------------
// The real binary in a pseudo-terminal

const ROWS: u16 = 45;
const COLS: u16 = 160;

/// Writes the hostile workspace to `hostile.ron` in `place`.
fn write_hostile(place: &Place) -> PathBuf {
    let path = place.path("hostile.ron");
    std::fs::write(&path, to_ron(&hostile())).expect("write the hostile file");
    path
}

/// Every screen that shows file text, with what must be on it once drawn. `vt100` drops a
/// U+FFFD it is sent (it takes it for its own mark of undecodable input), so what a step waits
/// for never holds the U+FFFD placeholder nor follows one on its row.
fn tour() -> Vec<(&'static str, String)> {
    vec![
        ("", shown("Una", SHOWN_TITLE)),
        ("i", shown("Unp", SHOWN_TITLE)),
        ("\t", shown("Dqu", SHOWN_TITLE)),
        ("\t", shown("Bob", SHOWN_TITLE)),
        ("j", shown("Bgw", SHOWN_CLEAR)),
        ("2", "Chains".to_string()),
        ("3", "unlinked-user-goal (1)".to_string()),
        // Back on the board: Dgt is in the Chains and Gaps views too (once drawn whole), so the
        // step waits for the screen to change instead of for a text.
        ("1", String::new()),
        // The buyer persona's detail pane (its role is on the board already).
        ("k", format!("role: {}", shown("Bro", SHOWN_MOVE))),
        ("\r", "edit buyer persona".to_string()),
        // Name, role, kind, buying role, summary, pains, objections, then the focus on the
        // criteria (their text is in the form already).
        (
            "\t\t\t\t\t\t\t",
            format!("›Criteria        {}", shown("Bcr", SHOWN_52)),
        ),
    ]
}

/// Goes through [`tour`], each key's text waited for (it was not on screen before the key),
/// then closes the form with Esc and waits for it to go, so `q` is not read as Alt-q.
fn take_the_tour(session: &mut Session) {
    for (keys, expect) in tour() {
        if keys.is_empty() {
            session.wait_for(&expect);
        } else if expect.is_empty() {
            session.send_and_wait_change(keys);
        } else {
            session.press(keys, &expect);
        }
    }
    session.press_gone(ESC, "edit buyer persona");
    let screen = session.screen();
    assert!(screen.contains(&shown("Ugt", SHOWN_52)), "{screen}");
}

#[test]
fn the_binary_never_sends_a_title_or_clipboard_sequence_from_the_file() {
    let place = Place::new();
    write_hostile(&place);
    let mut session = place.spawn(&["hostile.ron"], ROWS, COLS);
    take_the_tour(&mut session);
    // The payloads that move the cursor or clear the screen did neither: the board is whole.
    let rows = session.rows();
    let row = rows
        .iter()
        .find(|r| r.contains("Una"))
        .unwrap_or_else(|| panic!("no row with the user persona:\n{}", rows.join("\n")));
    assert!(row.contains(&shown("Una", SHOWN_TITLE)), "{row}");
    assert!(row.contains(&shown("Dna", SHOWN_CLEAR)), "{row}");
    session.send("q");
    let status = session.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert!(
        !session.titles().iter().any(|t| t.contains("PWN")),
        "the file set the terminal title: {:?}",
        session.titles()
    );
}

/// The byte sequence `needle` occurs in `hay`.
fn has(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn the_raw_output_holds_no_osc_bel_c1_or_bidi_control() {
    let place = Place::new();
    write_hostile(&place);
    let mut session = place.spawn(&["hostile.ron"], ROWS, COLS);
    take_the_tour(&mut session);
    session.send("q");
    let status = session.wait_exit();
    assert!(status.success(), "exit status {status:?}");

    let mut raw = session.recorded(|r| r.raw.clone());
    assert!(raw.len() > 1000, "the board was drawn");
    // The one OSC the app itself sends: the Auto theme asking for the background colour
    // (OSC 11 with a question mark, no payload). Nothing from the file may add another.
    // (terminal-colorsaurus ends it with BEL, which urxvt needs).
    let query = b"\x1b]11;?\x07";
    if let Some(at) = raw.windows(query.len()).position(|w| w == query) {
        raw.drain(at..at + query.len());
    }
    for (what, seq) in [
        ("an OSC sequence (ESC ])", &b"\x1b]"[..]),
        ("a BEL", b"\x07"),
        ("a C1 CSI (U+009B)", "\u{9b}".as_bytes()),
        ("a C1 OSC (U+009D)", "\u{9d}".as_bytes()),
        ("U+202E", "\u{202e}".as_bytes()),
        ("U+2066", "\u{2066}".as_bytes()),
        ("U+2069", "\u{2069}".as_bytes()),
        ("a BOM", "\u{feff}".as_bytes()),
        ("the OSC 52 payload after ESC", b"\x1b]52"),
    ] {
        assert!(!has(&raw, seq), "the program wrote {what} to the terminal");
    }
    session.recorded(|asked| {
        assert!(asked.titles.is_empty(), "titles set: {:?}", asked.titles);
        assert!(
            asked.clipboard.is_empty(),
            "clipboard written: {:?}",
            asked.clipboard
        );
        assert_eq!(asked.bells, 0, "the bell rang");
        let other: Vec<&Vec<u8>> = asked
            .other_osc
            .iter()
            .filter(|p| p.as_slice() != b"11;?")
            .collect();
        assert!(other.is_empty(), "OSC sent: {:?}", other);
    });
}

// ---------------------------------------------------------------------------------------------
// Huge files: open or refused with a clear message, never a hang

/// A hang guard for the debug build on a slow machine, not a speed test.
const HANG: Duration = Duration::from_secs(30);

/// Runs `personas ARGS`, killing it after `limit`; returns (exit code, stdout, stderr).
fn run_bin(args: &[&Path], limit: Duration) -> (i32, String, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn personas");
    // Read the pipes on threads so a big report cannot fill them and stall the child.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("personas {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (
        status.code().unwrap_or(-1),
        out.join().expect("stdout"),
        err.join().expect("stderr"),
    )
}

#[test]
fn a_50_mb_notes_field_loads_and_draws_without_hanging() {
    let line = format!("{} end\n", "n".repeat(95));
    let mut ws = store::example();
    std::sync::Arc::make_mut(&mut ws.columns[0][0]).notes = line.repeat(50_000_000 / line.len());
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big-notes.ron");
    store::save(&path, &ws).expect("save");
    let size = std::fs::metadata(&path).expect("meta").len();
    assert!(
        (50_000_000..MAX_FILE_BYTES).contains(&size),
        "the file is {size} bytes"
    );

    let start = Instant::now();
    let loaded = store::load(&path);
    let took = start.elapsed();
    println!("50 MB file: loaded in {took:?}");
    assert!(took < HANG, "loading took {took:?}");
    let loaded = loaded.unwrap_or_else(|e| panic!("{}", e.render("big-notes.ron")));
    assert_eq!(
        loaded.columns[0][0].notes.len(),
        ws.columns[0][0].notes.len()
    );
    drop(ws);

    // The board, the detail pane with the notes, and the edit form holding them.
    let start = Instant::now();
    let (buf, state) = drive(
        loaded,
        "big-notes.ron",
        120,
        40,
        vec![key(KeyCode::Char('i')), key(KeyCode::Enter)],
    );
    let took = start.elapsed();
    println!("50 MB file: board, detail and form drawn in {took:?}");
    assert!(took < HANG, "drawing took {took:?}");
    assert!(matches!(state.mode, Mode::Form(_)));
    assert!(screen(&buf).contains("The Employee"));
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    for size in [MAX_FILE_BYTES + 1, 64 << 30] {
        let path = dir.path().join(format!("sparse-{size}.ron"));
        let file = std::fs::File::create(&path).expect("create");
        // Sparse: no data blocks, so the test costs no disk; reading it would take minutes.
        if file.set_len(size).is_err() {
            println!("this filesystem cannot hold a sparse file of {size} bytes: skipped");
            continue;
        }
        drop(file);
        let start = Instant::now();
        let err = store::load(&path).expect_err("a file over the limit loads");
        let took = start.elapsed();
        assert!(
            matches!(err, LoadError::TooLarge { size: s } if s == size),
            "{err:?}"
        );
        assert!(took < Duration::from_secs(2), "refusing took {took:?}");
        let shown = err.render("huge.ron");
        assert!(
            shown.contains(&size.to_string()) && shown.contains(&MAX_FILE_BYTES.to_string()),
            "{shown}"
        );
        // `check` says so and exits 2 (cannot read), at once.
        let (code, _, stderr) = run_bin(&[Path::new("check"), &path], Duration::from_secs(10));
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("largest workspace"), "{stderr}");
        assert_eq!(std::fs::metadata(&path).expect("meta").len(), size);
    }
}

#[test]
fn a_hundred_thousand_goals_round_trip_and_check_finishes() {
    let mut ws = Workspace {
        title: "100k goals".into(),
        ..Workspace::default()
    };
    for p in 0..1000 {
        ws.columns[0].push(std::sync::Arc::new(Persona {
            id: format!("p{p}"),
            name: format!("Persona {p}"),
            kind: Some(Kind::RoleBased),
            goals: (0..100)
                .map(|g| Goal {
                    id: format!("p{p}-g{g}"),
                    text: format!("Goal {g} of persona {p}"),
                    ..Goal::default()
                })
                .collect(),
            ..Persona::default()
        }));
    }
    assert_eq!(ws.goal_count(), 100_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("100k.ron");

    let start = Instant::now();
    store::save(&path, &ws).expect("save");
    let loaded = store::load(&path).unwrap_or_else(|e| panic!("{}", e.render("100k.ron")));
    let took = start.elapsed();
    println!("100,000 goals: saved and loaded in {took:?}");
    assert!(took < HANG, "save + load took {took:?}");
    assert!(loaded == ws, "the workspace changed on the way");

    let start = Instant::now();
    let (code, stdout, stderr) = run_bin(&[Path::new("check"), &path], Duration::from_secs(60));
    println!("100,000 goals: check finished in {:?}", start.elapsed());
    assert!(code == 0 || code == 1, "exit {code}: {stderr}");
    assert!(stdout.contains("100000 goals"), "{stdout}");
}

// ---------------------------------------------------------------------------------------------
// Mutated files: no panic, and every error prints safely

/// The rendered error must be safe to print: no control character but line ends, no bidi
/// control, no BOM.
fn assert_printable(rendered: &str, what: &str) {
    let bad: Vec<char> = rendered
        .chars()
        .filter(|c| *c != '\n' && is_unsafe(*c))
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: unsafe characters {bad:?} in {rendered:?}"
    );
}

/// Loads `text`, which must fail, and checks its rendered error.
fn err_of(text: &str) -> String {
    let err = match parse_bytes(text.as_bytes()) {
        Ok(ws) => panic!("{text:?} loaded: {ws:?}"),
        Err(e) => e,
    };
    let shown = err.render("f.ron");
    assert_printable(&shown, text);
    shown
}

#[test]
fn errors_about_hostile_values_print_safely() {
    let e = "\\u{1b}]0;PWN\\u{7}\\u{202e}\\u{9b}2J";
    let good_goal = r#"(id: "g", text: "t")"#;
    for text in [
        // A string where a number or an enum belongs: RON quotes the decoded string.
        format!(r#"(format: "{e}")"#),
        format!(r#"(title: 5, users: [(id: "{e}", name: "n")])"#),
        format!(r#"(users: [(id: "u", name: "n", kind: "{e}")])"#),
        format!(r#"(users: [(id: "u", name: "n", kind: Some("{e}"))])"#),
        format!(r#"(users: [(id: "u", name: "n", buying_role: "{e}")])"#),
        format!(r#"(users: [(id: "u", name: "n", goals: "{e}")])"#),
        format!(r#"(users: [(id: "u", name: "n", pains: [5, "{e}"])])"#),
        format!(
            r#"(users: [(id: "u", name: "n", goals: [(id: "g", text: "t", supports: "{e}")])])"#
        ),
        // Bytes and chars.
        format!(r#"(title: b"{e}")"#),
        r#"(title: '\u{1b}')"#.to_string(),
        // Raw control characters in the file itself, in and out of strings.
        "(title: \"a\u{1b}]0;PWN\u{7}\u{202e}\", nope: 1)".to_string(),
        "(\u{1b}]0;PWN\u{7}: 1)".to_string(),
        "(title: \"x\"\u{9b}2J)".to_string(),
        "(title: \"x\")\u{202e}\u{1b}[2J".to_string(),
        // Validation errors quote ids and names.
        format!(r#"(users: [(id: "{e}", name: "n"), (id: "{e}", name: "m")])"#),
        format!(
            r#"(users: [(id: "u", name: "", goals: [(id: "g", text: "t", supports: ["{e}"])])])"#
        ),
        format!(r#"(users: [(id: "u", name: "{e}", goals: [(id: "", text: "{e}")])])"#),
        format!(
            r#"(buyers: [(id: "b", name: "{e}", goals: [{good_goal}])], users: [(id: "u", name: "n", kind: Methodical, goals: [(id: "g2", text: "{e}", supports: ["g"])])])"#
        ),
    ] {
        let shown = err_of(&text);
        assert!(shown.starts_with("f.ron:"), "{shown}");
    }
}

/// One change to a file's bytes. Positions are `Index`es, scaled to the file as it is then.
#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: Index, bits: u8 },
    CutLine { line: Index },
    DupBracket { which: Index, times: usize },
    Insert { at: Index, bytes: Vec<u8> },
    Delete { at: Index, len: usize },
    SwapLines { a: Index, b: Index },
    Truncate { at: Index },
}

/// Text worth inserting: escapes, quotes, brackets, RON syntax and numbers out of range.
const NASTY: &[&str] = &[
    "\u{1b}]0;PWN\u{7}",
    "\u{1b}]52;c;aGk=\u{7}",
    "\u{9b}2J",
    "\u{202e}",
    "\u{feff}",
    "\"",
    "\\",
    "\\u{1b}",
    "\\u{d800}",
    "\\x",
    "r#\"",
    "(",
    ")",
    "[",
    "]",
    "{",
    ",",
    ":",
    "//",
    "/*",
    "Some(",
    "format: 99,",
    "99999999999999999999999",
    "-1",
    "id: \"\",",
    "supports: [\"nowhere\"],",
    "\n",
    "\r\n",
    "\0",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    let bytes = prop_oneof![
        prop::collection::vec(any::<char>(), 1..6)
            .prop_map(|cs| { cs.into_iter().collect::<String>().into_bytes() }),
        prop::collection::vec(any::<u8>(), 1..6),
        prop::sample::select(NASTY).prop_map(|s| s.as_bytes().to_vec()),
    ];
    prop_oneof![
        (any::<Index>(), 1..=255u8).prop_map(|(at, bits)| Mutation::Flip { at, bits }),
        any::<Index>().prop_map(|line| Mutation::CutLine { line }),
        (any::<Index>(), 1..40usize)
            .prop_map(|(which, times)| Mutation::DupBracket { which, times }),
        (any::<Index>(), bytes).prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (any::<Index>(), 1..200usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapLines { a, b }),
        any::<Index>().prop_map(|at| Mutation::Truncate { at }),
    ]
}

/// Splits into lines, each keeping its '\n'.
fn lines_of(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split_inclusive(|b| *b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let len = bytes.len();
    match m {
        Mutation::Flip { at, bits } if len > 0 => bytes[at.index(len)] ^= bits,
        Mutation::CutLine { line } => {
            let mut lines = lines_of(bytes);
            if !lines.is_empty() {
                lines.remove(line.index(lines.len()));
                *bytes = lines.concat();
            }
        }
        Mutation::DupBracket { which, times } => {
            let brackets: Vec<usize> = (0..len).filter(|i| b"()[]".contains(&bytes[*i])).collect();
            if !brackets.is_empty() {
                let at = brackets[which.index(brackets.len())];
                let b = bytes[at];
                bytes.splice(at..at, std::iter::repeat_n(b, *times));
            }
        }
        Mutation::Insert { at, bytes: new } => {
            let at = at.index(len + 1);
            bytes.splice(at..at, new.iter().copied());
        }
        Mutation::Delete { at, len: n } if len > 0 => {
            let at = at.index(len);
            bytes.drain(at..(at + n).min(len));
        }
        Mutation::SwapLines { a, b } => {
            let mut lines = lines_of(bytes);
            if !lines.is_empty() {
                let n = lines.len();
                lines.swap(a.index(n), b.index(n));
                *bytes = lines.concat();
            }
        }
        Mutation::Truncate { at } => bytes.truncate(at.index(len + 1)),
        Mutation::Flip { .. } | Mutation::Delete { .. } => {}
    }
}

/// Valid files to start from: the bundled example, a small hand-made one and the hostile one.
fn bases() -> [Vec<u8>; 3] {
    let mut small = Workspace {
        title: "small".into(),
        ..Workspace::default()
    };
    small.columns[0] = vec![Persona {
        id: "u".into(),
        name: "U".into(),
        goals: vec![goal("ug", "user goal", "why", "metric", &["dg"])],
        pains: vec!["a pain".into()],
        ..Persona::default()
    }]
    .into_iter()
    .map(std::sync::Arc::new)
    .collect();
    small.columns[1] = vec![Persona {
        id: "d".into(),
        name: "D".into(),
        goals: vec![goal("dg", "department goal", "", "", &["bg"])],
        ..Persona::default()
    }]
    .into_iter()
    .map(std::sync::Arc::new)
    .collect();
    small.columns[2] = vec![Persona {
        id: "b".into(),
        name: "B".into(),
        kind: Some(Kind::Competitive),
        buying_role: Some(BuyingRole::UltimateBuyer),
        goals: vec![goal("bg", "buyer goal", "", "", &[])],
        objections: vec!["too dear".into()],
        ..Persona::default()
    }]
    .into_iter()
    .map(std::sync::Arc::new)
    .collect();
    [
        EXAMPLE.as_bytes().to_vec(),
        to_ron(&small).into_bytes(),
        to_ron(&hostile()).into_bytes(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_files_never_panic_and_their_errors_print_safely(
        base in 0..3usize,
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let mut bytes = bases()[base].clone();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        match parse_bytes(&bytes) {
            Err(err) => {
                let shown = err.render("f.ron");
                prop_assert!(shown.starts_with("f.ron"), "{}", shown);
                let bad: Vec<char> =
                    shown.chars().filter(|c| *c != '\n' && is_unsafe(*c)).collect();
                prop_assert!(bad.is_empty(), "unsafe {:?} in {:?}", bad, shown);
            }
            // Whatever loads is a valid workspace and saves to a file that loads the same.
            Ok(ws) => {
                prop_assert!(personas::model::validate(&ws).is_empty());
                let again = store::parse(&to_ron(&ws));
                prop_assert!(again.as_ref().is_ok_and(|w| *w == ws), "{:?}", again.err());
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Shared reports: html, svg and story (issue 15)

/// Markup that must stay text: a script, the end of the picture, both quotes and an entity.
const MARKUP: &str = "<script>alert(1)</script></svg><b onload=\"x\">'&amp;";

/// The hostile workspace with [`MARKUP`] appended to the title, every name and every goal text.
fn hostile_markup() -> Workspace {
    let mut ws = hostile();
    ws.title.push_str(MARKUP);
    for column in &mut ws.columns {
        for p in column {
            let p = std::sync::Arc::make_mut(p);
            p.name.push_str(MARKUP);
            p.quote.push_str(MARKUP);
            for g in &mut p.goals {
                g.text.push_str(MARKUP);
                g.metric.push_str(MARKUP);
            }
        }
    }
    ws
}

fn assert_no_raw_payload(out: &str, what: &str) {
    for c in out.chars() {
        assert!(
            !is_unsafe(c) || c == '\n',
            "{what}: raw {:?} in the report",
            c.escape_unicode().to_string()
        );
    }
    for shown in [
        SHOWN_TITLE,
        SHOWN_52,
        SHOWN_CLEAR,
        SHOWN_MOVE,
        SHOWN_C1,
        SHOWN_BIDI,
    ] {
        assert!(out.contains(shown), "{what}: {shown:?} is not shown");
    }
}

#[test]
fn html_svg_and_story_reports_keep_every_payload_text() {
    use personas::export::{ExportFormat, render, render_chain};
    let ws = hostile_markup();
    let bg = format!("bg{MOVE}");
    for (what, out) in [
        ("html", render(&ws, ExportFormat::Html)),
        ("svg", render(&ws, ExportFormat::Svg)),
        (
            "svg --chain",
            render_chain(&ws, ExportFormat::Svg, &bg).expect("the buyer goal"),
        ),
    ] {
        assert_no_raw_payload(&out, what);
        assert!(!out.contains("<script"), "{what}: a script tag got through");
        assert!(!out.contains("<b "), "{what}: an element got through");
        assert!(
            !out.contains("onload=\""),
            "{what}: an attribute got through"
        );
        assert_eq!(
            out.matches("</svg>").count(),
            1,
            "{what}: the picture ends once"
        );
        assert!(
            out.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;/svg&gt;"),
            "{what}"
        );
        assert!(
            out.contains("onload=&quot;x&quot;&gt;&#39;&amp;amp;"),
            "{what}"
        );
    }
    let story = render(&ws, ExportFormat::Story);
    // Plain text: the markup is kept as it is, the control characters are not.
    assert!(story.contains(MARKUP));
    assert!(story.contains(&shown("Bgt", SHOWN_C1)));
    for c in story.chars() {
        assert!(!is_unsafe(c) || c == '\n', "story: raw {c:?}");
    }
    assert!(story.contains(&shown("Ttl", SHOWN_TITLE)));
}
