//! The writer: saves and recovery copies are written off the UI thread, one at a time, in the
//! order they were asked for, from a snapshot (`Arc<Workspace>`) of the workspace. Two saves
//! never interleave, and a recovery copy removed after a save is never written back by an older
//! job still in the queue.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use crate::model::Workspace;
use crate::store::disk::{self, Fingerprint};
use crate::store::{self, to_ron};

/// Something to write.
#[derive(Debug)]
pub enum Job {
    Save {
        path: PathBuf,
        workspace: Arc<Workspace>,
        state: u64,
        /// What the file was when loaded or last saved (`None`: it did not exist). A save
        /// finds the file different and `force` is off → nothing is written.
        expect: Option<Fingerprint>,
        force: bool,
        /// Back the old file up here first (the first save of a session).
        backup_to: Option<PathBuf>,
    },
    Recovery {
        file: PathBuf,
        workspace: Arc<Workspace>,
    },
    RemoveRecovery {
        file: PathBuf,
    },
}

/// What became of a job.
#[derive(Debug)]
pub enum Done {
    Saved {
        state: u64,
        /// The new file's fingerprint, and whether a backup was made first.
        result: Result<(Fingerprint, bool), String>,
    },
    /// The file changed on disk since it was loaded or saved; nothing was written.
    Conflict {
        state: u64,
    },
    RecoveryFailed(String),
    /// The job needed no answer.
    Nothing,
}

fn same_file(now: Option<&Fingerprint>, expect: Option<&Fingerprint>) -> bool {
    match (now, expect) {
        (None, None) => true,
        (Some(a), Some(b)) => a.same_content(b),
        _ => false,
    }
}

/// Does one job. Never panics on I/O errors: they come back as text.
pub fn perform(job: Job) -> Option<Done> {
    match job {
        Job::Save {
            path,
            workspace,
            state,
            expect,
            force,
            backup_to,
        } => {
            if !force && !same_file(disk::fingerprint(&path).as_ref(), expect.as_ref()) {
                return Some(Done::Conflict { state });
            }
            let mut backed_up = false;
            if let Some(dir) = backup_to {
                match disk::backup(&path, &dir) {
                    Ok(made) => backed_up = made.is_some(),
                    Err(e) => {
                        return Some(Done::Saved {
                            state,
                            result: Err(format!(
                                "could not back up the old file to {}: {e}",
                                dir.display()
                            )),
                        });
                    }
                }
            }
            let bytes = to_ron(&workspace);
            // Let go of the snapshot before the slow part (write, fsync): while the writer holds
            // it, each persona the UI thread changes is copied once (personas are shared).
            drop(workspace);
            let result = store::write_atomic(&path, bytes.as_bytes())
                .map(|()| {
                    (
                        Fingerprint::of_written(
                            &store::save::resolve_target(&path),
                            bytes.as_bytes(),
                        ),
                        backed_up,
                    )
                })
                .map_err(|e| e.to_string());
            Some(Done::Saved { state, result })
        }
        Job::Recovery { file, workspace } => {
            let bytes = to_ron(&workspace);
            drop(workspace);
            store::recovery::write_bytes(&file, bytes.as_bytes())
                .err()
                .map(|e| Done::RecoveryFailed(format!("could not write the recovery copy: {e}")))
        }
        Job::RemoveRecovery { file } => store::recovery::remove(&file)
            .err()
            .map(|e| Done::RecoveryFailed(format!("could not remove the recovery copy: {e}"))),
    }
}

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
    use super::*;

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
            result: Ok((fp, backed_up)),
            ..
        }) = perform(save(true))
        else {
            panic!("forced save must write")
        };
        assert!(backed_up);
        assert_eq!(disk::fingerprint(&path), Some(fp));
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
        assert!(
            writer.finished().is_empty(),
            "recovery writes that worked say nothing"
        );
        assert!(!writer.busy());
    }
}
