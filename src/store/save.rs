//! Atomic save (SPEC §7): a temporary file in the same directory, fsync, rename over the old
//! file, fsync of the directory. A kill at any moment leaves the old file or the new one.
//! Permissions are kept; a symlinked path is written through to its target.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use atomic_write_file::AtomicWriteFile;

use super::format::to_ron;
use crate::model::Workspace;

/// Temporary files of a save are `.NAME.XXXXXX` next to the file (atomic-write-file's naming).
/// One older than this is left over from a killed save and is removed.
const STALE_AFTER: Duration = Duration::from_secs(60);

/// How many symlinks in a row are followed (the kernel's own limit).
const MAX_LINKS: usize = 40;

/// Where a save really writes: the final target of a symlink (also of a dangling one: the
/// file it names is created through it), else the path itself.
pub fn resolve_target(path: &Path) -> PathBuf {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => match std::fs::read_link(&at) {
                Ok(to) if to.is_absolute() => at = to,
                Ok(to) => at = at.parent().map_or_else(|| to.clone(), |dir| dir.join(&to)),
                Err(_) => return at,
            },
            _ => return at,
        }
    }
    at
}

/// Whether `path` is a symlink whose target does not exist (yet).
pub fn is_dangling_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && std::fs::metadata(path).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
}

/// Writes bytes atomically to `path` (through a symlink to its target).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = resolve_target(path);
    let mut file = AtomicWriteFile::options().open(&target)?;
    file.write_all(bytes)?;
    file.commit()
}

/// Serialises and saves a workspace atomically.
pub fn save(path: &Path, ws: &Workspace) -> std::io::Result<()> {
    write_atomic(path, to_ron(ws).as_bytes())
}

/// Removes temporary files left next to `path` by a save that was killed. Best effort: a file
/// that cannot be removed is left alone. Recent ones may belong to a save in progress and stay.
pub fn clean_stale_temp_files(path: &Path) {
    let target = resolve_target(path);
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let Some(suffix) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        if suffix.len() != 6 || !suffix.chars().all(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| SystemTime::now().duration_since(t).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt as _;

    #[test]
    fn save_keeps_permissions_and_writes_through_symlinks() {
        let dir = tempfile::tempdir().expect("tempdir");
        let real = dir.path().join("real.ron");
        std::fs::write(&real, "old").expect("write");
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&real, &link).expect("symlink");

        write_atomic(&link, b"new").expect("save");

        assert!(
            std::fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).expect("read"), "new");
        let mode = std::fs::metadata(&real).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[test]
    fn stale_temp_files_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("w.ron");
        let stale = dir.path().join(".w.ron.AbC123");
        let fresh = dir.path().join(".w.ron.XyZ789");
        let other = dir.path().join(".w.ron.notes");
        for p in [&file, &stale, &fresh, &other] {
            std::fs::write(p, "x").expect("write");
        }
        let old = SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&stale)
            .and_then(|f| f.set_modified(old))
            .expect("age");
        clean_stale_temp_files(&file);
        assert!(!stale.exists());
        assert!(fresh.exists(), "a save may be in progress");
        assert!(other.exists());
    }
}
