//! The room under load (SPEC §8 and §11): the real binary in a pseudo-terminal on a
//! workshop-sized board (600 goals), the room open on loopback, 200 event-stream clients
//! connected, and 50 proposals a second for 10 seconds from 25 of them while keys are typed in
//! the app. Every proposal arrives exactly once (its 201, the journal, each sender's
//! `state.json`, the status bar), the 200 streams stay connected and carry the changes, every
//! key shows its effect, and the app's memory stays within 2× of the same app before the room
//! opened.
//!
//! The bounds are generous (a busy 2-core machine runs these tests): the figures a person
//! would notice — each key's delay, a post's answer, the delay from a change in the app to the
//! last of the 200 pages, the memory — are printed (`cargo test --test room_load --
//! --nocapture`); the frame budget itself is shown by `cargo bench --bench room`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::net::{Shutdown, TcpStream};
use std::sync::{Arc, Mutex, OnceLock, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use common::http::{EventStream, Participant};
use common::pty::{CTRL_S, Place, Session, timeout};
use personas::model::Column;
use personas::model::generate::{Size, generate};
use serde_json::Value;

/// Event streams connected, one participant each.
const STREAMS: usize = 200;
/// Proposals a second, for [`SECONDS`].
const RATE: u64 = 50;
const SECONDS: u64 = 10;
const PROPOSALS: usize = (RATE * SECONDS) as usize;
/// Threads posting, each for [`PER_THREAD`] participants (one participant may send 30
/// proposals a minute: 25 participants send 20 each).
const POSTING_THREADS: usize = 5;
const PER_THREAD: usize = 5;
const POSTERS: usize = POSTING_THREADS * PER_THREAD;
/// A reader thread needs little stack: it only decodes bytes into events.
const READER_STACK: usize = 64 * 1024;

/// The text of the highlighted (reverse video) cells: the selected goal on the board, the
/// selected line in view 4.
fn selected(s: &Session) -> String {
    s.with_screen(|screen| {
        let (rows, cols) = screen.size();
        let mut text = String::new();
        for row in 0..rows {
            for col in 0..cols {
                if let Some(cell) = screen.cell(row, col)
                    && cell.inverse()
                {
                    text.push_str(cell.contents());
                }
            }
        }
        text.trim().to_string()
    })
}

/// `field` of `/proc/PID/status` (`VmRSS`, `VmHWM`), in KiB.
fn memory_kib(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/{pid}/status"))
}

fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

/// The median and the maximum.
fn spread(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    (times[times.len() / 2], *times.last().expect("some times"))
}

/// What one stream's reader saw.
#[derive(Default)]
struct Seen {
    events: usize,
    /// The data of the last `room` event (this participant's proposals).
    last_room: Option<String>,
    /// When a `persona` event carrying the marker arrived.
    marker_at: Option<Instant>,
    /// The stream ended (or failed, with why).
    ended: Option<String>,
}

/// An event-stream client on a thread of its own, reading until its socket is shut down.
struct Reader {
    cookie: String,
    seen: Arc<Mutex<Seen>>,
    socket: TcpStream,
    thread: thread::JoinHandle<()>,
}

fn connect(url: &str, marker: &Arc<OnceLock<String>>) -> Reader {
    let mut stream = EventStream::open(url, None).unwrap_or_else(|e| panic!("a stream: {e}"));
    let cookie = stream
        .cookie
        .clone()
        .expect("the stream's answer sets a cookie");
    let socket = stream.handle();
    let seen = Arc::new(Mutex::new(Seen::default()));
    let (mine, marker) = (seen.clone(), marker.clone());
    let thread = thread::Builder::new()
        .name("stream reader".into())
        .stack_size(READER_STACK)
        .spawn(move || {
            loop {
                let next = stream.next();
                let mut seen = mine.lock().expect("seen");
                match next {
                    Ok(Some(event)) => {
                        seen.events += 1;
                        if event.name == "room" {
                            seen.last_room = Some(event.data);
                        } else if event.name == "persona"
                            && seen.marker_at.is_none()
                            && marker
                                .get()
                                .is_some_and(|m| event.data.contains(m.as_str()))
                        {
                            seen.marker_at = Some(Instant::now());
                        }
                    }
                    Ok(None) => {
                        seen.ended = Some("the server ended it".into());
                        return;
                    }
                    Err(e) => {
                        seen.ended = Some(e.to_string());
                        return;
                    }
                }
            }
        })
        .expect("a reader thread");
    Reader {
        cookie,
        seen,
        socket,
        thread,
    }
}

/// One proposal sent: its number, status, id and how long its answer took.
struct Sent {
    n: usize,
    poster: usize,
    status: u16,
    id: Option<u64>,
    took: Duration,
}

fn text_of(n: usize) -> String {
    format!("Load proposal #{n:03} from the floor")
}

/// Posting thread `t`: proposal `k` of it is number `k × threads + t`, due at 20 ms steps from
/// `start` (so all threads together send 50 a second), from its participants in turn.
fn post(url: String, t: usize, cookies: Vec<String>, start: Instant) -> Vec<Sent> {
    let mut people: Vec<Participant> = cookies
        .into_iter()
        .map(|c| {
            let mut p = Participant::new(&url);
            p.cookie = Some(c);
            p
        })
        .collect();
    let per_thread = PROPOSALS / POSTING_THREADS;
    let step = Duration::from_secs(1) / RATE as u32;
    let mut sent = Vec::with_capacity(per_thread);
    for k in 0..per_thread {
        let n = k * POSTING_THREADS + t;
        let due = start + step * n as u32;
        if let Some(wait) = due.checked_duration_since(Instant::now()) {
            thread::sleep(wait);
        }
        let who = k % people.len();
        let body = format!(
            r#"{{"column":"users","text":"{}","why":"heard in the room","author":"Poster {}"}}"#,
            text_of(n),
            t * PER_THREAD + who
        );
        let began = Instant::now();
        let reply = people[who].post_json("/proposals", &body);
        let id = serde_json::from_str::<Value>(&reply.body)
            .ok()
            .and_then(|v| v["id"].as_u64());
        sent.push(Sent {
            n,
            poster: t * PER_THREAD + who,
            status: reply.status,
            id,
            took: began.elapsed(),
        });
    }
    sent
}

/// Polls `done` every millisecond until it holds or the harness's timeout passes: the time of
/// a key's effect to the millisecond (the harness's own waits look every 20 ms; they follow, to
/// check and record the effect).
fn soon(s: &Session, mut done: impl FnMut(&Session) -> bool) {
    let began = Instant::now();
    while !done(s) && began.elapsed() < timeout() {
        thread::sleep(Duration::from_millis(1));
    }
}

/// Text without its spaces (a goal wraps over rows of the board).
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What a key should highlight, whole: the screen is read while the app writes a frame, so a
/// highlight half drawn must not pass for the key's effect.
#[derive(Clone)]
enum Highlight {
    /// A goal on the board: `• TEXT ↑N` (its links after the text), wrapped over rows.
    Goal(String),
    /// A line of view 4, exactly.
    Line(String),
}

impl Highlight {
    fn shown(&self, s: &Session) -> bool {
        let now = selected(s);
        match self {
            Highlight::Goal(text) => squash(&now)
                .strip_prefix(&squash(&format!("• {text}")))
                .is_some_and(|rest| {
                    rest.starts_with('↑') && !rest.chars().any(char::is_alphabetic)
                }),
            Highlight::Line(line) => now == *line,
        }
    }
}

impl std::fmt::Display for Highlight {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Highlight::Goal(text) => write!(f, "the goal {text:?} highlighted"),
            Highlight::Line(line) => write!(f, "the line {line:?} highlighted"),
        }
    }
}

/// Sends `key` and waits until `then` is highlighted (and `text` shows, if given, new);
/// returns how long that took.
fn timed(s: &mut Session, key: &str, text: Option<&str>, then: &Highlight) -> Duration {
    if let Some(text) = text {
        assert!(!s.screen().contains(text), "{text:?} is on screen already");
    }
    assert!(
        !then.shown(s),
        "{then} before {key:?}: the key would prove nothing"
    );
    let done = |s: &Session| text.is_none_or(|t| s.screen().contains(t)) && then.shown(s);
    let began = Instant::now();
    s.send(key);
    soon(s, done);
    let took = began.elapsed();
    s.wait_until(&format!("{then} after {key:?}"), done);
    took
}

/// The first two proposals of view 4, as their lines read (between the list's borders).
fn first_two_lines(s: &Session) -> [Highlight; 2] {
    let rows = s.rows();
    let lines: Vec<&str> = rows
        .iter()
        .filter(|r| r.contains("[waiting]"))
        .filter_map(|r| r.split('│').nth(1))
        .map(str::trim)
        .take(2)
        .collect();
    assert_eq!(lines.len(), 2, "two proposals in view 4:\n{}", s.screen());
    [
        Highlight::Line(lines[0].to_string()),
        Highlight::Line(lines[1].to_string()),
    ]
}

#[test]
fn two_hundred_streams_and_fifty_proposals_a_second_while_typing() {
    let began = Instant::now();
    let place = Place::new();
    let ws = generate(Size::S, 1);
    personas::store::save(&place.path("workshop.ron"), &ws).expect("save");
    let mut s = place.spawn(&["workshop.ron", "--room-address", "127.0.0.1:0"], 40, 120);
    s.wait_for("Users 40 ·");
    // The first user persona's first two goals: j and k move between them.
    let goals = &ws.column(Column::Users)[0].goals;
    let [first_goal, second_goal] = [0, 1].map(|g| Highlight::Goal(goals[g].text.clone()));
    timed(&mut s, "j", None, &first_goal);
    let pid = s.pid();
    let without_room = memory_kib(pid, "VmRSS");

    // The room, and 200 pages following it.
    s.press("R", "open at http://127.0.0.1:");
    let url = s.room_url("open at ");
    s.wait_for("Room — proposals from phones");
    let marker: Arc<OnceLock<String>> = Arc::default();
    let connecting = Instant::now();
    let readers: Vec<Reader> = (0..STREAMS).map(|_| connect(&url, &marker)).collect();
    s.wait_for(&format!("room open · {STREAMS} people · 0 proposals"));
    let connected = connecting.elapsed();

    // 50 proposals a second for 10 s from 25 of the participants, while keys are typed.
    let start = Instant::now() + Duration::from_millis(100);
    let (done_tx, done) = mpsc::channel();
    let posting: Vec<_> = (0..POSTING_THREADS)
        .map(|t| {
            let cookies = readers[t * PER_THREAD..(t + 1) * PER_THREAD]
                .iter()
                .map(|r| r.cookie.clone())
                .collect();
            let (url, done_tx) = (url.clone(), done_tx.clone());
            thread::spawn(move || {
                let sent = post(url, t, cookies, start);
                let _ = done_tx.send(());
                sent
            })
        })
        .collect();
    drop(done_tx);
    // Three, so the first two are drawn whole.
    s.wait_until("three proposals in view 4", |s| {
        s.screen().matches("[waiting]").count() >= 3
    });
    let [first_line, second_line] = first_two_lines(&s);
    s.wait_until("view 4 on its first proposal", |s| first_line.shown(s));
    let mut keys: BTreeMap<&str, Vec<Duration>> = BTreeMap::new();
    let mut finished = 0;
    while finished < POSTING_THREADS {
        let mut note = |what, took| keys.entry(what).or_default().push(took);
        note("view 4: j / k", timed(&mut s, "j", None, &second_line));
        note("view 4: j / k", timed(&mut s, "k", None, &first_line));
        note(
            "1: the board",
            timed(&mut s, "1", Some("Users 40 ·"), &first_goal),
        );
        note("board: j / k", timed(&mut s, "j", None, &second_goal));
        note("board: j / k", timed(&mut s, "k", None, &first_goal));
        let room = Some("Room — proposals from phones");
        note("4: the Room view", timed(&mut s, "4", room, &first_line));
        finished += done.try_iter().count();
    }
    let sent: Vec<Sent> = posting
        .into_iter()
        .flat_map(|t| t.join().expect("a posting thread"))
        .collect();
    let posted_in = start.elapsed();

    // Every proposal taken once: 201 and an id of its own each.
    assert_eq!(sent.len(), PROPOSALS);
    let refused: Vec<_> = sent.iter().filter(|p| p.status != 201).collect();
    assert!(
        refused.is_empty(),
        "{} proposals were not taken, e.g. #{} answered {}",
        refused.len(),
        refused[0].n,
        refused[0].status
    );
    let ids: BTreeSet<u64> = sent.iter().filter_map(|p| p.id).collect();
    assert_eq!(ids.len(), PROPOSALS, "each 201 names an id of its own");

    // The app counts them all, with everyone still connected.
    s.wait_until("the status bar to say 500 proposals", |s| {
        s.screen().contains(&format!(
            "room open · {STREAMS} people · {PROPOSALS} proposals"
        ))
    });

    // The journal holds each exactly once.
    let rooms = place.data_dir().join("personas").join("rooms");
    let mut journal = Value::Null;
    s.wait_until("the journal to hold 500 proposals", |_| {
        journal = std::fs::read_dir(&rooms)
            .ok()
            .and_then(|mut d| d.next())
            .and_then(|e| e.ok())
            .and_then(|e| std::fs::read(e.path()).ok())
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or(Value::Null);
        journal["proposals"]
            .as_array()
            .is_some_and(|p| p.len() >= PROPOSALS)
    });
    let kept = journal["proposals"].as_array().expect("proposals");
    assert_eq!(kept.len(), PROPOSALS, "no proposal twice in the journal");
    let kept_ids: BTreeSet<u64> = kept.iter().filter_map(|p| p["id"].as_u64()).collect();
    assert_eq!(kept_ids, ids, "the journal's ids are the ids answered");
    let kept_texts: BTreeSet<&str> = kept.iter().filter_map(|p| p["text"].as_str()).collect();
    let sent_texts: BTreeSet<String> = (0..PROPOSALS).map(text_of).collect();
    assert_eq!(
        kept_texts,
        sent_texts
            .iter()
            .map(String::as_str)
            .collect::<BTreeSet<_>>()
    );

    // Each sender's state.json lists its own proposals, each once; so does its stream.
    let mut theirs: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for p in &sent {
        theirs.entry(p.poster).or_default().push(text_of(p.n));
    }
    assert_eq!(theirs.len(), POSTERS);
    let texts = |v: &Value| -> Vec<String> {
        let mut t: Vec<String> = v["proposals"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|p| p["text"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        t.sort();
        t
    };
    for (poster, mine) in &mut theirs {
        mine.sort();
        let mut p = Participant::new(&url);
        p.cookie = Some(readers[*poster].cookie.clone());
        let state = p.get("/state.json");
        assert_eq!(state.status, 200, "{}", state.body);
        let state: Value = serde_json::from_str(&state.body).expect("state.json is JSON");
        assert_eq!(&texts(&state["room"]), mine, "poster {poster}'s state.json");
    }
    s.wait_until("each sender's stream to list its proposals", |_| {
        theirs.iter().all(|(poster, mine)| {
            readers[*poster]
                .seen
                .lock()
                .expect("seen")
                .last_room
                .as_deref()
                .and_then(|r| serde_json::from_str::<Value>(r).ok())
                .is_some_and(|room| texts(&room) == *mine)
        })
    });

    // A change in the app reaches all 200 pages: the selected proposal taken onto the board.
    let taken = selected(&s);
    s.press("\r", "new goal for");
    let n = taken
        .split("Load proposal #")
        .nth(1)
        .and_then(|t| t.get(..3))
        .unwrap_or_else(|| panic!("the form holds a load proposal: {taken:?}\n{}", s.screen()));
    let text = format!("Load proposal #{n} from the floor");
    marker.set(text.clone()).expect("the marker is set once");
    let committed = Instant::now();
    s.press(CTRL_S, "[taken]");
    s.wait_until("all 200 pages to show the goal taken", |_| {
        readers
            .iter()
            .all(|r| r.seen.lock().expect("seen").marker_at.is_some())
    });
    let delays: Vec<Duration> = readers
        .iter()
        .filter_map(|r| r.seen.lock().expect("seen").marker_at)
        .map(|at| at.saturating_duration_since(committed))
        .collect();

    // Still connected, all of them.
    for (i, r) in readers.iter().enumerate() {
        let seen = r.seen.lock().expect("seen");
        assert!(seen.ended.is_none(), "stream {i} ended: {:?}", seen.ended);
        assert!(seen.events >= 2, "stream {i} got {} events", seen.events);
    }
    assert!(
        s.screen()
            .contains(&format!("room open · {STREAMS} people")),
        "{}",
        s.screen()
    );

    // Memory: the room with 200 pages and 500 proposals against the app before it opened.
    let with_room = memory_kib(pid, "VmRSS");
    let peak = memory_kib(pid, "VmHWM");
    for r in &readers {
        let _ = r.socket.shutdown(Shutdown::Both);
    }

    let (post_median, post_max) = spread(sent.iter().map(|p| p.took).collect());
    let (change_median, change_max) = spread(delays);
    println!(
        "FIGURE room load: {STREAMS} streams connected in {}",
        ms(connected)
    );
    println!(
        "FIGURE room load: {PROPOSALS} proposals posted in {} (answer median {}, max {})",
        ms(posted_in),
        ms(post_median),
        ms(post_max)
    );
    let mut worst = Duration::ZERO;
    for (what, times) in &keys {
        let (median, max) = spread(times.clone());
        worst = worst.max(max);
        println!(
            "FIGURE room load: key {what}: {} keys, effect on screen median {}, max {}",
            times.len(),
            ms(median),
            ms(max)
        );
    }
    println!("FIGURE room load: worst key {}", ms(worst));
    println!(
        "FIGURE room load: a goal taken in the app on all {STREAMS} pages: median {}, last {}",
        ms(change_median),
        ms(change_max)
    );
    println!(
        "FIGURE room load: memory (VmRSS) without the room {}, with it and {STREAMS} pages {} \
         ({:.2}×; peak {})",
        mib(without_room),
        mib(with_room),
        with_room as f64 / without_room as f64,
        mib(peak)
    );
    println!("FIGURE room load: the whole test {}", ms(began.elapsed()));
    assert!(worst < timeout(), "a key waited {}", ms(worst));
    assert!(
        with_room <= 2 * without_room,
        "the app with the room and {STREAMS} pages uses {} against {} without: over 2×",
        mib(with_room),
        mib(without_room)
    );
    for r in readers {
        r.thread.join().expect("a reader thread");
    }
}
