//! Property tests of the three-way merge (issue 16) over generated workspaces and random edit
//! scripts: identities, validity, determinism, and symmetry when the two sides touch different
//! ids.

use std::collections::{BTreeMap, BTreeSet};

use personas::merge::merge;
use personas::model::generate::{Size, generate};
use personas::model::{Column, Goal, Persona, Workspace, validate};
use proptest::prelude::*;

/// A generated workspace cut down to a few personas of a few goals, links kept valid.
fn small(seed: u64, personas: usize) -> Workspace {
    let mut ws = generate(Size::S, seed);
    for column in &mut ws.columns {
        column.truncate(personas);
        for p in column.iter_mut() {
            std::sync::Arc::make_mut(p).goals.truncate(3);
        }
    }
    let ids: BTreeSet<String> = ws.goals().map(|(_, _, g)| g.id.clone()).collect();
    for p in ws.personas_mut() {
        for g in &mut p.goals {
            g.supports.retain(|s| ids.contains(s));
        }
    }
    assert_eq!(validate(&ws), vec![]);
    ws
}

const WORDS: [&str; 6] = ["alpha", "beta", "gamma", "Δelta", "ε — epsilon", "zeta 🚀"];

/// One edit: an operation and three numbers that pick what it applies to.
type Op = (u8, u16, u16, u16);

/// Which personas a side may touch: all, or only those at even (or odd) positions of `base`.
#[derive(Clone, Copy)]
enum Touch {
    All,
    Parity(usize),
}

struct Editor<'a> {
    ws: Workspace,
    side: &'a str,
    touch: Touch,
    allowed: BTreeSet<String>,
    next: usize,
}

impl Editor<'_> {
    fn fresh(&mut self, what: &str) -> String {
        self.next += 1;
        format!("{}-{what}-{}", self.side, self.next)
    }

    /// Personas this side may touch, as (column, index) in the current workspace.
    fn personas(&self) -> Vec<(usize, usize)> {
        (0..3)
            .flat_map(|c| (0..self.ws.columns[c].len()).map(move |i| (c, i)))
            .filter(|&(c, i)| self.allowed.contains(&self.ws.columns[c][i].id))
            .collect()
    }

    fn goals(&self) -> Vec<(usize, usize, usize)> {
        self.personas()
            .into_iter()
            .flat_map(|(c, i)| (0..self.ws.columns[c][i].goals.len()).map(move |g| (c, i, g)))
            .collect()
    }

    fn remove_links_to(&mut self, gone: &BTreeSet<String>) {
        for p in self.ws.personas_mut() {
            for g in &mut p.goals {
                g.supports.retain(|s| !gone.contains(s));
            }
        }
    }

    fn apply(&mut self, (op, a, b, c): Op) {
        let (a, b, c) = (usize::from(a), usize::from(b), usize::from(c));
        let personas = self.personas();
        let goals = self.goals();
        let word = WORDS[b % WORDS.len()].to_string();
        match op % 11 {
            0 if !goals.is_empty() => {
                let (c0, i, g) = goals[a % goals.len()];
                std::sync::Arc::make_mut(&mut self.ws.columns[c0][i]).goals[g].text = word;
            }
            1 if !personas.is_empty() => {
                let (c0, i) = personas[a % personas.len()];
                std::sync::Arc::make_mut(&mut self.ws.columns[c0][i]).name = word;
            }
            2 if !goals.is_empty() => {
                let (c0, i, g) = goals[a % goals.len()];
                let id = std::sync::Arc::make_mut(&mut self.ws.columns[c0][i])
                    .goals
                    .remove(g)
                    .id;
                self.remove_links_to(&BTreeSet::from([id]));
            }
            3 if !personas.is_empty() => {
                let (c0, i) = personas[a % personas.len()];
                let p = self.ws.columns[c0].remove(i);
                self.remove_links_to(&p.goals.iter().map(|g| g.id.clone()).collect());
            }
            4 => {
                let column = a % 3;
                let id = self.fresh("p");
                self.allowed.insert(id.clone());
                let at = b % (self.ws.columns[column].len() + 1);
                let p = Persona {
                    id,
                    name: word,
                    ..Persona::default()
                };
                self.ws.columns[column].insert(at, std::sync::Arc::new(p));
            }
            5 if !personas.is_empty() => {
                let (c0, i) = personas[a % personas.len()];
                let id = self.fresh("g");
                let list = &mut std::sync::Arc::make_mut(&mut self.ws.columns[c0][i]).goals;
                let at = c % (list.len() + 1);
                list.insert(
                    at,
                    Goal {
                        id,
                        text: word,
                        ..Goal::default()
                    },
                );
            }
            6 if !goals.is_empty() => {
                let (c0, i, g) = goals[a % goals.len()];
                let Some(up) = Column::from_index(c0).and_then(Column::up) else {
                    return;
                };
                let targets: Vec<String> = self.ws.columns[up.index()]
                    .iter()
                    .flat_map(|p| p.goals.iter().map(|g| g.id.clone()))
                    .collect();
                if targets.is_empty() {
                    return;
                }
                let t = targets[b % targets.len()].clone();
                let supports =
                    &mut std::sync::Arc::make_mut(&mut self.ws.columns[c0][i]).goals[g].supports;
                if !supports.contains(&t) {
                    supports.push(t);
                }
            }
            7 if !goals.is_empty() => {
                let (c0, i, g) = goals[a % goals.len()];
                let supports =
                    &mut std::sync::Arc::make_mut(&mut self.ws.columns[c0][i]).goals[g].supports;
                if !supports.is_empty() {
                    supports.remove(b % supports.len());
                }
            }
            8 if !goals.is_empty() => {
                // Move a goal to another persona of the same column.
                let (c0, i, g) = goals[a % goals.len()];
                let same: Vec<usize> = personas
                    .iter()
                    .filter(|(pc, _)| *pc == c0)
                    .map(|(_, pi)| *pi)
                    .collect();
                let to = same[b % same.len()];
                let goal = std::sync::Arc::make_mut(&mut self.ws.columns[c0][i])
                    .goals
                    .remove(g);
                let list = &mut std::sync::Arc::make_mut(&mut self.ws.columns[c0][to]).goals;
                let at = c % (list.len() + 1);
                list.insert(at, goal);
            }
            9 if !personas.is_empty() => {
                // Reorder: move a persona within its column (only when all are ours to touch).
                if matches!(self.touch, Touch::All) {
                    let (c0, i) = personas[a % personas.len()];
                    let p = self.ws.columns[c0].remove(i);
                    let at = b % (self.ws.columns[c0].len() + 1);
                    self.ws.columns[c0].insert(at, p);
                }
            }
            10 if !personas.is_empty() => {
                let (c0, i) = personas[a % personas.len()];
                let pains = &mut std::sync::Arc::make_mut(&mut self.ws.columns[c0][i]).pains;
                if b % 2 == 0 || pains.is_empty() {
                    pains.push(word);
                } else {
                    pains.remove(c % pains.len());
                }
            }
            _ => {}
        }
    }
}

fn edit(base: &Workspace, side: &str, touch: Touch, script: &[Op]) -> Workspace {
    let allowed = base
        .personas()
        .enumerate()
        .filter(|(n, _)| match touch {
            Touch::All => true,
            Touch::Parity(p) => n % 2 == p,
        })
        .map(|(_, (_, p))| p.id.clone())
        .collect();
    let mut e = Editor {
        ws: base.clone(),
        side,
        touch,
        allowed,
        next: 0,
    };
    for op in script {
        e.apply(*op);
    }
    assert_eq!(
        validate(&e.ws),
        vec![],
        "edit scripts keep workspaces valid"
    );
    e.ws
}

fn script() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(
        (any::<u8>(), any::<u16>(), any::<u16>(), any::<u16>()),
        0..12,
    )
}

/// Personas (own fields and column) and goals (fields, owner, links as a set), by id.
type Content = (BTreeMap<String, String>, BTreeMap<String, String>);

fn content(ws: &Workspace) -> Content {
    let personas = ws
        .personas()
        .map(|(c, p)| {
            let mut own = p.clone();
            own.goals.clear();
            (p.id.clone(), format!("{c:?} {own:?}"))
        })
        .collect();
    let goals = ws
        .goals()
        .map(|(_, p, g)| {
            let links: BTreeSet<&String> = g.supports.iter().collect();
            (
                g.id.clone(),
                format!("{} {:?} {:?} {:?} {links:?}", p.id, g.text, g.why, g.metric),
            )
        })
        .collect();
    (personas, goals)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn one_sided_and_identical_changes_are_taken_as_they_are(seed in 0u64..1000, xs in script()) {
        let b = small(seed, 4);
        let x = edit(&b, "x", Touch::All, &xs);
        prop_assert_eq!(&merge(&b, &x, &b).workspace, &x);
        prop_assert_eq!(&merge(&b, &b, &x).workspace, &x);
        prop_assert_eq!(&merge(&b, &x, &x).workspace, &x);
    }

    #[test]
    fn any_merge_is_valid_apart_from_conflicts_and_deterministic(
        seed in 0u64..1000,
        xs in script(),
        ys in script(),
        shared_ids in any::<bool>(),
    ) {
        let b = small(seed, 4);
        // With shared ids both sides make the same new ids: additions clash and get renamed.
        let x = edit(&b, if shared_ids { "n" } else { "x" }, Touch::All, &xs);
        let y = edit(&b, if shared_ids { "n" } else { "y" }, Touch::All, &ys);
        let m = merge(&b, &x, &y);
        prop_assert_eq!(validate(&m.workspace), vec![]);
        prop_assert_eq!(&merge(&b, &x, &y), &m);
        for c in &m.workspace.conflicts {
            let known = c.id.is_empty()
                || m.workspace.personas().any(|(_, p)| p.id == c.id)
                || m.workspace.goals().any(|(_, _, g)| g.id == c.id);
            prop_assert!(known, "conflict about a missing id: {:?}", c);
        }
    }

    #[test]
    fn sides_touching_different_ids_merge_the_same_either_way(
        seed in 0u64..1000,
        xs in script(),
        ys in script(),
    ) {
        let b = small(seed, 4);
        let x = edit(&b, "x", Touch::Parity(0), &xs);
        let y = edit(&b, "y", Touch::Parity(1), &ys);
        let xy = merge(&b, &x, &y);
        let yx = merge(&b, &y, &x);
        prop_assert_eq!(content(&xy.workspace), content(&yx.workspace));
        prop_assert_eq!(validate(&xy.workspace), vec![]);
    }
}
