//! The terminal app's loop (being built).

use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the board on `file` (or the default workspace). Returns the process exit code.
pub fn open_app(file: Option<PathBuf>, read_only: bool) -> ExitCode {
    let _ = (file, read_only);
    eprintln!("personas: the terminal app is not built yet");
    ExitCode::FAILURE
}
