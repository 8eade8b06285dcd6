//! The workspace as one self-contained html page to email after a workshop: the title and
//! coverage, the value-chain picture (inline SVG), each buyer goal's chain as its story, every
//! persona with every field, and the findings. No script, nothing loaded from elsewhere (a
//! Content-Security-Policy forbids it), inline CSS that reflows on a phone, follows
//! `prefers-color-scheme` and prints in light colours without splitting a card.
//!
//! Personas and goals are shown by walking the field tables of [`crate::model::fields`], so a new
//! field appears here without new code. All text from the file goes through [`Markup`].

use std::collections::HashMap;

use crate::model::fields::{Field, GOAL_FIELDS, GOALS_AFTER, Show, persona_fields};
use crate::model::{Column, Finding, FindingCode, Goal, LinkIndex, Persona, Workspace, findings};

use super::graph::{MARK, NO_METRIC_MARK};
use super::markup::Markup;
use super::palette::{DARK, LIGHT, Palette};
use super::story::{self, Part};
use super::svg::{self, Frame};
use super::width::FONT_STACK;
use super::{display_lines, one_line};

/// The finding codes of each goal, by goal id.
type Marks<'a> = HashMap<&'a str, Vec<FindingCode>>;

pub(super) fn render(ws: &Workspace) -> String {
    let index = LinkIndex::build(ws);
    let all = findings(ws, &index);
    let mut marks = Marks::new();
    for f in &all {
        if let Some(goal) = &f.goal {
            marks.entry(goal.as_str()).or_default().push(f.code);
        }
    }
    let title = if ws.title.trim().is_empty() {
        "Personas".to_string()
    } else {
        one_line(&ws.title)
    };
    let mut m = Markup::new();
    m.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n");
    m.empty("meta", &[("charset", "utf-8")]);
    m.empty(
        "meta",
        &[
            ("name", "viewport"),
            ("content", "width=device-width, initial-scale=1"),
        ],
    );
    m.empty(
        "meta",
        &[
            ("http-equiv", "Content-Security-Policy"),
            (
                "content",
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
            ),
        ],
    );
    m.empty(
        "meta",
        &[("name", "color-scheme"), ("content", "light dark")],
    );
    m.element("title", &[], &title);
    m.style(&style());
    m.raw("</head>\n<body>\n<main>\n");

    m.open("header", &[]).raw("\n");
    m.element("h1", &[], &title);
    let coverage = super::layout::sentence(&crate::model::coverage(ws, &index).to_string());
    m.element("p", &[("class", "coverage")], &coverage);
    m.element(
        "p",
        &[("class", "muted")],
        &format!(
            "{} in three columns (users → departments → buyers), {}, {}.",
            count(ws.persona_count(), "persona"),
            count(ws.goal_count(), "goal"),
            count(ws.link_count(), "link"),
        ),
    );
    m.close("header");

    m.open("section", &[("id", "picture")]).raw("\n");
    m.element("h2", &[], "The value chain");
    m.element(
        "p",
        &[("class", "muted screen-only")],
        "On a narrow screen the picture scrolls sideways.",
    );
    m.open("div", &[("class", "picture")]);
    m.raw("\n");
    m.built(&svg::render(ws, Frame::Inline));
    m.close("div");
    m.close("section");

    story_section(&mut m, ws);

    m.open("section", &[("id", "personas")]).raw("\n");
    m.element("h2", &[], "Personas");
    for column in Column::ALL {
        m.element("h3", &[], column.title());
        let personas = ws.column(column);
        if personas.is_empty() {
            m.element("p", &[("class", "muted")], "No personas.");
        }
        m.open("div", &[("class", "cards")]).raw("\n");
        for persona in personas {
            persona_card(&mut m, ws, &index, &marks, column, persona);
        }
        m.close("div");
    }
    m.close("section");

    findings_section(&mut m, ws, &index, &all);
    m.raw("</main>\n</body>\n</html>\n");
    m.finish()
}

fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// Text from the file, its line breaks as `<br/>`.
fn multiline(m: &mut Markup, text: &str) {
    for (i, line) in display_lines(text).iter().enumerate() {
        if i > 0 {
            m.raw("<br/>");
        }
        m.text(line);
    }
}

fn story_section(m: &mut Markup, ws: &Workspace) {
    m.open("section", &[("id", "story")]).raw("\n");
    m.element("h2", &[], "The story");
    // The story's first lines (title, opening sentence) duplicate the page header; skip to the
    // first chain.
    let lines = story::lines(ws);
    let start = lines.iter().position(|l| l.parts.is_empty()).unwrap_or(0);
    for line in &lines[start..] {
        if line.parts.is_empty() {
            continue;
        }
        let class = match line.indent {
            0 => "s0",
            1 => "s1",
            _ => "s2",
        };
        m.open("p", &[("class", class)]);
        for part in &line.parts {
            match part {
                Part::Fixed(s) => m.text(s),
                Part::File(s) => m.text(s),
            };
        }
        m.close("p");
    }
    m.close("section");
}

/// One field of a persona or goal, shown the way the field table says.
fn field<T>(m: &mut Markup, f: &Field<T>, item: &T) {
    let blank = f.is_blank(item);
    match f.show {
        Show::Heading => {}
        Show::Bullet { when_blank } => {
            if blank && when_blank.is_none() {
                return;
            }
            m.open("p", &[("class", "field")]);
            m.element("span", &[("class", "label")], &format!("{}:", f.label));
            m.raw(" ");
            match when_blank {
                Some(text) if blank => {
                    m.element("em", &[("class", "muted")], text);
                }
                _ => multiline(m, &f.text(item)),
            }
            m.close("p");
        }
        Show::Section if !blank => {
            m.element("h5", &[], f.label);
            m.open("p", &[]);
            multiline(m, &f.text(item));
            m.close("p");
        }
        Show::Quote if !blank => {
            m.open("blockquote", &[]);
            multiline(m, &f.text(item));
            m.close("blockquote");
        }
        Show::List if !blank => {
            m.element("h5", &[], f.label);
            m.open("ul", &[]).raw("\n");
            for entry in f.items(item) {
                if !entry.trim().is_empty() {
                    m.open("li", &[]);
                    multiline(m, &entry);
                    m.close("li");
                }
            }
            m.close("ul");
        }
        Show::Section | Show::Quote | Show::List => {}
    }
}

/// The heading text of an item: its heading field, or `fallback` (its id) when that is blank.
fn heading<T: 'static>(
    fields: impl IntoIterator<Item = &'static Field<T>>,
    item: &T,
    fallback: &str,
) -> String {
    fields
        .into_iter()
        .find(|f| f.show == Show::Heading && !f.is_blank(item))
        .map_or_else(|| one_line(fallback), |f| one_line(&f.text(item)))
}

fn persona_card(
    m: &mut Markup,
    ws: &Workspace,
    index: &LinkIndex,
    marks: &Marks,
    column: Column,
    p: &Persona,
) {
    m.open("article", &[("class", "card")]).raw("\n");
    m.open("h4", &[]);
    m.text(&heading(persona_fields(column), p, &p.id));
    m.raw(" ");
    m.element("code", &[], &one_line(&p.id));
    m.close("h4");
    for f in persona_fields(column) {
        field(m, f, p);
        if f.key == GOALS_AFTER {
            goals(m, ws, index, marks, p);
        }
    }
    m.close("article");
}

fn goals(m: &mut Markup, ws: &Workspace, index: &LinkIndex, marks: &Marks, p: &Persona) {
    m.element("h5", &[], "Goals");
    if p.goals.is_empty() {
        m.element("p", &[("class", "muted")], "No goals.");
        return;
    }
    m.open("ul", &[("class", "goals")]).raw("\n");
    for g in &p.goals {
        goal(m, ws, index, marks, g);
    }
    m.close("ul");
}

fn goal(m: &mut Markup, ws: &Workspace, index: &LinkIndex, marks: &Marks, g: &Goal) {
    let codes = marks.get(g.id.as_str()).map_or(&[][..], Vec::as_slice);
    let unlinked = codes.iter().any(|c| super::graph::UNLINKED.contains(c));
    m.open(
        "li",
        &[("class", if unlinked { "goal unlinked" } else { "goal" })],
    );
    m.open("strong", &[]);
    m.text(&heading(GOAL_FIELDS, g, &g.id));
    m.close("strong");
    m.element("code", &[], &one_line(&g.id));
    if unlinked {
        m.element(
            "p",
            &[("class", "warn")],
            &format!("{MARK}not linked into the chain"),
        );
    }
    if codes.contains(&FindingCode::NoMetric) {
        m.element("p", &[("class", "warn")], NO_METRIC_MARK);
    }
    for f in GOAL_FIELDS {
        field(m, f, g);
    }
    for (label, ids) in [
        ("Supports", g.supports.as_slice()),
        ("Supported by", index.supported_by(&g.id)),
    ] {
        if ids.is_empty() {
            continue;
        }
        m.open("p", &[("class", "field")]);
        m.element("span", &[("class", "label")], &format!("{label}:"));
        for (i, id) in ids.iter().enumerate() {
            m.raw(if i == 0 { " " } else { "; " });
            m.text(&goal_ref(ws, index, id));
        }
        m.close("p");
    }
    m.close("li");
}

/// A goal by its text and its persona; a dangling id as missing.
fn goal_ref(ws: &Workspace, index: &LinkIndex, id: &str) -> String {
    let Some(goal) = index.goal(ws, id) else {
        return format!("{} (no such goal)", one_line(id));
    };
    let text = heading(GOAL_FIELDS, goal, id);
    match index.persona_of(ws, id) {
        Some(p) if !p.name.trim().is_empty() => format!("{text} — {}", one_line(&p.name)),
        Some(p) => format!("{text} — {}", one_line(&p.id)),
        None => text,
    }
}

fn findings_section(m: &mut Markup, ws: &Workspace, index: &LinkIndex, all: &[Finding]) {
    m.open("section", &[("id", "findings")]).raw("\n");
    m.element("h2", &[], "Gaps");
    if all.is_empty() {
        m.element("p", &[], "No findings: every goal is linked and measured.");
        m.close("section");
        return;
    }
    m.element(
        "p",
        &[],
        &format!(
            "{}, where the value chain breaks.",
            count(all.len(), "finding")
        ),
    );
    m.open("table", &[]).raw("\n");
    m.raw("<thead><tr><th>finding</th><th>count</th><th>meaning</th></tr></thead>\n<tbody>\n");
    let groups: Vec<(FindingCode, Vec<&Finding>)> = FindingCode::ALL
        .into_iter()
        .map(|c| (c, all.iter().filter(|f| f.code == c).collect::<Vec<_>>()))
        .filter(|(_, g)| !g.is_empty())
        .collect();
    for (code, group) in &groups {
        m.open("tr", &[]);
        m.element("td", &[], code.as_str());
        m.element("td", &[("class", "num")], &group.len().to_string());
        m.element("td", &[], code.meaning());
        m.close("tr");
    }
    m.raw("</tbody>\n");
    m.close("table");
    for (code, group) in &groups {
        m.element("h3", &[], &format!("{code} ({})", group.len()));
        m.open("ul", &[]).raw("\n");
        for f in group {
            let place = match (&f.goal, &f.persona) {
                (Some(goal), _) => goal_ref(ws, index, goal),
                (None, Some(p)) => {
                    match index.persona_pos(p).and_then(|(c, i)| ws.column(c).get(i)) {
                        Some(persona) => heading(persona_fields(f.column), persona, p),
                        None => one_line(p),
                    }
                }
                (None, None) => one_line(&f.message),
            };
            m.element("li", &[], &place);
        }
        m.close("ul");
    }
    m.close("section");
}

fn colours(p: &Palette) -> String {
    format!(
        "body{{background:{page};color:{text}}}\
         .card{{background:{card};border-color:{border}}}\
         .goal{{background:{goal};border-color:{border}}}\
         .goal.unlinked{{border-color:{warn}}}\
         .muted,.coverage,.label,code{{color:{muted}}}\
         .warn{{color:{warn}}}\
         blockquote{{border-color:{border}}}\
         th,td{{border-color:{border}}}\
         .picture{{border-color:{border};background:{page}}}",
        page = p.page,
        text = p.text,
        card = p.card,
        goal = p.goal,
        border = p.border,
        muted = p.muted,
        warn = p.warn,
    )
}

fn style() -> String {
    format!(
        "*{{box-sizing:border-box}}\
         body{{margin:0;font-family:{FONT_STACK};font-size:16px;line-height:1.5;overflow-wrap:anywhere}}\
         main{{max-width:76rem;margin:0 auto;padding:1rem}}\
         h1{{font-size:1.8rem;line-height:1.2;margin:.5rem 0}}\
         h2{{font-size:1.4rem;margin:2rem 0 .5rem}}\
         h4{{margin:0 0 .5rem;font-size:1.1rem}}\
         h5{{margin:.75rem 0 .25rem;font-size:1rem}}\
         code{{font-size:.85em;margin-left:.4em}}\
         .picture{{overflow-x:auto;border:1px solid;border-radius:6px}}\
         .picture svg{{display:block;max-width:none;height:auto}}\
         .cards{{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,20rem),1fr));gap:1rem}}\
         .card{{border:1px solid;border-radius:8px;padding:1rem;break-inside:avoid}}\
         .goals{{list-style:none;padding:0;margin:0}}\
         .goal{{border:1px solid;border-radius:6px;padding:.5rem .75rem;margin:.5rem 0;break-inside:avoid}}\
         .goal.unlinked{{border-style:dashed;border-width:2px}}\
         .goal p,.field{{margin:.2rem 0}}\
         .label{{font-weight:700}}\
         .warn{{font-weight:700}}\
         blockquote{{margin:.5rem 0;padding-left:.75rem;border-left:3px solid;font-style:italic}}\
         .s0{{margin:1rem 0 .25rem;font-weight:700}}\
         .s1{{margin:.2rem 0 .2rem 1.25rem}}\
         .s2{{margin:.2rem 0 .2rem 2.5rem}}\
         table{{border-collapse:collapse}}\
         th,td{{border:1px solid;padding:.25rem .5rem;text-align:left;vertical-align:top}}\
         .num{{text-align:right}}\
         {light}\
         @media (prefers-color-scheme:dark){{{dark}}}\
         @media print{{{light}\
         body{{font-size:11pt}}\
         main{{max-width:none;padding:0}}\
         .screen-only{{display:none}}\
         section{{break-before:page}}\
         #picture{{page:picture}}\
         .picture{{overflow:visible;border:0}}\
         .picture svg{{width:100%;height:auto}}\
         h2,h3,h4,h5{{break-after:avoid}}\
         .cards{{display:block}}\
         .card{{margin:0 0 .75rem}}}}\
         @page{{margin:15mm}}\
         @page picture{{size:landscape}}",
        light = colours(&LIGHT),
        dark = colours(&DARK),
    )
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
