//! Fitting untrusted text into a number of terminal cells: control characters made visible,
//! wide characters counted as two cells, an ellipsis where it is cut.

use unicode_width::UnicodeWidthStr;

use crate::text::visible;

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The text made safe and cut to at most `cells` cells (with "…" when cut).
pub fn fit(s: &str, cells: usize) -> String {
    crate::app::cells::cut(&visible(s), cells)
}

/// Like [`fit`], padded with spaces to exactly `cells` cells.
pub fn fit_pad(s: &str, cells: usize) -> String {
    let mut out = fit(s, cells);
    let w = width(&out);
    out.extend(std::iter::repeat_n(' ', cells.saturating_sub(w)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_take_two_cells() {
        assert_eq!(fit("日本語テキスト", 7), "日本語…");
        assert_eq!(width(&fit_pad("日本", 7)), 7);
        assert_eq!(fit("a\u{1b}[2Jb", 10), "a␛[2Jb");
        assert_eq!(fit("abc", 0), "");
    }
}
