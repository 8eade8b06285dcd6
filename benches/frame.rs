//! Frame: one full draw of the board at 120×40 into a `TestBackend` (`ui::view`: three columns,
//! status bar, key hints, the selected goal's chain highlighted), against a bare draw of three
//! ratatui `List`s holding the same visible text, at S and L, in the same run.
//! Targets: ≤ 3× the bare draw, and L ÷ S ≤ 1.25 (only visible rows are built).

mod common;

use std::hint::black_box;

use common::*;
use criterion::criterion_main;
use personas::app::{Event, Row, State, update};
use personas::model::Column;
use personas::model::generate::Size;
use personas::ui::layout::Areas;
use ratatui::layout::{Constraint, Layout};
use ratatui::widgets::{Block, Borders, List, ListItem};

/// The app with the cursor on a department goal half way down its column.
pub fn frame_state(size: Size) -> State {
    let mut state = state(size);
    let column = Column::Departments;
    state.column = column;
    let persona = state.doc.workspace().column(column).len() / 2;
    state.columns[column.index()].cursor = state.doc.row_of(column, persona, Some(2));
    update(&mut state, Event::Idle);
    state
}

/// The text of the visible rows of each column, as the board shows it.
fn visible_text(state: &State) -> [Vec<String>; 3] {
    let rows = Areas::new(SCREEN, false).column_rows();
    let ws = state.doc.workspace();
    Column::ALL.map(|column| {
        let scroll = state.columns[column.index()].scroll;
        (scroll..scroll + rows)
            .filter_map(|r| state.doc.row(column, r))
            .map(|r| match r {
                Row::Persona(p) => {
                    let p = &ws.column(column)[p];
                    format!("{} · {}", p.name, p.role)
                }
                Row::Goal(p, g) => {
                    let g = &ws.column(column)[p].goals[g];
                    format!(" • {} ↑{}", g.text, g.supports.len())
                }
            })
            .collect()
    })
}

fn bare_draw(
    terminal: &mut ratatui::Terminal<ratatui::backend::TestBackend>,
    text: &[Vec<String>; 3],
) {
    terminal
        .draw(|f| {
            let areas: [_; 3] = Layout::horizontal([Constraint::Fill(1); 3]).areas(f.area());
            for (lines, area) in text.iter().zip(areas) {
                let list = List::new(lines.iter().map(|s| ListItem::new(s.as_str())))
                    .block(Block::default().borders(Borders::ALL).title(" column "));
                f.render_widget(list, area);
            }
        })
        .expect("draw");
}

fn benches() {
    let mut c = criterion();
    let states = SIZES.map(frame_state);
    for (size, state) in SIZES.into_iter().zip(&states) {
        let text = visible_text(state);
        let mut ours_t = terminal();
        let mut bare_t = terminal();
        let mut group = c.benchmark_group(format!("frame/{size}"));
        group.bench_function("board (ui::view)", |b| {
            b.iter(|| draw(&mut ours_t, black_box(state)))
        });
        group.bench_function("bare three Lists", |b| {
            b.iter(|| bare_draw(&mut bare_t, black_box(&text)))
        });
        group.finish();
        let (ours, bare) = interleaved(
            2000,
            || draw(&mut ours_t, state),
            || bare_draw(&mut bare_t, &text),
        );
        figure(&format!("frame {size} ours median"), us(ours.median));
        figure(&format!("frame {size} bare median"), us(bare.median));
        figure(
            &format!("frame {size} ours / bare"),
            format!("{:.2}", ratio(ours.median, bare.median)),
        );
    }
    // The Chains and Gaps views build their lines on the first frame after a change (then
    // keep them): that first frame, and the ones after it.
    for (size, state) in SIZES.into_iter().zip(&states) {
        for (name, key) in [("chains", '2'), ("gaps", '3')] {
            let mut t = terminal();
            let mut first = Vec::new();
            let mut next = Vec::new();
            for _ in 0..if size == Size::L { 5 } else { 50 } {
                let mut s = state.clone();
                update(&mut s, ch(key));
                let start = std::time::Instant::now();
                draw(&mut t, &s);
                first.push(start.elapsed());
                let start = std::time::Instant::now();
                draw(&mut t, &s);
                next.push(start.elapsed());
            }
            figure(
                &format!("frame {size} {name} view, first after a change"),
                ms(spread(first).median),
            );
            figure(
                &format!("frame {size} {name} view, next"),
                us(spread(next).median),
            );
        }
    }
    // S and L drawn in turn, so the ratio does not depend on when each ran.
    let (mut ts, mut tl) = (terminal(), terminal());
    let (s, l) = interleaved(
        2000,
        || draw(&mut ts, &states[0]),
        || draw(&mut tl, &states[1]),
    );
    figure("frame L / S", format!("{:.2}", ratio(l.median, s.median)));
}

criterion_main!(benches);
