//! The vocabulary of the app: everything a key can do. The config file names actions in
//! snake_case (`move_down = ["j", "down"]`).

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    ColumnLeft,
    ColumnRight,
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    Edit,
    AddPersona,
    AddGoal,
    Delete,
    MoveDown,
    MoveUp,
    Undo,
    Redo,
    Link,
    Focus,
    ChainUp,
    ChainDown,
    Back,
    ViewBoard,
    ViewChains,
    ViewGaps,
    Jump,
    ToggleDetail,
    ToggleMouse,
    Save,
    Quit,
    Help,
    Cancel,
    NextField,
    PrevField,
    Commit,
    FormEnter,
    NewLine,
    ChoiceNext,
    ChoicePrev,
    OpenEditor,
    Search,
    Filter,
    NextMatch,
    PrevMatch,
}

impl Action {
    /// One line for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            Action::ColumnLeft => "previous column",
            Action::ColumnRight => "next column",
            Action::Up => "previous row",
            Action::Down => "next row",
            Action::PageUp => "page up",
            Action::PageDown => "page down",
            Action::First => "first row",
            Action::Last => "last row",
            Action::Edit => "edit the selected persona or goal",
            Action::AddPersona => "add a persona to this column",
            Action::AddGoal => "add a goal to the selected persona",
            Action::Delete => "delete the selected persona or goal (undoable)",
            Action::MoveDown => "move the selected persona or goal down",
            Action::MoveUp => "move the selected persona or goal up",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::Link => "link: mark a goal, then link / unlink it with a goal next door",
            Action::Focus => "focus: dim everything outside the selected chain",
            Action::ChainUp => {
                "go up the chain to a goal this one supports (asks which when several)"
            }
            Action::ChainDown => {
                "go down the chain to a goal supporting this one (asks which when several)"
            }
            Action::Back => "jump back to where you were",
            Action::ViewBoard => "Board view",
            Action::ViewChains => "Chains view",
            Action::ViewGaps => "Gaps view",
            Action::Jump => "jump to the selected line on the board",
            Action::ToggleDetail => "show / hide the detail pane",
            Action::ToggleMouse => "mouse capture on / off (off gives text selection back)",
            Action::Save => "save",
            Action::Quit => "quit (asks first if there are unsaved changes)",
            Action::Help => "show / hide this help",
            Action::Cancel => "cancel / close",
            Action::NextField => "next field",
            Action::PrevField => "previous field",
            Action::Commit => "save the form",
            Action::FormEnter => "next field; on the last field, save the form",
            Action::NewLine => "new line in a multi-line field",
            Action::ChoiceNext => "next choice (kind, buying role)",
            Action::ChoicePrev => "previous choice (kind, buying role)",
            Action::Search => "search names, roles, goal texts and metrics (fuzzy)",
            Action::Filter => {
                "only the selected persona's chains: hide everything else (again: show all)"
            }
            Action::NextMatch => "go to the next match of the last search",
            Action::PrevMatch => "go to the previous match of the last search",
            Action::OpenEditor => "edit this field in $EDITOR (then $VISUAL, then vi)",
        }
    }

    /// The name used in the config file: `move_down`.
    pub fn name(self) -> String {
        let mut out = String::new();
        for (i, c) in format!("{self:?}").chars().enumerate() {
            if c.is_ascii_uppercase() {
                if i > 0 {
                    out.push('_');
                }
                out.push(c.to_ascii_lowercase());
            } else {
                out.push(c);
            }
        }
        out
    }

    /// Whether the action changes the workspace (refused in read-only mode).
    pub fn edits(self) -> bool {
        matches!(
            self,
            Action::Edit
                | Action::AddPersona
                | Action::AddGoal
                | Action::Delete
                | Action::MoveDown
                | Action::MoveUp
                | Action::Undo
                | Action::Redo
                | Action::Link
                | Action::Save
        )
    }
}
