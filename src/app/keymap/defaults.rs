//! The default keymap: which keys each mode has (sets of bindings shared between modes), and
//! what the hint bar shows in each. The views' modes are built here from the view table
//! ([`VIEWS`]: each view's key, each list view's own keys and hints); everything else about
//! keys is derived from these tables in [`super`].

use super::KeyMode;
use crate::app::action::{Action, Bindings};
use crate::app::views::{VIEWS, View};

/// A set of bindings: (action, key names). Every name must parse (a unit test checks).
pub(super) type Set = Bindings;

use Action as A;

/// Up and down a list, one line at a time.
const UP_DOWN: Set = &[(A::Up, &["up", "k"]), (A::Down, &["down", "j"])];
/// Paging and the ends of a list.
const PAGES: Set = &[
    (A::PageUp, &["pageup"]),
    (A::PageDown, &["pagedown"]),
    (A::First, &["home"]),
    (A::Last, &["end"]),
];
const COLUMNS: Set = &[
    (A::ColumnLeft, &["left", "h", "backtab"]),
    (A::ColumnRight, &["right", "l", "tab"]),
];
const BOARD: Set = &[
    (A::Edit, &["enter", "e"]),
    (A::AddPersona, &["p"]),
    (A::AddGoal, &["g"]),
    (A::EditTitle, &["t"]),
    (A::Delete, &["d", "delete"]),
    (A::MoveDown, &["J"]),
    (A::MoveUp, &["K"]),
    (A::Link, &["space"]),
    (A::Focus, &["f"]),
    (A::Filter, &["o"]),
    (A::GoalLines, &["w"]),
    (A::AllLinks, &["a"]),
    (A::ChainUp, &["]"]),
    (A::ChainDown, &["["]),
    (A::Back, &["backspace"]),
    (A::Undo, &["u", "ctrl-z"]),
    (A::Redo, &["ctrl-r", "ctrl-y"]),
    (A::Search, &["/"]),
    (A::NextMatch, &["n"]),
    (A::PrevMatch, &["N"]),
];
/// The board's keys after the views' keys.
const BOARD_MORE: Set = &[
    (A::Room, &["R"]),
    (A::VoteRound, &["V"]),
    (A::ToggleDetail, &["i"]),
    (A::DetailDown, &["shift-down"]),
    (A::DetailUp, &["shift-up"]),
    (A::ToggleMouse, &["m"]),
    (A::Save, &["ctrl-s"]),
    (A::Help, &["?"]),
    (A::Quit, &["q", "ctrl-c"]),
    (A::Clear, &["esc"]),
    (A::Present, &["P"]),
];
/// The link picker: letters are its filter, so only keys that type nothing are bound.
const PICKER: Set = &[
    (A::Up, &["up", "ctrl-p"]),
    (A::Down, &["down", "ctrl-n"]),
    (A::PageUp, &["pageup"]),
    (A::PageDown, &["pagedown"]),
    (A::First, &["home"]),
    (A::Last, &["end"]),
    (A::ToggleClose, &["enter"]),
    (A::Toggle, &["space"]),
    (A::Cancel, &["esc"]),
    (A::Quit, &["ctrl-c"]),
];
/// Every list view (Chains, Gaps, Room), before the views' keys.
const LISTS: Set = &[(A::Jump, &["enter"]), (A::Search, &["/"])];
/// Every list view, after the views' keys.
const LISTS_MORE: Set = &[
    (A::Room, &["R"]),
    (A::VoteRound, &["V"]),
    (A::ToggleDetail, &["i"]),
    (A::DetailDown, &["shift-down"]),
    (A::DetailUp, &["shift-up"]),
    (A::Undo, &["u", "ctrl-z"]),
    (A::Redo, &["ctrl-r", "ctrl-y"]),
    (A::Save, &["ctrl-s"]),
    (A::Help, &["?"]),
    (A::Quit, &["q", "ctrl-c"]),
    (A::Present, &["P"]),
];
const SEARCH: Set = &[
    (A::Up, &["up", "ctrl-p"]),
    (A::Down, &["down", "ctrl-n"]),
    (A::Jump, &["enter"]),
    (A::Cancel, &["esc"]),
    (A::Quit, &["ctrl-c"]),
];
/// Deleting in every text field (SPEC §3: Ctrl-u and Ctrl-w as in a shell); the link picker's
/// filter has only these, its arrows and Home / End move in the list.
const DELETING: Set = &[
    (A::DeleteBack, &["backspace"]),
    (A::DeleteWord, &["ctrl-w", "alt-backspace"]),
    (A::DeleteToStart, &["ctrl-u"]),
];
/// Moving in a line of text, and deleting after the cursor, in the search box and the form.
const LINE_EDITING: Set = &[
    (A::CursorLeft, &["left"]),
    (A::CursorRight, &["right"]),
    (A::WordLeft, &["ctrl-left"]),
    (A::WordRight, &["ctrl-right"]),
    (A::LineStart, &["home"]),
    (A::LineEnd, &["end"]),
    (A::DeleteForward, &["delete"]),
    (A::DeleteToEnd, &["ctrl-k"]),
];
/// Every form field, whatever its kind.
const FORM: Set = &[
    (A::NextField, &["tab"]),
    (A::PrevField, &["backtab"]),
    (A::Down, &["down"]),
    (A::Up, &["up"]),
    (A::FormEnter, &["enter"]),
    (A::OpenEditor, &["ctrl-e", "f2"]),
    (A::Commit, &["ctrl-s"]),
    (A::Cancel, &["esc"]),
];
/// A text field of the form (with [`DELETING`] and [`LINE_EDITING`]).
const FORM_TEXT: Set = &[(A::NewLine, &["alt-enter", "ctrl-j"])];
/// A choice field of the form (a letter picks the next choice starting with it).
const FORM_CHOICE: Set = &[
    (A::ChoicePrev, &["left"]),
    (A::ChoiceNext, &["right", "space"]),
];
const PICK: Set = &[
    (A::Jump, &["enter", "space"]),
    (A::Pick1, &["1"]),
    (A::Pick2, &["2"]),
    (A::Pick3, &["3"]),
    (A::Pick4, &["4"]),
    (A::Pick5, &["5"]),
    (A::Pick6, &["6"]),
    (A::Pick7, &["7"]),
    (A::Pick8, &["8"]),
    (A::Pick9, &["9"]),
    (A::Cancel, &["esc", "q"]),
    (A::Quit, &["ctrl-c"]),
];
const HELP: Set = &[
    (A::PageUp, &["pageup"]),
    (A::PageDown, &["pagedown", "space"]),
    (A::Cancel, &["esc", "q", "?"]),
];
const QUIT_PROMPT: Set = &[
    (A::Yes, &["y", "Y", "enter"]),
    (A::No, &["n", "N"]),
    (A::Cancel, &["esc"]),
];
const RECOVERY_PROMPT: Set = &[
    (A::Restore, &["r", "R"]),
    (A::Discard, &["d", "D"]),
    (A::Cancel, &["esc"]),
];
const DISK_PROMPT: Set = &[
    (A::Overwrite, &["o", "O"]),
    (A::Reload, &["r", "R"]),
    (A::Cancel, &["esc", "n", "N"]),
];
const READ_ONLY_PROMPT: Set = &[
    (A::SaveAnyway, &["o", "O"]),
    (A::Cancel, &["esc", "n", "N"]),
];
const CONFLICT_PROMPT: Set = &[
    (A::TakeOurs, &["o", "O"]),
    (A::TakeTheirs, &["t", "T"]),
    (A::EditJoined, &["e", "E"]),
    (A::Cancel, &["esc", "n", "N"]),
];
/// Presenter mode (SPEC §12): moving between slides; digits and Enter jump to one.
const PRESENT: Set = &[
    (A::NextSlide, &["right", "space", "pagedown"]),
    (A::PrevSlide, &["left", "pageup"]),
    (A::FirstSlide, &["home"]),
    (A::LastSlide, &["end"]),
    (
        A::SlideDigit,
        &["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
    ),
    (A::GoToSlide, &["enter"]),
    (A::LeavePresenter, &["esc", "q"]),
    (A::Help, &["?"]),
    (A::Quit, &["ctrl-c"]),
];
const REOPEN_ROOM_PROMPT: Set = &[(A::ReopenRoom, &["r", "R"]), (A::Cancel, &["esc"])];
/// A yes / no question.
const YES_NO: Set = &[(A::Yes, &["y", "Y", "enter"]), (A::No, &["n", "N", "esc"])];

/// A piece of a view's keys.
enum Part {
    Set(Set),
    /// Each view's keys ([`ViewSpec::keys`](crate::app::views::ViewSpec::keys), its digit)
    /// opening it; `back` opens the board too.
    Views {
        back: &'static [&'static str],
    },
    /// The list view's own keys ([`ListSpec::keys`](crate::app::views::ListSpec::keys)).
    Own,
}

/// The board's keys, in the order help lists them.
const BOARD_KEYS: &[Part] = &[
    Part::Set(COLUMNS),
    Part::Set(UP_DOWN),
    Part::Set(PAGES),
    Part::Set(BOARD),
    Part::Views { back: &[] },
    Part::Set(BOARD_MORE),
];

/// Every list view's keys, in the order help lists them: Esc goes back to the board.
const LIST_KEYS: &[Part] = &[
    Part::Set(UP_DOWN),
    Part::Set(PAGES),
    Part::Own,
    Part::Set(LISTS),
    Part::Views { back: &["esc"] },
    Part::Set(LISTS_MORE),
];

/// Every default binding: (mode, action, key names), each mode's in the order help lists them.
/// The board's and the list views' are built from [`VIEWS`], the other modes' from [`MODES`].
pub(super) fn rows() -> Vec<(KeyMode, Action, Vec<&'static str>)> {
    let mut rows = Vec::new();
    for spec in VIEWS {
        let mode = KeyMode::of(spec.view);
        let (parts, own) = match &spec.list {
            Some(list) => (LIST_KEYS, list.keys),
            None => (BOARD_KEYS, &[][..]),
        };
        for part in parts {
            match part {
                Part::Set(set) => rows.extend(set.iter().map(|(a, k)| (mode, *a, k.to_vec()))),
                Part::Own => rows.extend(own.iter().map(|(a, k)| (mode, *a, k.to_vec()))),
                Part::Views { back } => rows.extend(VIEWS.iter().map(|to| {
                    let mut keys = to.keys.to_vec();
                    if to.view == View::Board {
                        keys.extend_from_slice(back);
                    }
                    (mode, to.open, keys)
                })),
            }
        }
    }
    for (mode, sets) in MODES {
        for (action, keys) in sets.iter().flat_map(|set| set.iter()) {
            rows.push((*mode, *action, keys.to_vec()));
        }
    }
    rows
}

/// The other modes' keys: the sets each is made of, in the order help lists them.
const MODES: &[(KeyMode, &[Set])] = {
    use KeyMode as M;
    &[
        (M::LinkPicker, &[PICKER, DELETING]),
        (M::Search, &[SEARCH, LINE_EDITING, DELETING]),
        (M::Form, &[FORM, FORM_TEXT, LINE_EDITING, DELETING]),
        (M::FormChoice, &[FORM, FORM_CHOICE]),
        (M::Pick, &[UP_DOWN, PICK]),
        (M::Help, &[UP_DOWN, HELP]),
        (M::QuitPrompt, &[QUIT_PROMPT]),
        (M::RecoveryPrompt, &[RECOVERY_PROMPT]),
        (M::DiskPrompt, &[DISK_PROMPT]),
        (M::ReadOnlyPrompt, &[READ_ONLY_PROMPT]),
        (M::ReloadPrompt, &[YES_NO]),
        (M::DeletePrompt, &[YES_NO]),
        (M::DiscardPrompt, &[YES_NO]),
        (M::ConflictPrompt, &[CONFLICT_PROMPT]),
        (M::Present, &[PRESENT]),
        (M::CloseRoomPrompt, &[YES_NO]),
        (M::ReopenRoomPrompt, &[REOPEN_ROOM_PROMPT]),
    ]
};

/// What a key bound to nothing does in a mode (in help: any other key closes it).
pub(super) const UNBOUND: &[(KeyMode, Action)] = &[(KeyMode::Help, Action::Cancel)];

/// What the hint bar (and a question's list of answers) shows in a mode: a label and the
/// actions whose first keys name it. A list view's are in its row of [`VIEWS`].
pub(super) fn hints(mode: KeyMode) -> impl Iterator<Item = (&'static str, &'static [Action])> {
    let list = match mode {
        KeyMode::List(view) => view.list().map_or(&[][..], |l| l.hints),
        _ => &[],
    };
    let others = HINTS.iter().filter(move |(m, _, _)| *m == mode);
    list.iter().copied().chain(others.map(|(_, l, a)| (*l, *a)))
}

/// What the hint bar (and a question's list of answers) shows in each mode but the list views.
const HINTS: &[(KeyMode, &str, &[Action])] = {
    use KeyMode::FormChoice as FC;
    use KeyMode::{Board as B, Form as F, LinkPicker as L, Search as S};
    use KeyMode::{
        ConflictPrompt as XP, DeletePrompt as DP, DiscardPrompt as DQ, DiskPrompt as KP, Help as H,
        Pick as P, QuitPrompt as QP, ReadOnlyPrompt as OP, RecoveryPrompt as RP,
        ReloadPrompt as LP,
    };
    &[
        (B, "column", &[A::ColumnLeft, A::ColumnRight]),
        (B, "row", &[A::Up, A::Down]),
        (B, "edit", &[A::Edit]),
        (B, "persona", &[A::AddPersona]),
        (B, "goal", &[A::AddGoal]),
        (B, "link", &[A::Link]),
        (B, "delete", &[A::Delete]),
        (B, "undo", &[A::Undo]),
        (B, "save", &[A::Save]),
        (B, "help", &[A::Help]),
        (B, "quit", &[A::Quit]),
        (B, "search", &[A::Search]),
        (B, "only chain", &[A::Filter]),
        (B, "details", &[A::ToggleDetail]),
        (B, "chains", &[A::ViewChains]),
        (B, "gaps", &[A::ViewGaps]),
        (B, "present", &[A::Present]),
        (B, "room", &[A::Room]),
        (L, LINK_OR_UNLINK, &[A::ToggleClose]),
        (L, "toggle, stay open", &[A::Toggle]),
        (L, "goal", &[A::Up, A::Down]),
        (L, DELETE_HINT, &[A::DeleteToStart, A::DeleteWord]),
        (L, "close", &[A::Cancel]),
        (S, "choose", &[A::Up, A::Down]),
        (S, "go there", &[A::Jump]),
        (S, DELETE_HINT, &[A::DeleteToStart, A::DeleteWord]),
        (S, "cancel", &[A::Cancel]),
        (F, "save", &[A::Commit]),
        (F, "next field", &[A::NextField]),
        (F, "next / save", &[A::FormEnter]),
        (F, DELETE_HINT, &[A::DeleteToStart, A::DeleteWord]),
        (F, NEW_LINE_HINT, &[A::NewLine]),
        (F, "$EDITOR", &[A::OpenEditor]),
        (F, "cancel", &[A::Cancel]),
        (FC, "save", &[A::Commit]),
        (FC, "next field", &[A::NextField]),
        (FC, "next / save", &[A::FormEnter]),
        (FC, "choose", &[A::ChoicePrev, A::ChoiceNext]),
        (FC, "cancel", &[A::Cancel]),
        (P, "choose", &[A::Up, A::Down]),
        (P, "go there", &[A::Jump]),
        (
            P,
            "go to that one",
            &[
                A::Pick1,
                A::Pick2,
                A::Pick3,
                A::Pick4,
                A::Pick5,
                A::Pick6,
                A::Pick7,
                A::Pick8,
                A::Pick9,
            ],
        ),
        (P, "cancel", &[A::Cancel]),
        (H, "scroll", &[A::Up, A::Down]),
        (H, "close help (or any other key)", &[A::Cancel]),
        (QP, "save and quit", &[A::Yes]),
        (QP, "quit without saving", &[A::No]),
        (QP, "stay", &[A::Cancel]),
        (RP, "restore it", &[A::Restore]),
        (RP, "discard it", &[A::Discard]),
        (
            RP,
            "keep it for later, open the file as it is",
            &[A::Cancel],
        ),
        (KP, "overwrite it", &[A::Overwrite]),
        (KP, "reload it (asks again)", &[A::Reload]),
        (KP, "cancel: save nothing", &[A::Cancel]),
        (OP, "save anyway", &[A::SaveAnyway]),
        (OP, "cancel: save nothing", &[A::Cancel]),
        (LP, "reload, losing my changes", &[A::Yes]),
        (LP, "keep my changes", &[A::No]),
        (DP, "delete (u undoes)", &[A::Yes]),
        (DP, "keep it", &[A::No]),
        (DQ, "discard what you typed", &[A::Yes]),
        (DQ, "keep editing", &[A::No]),
        (XP, "take ours (u undoes)", &[A::TakeOurs]),
        (XP, "take theirs (u undoes)", &[A::TakeTheirs]),
        (XP, "edit both joined", &[A::EditJoined]),
        (XP, "decide later", &[A::Cancel]),
        (KeyMode::CloseRoomPrompt, "close the room", &[A::Yes]),
        (KeyMode::CloseRoomPrompt, "keep it open", &[A::No]),
        (
            KeyMode::ReopenRoomPrompt,
            "reopen the room",
            &[A::ReopenRoom],
        ),
        (
            KeyMode::ReopenRoomPrompt,
            "keep the proposals for later",
            &[A::Cancel],
        ),
        (KeyMode::Present, "next", &[A::NextSlide]),
        (KeyMode::Present, "previous", &[A::PrevSlide]),
        (KeyMode::Present, "leave", &[A::LeavePresenter]),
        (KeyMode::Present, "help", &[A::Help]),
        (KeyMode::Present, "quit", &[A::Quit]),
        (
            KeyMode::Present,
            "first / last",
            &[A::FirstSlide, A::LastSlide],
        ),
        (KeyMode::Present, "go to the number typed", &[A::GoToSlide]),
    ]
};

/// The hint of Ctrl-u and Ctrl-w, in every text field.
const DELETE_HINT: &str = "delete to start / word";

/// The form's hint for a new line, which the hint bar leaves out on a one-line field.
pub const NEW_LINE_HINT: &str = "new line";

/// The picker's Enter hint; the hint bar names what Enter does to the highlighted goal instead
/// ("link" or "unlink").
pub const LINK_OR_UNLINK: &str = "link / unlink";
