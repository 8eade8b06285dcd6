//! The value chain told as plain sentences, the way the argument goes: for each buyer goal, the
//! buyer, the goal and how it is measured; the department goals that move it and how they are
//! measured; the user goals under those with their metrics. Then the goals that reach no buyer,
//! as the gaps in the story.
//!
//! The wording is fixed: every sentence is text from the file joined by the phrases below, so the
//! story invents nothing and the same workspace always tells the same story. The story is a list
//! of [`Line`]s so that each report (plain text, markdown, html) escapes the file's text its own
//! way.

use crate::model::chains::Told;
use crate::model::fields;
use crate::model::{Chains, Column, LinkIndex, Workspace};

use super::one_line;

/// A piece of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Part {
    /// One of the story's own phrases.
    Fixed(&'static str),
    /// Text from the file, on one line, control characters made visible.
    File(String),
}

/// One line of the story; `indent` 0 opens a paragraph, 1 and 2 hang under it. A line without
/// parts is a paragraph break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Line {
    pub indent: usize,
    pub parts: Vec<Part>,
}

struct Teller<'a> {
    ws: &'a Workspace,
    index: &'a LinkIndex,
    lines: Vec<Line>,
}

impl Teller<'_> {
    fn push(&mut self, indent: usize, parts: Vec<Part>) {
        self.lines.push(Line { indent, parts });
    }

    fn text(&self, id: &str) -> Part {
        match self.index.goal(self.ws, id) {
            Some(g) if !g.text.trim().is_empty() => Part::File(sentence(&g.text)),
            _ => Part::File(one_line(id)),
        }
    }

    fn who(&self, id: &str) -> Part {
        match self.index.persona_of(self.ws, id) {
            Some(p) if !p.name.trim().is_empty() => Part::File(one_line(&p.name)),
            Some(p) => Part::File(one_line(&p.id)),
            None => Part::Fixed("Someone"),
        }
    }

    /// "measured by: METRIC." or "no metric says how it is measured yet.", then the goal's
    /// votes when it has any ("The room gave it 3 votes.").
    fn measure(&self, id: &str, parts: &mut Vec<Part>) {
        match self.index.goal(self.ws, id) {
            Some(g) if !g.metric.trim().is_empty() => {
                parts.push(Part::Fixed(" — measured by: "));
                parts.push(Part::File(sentence(&g.metric)));
                parts.push(Part::Fixed("."));
            }
            _ => parts.push(Part::Fixed(" — no metric says how it is measured yet.")),
        }
        if let Some(g) = self.index.goal(self.ws, id) {
            match fields::dots(g) {
                0 => {}
                1 => parts.push(Part::Fixed(" The room gave it 1 vote.")),
                n => {
                    parts.push(Part::Fixed(" The room gave it "));
                    parts.push(Part::File(n.to_string()));
                    parts.push(Part::Fixed(" votes."));
                }
            }
        }
    }

    /// One goal of a chain, as [`BuyerChain::told`](crate::model::chains::BuyerChain::told)
    /// walks it (the presenter's slides follow the same walk).
    fn tell_step(&mut self, step: Told<'_>) {
        match step {
            Told::Buyer(buyer) => {
                let id = &buyer.buyer_goal;
                let mut parts = vec![self.who(id), Part::Fixed(" (buyer) wants: "), self.text(id)];
                self.measure(id, &mut parts);
                self.push(0, parts);
                if buyer.departments.is_empty() {
                    self.push(1, vec![Part::Fixed("No department goal moves it yet.")]);
                }
            }
            Told::Department(dept) => {
                let id = &dept.department_goal;
                let mut parts = vec![
                    self.who(id),
                    Part::Fixed(" (department) moves it with: "),
                    self.text(id),
                ];
                self.measure(id, &mut parts);
                self.push(1, parts);
                if dept.user_goals.is_empty() {
                    self.push(2, vec![Part::Fixed("No user goal moves that yet.")]);
                }
            }
            Told::User(user) => {
                let mut parts = vec![
                    self.who(user),
                    Part::Fixed(" (user) moves that with: "),
                    self.text(user),
                ];
                self.measure(user, &mut parts);
                self.push(2, parts);
            }
        }
    }

    fn tell(mut self, chains: &Chains) -> Vec<Line> {
        if !self.ws.title.trim().is_empty() {
            self.push(0, vec![Part::File(one_line(&self.ws.title))]);
        }
        self.push(0, vec![Part::Fixed("The value chain, told goal by goal.")]);
        if chains.buyers.is_empty() {
            self.push(0, Vec::new());
            self.push(0, vec![Part::Fixed("There is no buyer goal to tell yet.")]);
        }
        for buyer in &chains.buyers {
            self.push(0, Vec::new());
            for step in buyer.told() {
                self.tell_step(step);
            }
        }
        self.push(0, Vec::new());
        let gaps: Vec<(Column, &str)> = chains.gaps().collect();
        if gaps.is_empty() {
            self.push(
                0,
                vec![Part::Fixed(
                    "Gaps in the story: none — every department and user goal reaches a buyer.",
                )],
            );
        } else {
            self.push(
                0,
                vec![Part::Fixed(
                    "Gaps in the story — these goals reach no buyer yet:",
                )],
            );
        }
        for (column, id) in gaps {
            let mut parts = vec![
                self.who(id),
                Part::Fixed(match column {
                    Column::Departments => " (department): ",
                    _ => " (user): ",
                }),
                self.text(id),
            ];
            self.measure(id, &mut parts);
            self.push(1, parts);
        }
        self.lines
    }
}

/// File text on one line, without a final full stop (the story adds its own).
fn sentence(text: &str) -> String {
    let line = one_line(text);
    line.trim_end_matches('.').trim_end().to_string()
}

/// The story of a workspace, line by line.
pub(super) fn lines(ws: &Workspace) -> Vec<Line> {
    let index = LinkIndex::build(ws);
    let chains = Chains::build(ws, &index);
    Teller {
        ws,
        index: &index,
        lines: Vec::new(),
    }
    .tell(&chains)
}

/// The story as plain text: two spaces per indent, a blank line between paragraphs.
pub(super) fn render(ws: &Workspace) -> String {
    let mut out = String::new();
    for line in lines(ws) {
        if line.parts.is_empty() {
            out.push('\n');
            continue;
        }
        out.push_str(&"  ".repeat(line.indent));
        for part in &line.parts {
            match part {
                Part::Fixed(s) => out.push_str(s),
                Part::File(s) => out.push_str(s),
            }
        }
        out.push('\n');
    }
    out
}

/// The story as a markdown section (`## Story`), each part of file text escaped by `inline`.
/// The title and the opening sentence are left out: the report has its own.
pub(super) fn markdown(ws: &Workspace, inline: fn(&str) -> String) -> String {
    let lines = lines(ws);
    let start = lines.iter().position(|l| l.parts.is_empty()).unwrap_or(0);
    let mut out = String::from(
        "\n## Story\n\nEach buyer goal's chain in plain sentences, then the goals that reach no buyer.\n",
    );
    let mut after_paragraph = false;
    for line in &lines[start..] {
        if line.parts.is_empty() {
            continue;
        }
        let text: String = line
            .parts
            .iter()
            .map(|part| match part {
                Part::Fixed(s) => (*s).to_string(),
                Part::File(s) => inline(s),
            })
            .collect();
        match line.indent {
            0 => {
                out.push_str(&format!("\n**{text}**\n"));
                after_paragraph = true;
            }
            n => {
                if after_paragraph {
                    out.push('\n');
                    after_paragraph = false;
                }
                out.push_str(&format!("{}- {text}\n", "  ".repeat(n - 1)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_tells_each_buyer_goal_with_its_metrics() {
        let story = render(&crate::store::example());
        assert!(story.starts_with("Acme CRM — B2B personas\n"));
        assert!(story.contains(" (buyer) wants: "));
        assert!(story.contains("  The Employee (user) moves that with: Log every customer call in under a minute — measured by: Median seconds per call log."));
        assert!(story.contains("Gaps in the story — these goals reach no buyer yet:"));
        assert!(story.contains("no metric says how it is measured yet."));
        assert_eq!(story, render(&crate::store::example()), "deterministic");
    }

    #[test]
    fn an_empty_workspace_has_no_story_and_no_gaps() {
        let story = render(&Workspace::default());
        assert!(story.contains("There is no buyer goal to tell yet."));
        assert!(story.contains("Gaps in the story: none"));
    }
}
