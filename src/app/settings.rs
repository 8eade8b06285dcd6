//! The settings the app shows and changes and the config file names: the colour theme and how
//! many lines a goal takes on the board. Here, not in `config`, so the app never reads the
//! config module (`config` reads the app's keymap and actions).

/// The colour themes the config may name (the styles of each are in `ui::theme`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
pub enum ThemeName {
    /// Dark or Light, from the terminal's background colour (asked at start; Dark when the
    /// terminal does not answer).
    #[default]
    Auto,
    Dark,
    Light,
    HighContrast,
    HighContrastLight,
    Mono,
}

/// How many lines of a goal's text the board shows (`w` cycles them; the selected goal always
/// shows its whole text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
pub enum GoalLines {
    One,
    #[default]
    Two,
    Whole,
}

impl GoalLines {
    /// The most lines a goal takes (`None`: as many as its text needs).
    pub fn limit(self) -> Option<usize> {
        match self {
            GoalLines::One => Some(1),
            GoalLines::Two => Some(2),
            GoalLines::Whole => None,
        }
    }

    /// The next setting of `w`.
    pub fn next(self) -> GoalLines {
        match self {
            GoalLines::One => GoalLines::Two,
            GoalLines::Two => GoalLines::Whole,
            GoalLines::Whole => GoalLines::One,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            GoalLines::One => "one line",
            GoalLines::Two => "two lines",
            GoalLines::Whole => "whole text",
        }
    }
}
