//! The room's page (SPEC §11) in a real browser: headless Chromium, driven through chromedriver
//! (tests/common/webdriver.rs), opens the page of a room served in-process on loopback, as a
//! participant's phone would. A proposal is sent by clicking, and its state follows the
//! facilitator; a change made in the app reaches the page; nothing overflows a 390-pixel phone or
//! a desktop (screenshots kept under `target/browser/` for a person to look at); a dropped stream
//! says "Reconnecting…" and comes back; dots are placed and taken back.
//!
//! The app's side is played as the app's loop plays it: `Shared::publish` for a new version of
//! the workspace, `Shared::change` for a proposal's state or a vote round. Every delay a person
//! would notice is measured and printed (`--nocapture`), and asserted within a generous bound.
//! Cases run one after another; each starts its own server and browser and stops both. Without
//! Chromium or chromedriver the cases skip and say so, or fail when `CI` is set.

mod common;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use common::tools::{self, CHROMEDRIVER, CHROMIUM};
use common::webdriver::Browser;
use personas::model::{Column, Workspace};
use personas::room::server::Server;
use personas::room::{ProposalState, RoomData, Round, Settings, Shared, Target};
use serde_json::Value;

const CODE: &str = "testroom";
/// The bound on anything a person waits for.
const WITHIN: Duration = Duration::from_secs(5);
/// A phone's width, and a desktop's.
const PHONE: u32 = 390;
const DESKTOP: u32 = 1280;

static SERIAL: Mutex<()> = Mutex::new(());

fn example() -> Workspace {
    personas::store::load::parse(include_str!("../assets/example.ron")).expect("example parses")
}

fn artifacts() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("browser");
    std::fs::create_dir_all(&dir).expect("create target/browser");
    dir
}

/// A room on loopback and a browser on its page, for one case; both stop when dropped.
struct Case {
    browser: Browser,
    shared: Arc<Shared>,
    server: Option<Server>,
    addr: SocketAddr,
    _serial: MutexGuard<'static, ()>,
}

impl Case {
    /// `None` (the case skips) when Chromium or chromedriver is missing and `CI` is not set.
    fn open(name: &str, width: u32) -> Option<Case> {
        let serial = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
        let chromedriver = tools::find(&CHROMEDRIVER)?;
        let chromium = tools::find(&CHROMIUM)?;
        let settings = Settings {
            address: "127.0.0.1:0".parse().expect("address"),
            read_only: false,
            votes_per_person: 3,
        };
        let data = RoomData {
            code: CODE.to_string(),
            ..RoomData::default()
        };
        let shared = Arc::new(Shared::new(settings.clone(), data, Arc::new(example())));
        let server = Server::start(shared.clone(), settings.address).expect("server starts");
        let addr = server.local_addr();
        let started = Instant::now();
        let log = artifacts().join(format!("chromedriver-{name}.log"));
        let browser = Browser::open(&chromedriver, &chromium, width, 844, &log);
        println!(
            "chromedriver and Chromium started in {:?}",
            started.elapsed()
        );
        Some(Case {
            browser,
            shared,
            server: Some(server),
            addr,
            _serial: serial,
        })
    }

    fn url(&self) -> String {
        format!("http://{}/{CODE}", self.addr)
    }

    /// Opens the page and waits until its stream is live; returns how long that took.
    fn load(&self) -> Duration {
        let started = Instant::now();
        self.browser.goto(&self.url());
        self.wait_live("the page goes live");
        started.elapsed()
    }

    fn wait_live(&self, what: &str) -> Duration {
        self.browser
            .wait_for(
                what,
                WITHIN,
                "return document.getElementById('status').textContent === 'Live'",
            )
            .1
    }

    /// Fills the proposal form and sends it by clicking, as a participant does.
    fn propose(&self, column: &str, persona: &str, text: &str) {
        let b = &self.browser;
        b.click(&b.find("#f-column"));
        b.click(&b.find(&format!("#f-column option[value={column}]")));
        b.type_into(&b.find("#f-persona"), persona);
        b.type_into(&b.find("#f-text"), text);
        b.type_into(&b.find("#f-why"), "So the order is not held up");
        b.type_into(&b.find("#f-author"), "Ana");
        b.click(&b.find("#propose-form button[type=submit]"));
    }
}

impl Drop for Case {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            server.stop();
        }
    }
}

/// A script that returns the state label shown beside the proposal whose text is `text`, once
/// it is `state`.
fn proposal_shown(text: &str, state: &str) -> String {
    format!(
        "for (const li of document.querySelectorAll('#mine-list li')) {{
           if (li.textContent.includes({text})) {{
             const s = li.querySelector('.state');
             return s && s.textContent === {state} && s.getClientRects().length > 0;
           }}
         }}
         return false;",
        text = Value::from(text),
        state = Value::from(state),
    )
}

/// Installed before the page's own script: records every Content-Security-Policy violation.
const RECORD_VIOLATIONS: &str = "window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));";

#[test]
fn a_proposal_sent_by_clicking_follows_the_facilitator_at_390_px() {
    let Some(case) = Case::open("proposal", PHONE) else {
        return;
    };
    let b = &case.browser;
    b.devtools(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({"source": RECORD_VIOLATIONS}),
    );
    let live = case.load();
    println!("the page loaded and went live in {live:?}");
    let width = b.run("return innerWidth", &[]);
    assert_eq!(width, PHONE, "the viewport is a phone's");

    // Nothing from elsewhere, no error, no violation.
    let origin = b.run("return location.origin", &[]);
    let origin = origin.as_str().expect("origin").to_string();
    let resources = b.run(
        "return performance.getEntriesByType('resource').map(r => r.name)",
        &[],
    );
    for url in resources.as_array().expect("resources") {
        let url = url.as_str().unwrap_or_default();
        assert!(
            url.starts_with(&format!("{origin}/")) || url.starts_with("data:"),
            "loaded from elsewhere: {url}"
        );
    }
    let console = b.console();
    let errors: Vec<_> = console.iter().filter(|(l, _)| l == "SEVERE").collect();
    assert!(errors.is_empty(), "console errors: {errors:?}");
    assert_eq!(
        b.run("return window.__violations", &[]),
        serde_json::json!([]),
        "policy violations"
    );

    // A proposal, by clicking.
    let text = "Approve a purchase within one day";
    case.propose("buyers", "Procurement Specialist", text);
    let (_, sent) = b.wait_for(
        "the proposal shown waiting",
        WITHIN,
        &proposal_shown(text, "waiting"),
    );
    println!("the clicked proposal was shown waiting {sent:?} after the click");
    let notice = b.text(&b.find("#notice"));
    assert!(notice.contains("Proposal #1 sent"), "{notice}");
    assert_eq!(
        b.run("return document.getElementById('f-text').value", &[]),
        "",
        "the goal field is emptied for the next one"
    );
    {
        let data = case.shared.data();
        let p = data.proposals.first().expect("the server has it");
        assert_eq!((p.column, p.text.as_str()), (Column::Buyers, text));
        assert_eq!(p.target, Target::Persona("procurement".to_string()));
        assert_eq!(
            (p.why.as_str(), p.author.as_str()),
            ("So the order is not held up", "Ana")
        );
    }

    // The facilitator takes it, as the app does.
    let taken = Instant::now();
    case.shared
        .change(|d| d.proposals[0].state = ProposalState::Taken);
    b.wait_for(
        "the proposal shown taken",
        WITHIN,
        &proposal_shown(text, "taken"),
    );
    let delay = taken.elapsed();
    println!("taken in the app → \"taken\" on the page in {delay:?}");

    // Nothing went wrong meanwhile.
    let errors: Vec<_> = b
        .console()
        .into_iter()
        .filter(|(l, _)| l == "SEVERE")
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:?}");
    assert_eq!(
        b.run("return window.__violations", &[]),
        serde_json::json!([])
    );

    // A reload: the browser is the same participant (its cookie) and remembers the name.
    case.load();
    b.wait_for(
        "the proposal still shown taken after a reload",
        WITHIN,
        &proposal_shown(text, "taken"),
    );
    assert_eq!(
        b.run("return document.getElementById('f-author').value", &[]),
        "Ana"
    );

    // And the watch works: a load from elsewhere is seen as a violation and a console error.
    b.run(
        "const i = new Image(); i.src = 'http://127.0.0.1:9/x.png'; return null",
        &[],
    );
    let (seen, _) = b.wait_for(
        "a deliberate load from elsewhere seen as a violation",
        WITHIN,
        "return window.__violations.length ? window.__violations : null",
    );
    assert!(seen.to_string().contains("img-src"), "{seen}");
    let console = b.console();
    assert!(
        console
            .iter()
            .any(|(l, m)| l == "SEVERE" && m.contains("Content Security Policy")),
        "{console:?}"
    );
}

#[test]
fn a_change_in_the_app_reaches_the_page() {
    let Some(case) = Case::open("change", PHONE) else {
        return;
    };
    let b = &case.browser;
    case.load();
    let mut delays = Vec::new();
    for round in 1..=5 {
        let text = format!("Log every customer call in {round}0 seconds");
        let mut ws = (*case.shared.board()).clone();
        ws.persona_mut(Column::Users, 0).goals[0].text = text.clone();
        let published = Instant::now();
        case.shared.publish(Arc::new(ws));
        b.wait_for(
            "the changed goal text on the page",
            WITHIN,
            &format!(
                "const g = document.querySelector('#g-employee-log-calls .text');
                 return g !== null && g.textContent === {}",
                Value::from(text.as_str())
            ),
        );
        delays.push(published.elapsed());
    }
    delays.sort();
    println!(
        "a goal's text changed in the app reached the page's DOM in {:?} (median of 5; all {delays:?})",
        delays[2]
    );
}

/// Where the page overflows the viewport, if anywhere: the page's width beyond it, and every
/// element shown whose box reaches past its right edge.
const OVERFLOW: &str = "const out = [];
if (document.documentElement.scrollWidth > innerWidth)
  out.push('page ' + document.documentElement.scrollWidth + ' > ' + innerWidth);
for (const e of document.querySelectorAll('body *')) {
  const r = e.getBoundingClientRect();
  if (r.width > 0 && r.right > innerWidth + 0.5)
    out.push(e.tagName + '#' + e.id + '.' + e.className + ' right ' + r.right);
}
return out;";

/// Saves a screenshot of the whole page at the viewport's width as `target/browser/NAME`.
fn whole_page(b: &Browser, width: u32, name: &str) -> PathBuf {
    let height = b.run("return document.documentElement.scrollHeight", &[]);
    let height = height.as_u64().expect("height").clamp(1, 12_000) as u32;
    b.viewport(width, height);
    let png = b.screenshot();
    b.viewport(width, 844);
    let path = artifacts().join(name);
    std::fs::write(&path, png).expect("write the screenshot");
    path
}

#[test]
fn nothing_overflows_a_phone_or_a_desktop() {
    let Some(case) = Case::open("layout", PHONE) else {
        return;
    };
    let b = &case.browser;
    // Everything the page can show at once: a proposal with a long unbroken word, a vote round's
    // dot buttons, and the last round's dots on a goal.
    let mut ws = (*case.shared.board()).clone();
    ws.persona_mut(Column::Users, 0).goals[0].votes = 3;
    case.shared.publish(Arc::new(ws));
    case.load();
    case.propose(
        "users",
        "The Employee",
        "See the whole customer history at once: Kundenbeziehungsmanagementsystemoberfläche",
    );
    b.wait_for(
        "the proposal shown",
        WITHIN,
        "return document.querySelectorAll('#mine-list li').length === 1",
    );
    case.shared.change(|d| d.round = Some(Round::default()));
    b.wait_for(
        "the dot buttons",
        WITHIN,
        "return document.querySelectorAll('form.dot button').length > 0",
    );
    for (width, name) in [(PHONE, "room-390.png"), (DESKTOP, "room-1280.png")] {
        b.viewport(width, 844);
        assert_eq!(b.run("return innerWidth", &[]), width);
        let overflow = b.run(OVERFLOW, &[]);
        let page = b.run("return document.documentElement.scrollWidth", &[]);
        println!("at {width} px the page is {page} px wide");
        assert_eq!(overflow, serde_json::json!([]), "overflow at {width} px");
        // The columns sit side by side on a desktop, one under the other on a phone.
        let tops = b.run(
            "return [...document.querySelectorAll('.column')].map(c => Math.round(c.getBoundingClientRect().top))",
            &[],
        );
        let tops: Vec<i64> = tops
            .as_array()
            .expect("tops")
            .iter()
            .filter_map(Value::as_i64)
            .collect();
        assert_eq!(tops.len(), 3);
        if width == DESKTOP {
            assert!(tops[0] == tops[1] && tops[1] == tops[2], "{tops:?}");
        } else {
            assert!(tops[0] < tops[1] && tops[1] < tops[2], "{tops:?}");
        }
        let path = whole_page(b, width, name);
        println!("screenshot: {}", path.display());
    }
    // The dark scheme, for a person to look at (its contrast is checked in src/room/page.rs).
    b.devtools(
        "Emulation.setEmulatedMedia",
        serde_json::json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
    );
    let path = whole_page(b, PHONE, "room-390-dark.png");
    println!("screenshot: {}", path.display());
}

#[test]
fn a_dropped_stream_says_reconnecting_and_comes_back_live() {
    let Some(mut case) = Case::open("reconnect", PHONE) else {
        return;
    };
    case.load();
    // The participant is reading the board, far below the page's top.
    case.browser.run(
        "document.getElementById('g-employee-upsell').scrollIntoView(); return null",
        &[],
    );
    assert!(
        case.browser.run("return scrollY", &[]).as_f64() > Some(500.0),
        "scrolled down"
    );
    let port = case.addr.port();
    let stopped = Instant::now();
    case.server.take().expect("running").stop();
    let stop = stopped.elapsed();
    case.browser.wait_for(
        "\"Reconnecting…\" shown",
        WITHIN,
        "const s = document.getElementById('status');
         const r = s.getBoundingClientRect();
         return s.textContent === 'Reconnecting…' && r.width > 0 && r.height > 0 &&
           r.bottom > 0 && r.top < innerHeight && getComputedStyle(s).visibility === 'visible'",
    );
    println!(
        "the server stopped ({stop:?}) → \"Reconnecting…\" on the page {:?} after the stop began",
        stopped.elapsed()
    );
    let path = artifacts().join("room-reconnecting.png");
    std::fs::write(&path, case.browser.screenshot()).expect("write the screenshot");
    println!("screenshot: {}", path.display());
    // It stays so while the room is away.
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(
        case.browser
            .run("return document.getElementById('status').textContent", &[]),
        "Reconnecting…"
    );
    // The room again, on the same port with the same code, as a room reopened after a crash.
    let server = Server::start(case.shared.clone(), case.addr).expect("the server starts again");
    assert_eq!(server.local_addr().port(), port, "the same port");
    case.server = Some(server);
    let restarted = Instant::now();
    case.wait_live("the page live again");
    println!(
        "the server back → \"Live\" on the page in {:?}",
        restarted.elapsed()
    );
    // And it follows the app again.
    let mut ws = (*case.shared.board()).clone();
    ws.title = "Back again".to_string();
    case.shared.publish(Arc::new(ws));
    case.browser.wait_for(
        "the title changed after the reconnection",
        WITHIN,
        "return document.getElementById('title').textContent === 'Back again'",
    );
}

#[test]
fn a_dot_is_placed_and_taken_back_by_clicking() {
    let Some(case) = Case::open("votes", PHONE) else {
        return;
    };
    let b = &case.browser;
    case.load();
    assert!(
        b.try_find("form.dot button").is_none(),
        "no dot buttons before a round"
    );
    let opened = Instant::now();
    case.shared.change(|d| d.round = Some(Round::default()));
    b.wait_for(
        "the round's banner with 3 dots left, and the dot buttons",
        WITHIN,
        "const v = document.getElementById('vote');
         return !v.hidden && v.getClientRects().length > 0 &&
           document.getElementById('dots-left').textContent === '3' &&
           document.querySelectorAll('form.dot button').length > 0",
    );
    println!(
        "a round opened in the app → dot buttons on the page in {:?}",
        opened.elapsed()
    );
    let button = "#g-employee-log-calls form.dot button";
    assert!(b.text(&b.find(button)).contains("Put a dot here"));
    let clicked = Instant::now();
    b.click(&b.find(button));
    b.wait_for(
        "2 dots left and the dot shown as mine",
        WITHIN,
        &format!(
            "const d = document.querySelector({button});
             return document.getElementById('dots-left').textContent === '2' &&
               d !== null && d.textContent.includes('take it back')",
            button = Value::from(button)
        ),
    );
    println!("a dot clicked → 2 dots left in {:?}", clicked.elapsed());
    // The button was drawn again; the keyboard's focus stays on it, not lost to the page's top.
    assert_eq!(
        b.run(
            &format!(
                "return document.activeElement === document.querySelector({})",
                Value::from(button)
            ),
            &[],
        ),
        true,
        "focus on the dot's button"
    );
    let placed: Vec<String> = case
        .shared
        .data()
        .round
        .as_ref()
        .map(|r| r.dots.values().flatten().cloned().collect())
        .unwrap_or_default();
    assert_eq!(placed, ["employee-log-calls"], "the room counted it");

    let clicked = Instant::now();
    b.click(&b.find(button));
    b.wait_for(
        "3 dots left again and the dot offered again",
        WITHIN,
        &format!(
            "const d = document.querySelector({button});
             return document.getElementById('dots-left').textContent === '3' &&
               d !== null && d.textContent.includes('Put a dot here')",
            button = Value::from(button)
        ),
    );
    println!("clicked again → taken back in {:?}", clicked.elapsed());
    assert_eq!(
        b.run(
            &format!(
                "return document.activeElement === document.querySelector({})",
                Value::from(button)
            ),
            &[],
        ),
        true,
        "focus on the dot's button again"
    );
    let left = case
        .shared
        .data()
        .round
        .as_ref()
        .map_or(0, |r| r.dots.values().flatten().count());
    assert_eq!(left, 0, "the room took it back");
}
