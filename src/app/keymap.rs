//! The keymap as data: one table of (mode, action, keys). Key handling, the help overlay and the
//! key hint bar are all generated from it, so they cannot disagree.

use std::collections::HashMap;

use super::action::Action;
use super::keys::Chord;

/// The modes that have their own keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyMode {
    Board,
    Linking,
    Chains,
    Gaps,
    Search,
    Form,
}

impl KeyMode {
    pub const ALL: [KeyMode; 6] = [
        KeyMode::Board,
        KeyMode::Linking,
        KeyMode::Chains,
        KeyMode::Gaps,
        KeyMode::Search,
        KeyMode::Form,
    ];

    pub fn title(self) -> &'static str {
        match self {
            KeyMode::Board => "Board",
            KeyMode::Linking => "Linking (after Space on a goal)",
            KeyMode::Chains => "Chains view",
            KeyMode::Gaps => "Gaps view",
            KeyMode::Search => "Search (after /; type to search)",
            KeyMode::Form => "Edit form",
        }
    }
}

/// The default keys: (mode, action, key names). Every name must parse (a unit test checks).
const DEFAULTS: &[(KeyMode, Action, &[&str])] = {
    use Action as A;
    use KeyMode::{Board as B, Chains as C, Form as F, Gaps as G, Linking as L, Search as S};
    &[
        (B, A::ColumnLeft, &["left", "h", "backtab"]),
        (B, A::ColumnRight, &["right", "l", "tab"]),
        (B, A::Up, &["up", "k"]),
        (B, A::Down, &["down", "j"]),
        (B, A::PageUp, &["pageup"]),
        (B, A::PageDown, &["pagedown"]),
        (B, A::First, &["home"]),
        (B, A::Last, &["end"]),
        (B, A::Edit, &["enter", "e"]),
        (B, A::AddPersona, &["p"]),
        (B, A::AddGoal, &["g"]),
        (B, A::Delete, &["d", "delete"]),
        (B, A::MoveDown, &["J"]),
        (B, A::MoveUp, &["K"]),
        (B, A::Link, &["space"]),
        (B, A::Focus, &["f"]),
        (B, A::Filter, &["o"]),
        (B, A::ChainUp, &["]"]),
        (B, A::ChainDown, &["["]),
        (B, A::Back, &["backspace"]),
        (B, A::Undo, &["u", "ctrl-z"]),
        (B, A::Redo, &["ctrl-r", "ctrl-y"]),
        (B, A::Search, &["/"]),
        (B, A::NextMatch, &["n"]),
        (B, A::PrevMatch, &["N"]),
        (B, A::ViewBoard, &["1"]),
        (B, A::ViewChains, &["2"]),
        (B, A::ViewGaps, &["3"]),
        (B, A::ToggleDetail, &["i"]),
        (B, A::ToggleMouse, &["m"]),
        (B, A::Save, &["ctrl-s"]),
        (B, A::Help, &["?"]),
        (B, A::Quit, &["q", "ctrl-c"]),
        (L, A::ColumnLeft, &["left", "h", "backtab"]),
        (L, A::ColumnRight, &["right", "l", "tab"]),
        (L, A::Up, &["up", "k"]),
        (L, A::Down, &["down", "j"]),
        (L, A::PageUp, &["pageup"]),
        (L, A::PageDown, &["pagedown"]),
        (L, A::First, &["home"]),
        (L, A::Last, &["end"]),
        (L, A::Link, &["space", "enter"]),
        (L, A::Cancel, &["esc"]),
        (L, A::Help, &["?"]),
        (L, A::Quit, &["ctrl-c"]),
        (C, A::Up, &["up", "k"]),
        (C, A::Down, &["down", "j"]),
        (C, A::PageUp, &["pageup"]),
        (C, A::PageDown, &["pagedown"]),
        (C, A::First, &["home"]),
        (C, A::Last, &["end"]),
        (C, A::Jump, &["enter"]),
        (C, A::Search, &["/"]),
        (C, A::ViewBoard, &["1", "esc"]),
        (C, A::ViewChains, &["2"]),
        (C, A::ViewGaps, &["3"]),
        (C, A::Undo, &["u", "ctrl-z"]),
        (C, A::Redo, &["ctrl-r", "ctrl-y"]),
        (C, A::Save, &["ctrl-s"]),
        (C, A::Help, &["?"]),
        (C, A::Quit, &["q", "ctrl-c"]),
        (G, A::Up, &["up", "k"]),
        (G, A::Down, &["down", "j"]),
        (G, A::PageUp, &["pageup"]),
        (G, A::PageDown, &["pagedown"]),
        (G, A::First, &["home"]),
        (G, A::Last, &["end"]),
        (G, A::Jump, &["enter"]),
        (G, A::Search, &["/"]),
        (G, A::ViewBoard, &["1", "esc"]),
        (G, A::ViewChains, &["2"]),
        (G, A::ViewGaps, &["3"]),
        (G, A::Undo, &["u", "ctrl-z"]),
        (G, A::Redo, &["ctrl-r", "ctrl-y"]),
        (G, A::Save, &["ctrl-s"]),
        (G, A::Help, &["?"]),
        (G, A::Quit, &["q", "ctrl-c"]),
        (S, A::Up, &["up", "ctrl-p"]),
        (S, A::Down, &["down", "ctrl-n"]),
        (S, A::Jump, &["enter"]),
        (S, A::Cancel, &["esc"]),
        (F, A::NextField, &["tab", "down"]),
        (F, A::PrevField, &["backtab", "up"]),
        (F, A::FormEnter, &["enter"]),
        (F, A::NewLine, &["alt-enter", "ctrl-j"]),
        (F, A::ChoiceNext, &["right", "space"]),
        (F, A::ChoicePrev, &["left"]),
        (F, A::OpenEditor, &["ctrl-e", "f2"]),
        (F, A::Commit, &["ctrl-s"]),
        (F, A::Cancel, &["esc"]),
    ]
};

/// What the hint bar shows in each mode: a label and the actions whose first keys name it.
const HINTS: &[(KeyMode, &str, &[Action])] = {
    use Action as A;
    use KeyMode::{Board as B, Chains as C, Form as F, Gaps as G, Linking as L, Search as S};
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
        (L, "column", &[A::ColumnLeft, A::ColumnRight]),
        (L, "goal", &[A::Up, A::Down]),
        (L, "link / unlink here", &[A::Link]),
        (L, "cancel", &[A::Cancel]),
        (C, "line", &[A::Up, A::Down]),
        (C, "go to goal", &[A::Jump]),
        (C, "board", &[A::ViewBoard]),
        (C, "gaps", &[A::ViewGaps]),
        (C, "help", &[A::Help]),
        (C, "quit", &[A::Quit]),
        (G, "line", &[A::Up, A::Down]),
        (G, "go to it", &[A::Jump]),
        (G, "board", &[A::ViewBoard]),
        (G, "chains", &[A::ViewChains]),
        (G, "help", &[A::Help]),
        (G, "quit", &[A::Quit]),
        (S, "choose", &[A::Up, A::Down]),
        (S, "go there", &[A::Jump]),
        (S, "cancel", &[A::Cancel]),
        (F, "next field", &[A::NextField]),
        (F, "next / save", &[A::FormEnter]),
        (F, "choose", &[A::ChoicePrev, A::ChoiceNext]),
        (F, "new line", &[A::NewLine]),
        (F, "$EDITOR", &[A::OpenEditor]),
        (F, "save", &[A::Commit]),
        (F, "cancel", &[A::Cancel]),
    ]
};

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
        let bindings = DEFAULTS
            .iter()
            .map(|(mode, action, names)| {
                let keys = names.iter().filter_map(|n| Chord::parse(n).ok()).collect();
                (*mode, *action, keys)
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

    pub fn action(&self, mode: KeyMode, chord: Chord) -> Option<Action> {
        self.lookup.get(&(mode, chord)).copied()
    }

    pub fn keys(&self, mode: KeyMode, action: Action) -> &[Chord] {
        self.bindings
            .iter()
            .find(|(m, a, _)| *m == mode && *a == action)
            .map_or(&[], |(_, _, k)| k.as_slice())
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
        HINTS
            .iter()
            .filter(|(m, _, _)| *m == mode)
            .filter_map(|(_, label, actions)| {
                let keys: Vec<String> = actions
                    .iter()
                    .filter_map(|a| self.keys(mode, *a).first().map(Chord::short))
                    .collect();
                if keys.is_empty() {
                    return None;
                }
                let glyphs = keys.iter().all(|k| k.chars().count() == 1);
                Some((keys.join(if glyphs { "" } else { "/" }), *label))
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
        for (mode, action, names) in DEFAULTS {
            for name in *names {
                let chord = Chord::parse(name).unwrap_or_else(|e| panic!("{e}"));
                if let Some(other) = seen.insert((*mode, chord), *action) {
                    panic!("{name} bound to {other:?} and {action:?} in {mode:?}");
                }
            }
        }
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
}
