//! Things drawn over the board: the help overlay, the edit form, and questions.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget, Wrap};

use super::textfit::{fit, fit_pad};
use super::theme::Theme;
use crate::app::form::{FieldKind, Form, FormTarget};
use crate::app::typing::LineInput;
use crate::app::{Action, KeyMode, Keymap, Prompt, State};

/// A centred box of at most `w`×`h` inside `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let [r] = Layout::horizontal([Constraint::Length(w.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let [r] = Layout::vertical([Constraint::Length(h.min(area.height))])
        .flex(Flex::Center)
        .areas(r);
    r
}

fn boxed<'a>(title: String, t: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(t.border_focus)
        .title(Span::styled(title, t.title))
}

/// The search box and its matches, best first, matched letters highlighted.
pub fn search(search: &crate::app::search::Search, t: &Theme, area: Rect, buf: &mut Buffer) {
    use unicode_width::UnicodeWidthChar as _;
    let w = area.width.saturating_sub(4).clamp(1, 100);
    let list_rows = search.hits.len().clamp(1, 15) as u16;
    let r = centered(area, w, list_rows + 3);
    Clear.render(r, buf);
    buf.set_style(r, t.base);
    let title = if search.searching() {
        format!(" search — {} match(es) so far, searching… ", search.total)
    } else if search.total > search.hits.len() {
        format!(
            " search — first {} of {} matches ",
            search.hits.len(),
            search.total
        )
    } else {
        format!(" search — {} match(es) ", search.hits.len())
    };
    let block = boxed(title, t);
    let inner = block.inner(r);
    block.render(r, buf);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let cells = usize::from(inner.width);
    // The last query shows selected (the hint bar says what → and typing do to it).
    let mut spans = vec![Span::styled("/ ", t.key)];
    spans.extend(line_input(&search.input, cells.saturating_sub(3), t));
    Line::from(spans).render(Rect::new(inner.x, inner.y, inner.width, 1), buf);
    let rows = usize::from(inner.height.saturating_sub(1));
    if search.hits.is_empty() {
        let text = if search.query().is_empty() {
            "type to search names, roles, goal texts and metrics"
        } else {
            "nothing matches"
        };
        Line::styled(text, t.dim).render(Rect::new(inner.x, inner.y + 1, inner.width, 1), buf);
        return;
    }
    let scroll = search.cursor.saturating_sub(rows.saturating_sub(1));
    for (i, hit) in search.hits.iter().enumerate().skip(scroll).take(rows) {
        let y = inner.y + 1 + (i - scroll) as u16;
        let line_area = Rect::new(inner.x, y, inner.width, 1);
        let selected = i == search.cursor;
        let base = if selected { t.cursor } else { t.text };
        let label = format!("{:<10} {:<6} ", hit.column.noun(), hit.field.to_lowercase());
        let mut spans = vec![Span::styled(label.clone(), t.dim)];
        let mut used = label.chars().count();
        let shown = crate::text::visible(&hit.text);
        // Whose it is and where always shows: the text is cut first.
        let context = format!("  — {}", fit(&hit.context, cells / 3));
        let text_room = cells.saturating_sub(super::textfit::width(&context));
        for (ci, c) in shown.chars().enumerate() {
            let cw = c.width().unwrap_or(0);
            if used + cw + 1 > text_room {
                spans.push(Span::styled("…", base));
                used += 1;
                break;
            }
            let matched = hit.indices.binary_search(&(ci as u32)).is_ok();
            let style = if matched {
                base.patch(t.key)
                    .add_modifier(ratatui::style::Modifier::UNDERLINED)
            } else {
                base
            };
            spans.push(Span::styled(c.to_string(), style));
            used += cw;
        }
        if used + 3 < cells {
            spans.push(Span::styled(fit(&context, cells - used), t.dim));
        }
        buf.set_style(line_area, base);
        Line::from(spans).render(line_area, buf);
    }
}

/// A line of typed text in at most `cells` cells (control characters made visible): selected
/// text reversed (typing replaces it), else the text with a bar at the cursor, the part around
/// the cursor shown when the whole does not fit.
pub fn line_input(input: &LineInput, cells: usize, t: &Theme) -> Vec<Span<'static>> {
    use super::textfit::width;
    let shown = crate::text::visible(input.text());
    if input.is_selected() {
        return vec![Span::styled(fit(&shown, cells), t.cursor)];
    }
    let at = shown
        .char_indices()
        .nth(input.cursor())
        .map_or(shown.len(), |(i, _)| i);
    let (before, after) = shown.split_at(at);
    let room = cells.saturating_sub(1);
    let (before, after) = if width(before) + width(after) <= room {
        (before.to_string(), after.to_string())
    } else {
        // Some of what follows the cursor, the rest for what comes before it.
        let after = fit(after, width(after).min(room / 3));
        let before_room = room.saturating_sub(width(&after));
        (fit_tail(before, before_room), after)
    };
    vec![
        Span::styled(before, t.text),
        Span::styled("▏", t.key),
        Span::styled(after, t.text),
    ]
}

/// The end of `s` in at most `cells` cells, "…" first when cut.
fn fit_tail(s: &str, cells: usize) -> String {
    use unicode_width::UnicodeWidthChar as _;
    if super::textfit::width(s) <= cells {
        return s.to_string();
    }
    if cells == 0 {
        return String::new();
    }
    let mut kept = Vec::new();
    let mut used = 1;
    for c in s.chars().rev() {
        let w = c.width().unwrap_or(0);
        if used + w > cells {
            break;
        }
        kept.push(c);
        used += w;
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// What the keys do to selected text, named from the keymap of `mode`: "typing replaces it,
/// → or End keeps it".
fn selected_note(keymap: &Keymap, mode: KeyMode) -> String {
    let keys: Vec<String> = [Action::CursorRight, Action::LineEnd]
        .iter()
        .filter_map(|a| keymap.keys(mode, *a).first().map(|k| k.to_string()))
        .collect();
    if keys.is_empty() {
        return "typing replaces it".to_string();
    }
    format!("typing replaces it, {} keeps it", keys.join(" or "))
}

/// Which link to follow, when a goal has several.
pub fn pick(state: &State, pick: &crate::app::Pick, t: &Theme, area: Rect, buf: &mut Buffer) {
    let ws = state.doc.workspace();
    let index = &state.doc.derived().index;
    let mut lines = Vec::new();
    for (i, id) in pick.goals.iter().enumerate() {
        let text = match (index.goal(ws, id), index.persona_of(ws, id)) {
            (Some(g), Some(p)) => format!("{} — {}", g.text, p.name),
            _ => id.clone(),
        };
        let style = if i == pick.cursor { t.cursor } else { t.text };
        let number = if i < 9 {
            format!("{} ", i + 1)
        } else {
            "  ".into()
        };
        lines.push(Line::from(vec![
            Span::styled(number, t.key),
            Span::styled(fit_pad(&text, 70), style),
        ]));
    }
    let title = if pick.up {
        " go up the chain to… "
    } else {
        " go down the chain to… "
    };
    let h = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2);
    let r = centered(area, 76, h);
    Clear.render(r, buf);
    buf.set_style(r, t.base);
    let visible = usize::from(r.height.saturating_sub(2));
    let scroll = pick.cursor.saturating_sub(visible.saturating_sub(1));
    Paragraph::new(lines)
        .scroll((u16::try_from(scroll).unwrap_or(0), 0))
        .block(boxed(title.into(), t))
        .render(r, buf);
}

pub fn prompt(state: &State, prompt: &Prompt, t: &Theme, area: Rect, buf: &mut Buffer) {
    let (title, mut lines) = match prompt {
        Prompt::Quit => (
            " unsaved changes ",
            vec![Line::styled("There are unsaved changes.", t.text)],
        ),
        Prompt::ChangedOnDisk => (
            " the file changed on disk ",
            vec![
                Line::styled(
                    "Someone (or something) changed the file since you opened or saved it.",
                    t.text,
                ),
                Line::styled("Saving now would overwrite their changes.", t.warning),
            ],
        ),
        Prompt::ReadOnlyFile => (
            " the file is read-only ",
            vec![
                Line::styled("The file has no write permission.", t.text),
                Line::styled(
                    "Saving anyway replaces it; the new file is read-only too.",
                    t.warning,
                ),
            ],
        ),
        Prompt::ConfirmReload => (
            " reload and lose your changes? ",
            vec![
                Line::styled("Reloading shows the file as it is on disk now.", t.text),
                Line::styled(
                    "Every unsaved change of this session will be lost.",
                    t.warning,
                ),
            ],
        ),
        Prompt::Recovery {
            when,
            personas,
            goals,
        } => (
            " recovery copy found ",
            vec![
                Line::styled(
                    format!("This file has a recovery copy of unsaved work, made {when}."),
                    t.text,
                ),
                Line::styled(
                    if *personas == 0 && *goals == 0 {
                        "It differs from the file only in the order of personas or goals."
                            .to_string()
                    } else {
                        format!(
                            "It differs from the file in {personas} persona(s) and {goals} goal(s)."
                        )
                    },
                    t.warning,
                ),
            ],
        ),
        Prompt::Conflict { index } => {
            let c = state.doc.workspace().conflicts.get(*index);
            let show = |v: Option<&Option<String>>| match v {
                Some(Some(s)) => fit(s, 60),
                _ => "(deleted)".to_string(),
            };
            let what = c.map_or(String::new(), |c| {
                if c.id.is_empty() {
                    "The workspace title changed on both sides.".to_string()
                } else if c.is_record() {
                    format!(
                        "{} was deleted on one side and changed on the other.",
                        fit(&c.id, 40)
                    )
                } else {
                    format!(
                        "The {} of {} changed on both sides.",
                        c.field,
                        fit(&c.id, 40)
                    )
                }
            });
            let mut lines = vec![Line::styled(what, t.text)];
            if c.is_some_and(|c| !c.is_record()) {
                lines.push(Line::styled(
                    format!("ours:   {}", show(c.map(|c| &c.ours))),
                    t.text,
                ));
                lines.push(Line::styled(
                    format!("theirs: {}", show(c.map(|c| &c.theirs))),
                    t.text,
                ));
                lines.push(Line::styled(
                    format!("base:   {}", show(c.map(|c| &c.base))),
                    t.dim,
                ));
            } else {
                lines.push(Line::styled(
                    "o / t: keep the side that kept it, or delete it as the other side did.",
                    t.warning,
                ));
            }
            (" merge conflict ", lines)
        }
        Prompt::Delete {
            what,
            dependents,
            names,
        } => {
            let mut lines = vec![
                Line::styled(format!("Delete {}?", fit(what, 60)), t.text),
                Line::styled(
                    format!("{dependents} linked goal(s) lose a link to it, such as:"),
                    t.warning,
                ),
            ];
            for n in names {
                lines.push(Line::styled(format!("  • {}", fit(n, 60)), t.text));
            }
            (" delete linked item ", lines)
        }
    };
    lines.push(Line::raw(""));
    let mut spans = Vec::new();
    for (k, l) in state.keymap.answers(state.key_mode()) {
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
        .block(boxed(title.into(), t))
        .render(r, buf);
}

fn form_title(form: &Form, state: &State) -> String {
    let column = match form.target {
        FormTarget::NewPersona { column, .. }
        | FormTarget::Persona { column, .. }
        | FormTarget::NewGoal { column, .. }
        | FormTarget::Goal { column, .. } => column,
        FormTarget::Title => {
            return " workspace title: the status bar and every export show it ".into();
        }
        FormTarget::Conflict { .. } => {
            return " resolve a merge conflict: keep what should stay, Ctrl-s saves ".into();
        }
    };
    let persona_name = |c: crate::model::Column, i: usize| {
        state
            .doc
            .workspace()
            .column(c)
            .get(i)
            .map(|p| fit(&p.name, 30))
            .unwrap_or_default()
    };
    match form.target {
        FormTarget::NewPersona { .. } => format!(" new persona in {column} "),
        FormTarget::Persona { .. } => format!(" edit {} persona ", column.noun()),
        FormTarget::NewGoal { persona, .. } => {
            format!(" new goal for {} ", persona_name(column, persona))
        }
        FormTarget::Goal { persona, .. } => {
            format!(" edit goal of {} ", persona_name(column, persona))
        }
        FormTarget::Title | FormTarget::Conflict { .. } => String::new(),
    }
}

pub fn form(state: &State, form: &Form, t: &Theme, area: Rect, buf: &mut Buffer) {
    let width = area.width.saturating_sub(4).clamp(1, 90);
    let singles = form.fields.iter().filter(|f| !f.is_multiline()).count() as u16;
    let multis = form.fields.len() as u16 - singles;
    let room = area.height.saturating_sub(2 + 2);
    let multi_h = room
        .saturating_sub(singles)
        .checked_div(multis)
        .map_or(1, |h| h.clamp(1, 4));
    let heights: Vec<u16> = form
        .fields
        .iter()
        .map(|f| if f.is_multiline() { multi_h } else { 1 })
        .collect();
    let total: u16 = heights.iter().sum();
    let r = centered(area, width, (total + 4).min(area.height));
    Clear.render(r, buf);
    buf.set_style(r, t.base);
    let block = boxed(form_title(form, state), t);
    let inner = block.inner(r);
    block.render(r, buf);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    let body_h = inner.height.saturating_sub(2);
    // Scroll so the focused field is on screen.
    let mut start = 0;
    while start < form.focus {
        let h: u16 = heights[start..=form.focus].iter().sum();
        if h <= body_h {
            break;
        }
        start += 1;
    }
    let label_w = 16.min(inner.width / 3).max(2);
    let mut y = inner.y;
    for (i, f) in form.fields.iter().enumerate().skip(start) {
        let h = heights[i];
        if y + h > inner.y + body_h {
            break;
        }
        let focused = i == form.focus;
        let label_style = if focused { t.key } else { t.dim };
        let marker = if focused { "›" } else { " " };
        Line::styled(
            format!("{marker}{}", fit_pad(f.label, usize::from(label_w) - 1)),
            label_style,
        )
        .render(Rect::new(inner.x, y, label_w, 1), buf);
        let value_area = Rect::new(inner.x + label_w + 1, y, inner.width - label_w - 1, h);
        match f.kind {
            FieldKind::Choice(_) => {
                let mut spans = Vec::new();
                for k in 0..f.kind.choice_count() {
                    let o = f.kind.choice_label(k);
                    let style = if k == f.choice {
                        if focused { t.cursor } else { t.persona }
                    } else {
                        t.dim
                    };
                    let text = if k == f.choice {
                        format!("[{o}]")
                    } else {
                        format!(" {o} ")
                    };
                    spans.push(Span::styled(text, style));
                }
                Line::from(spans).render(value_area, buf);
            }
            _ => {
                let mut ta = with_placeholders(&f.text);
                ta.set_cursor_line_style(Style::default());
                ta.set_cursor_style(if focused { t.cursor } else { Style::default() });
                // Selected text (a default the program made) reversed, as the cursor is, in
                // every theme.
                ta.set_selection_style(t.cursor);
                ta.set_style(if focused { t.text } else { t.dim });
                ta.render(value_area, buf);
            }
        }
        y += h;
    }
    let footer = match &form.error {
        Some(e) => Line::styled(format!("! {e}"), t.error),
        None => {
            let field = form.focused();
            let text = match field.map(|f| f.kind) {
                _ if field.is_some_and(|f| f.text.is_selecting()) => {
                    let note = selected_note(&state.keymap, KeyMode::Form);
                    format!("a default the program made: {note}")
                }
                Some(FieldKind::Choice(_)) => "choose one from the list (keys below)".into(),
                Some(FieldKind::List) => "a list: one item a line".into(),
                Some(FieldKind::Multi) => "free text: several lines allowed".into(),
                _ => String::new(),
            };
            Line::styled(fit(&text, usize::from(inner.width)), t.dim)
        }
    };
    footer.render(
        Rect::new(inner.x, inner.y + inner.height - 1, inner.width, 1),
        buf,
    );
}

/// The field as shown while editing: control characters typed or pasted into it appear as
/// their placeholders (one character for one, so the cursor stays where it is), never raw and
/// never dropped unseen. The stored text is not changed.
fn with_placeholders(
    text: &ratatui_textarea::TextArea<'static>,
) -> ratatui_textarea::TextArea<'static> {
    use crate::text::{is_unsafe, visible};
    if !text.lines().iter().any(|l| l.chars().any(is_unsafe)) {
        return text.clone();
    }
    let lines: Vec<String> = text
        .lines()
        .iter()
        .map(|l| visible(l).into_owned())
        .collect();
    let jump = |(row, col): (usize, usize)| {
        ratatui_textarea::CursorMove::Jump(
            u16::try_from(row).unwrap_or(u16::MAX),
            u16::try_from(col).unwrap_or(u16::MAX),
        )
    };
    let mut shown = ratatui_textarea::TextArea::new(lines);
    // The selection too, from its other end to the cursor.
    if let Some((start, end)) = text.selection_range() {
        let other = if start == text.cursor() { end } else { start };
        shown.move_cursor(jump(other));
        shown.start_selection();
    }
    shown.move_cursor(jump(text.cursor()));
    shown
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::style::Modifier;

    use crate::app::{Event, State, update};
    use crate::config::ThemeName;
    use crate::model::Workspace;

    fn press(s: &mut State, code: KeyCode) {
        update(s, Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    /// The cells of the first place the screen shows `text`, and the screen's text.
    fn cells_of(s: &State, text: &str) -> (Vec<ratatui::buffer::Cell>, String) {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        terminal.draw(|f| crate::ui::view(s, f)).expect("draws");
        let buf = terminal.backend().buffer().clone();
        let width = usize::from(buf.area.width);
        let rows: Vec<String> = buf
            .content
            .chunks(width)
            .map(|row| row.iter().map(|c| c.symbol()).collect())
            .collect();
        for (y, row) in rows.iter().enumerate() {
            if let Some(byte) = row.find(text) {
                let x = row[..byte].chars().count();
                let start = y * width + x;
                let cells = buf.content[start..start + text.chars().count()].to_vec();
                return (cells, rows.join("\n"));
            }
        }
        panic!("{text:?} is not on screen:\n{}", rows.join("\n"));
    }

    fn reversed(cells: &[ratatui::buffer::Cell]) -> bool {
        cells
            .iter()
            .all(|c| c.modifier.contains(Modifier::REVERSED))
    }

    #[test]
    fn a_selected_default_with_control_characters_shows_selected_as_placeholders() {
        let ws = Workspace {
            title: "bu\u{7}ilt".into(),
            ..Workspace::default()
        };
        let mut s = State::new(ws, "bu\u{7}ilt.ron".into());
        press(&mut s, KeyCode::Char('t'));
        let (cells, screen) = cells_of(&s, "bu␇ilt ");
        assert!(reversed(&cells[..6]), "{screen}");
        press(&mut s, KeyCode::Char('x'));
        assert!(!s.doc.workspace().title.is_empty());
        let (cells, _) = cells_of(&s, "x ");
        assert!(!reversed(&cells[..1]), "typed over: nothing selected");
    }

    #[test]
    fn selected_text_is_reversed_in_every_theme_and_in_ascii() {
        let themes = [
            ThemeName::Dark,
            ThemeName::Light,
            ThemeName::HighContrast,
            ThemeName::HighContrastLight,
            ThemeName::Mono,
        ];
        for theme in themes {
            for ascii in [false, true] {
                let ws = Workspace {
                    title: "built".into(),
                    ..Workspace::default()
                };
                let mut s = State::new(ws, "built.ron".into());
                s.theme = theme;
                s.ascii = ascii;
                press(&mut s, KeyCode::Char('t'));
                let (cells, screen) = cells_of(&s, "built ");
                assert!(reversed(&cells[..5]), "{theme:?} ascii {ascii}:\n{screen}");
                assert!(
                    screen.contains("typing replaces it"),
                    "{theme:?} ascii {ascii}: the form says so:\n{screen}"
                );
                press(&mut s, KeyCode::End);
                let (cells, _) = cells_of(&s, "built");
                assert!(!reversed(&cells), "{theme:?}: End kept it, unselected");

                let mut s = State::new(crate::store::example(), "x.ron".into());
                s.theme = theme;
                s.ascii = ascii;
                press(&mut s, KeyCode::Char('/'));
                for c in "call".chars() {
                    press(&mut s, KeyCode::Char(c));
                }
                press(&mut s, KeyCode::Enter);
                press(&mut s, KeyCode::Char('/'));
                let (cells, screen) = cells_of(&s, "/ call");
                assert!(reversed(&cells[2..]), "{theme:?} ascii {ascii}:\n{screen}");
                assert!(!reversed(&cells[..2]));
                assert!(
                    screen.contains("keep it (typing replaces it)"),
                    "{theme:?} ascii {ascii}: the hint bar says what keeps it:\n{screen}"
                );
            }
        }
    }
}
