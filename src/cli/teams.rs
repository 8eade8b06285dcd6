//! The subcommands for teams in git (SPEC §9): `merge`, `diff`, `git-setup`, and the hidden
//! `textconv` that git runs for `git log -p`. One enum, flattened into the command line's list of
//! subcommands, so the rest of the command line only dispatches to [`run`].

mod diff;
mod git_setup;
mod merge;
mod output;

pub(crate) use output::write_to;

use std::io::Write;

use clap::Subcommand;

pub use merge::print_conflicts;

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Three-way merge of workspaces by persona and goal ids; also git's merge driver
    #[command(after_help = merge::AFTER_HELP)]
    Merge(merge::MergeArgs),
    /// What changed between two workspaces, by persona and goal
    #[command(after_help = diff::AFTER_HELP)]
    Diff(diff::DiffArgs),
    /// Make git in this repository merge and diff workspaces with personas
    #[command(name = "git-setup", after_help = git_setup::AFTER_HELP)]
    GitSetup(git_setup::GitSetupArgs),
    /// A workspace as readable text, for git's textconv (git log -p, git show)
    #[command(hide = true)]
    Textconv(diff::TextconvArgs),
}

/// Runs one of the team subcommands; `out_is_terminal` turns on the diff's colours.
pub fn run(
    command: TeamCommand,
    out: &mut impl Write,
    err: &mut impl Write,
    out_is_terminal: bool,
) -> u8 {
    match command {
        TeamCommand::Merge(args) => merge::run(args, out, err),
        TeamCommand::Diff(args) => diff::run(args, out, err, out_is_terminal),
        TeamCommand::GitSetup(args) => git_setup::run(args, out, err),
        TeamCommand::Textconv(args) => diff::textconv(args, out, err),
    }
}
