//! The value chain as a Mermaid flowchart: the title (front matter), the columns left to right as
//! on the board (users, departments, buyers), one subgraph per column holding one subgraph per
//! persona in board order, a node per goal and an arrow from each goal to every goal it supports,
//! and a legend. Goals that break the chain get a ⚠ and a dashed red border, goals with no metric
//! a "◌ no metric" line and a dotted border. Mermaid lays nodes out itself; everything is
//! declared in board order, which it keeps where links allow.
//!
//! Node ids are made here (`n0`, `n1`, … in workspace order), never taken from the file; labels
//! are quoted with every character Mermaid could read as syntax written as an entity code.

use std::fmt::Write as _;

use super::graph::{Graph, MARK, NO_METRIC_MARK};
use super::{display_lines, one_line};

pub(super) fn render(ws: &crate::model::Workspace) -> String {
    let graph = Graph::build(ws);
    let mut out = String::new();
    let title = one_line(graph.title);
    let heading = if title.is_empty() { "Personas" } else { &title };
    let _ = writeln!(out, "---\ntitle: {}\n---", yaml_string(heading));
    if !title.is_empty() {
        let _ = writeln!(out, "%% {title}");
    }
    let _ = writeln!(out, "%% {}", graph.coverage);
    let _ = writeln!(
        out,
        "%% An arrow points from a goal to the goal it supports; {MARK}marks a goal that breaks the chain; {NO_METRIC_MARK} marks a goal that says nothing about how it is measured."
    );
    out.push_str("flowchart LR\n");
    for column in &graph.columns {
        let cid = column.column.title().to_ascii_lowercase();
        let _ = writeln!(
            out,
            "    subgraph {cid}[\"{}\"]",
            label(column.column.title())
        );
        if column.personas.is_empty() {
            let _ = writeln!(out, "        {cid}_none[\"no personas\"]:::empty");
        }
        for persona in &column.personas {
            let pid = format!("p{}", persona.number);
            let name = if persona.persona.name.trim().is_empty() {
                &persona.persona.id
            } else {
                &persona.persona.name
            };
            let _ = writeln!(out, "        subgraph {pid}[\"{}\"]", label(name));
            if persona.goals.is_empty() {
                let _ = writeln!(out, "            {pid}_none[\"no goals\"]:::empty");
            }
            for node in &persona.goals {
                let mark = if node.unlinked { MARK } else { "" };
                let no_metric = if node.no_metric {
                    format!("<br>{NO_METRIC_MARK}")
                } else {
                    String::new()
                };
                let class = match (node.unlinked, node.no_metric) {
                    (true, _) => ":::unlinked",
                    (false, true) => ":::nometric",
                    (false, false) => "",
                };
                let _ = writeln!(
                    out,
                    "            n{}[\"{mark}{}{}{no_metric}\"]{class}",
                    node.number,
                    label(node.text()),
                    node.dots()
                );
            }
            out.push_str("        end\n");
        }
        out.push_str("    end\n");
    }
    out.push_str("    subgraph legend[\"Legend\"]\n");
    out.push_str("        legend_link[\"A → B: goal A supports goal B\"]\n");
    let _ = writeln!(
        out,
        "        legend_unlinked[\"{MARK}not linked into the chain\"]:::unlinked"
    );
    let _ = writeln!(
        out,
        "        legend_no_metric[\"a goal<br>{NO_METRIC_MARK}\"]:::nometric"
    );
    out.push_str("    end\n");
    for (from, to) in &graph.edges {
        let _ = writeln!(out, "    n{from} --> n{to}");
    }
    out.push_str(
        "    classDef unlinked stroke:#d00,stroke-width:2px,stroke-dasharray:5 5,color:#d00\n",
    );
    out.push_str("    classDef nometric stroke-width:2px,stroke-dasharray:2 3\n");
    out.push_str("    classDef empty fill:none,stroke:none,color:#888\n");
    out
}

/// Text for inside a quoted Mermaid label: `"`, `#`, `&`, `<`, `>`, a backtick, `\` and `%`
/// become entity codes (`#34;` …), each newline a `<br>`, and control characters visible
/// placeholders. Only `"` could end the label; the rest could be read as an entity, HTML, a
/// markdown string or a comment by some Mermaid version.
fn label(text: &str) -> String {
    let mut out = String::new();
    for (i, line) in display_lines(text).iter().enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        for c in line.chars() {
            match c {
                '"' | '#' | '&' | '<' | '>' | '`' | '\\' | '%' => {
                    let _ = write!(out, "#{};", c as u32);
                }
                c => out.push(c),
            }
        }
    }
    out
}

/// A YAML double-quoted string (the front matter's title): `\\` and `"` escaped.
fn yaml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cannot_close_their_quotes_or_inject_html() {
        assert_eq!(
            label("a \"b\" [c] #d; <i>&\n`e`\u{1b} %% \\"),
            "a #34;b#34; [c] #35;d; #60;i#62;#38;<br>#96;e#96;␛ #37;#37; #92;"
        );
    }
}
