//! Merging workspaces (SPEC §9): the three-way merge by ids ([`three_way`]), the ordered-list
//! merge it is built on ([`order`]), renaming of clashing additions ([`rename`]), one side by id
//! (`side`, which `personas diff` uses too), and the text merge for files that are not
//! workspaces ([`text`]). Fields are merged by walking [`crate::model::fields`]: a new field row
//! merges, conflicts and diffs with nothing added here. Knows nothing about the screen; the
//! command line (`personas merge`) reads the files and writes the result.

mod by_id;
pub mod order;
pub mod rename;
pub(crate) mod side;
pub mod text;
pub mod three_way;

pub use rename::Renamed;
pub use three_way::{DroppedLink, Merged, merge};

#[cfg(test)]
mod tests;
