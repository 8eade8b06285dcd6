//! A participant's side of the room for tests: plain HTTP/1.1 over a TCP connection to the
//! app's room on loopback, with the participant's cookie kept like a browser keeps it.

#![allow(dead_code)]

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::time::Duration;

/// An answer: its status, its headers (names lower-cased) and its body.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// One browser: the room's address and the cookie it was given.
pub struct Participant {
    /// `http://127.0.0.1:PORT/CODE`
    pub url: String,
    pub cookie: Option<String>,
}

impl Participant {
    pub fn new(url: &str) -> Participant {
        Participant {
            url: url.trim_end_matches('/').to_string(),
            cookie: None,
        }
    }

    /// `host:port` and the path of `url` + `tail`.
    fn target(&self, tail: &str) -> (String, String) {
        let rest = self
            .url
            .strip_prefix("http://")
            .expect("an http:// address");
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        (host.to_string(), format!("/{path}{tail}"))
    }

    pub fn get(&mut self, tail: &str) -> Reply {
        self.request("GET", tail, None)
    }

    /// A JSON post (`Accept: application/json`).
    pub fn post_json(&mut self, tail: &str, body: &str) -> Reply {
        self.request("POST", tail, Some(body))
    }

    fn request(&mut self, method: &str, tail: &str, body: Option<&str>) -> Reply {
        let (host, path) = self.target(tail);
        let mut stream = TcpStream::connect(&host).expect("connect to the room");
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .expect("timeout");
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nAccept: application/json\r\n"
        );
        if let Some(cookie) = &self.cookie {
            head.push_str(&format!("Cookie: {cookie}\r\n"));
        }
        let body = body.unwrap_or("");
        if method == "POST" {
            head.push_str(&format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).expect("send");
        stream.write_all(body.as_bytes()).expect("send the body");
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("read the answer");
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").expect("a whole answer");
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .expect("a status line");
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        let reply = Reply {
            status,
            headers,
            body: body.to_string(),
        };
        if let Some(set) = reply.header("set-cookie") {
            self.cookie = set.split(';').next().map(str::to_string);
        }
        reply
    }
}

/// One server-sent event: its name (`message` when the stream names none) and its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SseEvent {
    pub name: String,
    pub data: String,
}

/// An event stream (`GET /CODE/events`) read as a browser's `EventSource` reads it: the
/// chunked body decoded (a chunk may end anywhere, even inside a line) and split into events;
/// comments (keep-alives) and `retry:` lines are skipped.
pub struct EventStream {
    tcp: TcpStream,
    /// The cookie the answer set (`participant=…`), or the one sent.
    pub cookie: Option<String>,
    /// Bytes read and not yet decoded (a chunk's size line, or a chunk not read whole yet).
    raw: Vec<u8>,
    /// The decoded body not yet split into events.
    body: Vec<u8>,
    /// The last chunk (size 0) was read.
    ended: bool,
    /// Events decoded and not yet taken.
    ready: std::collections::VecDeque<SseEvent>,
}

impl EventStream {
    /// Opens the stream of the room at `url` (`http://HOST:PORT/CODE`) as a participant with
    /// `cookie` (`participant=…`), or as a new one (the answer's cookie is kept). Errs with a
    /// sentence when the answer is not 200.
    pub fn open(url: &str, cookie: Option<&str>) -> Result<EventStream, String> {
        let target = Participant::new(url);
        let (host, path) = target.target("/events");
        let mut tcp = TcpStream::connect(&host).map_err(|e| format!("connect to {host}: {e}"))?;
        let mut head =
            format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n");
        if let Some(cookie) = cookie {
            head.push_str(&format!("Cookie: {cookie}\r\n"));
        }
        head.push_str("\r\n");
        tcp.write_all(head.as_bytes())
            .map_err(|e| format!("send the request: {e}"))?;
        let mut stream = EventStream {
            tcp,
            cookie: cookie.map(str::to_string),
            raw: Vec::new(),
            body: Vec::new(),
            ended: false,
            ready: std::collections::VecDeque::new(),
        };
        let head = loop {
            if let Some(end) = find(&stream.raw, b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&stream.raw[..end]).into_owned();
                stream.raw.drain(..end + 4);
                break head;
            }
            if stream.fill().map_err(|e| format!("read the answer: {e}"))? == 0 {
                return Err(format!(
                    "the stream closed before its answer: {:?}",
                    String::from_utf8_lossy(&stream.raw)
                ));
            }
        };
        let mut lines = head.split("\r\n");
        let status = lines.next().unwrap_or_default();
        if !status.starts_with("HTTP/1.1 200") {
            return Err(format!("the stream was refused: {head}"));
        }
        for line in lines {
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let name = name.trim().to_ascii_lowercase();
            if name == "set-cookie" {
                stream.cookie = value.trim().split(';').next().map(str::to_string);
            } else if name == "transfer-encoding" && !value.contains("chunked") {
                return Err(format!("the stream is not chunked: {head}"));
            }
        }
        Ok(stream)
    }

    /// A handle on the connection, to shut it down from another thread (which ends a blocked
    /// [`EventStream::next`]).
    pub fn handle(&self) -> TcpStream {
        self.tcp.try_clone().expect("clone the stream's socket")
    }

    /// Reads more bytes into `raw`; 0 at the end of the connection.
    fn fill(&mut self) -> std::io::Result<usize> {
        let mut buf = [0u8; 16 * 1024];
        let n = self.tcp.read(&mut buf)?;
        self.raw.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    /// The next event, waiting for it (or the stream's read timeout, an `Err`); `Ok(None)` when
    /// the stream ended (the server closed it, or the last chunk came).
    pub fn next(&mut self) -> std::io::Result<Option<SseEvent>> {
        loop {
            if let Some(event) = self.ready.pop_front() {
                return Ok(Some(event));
            }
            if self.ended {
                return Ok(None);
            }
            if !self.decode()? && self.fill()? == 0 {
                return Ok(None);
            }
        }
    }

    /// Decodes whole chunks from `raw` and whole events from the body; whether anything was.
    fn decode(&mut self) -> std::io::Result<bool> {
        let mut any = false;
        while let Some(line_end) = find(&self.raw, b"\r\n") {
            let size_text = String::from_utf8_lossy(&self.raw[..line_end]);
            let size_text = size_text.split(';').next().unwrap_or_default().trim();
            let Ok(size) = usize::from_str_radix(size_text, 16) else {
                return Err(std::io::Error::other(format!(
                    "not a chunk size: {size_text:?}"
                )));
            };
            if size == 0 {
                self.ended = true;
                any = true;
                break;
            }
            let start = line_end + 2;
            if self.raw.len() < start + size + 2 {
                break;
            }
            self.body.extend_from_slice(&self.raw[start..start + size]);
            self.raw.drain(..start + size + 2);
            any = true;
        }
        while let Some(end) = find(&self.body, b"\n\n") {
            let block = String::from_utf8_lossy(&self.body[..end]).into_owned();
            self.body.drain(..end + 2);
            let (mut name, mut data) = (String::new(), Vec::new());
            for line in block.lines() {
                if let Some(n) = line.strip_prefix("event:") {
                    name = n.trim_start().to_string();
                } else if let Some(d) = line.strip_prefix("data:") {
                    data.push(d.strip_prefix(' ').unwrap_or(d).to_string());
                }
            }
            if !data.is_empty() {
                self.ready.push_back(SseEvent {
                    name: if name.is_empty() {
                        "message".to_string()
                    } else {
                        name
                    },
                    data: data.join("\n"),
                });
                any = true;
            }
        }
        Ok(any)
    }
}

/// Where `needle` first occurs in `bytes`.
fn find(bytes: &[u8], needle: &[u8]) -> Option<usize> {
    bytes.windows(needle.len()).position(|w| w == needle)
}
