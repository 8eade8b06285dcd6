//! Colours, text styles and the symbols of the board. Meaning is never carried by colour alone:
//! chains, findings and the cursor also have symbols or text attributes, so the monochrome theme
//! (`NO_COLOR`) still shows them. Every style keeps a WCAG contrast of at least 4.5:1 against its
//! theme's background (`ui::contrast` computes it with the xterm palette); no
//! theme uses the terminal's dim attribute, whose colour no one can predict.

use ratatui::style::{Color, Modifier, Style};

pub use crate::app::ThemeName;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Painted under everything first: the high-contrast themes bring their own background.
    pub base: Style,
    pub text: Style,
    pub dim: Style,
    pub persona: Style,
    pub cursor: Style,
    pub cursor_unfocused: Style,
    pub border: Style,
    pub border_focus: Style,
    pub title: Style,
    pub chain_direct: Style,
    pub chain_indirect: Style,
    /// Link lines of the selected chain in the gutters.
    pub link: Style,
    /// Link lines drawn by `a` outside the selected chain.
    pub link_other: Style,
    pub marked: Style,
    pub finding: Style,
    pub key: Style,
    pub success: Style,
    pub warning: Style,
    pub error: Style,
    pub status: Style,
    /// The symbols: Unicode, or ASCII where the terminal cannot show it.
    pub glyphs: Glyphs,
}

/// What the terminal is assumed to show when a style names no colour: (foreground,
/// background) of a dark or a light terminal, for the contrast test and for `Auto`.
pub fn assumed_colours(name: ThemeName) -> (Color, Color) {
    match name {
        ThemeName::Light | ThemeName::HighContrastLight => (Color::Black, Color::White),
        _ => (Color::Gray, Color::Black),
    }
}

impl Theme {
    /// The theme of a name (`Auto` not yet resolved by `run` draws as `Dark`).
    pub fn get(name: ThemeName) -> Theme {
        match name {
            ThemeName::Auto | ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::HighContrast => Theme::high_contrast(),
            ThemeName::HighContrastLight => Theme::high_contrast_light(),
            ThemeName::Mono => Theme::mono(),
        }
    }

    /// The same theme with ASCII symbols and link lines (a terminal without UTF-8).
    pub fn with_glyphs(self, glyphs: Glyphs) -> Theme {
        Theme { glyphs, ..self }
    }

    pub fn dark() -> Theme {
        let plain = Style::default();
        Theme {
            base: plain,
            text: plain,
            dim: plain.fg(Color::DarkGray),
            persona: plain.add_modifier(Modifier::BOLD),
            cursor: plain.add_modifier(Modifier::REVERSED),
            cursor_unfocused: plain.add_modifier(Modifier::UNDERLINED),
            border: plain.fg(Color::DarkGray),
            border_focus: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            title: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            chain_direct: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            chain_indirect: plain.fg(Color::Yellow).add_modifier(Modifier::UNDERLINED),
            link: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            link_other: plain.fg(Color::Cyan),
            marked: plain.fg(Color::LightMagenta).add_modifier(Modifier::BOLD),
            finding: plain.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            key: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            success: plain.fg(Color::Green),
            warning: plain.fg(Color::Yellow),
            error: plain.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            status: plain.add_modifier(Modifier::BOLD),
            glyphs: Glyphs::UNICODE,
        }
    }

    /// For a light terminal: dark greys from the 256-colour palette, no light grey anywhere.
    pub fn light() -> Theme {
        let plain = Style::default();
        let grey = Color::Indexed(240);
        Theme {
            dim: plain.fg(grey),
            border: plain.fg(grey),
            border_focus: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
            title: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
            chain_direct: plain.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            chain_indirect: plain.fg(Color::Magenta).add_modifier(Modifier::UNDERLINED),
            link: plain.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            link_other: plain.fg(Color::Blue),
            marked: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
            finding: plain.fg(Color::Red).add_modifier(Modifier::BOLD),
            key: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
            success: plain.fg(Color::Indexed(22)).add_modifier(Modifier::BOLD),
            warning: plain.fg(Color::Red),
            error: plain.fg(Color::Red).add_modifier(Modifier::BOLD),
            ..Theme::dark()
        }
    }

    /// For projectors: white and bright colours, bold, on a black background of its own.
    pub fn high_contrast() -> Theme {
        let plain = Style::default();
        let bold = Modifier::BOLD;
        Theme {
            base: plain.fg(Color::White).bg(Color::Black),
            text: plain.fg(Color::White).add_modifier(bold),
            dim: plain.fg(Color::White),
            persona: plain.fg(Color::White).add_modifier(bold),
            cursor: plain.add_modifier(Modifier::REVERSED | bold),
            cursor_unfocused: plain.add_modifier(Modifier::UNDERLINED | bold),
            border: plain.fg(Color::White),
            border_focus: plain.fg(Color::LightYellow).add_modifier(bold),
            title: plain.fg(Color::White).add_modifier(bold),
            chain_direct: plain
                .fg(Color::LightYellow)
                .add_modifier(bold | Modifier::UNDERLINED),
            chain_indirect: plain
                .fg(Color::LightYellow)
                .add_modifier(Modifier::UNDERLINED),
            link: plain.fg(Color::LightYellow).add_modifier(bold),
            // Not bold: the chain's lines differ by more than their colour.
            link_other: plain.fg(Color::LightCyan),
            marked: plain
                .fg(Color::LightMagenta)
                .add_modifier(bold | Modifier::REVERSED),
            finding: plain.fg(Color::LightRed).add_modifier(bold),
            key: plain.fg(Color::LightCyan).add_modifier(bold),
            success: plain.fg(Color::LightGreen).add_modifier(bold),
            warning: plain.fg(Color::LightYellow).add_modifier(bold),
            error: plain.fg(Color::LightRed).add_modifier(bold),
            status: plain.fg(Color::White).add_modifier(bold),
            glyphs: Glyphs::UNICODE,
        }
    }

    /// For projectors in a light room: black and dark colours, bold, on a white background.
    pub fn high_contrast_light() -> Theme {
        let plain = Style::default();
        let bold = Modifier::BOLD;
        Theme {
            base: plain.fg(Color::Black).bg(Color::White),
            text: plain.fg(Color::Black).add_modifier(bold),
            dim: plain.fg(Color::Black),
            persona: plain.fg(Color::Black).add_modifier(bold),
            border: plain.fg(Color::Black),
            border_focus: plain.fg(Color::Blue).add_modifier(bold),
            title: plain.fg(Color::Black).add_modifier(bold),
            chain_direct: plain
                .fg(Color::Blue)
                .add_modifier(bold | Modifier::UNDERLINED),
            chain_indirect: plain.fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            link: plain.fg(Color::Blue).add_modifier(bold),
            link_other: plain.fg(Color::Black),
            marked: plain
                .fg(Color::Magenta)
                .add_modifier(bold | Modifier::REVERSED),
            finding: plain.fg(Color::Red).add_modifier(bold),
            key: plain.fg(Color::Blue).add_modifier(bold),
            success: plain.fg(Color::Indexed(22)).add_modifier(bold),
            warning: plain.fg(Color::Red).add_modifier(bold),
            error: plain.fg(Color::Red).add_modifier(bold),
            status: plain.fg(Color::Black).add_modifier(bold),
            ..Theme::high_contrast()
        }
    }

    /// No colour at all: attributes only.
    pub fn mono() -> Theme {
        let plain = Style::default();
        Theme {
            base: plain,
            text: plain,
            dim: plain,
            persona: plain.add_modifier(Modifier::BOLD),
            cursor: plain.add_modifier(Modifier::REVERSED),
            cursor_unfocused: plain.add_modifier(Modifier::UNDERLINED),
            border: plain,
            border_focus: plain.add_modifier(Modifier::BOLD),
            title: plain.add_modifier(Modifier::BOLD),
            chain_direct: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            chain_indirect: plain.add_modifier(Modifier::UNDERLINED),
            link: plain.add_modifier(Modifier::BOLD),
            link_other: plain,
            marked: plain.add_modifier(Modifier::BOLD | Modifier::REVERSED),
            finding: plain.add_modifier(Modifier::BOLD),
            key: plain.add_modifier(Modifier::BOLD),
            success: plain,
            warning: plain.add_modifier(Modifier::BOLD),
            error: plain.add_modifier(Modifier::BOLD),
            status: plain.add_modifier(Modifier::BOLD),
            glyphs: Glyphs::UNICODE,
        }
    }

    /// Every style with its name, for the contrast test.
    pub fn styles(&self) -> [(&'static str, Style); 20] {
        [
            ("base", self.base),
            ("text", self.text),
            ("dim", self.dim),
            ("persona", self.persona),
            ("cursor", self.cursor),
            ("cursor_unfocused", self.cursor_unfocused),
            ("border", self.border),
            ("border_focus", self.border_focus),
            ("title", self.title),
            ("chain_direct", self.chain_direct),
            ("chain_indirect", self.chain_indirect),
            ("link", self.link),
            ("link_other", self.link_other),
            ("marked", self.marked),
            ("finding", self.finding),
            ("key", self.key),
            ("success", self.success),
            ("warning", self.warning),
            ("error", self.error),
            ("status", self.status),
        ]
    }
}

/// The symbols that carry meaning without colour, in Unicode or ASCII. The Unicode ones are all
/// in [`COMMON_SYMBOLS`], which common terminal fonts have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    pub ascii: bool,
    pub finding: &'static str,
    /// A goal one link away from the selected one.
    pub direct: &'static str,
    /// A goal two links away.
    pub indirect: &'static str,
    /// The goal the link picker is open on.
    pub marked: &'static str,
    pub goal: &'static str,
    pub up: &'static str,
    pub down: &'static str,
}

impl Glyphs {
    pub const UNICODE: Glyphs = Glyphs {
        ascii: false,
        finding: "!",
        direct: "◆",
        indirect: "◇",
        marked: "●",
        goal: "•",
        up: "↑",
        down: "↓",
    };
    pub const ASCII: Glyphs = Glyphs {
        ascii: true,
        finding: "!",
        direct: "*",
        indirect: "o",
        marked: "@",
        goal: ".",
        up: "^",
        down: "v",
    };
}

/// Characters the board may draw besides letters, digits and ASCII punctuation: all in the
/// WGL4 set or the box-drawing and geometric-shape blocks that DejaVu Sans Mono, Menlo,
/// Consolas, Cascadia and Noto Sans Mono share.
pub const COMMON_SYMBOLS: &str = "◆◇●•›↑↓…·─│┌┐└┘├┤┬┴┼╴╶╵╷";

/// Kept for the other drawing code: the Unicode symbols.
pub mod symbols {
    use super::Glyphs;
    pub const FINDING: &str = Glyphs::UNICODE.finding;
    pub const GOAL: &str = Glyphs::UNICODE.goal;
}
