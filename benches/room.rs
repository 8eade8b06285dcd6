//! The room under load (SPEC §8 and §11): the app's interactions within one frame while 200
//! pages follow the room and 50 proposals a second arrive.
//!
//! The app runs as its loop runs it — `update` of the event, the effects it asks of the room,
//! the room's poll (the workspace published when it changed, the room's data cloned into the
//! news when it moved) and the news given to `update`, then a full draw at 120×40 — on a
//! workshop-sized board (S: 3 × 40 personas × 5 goals, 600 goals) with the room open in this
//! process on loopback (its server, its journal in a temporary data directory). Meanwhile 200
//! event-stream clients read on threads of their own, and a poster sends 50 proposals a second
//! from 150 participants (30 a minute each is the room's limit); each interaction runs in a
//! room of its own that starts with 500 proposals in, so the Room view lists hundreds as in a
//! busy workshop (and once with 1,500, near the room's limit of 2,000).
//!
//! Timed: a key on the board (j/k), a key in view 4 (j/k), Enter opening the form on a
//! proposal, Ctrl-s committing it, and a turn with only the room's news (what the loop does
//! every 100 ms while the room is open). Criterion gives each a mean; then each is timed alone
//! [`SAMPLES`] times and its median, p99 and maximum are printed as `FIGURE` lines, with what
//! the load did meanwhile. Target: every interaction within one 60 Hz frame (16 ms).
//!
//! `cargo bench --bench room 2>&1 | grep FIGURE` (about a minute plus the build); `cargo bench
//! --bench room -- "view 4"` runs the interactions whose name has the words.

mod common;
#[path = "../tests/common/http.rs"]
mod http;

use std::collections::VecDeque;
use std::net::{Shutdown, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use common::*;
use criterion::{Criterion, SamplingMode};
use personas::app::{Effect, Event, Mode, State, View, update};
use personas::model::Column;
use personas::model::generate::Size;
use personas::room::ProposalState;
use personas::run::Storage;
use personas::run::writer::Writer;
use personas::store::Dirs;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyCode;

/// Event streams connected, one participant each.
const STREAMS: usize = 200;
/// Proposals a second while the interactions are timed.
const RATE: u32 = 50;
/// Participants who post, in turn (each sends one every 3 s: 20 a minute, under the limit).
const POSTERS: usize = 150;
/// Proposals in the room before timing starts: a busy workshop's.
const BEFORE: usize = 500;
/// …and a room near its limit of 2,000 (timing adds a few hundred more).
const NEAR_FULL: usize = 1500;
/// Single runs of each interaction for its median, p99 and maximum.
const SAMPLES: usize = 300;
/// A reader thread needs little stack: it only decodes bytes into events.
const READER_STACK: usize = 64 * 1024;

/// What the poster saw: each answer's status and time.
#[derive(Default)]
struct Posted {
    statuses: Vec<u16>,
    took: Vec<Duration>,
}

/// The load on the room: the readers (their sockets, to end them) and the poster.
struct Load {
    readers: Vec<(TcpStream, JoinHandle<usize>)>,
    stop: Arc<AtomicBool>,
    poster: Option<JoinHandle<Posted>>,
    since: Instant,
}

/// The app with its room open and loaded.
struct Room {
    _dir: tempfile::TempDir,
    state: State,
    storage: Storage,
    t: Terminal<TestBackend>,
    load: Load,
}

/// A proposal's body, for a users persona by id (the form opens for it).
fn proposal(n: usize, persona: &str) -> String {
    format!(
        r#"{{"column":"users","persona":"{persona}","text":"Bench proposal {n} from the floor","why":"heard in the room","metric":"","author":"Poster {}"}}"#,
        n % POSTERS
    )
}

impl Room {
    /// Opens the room on the S board, connects the streams, sends `before` proposals and
    /// starts the poster.
    fn open(before: usize) -> Room {
        let dir = tempfile::tempdir().expect("tempdir");
        let state = state(Size::S);
        let dirs = Dirs {
            config: dir.path().join("config"),
            data: dir.path().join("data"),
        };
        let mut storage = Storage::full(&state, Some(&dirs), Writer::inline());
        storage.room.settings.address = "127.0.0.1:0".parse().expect("loopback");
        let mut room = Room {
            _dir: dir,
            state,
            storage,
            t: terminal(),
            load: Load {
                readers: Vec::new(),
                stop: Arc::new(AtomicBool::new(false)),
                poster: None,
                since: Instant::now(),
            },
        };
        room.frame(ch('R'));
        let url = room
            .state
            .room
            .open
            .as_ref()
            .map(|o| o.url.clone())
            .expect("the room opens");
        let mut cookies = Vec::new();
        for _ in 0..STREAMS {
            let mut stream =
                http::EventStream::open(&url, None).unwrap_or_else(|e| panic!("a stream: {e}"));
            cookies.push(stream.cookie.clone().expect("a cookie"));
            let socket = stream.handle();
            let reader = thread::Builder::new()
                .name("stream reader".into())
                .stack_size(READER_STACK)
                .spawn(move || {
                    let mut events = 0;
                    while let Ok(Some(_)) = stream.next() {
                        events += 1;
                    }
                    events
                })
                .expect("a reader thread");
            room.load.readers.push((socket, reader));
        }
        room.wait_for("200 people on the page", |r| r.state.room.people == STREAMS);
        let personas: Vec<String> = room
            .state
            .doc
            .workspace()
            .column(Column::Users)
            .iter()
            .map(|p| p.id.clone())
            .collect();
        let mut people: Vec<http::Participant> = cookies[..POSTERS]
            .iter()
            .map(|c| {
                let mut p = http::Participant::new(&url);
                p.cookie = Some(c.clone());
                p
            })
            .collect();
        for n in 0..before {
            let reply = people[n % POSTERS]
                .post_json("/proposals", &proposal(n, &personas[n % personas.len()]));
            assert_eq!(reply.status, 201, "{}", reply.body);
        }
        room.wait_for("the proposals in the app", |r| {
            r.state.room.data.proposals.len() == before
        });
        let stop = room.load.stop.clone();
        room.load.poster = Some(thread::spawn(move || {
            let mut posted = Posted::default();
            let start = Instant::now();
            let step = Duration::from_secs(1) / RATE;
            for k in 0.. {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                if let Some(wait) = (start + step * k).checked_duration_since(Instant::now()) {
                    thread::sleep(wait);
                }
                let n = before + k as usize;
                let began = Instant::now();
                let reply = people[n % POSTERS]
                    .post_json("/proposals", &proposal(n, &personas[n % personas.len()]));
                posted.took.push(began.elapsed());
                posted.statuses.push(reply.status);
            }
            posted
        }));
        room.load.since = Instant::now();
        room
    }

    /// Untimed turns of the loop until `done` holds (30 s at most).
    fn wait_for(&mut self, what: &str, done: impl Fn(&Room) -> bool) {
        let start = Instant::now();
        while !done(self) {
            assert!(start.elapsed() < Duration::from_secs(30), "no {what}");
            thread::sleep(Duration::from_millis(5));
            self.frame(Event::Idle);
        }
    }

    /// One turn of the loop: the event and the effects it asks of the room, the room's poll
    /// and its news, then a full draw.
    fn frame(&mut self, event: Event) {
        let mut queue = VecDeque::from([event]);
        loop {
            while let Some(event) = queue.pop_front() {
                for effect in update(&mut self.state, event) {
                    if let Effect::Room(command) = effect {
                        queue.extend(self.storage.room(command, &self.state));
                    }
                }
            }
            queue.extend(self.storage.poll(&self.state));
            if queue.is_empty() {
                break;
            }
        }
        draw(&mut self.t, &self.state);
    }

    /// The line of view 4 of the first proposal still waiting (the list's first line is a
    /// heading); waits for one to arrive when none is.
    fn first_waiting(&mut self) -> usize {
        loop {
            let at = self
                .state
                .room
                .data
                .proposals
                .iter()
                .position(|p| p.state == ProposalState::Waiting);
            if let Some(at) = at {
                return at + 1;
            }
            self.wait_for("a waiting proposal", |r| r.state.room.data.waiting() > 0);
        }
    }

    /// Untimed: view 4 with the cursor on the first waiting proposal, nothing open.
    fn on_a_proposal(&mut self) {
        if !matches!(self.state.mode, Mode::Normal) {
            self.frame(key(KeyCode::Esc));
        }
        assert!(matches!(self.state.mode, Mode::Normal), "a form left open");
        if self.state.view != View::Room {
            self.frame(ch('4'));
        }
        self.state.views.room.cursor = self.first_waiting();
    }

    /// Stops the load; what it did, as `FIGURE` lines.
    fn close(mut self, name: &str) {
        let seconds = self.load.since.elapsed().as_secs_f64();
        let people = self.state.room.people;
        let listed = self.state.room.data.proposals.len();
        self.load.stop.store(true, Ordering::Relaxed);
        let posted = self
            .load
            .poster
            .take()
            .map(|p| p.join().expect("the poster"))
            .unwrap_or_default();
        for (socket, _) in &self.load.readers {
            let _ = socket.shutdown(Shutdown::Both);
        }
        let events: Vec<usize> = self
            .load
            .readers
            .drain(..)
            .map(|(_, r)| r.join().expect("a reader"))
            .collect();
        let taken = posted.statuses.iter().filter(|s| **s == 201).count();
        let answers = spread(posted.took.clone());
        figure(
            &format!("room S {name}: the load meanwhile"),
            format!(
                "{taken} of {} posts answered 201 in {seconds:.1} s ({:.0}/s; answer median {}, \
                 p99 {}), {listed} proposals in the room, {people} people connected, {} events \
                 read per stream at least",
                posted.statuses.len(),
                posted.statuses.len() as f64 / seconds,
                ms(answers.median),
                ms(answers.p99),
                events.iter().min().copied().unwrap_or(0)
            ),
        );
        assert_eq!(people, STREAMS, "a stream dropped under load");
        assert_eq!(
            taken,
            posted.statuses.len(),
            "a post was refused under load"
        );
    }
}

/// Times `step` in a fresh loaded room: criterion's mean, then [`SAMPLES`] single runs for the
/// median, p99 and maximum. `setup` (untimed) runs before each.
fn interaction(
    c: &mut Criterion,
    name: &str,
    before: usize,
    start: impl Fn(&mut Room),
    setup: impl Fn(&mut Room, usize),
    step: impl Fn(&mut Room, usize),
) {
    // `cargo bench --bench room -- WORD`: only the interactions whose name has WORD.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    if filter.is_some_and(|f| !name.contains(f.as_str())) {
        return;
    }
    let mut room = Room::open(before);
    start(&mut room);
    let mut i = 0;
    {
        let mut group = c.benchmark_group("room/S with 200 streams and 50 proposals a second");
        group.sampling_mode(SamplingMode::Flat);
        group.sample_size(20);
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    setup(&mut room, i);
                    let began = Instant::now();
                    step(&mut room, i);
                    total += began.elapsed();
                    i += 1;
                }
                total
            })
        });
        group.finish();
    }
    let mut times = Vec::with_capacity(SAMPLES);
    for _ in 0..SAMPLES {
        setup(&mut room, i);
        let began = Instant::now();
        step(&mut room, i);
        times.push(began.elapsed());
        i += 1;
    }
    let s = spread(times);
    figure(
        &format!("room S {name}"),
        format!(
            "max {}  (median {}, p99 {})",
            ms(s.max),
            ms(s.median),
            ms(s.p99)
        ),
    );
    room.close(name);
}

/// j and k in turn.
fn down_up(i: usize) -> Event {
    if i.is_multiple_of(2) {
        ch('j')
    } else {
        ch('k')
    }
}

fn main() {
    // `cargo test --benches` runs bench binaries with no arguments; `cargo bench` passes --bench.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    interaction(
        &mut c,
        "board: j / k",
        BEFORE,
        |r| {
            r.frame(ch('1'));
            r.frame(ch('j'));
        },
        |_, _| {},
        |r, i| r.frame(down_up(i)),
    );
    interaction(
        &mut c,
        "view 4: j / k",
        BEFORE,
        |r| r.frame(ch('4')),
        |_, _| {},
        |r, i| r.frame(down_up(i)),
    );
    interaction(
        &mut c,
        "view 4 near the room's limit (1,500 proposals in): j / k",
        NEAR_FULL,
        |r| r.frame(ch('4')),
        |_, _| {},
        |r, i| r.frame(down_up(i)),
    );
    interaction(
        &mut c,
        "view 4: Enter opens the form on a proposal",
        BEFORE,
        |_| {},
        |r, _| r.on_a_proposal(),
        |r, _| {
            r.frame(key(KeyCode::Enter));
            assert!(matches!(r.state.mode, Mode::Form(_)), "the form opens");
        },
    );
    interaction(
        &mut c,
        "form: Ctrl-s commits the proposal",
        BEFORE,
        |_| {},
        |r, _| {
            r.on_a_proposal();
            r.frame(key(KeyCode::Enter));
            assert!(matches!(r.state.mode, Mode::Form(_)), "the form opens");
        },
        |r, _| {
            r.frame(ctrl('s'));
            assert!(matches!(r.state.mode, Mode::Normal), "the goal commits");
        },
    );
    interaction(
        &mut c,
        "a turn with the room's news only (every 100 ms)",
        BEFORE,
        |r| r.frame(ch('4')),
        // Let a proposal or two arrive, as between two looks of the loop.
        |_, _| thread::sleep(Duration::from_millis(20)),
        |r, _| r.frame(Event::Idle),
    );
}
