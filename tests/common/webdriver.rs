//! A small WebDriver client for the browser tests: chromedriver, started by the test on a free
//! loopback port, drives one headless Chromium through the W3C WebDriver protocol (JSON over
//! HTTP/1.1, one connection per command). A dozen commands — a session with Chromium's options,
//! navigate, find, click, type, run a script, screenshot — plus two of chromedriver's own: the
//! browser's console log and a DevTools command (the viewport of a 390-pixel phone, which a
//! desktop window cannot get narrow enough for).
//!
//! Written here over `TcpStream` and `serde_json` rather than taken from `fantoccini`, which
//! brings an async HTTP client and a tokio runtime with it for the same dozen requests.
//!
//! [`Browser`] owns both processes: dropping it ends the session (Chromium quits) and kills
//! chromedriver's process group, so nothing outlives the test, even one that panics. Chromium runs
//! with a temporary profile and `HOME`; the real home directory is never touched.

#![allow(dead_code)] // each test file uses part of it

use std::io::{Read as _, Write as _};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{Value, json};

/// The key under which WebDriver hands out an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// How long one command may take (a new session starts Chromium).
const COMMAND_TIME: Duration = Duration::from_secs(60);

/// An element of the page, as WebDriver refers to it.
#[derive(Debug, Clone)]
pub struct Element(String);

/// One headless Chromium driven through its own chromedriver.
pub struct Browser {
    driver: Child,
    addr: SocketAddr,
    session: Option<String>,
    log: PathBuf,
    _home: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver on a free loopback port and a headless Chromium session whose viewport
    /// is `width` × `height` CSS pixels. `log` receives chromedriver's log, for a failure.
    pub fn open(
        chromedriver: &Path,
        chromium: &Path,
        width: u32,
        height: u32,
        log: &Path,
    ) -> Browser {
        let home = tempfile::tempdir().expect("a temporary home for Chromium");
        let port = free_port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .env("HOME", home.path())
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            // A group of its own: Chromium's processes join it, and all go together on drop.
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("{} does not start: {e}", chromedriver.display()));
        let mut browser = Browser {
            driver,
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
            session: None,
            log: log.to_path_buf(),
            _home: home,
        };
        browser.wait_ready();
        let profile = browser._home.path().join("profile");
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-extensions",
                    "--hide-scrollbars",
                    "--mute-audio",
                    format!("--user-data-dir={}", profile.display()),
                    // A window is never narrower than 500 px: the viewport is set below.
                    format!("--window-size={},{}", width.max(800), height),
                ],
            },
        }}});
        let session = browser.command("POST", "/session", Some(&capabilities));
        let id = session["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session id: {session}"))
            .to_string();
        browser.session = Some(id);
        browser.viewport(width, height);
        browser
    }

    /// The viewport as a device of `width` × `height` CSS pixels (a phone below 600 px: the
    /// page's `viewport` meta tag counts, as on a phone).
    pub fn viewport(&self, width: u32, height: u32) {
        self.devtools(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}),
        );
    }

    /// A Chrome DevTools Protocol command, through chromedriver.
    pub fn devtools(&self, cmd: &str, params: Value) -> Value {
        self.on_session(
            "POST",
            "/goog/cdp/execute",
            Some(&json!({"cmd": cmd, "params": params})),
        )
    }

    /// Opens `url` and waits for its `load` event.
    pub fn goto(&self, url: &str) {
        self.on_session("POST", "/url", Some(&json!({"url": url})));
    }

    /// The first element matching the CSS selector; panics naming it when there is none.
    pub fn find(&self, css: &str) -> Element {
        self.try_find(css)
            .unwrap_or_else(|| panic!("no element matches {css:?}"))
    }

    /// The first element matching the CSS selector, if any.
    pub fn try_find(&self, css: &str) -> Option<Element> {
        let found = self.request(
            "POST",
            &self.path("/element"),
            Some(&json!({"using": "css selector", "value": css})),
        );
        match found {
            Ok(v) => v[ELEMENT].as_str().map(|id| Element(id.to_string())),
            Err(e) if e.contains("no such element") => None,
            Err(e) => panic!("find {css:?}: {e}"),
        }
    }

    /// Clicks the element as a person would: scrolled into view, at its centre.
    pub fn click(&self, element: &Element) {
        self.on_session(
            "POST",
            &format!("/element/{}/click", element.0),
            Some(&json!({})),
        );
    }

    /// Types `text` into the element (a click on an `<option>` chooses it).
    pub fn type_into(&self, element: &Element, text: &str) {
        self.on_session(
            "POST",
            &format!("/element/{}/value", element.0),
            Some(&json!({"text": text})),
        );
    }

    /// The element's rendered text.
    pub fn text(&self, element: &Element) -> String {
        let v = self.on_session("GET", &format!("/element/{}/text", element.0), None);
        v.as_str().unwrap_or_default().to_string()
    }

    /// Runs `script` (a function body: `return …`) in the page with `args` (elements may be
    /// passed with [`Element::arg`]) and returns its result.
    pub fn run(&self, script: &str, args: &[Value]) -> Value {
        self.on_session(
            "POST",
            "/execute/sync",
            Some(&json!({"script": script, "args": args})),
        )
    }

    /// Runs `script` until it returns something other than `null`, `false`, `0` or `""`, and
    /// returns that and how long it took; panics saying `what` (and the last answer) after
    /// `within`.
    pub fn wait_for(&self, what: &str, within: Duration, script: &str) -> (Value, Duration) {
        let started = Instant::now();
        loop {
            let v = self.run(script, &[]);
            let done = match &v {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::Number(n) => n.as_f64() != Some(0.0),
                Value::String(s) => !s.is_empty(),
                _ => true,
            };
            if done {
                return (v, started.elapsed());
            }
            assert!(
                started.elapsed() < within,
                "not within {within:?}: {what} (last: {v})"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// A PNG of the viewport.
    pub fn screenshot(&self) -> Vec<u8> {
        let v = self.on_session("GET", "/screenshot", None);
        base64::engine::general_purpose::STANDARD
            .decode(v.as_str().unwrap_or_default())
            .expect("the screenshot is base64")
    }

    /// The browser's console messages since the last call: `(level, message)`, level being
    /// `SEVERE` for errors (a blocked load or a policy violation included), `WARNING`, `INFO`…
    pub fn console(&self) -> Vec<(String, String)> {
        let v = self.on_session("POST", "/se/log", Some(&json!({"type": "browser"})));
        v.as_array()
            .into_iter()
            .flatten()
            .map(|e| {
                (
                    e["level"].as_str().unwrap_or_default().to_string(),
                    e["message"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    }

    fn path(&self, tail: &str) -> String {
        let id = self.session.as_deref().expect("a session is open");
        format!("/session/{id}{tail}")
    }

    fn on_session(&self, method: &str, tail: &str, body: Option<&Value>) -> Value {
        self.command(method, &self.path(tail), body)
    }

    /// A command whose failure fails the test, with chromedriver's word for why.
    fn command(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        self.request(method, path, body).unwrap_or_else(|e| {
            panic!(
                "WebDriver {method} {path}: {e} (log: {})",
                self.log.display()
            )
        })
    }

    /// One request; `Err` holds the WebDriver error and message.
    fn request(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Value, String> {
        let (status, body) = http(self.addr, method, path, body)?;
        let json: Value = serde_json::from_str(&body)
            .map_err(|e| format!("answer {status} is not JSON ({e}): {body:.300}"))?;
        let value = json.get("value").cloned().unwrap_or(Value::Null);
        if status == 200 {
            Ok(value)
        } else {
            Err(format!(
                "{status} {}: {}",
                value["error"].as_str().unwrap_or("?"),
                value["message"]
                    .as_str()
                    .unwrap_or("")
                    .lines()
                    .next()
                    .unwrap_or("")
            ))
        }
    }

    /// Waits (10 s at most) for chromedriver to say it is ready.
    fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Ok((200, body)) = http(self.addr, "GET", "/status", None)
                && body.contains("\"ready\":true")
            {
                return;
            }
            if let Ok(Some(status)) = self.driver.try_wait() {
                panic!(
                    "chromedriver ended at start, {status} (log: {})",
                    self.log.display()
                );
            }
            assert!(
                Instant::now() < deadline,
                "chromedriver not ready within 10 s (log: {})",
                self.log.display()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Element {
    /// The element as an argument of [`Browser::run`] (`arguments[i]` in the script).
    pub fn arg(&self) -> Value {
        json!({ELEMENT: self.0})
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(id) = self.session.take() {
            let _ = http(self.addr, "DELETE", &format!("/session/{id}"), None);
        }
        let group = rustix::process::Pid::from_child(&self.driver);
        let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// A loopback port nobody listens on now.
fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

/// One HTTP/1.1 request with a JSON body; the status and the body of the answer.
fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: Option<&Value>,
) -> Result<(u16, String), String> {
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut tcp = TcpStream::connect_timeout(&addr, Duration::from_secs(5))
        .map_err(|e| format!("cannot connect to chromedriver: {e}"))?;
    tcp.set_read_timeout(Some(COMMAND_TIME))
        .map_err(|e| e.to_string())?;
    write!(
        tcp,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json; charset=utf-8\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .map_err(|e| format!("request not sent: {e}"))?;
    // chromedriver says `Connection: close` and keeps the connection open: the answer ends where
    // its length says.
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        if let Some(answer) = complete(&raw)? {
            return Ok(answer);
        }
        match tcp.read(&mut buf) {
            Ok(0) => {
                return Err(format!(
                    "the answer ended early: {:.300}",
                    String::from_utf8_lossy(&raw)
                ));
            }
            Ok(n) => raw.extend_from_slice(&buf[..n]),
            Err(e) => return Err(format!("no whole answer within {COMMAND_TIME:?}: {e}")),
        }
    }
}

/// The status and body of the answer in `raw`, once it is all there.
fn complete(raw: &[u8]) -> Result<Option<(u16, String)>, String> {
    let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Ok(None);
    };
    let head = String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase();
    let rest = &raw[split + 4..];
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("no status: {head:.300}"))?;
    let header = |name: &str| {
        head.lines()
            .find_map(|l| l.strip_prefix(name)?.strip_prefix(':').map(str::trim))
    };
    let body = if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        match dechunk(rest) {
            Some(body) => body,
            None => return Ok(None),
        }
    } else {
        let length: usize = header("content-length")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| format!("no length: {head:.300}"))?;
        if rest.len() < length {
            return Ok(None);
        }
        rest[..length].to_vec()
    };
    Ok(Some((status, String::from_utf8_lossy(&body).into_owned())))
}

/// The body of a chunked answer, once its last chunk is there.
fn dechunk(mut rest: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let end = rest.windows(2).position(|w| w == b"\r\n")?;
        let size = std::str::from_utf8(&rest[..end]).ok()?;
        let size = usize::from_str_radix(size.split(';').next()?.trim(), 16).ok()?;
        if size == 0 {
            return Some(body);
        }
        let after = &rest[end + 2..];
        if after.len() < size + 2 {
            return None;
        }
        body.extend_from_slice(&after[..size]);
        rest = &after[size + 2..];
    }
}
