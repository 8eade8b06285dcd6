//! The room for the loop (SPEC §11): starts and stops the server, keeps its journal, publishes
//! each new version of the workspace to it and reports what participants did as
//! [`RoomNews`]. Everything here is quick: the server runs on threads of its own and the app
//! only reads and changes [`Shared`] under its short lock.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::app::room::{Opened, RoomCommand, RoomNews};
use crate::app::{Event, State, Tone};
use crate::room::journal::{self, Journal};
use crate::room::server::Server;
use crate::room::{Proposal, RoomData, Round, Settings, Shared};

/// How often the loop looks at the room while it is open (a proposal shows within this).
pub const LOOK_EVERY: Duration = Duration::from_millis(100);

/// An open room.
struct Live {
    shared: Arc<Shared>,
    server: Server,
    journal: Option<Journal>,
}

/// The room as the loop keeps it: open or not, and what a closed one kept.
pub struct RoomHost {
    /// The journal of this workspace's room (none in tests without a data directory).
    journal: Option<PathBuf>,
    pub settings: Settings,
    live: Option<Live>,
    /// The room's generation last reported to `update`.
    seen: u64,
    /// The document state last published to the room.
    published: u64,
    /// What a closed room keeps for the next one (its code and port, proposals not yet taken).
    kept: RoomData,
    /// A journal write failed and `update` was told.
    told_journal: bool,
}

impl RoomHost {
    pub fn new(journal: Option<PathBuf>, settings: Settings) -> RoomHost {
        RoomHost {
            journal,
            settings,
            live: None,
            seen: 0,
            published: 0,
            kept: RoomData::default(),
            told_journal: false,
        }
    }

    /// At start: what a room of this workspace left in its journal (proposals not yet taken, an
    /// open round), so the app can offer to reopen it. Nothing listens until it is asked.
    pub fn kept_news(&mut self) -> Option<Event> {
        let data = journal::read(self.journal.as_ref()?)?;
        self.kept = data.clone();
        Some(Event::Room(RoomNews::Kept(data)))
    }

    pub fn is_open(&self) -> bool {
        self.live.is_some()
    }

    /// How long the loop may wait for a key before looking at the room again.
    pub fn wait(&self) -> Option<Duration> {
        self.live.as_ref().map(|_| LOOK_EVERY)
    }

    pub fn command(&mut self, command: RoomCommand, state: &State) -> Vec<Event> {
        match command {
            RoomCommand::Open => self.open(state),
            RoomCommand::Close => {
                self.close();
                // Closed by the facilitator: the next room gets a new code (only a room that
                // ended without closing, a crash or a closed terminal, keeps its code and port).
                self.kept.code.clear();
                self.kept.port = 0;
                self.write_kept();
                vec![
                    Event::Room(RoomNews::Changed {
                        data: self.kept.clone(),
                        people: 0,
                    }),
                    Event::Room(RoomNews::Closed),
                ]
            }
            RoomCommand::Proposal { id, state: to } => {
                if let Some(live) = &self.live {
                    live.shared.change(|d| {
                        if let Some(p) = d.proposals.iter_mut().find(|p| p.id == id) {
                            p.state = to;
                        }
                    });
                } else if let Some(p) = self.kept.proposals.iter_mut().find(|p| p.id == id) {
                    // Taken from a closed room's kept list: the journal follows.
                    p.state = to;
                    self.write_kept();
                }
                Vec::new()
            }
            RoomCommand::Restore(p) => {
                let restore = |d: &mut RoomData| {
                    if !d.proposals.iter().any(|x| x.id == p.id) {
                        d.proposals.push(Proposal::clone(&p));
                        d.proposals.sort_by_key(|x| x.id);
                    }
                };
                match &self.live {
                    Some(live) => live.shared.change(restore),
                    None => {
                        restore(&mut self.kept);
                        self.write_kept();
                    }
                }
                Vec::new()
            }
            RoomCommand::StartRound => {
                if let Some(live) = &self.live {
                    live.shared.change(|d| d.round = Some(Round::default()));
                }
                Vec::new()
            }
            RoomCommand::CloseRound => {
                let round = self
                    .live
                    .as_ref()
                    .and_then(|live| live.shared.change(|d| d.round.take()));
                match round {
                    Some(round) => vec![Event::Room(RoomNews::RoundClosed {
                        tally: round.tally(),
                    })],
                    None => Vec::new(),
                }
            }
        }
    }

    fn open(&mut self, state: &State) -> Vec<Event> {
        if self.live.is_some() {
            return Vec::new();
        }
        let mut data = std::mem::take(&mut self.kept);
        if data.code.is_empty() {
            data.code = crate::room::code::new_code();
        }
        data.next_id = data.next_id.max(1);
        // A room brought back keeps its port when it can, so phones reconnect by themselves.
        let mut address = self.settings.address;
        if data.port != 0 && address.port() != 0 {
            address.set_port(data.port);
        }
        let shared = Arc::new(Shared::new(
            self.settings.clone(),
            data.clone(),
            state.doc.snapshot(),
        ));
        let server = match Server::start(shared.clone(), address) {
            Ok(server) => server,
            Err(why) => {
                self.kept = data;
                return vec![Event::Room(RoomNews::NotOpened(why))];
            }
        };
        let journal = self
            .journal
            .clone()
            .filter(|_| !self.settings.read_only)
            .map(|path| Journal::start(path, shared.clone()));
        // The port asked for in the config (not a kept one) is what "was taken" refers to.
        let asked = self.settings.address.port();
        let moved_from = (asked != 0 && server.local_addr().port() != asked).then_some(asked);
        let opened = Opened {
            url: server.url(),
            code: data.code.clone(),
            moved_from,
            read_only: self.settings.read_only,
        };
        self.published = state.doc.state();
        self.seen = shared.data_generation();
        let news = RoomNews::Changed {
            data: shared.data().clone(),
            people: 0,
        };
        self.live = Some(Live {
            shared,
            server,
            journal,
        });
        vec![Event::Room(RoomNews::Opened(opened)), Event::Room(news)]
    }

    /// Stops listening; proposals not yet taken (and an open round) are kept, on disk too.
    pub fn close(&mut self) {
        let Some(live) = self.live.take() else {
            return;
        };
        live.server.stop();
        if let Some(journal) = live.journal {
            journal.stop();
        }
        self.kept = live.shared.data().kept();
        self.write_kept();
    }

    fn write_kept(&self) {
        if let Some(path) = self.journal.as_ref().filter(|_| !self.settings.read_only) {
            let _ = journal::write(path, &self.kept);
        }
    }

    /// Publishes a changed workspace and reports what the room did since the last look.
    pub fn poll(&mut self, state: &State) -> Vec<Event> {
        let Some(live) = &self.live else {
            return Vec::new();
        };
        if state.doc.state() != self.published {
            self.published = state.doc.state();
            live.shared.publish(state.doc.snapshot());
        }
        let mut events = Vec::new();
        let now = live.shared.data_generation();
        if now != self.seen {
            self.seen = now;
            events.push(Event::Room(RoomNews::Changed {
                data: live.shared.data().clone(),
                people: live.shared.people(),
            }));
        }
        let failed = live
            .journal
            .as_ref()
            .and_then(|j| j.error.lock().ok().and_then(|e| e.clone()));
        match failed {
            Some(why) if !self.told_journal => {
                self.told_journal = true;
                events.push(Event::Notice {
                    tone: Tone::Error,
                    text: format!(
                        "the room's proposals cannot be kept on disk ({}): take them soon",
                        crate::text::visible(&why)
                    ),
                });
            }
            None => self.told_journal = false,
            Some(_) => {}
        }
        events
    }
}

impl Drop for RoomHost {
    fn drop(&mut self) {
        self.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::room::RoomNews;
    use crate::model::Column;
    use crate::room::{Proposal, ProposalState, Target};

    fn proposal(id: u64, state: ProposalState) -> Proposal {
        Proposal {
            id,
            from: "p".into(),
            author: String::new(),
            column: Column::Users,
            target: Target::None,
            text: format!("goal {id}"),
            why: String::new(),
            metric: String::new(),
            state,
        }
    }

    fn opened(events: &[Event]) -> crate::app::room::Opened {
        events
            .iter()
            .find_map(|e| match e {
                Event::Room(RoomNews::Opened(o)) => Some(o.clone()),
                _ => None,
            })
            .expect("the room opened")
    }

    fn room_with_proposals(host: &mut RoomHost, state: &State) -> crate::app::room::Opened {
        let first = opened(&host.command(RoomCommand::Open, state));
        if let Some(live) = &host.live {
            live.shared.change(|d| {
                d.proposals.push(proposal(1, ProposalState::Taken));
                d.proposals.push(proposal(2, ProposalState::Waiting));
                d.proposals.push(proposal(3, ProposalState::SetAside));
                d.next_id = 4;
            });
        }
        first
    }

    fn settings() -> Settings {
        Settings {
            address: "127.0.0.1:0".parse().unwrap(),
            read_only: false,
            votes_per_person: 3,
        }
    }

    #[test]
    fn closing_keeps_what_was_not_taken_on_disk_and_the_next_room_has_it_with_a_new_code() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("rooms").join("x.json");
        let state = State::new(crate::store::example(), "x.ron".into());
        let mut host = RoomHost::new(Some(journal.clone()), settings());
        let first = room_with_proposals(&mut host, &state);
        host.command(RoomCommand::Close, &state);
        assert!(!host.is_open());
        let kept = crate::room::journal::read(&journal).expect("kept on disk");
        let ids: Vec<u64> = kept.proposals.iter().map(|p| p.id).collect();
        assert_eq!(
            ids,
            [2, 3],
            "the taken one goes, the others stay (set aside too)"
        );
        // A later session finds them and offers them; the room opens with them, and a new
        // code: the facilitator closed the last one.
        let mut later = RoomHost::new(Some(journal.clone()), settings());
        assert!(matches!(
            later.kept_news(),
            Some(Event::Room(RoomNews::Kept(_)))
        ));
        let events = later.command(RoomCommand::Open, &state);
        assert_ne!(opened(&events).code, first.code);
        let live = later.live.as_ref().expect("open");
        assert_eq!(live.shared.data().proposals.len(), 2);
        assert_eq!(
            live.shared.data().next_id,
            4,
            "new ids never repeat old ones"
        );
        // Only set-aside proposals left: still kept.
        live.shared
            .change(|d| d.proposals.retain(|p| p.state == ProposalState::SetAside));
        later.command(RoomCommand::Close, &state);
        assert_eq!(
            crate::room::journal::read(&journal)
                .unwrap()
                .proposals
                .len(),
            1
        );
    }

    #[test]
    fn a_room_that_ended_without_closing_keeps_its_code() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("rooms").join("x.json");
        let state = State::new(crate::store::example(), "x.ron".into());
        let mut host = RoomHost::new(Some(journal.clone()), settings());
        let first = room_with_proposals(&mut host, &state);
        // Quit, a signal or a closed terminal: the loop's storage finishes, the room ends.
        drop(host);
        let mut later = RoomHost::new(Some(journal), settings());
        later.kept_news();
        assert_eq!(
            opened(&later.command(RoomCommand::Open, &state)).code,
            first.code
        );
    }

    #[test]
    fn a_proposal_taken_before_the_room_closed_comes_back_when_its_take_is_undone() {
        let dir = tempfile::tempdir().unwrap();
        let journal = dir.path().join("rooms").join("x.json");
        let state = State::new(crate::store::example(), "x.ron".into());
        let mut host = RoomHost::new(Some(journal.clone()), settings());
        room_with_proposals(&mut host, &state);
        host.command(RoomCommand::Close, &state);
        let mut back = proposal(1, ProposalState::Waiting);
        back.text = "goal 1".into();
        host.command(RoomCommand::Restore(Box::new(back)), &state);
        let ids: Vec<u64> = crate::room::journal::read(&journal)
            .unwrap()
            .proposals
            .iter()
            .map(|p| p.id)
            .collect();
        assert_eq!(ids, [1, 2, 3]);
    }
}
