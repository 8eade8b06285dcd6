//! `personas diff` on a terminal is coloured (SPEC §9); piped, it is plain (tests/merge_cli.rs).
//! Runs the real binary in a pseudo-terminal and reads what it wrote.

use std::io::Read as _;

use personas::store;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

#[test]
fn diff_on_a_terminal_is_coloured_unless_no_color_is_set() {
    let dir = tempfile::tempdir().expect("tempdir");
    let old = dir.path().join("old.ron");
    let new = dir.path().join("new.ron");
    let mut ws = store::example();
    store::save(&old, &ws).expect("save");
    std::sync::Arc::make_mut(&mut ws.columns[0][0]).name = "The Staff".into();
    store::save(&new, &ws).expect("save");
    let run = |no_color: bool| -> String {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 200,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_personas"));
        cmd.args(["diff"]);
        cmd.arg(&old);
        cmd.arg(&new);
        cmd.env("HOME", dir.path());
        cmd.env("XDG_CONFIG_HOME", dir.path().join("config"));
        cmd.env("XDG_DATA_HOME", dir.path().join("data"));
        cmd.env_remove("NO_COLOR");
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let mut child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let mut out = Vec::new();
        // Until the child's side closes (EOF, or EIO on Linux once it has exited).
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        let status = child.wait().expect("exits");
        assert!(status.success());
        String::from_utf8_lossy(&out).into_owned()
    };
    let coloured = run(false);
    assert!(
        coloured.contains("\u{1b}[33m~ persona \"employee\" name:"),
        "{coloured:?}"
    );
    let plain = run(true);
    assert!(plain.contains("~ persona \"employee\" name:"), "{plain:?}");
    assert!(!plain.contains("\u{1b}["), "{plain:?}");
}
