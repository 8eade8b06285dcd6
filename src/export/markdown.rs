//! The workspace as a Markdown report: title and chain coverage, every persona column by column
//! with all its fields, the chains (each buyer goal ← department goals ← user goals), and the
//! story (the chains in plain sentences, [`super::story`]) and the findings grouped by code.
//!
//! Text from the file is escaped so that it reads as plain text: no emphasis, link, heading, list
//! or HTML can come from a goal's text, and control characters are shown as placeholders. A line
//! break inside a field becomes `<br>`, so every field stays on one line of the report.

use std::fmt::Write as _;

use crate::model::{
    Chains, Column, Finding, FindingCode, Goal, LinkIndex, Persona, Workspace, findings,
};

use super::display_lines;
use crate::model::fields::{self, GOAL_FIELDS, Show};

pub(super) fn render(ws: &Workspace) -> String {
    let index = LinkIndex::build(ws);
    let chains = Chains::build(ws, &index);
    let report = Report {
        ws,
        index: &index,
        out: String::new(),
    };
    report.write(&chains, &findings(ws, &index))
}

struct Report<'a> {
    ws: &'a Workspace,
    index: &'a LinkIndex,
    out: String,
}

impl Report<'_> {
    fn write(mut self, chains: &Chains, findings: &[Finding]) -> String {
        let title = if self.ws.title.trim().is_empty() {
            "Personas".to_string()
        } else {
            inline(&self.ws.title)
        };
        self.line(&format!("# {title}"));
        self.blank();
        let mut coverage = chains.coverage.to_string();
        if let Some(first) = coverage.get(..1) {
            coverage.replace_range(..1, &first.to_ascii_uppercase());
        }
        self.line(&format!("{coverage}."));
        self.blank();
        self.line(&format!(
            "{} in three columns (users → departments → buyers), {}, {}.",
            count(self.ws.persona_count(), "persona", "personas"),
            count(self.ws.goal_count(), "goal", "goals"),
            count(self.ws.link_count(), "link", "links"),
        ));

        for column in Column::ALL {
            self.blank();
            self.line(&format!("## {}", column.title()));
            let personas = self.ws.column(column);
            if personas.is_empty() {
                self.blank();
                self.line("*No personas.*");
            }
            for persona in personas {
                self.persona(column, persona);
            }
        }

        self.chains(chains);
        self.out.push_str(&super::story::markdown(self.ws, inline));
        self.findings(findings);
        self.out
    }

    fn line(&mut self, text: &str) {
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn blank(&mut self) {
        self.out.push('\n');
    }

    fn persona(&mut self, column: Column, p: &Persona) {
        self.blank();
        let name = if p.name.trim().is_empty() {
            &p.id
        } else {
            &p.name
        };
        self.line(&format!("### {}", inline(name)));
        self.blank();
        self.line(&format!("- **Id:** {}", code(&p.id)));
        for f in fields::persona_fields(column) {
            self.described(f, p);
            if f.key == fields::GOALS_AFTER {
                self.blank();
                self.line("**Goals**");
                self.blank();
                if p.goals.is_empty() {
                    self.line("*No goals.*");
                }
                for goal in &p.goals {
                    self.goal(goal);
                }
            }
        }
    }

    /// One described field, as its description says reports show it.
    fn described<T>(&mut self, f: &fields::Field<T>, item: &T) {
        let blank = f.is_blank(item);
        match f.show {
            Show::Heading => {}
            Show::Bullet { when_blank } => match (blank, when_blank) {
                (false, _) => self.field(f.label, &f.text(item)),
                (true, Some(hint)) => self.line(&format!("- **{}:** *{hint}*", f.label)),
                (true, None) => {}
            },
            Show::List => {
                let items: Vec<String> =
                    f.items(item).into_iter().map(|i| i.into_owned()).collect();
                self.list(f.label, &items);
            }
            Show::Quote if !blank => {
                self.blank();
                self.line(&format!("**{}**", f.label));
                self.blank();
                self.line(&format!("> {}", inline(&f.text(item))));
            }
            Show::Section if !blank => {
                self.blank();
                self.line(&format!("**{}**", f.label));
                self.blank();
                self.line(&inline(&f.text(item)));
            }
            Show::Quote | Show::Section => {}
        }
    }

    /// `- **Label:** value`, left out when the value is blank.
    fn field(&mut self, label: &str, value: &str) {
        if !value.trim().is_empty() {
            self.line(&format!("- **{label}:** {}", inline(value)));
        }
    }

    /// A bold heading and a bullet list, left out when every item is blank.
    fn list(&mut self, label: &str, items: &[String]) {
        let items: Vec<&String> = items.iter().filter(|i| !i.trim().is_empty()).collect();
        if items.is_empty() {
            return;
        }
        self.blank();
        self.line(&format!("**{label}**"));
        self.blank();
        for item in items {
            self.line(&format!("- {}", inline(item)));
        }
    }

    fn goal(&mut self, goal: &Goal) {
        let text = if goal.text.trim().is_empty() {
            "*(no text)*".to_string()
        } else {
            format!("**{}**", inline(&goal.text))
        };
        self.line(&format!("- {text} ({})", code(&goal.id)));
        for f in GOAL_FIELDS {
            if matches!(f.show, Show::Bullet { .. }) && !f.is_blank(goal) {
                self.line(&format!("  - **{}:** {}", f.label, inline(&f.text(goal))));
            }
        }
        if !goal.supports.is_empty() {
            self.line("  - **Supports:**");
            for id in &goal.supports {
                let target = self.goal_ref(id, false);
                self.line(&format!("    - {target}"));
            }
        }
        let below = self.index.supported_by(&goal.id);
        if !below.is_empty() {
            self.line("  - **Supported by:**");
            for id in below {
                let source = self.goal_ref(id, false);
                self.line(&format!("    - {source}"));
            }
        }
    }

    /// A goal named by its text and id, with its persona when `with_persona`; a dangling id is
    /// shown as missing.
    fn goal_ref(&self, id: &str, with_persona: bool) -> String {
        let Some(goal) = self.index.goal(self.ws, id) else {
            return format!("{} *(no such goal)*", code(id));
        };
        let mut out = format!("{} ({})", inline_or(&goal.text, "(no text)"), code(id));
        if with_persona && let Some(p) = self.index.persona_of(self.ws, id) {
            let _ = write!(out, " — {}", inline_or(&p.name, &p.id));
        }
        out
    }

    fn chains(&mut self, chains: &Chains) {
        self.blank();
        self.line("## Chains");
        self.blank();
        self.line(
            "Each buyer goal, the department goals that support it and the user goals under those.",
        );
        self.blank();
        if chains.buyers.is_empty() {
            self.line("*No buyer goals.*");
        }
        for buyer in &chains.buyers {
            let goal = self.goal_ref(&buyer.buyer_goal, true);
            self.line(&format!("- {goal}"));
            if buyer.departments.is_empty() {
                self.line("  - *no department goal supports it*");
            }
            for dept in &buyer.departments {
                let goal = self.goal_ref(&dept.department_goal, true);
                self.line(&format!("  - {goal}"));
                if dept.user_goals.is_empty() {
                    self.line("    - *no user goal supports it*");
                }
                for user in &dept.user_goals {
                    let goal = self.goal_ref(user, true);
                    self.line(&format!("    - {goal}"));
                }
            }
        }

        self.blank();
        self.line("### Goals that reach no buyer");
        self.blank();
        if chains.unreached_departments.is_empty() && chains.unreached_users.is_empty() {
            self.line("*None: every department and user goal reaches a buyer goal.*");
            return;
        }
        for (label, ids) in [
            ("Department goals", &chains.unreached_departments),
            ("User goals", &chains.unreached_users),
        ] {
            if ids.is_empty() {
                continue;
            }
            self.line(&format!("**{label}**"));
            self.blank();
            for id in ids {
                let goal = self.goal_ref(id, true);
                self.line(&format!("- {goal}"));
            }
            self.blank();
        }
        // The loop leaves a blank line; sections add their own.
        self.out.pop();
    }

    /// Where a finding is: its goal (text, id, persona), else its persona, else its message
    /// (an empty column, which names no text from the file).
    fn place(&self, finding: &Finding) -> String {
        if let Some(goal) = &finding.goal {
            return self.goal_ref(goal, true);
        }
        if let Some(id) = &finding.persona {
            let name = self
                .index
                .persona_pos(id)
                .and_then(|(column, i)| self.ws.column(column).get(i))
                .map_or(String::new(), |p| inline(&p.name));
            return format!("{name} ({})", code(id)).trim_start().to_string();
        }
        let mut message = inline(&finding.message);
        if let Some(first) = message.get(..1) {
            message.replace_range(..1, &first.to_ascii_uppercase());
        }
        message
    }

    fn findings(&mut self, findings: &[Finding]) {
        self.blank();
        self.line("## Gaps");
        self.blank();
        if findings.is_empty() {
            self.line("*No findings: every goal is linked and measured.*");
            return;
        }
        self.line(&format!(
            "{}, where the value chain breaks.",
            count(findings.len(), "finding", "findings")
        ));
        self.blank();
        let groups: Vec<(FindingCode, Vec<&Finding>)> = FindingCode::ALL
            .into_iter()
            .map(|code| (code, findings.iter().filter(|f| f.code == code).collect()))
            .filter(|(_, group): &(FindingCode, Vec<&Finding>)| !group.is_empty())
            .collect();
        self.line("| finding | count | meaning |");
        self.line("| --- | ---: | --- |");
        for (code, group) in &groups {
            self.line(&format!(
                "| {code} | {} | {} |",
                group.len(),
                code.meaning()
            ));
        }
        for (code, group) in &groups {
            self.blank();
            self.line(&format!("### {code} ({})", group.len()));
            self.blank();
            for finding in group {
                let place = self.place(finding);
                self.line(&format!("- {place}"));
            }
        }
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Text from the file as inline Markdown on one line: see [`escape_line`]; line breaks become
/// `<br>`.
fn inline(text: &str) -> String {
    display_lines(text)
        .iter()
        .map(|line| escape_line(line))
        .collect::<Vec<_>>()
        .join("<br>")
}

/// [`inline`], or `fallback` in italics when the text is blank.
fn inline_or(text: &str, fallback: &str) -> String {
    if text.trim().is_empty() {
        format!("*{}*", escape_line(fallback))
    } else {
        inline(text)
    }
}

/// A backslash before every character that could start emphasis, a link, a code span, HTML, an
/// entity, a table cell, strikethrough or math, and before a leading list, heading or
/// thematic-break marker, so the line reads as the same plain text wherever it is put.
fn escape_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in line.chars().enumerate() {
        let at_start_marker = (i == 0 && matches!(c, '-' | '+' | '='))
            || (i == digits && digits > 0 && matches!(c, '.' | ')'));
        if at_start_marker
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '$'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// An id as a Markdown code span, with a fence longer than any run of backticks inside it.
fn code(id: &str) -> String {
    let id = super::one_line(id);
    if id.is_empty() {
        return "*(no id)*".to_string();
    }
    let longest_run = id.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    let pad = if id.starts_with(['`', ' ']) || id.ends_with(['`', ' ']) {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{id}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_text_plain() {
        assert_eq!(
            escape_line("*a* _b_ [c](d) <e> #f"),
            r"\*a\* \_b\_ \[c\](d) \<e\> \#f"
        );
        assert_eq!(escape_line("- item"), r"\- item");
        assert_eq!(escape_line("2024. A year"), r"2024\. A year");
        assert_eq!(escape_line("a - b. 3) c"), "a - b. 3) c");
        assert_eq!(
            inline("one\n- two\r\nthree\u{1b}"),
            r"one<br>\- two<br>three␛"
        );
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("plain-id"), "`plain-id`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code(""), "*(no id)*");
    }
}
