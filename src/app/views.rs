//! The views of SPEC §3, each described once, keys included.
//!
//! Each [`ViewSpec`] says which keys open the view (in every view) and through which action,
//! what the screen reader calls it and, for a list view, everything about its list
//! ([`ListSpec`]): its title, the line under the title, what it says when empty, where its
//! cursor is, how many lines it has and how to build a window of them, what Enter does, and its
//! keys (its own bindings besides those every list view shares, its hint bar, its heading in
//! help). `update` (moving, paging, keeping the cursor on screen, Enter), the keymap (each list
//! view's mode, each view's key in every view), the drawing, the detail pane and the screen
//! reader all go through [`VIEWS`], so a new list view is a row here, its cursor in
//! [`ListViews`] and its line builder, plus the `Action` its key is bound to (the config file
//! names actions, so each view has one: `view_room`).
//!
//! The board is a view too (its key is here), but it is not a list: it draws its own columns,
//! keeps a cursor per column and has keys of its own (`keymap/defaults.rs`).

use super::action::{Action, Bindings, Hints};
use super::lists::ListLine;
use super::{ColumnView, State};

/// The views of SPEC §3 (each described in [`VIEWS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum View {
    #[default]
    Board,
    Chains,
    Gaps,
    Room,
}

/// The cursor and scroll of each list view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListViews {
    pub chains: ColumnView,
    pub gaps: ColumnView,
    pub room: ColumnView,
}

/// One view.
pub struct ViewSpec {
    pub view: View,
    /// The action that opens it: bound to [`ViewSpec::keys`] in the board and every list view,
    /// and remapped by its name in the config file (`view_room`).
    pub open: Action,
    /// The keys that open it from every view (its digit).
    pub keys: &'static [&'static str],
    /// Its name, as the screen reader says it ("Chains, line 3 of 40: …").
    pub name: &'static str,
    /// What a list view lists; `None` for the board.
    pub list: Option<ListSpec>,
}

/// What a list view shows and does.
pub struct ListSpec {
    /// The title on its border.
    pub title: &'static str,
    /// The line under the title (a count, a coverage figure).
    pub heading: fn(&State) -> String,
    /// What it says when it has no lines.
    pub empty: &'static str,
    /// Where its cursor and scroll are kept.
    pub cursor: fn(&ListViews) -> &ColumnView,
    pub cursor_mut: fn(&mut ListViews) -> &mut ColumnView,
    /// How many lines it has (known without building them).
    pub len: fn(&State) -> usize,
    /// Lines `from..from + n` (fewer at its end), built for that window only.
    pub lines: fn(&State, usize, usize) -> Vec<ListLine>,
    /// Opening it moves the cursor off a heading onto the first item after it.
    pub start_on_item: bool,
    /// What Enter (`Action::Jump`) does on the selected line.
    pub enter: Enter,
    /// What is drawn beside the list.
    pub aside: Aside,
    /// Its heading in help and in the key table.
    pub keys_title: &'static str,
    /// Its own keys, besides those every list view has (moving, paging, Enter, the views' keys,
    /// saving…); listed in help between paging and those.
    pub keys: Bindings,
    /// Its hint bar.
    pub hints: Hints,
}

/// What a list view shows beside its list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aside {
    Nothing,
    /// The room's QR code, address and code (view `4`).
    RoomCode,
}

/// What Enter does in a list view (`update` carries it out: the description only names it, so
/// the view table does not read `update` back).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Enter {
    /// Goes to the line's goal or persona on the board, asks how to resolve its conflict, or
    /// takes its proposal into a form.
    GoToLine,
}

impl ListSpec {
    /// The line at `at`, built alone.
    pub fn line(&self, state: &State, at: usize) -> Option<ListLine> {
        (self.lines)(state, at, 1).pop()
    }

    /// The line under the cursor (one line built, never the whole list).
    pub fn selected(&self, state: &State) -> Option<ListLine> {
        self.line(state, (self.cursor)(&state.views).cursor)
    }
}

/// Every view, in the order of their keys.
pub const VIEWS: &[ViewSpec] = &[
    ViewSpec {
        view: View::Board,
        open: Action::ViewBoard,
        keys: &["1"],
        name: "Board",
        list: None,
    },
    ViewSpec {
        view: View::Chains,
        open: Action::ViewChains,
        keys: &["2"],
        name: "Chains",
        list: Some(ListSpec {
            title: " Chains — each buyer goal ← department goals ← user goals ",
            heading: |s| s.doc.derived().coverage.to_string(),
            empty: "nothing to show: no buyer goals yet",
            cursor: |v| &v.chains,
            cursor_mut: |v| &mut v.chains,
            len: |s| s.doc.derived().chain_lines.len(),
            lines: |s, from, n| s.doc.chain_lines(from, n),
            start_on_item: false,
            enter: Enter::GoToLine,
            aside: Aside::Nothing,
            keys_title: "Chains view",
            keys: &[],
            hints: &[
                ("line", &[Action::Up, Action::Down]),
                ("go to goal", &[Action::Jump]),
                ("board", &[Action::ViewBoard]),
                ("gaps", &[Action::ViewGaps]),
                ("help", &[Action::Help]),
                ("quit", &[Action::Quit]),
            ],
        }),
    },
    ViewSpec {
        view: View::Gaps,
        open: Action::ViewGaps,
        keys: &["3"],
        name: "Gaps",
        list: Some(ListSpec {
            title: " Gaps — where the chain breaks ",
            heading: |s| {
                format!(
                    "{} finding(s) — Enter goes to one on the board; the list follows your fixes",
                    s.doc.derived().findings.len()
                )
            },
            empty: "nothing to show: no findings",
            cursor: |v| &v.gaps,
            cursor_mut: |v| &mut v.gaps,
            len: |s| s.doc.derived().gap_lines.len(),
            lines: |s, from, n| s.doc.gap_lines(from, n),
            start_on_item: true,
            enter: Enter::GoToLine,
            aside: Aside::Nothing,
            keys_title: "Gaps view",
            keys: &[],
            hints: &[
                ("line", &[Action::Up, Action::Down]),
                ("go to it", &[Action::Jump]),
                ("board", &[Action::ViewBoard]),
                ("chains", &[Action::ViewChains]),
                ("help", &[Action::Help]),
                ("quit", &[Action::Quit]),
            ],
        }),
    },
    ViewSpec {
        view: View::Room,
        open: Action::ViewRoom,
        keys: &["4"],
        name: "Room",
        list: Some(ListSpec {
            title: " Room — proposals from phones, and the vote ",
            heading: super::room::heading,
            empty: "no proposals yet",
            cursor: |v| &v.room,
            cursor_mut: |v| &mut v.room,
            len: super::room::len,
            lines: super::room::lines,
            start_on_item: true,
            enter: Enter::GoToLine,
            aside: Aside::RoomCode,
            keys_title: "Room view (4): proposals and votes from the room",
            keys: &[(Action::SetAside, &["d", "delete"])],
            hints: &[
                ("line", &[Action::Up, Action::Down]),
                ("take into a form", &[Action::Jump]),
                ("set aside", &[Action::SetAside]),
                ("vote round", &[Action::VoteRound]),
                ("open / close room", &[Action::Room]),
                ("board", &[Action::ViewBoard]),
                ("help", &[Action::Help]),
                ("quit", &[Action::Quit]),
            ],
        }),
    },
];

impl View {
    /// Its description in [`VIEWS`].
    pub fn spec(self) -> &'static ViewSpec {
        // Every view has a row (a unit test checks); the board's stands in otherwise.
        VIEWS.iter().find(|s| s.view == self).unwrap_or(&VIEWS[0])
    }

    /// What it lists, if it is a list view.
    pub fn list(self) -> Option<&'static ListSpec> {
        self.spec().list.as_ref()
    }

    /// The view an action opens.
    pub fn opened_by(action: Action) -> Option<View> {
        VIEWS.iter().find(|s| s.open == action).map(|s| s.view)
    }
}

/// Every list view's description.
pub fn lists() -> impl Iterator<Item = &'static ListSpec> {
    VIEWS.iter().filter_map(|s| s.list.as_ref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_is_described_once_with_its_own_action_and_cursor() {
        for view in [View::Board, View::Chains, View::Gaps, View::Room] {
            // A new variant fails to compile here until it is added to the list above.
            match view {
                View::Board | View::Chains | View::Gaps | View::Room => {}
            }
            let rows = VIEWS.iter().filter(|s| s.view == view).count();
            assert_eq!(rows, 1, "{view:?} is described {rows} times");
            assert_eq!(view.spec().view, view);
            assert_eq!(View::opened_by(view.spec().open), Some(view));
        }
        for (i, a) in VIEWS.iter().enumerate() {
            for b in &VIEWS[i + 1..] {
                assert_ne!(
                    a.open, b.open,
                    "{:?} and {:?} share an action",
                    a.view, b.view
                );
            }
        }
        // Each list view moves its own cursor.
        let mut views = ListViews::default();
        for (i, l) in lists().enumerate() {
            (l.cursor_mut)(&mut views).cursor = i + 1;
        }
        for (i, l) in lists().enumerate() {
            assert_eq!((l.cursor)(&views).cursor, i + 1);
        }
    }
}
