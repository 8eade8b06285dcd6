//! Helpers shared by the integration tests.

pub mod cli;
pub mod editor;
pub mod http;
pub mod pty;
pub mod script;
pub mod tools;
pub mod tui;
pub mod webdriver;
pub mod workspaces;
