//! Search: typing a query, choosing a match, jumping to it, and `n` / `N` afterwards.

use super::*;

/// Keys while the search box is open: the keymap's Search mode (choose, go there, cancel, and
/// the editing keys); a typed character goes into the query (replacing it while it is selected).
pub(super) fn on_search_key(
    state: &mut State,
    key: KeyEvent,
    action: Option<Action>,
) -> Vec<Effect> {
    let ws = state.doc.snapshot();
    let Mode::Search(search) = &mut state.mode else {
        return Vec::new();
    };
    match action {
        Some(Action::Up) => search.cursor = search.cursor.saturating_sub(1),
        Some(Action::Down) => {
            search.cursor = (search.cursor + 1).min(search.hits.len().saturating_sub(1));
        }
        Some(Action::Cancel) => {
            state.mode = Mode::Normal;
            state.search = None;
            state.say(Tone::Info, "search cleared");
        }
        Some(Action::Jump) => {
            search.finish(&ws);
            let search = search.clone();
            state.mode = Mode::Normal;
            match search.hits.get(search.cursor) {
                Some(hit) => {
                    let target = hit.target.clone();
                    let total = search.hits.len();
                    let at = search.cursor + 1;
                    state.search = Some(search);
                    go_to(state, &target);
                    state.say(
                        Tone::Info,
                        format!("match {at} of {total} — n next, N previous, Esc clears"),
                    );
                }
                None => {
                    state.search = None;
                    state.say(Tone::Info, "nothing matches");
                }
            }
        }
        // The editing keys of every text field (SPEC §3).
        Some(action) => {
            if search.input.edit(action) {
                search.run_again(&ws);
            }
        }
        // Typed text is input, not an action; no other key edits the query.
        None => {
            if let Some(c) = crate::app::typing::typed(&key) {
                search.input.insert(c.encode_utf8(&mut [0; 4]));
                search.run_again(&ws);
            }
        }
    }
    Vec::new()
}

/// Pasted text goes into the query (newlines become spaces).
pub(super) fn paste_into_search(state: &mut State, text: &str) -> bool {
    let ws = state.doc.snapshot();
    let Mode::Search(search) = &mut state.mode else {
        return false;
    };
    search.input.insert(&text.replace(['\n', '\r'], " "));
    search.run_again(&ws);
    true
}

/// `n` / `N`: the next or previous match of the last search.
pub(super) fn next_match(state: &mut State, forward: bool) {
    let Some(search) = &mut state.search else {
        state.say(Tone::Info, "no search yet: / searches");
        return;
    };
    let total = search.hits.len();
    if total == 0 {
        state.say(Tone::Info, "the last search matched nothing");
        return;
    }
    search.cursor = if forward {
        (search.cursor + 1) % total
    } else {
        (search.cursor + total - 1) % total
    };
    let at = search.cursor;
    let target = search.hits[at].target.clone();
    go_to(state, &target);
    state.say(
        Tone::Info,
        format!(
            "match {} of {total} — n next, N previous, Esc clears",
            at + 1
        ),
    );
}
