//! A file with many errors (issue 11.6): `check` prints the first 100, each on its own line
//! number, then how many more there are, so a broken file does not flood the terminal.

use assert_cmd::Command;

#[test]
fn check_prints_the_first_hundred_errors_and_a_count() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("broken.ron");
    let links: String = (0..250)
        .map(|i| format!("        \"ghost-{i}\",\n"))
        .collect();
    // Line 10 holds the first link.
    let text = format!(
        "(\n  format: 1,\n  users: [(\n    id: \"u\",\n    name: \"U\",\n    goals: [(\n      \
         id: \"g\",\n      text: \"t\",\n      supports: [\n{links}      ],\n    )],\n  )],\n)\n"
    );
    std::fs::write(&file, text).expect("write");
    let out = Command::cargo_bin("personas")
        .expect("binary")
        .arg("check")
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 101, "100 errors and a count:\n{stderr}");
    for (i, line) in lines[..100].iter().enumerate() {
        let expected = format!(
            "broken.ron:{}: error: goal \"g\" of persona \"u\" supports \"ghost-{i}\"",
            10 + i
        );
        assert!(
            line.ends_with("which is not a goal") && line.contains(&expected),
            "{line}"
        );
    }
    assert!(
        lines[100].contains("150 more errors") && lines[100].contains("250 in all"),
        "{}",
        lines[100]
    );
}
