//! A fake `$EDITOR` for the pseudo-terminal tests: a shell script that writes down the mode of
//! the file it is given and of that file's directory (both must be private), then puts a
//! known text in the file.

#![allow(dead_code)] // each test file uses part of it

use std::os::unix::fs::PermissionsExt as _;
use std::path::PathBuf;

use super::pty::Session;

pub struct FakeEditor {
    script: PathBuf,
}

impl FakeEditor {
    /// The script `dir/name` (`dir` is made; either may hold spaces), writing `text` into the
    /// file it edits. Its text and what it saw are kept beside it, as `name.text` and
    /// `name.modes`.
    pub fn new(dir: PathBuf, name: &str, text: &str) -> FakeEditor {
        std::fs::create_dir_all(&dir).expect("mkdir for the editor");
        let script = dir.join(name);
        std::fs::write(
            &script,
            "#!/bin/sh\nstat -c %a \"$1\" \"$(dirname \"$1\")\" > \"$0.modes\"\n\
             cat \"$0.text\" > \"$1\"\n",
        )
        .expect("write the editor");
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        std::fs::write(dir.join(format!("{name}.text")), text).expect("write the editor's text");
        FakeEditor { script }
    }

    /// The command, for `$VISUAL` or `$EDITOR`.
    pub fn command(&self) -> String {
        self.script.to_string_lossy().into_owned()
    }

    /// The modes of the file the editor got and of its directory, as `stat` printed them
    /// (`["600", "700"]`). Panics when the editor never ran.
    pub fn modes_seen(&self) -> Vec<String> {
        let mut path = self.script.clone().into_os_string();
        path.push(".modes");
        std::fs::read_to_string(&path)
            .expect("the editor ran")
            .split_whitespace()
            .map(str::to_string)
            .collect()
    }
}

/// On the example board: opens the form of the first user persona and moves the focus to its
/// summary (name → role → kind → summary), the field Ctrl-e hands to the editor.
pub fn open_the_first_summary(s: &mut Session) {
    s.wait_for("The Employee");
    s.press("e", "edit user persona");
    for _ in 0..3 {
        s.send_and_wait_change("\t");
    }
}
