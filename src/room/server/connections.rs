//! The connections that are not event streams (pages, posts, idle keep-alives, and every
//! connection before its first request is read), and their limits (SPEC §11): at most
//! [`limits::OTHERS`] at once, and none may take longer than [`limits::REQUEST_TIME`] to send a
//! whole request.
//!
//! When all places are taken, a new connection takes the place of the one that has waited
//! longest without a request in progress: a crowd of half-open sockets cannot keep out a phone
//! that sends its request as soon as it connects. A connection that becomes an event stream
//! leaves this list for the streams' own (see `events`).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use tokio::sync::Notify;

use crate::room::limits;

/// One connection's place.
struct Entry {
    /// When it connected or last finished a request: the start of its time to send the next.
    since: Instant,
    /// A request of it is being answered (never evicted then).
    busy: bool,
    /// Tells its task to drop it.
    kill: Arc<Notify>,
}

#[derive(Default)]
pub struct Connections {
    open: Mutex<HashMap<u64, Entry>>,
}

impl Connections {
    fn open(&self) -> MutexGuard<'_, HashMap<u64, Entry>> {
        self.open.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A place for a new connection, taking the one of the longest idle connection when all are
    /// taken; None when every place has a request in progress. The returned handle is notified
    /// when the connection must be dropped.
    pub fn admit(&self, id: u64, now: Instant) -> Option<Arc<Notify>> {
        let mut open = self.open();
        if open.len() >= limits::OTHERS {
            let oldest = open
                .iter()
                .filter(|(_, e)| !e.busy)
                .min_by_key(|(_, e)| e.since)
                .map(|(id, _)| *id)?;
            if let Some(evicted) = open.remove(&oldest) {
                evicted.kill.notify_one();
            }
        }
        let kill = Arc::new(Notify::new());
        open.insert(
            id,
            Entry {
                since: now,
                busy: false,
                kill: kill.clone(),
            },
        );
        Some(kill)
    }

    /// A whole request head arrived: the connection is busy until [`Connections::finished`].
    /// Returns the time by which its body must have arrived (None if it is no longer listed).
    pub fn started(&self, id: u64) -> Option<Instant> {
        let mut open = self.open();
        let entry = open.get_mut(&id)?;
        entry.busy = true;
        Some(entry.since + limits::REQUEST_TIME)
    }

    /// Its answer is on its way: the time for the next request starts now.
    pub fn finished(&self, id: u64, now: Instant) {
        if let Some(entry) = self.open().get_mut(&id) {
            entry.busy = false;
            entry.since = now;
        }
    }

    /// The connection became an event stream: it leaves this list; its kill handle goes along.
    pub fn make_stream(&self, id: u64) -> Option<Arc<Notify>> {
        self.open().remove(&id).map(|e| e.kill)
    }

    /// The connection closed.
    pub fn leave(&self, id: u64) {
        self.open().remove(&id);
    }

    /// Drops every connection that has been waiting for a whole request for too long.
    pub fn reap(&self, now: Instant) {
        self.open().retain(|_, e| {
            let late = !e.busy && now.duration_since(e.since) >= limits::REQUEST_TIME;
            if late {
                e.kill.notify_one();
            }
            !late
        });
    }

    /// Connections listed now.
    #[cfg(test)]
    pub fn count(&self) -> usize {
        self.open().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_full_list_evicts_the_longest_idle_connection_never_a_busy_one() {
        let conns = Connections::default();
        let t0 = Instant::now();
        let mut kills = Vec::new();
        for id in 0..limits::OTHERS as u64 {
            kills.push(
                conns
                    .admit(id, t0 + Duration::from_millis(id))
                    .expect("a place"),
            );
        }
        conns.started(0);
        let _new = conns
            .admit(1000, t0 + Duration::from_secs(1))
            .expect("a place");
        assert_eq!(conns.count(), limits::OTHERS);
        // 0 is busy, so 1 (the next oldest) went.
        assert!(conns.make_stream(0).is_some());
        assert!(conns.make_stream(1).is_none());
    }

    #[test]
    fn no_place_when_every_connection_is_busy() {
        let conns = Connections::default();
        let now = Instant::now();
        for id in 0..limits::OTHERS as u64 {
            conns.admit(id, now);
            conns.started(id);
        }
        assert!(conns.admit(1000, now).is_none());
    }

    #[test]
    fn idle_connections_are_reaped_after_the_request_time() {
        let conns = Connections::default();
        let t0 = Instant::now();
        conns.admit(1, t0);
        conns.admit(2, t0);
        conns.started(2);
        conns.reap(t0 + limits::REQUEST_TIME);
        assert_eq!(conns.count(), 1, "the busy one stays");
        conns.finished(2, t0 + limits::REQUEST_TIME);
        conns.reap(t0 + limits::REQUEST_TIME + Duration::from_secs(1));
        assert_eq!(conns.count(), 1, "its time starts again after its answer");
    }
}
