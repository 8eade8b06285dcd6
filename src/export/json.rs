//! The workspace as JSON: the same structure and field names as the RON file (`format`, `title`,
//! `users`, `departments`, `buyers`, …), every field present, a missing kind or buying role as
//! `null`; a goal's `votes` only when it has some and `conflicts` only when there are any, as in
//! the file, whose `format` it carries. Reading it back with serde gives the same workspace.

use crate::model::Workspace;
use crate::store::format::FileWorkspace;
use crate::text::is_unsafe;

pub(super) fn render(ws: &Workspace) -> String {
    // The file structs have only string keys, so serializing cannot fail; were it ever to,
    // the report says so instead of panicking.
    let json = serde_json::to_string_pretty(&FileWorkspace::from(ws))
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    let mut out = String::with_capacity(json.len() + 1);
    // serde_json escapes the C0 controls inside strings but writes DEL, the C1 controls and bidi
    // overrides raw. Outside strings the text is ASCII punctuation, spaces and newlines, so every
    // unsafe character other than a newline sits inside a string, where `\uXXXX` means the same.
    for c in json.chars() {
        if c != '\n' && is_unsafe(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Persona;

    #[test]
    fn terminal_controls_are_escaped_and_read_back_the_same() {
        let mut ws = Workspace {
            title: "a\u{1b}b\u{7f}c\u{9b}d\u{202e}e".into(),
            ..Workspace::default()
        };
        ws.columns[0].push(std::sync::Arc::new(Persona {
            id: "p".into(),
            name: "P".into(),
            ..Persona::default()
        }));
        let json = render(&ws);
        assert!(!json.chars().any(|c| c != '\n' && is_unsafe(c)), "{json}");
        assert!(json.contains(r"a\u001bb\u007fc\u009bd\u202ee"), "{json}");
        let back: FileWorkspace = serde_json::from_str(&json).expect("parses");
        assert_eq!(Workspace::from(back), ws);
    }
}
