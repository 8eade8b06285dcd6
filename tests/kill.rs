//! A save killed at any moment leaves the old file or the new one, never a mix (SPEC §7).
//!
//! The parent test re-executes this test binary to run only `kill_child_save_loop`, with
//! `PERSONAS_KILL_CHILD` naming the directory of the file. The child saves two large versions of
//! a workspace (~2.5 MB of RON each), A and B, in turn, forever; the parent kills it with SIGKILL
//! after a random 0-30 ms, then loads the file and finds exactly A or exactly B, with its
//! permissions kept. Leftover temporary files of the killed saves are never what is loaded, and
//! old ones are cleaned up.

use std::io::{BufRead as _, BufReader};
use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use personas::model::{BuyingRole, Column, Goal, Kind, Persona, Workspace};
use personas::store::save::clean_stale_temp_files;
use personas::store::{load, save, to_ron, write_atomic};

const CHILD_ENV: &str = "PERSONAS_KILL_CHILD";
const CHILD_TEST: &str = "kill_child_save_loop";
const READY: &str = "PERSONAS-KILL-CHILD-READY";
const KILLS: usize = 60;

/// A workspace of a few MB of RON. `version` is in the title and in every text, and the two
/// versions differ in length, so any mix of A and B is caught.
fn big_workspace(version: &str) -> Workspace {
    workspace(version, 100)
}

/// `personas` personas a column, 10 goals each, each linked to two goals of the next column up.
fn workspace(version: &str, personas: usize) -> Workspace {
    const GOALS: usize = 10;
    let filler = format!(
        "{version} — \"quoted\", back\\slash, tab\t, emoji 🦀, accents é, and enough words to \
         make a goal take a few hundred bytes in the file. {}",
        version.repeat(version.len() * 8)
    );
    let mut ws = Workspace {
        title: format!("Version {version}"),
        columns: Default::default(),
        conflicts: Vec::new(),
    };
    for column in Column::ALL {
        for p in 0..personas {
            let pid = format!("{}-{p}", column.noun());
            let goals = (0..GOALS)
                .map(|g| Goal {
                    id: format!("{pid}-goal-{g}"),
                    text: format!("Goal {g} of {pid}: {filler}"),
                    why: format!("Why {g}: {filler}"),
                    metric: format!("Metric {g}: {filler}"),
                    supports: match column.up() {
                        Some(up) => (0..2)
                            .map(|k| format!("{}-{}-goal-{}", up.noun(), (p + k) % personas, g))
                            .collect(),
                        None => Vec::new(),
                    },
                    ..Goal::default()
                })
                .collect();
            let buyer = column == Column::Buyers;
            ws.column_mut(column).push(std::sync::Arc::new(Persona {
                id: pid.clone(),
                name: format!("Persona {pid} {version}"),
                role: format!("Role {version}"),
                kind: Some(column.kinds()[p % 4]),
                buying_role: buyer.then_some(BuyingRole::ALL[p % 3]),
                summary: filler.clone(),
                goals,
                pains: vec![filler.clone(), format!("pain {version}")],
                quote: filler.clone(),
                notes: format!("line one {version}\nline two"),
                objections: if buyer { vec![filler.clone()] } else { vec![] },
                criteria: if buyer { vec![filler.clone()] } else { vec![] },
            }));
        }
    }
    debug_assert!(matches!(
        ws.column(Column::Users)[0].kind,
        Some(Kind::GoalDirected)
    ));
    ws
}

/// The child: saves A and B in turn until it is killed. A normal test that does nothing unless
/// the parent set `PERSONAS_KILL_CHILD` to the directory holding `w.ron`.
///
/// It writes the bytes `save` would write (`A.src` and `B.src`, rendered by the parent) with
/// `write_atomic`: rendering a few MB in a debug build takes far longer than writing them, and
/// the kills are meant to land in the disk I/O, the part that must be atomic.
#[test]
fn kill_child_save_loop() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let a = std::fs::read(dir.join("A.src")).expect("A");
    let b = std::fs::read(dir.join("B.src")).expect("B");
    let path = dir.join("w.ron");
    println!("{READY}");
    loop {
        write_atomic(&path, &b).expect("child saves B");
        write_atomic(&path, &a).expect("child saves A");
    }
}

/// Kills the child if the parent test fails half-way.
struct ChildGuard(Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// SplitMix64: enough randomness for sleep lengths, with a seed printed for a rerun.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

fn spawn_child(dir: &Path) -> ChildGuard {
    let exe = std::env::current_exe().expect("current exe");
    let mut child = Command::new(exe)
        .args(["--exact", CHILD_TEST, "--nocapture", "--include-ignored"])
        .env(CHILD_ENV, dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn child");
    let stdout = child.stdout.take().expect("child stdout");
    let guard = ChildGuard(child);
    for line in BufReader::new(stdout).lines() {
        if line.expect("child output").contains(READY) {
            return guard;
        }
    }
    panic!("the child ended before it was ready");
}

/// Temporary files next to `path`: `.NAME.XXXXXX`.
fn temp_files(path: &Path) -> Vec<PathBuf> {
    let prefix = format!(".{}.", path.file_name().expect("name").to_string_lossy());
    let mut found: Vec<PathBuf> = std::fs::read_dir(path.parent().expect("dir"))
        .expect("read dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
        })
        .collect();
    found.sort();
    found
}

fn age(path: &Path, by: Duration) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(SystemTime::now() - by))
        .expect("set mtime");
}

#[test]
fn a_killed_save_leaves_the_old_file_or_the_new_one() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    let started = Instant::now();
    let a = big_workspace("A");
    let b = big_workspace("BB");
    let (a_text, b_text) = (to_ron(&a), to_ron(&b));
    assert!(a_text.len() > 2 << 20, "A is {} bytes", a_text.len());
    assert!(b_text.len() > a_text.len());

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.ron");
    save(&path, &a).expect("save A");
    std::fs::write(dir.path().join("A.src"), &a_text).expect("A.src");
    std::fs::write(dir.path().join("B.src"), &b_text).expect("B.src");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");

    // Decoys where a killed save leaves its temporary file: never what load reads. Recent, so
    // load's clean-up leaves them be.
    let garbage = dir.path().join(".w.ron.Garb01");
    std::fs::write(&garbage, "(title: \"half a fi").expect("write decoy");
    let other = dir.path().join(".w.ron.Other2");
    save(&other, &big_workspace("C")).expect("write decoy");

    let seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .expect("clock")
        .as_nanos() as u64;
    let mut rng = Rng(seed);
    let (mut saw_a, mut saw_b) = (0, 0);
    for kill in 0..KILLS {
        let mut child = spawn_child(dir.path());
        std::thread::sleep(Duration::from_micros(rng.next() % 30_001));
        child.0.kill().expect("kill");
        child.0.wait().expect("wait");

        let bytes = std::fs::read(&path).expect("read");
        let which = if bytes == a_text.as_bytes() {
            saw_a += 1;
            &a
        } else if bytes == b_text.as_bytes() {
            saw_b += 1;
            &b
        } else {
            panic!(
                "kill {kill} (seed {seed}): the file is neither A nor B ({} bytes)",
                bytes.len()
            );
        };
        let loaded = load(&path).unwrap_or_else(|e| {
            panic!("kill {kill} (seed {seed}): {}", e.render("w.ron"));
        });
        assert!(&loaded == which, "kill {kill} (seed {seed})");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o640, "kill {kill}: permissions kept");
    }
    assert!(garbage.exists() && other.exists());
    let leftovers = temp_files(&path);
    eprintln!(
        "{KILLS} kills (seed {seed}): {saw_a} A, {saw_b} B, {} leftover temporary file(s) \
         besides the 2 decoys, in {:?}",
        leftovers.len() - 2,
        started.elapsed()
    );
    // The random kills may all land before the first save completes on a slow disk; that says
    // nothing about speed. That saves do complete is checked by waiting for one, however long.
    if saw_b == 0 {
        let mut child = spawn_child(dir.path());
        let start = Instant::now();
        while std::fs::read(&path).expect("read") != b_text.as_bytes() {
            assert!(
                start.elapsed() < Duration::from_secs(300),
                "seed {seed}: the child never completed a save"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        child.0.kill().expect("kill");
        child.0.wait().expect("wait");
        assert_eq!(load(&path).expect("loads"), b);
    }

    // An hour later they are all stale: cleaning removes every one and nothing else.
    for temp in &leftovers {
        age(temp, Duration::from_secs(3600));
    }
    clean_stale_temp_files(&path);
    assert_eq!(temp_files(&path), Vec::<PathBuf>::new());
    for kept in ["A.src", "B.src"] {
        assert!(
            dir.path().join(kept).exists(),
            "{kept} is not a temporary file"
        );
    }
    let loaded = load(&path).expect("loads after clean-up");
    assert!(loaded == a || loaded == b);
}

#[test]
fn temporary_files_are_never_loaded_and_old_ones_are_removed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("w.ron");
    let ws = big_workspace("A");
    let small = workspace("S", 2);
    save(&path, &small).expect("save");

    let stale = dir.path().join(".w.ron.AbC123");
    let fresh = dir.path().join(".w.ron.XyZ789");
    let not_ours = [
        dir.path().join(".w.ron.toolong7"),
        dir.path().join(".w.ron.ab-12"),
        dir.path().join(".x.ron.AbC123"),
        dir.path().join("w.ron.AbC123"),
    ];
    save(&stale, &ws).expect("stale");
    std::fs::write(&fresh, "garbage").expect("fresh");
    for p in &not_ours {
        std::fs::write(p, "x").expect("write");
    }
    age(&stale, Duration::from_secs(3600));
    for p in &not_ours {
        age(p, Duration::from_secs(3600));
    }

    clean_stale_temp_files(&path);
    assert!(!stale.exists(), "an hour-old temporary file is removed");
    assert!(fresh.exists(), "a recent one may be a save in progress");
    for p in &not_ours {
        assert!(
            p.exists(),
            "{} is not a temporary file of w.ron",
            p.display()
        );
    }

    // Load reads the named file only, whatever lies next to it; on the way it cleans up the
    // stale temporary files of the file it loads.
    save(&stale, &ws).expect("stale again");
    age(&stale, Duration::from_secs(3600));
    assert_eq!(load(&path).expect("loads"), small);
    assert!(!stale.exists());
    assert!(fresh.exists());
    std::fs::write(&path, "(title: \"broken\"").expect("break the file");
    assert!(
        load(&path).is_err(),
        "a broken file is not rescued from a temporary file"
    );
    assert_eq!(std::fs::read(&fresh).expect("fresh"), b"garbage");
    save(&path, &small).expect("save");
    assert_eq!(load(&path).expect("still loads"), small);
}
