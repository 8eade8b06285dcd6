//! Text from a file is untrusted: before it reaches a terminal every control character, escape
//! sequence introducer and bidi override becomes a visible placeholder.

use std::borrow::Cow;

/// Whether a character must never be sent to a terminal as it is.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{feff}')
}

/// The placeholder shown instead of an unsafe character: the Unicode "control picture" for
/// C0 controls (␛ for ESC, ␇ for BEL), ␡ for DEL, and � for the rest.
pub fn placeholder(c: char) -> char {
    match c as u32 {
        n @ 0..=0x1f => char::from_u32(0x2400 + n).unwrap_or('\u{fffd}'),
        0x7f => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// The text with every unsafe character replaced by its placeholder. Borrowed when clean.
pub fn visible(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_unsafe) {
        Cow::Owned(
            s.chars()
                .map(|c| if is_unsafe(c) { placeholder(c) } else { c })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

/// A path as it may be printed: lossy UTF-8, every unsafe character visible.
pub fn shown_path(path: &std::path::Path) -> String {
    visible(&path.to_string_lossy()).into_owned()
}

/// A message of several lines as it may be printed: each line made [`visible`], newlines kept.
pub fn visible_block(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&visible(line));
    }
    out
}

/// Like [`visible`], but keeps newlines (for multi-line fields shown line by line).
pub fn visible_lines(s: &str) -> impl Iterator<Item = Cow<'_, str>> {
    s.split('\n').map(visible)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_become_placeholders() {
        assert_eq!(visible("a\u{1b}]0;pwned\u{7}b"), "a␛]0;pwned␇b");
        assert_eq!(visible("x\u{202e}y\u{9b}z"), "x\u{fffd}y\u{fffd}z");
        assert!(matches!(visible("plain café 日本"), Cow::Borrowed(_)));
    }
}
