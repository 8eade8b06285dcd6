//! The real terminal: reading its events, handing it over and back, opening a workspace and
//! running the loop on it, and the crash dump.

use std::io::{self, Write as _};
use std::os::unix::fs::{MetadataExt as _, OpenOptionsExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use super::hangup::{self, Input, Lifeline};
use super::signals::{self, Received};
use super::writer::Writer;
use super::{Events, Host, Storage, run_with};
use crate::app::Tone;
use crate::config::Config;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event as TermEvent, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::app::{Event, State};
use crate::model::Workspace;
use crate::store::{self, Dirs};
use crate::text::{shown_path, visible, visible_block};

/// Events from the real terminal, with double-click detection. Waits in short slices, so a
/// signal ends the wait within [`SIGNAL_SLICE`]; the terminal going away ends it too.
struct TerminalEvents {
    last_click: Option<(u16, u16, Instant)>,
    signals: Option<Received>,
    lifeline: Lifeline,
}

const DOUBLE_CLICK: Duration = Duration::from_millis(400);
/// The longest the loop waits for a key without looking for a signal.
const SIGNAL_SLICE: Duration = Duration::from_millis(50);

impl Events for TerminalEvents {
    fn next_within(&mut self, wait: Option<Duration>) -> io::Result<Option<Event>> {
        let deadline = wait.map(|w| Instant::now() + w);
        loop {
            self.lifeline.beat();
            if let Some(signal) = self.signals.as_ref().and_then(Received::signal) {
                return Err(io::Error::new(
                    io::ErrorKind::Interrupted,
                    format!("ended by {}", signals::name(signal)),
                ));
            }
            // crossterm is asked only while the terminal is there: once it has hung up,
            // crossterm's reader never returns (see run::hangup). What crossterm already holds
            // (the rest of a paste, a resize) comes out with a poll that does not wait.
            if hangup::gone() {
                return Err(terminal_gone());
            }
            if event::poll(Duration::ZERO)? {
                if let Some(ev) = self.translate(event::read()?) {
                    return Ok(Some(ev));
                }
                continue;
            }
            let slice = deadline.map_or(SIGNAL_SLICE, |d| {
                d.saturating_duration_since(Instant::now())
                    .min(SIGNAL_SLICE)
            });
            match hangup::wait_for_key(slice) {
                Input::Gone => return Err(terminal_gone()),
                Input::Ready => {}
                Input::Quiet => {
                    if deadline.is_some_and(|d| Instant::now() >= d) {
                        return Ok(Some(Event::Idle));
                    }
                }
            }
        }
    }

    fn next(&mut self) -> io::Result<Option<Event>> {
        self.next_within(None)
    }
}

fn terminal_gone() -> io::Error {
    io::Error::new(io::ErrorKind::UnexpectedEof, "the terminal went away")
}

impl TerminalEvents {
    /// The app's event for a terminal event; `None` for the ones it does not use.
    fn translate(&mut self, event: TermEvent) -> Option<Event> {
        Some(match event {
            TermEvent::Key(k) => Event::Key(k),
            TermEvent::Paste(s) => Event::Paste(s),
            TermEvent::Resize(w, h) => Event::Resize(w, h),
            TermEvent::Mouse(m) => match m.kind {
                MouseEventKind::Down(MouseButton::Left) => {
                    let now = Instant::now();
                    let double = self.last_click.is_some_and(|(x, y, at)| {
                        x == m.column && y == m.row && now.duration_since(at) < DOUBLE_CLICK
                    });
                    self.last_click = if double {
                        None
                    } else {
                        Some((m.column, m.row, now))
                    };
                    Event::Click {
                        x: m.column,
                        y: m.row,
                        double,
                    }
                }
                MouseEventKind::ScrollDown => Event::Scroll {
                    x: m.column,
                    y: m.row,
                    down: true,
                },
                MouseEventKind::ScrollUp => Event::Scroll {
                    x: m.column,
                    y: m.row,
                    down: false,
                },
                _ => return None,
            },
            _ => return None,
        })
    }
}

struct TerminalHost {
    mouse: bool,
    signals: Option<Received>,
    /// Screen-reader mode (SPEC §13): lines instead of the board, no alternate screen.
    speaker: Option<crate::speech::app::Speaker>,
    /// Whether a line has been written yet (the first needs no line break before it).
    spoke: bool,
}

impl Host for TerminalHost {
    fn drawn(&mut self, state: &State) {
        let Some(speaker) = self.speaker.as_mut() else {
            return;
        };
        let said = speaker.say(state);
        let mut text = said.echo;
        for line in said.lines {
            if self.spoke {
                text.push_str("\r\n");
            }
            self.spoke = true;
            text.push_str(&line);
        }
        if !text.is_empty() {
            let mut out = io::stdout();
            let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
        }
    }

    fn set_mouse(&mut self, on: bool) {
        self.mouse = on;
        let mut out = io::stdout();
        let _ = if on {
            execute!(out, EnableMouseCapture)
        } else {
            execute!(out, DisableMouseCapture)
        };
    }

    fn edit_text(&mut self, text: &str) -> Result<String, String> {
        // Created exclusively, 0600, in a directory of its own (0700) that goes when it drops:
        // the field's text is as private as the workspace (SPEC §7).
        let dir = tempfile::Builder::new()
            .prefix("personas-")
            .permissions(std::fs::Permissions::from_mode(store::private::DIR_MODE))
            .tempdir()
            .map_err(|e| format!("cannot make a private temporary directory: {e}"))?;
        let file = dir.path().join("field.txt");
        std::fs::File::options()
            .write(true)
            .create_new(true)
            .mode(crate::store::private::FILE_MODE)
            .open(&file)
            .and_then(|mut f| writeln!(f, "{text}"))
            .map_err(|e| e.to_string())?;
        // Hand the terminal over: normal screen, cooked mode, no mouse reports.
        let mut out = io::stdout();
        let _ = execute!(out, DisableMouseCapture, DisableBracketedPaste);
        if self.speaker.is_some() {
            let _ = ratatui::crossterm::terminal::disable_raw_mode();
            let _ = write!(out, "\r\n");
        } else {
            ratatui::restore();
        }
        if let Some(s) = &self.signals {
            s.set_editor(true);
        }
        let ran = super::editor::run_editor(&file);
        if let Some(s) = &self.signals {
            s.set_editor(false);
        }
        // And take it back.
        let _ = ratatui::crossterm::terminal::enable_raw_mode();
        if self.speaker.is_none() {
            let _ = execute!(out, ratatui::crossterm::terminal::EnterAlternateScreen);
        }
        let _ = execute!(out, EnableBracketedPaste);
        if self.mouse {
            let _ = execute!(out, EnableMouseCapture);
        }
        ran.and_then(|()| {
            let bytes = store::read::read_file(&file).map_err(|e| e.to_string())?;
            String::from_utf8(bytes).map_err(|_| "the editor saved text that is not UTF-8".into())
        })
    }
}

/// Loads the file to open, or explains why not (the error text, as `check` prints it).
pub fn open_state(path: &Path, read_only: bool) -> Result<State, String> {
    let shown = shown_path(path);
    // A dangling symlink names the file to create: the first save writes it through the link.
    let dangling = store::save::is_dangling_link(path);
    let exists = std::fs::symlink_metadata(path).is_ok() && !dangling;
    let (ws, new_file) = if exists {
        match store::load(path) {
            Ok(ws) => (ws, false),
            Err(e) => return Err(visible_block(&e.render(&shown))),
        }
    } else if read_only {
        return Err(format!(
            "{shown}: error: no such file (nothing to browse)\n"
        ));
    } else {
        let title = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        (
            Workspace {
                title,
                ..Workspace::default()
            },
            true,
        )
    };
    let mut state = State::new(ws, path.to_path_buf());
    state.read_only = read_only;
    state.new_file = new_file;
    if new_file {
        let through = if dangling {
            format!(
                " (through the symlink, as {})",
                shown_path(&store::save::resolve_target(path))
            )
        } else {
            String::new()
        };
        state.say(
            crate::app::Tone::Info,
            format!("new workspace: {shown} is created on first save (Ctrl-s){through}"),
        );
    } else if read_only {
        state.say(
            crate::app::Tone::Info,
            "read-only: browsing only, nothing is written",
        );
    } else if let Some(others) = other_links(path) {
        state.say(
            crate::app::Tone::Warning,
            format!(
                "{shown} has {others} other hard link{}: a save writes a new file under this \
                 name only, and the other names keep the old content",
                if others == 1 { "" } else { "s" }
            ),
        );
    }
    Ok(state)
}

/// How many other names the file has (hard links), when it has any (SPEC §7: a save renames a
/// new file over this name, which splits it from the others).
fn other_links(path: &Path) -> Option<u64> {
    let links = std::fs::metadata(path).ok()?.nlink();
    (links > 1).then(|| links - 1)
}

/// The default workspace, created from the bundled example on first run.
fn default_workspace() -> Result<PathBuf, String> {
    let dirs = Dirs::from_env().ok_or("personas: cannot find a home directory for the data")?;
    let path = dirs.default_workspace();
    if !path.exists() {
        store::private::dir(&dirs.data)
            .and_then(|()| store::private::write(&path, store::EXAMPLE.as_bytes()))
            .map_err(|e| format!("personas: cannot create {}: {e}", shown_path(&path)))?;
    }
    Ok(path)
}

/// "3 minutes ago", "2 hours ago": when a recovery copy was made.
fn ago(t: Option<std::time::SystemTime>) -> String {
    let Some(secs) = t.and_then(|t| t.elapsed().ok()).map(|d| d.as_secs()) else {
        return "at an unknown time".into();
    };
    match secs {
        0..=59 => "less than a minute ago".into(),
        60..=3599 => format!("{} minutes ago", secs / 60),
        3600..=172_799 => format!("{} hours ago", secs / 3600),
        _ => format!("{} days ago", secs / 86_400),
    }
}

/// How the app is opened.
#[derive(Debug, Clone, Copy, Default)]
pub struct Opening {
    /// Browse only: nothing is written.
    pub read_only: bool,
    /// `personas present`: read-only, in presenter mode, and leaving it quits.
    pub present: bool,
    /// `--screen-reader` (the environment and the config can also turn it on).
    pub screen_reader: bool,
    /// `--room`: the room opens with the app.
    pub room: bool,
    /// `--room-address`: where the room listens instead of the config's `room_address`.
    pub room_address: Option<std::net::SocketAddr>,
}

/// Opens the board on `file` (or the default workspace). Returns the process exit code.
pub fn open_app(file: Option<PathBuf>, how: Opening) -> ExitCode {
    let Opening {
        read_only,
        present,
        screen_reader,
        room,
        room_address,
    } = how;
    let read_only = read_only || present;
    // Before anything is read or written (SPEC §3): the board needs a terminal.
    if let Some(why) = no_terminal() {
        eprintln!(
            "personas: the board needs a terminal, and {why}; nothing was opened or \
             written.\npersonas: for scripts use `personas check FILE` (validate) or \
             `personas export FILE --format F` (reports)."
        );
        return ExitCode::from(2);
    }
    let dirs = Dirs::from_env();
    let path = match file {
        Some(p) => p,
        None => match default_workspace() {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        },
    };
    let mut state = match open_state(&path, read_only) {
        Ok(s) => s,
        Err(e) => {
            eprint!("{e}");
            return ExitCode::FAILURE;
        }
    };
    // From here on a signal no longer kills at once: the loop ends and the work is kept.
    let signals = Received::install();
    if let Some(d) = dirs.as_ref().filter(|_| !read_only) {
        store::private::mend(d);
    }
    let mut storage = Storage::full(&state, dirs.as_ref(), Writer::thread());
    let lifeline = Lifeline::new();
    storage.keep_for(lifeline.clone());
    lifeline.watch(signals.clone());
    if let Err(pid) = storage.take_lock() {
        let process = pid.map_or_else(String::new, |pid| format!(" (process {pid})"));
        state.say(
            Tone::Warning,
            format!(
                "{} is already open in another personas{process}: saving asks before \
                 overwriting its changes",
                state.file_name()
            ),
        );
    }
    if let Some(found) = storage
        .recovery_file()
        .and_then(|f| store::recovery::find(f))
        && found.workspace != *state.doc.workspace()
    {
        state.offer_recovery(found.workspace, ago(found.modified));
    }
    let screen_reader = apply_config(
        &mut state,
        &mut storage,
        dirs.as_ref(),
        screen_reader || reader_env(),
    );
    if let Some(address) = room_address {
        storage.room.settings.address = address;
    }
    if room {
        // `--room` is asking: the room opens now (with what a last room kept).
        let _ = storage.room.kept_news();
        for event in storage.room(crate::app::room::RoomCommand::Open, &state) {
            crate::app::update(&mut state, event);
        }
    } else if let Some(kept) = storage.room.kept_news() {
        crate::app::update(&mut state, kept);
    }
    if present {
        state.start_presenting(true);
    }
    let mut host = TerminalHost {
        mouse: state.mouse,
        signals: signals.clone(),
        speaker: screen_reader.then(crate::speech::app::Speaker::default),
        spoke: false,
    };
    let mut events = TerminalEvents {
        last_click: None,
        signals: signals.clone(),
        lifeline: lifeline.clone(),
    };
    let result = if screen_reader {
        // SPEC §13: raw mode for the keys, but no alternate screen and nothing drawn: the board
        // is drawn off screen (the same `view`, so every key works the same) and the host
        // writes lines.
        let _ = ratatui::crossterm::terminal::enable_raw_mode();
        let _ = execute!(io::stdout(), EnableBracketedPaste);
        let (w, h) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
        let backend = ratatui::backend::TestBackend::new(w.max(1), h.max(1));
        match ratatui::Terminal::new(backend) {
            Ok(mut terminal) => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                run_with(
                    &mut terminal,
                    &mut state,
                    &mut events,
                    &mut host,
                    &mut storage,
                )
            })),
            Err(e) => Ok(Err(io::Error::other(e.to_string()))),
        }
    } else {
        let mut terminal = ratatui::init();
        let _ = execute!(io::stdout(), EnableBracketedPaste);
        if state.mouse {
            let _ = execute!(io::stdout(), EnableMouseCapture);
        }
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run_with(
                &mut terminal,
                &mut state,
                &mut events,
                &mut host,
                &mut storage,
            )
        }));
        if hangup::gone() {
            // Dropping ratatui's terminal shows the cursor and, when that fails, prints with
            // `eprintln!` — which panics once the terminal is gone. Nothing is left to restore.
            std::mem::forget(terminal);
        }
        result
    };
    lifeline.ending();
    let hung_up = hangup::gone();
    if let Some(signal) = signals.as_ref().and_then(Received::signal) {
        return end_by_signal(&mut storage, &state, signals::name(signal), signal);
    }
    if hung_up {
        // No signal came (a shell that ignores SIGHUP, or not the session leader), but the
        // input has ended: the same as SIGHUP.
        return end_by_signal(
            &mut storage,
            &state,
            "the terminal going away",
            signal_hook::consts::SIGHUP,
        );
    }
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    if screen_reader {
        let _ = ratatui::crossterm::terminal::disable_raw_mode();
        let _ = write!(io::stdout(), "\r\n");
    } else {
        ratatui::restore();
    }
    match result {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("personas: {}", visible(&e.to_string()));
            dump(&mut storage, &state);
            ExitCode::FAILURE
        }
        Err(_) => {
            // ratatui's panic hook has already restored the terminal and printed the panic.
            eprintln!("personas: crashed (a bug — sorry).");
            dump(&mut storage, &state);
            ExitCode::from(101)
        }
    }
}

/// Which standard stream is not a terminal, if any.
fn no_terminal() -> Option<&'static str> {
    use std::io::IsTerminal as _;
    match (io::stdin().is_terminal(), io::stdout().is_terminal()) {
        (true, true) => None,
        (false, true) => Some("standard input is not one"),
        (true, false) => Some("standard output is not one"),
        (false, false) => Some("neither standard input nor output is one"),
    }
}

/// `PERSONAS_SCREEN_READER` set to anything but empty or `0` turns screen-reader mode on.
fn reader_env() -> bool {
    std::env::var_os("PERSONAS_SCREEN_READER").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Reads the config file; a bad one is shown in the status bar and the defaults are used.
/// Returns whether the app runs in screen-reader mode: `asked` on the command line or in the
/// environment, or in the config.
fn apply_config(
    state: &mut State,
    storage: &mut Storage,
    dirs: Option<&Dirs>,
    asked: bool,
) -> bool {
    let config = match dirs.map(|d| Config::load(&d.config_file())) {
        Some(Ok(c)) => c,
        Some(Err(e)) => {
            state.say(
                Tone::Error,
                format!(
                    "{} — started with the default settings",
                    e.render("config.ron")
                ),
            );
            Config::default()
        }
        None => Config::default(),
    };
    state.theme = config.theme;
    state.presenter_theme = config.presenter_theme;
    state.goal_lines = config.goal_lines;
    state.mouse = config.mouse;
    state.keymap = config.keymap;
    storage.recovery_delay = config.recovery_delay;
    storage.room.settings.address = config.room_address;
    storage.room.settings.votes_per_person = config.votes_per_person;
    let term = std::env::var("TERM").ok();
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
        || super::locale::mono_terminal(term.as_deref())
    {
        state.theme = crate::ui::theme::ThemeName::Mono;
        state.presenter_theme = crate::ui::theme::ThemeName::Mono;
    }
    state.ascii = !super::locale::utf8_locale_here();
    let screen_reader = asked || config.screen_reader;
    if screen_reader {
        // No colour is written at all; the off-screen board needs no terminal query.
        state.theme = crate::ui::theme::ThemeName::Mono;
    } else if state.theme == crate::ui::theme::ThemeName::Auto {
        state.theme = background_theme();
    }
    if state.presenter_theme == crate::ui::theme::ThemeName::Auto {
        state.presenter_theme = state.theme;
    }
    screen_reader
}

/// `Auto`: asks the terminal for its background colour (OSC 11) and picks Light on a light
/// one, Dark on a dark one or when the terminal does not answer within a short time.
fn background_theme() -> crate::ui::theme::ThemeName {
    use crate::ui::theme::ThemeName;
    let mut options = terminal_colorsaurus::QueryOptions::default();
    options.timeout = std::time::Duration::from_millis(250);
    match terminal_colorsaurus::background_color(options) {
        Ok(colour) if colour.perceived_lightness() > 0.5 => ThemeName::Light,
        _ => ThemeName::Dark,
    }
}

/// Ends the session after a signal or the terminal going away (SPEC §7): the recovery copy of
/// unsaved work is written at once, the terminal is restored, the lock released, and the exit
/// status is 128 + the signal (129 when the terminal went away without one). Nothing here may
/// panic: after SIGHUP the terminal is gone and every write to it fails.
fn end_by_signal(storage: &mut Storage, state: &State, why: &str, signal: i32) -> ExitCode {
    let kept = if state.modified() && !state.read_only {
        Some(storage.dump(state))
    } else {
        storage.finish();
        None
    };
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    let _ = ratatui::try_restore();
    let mut err = io::stderr();
    let _ = match kept {
        None => writeln!(
            err,
            "personas: ended by {why}; there were no unsaved changes."
        ),
        Some(Ok(file)) => writeln!(
            err,
            "personas: ended by {why}; your unsaved work is in {}\npersonas: open {} again and \
             press r to restore it.",
            shown_path(&file),
            shown_path(&state.path)
        ),
        Some(Err(e)) => writeln!(
            err,
            "personas: ended by {why}; could not write a recovery copy ({}): unsaved changes \
             are lost.",
            visible(&e)
        ),
    };
    ExitCode::from(signals::exit_code(signal))
}

/// After a crash: the unsaved workspace goes to the recovery copy, and we say where.
fn dump(storage: &mut Storage, state: &State) {
    if !state.modified() {
        storage.finish();
        let _ = writeln!(
            io::stderr(),
            "personas: there were no unsaved changes; {} is as last saved.",
            shown_path(&state.path)
        );
        return;
    }
    let mut err = io::stderr();
    let _ = match storage.dump(state) {
        Ok(file) => writeln!(
            err,
            "personas: your unsaved work is in {}\npersonas: open {} again and press r to restore it.",
            shown_path(&file),
            shown_path(&state.path)
        ),
        Err(e) => writeln!(
            err,
            "personas: could not write a recovery copy ({}); unsaved changes are lost.",
            visible(&e)
        ),
    };
}
