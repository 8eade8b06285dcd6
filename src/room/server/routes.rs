//! The room's paths (SPEC §11) and their answers: `GET /CODE` the page, `GET /CODE/events` the
//! event stream, `GET /CODE/state.json`, `POST /CODE/proposals`, `POST /CODE/votes`. Any other
//! path, or a wrong code, is 404 and says nothing more.

use std::io;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{HeaderMap, Method, Request, Response, StatusCode};
use serde::Serialize;

use crate::room::code::new_participant;
use crate::room::page::{self, Notice};
use crate::room::public::{MyProposal, RoomView};
use crate::room::{Proposal, ProposalState, limits};

use super::Room;
use super::events::{Full, Whole};
use super::request::{self, Fields};
use super::response::{self, Body};
use super::submit::{self, Dot, Refusal};

/// How long a participant is kept by their browser: a workshop day.
const COOKIE_AGE: u32 = 12 * 60 * 60;
/// The window of the per-participant proposal limit.
const MINUTE: Duration = Duration::from_secs(60);

/// Answers one request of connection `conn`. An `Err` drops the connection without an answer
/// (its body did not arrive in time, or it went away).
pub async fn handle(
    room: Arc<Room>,
    conn: u64,
    req: Request<Incoming>,
) -> Result<Response<Body>, io::Error> {
    let Some(deadline) = room.conns.started(conn) else {
        return Err(io::Error::other("the connection was dropped"));
    };
    let answer = route(&room, conn, deadline, req).await;
    room.conns.finished(conn, Instant::now());
    answer
}

/// What follows the code in a path: `Some("")` for `/CODE`, `Some("/events")` for
/// `/CODE/events`; None when the path does not start with the room's code. The code is compared
/// in constant time.
fn after_code<'p>(path: &'p str, code: &str) -> Option<&'p str> {
    let path = path.strip_prefix('/')?;
    let end = path.find('/').unwrap_or(path.len());
    let (first, rest) = path.split_at(end);
    let same = first.len() == code.len()
        && first
            .bytes()
            .zip(code.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    same.then_some(rest)
}

async fn route(
    room: &Arc<Room>,
    conn: u64,
    deadline: Instant,
    req: Request<Incoming>,
) -> Result<Response<Body>, io::Error> {
    let Some(rest) = after_code(req.uri().path(), &room.code) else {
        return Ok(response::not_found());
    };
    let (participant, new) = match request::participant(req.headers()) {
        Some(p) => (p, false),
        None => (new_participant(), true),
    };
    let get = req.method() == Method::GET;
    // HEAD is answered as GET without the body (hyper leaves it out); not for a stream.
    let read = get || req.method() == Method::HEAD;
    let post = req.method() == Method::POST;
    let mut answer = match rest {
        "" | "/" if read => page(room, &participant, req.uri().query()),
        "/events" if get => events(room, conn, &participant),
        "/state.json" if read => state(room, &participant),
        "/proposals" if post => propose(room, &participant, deadline, req).await?,
        "/votes" if post => vote(room, &participant, deadline, req).await?,
        "" | "/" | "/events" | "/state.json" => response::wrong_method("GET"),
        "/proposals" | "/votes" => response::wrong_method("POST"),
        _ => return Ok(response::not_found()),
    };
    if new {
        let cookie = format!(
            "{}={participant}; Path=/{}; HttpOnly; SameSite=Strict; Max-Age={COOKIE_AGE}",
            request::COOKIE,
            room.code
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            answer.headers_mut().insert(header::SET_COOKIE, value);
        }
    }
    Ok(answer)
}

/// The room as this participant sees it now, persona names from the board.
fn room_view(room: &Room, participant: &str, board: &crate::room::public::Board) -> RoomView {
    let mut view = RoomView::of(&room.shared.data(), &room.shared.settings, participant);
    view.name_personas(board);
    view
}

fn page(room: &Room, participant: &str, query: Option<&str>) -> Response<Body> {
    let board = room.events.board();
    let view = room_view(room, participant, &board);
    let notice = query.and_then(Notice::from_query);
    let html = page::render(&board, &view, &room.code, notice.as_ref());
    let mut answer = response::whole(StatusCode::OK, "text/html; charset=utf-8", html);
    let headers = answer.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(page::csp()) {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    answer
}

fn state(room: &Room, participant: &str) -> Response<Body> {
    let board = room.events.board();
    let view = room_view(room, participant, &board);
    response::json(
        StatusCode::OK,
        &Whole {
            board: &board,
            room: &view,
        },
    )
}

fn events(room: &Arc<Room>, conn: u64, participant: &str) -> Response<Body> {
    let Some(kill) = room.conns.make_stream(conn) else {
        return response::error(StatusCode::SERVICE_UNAVAILABLE, "try again", None);
    };
    match room.events.open(participant, kill) {
        Ok(body) => {
            let mut answer = Response::new(Body::Events(body));
            let headers = answer.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/event-stream"),
            );
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
            answer
        }
        Err(Full) => {
            let mut answer = response::error(
                StatusCode::SERVICE_UNAVAILABLE,
                "the room has as many live pages as it can serve; try again soon",
                None,
            );
            let headers = answer.headers_mut();
            headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
            headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
            answer
        }
    }
}

/// How a post is answered: JSON, or (a plain form post) a redirect back to the page.
struct Reply<'r> {
    room: &'r Room,
    json: bool,
}

impl Reply<'_> {
    fn refused(&self, refusal: &Refusal) -> Response<Body> {
        if self.json {
            response::error(refusal.status, &refusal.message, refusal.field)
        } else {
            self.back(&format!("error={}", refusal.key), "notice")
        }
    }

    /// Back to the page, with a query it shows a notice for, at an anchor.
    fn back(&self, query: &str, anchor: &str) -> Response<Body> {
        response::see_other(&format!("/{}?{query}#{anchor}", self.room.code))
    }
}

/// A post's fields, or the answer that refuses it (403, 413, 400). `Err` drops the connection:
/// the body did not arrive within the request time.
async fn read_post(
    room: &Room,
    reply: &Reply<'_>,
    deadline: Instant,
    req: Request<Incoming>,
) -> Result<Result<Fields, Response<Body>>, io::Error> {
    if room.shared.settings.read_only {
        return Ok(Err(response::error(
            StatusCode::FORBIDDEN,
            "this room is view-only",
            None,
        )));
    }
    let too_large = || {
        let mut answer = reply.refused(&Refusal {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            message: format!("a post may be at most {} bytes", limits::BODY),
            field: None,
            key: "size",
        });
        // The rest of the body is not read: the connection ends with the answer.
        answer
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        answer
    };
    if request::content_length(req.headers()).is_some_and(|n| n > limits::BODY as u64) {
        return Ok(Err(too_large()));
    }
    let (parts, body) = req.into_parts();
    let read = Limited::new(body, limits::BODY).collect();
    let bytes: Bytes = match tokio::time::timeout_at(deadline.into(), read).await {
        Err(_) => return Err(io::Error::other("the request took too long")),
        Ok(Err(e)) if e.downcast_ref::<LengthLimitError>().is_some() => {
            return Ok(Err(too_large()));
        }
        Ok(Err(e)) => return Err(io::Error::other(e)),
        Ok(Ok(collected)) => collected.to_bytes(),
    };
    Ok(Fields::parse(&parts.headers, &bytes).map_err(|unreadable| {
        if reply.json {
            response::error(
                StatusCode::BAD_REQUEST,
                &unreadable.message,
                Some(&unreadable.field),
            )
        } else {
            reply.back("error=body", "notice")
        }
    }))
}

fn wants_json(headers: &HeaderMap) -> bool {
    request::wants_json(headers)
}

async fn propose(
    room: &Room,
    participant: &str,
    deadline: Instant,
    req: Request<Incoming>,
) -> Result<Response<Body>, io::Error> {
    let reply = Reply {
        room,
        json: wants_json(req.headers()),
    };
    let fields = match read_post(room, &reply, deadline, req).await? {
        Ok(fields) => fields,
        Err(answer) => return Ok(answer),
    };
    let board = room.events.board();
    let sent = match submit::read_proposal(&fields, &board) {
        Ok(sent) => sent,
        Err(refusal) => return Ok(reply.refused(&refusal)),
    };
    let now = Instant::now();
    if let Err(wait) = room.rate_allows(participant, now) {
        let mut answer = reply.refused(&Refusal {
            status: StatusCode::TOO_MANY_REQUESTS,
            message: format!(
                "at most {} proposals a minute from one participant; wait a little",
                limits::PER_MINUTE
            ),
            field: None,
            key: "rate",
        });
        if let Ok(value) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
            answer.headers_mut().insert(header::RETRY_AFTER, value);
        }
        return Ok(answer);
    }
    let taken = {
        let mut data = room.shared.data();
        if data.proposals.len() >= limits::PER_ROOM {
            None
        } else {
            let id = data.next_id.max(1);
            data.next_id = id + 1;
            let proposal = Proposal {
                id,
                from: participant.to_string(),
                author: sent.author,
                column: sent.column,
                target: sent.target,
                text: sent.text,
                why: sent.why,
                metric: sent.metric,
                state: ProposalState::Waiting,
            };
            let mine = MyProposal::of(&proposal);
            data.proposals.push(proposal);
            Some(mine)
        }
    };
    let Some(mut mine) = taken else {
        return Ok(reply.refused(&Refusal {
            status: StatusCode::TOO_MANY_REQUESTS,
            message: format!(
                "this room has {} proposals, as many as it takes",
                limits::PER_ROOM
            ),
            field: None,
            key: "full",
        }));
    };
    room.shared.changed();
    room.sent(participant, now);
    room.events.wake.notify_one();
    mine.name_persona(&board);
    Ok(if reply.json {
        response::json(StatusCode::CREATED, &mine)
    } else {
        reply.back(&format!("sent={}", mine.id), "notice")
    })
}

/// The answer to a dot placed or taken back.
#[derive(Serialize)]
struct Voted<'a> {
    goal: &'a str,
    dot: &'static str,
    dots: &'a [String],
    dots_left: u32,
}

async fn vote(
    room: &Room,
    participant: &str,
    deadline: Instant,
    req: Request<Incoming>,
) -> Result<Response<Body>, io::Error> {
    let reply = Reply {
        room,
        json: wants_json(req.headers()),
    };
    let fields = match read_post(room, &reply, deadline, req).await? {
        Ok(fields) => fields,
        Err(answer) => return Ok(answer),
    };
    let (goal, dot) = match submit::read_vote(&fields) {
        Ok(vote) => vote,
        Err(refusal) => return Ok(reply.refused(&refusal)),
    };
    let board = room.events.board();
    let settings = &room.shared.settings;
    let done = {
        let mut data = room.shared.data();
        submit::vote(
            &mut data,
            &board,
            settings.votes_per_person,
            participant,
            &goal,
            dot,
        )
        .map(|()| RoomView::of(&data, settings, participant))
    };
    let view = match done {
        Ok(view) => view,
        Err(refusal) => return Ok(reply.refused(&refusal)),
    };
    room.shared.changed();
    room.events.wake.notify_one();
    Ok(if reply.json {
        response::json(
            StatusCode::OK,
            &Voted {
                goal: &goal,
                dot: dot.word(),
                dots: &view.dots,
                dots_left: view.dots_left,
            },
        )
    } else {
        // Back at the goal voted on (its element's id is `g-` and the goal's id).
        let anchor: String = form_urlencoded::byte_serialize(goal.as_bytes()).collect();
        reply.back(
            match dot {
                Dot::Add => "voted=add",
                Dot::Remove => "voted=remove",
            },
            &format!("g-{anchor}"),
        )
    })
}

impl Room {
    /// Whether a participant may send another proposal now; else how long until they may.
    fn rate_allows(&self, participant: &str, now: Instant) -> Result<(), Duration> {
        let mut rates = self.rates();
        let Some(times) = rates.get_mut(participant) else {
            return Ok(());
        };
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= MINUTE)
        {
            times.pop_front();
        }
        match times.front() {
            Some(oldest) if times.len() >= limits::PER_MINUTE => {
                Err(MINUTE.saturating_sub(now.duration_since(*oldest)))
            }
            _ => Ok(()),
        }
    }

    /// A participant's proposal was taken: it counts for the next minute.
    fn sent(&self, participant: &str, now: Instant) {
        let mut rates = self.rates();
        rates.retain(|_, times| {
            times
                .back()
                .is_some_and(|t| now.duration_since(*t) < MINUTE)
        });
        rates
            .entry(participant.to_string())
            .or_default()
            .push_back(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_code_opens_the_room() {
        assert_eq!(after_code("/abcdefgh", "abcdefgh"), Some(""));
        assert_eq!(after_code("/abcdefgh/events", "abcdefgh"), Some("/events"));
        assert_eq!(after_code("/abcdefg", "abcdefgh"), None);
        assert_eq!(after_code("/abcdefghi", "abcdefgh"), None);
        assert_eq!(after_code("/ABCDEFGH", "abcdefgh"), None);
        assert_eq!(after_code("/", "abcdefgh"), None);
        assert_eq!(after_code("abcdefgh", "abcdefgh"), None);
    }
}
