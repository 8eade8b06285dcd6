//! View 4, the Room (SPEC §11), drawn on a `TestBackend`: the proposals as they arrived, the QR
//! code of the room's address beside them (dark on light whatever the theme, inside 80×24), and
//! the status bar's count; the detail pane shows the selected proposal whole.

mod common;

use std::path::PathBuf;

use common::tui::{run_script, screen_text, typed};
use personas::app::room::{Opened, RoomNews};
use personas::app::{Event, State, update};
use personas::model::Column;
use personas::room::{Proposal, ProposalState, RoomData, Target};
use ratatui::style::Color;

fn proposal(id: u64, target: Target, text: &str, state: ProposalState) -> Proposal {
    Proposal {
        id,
        from: format!("phone-{id}"),
        author: ["Ana", "Bo", ""][id as usize % 3].into(),
        column: Column::Users,
        target,
        text: text.into(),
        why: "the forecast needs it".into(),
        metric: "calls logged a day".into(),
        state,
    }
}

/// The example with three proposals (kept from a last room) and the room open at a fixed address.
fn room() -> State {
    let mut s = State::new(personas::store::example(), PathBuf::from("acme.ron"));
    update(
        &mut s,
        Event::Room(RoomNews::Changed {
            data: RoomData {
                code: "k3m9p2xq".into(),
                port: 7007,
                next_id: 4,
                round: None,
                proposals: vec![
                    proposal(
                        1,
                        Target::Persona("manager".into()),
                        "Coach reps from real calls",
                        ProposalState::Taken,
                    ),
                    proposal(
                        2,
                        Target::New("Team lead".into()),
                        "See my team's pipeline at a glance",
                        ProposalState::Waiting,
                    ),
                    proposal(
                        3,
                        Target::None,
                        "Fewer clicks to log a call\u{1b}[31m",
                        ProposalState::SetAside,
                    ),
                ],
            },
            people: 12,
        }),
    );
    update(
        &mut s,
        Event::Room(RoomNews::Opened(Opened {
            url: "http://192.168.1.20:7007/k3m9p2xq".into(),
            code: "k3m9p2xq".into(),
            moved_from: None,
            read_only: false,
        })),
    );
    s
}

fn shot(mut state: State, w: u16, h: u16, keys: &str) -> (String, ratatui::buffer::Buffer) {
    let terminal = run_script(&mut state, w, h, typed(keys));
    let buf = terminal.backend().buffer().clone();
    let text = screen_text(&buf)
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    (text, buf)
}

#[test]
fn the_room_view_at_80x24_and_120x40() {
    let (small, buf) = shot(room(), 80, 24, "");
    insta::assert_snapshot!("room_80x24", small);
    // The code is drawn dark on light, whatever the theme: every cell of it, its light modules
    // and its quiet zone (two columns each side) too.
    let area = buf.area;
    let dark: Vec<(u16, u16)> = (area.top()..area.bottom())
        .flat_map(|y| (area.left()..area.right()).map(move |x| (x, y)))
        .filter(|&(x, y)| matches!(buf[(x, y)].symbol(), "█" | "▀" | "▄"))
        .collect();
    assert!(dark.len() > 200, "no QR code drawn:\n{small}");
    let (left, right) = (
        dark.iter().map(|c| c.0).min().unwrap() - 2,
        dark.iter().map(|c| c.0).max().unwrap() + 2,
    );
    let (top, bottom) = (
        dark.iter().map(|c| c.1).min().unwrap(),
        dark.iter().map(|c| c.1).max().unwrap(),
    );
    for y in top..=bottom {
        for x in left..=right {
            let cell = &buf[(x, y)];
            assert!(
                cell.fg == Color::Black && cell.bg == Color::White,
                "cell ({x}, {y}) {:?} is not dark on light",
                cell.symbol()
            );
        }
    }
    let (big, _) = shot(room(), 120, 40, "");
    insta::assert_snapshot!("room_120x40", big);
    assert!(
        big.contains("[room open · 12 people · 1 proposal]"),
        "{big}"
    );
    // Text from participants shows control characters as placeholders, never raw.
    assert!(!big.contains('\u{1b}'));
    assert!(big.contains("Fewer clicks to log a call␛[31m"), "{big}");
}

#[test]
fn the_detail_pane_shows_the_selected_proposal_whole() {
    let (screen, _) = shot(room(), 120, 40, "ji");
    assert!(screen.contains("proposal (waiting)"), "{screen}");
    assert!(screen.contains("why: the forecast needs it"), "{screen}");
    assert!(
        screen.contains("persona: new persona Team lead"),
        "{screen}"
    );
}
