//! `personas completions SHELL` and `personas man` (SPEC §6): the shell completion scripts and the
//! man page, generated from the command line's own clap definition, so they can never disagree
//! with `--help`.
//!
//! Both are rendered whole into memory first and then written to `out` in one go: clap_complete
//! panics on a failed write, and a closed pipe (`personas man | head -1`) must end quietly.

use std::fmt::Write as _;
use std::io::Write;

use clap::CommandFactory as _;
use clap_complete::Shell;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use super::{Cli, EXIT_OK, output_failed};

/// The shells `personas completions` writes a script for (bash, zsh, fish, elvish, powershell).
pub type CompletionShell = Shell;

/// `personas completions SHELL`: the completion script for SHELL on `out`.
pub fn completions(shell: Shell, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut offered(), "personas", &mut script);
    emit(&script, out, err)
}

/// The command line as Tab offers it: without the hidden subcommands (`generate` for the
/// benchmarks, `textconv` for git), which clap_complete's bash script would list. clap cannot
/// remove a subcommand, so this is the same command built again with the visible ones.
fn offered() -> clap::Command {
    let full = Cli::command();
    let mut cmd = clap::Command::new("personas")
        .version(env!("CARGO_PKG_VERSION"))
        .args(full.get_arguments().cloned())
        .subcommands(full.get_subcommands().filter(|s| !s.is_hide_set()).cloned())
        .args_conflicts_with_subcommands(true);
    if let Some(about) = full.get_about() {
        cmd = cmd.about(about.clone());
    }
    cmd
}

/// `personas man`: the man page (section 1, roff) on `out`.
pub fn man(out: &mut impl Write, err: &mut impl Write) -> u8 {
    emit(page().as_bytes(), out, err)
}

fn emit(bytes: &[u8], out: &mut impl Write, err: &mut impl Write) -> u8 {
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => EXIT_OK,
        Err(e) => output_failed(&e, err),
    }
}

const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success; for check, the workspace is valid."),
    (
        "1",
        "The workspace is invalid, has unresolved merge conflicts, or has warnings and \
         --deny-warnings was given; or the command failed (a file exists already, a report \
         cannot be written).",
    ),
    (
        "2",
        "The workspace file cannot be read at all, or the command line is wrong.",
    ),
];

const FILES: &[(&str, &str)] = &[
    (
        "~/.config/personas/config.ron",
        "The config (RON): theme, mouse, recovery delay, goal lines, key remaps. \
         personas --print-config prints a commented default. Follows XDG_CONFIG_HOME.",
    ),
    (
        "~/.local/share/personas/",
        "The data: the default workspace, recovery copies and backups. Follows XDG_DATA_HOME.",
    ),
];

/// The whole page: clap_mangen's sections for `personas` itself, then every visible subcommand
/// in a SUBCOMMANDS section (its usage, description, options and notes), then EXIT STATUS,
/// FILES, and the examples of `personas --help`.
pub fn page() -> String {
    let mut top = Cli::command().disable_help_subcommand(true);
    top.build();
    let version = top.get_version().unwrap_or_default().to_owned();
    // No date (the page is the same on every build); an empty argument would vanish from the
    // `.TH` line and shift the source and manual into the wrong places, so it is `\&`, nothing.
    let man = Man::new(top.clone())
        .title("PERSONAS")
        .date("\\&")
        .manual("User Commands")
        .source(format!("personas {version}"));

    let mut page = String::new();
    page += &render(|w| man.render_title(w));
    page += &strip_preamble(render(|w| man.render_name_section(w)));
    page += &strip_preamble(render(|w| man.render_synopsis_section(w)));
    page += &strip_preamble(render(|w| man.render_description_section(w)));
    page += &strip_preamble(render(|w| man.render_options_section(w)));

    page += ".SH SUBCOMMANDS\n";
    for sub in top
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        let name = format!("personas {}", sub.get_name());
        let sub_man = Man::new(sub.clone().bin_name(&name).display_name(&name));
        let mut heading = Roff::new();
        heading.control("SS", [name.as_str()]);
        page += &own(&heading);
        page += &body(render(|w| sub_man.render_synopsis_section(w)));
        page += ".PP\n";
        page += &body(render(|w| sub_man.render_description_section(w)));
        let options = body(render(|w| sub_man.render_options_section(w)));
        if !options.trim().is_empty() {
            page += &labelled("Options:", &options);
        }
        if sub.get_after_help().is_some() {
            let notes = body(render(|w| sub_man.render_extra_section(w)));
            page += &labelled("", &verbatim(&notes));
        }
    }

    page += &list("EXIT STATUS", EXIT_STATUS);
    page += &list("FILES", FILES);
    if top.get_after_help().is_some() {
        let examples = body(render(|w| man.render_extra_section(w)));
        let examples = examples.strip_prefix("Examples:\n").unwrap_or(&examples);
        page += ".SH EXAMPLES\n";
        page += &verbatim(examples);
    }
    ascii(&page)
}

/// The page in ASCII: every other character as groff's `\[uXXXX]`, so plain `groff -man` reads
/// it without warnings, whatever the input encoding it assumes (`man` runs preconv; groff alone
/// does not).
fn ascii(page: &str) -> String {
    let mut text = String::with_capacity(page.len());
    for c in page.chars() {
        if c.is_ascii() {
            text.push(c);
        } else {
            let _ = write!(text, "\\[u{:04X}]", u32::from(c));
        }
    }
    text
}

/// Renders with one of clap_mangen's section writers (which write into a `Vec`, so cannot fail).
fn render(section: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut bytes = Vec::new();
    let _ = section(&mut bytes);
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Each of clap_mangen's section writers starts with roff's apostrophe preamble; the page needs
/// it once, at the top.
fn strip_preamble(section: String) -> String {
    let preamble = Roff::new().render();
    section
        .strip_prefix(&preamble)
        .map(str::to_owned)
        .unwrap_or(section)
}

/// A section's text without its preamble and its `.SH` heading lines, to go under a heading of
/// the page's own. roff escapes a text line that starts with a dot, so `.SH` at a line's start is
/// always a heading.
fn body(section: String) -> String {
    strip_preamble(section)
        .lines()
        .filter(|line| !line.starts_with(".SH "))
        .fold(String::new(), |mut text, line| {
            text.push_str(line);
            text.push('\n');
            text
        })
}

/// Text laid out in columns (the examples and notes after `--help`), kept line for line.
fn verbatim(text: &str) -> String {
    format!(".nf\n{text}.fi\n")
}

/// A new paragraph starting with a bold label (none when empty), then `text`.
fn labelled(label: &str, text: &str) -> String {
    let mut roff = Roff::new();
    roff.control("PP", []);
    if !label.is_empty() {
        roff.text([bold(label)]);
    }
    own(&roff) + text
}

/// A section of tagged paragraphs: each term in bold, its meaning below.
fn list(heading: &str, items: &[(&str, &str)]) -> String {
    let mut roff = Roff::new();
    roff.control("SH", [heading]);
    for (term, meaning) in items {
        roff.control("TP", []);
        roff.text([bold(*term)]);
        roff.text([roman(*meaning)]);
    }
    own(&roff)
}

/// Roff of the page's own, with apostrophes typeset as the preamble at the top says.
fn own(roff: &Roff) -> String {
    strip_preamble(roff.render())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_has_the_preamble_once_and_each_section() {
        let page = page();
        let preamble = Roff::new().render();
        let title = format!(
            ".TH PERSONAS 1 \\& \"personas {}\" \"User Commands\"\n",
            env!("CARGO_PKG_VERSION")
        );
        assert!(page.starts_with(&(preamble.clone() + &title)), "{page}");
        assert_eq!(page.matches(&preamble).count(), 1);
        for heading in [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH SUBCOMMANDS",
            ".SH \"EXIT STATUS\"",
            ".SH FILES",
            ".SS \"personas check\"",
        ] {
            assert!(page.contains(heading), "no {heading} in\n{page}");
        }
    }

    #[test]
    fn tab_offers_the_visible_subcommands_and_the_options() {
        let full = Cli::command();
        let offered = offered();
        let names = |cmd: &clap::Command, hidden: bool| -> Vec<String> {
            cmd.get_subcommands()
                .filter(|s| s.is_hide_set() == hidden)
                .map(|s| s.get_name().to_owned())
                .collect()
        };
        assert_eq!(names(&offered, false), names(&full, false));
        assert!(names(&offered, true).is_empty());
        assert!(
            !names(&full, true).is_empty(),
            "nothing hidden to leave out"
        );
        let ids = |cmd: &clap::Command| -> Vec<String> {
            cmd.get_arguments()
                .map(|a| a.get_id().to_string())
                .collect()
        };
        assert_eq!(ids(&offered), ids(&full));
    }

    #[test]
    fn other_characters_become_groff_escapes() {
        assert_eq!(ascii("a \u{2192} b\u{2026}"), "a \\[u2192] b\\[u2026]");
        assert_eq!(ascii("\u{1F600}"), "\\[u1F600]");
        assert!(page().is_ascii());
    }
}
