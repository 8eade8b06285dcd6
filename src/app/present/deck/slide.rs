//! What a slide is: its headline and its body lines, each line's kind (which decides its style
//! and marker), and the screen the slides are laid out for.

/// Rows above the slide's body (the top bar and a blank row) and below it (the hint bar).
pub const TOP_ROWS: u16 = 2;
pub const BOTTOM_ROWS: u16 = 1;
/// Cells left blank at each side of the body.
pub const MARGIN: u16 = 2;
/// A headline in large letters: every character of the 8×8 font drawn in quadrant blocks is
/// this many cells wide and rows tall.
pub const BIG_CELLS: usize = 4;
pub const BIG_ROWS: usize = 4;
/// Large letters only from this width up: at 80 columns a goal's text would take too many lines.
pub const BIG_MIN_WIDTH: u16 = 100;

/// The screen the slides are laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    pub width: u16,
    pub height: u16,
    /// The terminal shows Unicode (block letters are Unicode).
    pub unicode: bool,
}

impl Screen {
    /// Cells of a body line.
    pub fn cells(self) -> usize {
        usize::from(self.width.saturating_sub(2 * MARGIN)).max(1)
    }

    /// Rows of the body.
    pub fn rows(self) -> usize {
        usize::from(self.height.saturating_sub(TOP_ROWS + BOTTOM_ROWS)).max(1)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlideKind {
    Title,
    Chain,
    Gaps,
    Votes,
}

/// What a body line shows, which decides its style and its marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A section's heading.
    Heading,
    /// A department goal of the chain (marked one link from the buyer goal).
    Department,
    /// A user goal of the chain (marked two links away).
    User,
    /// A goal that breaks the chain.
    Gap,
    /// How a goal is measured.
    Metric,
    /// The program's own words, or a goal without a metric.
    Note,
    /// A goal with its votes.
    Votes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlideLine {
    /// Cells before the line's marker (or text).
    pub indent: usize,
    pub kind: LineKind,
    /// The first line of its entry: the marker is drawn before it (later lines are aligned
    /// with its text).
    pub first: bool,
    pub text: String,
    /// The goal this line tells, if it tells one.
    pub goal: Option<String>,
}

impl SlideLine {
    /// An empty line (between entries; its kind is that of what it separates).
    pub fn blank(kind: LineKind) -> SlideLine {
        SlideLine {
            indent: 0,
            kind,
            first: true,
            text: String::new(),
            goal: None,
        }
    }
}

/// Cells a marker and its space take before an entry's text.
pub const MARKER_CELLS: usize = 2;

impl LineKind {
    pub(super) fn marked(self) -> bool {
        matches!(
            self,
            LineKind::Department | LineKind::User | LineKind::Gap | LineKind::Votes
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    /// The whole headline, on one line, control characters visible.
    pub text: String,
    /// The headline in the lines it is drawn in (large letters: a few characters a line).
    pub lines: Vec<String>,
    pub big: bool,
}

impl Headline {
    /// Rows the headline takes, and the blank row under it.
    pub fn rows(&self) -> usize {
        self.lines.len() * if self.big { BIG_ROWS } else { 1 } + 1
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slide {
    pub kind: SlideKind,
    pub headline: Headline,
    pub lines: Vec<SlideLine>,
    /// This slide's place among the slides of one chain (or of the title, or of the gaps):
    /// `part` of `parts`, from 1.
    pub part: usize,
    pub parts: usize,
    /// The goal the slide is about: leaving the presenter puts the board's cursor on it.
    pub about: Option<String>,
}
