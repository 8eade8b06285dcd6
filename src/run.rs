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
    /// The next event; `None` when there are no more (a script ran out).
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
    let size = terminal.size().map_err(io::Error::other)?;
    update(state, Event::Resize(size.width, size.height));
    loop {
        terminal.draw(|f| crate::ui::view(state, f)).map_err(io::Error::other)?;
        let Some(event) = events.next()? else {
            return Ok(());
        };
        let mut queue = vec![event];
        while let Some(event) = queue.pop() {
            for effect in update(state, event) {
                match effect {
                    Effect::Quit => return Ok(()),
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
        return Err(format!("{shown}: error: no such file (nothing to browse)\n"));
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
        state.say(crate::app::Tone::Info, "read-only: browsing only, nothing is written");
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

/// Opens the board on `file` (or the default workspace). Returns the process exit code.
pub fn open_app(file: Option<PathBuf>, read_only: bool) -> ExitCode {
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
    let mut terminal = ratatui::init();
    let _ = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    let result = run(
        &mut terminal,
        &mut state,
        &mut TerminalEvents { last_click: None },
        &mut TerminalHost,
    );
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("personas: {e}");
            ExitCode::FAILURE
        }
    }
}
