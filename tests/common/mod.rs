//! Helpers shared by the integration tests.

pub mod pty;
pub mod script;
pub mod tools;
pub mod tui;
