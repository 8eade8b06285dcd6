//! The one way input is read: a file, a FIFO, a device, or `-` for standard input, never more
//! than [`MAX_FILE_BYTES`] (SPEC §6). A regular file's size is checked before reading; anything
//! else (where the size says nothing: `/dev/zero`, an endless FIFO) is read until the limit and
//! refused there, so memory stays bounded whatever the input. Every command and the app's open
//! read through here; nothing else calls `std::fs::read` on a path a user gave.

use std::io::{self, Read};
use std::path::Path;

use thiserror::Error;

/// Inputs larger than this are refused: before reading when the size is known, else as soon
/// as one byte more has come.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// [`MAX_FILE_BYTES`] as a length in memory (64 MiB fits in `usize` on every platform Rust runs
/// this program on).
const MAX_LEN: usize = MAX_FILE_BYTES as usize;

/// How much is read at a time from an input of unknown size.
const CHUNK: usize = 64 * 1024;

/// Why an input could not be read. Nothing is written because of one of these.
#[derive(Debug, Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] io::Error),
    /// A regular file over the limit, refused before reading.
    #[error(
        "file is {size} bytes; the largest file this program reads is {MAX_FILE_BYTES} bytes \
         (64 MiB); nothing read"
    )]
    TooLarge { size: u64 },
    /// More than the limit came and the input had not ended (a device, an endless pipe, or a
    /// file that grew while it was read).
    #[error(
        "more than {MAX_FILE_BYTES} bytes (64 MiB) came from it and it had not ended (a device \
         or an endless pipe?); the largest input this program reads is 64 MiB"
    )]
    Endless,
}

/// Whether `path` means standard input (`-`).
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

/// Reads the file (or FIFO, or device) at `path`. `-` is a file named `-` here; see
/// [`read_input`] for commands that take `-` as standard input.
pub fn read_file(path: &Path) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::Error::new(io::ErrorKind::IsADirectory, "is a directory").into());
    }
    // Only a regular file's length is its size; a device or a FIFO says 0.
    let size = if meta.is_file() { meta.len() } else { 0 };
    if size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { size });
    }
    read_bounded(file, size)
}

/// Reads `path`, or standard input when it is `-`.
pub fn read_input(path: &Path) -> Result<Vec<u8>, ReadError> {
    if is_stdin(path) {
        read_bounded(io::stdin().lock(), 0)
    } else {
        read_file(path)
    }
}

/// Reads `reader` to its end, refusing it once more than [`MAX_FILE_BYTES`] came. `expected`
/// is the size it is expected to have (a regular file's length; 0 when unknown), allocated at
/// once. The buffer never grows past the limit, so at most 64 MiB is ever held.
pub fn read_bounded(mut reader: impl Read, expected: u64) -> Result<Vec<u8>, ReadError> {
    let expected = usize::try_from(expected).map_or(MAX_LEN, |n| n.min(MAX_LEN));
    let mut bytes: Vec<u8> = Vec::new();
    bytes
        .try_reserve_exact(expected)
        .map_err(io::Error::other)?;
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let n = match reader.read(&mut chunk) {
            Ok(0) => return Ok(bytes),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e.into()),
        };
        let len = bytes.len() + n;
        if len > MAX_LEN {
            return Err(ReadError::Endless);
        }
        if len > bytes.capacity() {
            // Doubling, but never past the limit (Vec's own growth would go to 128 MiB).
            let grown = (bytes.capacity() * 2).clamp(len, MAX_LEN);
            bytes
                .try_reserve_exact(grown - bytes.len())
                .map_err(io::Error::other)?;
        }
        bytes.extend_from_slice(&chunk[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that gives `byte` for ever, counting what it gave.
    struct Endless {
        given: u64,
    }

    impl Read for Endless {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            buf.fill(b'(');
            self.given += buf.len() as u64;
            Ok(buf.len())
        }
    }

    #[test]
    fn an_endless_input_is_refused_after_the_limit_without_holding_more() {
        let mut endless = Endless { given: 0 };
        let err = read_bounded(&mut endless, 0).expect_err("refused");
        assert!(matches!(err, ReadError::Endless), "{err:?}");
        assert!(
            endless.given <= MAX_FILE_BYTES + CHUNK as u64,
            "{}",
            endless.given
        );
        assert!(err.to_string().contains("64 MiB"), "{err}");
    }

    #[test]
    fn an_input_of_exactly_the_limit_is_read_and_one_byte_more_is_not() {
        let exact = read_bounded(io::repeat(b' ').take(MAX_FILE_BYTES), 0).expect("reads");
        assert_eq!(exact.len() as u64, MAX_FILE_BYTES);
        assert!(
            exact.capacity() as u64 <= MAX_FILE_BYTES,
            "{}",
            exact.capacity()
        );
        let over = read_bounded(io::repeat(b' ').take(MAX_FILE_BYTES + 1), 0);
        assert!(matches!(over, Err(ReadError::Endless)), "{over:?}");
    }

    #[test]
    fn small_inputs_are_read_whole_whatever_was_expected() {
        assert_eq!(read_bounded(&b"abc"[..], 0).expect("reads"), b"abc");
        assert_eq!(read_bounded(&b"abc"[..], 3).expect("reads"), b"abc");
        assert_eq!(read_bounded(&b"abc"[..], 1).expect("reads"), b"abc");
        assert_eq!(
            read_bounded(&b""[..], u64::MAX).expect("reads"),
            Vec::<u8>::new()
        );
    }

    #[test]
    fn a_directory_and_a_missing_file_are_io_errors() {
        let dir = tempfile::tempdir().expect("tempdir");
        let err = read_file(dir.path()).expect_err("a directory");
        assert!(err.to_string().contains("is a directory"), "{err}");
        let err = read_file(&dir.path().join("missing")).expect_err("missing");
        assert!(matches!(err, ReadError::Io(ref e) if e.kind() == io::ErrorKind::NotFound));
    }
}
