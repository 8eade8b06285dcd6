//! Two writers on one file never lose each other's saves (SPEC §7, issue 11.4).
//!
//! The parent test re-executes this test binary twice to run `two_writers_child`, each child
//! being one `personas` saving the same file 200 times with random gaps of 0–20 ms through the
//! app's own writer (`run::writer::perform`, the job the writer thread runs on Ctrl-s). Before
//! each save the child makes one edit (a new persona named after it and the round). A save the
//! writer reports as saved counts as saved; a save refused because the file changed on disk is
//! what the app turns into its "changed on disk" question — the child answers it the way that
//! keeps everything: reload, keep its own unsaved edits on top, and save again later.
//! Afterwards every edit a child was told was saved is in the file.

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use personas::model::{Kind, Persona, Workspace};
use personas::run::writer::{Done, Job, perform};
use personas::store::disk::{self, Fingerprint};
use personas::store::{self, EXAMPLE};

const CHILD_ENV: &str = "PERSONAS_TWO_WRITERS";
const CHILD_TEST: &str = "two_writers_child";
const ROUNDS: usize = 200;

/// SplitMix64, seeded per child.
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

/// The file as it is now, loaded, with the fingerprint of exactly those bytes.
fn read(path: &Path) -> (Workspace, Fingerprint) {
    loop {
        let bytes = std::fs::read(path).expect("read");
        let fingerprint = disk::fingerprint(path);
        // The file may be replaced between the two reads; then read again.
        if let Some(fp) = fingerprint
            && fp.same_content(&Fingerprint::of_written(path, &bytes))
        {
            return (store::parse_bytes(&bytes).expect("the file loads"), fp);
        }
    }
}

fn persona(id: &str) -> Persona {
    Persona {
        id: id.into(),
        name: id.into(),
        kind: Some(Kind::GoalDirected),
        ..Persona::default()
    }
}

/// One writer: prints `saved ID` for every edit a save reported as written.
#[test]
fn two_writers_child() {
    let Some(spec) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let spec = spec.to_string_lossy().into_owned();
    let (who, rest) = spec.split_once(':').expect("WHO:SEED:PATH");
    let (seed, path) = rest.split_once(':').expect("SEED:PATH");
    let path = PathBuf::from(path);
    let mut rng = Rng(seed.parse().expect("seed"));
    let (mut ws, mut known) = read(&path);
    let mut unsaved: Vec<String> = Vec::new();
    for round in 0..ROUNDS {
        let id = format!("{who}-{round}");
        ws.columns[0].push(std::sync::Arc::new(persona(&id)));
        unsaved.push(id);
        let job = Job::Save {
            path: path.clone(),
            workspace: Arc::new(ws.clone()),
            state: round as u64,
            expect: Some(known),
            force: false,
            backup_to: None,
        };
        match perform(job) {
            Some(Done::Saved {
                result: Ok(written),
                ..
            }) => {
                known = written.fingerprint;
                for id in unsaved.drain(..) {
                    println!("saved {id}");
                }
            }
            Some(Done::Conflict { .. }) => {
                // Asked: reload, and keep our unsaved edits on top.
                let (theirs, fp) = read(&path);
                ws = theirs;
                known = fp;
                for id in &unsaved {
                    ws.columns[0].push(std::sync::Arc::new(persona(id)));
                }
            }
            other => panic!("{who}: the save failed: {other:?}"),
        }
        std::thread::sleep(Duration::from_micros(rng.next() % 20_001));
    }
    println!("done");
}

struct ChildGuard(Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn spawn(who: &str, seed: u64, path: &Path) -> ChildGuard {
    let exe = std::env::current_exe().expect("current exe");
    let child = Command::new(exe)
        .args(["--exact", CHILD_TEST, "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, format!("{who}:{seed}:{}", path.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn child");
    ChildGuard(child)
}

/// What a child reported saved; panics unless it ran to the end.
fn reported(mut child: ChildGuard) -> Vec<String> {
    let stdout = child.0.stdout.take().expect("stdout");
    let mut saved = Vec::new();
    let mut done = false;
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("child output");
        if let Some(id) = line.strip_prefix("saved ") {
            saved.push(id.to_string());
        }
        done |= line == "done";
    }
    let status = child.0.wait().expect("wait");
    assert!(status.success() && done, "a child failed");
    saved
}

#[test]
fn nothing_reported_saved_is_lost() {
    if std::env::var_os(CHILD_ENV).is_some() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("shared.ron");
    std::fs::write(&path, EXAMPLE).expect("write");
    let seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .expect("clock")
        .as_nanos() as u64;
    let a = spawn("a", seed, &path);
    let b = spawn("b", seed ^ 0x5555, &path);
    let (saved_a, saved_b) = (reported(a), reported(b));
    let ws = store::load(&path).expect("the file loads");
    let ids: std::collections::HashSet<&str> = ws.personas().map(|(_, p)| p.id.as_str()).collect();
    let lost: Vec<&String> = saved_a
        .iter()
        .chain(&saved_b)
        .filter(|id| !ids.contains(id.as_str()))
        .collect();
    eprintln!(
        "seed {seed}: a saved {}, b saved {} of {ROUNDS} edits each; {} lost",
        saved_a.len(),
        saved_b.len(),
        lost.len()
    );
    assert!(
        lost.is_empty(),
        "seed {seed}: reported saved but missing from the file: {lost:?}"
    );
    assert!(
        !saved_a.is_empty() && !saved_b.is_empty(),
        "both writers got saves through"
    );
}
