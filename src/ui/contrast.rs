//! WCAG contrast of the theme styles: colours resolved to RGB with the standard xterm palette
//! (16 named colours, the 6×6×6 cube and the grey ramp), relative luminance and the contrast
//! ratio of WCAG 2.x. Its test holds every theme to 4.5:1 for every style, dim text included.

use ratatui::style::{Color, Modifier, Style};

use super::theme::{Theme, ThemeName, assumed_colours};

/// The xterm RGB of a colour; `None` for `Reset` (the terminal's own).
pub fn rgb(c: Color) -> Option<(u8, u8, u8)> {
    const NAMED: [(u8, u8, u8); 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    let indexed = |i: u8| -> (u8, u8, u8) {
        match i {
            0..=15 => NAMED[usize::from(i)],
            16..=231 => {
                let level = |v: u8| if v == 0 { 0 } else { 55 + 40 * v };
                let n = i - 16;
                (level(n / 36), level(n / 6 % 6), level(n % 6))
            }
            _ => {
                let v = 8 + 10 * (i - 232);
                (v, v, v)
            }
        }
    };
    Some(match c {
        Color::Reset => return None,
        Color::Black => NAMED[0],
        Color::Red => NAMED[1],
        Color::Green => NAMED[2],
        Color::Yellow => NAMED[3],
        Color::Blue => NAMED[4],
        Color::Magenta => NAMED[5],
        Color::Cyan => NAMED[6],
        Color::Gray => NAMED[7],
        Color::DarkGray => NAMED[8],
        Color::LightRed => NAMED[9],
        Color::LightGreen => NAMED[10],
        Color::LightYellow => NAMED[11],
        Color::LightBlue => NAMED[12],
        Color::LightMagenta => NAMED[13],
        Color::LightCyan => NAMED[14],
        Color::White => NAMED[15],
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(i) => indexed(i),
    })
}

/// WCAG relative luminance.
pub fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// WCAG contrast ratio of two colours (1 to 21).
pub fn ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// The contrast of a style drawn over the theme's base on a terminal of the theme's kind;
/// `None` when the style asks for the terminal's dim attribute (its colour is unknowable).
pub fn style_contrast(name: ThemeName, theme: &Theme, style: Style) -> Option<f64> {
    if style.add_modifier.contains(Modifier::DIM) {
        return None;
    }
    let (term_fg, term_bg) = assumed_colours(name);
    let resolve = |c: Option<Color>, fallback: Color| {
        c.and_then(rgb)
            .or_else(|| rgb(fallback))
            .unwrap_or((0, 0, 0))
    };
    let base_fg = theme.base.fg.unwrap_or(term_fg);
    let base_bg = theme.base.bg.unwrap_or(term_bg);
    let mut fg = resolve(style.fg, base_fg);
    let mut bg = resolve(style.bg, base_bg);
    if style.add_modifier.contains(Modifier::REVERSED) {
        std::mem::swap(&mut fg, &mut bg);
    }
    Some(ratio(fg, bg))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [ThemeName; 6] = [
        ThemeName::Auto,
        ThemeName::Dark,
        ThemeName::Light,
        ThemeName::HighContrast,
        ThemeName::HighContrastLight,
        ThemeName::Mono,
    ];

    #[test]
    fn the_ratio_matches_known_pairs() {
        assert!((ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((ratio((1, 2, 3), (1, 2, 3)) - 1.0).abs() < 1e-9);
        // xterm's light grey on white is the old Light theme's unreadable dim text.
        assert!(ratio(rgb(Color::Gray).unwrap(), (255, 255, 255)) < 1.3);
        assert_eq!(rgb(Color::Indexed(240)), Some((88, 88, 88)));
        assert_eq!(rgb(Color::Indexed(22)), Some((0, 95, 0)));
    }

    #[test]
    fn every_style_of_every_theme_has_a_contrast_of_at_least_4_5() {
        let mut failures = Vec::new();
        for name in ALL {
            let theme = Theme::get(name);
            for (label, style) in theme.styles() {
                match style_contrast(name, &theme, style) {
                    Some(r) if r >= 4.5 => {}
                    Some(r) => failures.push(format!("{name:?}.{label}: {r:.2}:1")),
                    None => failures.push(format!("{name:?}.{label}: uses the dim attribute")),
                }
            }
        }
        assert!(failures.is_empty(), "too little contrast: {failures:?}");
    }

    #[test]
    fn styles_that_mean_different_things_differ_in_more_than_colour() {
        for name in ALL {
            let t = Theme::get(name);
            let pairs = [
                ("link / link_other", t.link, t.link_other),
                (
                    "chain_direct / chain_indirect",
                    t.chain_direct,
                    t.chain_indirect,
                ),
                ("chain_direct / text", t.chain_direct, t.text),
                ("cursor / text", t.cursor, t.text),
                ("cursor_unfocused / text", t.cursor_unfocused, t.text),
            ];
            for (what, a, b) in pairs {
                assert_ne!(
                    a.add_modifier, b.add_modifier,
                    "{name:?}: {what} differ only in colour"
                );
            }
        }
    }

    #[test]
    fn mono_has_no_colour_and_high_contrast_paints_its_background() {
        for (_, style) in Theme::mono().styles() {
            assert_eq!((style.fg, style.bg), (None, None));
        }
        assert_eq!(Theme::high_contrast().base.bg, Some(Color::Black));
        assert_eq!(Theme::high_contrast_light().base.bg, Some(Color::White));
    }
}
