//! Files that are not workspaces are merged as text, the way git would have merged them: by
//! running `git merge-file` (conflict markers and all).

use std::path::Path;
use std::process::Command;

/// The text merge of three files: the merged bytes and whether conflict markers were left.
#[derive(Debug)]
pub struct TextMerge {
    pub bytes: Vec<u8>,
    pub conflicted: bool,
}

/// Runs `git merge-file -p` on the three files; `labels` name ours, base and theirs in the
/// conflict markers. An error says why git could not merge (it is missing, or failed).
pub fn merge_text(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    labels: [&str; 3],
) -> Result<TextMerge, String> {
    let output = Command::new("git")
        .arg("merge-file")
        .arg("-p")
        .args(["-L", labels[0], "-L", labels[1], "-L", labels[2]])
        .arg("--")
        .args([ours, base, theirs])
        .output()
        .map_err(|e| format!("cannot run git merge-file (is git installed?): {e}"))?;
    match output.status.code() {
        Some(0) => Ok(TextMerge {
            bytes: output.stdout,
            conflicted: false,
        }),
        // git merge-file exits with the number of conflicts (capped at 127); negative is an error.
        Some(n) if (1..=127).contains(&n) => Ok(TextMerge {
            bytes: output.stdout,
            conflicted: true,
        }),
        _ => Err(format!(
            "git merge-file failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_files_merge_like_git() {
        let dir = tempfile::tempdir().expect("tempdir");
        let write = |name: &str, text: &str| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).expect("write");
            p
        };
        let b = write("b", "one\ntwo\nthree\n");
        let o = write("o", "ONE\ntwo\nthree\n");
        let t = write("t", "one\ntwo\nTHREE\n");
        let m = merge_text(&b, &o, &t, ["ours", "base", "theirs"]).expect("merges");
        assert_eq!(String::from_utf8_lossy(&m.bytes), "ONE\ntwo\nTHREE\n");
        assert!(!m.conflicted);
        let t = write("t2", "uno\ntwo\nthree\n");
        let m = merge_text(&b, &o, &t, ["ours", "base", "theirs"]).expect("merges");
        assert!(m.conflicted);
        assert!(String::from_utf8_lossy(&m.bytes).contains("<<<<<<< ours"));
    }
}
