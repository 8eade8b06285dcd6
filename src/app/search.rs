//! Fuzzy search over persona names and roles, goal texts and metrics, in all three columns
//! (nucleo-matcher, smart case: lower-case input matches any case). Pure: text in, ranked hits out.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use std::borrow::Cow;
use std::sync::{Arc, Weak};

use super::lists::Target;
use super::typing::LineInput;
use crate::model::fields::{GOAL_FIELDS, PERSONA_FIELDS};
use crate::model::{Column, Workspace};

/// Results kept; more than a screen's worth is never useful.
pub const MAX_HITS: usize = 200;

/// The label of a searched field ([`crate::model::fields`]).
type Field = &'static str;

/// One match: what it points at, the text that matched and which characters did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub target: Target,
    pub column: Column,
    /// The label of the field that matched ([`crate::model::fields`]).
    pub field: &'static str,
    pub text: String,
    /// Where the text belongs (the persona's name, for a goal).
    pub context: String,
    pub score: u32,
    /// Matched characters, as char indices into `text`, sorted.
    pub indices: Vec<u32>,
}

/// Every persona and goal matching `query`, best first (ties keep workspace order), one hit per
/// persona or goal (its best field), at most [`MAX_HITS`].
pub fn search(ws: &Workspace, query: &str) -> Vec<Hit> {
    run(ws, query)
}

/// A persona (`goal == NONE`) or goal of the workspace, by place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Item {
    column: u8,
    persona: u32,
    goal: u32,
}

impl Item {
    const NONE: u32 = u32::MAX;
}

/// One matched item: its score, which of its fields matched best and where it stands.
#[derive(Debug, Clone, Copy)]
struct Scored {
    score: u32,
    field: Field,
    /// Position in the list that was searched (workspace order): breaks ties.
    order: u32,
}

/// The fields of an item that are searched, as the field description marks them (a persona's
/// name and role, a goal's text and metric), with their labels.
fn fields(ws: &Workspace, item: Item) -> Option<Vec<(Field, Cow<'_, str>)>> {
    let column = Column::from_index(usize::from(item.column))?;
    let persona = ws.column(column).get(item.persona as usize)?;
    if item.goal == Item::NONE {
        let searched = PERSONA_FIELDS.iter().filter(|f| f.searched);
        return Some(searched.map(|f| (f.label, f.text(persona))).collect());
    }
    let goal = persona.goals.get(item.goal as usize)?;
    let searched = GOAL_FIELDS.iter().filter(|f| f.searched);
    Some(searched.map(|f| (f.label, f.text(goal))).collect())
}

/// Every item of the workspace, in workspace order (each persona, then its goals).
fn every_item(ws: &Workspace) -> Vec<Item> {
    let mut items = Vec::with_capacity(ws.persona_count() + ws.goal_count());
    for column in Column::ALL {
        let c = column.index() as u8;
        for (pi, p) in ws.column(column).iter().enumerate() {
            let persona = pi as u32;
            items.push(Item {
                column: c,
                persona,
                goal: Item::NONE,
            });
            items.extend((0..p.goals.len() as u32).map(|goal| Item {
                column: c,
                persona,
                goal,
            }));
        }
    }
    items
}

/// Items scored per slice of a search: one slice runs with each key (and on each idle turn of
/// the loop until the search is done), so that a key is handled within a frame however large
/// the workspace (3,000 texts: a few milliseconds).
pub const SLICE: usize = 1_000;

/// A search part way through: the items still to score and what matched so far.
#[derive(Debug, Clone, Default)]
struct Scan {
    query: String,
    /// What to search, in workspace order: every item, or what a shorter query matched.
    items: Vec<Item>,
    /// `items[..next]` are scored.
    next: usize,
    /// The items that matched so far, in workspace order.
    matched: Vec<Item>,
    /// The best matches so far, ranked, with their text lengths (`order` indexes `matched`).
    top: Vec<(Scored, u32)>,
}

impl Scan {
    fn new(query: String, items: Vec<Item>) -> Scan {
        Scan {
            query,
            items,
            ..Scan::default()
        }
    }

    fn done(&self) -> bool {
        self.next >= self.items.len()
    }

    /// Scores up to `budget` more items and keeps the best of them with the best so far.
    fn advance(&mut self, ws: &Workspace, pattern: &Pattern, matcher: &mut Matcher, budget: usize) {
        let mut buf = Vec::new();
        let end = self.next.saturating_add(budget).min(self.items.len());
        let mut fresh = Vec::new();
        for &item in &self.items[self.next..end] {
            let Some(fields) = fields(ws, item) else {
                continue;
            };
            let mut top: Option<(u32, Field)> = None;
            for (field, text) in fields {
                let Some(score) = pattern.score(Utf32Str::new(&text, &mut buf), matcher) else {
                    continue;
                };
                if top.is_none_or(|(best, _)| score > best) {
                    top = Some((score, field));
                }
            }
            if let Some((score, field)) = top {
                fresh.push(Scored {
                    score,
                    field,
                    order: self.matched.len() as u32,
                });
                self.matched.push(item);
            }
        }
        self.next = end;
        self.keep_best(ws, fresh);
    }

    /// Merges newly scored matches into the [`MAX_HITS`] best. Ranking: score, then the
    /// shorter text, then workspace order; only matches that can make the cut get their text
    /// lengths counted.
    fn keep_best(&mut self, ws: &Workspace, mut fresh: Vec<Scored>) {
        let floor = if self.top.len() >= MAX_HITS {
            self.top.last().map_or(0, |(s, _)| s.score)
        } else {
            0
        };
        if fresh.len() > MAX_HITS {
            fresh.select_nth_unstable_by(MAX_HITS - 1, |a, b| b.score.cmp(&a.score));
            let cut = fresh[MAX_HITS - 1].score;
            fresh.retain(|s| s.score >= cut);
        }
        for s in fresh {
            if s.score < floor {
                continue;
            }
            let length = fields(ws, self.matched[s.order as usize])
                .and_then(|f| f.into_iter().find(|(field, _)| *field == s.field))
                .map_or(0, |(_, text)| text.chars().count());
            self.top.push((s, length as u32));
        }
        self.top.sort_unstable_by(|(a, la), (b, lb)| {
            b.score
                .cmp(&a.score)
                .then(la.cmp(lb))
                .then(a.order.cmp(&b.order))
        });
        self.top.truncate(MAX_HITS);
    }

    /// The best hits so far, with their texts and matched letters.
    fn best(&self, ws: &Workspace, pattern: &Pattern, matcher: &mut Matcher) -> Vec<Hit> {
        let mut buf = Vec::new();
        self.top
            .iter()
            .filter_map(|&(s, _)| {
                let item = self.matched[s.order as usize];
                hit(ws, pattern, matcher, &mut buf, item, s)
            })
            .collect()
    }

    /// What a longer query can be searched among: what matched, then what is not scored yet
    /// (both in workspace order, the first all before the second).
    fn narrowed(mut self) -> Vec<Item> {
        let rest = self.items.split_off(self.next.min(self.items.len()));
        let mut items = self.matched;
        items.extend(rest);
        items
    }
}

fn pattern(query: &str) -> Pattern {
    Pattern::parse(query, CaseMatching::Smart, Normalization::Smart)
}

/// A whole search at once: the best hits (tests and one-off callers).
fn run(ws: &Workspace, query: &str) -> Vec<Hit> {
    if query.trim().is_empty() {
        return Vec::new();
    }
    let mut scan = Scan::new(query.to_string(), every_item(ws));
    let pattern = pattern(query);
    let mut matcher = Matcher::new(Config::DEFAULT);
    scan.advance(ws, &pattern, &mut matcher, usize::MAX);
    scan.best(ws, &pattern, &mut matcher)
}

/// The hit for a kept match, with its matched letters.
fn hit(
    ws: &Workspace,
    pattern: &Pattern,
    matcher: &mut Matcher,
    buf: &mut Vec<char>,
    item: Item,
    s: Scored,
) -> Option<Hit> {
    let column = Column::from_index(usize::from(item.column))?;
    let persona = ws.column(column).get(item.persona as usize)?;
    let (target, context) = if item.goal == Item::NONE {
        (Target::Persona(persona.id.clone()), column.noun())
    } else {
        let goal = persona.goals.get(item.goal as usize)?;
        (Target::Goal(goal.id.clone()), persona.name.as_str())
    };
    let text = fields(ws, item)?
        .into_iter()
        .find(|(field, _)| *field == s.field)?
        .1;
    let mut indices = Vec::new();
    pattern.indices(Utf32Str::new(&text, buf), matcher, &mut indices);
    indices.sort_unstable();
    indices.dedup();
    Some(Hit {
        target,
        column,
        field: s.field,
        text: text.to_string(),
        context: context.to_string(),
        score: s.score,
        indices,
    })
}

/// Whether every match of `longer` is a match of `shorter`, so that `longer` can be searched
/// among the matches of `shorter` alone: `longer` only adds letters at the end, and neither has
/// the pattern syntax (`!` not, `^` `$` anchors, `'` exact, `\` escape) for which that fails.
fn narrows(shorter: &str, longer: &str) -> bool {
    longer.starts_with(shorter)
        && !shorter.trim().is_empty()
        && !longer.contains(['!', '^', '$', '\'', '\\'])
}

/// The search in progress or the last one run, for the workspace it runs on (held weakly, so
/// that an edit never copies the workspace for it; an edit or a reload gives the workspace a
/// new address, which tells that the scan is stale).
#[derive(Default, Clone)]
struct Work {
    ws: Weak<Workspace>,
    scan: Scan,
}

impl Work {
    fn on(&self, ws: &Arc<Workspace>) -> bool {
        std::ptr::eq(self.ws.as_ptr(), Arc::as_ptr(ws))
    }
}

/// Not part of what a search is: it never makes two searches differ.
impl PartialEq for Work {
    fn eq(&self, _: &Work) -> bool {
        true
    }
}

impl Eq for Work {}

impl std::fmt::Debug for Work {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = &self.scan;
        write!(
            f,
            "Work({:?}, {} of {} scored)",
            s.query,
            s.next,
            s.items.len()
        )
    }
}

/// The search being typed (`/`), or the last one run (for `n` / `N`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// The query as typed, with its cursor (the hits are for its text).
    pub input: LineInput,
    /// The best matches found so far, best first (all of them once [`Search::searching`] is
    /// false).
    pub hits: Vec<Hit>,
    /// How many matched so far (more than `hits` holds when the list is cut at [`MAX_HITS`]).
    pub total: usize,
    /// The chosen hit in the list (and, after Enter, the one `n` / `N` move from).
    pub cursor: usize,
    work: Work,
}

impl Search {
    /// Starts searching for `query` and runs its first slice ([`SLICE`] items); the rest runs
    /// in [`Search::resume`], a slice each turn of the loop, the best hits so far shown
    /// meanwhile. When `query` only adds letters to the last query on the same workspace, only
    /// what that one matched (and what it had not scored yet) is searched: the same hits as a
    /// fresh search, in a fraction of the time.
    pub fn set_query(&mut self, ws: &Arc<Workspace>, query: String) {
        self.input = LineInput::new(query);
        self.run_again(ws);
    }

    /// The query as typed.
    pub fn query(&self) -> &str {
        self.input.text()
    }

    /// Searches again for the text in the box (after it was edited, or on a changed
    /// workspace), as [`Search::set_query`] does.
    pub fn run_again(&mut self, ws: &Arc<Workspace>) {
        let query = self.input.text().to_string();
        let old = std::mem::take(&mut self.work);
        let items = if old.on(ws) && narrows(&old.scan.query, &query) {
            old.scan.narrowed()
        } else if query.trim().is_empty() {
            Vec::new()
        } else {
            every_item(ws)
        };
        self.work = Work {
            ws: Arc::downgrade(ws),
            scan: Scan::new(query, items),
        };
        self.cursor = 0;
        self.hits.clear();
        self.total = 0;
        self.resume(ws);
    }

    /// Runs one more slice of the search, if it is not done; returns whether it is done now.
    /// A search whose workspace changed meanwhile starts again on the new one.
    pub fn resume(&mut self, ws: &Arc<Workspace>) -> bool {
        if !self.work.on(ws) {
            let cursor = self.cursor;
            self.work = Work::default();
            self.run_again(ws);
            self.cursor = cursor.min(self.hits.len().saturating_sub(1));
            return !self.searching();
        }
        if self.work.scan.done() {
            return true;
        }
        let pattern = pattern(self.input.text());
        let mut matcher = Matcher::new(Config::DEFAULT);
        let scan = &mut self.work.scan;
        scan.advance(ws, &pattern, &mut matcher, SLICE);
        self.hits = scan.best(ws, &pattern, &mut matcher);
        self.total = scan.matched.len();
        self.cursor = self.cursor.min(self.hits.len().saturating_sub(1));
        !self.searching()
    }

    /// Runs the search to its end (Enter while it is still searching).
    pub fn finish(&mut self, ws: &Arc<Workspace>) {
        while !self.resume(ws) {}
    }

    /// Whether some items are not scored yet (the hits are the best so far).
    pub fn searching(&self) -> bool {
        !self.work.scan.done()
    }
}

#[cfg(test)]
mod tests;
