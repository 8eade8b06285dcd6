//! Recovery copies: while there are unsaved changes the workspace is also written to a file in
//! the data directory, keyed by the workspace's full path. It is never written over the real
//! file by itself; opening a file that has one asks what to do with it.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::format::to_ron;
use crate::model::Workspace;

/// FNV-1a: a stable hash (the same on every run and build), unlike std's `DefaultHasher`.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_continue(FNV_OFFSET, bytes)
}

/// The FNV-1a starting value.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a over more bytes, from the hash of the bytes before them (for hashing in chunks).
pub fn fnv1a_continue(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The workspace's full path, as far as it can be resolved (the file may not exist yet).
pub fn full_path(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (
        abs.parent().and_then(|d| std::fs::canonicalize(d).ok()),
        abs.file_name(),
    ) {
        (Some(dir), Some(name)) => dir.join(name),
        _ => abs,
    }
}

/// The recovery file for a workspace path: `<dir>/<file name>-<hash of full path>.ron`.
pub fn recovery_path(recovery_dir: &Path, workspace: &Path) -> PathBuf {
    let full = full_path(workspace);
    let name = full
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "workspace".into());
    let hash = fnv1a(full.as_os_str().as_encoded_bytes());
    recovery_dir.join(format!("{name}-{hash:016x}.ron"))
}

/// Writes the recovery copy atomically, creating the directory when needed.
pub fn write(recovery_file: &Path, ws: &Workspace) -> std::io::Result<()> {
    write_bytes(recovery_file, to_ron(ws).as_bytes())
}

/// Writes an already serialised recovery copy.
pub fn write_bytes(recovery_file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = recovery_file.parent() {
        super::private::dir(dir)?;
    }
    super::private::write(recovery_file, bytes)
}

/// Removes the recovery copy; a missing one is fine (so is a directory that is not one: then
/// there can be no copy in it).
pub fn remove(recovery_file: &Path) -> std::io::Result<()> {
    use std::io::ErrorKind;
    match std::fs::remove_file(recovery_file) {
        Err(e) if !matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => Err(e),
        _ => Ok(()),
    }
}

/// A recovery copy found for a workspace.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub workspace: Workspace,
    pub modified: Option<SystemTime>,
}

/// The recovery copy for a workspace, if one exists and loads.
pub fn find(recovery_file: &Path) -> Option<Found> {
    let workspace = super::load(recovery_file).ok()?;
    let modified = std::fs::metadata(recovery_file)
        .and_then(|m| m.modified())
        .ok();
    Some(Found {
        workspace,
        modified,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_files_are_keyed_by_full_path() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (da, db) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir_all(&da).expect("mkdir");
        std::fs::create_dir_all(&db).expect("mkdir");
        let a = recovery_path(dir.path(), &da.join("w.ron"));
        let b = recovery_path(dir.path(), &db.join("w.ron"));
        assert_ne!(a, b);
        assert_eq!(a, recovery_path(dir.path(), &da.join("../a/w.ron")));
        assert!(
            a.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("w.ron-"))
        );
    }

    #[test]
    fn write_find_remove_round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = recovery_path(&dir.path().join("recovery"), &dir.path().join("w.ron"));
        let ws = crate::store::example();
        write(&file, &ws).expect("write");
        assert_eq!(find(&file).map(|f| f.workspace), Some(ws.clone()));
        let mut changed = ws.clone();
        std::sync::Arc::make_mut(&mut changed.columns[0][0]).name = "Renamed".into();
        std::sync::Arc::make_mut(&mut changed.columns[0][0]).goals[0].metric = "other".into();
        changed.columns[1].pop();
        assert_eq!(crate::model::differences(&ws, &changed), (2, 3));
        remove(&file).expect("remove");
        remove(&file).expect("missing is fine");
        assert!(find(&file).is_none());
    }
}
