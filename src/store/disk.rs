//! What the app knows about the file on disk: a fingerprint to notice changes made by others,
//! backups of the file as it was before a session's first save, and a lock file that tells a
//! second instance the file is already open. Knows nothing about the screen.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::recovery::{FNV_OFFSET, fnv1a, fnv1a_continue, full_path};

/// How many backups are kept per workspace file.
pub const BACKUPS_KEPT: usize = 10;

/// Size, modification time and content hash of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub size: u64,
    pub modified: Option<SystemTime>,
    pub hash: u64,
}

impl Fingerprint {
    /// The fingerprint of bytes just written to `path`.
    pub fn of_written(path: &Path, bytes: &[u8]) -> Fingerprint {
        Fingerprint {
            size: bytes.len() as u64,
            modified: std::fs::metadata(path).and_then(|m| m.modified()).ok(),
            hash: fnv1a(bytes),
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
    use std::io::Read as _;
    let mut file = std::fs::File::open(path).ok()?;
    let modified = file.metadata().and_then(|m| m.modified()).ok();
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
    })
}

/// Whether the file may have changed since `known`, judged by size and time only (cheap: no
/// read). `true` means "read it and compare the hash".
pub fn may_have_changed(path: &Path, known: Option<&Fingerprint>) -> bool {
    let meta = std::fs::metadata(path).ok();
    match (meta, known) {
        (None, None) => false,
        (Some(m), Some(k)) => m.len() != k.size || m.modified().ok() != k.modified,
        _ => true,
    }
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
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    std::fs::create_dir_all(backups_dir)?;
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
    super::write_atomic(&target, &bytes)?;
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

/// Another live process that holds the lock, if any.
pub fn locked_by_other(lock: &Path) -> Option<u32> {
    let pid: u32 = std::fs::read_to_string(lock).ok()?.trim().parse().ok()?;
    let alive = Path::new("/proc").join(pid.to_string()).exists();
    (pid != std::process::id() && alive).then_some(pid)
}

/// Writes our process id into the lock file (best effort).
pub fn take_lock(lock: &Path) {
    if let Some(dir) = lock.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(mut f) = std::fs::File::create(lock) {
        let _ = writeln!(f, "{}", std::process::id());
    }
}

/// Removes the lock file if it is ours.
pub fn release_lock(lock: &Path) {
    let ours = std::fs::read_to_string(lock)
        .ok()
        .and_then(|s| s.trim().parse::<u32>().ok())
        == Some(std::process::id());
    if ours {
        let _ = std::fs::remove_file(lock);
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
    fn a_lock_held_by_a_live_process_is_seen() {
        let dir = tempfile::tempdir().expect("tempdir");
        let lock = lock_path(dir.path(), &dir.path().join("w.ron"));
        assert_eq!(locked_by_other(&lock), None);
        take_lock(&lock);
        assert_eq!(
            locked_by_other(&lock),
            None,
            "our own lock is not another's"
        );
        std::fs::write(&lock, "1\n").expect("write");
        assert_eq!(locked_by_other(&lock), Some(1), "pid 1 is always alive");
        std::fs::write(&lock, "999999999\n").expect("write");
        assert_eq!(locked_by_other(&lock), None, "a dead process holds nothing");
        take_lock(&lock);
        release_lock(&lock);
        assert!(!lock.exists());
    }
}
