//! End to end: recovery copies with the real `personas` binary in a pseudo-terminal.
//!
//! An edit makes the app write a recovery copy to `$XDG_DATA_HOME/personas/recovery/` (about
//! 2 s after the change); a killed process leaves it behind, and reopening the file offers to
//! restore (`r`) or discard (`d`) it. A clean quit removes it, and a crash (the debug-only F12
//! panic) restores the terminal and dumps the unsaved workspace to it. Screens are read through
//! `vt100`, never by matching raw bytes. HOME and the XDG directories live in a temp dir; a
//! session kills its child when dropped.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use personas::store::{self, EXAMPLE};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const BIN: &str = env!("CARGO_BIN_EXE_personas");
const TIMEOUT: Duration = Duration::from_secs(10);
const ROWS: u16 = 30;
const COLS: u16 = 100;

const CTRL_S: &str = "\x13";
const F12: &str = "\x1b[24~";

/// One run of the binary in a pseudo-terminal; killed when dropped.
struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn std::io::Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
}

/// A temp dir with its own HOME and XDG directories, and a copy of the example.
struct Place {
    dir: tempfile::TempDir,
}

impl Place {
    fn new() -> Place {
        let place = Place {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        std::fs::create_dir_all(place.home()).expect("home dir");
        place
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn home(&self) -> PathBuf {
        self.path("home")
    }

    fn data_home(&self) -> PathBuf {
        self.home().join("data")
    }

    fn recovery_dir(&self) -> PathBuf {
        self.data_home().join("personas").join("recovery")
    }

    /// Writes the bundled example to `name` and returns its path.
    fn example(&self, name: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, EXAMPLE).expect("write the example");
        path
    }

    /// The files in the recovery directory (none when it does not exist).
    fn recovery_files(&self) -> Vec<PathBuf> {
        std::fs::read_dir(self.recovery_dir())
            .map(|rd| {
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Polls until a recovery copy of `file` exists; returns its path.
    fn wait_for_recovery(&self, file: &Path) -> PathBuf {
        let expected = store::recovery::recovery_path(&self.recovery_dir(), file);
        let start = Instant::now();
        while !expected.exists() {
            assert!(
                start.elapsed() < TIMEOUT,
                "no recovery copy at {} after {TIMEOUT:?}; the directory holds {:?}",
                expected.display(),
                self.recovery_files()
            );
            thread::sleep(Duration::from_millis(50));
        }
        expected
    }

    fn spawn(&self, args: &[&str], env: &[(&str, &str)]) -> Session {
        let home = self.home();
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.cwd(self.dir.path());
        cmd.env("HOME", &home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", self.data_home());
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("PERSONAS_DEBUG_PANIC");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn personas");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let feed = Arc::clone(&parser);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => feed
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .process(&buf[..n]),
                }
            }
        });
        Session {
            parser,
            writer,
            child,
            _master: pair.master,
        }
    }
}

impl Session {
    fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .and_then(|()| self.writer.flush())
            .expect("write to the pty");
    }

    fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self
            .parser
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .screen())
    }

    fn screen(&self) -> String {
        self.with_screen(|s| s.contents())
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {text:?}; the screen shows:\n{screen}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                return status;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "the program did not exit; the screen shows:\n{}",
                self.screen()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Kills the child with SIGKILL: no chance to clean up, like a power cut.
    fn sigkill(&mut self) {
        let pid = self.child.process_id().expect("child pid");
        let killed = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .is_ok_and(|s| s.success());
        if !killed {
            self.child.kill().expect("kill the child");
        }
        let status = self.wait_exit();
        assert!(!status.success(), "a killed child cannot succeed");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn wait_for_board(s: &Session) {
    s.wait_for("The Employee");
    s.wait_for("coverage");
}

/// Adds a persona called `name` in the selected column and waits until it is on the board.
fn add_persona(s: &mut Session, name: &str) {
    s.send("p");
    s.wait_for("new persona in");
    s.send(name);
    s.wait_for(name);
    s.send(CTRL_S);
    s.wait_for(&format!("add persona \"{name}\""));
    s.wait_for("[+] modified");
}

/// Opens `name`, adds "Recovered Person", waits for the recovery copy, and SIGKILLs the app.
/// Returns the recovery file.
fn edit_and_kill(place: &Place, file: &Path, name: &str) -> PathBuf {
    let mut s = place.spawn(&[name], &[]);
    wait_for_board(&s);
    add_persona(&mut s, "Recovered Person");
    let copy = place.wait_for_recovery(file);
    s.sigkill();
    assert!(copy.exists(), "a killed app leaves its recovery copy");
    copy
}

/// Reopens `name` and waits for the recovery prompt.
fn reopen_with_prompt(place: &Place, name: &str) -> Session {
    let s = place.spawn(&[name], &[]);
    s.wait_for("recovery copy found");
    s.wait_for("r restore");
    s.wait_for("d discard");
    s.wait_for("1 persona(s)");
    s
}

fn persona_names(path: &Path) -> Vec<String> {
    let ws = store::load(path).expect("load");
    ws.personas().map(|(_, p)| p.name.clone()).collect()
}

#[test]
fn restore_after_sigkill_shows_the_edit_and_leaves_the_file_alone() {
    let place = Place::new();
    let file = place.example("restore.ron");
    let before = std::fs::read(&file).expect("read");
    let copy = edit_and_kill(&place, &file, "restore.ron");
    assert!(persona_names(&copy).contains(&"Recovered Person".to_string()));
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "killed before saving"
    );

    let mut s = reopen_with_prompt(&place, "restore.ron");
    s.send("r");
    s.wait_for("restored the recovery copy");
    s.wait_for("Recovered Person");
    s.wait_for("[+] modified");
    assert!(
        !s.screen().contains("recovery copy found"),
        "{}",
        s.screen()
    );
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "restoring must not write the file"
    );
}

#[test]
fn discard_after_sigkill_shows_the_file_and_removes_the_copy() {
    let place = Place::new();
    let file = place.example("discard.ron");
    let before = std::fs::read(&file).expect("read");
    let copy = edit_and_kill(&place, &file, "discard.ron");

    let mut s = reopen_with_prompt(&place, "discard.ron");
    s.send("d");
    s.wait_for("recovery copy discarded");
    wait_for_board(&s);
    let screen = s.screen();
    assert!(!screen.contains("Recovered Person"), "{screen}");
    assert!(!screen.contains("[+] modified"), "{screen}");
    assert!(!screen.contains("recovery copy found"), "{screen}");
    assert!(!copy.exists(), "d must remove {}", copy.display());
    assert_eq!(std::fs::read(&file).expect("read"), before);
}

#[test]
fn a_clean_quit_removes_the_recovery_copy() {
    let place = Place::new();

    // q n: quit without saving.
    let file = place.example("quit_n.ron");
    let before = std::fs::read(&file).expect("read");
    let mut s = place.spawn(&["quit_n.ron"], &[]);
    wait_for_board(&s);
    add_persona(&mut s, "Recovered Person");
    let copy = place.wait_for_recovery(&file);
    s.send("q");
    s.wait_for("quit without saving");
    s.send("n");
    assert!(s.wait_exit().success());
    assert!(!copy.exists(), "q n must remove {}", copy.display());
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "n must not write"
    );

    // q y: save and quit.
    let file = place.example("quit_y.ron");
    let mut s = place.spawn(&["quit_y.ron"], &[]);
    wait_for_board(&s);
    add_persona(&mut s, "Recovered Person");
    let copy = place.wait_for_recovery(&file);
    s.send("q");
    s.wait_for("save and quit");
    s.send("y");
    assert!(s.wait_exit().success());
    assert!(!copy.exists(), "q y must remove {}", copy.display());
    assert!(persona_names(&file).contains(&"Recovered Person".to_string()));
    assert!(
        place.recovery_files().is_empty(),
        "{:?}",
        place.recovery_files()
    );
}

#[test]
fn a_panic_restores_the_terminal_and_dumps_the_unsaved_work() {
    let place = Place::new();
    let file = place.example("crash.ron");
    let before = std::fs::read(&file).expect("read");
    let mut s = place.spawn(&["crash.ron"], &[("PERSONAS_DEBUG_PANIC", "1")]);
    wait_for_board(&s);
    assert!(
        s.with_screen(|sc| sc.alternate_screen()),
        "board on the alternate screen"
    );
    add_persona(&mut s, "Crash Person");
    // Usually the 2 s delay has not passed yet; if it has, remove the periodic copy, so the one
    // checked below can only come from the crash dump.
    let copy = store::recovery::recovery_path(&place.recovery_dir(), &file);
    store::recovery::remove(&copy).expect("remove an early copy");
    s.send(F12);
    let status = s.wait_exit();
    assert!(!status.success(), "a panic must fail");
    assert_eq!(status.exit_code(), 101, "{status:?}");

    // The message is the last thing written; once it is on screen, the output is processed.
    s.wait_for("your unsaved work is in");
    s.wait_for("press r to restore it");
    let (alternate, hidden, screen) =
        s.with_screen(|sc| (sc.alternate_screen(), sc.hide_cursor(), sc.contents()));
    assert!(!alternate, "still on the alternate screen:\n{screen}");
    assert!(!hidden, "the cursor is still hidden:\n{screen}");
    assert!(screen.contains("crashed"), "{screen}");

    assert!(
        copy.exists(),
        "no recovery copy at {}:\n{screen}",
        copy.display()
    );
    let names = persona_names(&copy);
    assert!(names.contains(&"Crash Person".to_string()), "{names:?}");
    assert_eq!(
        std::fs::read(&file).expect("read"),
        before,
        "a crash must not write the file"
    );
}
