//! The workspace as sentences (SPEC §13): what `personas read` prints and what the app's
//! screen-reader mode says about the item under the cursor. One builder for both, so the two
//! can never describe a goal differently.
//!
//! Links, findings and coverage come from the model's derived data ([`LinkIndex`],
//! [`goal_codes`], [`findings_and_coverage`]); nothing is recomputed here. Every text from the
//! file goes through [`visible`], and no sentence uses a symbol a speech synthesizer reads badly
//! (no box drawing, no arrows, no marks): a link is "supports", a mark is "finding: …".

pub mod app;

use std::fmt::Write as _;

use crate::model::fields::{Brief, Field, GOAL_FIELDS, persona_fields};
use crate::model::findings::goal_codes;
use crate::model::{Column, Finding, FindingCode, Goal, LinkIndex, Persona, Workspace};
use crate::text::visible;

/// A finding code as words: "unlinked user goal".
pub fn code_words(code: FindingCode) -> String {
    code.as_str().replace('-', " ")
}

/// `text` as the end of a sentence: made visible, trimmed, with a full stop unless it already
/// ends with one (or a question or exclamation mark).
pub fn sentence(text: &str) -> String {
    let shown = visible(text.trim()).into_owned();
    if shown.ends_with(['.', '?', '!', '…']) {
        shown
    } else {
        format!("{shown}.")
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "Goal text (of Persona name)" for a goal named by id; an id that does not resolve is said as
/// a missing goal.
fn goal_reference(ws: &Workspace, index: &LinkIndex, id: &str) -> String {
    match (index.goal(ws, id), index.persona_of(ws, id)) {
        (Some(goal), Some(persona)) => format!(
            "{} (of {})",
            visible(goal.text.trim()),
            visible(persona.name.trim())
        ),
        _ => format!("a missing goal {}", visible(id)),
    }
}

/// "Supports 2: A (of X); B (of Y)." or "Supports nothing."
fn link_sentence(ws: &Workspace, index: &LinkIndex, verb: &str, ids: &[String]) -> String {
    if ids.is_empty() {
        return format!("{verb} nothing.");
    }
    let named: Vec<String> = ids.iter().map(|id| goal_reference(ws, index, id)).collect();
    format!("{verb} {}: {}.", ids.len(), named.join("; "))
}

/// Everything about one goal after its place: "persona NAME: TEXT. Why: …. Measured by: ….
/// Supports …. Supported by …. Finding: …." (users have no "supported by", buyers no
/// "supports": neither can have any).
pub fn goal_body(
    ws: &Workspace,
    index: &LinkIndex,
    column: Column,
    persona: &Persona,
    goal: &Goal,
) -> String {
    let mut out = format!(
        "persona {}: {}",
        visible(persona.name.trim()),
        sentence(&goal.text)
    );
    for f in GOAL_FIELDS {
        say_sentence(&mut out, f, goal);
    }
    if column.up().is_some() {
        let _ = write!(
            out,
            " {}",
            link_sentence(ws, index, "Supports", &goal.supports)
        );
    }
    if column.down().is_some() {
        let _ = write!(
            out,
            " {}",
            link_sentence(ws, index, "Supported by", index.supported_by(&goal.id))
        );
    }
    let codes: Vec<String> = goal_codes(index, column, goal)
        .iter()
        .map(code_words)
        .collect();
    match codes.len() {
        0 => {}
        1 => {
            let _ = write!(out, " Finding: {}.", codes[0]);
        }
        _ => {
            let _ = write!(out, " Findings: {}.", codes.join(", "));
        }
    }
    out
}

/// One persona after its place: "NAME, ROLE, KIND, ultimate buyer. 2 goals. SUMMARY".
pub fn persona_body(column: Column, persona: &Persona) -> String {
    let mut out = visible(persona.name.trim()).into_owned();
    for f in persona_fields(column).filter(|f| f.brief == Brief::Aside) {
        let text = f.text(persona);
        if !text.trim().is_empty() {
            let _ = write!(out, ", {}", visible(text.trim()));
        }
    }
    let _ = write!(out, ". {}.", plural(persona.goals.len(), "goal", "goals"));
    for f in persona_fields(column) {
        say_sentence(&mut out, f, persona);
    }
    if persona.goals.is_empty() {
        let _ = write!(out, " Finding: {}.", code_words(FindingCode::NoGoals));
    }
    out
}

/// A field whose [`Brief`] is a sentence, said after what `out` holds: " Why: …." (nothing
/// for a field of another brief, or a blank one without words for blank).
fn say_sentence<T>(out: &mut String, f: &Field<T>, item: &T) {
    let Brief::Sentence { label, when_blank } = f.brief else {
        return;
    };
    let said = if f.is_blank(item) {
        match when_blank {
            Some(words) => words.to_string(),
            None => return,
        }
    } else {
        sentence(&f.text(item))
    };
    match label {
        Some(label) => {
            let _ = write!(out, " {label}: {said}");
        }
        None => {
            let _ = write!(out, " {said}");
        }
    }
}

/// A field whose [`Brief`] is a paragraph: "Pains: a; b." for a list, "Quote: ….", nothing
/// when blank.
fn paragraph<T>(f: &Field<T>, item: &T) -> Option<String> {
    match f.list(item) {
        Some(items) => {
            let items: Vec<String> = items
                .iter()
                .filter(|s| !s.trim().is_empty())
                .map(|s| visible(s.trim()).into_owned())
                .collect();
            (!items.is_empty()).then(|| format!("{}: {}.", f.label, items.join("; ")))
        }
        None => (!f.is_blank(item)).then(|| format!("{}: {}", f.label, sentence(&f.text(item)))),
    }
}

/// A finding as a sentence: "Unlinked user goal: TEXT (of NAME)."
pub fn finding_sentence(ws: &Workspace, index: &LinkIndex, finding: &Finding) -> String {
    let mut words = code_words(finding.code);
    if let Some(first) = words.get(0..1) {
        let upper = first.to_uppercase();
        words.replace_range(0..1, &upper);
    }
    let what = match (&finding.goal, &finding.persona) {
        (Some(goal), _) => goal_reference(ws, index, goal),
        (None, Some(persona)) => match index.persona_pos(persona) {
            Some((column, i)) => ws
                .column(column)
                .get(i)
                .map(|p| format!("persona {} in {column}", visible(p.name.trim())))
                .unwrap_or_default(),
            None => String::new(),
        },
        (None, None) => format!("{} has no personas", finding.column),
    };
    format!("{words}: {what}.")
}

/// "Chain coverage: 3 of 5 user goals reach a buyer, 60 percent."
pub fn coverage_sentence(coverage: crate::model::Coverage) -> String {
    format!(
        "Chain coverage: {} of {} reach a buyer, {} percent.",
        coverage.reached,
        plural(coverage.total, "user goal", "user goals"),
        coverage.percent()
    )
}

/// The whole workspace as headings and sentences, one paragraph a line (SPEC §13), unwrapped.
pub fn workspace(ws: &Workspace) -> Vec<String> {
    let index = LinkIndex::build(ws);
    let (found, coverage) = crate::model::findings_and_coverage(ws, &index);
    let mut out = Vec::new();
    let title = if ws.title.trim().is_empty() {
        "Untitled workspace".to_string()
    } else {
        visible(ws.title.trim()).into_owned()
    };
    out.push(title);
    out.push(coverage_sentence(coverage));
    out.push(format!(
        "{}, {}, {}, {}.",
        plural(ws.persona_count(), "persona", "personas"),
        plural(ws.goal_count(), "goal", "goals"),
        plural(ws.link_count(), "link", "links"),
        plural(found.len(), "finding", "findings"),
    ));
    for column in Column::ALL {
        let personas = ws.column(column);
        out.push(String::new());
        out.push(format!(
            "{column}: {}.",
            plural(personas.len(), "persona", "personas")
        ));
        if personas.is_empty() {
            out.push(format!(
                "Finding: {}.",
                code_words(FindingCode::EmptyColumn)
            ));
        }
        for (p, persona) in personas.iter().enumerate() {
            out.push(String::new());
            out.push(format!(
                "Persona {} of {} in {column}: {}",
                p + 1,
                personas.len(),
                persona_body(column, persona)
            ));
            out.extend(
                persona_fields(column)
                    .filter(|f| f.brief == Brief::Paragraph)
                    .filter_map(|f| paragraph(f, persona)),
            );
            for (g, goal) in persona.goals.iter().enumerate() {
                out.push(format!(
                    "Goal {} of {} of {}",
                    g + 1,
                    persona.goals.len(),
                    goal_body(ws, &index, column, persona, goal)
                ));
            }
        }
    }
    out.push(String::new());
    out.push(format!(
        "Findings: {}.",
        if found.is_empty() {
            "none".to_string()
        } else {
            found.len().to_string()
        }
    ));
    for finding in &found {
        out.push(finding_sentence(ws, &index, finding));
    }
    if !ws.conflicts.is_empty() {
        out.push(String::new());
        out.push(format!(
            "Unresolved merge conflicts: {}.",
            ws.conflicts.len()
        ));
        for conflict in &ws.conflicts {
            out.push(sentence(&conflict.describe()));
        }
    }
    out
}

/// Word-wraps one line to `width` columns (by display width); a word longer than the width
/// stays whole on a line of its own.
pub fn wrap(line: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr as _;
    let mut out = Vec::new();
    let mut current = String::new();
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        if !current.is_empty() && current.width() + 1 + word.width() > width {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    out.push(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> Workspace {
        crate::store::example()
    }

    #[test]
    fn a_goal_says_its_metric_links_and_findings_in_words() {
        let ws = example();
        let index = LinkIndex::build(&ws);
        let (column, persona, goal) = ws
            .goals()
            .find(|(c, _, g)| *c == Column::Users && !g.supports.is_empty())
            .expect("a linked user goal");
        let said = goal_body(&ws, &index, column, persona, goal);
        assert!(said.contains(&goal.text), "{said}");
        assert!(said.contains("Measured by: "), "{said}");
        assert!(
            said.contains(&format!("Supports {}: ", goal.supports.len())),
            "{said}"
        );
        assert!(
            !said.contains("Supported by"),
            "users have no supporters: {said}"
        );
        let mut bare = goal.clone();
        bare.supports.clear();
        bare.metric.clear();
        let said = goal_body(&ws, &index, column, persona, &bare);
        assert!(
            said.ends_with("Supports nothing. Findings: unlinked user goal, no metric."),
            "{said}"
        );
    }

    #[test]
    fn wrapping_keeps_every_word_and_the_width() {
        let lines = wrap("one two three four five six", 9);
        assert_eq!(lines, ["one two", "three", "four five", "six"]);
        assert_eq!(wrap("", 10), [""]);
    }
}
