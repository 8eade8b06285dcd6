//! The real terminal: reading its events, handing it over and back, opening a workspace and
//! running the loop on it, and the crash dump.

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use super::writer::Writer;
use super::{Events, Host, Storage, run_with};
use crate::app::Tone;
use crate::config::Config;
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event as TermEvent, MouseButton, MouseEventKind,
};
use crossterm::execute;

use crate::app::{Event, State};
use crate::model::Workspace;
use crate::store::{self, Dirs};

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

struct TerminalHost {
    mouse: bool,
}

impl Host for TerminalHost {
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
        let file = std::env::temp_dir().join(format!(
            "personas-{}-{}.txt",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        std::fs::write(&file, format!("{text}\n")).map_err(|e| e.to_string())?;
        // Hand the terminal over: normal screen, cooked mode, no mouse reports.
        let mut out = io::stdout();
        let _ = execute!(out, DisableMouseCapture, DisableBracketedPaste);
        ratatui::restore();
        let ran = run_editor(&file);
        // And take it back.
        let _ = crossterm::terminal::enable_raw_mode();
        let _ = execute!(
            out,
            crossterm::terminal::EnterAlternateScreen,
            EnableBracketedPaste
        );
        if self.mouse {
            let _ = execute!(out, EnableMouseCapture);
        }
        let result = ran.and_then(|()| std::fs::read_to_string(&file).map_err(|e| e.to_string()));
        let _ = std::fs::remove_file(&file);
        result
    }
}

/// Runs `$EDITOR` (then `$VISUAL`, then `vi`) on a file and waits for it. The variable may
/// hold arguments too (`code --wait`).
fn run_editor(file: &Path) -> Result<(), String> {
    let command = ["EDITOR", "VISUAL"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".into());
    let mut words = command.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(words)
        .arg(file)
        .status()
        .map_err(|e| format!("{program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "{program} exited with {status}; the field is unchanged"
        ))
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
    let mut storage = Storage::full(&state, dirs.as_ref(), Writer::thread());
    if let Some(pid) = storage.other_instance() {
        state.say(
            Tone::Warning,
            format!(
                "{} is already open in another personas (process {pid}): saving asks before \
                 overwriting its changes",
                state.file_name()
            ),
        );
    }
    if !read_only {
        storage.take_lock();
    }
    if let Some(found) = storage
        .recovery_file()
        .and_then(|f| store::recovery::find(f))
        && found.workspace != *state.doc.workspace()
    {
        state.offer_recovery(found.workspace, ago(found.modified));
    }
    apply_config(&mut state, &mut storage, dirs.as_ref());
    let mut host = TerminalHost { mouse: state.mouse };
    let mut terminal = ratatui::init();
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    if state.mouse {
        let _ = execute!(io::stdout(), EnableMouseCapture);
    }
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_with(
            &mut terminal,
            &mut state,
            &mut TerminalEvents { last_click: None },
            &mut host,
            &mut storage,
        )
    }));
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    match result {
        Ok(Ok(())) => ExitCode::SUCCESS,
        Ok(Err(e)) => {
            eprintln!("personas: {e}");
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

/// Reads the config file; a bad one is shown in the status bar and the defaults are used.
fn apply_config(state: &mut State, storage: &mut Storage, dirs: Option<&Dirs>) {
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
    state.goal_lines = config.goal_lines;
    state.mouse = config.mouse;
    state.keymap = config.keymap;
    storage.recovery_delay = config.recovery_delay;
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        state.theme = crate::ui::theme::ThemeName::Mono;
    }
    if state.theme == crate::ui::theme::ThemeName::Auto {
        state.theme = background_theme();
    }
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

/// After a crash: the unsaved workspace goes to the recovery copy, and we say where.
fn dump(storage: &mut Storage, state: &State) {
    if !state.modified() {
        storage.finish();
        eprintln!(
            "personas: there were no unsaved changes; {} is as last saved.",
            state.path.display()
        );
        return;
    }
    match storage.dump(state) {
        Ok(file) => eprintln!(
            "personas: your unsaved work is in {}\npersonas: open {} again and press r to restore it.",
            file.display(),
            state.path.display()
        ),
        Err(e) => {
            eprintln!("personas: could not write a recovery copy ({e}); unsaved changes are lost.")
        }
    }
}
