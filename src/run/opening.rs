//! Opening a workspace for the app: loading it (or explaining why not), the default workspace,
//! the config applied to the state, and the theme from the terminal's background.

use std::os::unix::fs::MetadataExt as _;
use std::path::{Path, PathBuf};

use super::Storage;
use crate::app::{State, Tone};
use crate::config::Config;
use crate::model::Workspace;
use crate::store::{self, Dirs};
use crate::text::{shown_path, visible_block};

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
pub(super) fn other_links(path: &Path) -> Option<u64> {
    let links = std::fs::metadata(path).ok()?.nlink();
    (links > 1).then(|| links - 1)
}

/// The default workspace, created from the bundled example on first run.
pub(super) fn default_workspace() -> Result<PathBuf, String> {
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
pub(super) fn ago(t: Option<std::time::SystemTime>) -> String {
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

/// `PERSONAS_SCREEN_READER` set to anything but empty or `0` turns screen-reader mode on.
pub(super) fn reader_env() -> bool {
    std::env::var_os("PERSONAS_SCREEN_READER").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Reads the config file; a bad one is shown in the status bar and the defaults are used.
/// Returns whether the app runs in screen-reader mode: `asked` on the command line or in the
/// environment, or in the config.
pub(super) fn apply_config(
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
pub(super) fn background_theme() -> crate::ui::theme::ThemeName {
    use crate::ui::theme::ThemeName;
    let mut options = terminal_colorsaurus::QueryOptions::default();
    options.timeout = std::time::Duration::from_millis(250);
    match terminal_colorsaurus::background_color(options) {
        Ok(colour) if colour.perceived_lightness() > 0.5 => ThemeName::Light,
        _ => ThemeName::Dark,
    }
}
