//! `export -o` into things that are not regular files (SPEC §6, issue 11.5): a FIFO is written
//! into (a reader gets the report) and is still a FIFO afterwards; a device node made with mknod
//! is written into and is still a device; `-o -` is standard output.

use std::io::Read as _;
use std::os::unix::fs::FileTypeExt as _;
use std::path::Path;
use std::process::Command;

use assert_cmd::Command as Cmd;

fn example(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("acme.ron");
    std::fs::write(&file, personas::store::EXAMPLE).expect("write the example");
    file
}

/// The report `export --format markdown` writes to standard output.
fn markdown(file: &Path) -> Vec<u8> {
    let out = Cmd::cargo_bin("personas")
        .expect("binary")
        .args(["export", "--format", "markdown"])
        .arg(file)
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(!out.stdout.is_empty());
    out.stdout
}

#[test]
fn export_into_a_fifo_feeds_its_reader_and_leaves_a_fifo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = example(dir.path());
    let fifo = dir.path().join("report.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            std::fs::File::open(&fifo)
                .and_then(|mut f| f.read_to_end(&mut bytes))
                .expect("read the fifo");
            bytes
        })
    };
    let out = Cmd::cargo_bin("personas")
        .expect("binary")
        .args(["export", "--format", "markdown", "-o"])
        .arg(&fifo)
        .arg(&file)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Checked before waiting for the reader: a replaced FIFO would never feed it.
    let kind = std::fs::symlink_metadata(&fifo).expect("meta").file_type();
    assert!(kind.is_fifo(), "the FIFO was replaced by {kind:?}");
    let got = reader.join().expect("reader");
    assert_eq!(got, markdown(&file), "the reader got the whole report");
}

#[test]
fn export_into_a_device_node_leaves_the_device() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = example(dir.path());
    let node = dir.path().join("null");
    // The same device as /dev/null (char 1:3); needs root (CAP_MKNOD).
    let made = Command::new("mknod")
        .arg(&node)
        .args(["c", "1", "3"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !made {
        println!("skipped: mknod is not allowed here (not root)");
        return;
    }
    let out = Cmd::cargo_bin("personas")
        .expect("binary")
        .args(["export", "--format", "json", "-o"])
        .arg(&node)
        .arg(&file)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let kind = std::fs::symlink_metadata(&node).expect("meta").file_type();
    assert!(kind.is_char_device(), "the device was replaced by {kind:?}");
    let strays: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n != "acme.ron" && n != "null")
        .collect();
    assert!(strays.is_empty(), "left behind: {strays:?}");
}

#[test]
fn export_dash_o_dash_is_standard_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = example(dir.path());
    let out = Cmd::cargo_bin("personas")
        .expect("binary")
        .current_dir(dir.path())
        .args(["export", "--format", "markdown", "-o", "-"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert_eq!(out.stdout, markdown(&file));
    assert!(!dir.path().join("-").exists(), "no file named - was made");
}
