//! The value chain as a Graphviz `digraph`: buyers at the top, users at the bottom, one cluster
//! per column holding one cluster per persona, a node per goal and an edge from each goal to
//! every goal it supports. Goals that break the chain get a ⚠ and a dashed red border.
//!
//! Node ids are made here (`n0`, `n1`, … in workspace order), never taken from the file; every
//! label is a quoted string with `\` and `"` escaped and newlines written as `\n`.

use std::fmt::Write as _;

use super::graph::{Graph, MARK};
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
        "// An edge points from a goal to the goal it supports; {MARK}marks a goal that breaks the chain."
    );
    out.push_str("digraph personas {\n");
    let heading = if title.is_empty() {
        graph.coverage.to_string()
    } else {
        format!("{title}\n{}", graph.coverage)
    };
    let _ = writeln!(out, "    label={};", quoted(&heading));
    out.push_str("    labelloc=t;\n");
    out.push_str("    rankdir=BT;\n");
    out.push_str("    node [shape=box, style=rounded];\n");
    for column in &graph.columns {
        let cid = column.column.title().to_ascii_lowercase();
        let _ = writeln!(out, "    subgraph cluster_{cid} {{");
        // With rankdir=BT a cluster's `b` is drawn at its top, above the goals.
        let _ = writeln!(
            out,
            "        label={}; labelloc=b;",
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
            let _ = writeln!(out, "            label={}; labelloc=b;", quoted(name));
            if persona.goals.is_empty() {
                let _ = writeln!(
                    out,
                    "            {pid}_none [label=\"no goals\", shape=plaintext, fontcolor=gray];"
                );
            }
            for node in &persona.goals {
                if node.unlinked {
                    let _ = writeln!(
                        out,
                        "            n{} [label={}, style=\"rounded,dashed\", color=red, fontcolor=red, penwidth=2];",
                        node.number,
                        quoted(&format!("{MARK}{}", node.text()))
                    );
                } else {
                    let _ = writeln!(
                        out,
                        "            n{} [label={}];",
                        node.number,
                        quoted(node.text())
                    );
                }
            }
            out.push_str("        }\n");
        }
        out.push_str("    }\n");
    }
    for (from, to) in &graph.edges {
        let _ = writeln!(out, "    n{from} -> n{to};");
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
