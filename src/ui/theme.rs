//! Colours and text styles. Meaning is never carried by colour alone: chains, findings and the
//! cursor also have symbols or text attributes, so the monochrome theme (`NO_COLOR`) still shows
//! them.

use ratatui::style::{Color, Modifier, Style};

pub use crate::config::ThemeName;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
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
    pub marked: Style,
    pub finding: Style,
    pub key: Style,
    pub success: Style,
    pub warning: Style,
    pub error: Style,
    pub status: Style,
}

impl Theme {
    pub fn get(name: ThemeName) -> Theme {
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::HighContrast => Theme::high_contrast(),
            ThemeName::Mono => Theme::mono(),
        }
    }

    pub fn dark() -> Theme {
        let plain = Style::default();
        Theme {
            text: plain,
            dim: plain.fg(Color::DarkGray),
            persona: plain.add_modifier(Modifier::BOLD),
            cursor: plain.add_modifier(Modifier::REVERSED),
            cursor_unfocused: plain.add_modifier(Modifier::UNDERLINED),
            border: plain.fg(Color::DarkGray),
            border_focus: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            title: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            chain_direct: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            chain_indirect: plain.fg(Color::Yellow),
            marked: plain.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            finding: plain.fg(Color::Red).add_modifier(Modifier::BOLD),
            key: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            success: plain.fg(Color::Green),
            warning: plain.fg(Color::Yellow),
            error: plain.fg(Color::Red).add_modifier(Modifier::BOLD),
            status: plain.add_modifier(Modifier::BOLD),
        }
    }

    pub fn light() -> Theme {
        let plain = Style::default();
        Theme {
            dim: plain.fg(Color::Gray),
            border: plain.fg(Color::Gray),
            border_focus: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
            title: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
            chain_direct: plain.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            chain_indirect: plain.fg(Color::Magenta),
            marked: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
            key: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
            success: plain.fg(Color::Green).add_modifier(Modifier::BOLD),
            warning: plain.fg(Color::Red),
            ..Theme::dark()
        }
    }

    pub fn high_contrast() -> Theme {
        let plain = Style::default();
        Theme {
            text: plain.fg(Color::White),
            dim: plain.fg(Color::Gray),
            persona: plain.fg(Color::White).add_modifier(Modifier::BOLD),
            border: plain.fg(Color::White),
            border_focus: plain.fg(Color::LightYellow).add_modifier(Modifier::BOLD),
            title: plain.fg(Color::White).add_modifier(Modifier::BOLD),
            chain_direct: plain
                .fg(Color::LightYellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            chain_indirect: plain
                .fg(Color::LightYellow)
                .add_modifier(Modifier::UNDERLINED),
            marked: plain
                .fg(Color::LightMagenta)
                .add_modifier(Modifier::BOLD | Modifier::REVERSED),
            finding: plain.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            key: plain.fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            ..Theme::dark()
        }
    }

    /// No colour at all: attributes only.
    pub fn mono() -> Theme {
        let plain = Style::default();
        Theme {
            text: plain,
            dim: plain.add_modifier(Modifier::DIM),
            persona: plain.add_modifier(Modifier::BOLD),
            cursor: plain.add_modifier(Modifier::REVERSED),
            cursor_unfocused: plain.add_modifier(Modifier::UNDERLINED),
            border: plain,
            border_focus: plain.add_modifier(Modifier::BOLD),
            title: plain.add_modifier(Modifier::BOLD),
            chain_direct: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            chain_indirect: plain.add_modifier(Modifier::UNDERLINED),
            marked: plain.add_modifier(Modifier::BOLD | Modifier::REVERSED),
            finding: plain.add_modifier(Modifier::BOLD),
            key: plain.add_modifier(Modifier::BOLD),
            success: plain,
            warning: plain.add_modifier(Modifier::BOLD),
            error: plain.add_modifier(Modifier::BOLD),
            status: plain.add_modifier(Modifier::BOLD),
        }
    }
}

/// Symbols that carry meaning without colour.
pub mod symbols {
    pub const FINDING: &str = "!";
    pub const DIRECT: &str = "◆";
    pub const INDIRECT: &str = "◇";
    pub const MARKED: &str = "⛓";
    pub const GOAL: &str = "•";
    pub const CURSOR: &str = "›";
}
