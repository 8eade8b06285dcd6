//! The room's address as a QR code, drawn with half blocks: two modules a character cell, so a
//! version-3 code with its quiet zone is 33 × 17 cells and scans off a projector at 80×24.

use qrcode::{Color, EcLevel, QrCode, Version};

/// Modules of light ground around the code (the standard asks for 4; 2 scans well on a screen
/// and keeps the code inside 80×24).
const QUIET: usize = 2;

/// The rows of the code, top to bottom, each a string of `█ ▀ ▄` and spaces where `█` is a
/// dark module above and below. Drawn dark on light; `None` when the text does not fit a
/// version-3 code (an address that long is said in words only).
pub fn lines(text: &str) -> Option<Vec<String>> {
    let code = [EcLevel::M, EcLevel::L]
        .into_iter()
        .find_map(|level| QrCode::with_error_correction_level(text.as_bytes(), level).ok())?;
    match code.version() {
        Version::Normal(v) if v <= 3 => {}
        _ => return None,
    }
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET;
    let dark = |x: usize, y: usize| -> bool {
        x >= QUIET
            && y >= QUIET
            && x - QUIET < width
            && y - QUIET < width
            && colors[(y - QUIET) * width + (x - QUIET)] == Color::Dark
    };
    Some(
        (0..size.div_ceil(2))
            .map(|row| {
                (0..size)
                    .map(|x| match (dark(x, 2 * row), dark(x, 2 * row + 1)) {
                        (true, true) => '█',
                        (true, false) => '▀',
                        (false, true) => '▄',
                        (false, false) => ' ',
                    })
                    .collect()
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_room_address_is_a_version_3_code_inside_80_by_24() {
        let rows = lines("http://192.168.100.200:65535/abcdefgh").unwrap();
        assert!(rows.len() <= 17, "{} rows", rows.len());
        assert!(rows.iter().all(|r| r.chars().count() == 33));
        // The finder pattern's top edge: 7 dark modules from the quiet zone on.
        let first = rows[1].chars().skip(2).take(7).collect::<String>();
        assert!(first.chars().all(|c| c != ' '), "{first:?}");
        // The quiet zone is light: two modules, the whole first row and two columns each side.
        assert!(rows[0].chars().all(|c| c == ' '), "{:?}", rows[0]);
        assert!(
            rows.iter()
                .all(|r| r.starts_with("  ") && r.ends_with("  "))
        );
    }

    #[test]
    fn text_too_long_for_version_3_is_refused() {
        assert!(lines(&"x".repeat(200)).is_none());
    }
}
