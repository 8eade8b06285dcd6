//! The vocabulary of the app: everything a key can do. The config file names actions in
//! snake_case (`move_down = ["j", "down"]`).

use serde::Deserialize;
use strum::EnumMessage;

/// A set of key bindings: (action, key names as the config file spells them, `"ctrl-s"`). Every
/// name must parse (a unit test of the keymap checks).
pub type Bindings = &'static [(Action, &'static [&'static str])];

/// Entries of the hint bar (and a question's answers): a label and the actions whose keys name it.
pub type Hints = &'static [(&'static str, &'static [Action])];

/// Each variant's doc comment is its description in the help overlay and the README's key
/// table ([`Action::describe`]), so it is written once, here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, EnumMessage)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// previous column
    ColumnLeft,
    /// next column
    ColumnRight,
    /// previous row
    Up,
    /// next row
    Down,
    /// page up
    PageUp,
    /// page down
    PageDown,
    /// first row
    First,
    /// last row
    Last,
    /// edit the selected persona or goal
    Edit,
    /// add a persona to this column
    AddPersona,
    /// add a goal to the selected persona
    AddGoal,
    /// delete the selected persona or goal (undoable)
    Delete,
    /// move the selected persona or goal down
    MoveDown,
    /// move the selected persona or goal up
    MoveUp,
    /// undo
    Undo,
    /// redo
    Redo,
    /// the link picker: link / unlink this goal with goals next door
    Link,
    /// link / unlink the highlighted goal; the picker stays open
    Toggle,
    /// link / unlink the highlighted goal and close the picker
    ToggleClose,
    /// edit the workspace title
    EditTitle,
    /// focus: dim everything outside the selected chain
    Focus,
    /// goal text on the board: one line / two lines / whole
    GoalLines,
    /// draw every link on screen / only the selected chain's
    AllLinks,
    /// go up the chain to a goal this one supports (asks which when several)
    ChainUp,
    /// go down the chain to a goal supporting this one (asks which when several)
    ChainDown,
    /// jump back to where you were
    Back,
    /// Board view
    ViewBoard,
    /// Chains view
    ViewChains,
    /// Gaps view
    ViewGaps,
    /// jump to the selected line on the board
    Jump,
    /// show / hide the detail pane
    ToggleDetail,
    /// mouse capture on / off (off gives text selection back)
    ToggleMouse,
    /// save
    Save,
    /// quit (asks first if there are unsaved changes)
    Quit,
    /// show / hide this help
    Help,
    /// cancel / close
    Cancel,
    /// clear the message, the focus and the search
    Clear,
    /// next field
    NextField,
    /// previous field
    PrevField,
    /// save the form
    Commit,
    /// next field; on the last field, save the form
    FormEnter,
    /// new line in a multi-line field
    NewLine,
    /// next choice (kind, buying role)
    ChoiceNext,
    /// previous choice (kind, buying role)
    ChoicePrev,
    /// edit this field in $EDITOR (then $VISUAL, then vi)
    OpenEditor,
    /// cursor left (on selected text: to its start)
    CursorLeft,
    /// cursor right (on selected text: keep it, to edit)
    CursorRight,
    /// cursor to the word before
    WordLeft,
    /// cursor past the next word
    WordRight,
    /// cursor to the start of the line
    LineStart,
    /// cursor to the end of the line (on selected text: keep it, to edit)
    LineEnd,
    /// delete the character before the cursor (or the selected text)
    DeleteBack,
    /// delete the character under the cursor (or the selected text)
    DeleteForward,
    /// delete to the start of the line (or the selected text)
    DeleteToStart,
    /// delete to the end of the line (or the selected text)
    DeleteToEnd,
    /// delete the word before the cursor (or the selected text)
    DeleteWord,
    /// search names, roles, goal texts and metrics (fuzzy)
    Search,
    /// only the selected persona's chains: hide everything else (again: show all)
    Filter,
    /// go to the next match of the last search
    NextMatch,
    /// go to the previous match of the last search
    PrevMatch,
    /// yes
    Yes,
    /// no
    No,
    /// overwrite the file that changed on disk
    Overwrite,
    /// save over the file even though it has no write permission
    SaveAnyway,
    /// scroll the detail pane down (its fields and its links)
    DetailDown,
    /// scroll the detail pane up
    DetailUp,
    /// resolve a merge conflict with our version
    TakeOurs,
    /// resolve a merge conflict with their version
    TakeTheirs,
    /// resolve a merge conflict by editing both versions joined
    EditJoined,
    /// reload the file from disk
    Reload,
    /// restore the recovery copy
    Restore,
    /// discard the recovery copy
    Discard,
    /// the first of the list
    Pick1,
    /// the second of the list
    Pick2,
    /// the third of the list
    Pick3,
    /// the fourth of the list
    Pick4,
    /// the fifth of the list
    Pick5,
    /// the sixth of the list
    Pick6,
    /// the seventh of the list
    Pick7,
    /// the eighth of the list
    Pick8,
    /// the ninth of the list
    Pick9,
    /// presenter mode: the chains as slides for the room
    Present,
    /// next slide
    NextSlide,
    /// previous slide
    PrevSlide,
    /// first slide
    FirstSlide,
    /// last slide
    LastSlide,
    /// type a slide number (then Enter goes there)
    SlideDigit,
    /// go to the slide whose number was typed
    GoToSlide,
    /// leave presenting, at the goal of the slide (personas present: quit)
    LeavePresenter,
    /// Room view: proposals from the room, the vote result, the QR code
    ViewRoom,
    /// open / close the room: participants join from their phones
    Room,
    /// start / close a vote round in the room
    VoteRound,
    /// set the selected proposal aside (again: back to waiting)
    SetAside,
    /// reopen the room with the kept proposals
    ReopenRoom,
}

impl Action {
    /// One line for the help overlay: the variant's doc comment.
    pub fn describe(self) -> &'static str {
        self.get_documentation().map_or("", str::trim)
    }

    /// For `Pick1` … `Pick9`, the place in the list (0 for `Pick1`).
    pub fn pick_index(self) -> Option<usize> {
        const PICKS: [Action; 9] = [
            Action::Pick1,
            Action::Pick2,
            Action::Pick3,
            Action::Pick4,
            Action::Pick5,
            Action::Pick6,
            Action::Pick7,
            Action::Pick8,
            Action::Pick9,
        ];
        PICKS.iter().position(|a| *a == self)
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

    /// Whether the action edits the text of a text field (SPEC §3: the same in the search box,
    /// the picker's filter and the form).
    pub fn edits_text(self) -> bool {
        matches!(
            self,
            Action::CursorLeft
                | Action::CursorRight
                | Action::WordLeft
                | Action::WordRight
                | Action::LineStart
                | Action::LineEnd
                | Action::DeleteBack
                | Action::DeleteForward
                | Action::DeleteToStart
                | Action::DeleteToEnd
                | Action::DeleteWord
        )
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
                | Action::Toggle
                | Action::ToggleClose
                | Action::EditTitle
                | Action::Save
                | Action::VoteRound
                | Action::SetAside
        )
    }
}
