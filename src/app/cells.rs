//! Text measured in terminal cells. Here, below both, so that `rows` (which reads `layout`'s
//! areas) and `layout` (whose status bar cuts the file name) do not read each other.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cut to at most `cells` cells, with "…" when cut.
pub fn cut(s: &str, cells: usize) -> String {
    if UnicodeWidthStr::width(s) <= cells {
        return s.to_string();
    }
    if cells == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > cells - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}
