//! The loop: draw → event → `update` → effects. The only impure part of the app. Generic over
//! ratatui's `Backend`, so tests drive the whole app on a `TestBackend` with scripted events.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event as TermEvent, MouseButton, MouseEventKind,
};
use crossterm::execute;
use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::{Effect, Event, State, update};
use crate::model::Workspace;
use crate::store::{self, Dirs};

/// Where events come from: the terminal, or a script in tests.
pub trait Events {
    /// The next event, waiting at most `wait` (then [`Event::Idle`]) when it is given.
    fn next_within(&mut self, wait: Option<Duration>) -> io::Result<Option<Event>> {
        let _ = wait;
        self.next()
    }
    fn next(&mut self) -> io::Result<Option<Event>>;
}

/// Effects that touch the terminal itself rather than the screen.
pub trait Host {
    fn set_mouse(&mut self, on: bool);
}

/// A host that ignores terminal effects (tests).
pub struct NoHost;

impl Host for NoHost {
    fn set_mouse(&mut self, _on: bool) {}
}

/// A recovery copy is written this long after the last change…
pub const RECOVERY_DELAY: Duration = Duration::from_secs(2);
/// …or after this many changes, whichever comes first.
pub const RECOVERY_EVERY: usize = 50;

/// When to write the recovery copy, and where. Lives in the loop because it needs the clock.
pub struct Recovery {
    pub file: Option<PathBuf>,
    pub delay: Duration,
    written_state: u64,
    changed_at: Option<Instant>,
    changes: usize,
    last_state: u64,
}

impl Recovery {
    pub fn new(file: Option<PathBuf>, state: &State) -> Recovery {
        Recovery {
            file,
            delay: RECOVERY_DELAY,
            written_state: state.doc.state(),
            changed_at: None,
            changes: 0,
            last_state: state.doc.state(),
        }
    }

    /// Notes a change after an event, and writes the copy when it is due.
    fn tick(&mut self, state: &mut State) {
        let now = state.doc.state();
        if now != self.last_state {
            self.last_state = now;
            self.changes += 1;
            self.changed_at = Some(Instant::now());
        }
        if !state.modified() || now == self.written_state {
            return;
        }
        let due = self.changes >= RECOVERY_EVERY
            || self.changed_at.is_some_and(|t| t.elapsed() >= self.delay);
        if due {
            self.write(state);
        }
    }

    /// Writes the copy now (also used by the crash dump).
    pub fn write(&mut self, state: &mut State) -> Option<PathBuf> {
        let file = self.file.clone()?;
        match store::recovery::write(&file, state.doc.workspace()) {
            Ok(()) => {
                self.written_state = state.doc.state();
                self.changes = 0;
                self.changed_at = None;
                state.keep_recovery = false;
                Some(file)
            }
            Err(e) => {
                state.say(
                    crate::app::Tone::Warning,
                    format!("could not write the recovery copy: {e}"),
                );
                None
            }
        }
    }

    fn remove(&mut self, state: &State) {
        if let Some(file) = &self.file
            && !state.keep_recovery
        {
            let _ = store::recovery::remove(file);
        }
    }

    /// How long the loop may wait for an event before the copy is due.
    fn wait(&self) -> Option<Duration> {
        self.changed_at
            .map(|t| self.delay.saturating_sub(t.elapsed()) + Duration::from_millis(10))
    }
}

/// Runs until the app quits or the events run out.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    events: &mut dyn Events,
    host: &mut dyn Host,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let mut recovery = Recovery::new(None, state);
    run_with(terminal, state, events, host, &mut recovery)
}

/// [`run`] with recovery copies.
pub fn run_with<B: Backend>(
    terminal: &mut Terminal<B>,
    state: &mut State,
    events: &mut dyn Events,
    host: &mut dyn Host,
    recovery: &mut Recovery,
) -> io::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    let size = terminal.size().map_err(io::Error::other)?;
    update(state, Event::Resize(size.width, size.height));
    loop {
        terminal
            .draw(|f| crate::ui::view(state, f))
            .map_err(io::Error::other)?;
        let Some(event) = events.next_within(recovery.wait())? else {
            return Ok(());
        };
        #[cfg(debug_assertions)]
        debug_panic(&event);
        let mut queue = vec![event];
        while let Some(event) = queue.pop() {
            for effect in update(state, event) {
                match effect {
                    Effect::Quit => {
                        recovery.remove(state);
                        return Ok(());
                    }
                    Effect::RemoveRecovery => recovery.remove(state),
                    Effect::SetMouse(on) => host.set_mouse(on),
                    Effect::Save {
                        path,
                        workspace,
                        state: saved,
                    } => {
                        let result = save_file(&path, &workspace).map_err(|e| e.to_string());
                        queue.push(Event::Saved {
                            state: saved,
                            result,
                        });
                    }
                }
            }
        }
        recovery.tick(state);
    }
}

/// Debug builds only: with `PERSONAS_DEBUG_PANIC=1` in the environment, F12 panics, so the
/// crash dump can be tested end to end. Release builds have no such key.
#[cfg(debug_assertions)]
fn debug_panic(event: &Event) {
    if let Event::Key(k) = event
        && k.code == crossterm::event::KeyCode::F(12)
        && std::env::var_os("PERSONAS_DEBUG_PANIC").is_some()
    {
        panic!("debug panic requested with F12 (PERSONAS_DEBUG_PANIC is set)");
    }
}

fn save_file(path: &Path, ws: &Workspace) -> io::Result<()> {
    store::save(path, ws)
}

/// Events from the real terminal, with double-click detection.
struct TerminalEvents {
    last_click: Option<(u16, u16, Instant)>,
}

const DOUBLE_CLICK: Duration = Duration::from_millis(400);

impl Events for TerminalEvents {
    fn next_within(&mut self, wait: Option<Duration>) -> io::Result<Option<Event>> {
        if let Some(wait) = wait
            && !event::poll(wait)?
        {
            return Ok(Some(Event::Idle));
        }
        self.next()
    }

    fn next(&mut self) -> io::Result<Option<Event>> {
        loop {
            let ev = match event::read()? {
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
                    _ => continue,
                },
                _ => continue,
            };
            return Ok(Some(ev));
        }
    }
}

struct TerminalHost;

impl Host for TerminalHost {
    fn set_mouse(&mut self, on: bool) {
        let mut out = io::stdout();
        let _ = if on {
            execute!(out, EnableMouseCapture)
        } else {
            execute!(out, DisableMouseCapture)
        };
    }
}

/// Loads the file to open, or explains why not (the error text, as `check` prints it).
pub fn open_state(path: &Path, read_only: bool) -> Result<State, String> {
    let shown = path.display().to_string();
    let exists = std::fs::symlink_metadata(path).is_ok();
    let (ws, new_file) = if exists {
        match store::load(path) {
            Ok(ws) => (ws, false),
            Err(e) => return Err(e.render(&shown)),
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
        state.say(
            crate::app::Tone::Info,
            format!("new workspace: {shown} is created on first save (Ctrl-s)"),
        );
    } else if read_only {
        state.say(
            crate::app::Tone::Info,
            "read-only: browsing only, nothing is written",
        );
    }
    Ok(state)
}

/// The default workspace, created from the bundled example on first run.
fn default_workspace() -> Result<PathBuf, String> {
    let dirs = Dirs::from_env().ok_or("personas: cannot find a home directory for the data")?;
    let path = dirs.default_workspace();
    if !path.exists() {
        std::fs::create_dir_all(&dirs.data)
            .and_then(|()| store::write_atomic(&path, store::EXAMPLE.as_bytes()))
            .map_err(|e| format!("personas: cannot create {}: {e}", path.display()))?;
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

/// Opens the board on `file` (or the default workspace). Returns the process exit code.
pub fn open_app(file: Option<PathBuf>, read_only: bool) -> ExitCode {
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
    let recovery_file = dirs
        .as_ref()
        .filter(|_| !read_only)
        .map(|d| store::recovery::recovery_path(&d.recovery_dir(), &path));
    if let Some(found) = recovery_file.as_deref().and_then(store::recovery::find)
        && found.workspace != *state.doc.workspace()
    {
        state.offer_recovery(found.workspace, ago(found.modified));
    }
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        state.theme = crate::ui::theme::ThemeName::Mono;
    }
    let mut recovery = Recovery::new(recovery_file, &state);
    let mut terminal = ratatui::init();
    let _ = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_with(
            &mut terminal,
            &mut state,
            &mut TerminalEvents { last_click: None },
            &mut TerminalHost,
            &mut recovery,
        )
    }));
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    match result {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("personas: {e}");
            dump(&mut recovery, &mut state);
            ExitCode::FAILURE
        }
        Err(_) => {
            // ratatui's panic hook has already restored the terminal and printed the panic.
            eprintln!("personas: crashed (a bug — sorry).");
            dump(&mut recovery, &mut state);
            ExitCode::from(101)
        }
    }
}

/// After a crash: the unsaved workspace goes to the recovery copy, and we say where.
fn dump(recovery: &mut Recovery, state: &mut State) {
    if !state.modified() {
        eprintln!(
            "personas: there were no unsaved changes; {} is as last saved.",
            state.path.display()
        );
        return;
    }
    match recovery.write(state) {
        Some(file) => eprintln!(
            "personas: your unsaved work is in {}\npersonas: open {} again and press r to restore it.",
            file.display(),
            state.path.display()
        ),
        None => eprintln!("personas: could not write a recovery copy; unsaved changes are lost."),
    }
}
