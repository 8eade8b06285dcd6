//! The writes of a workspace file, each done at once: a save (checked against what the file was
//! when read, with a first backup), a recovery copy written or removed, a probe of the recovery
//! directory. `run`'s writer thread does them one at a time; `personas import` does one save.

use std::path::PathBuf;
use std::sync::Arc;

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
    /// Whether recovery copies can be written into `dir` again (a tiny file, written and
    /// removed), asked while they could not be.
    Probe {
        dir: PathBuf,
    },
}

/// A save that was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The new file's fingerprint.
    pub fingerprint: Fingerprint,
    /// A backup of the old file was made first.
    pub backed_up: bool,
    /// The backup was wanted but could not be made (the save went ahead all the same).
    pub backup_error: Option<String>,
}

/// What became of a job.
#[derive(Debug)]
pub enum Done {
    Saved {
        state: u64,
        result: Result<Written, String>,
    },
    /// The file changed on disk since it was loaded or saved; nothing was written.
    Conflict {
        state: u64,
    },
    /// The file has no write permission and `force` is off; nothing was written.
    ReadOnly {
        state: u64,
    },
    RecoveryFailed(String),
    /// A recovery copy (or a probe) was written, or why it could not be.
    Copies(Result<(), String>),
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
            let bytes = to_ron(&workspace);
            // Let go of the snapshot before the slow part (write, fsync): while the writer holds
            // it, each persona the UI thread changes is copied once (personas are shared).
            drop(workspace);
            // Check and rename under one OS lock, so another `personas` saving the same file
            // cannot slip in between (its save then finds our content and asks).
            let lock = disk::lock_dir_of(&path);
            let target = store::save::resolve_target(&path);
            let meta = std::fs::metadata(&target).ok();
            if meta.as_ref().is_some_and(std::fs::Metadata::is_dir) {
                return Some(Done::Saved {
                    state,
                    result: Err(format!(
                        "{} is a directory now, not a workspace file",
                        path.display()
                    )),
                });
            }
            if !force && meta.is_some_and(|m| m.permissions().readonly()) {
                return Some(Done::ReadOnly { state });
            }
            if !force && !same_file(disk::fingerprint(&path).as_ref(), expect.as_ref()) {
                return Some(Done::Conflict { state });
            }
            let mut backed_up = false;
            let mut backup_error = None;
            if let Some(dir) = backup_to {
                // A backup that cannot be made never stops the save (SPEC §7).
                match disk::backup(&path, &dir) {
                    Ok(made) => backed_up = made.is_some(),
                    Err(e) => {
                        backup_error = Some(format!(
                            "could not back up the old file to {}: {e}",
                            dir.display()
                        ))
                    }
                }
            }
            let result = store::write_atomic(&path, bytes.as_bytes())
                .map(|()| Written {
                    fingerprint: Fingerprint::of_written(&target, bytes.as_bytes()),
                    backed_up,
                    backup_error,
                })
                .map_err(|e| e.to_string());
            drop(lock);
            Some(Done::Saved { state, result })
        }
        Job::Recovery { file, workspace } => {
            let bytes = to_ron(&workspace);
            drop(workspace);
            Some(Done::Copies(
                store::recovery::write_bytes(&file, bytes.as_bytes())
                    .map_err(|e| format!("could not write the recovery copy: {e}")),
            ))
        }
        Job::Probe { dir } => {
            let probe = dir.join(format!(".probe-{}", std::process::id()));
            let written = store::private::dir(&dir)
                .and_then(|()| store::private::write(&probe, b"personas\n"))
                .and_then(|()| std::fs::remove_file(&probe));
            if written.is_err() {
                let _ = std::fs::remove_file(&probe);
            }
            Some(Done::Copies(written.map_err(|e| {
                format!("cannot write into {}: {e}", dir.display())
            })))
        }
        Job::RemoveRecovery { file } => store::recovery::remove(&file)
            .err()
            .map(|e| Done::RecoveryFailed(format!("could not remove the recovery copy: {e}"))),
    }
}
