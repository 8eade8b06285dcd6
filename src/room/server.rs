//! The room's HTTP server (SPEC §11), on a thread of its own with a single-threaded tokio
//! runtime: the app only ever touches [`Shared`], so nothing here can block or panic the app.
//!
//! - [`Server::start`] binds (the preferred port, else the next free one up to
//!   [`PORTS_TRIED`] above) and answers until [`Server::stop`] or drop.
//! - Every connection gets a place among [`super::limits::OTHERS`] (`connections`) until its request
//!   turns out to be an event stream, which then counts among [`super::limits::STREAMS`] (`events`):
//!   streams never take a page's or a post's place. A connection that has not sent a whole
//!   request within [`super::limits::REQUEST_TIME`] is dropped; a malformed one is answered 400 and
//!   closed by hyper; request heads are bounded to [`HEAD_BYTES`], bodies to [`super::limits::BODY`].
//! - `routes` answers the paths; `submit` checks what participants send; `request` and
//!   `response` read and write HTTP details.

mod connections;
mod events;
mod request;
mod response;
mod routes;
mod submit;

use std::collections::{HashMap, VecDeque};
use std::io;
use std::net::{SocketAddr, TcpListener as StdListener};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, mpsc};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

use super::Shared;
use super::address::host_for;
use super::code::new_code;

use connections::Connections;
use events::Events;

/// Ports tried above the preferred one when it is taken.
pub const PORTS_TRIED: u16 = 20;
/// Bytes of a request's line and headers (hyper's smallest read buffer is 8 KiB).
const HEAD_BYTES: usize = 8 * 1024;
/// How often streams are brought up to date when nothing wakes them (a change in the app).
const TICK: Duration = Duration::from_millis(100);
/// How long [`Server::stop`] waits for the server's thread.
const STOP_WAIT: Duration = Duration::from_secs(1);

/// The server's side of the room: what its tasks share.
struct Room {
    shared: Arc<Shared>,
    code: String,
    conns: Connections,
    events: Arc<Events>,
    /// Each participant's proposals of the last minute.
    rates: Mutex<HashMap<String, VecDeque<Instant>>>,
    next_conn: AtomicU64,
}

impl Room {
    fn rates(&self) -> MutexGuard<'_, HashMap<String, VecDeque<Instant>>> {
        self.rates.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The room's server, listening until stopped or dropped.
pub struct Server {
    addr: SocketAddr,
    moved_from: Option<u16>,
    code: String,
    running: Option<Running>,
}

struct Running {
    stop: watch::Sender<bool>,
    done: mpsc::Receiver<()>,
    thread: JoinHandle<()>,
    shared: Arc<Shared>,
}

impl Server {
    /// Starts listening for the room on its own thread, on `preferred`; if that port is taken,
    /// on the next free one up to [`PORTS_TRIED`] above (said by [`Server::moved_from`]).
    /// Sets the room's port (and a code, should it have none). Errors are a sentence.
    pub fn start(shared: Arc<Shared>, preferred: SocketAddr) -> Result<Server, String> {
        let (listener, addr) = bind(preferred)?;
        listener
            .set_nonblocking(true)
            .map_err(|e| format!("the room could not listen on {addr}: {e}"))?;
        let code = {
            let mut data = shared.data();
            if data.code.is_empty() {
                data.code = new_code();
            }
            data.port = addr.port();
            data.code.clone()
        };
        shared.changed();
        let room = Arc::new(Room {
            events: Arc::new(Events::new(shared.clone())),
            shared: shared.clone(),
            code: code.clone(),
            conns: Connections::default(),
            rates: Mutex::new(HashMap::new()),
            next_conn: AtomicU64::new(0),
        });
        let (stop, stopped) = watch::channel(false);
        let (ready_tx, ready) = mpsc::channel::<Result<(), String>>();
        let (done_tx, done) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("room server".into())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_current_thread()
                    .enable_io()
                    .enable_time()
                    .build()
                {
                    Ok(runtime) => runtime,
                    Err(e) => {
                        let _ = ready_tx.send(Err(format!("the room could not start: {e}")));
                        return;
                    }
                };
                runtime.block_on(async {
                    match TcpListener::from_std(listener) {
                        Ok(listener) => {
                            let _ = ready_tx.send(Ok(()));
                            serve(room.clone(), listener, stopped).await;
                        }
                        Err(e) => {
                            let _ = ready_tx
                                .send(Err(format!("the room could not listen on {addr}: {e}")));
                        }
                    }
                });
                room.events.close_all();
                drop(runtime);
                let _ = done_tx.send(());
            })
            .map_err(|e| format!("the room could not start a thread: {e}"))?;
        match ready.recv() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(e),
            Err(_) => return Err("the room's server stopped as it started".to_string()),
        }
        Ok(Server {
            addr,
            moved_from: (preferred.port() != 0 && addr.port() != preferred.port())
                .then_some(preferred.port()),
            code,
            running: Some(Running {
                stop,
                done,
                thread,
                shared,
            }),
        })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The preferred port, when it was taken and another one is used.
    pub fn moved_from(&self) -> Option<u16> {
        self.moved_from
    }

    /// The address participants open: `http://HOST:PORT/CODE`.
    pub fn url(&self) -> String {
        let host = host_for(self.addr);
        let port = self.addr.port();
        match host {
            std::net::IpAddr::V4(ip) => format!("http://{ip}:{port}/{}", self.code),
            std::net::IpAddr::V6(ip) => format!("http://[{ip}]:{port}/{}", self.code),
        }
    }

    /// Stops listening and ends every connection and stream; returns within about a second.
    pub fn stop(mut self) {
        self.halt();
    }

    fn halt(&mut self) {
        let Some(running) = self.running.take() else {
            return;
        };
        let _ = running.stop.send(true);
        if running.done.recv_timeout(STOP_WAIT).is_ok() {
            let _ = running.thread.join();
        }
        running.shared.set_people(0);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.halt();
    }
}

/// A listener on `preferred`, or on the next free port up to [`PORTS_TRIED`] above it.
fn bind(preferred: SocketAddr) -> Result<(StdListener, SocketAddr), String> {
    let last = if preferred.port() == 0 {
        0
    } else {
        preferred.port().saturating_add(PORTS_TRIED)
    };
    let mut addr = preferred;
    loop {
        match StdListener::bind(addr) {
            Ok(listener) => {
                let bound = listener
                    .local_addr()
                    .map_err(|e| format!("the room could not listen on {addr}: {e}"))?;
                return Ok((listener, bound));
            }
            Err(e) if e.kind() == io::ErrorKind::AddrInUse && addr.port() < last => {
                addr.set_port(addr.port() + 1);
            }
            Err(e) if e.kind() == io::ErrorKind::AddrInUse && preferred.port() != 0 => {
                return Err(format!(
                    "the room could not listen on {}: ports {} to {} are all taken",
                    preferred.ip(),
                    preferred.port(),
                    last
                ));
            }
            Err(e) => return Err(format!("the room could not listen on {addr}: {e}")),
        }
    }
}

/// Accepts connections until told to stop; keeps the streams up to date and drops slow
/// connections meanwhile.
async fn serve(room: Arc<Room>, listener: TcpListener, mut stop: watch::Receiver<bool>) {
    let ticker = tokio::spawn(tick(room.clone(), stop.clone()));
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((tcp, _)) => {
                    tokio::spawn(connection(room.clone(), tcp, stop.clone()));
                }
                // Out of file descriptors or the like: wait a moment rather than spin.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            },
            _ = stop.changed() => break,
        }
    }
    ticker.abort();
}

/// Brings the streams up to date (each [`TICK`], at once when a post wakes it) and drops
/// connections that are too slow with their request.
async fn tick(room: Arc<Room>, mut stop: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            _ = tokio::time::sleep(TICK) => {}
            _ = room.events.wake.notified() => {}
            _ = stop.changed() => return,
        }
        room.events.tick();
        room.conns.reap(Instant::now());
    }
}

/// One connection, from accept to close.
async fn connection(room: Arc<Room>, tcp: TcpStream, mut stop: watch::Receiver<bool>) {
    let id = room.next_conn.fetch_add(1, Ordering::Relaxed);
    let Some(kill) = room.conns.admit(id, Instant::now()) else {
        return;
    };
    let _ = tcp.set_nodelay(true);
    let service = {
        let room = room.clone();
        service_fn(move |req| routes::handle(room.clone(), id, req))
    };
    let served = http1::Builder::new()
        .keep_alive(true)
        .max_buf_size(HEAD_BYTES.max(8192))
        .max_header_size(HEAD_BYTES)
        .serve_connection(TokioIo::new(tcp), service);
    tokio::select! {
        _ = served => {}
        _ = kill.notified() => {}
        _ = stop.changed() => {}
    }
    room.conns.leave(id);
}
