//! Made-up workspaces of a chosen size, for benchmarks, tests and `personas generate`.
//!
//! Deterministic: the same size and seed give the same workspace, on every machine (a small
//! xorshift generator, no dependency). Texts have realistic lengths (goal texts of 40 to 70
//! characters, a why, a metric, summaries, pains), some are not ASCII (accents, CJK, an emoji now
//! and then), links only join a goal to goals in the next column up, and a few goals are left
//! unlinked or without a metric so that every workspace has findings to show.

use std::fmt;
use std::str::FromStr;

use super::{BuyingRole, Column, Goal, Persona, Workspace, ids};

/// How big a generated workspace is: personas per column and goals per persona.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Size {
    /// 3 × 40 personas × 5 goals: 600 goals.
    S,
    /// 3 × 667 personas × 10 goals: about 20,000 goals.
    M,
    /// 3 × 2,000 personas × 10 goals: 60,000 goals, about 80,000 links.
    L,
}

impl Size {
    pub const ALL: [Size; 3] = [Size::S, Size::M, Size::L];

    /// Personas in each column.
    pub fn personas(self) -> usize {
        match self {
            Size::S => 40,
            Size::M => 667,
            Size::L => 2000,
        }
    }

    /// Goals of each persona.
    pub fn goals(self) -> usize {
        match self {
            Size::S => 5,
            Size::M | Size::L => 10,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Size::S => "S",
            Size::M => "M",
            Size::L => "L",
        }
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Size {
    type Err = String;

    fn from_str(s: &str) -> Result<Size, String> {
        match s {
            "S" | "s" => Ok(Size::S),
            "M" | "m" => Ok(Size::M),
            "L" | "l" => Ok(Size::L),
            other => Err(format!("unknown size {other:?}: use S, M or L")),
        }
    }
}

/// xorshift64*: small, fast and good enough to pick words.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // splitmix64 of the seed, so seeds 0, 1, 2 … start far apart (and the state is never 0).
        let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next() >> 32) * n as u64) >> 32) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

mod words;
use words::*;

/// Generates a workspace of `size` personas, deterministically for `seed`.
pub fn generate(size: Size, seed: u64) -> Workspace {
    let mut rng = Rng::new(seed);
    let personas = size.personas();
    let goals = size.goals();
    let mut ws = Workspace {
        title: format!("Generated workspace {size} (seed {seed}) — B2B personas"),
        ..Workspace::default()
    };
    let mut goal_number = 0usize;
    for column in Column::ALL {
        let mut out = Vec::with_capacity(personas);
        for n in 0..personas {
            let mut p = persona(&mut rng, column, n);
            p.goals = (0..goals)
                .map(|_| {
                    goal_number += 1;
                    goal(&mut rng, goal_number)
                })
                .collect();
            out.push(std::sync::Arc::new(p));
        }
        ws.columns[column.index()] = out;
    }
    link(&mut rng, &mut ws);
    ws
}

fn persona(rng: &mut Rng, column: Column, n: usize) -> Persona {
    let first = rng.pick(FIRST_NAMES);
    let region = rng.pick(REGIONS);
    let (name, role, prefix) = match column {
        Column::Users => {
            let role = rng.pick(USER_ROLES);
            (
                format!("{first}, {role}"),
                format!("{role}, {region}"),
                "user",
            )
        }
        Column::Departments => {
            let dept = rng.pick(DEPARTMENTS);
            let title = rng.pick(DEPARTMENT_ROLES);
            (
                format!("{dept} {region}"),
                format!("{title} {dept}"),
                "department",
            )
        }
        Column::Buyers => {
            let role = rng.pick(BUYER_ROLES);
            (
                format!("{first}, {role}"),
                format!("{role}, {region}"),
                "buyer",
            )
        }
    };
    let kinds = column.kinds();
    let items = |rng: &mut Rng, from: &[&str], most: usize| -> Vec<String> {
        (0..1 + rng.below(most))
            .map(|_| rng.pick(from).to_string())
            .collect()
    };
    let buyer = column == Column::Buyers;
    Persona {
        id: format!("{prefix}-{}-{n}", ids::slug(&name)),
        summary: format!(
            "{} in {region}; {} Works with {} people every week.",
            role,
            rng.pick(WHYS),
            5 + rng.below(60)
        ),
        name,
        role,
        kind: Some(kinds[rng.below(kinds.len())]),
        buying_role: buyer.then(|| BuyingRole::ALL[rng.below(BuyingRole::ALL.len())]),
        goals: Vec::new(),
        pains: items(rng, PAINS, 3),
        quote: rng.pick(QUOTES).to_string(),
        notes: if rng.chance(30) {
            format!("Composite of {} interviews.", 3 + rng.below(20))
        } else {
            String::new()
        },
        objections: if buyer {
            items(rng, OBJECTIONS, 3)
        } else {
            Vec::new()
        },
        criteria: if buyer {
            items(rng, CRITERIA, 3)
        } else {
            Vec::new()
        },
    }
}

fn goal(rng: &mut Rng, number: usize) -> Goal {
    // A few tries at a text of 40 to 70 characters; the last one is kept whatever its length.
    let mut text = String::new();
    for _ in 0..4 {
        text = format!(
            "{} {} {}",
            rng.pick(VERBS),
            rng.pick(OBJECTS),
            rng.pick(QUALIFIERS)
        );
        if (40..=70).contains(&text.chars().count()) {
            break;
        }
    }
    if rng.chance(1) {
        text.push_str(" 🎯");
    }
    Goal {
        id: format!("{}-{number}", ids::slug(&text)),
        text,
        why: rng.pick(WHYS).to_string(),
        metric: if rng.chance(8) {
            String::new()
        } else {
            rng.pick(METRICS).to_string()
        },
        supports: Vec::new(),
        votes: 0,
    }
}

/// Links each user and department goal to one to three goals of the next column up (most of
/// them near the same position, some anywhere), leaving about one in twenty unlinked.
fn link(rng: &mut Rng, ws: &mut Workspace) {
    for column in [Column::Users, Column::Departments] {
        let Some(up) = column.up() else { continue };
        let targets: Vec<String> = ws
            .column(up)
            .iter()
            .flat_map(|p| p.goals.iter().map(|g| g.id.clone()))
            .collect();
        if targets.is_empty() {
            continue;
        }
        let total = ws
            .column(column)
            .iter()
            .map(|p| p.goals.len())
            .sum::<usize>();
        let mut at = 0usize;
        for p in ws.column_mut(column) {
            for g in &mut std::sync::Arc::make_mut(p).goals {
                at += 1;
                if rng.chance(5) {
                    continue;
                }
                let count = match rng.below(20) {
                    0..5 => 1,
                    5..13 => 2,
                    _ => 3,
                };
                // Mostly goals at about the same place in the column above, like a team that
                // links to its own department; now and then anywhere.
                let near = at * targets.len() / total.max(1);
                for _ in 0..count {
                    let t = if rng.chance(80) {
                        (near + rng.below(200)).saturating_sub(100) % targets.len()
                    } else {
                        rng.below(targets.len())
                    };
                    let id = &targets[t];
                    if !g.supports.contains(id) {
                        g.supports.push(id.clone());
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LinkIndex, findings, validate};

    #[test]
    fn the_same_seed_gives_the_same_workspace() {
        assert_eq!(generate(Size::S, 7), generate(Size::S, 7));
        assert_ne!(generate(Size::S, 7), generate(Size::S, 8));
    }

    #[test]
    fn a_small_workspace_is_valid_and_has_findings() {
        let ws = generate(Size::S, 1);
        assert!(validate(&ws).is_empty(), "{:?}", validate(&ws));
        assert_eq!(ws.persona_count(), 120);
        assert_eq!(ws.goal_count(), 600);
        let links = ws.link_count();
        assert!((500..1000).contains(&links), "{links} links");
        let found = findings(&ws, &LinkIndex::build(&ws));
        assert!(!found.is_empty());
        let texts: Vec<usize> = ws.goals().map(|(_, _, g)| g.text.chars().count()).collect();
        let in_range = texts.iter().filter(|n| (40..=72).contains(*n)).count();
        assert!(
            in_range * 10 >= texts.len() * 9,
            "most goal texts are 40-70 long"
        );
        assert!(ws.goals().any(|(_, _, g)| !g.text.is_ascii()));
        assert!(ws.personas().any(|(_, p)| !p.name.is_ascii()));
    }

    #[test]
    fn sizes_parse_from_their_letter() {
        assert_eq!("L".parse::<Size>(), Ok(Size::L));
        assert_eq!("m".parse::<Size>(), Ok(Size::M));
        assert!("XL".parse::<Size>().is_err());
    }
}
