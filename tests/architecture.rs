//! Imports go one way (README, "Layout of the code"): no circles between the files of one
//! module, none between the top-level modules, and no top-level module reads one the rules
//! keep it from. A plain reading of the source, no compiler: every `crate::…`, `super::…`,
//! `self::…` path and every path through a child module is resolved to the file it names.
//!
//! The graph is drawn at two levels. At the top, the nodes are the top-level modules
//! (`app/`, `config.rs`, `cli.rs` with `cli/`, …). Inside a module with files, the nodes are
//! its children (a file, or a sub-folder taken as a whole); the module's own `mod.rs` is their
//! parent, not one of them, so a child using its parent's items is not a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Which top-level modules each top-level module may read (besides itself). `main` is the binary.
const ALLOWED: &[(&str, &[&str])] = &[
    ("text", &[]),
    ("model", &[]),
    ("store", &["model", "text"]),
    // The room's server and page (SPEC §11) read the workspace and the html export's escaping
    // and colours; the app reads the room's data (proposals, rounds) but never its server.
    ("room", &["export", "model", "store", "text"]),
    ("app", &["model", "room", "store", "text"]),
    ("config", &["app", "model", "room", "store", "text"]),
    ("speech", &["app", "model", "room", "store", "text", "ui"]),
    ("ui", &["app", "model", "room", "text"]),
    ("exit", &["model", "store", "text"]),
    ("export", &["model", "store", "text"]),
    ("import", &["exit", "export", "model", "store", "text"]),
    ("merge", &["model", "store", "text"]),
    // diff walks the same by-id maps of the two sides as the merge (merge::side), built once.
    ("diff", &["merge", "model", "store", "text"]),
    (
        "cli",
        &[
            "diff", "exit", "export", "import", "merge", "model", "room", "speech", "store", "text",
        ],
    ),
    (
        "run",
        &[
            "app", "config", "model", "room", "speech", "store", "text", "ui",
        ],
    ),
];

/// A module path (`["app", "layout"]`) for every file under src/, and the file it lives in.
/// A `#[path = "x_tests.rs"] mod tests;` file belongs to the file that declares it.
struct Crate {
    /// module path → file (relative to src/)
    modules: BTreeMap<Vec<String>, String>,
    /// file → (module path of the file, source)
    files: BTreeMap<String, (Vec<String>, String)>,
}

fn module_path(file: &str) -> Vec<String> {
    let stem = file.strip_suffix(".rs").unwrap_or(file);
    let mut parts: Vec<String> = stem.split('/').map(str::to_string).collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

fn read_crate() -> Crate {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("src/ entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&src).expect("under src/");
                found.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    // Files pulled in by `#[path]` are test modules of the file that names them.
    let mut hosted: BTreeMap<String, String> = BTreeMap::new();
    for file in &found {
        let text = fs::read_to_string(src.join(file)).expect("source is readable");
        for line in text.lines() {
            if let Some(rest) = line.trim().strip_prefix("#[path = \"") {
                let name = rest.split('"').next().unwrap_or_default();
                let dir = file.rsplit_once('/').map_or("", |(d, _)| d);
                let target = if dir.is_empty() {
                    name.to_string()
                } else {
                    format!("{dir}/{name}")
                };
                hosted.insert(target, file.clone());
            }
        }
    }
    // Modules declared under `#[cfg(test)]`: tests, not the program's structure.
    let mut tests: BTreeSet<Vec<String>> = BTreeSet::new();
    for file in &found {
        let text = fs::read_to_string(src.join(file)).expect("source is readable");
        let mut under_cfg_test = false;
        for line in text.lines() {
            let line = line.trim();
            if line == "#[cfg(test)]" {
                under_cfg_test = true;
            } else if !line.starts_with("#[") {
                if under_cfg_test {
                    let head = line.strip_prefix("pub ").unwrap_or(line);
                    if let Some(name) = head.strip_prefix("mod ").and_then(|r| r.strip_suffix(';'))
                    {
                        let mut path = module_path(file);
                        path.push(name.to_string());
                        tests.insert(path);
                    }
                }
                under_cfg_test = false;
            }
        }
    }
    let mut krate = Crate {
        modules: BTreeMap::new(),
        files: BTreeMap::new(),
    };
    for file in &found {
        let module = module_path(file);
        let is_test = (1..=module.len()).any(|n| tests.contains(&module[..n]));
        // the binary reaches the library as `personas::`, not `crate::`
        if hosted.contains_key(file) || is_test || file == "main.rs" {
            continue;
        }
        let text = fs::read_to_string(src.join(file)).expect("source is readable");
        krate.modules.insert(module.clone(), file.clone());
        krate.files.insert(file.clone(), (module, text));
    }
    krate
}

impl Crate {
    /// The file a module path lives in: the longest prefix that is a file of its own
    /// (`app::layout::status::Line` is in app/layout.rs).
    fn file_of(&self, path: &[String]) -> Option<&String> {
        (0..=path.len())
            .rev()
            .find_map(|n| self.modules.get(&path[..n]))
    }
}

/// The source without comments and without the text of string and character literals.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                if chars[i] == '\n' {
                    out.push('\n');
                }
                i += 1;
            }
            i += 2;
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&chars, i) {
            // a raw string: r"…", r#"…"#
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                match chars.get(j) {
                    None => break,
                    Some('"') if (0..hashes).all(|h| chars.get(j + 1 + h) == Some(&'#')) => {
                        j += 1 + hashes;
                        break;
                    }
                    Some('\n') => out.push('\n'),
                    _ => {}
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if chars.get(i) == Some(&'\n') {
                    out.push('\n');
                }
                i += 1;
            }
            out.push_str("\"\"");
            i += 1;
        } else if c == '\'' {
            // a character literal ('x', '\n', '\u{1b}') or a lifetime ('a)
            let close = if next == Some('\\') {
                (i + 2..chars.len().min(i + 12)).find(|&j| chars[j] == '\'')
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match close {
                Some(j) => {
                    out.push_str("' '");
                    i = j + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// The source with the lines of `#[cfg(test)] mod x { … }` blanked (tests are not structure).
fn without_inline_tests(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut under_cfg_test = false;
    let mut in_tests = false;
    for line in code.lines() {
        if in_tests {
            in_tests = line != "}";
        } else if line.trim() == "#[cfg(test)]" {
            under_cfg_test = true;
        } else if !line.trim().starts_with("#[") {
            let head = line.strip_prefix("pub ").unwrap_or(line);
            in_tests = under_cfg_test && head.starts_with("mod ") && head.ends_with(" {");
            under_cfg_test = false;
        }
        if !in_tests {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && is_ident(chars[i - 1])
}

/// Paths read from `at`: `a::b::{c, d::e}` gives `[a, b, c]` and `[a, b, d, e]`.
fn read_paths(
    chars: &[char],
    mut at: usize,
    prefix: Vec<String>,
    out: &mut Vec<Vec<String>>,
) -> usize {
    let mut path = prefix;
    loop {
        while chars.get(at).is_some_and(|c| c.is_whitespace()) {
            at += 1;
        }
        match chars.get(at) {
            Some('{') => {
                at += 1;
                loop {
                    at = read_paths(chars, at, path.clone(), out);
                    while chars
                        .get(at)
                        .is_some_and(|c| c.is_whitespace() || *c == ',')
                    {
                        at += 1;
                    }
                    match chars.get(at) {
                        Some('}') => return at + 1,
                        None => return at,
                        _ => {}
                    }
                }
            }
            Some(c) if is_ident(*c) => {
                let start = at;
                while chars.get(at).copied().is_some_and(is_ident) {
                    at += 1;
                }
                let word: String = chars[start..at].iter().collect();
                if word != "self" || path.is_empty() {
                    path.push(word);
                }
                if chars.get(at) == Some(&':') && chars.get(at + 1) == Some(&':') {
                    at += 2;
                } else {
                    out.push(path);
                    return at;
                }
            }
            _ => {
                // `*`, `}` or anything else ends the path at its last module
                out.push(path);
                return at;
            }
        }
    }
}

/// For each file: the files it reads.
fn file_edges(krate: &Crate) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (file, (module, text)) in &krate.files {
        let owner = krate.file_of(module).cloned().unwrap_or(file.clone());
        let code = without_inline_tests(&code_only(text));
        // The inline module each line sits in (`mod tests {` … `}` at the left margin).
        let mut inline_at: Vec<Option<String>> = Vec::new();
        let mut inline: Option<String> = None;
        for line in code.lines() {
            let head = line.strip_prefix("pub ").unwrap_or(line);
            if let Some(name) = head.strip_prefix("mod ").and_then(|r| r.strip_suffix(" {")) {
                inline = Some(name.trim().to_string());
            } else if line == "}" && inline.is_some() {
                inline_at.push(inline.take());
                continue;
            }
            inline_at.push(inline.clone());
        }
        let chars: Vec<char> = code.chars().collect();
        let mut line_no = 0;
        let mut i = 0;
        while i < chars.len() {
            if chars[i] == '\n' {
                line_no += 1;
                i += 1;
                continue;
            }
            if !is_ident(chars[i]) || ident_before(&chars, i) {
                i += 1;
                continue;
            }
            let after_colons = i >= 2 && chars[i - 1] == ':' && chars[i - 2] == ':';
            let after_dot = i >= 1 && chars[i - 1] == '.';
            let mut here = module.clone();
            if let Some(Some(name)) = inline_at.get(line_no) {
                here.push(name.clone());
            }
            let mut paths = Vec::new();
            let end = read_paths(&chars, i, Vec::new(), &mut paths);
            for path in paths {
                let Some(first) = path.first() else { continue };
                let absolute: Option<Vec<String>> = match first.as_str() {
                    _ if after_colons || after_dot => None,
                    "crate" => Some(path[1..].to_vec()),
                    "super" | "self" => {
                        let mut base = here.clone();
                        let mut rest = &path[..];
                        while rest.first().is_some_and(|s| s == "super" || s == "self") {
                            if rest[0] == "super" {
                                base.pop();
                            }
                            rest = &rest[1..];
                        }
                        base.extend(rest.iter().cloned());
                        Some(base)
                    }
                    _ if path.len() > 1 => {
                        // a child module named without a prefix
                        let mut child = here.clone();
                        child.push(first.clone());
                        krate.modules.contains_key(&child).then(|| {
                            let mut full = here.clone();
                            full.extend(path.iter().cloned());
                            full
                        })
                    }
                    _ => None,
                };
                if let Some(target) = absolute.and_then(|p| krate.file_of(&p).cloned())
                    && target != owner
                {
                    edges.entry(owner.clone()).or_default().insert(target);
                }
            }
            i = end.max(i + 1);
        }
    }
    edges
}

/// The node a file is at one level: under `dir` (a module folder, "" for src/), the child it
/// belongs to ("app/layout.rs", "app/update/"); None if the file is not inside `dir`, or is
/// the folder's own mod.rs.
fn child_of(dir: &str, file: &str) -> Option<String> {
    let rest = if dir.is_empty() {
        file
    } else {
        file.strip_prefix(dir)?.strip_prefix('/')?
    };
    if rest == "mod.rs" || rest == "lib.rs" {
        return None;
    }
    let node = match rest.split_once('/') {
        Some((sub, _)) => format!("{sub}/"),
        None => rest.to_string(),
    };
    // a module with both `x.rs` and `x/` is one child: `x/`
    let node = match node.strip_suffix(".rs") {
        Some(stem) if file_dir_exists(dir, stem) => format!("{stem}/"),
        _ => node,
    };
    Some(if dir.is_empty() {
        node
    } else {
        format!("{dir}/{node}")
    })
}

fn file_dir_exists(dir: &str, stem: &str) -> bool {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    src.join(dir).join(stem).is_dir()
}

/// Every module folder: "" (src/) and each folder under it.
fn folders(krate: &Crate) -> BTreeSet<String> {
    let mut out = BTreeSet::from([String::new()]);
    for file in krate.files.keys() {
        let mut parts: Vec<&str> = file.split('/').collect();
        parts.pop();
        while !parts.is_empty() {
            out.insert(parts.join("/"));
            parts.pop();
        }
    }
    out
}

/// The graph among the children of `dir`.
fn level_graph(
    dir: &str,
    edges: &BTreeMap<String, BTreeSet<String>>,
) -> BTreeMap<String, BTreeSet<String>> {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, targets) in edges {
        let Some(a) = child_of(dir, from) else {
            continue;
        };
        for to in targets {
            let Some(b) = child_of(dir, to) else { continue };
            if a != b {
                graph.entry(a.clone()).or_default().insert(b);
            }
        }
    }
    graph
}

/// One circle through each strongly connected set of nodes, as "a → b → a".
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut found = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for start in graph.keys() {
        if seen.contains(start) {
            continue;
        }
        // the shortest way back to `start`, breadth first
        let mut back: BTreeMap<String, String> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start.clone()]);
        let mut closed = None;
        while let Some(node) = queue.pop_front() {
            for next in graph.get(&node).into_iter().flatten() {
                if next == start {
                    closed = Some(node.clone());
                    break;
                }
                if !back.contains_key(next) {
                    back.insert(next.clone(), node.clone());
                    queue.push_back(next.clone());
                }
            }
            if closed.is_some() {
                break;
            }
        }
        if let Some(mut node) = closed {
            let mut ring = vec![start.clone()];
            while node != *start {
                ring.push(node.clone());
                node = back[&node].clone();
            }
            ring.push(start.clone());
            let last = ring.len() - 1;
            ring[1..last].reverse();
            seen.extend(ring.iter().cloned());
            found.push(ring.join(" → "));
        }
    }
    found
}

fn top_module(node: &str) -> String {
    node.trim_end_matches('/')
        .trim_end_matches(".rs")
        .to_string()
}

#[test]
fn no_module_reads_one_that_reads_it_back() {
    let krate = read_crate();
    let edges = file_edges(&krate);
    let mut all = Vec::new();
    for dir in folders(&krate) {
        all.extend(circles(&level_graph(&dir, &edges)));
    }
    assert!(all.is_empty(), "import circles:\n  {}", all.join("\n  "));
}

#[test]
fn imports_follow_the_readme_direction() {
    let krate = read_crate();
    let edges = file_edges(&krate);
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut wrong = Vec::new();
    for (from, targets) in &edges {
        let Some(a) = child_of("", from) else {
            continue;
        };
        let a = top_module(&a);
        let Some(may) = allowed.get(a.as_str()) else {
            wrong.push(format!(
                "{from}: the top-level module `{a}` has no rule in ALLOWED"
            ));
            continue;
        };
        for to in targets {
            let Some(b) = child_of("", to) else { continue };
            let b = top_module(&b);
            if a != b && !may.contains(&b.as_str()) {
                wrong.push(format!("{from} → {to}: `{a}` may not read `{b}`"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the README's direction:\n  {}",
        wrong.join("\n  ")
    );
}

/// The check itself finds a circle and a wrong direction: a test that cannot fail is no test.
#[test]
fn the_check_sees_circles_and_paths() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("app/layout.rs", "app/rows.rs"),
        ("app/rows.rs", "app/layout.rs"),
        ("app/form.rs", "app/rows.rs"),
    ]
    .iter()
    .fold(BTreeMap::new(), |mut g, (a, b)| {
        g.entry(a.to_string()).or_default().insert(b.to_string());
        g
    });
    assert_eq!(
        circles(&graph),
        vec!["app/layout.rs → app/rows.rs → app/layout.rs"]
    );

    let chars: Vec<char> = "crate::app::{self, rows::Row, layout::{a, b}}"
        .chars()
        .collect();
    let mut paths = Vec::new();
    read_paths(&chars, 0, Vec::new(), &mut paths);
    let paths: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    assert_eq!(
        paths,
        [
            "crate::app",
            "crate::app::rows::Row",
            "crate::app::layout::a",
            "crate::app::layout::b"
        ]
    );
    assert_eq!(
        child_of("app", "app/update/mod.rs").as_deref(),
        Some("app/update/")
    );
    assert_eq!(child_of("app", "app/mod.rs"), None);
    assert_eq!(child_of("", "cli/read.rs").as_deref(), Some("cli/"));
    assert_eq!(child_of("", "cli.rs").as_deref(), Some("cli/"));
}
