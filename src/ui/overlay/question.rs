//! The box of a question: what `app::prompts` says the question is, drawn as a title, its
//! lines and its answers with their keys.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget, Wrap};

use super::{boxed, centered};
use crate::app::prompts::{self, Fit, LineTone};
use crate::app::{Prompt, State};
use crate::ui::theme::Theme;

pub fn prompt(state: &State, prompt: &Prompt, t: &Theme, area: Rect, buf: &mut Buffer) {
    let question = prompts::describe(state, prompt, Fit::Cut);
    let mut lines: Vec<Line> = question
        .lines
        .into_iter()
        .map(|l| {
            let style = match l.tone {
                LineTone::Plain => t.text,
                LineTone::Warning => t.warning,
                LineTone::Faint => t.dim,
            };
            let text = match (l.item, l.keys.is_empty()) {
                (true, _) => format!("  • {}", l.text),
                (false, false) => format!("{}: {}", l.keys.join(" / "), l.text),
                (false, true) => l.text,
            };
            Line::styled(text, style)
        })
        .collect();
    lines.push(Line::raw(""));
    let mut spans = Vec::new();
    for (k, l) in question.answers {
        spans.push(Span::styled(k, t.key));
        spans.push(Span::styled(format!(" {l}   "), t.text));
    }
    lines.push(Line::from(spans));
    // Height after wrapping, so the answers on the last line are never cut off.
    let inner_w = usize::from(area.width.min(70).saturating_sub(2)).max(1);
    let rows: usize = lines
        .iter()
        .map(|l| match l.width() {
            // Word wrapping may need a row more than the width alone says.
            w if w > inner_w => w.div_ceil(inner_w) + 1,
            _ => 1,
        })
        .sum();
    let h = u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2);
    let r = centered(area, 70, h);
    Clear.render(r, buf);
    buf.set_style(r, t.base);
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(boxed(format!(" {} ", question.title), t))
        .render(r, buf);
}
