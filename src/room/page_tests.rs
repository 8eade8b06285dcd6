use super::*;
use crate::export::palette::contrast;
use crate::model::{Goal, Persona, Workspace};
use crate::room::public::RoomView;
use crate::room::{RoomData, Round, Settings};

fn board() -> Board {
    Board::of(&Workspace::new(
        "<script>alert(1)</script>",
        [
            vec![Persona {
                id: "u".into(),
                name: "U <b>\u{1b}[31m".into(),
                goals: vec![Goal {
                    id: "u1".into(),
                    text: "\"quoted\" & <i>".into(),
                    ..Goal::default()
                }],
                ..Persona::default()
            }],
            vec![],
            vec![],
        ],
    ))
}

fn settings(read_only: bool) -> Settings {
    Settings {
        address: "127.0.0.1:0".parse().expect("address"),
        read_only,
        votes_per_person: 3,
    }
}

#[test]
fn text_is_escaped_and_control_characters_shown() {
    let page = render(
        &board(),
        &RoomView::of(&RoomData::default(), &settings(false), "p"),
        "code",
        None,
    );
    assert!(!page.contains("<script>alert"), "title escaped");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!page.contains("<b>") && !page.contains("<i>"));
    assert!(!page.contains('\u{1b}'));
    assert!(page.contains("U &lt;b&gt;␛[31m"));
    assert_eq!(
        page.matches("<script>").count(),
        1,
        "only the page's own script"
    );
}

#[test]
fn the_policy_names_the_hashes_of_exactly_what_the_page_inlines() {
    let page = render(
        &board(),
        &RoomView::of(&RoomData::default(), &settings(false), "p"),
        "code",
        None,
    );
    let inline = |open: &str, close: &str| {
        let start = page.find(open).expect("inline block") + open.len();
        let end = start + page[start..].find(close).expect("closed");
        page[start..end].to_string()
    };
    let policy = csp();
    assert!(policy.contains(&hash(&inline("<script>", "</script>"))));
    assert!(policy.contains(&hash(&inline("<style>", "</style>"))));
    assert!(policy.contains("connect-src 'self'"));
    assert!(!policy.contains("unsafe"));
    assert!(
        !page.contains(" style=\""),
        "inline style attributes would be blocked"
    );
}

#[test]
fn a_view_only_room_shows_no_form_and_no_dots() {
    let data = RoomData {
        round: Some(Round::default()),
        ..RoomData::default()
    };
    let page = render(
        &board(),
        &RoomView::of(&data, &settings(true), "p"),
        "code",
        None,
    );
    assert!(!page.contains("<form"), "{page}");
    let page = render(
        &board(),
        &RoomView::of(&data, &settings(false), "p"),
        "code",
        None,
    );
    assert!(page.contains("action=\"/code/votes\""));
    assert!(page.contains("action=\"/code/proposals\""));
}

#[test]
fn notices_come_only_from_known_keys() {
    assert_eq!(Notice::from_query("sent=12"), Some(Notice::Sent(12)));
    assert_eq!(
        Notice::from_query("error=text"),
        Some(Notice::Error("text"))
    );
    assert_eq!(Notice::from_query("error=%3Cscript%3E"), None);
    assert_eq!(Notice::from_query("x=1"), None);
}

#[test]
fn buttons_and_their_text_meet_4_5_to_1() {
    for palette in [&LIGHT, &DARK] {
        // Button text (the page colour) on the link colour, and the quiet button's text.
        let button = contrast(palette.page, palette.link).expect("colours");
        assert!(button >= 4.5, "{button:.2}");
        let quiet = contrast(palette.text, palette.goal).expect("colours");
        assert!(quiet >= 4.5, "{quiet:.2}");
    }
}
