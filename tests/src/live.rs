//! A small `graphql-transport-ws` client over a real WebSocket, for the subscription tests:
//! `Live::connect` (handshake with the subprotocol, `connection_init` with a token),
//! `subscribe`, `next_event` / `expect_no_event` with timeouts, `complete`, `ping`, `close`.
//!
//! Every wait has a timeout: [`WAIT`] for what must come, [`QUIET`] for what must not.

use std::{collections::VecDeque, time::Duration};

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::{net::TcpStream, time::Instant};
use tokio_tungstenite::{
    MaybeTlsStream, WebSocketStream, connect_async,
    tungstenite::{Error, Message, client::IntoClientRequest, http::HeaderValue},
};

use crate::{POSTGRES_ENV, check_errors, ok};

pub const PROTOCOL: &str = "graphql-transport-ws";
/// How long to wait for something that must come.
pub const WAIT: Duration = Duration::from_secs(5);
/// How long to listen for something that must not come.
pub const QUIET: Duration = Duration::from_millis(400);
/// `subscribe` has no acknowledgement in graphql-transport-ws, and the server resolves the
/// subscription (a database read or two) only after it has read the message. After a
/// ping/pong round trip (the server has read the `subscribe`), this much more lets it finish.
const SETTLE: Duration = Duration::from_millis(150);

/// `notifications` with the fields the tests look at.
pub const NOTIFICATIONS: &str = "subscription { notifications {
    id kind message(lang: EN) createdAt readAt proposal { id } councilResponse { id } comment { id } } }";

/// `proposalEvents(id: $id)` with the fields the tests look at.
pub const PROPOSAL_EVENTS: &str = "subscription($id: ID!) { proposalEvents(id: $id) {
    kind at proposal { id title status supportCount commentCount } } }";

/// `forumEvents(forumId: $forumId)` with the fields the tests look at.
pub const FORUM_EVENTS: &str = "subscription($forumId: ID!) { forumEvents(forumId: $forumId) {
    kind at proposal { id title status forum { id } } } }";

/// Whether the tests run on PostgreSQL (`FFORWM_TEST_POSTGRES` set).
pub fn on_postgres() -> bool {
    std::env::var(POSTGRES_ENV).is_ok_and(|url| !url.trim().is_empty())
}

type Socket = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// How the connection ended: the close frame's code and reason (`None` when the connection
/// dropped without one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closed {
    pub code: Option<u16>,
    pub reason: String,
}

enum Incoming {
    Json(Value),
    Closed(Closed),
}

/// One graphql-transport-ws connection.
pub struct Live {
    socket: Socket,
    /// Messages read while waiting for something else, oldest first.
    backlog: VecDeque<Value>,
    closed: Option<Closed>,
}

impl Live {
    /// A WebSocket to `<base_url>/graphql` offering the graphql-transport-ws subprotocol; not
    /// initialised yet.
    pub async fn open(base_url: &str) -> Self {
        match Self::try_open(base_url).await {
            Ok(live) => live,
            Err(status) => panic!("WebSocket handshake with {base_url} refused: {status}"),
        }
    }

    /// As [`Live::open`]; `Err` with the HTTP status when the server refuses the handshake.
    pub async fn try_open(base_url: &str) -> Result<Self, u16> {
        let url = format!("{}/graphql", base_url.replacen("http", "ws", 1));
        let mut request = url
            .as_str()
            .into_client_request()
            .expect("a WebSocket request");
        request
            .headers_mut()
            .insert("Sec-WebSocket-Protocol", HeaderValue::from_static(PROTOCOL));
        let (socket, response) = match tokio::time::timeout(WAIT, connect_async(request))
            .await
            .unwrap_or_else(|_| panic!("no WebSocket handshake with {url} within {WAIT:?}"))
        {
            Ok(connected) => connected,
            Err(Error::Http(response)) => return Err(response.status().as_u16()),
            Err(e) => panic!("WebSocket handshake with {url}: {e}"),
        };
        let protocol = response
            .headers()
            .get("sec-websocket-protocol")
            .and_then(|v| v.to_str().ok());
        assert_eq!(
            protocol,
            Some(PROTOCOL),
            "the server chose another protocol"
        );
        Ok(Self {
            socket,
            backlog: VecDeque::new(),
            closed: None,
        })
    }

    /// Opened and initialised with `{"token": <token>}`, or `{}` when anonymous.
    pub async fn connect(base_url: &str, token: Option<&str>) -> Self {
        let payload = token.map_or_else(|| json!({}), |token| json!({ "token": token }));
        Self::connect_with(base_url, payload).await
    }

    /// Opened and initialised with this `connection_init` payload; panics unless acknowledged.
    pub async fn connect_with(base_url: &str, payload: Value) -> Self {
        let mut live = Self::open(base_url).await;
        if let Err(closed) = live.init(payload).await {
            panic!("connection_init was refused: {closed:?}");
        }
        live
    }

    /// Sends `connection_init`: `Ok` on `connection_ack`, else how the server closed.
    pub async fn init(&mut self, payload: Value) -> Result<(), Closed> {
        self.send(json!({ "type": "connection_init", "payload": payload }))
            .await;
        match self.recv(WAIT).await {
            Some(Incoming::Json(m)) if m["type"] == "connection_ack" => Ok(()),
            Some(Incoming::Json(m)) => panic!("expected connection_ack, got {m}"),
            Some(Incoming::Closed(closed)) => Err(closed),
            None => panic!("no answer to connection_init within {WAIT:?}"),
        }
    }

    /// Starts subscription `id` and gives the server time to set it up (see [`SETTLE`]).
    pub async fn subscribe(&mut self, id: &str, query: &str, variables: Value) {
        self.send(json!({
            "id": id,
            "type": "subscribe",
            "payload": { "query": query, "variables": variables },
        }))
        .await;
        self.ping().await;
        tokio::time::sleep(SETTLE).await;
    }

    /// Sends a protocol `ping`; returns the server's `pong` (panics without one).
    pub async fn ping(&mut self) -> Value {
        self.send(json!({ "type": "ping" })).await;
        let deadline = Instant::now() + WAIT;
        let mut set_aside = Vec::new();
        let pong = loop {
            match self.recv_until(deadline).await {
                Some(Incoming::Json(m)) if m["type"] == "pong" => break m,
                Some(Incoming::Json(m)) => set_aside.push(m),
                Some(Incoming::Closed(closed)) => {
                    panic!("closed while waiting for pong: {closed:?}")
                }
                None => panic!("no pong within {WAIT:?}"),
            }
        };
        // What came meanwhile is read again, in order, before anything newer.
        for m in set_aside.into_iter().rev() {
            self.backlog.push_front(m);
        }
        pong
    }

    /// The next message for subscription `id` (`next`, `error` or `complete`) within `timeout`;
    /// messages for other subscriptions are kept for later.
    pub async fn message_for(&mut self, id: &str, timeout: Duration) -> Option<Value> {
        if let Some(at) = self.backlog.iter().position(|m| m["id"] == id) {
            return self.backlog.remove(at);
        }
        let deadline = Instant::now() + timeout;
        loop {
            match self.recv_socket_until(deadline).await {
                Some(Incoming::Json(m)) if m["id"] == id => return Some(m),
                Some(Incoming::Json(m)) => self.backlog.push_back(m),
                Some(Incoming::Closed(closed)) => {
                    panic!("the connection closed while waiting on {id}: {closed:?}")
                }
                None => return None,
            }
        }
    }

    /// The payload (`{data, errors}`) of the next `next` for `id`; panics on a timeout,
    /// `complete` or `error`. Checks that its errors carry contract codes.
    pub async fn next_payload(&mut self, id: &str) -> Value {
        let message = self
            .message_for(id, WAIT)
            .await
            .unwrap_or_else(|| panic!("no event on {id} within {WAIT:?}"));
        assert_eq!(
            message["type"], "next",
            "expected an event on {id}: {message}"
        );
        let payload = message["payload"].clone();
        check_errors(&payload);
        payload
    }

    /// `data.<field>` of the next event on `id`, which must have no errors.
    pub async fn next_event(&mut self, id: &str, field: &str) -> Value {
        let payload = self.next_payload(id).await;
        let value = ok(&payload)[field].clone();
        assert!(value.is_object(), "no {field} in {payload}");
        value
    }

    /// The next `count` events on `id` (`data.<field>` of each).
    pub async fn next_events(&mut self, id: &str, field: &str, count: usize) -> Vec<Value> {
        let mut events = Vec::with_capacity(count);
        for _ in 0..count {
            events.push(self.next_event(id, field).await);
        }
        events
    }

    /// A subscription the server refused: `{"errors": [...]}` from its `next` (a resolver error)
    /// or `error` message, ready for `error_code`; the subscription must then be over.
    pub async fn refused(&mut self, id: &str) -> Value {
        let message = self
            .message_for(id, WAIT)
            .await
            .unwrap_or_else(|| panic!("no answer on {id} within {WAIT:?}"));
        let refusal = match message["type"].as_str() {
            Some("next") => {
                let payload = message["payload"].clone();
                assert!(
                    payload["data"].is_null(),
                    "a refused subscription sent data: {payload}"
                );
                self.expect_complete(id).await;
                payload
            }
            Some("error") => json!({ "errors": message["payload"] }),
            _ => panic!("expected {id} to be refused, got {message}"),
        };
        check_errors(&refusal);
        assert!(
            refusal["errors"][0].is_object(),
            "a refusal without errors: {message}"
        );
        refusal
    }

    /// Nothing arrives on `id` for [`QUIET`] (a `complete` is allowed).
    pub async fn expect_no_event(&mut self, id: &str) {
        let deadline = Instant::now() + QUIET;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return;
            }
            match self.message_for(id, left).await {
                Some(m) if m["type"] == "complete" => {}
                Some(m) => panic!("expected nothing on {id}, got {m}"),
                None => return,
            }
        }
    }

    /// The server's `complete` for `id` arrives.
    pub async fn expect_complete(&mut self, id: &str) {
        let message = self
            .message_for(id, WAIT)
            .await
            .unwrap_or_else(|| panic!("no complete on {id} within {WAIT:?}"));
        assert_eq!(
            message["type"], "complete",
            "expected complete on {id}: {message}"
        );
    }

    /// The client ends subscription `id`.
    pub async fn complete(&mut self, id: &str) {
        self.send(json!({ "id": id, "type": "complete" })).await;
    }

    /// Waits for the server to close the connection; panics if it stays open past [`WAIT`].
    pub async fn closed(&mut self) -> Closed {
        let deadline = Instant::now() + WAIT;
        loop {
            match self.recv_until(deadline).await {
                Some(Incoming::Closed(closed)) => return closed,
                Some(Incoming::Json(_)) => {}
                None => panic!("the server did not close the connection within {WAIT:?}"),
            }
        }
    }

    /// A clean close from the client: close frame, then the server's answer.
    pub async fn close(mut self) {
        if self.closed.is_some() {
            return;
        }
        let _ = self.socket.close(None).await;
        let _ = tokio::time::timeout(WAIT, async {
            while let Some(Ok(_)) = self.socket.next().await {}
        })
        .await;
    }

    /// Sends one protocol message.
    pub async fn send(&mut self, message: Value) {
        tokio::time::timeout(WAIT, self.socket.send(Message::text(message.to_string())))
            .await
            .unwrap_or_else(|_| panic!("sending {message} took over {WAIT:?}"))
            .unwrap_or_else(|e| panic!("sending {message}: {e}"));
    }

    async fn recv(&mut self, timeout: Duration) -> Option<Incoming> {
        self.recv_until(Instant::now() + timeout).await
    }

    /// The next message, the backlog first.
    async fn recv_until(&mut self, deadline: Instant) -> Option<Incoming> {
        if let Some(m) = self.backlog.pop_front() {
            return Some(Incoming::Json(m));
        }
        self.recv_socket_until(deadline).await
    }

    /// The next graphql-transport-ws message from the socket; answers the server's own
    /// protocol pings.
    async fn recv_socket_until(&mut self, deadline: Instant) -> Option<Incoming> {
        loop {
            if let Some(closed) = &self.closed {
                return Some(Incoming::Closed(closed.clone()));
            }
            let frame = match tokio::time::timeout_at(deadline, self.socket.next()).await {
                Err(_) => return None,
                Ok(frame) => frame,
            };
            let message = match frame {
                Some(Ok(message)) => message,
                Some(Err(e)) => {
                    self.closed = Some(Closed {
                        code: None,
                        reason: e.to_string(),
                    });
                    continue;
                }
                None => {
                    self.closed = Some(Closed {
                        code: None,
                        reason: "the connection ended".to_string(),
                    });
                    continue;
                }
            };
            match message {
                Message::Text(text) => {
                    let value: Value = serde_json::from_str(text.as_str())
                        .unwrap_or_else(|e| panic!("not JSON ({e}): {text}"));
                    if value["type"] == "ping" {
                        self.send(json!({ "type": "pong" })).await;
                        continue;
                    }
                    return Some(Incoming::Json(value));
                }
                Message::Close(frame) => {
                    self.closed = Some(Closed {
                        code: frame.as_ref().map(|f| u16::from(f.code)),
                        reason: frame.map(|f| f.reason.to_string()).unwrap_or_default(),
                    });
                }
                Message::Binary(bytes) => panic!("unexpected binary frame: {bytes:?}"),
                Message::Ping(_) | Message::Pong(_) | Message::Frame(_) => {}
            }
        }
    }
}
