//! The editor a form field is handed to (SPEC §7): `$VISUAL`, then `$EDITOR`, then `vi`; a path
//! with spaces or a command with arguments.

use std::path::Path;

use crate::text::visible;

/// Runs the editor (`$VISUAL`, then `$EDITOR`, then `vi`) on a file and waits for it.
pub(super) fn run_editor(file: &Path) -> Result<(), String> {
    let var = |name: &str| std::env::var(name).ok();
    let (program, args) = editor_command(var("VISUAL"), var("EDITOR"), |p| Path::new(p).is_file())?;
    let status = std::process::Command::new(&program)
        .args(&args)
        .arg(file)
        .status()
        .map_err(|e| format!("{}: {e}", visible(&program)))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} exited with {status}; the field is unchanged",
            visible(&program)
        ))
    }
}

/// The editor to run and its arguments: `$VISUAL` is preferred to `$EDITOR` (as git does), and
/// `vi` is the last resort. A value that names an existing file is that program, spaces and
/// all (`/opt/my tools/ed.sh`); any other is split as a shell would (`code -w`, quotes).
fn editor_command(
    visual: Option<String>,
    editor: Option<String>,
    is_file: impl Fn(&str) -> bool,
) -> Result<(String, Vec<String>), String> {
    let value = [visual, editor]
        .into_iter()
        .flatten()
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".into());
    if is_file(&value) {
        return Ok((value, Vec::new()));
    }
    let mut words = shell_words::split(&value)
        .map_err(|e| format!("cannot read the editor command {:?}: {e}", visible(&value)))?
        .into_iter();
    let program = words.next().unwrap_or_else(|| "vi".into());
    Ok((program, words.collect()))
}

#[cfg(test)]
mod tests {
    use super::editor_command;

    fn run(visual: Option<&str>, editor: Option<&str>, files: &[&str]) -> (String, Vec<String>) {
        editor_command(visual.map(Into::into), editor.map(Into::into), |p| {
            files.contains(&p)
        })
        .expect("an editor command")
    }

    #[test]
    fn visual_comes_before_editor_and_vi_is_the_last_resort() {
        assert_eq!(run(Some("nano"), Some("vim"), &[]).0, "nano");
        assert_eq!(run(Some("  "), Some("vim"), &[]).0, "vim");
        assert_eq!(run(None, None, &[]), ("vi".into(), vec![]));
    }

    #[test]
    fn a_path_with_spaces_runs_whole_and_a_command_is_split_as_a_shell_would() {
        let spaced = "/opt/my tools/ed.sh";
        assert_eq!(run(None, Some(spaced), &[spaced]), (spaced.into(), vec![]));
        assert_eq!(
            run(Some("code -w"), None, &[]),
            ("code".into(), vec!["-w".to_string()])
        );
        assert_eq!(
            run(None, Some("'/opt/my tools/ed.sh' --wait"), &[]),
            (spaced.into(), vec!["--wait".to_string()])
        );
    }

    #[test]
    fn an_unreadable_command_is_an_error_not_a_panic() {
        assert!(editor_command(Some("vim 'unclosed".into()), None, |_| false).is_err());
    }
}
