//! The terminal goes away (issue 20 defect 1, SPEC §7): the pseudo-terminal is closed as a
//! terminal window closes — every descriptor this process has on its master, checked in
//! `/proc/self/fd` — right after an unsaved edit. The app must exit within 2 s by itself, with the
//! edit in its recovery copy and its lock released, and spend next to no CPU meanwhile. The same
//! when SIGHUP is ignored (`trap "" HUP` in a shell) and the app is the session leader or not
//! (then only its input ends), and when only its input ends while the terminal it draws on stays.
//!
//! The config sets the periodic recovery copy an hour after a change, so the copy checked can
//! only come from the app noticing the hang-up. A test watches the app for at most 5 s, then
//! kills it and fails saying how long it ran and how much CPU it used: it never hangs.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::pty::{CTRL_S, Place, Session};
use personas::store;

const ROWS: u16 = 30;
const COLS: u16 = 100;
const NAME: &str = "Hangup Survivor";
const FILE: &str = "hup.ron";
/// How soon the app must be gone after its terminal is.
const EXIT_WITHIN: Duration = Duration::from_secs(2);
/// How long a test watches the app before it kills it.
const GIVE_UP: Duration = Duration::from_secs(5);
/// The most CPU the app may use between the hang-up and its exit (writing the recovery copy);
/// a loop spinning for 2 s uses several times this even on a busy machine.
const CPU_BUDGET: Duration = Duration::from_millis(400);

/// `sh -c SCRIPT sh FILE`: `$PERSONAS` is the binary and `$KEYBOARD` the keyboard's device
/// (see `Place::spawn_program`).
fn shell(place: &Place, script: &str, keyboard: bool) -> Session {
    let args = ["-c", script, "sh", FILE];
    if keyboard {
        place.spawn_with_keyboard("sh", &args, ROWS, COLS)
    } else {
        place.spawn_program("sh", &args, ROWS, COLS)
    }
}

/// A place with the example in `FILE` and a config that puts the periodic recovery copy out of
/// reach of the test.
fn place() -> (Place, PathBuf) {
    let place = Place::new();
    let file = place.example(FILE);
    let config = place.home().join("config").join("personas");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(config.join("config.ron"), "(recovery_delay: 3600.0)\n").expect("config");
    (place, file)
}

/// Waits for the board, then adds a persona called [`NAME`]: an unsaved edit.
fn edit(s: &mut Session) {
    s.wait_for("The Employee");
    s.wait_for("coverage");
    s.press("p", "new persona in");
    s.press(NAME, NAME);
    s.press(CTRL_S, &format!("add persona \"{NAME}\""));
    s.wait_for("[+] modified");
}

/// A process's state letter and CPU time (user + system), from `/proc/PID/stat`; `None` once
/// it is gone (reaped).
fn stat(pid: u32) -> Option<(char, Duration)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // After "PID (COMM) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt
    // cmajflt utime stime …
    let fields: Vec<&str> = text.rsplit_once(')')?.1.split_whitespace().collect();
    let state = fields.first()?.chars().next()?;
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some((state, Duration::from_secs_f64(ticks as f64 / clock_ticks())))
}

/// Clock ticks a second, the unit of `/proc/PID/stat`'s times.
fn clock_ticks() -> f64 {
    std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

/// The device number of a process's controlling terminal (`tty_nr`), 0 when it has none.
fn controlling_tty(pid: u32) -> Option<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    text.rsplit_once(')')?
        .1
        .split_whitespace()
        .nth(4)?
        .parse()
        .ok()
}

fn parent_and_name(pid: u32) -> Option<(u32, String)> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (head, rest) = text.rsplit_once(')')?;
    let name = head.split_once('(')?.1.to_string();
    let parent = rest.split_whitespace().nth(1)?.parse().ok()?;
    Some((parent, name))
}

/// The `personas` process of the session: the child itself (run directly or exec'd by the
/// shell), or the shell's child.
fn app_pid(s: &Session) -> u32 {
    let child = s.pid();
    let mut found = None;
    s.wait_until("the personas process", |_| {
        found = if parent_and_name(child).is_some_and(|(_, n)| n == "personas") {
            Some(child)
        } else {
            std::fs::read_dir("/proc")
                .into_iter()
                .flatten()
                .flatten()
                .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
                .find(|&pid| {
                    parent_and_name(pid).is_some_and(|(p, n)| p == child && n == "personas")
                })
        };
        found.is_some()
    });
    found.expect("found")
}

/// The app's CPU time so far; it must be running.
fn cpu_time(pid: u32) -> Duration {
    stat(pid).expect("the app runs before its terminal goes").1
}

/// Watches the app (`pid`) after its terminal or input went away at `since` (its CPU time was
/// `cpu_before` then): it must be gone within [`EXIT_WITHIN`] having used at most
/// [`CPU_BUDGET`]. After [`GIVE_UP`] it is killed and the test fails, saying how it ran.
fn assert_exits_quietly(
    s: &mut Session,
    pid: u32,
    (since, cpu_before): (Instant, Duration),
    what: &str,
) {
    let mut cpu = cpu_before;
    let gone = loop {
        match stat(pid) {
            Some((state, used)) if state != 'Z' && state != 'X' => cpu = used,
            Some((_, used)) => {
                cpu = used;
                break since.elapsed();
            }
            None => break since.elapsed(),
        }
        let ran = since.elapsed();
        if ran >= GIVE_UP {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
            let used = cpu.saturating_sub(cpu_before);
            panic!(
                "personas (pid {pid}) still ran {:.1} s after {what}, using {:.0}% of a core \
                 ({:.2} s of CPU); killed. The screen it left:\n{}",
                ran.as_secs_f64(),
                100.0 * used.as_secs_f64() / ran.as_secs_f64(),
                used.as_secs_f64(),
                s.screen()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let used = cpu.saturating_sub(cpu_before);
    assert!(
        gone <= EXIT_WITHIN,
        "personas exited only {:.1} s after {what} (at most {EXIT_WITHIN:?})",
        gone.as_secs_f64()
    );
    assert!(
        used <= CPU_BUDGET,
        "personas used {:.2} s of CPU in the {:.2} s between {what} and its exit",
        used.as_secs_f64(),
        gone.as_secs_f64()
    );
    // The session's own child (the app, or the shell that waited for it) ends too.
    let status = s.wait_exit();
    assert!(status.signal().is_none(), "killed by a signal: {status:?}");
}

fn persona_names(path: &Path) -> Vec<String> {
    let ws = store::load(path)
        .unwrap_or_else(|e| panic!("{} does not load:\n{}", path.display(), e.render("copy")));
    ws.personas().map(|(_, p)| p.name.clone()).collect()
}

/// The edit is in the recovery copy, the file is as it was, and a second instance is not told
/// the file is open elsewhere (the lock went with the app).
fn assert_edit_kept_and_lock_free(place: &Place, file: &Path) {
    let copy = store::recovery::recovery_path(&place.recovery_dir(), file);
    assert!(
        copy.exists(),
        "no recovery copy at {}; the recovery directory holds {:?}",
        copy.display(),
        place.recovery_files()
    );
    let names = persona_names(&copy);
    assert!(names.contains(&NAME.to_string()), "{names:?}");
    assert_eq!(
        std::fs::read_to_string(file).expect("read"),
        store::EXAMPLE,
        "the file was not saved"
    );
    let again = place.spawn(&[FILE], ROWS, COLS);
    again.wait_for("recovery copy found");
    assert!(
        !again.screen().contains("already open"),
        "the lock was not released:\n{}",
        again.screen()
    );
}

/// Edits, closes the terminal, and checks the app is gone with the edit kept.
fn edit_then_close_the_terminal(place: &Place, file: &Path, mut s: Session) {
    edit(&mut s);
    let pid = app_pid(&s);
    let copy = store::recovery::recovery_path(&place.recovery_dir(), file);
    assert!(!copy.exists(), "a recovery copy before the hang-up");
    assert_ne!(
        controlling_tty(pid),
        Some(0),
        "the app has no controlling terminal"
    );
    let before = (Instant::now(), cpu_time(pid));
    s.hang_up();
    // The kernel hung the terminal up: the app's session loses it (or the app is gone), so
    // what follows is the app's doing, not a descriptor left open here. The kernel may finish
    // the hang-up a moment after the last close returns (a busy machine showed it): wait for it.
    let hung = Instant::now();
    loop {
        let tty = controlling_tty(pid);
        if matches!(tty, Some(0) | None) {
            break;
        }
        assert!(
            hung.elapsed() < EXIT_WITHIN,
            "the app still has its controlling terminal ({tty:?}) {:?} after the hang-up",
            hung.elapsed()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_exits_quietly(&mut s, pid, before, "its terminal was closed");
    assert_edit_kept_and_lock_free(place, file);
}

#[test]
fn closing_the_terminal_ends_the_app_and_keeps_the_edit() {
    let (place, file) = place();
    let s = place.spawn(&[FILE], ROWS, COLS);
    edit_then_close_the_terminal(&place, &file, s);
}

#[test]
fn closing_the_terminal_ends_the_app_when_sighup_is_ignored() {
    // The app is the session leader and gets SIGHUP, but ignores it: only its input ends.
    let (place, file) = place();
    let s = shell(&place, r#"trap "" HUP; exec "$PERSONAS" "$@""#, false);
    edit_then_close_the_terminal(&place, &file, s);
}

#[test]
fn closing_the_terminal_ends_the_app_under_a_shell_that_ignores_sighup() {
    // The shell is the session leader (and ignores SIGHUP); the app gets no signal at all.
    let (place, file) = place();
    let s = shell(&place, r#"trap "" HUP; "$PERSONAS" "$@"; :"#, false);
    edit_then_close_the_terminal(&place, &file, s);
}

#[test]
fn the_end_of_input_alone_ends_the_app() {
    // Keys come from a second terminal, which closes; the one the app draws on stays open, and
    // SIGHUP is ignored anyway.
    let (place, file) = place();
    let mut s = shell(
        &place,
        r#"trap "" HUP; exec "$PERSONAS" "$@" < "$KEYBOARD""#,
        true,
    );
    edit(&mut s);
    let pid = app_pid(&s);
    let copy = store::recovery::recovery_path(&place.recovery_dir(), &file);
    assert!(!copy.exists(), "a recovery copy before the input ended");
    let before = (Instant::now(), cpu_time(pid));
    s.hang_up_keyboard();
    assert_exits_quietly(&mut s, pid, before, "its input ended");
    assert_edit_kept_and_lock_free(&place, &file);
}
