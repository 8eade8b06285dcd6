//! The value chain as an SVG picture, drawn from [`Layout`]: the title and coverage, a legend,
//! the three columns with their persona cards and goal boxes, and the links as curves with an
//! arrow head at the supported goal. Goals not linked into the chain have a dashed warning border
//! and a "⚠ not linked" line; goals with no metric a dotted border and a "◌ no metric" line.
//!
//! The same markup is the picture of the html page (without the XML prologue). Its style sheet
//! follows `prefers-color-scheme` and prints in light colours; every class is prefixed `pc-` so
//! it cannot clash with the page's own.

use std::fmt::Write as _;

use super::layout::{Layout, Rect, Sample, TextBlock};
use super::markup::Markup;
use super::palette::{DARK, LIGHT, Palette};
use super::width::FONT_STACK;
use crate::model::Workspace;

/// Width and height of a slide-sized picture (`--chain`): 16:9.
pub(super) const SLIDE: (i32, i32) = (1920, 1080);

/// How the picture is sized and where it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Frame {
    /// A file of its own, at its natural size.
    File,
    /// A file of its own, sized for a 16:9 slide.
    Slide,
    /// Inside the html page: scales down to the page width.
    Inline,
}

pub(super) fn render(ws: &Workspace, frame: Frame) -> String {
    let layout = Layout::build(ws);
    let mut m = Markup::new();
    if frame != Frame::Inline {
        m.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    let (w, h) = (layout.width, layout.height);
    let (view, size) = match frame {
        Frame::Slide => {
            // Pad the shorter side so the picture is 16:9, centred.
            let (sw, sh) = SLIDE;
            let (vw, vh) = if w * sh >= h * sw {
                (w, (w * sh + sw - 1) / sw)
            } else {
                ((h * sw + sh - 1) / sh, h)
            };
            (
                format!("{} {} {vw} {vh}", -(vw - w) / 2, -(vh - h) / 2),
                (sw.to_string(), sh.to_string()),
            )
        }
        _ => (format!("0 0 {w} {h}"), (w.to_string(), h.to_string())),
    };
    let title = layout.title.lines.join(" ");
    let desc = layout.coverage.lines.join(" ");
    let mut attrs: Vec<(&'static str, &str)> = Vec::new();
    if frame != Frame::Inline {
        attrs.push(("xmlns", "http://www.w3.org/2000/svg"));
    }
    attrs.extend([
        ("class", "pc"),
        ("viewBox", view.as_str()),
        ("width", size.0.as_str()),
        ("height", size.1.as_str()),
        ("role", "img"),
        ("aria-labelledby", "pc-title pc-desc"),
    ]);
    m.open("svg", &attrs).raw("\n");
    m.element("title", &[("id", "pc-title")], &title);
    m.element("desc", &[("id", "pc-desc")], &desc);
    m.style(&style());
    m.raw("<defs><marker id=\"pc-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\"><path class=\"pc-arrow\" d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>\n");
    let (vx, vy, vw, vh) = match frame {
        Frame::Slide => {
            let mut parts = view.split(' ').map(|p| p.parse::<i32>().unwrap_or(0));
            let mut next = || parts.next().unwrap_or(0);
            (next(), next(), next(), next())
        }
        _ => (0, 0, w, h),
    };
    rect(
        &mut m,
        "pc-page",
        Rect {
            x: vx,
            y: vy,
            w: vw,
            h: vh,
        },
        &[],
    );
    text(&mut m, &layout.title, "");
    text(&mut m, &layout.coverage, "pc-muted");
    legend(&mut m, &layout);
    for header in &layout.headers {
        text(&mut m, header, "");
    }
    for none in &layout.empty_columns {
        text(&mut m, none, "pc-muted");
    }
    for card in &layout.cards {
        m.open("g", &[("class", "pc-box pc-card-g")]);
        rect(&mut m, "pc-card", card.rect, &[("rx", "8")]);
        text(&mut m, &card.name, "");
        if let Some(empty) = &card.empty {
            text(&mut m, empty, "pc-muted");
        }
        m.close("g");
    }
    for curve in &layout.curves {
        let (from, to) = (format!("n{}", curve.ends.0), format!("n{}", curve.ends.1));
        let mut d = String::new();
        let _ = write!(
            d,
            "M{},{} C{},{} {},{} {},{}",
            curve.from.0,
            curve.from.1,
            curve.c1.0,
            curve.c1.1,
            curve.c2.0,
            curve.c2.1,
            curve.to.0,
            curve.to.1
        );
        m.empty(
            "path",
            &[
                ("class", "pc-link"),
                ("d", &d),
                ("marker-end", "url(#pc-arrow)"),
                ("data-from", &from),
                ("data-to", &to),
            ],
        );
    }
    for goal in &layout.goals {
        let class = match (goal.unlinked, goal.no_metric) {
            (true, true) => "pc-goal pc-unlinked pc-no-metric",
            (true, false) => "pc-goal pc-unlinked",
            (false, true) => "pc-goal pc-no-metric",
            (false, false) => "pc-goal",
        };
        let number = format!("n{}", goal.number);
        m.open("g", &[("class", "pc-box pc-goal-g"), ("id", &number)]);
        rect(&mut m, class, goal.rect, &[("rx", "4")]);
        text(&mut m, &goal.text, "");
        if let Some(marks) = &goal.marks {
            text(&mut m, marks, "pc-warn");
        }
        m.close("g");
    }
    m.close("svg");
    m.finish()
}

fn rect(m: &mut Markup, class: &'static str, r: Rect, extra: &[(&'static str, &str)]) {
    let (x, y, w, h) = (
        r.x.to_string(),
        r.y.to_string(),
        r.w.to_string(),
        r.h.to_string(),
    );
    let mut attrs = vec![
        ("class", class),
        ("x", x.as_str()),
        ("y", y.as_str()),
        ("width", w.as_str()),
        ("height", h.as_str()),
    ];
    attrs.extend_from_slice(extra);
    m.empty("rect", &attrs);
}

/// One `<text>` per line, the baseline placed so the glyphs stay inside the line's box.
fn text(m: &mut Markup, block: &TextBlock, class: &'static str) {
    let size = block.size as i32;
    let class = match (block.bold, class.is_empty()) {
        (true, true) => "pc-t pc-b",
        (true, false) if class == "pc-warn" => "pc-t pc-b pc-warn",
        (true, false) => "pc-t pc-b pc-muted",
        (false, true) => "pc-t",
        (false, false) if class == "pc-warn" => "pc-t pc-warn",
        (false, false) => "pc-t pc-muted",
    };
    let font_size = block.size.to_string();
    for (i, line) in block.lines.iter().enumerate() {
        let top = block.y + block.line * i as i32;
        // Arial's ascent is 0.905 em and its descent 0.212 em: centre that in the line.
        let baseline = top + (block.line * 1000 + size * (905 - 212)) / 2000;
        let (x, y) = (block.x.to_string(), baseline.to_string());
        m.element(
            "text",
            &[
                ("class", class),
                ("x", &x),
                ("y", &y),
                ("font-size", &font_size),
            ],
            line,
        );
    }
}

fn legend(m: &mut Markup, layout: &Layout) {
    for item in &layout.legend {
        let r = item.sample_rect;
        match item.sample {
            Sample::Goal => rect(m, "pc-goal", r, &[("rx", "3")]),
            Sample::NoMetric => rect(m, "pc-goal pc-no-metric", r, &[("rx", "3")]),
            Sample::Unlinked => rect(m, "pc-goal pc-unlinked", r, &[("rx", "3")]),
            Sample::Link => {
                let mid = r.y + r.h / 2;
                let d = format!("M{},{mid} L{},{mid}", r.x, r.right());
                m.empty(
                    "path",
                    &[
                        ("class", "pc-link"),
                        ("d", &d),
                        ("marker-end", "url(#pc-arrow)"),
                    ],
                );
            }
        }
        let class = match item.sample {
            Sample::Unlinked | Sample::NoMetric => "pc-warn",
            _ => "pc-muted",
        };
        text(m, &item.text, class);
    }
}

fn colours(p: &Palette) -> String {
    format!(
        ".pc .pc-page{{fill:{page}}}\
         .pc .pc-card{{fill:{card};stroke:{border};stroke-width:1}}\
         .pc .pc-goal{{fill:{goal};stroke:{border};stroke-width:1}}\
         .pc .pc-no-metric{{stroke-width:2;stroke-dasharray:2 3}}\
         .pc .pc-unlinked{{stroke:{warn};stroke-width:2;stroke-dasharray:6 4}}\
         .pc .pc-t{{fill:{text}}}\
         .pc .pc-muted{{fill:{muted}}}\
         .pc .pc-warn{{fill:{warn}}}\
         .pc .pc-link{{fill:none;stroke:{link};stroke-width:1.5}}\
         .pc .pc-arrow{{fill:{link}}}",
        page = p.page,
        card = p.card,
        goal = p.goal,
        border = p.border,
        warn = p.warn,
        text = p.text,
        muted = p.muted,
        link = p.link,
    )
}

/// The picture's style sheet: light colours, dark ones when the reader prefers them, light again
/// in print.
fn style() -> String {
    format!(
        ".pc .pc-t{{font-family:{FONT_STACK}}}.pc .pc-b{{font-weight:700}}{}\
         @media (prefers-color-scheme:dark){{{}}}@media print{{{}}}",
        colours(&LIGHT),
        colours(&DARK),
        colours(&LIGHT)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slide_is_16_by_9_and_shows_the_whole_picture() {
        let ws = crate::store::example();
        let svg = render(&ws, Frame::Slide);
        assert!(svg.contains("width=\"1920\" height=\"1080\""));
        let view = svg
            .split("viewBox=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("a viewBox");
        let n: Vec<i32> = view
            .split(' ')
            .map(|p| p.parse().expect("a number"))
            .collect();
        let layout = Layout::build(&ws);
        assert!((n[2] * 9 - n[3] * 16).abs() <= 16, "16:9: {view}");
        assert!(n[0] <= 0 && n[1] <= 0);
        assert!(n[0] + n[2] >= layout.width && n[1] + n[3] >= layout.height);
    }

    #[test]
    fn the_inline_picture_has_no_prologue_and_no_namespace_url() {
        let svg = render(&crate::store::example(), Frame::Inline);
        assert!(svg.starts_with("<svg class=\"pc\""));
        assert!(!svg.contains("http"));
    }
}
