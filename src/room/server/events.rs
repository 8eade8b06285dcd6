//! The event streams (`GET /CODE/events`, server-sent events) and the public board they follow.
//!
//! One [`Events`] keeps the last public board sent and every open stream. When the workspace or
//! the room changes, [`Events::tick`] works out what changed once and queues it on every
//! stream: the board's changes (the same bytes for everyone) and, to each participant whose
//! view of the room changed, that view. A stream gets one `board` event when it opens (the whole
//! board and its participant's room) and only changes after that (SPEC §8).
//!
//! Nothing here waits on a client: each stream has a short queue, and a stream whose queue is
//! full or that has not taken anything from it for [`STUCK`] is dropped (its page reconnects and
//! gets `board` again). So a client that stops reading holds a bounded amount of memory and
//! never slows the others.

use std::collections::{BTreeSet, HashMap};
use std::convert::Infallible;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use hyper::body::{Bytes, Frame};
use serde::Serialize;
use tokio::sync::{Notify, mpsc};

use crate::model::Workspace;
use crate::room::public::{Board, RoomView, changes};
use crate::room::{Shared, limits};

/// Events queued for one stream before it counts as not reading.
const QUEUE: usize = 64;
/// A stream with events waiting that took none for this long is dropped.
const STUCK: Duration = Duration::from_secs(10);
/// A comment sent on quiet streams, so proxies and phones keep them open.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// Streams one participant may hold (tabs); a further one closes their oldest.
const PER_PARTICIPANT: usize = 4;
/// How long a page waits before reconnecting (the stream's `retry`).
const RETRY_MS: u32 = 2000;

struct Stream {
    participant: String,
    tx: mpsc::Sender<Bytes>,
    kill: Arc<Notify>,
    opened: Instant,
    /// When the page last took an event off the queue, or when an event was queued on an
    /// empty queue, in ms since [`Events::epoch`].
    taken: Arc<AtomicU64>,
    /// The room as last sent to this stream.
    room: RoomView,
}

struct Hub {
    /// The workspace the board was made from.
    ws: Arc<Workspace>,
    board: Arc<Board>,
    /// [`Shared::generation`] when the room views were last brought up to date.
    generation: u64,
    streams: HashMap<u64, Stream>,
    next: u64,
    last_keep_alive: Instant,
}

pub struct Events {
    shared: Arc<Shared>,
    hub: Mutex<Hub>,
    /// Wakes the loop that calls [`Events::tick`] (a proposal or a dot just taken).
    pub wake: Notify,
    epoch: Instant,
}

/// Why a stream was not opened.
pub struct Full;

impl Events {
    pub fn new(shared: Arc<Shared>) -> Events {
        let ws = shared.board();
        let board = Arc::new(Board::of(&ws));
        let generation = shared.generation();
        Events {
            shared,
            hub: Mutex::new(Hub {
                ws,
                board,
                generation,
                streams: HashMap::new(),
                next: 0,
                last_keep_alive: Instant::now(),
            }),
            wake: Notify::new(),
            epoch: Instant::now(),
        }
    }

    fn hub(&self) -> MutexGuard<'_, Hub> {
        self.hub.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn now_ms(&self) -> u64 {
        u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    /// The public board as it is now.
    pub fn board(&self) -> Arc<Board> {
        let mut hub = self.hub();
        self.refresh_board(&mut hub);
        hub.board.clone()
    }

    /// Opens a stream for a participant: its first event is the whole board with their room.
    pub fn open(self: &Arc<Self>, participant: &str, kill: Arc<Notify>) -> Result<EventBody, Full> {
        let mut hub = self.hub();
        if hub.streams.len() >= limits::STREAMS {
            return Err(Full);
        }
        self.refresh_board(&mut hub);
        let mut room = RoomView::of(&self.shared.data(), &self.shared.settings, participant);
        room.name_personas(&hub.board);
        let (tx, rx) = mpsc::channel(QUEUE);
        let first = format!(
            "retry: {RETRY_MS}\n{}",
            frame_text(
                "board",
                &Whole {
                    board: &hub.board,
                    room: &room
                }
            )
        );
        // A new channel has room for its first event.
        let _ = tx.try_send(Bytes::from(first));
        // A participant's oldest streams beyond their share close.
        let mut theirs: Vec<(Instant, u64)> = hub
            .streams
            .iter()
            .filter(|(_, s)| s.participant == participant)
            .map(|(id, s)| (s.opened, *id))
            .collect();
        theirs.sort();
        let over = (theirs.len() + 1).saturating_sub(PER_PARTICIPANT);
        for (_, id) in theirs.into_iter().take(over) {
            if let Some(s) = hub.streams.remove(&id) {
                s.kill.notify_one();
            }
        }
        let id = hub.next;
        hub.next += 1;
        let taken = Arc::new(AtomicU64::new(self.now_ms()));
        hub.streams.insert(
            id,
            Stream {
                participant: participant.to_string(),
                tx,
                kill,
                opened: Instant::now(),
                taken: taken.clone(),
                room,
            },
        );
        self.count_people(&hub);
        Ok(EventBody {
            rx,
            taken,
            epoch: self.epoch,
            _open: Open {
                events: self.clone(),
                id,
            },
        })
    }

    /// A stream ended (its connection closed or was dropped).
    fn close(&self, id: u64) {
        let mut hub = self.hub();
        if hub.streams.remove(&id).is_some() {
            self.count_people(&hub);
        }
    }

    /// Closes every stream (the room closes).
    pub fn close_all(&self) {
        let mut hub = self.hub();
        for (_, s) in hub.streams.drain() {
            s.kill.notify_one();
        }
        self.shared.set_people(0);
    }

    /// `people`: distinct participants with a stream open.
    fn count_people(&self, hub: &Hub) {
        let people: BTreeSet<&str> = hub
            .streams
            .values()
            .map(|s| s.participant.as_str())
            .collect();
        self.shared.set_people(people.len());
    }

    /// Brings every stream up to date with the workspace and the room, sends keep-alives, and
    /// drops streams that stopped reading. Called often (every 100 ms and on every change); it
    /// does nothing much unless [`Shared::generation`] moved.
    pub fn tick(&self) {
        let mut hub = self.hub();
        let generation = self.shared.generation();
        if generation != hub.generation {
            hub.generation = generation;
            self.refresh_board(&mut hub);
            self.refresh_rooms(&mut hub);
        }
        if hub.last_keep_alive.elapsed() >= KEEP_ALIVE {
            hub.last_keep_alive = Instant::now();
            self.send_all(&mut hub, &Bytes::from_static(b": keep-alive\n\n"));
        }
        let now = self.now_ms();
        let stuck_ms = u64::try_from(STUCK.as_millis()).unwrap_or(u64::MAX);
        let before = hub.streams.len();
        hub.streams.retain(|_, s| {
            let waiting = s.tx.capacity() < s.tx.max_capacity();
            let stuck = waiting && now.saturating_sub(s.taken.load(Ordering::Relaxed)) >= stuck_ms;
            if stuck {
                s.kill.notify_one();
            }
            !stuck
        });
        if hub.streams.len() != before {
            self.count_people(&hub);
        }
    }

    /// A new board when the app published a new workspace; its changes go to every stream.
    fn refresh_board(&self, hub: &mut Hub) {
        let ws = self.shared.board();
        if Arc::ptr_eq(&ws, &hub.ws) {
            return;
        }
        let board = Arc::new(Board::of(&ws));
        hub.ws = ws;
        let sent = changes(&hub.board, &board);
        hub.board = board;
        if sent.is_empty() {
            return;
        }
        let mut bytes = String::new();
        for change in &sent {
            bytes.push_str(&frame_text(change.event(), change));
        }
        self.send_all(hub, &Bytes::from(bytes));
        // Proposals name personas by their names on the board.
        self.refresh_rooms(hub);
    }

    /// Each participant's view of the room, sent where it changed.
    fn refresh_rooms(&self, hub: &mut Hub) {
        if hub.streams.is_empty() {
            return;
        }
        let mut views = {
            let who: BTreeSet<&str> = hub
                .streams
                .values()
                .map(|s| s.participant.as_str())
                .collect();
            let data = self.shared.data();
            RoomView::of_many(&data, &self.shared.settings, &who)
        };
        for view in views.values_mut() {
            view.name_personas(&hub.board);
        }
        let mut dropped = false;
        let now = self.now_ms();
        hub.streams.retain(|_, s| {
            let Some(view) = views.get(&s.participant) else {
                return true;
            };
            if *view == s.room {
                return true;
            }
            s.room = view.clone();
            let keep = push(s, Bytes::from(frame_text("room", view)), now);
            if !keep {
                s.kill.notify_one();
                dropped = true;
            }
            keep
        });
        if dropped {
            self.count_people(hub);
        }
    }

    /// Queues the same bytes on every stream; a stream whose queue is full is dropped.
    fn send_all(&self, hub: &mut Hub, bytes: &Bytes) {
        let before = hub.streams.len();
        let now = self.now_ms();
        hub.streams.retain(|_, s| {
            let keep = push(s, bytes.clone(), now);
            if !keep {
                s.kill.notify_one();
            }
            keep
        });
        if hub.streams.len() != before {
            self.count_people(hub);
        }
    }
}

/// Queues bytes on a stream; false when its queue is full (or its page gone). The time a
/// stream may take to start reading counts from when its queue stops being empty.
fn push(stream: &Stream, bytes: Bytes, now_ms: u64) -> bool {
    if stream.tx.capacity() == stream.tx.max_capacity() {
        stream.taken.store(now_ms, Ordering::Relaxed);
    }
    stream.tx.try_send(bytes).is_ok()
}

/// The `board` event and `state.json`: the whole board and the participant's room.
#[derive(Serialize)]
pub struct Whole<'a> {
    pub board: &'a Board,
    pub room: &'a RoomView,
}

/// One server-sent event: its name and its data on one line (JSON has no raw line breaks).
fn frame_text(event: &str, data: &impl Serialize) -> String {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "null".to_string());
    format!("event: {event}\ndata: {json}\n\n")
}

/// Removes its stream from the hub when the response body is dropped.
struct Open {
    events: Arc<Events>,
    id: u64,
}

impl Drop for Open {
    fn drop(&mut self) {
        self.events.close(self.id);
    }
}

/// The body of an event stream's response: what the hub queued, as it is taken.
pub struct EventBody {
    rx: mpsc::Receiver<Bytes>,
    taken: Arc<AtomicU64>,
    epoch: Instant,
    _open: Open,
}

impl hyper::body::Body for EventBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.rx.poll_recv(cx) {
            Poll::Ready(Some(bytes)) => {
                let now = u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX);
                self.taken.store(now, Ordering::Relaxed);
                Poll::Ready(Some(Ok(Frame::data(bytes))))
            }
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => Poll::Pending,
        }
    }
}
