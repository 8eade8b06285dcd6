//! The app's state and its pure `update`: events in, state changed, effects out. Nothing here
//! touches the terminal, the filesystem or the clock; `run` does that with the effects.

pub mod action;
pub mod cells;
pub mod document;
pub mod filter;
pub mod form;
pub mod keymap;
pub mod keys;
pub mod layout;
pub mod lists;
pub mod picker;
pub mod present;
pub mod prompts;
pub mod room;
pub mod rows;
pub mod search;
pub mod settings;
pub mod typing;
pub mod update;
pub mod views;

use std::path::PathBuf;

pub use action::Action;
pub use document::{Document, Row, Spot};
pub use form::Form;
pub use keymap::{KeyMode, Keymap};
pub use settings::{GoalLines, ThemeName};
pub use update::update;
pub use views::{ListViews, View};

use crate::model::{Column, Workspace};

/// A question on screen, waiting for its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// Quit with unsaved changes: y save and quit, n quit without saving, Esc stay.
    Quit,
    /// A recovery copy exists for the file being opened: r restore, d discard, Esc keep it.
    Recovery {
        when: String,
        personas: usize,
        goals: usize,
    },
    /// The file changed on disk since it was loaded or saved, and a save would overwrite that:
    /// o overwrite, r reload (asks again), Esc cancel.
    ChangedOnDisk,
    /// Reloading throws this session's changes away: y reload, n / Esc keep them.
    ConfirmReload,
    /// The file has no write permission (SPEC §7: not replaced silently): o save anyway (the
    /// new file keeps the old one's mode), Esc cancel.
    ReadOnlyFile,
    /// A merge conflict (SPEC §9), by its place in the workspace's list: o ours, t theirs,
    /// e edit both joined, Esc later.
    Conflict { index: usize },
    /// Close the room while people are connected: y close, n keep it open.
    CloseRoom { people: usize },
    /// Proposals (or an open vote round) were kept from a room that ended without closing:
    /// r reopens the room, Esc keeps them for later.
    ReopenRoom { waiting: usize, round: bool },
    /// Delete something that has links: y delete, n keep.
    Delete {
        what: String,
        dependents: usize,
        names: Vec<String>,
    },
}

/// What has the keyboard.
#[derive(Debug, Clone, Default)]
pub enum Mode {
    #[default]
    Normal,
    Form(Box<Form>),
    Prompt(Prompt),
    Help {
        scroll: usize,
    },
    /// Choosing which link to follow when a goal has several (`]` / `[`).
    Pick(Pick),
    /// Typing a search (`/`).
    Search(search::Search),
    /// The link picker (Space on a goal).
    LinkPicker(Box<picker::Picker>),
}

/// The links of a goal to choose from, for `]` (up the chain) or `[` (down).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    pub up: bool,
    pub from: String,
    pub goals: Vec<String>,
    pub cursor: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Success,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub tone: Tone,
}

/// Something `update` asks the outside world to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Write this workspace to `path`; report back with [`Event::Saved`] carrying `state`.
    Save {
        path: PathBuf,
        workspace: std::sync::Arc<Workspace>,
        state: u64,
        /// Write even if the file changed on disk since it was loaded or saved.
        force: bool,
    },
    /// Load the file again from disk; report back with [`Event::Reloaded`].
    Reload,
    SetMouse(bool),
    /// Hand the terminal to `$EDITOR` on this text; report back with [`Event::Edited`].
    EditText(String),
    /// Delete the recovery copy (after a save, or when the user discards it).
    RemoveRecovery,
    /// The workspace on screen is now this version of the file (after a reload by `update`):
    /// changes on disk are measured from it.
    DiskSeen(crate::store::disk::Fingerprint),
    /// Something for the room (SPEC §11); the loop reports back with [`Event::Room`].
    Room(room::RoomCommand),
    Quit,
}

/// How the file went missing under the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gone {
    Deleted,
    /// The path is a directory now.
    Directory,
    Unreadable,
}

/// Everything that can happen to the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Key(ratatui::crossterm::event::KeyEvent),
    /// A mouse click at a cell; `double` when it follows another click at the same place.
    Click {
        x: u16,
        y: u16,
        double: bool,
    },
    Scroll {
        x: u16,
        y: u16,
        down: bool,
    },
    Paste(String),
    Resize(u16, u16),
    /// `$EDITOR` came back with this text (or failed to run).
    Edited(Result<String, String>),
    /// Nothing happened for a while (lets the loop write a due recovery copy).
    Idle,
    /// A save was not written because the file changed on disk since it was loaded or saved.
    SaveConflict {
        state: u64,
    },
    /// A save was not written because the file has no write permission.
    SaveReadOnly {
        state: u64,
    },
    /// The file was loaded again from disk (on request, or because it changed while there
    /// were no unsaved changes); `why` says which.
    Reloaded {
        workspace: Workspace,
        why: String,
    },
    /// The file changed on disk (by someone else): what it holds now, or why it does not load.
    /// `update` decides: reload an unmodified board, or warn that saving will ask.
    DiskChanged {
        read: Result<Workspace, String>,
        seen: crate::store::disk::Fingerprint,
    },
    /// The file is no longer there to read.
    FileGone(Gone),
    /// Whether recovery copies (and backups) can be written to the data directory.
    Copies(Result<(), String>),
    /// A recovery copy of the unsaved work was handed to the writer.
    RecoveryQueued,
    /// Something the loop noticed that the user should know (a reload failed, a recovery copy
    /// could not be written).
    Notice {
        tone: Tone,
        text: String,
    },
    /// A save finished: the workspace state it wrote, or why it failed.
    Saved {
        state: u64,
        result: Result<(), String>,
    },
    /// News from the room (SPEC §11).
    Room(room::RoomNews),
}

/// Per-column cursor and scroll offset, in rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ColumnView {
    pub cursor: usize,
    pub scroll: usize,
}

/// The whole app state.
#[derive(Debug, Clone)]
pub struct State {
    pub doc: Document,
    pub path: PathBuf,
    pub read_only: bool,
    /// The document state last written to disk (or loaded).
    pub saved_state: u64,
    /// The file does not exist yet; it is created on first save.
    pub new_file: bool,
    pub view: View,
    pub column: Column,
    pub columns: [ColumnView; 3],
    /// Where the cursor and scroll of each list view are.
    pub views: ListViews,
    pub mode: Mode,
    pub detail: bool,
    pub focus: bool,
    pub mouse: bool,
    pub message: Option<Message>,
    pub size: (u16, u16),
    /// Where Back returns to after a jump.
    pub back: Vec<Spot>,
    pub keymap: Keymap,
    /// Quit once the save in flight succeeds.
    pub quit_after_save: bool,
    /// A save is being written.
    pub saving: bool,
    pub theme: ThemeName,
    /// How many lines of each goal's text the board shows (`w`).
    pub goal_lines: GoalLines,
    /// Symbols and link lines in ASCII (a terminal without UTF-8).
    pub ascii: bool,
    /// Lines the detail pane is scrolled down (Shift-↓ / Shift-↑); any other key resets it.
    pub detail_scroll: u16,
    /// Draw every link on screen, not only the selected chain's (`a`).
    pub all_links: bool,
    /// A recovery copy waiting for the answer to [`Prompt::Recovery`].
    pub recovered: Option<Workspace>,
    /// Only the chains of one persona are shown (`o`).
    pub filter: Option<filter::Filter>,
    /// The last search run (Enter), for `n` / `N`; Esc on the board clears it.
    pub search: Option<search::Search>,
    /// The user chose to keep the recovery copy for later: a clean quit must not delete it.
    pub keep_recovery: bool,
    /// Why recovery copies cannot be written now (set by the loop; shown in the status bar).
    pub unprotected: Option<String>,
    /// Presenter mode (`P`, `personas present`): the slides and the one shown.
    pub present: Option<Box<present::Presenter>>,
    /// The theme while presenting (the config's `presenter_theme`); `theme` is back after.
    pub presenter_theme: ThemeName,
    /// The room (SPEC §11): open or not, its proposals and vote round.
    pub room: room::RoomView,
}

impl State {
    pub fn new(ws: Workspace, path: PathBuf) -> State {
        State {
            doc: Document::new(ws),
            path,
            read_only: false,
            saved_state: 0,
            new_file: false,
            view: View::Board,
            column: Column::Users,
            columns: [ColumnView::default(); 3],
            views: ListViews::default(),
            mode: Mode::Normal,
            detail: false,
            focus: false,
            mouse: true,
            message: None,
            size: (120, 40),
            back: Vec::new(),
            keymap: Keymap::default(),
            quit_after_save: false,
            saving: false,
            theme: ThemeName::default(),
            goal_lines: GoalLines::default(),
            all_links: false,
            detail_scroll: 0,
            ascii: false,
            recovered: None,
            search: None,
            filter: None,
            keep_recovery: false,
            unprotected: None,
            present: None,
            presenter_theme: ThemeName::HighContrast,
            room: room::RoomView::default(),
        }
    }

    /// Offers a recovery copy: the board asks r / d / Esc before anything else.
    pub fn offer_recovery(&mut self, ws: Workspace, when: String) {
        let (personas, goals) = crate::model::differences(self.doc.workspace(), &ws);
        self.recovered = Some(ws);
        self.mode = Mode::Prompt(Prompt::Recovery {
            when,
            personas,
            goals,
        });
    }

    pub fn modified(&self) -> bool {
        self.doc.state() != self.saved_state
    }

    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }

    pub fn cursor(&self) -> usize {
        self.columns[self.column.index()].cursor
    }

    /// What the cursor is on in the focused column.
    pub fn selected(&self) -> Option<Row> {
        self.doc.row(self.column, self.cursor())
    }

    /// The id of the selected goal, if the cursor is on a goal.
    pub fn selected_goal_id(&self) -> Option<&str> {
        match self.selected()? {
            Row::Goal(p, g) => self
                .doc
                .workspace()
                .column(self.column)
                .get(p)?
                .goals
                .get(g)
                .map(|g| g.id.as_str()),
            Row::Persona(_) => None,
        }
    }

    /// How many rows of a column are shown (all of them, or the filter's).
    pub fn shown_len(&self, column: Column) -> usize {
        match &self.filter {
            Some(f) => f.rows(column).len(),
            None => self.doc.row_count(column),
        }
    }

    /// The row shown at a position of a column.
    pub fn shown_row(&self, column: Column, pos: usize) -> Option<usize> {
        match &self.filter {
            Some(f) => f.rows(column).get(pos).copied(),
            None => (pos < self.doc.row_count(column)).then_some(pos),
        }
    }

    /// Where a row is shown in its column, if it is.
    pub fn shown_pos(&self, column: Column, row: usize) -> Option<usize> {
        match &self.filter {
            Some(f) => f.rows(column).binary_search(&row).ok(),
            None => (row < self.doc.row_count(column)).then_some(row),
        }
    }

    pub fn spot(&self) -> Spot {
        Spot {
            column: self.column.index(),
            row: self.cursor(),
        }
    }

    /// The mode whose keys apply now.
    pub fn key_mode(&self) -> KeyMode {
        match (&self.mode, self.view) {
            (Mode::Prompt(p), _) => p.key_mode(),
            (Mode::Pick(_), _) => KeyMode::Pick,
            (Mode::Help { .. }, _) => KeyMode::Help,
            (Mode::Form(f), _) if f.asking => KeyMode::DiscardPrompt,
            (Mode::Form(f), _) if f.focused().is_some_and(|x| !x.is_text()) => KeyMode::FormChoice,
            (Mode::Form(_), _) => KeyMode::Form,
            (Mode::LinkPicker(_), _) => KeyMode::LinkPicker,
            (Mode::Search(_), _) => KeyMode::Search,
            (Mode::Normal, _) if self.present.is_some() => KeyMode::Present,
            (_, view) => KeyMode::of(view),
        }
    }

    /// Whether work is left for idle turns of the loop (a search part way through): the loop
    /// then does not wait for a key before calling [`State::work`].
    pub fn busy(&self) -> bool {
        matches!(&self.mode, Mode::Search(s) if s.searching())
    }

    /// One slice of the work left (see [`State::busy`]), within a frame.
    pub fn work(&mut self) {
        let ws = self.doc.snapshot();
        if let Mode::Search(search) = &mut self.mode {
            search.resume(&ws);
        }
    }

    pub fn say(&mut self, tone: Tone, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            tone,
        });
    }
}
