//! The real terminal: reading its events, handing it over and back, opening a workspace and
//! running the loop on it, and the crash dump.

use std::io::{self, Write as _};
use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use super::ending::{dump, end_by_signal};
use super::hangup::{self, Input, Lifeline};
use super::opening::{ago, apply_config, default_workspace, open_state, reader_env};
use super::signals::{self, Received};
use super::writer::Writer;
use super::{Events, Host, Storage, run_with};
use crate::app::Tone;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event as TermEvent, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;

use crate::app::{Event, State};
use crate::store::{self, Dirs};
use crate::text::visible;

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
        if let Some(Event::Room(crate::app::room::RoomNews::Kept(data))) = storage.room.kept_news()
        {
            // Asked for already: no question; and the kept proposals are not news.
            state.room.data = data;
        }
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
