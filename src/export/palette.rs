//! The colours of the picture and the html page, light and dark, as constants the style sheets
//! are generated from, with the WCAG contrast ratio that a test holds every text colour to on
//! every background it is drawn on (at least 4.5:1).

/// One colour scheme.
pub(crate) struct Palette {
    /// The page.
    pub page: &'static str,
    /// A persona card.
    pub card: &'static str,
    /// A goal box.
    pub goal: &'static str,
    pub text: &'static str,
    /// Secondary text: coverage, legend, labels.
    pub muted: &'static str,
    /// Marks of goals that break the chain.
    pub warn: &'static str,
    /// Borders of cards and boxes (not text).
    pub border: &'static str,
    /// Link curves and arrow heads (not text).
    pub link: &'static str,
}

pub(crate) const LIGHT: Palette = Palette {
    page: "#ffffff",
    card: "#f1f4f8",
    goal: "#ffffff",
    text: "#1b1f24",
    muted: "#4a525c",
    warn: "#a8001c",
    border: "#8a96a3",
    link: "#3d6fa8",
};

pub(crate) const DARK: Palette = Palette {
    page: "#121417",
    card: "#1e2329",
    goal: "#2a3038",
    text: "#eef1f4",
    muted: "#b9c2cc",
    warn: "#ff9a90",
    border: "#6f7b88",
    link: "#8db8ea",
};

#[cfg(test)]
impl Palette {
    /// Every text colour with every background it is drawn on.
    pub fn text_pairs(&self) -> Vec<(&'static str, &'static str)> {
        let mut pairs = Vec::new();
        for fg in [self.text, self.muted, self.warn] {
            for bg in [self.page, self.card, self.goal] {
                pairs.push((fg, bg));
            }
        }
        pairs
    }
}

#[cfg(test)]
/// `#rrggbb` as three channels 0..=255; None for anything else.
fn rgb(hex: &str) -> Option<[u8; 3]> {
    let hex = hex.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

#[cfg(test)]
/// WCAG 2 relative luminance.
fn luminance(c: [u8; 3]) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.039_28 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
}

#[cfg(test)]
/// WCAG 2 contrast ratio of two `#rrggbb` colours (1 to 21); None if either is malformed.
pub(crate) fn contrast(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (luminance(rgb(a)?), luminance(rgb(b)?));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    Some((hi + 0.05) / (lo + 0.05))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_matches_known_values() {
        let black_white = contrast("#000000", "#ffffff").expect("valid");
        assert!((black_white - 21.0).abs() < 1e-9);
        let grey = contrast("#777777", "#ffffff").expect("valid");
        assert!((grey - 4.48).abs() < 0.01, "{grey}");
        assert_eq!(contrast("#fff", "#000000"), None);
    }

    #[test]
    fn every_text_colour_meets_4_5_to_1_on_every_background() {
        for (name, palette) in [("light", &LIGHT), ("dark", &DARK)] {
            for (fg, bg) in palette.text_pairs() {
                let ratio = contrast(fg, bg).expect("valid colours");
                assert!(ratio >= 4.5, "{name}: {fg} on {bg} is {ratio:.2}:1");
            }
        }
    }

    #[test]
    fn links_and_borders_are_visible_against_the_page() {
        // Non-text contrast (WCAG 1.4.11): at least 3:1.
        for palette in [&LIGHT, &DARK] {
            for bg in [palette.page, palette.card] {
                assert!(contrast(palette.link, bg).expect("valid") >= 3.0);
                assert!(contrast(palette.warn, bg).expect("valid") >= 3.0);
            }
            assert!(contrast(palette.border, palette.page).expect("valid") >= 3.0);
        }
    }
}
