//! The room (SPEC §11): participants join from their own device, send proposals and vote; the
//! facilitator takes what fits.
//!
//! The app and the server share one [`Shared`]: the server adds proposals and dots, the app reads
//! them (each turn of its loop, when [`Shared::data_generation`] moved) and takes or sets aside
//! proposals, opens and closes vote rounds, and publishes each new version of the workspace.
//! Nothing a participant sends changes the workspace: only the facilitator's edits do.
//!
//! - [`RoomData`] is everything the room holds besides the workspace; it is what the journal
//!   keeps on disk (so proposals and an open round survive a crash) and what a reopened room
//!   starts from.
//! - `server` answers HTTP on a thread of its own; `page` is the participant's page; `public`
//!   the part of the workspace that leaves the laptop.

pub mod address;
pub mod code;
pub mod journal;
pub mod page;
pub mod public;
pub mod qr;
pub mod server;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::{Deserialize, Serialize};

use crate::model::{Column, Workspace};

/// Limits of SPEC §11.
pub mod limits {
    use std::time::Duration;

    /// Bytes in a request body.
    pub const BODY: usize = 4 * 1024;
    /// Characters in a goal's text, why or metric.
    pub const TEXT: usize = 300;
    /// Characters in a persona's or author's name.
    pub const NAME: usize = 60;
    /// Proposals a minute from one participant.
    pub const PER_MINUTE: usize = 30;
    /// Proposals in one room.
    pub const PER_ROOM: usize = 2000;
    /// Event streams open at once.
    pub const STREAMS: usize = 200;
    /// Other connections open at once (pages, posts), besides the streams.
    pub const OTHERS: usize = 100;
    /// Time to send a whole request before the connection is dropped.
    pub const REQUEST_TIME: Duration = Duration::from_secs(5);
    /// Dots each participant has in a vote round unless the config says.
    pub const VOTES_PER_PERSON: u32 = 3;
    /// Characters in a room code.
    pub const CODE: usize = 8;
}

/// Where a proposal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalState {
    Waiting,
    Taken,
    SetAside,
}

impl ProposalState {
    /// As the page and the app say it.
    pub fn label(self) -> &'static str {
        match self {
            ProposalState::Waiting => "waiting",
            ProposalState::Taken => "taken",
            ProposalState::SetAside => "set aside",
        }
    }
}

/// Who a proposal is for: a persona of its column, a new persona, or none named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// An existing persona of the column, by id.
    Persona(String),
    /// A persona the column does not have yet, by the name sent.
    New(String),
    /// No persona named: the facilitator's selected one.
    None,
}

/// A goal proposed by a participant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// Unique in the room (and in the rooms after it that keep it), from 1.
    pub id: u64,
    /// The participant (browser) who sent it.
    pub from: String,
    /// The name the sender gave, maybe empty.
    pub author: String,
    pub column: Column,
    pub target: Target,
    pub text: String,
    pub why: String,
    pub metric: String,
    pub state: ProposalState,
}

impl Proposal {
    /// The goal it proposes, as the facilitator's form starts with it.
    pub fn goal(&self) -> crate::model::Goal {
        crate::model::Goal {
            text: self.text.clone(),
            why: self.why.clone(),
            metric: self.metric.clone(),
            ..crate::model::Goal::default()
        }
    }
}

/// The goals with dots from the last closed round, most first (ties in board order), each with
/// its persona.
pub fn voted(ws: &Workspace) -> Vec<(u32, &crate::model::Persona, &crate::model::Goal)> {
    let mut goals: Vec<_> = Column::ALL
        .into_iter()
        .flat_map(|c| ws.column(c))
        .flat_map(|p| p.goals.iter().map(move |g| (g.votes, &**p, g)))
        .filter(|(n, _, _)| *n > 0)
        .collect();
    // A stable sort keeps board order among equals.
    goals.sort_by_key(|(n, _, _)| std::cmp::Reverse(*n));
    goals
}

/// How many goals have dots from the last closed round.
pub fn voted_count(ws: &Workspace) -> usize {
    Column::ALL
        .into_iter()
        .flat_map(|c| ws.column(c))
        .flat_map(|p| &p.goals)
        .filter(|g| g.votes > 0)
        .count()
}

/// `p` with each goal's votes set from a closed round's tally (goals without dots: none), or
/// `None` when that changes nothing.
pub fn with_votes(
    p: &crate::model::Persona,
    tally: &BTreeMap<String, u32>,
) -> Option<crate::model::Persona> {
    let of = |g: &crate::model::Goal| tally.get(&g.id).copied().unwrap_or(0);
    if p.goals.iter().all(|g| g.votes == of(g)) {
        return None;
    }
    let mut p = p.clone();
    for g in &mut p.goals {
        g.votes = of(g);
    }
    Some(p)
}

/// A vote round: each participant's dots, at most one per goal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    pub dots: BTreeMap<String, BTreeSet<String>>,
}

impl Round {
    /// People who placed at least one dot.
    pub fn voters(&self) -> usize {
        self.dots.values().filter(|d| !d.is_empty()).count()
    }

    /// Dots per goal id (goals without dots left out).
    pub fn tally(&self) -> BTreeMap<String, u32> {
        let mut tally = BTreeMap::new();
        for goal in self.dots.values().flatten() {
            *tally.entry(goal.clone()).or_insert(0) += 1;
        }
        tally
    }
}

/// Everything the room holds besides the workspace (what the journal keeps).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomData {
    /// The code in the room's address; a reopened room keeps it.
    pub code: String,
    /// The port it listened on; a reopened room tries it first.
    pub port: u16,
    pub proposals: Vec<Proposal>,
    /// The vote round, while one is open.
    pub round: Option<Round>,
    /// The id the next proposal gets.
    pub next_id: u64,
}

impl RoomData {
    /// Proposals still waiting for the facilitator.
    pub fn waiting(&self) -> usize {
        self.proposals
            .iter()
            .filter(|p| p.state == ProposalState::Waiting)
            .count()
    }

    /// Whether there is anything to keep for a next room: a proposal not yet taken (waiting or
    /// set aside), or an open round.
    pub fn has_kept(&self) -> bool {
        self.round.is_some()
            || self
                .proposals
                .iter()
                .any(|p| p.state != ProposalState::Taken)
    }

    /// What a closed room keeps for the next one: the proposals not yet taken.
    pub fn kept(&self) -> RoomData {
        RoomData {
            code: self.code.clone(),
            port: self.port,
            proposals: self
                .proposals
                .iter()
                .filter(|p| p.state != ProposalState::Taken)
                .cloned()
                .collect(),
            round: self.round.clone(),
            next_id: self.next_id,
        }
    }
}

/// `ADDR:PORT` for the room (`0.0.0.0:7007`, `127.0.0.1:8080`, `[::1]:7007`): the config's
/// `room_address` and `--room-address`.
pub fn parse_address(text: &str) -> Result<std::net::SocketAddr, String> {
    text.trim().parse().map_err(|_| {
        format!(
            "room address {:?} is not ADDR:PORT (e.g. 0.0.0.0:7007, or 127.0.0.1:7007 for this computer only)",
            crate::text::visible(text)
        )
    })
}

/// Whether a participant's name for a persona is that persona's name: the same letters, any
/// case (Unicode), spaces around left out. Sending and taking a proposal both ask it.
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// How the room was asked to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Where to listen (the config's `room_address`, or `--room-address`).
    pub address: std::net::SocketAddr,
    /// A view-only room: the live board, no proposals, no votes (`--read-only`).
    pub read_only: bool,
    /// Dots each participant has in a vote round.
    pub votes_per_person: u32,
}

/// What the server and the app share. Every change made through it moves
/// [`Shared::generation`], which the server's event streams watch; a change to the data (not a
/// new board) also moves [`Shared::data_generation`], which the app and the journal watch.
#[derive(Debug)]
pub struct Shared {
    data: Mutex<RoomData>,
    board: Mutex<Arc<Workspace>>,
    /// Moves on every change to the data or the board (the event streams watch it).
    generation: AtomicU64,
    /// Moves on every change to the data only (the app's news and the journal watch it: a new
    /// version of the board is neither news to the app nor anything to keep).
    data_generation: AtomicU64,
    /// Participants with an event stream open now.
    people: AtomicUsize,
    pub settings: Settings,
}

impl Shared {
    pub fn new(settings: Settings, data: RoomData, board: Arc<Workspace>) -> Shared {
        Shared {
            data: Mutex::new(data),
            board: Mutex::new(board),
            generation: AtomicU64::new(1),
            data_generation: AtomicU64::new(1),
            people: AtomicUsize::new(0),
            settings,
        }
    }

    /// The room's data, to read or change; a change must be followed by [`Shared::changed`].
    pub fn data(&self) -> MutexGuard<'_, RoomData> {
        self.data
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Changes the data and says so.
    pub fn change<T>(&self, f: impl FnOnce(&mut RoomData) -> T) -> T {
        let out = f(&mut self.data());
        self.changed();
        out
    }

    /// Moves when the data (not the board) changed.
    pub fn data_generation(&self) -> u64 {
        self.data_generation.load(Ordering::SeqCst)
    }

    /// The workspace as last published by the app.
    pub fn board(&self) -> Arc<Workspace> {
        self.board
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// The app publishes a new version of the workspace.
    pub fn publish(&self, ws: Arc<Workspace>) {
        *self
            .board
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = ws;
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Says the data changed (after a change made through [`Shared::data`]).
    pub fn changed(&self) {
        self.data_generation.fetch_add(1, Ordering::SeqCst);
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    pub fn people(&self) -> usize {
        self.people.load(Ordering::SeqCst)
    }

    /// The server counts participants with a stream open.
    pub fn set_people(&self, n: usize) {
        if self.people.swap(n, Ordering::SeqCst) != n {
            self.changed();
        }
    }
}
