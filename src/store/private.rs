//! Private stays private (SPEC §7): the data directory and its `recovery/`, `backups/` and
//! `locks/` are 0700, and every file the app keeps there is 0600 — they hold the same notes about
//! real customers as the workspace. Modes are set explicitly, so the umask does not matter, and
//! what an older version created with wider modes is mended when the app starts.

use std::io::Write as _;
use std::os::unix::fs::{DirBuilderExt as _, PermissionsExt as _};
use std::path::Path;

use atomic_write_file::AtomicWriteFile;

use super::Dirs;

/// The mode of the app's directories.
pub const DIR_MODE: u32 = 0o700;
/// The mode of the app's files.
pub const FILE_MODE: u32 = 0o600;

/// Creates `dir` (and any missing parents) 0700, and makes `dir` itself 0700 if it was not.
pub fn dir(dir: &Path) -> std::io::Result<()> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)?;
    set_mode(dir, DIR_MODE)
}

/// Writes `bytes` to `path` atomically, the file 0600 before it takes the name.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = AtomicWriteFile::options().open(path)?;
    file.as_file()
        .set_permissions(std::fs::Permissions::from_mode(FILE_MODE))?;
    file.write_all(bytes)?;
    file.commit()
}

/// Mends what an older version (or a wide umask) left: the data directory and its three
/// directories 0700, the files in them 0600. Only what exists is touched, and only when its mode
/// is wrong; nothing is created. Best effort: a file that cannot be changed is left as it is.
pub fn mend(dirs: &Dirs) {
    let _ = set_mode(&dirs.data, DIR_MODE);
    for sub in [dirs.recovery_dir(), dirs.backups_dir(), dirs.locks_dir()] {
        if set_mode(&sub, DIR_MODE).is_err() {
            continue;
        }
        for entry in std::fs::read_dir(&sub).into_iter().flatten().flatten() {
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                let _ = set_mode(&entry.path(), FILE_MODE);
            }
        }
    }
    let workspace = dirs.default_workspace();
    if std::fs::symlink_metadata(&workspace).is_ok_and(|m| m.is_file()) {
        let _ = set_mode(&workspace, FILE_MODE);
    }
}

/// Sets the permission bits of an existing file or directory (not through a symlink's target
/// when the path is a symlink: a link placed there is not followed to change someone's file).
fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    let meta = std::fs::symlink_metadata(path)?;
    if meta.file_type().is_symlink() {
        return Ok(());
    }
    if meta.permissions().mode() & 0o7777 != mode {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).expect("stat").permissions().mode() & 0o7777
    }

    #[test]
    fn directories_are_made_private_and_files_written_private() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let nested = tmp.path().join("data/recovery");
        dir(&nested).expect("mkdir");
        assert_eq!(mode(&nested), 0o700);
        assert_eq!(mode(&tmp.path().join("data")), 0o700);
        let file = nested.join("copy.ron");
        write(&file, b"notes").expect("write");
        assert_eq!(mode(&file), 0o600);
        assert_eq!(std::fs::read(&file).expect("read"), b"notes");
    }

    #[test]
    fn mend_narrows_what_an_older_version_left_wide() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dirs = Dirs {
            config: tmp.path().join("config"),
            data: tmp.path().join("data"),
        };
        for d in [dirs.recovery_dir(), dirs.backups_dir(), dirs.locks_dir()] {
            std::fs::create_dir_all(&d).expect("mkdir");
            std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o755)).expect("chmod");
            let f = d.join("old.ron");
            std::fs::write(&f, "x").expect("write");
            std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        }
        std::fs::set_permissions(&dirs.data, std::fs::Permissions::from_mode(0o755))
            .expect("chmod");
        mend(&dirs);
        assert_eq!(mode(&dirs.data), 0o700);
        for d in [dirs.recovery_dir(), dirs.backups_dir(), dirs.locks_dir()] {
            assert_eq!(mode(&d), 0o700, "{}", d.display());
            assert_eq!(mode(&d.join("old.ron")), 0o600);
        }
    }
}
