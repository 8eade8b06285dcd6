//! `personas`: B2B personas as one linked value chain (users → departments → buyers).
//!
//! `model` is the domain, `store` the file format and disk, `export` the reports; the terminal
//! app lives in `app` (state and update), `ui` (drawing) and `run` (the loop).
#![forbid(unsafe_code)]
// Nothing a user or a file controls may panic: no unwrap or expect outside tests (gitui does the same).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod app;
pub mod cli;
pub mod config;
pub mod diff;
pub mod exit;
pub mod export;
pub mod import;
pub mod merge;
pub mod model;
pub mod room;
pub mod run;
pub mod speech;
pub mod store;
pub mod text;
pub mod ui;
