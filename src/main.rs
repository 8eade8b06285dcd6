//! The `personas` binary: parse the command line, then run the app or a subcommand.
#![forbid(unsafe_code)]
// Nothing a user or a file controls may panic: no unwrap or expect outside tests (gitui does the same).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

use std::io::IsTerminal as _;
use std::process::ExitCode;

use clap::Parser as _;
use personas::cli::{self, Cli};
use personas::run::Opening;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.print_config {
        print!("{}", personas::config::DEFAULT);
        return ExitCode::SUCCESS;
    }
    match cli.command {
        None => personas::run::open_app(
            cli.file,
            Opening {
                read_only: cli.read_only,
                screen_reader: cli.screen_reader,
                room: cli.room,
                room_address: cli.room_address,
                ..Opening::default()
            },
        ),
        Some(cli::Command::Present { file }) => personas::run::open_app(
            Some(file),
            Opening {
                present: true,
                screen_reader: cli.screen_reader,
                ..Opening::default()
            },
        ),
        Some(command) => {
            let stdout = std::io::stdout();
            let is_terminal = stdout.is_terminal();
            let code = cli::run(
                command,
                &mut stdout.lock(),
                &mut std::io::stderr().lock(),
                is_terminal,
            );
            ExitCode::from(code)
        }
    }
}
