//! The binary run as a command (assert_cmd), never in the real home.

#![allow(dead_code)] // each test file uses part of it

use std::path::Path;

use assert_cmd::Command;

/// `personas` run in `dir`, with HOME and the XDG config and data directories in it.
pub fn personas(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("personas").expect("binary");
    cmd.current_dir(dir)
        .env("HOME", dir)
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"));
    cmd
}
