//! The loop's dealings with the disk: saves through the writer, the recovery-copy schedule,
//! backups before the first save, and noticing when someone else changes the file.
//!
//! A data directory that cannot take recovery copies or backups (read-only, full, missing)
//! never stops a save; while copies cannot be written the state says so (`State::unprotected`,
//! shown in the status bar), and the writer tries again every recovery delay until they can.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::hangup::Lifeline;
use super::room::RoomHost;
use super::writer::{Done, Job, Writer, Written};
use crate::app::room::RoomCommand;
use crate::app::{Event, Gone, State, Tone};
use crate::model::Workspace;
use crate::room::Settings;
use crate::store::disk::{self, Claim, Fingerprint, InstanceLock};
use crate::store::{self, Dirs};

/// A recovery copy is written this long after the last change…
pub use crate::config::RECOVERY_DELAY;
/// …or after this many changes, whichever comes first.
pub const RECOVERY_EVERY: usize = 50;
/// How often the file is checked for changes made by someone else.
const WATCH_EVERY: Duration = Duration::from_secs(1);
/// How often the loop wakes while the writer has work out.
const WRITER_POLL: Duration = Duration::from_millis(30);

pub struct Storage {
    writer: Writer,
    /// The recovery file of this workspace (none in read-only mode and in tests).
    recovery_file: Option<PathBuf>,
    pub recovery_delay: Duration,
    /// Workspace state last handed to the writer as a recovery copy.
    recovered_state: u64,
    changed_at: Option<Instant>,
    changes: usize,
    last_state: u64,
    /// Where backups go, until the first save of the session has made one.
    backups_dir: Option<PathBuf>,
    /// The file as loaded or last saved by us (`None`: it did not exist).
    known: Option<Fingerprint>,
    /// Watch the file for changes by others.
    watch: bool,
    last_watch: Instant,
    /// A change on disk already reported while there were unsaved changes.
    reported: Option<Fingerprint>,
    /// The file's disappearance (or replacement by a directory) has been reported.
    reported_gone: bool,
    lock: Option<PathBuf>,
    /// The instance lock, while we hold it.
    held: Option<InstanceLock>,
    /// Why recovery copies cannot be written now (`None`: they can).
    unprotected: Option<String>,
    /// The directory recovery copies go to, probed while they cannot be written.
    recovery_dir: Option<PathBuf>,
    last_retry: Instant,
    /// Events for `update` not yet handed over.
    pending: Vec<Event>,
    /// Where the unsaved work is kept for the watchdog (the real terminal only).
    lifeline: Option<Lifeline>,
    /// The room (SPEC §11): its server, its journal, what it kept.
    pub room: RoomHost,
}

impl Storage {
    /// No recovery copies, no backups, no watching; writes happen on the caller's thread.
    pub fn inline(state: &State) -> Storage {
        Storage {
            writer: Writer::inline(),
            recovery_file: None,
            recovery_delay: RECOVERY_DELAY,
            recovered_state: state.doc.state(),
            changed_at: None,
            changes: 0,
            last_state: state.doc.state(),
            backups_dir: None,
            known: disk::fingerprint(&state.path),
            watch: false,
            last_watch: Instant::now(),
            reported: None,
            reported_gone: false,
            lock: None,
            held: None,
            unprotected: None,
            recovery_dir: None,
            last_retry: Instant::now(),
            pending: Vec::new(),
            lifeline: None,
            // Tests without a data directory: loopback only, any free port.
            room: RoomHost::new(
                None,
                Settings {
                    address: std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
                    read_only: state.read_only,
                    votes_per_person: crate::room::limits::VOTES_PER_PERSON,
                },
            ),
        }
    }

    /// Everything on: the writer thread, recovery copies and backups in the data directory,
    /// watching the file, and a lock file for a second instance to see.
    pub fn full(state: &State, dirs: Option<&Dirs>, writer: Writer) -> Storage {
        let writable = !state.read_only;
        let mut s = Storage::inline(state);
        s.writer = writer;
        s.watch = true;
        if let Some(d) = dirs.filter(|_| writable) {
            s.recovery_file = Some(store::recovery::recovery_path(
                &d.recovery_dir(),
                &state.path,
            ));
            s.backups_dir = Some(d.backups_dir());
            s.lock = Some(disk::lock_path(&d.locks_dir(), &state.path));
            // Find out now whether copies can be written, not 2 s after the first change.
            s.recovery_dir = Some(d.recovery_dir());
            s.room = RoomHost::new(
                Some(crate::room::journal::path(&d.data, &state.path)),
                Settings {
                    address: crate::config::ROOM_ADDRESS,
                    ..s.room.settings.clone()
                },
            );
            s.writer.submit(Job::Probe {
                dir: d.recovery_dir(),
            });
        } else if writable {
            let why = "there is no data directory (no home directory found)".to_string();
            s.pending.push(Event::Copies(Err(why.clone())));
            s.unprotected = Some(why);
        }
        s
    }

    /// From now on every turn hands the unsaved work to `lifeline`, so the watchdog can keep it
    /// if the loop gets stuck after the terminal went away.
    pub fn keep_for(&mut self, lifeline: Lifeline) {
        self.lifeline = Some(lifeline);
    }

    pub fn recovery_file(&self) -> Option<&PathBuf> {
        self.recovery_file.as_ref()
    }

    /// Takes the instance lock. `Err` when another live instance holds it (with its pid when
    /// known); a lock that cannot be made at all (broken data directory) is not an error.
    pub fn take_lock(&mut self) -> Result<(), Option<u32>> {
        let Some(lock) = &self.lock else {
            return Ok(());
        };
        match disk::claim(lock) {
            Claim::Ours(held) => {
                self.held = Some(held);
                Ok(())
            }
            Claim::Other(pid) => Err(pid),
            Claim::Unknown => Ok(()),
        }
    }

    /// Why recovery copies cannot be written now, if they cannot.
    pub fn unprotected(&self) -> Option<&str> {
        self.unprotected.as_deref()
    }

    /// How long the loop may wait for a key before something here needs doing.
    pub fn wait(&self) -> Option<Duration> {
        let recovery = self
            .changed_at
            .filter(|_| self.recovery_file.is_some())
            .map(|t| self.recovery_delay.saturating_sub(t.elapsed()) + Duration::from_millis(10));
        let writer = self.writer.busy().then_some(WRITER_POLL);
        let watch = self.watch.then_some(WATCH_EVERY);
        let retry = self.unprotected.as_ref().map(|_| self.recovery_delay);
        let room = self.room.wait();
        [recovery, writer, watch, retry, room]
            .into_iter()
            .flatten()
            .min()
    }

    pub fn save(&mut self, path: PathBuf, workspace: Arc<Workspace>, state: u64, force: bool) {
        self.writer.submit(Job::Save {
            path,
            workspace,
            state,
            expect: self.known,
            force,
            backup_to: self.backups_dir.clone(),
        });
    }

    /// Loads the file again (asked for after "the file changed on disk").
    pub fn reload(&mut self, state: &State) -> Event {
        match store::load(&state.path) {
            Ok(workspace) => {
                self.known = disk::fingerprint(&state.path);
                self.reported = None;
                self.reported_gone = false;
                Event::Reloaded {
                    workspace,
                    why: format!("reloaded {} from disk", state.file_name()),
                }
            }
            Err(e) => Event::Notice {
                tone: Tone::Error,
                text: format!(
                    "could not reload: {} — kept what is on screen",
                    e.render(&state.file_name())
                        .lines()
                        .next()
                        .unwrap_or_default()
                ),
            },
        }
    }

    pub fn remove_recovery(&mut self, state: &State) {
        if let Some(file) = &self.recovery_file
            && !state.keep_recovery
        {
            self.writer
                .submit(Job::RemoveRecovery { file: file.clone() });
        }
    }

    /// Results from the writer, and what the watch noticed, as events for `update`.
    pub fn poll(&mut self, state: &State) -> Vec<Event> {
        let mut events = self.room.poll(state);
        for done in self.writer.finished() {
            match done {
                Done::Saved {
                    state: saved,
                    result,
                } => {
                    let mut backup_error = None;
                    let result = result.map(|w: Written| {
                        self.known = Some(w.fingerprint);
                        self.reported = None;
                        self.reported_gone = false;
                        // One backup per session: the file as it was before the first save.
                        // One that failed is tried again at the next save.
                        if w.backup_error.is_none() {
                            self.backups_dir = None;
                        }
                        backup_error = w.backup_error;
                    });
                    events.push(Event::Saved {
                        state: saved,
                        result,
                    });
                    if let Some(why) = backup_error {
                        events.push(Event::Notice {
                            tone: Tone::Warning,
                            text: format!("saved {}, but {why}", state.file_name()),
                        });
                    }
                }
                Done::Copies(Ok(())) => {
                    if self.unprotected.take().is_some() {
                        events.push(Event::Copies(Ok(())));
                    }
                }
                Done::Copies(Err(why)) => {
                    if self.unprotected.as_ref() != Some(&why) {
                        events.push(Event::Copies(Err(why.clone())));
                    }
                    self.unprotected = Some(why);
                    self.last_retry = Instant::now();
                }
                Done::Conflict { state: saved } => {
                    events.push(Event::SaveConflict { state: saved })
                }
                Done::ReadOnly { state: saved } => {
                    events.push(Event::SaveReadOnly { state: saved })
                }
                Done::RecoveryFailed(text) => events.push(Event::Notice {
                    tone: Tone::Warning,
                    text,
                }),
                Done::Nothing => {}
            }
        }
        if self.watch && !self.writer.busy() && self.last_watch.elapsed() >= WATCH_EVERY {
            self.last_watch = Instant::now();
            events.extend(self.check_disk(state));
        }
        events
    }

    /// Notices a change made to the file by someone else. Without unsaved changes the board
    /// reloads it; with them, the user is told once and the next save asks.
    fn check_disk(&mut self, state: &State) -> Option<Event> {
        if state.saving || !disk::may_have_changed(&state.path, self.known.as_ref()) {
            return None;
        }
        let now = disk::fingerprint(&state.path);
        let same = match (&now, &self.known) {
            (Some(a), Some(b)) => a.same_content(b),
            (None, None) => true,
            _ => false,
        };
        if same {
            // Touched, not changed: remember the new time so the cheap check stays cheap.
            self.known = now;
            return None;
        }
        let Some(now) = now else {
            return self.gone(state);
        };
        self.reported_gone = false;
        if self.reported == Some(now) {
            return None;
        }
        // Reported once per version of the file; `update` decides what to do with it, and says
        // with `Effect::DiskSeen` when the board shows it.
        self.reported = Some(now);
        let read = store::load(&state.path).map_err(|e| {
            e.render(&state.file_name())
                .lines()
                .next()
                .unwrap_or_default()
                .to_string()
        });
        Some(Event::DiskChanged { read, seen: now })
    }

    /// The board now shows this version of the file: changes on disk are measured from it.
    pub fn seen(&mut self, seen: Fingerprint) {
        self.known = Some(seen);
        self.reported = None;
    }

    /// The file is no longer there to read (deleted, made a directory, made unreadable): said
    /// once, with what it means for the work on screen.
    fn gone(&mut self, state: &State) -> Option<Event> {
        if self.reported_gone {
            return None;
        }
        self.reported_gone = true;
        Some(Event::FileGone(match std::fs::metadata(&state.path) {
            Ok(m) if m.is_dir() => Gone::Directory,
            Ok(_) => Gone::Unreadable,
            Err(_) => Gone::Deleted,
        }))
    }

    /// Notes a change after an event, and hands the writer a recovery copy when it is due;
    /// returns what `update` should hear of it.
    pub fn tick(&mut self, state: &State) -> Vec<Event> {
        let mut events = std::mem::take(&mut self.pending);
        self.retry_copies(state);
        if let Some(lifeline) = &self.lifeline {
            // An Arc's count, no copy: cheap enough for every turn.
            lifeline.keep(
                self.recovery_file
                    .clone()
                    .filter(|_| state.modified())
                    .map(|file| (file, state.doc.snapshot())),
            );
        }
        let now = state.doc.state();
        if now != self.last_state {
            self.last_state = now;
            self.changes += 1;
            self.changed_at = Some(Instant::now());
        }
        let Some(file) = &self.recovery_file else {
            return events;
        };
        if !state.modified() || now == self.recovered_state {
            return events;
        }
        let due = self.changes >= RECOVERY_EVERY
            || self
                .changed_at
                .is_some_and(|t| t.elapsed() >= self.recovery_delay);
        if due {
            self.writer.submit(Job::Recovery {
                file: file.clone(),
                workspace: state.doc.snapshot(),
            });
            self.recovered_state = now;
            self.changes = 0;
            self.changed_at = None;
            events.push(Event::RecoveryQueued);
        }
        events
    }

    /// While copies cannot be written: every recovery delay, the recovery copy (unsaved work)
    /// or a probe (none) is tried again.
    fn retry_copies(&mut self, state: &State) {
        if self.unprotected.is_none()
            || self.writer.busy()
            || self.last_retry.elapsed() < self.recovery_delay
        {
            return;
        }
        self.last_retry = Instant::now();
        match (&self.recovery_file, &self.recovery_dir) {
            (Some(file), _) if state.modified() => {
                self.writer.submit(Job::Recovery {
                    file: file.clone(),
                    workspace: state.doc.snapshot(),
                });
                self.recovered_state = state.doc.state();
            }
            (_, Some(dir)) => self.writer.submit(Job::Probe { dir: dir.clone() }),
            _ => {}
        }
    }

    /// A clean quit: the recovery copy goes (unless kept for later), pending writes finish,
    /// the lock is released.
    pub fn quit(&mut self, state: &State) {
        self.remove_recovery(state);
        self.finish();
    }

    /// Something for the room.
    pub fn room(&mut self, command: RoomCommand, state: &State) -> Vec<Event> {
        self.room.command(command, state)
    }

    /// Waits for pending writes, closes the room (keeping its proposals) and releases the lock.
    pub fn finish(&mut self) {
        self.room.close();
        self.writer.finish();
        if let Some(held) = self.held.take() {
            held.release();
        }
    }

    /// After a crash: waits for the writer, then writes the unsaved workspace to the recovery
    /// copy on this thread. Returns where it went.
    /// The lock is released after the copy is written.
    pub fn dump(&mut self, state: &State) -> Result<PathBuf, String> {
        self.writer.finish();
        let written = match self.recovery_file.clone() {
            None => Err("no data directory for a recovery copy".to_string()),
            Some(file) => store::recovery::write(&file, state.doc.workspace())
                .map(|()| file)
                .map_err(|e| e.to_string()),
        };
        self.finish();
        written
    }
}
