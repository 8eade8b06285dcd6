//! Every question the app asks, described once: its title, its lines and its answers, the
//! answers' keys read from the keymap of the question's [`KeyMode`] (so a key remapped in the
//! config is the key shown and said). The question box (`ui::overlay`) draws a [`Question`];
//! the screen reader (`speech::app`) says it. A new [`Prompt`] is an arm of [`Prompt::key_mode`]
//! and of [`describe`] here, and its `KeyMode` with its keys.
//!
//! Nothing here draws or speaks: a line is text and a tone; text from the file is made visible,
//! and cut to fit the box only when the box asks for it ([`Fit`]).

use super::{Action, KeyMode, Keymap, Prompt, State};
use crate::text::visible;

/// A question, ready to be drawn or said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// A few words ("unsaved changes"): the box's title.
    pub title: String,
    pub lines: Vec<QuestionLine>,
    /// Each answer: its keys as the keymap names them ("y / Enter"), and what it does.
    pub answers: Vec<(String, &'static str)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionLine {
    pub text: String,
    pub tone: LineTone,
    /// One of a list (the box draws a bullet before it).
    pub item: bool,
    /// The keys the line is about, named before its text ("o / t: keep …" in the box), as the
    /// keymap names them.
    pub keys: Vec<String>,
}

/// How a line of a question is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineTone {
    Plain,
    /// What is at stake: work that would be lost or overwritten.
    Warning,
    /// Background the answer does not depend on.
    Faint,
}

/// How text from the file goes into a question's lines: always with control characters made
/// visible; cut to a number of cells for the box on screen, whole for the screen reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    Cut,
    Whole,
}

impl Fit {
    fn show(self, text: &str, cells: usize) -> String {
        match self {
            Fit::Cut => super::cells::cut(&visible(text), cells),
            Fit::Whole => visible(text).into_owned(),
        }
    }
}

fn plain(text: impl Into<String>) -> QuestionLine {
    QuestionLine {
        text: text.into(),
        tone: LineTone::Plain,
        item: false,
        keys: Vec::new(),
    }
}

fn warning(text: impl Into<String>) -> QuestionLine {
    QuestionLine {
        tone: LineTone::Warning,
        ..plain(text)
    }
}

fn faint(text: impl Into<String>) -> QuestionLine {
    QuestionLine {
        tone: LineTone::Faint,
        ..plain(text)
    }
}

impl Prompt {
    /// The mode whose keys answer the question.
    pub fn key_mode(&self) -> KeyMode {
        match self {
            Prompt::Quit => KeyMode::QuitPrompt,
            Prompt::Recovery { .. } => KeyMode::RecoveryPrompt,
            Prompt::ChangedOnDisk => KeyMode::DiskPrompt,
            Prompt::ReadOnlyFile => KeyMode::ReadOnlyPrompt,
            Prompt::ConfirmReload => KeyMode::ReloadPrompt,
            Prompt::Delete { .. } => KeyMode::DeletePrompt,
            Prompt::Conflict { .. } => KeyMode::ConflictPrompt,
            Prompt::CloseRoom { .. } => KeyMode::CloseRoomPrompt,
            Prompt::ReopenRoom { .. } => KeyMode::ReopenRoomPrompt,
        }
    }
}

/// The question `prompt` asks, in the state it is asked in.
pub fn describe(state: &State, prompt: &Prompt, fit: Fit) -> Question {
    let (title, lines) = match prompt {
        Prompt::Quit => ("unsaved changes", vec![plain("There are unsaved changes.")]),
        Prompt::CloseRoom { people } => (
            "close the room",
            vec![
                plain(format!("{people} person(s) have the room's page open.")),
                warning("Closing stops their page; proposals not yet taken are kept."),
            ],
        ),
        Prompt::ReopenRoom { waiting, round } => (
            "proposals from the last room",
            vec![
                plain(format!(
                    "The last room of this file kept {waiting} proposal(s) not yet taken{}.",
                    if *round {
                        " and an open vote round"
                    } else {
                        ""
                    }
                )),
                faint("Reopening listens on the network again, with the same code when it can."),
            ],
        ),
        Prompt::ChangedOnDisk => (
            "the file changed on disk",
            vec![
                plain("Someone (or something) changed the file since you opened or saved it."),
                warning("Saving now would overwrite their changes."),
            ],
        ),
        Prompt::ReadOnlyFile => (
            "the file is read-only",
            vec![
                plain("The file has no write permission."),
                warning("Saving anyway replaces it; the new file is read-only too."),
            ],
        ),
        Prompt::ConfirmReload => (
            "reload and lose your changes?",
            vec![
                plain("Reloading shows the file as it is on disk now."),
                warning("Every unsaved change of this session will be lost."),
            ],
        ),
        Prompt::Recovery {
            when,
            personas,
            goals,
        } => (
            "recovery copy found",
            vec![
                plain(format!(
                    "This file has a recovery copy of unsaved work, made {}.",
                    visible(when)
                )),
                warning(if *personas == 0 && *goals == 0 {
                    "It differs from the file only in the order of personas or goals.".to_string()
                } else {
                    format!(
                        "It differs from the file in {personas} persona(s) and {goals} goal(s)."
                    )
                }),
            ],
        ),
        Prompt::Conflict { index } => ("merge conflict", conflict(state, *index, fit)),
        Prompt::Delete {
            what,
            dependents,
            names,
        } => {
            let mut lines = vec![
                plain(format!("Delete {}?", fit.show(what, 60))),
                warning(format!(
                    "{dependents} linked goal(s) lose a link to it, such as:"
                )),
            ];
            lines.extend(names.iter().map(|n| QuestionLine {
                item: true,
                ..plain(fit.show(n, 60))
            }));
            ("delete linked item", lines)
        }
    };
    Question {
        title: title.to_string(),
        lines,
        answers: state.keymap.answers(prompt.key_mode()),
    }
}

/// The lines of a merge conflict: what changed on both sides, and the two sides and their base.
fn conflict(state: &State, index: usize, fit: Fit) -> Vec<QuestionLine> {
    let c = state.doc.workspace().conflicts.get(index);
    let show = |v: Option<&Option<String>>| match v {
        Some(Some(s)) => fit.show(s, 60),
        _ => "(deleted)".to_string(),
    };
    let what = c.map_or(String::new(), |c| {
        if c.id.is_empty() {
            "The workspace title changed on both sides.".to_string()
        } else if c.is_record() {
            format!(
                "{} was deleted on one side and changed on the other.",
                fit.show(&c.id, 40)
            )
        } else {
            format!(
                "The {} of {} changed on both sides.",
                c.field,
                fit.show(&c.id, 40)
            )
        }
    });
    let mut lines = vec![plain(what)];
    if c.is_some_and(|c| !c.is_record()) {
        lines.push(plain(format!("ours:   {}", show(c.map(|c| &c.ours)))));
        lines.push(plain(format!("theirs: {}", show(c.map(|c| &c.theirs)))));
        lines.push(faint(format!("base:   {}", show(c.map(|c| &c.base)))));
    } else {
        let mode = KeyMode::ConflictPrompt;
        let keys: Vec<String> = [Action::TakeOurs, Action::TakeTheirs]
            .iter()
            .filter_map(|a| state.keymap.keys(mode, *a).first().map(|k| k.short()))
            .collect();
        lines.push(QuestionLine {
            keys,
            ..warning("keep the side that kept it, or delete it as the other side did.")
        });
    }
    lines
}

/// The question Esc asks in a form after typing (`KeyMode::DiscardPrompt`): the form stays on
/// screen and the status bar asks it; the screen reader says it from here.
pub fn discard(keymap: &Keymap) -> Question {
    Question {
        title: "discard what you typed?".to_string(),
        lines: Vec::new(),
        answers: keymap.answers(KeyMode::DiscardPrompt),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keys::Chord;
    use crate::model::Workspace;
    use crate::model::conflict::Conflict;
    use std::collections::BTreeSet;

    /// One of each `Prompt`. The match below has no `_` arm: a new variant does not compile
    /// until it is listed here too.
    fn every_prompt() -> Vec<Prompt> {
        let all = vec![
            Prompt::Quit,
            Prompt::Recovery {
                when: "today at 9:00".into(),
                personas: 1,
                goals: 2,
            },
            Prompt::ChangedOnDisk,
            Prompt::ConfirmReload,
            Prompt::ReadOnlyFile,
            Prompt::Conflict { index: 0 },
            Prompt::Delete {
                what: "goal \"Log calls\"".into(),
                dependents: 1,
                names: vec!["Grow revenue".into()],
            },
            Prompt::CloseRoom { people: 3 },
            Prompt::ReopenRoom {
                waiting: 2,
                round: true,
            },
        ];
        for p in &all {
            match p {
                Prompt::Quit
                | Prompt::Recovery { .. }
                | Prompt::ChangedOnDisk
                | Prompt::ConfirmReload
                | Prompt::ReadOnlyFile
                | Prompt::Conflict { .. }
                | Prompt::Delete { .. }
                | Prompt::CloseRoom { .. }
                | Prompt::ReopenRoom { .. } => {}
            }
        }
        all
    }

    fn state_with_a_conflict() -> State {
        let ws = Workspace {
            conflicts: vec![Conflict {
                id: String::new(),
                field: "title".into(),
                base: Some("Acme".into()),
                ours: Some("Acme CRM".into()),
                theirs: Some("Acme sales".into()),
            }],
            ..crate::store::example()
        };
        State::new(ws, "acme.ron".into())
    }

    /// The actions the answers' keys do in `mode`, checking that every key named is bound.
    fn answered(keymap: &Keymap, mode: KeyMode, q: &Question) -> BTreeSet<String> {
        let mut actions = BTreeSet::new();
        for (keys, label) in &q.answers {
            assert!(!keys.is_empty(), "{mode:?}: {label:?} names no key");
            for name in keys.split(" / ") {
                let chord = Chord::parse(name).unwrap_or_else(|e| panic!("{mode:?}: {e}"));
                let action = keymap.action(mode, chord);
                let action =
                    action.unwrap_or_else(|| panic!("{mode:?}: {name} is bound to nothing"));
                actions.insert(action.name());
            }
        }
        actions
    }

    #[test]
    fn every_question_names_only_bound_keys_and_every_bound_action() {
        let state = state_with_a_conflict();
        let discard = (KeyMode::DiscardPrompt, discard(&state.keymap));
        let asked = every_prompt()
            .into_iter()
            .map(|p| (p.key_mode(), describe(&state, &p, Fit::Cut)));
        for (mode, q) in asked.chain([discard]) {
            assert!(mode.is_question(), "{mode:?}");
            assert!(!q.title.is_empty(), "{mode:?}");
            let said = answered(&state.keymap, mode, &q);
            let bound: BTreeSet<String> =
                state.keymap.bindings(mode).map(|(a, _)| a.name()).collect();
            assert_eq!(said, bound, "{mode:?}: every answer a key gives is listed");
        }
    }

    #[test]
    fn text_from_the_file_is_visible_and_cut_only_for_the_box() {
        let state = state_with_a_conflict();
        let long = format!("a\u{1b}[2J{}", "x".repeat(100));
        let p = Prompt::Delete {
            what: long.clone(),
            dependents: 1,
            names: vec![long],
        };
        let boxed = describe(&state, &p, Fit::Cut);
        let whole = describe(&state, &p, Fit::Whole);
        for q in [&boxed, &whole] {
            assert!(q.lines.iter().all(|l| !l.text.contains('\u{1b}')), "{q:?}");
        }
        assert!(boxed.lines[2].text.ends_with('…'), "{boxed:?}");
        assert!(boxed.lines[2].text.chars().count() <= 60);
        assert!(whole.lines[2].text.ends_with(&"x".repeat(100)), "{whole:?}");
        assert!(whole.lines[2].item);
    }

    #[test]
    fn a_deleted_record_names_the_remapped_keys_that_keep_or_delete_it() {
        let ws = Workspace {
            conflicts: vec![Conflict {
                id: "u-1".into(),
                field: crate::model::conflict::RECORD.into(),
                base: Some("x".into()),
                ours: None,
                theirs: Some("y".into()),
            }],
            ..crate::store::example()
        };
        let mut state = State::new(ws, "acme.ron".into());
        let prompt = Prompt::Conflict { index: 0 };
        let q = describe(&state, &prompt, Fit::Cut);
        assert_eq!(q.lines[1].keys, ["o", "t"], "{q:?}");
        let a = Chord::parse("a").expect("parses");
        state.keymap = state
            .keymap
            .remapped(&[(Action::TakeOurs, vec![a])])
            .expect("a is free in the conflict question");
        let q = describe(&state, &prompt, Fit::Cut);
        assert_eq!(q.lines[1].keys, ["a", "t"], "{q:?}");
        assert_eq!(q.answers[0].0, "a", "{q:?}");
    }
}
