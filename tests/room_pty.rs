//! The room end to end (SPEC §11): the real binary in a pseudo-terminal with the room open on
//! loopback, and participants played by plain HTTP requests. A proposal arrives in view 4, Enter
//! and Ctrl-s put it in the file and its sender sees "taken"; a vote round with three voters
//! gives the board's `●` and the file's `votes`; after a `kill -9` with proposals waiting and a
//! round open, opening the file again brings them all back.

mod common;

use common::http::Participant;
use common::pty::{Place, Session};

/// `--room` on loopback, any free port (a taken one moves to the next, said on screen).
const LOOPBACK: &str = "127.0.0.1:0";

/// The room's address once the screen says it (`open at http://127.0.0.1:PORT/CODE`).
fn address(s: &Session) -> String {
    s.wait_for("open at http://127.0.0.1:");
    s.room_url("open at ")
}

/// `personas example.ron --room` on loopback at 120×40, and the room's address once it shows.
fn open_room(place: &Place) -> (Session, String) {
    let s = place.spawn(
        &["example.ron", "--room", "--room-address", LOOPBACK],
        40,
        120,
    );
    let url = address(&s);
    (s, url)
}

fn propose(p: &mut Participant, persona: &str, text: &str) {
    let body = format!(
        r#"{{"column":"users","persona":"{persona}","text":"{text}","why":"so the room says so","author":"Ana"}}"#
    );
    let reply = p.post_json("/proposals", &body);
    assert_eq!(reply.status, 201, "{}", reply.body);
}

fn vote(p: &mut Participant, goal: &str) {
    let reply = p.post_json("/votes", &format!(r#"{{"goal":"{goal}","dot":"add"}}"#));
    assert_eq!(reply.status, 200, "{}", reply.body);
}

#[test]
fn a_proposal_taken_in_view_4_is_saved_and_its_sender_sees_taken() {
    let place = Place::new();
    let file = place.example("example.ron");
    let (mut s, url) = open_room(&place);
    s.wait_for("room open · 0 people · 0 proposals");
    let mut ana = Participant::new(&url);
    propose(&mut ana, "manager", "Coach from real calls");
    s.wait_for("[waiting] Ana → users · The Manager: Coach from real calls");
    s.wait_for("room open · 0 people · 1 proposal]");
    s.press("\r", "new goal for The Manager");
    s.press("\x13", "[taken] Ana → users · The Manager");
    s.press("\x13", "saved");
    let saved = std::fs::read_to_string(&file).expect("read the file");
    assert!(saved.contains("text: \"Coach from real calls\""), "{saved}");
    let state = ana.get("/state.json");
    assert_eq!(state.status, 200);
    assert!(
        state.body.contains(r#""state":"taken""#),
        "the sender's proposal is not taken: {}",
        state.body
    );
}

#[test]
fn a_vote_round_with_three_voters_gives_the_dots_on_the_board_and_in_the_file() {
    let place = Place::new();
    let file = place.example("example.ron");
    let (mut s, url) = open_room(&place);
    s.press("V", "vote round: 0 voted");
    let mut voters: Vec<Participant> = (0..3).map(|_| Participant::new(&url)).collect();
    for (i, p) in voters.iter_mut().enumerate() {
        // The first answer gives the browser its cookie: one browser, one voter.
        assert_eq!(p.get("/state.json").status, 200);
        vote(p, "employee-log-calls");
        if i < 2 {
            vote(p, "exec-revenue-growth");
        }
    }
    s.wait_for("vote round: 3 voted");
    // The counts stay hidden while the round is open: not in view 4, not on the board.
    assert!(!s.screen().contains('●'), "{}", s.screen());
    s.press("1", "Users 3 ·");
    assert!(!s.screen().contains('●'), "{}", s.screen());
    s.press("4", "Vote round open: 3 voted so far");
    s.press("V", "Last vote: 2 goal(s) with dots");
    s.wait_for("●3 Log every customer call in under a minute");
    s.wait_for("●2 Grow annual revenue");
    // On the board, after the goal's text.
    s.send("1");
    s.wait_until("the board with the dots", |s| {
        let screen = s.screen();
        screen.contains("●3") && screen.contains("●2") && !screen.contains("Last vote")
    });
    s.press("\x13", "saved");
    let saved = std::fs::read_to_string(&file).expect("read the file");
    assert!(saved.contains("format: 3"), "{saved}");
    assert!(saved.contains("votes: 3"), "{saved}");
    assert!(saved.contains("votes: 2"), "{saved}");
}

#[test]
fn after_kill_9_the_waiting_proposals_and_the_open_round_come_back() {
    let place = Place::new();
    place.example("example.ron");
    let (mut s, url) = open_room(&place);
    let mut ana = Participant::new(&url);
    for i in 1..=5 {
        propose(&mut ana, "employee", &format!("Proposal number {i}"));
    }
    s.wait_for("5 proposals");
    s.press("V", "vote round: 0 voted");
    let mut bo = Participant::new(&url);
    vote(&mut ana, "employee-log-calls");
    vote(&mut bo, "employee-log-calls");
    s.wait_for("vote round: 2 voted");
    // The journal has it all on disk within a second of the answers.
    let rooms = place.data_dir().join("personas").join("rooms");
    s.wait_until(
        "the journal holds the five proposals and both voters",
        |_| {
            std::fs::read_dir(&rooms)
                .ok()
                .and_then(|mut d| d.next())
                .and_then(|e| e.ok())
                .and_then(|e| std::fs::read_to_string(e.path()).ok())
                .is_some_and(|j| {
                    j.contains("Proposal number 5") && j.matches("employee-log-calls").count() == 2
                })
        },
    );
    s.sigkill();
    let mut again = place.spawn(&["example.ron", "--room-address", LOOPBACK], 40, 120);
    // Nothing listens unasked: the app asks first.
    again.wait_for("proposals from the last room");
    again.press("r", "room open");
    again.wait_for("5 proposals · vote round: 2 voted");
    again.wait_for("[waiting] Ana → users · The Employee: Proposal number 5");
    // The same code, so phones reconnect by themselves.
    let url_again = address(&again);
    assert!(
        url_again.rsplit('/').next() == url.rsplit('/').next(),
        "{url} then {url_again}"
    );
}

#[test]
fn a_taken_port_moves_to_the_next_said_on_screen_and_r_closes_the_room_with_nobody_there() {
    let place = Place::new();
    place.example("example.ron");
    // Hold a port, so the room must move on.
    let held = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = held.local_addr().expect("its address").port();
    let asked = format!("127.0.0.1:{port}");
    let mut s = place.spawn(
        &["example.ron", "--room", "--room-address", &asked],
        40,
        120,
    );
    let url = address(&s);
    s.wait_for(&format!("(port {port} was taken)"));
    assert!(!url.contains(&format!(":{port}/")), "{url}");
    let mut ana = Participant::new(&url);
    propose(&mut ana, "", "Kept after closing");
    s.wait_for("room open · 0 people · 1 proposal]");
    // Nobody has the page open: R closes at once, and keeps the proposal.
    s.press("R", "room closed — 1 proposal(s) kept for the next room");
    let host = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .expect("host");
    assert!(
        std::net::TcpStream::connect(host).is_err(),
        "the room still listens at {host}"
    );
    assert!(
        s.screen().contains("the room is closed — R opens it"),
        "{}",
        s.screen()
    );
}

#[test]
fn a_read_only_room_shows_the_board_and_takes_no_proposal() {
    let place = Place::new();
    place.example("example.ron");
    let mut s = place.spawn(
        &[
            "example.ron",
            "--read-only",
            "--room",
            "--room-address",
            LOOPBACK,
        ],
        40,
        120,
    );
    s.wait_for("view-only room at http://127.0.0.1:");
    let screen = s.screen();
    let at = screen.find("view-only room at ").expect("the address") + "view-only room at ".len();
    let url = screen[at..]
        .split_whitespace()
        .next()
        .expect("an address")
        .to_string();
    let mut ana = Participant::new(&url);
    assert_eq!(ana.get("/state.json").status, 200);
    let reply = ana.post_json(
        "/proposals",
        r#"{"column":"users","persona":"","text":"Not here"}"#,
    );
    assert_eq!(reply.status, 403, "{}", reply.body);
    s.press("V", "read-only: cannot start");
    // Nothing is kept on disk for a read-only session.
    let rooms = place.data_dir().join("personas").join("rooms");
    assert!(
        std::fs::read_dir(&rooms).map_or(true, |mut d| d.next().is_none()),
        "{rooms:?} holds a journal"
    );
}
