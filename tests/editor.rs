//! `$EDITOR` end to end: in the form, Ctrl-e hands the terminal to the editor on the focused
//! field and the edited text comes back into the form. `$VISUAL` comes first (as in git), and
//! may be a path with spaces; the file the editor gets is private.

mod common;

use common::editor::{FakeEditor, open_the_first_summary};
use common::pty::{CTRL_S, Place};

#[test]
fn the_editor_edits_the_focused_field_and_the_form_shows_it() {
    let place = Place::new();
    let editor = FakeEditor::new(
        place.path("my tools"),
        "fake editor.sh",
        "Edited in the editor\nsecond line\n",
    );
    let file = place.example("acme.ron");
    let mut s = place.spawn_env(
        &[&file.to_string_lossy()],
        30,
        120,
        &[("VISUAL", &editor.command()), ("EDITOR", "false")],
    );
    open_the_first_summary(&mut s);
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
    assert_eq!(editor.modes_seen(), ["600", "700"]);
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
