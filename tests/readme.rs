//! The README promises keys and commands: check them against the keymap and the binary's help.

#[test]
fn readme_key_table_matches_the_keymap() {
    let readme = include_str!("../README.md");
    let table = personas::app::Keymap::default().markdown();
    assert!(
        readme.contains(&table),
        "README.md's key table is out of date; it must contain exactly:\n{table}"
    );
}

#[test]
fn readme_gives_the_run_and_test_commands() {
    let readme = include_str!("../README.md");
    assert!(readme.contains("cargo run --release"));
    assert!(readme.contains("cargo test"));
}
