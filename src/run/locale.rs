//! What the environment says about the terminal (SPEC §3): `TERM=dumb` and `*-mono` terminals
//! get the Mono theme, and a locale that is not UTF-8 (`LC_ALL`, else `LC_CTYPE`, else `LANG`;
//! none set is the C locale) gets ASCII symbols and borders. Pure: the caller passes the values.

/// Whether the terminal type has no colour.
pub fn mono_terminal(term: Option<&str>) -> bool {
    term.is_some_and(|t| t == "dumb" || t.ends_with("-mono"))
}

/// Whether the locale's character set is UTF-8, from the variables in POSIX order of
/// precedence (an empty one counts as unset).
pub fn utf8_locale(var: impl Fn(&str) -> Option<String>) -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|name| var(name).filter(|v| !v.is_empty()))
        .is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.contains("utf-8") || v.contains("utf8")
        })
}

/// [`utf8_locale`] for this process's environment.
pub fn utf8_locale_here() -> bool {
    utf8_locale(|name| std::env::var(name).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_string())
        }
    }

    #[test]
    fn the_locale_follows_posix_precedence() {
        assert!(utf8_locale(env(&[("LANG", "en_US.UTF-8")])));
        assert!(utf8_locale(env(&[("LANG", "C.utf8")])));
        assert!(!utf8_locale(env(&[("LANG", "C")])));
        assert!(!utf8_locale(env(&[])), "nothing set is the C locale");
        assert!(!utf8_locale(env(&[("LC_ALL", "C"), ("LANG", "C.UTF-8")])));
        assert!(utf8_locale(env(&[
            ("LC_ALL", ""),
            ("LC_CTYPE", "de_DE.UTF-8"),
            ("LANG", "C")
        ])));
        assert!(!utf8_locale(env(&[
            ("LC_CTYPE", "de_DE.ISO-8859-1"),
            ("LANG", "C.UTF-8")
        ])));
    }

    #[test]
    fn dumb_and_mono_terminals_have_no_colour() {
        assert!(mono_terminal(Some("dumb")));
        assert!(mono_terminal(Some("xterm-mono")));
        assert!(!mono_terminal(Some("xterm-256color")));
        assert!(!mono_terminal(None));
    }
}
