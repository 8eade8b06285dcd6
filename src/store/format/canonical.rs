//! A fast reader for files in the exact layout [`to_ron`](super::to_ron) writes: every field, in
//! its order, one item a line, a comma after each. That is every file this program saved, and
//! reading it here is several times faster than `ron` at 60,000 goals.
//!
//! It reads a strict subset of RON into the same [`FileWorkspace`] and gives up (`None`) at the
//! first thing outside it — a comment after the header, a missing or reordered field, an escape
//! it does not know, a control character, a struct name — and the caller then parses the text
//! with `ron`, which also gives the errors. So for any text it reads, it gives what `ron` gives
//! (a unit test compares the two on saved and on mutated files).

use super::{BuyerKind, FileBuyer, FileBuyingRole, FileGoal, FileUser, FileWorkspace, UserKind};

/// The workspace in `text`, if `text` is in the layout the program writes.
pub fn read(text: &str) -> Option<FileWorkspace> {
    let mut r = Reader {
        text,
        b: text.as_bytes(),
        i: 0,
    };
    r.header();
    r.eat(b'(')?;
    let format = r.field_u32("format")?;
    let title = r.field_str("title")?;
    let users = r.items("users", Reader::user)?;
    let departments = r.items("departments", Reader::user)?;
    let buyers = r.items("buyers", Reader::buyer)?;
    r.eat(b')')?;
    r.ws();
    (r.i == r.b.len()).then_some(FileWorkspace {
        format,
        title,
        users,
        departments,
        buyers,
    })
}

struct Reader<'a> {
    text: &'a str,
    b: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.i) {
            self.i += 1;
        }
    }

    /// Line comments before the opening parenthesis (the header).
    fn header(&mut self) {
        loop {
            self.ws();
            if !self.b[self.i..].starts_with(b"//") {
                return;
            }
            match self.b[self.i..].iter().position(|c| *c == b'\n') {
                Some(end) => self.i += end + 1,
                None => self.i = self.b.len(),
            }
        }
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        self.ws();
        (self.b.get(self.i) == Some(&c)).then(|| self.i += 1)
    }

    fn peek(&mut self, c: u8) -> bool {
        self.ws();
        self.b.get(self.i) == Some(&c)
    }

    fn ident(&mut self) -> Option<&'a str> {
        self.ws();
        let start = self.i;
        while let Some(c) = self.b.get(self.i)
            && (c.is_ascii_alphanumeric() || *c == b'_')
        {
            self.i += 1;
        }
        (self.i > start).then(|| &self.text[start..self.i])
    }

    /// `name:`
    fn key(&mut self, name: &str) -> Option<()> {
        (self.ident()? == name).then_some(())?;
        self.eat(b':')
    }

    fn string(&mut self) -> Option<String> {
        self.eat(b'"')?;
        let start = self.i;
        loop {
            match *self.b.get(self.i)? {
                b'"' => {
                    let s = self.text[start..self.i].to_string();
                    self.i += 1;
                    return Some(s);
                }
                b'\\' => return self.escaped(start),
                0..=0x1f | 0x7f => return None,
                _ => self.i += 1,
            }
        }
    }

    /// The rest of a string that has escapes, from `start` (after the opening quote).
    fn escaped(&mut self, start: usize) -> Option<String> {
        let mut out = String::from(&self.text[start..self.i]);
        loop {
            match *self.b.get(self.i)? {
                b'"' => {
                    self.i += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.i += 1;
                    let c = match *self.b.get(self.i)? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'u' => {
                            self.i += 1;
                            (*self.b.get(self.i)? == b'{').then_some(())?;
                            let hex_start = self.i + 1;
                            let len = self.b[hex_start..]
                                .iter()
                                .take(7)
                                .position(|c| *c == b'}')?;
                            let hex = &self.text[hex_start..hex_start + len];
                            if hex.is_empty()
                                || !hex.bytes().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'))
                            {
                                return None;
                            }
                            self.i = hex_start + len;
                            char::from_u32(u32::from_str_radix(hex, 16).ok()?)?
                        }
                        _ => return None,
                    };
                    out.push(c);
                    self.i += 1;
                }
                0..=0x1f | 0x7f => return None,
                _ => {
                    let run = self.b[self.i..]
                        .iter()
                        .position(|c| matches!(c, b'"' | b'\\' | 0..=0x1f | 0x7f))?;
                    out.push_str(&self.text[self.i..self.i + run]);
                    self.i += run;
                }
            }
        }
    }

    fn field_str(&mut self, name: &str) -> Option<String> {
        self.key(name)?;
        let s = self.string()?;
        self.eat(b',')?;
        Some(s)
    }

    fn field_u32(&mut self, name: &str) -> Option<u32> {
        self.key(name)?;
        let digits = self.ident()?;
        if digits.len() > 9 || !digits.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        self.eat(b',')?;
        digits.parse().ok()
    }

    /// `name: Ident,` or `name: None,`, the identifier read by `known`.
    fn field_enum<T>(&mut self, name: &str, known: fn(&str) -> Option<T>) -> Option<Option<T>> {
        self.key(name)?;
        let ident = self.ident()?;
        let value = if ident == "None" {
            None
        } else {
            Some(known(ident)?)
        };
        self.eat(b',')?;
        Some(value)
    }

    /// `name: [ item, item, ],`
    fn items<T>(&mut self, name: &str, item: fn(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.key(name)?;
        self.eat(b'[')?;
        let mut out = Vec::new();
        while !self.peek(b']') {
            out.push(item(self)?);
            self.eat(b',')?;
        }
        self.i += 1;
        self.eat(b',')?;
        Some(out)
    }

    fn strings(&mut self, name: &str) -> Option<Vec<String>> {
        self.items(name, Reader::string)
    }

    fn goal(&mut self) -> Option<FileGoal> {
        self.eat(b'(')?;
        let goal = FileGoal {
            id: self.field_str("id")?,
            text: self.field_str("text")?,
            why: self.field_str("why")?,
            metric: self.field_str("metric")?,
            supports: self.strings("supports")?,
        };
        self.eat(b')')?;
        Some(goal)
    }

    fn user(&mut self) -> Option<FileUser> {
        self.eat(b'(')?;
        let user = FileUser {
            id: self.field_str("id")?,
            name: self.field_str("name")?,
            role: self.field_str("role")?,
            kind: self.field_enum("kind", user_kind)?,
            summary: self.field_str("summary")?,
            goals: self.items("goals", Reader::goal)?,
            pains: self.strings("pains")?,
            quote: self.field_str("quote")?,
            notes: self.field_str("notes")?,
        };
        self.eat(b')')?;
        Some(user)
    }

    fn buyer(&mut self) -> Option<FileBuyer> {
        self.eat(b'(')?;
        let buyer = FileBuyer {
            id: self.field_str("id")?,
            name: self.field_str("name")?,
            role: self.field_str("role")?,
            kind: self.field_enum("kind", buyer_kind)?,
            buying_role: self.field_enum("buying_role", buying_role)?,
            summary: self.field_str("summary")?,
            goals: self.items("goals", Reader::goal)?,
            pains: self.strings("pains")?,
            objections: self.strings("objections")?,
            criteria: self.strings("criteria")?,
            quote: self.field_str("quote")?,
            notes: self.field_str("notes")?,
        };
        self.eat(b')')?;
        Some(buyer)
    }
}

fn user_kind(s: &str) -> Option<UserKind> {
    Some(match s {
        "GoalDirected" => UserKind::GoalDirected,
        "RoleBased" => UserKind::RoleBased,
        "Engaging" => UserKind::Engaging,
        "Fictional" => UserKind::Fictional,
        _ => return None,
    })
}

fn buyer_kind(s: &str) -> Option<BuyerKind> {
    Some(match s {
        "Competitive" => BuyerKind::Competitive,
        "Spontaneous" => BuyerKind::Spontaneous,
        "Humanistic" => BuyerKind::Humanistic,
        "Methodical" => BuyerKind::Methodical,
        _ => return None,
    })
}

fn buying_role(s: &str) -> Option<FileBuyingRole> {
    Some(match s {
        "UltimateBuyer" => FileBuyingRole::UltimateBuyer,
        "DecisionMaker" => FileBuyingRole::DecisionMaker,
        "Influencer" => FileBuyingRole::Influencer,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::{Size, generate};
    use crate::model::{Goal, Persona, Workspace};
    use crate::store::to_ron;
    use ron::extensions::Extensions;

    fn ron_parse(text: &str) -> Result<FileWorkspace, ron::error::SpannedError> {
        ron::Options::default()
            .with_default_extension(Extensions::IMPLICIT_SOME)
            .from_str(text.strip_prefix('\u{feff}').unwrap_or(text))
    }

    /// Whatever the fast reader reads, ron reads the same way.
    fn agrees(text: &str) -> bool {
        match read(text) {
            Some(fast) => {
                assert_eq!(Ok(&fast), ron_parse(text).as_ref(), "for {text:?}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn saved_files_are_read_fast_and_as_ron_reads_them() {
        let mut ws = generate(Size::S, 5);
        ws.title = "Tab\there \"quoted\" back\\slash\nnew line \u{1b}[2J \u{7f} é 日本 🚀".into();
        ws.columns[0][0].goals.push(Goal {
            id: "odd".into(),
            text: "\u{202e}reversed\r\n".into(),
            ..Goal::default()
        });
        ws.columns[1].push(Persona {
            id: "bare".into(),
            name: "Bare".into(),
            ..Persona::default()
        });
        ws.columns[2][0].kind = None;
        ws.columns[2][1].buying_role = None;
        for w in [ws, Workspace::default(), crate::store::example()] {
            assert!(agrees(&to_ron(&w)), "not read fast");
        }
        assert!(agrees(crate::store::EXAMPLE));
    }

    #[test]
    fn anything_else_is_left_to_ron() {
        let text = to_ron(&crate::store::example());
        for (from, to) in [
            ("format: 1,", "format: 1, // one\n"),
            ("title:", "/* c */ title:"),
            ("kind: RoleBased,", "kind: Some(RoleBased),"),
            ("quote:", "zquote:"),
            ("quote: \"Just let me get back to my customers.\",", ""),
            ("\"employee\"", "\"employ\\x65e\""),
            ("(\n    format", "FileWorkspace(\n    format"),
        ] {
            let changed = text.replacen(from, to, 1);
            assert_ne!(changed, text, "{from}");
            assert!(read(&changed).is_none(), "{to}");
        }
        assert!(read(&format!("{text}x")).is_none());
        assert!(read(&text.replace(",\n", "\n")).is_none());
    }

    /// Random single-byte changes to a saved file: where the fast reader still reads it, ron
    /// reads the same.
    #[test]
    fn mutated_files_agree_with_ron() {
        let mut ws = crate::store::example();
        ws.title = "esc \u{1b} quote \" tab \t é 🚀".into();
        let text = to_ron(&ws);
        let bytes = text.as_bytes();
        let mut seed = 7u64;
        let mut read_fast = 0;
        for _ in 0..2000 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let at = (seed >> 33) as usize % bytes.len();
            let pick = b"\"\\,:()[] \nNone_1ab\t{}u";
            let with = pick[(seed >> 20) as usize % pick.len()];
            let mut mutated = bytes.to_vec();
            mutated[at] = with;
            if let Ok(t) = std::str::from_utf8(&mutated)
                && agrees(t)
            {
                read_fast += 1;
            }
        }
        assert!(read_fast > 100, "most harmless changes still read fast");
    }
}
