//! The config file, `config.ron` in the config directory: theme, mouse at start, recovery-copy
//! delay, key remaps. A bad config is a clear error naming the line; the app then starts with
//! the defaults and shows the error, it never silently ignores it.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use serde::Deserialize;

use crate::app::keys::Chord;
use crate::app::{Action, Keymap};
/// The theme and goal-lines settings are the app's own types; the config names them.
pub use crate::app::{GoalLines, ThemeName};

/// Seconds after the last change before a recovery copy is written, unless the config says.
pub const RECOVERY_DELAY: Duration = Duration::from_secs(2);

/// The default config, commented: what `personas --print-config` prints.
pub const DEFAULT: &str = r#"// personas configuration: ~/.config/personas/config.ron (or $XDG_CONFIG_HOME/personas/).
// Every setting may be left out; this file shows the defaults.
(
    // Colours: Auto (Dark or Light, from the terminal's background), Dark, Light,
    // HighContrast or HighContrastLight (for projectors) or Mono (no colour at all).
    // NO_COLOR in the environment always gives Mono.
    theme: Auto,
    // Colours while presenting (P, personas present): any theme above; the board's theme is
    // back when presenting ends. NO_COLOR gives Mono here too.
    presenter_theme: HighContrast,
    // Lines of goal text on the board: One, Two or Whole (w cycles them; the selected goal
    // always shows its whole text).
    goal_lines: Two,
    // Mouse capture when the app starts (m turns it off and on).
    mouse: true,
    // Screen-reader mode (as --screen-reader): no alternate screen, box drawing or colour;
    // after each key one line says where the cursor is.
    screen_reader: false,
    // Seconds after the last change before a recovery copy of unsaved work is written.
    recovery_delay: 2.0,
    // Where the room (R, --room) listens: "0.0.0.0:7007" is every network interface, so phones
    // on the same network can join; "127.0.0.1:7007" keeps it to this computer.
    room_address: "0.0.0.0:7007",
    // Dots each participant has in a vote round (V); at most one per goal.
    votes_per_person: 3,
    // Key remaps: action = [keys]. The keys replace the action's default keys in every mode
    // that has the action. Key names: a character ("j", "J", "?"), or enter, esc, tab, backtab,
    // space, backspace, delete, left, right, up, down, home, end, pageup, pagedown, f1..f24,
    // with ctrl-, alt- or shift- in front ("ctrl-s"). Two actions on one key is an error.
    // Actions: see the help overlay (?) or the README; e.g. save, quit, move_down, add_persona.
    keys: {
        // "save": ["ctrl-s", "ctrl-w"],
    },
)
"#;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    theme: Option<ThemeName>,
    #[serde(default)]
    presenter_theme: Option<ThemeName>,
    #[serde(default)]
    goal_lines: Option<GoalLines>,
    #[serde(default)]
    mouse: Option<bool>,
    #[serde(default)]
    screen_reader: Option<bool>,
    #[serde(default)]
    recovery_delay: Option<f64>,
    #[serde(default)]
    room_address: Option<String>,
    #[serde(default)]
    votes_per_person: Option<u32>,
    #[serde(default)]
    keys: BTreeMap<String, Vec<String>>,
}

/// The settings, with defaults filled in.
#[derive(Debug, Clone)]
pub struct Config {
    pub theme: ThemeName,
    /// The theme while presenting (SPEC §12).
    pub presenter_theme: ThemeName,
    pub goal_lines: GoalLines,
    pub mouse: bool,
    /// The app speaks in lines instead of drawing the board (SPEC §13).
    pub screen_reader: bool,
    pub recovery_delay: Duration,
    pub keymap: Keymap,
    /// Where the room listens (SPEC §11).
    pub room_address: std::net::SocketAddr,
    /// Dots each participant has in a vote round.
    pub votes_per_person: u32,
}

/// The room's address unless the config says: every interface, port 7007.
pub const ROOM_ADDRESS: std::net::SocketAddr = std::net::SocketAddr::V4(
    std::net::SocketAddrV4::new(std::net::Ipv4Addr::UNSPECIFIED, 7007),
);

impl Default for Config {
    fn default() -> Config {
        Config {
            theme: ThemeName::Auto,
            presenter_theme: ThemeName::HighContrast,
            goal_lines: GoalLines::Two,
            mouse: true,
            screen_reader: false,
            recovery_delay: RECOVERY_DELAY,
            keymap: Keymap::default(),
            room_address: ROOM_ADDRESS,
            votes_per_person: crate::room::limits::VOTES_PER_PERSON,
        }
    }
}

/// What is wrong with a config file, with the line it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub line: Option<usize>,
    pub message: String,
}

impl ConfigError {
    /// `config.ron:12: unknown key name "ctrl-banana"`
    pub fn render(&self, file: &str) -> String {
        match self.line {
            Some(line) => format!("{file}:{line}: {}", self.message),
            None => format!("{file}: {}", self.message),
        }
    }
}

/// The first line holding `"needle"` (quoted), for errors the parser cannot place.
fn line_of(text: &str, needle: &str) -> Option<usize> {
    let quoted = format!("\"{needle}\"");
    text.lines()
        .position(|l| !l.trim_start().starts_with("//") && l.contains(&quoted))
        .map(|i| i + 1)
}

impl Config {
    /// Reads `path`; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        use crate::store::read::{ReadError, read_file};
        // Through the one bounded reader: a config linked to /dev/zero is an error, not a
        // memory blow-up at start.
        match read_file(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Config::parse(&text),
                Err(_) => Err(ConfigError {
                    line: None,
                    message: "cannot read it: it is not UTF-8 text".into(),
                }),
            },
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                Ok(Config::default())
            }
            Err(e) => Err(ConfigError {
                line: None,
                message: format!("cannot read it: {e}"),
            }),
        }
    }

    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let file: ConfigFile = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .map_err(|e| ConfigError {
                line: Some(e.span.start.line),
                message: e.code.to_string(),
            })?;
        let mut config = Config::default();
        if let Some(theme) = file.theme {
            config.theme = theme;
        }
        if let Some(theme) = file.presenter_theme {
            config.presenter_theme = theme;
        }
        if let Some(lines) = file.goal_lines {
            config.goal_lines = lines;
        }
        if let Some(mouse) = file.mouse {
            config.mouse = mouse;
        }
        if let Some(on) = file.screen_reader {
            config.screen_reader = on;
        }
        if let Some(secs) = file.recovery_delay {
            if !(0.2..=3600.0).contains(&secs) {
                return Err(ConfigError {
                    line: text
                        .lines()
                        .position(|l| l.trim_start().starts_with("recovery_delay"))
                        .map(|i| i + 1),
                    message: format!(
                        "recovery_delay is {secs}: it must be between 0.2 and 3600 seconds"
                    ),
                });
            }
            config.recovery_delay = Duration::from_secs_f64(secs);
        }
        let line_starting = |key: &str| {
            text.lines()
                .position(|l| l.trim_start().starts_with(key))
                .map(|i| i + 1)
        };
        if let Some(address) = &file.room_address {
            config.room_address =
                crate::room::parse_address(address).map_err(|message| ConfigError {
                    line: line_starting("room_address"),
                    message,
                })?;
        }
        if let Some(votes) = file.votes_per_person {
            if !(1..=20).contains(&votes) {
                return Err(ConfigError {
                    line: line_starting("votes_per_person"),
                    message: format!("votes_per_person is {votes}: it must be between 1 and 20"),
                });
            }
            config.votes_per_person = votes;
        }
        let mut remaps = Vec::new();
        for (name, keys) in &file.keys {
            let action: Action = ron::from_str(name).map_err(|_| ConfigError {
                line: line_of(text, name),
                message: format!("unknown action {name:?} (the help overlay lists them)"),
            })?;
            let chords = keys
                .iter()
                .map(|k| {
                    Chord::parse(k).map_err(|m| ConfigError {
                        line: line_of(text, k),
                        message: m,
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            remaps.push((action, chords));
        }
        config.keymap = config.keymap.remapped(&remaps).map_err(|e| {
            // The line of whichever clashing action the config remapped.
            let line = match &e {
                crate::app::keymap::RemapError::Clash { first, second, .. } => {
                    line_of(text, second).or_else(|| line_of(text, first))
                }
                crate::app::keymap::RemapError::NotBindable(name) => line_of(text, name),
            };
            ConfigError {
                line,
                message: e.to_string(),
            }
        })?;
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::KeyMode;

    #[test]
    fn the_default_config_parses_to_the_defaults() {
        let c = Config::parse(DEFAULT).expect("the default parses");
        assert_eq!(c.theme, ThemeName::Auto);
        assert_eq!(c.presenter_theme, ThemeName::HighContrast);
        assert_eq!(c.goal_lines, GoalLines::Two);
        assert!(c.mouse);
        assert_eq!(c.recovery_delay, Duration::from_secs(2));
        assert_eq!(c.keymap.markdown(), Keymap::default().markdown());
    }

    #[test]
    fn settings_are_read() {
        let c = Config::parse(
            "(theme: HighContrastLight, presenter_theme: Light, goal_lines: Whole, mouse: false, recovery_delay: 5, keys: { \"save\": [\"ctrl-w\"] })",
        )
        .expect("valid");
        assert_eq!(c.theme, ThemeName::HighContrastLight);
        assert_eq!(c.presenter_theme, ThemeName::Light);
        assert_eq!(c.goal_lines, GoalLines::Whole);
        assert!(!c.mouse);
        assert_eq!(c.recovery_delay, Duration::from_secs(5));
        let ctrl_w = Chord::parse("ctrl-w").expect("parses");
        assert_eq!(c.keymap.action(KeyMode::Board, ctrl_w), Some(Action::Save));
    }

    fn error(text: &str) -> ConfigError {
        Config::parse(text).expect_err("invalid")
    }

    #[test]
    fn each_kind_of_bad_config_names_its_line() {
        let e = error("(\n    theme: Dark,\n    colour: Red,\n)");
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("colour"), "{e:?}");

        let e = error("(\n    theme: Purple,\n)");
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("Purple"), "{e:?}");

        let e = error("(\n    mouse: \"yes\",\n)");
        assert_eq!(e.line, Some(2));

        let e = error("(\n    recovery_delay: 0,\n)");
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("between"), "{e:?}");

        let e = error("(\n    keys: {\n        \"save\": [\"ctrl-banana\"],\n    },\n)");
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("ctrl-banana"), "{e:?}");

        let e = error("(\n    keys: {\n        \"sav\": [\"ctrl-w\"],\n    },\n)");
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("unknown action \"sav\""), "{e:?}");

        let e = error("(\n    keys: {\n        \"save\": [\"q\"],\n    },\n)");
        assert_eq!(e.line, Some(3));
        assert_eq!(
            e.render("config.ron"),
            "config.ron:3: key q would be bound to both save and quit (Board)"
        );
    }

    #[test]
    fn a_config_that_never_ends_is_an_error_not_a_blow_up() {
        let e = Config::load(Path::new("/dev/zero")).expect_err("refused");
        assert!(e.message.contains("64 MiB"), "{}", e.message);
    }
}
