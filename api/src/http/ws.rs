//! GraphQL subscriptions over WebSocket (`graphql-transport-ws`) on `/graphql`.
//!
//! The token comes in the `connection_init` payload (`{"token": …}` or
//! `{"Authorization": "Bearer …"}`). This module speaks the protocol itself rather than through
//! async-graphql's `http::WebSocket`, which runs every subscription of a connection inside the
//! connection's one future: a subscription caught between two statements is not polled while
//! another one's frame is being written, so it keeps its pooled database connection, and one
//! socket with a few thousand subscriptions held the whole pool for good. Here each operation
//! runs in a task of its own, which finishes its database work whatever the socket does and
//! hands its results over without waiting: a client too slow to take them is closed.
//!
//! Limits: `FFORWM_WS_CONNECTIONS_PER_ADDRESS` connections per client address (429 beyond), at
//! most [`MAX_OPERATIONS`] operations running per connection (beyond: an `error` message for
//! that id), `connection_init` within `FFORWM_WS_INIT_TIMEOUT_MS` (else 4408), a duplicate id
//! closes with 4409, as the protocol says. Ping frames keep idle connections alive; a silent
//! peer is closed.

use std::{
    collections::HashMap,
    net::{IpAddr, Ipv6Addr},
    sync::{
        Arc, Mutex, PoisonError,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use actix_web::{HttpRequest, HttpResponse, http::header, web};
use actix_ws::{CloseCode, CloseReason, Message};
use async_graphql::{Request, Response, ServerError};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::{
    sync::{
        Notify,
        mpsc::{self, error::TrySendError},
        watch,
    },
    task::AbortHandle,
};

use super::{client_address::client_address, edge};
use crate::{
    AppError, args,
    auth::viewer::Credentials,
    config::Config,
    error::Field,
    graphql::{
        AppSchema, Schemas,
        context::with_context,
        errors::{self, server_error},
        limits::{Selected, inspect},
    },
    i18n,
    request::RequestContext,
    state::AppState,
};

const PROTOCOL: &str = "graphql-transport-ws";
const PING_EVERY: Duration = Duration::from_secs(20);
const PEER_SILENCE_LIMIT: Duration = Duration::from_secs(60);
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
const MAX_FRAME_BYTES: usize = 64 * 1024;
/// Operations (subscriptions, or queries sent over the socket) running at once on one connection.
pub const MAX_OPERATIONS: usize = 50;
/// Results waiting to be written to one socket; a client this far behind is too slow.
const OUTBOX: usize = 128;

/// The live connections of this process: the limits, how many each address holds, and the
/// word to close them all when the process stops.
pub struct LiveConnections {
    per_address: usize,
    init_timeout: Duration,
    open: Mutex<HashMap<IpAddr, usize>>,
    /// Operations running on all connections (for `/metrics`).
    operations: AtomicUsize,
    stopping: watch::Sender<bool>,
}

impl LiveConnections {
    pub fn new(config: &Config) -> Self {
        Self {
            per_address: config.ws_connections_per_address,
            init_timeout: Duration::from_millis(config.ws_init_timeout_ms),
            open: Mutex::new(HashMap::new()),
            operations: AtomicUsize::new(0),
            stopping: watch::channel(false).0,
        }
    }

    /// Open connections and the operations (subscriptions mostly) running on them.
    pub fn counts(&self) -> (usize, usize) {
        let open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        (open.values().sum(), self.operations.load(Ordering::Relaxed))
    }

    /// The process is stopping: every connection, and any that opens from now on, closes with
    /// 1001 (going away), so that clients reconnect, to another replica.
    pub fn close_all(&self) {
        self.stopping.send_replace(true);
    }

    /// A place for one more connection from `address`, or `None` when it holds its share.
    fn admit(self: &Arc<Self>, address: IpAddr) -> Option<Admission> {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let count = open.entry(address).or_default();
        if *count >= self.per_address {
            return None;
        }
        *count += 1;
        Some(Admission {
            connections: self.clone(),
            address,
        })
    }
}

/// One connection's place in its address's share; given back when dropped.
struct Admission {
    connections: Arc<LiveConnections>,
    address: IpAddr,
}

impl Drop for Admission {
    fn drop(&mut self) {
        let mut open = self
            .connections
            .open
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.address) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.address);
            }
        }
    }
}

pub async fn subscribe(
    req: HttpRequest,
    body: web::Payload,
    schemas: web::Data<Schemas>,
    state: web::Data<AppState>,
    connections: web::Data<LiveConnections>,
) -> Result<HttpResponse, actix_web::Error> {
    let offers_protocol = req
        .headers()
        .get(header::SEC_WEBSOCKET_PROTOCOL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|protocols| protocols.split(',').any(|p| p.trim() == PROTOCOL));
    // The upgrade request gives the language and the request id; the credentials come with
    // `connection_init`.
    let context = RequestContext::of(&req, &state);
    if !offers_protocol {
        return Ok(HttpResponse::BadRequest().body(i18n::text(
            context.language_now(),
            "error-websocket-protocol",
        )));
    }
    let connections = connections.into_inner();
    let address = client_address(&req).unwrap_or(IpAddr::V6(Ipv6Addr::UNSPECIFIED));
    let Some(admission) = connections.admit(address) else {
        return Ok(HttpResponse::TooManyRequests().body(i18n::text(
            context.language_now(),
            "error-websocket-connections",
        )));
    };
    let (response, session, messages) = actix_ws::handle_with_protocols(&req, body, &[PROTOCOL])?;
    let (outbox, results) = mpsc::channel(OUTBOX);
    let connection = Connection {
        schema: schemas.single().clone(),
        state: state.get_ref().clone(),
        context,
        init_received: false,
        credentials: None,
        operations: HashMap::new(),
        runs: 0,
        outbox,
        overflow: Arc::new(Notify::new()),
        live: connections.clone(),
    };
    actix_web::rt::spawn(serve(
        connection,
        session,
        messages.max_frame_size(MAX_FRAME_BYTES),
        results,
        connections.init_timeout,
        connections.stopping.subscribe(),
        admission,
    ));
    Ok(response)
}

/// The bearer token from a `connection_init` payload, as an `Authorization` header value.
fn bearer(payload: &Value) -> Option<String> {
    if let Some(token) = payload.get("token").and_then(|t| t.as_str()) {
        return Some(format!("Bearer {token}"));
    }
    payload
        .get("Authorization")
        .or_else(|| payload.get("authorization"))
        .and_then(|h| h.as_str())
        .map(str::to_string)
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ClientMessage {
    ConnectionInit {
        #[serde(default)]
        payload: Option<Value>,
    },
    Ping {
        #[serde(default)]
        payload: Option<Value>,
    },
    Pong {},
    Subscribe {
        id: String,
        payload: Box<Request>,
    },
    Complete {
        id: String,
    },
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum ServerMessage<'a> {
    ConnectionAck,
    Pong {
        #[serde(skip_serializing_if = "Option::is_none")]
        payload: Option<Value>,
    },
    Next {
        id: &'a str,
        payload: &'a Response,
    },
    Error {
        id: &'a str,
        payload: Vec<ServerError>,
    },
    Complete {
        id: &'a str,
    },
}

/// What an operation's task hands its connection. `run` tells a finished operation's late
/// results from those of a newer one that reuses its id.
enum Outgoing {
    Next {
        id: Arc<str>,
        run: u64,
        response: Box<Response>,
    },
    Done {
        id: Arc<str>,
        run: u64,
    },
}

/// A running operation; dropping it stops its task.
struct Operation {
    run: u64,
    task: AbortHandle,
    live: Arc<LiveConnections>,
}

impl Operation {
    fn new(run: u64, task: AbortHandle, live: Arc<LiveConnections>) -> Self {
        live.operations.fetch_add(1, Ordering::Relaxed);
        Self { run, task, live }
    }
}

impl Drop for Operation {
    fn drop(&mut self) {
        self.task.abort();
        self.live.operations.fetch_sub(1, Ordering::Relaxed);
    }
}

struct Connection {
    schema: AppSchema,
    state: AppState,
    /// The upgrade request's language and id, for the connection's refusals and operations.
    context: RequestContext,
    init_received: bool,
    /// Set once `connection_init` is acknowledged.
    credentials: Option<Credentials>,
    operations: HashMap<String, Operation>,
    runs: u64,
    outbox: mpsc::Sender<Outgoing>,
    /// Raised by a task that found the outbox full.
    overflow: Arc<Notify>,
    live: Arc<LiveConnections>,
}

fn close(code: u16, description: impl Into<String>) -> CloseReason {
    CloseReason {
        code: CloseCode::Other(code),
        description: Some(description.into()),
    }
}

/// Writes one message; `Err` with how to close when the client does not take it in time.
async fn send(
    session: &mut actix_ws::Session,
    message: &ServerMessage<'_>,
) -> Result<(), Option<CloseReason>> {
    let text = serde_json::to_string(message).map_err(|err| {
        tracing::error!(error = %err, "serialising a WebSocket message failed");
        Some(close(4500, "Internal server error"))
    })?;
    match tokio::time::timeout(SEND_TIMEOUT, session.text(text)).await {
        Ok(Ok(())) => Ok(()),
        Ok(Err(_)) => Err(None),
        Err(_) => Err(Some(too_slow())),
    }
}

fn too_slow() -> CloseReason {
    CloseReason {
        code: CloseCode::Policy,
        description: Some("too slow to read its events".to_string()),
    }
}

impl Connection {
    /// Handles one client message; `Err` with how to close the connection.
    async fn receive(
        &mut self,
        session: &mut actix_ws::Session,
        text: &str,
    ) -> Result<(), Option<CloseReason>> {
        let Ok(message) = serde_json::from_str::<ClientMessage>(text) else {
            return Err(Some(close(4400, "Invalid message received")));
        };
        match message {
            ClientMessage::ConnectionInit { payload } => {
                if self.init_received {
                    return Err(Some(close(4429, "Too many initialisation requests")));
                }
                self.init_received = true;
                let header = payload.as_ref().and_then(bearer);
                let credentials = edge::credentials(header.as_deref(), &self.state);
                if matches!(credentials, Credentials::Invalid) {
                    return Err(Some(close(4403, "Forbidden")));
                }
                self.credentials = Some(credentials);
                send(session, &ServerMessage::ConnectionAck).await
            }
            ClientMessage::Ping { payload } => {
                send(session, &ServerMessage::Pong { payload }).await
            }
            ClientMessage::Pong {} => Ok(()),
            ClientMessage::Subscribe { id, mut payload } => {
                let Some(credentials) = self.credentials.clone() else {
                    return Err(Some(close(4401, "Unauthorized")));
                };
                if self.operations.contains_key(&id) {
                    return Err(Some(close(
                        4409,
                        format!("Subscriber for {id} already exists"),
                    )));
                }
                let admitted = if self.operations.len() >= MAX_OPERATIONS {
                    Err(AppError::invalid_with(
                        Field::Id,
                        "error-too-many-operations",
                        args!(max = MAX_OPERATIONS),
                    ))
                } else {
                    inspect(&mut payload).and_then(Selected::check)
                };
                if let Err(refusal) = admitted {
                    let payload = vec![server_error(refusal, &self.context)];
                    return send(session, &ServerMessage::Error { id: &id, payload }).await;
                }
                self.start(id, *payload, credentials);
                Ok(())
            }
            ClientMessage::Complete { id } => {
                self.operations.remove(&id);
                Ok(())
            }
        }
    }

    /// Runs an operation in a task of its own under a request context of its own.
    fn start(&mut self, id: String, request: Request, credentials: Credentials) {
        let context = Arc::new(self.context.with_credentials(credentials));
        let request = with_context(request, &self.state, &context);
        let mut results = self
            .schema
            .execute_stream_with_session_data(request, Default::default());
        self.runs += 1;
        let run = self.runs;
        let key: Arc<str> = id.as_str().into();
        let (outbox, overflow) = (self.outbox.clone(), self.overflow.clone());
        let task = tokio::spawn(async move {
            while let Some(mut response) = results.next().await {
                errors::render(&mut response, &context);
                let next = Outgoing::Next {
                    id: key.clone(),
                    run,
                    response: Box::new(response),
                };
                if !hand_over(&outbox, &overflow, next) {
                    return;
                }
            }
            hand_over(&outbox, &overflow, Outgoing::Done { id: key, run });
        });
        let task = task.abort_handle();
        let operation = Operation::new(run, task, self.live.clone());
        self.operations.insert(id, operation);
    }

    fn is_running(&self, id: &str, run: u64) -> bool {
        self.operations.get(id).is_some_and(|op| op.run == run)
    }

    /// Writes what an operation produced, unless it has been completed meanwhile.
    async fn deliver(
        &mut self,
        session: &mut actix_ws::Session,
        outgoing: Outgoing,
    ) -> Result<(), Option<CloseReason>> {
        match outgoing {
            Outgoing::Next { id, run, response } => {
                if !self.is_running(&id, run) {
                    return Ok(());
                }
                let message = ServerMessage::Next {
                    id: &id,
                    payload: &response,
                };
                send(session, &message).await
            }
            Outgoing::Done { id, run } => {
                if !self.is_running(&id, run) {
                    return Ok(());
                }
                self.operations.remove(&*id);
                send(session, &ServerMessage::Complete { id: &id }).await
            }
        }
    }
}

/// Queues a result for the socket without waiting, so that an operation never holds anything
/// while a slow client reads; a full queue closes the connection instead.
fn hand_over(outbox: &mpsc::Sender<Outgoing>, overflow: &Notify, outgoing: Outgoing) -> bool {
    match outbox.try_send(outgoing) {
        Ok(()) => true,
        Err(TrySendError::Full(_)) => {
            overflow.notify_one();
            false
        }
        Err(TrySendError::Closed(_)) => false,
    }
}

async fn serve(
    mut connection: Connection,
    mut session: actix_ws::Session,
    mut messages: actix_ws::MessageStream,
    mut results: mpsc::Receiver<Outgoing>,
    init_timeout: Duration,
    mut stopping: watch::Receiver<bool>,
    admission: Admission,
) {
    let init_deadline = tokio::time::sleep(init_timeout);
    tokio::pin!(init_deadline);
    let overflow = connection.overflow.clone();
    let mut ping = tokio::time::interval(PING_EVERY);
    let mut last_heard = Instant::now();
    let outcome = loop {
        let step = tokio::select! {
            incoming = messages.next() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    last_heard = Instant::now();
                    connection.receive(&mut session, &text).await
                }
                Some(Ok(Message::Binary(_))) => {
                    Err(Some(close(4400, "Invalid message received")))
                }
                Some(Ok(Message::Ping(bytes))) => {
                    last_heard = Instant::now();
                    session.pong(&bytes).await.map_err(|_| None)
                }
                Some(Ok(Message::Close(reason))) => Err(reason),
                Some(Ok(_)) => {
                    last_heard = Instant::now();
                    Ok(())
                }
                Some(Err(_)) | None => Err(None),
            },
            Some(outgoing) = results.recv() => connection.deliver(&mut session, outgoing).await,
            () = overflow.notified() => Err(Some(too_slow())),
            _ = stopping.wait_for(|stopping| *stopping) => Err(Some(CloseReason {
                code: CloseCode::Away,
                description: Some("Server shutting down".to_string()),
            })),
            () = &mut init_deadline, if !connection.init_received => {
                Err(Some(close(4408, "Connection initialisation timeout")))
            }
            _ = ping.tick() => {
                if last_heard.elapsed() > PEER_SILENCE_LIMIT {
                    Err(Some(CloseReason {
                        code: CloseCode::Away,
                        description: Some("no answer to pings".to_string()),
                    }))
                } else {
                    session.ping(b"").await.map_err(|_| None)
                }
            }
        };
        if let Err(reason) = step {
            break reason;
        }
    };
    // Stop every operation and give the address's place back before the client hears the
    // close: nothing outlives its connection, and a client may connect again at once.
    drop(connection);
    drop(admission);
    let _ = session.close(outcome).await;
}
