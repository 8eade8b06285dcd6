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
