//! The writer: saves and recovery copies are written off the UI thread, one at a time, in the
//! order they were asked for, from a snapshot (`Arc<Workspace>`) of the workspace. Two saves
//! never interleave, and a recovery copy removed after a save is never written back by an older
//! job still in the queue.

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

pub use crate::store::jobs::{Done, Job, Written, perform};

/// Runs jobs in order, on a thread of its own or (in tests, or when no thread can be started)
/// at once on the caller's.
pub struct Writer {
    thread: Option<Worker>,
    /// Results of jobs done on the caller's thread.
    done_here: VecDeque<Done>,
}

struct Worker {
    jobs: Sender<Job>,
    done: Receiver<Done>,
    handle: JoinHandle<()>,
    pending: usize,
}

impl Writer {
    pub fn inline() -> Writer {
        Writer {
            thread: None,
            done_here: VecDeque::new(),
        }
    }

    pub fn thread() -> Writer {
        let (jobs, inbox) = mpsc::channel::<Job>();
        let (outbox, done) = mpsc::channel::<Done>();
        let handle = std::thread::Builder::new()
            .name("personas-writer".into())
            .spawn(move || {
                for job in inbox {
                    // Every job answers (even with nothing), so the loop can count what is
                    // still pending.
                    if outbox.send(perform(job).unwrap_or(Done::Nothing)).is_err() {
                        break;
                    }
                }
            });
        Writer {
            thread: handle.ok().map(|handle| Worker {
                jobs,
                done,
                handle,
                pending: 0,
            }),
            done_here: VecDeque::new(),
        }
    }

    pub fn submit(&mut self, job: Job) {
        let job = match &mut self.thread {
            Some(w) => match w.jobs.send(job) {
                Ok(()) => {
                    w.pending += 1;
                    return;
                }
                // The thread is gone: do it here rather than not at all.
                Err(mpsc::SendError(job)) => job,
            },
            None => job,
        };
        self.done_here.extend(perform(job));
    }

    /// Results that have come in since last asked.
    pub fn finished(&mut self) -> Vec<Done> {
        let mut out: Vec<Done> = self.done_here.drain(..).collect();
        if let Some(w) = &mut self.thread {
            for d in w.done.try_iter() {
                w.pending = w.pending.saturating_sub(1);
                if !matches!(d, Done::Nothing) {
                    out.push(d);
                }
            }
        }
        out
    }

    /// Whether a result may still come in (the loop then polls more often).
    pub fn busy(&self) -> bool {
        !self.done_here.is_empty() || self.thread.as_ref().is_some_and(|w| w.pending > 0)
    }

    /// Waits until every job asked for is written, then stops the thread. Results not yet
    /// collected stay available from [`Writer::finished`].
    pub fn finish(&mut self) {
        if let Some(w) = self.thread.take() {
            drop(w.jobs);
            let _ = w.handle.join();
            self.done_here
                .extend(w.done.try_iter().filter(|d| !matches!(d, Done::Nothing)));
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::Arc;

    use super::*;
    use crate::store::{self, disk};

    #[test]
    fn a_save_over_a_file_changed_on_disk_is_refused_unless_forced() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("w.ron");
        std::fs::write(&path, "theirs").expect("write");
        let ws = Arc::new(store::example());
        let save = |force| Job::Save {
            path: path.clone(),
            workspace: Arc::clone(&ws),
            state: 7,
            expect: None,
            force,
            backup_to: Some(dir.path().join("backups")),
        };
        assert!(matches!(
            perform(save(false)),
            Some(Done::Conflict { state: 7 })
        ));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "theirs");
        let Some(Done::Saved {
            result: Ok(written),
            ..
        }) = perform(save(true))
        else {
            panic!("forced save must write")
        };
        assert!(written.backed_up && written.backup_error.is_none());
        assert_eq!(disk::fingerprint(&path), Some(written.fingerprint));
    }

    fn save_job(path: &std::path::Path, backup_to: Option<PathBuf>) -> Job {
        Job::Save {
            path: path.to_path_buf(),
            workspace: Arc::new(store::example()),
            state: 3,
            expect: disk::fingerprint(path),
            force: false,
            backup_to,
        }
    }

    #[test]
    fn a_backup_that_cannot_be_made_does_not_stop_the_save() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("w.ron");
        std::fs::write(&path, "(title: \"old\")").expect("write");
        let not_a_dir = dir.path().join("data");
        std::fs::write(&not_a_dir, "a file").expect("write");
        let Some(Done::Saved {
            result: Ok(written),
            ..
        }) = perform(save_job(&path, Some(not_a_dir.join("backups"))))
        else {
            panic!("the save must go ahead")
        };
        assert!(!written.backed_up);
        assert!(
            written
                .backup_error
                .is_some_and(|e| e.contains("could not back up"))
        );
        assert_eq!(store::load(&path).expect("loads"), store::example());
    }

    #[test]
    fn a_read_only_file_or_a_directory_is_not_written() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("w.ron");
        std::fs::write(&path, "old").expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
        assert!(matches!(
            perform(save_job(&path, None)),
            Some(Done::ReadOnly { state: 3 })
        ));
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "old");
        let folder = dir.path().join("folder.ron");
        std::fs::create_dir(&folder).expect("mkdir");
        let Some(Done::Saved {
            result: Err(why), ..
        }) = perform(save_job(&folder, None))
        else {
            panic!("a directory is not saved over")
        };
        assert!(why.contains("folder.ron is a directory now"), "{why}");
    }

    #[test]
    fn the_thread_writes_jobs_in_order_and_finish_waits_for_them() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("recovery").join("w.ron");
        let mut writer = Writer::thread();
        for _ in 0..5 {
            writer.submit(Job::Recovery {
                file: file.clone(),
                workspace: Arc::new(store::example()),
            });
        }
        writer.submit(Job::RemoveRecovery { file: file.clone() });
        writer.finish();
        assert!(
            !file.exists(),
            "the removal comes after every write queued before it"
        );
        let done = writer.finished();
        assert!(
            done.iter().all(|d| matches!(d, Done::Copies(Ok(())))),
            "recovery writes that worked say only that: {done:?}"
        );
        assert!(!writer.busy());
    }
}
