//! The room's HTTP server (SPEC §11) on loopback, in-process: every endpoint and status code,
//! the cookie, the limits, slow and malformed clients, what leaves the laptop, and the event
//! stream following the app. Raw `TcpStream`s throughout, so malformed and half-open clients
//! are as easy as polite ones. Cases run one after another (they share the machine's two
//! cores with the server they start); every server is stopped by its test.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use personas::model::{Column, Conflict, Workspace};
use personas::room::server::Server;
use personas::room::{Proposal, ProposalState, RoomData, Round, Settings, Shared, Target};
use serde_json::Value;

static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|p| p.into_inner())
}

fn example() -> Workspace {
    personas::store::load::parse(include_str!("../assets/example.ron")).expect("example parses")
}

const CODE: &str = "testroom";

/// A server on 127.0.0.1:0 for one test, stopped when dropped.
struct Room {
    shared: Arc<Shared>,
    server: Option<Server>,
    addr: SocketAddr,
    _serial: MutexGuard<'static, ()>,
}

impl Room {
    fn open(read_only: bool, ws: Workspace) -> Room {
        let serial = serial();
        let settings = Settings {
            address: "127.0.0.1:0".parse().expect("address"),
            read_only,
            votes_per_person: 3,
        };
        let data = RoomData {
            code: CODE.to_string(),
            ..RoomData::default()
        };
        let shared = Arc::new(Shared::new(settings.clone(), data, Arc::new(ws)));
        let server = Server::start(shared.clone(), settings.address).expect("server starts");
        let addr = server.local_addr();
        Room {
            shared,
            server: Some(server),
            addr,
            _serial: serial,
        }
    }

    fn new() -> Room {
        Room::open(false, example())
    }

    fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        let cookie = cookie
            .map(|c| format!("Cookie: participant={c}\r\n"))
            .unwrap_or_default();
        send(
            self.addr,
            format!("GET {path} HTTP/1.1\r\nHost: x\r\n{cookie}Connection: close\r\n\r\n")
                .as_bytes(),
        )
    }

    /// A JSON post (the answer is JSON).
    fn post_json(&self, path: &str, body: &Value, cookie: Option<&str>) -> Reply {
        self.post(path, "application/json", &body.to_string(), true, cookie)
    }

    fn post(
        &self,
        path: &str,
        content_type: &str,
        body: &str,
        json: bool,
        cookie: Option<&str>,
    ) -> Reply {
        let cookie = cookie
            .map(|c| format!("Cookie: participant={c}\r\n"))
            .unwrap_or_default();
        let accept = if json {
            "application/json"
        } else {
            "text/html"
        };
        send(
            self.addr,
            format!(
                "POST {path} HTTP/1.1\r\nHost: x\r\n{cookie}Content-Type: {content_type}\r\n\
                 Accept: {accept}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        )
    }

    /// A new participant's id, as the server hands it out.
    fn participant(&self) -> String {
        self.get(&format!("/{CODE}/state.json"), None)
            .cookie()
            .expect("a first answer sets the cookie")
    }

    fn stop(&mut self) -> Duration {
        let started = Instant::now();
        if let Some(server) = self.server.take() {
            server.stop();
        }
        started.elapsed()
    }
}

impl Drop for Room {
    fn drop(&mut self) {
        self.stop();
    }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {self:?}"))
    }

    /// The participant id a Set-Cookie gives.
    fn cookie(&self) -> Option<String> {
        let set = self.header("set-cookie")?;
        let value = set.split(';').next()?.strip_prefix("participant=")?;
        Some(value.to_string())
    }
}

fn connect(addr: SocketAddr) -> TcpStream {
    let tcp = TcpStream::connect(addr).expect("connects");
    tcp.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    tcp
}

/// Sends raw bytes and reads the whole answer (the request says `Connection: close`).
fn send(addr: SocketAddr, raw: &[u8]) -> Reply {
    let mut tcp = connect(addr);
    tcp.write_all(raw).expect("request written");
    let mut bytes = Vec::new();
    let _ = tcp.read_to_end(&mut bytes);
    parse(&bytes).unwrap_or_else(|| panic!("no HTTP answer: {:?}", String::from_utf8_lossy(&bytes)))
}

fn parse(bytes: &[u8]) -> Option<Reply> {
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = text.split_once("\r\n\r\n")?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Some(Reply {
        status,
        headers,
        body: body.to_string(),
    })
}

/// An event-stream client.
struct Stream {
    reader: BufReader<TcpStream>,
}

impl Stream {
    fn open(addr: SocketAddr, cookie: &str) -> Stream {
        let mut tcp = connect(addr);
        write!(
            tcp,
            "GET /{CODE}/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\nCookie: participant={cookie}\r\n\r\n"
        )
        .expect("request written");
        let mut reader = BufReader::new(tcp);
        let mut line = String::new();
        reader.read_line(&mut line).expect("status line");
        assert!(line.starts_with("HTTP/1.1 200"), "{line}");
        loop {
            line.clear();
            reader.read_line(&mut line).expect("header");
            if line == "\r\n" {
                break;
            }
        }
        Stream { reader }
    }

    /// The next event (name, data) before `deadline`, skipping comments. The body is chunked:
    /// chunk-size lines are told apart from event lines by being bare hex numbers.
    fn next(&mut self, deadline: Instant) -> Option<(String, String)> {
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            self.reader
                .get_ref()
                .set_read_timeout(Some(left.max(Duration::from_millis(1))))
                .ok()?;
            let mut line = String::new();
            if self.reader.read_line(&mut line).ok()? == 0 {
                return None;
            }
            let line = line.trim_end_matches(['\r', '\n']);
            if let Some(n) = line.strip_prefix("event: ") {
                name = n.to_string();
            } else if let Some(d) = line.strip_prefix("data: ") {
                data = d.to_string();
            } else if line.is_empty() && !name.is_empty() {
                return Some((name, data));
            }
        }
    }

    /// Events until one named `name` whose data contains `needle`.
    fn wait_for(&mut self, name: &str, needle: &str, within: Duration) -> Option<String> {
        let deadline = Instant::now() + within;
        loop {
            let (n, d) = self.next(deadline)?;
            if n == name && d.contains(needle) {
                return Some(d);
            }
        }
    }
}

fn proposal(text: &str) -> Value {
    serde_json::json!({"column": "users", "persona": "The Employee", "text": text, "why": "w", "metric": "m", "author": "Ann"})
}

fn wait_until(what: &str, within: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + within;
    while !done() {
        assert!(Instant::now() < deadline, "not within {within:?}: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn starts_answers_and_stops_within_a_second() {
    let mut room = Room::new();
    let url = room.server.as_ref().expect("running").url();
    assert_eq!(url, format!("http://127.0.0.1:{}/{CODE}", room.addr.port()));
    assert_eq!(room.shared.data().port, room.addr.port());
    assert_eq!(room.server.as_ref().and_then(Server::moved_from), None);
    let state = room.get(&format!("/{CODE}/state.json"), None);
    assert_eq!(state.status, 200);
    // An open stream does not hold the stop up.
    let id = room.participant();
    let _stream = Stream::open(room.addr, &id);
    wait_until("one person counted", Duration::from_secs(5), || {
        room.shared.people() == 1
    });
    let took = room.stop();
    println!("stop took {took:?}");
    assert!(took < Duration::from_millis(1500), "{took:?}");
    assert!(TcpStream::connect(room.addr).is_err(), "still listening");
    assert_eq!(room.shared.people(), 0);
}

#[test]
fn a_taken_port_moves_to_the_next_free_one() {
    let _serial = serial();
    let taken = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port();
    let settings = Settings {
        address: SocketAddr::from(([127, 0, 0, 1], port)),
        read_only: false,
        votes_per_person: 3,
    };
    let data = RoomData {
        code: CODE.into(),
        ..RoomData::default()
    };
    let shared = Arc::new(Shared::new(settings.clone(), data, Arc::new(example())));
    let server = Server::start(shared.clone(), settings.address).expect("starts");
    assert_eq!(server.moved_from(), Some(port));
    let bound = server.local_addr().port();
    assert!(bound > port && bound <= port + 20, "{bound}");
    assert_eq!(shared.data().port, bound);
    server.stop();
}

#[test]
fn the_page_sets_a_cookie_and_a_strict_policy() {
    let room = Room::new();
    let page = room.get(&format!("/{CODE}"), None);
    assert_eq!(page.status, 200);
    assert_eq!(
        page.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(page.body.contains("Acme CRM"));
    assert!(page.body.contains("The Employee"));
    assert!(page.body.contains("action=\"/testroom/proposals\""));
    let csp = page.header("content-security-policy").expect("policy");
    assert!(
        csp.contains("default-src 'none'") && csp.contains("script-src 'sha256-"),
        "{csp}"
    );
    assert!(csp.contains("connect-src 'self'") && csp.contains("frame-ancestors 'none'"));
    let set = page.header("set-cookie").expect("cookie");
    for part in ["HttpOnly", "SameSite=Strict", "Path=/testroom"] {
        assert!(set.contains(part), "{set}");
    }
    let id = page.cookie().expect("participant");
    let again = room.get(&format!("/{CODE}"), Some(&id));
    assert_eq!(again.status, 200);
    assert_eq!(
        again.header("set-cookie"),
        None,
        "a known participant keeps their id"
    );
    // A forged, malformed cookie is replaced.
    assert!(room.get(&format!("/{CODE}"), Some("x")).cookie().is_some());
}

#[test]
fn any_other_path_or_a_wrong_code_is_404_and_says_nothing() {
    let room = Room::new();
    let first = room.get("/", None);
    assert_eq!(first.status, 404);
    for path in [
        "/wrongcod",
        "/testroo",
        "/testroomx",
        "/TESTROOM",
        "/favicon.ico",
        "/wrongcod/state.json",
        "/testroom/other",
        "/testroom/state.json/x",
        "/testroom/../testroom",
    ] {
        let reply = room.get(path, None);
        assert_eq!(reply.status, 404, "{path}");
        assert_eq!(reply.body, first.body, "{path}");
        assert_eq!(reply.header("set-cookie"), None, "{path}");
        assert!(!reply.body.contains("room") && !reply.body.contains(CODE));
    }
    let reply = room.post_json("/wrongcod/proposals", &proposal("x"), None);
    assert_eq!(reply.status, 404);
    assert!(room.shared.data().proposals.is_empty());
    // The right path with the wrong method.
    assert_eq!(room.get(&format!("/{CODE}/proposals"), None).status, 405);
}

#[test]
fn state_json_is_the_board_and_my_room() {
    let room = Room::new();
    let state = room.get(&format!("/{CODE}/state.json"), None).json();
    assert_eq!(state["board"]["title"], "Acme CRM — B2B personas");
    let columns = state["board"]["columns"].as_array().expect("columns");
    assert_eq!(columns.len(), 3);
    assert_eq!(columns[0]["key"], "users");
    let employee = &columns[0]["personas"][0];
    assert_eq!(employee["name"], "The Employee");
    assert_eq!(employee["kind"], "goal-directed");
    let goal = &employee["goals"][0];
    assert_eq!(goal["id"], "employee-log-calls");
    assert_eq!(goal["supports"][0]["id"], "sales-new-revenue");
    assert!(goal["reaches_buyer"].is_boolean());
    assert!(state["board"]["coverage"]["total"].as_u64().expect("total") > 0);
    assert_eq!(state["room"]["round_open"], false);
    assert_eq!(state["room"]["dots_left"], 0);
    assert_eq!(state["room"]["proposals"], serde_json::json!([]));
}

#[test]
fn a_json_proposal_is_taken_201_and_bad_fields_are_named_400() {
    let room = Room::new();
    let me = room.participant();
    let reply = room.post_json(
        &format!("/{CODE}/proposals"),
        &proposal("Log calls by voice"),
        Some(&me),
    );
    assert_eq!(reply.status, 201, "{reply:?}");
    let taken = reply.json();
    assert_eq!(taken["id"], 1);
    assert_eq!(taken["state"], "waiting");
    assert_eq!(taken["persona"], "The Employee");
    {
        let data = room.shared.data();
        assert_eq!(data.proposals.len(), 1);
        let p = &data.proposals[0];
        assert_eq!(
            (p.id, p.from.as_str(), p.column),
            (1, me.as_str(), Column::Users)
        );
        assert_eq!(p.target, Target::Persona("employee".into()));
        assert_eq!(
            (p.text.as_str(), p.author.as_str()),
            ("Log calls by voice", "Ann")
        );
        assert_eq!(data.next_id, 2);
    }
    let new =
        serde_json::json!({"column": "buyers", "persona": "The Auditor", "text": "Pass audits"});
    let reply = room.post_json(&format!("/{CODE}/proposals"), &new, Some(&me));
    assert_eq!(
        (reply.status, reply.json()["id"].clone()),
        (201, Value::from(2))
    );
    assert_eq!(
        room.shared.data().proposals[1].target,
        Target::New("The Auditor".into())
    );

    let long = "x".repeat(301);
    let cases = [
        (serde_json::json!({"column": "users", "text": ""}), "text"),
        (serde_json::json!({"column": "users"}), "text"),
        (serde_json::json!({"column": "users", "text": long}), "text"),
        (
            serde_json::json!({"column": "users", "text": "t", "why": long}),
            "why",
        ),
        (
            serde_json::json!({"column": "users", "text": "t", "metric": long}),
            "metric",
        ),
        (
            serde_json::json!({"column": "users", "text": "t", "author": "a".repeat(61)}),
            "author",
        ),
        (
            serde_json::json!({"column": "users", "text": "t", "persona": "n".repeat(61)}),
            "persona",
        ),
        (
            serde_json::json!({"column": "users", "text": "t", "persona": "Procurement Specialist"}),
            "persona",
        ),
        (
            serde_json::json!({"column": "execs", "text": "t"}),
            "column",
        ),
        (serde_json::json!({"column": "users", "text": 5}), "text"),
    ];
    for (body, field) in cases {
        let reply = room.post_json(&format!("/{CODE}/proposals"), &body, Some(&me));
        assert_eq!(reply.status, 400, "{body}");
        let error = reply.json();
        assert_eq!(error["field"], field, "{body}: {error}");
        assert!(error["error"].as_str().is_some_and(|e| !e.is_empty()));
    }
    let reply = room.post(
        &format!("/{CODE}/proposals"),
        "application/json",
        "{not json",
        true,
        Some(&me),
    );
    assert_eq!(
        (reply.status, reply.json()["field"].clone()),
        (400, Value::from("body"))
    );
    assert_eq!(
        room.shared.data().proposals.len(),
        2,
        "nothing refused was kept"
    );
}

#[test]
fn a_plain_form_post_goes_back_to_the_page_303() {
    let room = Room::new();
    let me = room.participant();
    let form = "column=departments&persona=&text=Close+the+books+faster&author=Bo";
    let reply = room.post(
        &format!("/{CODE}/proposals"),
        "application/x-www-form-urlencoded",
        form,
        false,
        Some(&me),
    );
    assert_eq!(reply.status, 303, "{reply:?}");
    let location = reply.header("location").expect("location");
    assert_eq!(location, format!("/{CODE}?sent=1#notice"));
    assert_eq!(room.shared.data().proposals[0].target, Target::None);
    let page = room.get(location.split('#').next().expect("path"), Some(&me));
    assert!(page.body.contains("Proposal #1 sent"), "the page says so");
    assert!(page.body.contains("Close the books faster"), "and lists it");

    let reply = room.post(
        &format!("/{CODE}/proposals"),
        "application/x-www-form-urlencoded",
        "column=users&text=",
        false,
        Some(&me),
    );
    assert_eq!(reply.status, 303);
    let location = reply.header("location").expect("location");
    assert_eq!(location, format!("/{CODE}?error=text#notice"));
    let page = room.get(location.split('#').next().expect("path"), Some(&me));
    assert!(page.body.contains("The goal is required"));
}

#[test]
fn a_body_over_4_kib_is_413() {
    let room = Room::new();
    let me = room.participant();
    let big = proposal(&"x".repeat(5000));
    let reply = room.post_json(&format!("/{CODE}/proposals"), &big, Some(&me));
    assert_eq!(reply.status, 413);
    assert!(reply.json()["error"].is_string());
    // Chunked, with no length said: cut off at the limit all the same.
    let chunk = "y".repeat(3000);
    let raw = format!(
        "POST /{CODE}/proposals HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n{len:x}\r\n{chunk}\r\n{len:x}\r\n{chunk}\r\n0\r\n\r\n",
        len = chunk.len()
    );
    assert_eq!(send(room.addr, raw.as_bytes()).status, 413);
    assert!(room.shared.data().proposals.is_empty());
}

#[test]
fn thirty_proposals_a_minute_per_participant_then_429() {
    let room = Room::new();
    let me = room.participant();
    for i in 0..30 {
        let reply = room.post_json(
            &format!("/{CODE}/proposals"),
            &proposal(&format!("p{i}")),
            Some(&me),
        );
        assert_eq!(reply.status, 201, "{i}");
    }
    let reply = room.post_json(
        &format!("/{CODE}/proposals"),
        &proposal("one more"),
        Some(&me),
    );
    assert_eq!(reply.status, 429);
    assert!(reply.header("retry-after").is_some());
    assert!(
        reply.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("30"))
    );
    let other = room.participant();
    let reply = room.post_json(
        &format!("/{CODE}/proposals"),
        &proposal("someone else"),
        Some(&other),
    );
    assert_eq!(reply.status, 201, "another participant is not held back");
    assert_eq!(room.shared.data().proposals.len(), 31);
}

#[test]
fn two_thousand_proposals_fill_a_room_429() {
    let room = Room::new();
    room.shared.change(|data| {
        for id in 1..=2000 {
            data.proposals.push(Proposal {
                id,
                from: "someone".into(),
                author: String::new(),
                column: Column::Users,
                target: Target::None,
                text: "t".into(),
                why: String::new(),
                metric: String::new(),
                state: ProposalState::SetAside,
            });
        }
        data.next_id = 2001;
    });
    let reply = room.post_json(&format!("/{CODE}/proposals"), &proposal("2001st"), None);
    assert_eq!(reply.status, 429);
    assert!(
        reply.json()["error"]
            .as_str()
            .is_some_and(|e| e.contains("2000"))
    );
    assert_eq!(room.shared.data().proposals.len(), 2000);
}

#[test]
fn dots_only_in_a_round_one_per_goal_and_taken_back_409() {
    let room = Room::new();
    let me = room.participant();
    let votes = format!("/{CODE}/votes");
    let dot = |goal: &str, dot: &str| serde_json::json!({"goal": goal, "dot": dot});
    let reply = room.post_json(&votes, &dot("employee-log-calls", "add"), Some(&me));
    assert_eq!(reply.status, 409, "no round open");
    room.shared.change(|d| d.round = Some(Round::default()));
    let reply = room.post_json(&votes, &dot("employee-log-calls", "add"), Some(&me));
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(reply.json()["dots_left"], 2);
    assert_eq!(
        room.post_json(&votes, &dot("employee-log-calls", "add"), Some(&me))
            .status,
        409,
        "a second dot on one goal"
    );
    assert_eq!(
        room.post_json(&votes, &dot("employee-upsell", "add"), Some(&me))
            .status,
        200
    );
    assert_eq!(
        room.post_json(&votes, &dot("manager-forecast", "add"), Some(&me))
            .status,
        200
    );
    let reply = room.post_json(&votes, &dot("employee-mobile", "add"), Some(&me));
    assert_eq!(reply.status, 409, "no dots left");
    assert_eq!(
        room.post_json(&votes, &dot("employee-mobile", "remove"), Some(&me))
            .status,
        409,
        "removing a dot not placed"
    );
    let reply = room.post_json(&votes, &dot("employee-upsell", "remove"), Some(&me));
    assert_eq!(
        (reply.status, reply.json()["dots_left"].clone()),
        (200, Value::from(1))
    );
    let bad = room.post_json(&votes, &dot("no-such-goal", "add"), Some(&me));
    assert_eq!(
        (bad.status, bad.json()["field"].clone()),
        (400, Value::from("goal"))
    );
    let bad = room.post_json(&votes, &dot("employee-mobile", "maybe"), Some(&me));
    assert_eq!(
        (bad.status, bad.json()["field"].clone()),
        (400, Value::from("dot"))
    );
    let round = room.shared.data().round.clone().expect("round");
    assert_eq!(round.dots[&me].len(), 2);
    // Without script: a form post and a redirect back to the goal.
    let reply = room.post(
        &votes,
        "application/x-www-form-urlencoded",
        "goal=employee-mobile&dot=add",
        false,
        Some(&me),
    );
    assert_eq!(reply.status, 303);
    assert_eq!(
        reply.header("location"),
        Some("/testroom?voted=add#g-employee-mobile")
    );
    let reply = room.post(
        &votes,
        "application/x-www-form-urlencoded",
        "goal=employee-mobile&dot=add",
        false,
        Some(&me),
    );
    assert_eq!(
        reply.header("location"),
        Some("/testroom?error=twice#notice")
    );
    let state = room.get(&format!("/{CODE}/state.json"), Some(&me)).json();
    assert_eq!(state["room"]["round_open"], true);
    assert_eq!(state["room"]["dots"].as_array().map(Vec::len), Some(3));
}

#[test]
fn a_view_only_room_refuses_posts_403_and_shows_no_form() {
    let room = Room::open(true, example());
    room.shared.change(|d| d.round = Some(Round::default()));
    for (path, body) in [
        ("proposals", proposal("x")),
        (
            "votes",
            serde_json::json!({"goal": "employee-log-calls", "dot": "add"}),
        ),
    ] {
        let reply = room.post_json(&format!("/{CODE}/{path}"), &body, None);
        assert_eq!(reply.status, 403);
        assert_eq!(reply.json()["error"], "this room is view-only");
    }
    let page = room.get(&format!("/{CODE}"), None);
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("<form"));
    assert!(room.shared.data().proposals.is_empty());
    assert!(
        room.shared
            .data()
            .round
            .as_ref()
            .is_some_and(|r| r.dots.is_empty())
    );
}

#[test]
fn the_stream_carries_a_change_in_the_app_and_only_the_change() {
    let room = Room::new();
    let me = room.participant();
    let mut stream = Stream::open(room.addr, &me);
    let (name, data) = stream
        .next(Instant::now() + Duration::from_secs(5))
        .expect("first event");
    assert_eq!(name, "board");
    let first: Value = serde_json::from_str(&data).expect("json");
    assert_eq!(first["board"]["title"], "Acme CRM — B2B personas");
    assert_eq!(first["room"]["proposals"], serde_json::json!([]));

    let mut ws = (*room.shared.board()).clone();
    ws.persona_mut(Column::Users, 1).name = "The Team Lead".into();
    let published = Instant::now();
    room.shared.publish(Arc::new(ws));
    let data = stream
        .wait_for("persona", "The Team Lead", Duration::from_secs(5))
        .expect("the change within 5 s");
    let delay = published.elapsed();
    println!("a change in the app reached the stream in {delay:?}");
    let change: Value = serde_json::from_str(&data).expect("json");
    assert_eq!(change["column"], "users");
    assert_eq!(change["persona"]["id"], "manager");
    assert!(
        !data.contains("The Employee"),
        "only the persona that changed: {data}"
    );

    // The participant's own proposal and its state come back as `room` events.
    let reply = room.post_json(&format!("/{CODE}/proposals"), &proposal("Mine"), Some(&me));
    assert_eq!(reply.status, 201);
    let data = stream
        .wait_for("room", "Mine", Duration::from_secs(5))
        .expect("room event");
    assert!(data.contains("\"state\":\"waiting\""), "{data}");
    room.shared
        .change(|d| d.proposals[0].state = ProposalState::Taken);
    let data = stream
        .wait_for("room", "\"taken\"", Duration::from_secs(5))
        .expect("taken");
    assert!(data.contains("Mine"));
    // A vote round opening reaches the page too.
    room.shared.change(|d| d.round = Some(Round::default()));
    let data = stream
        .wait_for("room", "\"round_open\":true", Duration::from_secs(5))
        .expect("round");
    let view: Value = serde_json::from_str(&data).expect("json");
    assert_eq!(view["dots_left"], 3);
}

#[test]
fn people_are_participants_with_a_stream_open() {
    let room = Room::new();
    let (a, b) = (room.participant(), room.participant());
    let a1 = Stream::open(room.addr, &a);
    let a2 = Stream::open(room.addr, &a);
    wait_until("one person, two tabs", Duration::from_secs(5), || {
        room.shared.people() == 1
    });
    let b1 = Stream::open(room.addr, &b);
    wait_until("two people", Duration::from_secs(5), || {
        room.shared.people() == 2
    });
    drop(a1);
    drop(b1);
    wait_until(
        "a's second tab still counts",
        Duration::from_secs(5),
        || room.shared.people() == 1,
    );
    drop(a2);
    wait_until("nobody", Duration::from_secs(5), || {
        room.shared.people() == 0
    });
}

/// A workspace whose every private field holds the marker.
fn secret_workspace(marker: &str) -> Workspace {
    let mut ws = example();
    for persona in ws.personas_mut() {
        persona.summary = format!("{marker} summary");
        persona.pains = vec![format!("{marker} pain")];
        persona.quote = format!("{marker} quote");
        persona.notes = format!("{marker} notes");
        persona.objections = vec![format!("{marker} objection")];
        persona.criteria = vec![format!("{marker} criterion")];
    }
    ws.conflicts.push(Conflict {
        id: "employee".into(),
        field: "name".into(),
        base: Some(format!("{marker} base")),
        ours: Some(format!("{marker} ours")),
        theirs: Some(format!("{marker} theirs")),
    });
    ws
}

#[test]
fn no_private_field_leaves_the_laptop() {
    const MARKER: &str = "PRIVATE-MARKER-7Q";
    let room = Room::open(false, secret_workspace(MARKER));
    let me = room.participant();
    let page = room.get(&format!("/{CODE}"), Some(&me));
    assert!(
        page.body.contains("The Employee"),
        "the page shows the board"
    );
    assert!(!page.body.contains(MARKER), "the page");
    let state = room.get(&format!("/{CODE}/state.json"), Some(&me));
    assert!(state.body.contains("The Employee"));
    assert!(!state.body.contains(MARKER), "state.json");
    let mut stream = Stream::open(room.addr, &me);
    let (_, first) = stream
        .next(Instant::now() + Duration::from_secs(5))
        .expect("board");
    assert!(first.contains("The Employee"));
    assert!(!first.contains(MARKER), "the board event");
    // A change to a persona whose private fields change too.
    let mut ws = (*room.shared.board()).clone();
    let p = ws.persona_mut(Column::Users, 0);
    p.name = "Renamed".into();
    p.notes = format!("{MARKER} new notes");
    room.shared.publish(Arc::new(ws));
    let change = stream
        .wait_for("persona", "Renamed", Duration::from_secs(5))
        .expect("change");
    assert!(!change.contains(MARKER), "the change event");
}

#[test]
fn a_malformed_request_and_endless_headers_are_dropped_while_others_are_answered() {
    let room = Room::new();
    // A malformed request line: answered 400 or dropped, at once, never a hang.
    let mut bad = connect(room.addr);
    bad.write_all(b"HELLO THERE\r\n\r\n").expect("written");
    let mut bytes = Vec::new();
    let _ = bad.read_to_end(&mut bytes);
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.is_empty() || text.starts_with("HTTP/1.1 400"),
        "{text}"
    );
    // Headers that never end.
    let mut slow = connect(room.addr);
    slow.write_all(format!("GET /{CODE} HTTP/1.1\r\nHost: x\r\n").as_bytes())
        .expect("written");
    let started = Instant::now();
    let drip = std::thread::spawn(move || {
        // A header line a second, never the blank line.
        let mut closed_after = None;
        for i in 0..12 {
            if slow
                .write_all(format!("X-Drip-{i}: 1\r\n").as_bytes())
                .is_err()
            {
                closed_after = Some(started.elapsed());
                break;
            }
            let mut byte = [0u8; 1];
            slow.set_read_timeout(Some(Duration::from_secs(1)))
                .expect("timeout");
            match slow.read(&mut byte) {
                Ok(0) => {
                    closed_after = Some(started.elapsed());
                    break;
                }
                Ok(_) => {}
                Err(e)
                    if e.kind() == std::io::ErrorKind::WouldBlock
                        || e.kind() == std::io::ErrorKind::TimedOut => {}
                Err(_) => {
                    closed_after = Some(started.elapsed());
                    break;
                }
            }
        }
        closed_after
    });
    // Meanwhile another participant is answered, again and again.
    let mut answered = 0;
    while !drip.is_finished() {
        let t = Instant::now();
        assert_eq!(room.get(&format!("/{CODE}/state.json"), None).status, 200);
        assert!(
            t.elapsed() < Duration::from_secs(1),
            "answered late: {:?}",
            t.elapsed()
        );
        answered += 1;
        std::thread::sleep(Duration::from_millis(200));
    }
    let closed = drip
        .join()
        .expect("drip")
        .expect("the endless request was dropped");
    println!(
        "endless headers dropped after {closed:?}; {answered} other requests answered meanwhile"
    );
    assert!(
        closed >= Duration::from_secs(4) && closed < Duration::from_secs(8),
        "{closed:?}"
    );
}

#[test]
fn three_hundred_half_open_sockets_do_not_stop_a_post() {
    let room = Room::new();
    let sockets: Vec<TcpStream> = (0..300).map(|_| connect(room.addr)).collect();
    // Half of them start a request and stall.
    for s in sockets.iter().step_by(2) {
        let mut s = s;
        let _ = s.write_all(b"POST /testroom/proposals HTTP/1.1\r\nContent-Length: 100\r\n\r\n{");
    }
    std::thread::sleep(Duration::from_millis(200));
    let t = Instant::now();
    let reply = room.post_json(
        &format!("/{CODE}/proposals"),
        &proposal("still heard"),
        None,
    );
    println!(
        "a post among 300 half-open sockets answered in {:?}",
        t.elapsed()
    );
    assert_eq!(reply.status, 201);
    assert_eq!(room.get(&format!("/{CODE}"), None).status, 200);
    drop(sockets);
}

#[test]
fn a_stream_that_never_reads_is_dropped_and_does_not_stall_others() {
    let room = Room::new();
    let (reader_id, stuck_id) = (room.participant(), room.participant());
    let mut reader = Stream::open(room.addr, &reader_id);
    // The stuck client sends its request and never reads a byte.
    let mut stuck = connect(room.addr);
    write!(
        stuck,
        "GET /{CODE}/events HTTP/1.1\r\nHost: x\r\nCookie: participant={stuck_id}\r\n\r\n"
    )
    .expect("written");
    wait_until("two people", Duration::from_secs(5), || {
        room.shared.people() == 2
    });
    // Large changes, one after another, until the stuck stream is dropped.
    let big = "z".repeat(200_000);
    let mut ws = (*room.shared.board()).clone();
    let mut worst = Duration::ZERO;
    let started = Instant::now();
    let mut rounds = 0;
    while room.shared.people() == 2 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the stuck stream was never dropped"
        );
        rounds += 1;
        let name = format!("Round {rounds} {big}");
        ws.persona_mut(Column::Users, 0).name = name.clone();
        let t = Instant::now();
        room.shared.publish(Arc::new(ws.clone()));
        reader
            .wait_for(
                "persona",
                &format!("Round {rounds} "),
                Duration::from_secs(5),
            )
            .expect("the reading client keeps up");
        worst = worst.max(t.elapsed());
    }
    println!(
        "stuck stream dropped after {rounds} changes of 200 kB ({:?}); worst delay for the reader {worst:?}",
        started.elapsed()
    );
    assert_eq!(room.shared.people(), 1);
    drop(stuck);
}

#[test]
fn two_hundred_streams_leave_pages_and_posts_their_places() {
    let room = Room::new();
    let ids: Vec<String> = (0..201).map(|_| room.participant()).collect();
    let streams: Vec<Stream> = ids[..200]
        .iter()
        .map(|id| Stream::open(room.addr, id))
        .collect();
    wait_until("200 people", Duration::from_secs(10), || {
        room.shared.people() == 200
    });
    let t = Instant::now();
    assert_eq!(room.get(&format!("/{CODE}"), Some(&ids[0])).status, 200);
    let reply = room.post_json(
        &format!("/{CODE}/proposals"),
        &proposal("heard"),
        Some(&ids[0]),
    );
    assert_eq!(reply.status, 201);
    println!("page and post with 200 streams open: {:?}", t.elapsed());
    // The 201st stream is turned away, to come back later.
    let one_more = room.get(&format!("/{CODE}/events"), Some(&ids[200]));
    assert_eq!(one_more.status, 503);
    assert!(one_more.header("retry-after").is_some());
    drop(streams);
    wait_until("nobody", Duration::from_secs(10), || {
        room.shared.people() == 0
    });
}
