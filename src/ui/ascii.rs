//! The ASCII fallback (SPEC §3): in a non-UTF-8 locale the terminal cannot show box drawing,
//! arrows or the chain symbols, so after a frame is drawn every cell that is not ASCII is
//! replaced — borders by `+ - |`, symbols by look-alikes that keep their meanings apart
//! (`*` direct link, `o` further, `-` a bullet, `#` the chain mark), any other text by `?`.
//! The board draws its own marks in ASCII already ([`super::theme::Glyphs::ASCII`]: `.` a
//! goal, `@` the goal the link picker is open on).

use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr as _;

/// The ASCII stand-in for one character.
pub fn fallback(c: char) -> char {
    match c {
        '─' | '━' | '═' | '╌' | '╍' | '┄' | '┈' | '—' | '–' | '‐' | '−' => {
            '-'
        }
        '│' | '┃' | '║' | '╎' | '╏' | '┆' | '┊' | '▏' | '▕' => '|',
        '┌' | '┐' | '└' | '┘' | '├' | '┤' | '┬' | '┴' | '┼' | '╭' | '╮' | '╰' | '╯' | '╔' | '╗'
        | '╚' | '╝' | '╠' | '╣' | '╦' | '╩' | '╬' | '┏' | '┓' | '┗' | '┛' => {
            '+'
        }
        '◆' => '*',
        '◇' => 'o',
        '⛓' => '#',
        '•' | '·' => '-',
        '›' | '→' | '▶' | '»' => '>',
        '‹' | '←' | '◀' | '«' => '<',
        '↑' | '▲' => '^',
        '↓' | '▼' => 'v',
        '…' => '~',
        '×' => 'x',
        '“' | '”' | '„' => '"',
        '‘' | '’' => '\'',
        c if c.is_ascii() => c,
        _ => '?',
    }
}

/// Replaces every non-ASCII cell of the buffer by its stand-in. A wide character becomes one
/// `?` followed by a space, so columns stay where they were.
pub fn to_ascii(buf: &mut Buffer) {
    let mut widen = false;
    for cell in &mut buf.content {
        let symbol = cell.symbol();
        if symbol.is_ascii() && !(widen && symbol.is_empty()) {
            widen = false;
            continue;
        }
        if widen && symbol.is_empty() {
            cell.set_symbol(" ");
            widen = false;
            continue;
        }
        let wide = symbol.width() > 1;
        let mut stand_in = [0u8; 4];
        let c = symbol.chars().next().map_or(' ', fallback);
        cell.set_symbol(c.encode_utf8(&mut stand_in));
        widen = wide;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    #[test]
    fn every_cell_becomes_ascii_and_columns_stay() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        buf.set_string(0, 0, "┌◆◇—日本x…", ratatui::style::Style::default());
        to_ascii(&mut buf);
        let row: String = buf.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(row, "+*o-? ? x~  ");
        assert!(row.is_ascii());
    }
}
