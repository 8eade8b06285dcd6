//! Ids the program makes: a short slug of a name or a goal's text, made unique in the workspace.
//! An id never changes after it is made, whatever happens to the text it came from.

const MAX_LEN: usize = 32;

/// A short lower-case slug: ASCII letters and digits joined by dashes, at most 32 characters,
/// cut at a word boundary. Accented and non-Latin letters are transliterated first (deunicode:
/// "Équipe" → "equipe", "日本" → "ri-ben"). Empty when nothing is left.
pub fn slug(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut out = String::new();
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let extra = word.len() + usize::from(!out.is_empty());
        if out.len() + extra > MAX_LEN {
            if out.is_empty() {
                out.push_str(&word[..MAX_LEN].to_ascii_lowercase());
            }
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word.to_ascii_lowercase());
    }
    out
}

/// `slug(text)` (or `fallback` when that is empty), with `-2`, `-3`, … added until `taken` says no.
pub fn unique_id(text: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut base = slug(text);
    if base.is_empty() {
        base = fallback.to_string();
    }
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_short_lower_case_and_dashed() {
        assert_eq!(slug("The Employee"), "the-employee");
        assert_eq!(slug("  IT Director / CTO "), "it-director-cto");
        assert_eq!(
            slug("Log every customer call in under a minute, always"),
            "log-every-customer-call-in-under"
        );
        assert_eq!(slug("日本語"), "ri-ben-yu");
        assert_eq!(slug("Ünïcode café"), "unicode-cafe");
        assert_eq!(slug("Équipe Ventes"), "equipe-ventes");
        assert_eq!(slug("🙂 ✓"), "slight-smile-ok");
        assert_eq!(slug("***"), "");
        assert_eq!(slug(&"x".repeat(50)).len(), 32);
    }

    #[test]
    fn unique_ids_count_up_past_taken_ones() {
        let taken = ["sales", "sales-2"];
        assert_eq!(unique_id("Sales", "p", |id| taken.contains(&id)), "sales-3");
        assert_eq!(
            unique_id("Marketing", "p", |id| taken.contains(&id)),
            "marketing"
        );
        assert_eq!(unique_id("日本", "persona", |_| false), "ri-ben");
        assert_eq!(unique_id("—", "persona", |_| false), "persona");
    }
}
