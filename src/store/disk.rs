//! What the app knows about the file on disk: a fingerprint to notice changes made by others,
//! backups of the file as it was before a session's first save, and a lock file that tells a
//! second instance the file is already open. Knows nothing about the screen.
//!
//! The instance lock is an OS lock (`flock`) on a file in the data directory, held as long as
//! the process lives: a dead instance's lock dies with it, so only a live one is ever reported.
//! The pid written into the file is for the message only.

use std::fs::{File, TryLockError};
use std::io::{Read as _, Seek as _, Write as _};
use std::os::unix::fs::{MetadataExt as _, OpenOptionsExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::recovery::{FNV_OFFSET, fnv1a, fnv1a_continue, full_path};

/// How many backups are kept per workspace file.
pub const BACKUPS_KEPT: usize = 10;

/// Size, modification time and content hash of a file, and which file it is (inode, change
/// time), so a file replaced with one of the same size in the same clock tick is still noticed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub size: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
    /// Inode number and change time (seconds, nanoseconds): a save by rename makes a new inode.
    pub inode: u64,
    pub changed: (i64, i64),
}

/// The identity part of a fingerprint: inode and change time.
fn identity(meta: &std::fs::Metadata) -> (u64, (i64, i64)) {
    (meta.ino(), (meta.ctime(), meta.ctime_nsec()))
}

impl Fingerprint {
    /// The fingerprint of bytes just written to `path`.
    pub fn of_written(path: &Path, bytes: &[u8]) -> Fingerprint {
        let meta = std::fs::metadata(path).ok();
        let (inode, changed) = meta.as_ref().map_or((0, (0, 0)), identity);
        Fingerprint {
            size: bytes.len() as u64,
            modified: meta.and_then(|m| m.modified().ok()),
            hash: fnv1a(bytes),
            inode,
            changed,
        }
    }

    /// The content is the same (whatever the timestamps say).
    pub fn same_content(&self, other: &Fingerprint) -> bool {
        self.size == other.size && self.hash == other.hash
    }
}

/// The fingerprint of the file now, or `None` when it does not exist or cannot be read. The
/// file is hashed in chunks, never held in memory whole.
pub fn fingerprint(path: &Path) -> Option<Fingerprint> {
    // Only a regular file: opening a FIFO put in its place would wait for a writer, and a
    // device would be hashed for ever. What is read is bounded as every input is.
    if !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let file = File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    let mut file = file.take(super::read::MAX_FILE_BYTES + 1);
    let modified = meta.modified().ok();
    let (inode, changed) = identity(&meta);
    let mut hash = FNV_OFFSET;
    let mut size = 0u64;
    let mut chunk = vec![0u8; 64 * 1024];
    loop {
        match file.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                hash = fnv1a_continue(hash, &chunk[..n]);
                size += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some(Fingerprint {
        size,
        modified,
        hash,
        inode,
        changed,
    })
}

/// Whether the file may have changed since `known`, judged by size, times and inode only
/// (cheap: no read). `true` means "read it and compare the hash".
pub fn may_have_changed(path: &Path, known: Option<&Fingerprint>) -> bool {
    let meta = std::fs::metadata(path).ok();
    match (meta, known) {
        (None, None) => false,
        (Some(m), Some(k)) => {
            m.len() != k.size
                || m.modified().ok() != k.modified
                || identity(&m) != (k.inode, k.changed)
        }
        _ => true,
    }
}

/// Holds the OS lock that serialises saves into one directory: every `personas` saving a file
/// there takes it around "check the file, then rename over it", so no two of them interleave.
/// Released when dropped. `None` when the directory cannot be locked (the save goes ahead).
pub fn lock_dir_of(path: &Path) -> Option<File> {
    let target = super::save::resolve_target(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dir = File::open(dir).ok()?;
    dir.lock().ok()?;
    Some(dir)
}

/// The stem every per-file name in the data directory starts with: `NAME-HASH`.
pub fn file_key(path: &Path) -> String {
    let full = full_path(path);
    let name = full
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "workspace".into());
    format!("{name}-{:016x}", fnv1a(full.as_os_str().as_encoded_bytes()))
}

/// `YYYYMMDD-HHMMSS` (UTC) for a time.
pub fn timestamp(t: SystemTime) -> String {
    let secs = t
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rem = secs % 86_400;
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}-{:02}{:02}{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Copies the file as it is now into `backups_dir` as `NAME-HASH-YYYYMMDD-HHMMSS-NNN.ron` and keeps
/// only the newest [`BACKUPS_KEPT`] of that file. Returns the backup's path (`None` when there
/// was no file to back up).
pub fn backup(path: &Path, backups_dir: &Path) -> std::io::Result<Option<PathBuf>> {
    let bytes = match super::read::read_file(path) {
        Ok(b) => b,
        Err(super::read::ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None);
        }
        Err(super::read::ReadError::Io(e)) => return Err(e),
        Err(e) => return Err(std::io::Error::other(e.to_string())),
    };
    super::private::dir(backups_dir)?;
    let key = file_key(path);
    let stamp = timestamp(SystemTime::now());
    // A counter keeps backups made in the same second apart and in order when sorted by name.
    let prefix = format!("{key}-{stamp}-");
    let last = std::fs::read_dir(backups_dir)?
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_prefix(&prefix)?
                .strip_suffix(".ron")?
                .parse::<u32>()
                .ok()
        })
        .max()
        .unwrap_or(0);
    let target = backups_dir.join(format!("{prefix}{:03}.ron", last + 1));
    super::private::write(&target, &bytes)?;
    let mut mine: Vec<PathBuf> = std::fs::read_dir(backups_dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&format!("{key}-")))
        })
        .collect();
    mine.sort();
    let excess = mine.len().saturating_sub(BACKUPS_KEPT);
    for old in &mine[..excess] {
        let _ = std::fs::remove_file(old);
    }
    Ok(Some(target))
}

/// The lock file that says "this workspace is open in process N".
pub fn lock_path(locks_dir: &Path, path: &Path) -> PathBuf {
    locks_dir.join(format!("{}.lock", file_key(path)))
}

/// The lock file of this instance, held (OS lock) until released or the process ends.
#[derive(Debug)]
pub struct InstanceLock {
    file: File,
}

/// What came of trying to take the instance lock.
#[derive(Debug)]
pub enum Claim {
    /// We hold it.
    Ours(InstanceLock),
    /// Another live process holds it (its pid, when the lock file says).
    Other(Option<u32>),
    /// No lock could be made (the data directory is broken); nothing is known.
    Unknown,
}

/// Takes the instance lock, or finds the live process that holds it. The pid is written into
/// the file when there is room for it; the OS lock does not need it (on a full disk the file
/// stays empty and a second instance is warned all the same).
pub fn claim(lock: &Path) -> Claim {
    if let Some(dir) = lock.parent() {
        let _ = super::private::dir(dir);
    }
    let Ok(mut file) = File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(super::private::FILE_MODE)
        .open(lock)
    else {
        return Claim::Unknown;
    };
    // A lock file an older version made 0644 (or a wide umask) is narrowed.
    let _ = file.set_permissions(std::fs::Permissions::from_mode(super::private::FILE_MODE));
    match file.try_lock() {
        Ok(()) => {
            let _ = file.set_len(0);
            let _ = writeln!(file, "{}", std::process::id()).and_then(|()| file.flush());
            Claim::Ours(InstanceLock { file })
        }
        Err(TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = file.rewind().and_then(|()| file.read_to_string(&mut text));
            Claim::Other(text.trim().parse().ok())
        }
        Err(TryLockError::Error(_)) => Claim::Unknown,
    }
}

impl InstanceLock {
    /// Empties the lock file and lets go of the lock. (The file stays: removing it could let two
    /// later instances lock two different files of the same name.)
    pub fn release(self) {
        let _ = self.file.set_len(0);
        let _ = self.file.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn timestamps_are_utc_calendar_dates() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_914_123);
        assert_eq!(timestamp(t), "20261129-010203");
        assert_eq!(timestamp(SystemTime::UNIX_EPOCH), "19700101-000000");
    }

    #[test]
    fn backups_keep_the_newest_ten_of_each_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("w.ron");
        let other = dir.path().join("other.ron");
        std::fs::write(&other, "other").expect("write");
        let backups = dir.path().join("backups");
        backup(&other, &backups).expect("backup");
        for i in 0..13 {
            std::fs::write(&file, format!("version {i}")).expect("write");
            backup(&file, &backups).expect("backup");
        }
        let key = file_key(&file);
        let mut mine: Vec<_> = std::fs::read_dir(&backups)
            .expect("dir")
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(&key))
            })
            .collect();
        mine.sort();
        assert_eq!(mine.len(), BACKUPS_KEPT);
        let newest = std::fs::read_to_string(mine.last().expect("one")).expect("read");
        assert_eq!(newest, "version 12");
        assert_eq!(
            std::fs::read_dir(&backups).expect("dir").count(),
            BACKUPS_KEPT + 1
        );
        assert_eq!(
            backup(&dir.path().join("missing.ron"), &backups).expect("ok"),
            None
        );
    }

    #[test]
    fn fingerprints_notice_other_writers() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("w.ron");
        assert!(!may_have_changed(&file, None));
        std::fs::write(&file, "a").expect("write");
        let known = fingerprint(&file).expect("exists");
        assert!(!may_have_changed(&file, Some(&known)));
        std::fs::write(&file, "bb").expect("write");
        assert!(may_have_changed(&file, Some(&known)));
        let now = fingerprint(&file).expect("exists");
        assert!(!now.same_content(&known));
        // Hashed in chunks, it is the same fingerprint as of the bytes in one piece.
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&file, &big).expect("write");
        assert_eq!(
            fingerprint(&file),
            Some(Fingerprint::of_written(&file, &big))
        );
    }

    #[test]
    fn the_instance_lock_is_exact() {
        let dir = tempfile::tempdir().expect("tempdir");
        let lock = lock_path(&dir.path().join("locks"), &dir.path().join("w.ron"));
        let Claim::Ours(held) = claim(&lock) else {
            panic!("a free lock is ours")
        };
        assert_eq!(
            std::fs::read_to_string(&lock).expect("read").trim(),
            std::process::id().to_string()
        );
        // Another open file description (as another process would have) is refused, and told
        // who holds it.
        assert!(matches!(claim(&lock), Claim::Other(Some(pid)) if pid == std::process::id()));
        held.release();
        // Released: free again, whatever pid the file held before.
        std::fs::write(&lock, "1\n").expect("write");
        assert!(matches!(claim(&lock), Claim::Ours(_)));
    }

    #[test]
    fn an_empty_lock_file_still_locks() {
        let dir = tempfile::tempdir().expect("tempdir");
        let lock = dir.path().join("w.lock");
        let held = File::create(&lock).expect("create");
        held.lock().expect("lock");
        assert!(matches!(claim(&lock), Claim::Other(None)));
    }

    #[test]
    fn a_file_replaced_in_the_same_tick_is_noticed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("w.ron");
        std::fs::write(&file, "aaaa").expect("write");
        let known = fingerprint(&file).expect("exists");
        let other = dir.path().join("x.ron");
        std::fs::write(&other, "bbbb").expect("write");
        let f = File::options().write(true).open(&other).expect("open");
        if let Some(t) = known.modified {
            f.set_modified(t).expect("same mtime");
        }
        std::fs::rename(&other, &file).expect("rename");
        assert!(may_have_changed(&file, Some(&known)));
    }

    #[test]
    fn a_fifo_or_a_device_in_the_file_s_place_has_no_fingerprint_and_does_not_block() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("fifo.ron");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        assert!(fingerprint(&fifo).is_none());
        assert!(fingerprint(Path::new("/dev/zero")).is_none());
    }
}
