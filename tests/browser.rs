//! The html export in a real browser: headless Chromium opens the example's page, which must load
//! nothing from elsewhere, raise no console message, and draw a picture where no text leaves its
//! box, no two goal boxes overlap and every curve starts and ends on its boxes' edges — measured
//! from the rendered page at a desktop and at a phone width (390 px). Screenshots of both are kept
//! under `target/browser/` for a person to look at.
//!
//! Chromium's own `--dump-dom` is used rather than a DevTools client crate (`headless_chrome`): the
//! page is measured by a small script added to a copy of it only for the test (the exported page
//! itself has none), so no dependency and no protocol version to keep in step. Without Chromium
//! the tests are skipped and say so, or fail when `CI` is set (tests/common/tools.rs); `.ci/run`
//! installs it.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::tools::{self, CHROMIUM};
use personas::export::{ExportFormat, render};

/// Added to a copy of the page: records blocked loads, errors and console errors, then measures
/// the picture on `load` and writes the result as JSON into `<pre id="measure">`.
const MEASURE: &str = r#"<script>
window.__log = [];
document.addEventListener('securitypolicyviolation', e => __log.push('blocked ' + e.blockedURI));
window.addEventListener('error', e => __log.push('error ' + ((e.target && (e.target.src || e.target.href)) || e.message)), true);
console.error = (...a) => __log.push('console.error ' + a.join(' '));
console.warn = (...a) => __log.push('console.warn ' + a.join(' '));
addEventListener('load', () => {
  const out = {log: __log, resources: performance.getEntriesByType('resource').map(r => r.name),
    overflow: [], overlaps: [], curves: [], boxes: 0, texts: 0, links: 0,
    pageWidth: document.documentElement.scrollWidth, viewport: innerWidth};
  const inside = (a, b) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 &&
    a.x + a.width <= b.x + b.width + 0.5 && a.y + a.height <= b.y + b.height + 0.5;
  for (const g of document.querySelectorAll('svg.pc g.pc-box')) {
    const r = g.querySelector('rect').getBBox();
    out.boxes++;
    for (const t of g.querySelectorAll('text')) {
      out.texts++;
      const b = t.getBBox();
      if (!inside(b, r)) out.overflow.push(t.textContent + ' ' + JSON.stringify([b.x, b.y, b.width, b.height]) + ' in ' + JSON.stringify([r.x, r.y, r.width, r.height]));
    }
  }
  const goals = [...document.querySelectorAll('svg.pc g.pc-goal-g')].map(g => [g.id, g.querySelector('rect').getBBox()]);
  for (let i = 0; i < goals.length; i++) for (let j = i + 1; j < goals.length; j++) {
    const a = goals[i][1], b = goals[j][1];
    if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) out.overlaps.push(goals[i][0] + ' ' + goals[j][0]);
  }
  const byId = Object.fromEntries(goals);
  for (const p of document.querySelectorAll('svg.pc path.pc-link[data-from]')) {
    out.links++;
    const a = byId[p.dataset.from], b = byId[p.dataset.to];
    const s = p.getPointAtLength(0), e = p.getPointAtLength(p.getTotalLength());
    const ok = a && b && Math.abs(s.x - (a.x + a.width)) < 0.5 && s.y > a.y && s.y < a.y + a.height &&
      Math.abs(e.x - b.x) < 0.5 && e.y > b.y && e.y < b.y + b.height;
    if (!ok) out.curves.push(p.dataset.from + ' -> ' + p.dataset.to);
  }
  const pre = document.createElement('pre');
  pre.id = 'measure';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"#;

fn artifacts() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("browser");
    std::fs::create_dir_all(&dir).expect("create target/browser");
    dir
}

/// Headless Chromium (at `browser`) with the given extra arguments, in a fresh profile.
fn chromium(browser: &Path, args: &[&str], page: &Path) -> Output {
    let profile = tempfile::tempdir().expect("profile dir");
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .env("HOME", profile.path())
        .output()
        .expect("Chromium runs");
    assert!(out.status.success(), "Chromium failed: {out:?}");
    out
}

/// The page with the measuring script (and a policy that lets only it run).
fn measured_copy(html: &str, name: &str) -> PathBuf {
    let csp = "default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:";
    assert!(html.contains(csp), "the page has its policy");
    let copy = html
        .replace(csp, &format!("{csp}; script-src 'unsafe-inline'"))
        .replacen("</title>", &format!("</title>\n{MEASURE}"), 1);
    let path = artifacts().join(name);
    std::fs::write(&path, copy).expect("write the measured copy");
    path
}

/// Opens a page at a window size and returns the measurements.
fn measure(browser: &Path, page: &Path, width: u32) -> serde_json::Value {
    let size = format!("--window-size={width},2000");
    let out = chromium(
        browser,
        &["--dump-dom", "--virtual-time-budget=5000", &size],
        page,
    );
    let dom = String::from_utf8_lossy(&out.stdout);
    let json = dom
        .split("<pre id=\"measure\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| panic!("no measurements in the page:\n{dom}"))
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    serde_json::from_str(&json).expect("measurements are JSON")
}

fn list(m: &serde_json::Value, key: &str) -> Vec<String> {
    m[key]
        .as_array()
        .map(|a| a.iter().map(|v| v.to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn the_example_page_renders_cleanly_at_desktop_and_phone_width() {
    let Some(browser) = tools::find(&CHROMIUM) else {
        return;
    };
    let dir = artifacts();
    let html = render(&personas::store::example(), ExportFormat::Html);
    let page = dir.join("example.html");
    std::fs::write(&page, &html).expect("write the page");

    // The page as exported: no console message at all (it has no script; a blocked load or a
    // CSS error would be logged).
    let out = chromium(
        &browser,
        &[
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
            "--window-size=1280,2000",
        ],
        &page,
    );
    let log = String::from_utf8_lossy(&out.stderr);
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "console messages: {console:#?}");

    let copy = measured_copy(&html, "example-measured.html");
    for width in [1280, 390] {
        let m = measure(&browser, &copy, width);
        assert_eq!(
            list(&m, "log"),
            Vec::<String>::new(),
            "{width}px: errors or blocked loads"
        );
        assert_eq!(
            list(&m, "resources"),
            Vec::<String>::new(),
            "{width}px: loaded something"
        );
        assert_eq!(
            list(&m, "overflow"),
            Vec::<String>::new(),
            "{width}px: text leaves its box"
        );
        assert_eq!(
            list(&m, "overlaps"),
            Vec::<String>::new(),
            "{width}px: boxes overlap"
        );
        assert_eq!(
            list(&m, "curves"),
            Vec::<String>::new(),
            "{width}px: curves off the edges"
        );
        assert!(
            m["texts"].as_u64() > Some(40),
            "{width}px: the picture was measured: {m}"
        );
        assert_eq!(
            m["links"].as_u64(),
            Some(personas::store::example().link_count() as u64)
        );
        // The page itself never scrolls sideways; only the picture does, inside its frame.
        assert!(
            m["pageWidth"].as_u64() <= m["viewport"].as_u64(),
            "{width}px: the page is wider than the window: {m}"
        );
    }

    for (name, size) in [("desktop", "1280,2400"), ("phone", "390,2400")] {
        let shot = dir.join(format!("example-{name}.png"));
        let _ = std::fs::remove_file(&shot);
        chromium(
            &browser,
            &[
                &format!("--screenshot={}", shot.display()),
                &format!("--window-size={size}"),
            ],
            &page,
        );
        let bytes = std::fs::read(&shot).expect("a screenshot");
        assert!(bytes.starts_with(b"\x89PNG"), "{name}: a PNG");
    }
}

/// The check above can fail: a page that loads an image from elsewhere and has a line of text
/// pushed out of its box is caught.
#[test]
fn the_browser_check_catches_a_load_from_elsewhere_and_an_overflowing_text() {
    let Some(browser) = tools::find(&CHROMIUM) else {
        return;
    };
    let html = render(&personas::store::example(), ExportFormat::Html);
    let goal = html.find("pc-goal-g").expect("a goal box");
    let at = goal
        + html[goal..]
            .find("<text class=\"pc-t\" x=\"")
            .expect("a goal text");
    let broken = format!(
        "{}<text class=\"pc-t\" x=\"9{}",
        &html[..at],
        &html[at + "<text class=\"pc-t\" x=\"".len()..]
    )
    .replacen(
        "<main>",
        "<main><img src=\"https://example.invalid/x.png\" alt=\"\">",
        1,
    );
    let copy = measured_copy(&broken, "broken-measured.html");
    let m = measure(&browser, &copy, 1280);
    assert!(
        !list(&m, "resources").is_empty() || !list(&m, "log").is_empty(),
        "{m}"
    );
    assert!(!list(&m, "overflow").is_empty(), "{m}");
}
