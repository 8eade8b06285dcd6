//! `$EDITOR` end to end: in the form, Ctrl-e hands the terminal to the editor on the focused
//! field and the edited text comes back into the form. `$VISUAL` comes first (as in git), and
//! may be a path with spaces; the file the editor gets is private.

mod common;

use std::os::unix::fs::PermissionsExt as _;

use common::pty::{CTRL_S, Place};

#[test]
fn the_editor_edits_the_focused_field_and_the_form_shows_it() {
    let place = Place::new();
    let tools = place.path("my tools");
    std::fs::create_dir(&tools).expect("mkdir");
    let script = tools.join("fake editor.sh");
    // The editor also writes down the mode of the file and of its directory.
    std::fs::write(
        &script,
        "#!/bin/sh\nstat -c %a \"$1\" \"$(dirname \"$1\")\" > \"$(dirname \"$0\")/modes\"\n\
         printf 'Edited in the editor\\nsecond line\\n' > \"$1\"\n",
    )
    .expect("write the editor");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let file = place.example("acme.ron");
    let editor = script.to_string_lossy().into_owned();
    let mut s = place.spawn_env(
        &[&file.to_string_lossy()],
        30,
        120,
        &[("VISUAL", &editor), ("EDITOR", "false")],
    );
    s.wait_for("The Employee");
    s.press("e", "edit user persona");
    // Name → role → kind → summary: each Tab moves the focus mark.
    for _ in 0..3 {
        s.send_and_wait_change("\t");
    }
    s.press("\x05", "Edited in the editor"); // Ctrl-e
    s.wait_for("second line");
    s.wait_for("text from $EDITOR is in the form");
    s.press(CTRL_S, "edit persona");
    s.press(CTRL_S, "saved acme.ron");
    s.send("q");
    assert!(s.wait_exit().success());
    let ws = personas::store::load(&file).expect("loads");
    assert_eq!(
        ws.columns[0][0].summary,
        "Edited in the editor\nsecond line"
    );
    let modes = std::fs::read_to_string(tools.join("modes")).expect("the editor ran");
    assert_eq!(modes.split_whitespace().collect::<Vec<_>>(), ["600", "700"]);
}

#[test]
fn a_failing_editor_leaves_the_field_alone() {
    let place = Place::new();
    let file = place.example("acme.ron");
    let mut s = place.spawn_env(
        &[&file.to_string_lossy()],
        30,
        120,
        &[("EDITOR", "false"), ("VISUAL", "")],
    );
    s.wait_for("The Employee");
    s.press("e", "edit user persona");
    s.press("\x05", "$EDITOR did not run");
    // The form is still open on the name, which is as it was.
    let rows = s.rows();
    let name = rows
        .iter()
        .find(|r| r.contains("›Name"))
        .unwrap_or_else(|| panic!("the form is gone:\n{}", rows.join("\n")));
    assert!(name.contains("The Employee"), "{name}");
}
