//! The README's picture of the board is the app's own screen: the example at 120×40 drawn by
//! `ui::view` on a `TestBackend`, each cell's symbol, colours and bold turned into SVG. The test
//! rewrites `docs/board.svg` (dark) and `docs/board-light.svg` (light) and fails when the committed
//! ones were stale, so the picture never shows a screen the app no longer draws.

mod common;

use common::tui::{run_script, typed};

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use personas::app::State;
use personas::export::escape;
use personas::ui::contrast::rgb;
use personas::ui::theme::{ThemeName, assumed_colours};
use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr as _;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
/// A cell in pixels: a 15 px monospace font advances about 9 px.
const CELL_W: u32 = 9;
const CELL_H: u32 = 18;

/// The example at 120×40 in `theme`, the cursor on the first user goal so its chain is drawn.
fn board(theme: ThemeName) -> Buffer {
    let mut state = State::new(personas::store::example(), PathBuf::from("acme.ron"));
    state.theme = theme;
    let terminal = run_script(&mut state, WIDTH, HEIGHT, typed("j"));
    terminal.backend().buffer().clone()
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// What a cell looks like: foreground, background (reversed already swapped), bold, underlined.
#[derive(Clone, PartialEq)]
struct Look {
    fg: String,
    bg: String,
    bold: bool,
    underlined: bool,
}

fn look(cell: &Cell, theme: ThemeName) -> Look {
    let (term_fg, term_bg) = assumed_colours(theme);
    let resolve = |c: Color, fallback: Color| hex(rgb(c).or(rgb(fallback)).unwrap_or((0, 0, 0)));
    let (mut fg, mut bg) = (resolve(cell.fg, term_fg), resolve(cell.bg, term_bg));
    if cell.modifier.contains(Modifier::REVERSED) {
        std::mem::swap(&mut fg, &mut bg);
    }
    Look {
        fg,
        bg,
        bold: cell.modifier.contains(Modifier::BOLD),
        underlined: cell.modifier.contains(Modifier::UNDERLINED),
    }
}

/// The buffer as an SVG: a rect per run of cells with a background of their own, and a
/// monospace text per run of cells that look alike, stretched to exactly its cells so the grid
/// holds whatever font the viewer has. Text goes through the html export's escaper.
fn svg(buf: &Buffer, theme: ThemeName) -> String {
    let (w, h) = (u32::from(buf.area.width), u32::from(buf.area.height));
    let screen_bg = hex(rgb(assumed_colours(theme).1).unwrap_or((0, 0, 0)));
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{pw}" height="{ph}" viewBox="0 0 {pw} {ph}" font-family="'DejaVu Sans Mono', Menlo, Consolas, 'Liberation Mono', monospace" font-size="15">"#,
        pw = w * CELL_W,
        ph = h * CELL_H,
    );
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" fill="{screen_bg}"/>"#
    );
    for (y, row) in (0u32..).zip(buf.content.chunks(usize::from(buf.area.width).max(1))) {
        // Each shown cell with its x and width: the cell after a wide character is hidden by it.
        let mut cells = Vec::new();
        let mut x = 0u32;
        let mut skip = 0usize;
        for cell in row {
            if skip > 0 {
                skip -= 1;
                x += 1;
                continue;
            }
            let width = cell.symbol().width().max(1);
            skip = width - 1;
            cells.push((x, width as u32, cell.symbol(), look(cell, theme)));
            x += 1;
        }
        let mut i = 0;
        while i < cells.len() {
            let (x0, _, _, ref style) = cells[i];
            let mut j = i;
            let mut text = String::new();
            let mut span = 0;
            while j < cells.len() && cells[j].3 == *style {
                text.push_str(cells[j].2);
                span += cells[j].1;
                j += 1;
            }
            let (px, py) = (x0 * CELL_W, y * CELL_H);
            if style.bg != screen_bg {
                let _ = writeln!(
                    out,
                    r#"<rect x="{px}" y="{py}" width="{}" height="{CELL_H}" fill="{}"/>"#,
                    span * CELL_W,
                    style.bg
                );
            }
            if !text.trim().is_empty() {
                let weight = if style.bold {
                    r#" font-weight="bold""#
                } else {
                    ""
                };
                let line = if style.underlined {
                    r#" text-decoration="underline""#
                } else {
                    ""
                };
                let _ = writeln!(
                    out,
                    r#"<text x="{px}" y="{}" fill="{}"{weight}{line} textLength="{}" lengthAdjust="spacingAndGlyphs" xml:space="preserve">{}</text>"#,
                    py + CELL_H - 5,
                    style.fg,
                    span * CELL_W,
                    escape(&text)
                );
            }
            i = j;
        }
    }
    out.push_str("</svg>\n");
    out
}

/// Writes the picture afresh and fails when the committed one differed.
fn check_picture(theme: ThemeName, file: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join(file);
    let fresh = svg(&board(theme), theme);
    assert!(
        fresh.contains("Log every customer call"),
        "the picture shows the board's text"
    );
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != fresh {
        std::fs::create_dir_all(path.parent().expect("docs/")).expect("create docs/");
        std::fs::write(&path, &fresh).unwrap_or_else(|e| panic!("write {file}: {e}"));
        panic!("{file} was stale and has been rewritten; commit it");
    }
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    assert!(readme.contains(file), "the README shows {file}");
}

#[test]
fn the_dark_board_picture_is_the_current_screen() {
    check_picture(ThemeName::Dark, "docs/board.svg");
}

#[test]
fn the_light_board_picture_is_the_current_screen() {
    check_picture(ThemeName::Light, "docs/board-light.svg");
}

/// The picture carries what the screen shows: its colours, bold and the cursor's reversed cells.
#[test]
fn the_picture_keeps_colours_bold_and_the_cursor() {
    let buf = board(ThemeName::Dark);
    let picture = svg(&buf, ThemeName::Dark);
    let cursor = buf
        .content
        .iter()
        .find(|c| c.modifier.contains(Modifier::REVERSED))
        .expect("a reversed cursor");
    let reversed = look(cursor, ThemeName::Dark);
    assert!(
        picture.contains(&format!(r#"fill="{}""#, reversed.bg)),
        "the cursor's background is drawn"
    );
    assert!(picture.contains(r#"font-weight="bold""#));
    // Yellow (xterm 205,205,0) marks the selected chain in the dark theme.
    assert!(picture.contains("#cdcd00"), "the chain's colour is kept");
    let light = svg(&board(ThemeName::Light), ThemeName::Light);
    assert!(light.contains(r##"fill="#ffffff"/>"##), "a white page");
    assert_ne!(picture, light);
}
