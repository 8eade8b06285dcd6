//! The value chain as a Graphviz `digraph`: the columns left to right as on the board (users,
//! departments, buyers), one cluster per column holding one cluster per persona, a node per goal
//! and an edge from each goal to every goal it supports; the title, the coverage and a legend.
//! Goals that break the chain get a ⚠ and a dashed red border, goals with no metric a "◌ no
//! metric" line and a dotted border. Board order is kept: the goals of a column are chained top
//! to bottom by invisible edges (one rank each), and the links, which must not change that, are
//! drawn without constraining the ranks, from a goal's right side to the supported goal's left.
//!
//! Node ids are made here (`n0`, `n1`, … in workspace order), never taken from the file; every
//! label is a quoted string with `\` and `"` escaped and newlines written as `\n`.

use std::fmt::Write as _;

use super::graph::{Graph, MARK, NO_METRIC_MARK};
use super::{display_lines, one_line};

pub(super) fn render(ws: &crate::model::Workspace) -> String {
    let graph = Graph::build(ws);
    let mut out = String::new();
    let title = one_line(graph.title);
    if !title.is_empty() {
        let _ = writeln!(out, "// {title}");
    }
    let _ = writeln!(out, "// {}", graph.coverage);
    let _ = writeln!(
        out,
        "// An edge points from a goal to the goal it supports; {MARK}marks a goal that breaks the chain; {NO_METRIC_MARK} marks a goal that says nothing about how it is measured."
    );
    out.push_str("digraph personas {\n");
    let heading = if title.is_empty() {
        graph.coverage.to_string()
    } else {
        format!("{title}\n{}", graph.coverage)
    };
    let _ = writeln!(out, "    label={};", quoted(&heading));
    out.push_str("    labelloc=t;\n");
    out.push_str("    node [shape=box, style=rounded];\n");

    for column in &graph.columns {
        let cid = column.column.title().to_ascii_lowercase();
        let _ = writeln!(out, "    subgraph cluster_{cid} {{");
        let _ = writeln!(
            out,
            "        label={}; labelloc=t;",
            quoted(column.column.title())
        );
        if column.personas.is_empty() {
            let _ = writeln!(
                out,
                "        {cid}_none [label=\"no personas\", shape=plaintext, fontcolor=gray];"
            );
        }
        for persona in &column.personas {
            let pid = format!("p{}", persona.number);
            let name = if persona.persona.name.trim().is_empty() {
                &persona.persona.id
            } else {
                &persona.persona.name
            };
            let _ = writeln!(out, "        subgraph cluster_{pid} {{");
            let _ = writeln!(out, "            label={}; labelloc=t;", quoted(name));
            if persona.goals.is_empty() {
                let _ = writeln!(
                    out,
                    "            {pid}_none [label=\"no goals\", shape=plaintext, fontcolor=gray];"
                );
            }
            for node in &persona.goals {
                let mut text = node.text().to_string();
                text.push_str(&node.dots());
                if node.unlinked {
                    text.insert_str(0, MARK);
                }
                if node.no_metric {
                    text.push('\n');
                    text.push_str(NO_METRIC_MARK);
                }
                let style = match (node.unlinked, node.no_metric) {
                    (true, _) => ", style=\"rounded,dashed\", color=red, fontcolor=red, penwidth=2",
                    (false, true) => ", style=\"rounded,dotted\", penwidth=2",
                    (false, false) => "",
                };
                let _ = writeln!(
                    out,
                    "            n{} [label={}{style}];",
                    node.number,
                    quoted(&text)
                );
            }
            out.push_str("        }\n");
        }
        out.push_str("    }\n");
    }
    out.push_str("    subgraph cluster_legend {\n");
    out.push_str("        label=\"Legend\"; labelloc=t;\n");
    out.push_str("        legend_goal [label=\"a goal\"];\n");
    out.push_str("        legend_supported [label=\"the goal it supports\"];\n");
    let _ = writeln!(
        out,
        "        legend_unlinked [label=\"{MARK}not linked into the chain\", style=\"rounded,dashed\", color=red, fontcolor=red, penwidth=2];"
    );
    let _ = writeln!(
        out,
        "        legend_no_metric [label=\"a goal\\n{NO_METRIC_MARK}\", style=\"rounded,dotted\", penwidth=2];"
    );
    out.push_str("        legend_goal -> legend_supported [label=\"supports\"];\n");
    out.push_str("    }\n");
    for (from, to) in &graph.edges {
        let _ = writeln!(out, "    n{from}:e -> n{to}:w [constraint=false];");
    }
    // Board order: the goals of a column top to bottom, one rank each.
    for column in &graph.columns {
        let numbers: Vec<String> = column
            .personas
            .iter()
            .flat_map(|p| &p.goals)
            .map(|n| format!("n{}", n.number))
            .collect();
        if numbers.is_empty() {
            continue;
        }
        if numbers.len() > 1 {
            let _ = writeln!(out, "    {} [style=invis];", numbers.join(" -> "));
        }
    }
    out.push_str("}\n");
    out
}

/// A DOT quoted string for a label: `\` and `"` escaped, each line break written as `\n`,
/// control characters as visible placeholders.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for (i, line) in display_lines(text).iter().enumerate() {
        if i > 0 {
            out.push_str("\\n");
        }
        for c in line.chars() {
            if matches!(c, '"' | '\\') {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_strings_escape_quotes_backslashes_and_newlines() {
        assert_eq!(quoted("a \"b\"\\\nc\u{7}\\"), r#""a \"b\"\\\nc␇\\""#);
    }
}
