//! The pseudo-terminal harness shared by the end-to-end tests: spawn the real binary in a PTY
//! with HOME and the XDG directories in a temp dir, type keys as raw bytes, read the screen as
//! `vt100` parses it (never raw bytes), and kill the child when the session is dropped.
//!
//! A test waits for the effect of each key before it sends the next ([`Session`] says how, and
//! enforces it).
#![allow(dead_code)] // each test file uses part of the harness

use std::cell::RefCell;
use std::fs::File;
use std::io::{Read as _, Write as _};
use std::os::fd::BorrowedFd;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
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

/// Serialises opening pseudo-terminals with [`Session::hang_up`]'s check that none of a closed
/// one's descriptors is left: a PTY opened by another test meanwhile could reuse its number.
static PTYS: Mutex<()> = Mutex::new(());

fn pty_lock() -> std::sync::MutexGuard<'static, ()> {
    PTYS.lock().unwrap_or_else(|e| e.into_inner())
}

/// `O_NOCTTY` (Linux): opening a terminal never makes it this process's controlling terminal.
const O_NOCTTY: i32 = 0o400;

/// The master side of one pseudo-terminal as this process holds it. Keys are written through a
/// plain duplicate of the master: portable-pty's own writer types a newline and Ctrl-d into the
/// terminal when it is dropped, which the program would read as keys.
struct Master {
    master: Box<dyn MasterPty + Send>,
    writer: File,
    /// The device, `/dev/pts/N`.
    tty: Option<PathBuf>,
}

impl Master {
    fn open(rows: u16, cols: u16) -> (Master, Box<dyn portable_pty::SlavePty + Send>) {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let fd = pair
            .master
            .as_raw_fd()
            .expect("the pty master's descriptor");
        // SAFETY: `fd` is the master's own descriptor, open for as long as `pair.master` lives;
        // it is only duplicated here (close-on-exec), never closed.
        let writer = unsafe { BorrowedFd::borrow_raw(fd) }
            .try_clone_to_owned()
            .expect("duplicate the pty master");
        let tty = pair.master.tty_name();
        (
            Master {
                master: pair.master,
                writer: File::from(writer),
                tty,
            },
            pair.slave,
        )
    }

    /// N of `/dev/pts/N`.
    fn index(&self) -> Option<u32> {
        self.tty
            .as_ref()
            .and_then(|t| t.file_name()?.to_str()?.parse().ok())
    }

    /// Closes every descriptor of this process on the master (the reader thread's must be gone
    /// already) and checks in `/proc/self` that none is left, so the program's side is hung up.
    fn close(self, what: &str) {
        let index = self.index().expect("the pty's number");
        let _lock = pty_lock();
        let open = masters_of(index);
        assert!(
            !open.is_empty(),
            "no descriptor of this process on the {what}'s master (pts/{index}) is seen in \
             /proc/self/fdinfo (tty-index), so hanging up cannot be checked"
        );
        drop(self);
        let left = masters_of(index);
        assert!(
            left.is_empty(),
            "after hanging up the {what}, descriptors {left:?} of this process are still open on \
             its master (pts/{index}); those before were {open:?}"
        );
    }
}

/// The descriptors of this process open on the master of `/dev/pts/INDEX` (`/dev/ptmx`, whose
/// fdinfo names the terminal's number).
fn masters_of(index: u32) -> Vec<i32> {
    let Ok(entries) = std::fs::read_dir("/proc/self/fd") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let fd: i32 = e.file_name().to_str()?.parse().ok()?;
            let target = std::fs::read_link(e.path()).ok()?;
            if target.file_name()? != "ptmx" {
                return None;
            }
            let info = std::fs::read_to_string(format!("/proc/self/fdinfo/{fd}")).ok()?;
            let n: u32 = info
                .lines()
                .find_map(|l| l.strip_prefix("tty-index:"))?
                .trim()
                .parse()
                .ok()?;
            (n == index).then_some(fd)
        })
        .collect()
}

/// The last keys sent: what the screen showed before them, and whether their effect was waited
/// for since.
struct Sent {
    keys: String,
    before: String,
    /// The screen before, with colours and attributes (a moved highlight changes only those).
    before_formatted: Vec<u8>,
    awaited: bool,
}

/// One run of the binary in a pseudo-terminal.
///
/// The rule of every test that types: wait for the EFFECT of each [`Session::send`] — text that
/// was not on screen before it ([`Session::press`], [`Session::wait_for`]), text that was and
/// goes ([`Session::press_gone`], [`Session::wait_gone`]), any change
/// ([`Session::send_and_wait_change`]), a condition ([`Session::wait_until`]) or the exit —
/// before the next key. Two keys sent back to back can arrive in one read and be taken as one
/// key: Esc then Ctrl-s is Alt-Ctrl-s. The session enforces it: a send before the last one's
/// effect was waited for panics, a lone Esc is always the last byte of a send, and waiting for
/// text that was already on screen before the last send (or for text to go that was not there)
/// panics, because it proves nothing. Plain keys may share one send when only their joint effect
/// matters (typed text, a run of Tabs): they are read in order, as typed.
pub struct Session {
    parser: Screen,
    child: Box<dyn Child + Send + Sync>,
    /// The PTY's device (`/dev/pts/N`), where the platform names it.
    tty: Option<PathBuf>,
    /// The terminal the program draws on (and reads, unless it has a keyboard of its own);
    /// `None` once hung up.
    terminal: Option<Master>,
    /// A second PTY the keys are typed into ([`Place::spawn_with_keyboard`]).
    keyboard: Option<Master>,
    /// Tells the reader thread to let go of its descriptor on the master.
    release: Arc<AtomicBool>,
    reader: Option<thread::JoinHandle<()>>,
    last: RefCell<Option<Sent>>,
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
        self.launch(BIN, args, rows, cols, env, before, false)
    }

    /// Spawns `PROGRAM ARGS` (a shell that starts `personas`, say) with the environment of
    /// [`Place::spawn`], `$PERSONAS` naming the binary.
    pub fn spawn_program(&self, program: &str, args: &[&str], rows: u16, cols: u16) -> Session {
        self.launch(program, args, rows, cols, &[], &mut |_| {}, false)
    }

    /// Like [`Place::spawn_program`], with a second PTY as the keyboard: its device is in
    /// `$KEYBOARD` (for the program to read it as standard input), keys are typed into it, and
    /// [`Session::hang_up_keyboard`] closes it while the screen's terminal stays open.
    pub fn spawn_with_keyboard(
        &self,
        program: &str,
        args: &[&str],
        rows: u16,
        cols: u16,
    ) -> Session {
        self.launch(program, args, rows, cols, &[], &mut |_| {}, true)
    }

    #[allow(clippy::too_many_arguments)]
    fn launch(
        &self,
        program: &str,
        args: &[&str],
        rows: u16,
        cols: u16,
        env: &[(&str, &str)],
        before: &mut dyn FnMut(&Path),
        keyboard: bool,
    ) -> Session {
        let home = self.home();
        std::fs::create_dir_all(&home).expect("home dir");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(self.dir.path());
        cmd.env("HOME", &home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", self.data_dir());
        cmd.env("TERM", "xterm-256color");
        cmd.env("PERSONAS", BIN);
        // A UTF-8 locale unless a test says otherwise (a non-UTF-8 one gets ASCII symbols).
        cmd.env("LANG", "C.UTF-8");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_CTYPE");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("PERSONAS_DEBUG_PANIC");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let lock = pty_lock();
        let (terminal, slave) = Master::open(rows, cols);
        let keyboard = keyboard.then(|| {
            let (keys, keys_slave) = Master::open(rows, cols);
            // The program opens the device by its name; this process needs no descriptor on it.
            drop(keys_slave);
            let tty = keys.tty.clone().expect("the keyboard's device name");
            cmd.env("KEYBOARD", tty);
            keys
        });
        let tty = terminal.tty.clone();
        if let Some(tty) = &tty {
            before(tty);
        }
        let child = slave.spawn_command(cmd).expect("spawn personas");
        // Only the child holds the slave side now, so reads end when it exits.
        drop(slave);
        let mut reader = terminal.master.try_clone_reader().expect("pty reader");
        drop(lock);
        let parser: Screen = Arc::new(Mutex::new(vt100::Parser::new_with_callbacks(
            rows,
            cols,
            0,
            Recorder::default(),
        )));
        let feed = Arc::clone(&parser);
        let release = Arc::new(AtomicBool::new(false));
        let released = Arc::clone(&release);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !released.load(Ordering::SeqCst) {
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
            child,
            tty,
            terminal: Some(terminal),
            keyboard,
            release,
            reader: Some(reader),
            last: RefCell::new(None),
        }
    }
}

impl Session {
    /// Types `keys` as raw bytes. Wait for their effect before the next send (see [`Session`]);
    /// [`Session::press`] does both.
    pub fn send(&mut self, keys: &str) {
        assert!(!keys.is_empty(), "nothing to send");
        self.check_awaited(&format!("sending {keys:?}"));
        let bytes = keys.as_bytes();
        for (i, _) in bytes.iter().enumerate().filter(|(_, b)| **b == 0x1b) {
            // ESC [ and ESC O start one key's sequence (F12 is ESC [ 2 4 ~).
            assert!(
                i + 1 == bytes.len() || matches!(bytes[i + 1], b'[' | b'O'),
                "{keys:?} has an Esc followed by another key: the two are read as Alt+key. Send \
                 the Esc alone and wait for its effect"
            );
        }
        let before = self.screen();
        let before_formatted = self.formatted();
        *self.last.borrow_mut() = Some(Sent {
            keys: keys.to_string(),
            before,
            before_formatted,
            awaited: false,
        });
        let writer = match (&mut self.keyboard, &mut self.terminal) {
            (Some(keys), _) | (None, Some(keys)) => &mut keys.writer,
            (None, None) => panic!("sending {keys:?} after the terminal was hung up"),
        };
        writer
            .write_all(bytes)
            .and_then(|()| writer.flush())
            .expect("write to the pty");
    }

    /// Types `keys` and waits for `text`, which must not be on screen yet.
    pub fn press(&mut self, keys: &str, text: &str) {
        let screen = self.screen();
        assert!(
            !screen.contains(text),
            "pressing {keys:?} to see {text:?} proves nothing: it is on screen already:\n{screen}"
        );
        self.send(keys);
        self.wait_for(text);
    }

    /// Types `keys` and waits until `text`, on screen now, is gone (a form or prompt closed).
    pub fn press_gone(&mut self, keys: &str, text: &str) {
        let screen = self.screen();
        assert!(
            screen.contains(text),
            "pressing {keys:?} to make {text:?} go proves nothing: it is not on screen:\n{screen}"
        );
        self.send(keys);
        self.wait_gone(text);
    }

    /// Types `keys` and waits until the screen changes, its text or only its colours and
    /// attributes: for a key whose effect is not known text (a move of the highlight, Esc
    /// clearing a message), so the next key is never read together with it.
    pub fn send_and_wait_change(&mut self, keys: &str) {
        self.send(keys);
        let before = self
            .last_sent(|s| s.before_formatted.clone())
            .unwrap_or_default();
        self.wait_until(&format!("the screen to change after {keys:?}"), |s| {
            s.formatted() != before
        });
    }

    /// The screen with its colours and attributes, as escape sequences.
    fn formatted(&self) -> Vec<u8> {
        self.parser
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .screen()
            .contents_formatted()
    }

    /// Panics unless the effect of the last keys sent was waited for.
    fn check_awaited(&self, next: &str) {
        if let Some(sent) = &*self.last.borrow() {
            assert!(
                sent.awaited,
                "{next} before the effect of {:?} was waited for: two keys sent back to back \
                 can be read as one (Esc then Ctrl-s is Alt-Ctrl-s). Wait for what the key does \
                 (press, wait_for, wait_gone, wait_until) first",
                sent.keys
            );
        }
    }

    fn last_sent<T>(&self, f: impl FnOnce(&Sent) -> T) -> Option<T> {
        self.last.borrow().as_ref().map(f)
    }

    fn awaited(&self) {
        if let Some(sent) = &mut *self.last.borrow_mut() {
            sent.awaited = true;
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

    /// Waits until `done` holds (a file written, lines drawn); panics naming `what` and showing
    /// the screen after [`timeout`]. Counts as waiting for the last keys' effect.
    pub fn wait_until(&self, what: &str, mut done: impl FnMut(&Session) -> bool) {
        let start = Instant::now();
        while !done(self) {
            assert!(
                start.elapsed() < timeout(),
                "timed out waiting for {what}; the screen shows:\n{}",
                self.screen()
            );
            thread::sleep(Duration::from_millis(20));
        }
        self.awaited();
    }

    /// The room's address as the app shows it after `label` ("open at ", "view-only room at "):
    /// `http://HOST:PORT/CODE`. The text must be on screen already.
    pub fn room_url(&self, label: &str) -> String {
        let screen = self.screen();
        let at = screen.find(label).expect("the room's address") + label.len();
        screen[at..]
            .split(char::is_whitespace)
            .next()
            .expect("an address")
            .to_string()
    }

    /// Waits until the screen shows `text`; panics with the screen after [`timeout`]. After a
    /// send, `text` must be new: on screen before the keys, it would prove nothing.
    pub fn wait_for(&self, text: &str) {
        if let Some((keys, before)) = self.last_sent(|s| (s.keys.clone(), s.before.clone())) {
            assert!(
                !before.contains(text),
                "waiting for {text:?} after {keys:?} proves nothing: it was on screen before the \
                 keys were sent:\n{before}"
            );
        }
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                self.awaited();
                return;
            }
            assert!(
                start.elapsed() < timeout(),
                "timed out waiting for {text:?}; the screen shows:\n{screen}"
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen no longer shows `text` (a form or prompt closed). After a send,
    /// `text` must have been on screen before the keys.
    pub fn wait_gone(&self, text: &str) {
        if let Some((keys, before)) = self.last_sent(|s| (s.keys.clone(), s.before.clone())) {
            assert!(
                before.contains(text),
                "waiting for {text:?} to go after {keys:?} proves nothing: it was not on screen \
                 before the keys were sent:\n{before}"
            );
        }
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if !screen.contains(text) {
                self.awaited();
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

    /// The process id of the program spawned (the shell, for [`Place::spawn_program`]).
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Polls for the program's exit once: its status if it has ended (reaped).
    pub fn try_exit(&mut self) -> Option<portable_pty::ExitStatus> {
        let status = self.child.try_wait().expect("poll the child");
        if status.is_some() {
            self.awaited();
        }
        status
    }

    /// Waits for the program to exit and returns its status.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.try_exit() {
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

    /// Closes the terminal as closing its window does: every descriptor this process has on the
    /// PTY's master (the master, the writer and the reader thread's) is closed — checked in
    /// `/proc/self/fd` — so the kernel hangs up the program's side: SIGHUP to its session, and
    /// its reads of the terminal end. Nothing is typed first (portable-pty's writer would type a
    /// newline and Ctrl-d when dropped; this one is a plain duplicate). The screen stays
    /// readable as it was last drawn.
    pub fn hang_up(&mut self) {
        self.check_awaited("hanging up");
        let terminal = self.terminal.take().expect("hung up once");
        self.release_reader(&terminal);
        terminal.close("terminal");
    }

    /// Closes the keyboard of [`Place::spawn_with_keyboard`] the same way, so only the
    /// program's input ends; the terminal it draws on stays open.
    pub fn hang_up_keyboard(&mut self) {
        self.check_awaited("hanging up the keyboard");
        let keyboard = self.keyboard.take().expect("a keyboard of its own");
        keyboard.close("keyboard");
    }

    /// Makes the reader thread drop its descriptor on the master: tells it to, wakes its
    /// blocked read with a NUL written to the terminal's device, and waits for it to end.
    fn release_reader(&mut self, terminal: &Master) {
        self.release.store(true, Ordering::SeqCst);
        let reader = self.reader.take().expect("the reader thread");
        if let Some(tty) = &terminal.tty
            && !reader.is_finished()
            && let Ok(mut device) = std::fs::OpenOptions::new()
                .write(true)
                .custom_flags(O_NOCTTY)
                .open(tty)
        {
            let _ = device.write_all(b"\0");
        }
        let start = Instant::now();
        while !reader.is_finished() {
            assert!(
                start.elapsed() < timeout(),
                "the reader thread kept its descriptor on the pty master"
            );
            thread::sleep(Duration::from_millis(5));
        }
        reader.join().expect("the reader thread");
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
        self.check_awaited("SIGKILL");
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
        self.check_awaited(&format!("SIG{name}"));
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
    /// Kills the program's whole process group (a shell's child too, for
    /// [`Place::spawn_program`]) while it still runs. The group's id is the child's pid, which
    /// cannot be reused before the child is reaped.
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            if let Some(pid) = self.child.process_id() {
                let _ = Command::new("kill")
                    .args(["-KILL", "--", &format!("-{pid}")])
                    .status();
            }
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}
