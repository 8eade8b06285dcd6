//! Every command reads its input with the 64 MiB bound (SPEC §6, issue 20): `/dev/zero`, a FIFO
//! whose writer never stops, standard input from `/dev/zero`, and a 65 MiB file are each a clear
//! error naming the input, with the command's "cannot read" exit code, in bounded memory — each
//! run under `ulimit -v` (256 MiB of address space), where an unbounded read fails with "out of
//! memory" instead of the 64 MiB message. And `git-setup` never writes a tracked file name that
//! holds a newline into `.gitattributes`, where it would split the line.
#![cfg(unix)]

use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::os::unix::ffi::OsStrExt as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_personas");

/// The address space a run may use, in KiB: the binary needs far less than this besides the
/// 64 MiB it may hold; an unbounded read of an endless input runs into it within a second.
const MEMORY_KIB: u64 = 256 * 1024;

/// A hang guard for a debug build on a busy machine, not a speed test.
const HANG: Duration = Duration::from_secs(60);

/// Exit codes of SPEC §6 / §9: `check`, `merge`, `import`, `diff`, `export` cannot read.
const CANNOT_READ: i32 = 2;

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

struct Place {
    dir: TempDir,
}

impl Place {
    fn new() -> Place {
        let place = Place {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        std::fs::write(place.path("a.ron"), personas::store::EXAMPLE).expect("write a.ron");
        std::fs::write(place.path("t.csv"), "persona,goal\nAda,Ship it\n").expect("write t.csv");
        place
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A sparse regular file of 65 MiB: over the limit by its size, without writing 65 MiB.
    fn large(&self) -> PathBuf {
        let path = self.path("large.ron");
        let file = std::fs::File::create(&path).expect("create");
        file.set_len(65 * 1024 * 1024).expect("set_len");
        path
    }

    /// `personas ARGS` under `ulimit -v`, in this place, killed after [`HANG`].
    fn run(&self, args: &[&OsStr], stdin: Stdio) -> Run {
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!("ulimit -v {MEMORY_KIB} && exec \"$0\" \"$@\""))
            .arg(BIN)
            .args(args)
            .current_dir(self.dir.path())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("NO_COLOR", "1")
            .stdin(stdin);
        finish(cmd)
    }
}

/// Runs `cmd` to its end, killing it after [`HANG`].
fn finish(mut cmd: Command) -> Run {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("poll") {
            break status;
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} still running after {HANG:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: out.join().expect("stdout"),
        stderr: err.join().expect("stderr"),
    }
}

/// A FIFO whose writer never stops: whoever opens it gets bytes until they close it, however
/// often it is opened, until the test is done. It counts what it wrote — how much the readers
/// took, give or take the pipe's buffer.
struct EndlessFifo {
    path: PathBuf,
    done: Arc<AtomicBool>,
    writer: Option<JoinHandle<u64>>,
}

/// `O_NONBLOCK`: opening a FIFO's read end with it never waits for a writer.
#[cfg(target_os = "linux")]
const O_NONBLOCK: i32 = 0o4000;
#[cfg(not(target_os = "linux"))]
const O_NONBLOCK: i32 = 0x4;

/// The most a bounded reader may take from an endless input: the limit, one chunk of the
/// writer, and the pipe's buffer (64 KiB on Linux; 1 MiB allowed).
const TAKEN_AT_MOST: u64 = (64 << 20) + (64 << 10) + (1 << 20);

impl EndlessFifo {
    fn new(path: PathBuf) -> EndlessFifo {
        let made = Command::new("mkfifo").arg(&path).status().expect("mkfifo");
        assert!(made.success(), "mkfifo {}", path.display());
        let done = Arc::new(AtomicBool::new(false));
        let writer = {
            let (path, done) = (path.clone(), done.clone());
            std::thread::spawn(move || {
                let chunk = vec![b'('; 64 * 1024];
                let mut written = 0;
                while !done.load(Ordering::SeqCst) {
                    // Waits for a reader; each write fails once that reader has closed its end
                    // (EPIPE: Rust ignores SIGPIPE), and the next reader gets a fresh stream.
                    let Ok(mut fifo) = std::fs::OpenOptions::new().write(true).open(&path) else {
                        break;
                    };
                    while fifo.write_all(&chunk).is_ok() {
                        written += chunk.len() as u64;
                    }
                }
                written
            })
        };
        EndlessFifo {
            path,
            done,
            writer: Some(writer),
        }
    }

    /// Ends the writer and says how many bytes it wrote.
    fn finish(mut self) -> u64 {
        self.stop()
    }

    /// A read end opened and closed at once releases the writer waiting in `open` and breaks
    /// its pipe; repeated until it has seen that it is done.
    fn stop(&mut self) -> u64 {
        self.done.store(true, Ordering::SeqCst);
        let Some(writer) = self.writer.take() else {
            return 0;
        };
        while !writer.is_finished() {
            let _ = std::fs::OpenOptions::new()
                .read(true)
                .custom_flags(O_NONBLOCK)
                .open(&self.path);
            std::thread::sleep(Duration::from_millis(5));
        }
        writer.join().expect("writer")
    }
}

impl Drop for EndlessFifo {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The commands, each with one input at `INPUT`, and the exit code of "cannot read".
fn commands() -> Vec<(&'static str, Vec<&'static str>, i32)> {
    vec![
        ("check", vec!["check", "INPUT"], CANNOT_READ),
        (
            "export",
            vec!["export", "INPUT", "--format", "markdown"],
            CANNOT_READ,
        ),
        ("diff OLD", vec!["diff", "INPUT", "a.ron"], CANNOT_READ),
        ("diff NEW", vec!["diff", "a.ron", "INPUT"], CANNOT_READ),
        (
            "diff --git",
            vec![
                "diff", "--git", "w.ron", "INPUT", "0000", "100644", "a.ron", "0000", "100644",
            ],
            CANNOT_READ,
        ),
        (
            "import",
            vec!["import", "INPUT", "-o", "imported.ron"],
            CANNOT_READ,
        ),
        (
            "import --into",
            vec!["import", "t.csv", "--into", "INPUT"],
            CANNOT_READ,
        ),
        (
            "merge BASE",
            vec!["merge", "INPUT", "a.ron", "a.ron", "-o", "merged.ron"],
            CANNOT_READ,
        ),
        (
            "merge OURS",
            vec!["merge", "a.ron", "INPUT", "a.ron", "-o", "merged.ron"],
            CANNOT_READ,
        ),
        (
            "merge THEIRS",
            vec!["merge", "a.ron", "a.ron", "INPUT", "-o", "merged.ron"],
            CANNOT_READ,
        ),
        ("textconv", vec!["textconv", "INPUT"], CANNOT_READ),
    ]
}

fn args_with(args: &[&str], input: &OsStr) -> Vec<OsString> {
    args.iter()
        .map(|a| {
            if *a == "INPUT" {
                input.to_os_string()
            } else {
                OsString::from(a)
            }
        })
        .collect()
}

/// What is wrong with a refusal, if anything: a user must see the exit code, the input named
/// and the 64 MiB limit said; never "out of memory"; nothing written.
fn wrong_refusal(place: &Place, run: &Run, code: i32, input: &str) -> Option<String> {
    let a_ron = std::fs::read_to_string(place.path("a.ron")).expect("a.ron");
    let wrong = if run.code != code {
        format!("exit {} (not {code})", run.code)
    } else if run.stderr.contains("out of memory") || !run.stderr.contains("64 MiB") {
        "the 64 MiB limit is not what it says".into()
    } else if !run.stderr.contains(&format!("{input}: error")) {
        "the input is not named".into()
    } else if run.stderr.contains("panicked") {
        "it panicked".into()
    } else if let Some(f) = ["merged.ron", "imported.ron"]
        .into_iter()
        .find(|f| place.path(f).exists())
    {
        format!("{f} was written")
    } else if a_ron != personas::store::EXAMPLE {
        "a.ron was changed".into()
    } else {
        return None;
    };
    Some(format!("{wrong}:\n{}", run.stderr.trim_end()))
}

/// Runs every command on the input `input` makes; fails listing every command that did not
/// refuse it properly (or took more than the limit from a FIFO).
fn refused_by_every_command(
    place: &Place,
    mut input: impl FnMut(usize) -> (OsString, Option<EndlessFifo>),
) {
    let mut failed = Vec::new();
    for (i, (what, args, code)) in commands().into_iter().enumerate() {
        let (path, fifo) = input(i);
        let args = args_with(&args, &path);
        let args: Vec<&OsStr> = args.iter().map(OsString::as_os_str).collect();
        let run = place.run(&args, Stdio::null());
        let taken = fifo.map(EndlessFifo::finish);
        let shown = path.to_string_lossy();
        if let Some(wrong) = wrong_refusal(place, &run, code, &shown) {
            failed.push(format!("{what} {shown}: {wrong}"));
        } else if let Some(taken) = taken.filter(|t| *t > TAKEN_AT_MOST) {
            failed.push(format!("{what} {shown}: {taken} bytes taken from the FIFO"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
}

#[test]
fn every_command_refuses_dev_zero_in_bounded_memory() {
    let place = Place::new();
    refused_by_every_command(&place, |_| ("/dev/zero".into(), None));
}

#[test]
fn every_command_refuses_a_fifo_that_never_ends() {
    let place = Place::new();
    refused_by_every_command(&place, |i| {
        let fifo = EndlessFifo::new(place.path(&format!("endless-{i}.ron")));
        (fifo.path.clone().into_os_string(), Some(fifo))
    });
}

#[test]
fn every_command_refuses_a_65_mib_file_by_its_size() {
    let place = Place::new();
    let large = place.large();
    refused_by_every_command(&place, |_| (large.clone().into_os_string(), None));
    let run = place.run(&[OsStr::new("check"), large.as_os_str()], Stdio::null());
    assert!(run.stderr.contains("68157440 bytes"), "{}", run.stderr);
}

#[test]
fn standard_input_is_read_with_the_same_bound() {
    let place = Place::new();
    let cases: [(&str, &[&str]); 5] = [
        ("check", &["check", "-"]),
        ("export", &["export", "-", "--format", "json"]),
        ("diff", &["diff", "a.ron", "-"]),
        ("import", &["import", "-", "-o", "imported.ron"]),
        (
            "merge",
            &["merge", "a.ron", "a.ron", "-", "-o", "merged.ron"],
        ),
    ];
    let mut failed = Vec::new();
    for (what, args) in cases {
        let zero = std::fs::File::open("/dev/zero").expect("/dev/zero");
        let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
        let run = place.run(&args, Stdio::from(zero));
        if let Some(wrong) = wrong_refusal(&place, &run, CANNOT_READ, "-") {
            failed.push(format!("{what} -: {wrong}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n\n"));
    // And a workspace on standard input is read like a file.
    let file = std::fs::File::open(place.path("a.ron")).expect("a.ron");
    let run = place.run(&[OsStr::new("check"), OsStr::new("-")], Stdio::from(file));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("-: ok ("), "{}", run.stdout);
}

// ---------------------------------------------------------------------------------------------
// git-setup: a temporary repository with git's global and system config kept out

struct Repo {
    place: Place,
}

impl Repo {
    fn new() -> Repo {
        let repo = Repo {
            place: Place::new(),
        };
        std::fs::remove_file(repo.place.path("a.ron")).expect("rm a.ron");
        std::fs::create_dir(repo.root()).expect("repo dir");
        repo.git(&["init", "-q", "-b", "main"]);
        repo.git(&["config", "user.name", "Test"]);
        repo.git(&["config", "user.email", "test@example.com"]);
        repo
    }

    fn root(&self) -> PathBuf {
        self.place.path("repo")
    }

    fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .args(args)
            .current_dir(self.root())
            .env("HOME", self.place.dir.path())
            .env("GIT_CONFIG_GLOBAL", self.place.path("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CEILING_DIRECTORIES", self.place.dir.path())
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// `personas git-setup ARGS` in the repository, under the same memory limit.
    fn setup(&self, args: &[&str]) -> Run {
        let script = format!(
            "cd {} && ulimit -v {MEMORY_KIB} && GIT_CONFIG_GLOBAL={} GIT_CONFIG_NOSYSTEM=1 \
             GIT_CEILING_DIRECTORIES={} exec \"$0\" git-setup \"$@\"",
            shell(&self.root()),
            shell(&self.place.path("gitconfig")),
            shell(self.place.dir.path()),
        );
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(script)
            .arg(BIN)
            .args(args)
            .env("HOME", self.place.dir.path())
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .stdin(Stdio::null());
        finish(cmd)
    }

    fn attributes(&self) -> String {
        std::fs::read_to_string(self.root().join(".gitattributes")).unwrap_or_default()
    }
}

fn shell(path: &Path) -> String {
    format!("'{}'", path.to_string_lossy().replace('\'', r"'\''"))
}

#[test]
fn git_setup_reads_tracked_symlinks_to_endless_inputs_with_the_bound() {
    let repo = Repo::new();
    std::fs::write(repo.root().join("plan.ron"), personas::store::EXAMPLE).expect("write");
    let fifo = EndlessFifo::new(repo.place.path("endless"));
    for (name, target) in [
        ("zero.ron", PathBuf::from("/dev/zero")),
        ("large.ron", repo.place.large()),
        ("endless.ron", fifo.path.clone()),
    ] {
        std::os::unix::fs::symlink(target, repo.root().join(name)).expect("symlink");
    }
    repo.git(&["add", "."]);
    repo.git(&["commit", "-q", "-m", "files"]);
    let run = repo.setup(&[]);
    let taken = fifo.finish();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("out of memory"), "{}", run.stderr);
    // Read once, with the bound (it was read again, whole, after the bounded read refused it).
    assert!(taken <= TAKEN_AT_MOST, "{taken} bytes taken from the FIFO");
    let attributes = repo.attributes();
    assert!(
        attributes.contains("/plan.ron merge=personas diff=personas"),
        "{attributes}"
    );
    for name in ["zero.ron", "large.ron", "endless.ron"] {
        assert!(!attributes.contains(name), "{attributes}");
    }
}

#[test]
fn git_setup_refuses_a_gitattributes_that_never_ends() {
    let repo = Repo::new();
    std::os::unix::fs::symlink("/dev/zero", repo.root().join(".gitattributes")).expect("symlink");
    let run = repo.setup(&[]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("out of memory"), "{}", run.stderr);
    assert!(
        run.stderr.contains("cannot read .gitattributes") && run.stderr.contains("64 MiB"),
        "{}",
        run.stderr
    );
}

#[test]
fn git_setup_never_splits_a_gitattributes_line_on_a_newline_in_a_file_name() {
    let repo = Repo::new();
    let odd = OsStr::from_bytes(b"two\nlines.ron");
    std::fs::write(repo.root().join(odd), personas::store::EXAMPLE).expect("write");
    std::fs::write(repo.root().join("plain.ron"), personas::store::EXAMPLE).expect("write");
    repo.git(&["add", "."]);
    repo.git(&["commit", "-q", "-m", "files"]);
    let run = repo.setup(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let attributes = repo.attributes();
    for line in attributes.lines() {
        assert!(
            line.ends_with(" merge=personas diff=personas"),
            "a broken line {line:?} in\n{attributes}"
        );
    }
    assert!(
        attributes.contains("/plain.ron merge=personas diff=personas"),
        "{attributes}"
    );
    // Said, with the newline shown as a visible placeholder, never raw.
    assert!(
        run.stderr
            .contains("\"two\u{240a}lines.ron\" not added to .gitattributes"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("two\nlines"), "{}", run.stderr);
    // A second run changes nothing and says so again.
    let again = repo.setup(&[]);
    assert_eq!(repo.attributes(), attributes);
    assert!(again.stdout.contains("already set up"), "{}", again.stdout);
    assert!(again.stderr.contains("not added"), "{}", again.stderr);
}

#[test]
fn git_setup_refuses_a_pattern_with_a_newline() {
    let repo = Repo::new();
    let run = repo.setup(&["--pattern", "*.ron\nevil merge=binary"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("*.ron\u{240a}evil"), "{}", run.stderr);
    assert_eq!(repo.attributes(), "");
}
