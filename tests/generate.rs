//! `personas generate`: the hidden command that writes a made-up workspace for the benchmarks.

use assert_cmd::Command;

fn personas(dir: &tempfile::TempDir) -> Command {
    let mut cmd = Command::cargo_bin("personas").expect("binary");
    cmd.current_dir(dir.path())
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_DATA_HOME", dir.path().join("data"));
    cmd
}

#[test]
fn generate_writes_a_valid_workspace_and_never_overwrites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = personas(&dir)
        .args(["generate", "--size", "S", "--seed", "3", "-o", "s.ron"])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("created s.ron"));
    let written = std::fs::read_to_string(dir.path().join("s.ron")).expect("written");
    let ws = personas::store::parse(&written).expect("valid");
    assert_eq!(
        ws,
        personas::model::generate::generate(personas::model::generate::Size::S, 3)
    );
    let check = personas(&dir).args(["check", "s.ron"]).assert().success();
    let shown = String::from_utf8_lossy(&check.get_output().stdout).into_owned();
    assert!(shown.contains("(120 personas, 600 goals,"), "{shown}");

    personas(&dir)
        .args(["generate", "--size", "L", "-o", "s.ron"])
        .assert()
        .code(1);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("s.ron")).expect("kept"),
        written
    );
}

#[test]
fn generate_is_hidden_and_refuses_unknown_sizes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let help = personas(&dir).arg("--help").assert().success();
    assert!(!String::from_utf8_lossy(&help.get_output().stdout).contains("generate"));
    personas(&dir)
        .args(["generate", "--size", "XL", "-o", "x.ron"])
        .assert()
        .code(2);
    assert!(!dir.path().join("x.ron").exists());
}
