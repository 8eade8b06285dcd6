//! Random names the room hands out: the room's code (in its address) and each participant's id
//! (in a cookie). Both come from the operating system's random source; nothing here is derived
//! from the time or the workspace, so neither can be guessed from outside.

use std::hash::{BuildHasher, Hasher};

use super::limits;

/// The letters of a code: lower-case letters and digits without the look-alikes
/// (`0`/`o`, `1`/`l`/`i`), so a code read off a projector is typed right.
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A new room code: [`limits::CODE`] characters of [`ALPHABET`].
pub fn new_code() -> String {
    random_word(limits::CODE)
}

/// A new participant id (the room's cookie): 24 characters of [`ALPHABET`], about 119 bits.
pub fn new_participant() -> String {
    random_word(PARTICIPANT_LEN)
}

/// Characters in a participant id.
pub const PARTICIPANT_LEN: usize = 24;

/// Whether a cookie's value is a participant id this room could have handed out (anything else
/// is ignored and a new id given).
pub fn is_participant(id: &str) -> bool {
    id.len() == PARTICIPANT_LEN && id.bytes().all(|b| ALPHABET.contains(&b))
}

/// `len` characters of [`ALPHABET`], each equally likely (bytes past the last whole multiple
/// of the alphabet's size are drawn again).
fn random_word(len: usize) -> String {
    let n = ALPHABET.len();
    let limit = (256 / n * n) as u8;
    let mut out = String::with_capacity(len);
    while out.len() < len {
        let mut bytes = [0u8; 32];
        fill(&mut bytes);
        for b in bytes {
            if b < limit && out.len() < len {
                out.push(char::from(ALPHABET[usize::from(b) % n]));
            }
        }
    }
    out
}

/// Random bytes from the OS. Should the OS refuse (it practically never does), std's hasher
/// keys are used instead: they too are seeded from the OS's random source, once per thread.
fn fill(bytes: &mut [u8]) {
    if getrandom::fill(bytes).is_ok() {
        return;
    }
    for chunk in bytes.chunks_mut(8) {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0),
        );
        let word = hasher.finish().to_le_bytes();
        chunk.copy_from_slice(&word[..chunk.len()]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_long_enough_and_have_no_look_alikes() {
        let code = new_code();
        assert!(code.len() >= 8, "{code}");
        assert!(
            code.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
            "{code}"
        );
        assert!(!code.contains(['0', 'o', '1', 'l', 'i']), "{code}");
    }

    #[test]
    fn codes_differ_each_time() {
        let codes: std::collections::HashSet<String> = (0..200).map(|_| new_code()).collect();
        assert_eq!(codes.len(), 200);
    }

    #[test]
    fn every_letter_turns_up() {
        let all: String = (0..200).map(|_| new_code()).collect();
        for &c in ALPHABET {
            assert!(all.contains(char::from(c)), "{} never drawn", char::from(c));
        }
    }

    #[test]
    fn participant_ids_are_recognised_and_nothing_else() {
        let id = new_participant();
        assert!(is_participant(&id));
        assert!(!is_participant(&id[1..]));
        assert!(!is_participant(&id.to_uppercase()));
        assert!(!is_participant("x; Path=/"));
    }
}
