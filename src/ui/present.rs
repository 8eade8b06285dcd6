//! Drawing presenter mode (SPEC §12): the slide shown, a top bar (the title and where we are)
//! and the hint bar. The slides come laid out from `app::present`; nothing here wraps or cuts.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use tui_big_text::{BigText, PixelSize};

use super::textfit::{fit, width};
use super::theme::Theme;
use crate::app::State;
use crate::app::present::deck::{BOTTOM_ROWS, MARGIN, MARKER_CELLS, TOP_ROWS};
use crate::app::present::{LineKind, Presenter, Slide, SlideKind};

/// The style of a body line.
fn style(t: &Theme, kind: LineKind) -> Style {
    match kind {
        LineKind::Heading => t.title,
        LineKind::Department | LineKind::User | LineKind::Votes => {
            t.text.add_modifier(Modifier::BOLD)
        }
        LineKind::Gap => t.finding,
        LineKind::Metric | LineKind::Note => t.text,
    }
}

/// The marker before an entry's first line; symbols carry the meaning, not colour.
fn marker(t: &Theme, kind: LineKind) -> Option<(&'static str, Style)> {
    let g = &t.glyphs;
    match kind {
        LineKind::Department => Some((g.direct, t.chain_direct)),
        LineKind::User => Some((g.indirect, t.chain_indirect)),
        LineKind::Gap => Some((g.finding, t.finding)),
        LineKind::Votes => Some((if g.ascii { "*" } else { "●" }, t.chain_direct)),
        _ => None,
    }
}

/// What the top bar says about a slide: "buyer goal", or "buyer goal 2/2" on the second slide
/// of a chain that goes on (both slides carry the chain's one number).
fn place(slide: &Slide) -> String {
    let what = match slide.kind {
        SlideKind::Title => "title",
        SlideKind::Chain => "buyer goal",
        SlideKind::Gaps => "gaps",
        SlideKind::Votes => "votes",
    };
    if slide.parts > 1 {
        format!("{what} {}/{}", slide.part, slide.parts)
    } else {
        what.to_string()
    }
}

pub fn present(state: &State, p: &Presenter, t: &Theme, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, t.base);
    if area.height < TOP_ROWS + BOTTOM_ROWS + 1 {
        return;
    }
    let cells = usize::from(area.width);
    // The top bar: the title on the left, where we are on the right.
    let total = p.deck.sections();
    let mut right = match p.current() {
        Some(slide) => format!(" {} · slide {}/{total} ", place(slide), p.slide + 1),
        None => String::new(),
    };
    if !p.typed.is_empty() {
        right = format!(" go to slide {}_ (Enter){right}", p.typed);
    }
    let right = fit(&right, cells);
    let left = fit(
        &format!(" {} ", state.doc.workspace().title.trim()),
        cells.saturating_sub(width(&right)),
    );
    let gap = cells.saturating_sub(width(&left) + width(&right));
    Line::from(vec![
        Span::styled(left, t.title),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, t.key),
    ])
    .render(Rect::new(area.x, area.y, area.width, 1), buf);
    let body = Rect::new(
        area.x + MARGIN.min(area.width),
        area.y + TOP_ROWS,
        area.width.saturating_sub(2 * MARGIN),
        area.height - TOP_ROWS - BOTTOM_ROWS,
    );
    if let Some(slide) = p.current() {
        draw_slide(slide, t, body, buf);
    }
    super::status::hints(
        state,
        t,
        Rect::new(area.x, area.bottom() - 1, area.width, 1),
        buf,
    );
}

fn draw_slide(slide: &Slide, t: &Theme, body: Rect, buf: &mut Buffer) {
    let mut y = body.y;
    let cells = usize::from(body.width);
    let row = |y: u16| Rect::new(body.x, y, body.width, 1);
    let heading = t.title.add_modifier(Modifier::BOLD);
    if slide.headline.big {
        let rows = (slide.headline.lines.len() * 4) as u16;
        let area = Rect::new(body.x, y, body.width, rows.min(body.bottom() - y));
        BigText::builder()
            .pixel_size(PixelSize::Quadrant)
            .style(heading)
            .lines(
                slide
                    .headline
                    .lines
                    .iter()
                    .map(|l| Line::raw(l.clone()))
                    .collect::<Vec<_>>(),
            )
            .build()
            .render(area, buf);
        y += rows;
    } else {
        for line in &slide.headline.lines {
            if y >= body.bottom() {
                return;
            }
            Line::styled(fit(line, cells), heading).render(row(y), buf);
            y += 1;
        }
    }
    y += 1;
    for line in &slide.lines {
        if y >= body.bottom() {
            return;
        }
        let mut spans = vec![Span::raw(" ".repeat(line.indent))];
        if let Some((sym, st)) = marker(t, line.kind) {
            if line.first {
                spans.push(Span::styled(format!("{sym} "), st));
            } else {
                spans.push(Span::raw(" ".repeat(MARKER_CELLS)));
            }
        }
        spans.push(Span::styled(line.text.clone(), style(t, line.kind)));
        Line::from(spans).render(row(y), buf);
        y += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ThemeName;
    use crate::ui::contrast::style_contrast;

    #[test]
    fn every_presenter_style_meets_4_5_to_1_in_the_projector_themes() {
        for name in [
            ThemeName::HighContrast,
            ThemeName::HighContrastLight,
            ThemeName::Dark,
            ThemeName::Light,
        ] {
            let t = Theme::get(name);
            let kinds = [
                LineKind::Heading,
                LineKind::Department,
                LineKind::User,
                LineKind::Gap,
                LineKind::Metric,
                LineKind::Note,
                LineKind::Votes,
            ];
            let mut styles: Vec<Style> = kinds.iter().map(|k| style(&t, *k)).collect();
            styles.extend(kinds.iter().filter_map(|k| marker(&t, *k)).map(|(_, s)| s));
            styles.extend([t.title.add_modifier(Modifier::BOLD), t.key, t.title]);
            for s in styles {
                if let Some(r) = style_contrast(name, &t, s) {
                    assert!(r >= 4.5, "{name:?}: {s:?} has contrast {r:.2}");
                }
            }
        }
    }
}
