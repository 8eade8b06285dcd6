//! The pseudo-terminal harness shared by the end-to-end tests: spawn the real binary in a PTY
//! with HOME and the XDG directories in a temp dir, type keys as raw bytes, read the screen as
//! `vt100` parses it (never raw bytes), and kill the child when the session is dropped.
#![allow(dead_code)] // each test file uses part of the harness

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use personas::store::{self, EXAMPLE};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const BIN: &str = env!("CARGO_BIN_EXE_personas");
/// How long a test waits for an effect (text on screen, a file, an exit) before it fails:
/// `PERSONAS_TEST_TIMEOUT` seconds, 10 by default. Raise it on a slow, busy machine.
pub fn timeout() -> Duration {
    std::env::var("PERSONAS_TEST_TIMEOUT")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .map_or(Duration::from_secs(10), Duration::from_secs_f64)
}

// Keys as a terminal sends them.
pub const ESC: &str = "\x1b";
pub const CTRL_S: &str = "\x13";
pub const SPACE: &str = " ";
pub const F12: &str = "\x1b[24~";

/// Records what the program asked the terminal to do besides drawing.
#[derive(Default)]
pub struct Recorder {
    /// Every window title or icon name set, in order.
    pub titles: Vec<String>,
    /// Clipboard writes (OSC 52 payloads).
    pub clipboard: Vec<Vec<u8>>,
    pub bells: usize,
    /// Any other OSC sequence, its parameters joined by `;`.
    pub other_osc: Vec<Vec<u8>>,
    /// C1 control characters printed (U+0080..U+009F).
    pub c1: Vec<char>,
    /// U+FFFD placeholders printed.
    pub replacement: usize,
    /// Every byte the program wrote, in order.
    pub raw: Vec<u8>,
    /// Whether the alternate screen (where the board is drawn) was ever entered.
    pub alternate_screen: bool,
}

impl vt100::Callbacks for Recorder {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles
            .push(String::from_utf8_lossy(title).into_owned());
    }

    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.titles.push(String::from_utf8_lossy(name).into_owned());
    }

    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }

    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }

    fn unhandled_osc(&mut self, _: &mut vt100::Screen, params: &[&[u8]]) {
        self.other_osc.push(params.join(&b';'));
    }

    fn unhandled_char(&mut self, _: &mut vt100::Screen, c: char) {
        if c == '\u{fffd}' {
            self.replacement += 1;
        } else {
            self.c1.push(c);
        }
    }
}

pub type Screen = Arc<Mutex<vt100::Parser<Recorder>>>;

/// One run of the binary in a pseudo-terminal.
pub struct Session {
    parser: Screen,
    writer: Box<dyn std::io::Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    /// The PTY's device (`/dev/pts/N`), where the platform names it.
    tty: Option<PathBuf>,
    _master: Box<dyn MasterPty + Send>,
}

/// The directory a session runs in, with its own HOME and XDG directories.
pub struct Place {
    pub dir: tempfile::TempDir,
}

impl Place {
    pub fn new() -> Place {
        Place {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn home(&self) -> PathBuf {
        self.path("home")
    }

    /// `$XDG_DATA_HOME` of the sessions spawned here.
    pub fn data_dir(&self) -> PathBuf {
        self.home().join("data")
    }

    pub fn recovery_dir(&self) -> PathBuf {
        self.data_dir().join("personas").join("recovery")
    }

    /// The files in the recovery directory (none when it does not exist).
    pub fn recovery_files(&self) -> Vec<PathBuf> {
        std::fs::read_dir(self.recovery_dir())
            .map(|rd| {
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Polls until a recovery copy of `file` exists; returns its path.
    pub fn wait_for_recovery(&self, file: &Path) -> PathBuf {
        let expected = store::recovery::recovery_path(&self.recovery_dir(), file);
        let start = Instant::now();
        while !expected.exists() {
            assert!(
                start.elapsed() < timeout(),
                "no recovery copy at {} after {:?}; the directory holds {:?}",
                expected.display(),
                timeout(),
                self.recovery_files()
            );
            thread::sleep(Duration::from_millis(50));
        }
        expected
    }

    /// Writes the bundled example to `name` and returns its path.
    pub fn example(&self, name: &str) -> PathBuf {
        let path = self.path(name);
        std::fs::write(&path, EXAMPLE).expect("write the example");
        path
    }

    /// Spawns `personas ARGS` at `rows`×`cols`, in this directory.
    pub fn spawn(&self, args: &[&str], rows: u16, cols: u16) -> Session {
        self.spawn_env(args, rows, cols, &[])
    }

    /// Like [`Place::spawn`], with extra environment variables.
    pub fn spawn_env(&self, args: &[&str], rows: u16, cols: u16, env: &[(&str, &str)]) -> Session {
        self.spawn_watched(args, rows, cols, env, &mut |_| {})
    }

    /// Like [`Place::spawn_env`]; `before` is called with the PTY's device path once the PTY is
    /// open and before the program starts (to record the terminal's mode, say).
    pub fn spawn_watched(
        &self,
        args: &[&str],
        rows: u16,
        cols: u16,
        env: &[(&str, &str)],
        before: &mut dyn FnMut(&Path),
    ) -> Session {
        let home = self.home();
        std::fs::create_dir_all(&home).expect("home dir");
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(args);
        cmd.cwd(self.dir.path());
        cmd.env("HOME", &home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", self.data_dir());
        cmd.env("TERM", "xterm-256color");
        // A UTF-8 locale unless a test says otherwise (a non-UTF-8 one gets ASCII symbols).
        cmd.env("LANG", "C.UTF-8");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_CTYPE");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("PERSONAS_DEBUG_PANIC");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let tty = pair.master.tty_name();
        if let Some(tty) = &tty {
            before(tty);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn personas");
        // Only the child holds the slave side now, so reads end when it exits.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let parser: Screen = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            rows,
            cols,
            0,
            Recorder::default(),
        )));
        let feed = Arc::clone(&parser);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut p = feed.lock().unwrap_or_else(|e| e.into_inner());
                        p.callbacks_mut().raw.extend_from_slice(&buf[..n]);
                        p.process(&buf[..n]);
                        if p.screen().alternate_screen() {
                            p.callbacks_mut().alternate_screen = true;
                        }
                    }
                }
            }
        });
        Session {
            parser,
            writer,
            child,
            tty,
            _master: pair.master,
        }
    }
}

impl Session {
    /// Types `keys` as raw bytes. After a lone Esc, wait for its effect on screen before the
    /// next key, or the two are read as Alt+key.
    pub fn send(&mut self, keys: &str) {
        self.writer
            .write_all(keys.as_bytes())
            .and_then(|()| self.writer.flush())
            .expect("write to the pty");
    }

    /// Types `keys` and waits until the screen changes: for a key whose effect is not known
    /// text (Esc clearing a message), so the next key is never read together with it.
    pub fn send_and_wait_change(&mut self, keys: &str) {
        let before = self.screen();
        self.send(keys);
        let start = Instant::now();
        while self.screen() == before {
            assert!(
                start.elapsed() < timeout(),
                "{keys:?} changed nothing on screen:\n{before}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Reads what the terminal was asked to do besides drawing, and every byte written.
    pub fn recorded<T>(&self, f: impl FnOnce(&Recorder) -> T) -> T {
        f(self
            .parser
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .callbacks())
    }

    pub fn screen(&self) -> String {
        self.parser
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .screen()
            .contents()
    }

    /// The screen's rows, without trailing blanks.
    pub fn rows(&self) -> Vec<String> {
        let p = self.parser.lock().unwrap_or_else(|e| e.into_inner());
        let (_, cols) = p.screen().size();
        p.screen().rows(0, cols).collect()
    }

    pub fn titles(&self) -> Vec<String> {
        let p = self.parser.lock().unwrap_or_else(|e| e.into_inner());
        p.callbacks().titles.clone()
    }

    pub fn entered_alternate_screen(&self) -> bool {
        let p = self.parser.lock().unwrap_or_else(|e| e.into_inner());
        p.callbacks().alternate_screen
    }

    /// Waits until the screen shows `text`; panics with the screen after [`timeout`].
    pub fn wait_for(&self, text: &str) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return;
            }
            assert!(
                start.elapsed() < timeout(),
                "timed out waiting for {text:?}; the screen shows:\n{screen}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen no longer shows `text` (a form or prompt closed).
    pub fn wait_gone(&self, text: &str) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if !screen.contains(text) {
                return;
            }
            assert!(
                start.elapsed() < timeout(),
                "timed out waiting for {text:?} to go; the screen shows:\n{screen}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().expect("poll the child").is_none()
    }

    /// Waits for the program to exit and returns its status.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                return status;
            }
            assert!(
                start.elapsed() < timeout(),
                "the program did not exit; the screen shows:\n{}",
                self.screen()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Session {
    /// Reads the parsed screen.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self
            .parser
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .screen())
    }

    /// Kills the child with SIGKILL: no chance to clean up, like a power cut. (portable-pty's
    /// `kill` sends SIGHUP first.)
    pub fn sigkill(&mut self) {
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

impl Session {
    /// The PTY's device path.
    pub fn tty(&self) -> Option<&Path> {
        self.tty.as_deref()
    }

    /// Sends a signal (`HUP`, `TERM`, …) to the program with kill(1).
    pub fn signal(&mut self, name: &str) {
        let pid = self.child.process_id().expect("child pid");
        let sent = Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .is_ok_and(|s| s.success());
        assert!(sent, "kill -{name} {pid} failed");
    }
}

/// The terminal's mode as `stty -g` prints it, read from the PTY device.
pub fn stty_mode(tty: &Path) -> String {
    let out = Command::new("stty")
        .arg("-g")
        .stdin(std::fs::File::open(tty).expect("open the pty device"))
        .output()
        .expect("run stty");
    assert!(out.status.success(), "stty -g failed: {out:?}");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
