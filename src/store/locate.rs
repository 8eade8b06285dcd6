//! Finding the line a validation error is about, in time linear in the file: the text is read
//! once into an index of its quoted strings (where each one appears, and where each appears as
//! the value of an `id` field), then every error is one lookup. Scanning the text again for
//! every error made a file with 64,000 dangling links take half a minute.

use foldhash::HashMap;

use crate::model::ValidationError;

/// Where the quoted strings of a RON text are, by their text as written (quotes included).
pub struct Locator<'t> {
    /// 0-based lines on which each quoted string appears, in order (a line once per string).
    anywhere: HashMap<&'t str, Vec<u32>>,
    /// 0-based lines on which each quoted string is the value of an `id` field, in order.
    as_id: HashMap<&'t str, Vec<u32>>,
    /// How many duplicate-id errors each id has had so far: the n-th is about its n+1-th use.
    duplicates: HashMap<String, usize>,
}

impl<'t> Locator<'t> {
    /// Reads the text once. Strings inside `//` and `/* */` comments are skipped.
    pub fn new(text: &'t str) -> Locator<'t> {
        let mut anywhere: HashMap<&str, Vec<u32>> = HashMap::default();
        let mut as_id: HashMap<&str, Vec<u32>> = HashMap::default();
        let bytes = text.as_bytes();
        let mut line: u32 = 0;
        let mut line_start = 0;
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => {
                    line += 1;
                    line_start = i + 1;
                    i += 1;
                }
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                b'/' if bytes.get(i + 1) == Some(&b'*') => {
                    i += 2;
                    while i < bytes.len() && !(bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/'))
                    {
                        if bytes[i] == b'\n' {
                            line += 1;
                            line_start = i + 1;
                        }
                        i += 1;
                    }
                    i += 2;
                }
                b'"' => {
                    let start = i;
                    let start_line = line;
                    let before = &text[line_start..start];
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' {
                        match bytes[i] {
                            b'\\' => i += 1,
                            b'\n' => {
                                line += 1;
                                line_start = i + 1;
                            }
                            _ => {}
                        }
                        i += 1;
                    }
                    i = (i + 1).min(bytes.len());
                    // Quotes are ASCII, so these are char boundaries.
                    let quoted = &text[start..i];
                    push_once(anywhere.entry(quoted).or_default(), start_line);
                    if is_id_value(before) {
                        push_once(as_id.entry(quoted).or_default(), start_line);
                    }
                }
                _ => i += 1,
            }
        }
        Locator {
            anywhere,
            as_id,
            duplicates: HashMap::default(),
        }
    }

    /// The 1-based line an error is about: the bad link's line inside its goal, else the line
    /// of the id the error names.
    pub fn locate(&mut self, error: &ValidationError) -> Option<usize> {
        use ValidationError as V;
        let first_id = |id: &str| self.as_id.get(quoted(id).as_str())?.first().copied();
        let line = match error {
            V::MissingGoal { goal, target, .. }
            | V::WrongColumn { goal, target, .. }
            | V::DuplicateLink { goal, target, .. } => {
                let start = first_id(goal)?;
                let lines = self.anywhere.get(quoted(target).as_str())?;
                let at = lines.partition_point(|l| *l < start);
                lines.get(at).copied()
            }
            V::DuplicateId { id, .. } => {
                let seen = self.duplicates.entry(id.clone()).or_default();
                *seen += 1;
                let nth = *seen;
                self.as_id.get(quoted(id).as_str())?.get(nth).copied()
            }
            V::EmptyName { persona, .. }
            | V::ChoiceNotForColumn { persona, .. }
            | V::FieldNotForColumn { persona, .. } => first_id(persona),
            V::EmptyGoalText { goal, .. } => first_id(goal),
            V::EmptyPersonaId { .. } | V::EmptyGoalId { .. } => None,
        }?;
        Some(line as usize + 1)
    }
}

fn push_once(lines: &mut Vec<u32>, line: u32) {
    if lines.last() != Some(&line) {
        lines.push(line);
    }
}

/// Whether the text before a string on its line ends with `id:` (a RON field `id`).
fn is_id_value(before: &str) -> bool {
    before
        .trim_end()
        .strip_suffix(':')
        .map(str::trim_end)
        .is_some_and(|b| {
            b.strip_suffix("id").is_some_and(|rest| {
                !rest
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
        })
}

/// An id as the file writes it, quotes and escapes included.
fn quoted(s: &str) -> String {
    let mut out = String::new();
    super::format::push_string(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_links_are_found_on_their_lines() {
        let text = "(\n users: [(id: \"u\", name: \"U\", goals: [\n  (id: \"g\", text: \"t\", supports: [\"x\",\n \"ghost\"]),\n  // id: \"ghost\"\n  (id: \"g\", text: \"a \\\"q\\\" \\n\")])],\n)";
        let mut l = Locator::new(text);
        let missing = ValidationError::MissingGoal {
            persona: "u".into(),
            goal: "g".into(),
            target: "ghost".into(),
        };
        assert_eq!(l.locate(&missing), Some(4));
        let dup = ValidationError::DuplicateId {
            id: "g".into(),
            first: String::new(),
            second: String::new(),
        };
        assert_eq!(l.locate(&dup), Some(6), "the comment is not an id");
        let empty = ValidationError::EmptyName {
            column: crate::model::Column::Users,
            persona: "u".into(),
        };
        assert_eq!(l.locate(&empty), Some(2));
    }

    #[test]
    fn each_duplicate_points_at_its_own_use() {
        let text = "(users: [\n(id: \"x\"),\n(id: \"x\"),\n(id: \"x\"),\n])";
        let mut l = Locator::new(text);
        let dup = ValidationError::DuplicateId {
            id: "x".into(),
            first: String::new(),
            second: String::new(),
        };
        assert_eq!(l.locate(&dup), Some(3));
        assert_eq!(l.locate(&dup), Some(4));
    }

    #[test]
    fn only_the_id_field_counts_as_an_id() {
        assert!(is_id_value("  (id: "));
        assert!(is_id_value("id :"));
        assert!(!is_id_value("  (valid: "));
        assert!(!is_id_value("  id "));
    }
}
