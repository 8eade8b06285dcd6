//! Reading what a participant sent: the fields of a post (form-encoded or JSON), the
//! participant's cookie, and whether the answer should be JSON.

use hyper::HeaderMap;
use hyper::header;

use crate::room::code::is_participant;

/// The name of the participant's cookie.
pub const COOKIE: &str = "participant";

/// The fields of a post, by name; the first of a repeated name counts.
#[derive(Debug, Default)]
pub struct Fields(Vec<(String, String)>);

/// A post that could not be read: the message and the field to blame.
#[derive(Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub message: String,
    pub field: String,
}

impl Fields {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// A field, empty when not sent.
    pub fn text(&self, name: &str) -> &str {
        self.get(name).unwrap_or("")
    }

    /// The body of a post: JSON (an object of strings) when the content type says so,
    /// form-encoded otherwise.
    pub fn parse(headers: &HeaderMap, body: &[u8]) -> Result<Fields, Unreadable> {
        if is_json(headers.get(header::CONTENT_TYPE)) {
            Fields::from_json(body)
        } else {
            Ok(Fields(
                form_urlencoded::parse(body)
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect(),
            ))
        }
    }

    fn from_json(body: &[u8]) -> Result<Fields, Unreadable> {
        let object: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(body)
            .map_err(|e| Unreadable {
                message: format!("the body is not a JSON object: {e}"),
                field: "body".to_string(),
            })?;
        let mut fields = Vec::with_capacity(object.len());
        for (name, value) in object {
            match value {
                serde_json::Value::String(s) => fields.push((name, s)),
                serde_json::Value::Null => {}
                _ => {
                    return Err(Unreadable {
                        message: format!("{name} must be a string"),
                        field: name,
                    });
                }
            }
        }
        Ok(Fields(fields))
    }
}

fn is_json(value: Option<&header::HeaderValue>) -> bool {
    value
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
}

/// Whether the answer is JSON: the request is JSON, or asks for JSON. Anything else is a plain
/// form post from a page without script, answered with a redirect.
pub fn wants_json(headers: &HeaderMap) -> bool {
    is_json(headers.get(header::CONTENT_TYPE))
        || headers
            .get_all(header::ACCEPT)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .any(|t| {
                t.split(';')
                    .next()
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
            })
}

/// The participant id in the request's cookie, when it is one this room could have given.
pub fn participant(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == COOKIE && is_participant(value))
        .map(|(_, value)| value.to_string())
}

/// The length the request says its body has, if it says.
pub fn content_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use hyper::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn form_and_json_bodies_give_the_same_fields() {
        let form =
            Fields::parse(&headers(&[]), b"text=a+b%21&column=users&text=second").expect("form");
        assert_eq!(form.get("text"), Some("a b!"));
        assert_eq!(form.text("why"), "");
        let json = Fields::parse(
            &headers(&[("content-type", "application/json; charset=utf-8")]),
            br#"{"text":"a b!","column":"users","why":null}"#,
        )
        .expect("json");
        assert_eq!(json.get("text"), Some("a b!"));
        assert_eq!(json.get("why"), None);
    }

    #[test]
    fn json_that_is_not_an_object_of_strings_names_the_field() {
        let h = headers(&[("content-type", "application/json")]);
        assert_eq!(Fields::parse(&h, b"[1]").expect_err("array").field, "body");
        assert_eq!(
            Fields::parse(&h, br#"{"text": 3}"#)
                .expect_err("number")
                .field,
            "text"
        );
    }

    #[test]
    fn json_is_wanted_when_sent_or_asked_for() {
        assert!(wants_json(&headers(&[(
            "content-type",
            "application/json"
        )])));
        assert!(wants_json(&headers(&[(
            "accept",
            "text/html, application/json;q=0.9"
        )])));
        assert!(!wants_json(&headers(&[
            ("content-type", "application/x-www-form-urlencoded"),
            ("accept", "text/html,*/*")
        ])));
    }

    #[test]
    fn only_a_well_formed_participant_cookie_counts() {
        let id = crate::room::code::new_participant();
        let cookie = format!("other=1; {COOKIE}={id}");
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_str(&cookie).expect("header"),
        );
        assert_eq!(participant(&h), Some(id));
        let h = headers(&[("cookie", "participant=../../etc")]);
        assert_eq!(participant(&h), None);
    }
}
