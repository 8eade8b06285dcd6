//! Memory, counted by a global allocator that keeps the bytes in use (this bench binary only):
//! the undo history that 1,000 edits add at S and L (target ≤ 10 MB at L: history holds the
//! personas a change touched, not copies of the workspace), and the heap in use with the
//! workspace open in the app. The peak of the whole program is measured outside, with
//! `/usr/bin/time -v target/release/personas check L.ron` (see the README).

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use personas::app::{Mode, State, update};
use personas::model::Column;
use ratatui::crossterm::event::KeyCode;

struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: same layout as asked of us.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` was allocated by `System` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size() {
            let now = IN_USE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                - layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        } else {
            IN_USE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
        }
        // SAFETY: passed through unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn in_use() -> usize {
    IN_USE.load(Ordering::Relaxed)
}

fn mb(bytes: usize) -> String {
    format!("{:.2} MB", bytes as f64 / 1e6)
}

/// One edit as a person makes it: open the form on a goal, type a letter, Ctrl-s.
fn edit(state: &mut State, i: usize) {
    let column = Column::ALL[i % 2];
    let personas = state.doc.workspace().column(column).len();
    let persona = (i * 7919) % personas;
    state.column = column;
    state.columns[column.index()].cursor = state.doc.row_of(column, persona, Some(i % 3));
    update(state, key(KeyCode::Enter));
    assert!(matches!(state.mode, Mode::Form(_)));
    update(state, key(KeyCode::End));
    update(state, ch('x'));
    update(state, ctrl('s'));
    assert!(matches!(state.mode, Mode::Normal));
}

fn main() {
    // `cargo test --benches` runs bench binaries with no arguments; `cargo bench` passes --bench.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    for size in SIZES {
        let before_open = in_use();
        PEAK.store(before_open, Ordering::Relaxed);
        let (_dir, path) = file(size);
        let file_bytes = std::fs::metadata(&path).expect("meta").len() as usize;
        let base = in_use();
        PEAK.store(base, Ordering::Relaxed);
        let ws = personas::store::load(&path).expect("loads");
        let workspace = in_use() - base;
        let mut state = State::new(ws, path.clone());
        update(&mut state, personas::app::Event::Resize(SCREEN.0, SCREEN.1));
        let open = in_use() - base;
        let open_peak = PEAK.load(Ordering::Relaxed) - base;
        figure(&format!("memory {size} file bytes"), mb(file_bytes));
        figure(&format!("memory {size} heap: the workspace"), mb(workspace));
        figure(
            &format!("memory {size} heap: derived facts (index, findings, rows)"),
            mb(open - workspace),
        );
        figure(
            &format!("memory {size} heap with the workspace open"),
            mb(open),
        );
        figure(
            &format!("memory {size} heap peak while opening"),
            mb(open_peak),
        );
        let before = in_use();
        for i in 0..1000 {
            edit(&mut state, i);
        }
        let grown = in_use() as isize - before as isize;
        figure(
            &format!("memory {size} undo history of 1000 edits"),
            mb(grown.max(0) as usize),
        );
        assert!(state.doc.can_undo());
    }
}
