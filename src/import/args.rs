//! The arguments of `personas import` and its `--help` text (the columns listed there come
//! from the field description, like the columns themselves).

use std::path::PathBuf;

/// `personas import TABLE.csv [--into FILE] [--map FIELD=HEADER,…] [--ignore HEADER,…]
/// [--dry-run] [-o OUT]`.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// The csv table: one row per goal (or per persona), a header row naming the columns; - reads
    /// it from standard input (then -o OUT is needed)
    #[arg(value_name = "TABLE.csv")]
    pub table: PathBuf,
    /// Update this workspace (atomically, keeping a backup) instead of writing a new one
    #[arg(long, value_name = "FILE")]
    pub into: Option<PathBuf>,
    /// Read a field from a header of another name: --map goal=Content,persona=Frame
    #[arg(long, value_name = "FIELD=HEADER,…", value_delimiter = ',')]
    pub map: Vec<String>,
    /// Leave these headers out: --ignore Author,Created
    #[arg(long, value_name = "HEADER,…", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Print what would be created, updated and linked; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// The new workspace file (must not exist; default: TABLE with .ron; - for stdout)
    #[arg(short, long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// The help after `personas import --help`; the columns come from the field description.
pub fn after_help() -> String {
    format!(
        "\
Columns (header names in any case, with spaces or underscores; any order; only a persona
column is required), as `personas export FILE --format csv` writes them:
  {}
`column` is users, departments or buyers; `supports` holds goal ids or exact goal texts,
separated by `;`; `workspace` is the title; list cells hold one item a line.

Rows with an id update that persona or goal. Rows without one name the persona of that name
(and its goal of that text) or create it. Rows naming the same persona are one persona.

Examples:
  personas import workshop.csv                     writes workshop.ron (never overwrites)
  personas import board.csv --map goal=Content,persona=Frame,column=Tags --ignore Color
  personas export acme.ron --format csv -o acme.csv     edit it, then:
  personas import acme.csv --into acme.ron --dry-run    see what would change
  personas import acme.csv --into acme.ron              update it (a backup is kept)

Exit status: 0 imported, 1 a row is bad (each is listed; nothing is written) or the result
cannot be written, 2 the table cannot be read (missing, over 64 MiB) or bad options.",
        wrap(&crate::import::table::known_names(), 90).join("\n  ")
    )
}

/// Words in lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ') {
        match lines.last_mut() {
            Some(line) if line.len() + 1 + word.len() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}
