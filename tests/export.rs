//! `personas export`: the markdown, mermaid, dot and json reports, checked for what a reader of
//! the report would notice — every field shown, the chains in order, broken links marked, text
//! from the file unable to break the syntax — plus snapshots of a small workspace.

use personas::export::{ExportFormat, render};
use personas::model::{
    BuyingRole, Chains, Goal, Kind, LinkIndex, Persona, Workspace, coverage, findings,
};
use personas::store::format::FileWorkspace;

const ALL_FORMATS: [ExportFormat; 4] = [
    ExportFormat::Markdown,
    ExportFormat::Mermaid,
    ExportFormat::Dot,
    ExportFormat::Json,
];

fn goal(id: &str, text: &str, supports: &[&str]) -> Goal {
    Goal {
        id: id.into(),
        text: text.into(),
        why: format!("Why {text}"),
        metric: format!("Metric of {text}"),
        supports: supports.iter().map(|s| (*s).into()).collect(),
        ..Goal::default()
    }
}

/// A user goal → department goal → buyer goal chain, plus a user goal that supports nothing.
fn small() -> Workspace {
    Workspace {
        title: "Acme CRM — B2B personas".into(),
        columns: personas::model::shared([
            vec![Persona {
                id: "employee".into(),
                name: "The Employee".into(),
                role: "End user".into(),
                kind: Some(Kind::GoalDirected),
                summary: "Uses the product every day.".into(),
                goals: vec![
                    goal(
                        "log-calls",
                        "Log every call in a minute",
                        &["sales-revenue"],
                    ),
                    goal("tidy-desk", "Keep a tidy desk", &[]),
                ],
                pains: vec!["Double entry between email and CRM".into()],
                quote: "Just let me get back to my customers.".into(),
                notes: "Interviewed twelve of them.".into(),
                ..Persona::default()
            }],
            vec![Persona {
                id: "sales".into(),
                name: "Sales".into(),
                role: "VP Sales".into(),
                kind: Some(Kind::RoleBased),
                summary: "Runs the sales team.".into(),
                goals: vec![goal("sales-revenue", "Grow revenue", &["exec-growth"])],
                pains: vec!["Forecasts are guesses".into()],
                quote: "Show me the pipeline.".into(),
                notes: "Owns the quota.".into(),
                ..Persona::default()
            }],
            vec![Persona {
                id: "exec".into(),
                name: "Executive Leadership".into(),
                role: "CEO".into(),
                kind: Some(Kind::Competitive),
                buying_role: Some(BuyingRole::UltimateBuyer),
                summary: "Signs the contract.".into(),
                goals: vec![goal("exec-growth", "Beat the market", &[])],
                pains: vec!["Losing deals to rivals".into()],
                objections: vec!["Another tool to roll out".into()],
                criteria: vec!["Payback within a year".into()],
                quote: "Where is the return?".into(),
                notes: "Decides in Q4.".into(),
            }],
        ]),
        conflicts: Vec::new(),
    }
}

/// Two buyer goals fed by a diamond of department and user goals, to check the chain order.
fn diamond() -> Workspace {
    let persona = |id: &str, goals: Vec<Goal>| Persona {
        id: id.into(),
        name: id.to_uppercase(),
        goals,
        ..Persona::default()
    };
    Workspace {
        title: "Diamond".into(),
        columns: personas::model::shared([
            vec![
                persona(
                    "u",
                    vec![
                        goal("u1", "U one", &["d1"]),
                        goal("u2", "U two", &["d1", "d2"]),
                    ],
                ),
                persona("v", vec![goal("u3", "U three", &["d3"])]),
            ],
            vec![persona(
                "d",
                vec![
                    goal("d1", "D one", &["b2"]),
                    goal("d2", "D two", &["b1", "b2"]),
                    goal("d3", "D three", &[]),
                ],
            )],
            vec![
                persona("b", vec![goal("b1", "B one", &[])]),
                persona(
                    "c",
                    vec![goal("b2", "B two", &[]), goal("b3", "B three", &[])],
                ),
            ],
        ]),
        conflicts: Vec::new(),
    }
}

const TRICKY: &str = "Say \"hi\" [now] ]\nthen\u{1b}[31m red \\ #35; <b>x</b> `y` & z";

/// The small workspace with text that could break every syntax, in names and goal texts.
fn tricky() -> Workspace {
    let mut ws = small();
    ws.title = "Title \"quoted\"\nsecond line\u{7}".into();
    std::sync::Arc::make_mut(&mut ws.columns[0][0]).name =
        "The \"Employee\" [x]\u{1b}]0;pwned\u{7}".into();
    std::sync::Arc::make_mut(&mut ws.columns[0][0]).goals[1].text = TRICKY.into();
    std::sync::Arc::make_mut(&mut ws.columns[0][0]).notes =
        "*bold* _it_ [link](http://x) <script>\n- list\n# heading".into();
    ws
}

fn is_raw_control(c: char) -> bool {
    c != '\n' && personas::text::is_unsafe(c)
}

// ---------------------------------------------------------------- every format

#[test]
fn every_format_is_deterministic_and_ends_with_a_newline() {
    for ws in [small(), diamond(), tricky(), Workspace::default()] {
        for format in ALL_FORMATS {
            let first = render(&ws, format);
            assert_eq!(
                first,
                render(&ws, format),
                "{format:?} is not deterministic"
            );
            assert!(
                first.ends_with('\n'),
                "{format:?} does not end with a newline"
            );
            assert!(
                !first.chars().any(is_raw_control),
                "{format:?} has a raw control character:\n{first}"
            );
        }
    }
}

#[test]
fn an_invalid_workspace_still_exports_without_panicking() {
    let mut ws = small();
    std::sync::Arc::make_mut(&mut ws.columns[0][0]).goals[0]
        .supports
        .push("no-such-goal".into());
    std::sync::Arc::make_mut(&mut ws.columns[1][0])
        .goals
        .push(goal("log-calls", "Duplicate id", &[]));
    std::sync::Arc::make_mut(&mut ws.columns[2][0]).name.clear();
    std::sync::Arc::make_mut(&mut ws.columns[2][0]).goals[0].id = "`odd id`".into();
    for format in ALL_FORMATS {
        let out = render(&ws, format);
        assert!(out.ends_with('\n'));
    }
    let md = render(&ws, ExportFormat::Markdown);
    assert!(md.contains("`no-such-goal` *(no such goal)*"), "{md}");
    assert!(md.contains("`` `odd id` ``"), "{md}");
}

// ---------------------------------------------------------------- markdown

#[test]
fn markdown_shows_every_persona_field() {
    let ws = small();
    let md = render(&ws, ExportFormat::Markdown);
    assert!(md.starts_with("# Acme CRM — B2B personas\n"), "{md}");
    for (_, p) in ws.personas() {
        for text in [&p.name, &p.role, &p.summary, &p.quote, &p.notes, &p.id] {
            assert!(md.contains(text.as_str()), "missing {text:?} in\n{md}");
        }
        for text in p.pains.iter().chain(&p.objections).chain(&p.criteria) {
            assert!(md.contains(text.as_str()), "missing {text:?} in\n{md}");
        }
        for g in &p.goals {
            for text in [&g.id, &g.text, &g.why, &g.metric] {
                assert!(md.contains(text.as_str()), "missing {text:?} in\n{md}");
            }
        }
    }
    for label in [
        "- **Kind:** goal-directed",
        "- **Kind:** role-based",
        "- **Kind:** competitive",
        "- **Buying role:** ultimate buyer",
        "- **Role:** End user",
        "**Objections**",
        "**Decision criteria**",
        "> Just let me get back to my customers.",
        // supported goals by text and id, and the reverse
        "  - **Supports:**\n    - Grow revenue (`sales-revenue`)\n",
        "  - **Supported by:**\n    - Log every call in a minute (`log-calls`)\n",
    ] {
        assert!(md.contains(label), "missing {label:?} in\n{md}");
    }
}

#[test]
fn markdown_skips_empty_fields() {
    let ws = Workspace {
        title: String::new(),
        columns: personas::model::shared([
            vec![Persona {
                id: "bare".into(),
                name: "Bare".into(),
                ..Persona::default()
            }],
            vec![],
            vec![],
        ]),
        conflicts: Vec::new(),
    };
    let md = render(&ws, ExportFormat::Markdown);
    assert!(md.starts_with("# Personas\n"), "{md}");
    for absent in [
        "**Role:**",
        "**Kind:**",
        "**Summary:**",
        "**Pains**",
        "**Quote**",
        "**Notes**",
        "Buying role",
    ] {
        assert!(
            !md.contains(absent),
            "{absent:?} shown although empty:\n{md}"
        );
    }
    assert!(md.contains("*No goals.*"), "{md}");
    assert!(md.contains("## Departments\n\n*No personas.*"), "{md}");
    assert!(md.contains("### no-goals (1)\n\n- Bare (`bare`)\n"), "{md}");
    assert!(
        md.contains(
            "### empty-column (2)\n\n- The Departments column has no personas (the department layer"
        ),
        "{md}"
    );
}

/// The lines of one `## ` section, without its heading.
fn section<'a>(md: &'a str, heading: &str) -> Vec<&'a str> {
    md.lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .collect()
}

#[test]
fn markdown_chains_go_from_buyer_goal_down_to_user_goals() {
    let md = render(&small(), ExportFormat::Markdown);
    let chains = section(&md, "## Chains");
    let expected = [
        "- Beat the market (`exec-growth`) — Executive Leadership",
        "  - Grow revenue (`sales-revenue`) — Sales",
        "    - Log every call in a minute (`log-calls`) — The Employee",
        "### Goals that reach no buyer",
        "**User goals**",
        "- Keep a tidy desk (`tidy-desk`) — The Employee",
    ];
    let mut rest = chains.iter();
    for want in expected {
        assert!(
            rest.any(|l| *l == want),
            "{want:?} missing or out of order in\n{}",
            chains.join("\n")
        );
    }
}

#[test]
fn markdown_chain_section_matches_model_chains() {
    let ws = diamond();
    let chains = Chains::build(&ws, &LinkIndex::build(&ws));
    let md = render(&ws, ExportFormat::Markdown);
    let lines = section(&md, "## Chains");
    let id = |line: &str| line.split('`').nth(1).unwrap_or_default().to_string();
    let tree: Vec<&str> = lines
        .iter()
        .take_while(|l| !l.starts_with("### "))
        .copied()
        .collect();

    let buyer_goals: Vec<String> = tree
        .iter()
        .filter(|l| l.starts_with("- "))
        .map(|l| id(l))
        .collect();
    let model: Vec<String> = chains.buyers.iter().map(|b| b.buyer_goal.clone()).collect();
    assert_eq!(buyer_goals, model);
    assert_eq!(buyer_goals, ["b1", "b2", "b3"]);

    // The whole tree, level by level, as the model has it.
    let mut from_model = Vec::new();
    for b in &chains.buyers {
        from_model.push((0, b.buyer_goal.clone()));
        for d in &b.departments {
            from_model.push((1, d.department_goal.clone()));
            from_model.extend(d.user_goals.iter().map(|u| (2, u.clone())));
        }
    }
    let from_md: Vec<(usize, String)> = tree
        .iter()
        .filter(|l| l.trim_start().starts_with("- ") && l.contains('`'))
        .map(|l| ((l.len() - l.trim_start().len()) / 2, id(l)))
        .collect();
    assert_eq!(from_md, from_model);
    assert!(
        md.contains("- B three (`b3`) — C\n  - *no department goal supports it*\n"),
        "{md}"
    );

    let unreached: Vec<String> = lines
        .iter()
        .skip_while(|l| !l.starts_with("### Goals that reach no buyer"))
        .filter(|l| l.starts_with("- "))
        .map(|l| id(l))
        .collect();
    let model_unreached: Vec<String> = chains
        .unreached_departments
        .iter()
        .chain(&chains.unreached_users)
        .cloned()
        .collect();
    assert_eq!(unreached, model_unreached);
    assert_eq!(unreached, ["d3", "u3"]);
}

#[test]
fn markdown_shows_coverage_and_findings_grouped_by_code() {
    let ws = diamond();
    let index = LinkIndex::build(&ws);
    let md = render(&ws, ExportFormat::Markdown);
    let figure = coverage(&ws, &index).to_string();
    assert_eq!(figure, "coverage 2/3 user goals reach a buyer (66%)");
    assert!(
        md.contains("\nCoverage 2/3 user goals reach a buyer (66%).\n"),
        "{md}"
    );

    let all = findings(&ws, &index);
    let gaps = section(&md, "## Gaps").join("\n");
    assert!(gaps.contains(&format!("{} findings", all.len())), "{gaps}");
    for code in personas::model::FindingCode::ALL {
        let n = all.iter().filter(|f| f.code == code).count();
        if n == 0 {
            assert!(
                !gaps.contains(code.as_str()),
                "{code} listed with no finding"
            );
        } else {
            assert!(
                gaps.contains(&format!("| {code} | {n} |")),
                "{code} count in\n{gaps}"
            );
            assert!(
                gaps.contains(&format!("### {code} ({n})")),
                "{code} group in\n{gaps}"
            );
        }
    }
    // Each finding's message, under its own code.
    let dept = gaps
        .split("### ")
        .find(|g| g.starts_with("unlinked-department-goal"))
        .unwrap_or_default();
    assert!(dept.contains("\n- D three (`d3`) — D"), "{gaps}");
    let buyer = gaps
        .split("### ")
        .find(|g| g.starts_with("unsupported-buyer-goal"))
        .unwrap_or_default();
    assert!(buyer.contains("\n- B three (`b3`) — C"), "{gaps}");
}

#[test]
fn markdown_with_no_findings_says_so() {
    let mut ws = small();
    std::sync::Arc::make_mut(&mut ws.columns[0][0]).goals.pop();
    let md = render(&ws, ExportFormat::Markdown);
    assert!(
        md.contains("Coverage 1/1 user goals reach a buyer (100%)."),
        "{md}"
    );
    assert!(md.contains("## Gaps\n\n*No findings"), "{md}");
    assert!(
        md.contains("*None: every department and user goal reaches a buyer goal.*"),
        "{md}"
    );
}

#[test]
fn markdown_escapes_text_from_the_file() {
    let md = render(&tricky(), ExportFormat::Markdown);
    assert!(
        md.starts_with("# Title \"quoted\"<br>second line␇\n"),
        "{md}"
    );
    assert!(
        md.contains("### The \"Employee\" \\[x\\]␛\\]0;pwned␇\n"),
        "{md}"
    );
    assert!(
        md.contains(
            "\\*bold\\* \\_it\\_ \\[link\\](http://x) \\<script\\><br>\\- list<br>\\# heading\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("- **Say \"hi\" \\[now\\] \\]<br>then␛\\[31m red \\\\ \\#35; \\<b\\>x\\</b\\> \\`y\\` \\& z** (`tidy-desk`)"),
        "{md}"
    );
    // Each field is one line, so a newline in the file cannot start a list or a heading.
    assert!(
        !md.lines().any(|l| l == "- list" || l == "# heading"),
        "{md}"
    );
}

// ---------------------------------------------------------------- graphs (mermaid, dot)

/// The node id of the node whose line contains `label` (in the format's own escaping).
fn node_id(out: &str, label: &str) -> String {
    let line = out
        .lines()
        .find(|l| l.contains(label) && !l.trim_start().starts_with("subgraph"))
        .unwrap_or_else(|| panic!("no node {label:?} in\n{out}"));
    line.trim_start()
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .next()
        .unwrap_or_default()
        .to_string()
}

fn node_line<'a>(out: &'a str, id: &str) -> &'a str {
    let prefix_mermaid = format!("{id}[");
    let prefix_dot = format!("{id} [");
    out.lines()
        .map(str::trim_start)
        .find(|l| l.starts_with(&prefix_mermaid) || l.starts_with(&prefix_dot))
        .unwrap_or_else(|| panic!("no node {id} in\n{out}"))
}

#[test]
fn mermaid_draws_one_arrow_per_link_from_supporter_to_supported() {
    for ws in [small(), diamond()] {
        let out = render(&ws, ExportFormat::Mermaid);
        assert!(out.lines().any(|l| l == "flowchart LR"), "{out}");
        let arrows: Vec<&str> = out.lines().filter(|l| l.contains("-->")).collect();
        assert_eq!(arrows.len(), ws.link_count(), "{out}");
        for (_, _, g) in ws.goals() {
            for target in &g.supports {
                let from = node_id(&out, &format!("{}\"", g.text));
                let to = node_id(&out, &format!("{}\"", target_text(&ws, target)));
                assert!(
                    arrows.contains(&format!("    {from} --> {to}").as_str()),
                    "{from} --> {to} in\n{out}"
                );
            }
        }
    }
}

fn target_text<'w>(ws: &'w Workspace, id: &str) -> &'w str {
    ws.goals()
        .find(|(_, _, g)| g.id == id)
        .map(|(_, _, g)| g.text.as_str())
        .unwrap_or_default()
}

#[test]
fn mermaid_marks_the_unlinked_goal_only() {
    let out = render(&small(), ExportFormat::Mermaid);
    let unlinked = node_line(&out, &node_id(&out, "Keep a tidy desk"));
    assert!(
        unlinked.contains("⚠") && unlinked.ends_with(":::unlinked"),
        "{unlinked}"
    );
    for linked in [
        "Log every call in a minute",
        "Grow revenue",
        "Beat the market",
    ] {
        let line = node_line(&out, &node_id(&out, linked));
        assert!(!line.contains('⚠') && !line.contains(":::"), "{line}");
    }
    assert!(out.contains("classDef unlinked stroke:#d00"), "{out}");
    assert!(
        out.starts_with(
            "---\ntitle: \"Acme CRM — B2B personas\"\n---\n%% Acme CRM — B2B personas\n%% coverage 1/2 user goals reach a buyer (50%)\n"
        ),
        "{out}"
    );
}

#[test]
fn mermaid_groups_goals_by_column_and_persona() {
    let out = render(&small(), ExportFormat::Mermaid);
    let body: Vec<&str> = out.lines().map(str::trim).collect();
    let users = body.iter().position(|l| *l == "subgraph users[\"Users\"]");
    let employee = body
        .iter()
        .position(|l| l.starts_with("subgraph p0[\"The Employee\"]"));
    let departments = body
        .iter()
        .position(|l| *l == "subgraph departments[\"Departments\"]");
    let buyers = body
        .iter()
        .position(|l| *l == "subgraph buyers[\"Buyers\"]");
    assert!(
        users < employee && employee < departments && departments < buyers && users.is_some(),
        "{out}"
    );
    let subgraphs = body.iter().filter(|l| l.starts_with("subgraph ")).count();
    let ends = body.iter().filter(|l| **l == "end").count();
    // Six for the columns and personas, one for the legend.
    assert_eq!((subgraphs, ends), (7, 7), "{out}");
}

/// Decodes a quoted Mermaid label: `#NN;` entity codes and `<br>`.
fn mermaid_label(line: &str) -> String {
    let start = line.find("[\"").expect("a quoted label") + 2;
    let end = line.rfind("\"]").expect("a closing quote");
    let raw = &line[start..end];
    assert!(!raw.contains('"'), "a quote inside a label: {line}");
    let raw = raw.replace("<br>", "\n");
    let mut out = String::new();
    let mut rest = raw.as_str();
    while let Some(i) = rest.find('#') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let semi = after.find(';').expect("an entity ends with ;");
        let code: u32 = after[..semi].parse().expect("a numeric entity");
        out.push(char::from_u32(code).expect("a char"));
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn mermaid_labels_are_escaped() {
    let out = render(&tricky(), ExportFormat::Mermaid);
    for line in out.lines().map(str::trim) {
        assert!(
            !line.contains('\u{1b}') && !line.contains('\u{7}'),
            "{line}"
        );
        if line.contains("[\"") {
            mermaid_label(line); // every label is one quoted string with no quote inside
        }
        // Every line is a comment, a keyword, a node, an edge or a class.
        let known = [
            "%% ",
            "---",
            "title: ",
            "flowchart ",
            "subgraph ",
            "end",
            "classDef ",
            "legend_",
        ];
        assert!(
            known.iter().any(|k| line.starts_with(k))
                || line.starts_with('n') && (line.contains("[\"") || line.contains(" --> ")),
            "unexpected line {line:?}"
        );
    }
    let line = out
        .lines()
        .find(|l| l.contains("Say"))
        .expect("the tricky node");
    assert_eq!(
        mermaid_label(line),
        "⚠ Say \"hi\" [now] ]\nthen␛[31m red \\ #35; <b>x</b> `y` & z"
    );
    assert!(
        !line.contains("<b>"),
        "HTML from the file must not reach Mermaid: {line}"
    );
    let persona = out
        .lines()
        .find(|l| l.contains("subgraph p0"))
        .expect("the persona");
    assert_eq!(mermaid_label(persona), "The \"Employee\" [x]␛]0;pwned␇");
    assert!(
        out.starts_with(
            "---\ntitle: \"Title \\\"quoted\\\" second line␇\"\n---\n%% Title \"quoted\" second line␇\n"
        ),
        "{out}"
    );
}

#[test]
fn dot_draws_one_edge_per_link_from_supporter_to_supported() {
    for ws in [small(), diamond()] {
        let out = render(&ws, ExportFormat::Dot);
        assert!(out.lines().any(|l| l == "digraph personas {"), "{out}");
        let edges: Vec<&str> = out
            .lines()
            .filter(|l| l.starts_with("    n") && l.contains(" -> ") && !l.contains("invis"))
            .collect();
        assert_eq!(edges.len(), ws.link_count(), "{out}");
        for (_, _, g) in ws.goals() {
            for target in &g.supports {
                let from = node_id(&out, &format!("{}\"", g.text));
                let to = node_id(&out, &format!("{}\"", target_text(&ws, target)));
                assert!(
                    edges.contains(&format!("    {from}:e -> {to}:w [constraint=false];").as_str()),
                    "{from} -> {to} in\n{out}"
                );
            }
        }
    }
}

#[test]
fn dot_marks_the_unlinked_goal_only() {
    let out = render(&small(), ExportFormat::Dot);
    let unlinked = node_line(&out, &node_id(&out, "Keep a tidy desk"));
    assert!(
        unlinked.contains("label=\"⚠ Keep a tidy desk\""),
        "{unlinked}"
    );
    assert!(
        unlinked.contains("dashed") && unlinked.contains("color=red"),
        "{unlinked}"
    );
    for linked in [
        "Log every call in a minute",
        "Grow revenue",
        "Beat the market",
    ] {
        let line = node_line(&out, &node_id(&out, linked));
        assert!(
            !line.contains('⚠') && !line.contains("dashed") && !line.contains("red"),
            "{line}"
        );
    }
    assert!(
        out.contains("// coverage 1/2 user goals reach a buyer (50%)\n"),
        "{out}"
    );
    assert!(
        out.contains(
            "label=\"Acme CRM — B2B personas\\ncoverage 1/2 user goals reach a buyer (50%)\";"
        ),
        "{out}"
    );
    // Six for the columns and personas, one for the legend.
    assert_eq!(out.matches("subgraph cluster_").count(), 7, "{out}");
}

/// Reads DOT text: strings must close on their line, braces must balance outside strings.
/// Returns every quoted string, unescaped (`\"` → `"`, `\\` → `\`, `\n` → newline).
fn dot_strings(out: &str) -> Vec<String> {
    let mut strings = Vec::new();
    let mut depth = 0i32;
    for line in out.lines() {
        if line.starts_with("//") {
            continue;
        }
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                '"' => {
                    let mut s = String::new();
                    loop {
                        match chars.next() {
                            Some('"') => break,
                            Some('\\') => match chars.next() {
                                Some('n') => s.push('\n'),
                                Some(c @ ('"' | '\\')) => s.push(c),
                                other => panic!("unexpected escape {other:?} in {line}"),
                            },
                            Some(c) => s.push(c),
                            None => panic!("string not closed on its line: {line}"),
                        }
                    }
                    strings.push(s);
                }
                _ => {}
            }
            assert!(depth >= 0, "unbalanced braces at {line}");
        }
    }
    assert_eq!(depth, 0, "unbalanced braces");
    strings
}

#[test]
fn dot_labels_are_escaped() {
    let out = render(&tricky(), ExportFormat::Dot);
    let strings = dot_strings(&out);
    assert!(
        strings
            .contains(&"⚠ Say \"hi\" [now] ]\nthen␛[31m red \\ #35; <b>x</b> `y` & z".to_string()),
        "{strings:#?}"
    );
    assert!(
        strings.contains(&"The \"Employee\" [x]␛]0;pwned␇".to_string()),
        "{strings:#?}"
    );
    assert!(
        strings
            .iter()
            .any(|s| s.starts_with("Title \"quoted\" second line␇\ncoverage")),
        "{strings:#?}"
    );
    // The comment at the top stays one line.
    assert!(
        out.starts_with("// Title \"quoted\" second line␇\n// coverage"),
        "{out}"
    );
    // Ids are made by the exporter, never taken from the file.
    for line in out
        .lines()
        .map(str::trim)
        .filter(|l| l.contains(" [label="))
    {
        let id = line.split(' ').next().unwrap_or_default();
        assert!(
            id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "{id}"
        );
    }
}

#[test]
fn graphs_show_empty_columns_and_personas_without_goals() {
    let ws = Workspace {
        title: String::new(),
        columns: personas::model::shared([
            vec![Persona {
                id: "lonely".into(),
                name: "Lonely".into(),
                ..Persona::default()
            }],
            vec![],
            vec![],
        ]),
        conflicts: Vec::new(),
    };
    let mermaid = render(&ws, ExportFormat::Mermaid);
    assert!(
        mermaid.contains("p0_none[\"no goals\"]:::empty"),
        "{mermaid}"
    );
    assert!(
        mermaid.contains("departments_none[\"no personas\"]:::empty"),
        "{mermaid}"
    );
    let dot = render(&ws, ExportFormat::Dot);
    assert!(dot.contains("p0_none [label=\"no goals\""), "{dot}");
    assert!(dot.contains("buyers_none [label=\"no personas\""), "{dot}");
    assert!(
        dot.starts_with("// coverage 0/0 user goals reach a buyer (0%)\n"),
        "{dot}"
    );
    dot_strings(&dot);
}

// ---------------------------------------------------------------- json

#[test]
fn json_round_trips_to_the_same_workspace() {
    for ws in [small(), diamond(), tricky(), Workspace::default()] {
        let json = render(&ws, ExportFormat::Json);
        assert!(json.ends_with("}\n"), "{json}");
        let file: FileWorkspace = serde_json::from_str(&json).expect("the export parses");
        assert_eq!(Workspace::from(file), ws);
    }
}

#[test]
fn json_has_every_field_of_the_file_format() {
    let mut ws = small();
    std::sync::Arc::make_mut(&mut ws.columns[1][0]).kind = None;
    let json = render(&ws, ExportFormat::Json);
    let value: serde_json::Value = serde_json::from_str(&json).expect("the export parses");
    let keys = |v: &serde_json::Value| -> Vec<String> {
        v.as_object()
            .expect("an object")
            .keys()
            .cloned()
            .collect::<Vec<_>>()
    };
    let sorted = |mut v: Vec<&str>| {
        v.sort_unstable();
        v.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let sort = |mut v: Vec<String>| {
        v.sort_unstable();
        v
    };
    assert_eq!(
        sort(keys(&value)),
        sorted(vec!["format", "title", "users", "departments", "buyers"])
    );
    assert_eq!(value["format"], 1);
    assert_eq!(value["title"], "Acme CRM — B2B personas");
    let user_keys = sorted(vec![
        "id", "name", "role", "kind", "summary", "goals", "pains", "quote", "notes",
    ]);
    assert_eq!(sort(keys(&value["users"][0])), user_keys);
    assert_eq!(sort(keys(&value["departments"][0])), user_keys);
    assert_eq!(
        sort(keys(&value["buyers"][0])),
        sorted(vec![
            "id",
            "name",
            "role",
            "kind",
            "buying_role",
            "summary",
            "goals",
            "pains",
            "objections",
            "criteria",
            "quote",
            "notes",
        ])
    );
    assert_eq!(
        sort(keys(&value["users"][0]["goals"][0])),
        sorted(vec!["id", "text", "why", "metric", "supports"])
    );
    assert_eq!(value["users"][0]["kind"], "GoalDirected");
    assert!(value["departments"][0]["kind"].is_null(), "{json}");
    assert_eq!(value["buyers"][0]["buying_role"], "UltimateBuyer");
    assert_eq!(
        value["users"][0]["goals"][0]["supports"][0],
        "sales-revenue"
    );
    // Field order follows the file format, so the JSON reads like the RON file.
    let order: Vec<usize> = [
        "\"format\"",
        "\"title\"",
        "\"users\"",
        "\"departments\"",
        "\"buyers\"",
    ]
    .iter()
    .map(|k| json.find(k).expect("key present"))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{json}");
}

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshot_markdown() {
    insta::assert_snapshot!(render(&small(), ExportFormat::Markdown));
}

#[test]
fn snapshot_mermaid() {
    insta::assert_snapshot!(render(&small(), ExportFormat::Mermaid));
}

#[test]
fn snapshot_dot() {
    insta::assert_snapshot!(render(&small(), ExportFormat::Dot));
}

#[test]
fn snapshot_markdown_with_tricky_text() {
    insta::assert_snapshot!(render(&tricky(), ExportFormat::Markdown));
}
