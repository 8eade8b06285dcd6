//! Whole-app snapshots (STYLE idiom 5): the real loop (`personas::run::run`) drives the app on a
//! `TestBackend` with a scripted list of events, and the screen is compared as text with
//! `insta`. A few tests also look at cell styles and at how untrusted text is drawn.

mod common;

use common::tui::{key, run_script, typed};
use std::path::PathBuf;

use personas::app::{Event, Mode, State};
use personas::model::{Column, Goal, Kind, Persona, Workspace};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Modifier;
use unicode_width::UnicodeWidthStr;

/// Runs the app on a `width`×`height` test terminal through `events` and returns the terminal
/// (for its buffer) and the state the app ended in.
fn drive(
    ws: Workspace,
    width: u16,
    height: u16,
    events: Vec<Event>,
) -> (Terminal<TestBackend>, State) {
    let mut state = State::new(ws, PathBuf::from("acme.ron"));
    let terminal = run_script(&mut state, width, height, events);
    (terminal, state)
}

fn example() -> Workspace {
    personas::store::example()
}

/// The cells a terminal shows on each row, with their x: the cell after a wide character is
/// hidden by it and skipped whatever it holds (the terminal's diff never rewrites it, so a
/// `TestBackend` keeps a stale symbol there from an earlier frame).
fn shown_cells(buf: &Buffer) -> Vec<Vec<(u16, &str)>> {
    let width = usize::from(buf.area.width);
    buf.content
        .chunks(width.max(1))
        .map(|cells| {
            let mut row = Vec::new();
            let mut skip = 0usize;
            for (x, cell) in (0u16..).zip(cells) {
                if skip > 0 {
                    skip -= 1;
                } else {
                    row.push((x, cell.symbol()));
                    skip = cell.symbol().width().saturating_sub(1);
                }
            }
            row
        })
        .collect()
}

/// The rows of a buffer as strings, untrimmed: as wide as the buffer when nothing is misdrawn.
fn rows(buf: &Buffer) -> Vec<String> {
    shown_cells(buf)
        .iter()
        .map(|row| row.iter().map(|(_, s)| *s).collect())
        .collect()
}

/// The screen as text: one line a row, trailing blanks trimmed.
fn screen(buf: &Buffer) -> String {
    rows(buf)
        .iter()
        .map(|r| r.trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

fn text_of(terminal: &Terminal<TestBackend>) -> String {
    screen(terminal.backend().buffer())
}

/// Snapshot of the screen after `events` on the example workspace.
fn shot(width: u16, height: u16, events: Vec<Event>) -> String {
    let (terminal, _) = drive(example(), width, height, events);
    text_of(&terminal)
}

/// The row (y) whose text contains `needle`, panicking with the screen when there is none.
fn row_with(screen_rows: &[String], needle: &str) -> usize {
    screen_rows
        .iter()
        .position(|r| r.contains(needle))
        .unwrap_or_else(|| panic!("no row contains {needle:?}:\n{}", screen_rows.join("\n")))
}

// ---------------------------------------------------------------------------------------------
// The board

#[test]
fn board_example_80x24() {
    insta::assert_snapshot!(shot(80, 24, vec![]));
}

#[test]
fn board_example_120x40() {
    insta::assert_snapshot!(shot(120, 40, vec![]));
}

#[test]
fn selected_row_is_reversed() {
    let (terminal, state) = drive(example(), 120, 40, vec![]);
    let buf = terminal.backend().buffer();
    assert_eq!(state.cursor(), 0);
    // The Users column; its first row under the title line is y = 1.
    let r = personas::ui::layout::Areas::new((120, 40), false).columns[0];
    let inner = r.x..r.x + r.width;
    for x in inner.clone() {
        let cell = &buf[(x, 1)];
        assert!(
            cell.modifier.contains(Modifier::REVERSED),
            "cell ({x}, 1) {:?} of the selected row is not reversed",
            cell.symbol()
        );
    }
    // Rows differ in height: the next row starts under every line of the selected one.
    let placed = personas::app::rows::placed(
        &state,
        personas::model::Column::Users,
        &personas::ui::layout::Areas::of(&state),
    );
    let next = 1 + placed[1].y;
    for x in inner {
        assert!(
            !buf[(x, next)].modifier.contains(Modifier::REVERSED),
            "cell ({x}, {next}) of an unselected row is reversed"
        );
    }
    // Moving down moves the highlight with it.
    let (terminal, _) = drive(example(), 120, 40, typed("j"));
    let buf = terminal.backend().buffer();
    assert!(!buf[(5, 1)].modifier.contains(Modifier::REVERSED));
    assert!(buf[(5, next)].modifier.contains(Modifier::REVERSED));
}

// ---------------------------------------------------------------------------------------------
// Forms, overlays and prompts

#[test]
fn edit_form_user_persona_120x40() {
    let text = shot(120, 40, vec![key(KeyCode::Enter)]);
    assert!(text.contains("The Employee"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn edit_form_buyer_persona_120x40() {
    let (terminal, state) = drive(
        example(),
        120,
        40,
        vec![key(KeyCode::Tab), key(KeyCode::Tab), key(KeyCode::Enter)],
    );
    assert_eq!(state.column, Column::Buyers);
    assert!(matches!(state.mode, Mode::Form(_)));
    let text = text_of(&terminal);
    assert!(text.contains("Executive Leadership"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn new_persona_form_120x40() {
    let text = shot(120, 40, typed("p"));
    assert!(text.contains("new persona in Users"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn help_overlay_120x40() {
    let text = shot(120, 40, typed("?"));
    assert!(text.contains("help"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn quit_prompt_80x24() {
    // j: onto the first goal; J: move it down (a change); q: quit asks.
    let (terminal, state) = drive(example(), 80, 24, typed("jJq"));
    assert!(state.modified());
    assert!(matches!(state.mode, Mode::Prompt(_)));
    let text = text_of(&terminal);
    assert!(text.contains("save and quit"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn delete_with_links_prompt_120x40() {
    // j: onto "Log every customer call…", which supports a Sales goal.
    let (terminal, state) = drive(example(), 120, 40, typed("jd"));
    assert!(matches!(state.mode, Mode::Prompt(_)));
    let text = text_of(&terminal);
    assert!(text.contains("Delete goal"), "{text}");
    insta::assert_snapshot!(text);
}

// ---------------------------------------------------------------------------------------------
// Small terminals

#[test]
fn too_small_50x10() {
    let text = shot(50, 10, vec![]);
    assert!(text.contains("too small"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn tiny_terminals_never_panic() {
    for (w, h) in [
        (1, 1),
        (2, 2),
        (10, 3),
        (1, 40),
        (200, 1),
        (59, 24),
        (80, 11),
    ] {
        // Every screen the app can show, drawn at this size.
        for keys in ["", "?", "p", "jd", "jJq", "i", "2", "3", "j "] {
            let (terminal, _) = drive(example(), w, h, typed(keys));
            let text = text_of(&terminal);
            if w >= 10 && h >= 3 {
                let flat = text.replace('\n', " ");
                assert!(
                    flat.contains("too small"),
                    "{w}×{h} after {keys:?}:\n{text}"
                );
            }
        }
    }
}

#[test]
fn smallest_board_60x12() {
    let text = shot(60, 12, vec![]);
    assert!(!text.contains("too small"), "{text}");
    insta::assert_snapshot!(text);
}

// ---------------------------------------------------------------------------------------------
// Detail pane, chains, focus and the other views

#[test]
fn detail_pane_department_goal_120x40() {
    // Tab: Departments; j: its first goal ("Grow new revenue…"); i: details.
    let mut events = vec![key(KeyCode::Tab)];
    events.extend(typed("ji"));
    let (terminal, state) = drive(example(), 120, 40, events);
    assert!(state.detail);
    let text = text_of(&terminal);
    assert!(text.contains("supports"), "{text}");
    assert!(text.contains("supported by"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn chain_highlighted_on_department_goal_120x40() {
    let mut events = vec![key(KeyCode::Tab)];
    events.extend(typed("j"));
    let (terminal, state) = drive(example(), 120, 40, events);
    let selected = state
        .selected_goal_id()
        .expect("a goal is selected")
        .to_string();
    let ws = state.doc.workspace();
    let goal = ws
        .goals()
        .find(|(_, _, g)| g.id == selected)
        .map(|(_, _, g)| g.clone())
        .expect("selected goal exists");
    let rows = rows(terminal.backend().buffer());
    let text_of_goal = |id: &str| {
        ws.goals()
            .find(|(_, _, g)| g.id == id)
            .map(|(_, _, g)| g.text.clone())
            .expect("goal exists")
    };
    // Cut to what fits in a column, so the row can be found.
    let short = |t: &str| t.chars().take(20).collect::<String>();
    let mut linked: Vec<String> = goal.supports.clone();
    linked.extend(
        ws.goals()
            .filter(|(_, _, g)| g.supports.contains(&selected))
            .map(|(_, _, g)| g.id.clone()),
    );
    assert!(
        linked.len() >= 2,
        "the example's first Sales goal links both ways"
    );
    for id in &linked {
        let t = short(&text_of_goal(id));
        let y = row_with(&rows, &t);
        let row = &rows[y];
        // The goal's own cell: the ◆ sits just before its text in the same column.
        let at = row.find(&t).expect("found above");
        assert!(
            row[..at].ends_with("◆ "),
            "goal {id:?} is one link away and should be marked ◆:\n{row}"
        );
    }
    // A department goal's chain is all one link away: nothing is two links away from it.
    let text = rows.join("\n");
    assert!(!text.contains('◇'), "{text}");
    // Siblings in the same column are never marked.
    for (c, _, g) in ws.goals() {
        if c == Column::Departments && g.id != selected {
            let t = short(&g.text);
            let y = row_with(&rows, &t);
            let col = &rows[y];
            let third: String = col.chars().skip(40).take(40).collect();
            if third.contains(&t) {
                assert!(
                    !third.contains('◆') && !third.contains('◇'),
                    "sibling department goal {:?} is marked:\n{third}",
                    g.id
                );
            }
        }
    }
    insta::assert_snapshot!(text_of(&terminal));
}

#[test]
fn chain_of_a_user_goal_marks_buyers_as_two_links_away() {
    // j: the first user goal, "Log every customer call…" → sales-new-revenue → buyers.
    let (terminal, state) = drive(example(), 120, 40, typed("j"));
    let ws = state.doc.workspace();
    let selected = state.selected_goal_id().expect("a goal").to_string();
    let (_, _, goal) = ws
        .goals()
        .find(|(_, _, g)| g.id == selected)
        .expect("exists");
    let rows = rows(terminal.backend().buffer());
    let mut two_away = Vec::new();
    for dept in &goal.supports {
        let (_, _, d) = ws.goals().find(|(_, _, g)| g.id == *dept).expect("exists");
        two_away.extend(d.supports.iter().cloned());
    }
    assert!(!two_away.is_empty());
    for id in two_away {
        let (_, _, g) = ws.goals().find(|(_, _, g)| g.id == id).expect("exists");
        let t: String = g.text.chars().take(20).collect();
        let row = &rows[row_with(&rows, &t)];
        let at = row.find(&t).expect("found");
        assert!(
            row[..at].ends_with("◇ "),
            "buyer goal {id:?} is two links away and should be marked ◇:\n{row}"
        );
    }
}

#[test]
fn focus_mode_120x40() {
    let mut events = vec![key(KeyCode::Tab)];
    events.extend(typed("jf"));
    let (terminal, state) = drive(example(), 120, 40, events);
    assert!(state.focus);
    insta::assert_snapshot!(text_of(&terminal));
}

#[test]
fn chains_view_120x40() {
    insta::assert_snapshot!(shot(120, 40, typed("2")));
}

#[test]
fn gaps_view_120x40() {
    insta::assert_snapshot!(shot(120, 40, typed("3")));
}

// ---------------------------------------------------------------------------------------------
// Untrusted text: wide characters and control characters

fn goal(id: &str, text: &str, supports: &[&str]) -> Goal {
    Goal {
        id: id.into(),
        text: text.into(),
        why: format!("why {text}"),
        metric: "m".into(),
        supports: supports.iter().map(|s| (*s).to_string()).collect(),
        ..Goal::default()
    }
}

/// A workspace with a CJK + emoji name and a name carrying a terminal title escape sequence.
fn tricky() -> Workspace {
    let mut ws = Workspace {
        title: "tricky".into(),
        ..Workspace::default()
    };
    ws.columns[0] = vec![Persona {
        id: "sales-team".into(),
        name: "営業部 🚀 Team".into(),
        role: "現場の担当者 👩‍💼".into(),
        kind: Some(Kind::RoleBased),
        goals: vec![
            goal("u1", "毎日の報告を五分で終える 📈📈📈📈📈📈📈📈", &["d1"]),
            goal("u2", "plain goal", &["d1"]),
        ],
        ..Persona::default()
    }]
    .into_iter()
    .map(std::sync::Arc::new)
    .collect();
    ws.columns[1] = vec![Persona {
        id: "evil".into(),
        name: "\u{1b}]0;pwned\u{7}".into(),
        role: "bell\u{7}and\u{1b}[2Jclear".into(),
        summary: "line one\u{1b}[31m red\nline two".into(),
        goals: vec![goal("d1", "tab\there\u{1b}[1m bold", &["b1"])],
        ..Persona::default()
    }]
    .into_iter()
    .map(std::sync::Arc::new)
    .collect();
    ws.columns[2] = vec![Persona {
        id: "buyer".into(),
        name: "買い手 🧾".into(),
        kind: Some(Kind::Methodical),
        goals: vec![goal("b1", "全角テキストで十分に長い目標の文章です", &[])],
        ..Persona::default()
    }]
    .into_iter()
    .map(std::sync::Arc::new)
    .collect();
    ws
}

/// Every row is exactly as wide as the terminal (wide characters did not shift the columns),
/// and no cell holds a raw control character.
fn assert_clean_and_aligned(buf: &Buffer, what: &str) {
    let width = usize::from(buf.area.width);
    for (y, row) in rows(buf).iter().enumerate() {
        assert_eq!(
            row.width(),
            width,
            "{what}: row {y} is {} cells wide, not {width}:\n{row}",
            row.width()
        );
    }
    for (i, cell) in buf.content.iter().enumerate() {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "{what}: cell {i} holds a control character {:?}",
            cell.symbol()
        );
    }
}

#[test]
fn wide_and_control_characters_on_the_board() {
    for (w, h) in [(120, 40), (80, 24), (61, 12)] {
        let (terminal, _) = drive(tricky(), w, h, vec![]);
        let buf = terminal.backend().buffer();
        assert_clean_and_aligned(buf, &format!("board {w}×{h}"));
        let text = screen(buf);
        assert!(text.contains("␛]0;pwned␇"), "{w}×{h}:\n{text}");
        // Every column starts in the same place on every row of the board body: no wide
        // character runs over into the next column (that would hide its first cell).
        let body = rows(buf);
        let cells = shown_cells(buf);
        let starts: Vec<u16> = personas::ui::layout::Areas::new((w, h), false)
            .columns
            .iter()
            .map(|r| r.x)
            .collect();
        for (y, row) in body.iter().enumerate().take(usize::from(h) - 3).skip(1) {
            for x in &starts {
                assert!(
                    cells[y].iter().any(|(cx, _)| cx == x),
                    "{w}×{h}: misaligned row at x {x}\n{row}"
                );
            }
        }
    }
    let (terminal, _) = drive(tricky(), 120, 40, vec![]);
    insta::assert_snapshot!(text_of(&terminal));
}

#[test]
fn wide_and_control_characters_in_detail_form_and_prompt() {
    let screens: [(&str, Vec<Event>); 7] = [
        ("detail of the CJK persona", typed("i")),
        ("detail of the CJK goal", typed("ji")),
        ("detail of the escape persona", {
            let mut e = vec![key(KeyCode::Tab)];
            e.extend(typed("i"));
            e
        }),
        ("detail of the escape goal", {
            let mut e = vec![key(KeyCode::Tab)];
            e.extend(typed("ji"));
            e
        }),
        (
            "form of the escape persona",
            vec![key(KeyCode::Tab), key(KeyCode::Enter)],
        ),
        ("form of the escape goal", {
            let mut e = vec![key(KeyCode::Tab)];
            e.extend(typed("j"));
            e.push(key(KeyCode::Enter));
            e
        }),
        ("delete prompt of the escape persona", {
            let mut e = vec![key(KeyCode::Tab)];
            e.extend(typed("d"));
            e
        }),
    ];
    for (what, events) in screens {
        let (terminal, _) = drive(tricky(), 120, 40, events);
        let buf = terminal.backend().buffer();
        assert_clean_and_aligned(buf, what);
    }
    // The same screens in the Chains and Gaps views.
    for view in ["2", "3"] {
        let (terminal, _) = drive(tricky(), 120, 40, typed(view));
        assert_clean_and_aligned(terminal.backend().buffer(), view);
    }
}

#[test]
fn escape_persona_form_120x40() {
    let (terminal, _) = drive(
        tricky(),
        120,
        40,
        vec![key(KeyCode::Tab), key(KeyCode::Enter)],
    );
    insta::assert_snapshot!(text_of(&terminal));
}

/// The style of the first cell of `needle` on the screen (every cell before it is one wide).
fn style_at(buf: &Buffer, needle: &str) -> ratatui::style::Style {
    let rows = rows(buf);
    let y = row_with(&rows, needle);
    let at = rows[y].find(needle).expect("found");
    let x = u16::try_from(rows[y][..at].chars().count()).expect("fits");
    buf[(x, u16::try_from(y).expect("fits"))].style()
}

#[test]
fn focus_mode_dims_what_is_off_the_chain() {
    let mut events = vec![key(KeyCode::Tab)];
    events.extend(typed("jf"));
    let (terminal, _) = drive(example(), 120, 40, events);
    let buf = terminal.backend().buffer();
    let dim = style_at(buf, "Spot upsell chances");
    let on_chain = style_at(buf, "Log every customer call");
    let sibling = style_at(buf, "Win more deals");
    assert_ne!(
        dim, on_chain,
        "off-chain and on-chain goals look the same in focus mode"
    );
    assert_eq!(dim, sibling, "both off-chain goals are dimmed alike");
    // Without focus, the same off-chain goal is not dimmed.
    let mut events = vec![key(KeyCode::Tab)];
    events.extend(typed("j"));
    let (terminal, _) = drive(example(), 120, 40, events);
    assert_ne!(
        style_at(terminal.backend().buffer(), "Spot upsell chances"),
        dim
    );
}

// ---------------------------------------------------------------------------------------------
// Multi-line fields in the edit form

/// Tab from Name to Pains in a user persona's form: Name, Role, Kind, Summary, Pains.
fn to_pains() -> Vec<Event> {
    let mut events = vec![key(KeyCode::Enter)];
    events.extend(std::iter::repeat_n(key(KeyCode::Tab), 4));
    events
}

#[test]
fn form_shows_each_list_item_on_its_own_line() {
    let (terminal, _) = drive(example(), 120, 40, to_pains());
    let text = text_of(&terminal);
    assert!(!text.contains('␊'), "a newline is drawn as ␊:\n{text}");
    let rows: Vec<&str> = text.lines().collect();
    for item in [
        "Double entry between email and CRM",
        "Admin eats the evenings after customer visits",
        "Hard to see which accounts are ready to buy more",
    ] {
        assert!(
            rows.iter().any(|r| r.contains(item)),
            "pain {item:?} is not on a line of its own:\n{text}"
        );
    }
}

#[test]
fn editing_a_list_field_keeps_its_items() {
    let mut events = to_pains();
    events.extend(typed("x"));
    events.push(Event::Key(KeyEvent::new(
        KeyCode::Char('s'),
        KeyModifiers::CONTROL,
    )));
    let (_, state) = drive(example(), 120, 40, events);
    assert!(matches!(state.mode, Mode::Normal), "the form was saved");
    let pains = &state.doc.workspace().column(Column::Users)[0].pains;
    assert_eq!(
        pains,
        &[
            "Double entry between email and CRM",
            "Admin eats the evenings after customer visits",
            "Hard to see which accounts are ready to buy morex",
        ]
    );
}

#[test]
fn pasted_control_characters_are_not_drawn_raw_in_the_form() {
    let mut events = typed("p");
    events.push(Event::Paste("\u{1b}]0;pwned\u{7} name".into()));
    let (terminal, _) = drive(example(), 120, 40, events);
    assert_clean_and_aligned(terminal.backend().buffer(), "form after a paste");
}

#[test]
fn search_list_120x40() {
    let mut events = typed("/");
    events.extend(typed("call"));
    let (terminal, state) = drive(example(), 120, 40, events);
    assert!(matches!(state.mode, Mode::Search(_)));
    let text = text_of(&terminal);
    assert!(text.contains("/ call"), "{text}");
    // The matched letters are highlighted (underlined) in the first hit.
    let buf = terminal.backend().buffer();
    let underlined: String = buf
        .content
        .iter()
        .filter(|c| c.modifier.contains(Modifier::UNDERLINED))
        .map(|c| c.symbol())
        .collect();
    assert!(underlined.contains("call"), "{underlined}");
    insta::assert_snapshot!(text);
}
