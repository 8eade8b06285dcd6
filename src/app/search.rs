//! Fuzzy search over persona names and roles, goal texts and metrics, in all three columns
//! (nucleo-matcher, smart case: lower-case input matches any case). Pure: text in, ranked hits out.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::lists::Target;
use crate::model::fields::{GOAL_FIELDS, PERSONA_FIELDS};
use crate::model::{Column, Workspace};

/// Results kept; more than a screen's worth is never useful.
pub const MAX_HITS: usize = 200;

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
    search_counted(ws, query).0
}

/// [`search`], with how many matched before the list was cut to [`MAX_HITS`].
pub fn search_counted(ws: &Workspace, query: &str) -> (Vec<Hit>, usize) {
    if query.trim().is_empty() {
        return (Vec::new(), 0);
    }
    let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut hits = Vec::new();
    let mut best =
        |target: Target, column: Column, context: &str, fields: &[(&'static str, &str)]| {
            let mut top: Option<Hit> = None;
            for (field, text) in fields {
                let mut indices = Vec::new();
                let Some(score) =
                    pattern.indices(Utf32Str::new(text, &mut buf), &mut matcher, &mut indices)
                else {
                    continue;
                };
                if top.as_ref().is_none_or(|t| score > t.score) {
                    indices.sort_unstable();
                    indices.dedup();
                    top = Some(Hit {
                        target: target.clone(),
                        column,
                        field,
                        text: (*text).to_string(),
                        context: context.to_string(),
                        score,
                        indices,
                    });
                }
            }
            hits.extend(top);
        };
    let persona_fields: Vec<_> = PERSONA_FIELDS.iter().filter(|f| f.searched).collect();
    let goal_fields: Vec<_> = GOAL_FIELDS.iter().filter(|f| f.searched).collect();
    let mut texts = Vec::new();
    for (column, persona) in ws.personas() {
        texts.clear();
        texts.extend(persona_fields.iter().map(|f| (f.label, f.text(persona))));
        let fields: Vec<(&'static str, &str)> =
            texts.iter().map(|(l, t)| (*l, t.as_ref())).collect();
        best(
            Target::Persona(persona.id.clone()),
            column,
            column.noun(),
            &fields,
        );
        for goal in &persona.goals {
            let texts: Vec<_> = goal_fields
                .iter()
                .map(|f| (f.label, f.text(goal)))
                .collect();
            let fields: Vec<(&'static str, &str)> =
                texts.iter().map(|(l, t)| (*l, t.as_ref())).collect();
            best(
                Target::Goal(goal.id.clone()),
                column,
                &persona.name,
                &fields,
            );
        }
    }
    // Equal scores: the shorter text is the closer match; then workspace order (stable sort).
    hits.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| a.text.chars().count().cmp(&b.text.chars().count()))
    });
    let total = hits.len();
    hits.truncate(MAX_HITS);
    (hits, total)
}

/// The search being typed (`/`), or the last one run (for `n` / `N`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub hits: Vec<Hit>,
    /// How many matched (more than `hits` holds when the list was cut at [`MAX_HITS`]).
    pub total: usize,
    /// The chosen hit in the list (and, after Enter, the one `n` / `N` move from).
    pub cursor: usize,
}

impl Search {
    pub fn set_query(&mut self, ws: &Workspace, query: String) {
        (self.hits, self.total) = search_counted(ws, &query);
        self.query = query;
        self.cursor = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(hits: &[Hit]) -> Vec<String> {
        hits.iter()
            .map(|h| match &h.target {
                Target::Goal(id) | Target::Persona(id) => id.clone(),
                Target::Column(c) => c.to_string(),
            })
            .collect()
    }

    #[test]
    fn best_matches_come_first() {
        let ws = crate::store::example();
        let hits = search(&ws, "sales");
        assert_eq!(
            ids(&hits)[0],
            "sales",
            "the persona named Sales beats goals mentioning it"
        );
        let hits = search(&ws, "log call");
        assert_eq!(ids(&hits)[0], "employee-log-calls");
    }

    #[test]
    fn smart_case_lower_case_matches_any_case() {
        let ws = crate::store::example();
        assert!(!search(&ws, "employee").is_empty());
        assert!(
            search(&ws, "EMPLOYEE").is_empty(),
            "upper case is taken literally"
        );
        assert!(!search(&ws, "Employee").is_empty());
    }

    #[test]
    fn metrics_and_roles_are_searched_and_letters_are_reported() {
        let ws = crate::store::example();
        let hits = search(&ws, "seconds per call");
        let hit = &hits[0];
        assert_eq!(hit.field, "Metric");
        assert_eq!(hit.target, Target::Goal("employee-log-calls".into()));
        let matched: String = hit
            .text
            .chars()
            .enumerate()
            .filter(|(i, _)| hit.indices.contains(&(*i as u32)))
            .map(|(_, c)| c)
            .collect();
        assert_eq!(matched.replace(' ', ""), "secondspercall");
        assert!(search(&ws, "").is_empty());
        assert!(search(&ws, "zzzzqqq").is_empty());
    }
}
