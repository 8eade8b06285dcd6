//! The command line (SPEC §6): argument parsing and the `new`, `check` and `export` subcommands;
//! `merge`, `diff` and `git-setup` (SPEC §9) live in [`teams`].
//!
//! Subcommands use the domain (`model`), the file format (`store`) and the reports (`export`),
//! never the terminal UI. Each writes to the `Write`rs it is given and returns the process exit
//! code, so tests can run them without a process. Text that came from a file is passed through
//! [`crate::text::visible`] before it is printed; nothing read from a file reaches a terminal raw.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand, ValueEnum};

mod completions;
mod export_cmd;
mod read;
pub mod teams;

pub use completions::{CompletionShell, completions, man};
pub use export_cmd::export;

use crate::export::ExportFormat;
use crate::model::generate::{Size, generate};
use crate::model::{LinkIndex, Workspace, findings_and_coverage};
use crate::store;
use crate::text::visible;

pub use crate::exit::{EXIT_FAILED, EXIT_OK, EXIT_UNREADABLE};
pub(crate) use crate::exit::{create, load_error_text, load_or_report, output_failed, shown};

const AFTER_HELP: &str = "\
Examples:
  personas                                   open the default workspace (created from the example)
  personas acme.ron                          open acme.ron (created on first save if missing)
  personas acme.ron --read-only              browse acme.ron; nothing is changed or written
  personas new acme.ron                      start a workspace from the bundled example
  personas new acme.ron --blank              start an empty workspace
  personas check acme.ron --deny-warnings    validate and list gaps; fail on any gap
  personas export acme.ron --format markdown -o acme.md

To open a file named like a subcommand, give its path: personas ./check

Files (following XDG_CONFIG_HOME / XDG_DATA_HOME on Linux):
  ~/.config/personas/config.ron              theme, mouse, recovery delay, key remaps
  ~/.local/share/personas/                   default workspace, recovery copies, backups";

const CHECK_AFTER_HELP: &str = "\
Output (stdout), one line each:
  FILE: warning[CODE]: MESSAGE               one per finding (a gap in the value chain)
  FILE: coverage R/T user goals reach a buyer (P%)
  FILE: ok (N personas, N goals, N links, N warnings)
Errors go to stderr as FILE:LINE:COL: error: MESSAGE, with the offending line shown.

Finding codes: empty-column, no-goals, unlinked-user-goal, unlinked-department-goal,
unsupported-department-goal, unsupported-buyer-goal, no-metric.

Unresolved merge conflicts (personas merge) go to stderr, one a line, as
  FILE: error[conflict]: KIND ID: FIELD changed on both sides: ours, theirs (base)

Exit status:
  0  the workspace is valid (warnings allowed unless --deny-warnings)
  1  the workspace is invalid, has unresolved merge conflicts, or has warnings and
     --deny-warnings was given
  2  the file cannot be read";

const EXPORT_AFTER_HELP: &str = "\
Examples:
  personas export acme.ron --format markdown > acme.md
  personas export acme.ron --format dot | dot -Tsvg -o chains.svg
  personas export acme.ron --format json -o acme.json
  personas export acme.ron --format html -o acme.html
  personas export acme.ron --format svg --chain exec-revenue-growth -o slide.svg
  personas export acme.ron --format story
  personas export acme.ron --format csv --bom -o acme.csv    (--bom: for Excel)

Exit status: 0 written, 1 the workspace is invalid or the report cannot be written,
2 the workspace file cannot be read.";

/// Build and browse B2B personas as one linked value chain, in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "personas",
    version,
    about = "Build and browse B2B personas as one linked value chain, in the terminal",
    long_about = "Build and browse B2B personas as one linked value chain, in the terminal.\n\n\
        Users get measurably better at their job, which improves their department, which moves\n\
        the buyer's strategic goals. Without a subcommand, opens the workspace FILE (or the\n\
        default workspace) in the terminal app.",
    after_help = AFTER_HELP,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Workspace file to open; without it, the default workspace in the data directory
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Browse only: no key changes anything and nothing is written
    #[arg(long)]
    pub read_only: bool,

    /// Screen-reader mode: no alternate screen, box drawing or colour; after each key one line
    /// says where the cursor is (also PERSONAS_SCREEN_READER=1 or the config)
    #[arg(long)]
    pub screen_reader: bool,

    /// Open the room at once: participants join from their phones (R in the app does the same)
    #[arg(long)]
    pub room: bool,

    /// Where the room listens, ADDR:PORT (default: the config's room_address, 0.0.0.0:7007;
    /// 127.0.0.1:7007 keeps it to this computer)
    #[arg(long, value_name = "ADDR:PORT", value_parser = crate::room::parse_address)]
    pub room_address: Option<std::net::SocketAddr>,

    /// Print the default config file (commented) and exit; save it as
    /// ~/.config/personas/config.ron to change settings
    #[arg(long)]
    pub print_config: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write a new workspace file from the bundled example (or empty); never overwrites
    #[command(
        after_help = "Examples:\n  personas new acme.ron\n  personas new acme.ron --blank\n\n\
        Exit status: 0 created, 1 the file already exists or cannot be written."
    )]
    New {
        /// The file to create; it must not exist yet
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Write an empty workspace (titled after the file name) instead of the example
        #[arg(long)]
        blank: bool,
    },
    /// Validate a workspace and list the gaps in its value chain
    #[command(after_help = CHECK_AFTER_HELP)]
    Check {
        /// The workspace file to check (`-`: standard input)
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Exit with status 1 when there is any finding (for CI)
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Write a report: personas by column, goals with metrics, the chains, gaps and coverage
    #[command(after_help = EXPORT_AFTER_HELP)]
    Export {
        /// The workspace file to export (`-`: standard input)
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Report format
        #[arg(short, long, value_enum, value_name = "FORMAT")]
        format: Format,
        /// Write the report to OUT (atomically; a FIFO or device is written into, `-` is
        /// standard output) instead of standard output
        #[arg(short, long = "output", value_name = "OUT")]
        output: Option<PathBuf>,
        /// Only the chain through this goal (up to the buyers, down to the users)
        #[arg(long, value_name = "GOAL_ID")]
        chain: Option<String>,
        /// Start a csv report with a UTF-8 byte order mark, which Excel needs to read it as UTF-8
        #[arg(long)]
        bom: bool,
    },
    /// Show the workspace as slides for the room, one buyer goal at a time (read-only)
    #[command(
        after_help = "Keys: → Space PgDn next, ← PgUp previous, Home End, a number and \
        Enter goes to that slide, ? help, Esc or q quits.\n\nNothing is written to FILE."
    )]
    Present {
        /// The workspace file to present
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    #[command(flatten)]
    Teams(teams::TeamCommand),
    /// Read a spreadsheet or board export (csv) into a new workspace, or into FILE by ids
    #[command(after_help = crate::import::args::after_help())]
    Import(crate::import::args::ImportArgs),
    /// Write a made-up workspace of a given size (for benchmarks); never overwrites
    #[command(
        hide = true,
        after_help = "Sizes: S = 3 columns × 40 personas × 5 goals, M = 3 × 667 × 10 \
        (about 20,000 goals), L = 3 × 2,000 × 10 (60,000 goals, about 80,000 links).\n\
        The same size and seed always give the same file.\n\n\
        Example:\n  personas generate --size L -o L.ron\n  personas check L.ron"
    )]
    Generate {
        /// How big: S, M or L
        #[arg(long, value_name = "S|M|L")]
        size: Size,
        /// Seed of the made-up content
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The file to create; it must not exist yet
        #[arg(short, long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Print the completion script for a shell (see the README for where to put it)
    #[command(
        after_help = "Example:\n  personas completions bash > ~/.local/share/bash-completion/completions/personas"
    )]
    Completions {
        /// The shell: bash, zsh, fish, elvish or powershell
        #[arg(value_enum, value_name = "SHELL")]
        shell: CompletionShell,
    },
    /// Print the man page (roff)
    #[command(after_help = "Example:\n  personas man > ~/.local/share/man/man1/personas.1")]
    Man,
    /// Print the whole workspace as plain sentences, for a screen reader or a pager
    #[command(after_help = "Example:\n  personas read acme.ron | less\n\n\
        Wrapped to the terminal's width, or not at all when piped.\n\
        Exit status: 0 valid, 1 invalid or with unresolved merge conflicts, 2 cannot read.")]
    Read {
        /// The workspace file to read
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

/// The report formats of `personas export --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable document: personas by column, goals, chains, gaps and coverage
    Markdown,
    /// A Mermaid flowchart of the value chain
    Mermaid,
    /// A Graphviz graph of the value chain
    Dot,
    /// Everything, for other programs
    Json,
    /// One self-contained page to email: picture, stories, personas, gaps
    Html,
    /// The value-chain picture (with --chain: one chain, sized for a 16:9 slide)
    Svg,
    /// Each chain told in plain sentences, then the gaps
    Story,
    /// A table for spreadsheets: one row per goal; `personas import` reads it back
    Csv,
}

impl From<Format> for ExportFormat {
    fn from(f: Format) -> ExportFormat {
        match f {
            Format::Markdown => ExportFormat::Markdown,
            Format::Mermaid => ExportFormat::Mermaid,
            Format::Dot => ExportFormat::Dot,
            Format::Json => ExportFormat::Json,
            Format::Html => ExportFormat::Html,
            Format::Svg => ExportFormat::Svg,
            Format::Story => ExportFormat::Story,
            Format::Csv => ExportFormat::Csv,
        }
    }
}

/// Runs a subcommand. `out_is_terminal` says whether `out` is a terminal: an export written to
/// one has its control characters made visible, an export written to a pipe is left exact.
pub fn run(
    command: Command,
    out: &mut impl Write,
    err: &mut impl Write,
    out_is_terminal: bool,
) -> u8 {
    match command {
        Command::New { file, blank } => new(&file, blank, out, err),
        Command::Check {
            file,
            deny_warnings,
        } => check(&file, deny_warnings, out, err),
        Command::Export {
            file,
            format,
            output,
            chain,
            bom,
        } => export(
            &file,
            format,
            (output.as_deref(), chain.as_deref(), bom),
            out,
            err,
            out_is_terminal,
        ),
        Command::Teams(command) => teams::run(command, out, err, out_is_terminal),
        // The app runs it (main.rs), in the terminal.
        Command::Present { .. } => {
            let _ = writeln!(err, "personas: present runs in the terminal app");
            EXIT_FAILED
        }
        Command::Import(args) => crate::import::run(&args, out, err),
        Command::Generate { size, seed, output } => {
            let text = store::to_ron(&generate(size, seed));
            create(&output, &text, out, err)
        }
        Command::Completions { shell } => completions(shell, out, err),
        Command::Man => man(out, err),
        Command::Read { file } => {
            read::read(&file, read::terminal_width(out_is_terminal), out, err)
        }
    }
}

/// `personas new FILE [--blank]`: claims FILE exclusively (an existing file, directory or
/// dangling symlink is refused and left untouched), then writes the workspace atomically.
pub fn new(file: &Path, blank: bool, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let text = if blank {
        store::to_ron(&Workspace {
            title: crate::model::blank_title(file),
            ..Workspace::default()
        })
    } else {
        store::EXAMPLE.to_string()
    };
    create(file, &text, out, err)
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `personas check FILE [--deny-warnings]`.
pub fn check(file: &Path, deny_warnings: bool, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let ws = match load_or_report(file, err) {
        Ok(ws) => ws,
        Err(code) => return code,
    };
    let name = shown(file);
    let index = LinkIndex::build(&ws);
    let (found, coverage) = findings_and_coverage(&ws, &index);
    let mut text = String::new();
    for f in &found {
        let _ = writeln!(
            text,
            "{name}: warning[{}]: {}",
            f.code.as_str(),
            visible(&f.message)
        );
    }
    let _ = writeln!(text, "{name}: {coverage}");
    let denied = deny_warnings && !found.is_empty();
    let conflicts = teams::print_conflicts(&name, &ws, err);
    let _ = writeln!(
        text,
        "{name}: {} ({}, {}, {}, {})",
        if conflicts > 0 {
            "conflicted"
        } else if denied {
            "warnings denied"
        } else {
            "ok"
        },
        plural(ws.persona_count(), "persona"),
        plural(ws.goal_count(), "goal"),
        plural(ws.link_count(), "link"),
        plural(found.len(), "warning"),
    );
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        return output_failed(&e, err);
    }
    if conflicts > 0 {
        let _ = writeln!(
            err,
            "{name}: error: {} from a merge not resolved yet (resolve them in the app, or set \
             the field and delete its entry from `conflicts`)",
            plural(conflicts, "conflict")
        );
        EXIT_FAILED
    } else if denied {
        let _ = writeln!(
            err,
            "{name}: error: {} and --deny-warnings was given",
            plural(found.len(), "warning")
        );
        EXIT_FAILED
    } else {
        EXIT_OK
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory as _;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_file_and_a_subcommand_coexist() {
        let cli = Cli::try_parse_from(["personas", "acme.ron", "--read-only"]).expect("parses");
        assert_eq!(cli.file.as_deref(), Some(Path::new("acme.ron")));
        assert!(cli.read_only && cli.command.is_none());
        let cli = Cli::try_parse_from(["personas", "check", "a.ron"]).expect("parses");
        assert!(matches!(cli.command, Some(Command::Check { .. })));
        assert!(Cli::try_parse_from(["personas", "a.ron", "check", "b.ron"]).is_err());
    }

    #[test]
    fn blank_titles_come_from_the_file_name() {
        assert_eq!(
            crate::model::blank_title(Path::new("dir/acme crm.ron")),
            "acme crm"
        );
        assert_eq!(crate::model::blank_title(Path::new("/")), "Personas");
    }
}
