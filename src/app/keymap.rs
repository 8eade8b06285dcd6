//! The keymap as data: one table of (mode, action, keys). Key handling, the help overlay and the
//! key hint bar are all generated from it, so they cannot disagree.

use std::collections::HashMap;

use super::action::Action;
use super::keys::Chord;
use super::views::{VIEWS, View};

/// The modes that have their own keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyMode {
    Board,
    /// The link picker (Space on a goal).
    LinkPicker,
    /// A list view (Chains, Gaps, Room): its keys are built from its row in [`VIEWS`]. Never
    /// the board's, which has its own mode ([`KeyMode::of`]).
    List(View),
    Search,
    /// A text field of the edit form.
    Form,
    /// A choice field of the edit form (kind, buying role).
    FormChoice,
    /// Which link to follow, when `]` or `[` finds several.
    Pick,
    Help,
    QuitPrompt,
    RecoveryPrompt,
    DiskPrompt,
    /// Saving over a file without write permission.
    ReadOnlyPrompt,
    ReloadPrompt,
    DeletePrompt,
    /// Esc in a form after typing.
    DiscardPrompt,
    /// Enter on a merge conflict in the Gaps view.
    ConflictPrompt,
    /// Presenter mode (`P`, `personas present`).
    Present,
    /// Closing the room while people are connected.
    CloseRoomPrompt,
    /// Proposals were kept from a room that ended without closing.
    ReopenRoomPrompt,
}

impl KeyMode {
    /// Whether the mode is a question, whose hint bar lists every answer with all its keys.
    pub fn is_question(self) -> bool {
        matches!(
            self,
            KeyMode::QuitPrompt
                | KeyMode::RecoveryPrompt
                | KeyMode::DiskPrompt
                | KeyMode::ReadOnlyPrompt
                | KeyMode::ReloadPrompt
                | KeyMode::DeletePrompt
                | KeyMode::DiscardPrompt
                | KeyMode::ConflictPrompt
                | KeyMode::CloseRoomPrompt
                | KeyMode::ReopenRoomPrompt
        )
    }

    /// How many modes there are: the list views' and the others.
    pub const COUNT: usize = LIST_VIEWS + OTHER_MODES.len();

    /// Every mode, in the order help and the key table list them: the board, the link picker,
    /// each list view in the order of [`VIEWS`], then the others.
    pub const ALL: [KeyMode; KeyMode::COUNT] = {
        let mut all = [KeyMode::Board; KeyMode::COUNT];
        let mut n = 0;
        let mut i = 0;
        while i < OTHER_MODES.len() {
            all[n] = OTHER_MODES[i];
            n += 1;
            if matches!(OTHER_MODES[i], KeyMode::LinkPicker) {
                let mut v = 0;
                while v < VIEWS.len() {
                    if VIEWS[v].list.is_some() {
                        all[n] = KeyMode::List(VIEWS[v].view);
                        n += 1;
                    }
                    v += 1;
                }
            }
            i += 1;
        }
        all
    };

    /// Whose keys apply while a view is shown (and no question, form or overlay has the
    /// keyboard).
    pub fn of(view: View) -> KeyMode {
        match view.list() {
            Some(_) => KeyMode::List(view),
            None => KeyMode::Board,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            KeyMode::Board => "Board",
            KeyMode::LinkPicker => "Link picker (Space on a goal; type to filter)",
            KeyMode::List(view) => view.list().map_or("", |l| l.keys_title),
            KeyMode::Search => "Search (after /; type to search)",
            KeyMode::Form => "Edit form: a text field",
            KeyMode::FormChoice => "Edit form: a choice (kind, buying role; a letter picks one)",
            KeyMode::Pick => "Choosing a link (] or [ on a goal with several)",
            KeyMode::Help => "Help",
            KeyMode::QuitPrompt => "Question: quit with unsaved changes",
            KeyMode::RecoveryPrompt => "Question: a recovery copy was found",
            KeyMode::DiskPrompt => "Question: the file changed on disk",
            KeyMode::ReadOnlyPrompt => "Question: the file has no write permission",
            KeyMode::ReloadPrompt => "Question: reload and lose your changes",
            KeyMode::DeletePrompt => "Question: delete a linked item",
            KeyMode::DiscardPrompt => "Question: discard what you typed (Esc in a form)",
            KeyMode::ConflictPrompt => "Question: resolve a merge conflict (Enter on one in Gaps)",
            KeyMode::Present => "Presenter mode (P; personas present)",
            KeyMode::CloseRoomPrompt => "Question: close the room while people are connected",
            KeyMode::ReopenRoomPrompt => "Question: proposals were kept from the last room",
        }
    }
}

/// How many list views [`VIEWS`] has.
const LIST_VIEWS: usize = {
    let mut n = 0;
    let mut v = 0;
    while v < VIEWS.len() {
        if VIEWS[v].list.is_some() {
            n += 1;
        }
        v += 1;
    }
    n
};

/// The modes that are not a list view's, in the order of help (the list views come after the
/// link picker).
const OTHER_MODES: &[KeyMode] = &[
    KeyMode::Board,
    KeyMode::LinkPicker,
    KeyMode::Search,
    KeyMode::Form,
    KeyMode::FormChoice,
    KeyMode::Pick,
    KeyMode::Help,
    KeyMode::QuitPrompt,
    KeyMode::RecoveryPrompt,
    KeyMode::DiskPrompt,
    KeyMode::ReadOnlyPrompt,
    KeyMode::ReloadPrompt,
    KeyMode::DeletePrompt,
    KeyMode::DiscardPrompt,
    KeyMode::ConflictPrompt,
    KeyMode::Present,
    KeyMode::CloseRoomPrompt,
    KeyMode::ReopenRoomPrompt,
];

mod defaults;

use defaults::UNBOUND;
pub use defaults::{LINK_OR_UNLINK, NEW_LINE_HINT};

/// Why a remap from the config file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RemapError {
    #[error("{0} is not an action that keys can be bound to")]
    NotBindable(String),
    #[error("key {key} would be bound to both {first} and {second} ({mode})")]
    Clash {
        key: String,
        first: String,
        second: String,
        mode: &'static str,
    },
}

/// Keys bound to actions, per mode.
#[derive(Debug, Clone)]
pub struct Keymap {
    /// (mode, action, keys) in table order, for help and hints.
    bindings: Vec<(KeyMode, Action, Vec<Chord>)>,
    lookup: HashMap<(KeyMode, Chord), Action>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        let bindings = defaults::rows()
            .into_iter()
            .map(|(mode, action, names)| {
                let keys = names.iter().filter_map(|n| Chord::parse(n).ok()).collect();
                (mode, action, keys)
            })
            .collect();
        Keymap::from_bindings(bindings)
    }
}

impl Keymap {
    fn from_bindings(bindings: Vec<(KeyMode, Action, Vec<Chord>)>) -> Keymap {
        let mut lookup = HashMap::new();
        for (mode, action, keys) in &bindings {
            for key in keys {
                lookup.entry((*mode, *key)).or_insert(*action);
            }
        }
        Keymap { bindings, lookup }
    }

    /// A keymap with each action's keys replaced by the given ones, in every mode that has the
    /// action. Every remap is applied before clashes are looked for, so two actions may swap keys.
    pub fn remapped(&self, remaps: &[(Action, Vec<Chord>)]) -> Result<Keymap, RemapError> {
        let mut bindings = self.bindings.clone();
        for (action, keys) in remaps {
            let mut found = false;
            for (_, act, bound) in &mut bindings {
                if act == action {
                    found = true;
                    bound.clone_from(keys);
                }
            }
            if !found {
                return Err(RemapError::NotBindable(action.name()));
            }
        }
        let mut seen: HashMap<(KeyMode, Chord), Action> = HashMap::new();
        for (mode, action, keys) in &bindings {
            for key in keys {
                if let Some(first) = seen.insert((*mode, *key), *action)
                    && first != *action
                {
                    return Err(RemapError::Clash {
                        key: key.to_string(),
                        first: first.name(),
                        second: action.name(),
                        mode: mode.title(),
                    });
                }
            }
        }
        Ok(Keymap::from_bindings(bindings))
    }

    /// The action of a key in a mode: its binding, else what the mode does with unbound keys.
    pub fn action(&self, mode: KeyMode, chord: Chord) -> Option<Action> {
        self.lookup
            .get(&(mode, chord))
            .copied()
            .or_else(|| UNBOUND.iter().find(|(m, _)| *m == mode).map(|(_, a)| *a))
    }

    pub fn keys(&self, mode: KeyMode, action: Action) -> &[Chord] {
        self.bindings
            .iter()
            .find(|(m, a, _)| *m == mode && *a == action)
            .map_or(&[], |(_, _, k)| k.as_slice())
    }

    /// The first key of an action in a mode, as messages name it ("Ctrl-s"); empty when unbound.
    pub fn first_key(&self, mode: KeyMode, action: Action) -> String {
        self.keys(mode, action)
            .first()
            .map(Chord::short)
            .unwrap_or_default()
    }

    /// Every binding of a mode, in table order, for the help overlay.
    pub fn bindings(&self, mode: KeyMode) -> impl Iterator<Item = (Action, &[Chord])> {
        self.bindings
            .iter()
            .filter(move |(m, _, _)| *m == mode)
            .map(|(_, a, k)| (*a, k.as_slice()))
    }

    /// Every binding as a markdown table, mode by mode (the README's key table is checked
    /// against this).
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        for mode in KeyMode::ALL {
            out.push_str(&format!(
                "\n**{}**\n\n| keys | action |\n| --- | --- |\n",
                mode.title()
            ));
            for (action, keys) in self.bindings(mode) {
                let names: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
                out.push_str(&format!(
                    "| {} | {} |\n",
                    names.join(" "),
                    action.describe()
                ));
            }
        }
        out
    }

    /// The hint bar for a mode: (keys, label) pairs.
    pub fn hints(&self, mode: KeyMode) -> Vec<(String, &'static str)> {
        self.hints_for(mode, false)
    }

    /// The hint bar for a mode; read-only leaves out the keys that would change the file.
    pub fn hints_for(&self, mode: KeyMode, read_only: bool) -> Vec<(String, &'static str)> {
        defaults::hints(mode)
            .filter(|(_, actions)| !(read_only && actions.iter().all(|a| a.edits())))
            .filter_map(|(label, actions)| {
                let keys: Vec<String> = actions
                    .iter()
                    .filter_map(|a| self.keys(mode, *a).first().map(Chord::short))
                    .collect();
                if keys.is_empty() {
                    return None;
                }
                if keys.len() > 2 {
                    // A run of keys (1 … 9) is named by its ends.
                    let (first, last) = (&keys[0], &keys[keys.len() - 1]);
                    return Some((format!("{first}-{last}"), label));
                }
                let glyphs = keys.iter().all(|k| k.chars().count() == 1);
                Some((keys.join(if glyphs { "" } else { "/" }), label))
            })
            .collect()
    }

    /// A question's answers: every key of each answer ("n / Esc"), letters once whatever
    /// their case, with the answer's label.
    pub fn answers(&self, mode: KeyMode) -> Vec<(String, &'static str)> {
        defaults::hints(mode)
            .map(|(label, actions)| {
                let mut names: Vec<String> = Vec::new();
                for key in actions.iter().flat_map(|a| self.keys(mode, *a)) {
                    // `Y` beside `y` is the same answer with Caps Lock on: name it once.
                    let upper_twin = match key.code {
                        ratatui::crossterm::event::KeyCode::Char(c) if c.is_ascii_uppercase() => {
                            let lower = Chord::plain(ratatui::crossterm::event::KeyCode::Char(
                                c.to_ascii_lowercase(),
                            ));
                            self.action(mode, lower) == self.action(mode, *key)
                        }
                        _ => false,
                    };
                    if !upper_twin {
                        names.push(key.short());
                    }
                }
                (names.join(" / "), label)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_key_name_parses_and_no_key_is_bound_twice_in_a_mode() {
        let mut seen = HashMap::new();
        for (mode, action, names) in defaults::rows() {
            for name in names {
                let chord = Chord::parse(name).unwrap_or_else(|e| panic!("{e}"));
                if let Some(other) = seen.insert((mode, chord), action) {
                    panic!("{name} bound to {other:?} and {action:?} in {mode:?}");
                }
            }
        }
    }

    #[test]
    fn every_mode_with_keys_is_in_help_once() {
        for (mode, _, _) in defaults::rows() {
            let times = KeyMode::ALL.iter().filter(|m| **m == mode).count();
            assert_eq!(times, 1, "{mode:?} is in KeyMode::ALL {times} times");
        }
        assert!(KeyMode::ALL.iter().all(|m| !m.title().is_empty()));
    }

    #[test]
    fn hints_follow_the_bound_keys() {
        let map = Keymap::default();
        let hints = map.hints(KeyMode::Board);
        assert_eq!(hints[0], ("←→".to_string(), "column"));
        assert!(hints.contains(&("Ctrl-s".to_string(), "save")));
        let map = map
            .remapped(&[(Action::Save, vec![Chord::parse("ctrl-w").expect("parses")])])
            .expect("free key");
        assert!(
            map.hints(KeyMode::Board)
                .contains(&("Ctrl-w".to_string(), "save"))
        );
        let old = Chord::parse("ctrl-s").expect("parses");
        assert_eq!(map.action(KeyMode::Board, old), None);
    }

    #[test]
    fn remapping_onto_a_used_key_is_an_error_but_swapping_is_fine() {
        let map = Keymap::default();
        let q = Chord::parse("q").expect("parses");
        let ctrl_s = Chord::parse("ctrl-s").expect("parses");
        let err = map.remapped(&[(Action::Save, vec![q])]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "key q would be bound to both save and quit (Board)"
        );
        let swapped = map
            .remapped(&[(Action::Save, vec![q]), (Action::Quit, vec![ctrl_s])])
            .expect("a swap clashes with nothing");
        assert_eq!(swapped.action(KeyMode::Board, q), Some(Action::Save));
        assert_eq!(swapped.action(KeyMode::Board, ctrl_s), Some(Action::Quit));
    }

    /// The views' modes: the board and one per list view.
    fn view_modes() -> Vec<KeyMode> {
        VIEWS.iter().map(|s| KeyMode::of(s.view)).collect()
    }

    #[test]
    fn each_views_key_opens_it_from_every_view() {
        let modes = view_modes();
        for (i, a) in modes.iter().enumerate() {
            assert!(
                !modes[i + 1..].contains(a),
                "two views share the keys of {a:?}"
            );
            assert!(KeyMode::ALL.contains(a), "{a:?} is not in help");
        }
        assert_eq!(KeyMode::of(View::Board), KeyMode::Board);
        let map = Keymap::default();
        for spec in VIEWS {
            assert!(!spec.keys.is_empty(), "{:?} has no key", spec.view);
            for name in spec.keys {
                let key = Chord::parse(name).expect("parses");
                for mode in &modes {
                    assert_eq!(
                        map.action(*mode, key),
                        Some(spec.open),
                        "{name} in {mode:?} does not open {:?}",
                        spec.view
                    );
                }
            }
        }
        // Esc leaves every list view for the board.
        let esc = Chord::parse("esc").expect("parses");
        for spec in VIEWS.iter().filter(|s| s.list.is_some()) {
            let mode = KeyMode::of(spec.view);
            assert_eq!(map.action(mode, esc), Some(Action::ViewBoard), "{mode:?}");
        }
    }

    #[test]
    fn a_list_views_own_keys_and_hints_come_from_its_row() {
        let map = Keymap::default();
        for spec in VIEWS {
            let Some(list) = &spec.list else { continue };
            let mode = KeyMode::of(spec.view);
            assert_eq!(mode.title(), list.keys_title);
            for (action, names) in list.keys {
                let keys: Vec<Chord> = names.iter().map(|n| Chord::parse(n).expect("ok")).collect();
                assert_eq!(map.keys(mode, *action), keys.as_slice(), "{mode:?}");
            }
            let labels: Vec<&str> = map.hints(mode).into_iter().map(|(_, l)| l).collect();
            let own: Vec<&str> = list.hints.iter().map(|(l, _)| *l).collect();
            assert_eq!(
                labels, own,
                "{mode:?}: every hint of its row, each with a bound key"
            );
        }
        // The Room view's own key is its own: `d` is nothing in Chains, set aside in Room.
        let d = Chord::parse("d").expect("parses");
        assert_eq!(map.action(KeyMode::List(View::Chains), d), None);
        assert_eq!(
            map.action(KeyMode::List(View::Room), d),
            Some(Action::SetAside)
        );
    }

    #[test]
    fn a_views_key_remapped_in_the_config_moves_in_every_view() {
        let f4 = Chord::parse("f4").expect("parses");
        let four = Chord::parse("4").expect("parses");
        let map = Keymap::default()
            .remapped(&[(Action::ViewRoom, vec![f4])])
            .expect("f4 is free");
        for mode in view_modes() {
            assert_eq!(map.action(mode, f4), Some(Action::ViewRoom), "{mode:?}");
            assert_eq!(map.action(mode, four), None, "{mode:?}");
        }
    }
}
