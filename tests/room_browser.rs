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

/// A room on loopback and a browser on its page, for one case; both stop when dropped (the
/// browser first).
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
        println!("chromedriver and Chromium started in {:?}", started.elapsed());
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
    assert_eq!(b.run("return window.__violations", &[]), serde_json::json!([]));

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
