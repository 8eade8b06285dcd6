//! How wide text is in the picture, from a fixed table instead of the machine's fonts, and word
//! wrapping by that table. The picture names the font stack [`FONT_STACK`]; Arial, Liberation
//! Sans and Arimo share the same advance widths, which the table holds (in 1/1000 em, from the
//! public Helvetica/Arial metrics). Characters outside ASCII get a generous width, so text
//! measured here is never narrower than it draws. Nothing here depends on the machine.

use unicode_width::UnicodeWidthChar as _;

/// The font stack of every text in the picture. The first three are metric-compatible.
pub(super) const FONT_STACK: &str = "Arial, 'Liberation Sans', Arimo, Helvetica, sans-serif";

/// Advance widths of ASCII 32 (space) to 126 (`~`) in 1/1000 em, regular weight.
const ASCII: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0..9
    278, 278, 584, 584, 584, 556, 1015, // :..@
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A..M
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N..Z
    278, 278, 278, 469, 556, 333, // [..`
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a..m
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n..z
    334, 260, 334, 584, // {..~
];

/// Bold text is drawn this much wider than the regular table says (in percent); bold Arial is at
/// most about 10% wider than regular for letters and digits.
const BOLD_PERCENT: u32 = 112;

/// The width of one character in 1/1000 em.
fn char_width(c: char) -> u32 {
    let code = c as u32;
    if (32..127).contains(&code) {
        return u32::from(ASCII[(code - 32) as usize]);
    }
    match c {
        '—' | '…' | '⚠' | '✓' | '◌' | '●' => 1000,
        '–' | '€' | '£' => 556,
        '‘' | '’' | '‚' => 222,
        '“' | '”' | '„' => 333,
        _ => match c.width() {
            Some(0) => 0,
            // Wide characters (CJK, emoji) may come from a fallback font with a larger advance.
            Some(2) => 1250,
            _ => 722,
        },
    }
}

/// The width of `text` in pixels at `size` px, bold or not, rounded up.
pub(super) fn text_width(text: &str, size: u32, bold: bool) -> u32 {
    let milli: u32 = text.chars().map(char_width).sum();
    let milli = if bold {
        milli * BOLD_PERCENT / 100
    } else {
        milli
    };
    (milli * size).div_ceil(1000)
}

/// `text` broken into lines no wider than `max` px: at spaces where possible, inside a word
/// only when the word alone is too wide. Line breaks in the text are kept. Never returns an
/// empty list.
pub(super) fn wrap(text: &str, size: u32, bold: bool, max: u32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in super::display_lines(text) {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if text_width(&candidate, size, bold) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // The word alone: break it by characters if it is still too wide.
            for c in word.chars() {
                let mut next = line.clone();
                next.push(c);
                if !line.is_empty() && text_width(&next, size, bold) > max {
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                } else {
                    line = next;
                }
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_gives_arial_widths() {
        // "Hello" in Arial: H 722 + e 556 + l 222 + l 222 + o 556 = 2278 / 1000 em.
        assert_eq!(text_width("Hello", 1000, false), 2278);
        assert_eq!(text_width("", 13, false), 0);
        assert!(text_width("Hello", 13, true) > text_width("Hello", 13, false));
        assert!(
            text_width("日本", 10, false) >= 20,
            "wide characters are at least 1 em"
        );
    }

    #[test]
    fn wrapping_keeps_every_line_within_the_width() {
        let text =
            "Forecast my team's quarter within 5% and a Supercalifragilisticexpialidocious word";
        let lines = wrap(text, 13, false, 120);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(text_width(line, 13, false) <= 120, "{line:?}");
        }
        assert_eq!(lines.join(" ").replace(' ', ""), text.replace(' ', ""));
        assert_eq!(wrap("", 13, false, 100), vec![String::new()]);
        assert_eq!(wrap("a\nb", 13, false, 100), vec!["a", "b"]);
    }
}
