//! The room's journal (SPEC §11: nothing lost): what the room holds besides the workspace —
//! proposals not yet taken and an open round's dots — kept in the data directory, 0600, so a
//! crash, a `kill -9` or a closed terminal loses none of it. A thread of its own writes the whole
//! [`RoomData`] (atomically) within [`EVERY`] of a change, so the server answers 201 without
//! waiting for the disk and a burst of proposals is one write.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use super::{RoomData, Shared};
use crate::store::recovery;

/// The longest a change waits before it is on disk.
pub const EVERY: Duration = Duration::from_millis(200);

/// The journal of the room of a workspace: `<data>/rooms/<file name>-<hash of its path>.json`.
pub fn path(data_dir: &Path, workspace: &Path) -> PathBuf {
    let name = recovery::recovery_path(Path::new(""), workspace);
    let name = name.with_extension("json");
    data_dir
        .join("rooms")
        .join(name.file_name().unwrap_or_default())
}

/// What a journal holds, if it is there and readable; `None` when there is nothing to bring
/// back (no file, no proposal not yet taken and no round open).
pub fn read(path: &Path) -> Option<RoomData> {
    let bytes = crate::store::read::read_file(path).ok()?;
    let data: RoomData = serde_json::from_slice(&bytes).ok()?;
    data.has_kept().then_some(data)
}

/// Writes `data` as the journal now (0600, atomically, in a private directory), or removes it
/// when nothing is left to keep.
pub fn write(path: &Path, data: &RoomData) -> std::io::Result<()> {
    if !data.has_kept() {
        return recovery::remove(path);
    }
    let bytes = serde_json::to_vec(data).map_err(std::io::Error::other)?;
    recovery::write_bytes(path, &bytes)
}

/// The thread that keeps the journal of an open room.
pub struct Journal {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    /// Why the last write failed, if it did (the app says so).
    pub error: Arc<Mutex<Option<String>>>,
}

impl Journal {
    /// Starts writing `shared`'s data to `path` after every change.
    pub fn start(path: PathBuf, shared: Arc<Shared>) -> Journal {
        let stop = Arc::new(AtomicBool::new(false));
        let error = Arc::new(Mutex::new(None));
        let (stop2, error2) = (stop.clone(), error.clone());
        let thread = std::thread::Builder::new()
            .name("room journal".into())
            .spawn(move || {
                let mut written = 0;
                loop {
                    let last = stop2.load(Ordering::SeqCst);
                    let now = shared.data_generation();
                    if now != written {
                        let data = shared.data().clone();
                        let result = write(&path, &data);
                        if let Ok(mut e) = error2.lock() {
                            *e = result.err().map(|e| e.to_string());
                        }
                        written = now;
                    }
                    if last {
                        return;
                    }
                    // Woken at once by `end`, so closing the room never waits out a turn.
                    std::thread::park_timeout(EVERY);
                }
            })
            .ok();
        Journal {
            stop,
            thread,
            error,
        }
    }

    /// Writes what is left and stops.
    pub fn stop(mut self) {
        self.end();
    }

    fn end(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            t.thread().unpark();
            let _ = t.join();
        }
    }
}

impl Drop for Journal {
    fn drop(&mut self) {
        self.end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::room::{Proposal, ProposalState, Settings, Target};
    use std::os::unix::fs::PermissionsExt as _;

    fn proposal(id: u64) -> Proposal {
        Proposal {
            id,
            from: "p1".into(),
            author: "Ana".into(),
            column: crate::model::Column::Users,
            target: Target::None,
            text: format!("goal {id}"),
            why: String::new(),
            metric: String::new(),
            state: ProposalState::Waiting,
        }
    }

    #[test]
    fn a_proposal_is_on_disk_0600_within_a_moment_and_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let file = path(dir.path(), Path::new("/tmp/ws.ron"));
        assert!(file.starts_with(dir.path().join("rooms")));
        let shared = Arc::new(Shared::new(
            Settings {
                address: "127.0.0.1:0".parse().unwrap(),
                read_only: false,
                votes_per_person: 3,
            },
            RoomData::default(),
            Arc::default(),
        ));
        let journal = Journal::start(file.clone(), shared.clone());
        shared.change(|d| d.proposals.push(proposal(1)));
        let start = std::time::Instant::now();
        while read(&file).is_none() {
            assert!(start.elapsed() < Duration::from_secs(5), "never written");
            std::thread::sleep(Duration::from_millis(10));
        }
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        shared.change(|d| d.proposals.push(proposal(2)));
        journal.stop();
        assert_eq!(
            read(&file).unwrap().proposals.len(),
            2,
            "the last change is written on stop"
        );
        // Nothing waiting: the journal goes.
        shared.change(|d| {
            d.proposals
                .iter_mut()
                .for_each(|p| p.state = ProposalState::Taken)
        });
        write(&file, &shared.data()).unwrap();
        assert!(!file.exists());
    }
}
