//! What a participant may send, checked (SPEC §11): a proposal's fields against the limits and
//! the board, and a dot against the open round. Pure: the caller holds the data.

use hyper::StatusCode;

use crate::model::Column;
use crate::room::public::Board;
use crate::room::{RoomData, Target, limits};

use super::request::Fields;

/// Why a post was refused: its status, a sentence, the field to blame, and the short key a
/// plain form post is sent back to the page with (`?error=KEY`).
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal {
    pub status: StatusCode,
    pub message: String,
    pub field: Option<&'static str>,
    pub key: &'static str,
}

impl Refusal {
    /// 400 for a field.
    pub fn field(field: &'static str, message: impl Into<String>) -> Refusal {
        Refusal {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
            field: Some(field),
            key: field,
        }
    }

    /// 409: the round does not allow it.
    fn conflict(key: &'static str, message: &str) -> Refusal {
        Refusal {
            status: StatusCode::CONFLICT,
            message: message.to_string(),
            field: None,
            key,
        }
    }
}

/// A proposal as read from a post, before it gets its id.
#[derive(Debug, PartialEq, Eq)]
pub struct Sent {
    pub column: Column,
    pub target: Target,
    pub text: String,
    pub why: String,
    pub metric: String,
    pub author: String,
}

/// A field's text, trimmed, at most `max` characters.
fn bounded(fields: &Fields, name: &'static str, max: usize) -> Result<String, Refusal> {
    let value = fields.text(name).trim();
    if value.chars().count() > max {
        return Err(Refusal::field(
            name,
            format!("{name} is longer than {max} characters"),
        ));
    }
    Ok(value.to_string())
}

/// Reads a proposal: `column`, `persona` (an id or name in that column, a new name, or empty),
/// `text` (required), `why`, `metric`, `author`.
pub fn read_proposal(fields: &Fields, board: &Board) -> Result<Sent, Refusal> {
    let wanted = fields.text("column").trim().to_ascii_lowercase();
    let Some(column) = Column::ALL.into_iter().find(|c| c.key() == wanted) else {
        return Err(Refusal::field(
            "column",
            "column must be users, departments or buyers",
        ));
    };
    let text = bounded(fields, "text", limits::TEXT)?;
    if text.is_empty() {
        return Err(Refusal::field("text", "text is required"));
    }
    let why = bounded(fields, "why", limits::TEXT)?;
    let metric = bounded(fields, "metric", limits::TEXT)?;
    let author = bounded(fields, "author", limits::NAME)?;
    let persona = bounded(fields, "persona", limits::NAME)?;
    let target = if persona.is_empty() {
        Target::None
    } else {
        match board.find_persona(column, &persona) {
            Ok(Some(p)) => Target::Persona(p.id.clone()),
            Ok(None) => Target::New(persona),
            Err(other) => {
                return Err(Refusal::field(
                    "persona",
                    format!(
                        "{persona} is a {} persona, not a {} one",
                        other.noun(),
                        column.noun()
                    ),
                ));
            }
        }
    };
    Ok(Sent {
        column,
        target,
        text,
        why,
        metric,
        author,
    })
}

/// A dot placed or taken back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dot {
    Add,
    Remove,
}

impl Dot {
    pub fn word(self) -> &'static str {
        match self {
            Dot::Add => "add",
            Dot::Remove => "remove",
        }
    }
}

/// Reads a vote: `goal` (an id) and `dot` (`add` or `remove`).
pub fn read_vote(fields: &Fields) -> Result<(String, Dot), Refusal> {
    let goal = fields.text("goal").trim();
    if goal.is_empty() {
        return Err(Refusal::field("goal", "goal is required"));
    }
    if goal.chars().count() > limits::TEXT {
        return Err(Refusal::field("goal", "goal is not a goal id"));
    }
    let dot = match fields.text("dot").trim() {
        "add" => Dot::Add,
        "remove" => Dot::Remove,
        _ => return Err(Refusal::field("dot", "dot must be add or remove")),
    };
    Ok((goal.to_string(), dot))
}

/// Places or takes back a participant's dot in the open round.
pub fn vote(
    data: &mut RoomData,
    board: &Board,
    votes_per_person: u32,
    participant: &str,
    goal: &str,
    dot: Dot,
) -> Result<(), Refusal> {
    let Some(round) = data.round.as_mut() else {
        return Err(Refusal::conflict("round", "no vote round is open"));
    };
    if !board.has_goal(goal) {
        return Err(Refusal::field("goal", format!("there is no goal {goal}")));
    }
    let mine = round.dots.entry(participant.to_string()).or_default();
    match dot {
        Dot::Add if mine.contains(goal) => Err(Refusal::conflict(
            "twice",
            "you already put a dot on this goal",
        )),
        Dot::Add if mine.len() >= usize::try_from(votes_per_person).unwrap_or(usize::MAX) => {
            Err(Refusal::conflict("dots", "you have no dots left"))
        }
        Dot::Add => {
            mine.insert(goal.to_string());
            Ok(())
        }
        Dot::Remove if mine.remove(goal) => {
            if mine.is_empty() {
                round.dots.remove(participant);
            }
            Ok(())
        }
        Dot::Remove => Err(Refusal::conflict("none", "you have no dot on this goal")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Goal, Persona, Workspace};
    use crate::room::Round;

    fn board() -> Board {
        let p = |id: &str, name: &str, goal: &str| Persona {
            id: id.into(),
            name: name.into(),
            goals: vec![Goal {
                id: goal.into(),
                text: "t".into(),
                ..Goal::default()
            }],
            ..Persona::default()
        };
        Board::of(&Workspace::new(
            "T",
            [
                vec![p("u", "Ursula", "u1")],
                vec![p("d", "Dept", "d1")],
                vec![p("b", "Boss", "b1"), p("c", "Carla", "c1")],
            ],
        ))
    }

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        Fields::parse(&hyper::HeaderMap::new(), body.as_bytes()).expect("form")
    }

    fn refused_field(pairs: &[(&str, &str)]) -> Option<&'static str> {
        read_proposal(&fields(pairs), &board())
            .expect_err("refused")
            .field
    }

    #[test]
    fn a_proposal_names_an_existing_a_new_or_no_persona() {
        let b = board();
        let sent = read_proposal(
            &fields(&[("column", "users"), ("persona", "ursula"), ("text", " Go ")]),
            &b,
        )
        .expect("taken");
        assert_eq!(sent.target, Target::Persona("u".into()));
        assert_eq!(sent.text, "Go");
        let sent = read_proposal(
            &fields(&[("column", "buyers"), ("persona", "Newbie"), ("text", "x")]),
            &b,
        )
        .expect("taken");
        assert_eq!(sent.target, Target::New("Newbie".into()));
        let sent =
            read_proposal(&fields(&[("column", "buyers"), ("text", "x")]), &b).expect("taken");
        assert_eq!(sent.target, Target::None);
    }

    #[test]
    fn each_bad_field_is_named() {
        let long = "x".repeat(limits::TEXT + 1);
        let name = "n".repeat(limits::NAME + 1);
        assert_eq!(refused_field(&[("column", "users")]), Some("text"));
        assert_eq!(
            refused_field(&[("column", "users"), ("text", "  ")]),
            Some("text")
        );
        assert_eq!(
            refused_field(&[("column", "users"), ("text", &long)]),
            Some("text")
        );
        assert_eq!(
            refused_field(&[("column", "users"), ("text", "t"), ("why", &long)]),
            Some("why")
        );
        assert_eq!(
            refused_field(&[("column", "users"), ("text", "t"), ("metric", &long)]),
            Some("metric")
        );
        assert_eq!(
            refused_field(&[("column", "users"), ("text", "t"), ("author", &name)]),
            Some("author")
        );
        assert_eq!(
            refused_field(&[("column", "users"), ("text", "t"), ("persona", &name)]),
            Some("persona")
        );
        assert_eq!(
            refused_field(&[("column", "users"), ("text", "t"), ("persona", "Boss")]),
            Some("persona")
        );
        assert_eq!(
            refused_field(&[("column", "execs"), ("text", "t")]),
            Some("column")
        );
        // 300 characters of any script are fine.
        let full = "é".repeat(limits::TEXT);
        assert!(read_proposal(&fields(&[("column", "users"), ("text", &full)]), &board()).is_ok());
    }

    #[test]
    fn dots_one_per_goal_up_to_the_allowance_and_taken_back() {
        let b = board();
        let mut data = RoomData::default();
        let no_round = vote(&mut data, &b, 2, "p", "u1", Dot::Add).expect_err("no round");
        assert_eq!(
            (no_round.status, no_round.key),
            (StatusCode::CONFLICT, "round")
        );
        data.round = Some(Round::default());
        assert!(vote(&mut data, &b, 2, "p", "u1", Dot::Add).is_ok());
        assert_eq!(
            vote(&mut data, &b, 2, "p", "u1", Dot::Add)
                .expect_err("twice")
                .key,
            "twice"
        );
        assert!(vote(&mut data, &b, 2, "p", "d1", Dot::Add).is_ok());
        assert_eq!(
            vote(&mut data, &b, 2, "p", "b1", Dot::Add)
                .expect_err("none left")
                .key,
            "dots"
        );
        assert_eq!(
            vote(&mut data, &b, 2, "p", "zz", Dot::Add)
                .expect_err("no such goal")
                .field,
            Some("goal")
        );
        assert!(vote(&mut data, &b, 2, "p", "u1", Dot::Remove).is_ok());
        assert_eq!(
            vote(&mut data, &b, 2, "p", "u1", Dot::Remove)
                .expect_err("not placed")
                .key,
            "none"
        );
        assert!(vote(&mut data, &b, 2, "q", "d1", Dot::Add).is_ok());
        assert_eq!(data.round.as_ref().map(Round::voters), Some(2));
        assert_eq!(data.round.as_ref().map(|r| r.tally()["d1"]), Some(2));
    }

    #[test]
    fn a_vote_needs_a_goal_and_a_known_dot() {
        assert_eq!(
            read_vote(&fields(&[("dot", "add")]))
                .expect_err("goal")
                .field,
            Some("goal")
        );
        assert_eq!(
            read_vote(&fields(&[("goal", "u1"), ("dot", "twice")]))
                .expect_err("dot")
                .field,
            Some("dot")
        );
        assert_eq!(
            read_vote(&fields(&[("goal", "u1"), ("dot", "remove")])).expect("read"),
            ("u1".to_string(), Dot::Remove)
        );
    }
}
