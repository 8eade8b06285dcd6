//! Drawing. `view` reads the state and draws; it decides nothing.

pub mod layout;
