//! The room's keys and news (SPEC §11): R, V, view 4, Enter on a proposal, d.

use super::*;
use crate::app::room::{Opened, RoomCommand, RoomNews};
use crate::room::{Proposal, ProposalState, RoomData, Round, Target as For};

fn proposal(id: u64, column: Column, target: For, text: &str) -> Proposal {
    Proposal {
        id,
        from: "phone-1".into(),
        author: "Ana".into(),
        column,
        target,
        text: text.into(),
        why: "so the forecast is right".into(),
        metric: "calls logged a day".into(),
        state: ProposalState::Waiting,
    }
}

/// The example with the room open and these proposals in it.
fn open_room(proposals: Vec<Proposal>) -> State {
    let mut s = example_state();
    let effects = press(&mut s, "R");
    assert_eq!(effects, vec![Effect::Room(RoomCommand::Open)]);
    update(
        &mut s,
        Event::Room(RoomNews::Opened(Opened {
            url: "http://192.168.1.20:7007/abcdefgh".into(),
            code: "abcdefgh".into(),
            moved_from: None,
            read_only: false,
        })),
    );
    update(
        &mut s,
        Event::Room(RoomNews::Changed {
            data: RoomData {
                code: "abcdefgh".into(),
                port: 7007,
                next_id: proposals.len() as u64 + 1,
                proposals,
                round: None,
            },
            people: 2,
        }),
    );
    s
}

fn room_lines(s: &State) -> Vec<String> {
    let list = View::Room.list().unwrap();
    (list.lines)(s, 0, 100)
        .into_iter()
        .map(|l| l.text)
        .collect()
}

#[test]
fn opening_the_room_shows_view_4_with_its_address_code_and_qr() {
    let s = open_room(vec![]);
    assert_eq!(s.view, View::Room);
    assert!(
        msg(&s).contains("http://192.168.1.20:7007/abcdefgh"),
        "{}",
        msg(&s)
    );
    assert!(s.room.qr.as_ref().is_some_and(|q| q.len() <= 17));
    assert_eq!(
        s.room.status().unwrap(),
        "room open · 2 people · 0 proposals"
    );
}

#[test]
fn a_proposal_for_an_existing_persona_opens_its_goal_form_filled_in_and_commit_marks_it_taken() {
    let mut s = open_room(vec![proposal(
        1,
        Column::Users,
        For::Persona("manager".into()),
        "Coach from real calls",
    )]);
    assert!(
        room_lines(&s)
            .iter()
            .any(|l| l.contains("[waiting] Ana → users · ") && l.contains("Coach from real calls")),
        "{:?}",
        room_lines(&s)
    );
    // The cursor starts on the proposal, not on the heading.
    press(&mut s, "enter");
    let Mode::Form(form) = &s.mode else {
        panic!("no form: {}", msg(&s))
    };
    assert_eq!(form.field("text").unwrap().value(), "Coach from real calls");
    assert_eq!(
        form.field("why").unwrap().value(),
        "so the forecast is right"
    );
    let before = ws(&s).column(Column::Users)[1].goals.len();
    let effects = press(&mut s, "ctrl-s");
    assert_eq!(
        effects,
        vec![Effect::Room(RoomCommand::Proposal {
            id: 1,
            state: ProposalState::Taken
        })]
    );
    let manager = &ws(&s).column(Column::Users)[1];
    assert_eq!(manager.id, "manager");
    assert_eq!(manager.goals.len(), before + 1);
    assert_eq!(manager.goals.last().unwrap().text, "Coach from real calls");
    assert_eq!(s.room.data.proposals[0].state, ProposalState::Taken);
    // An ordinary undoable edit; undone, the proposal is waiting again for its sender, and
    // taken again when redone.
    let effects = press(&mut s, "u");
    assert_eq!(ws(&s).column(Column::Users)[1].goals.len(), before);
    assert_eq!(
        effects,
        vec![Effect::Room(RoomCommand::Proposal {
            id: 1,
            state: ProposalState::Waiting
        })]
    );
    assert_eq!(s.room.data.proposals[0].state, ProposalState::Waiting);
    let effects = press(&mut s, "ctrl-r");
    assert_eq!(
        effects,
        vec![Effect::Room(RoomCommand::Proposal {
            id: 1,
            state: ProposalState::Taken
        })]
    );
    // Undoing something else leaves it alone.
    press(&mut s, "1");
    let moved = ws(&s).clone();
    press(&mut s, "K");
    assert_ne!(ws(&s), &moved, "K moved the new goal up");
    assert!(press(&mut s, "u").is_empty());
}

#[test]
fn a_proposal_naming_a_new_persona_opens_the_persona_form_then_its_goal_filled_in() {
    let mut s = open_room(vec![proposal(
        4,
        Column::Departments,
        For::New("Finance".into()),
        "Close the books in 3 days",
    )]);
    press(&mut s, "enter");
    let Mode::Form(form) = &s.mode else {
        panic!("no form")
    };
    assert_eq!(form.field("name").unwrap().value(), "Finance");
    let effects = press(&mut s, "ctrl-s");
    assert!(effects.is_empty(), "not taken before its goal: {effects:?}");
    let Mode::Form(form) = &s.mode else {
        panic!("no first-goal form")
    };
    assert_eq!(
        form.field("text").unwrap().value(),
        "Close the books in 3 days"
    );
    let effects = press(&mut s, "ctrl-s");
    assert_eq!(
        effects,
        vec![Effect::Room(RoomCommand::Proposal {
            id: 4,
            state: ProposalState::Taken
        })]
    );
    let finance = ws(&s).column(Column::Departments).last().unwrap();
    assert_eq!(finance.name, "Finance");
    assert_eq!(finance.goals[0].text, "Close the books in 3 days");
}

#[test]
fn d_sets_a_proposal_aside_and_again_puts_it_back() {
    let mut s = open_room(vec![proposal(2, Column::Users, For::None, "Fewer clicks")]);
    let effects = press(&mut s, "d");
    assert_eq!(
        effects,
        vec![Effect::Room(RoomCommand::Proposal {
            id: 2,
            state: ProposalState::SetAside
        })]
    );
    assert!(room_lines(&s).iter().any(|l| l.starts_with("[set aside]")));
    let effects = press(&mut s, "d");
    assert_eq!(
        effects,
        vec![Effect::Room(RoomCommand::Proposal {
            id: 2,
            state: ProposalState::Waiting
        })]
    );
    // Nothing in the workspace changed.
    assert!(!s.modified());
}

#[test]
fn v_opens_and_closes_a_round_and_the_status_shows_only_who_voted() {
    let mut s = open_room(vec![]);
    assert_eq!(
        press(&mut s, "V"),
        vec![Effect::Room(RoomCommand::StartRound)]
    );
    let mut round = Round::default();
    round
        .dots
        .insert("a".into(), ["employee-log-calls".to_string()].into());
    round.dots.insert(
        "b".into(),
        [
            "employee-log-calls".to_string(),
            "exec-revenue-growth".to_string(),
        ]
        .into(),
    );
    update(
        &mut s,
        Event::Room(RoomNews::Changed {
            data: RoomData {
                round: Some(round),
                ..RoomData::default()
            },
            people: 3,
        }),
    );
    let status = s.room.status().unwrap();
    assert!(status.ends_with("vote round: 2 voted"), "{status}");
    assert!(!status.contains('●'));
    assert_eq!(
        press(&mut s, "V"),
        vec![Effect::Room(RoomCommand::CloseRound)]
    );
}

#[test]
fn v_without_a_room_says_how_to_open_one() {
    let mut s = example_state();
    assert!(press(&mut s, "V").is_empty());
    assert!(msg(&s).starts_with("open the room first ("), "{}", msg(&s));
}

#[test]
fn r_asks_before_closing_while_people_are_connected() {
    let mut s = open_room(vec![]);
    assert!(press(&mut s, "R").is_empty());
    assert!(matches!(
        s.mode,
        Mode::Prompt(Prompt::CloseRoom { people: 2 })
    ));
    assert!(press(&mut s, "n").is_empty());
    assert!(matches!(s.mode, Mode::Normal));
    press(&mut s, "R");
    assert_eq!(press(&mut s, "y"), vec![Effect::Room(RoomCommand::Close)]);
}

#[test]
fn kept_proposals_offer_to_reopen_the_room_after_the_recovery_question() {
    let mut s = example_state();
    s.mode = Mode::Prompt(Prompt::Quit);
    update(
        &mut s,
        Event::Room(RoomNews::Kept(RoomData {
            proposals: vec![proposal(1, Column::Users, For::None, "x")],
            ..RoomData::default()
        })),
    );
    // Another question is up: the offer waits.
    assert!(matches!(s.mode, Mode::Prompt(Prompt::Quit)));
    press(&mut s, "esc");
    assert!(matches!(
        s.mode,
        Mode::Prompt(Prompt::ReopenRoom {
            waiting: 1,
            round: false
        })
    ));
    assert_eq!(press(&mut s, "r"), vec![Effect::Room(RoomCommand::Open)]);
}

#[test]
fn read_only_refuses_votes_and_taking_but_opens_a_view_only_room() {
    let mut s = example_state();
    s.read_only = true;
    assert_eq!(press(&mut s, "R"), vec![Effect::Room(RoomCommand::Open)]);
    assert!(press(&mut s, "V").is_empty());
    assert!(msg(&s).contains("read-only"), "{}", msg(&s));
}

#[test]
fn a_closed_round_becomes_each_goals_votes_in_one_undoable_edit_replacing_the_last() {
    let mut s = open_room(vec![]);
    let tally = |pairs: &[(&str, u32)]| {
        pairs
            .iter()
            .map(|(g, n)| (g.to_string(), *n))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let votes = |s: &State, id: &str| {
        let pos = s.doc.derived().index.goal_pos(id).unwrap();
        ws(s).column(pos.column)[pos.persona].goals[pos.goal].votes
    };
    update(
        &mut s,
        Event::Room(RoomNews::RoundClosed {
            tally: tally(&[("employee-log-calls", 3), ("exec-revenue-growth", 1)]),
        }),
    );
    assert_eq!(votes(&s, "employee-log-calls"), 3);
    assert_eq!(votes(&s, "exec-revenue-growth"), 1);
    assert!(s.modified());
    assert!(msg(&s).contains("4 dot(s) on 2 goal(s)"), "{}", msg(&s));
    // The Room view lists the goals by dots, most first.
    let lines = room_lines(&s);
    let first = lines.iter().position(|l| l.starts_with("●3 ")).unwrap();
    let second = lines.iter().position(|l| l.starts_with("●1 ")).unwrap();
    assert!(first < second, "{lines:?}");
    // The next round replaces the result: goals without dots lose theirs.
    update(
        &mut s,
        Event::Room(RoomNews::RoundClosed {
            tally: tally(&[("exec-revenue-growth", 2)]),
        }),
    );
    assert_eq!(votes(&s, "employee-log-calls"), 0);
    assert_eq!(votes(&s, "exec-revenue-growth"), 2);
    press(&mut s, "u");
    assert_eq!(votes(&s, "employee-log-calls"), 3);
    press(&mut s, "u");
    assert_eq!(votes(&s, "employee-log-calls"), 0);
    assert!(!s.modified());
}

#[test]
fn a_new_proposal_is_said_in_the_status_bar_wherever_the_facilitator_is() {
    let mut s = open_room(vec![proposal(1, Column::Users, For::None, "First")]);
    press(&mut s, "1");
    let mut data = s.room.data.clone();
    data.proposals
        .push(proposal(2, Column::Users, For::None, "Second\u{7}"));
    update(&mut s, Event::Room(RoomNews::Changed { data, people: 2 }));
    assert_eq!(msg(&s), "new proposal from Ana: Second␇");
    assert_eq!(s.view, View::Board, "the board stays on screen");
}

#[test]
fn a_window_of_view_4_is_the_same_lines_as_the_whole_list() {
    let mut s = open_room(
        (1..=5)
            .map(|i| proposal(i, Column::Users, For::None, &format!("goal {i}")))
            .collect(),
    );
    update(
        &mut s,
        Event::Room(RoomNews::RoundClosed {
            tally: [
                ("employee-log-calls".to_string(), 2),
                ("exec-revenue-growth".to_string(), 4),
            ]
            .into(),
        }),
    );
    let list = View::Room.list().unwrap();
    let len = (list.len)(&s);
    let whole = (list.lines)(&s, 0, usize::MAX);
    assert_eq!(whole.len(), len);
    assert_eq!(len, 1 + 5 + 1 + 2);
    assert!(whole[7].text.starts_with("●4 "), "{:?}", whole[7].text);
    for from in 0..=len {
        assert_eq!(
            (list.lines)(&s, from, 3),
            whole[from.min(len)..(from + 3).min(len)]
        );
    }
}

#[test]
fn undoing_a_take_after_the_room_closed_gives_the_proposal_back_to_the_kept_list() {
    let mut s = open_room(vec![proposal(
        1,
        Column::Users,
        For::Persona("manager".into()),
        "Coach from real calls",
    )]);
    press(&mut s, "enter");
    press(&mut s, "ctrl-s");
    // The room closes (nobody connected) and keeps only what was not taken.
    s.room.people = 0;
    assert_eq!(press(&mut s, "R"), vec![Effect::Room(RoomCommand::Close)]);
    update(
        &mut s,
        Event::Room(RoomNews::Changed {
            data: RoomData::default(),
            people: 0,
        }),
    );
    update(&mut s, Event::Room(RoomNews::Closed));
    let effects = press(&mut s, "u");
    let [Effect::Room(RoomCommand::Restore(p))] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!((p.id, p.state), (1, ProposalState::Waiting));
    assert_eq!(s.room.data.proposals.len(), 1);
}

#[test]
fn esc_on_the_reopen_question_keeps_the_proposals_and_listens_to_nothing() {
    let mut s = example_state();
    update(
        &mut s,
        Event::Room(RoomNews::Kept(RoomData {
            proposals: vec![proposal(1, Column::Users, For::None, "x")],
            ..RoomData::default()
        })),
    );
    assert!(matches!(s.mode, Mode::Prompt(Prompt::ReopenRoom { .. })));
    assert!(press(&mut s, "esc").is_empty());
    assert!(
        msg(&s).contains("1 proposal(s) kept for later"),
        "{}",
        msg(&s)
    );
    assert_eq!(s.room.data.proposals.len(), 1, "view 4 still lists it");
    assert!(s.room.open.is_none());
}
