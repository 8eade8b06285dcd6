//! Where a subcommand's result goes (SPEC §6): `-` is standard output, a regular file (or a new
//! path) is written atomically, anything else (a FIFO, a device) is written straight into.

use std::io::{self, Write};
use std::path::Path;

use crate::store;

/// Writes `bytes` to `path` as `-o OUT` promises.
pub fn write_to(path: &Path, bytes: &[u8], out: &mut impl Write) -> io::Result<()> {
    if path == Path::new("-") {
        return out.write_all(bytes).and_then(|()| out.flush());
    }
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => {
            let mut f = std::fs::OpenOptions::new().write(true).open(path)?;
            f.write_all(bytes)?;
            f.flush()
        }
        _ => store::write_atomic(path, bytes),
    }
}
