//! The file side: RON format v1, loading with located errors, atomic save, and the app's
//! directories. Knows nothing about the screen.

pub mod dirs;
pub mod disk;
pub mod format;
pub mod jobs;
pub mod load;
pub mod locate;
pub mod private;
pub mod read;
pub mod recovery;
pub mod save;

pub use dirs::Dirs;
pub use format::{FORMAT_VERSION, to_ron};
pub use load::{LoadError, load, load_input, parse, parse_bytes};
pub use save::{save, write_atomic};

/// The bundled example workspace (the personas of SPEC §1).
pub const EXAMPLE: &str = include_str!("../../assets/example.ron");

/// The bundled example, loaded.
pub fn example() -> crate::model::Workspace {
    parse(EXAMPLE).unwrap_or_default()
}
