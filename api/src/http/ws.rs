//! GraphQL subscriptions over WebSocket (`graphql-transport-ws`) on `/graphql`.
//!
//! The token comes in the `connection_init` payload (`{"token": …}` or
//! `{"Authorization": "Bearer …"}`). Frames go out one at a time through actix-ws's bounded
//! channel: a client that stops reading is closed after `SEND_TIMEOUT`, so it never makes the
//! server hold its events. Ping frames keep idle connections alive; a silent peer is closed.

use std::{
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use actix_web::{HttpRequest, HttpResponse, http::header, web};
use actix_ws::{CloseCode, CloseReason, Message};
use async_graphql::http::{WebSocket, WebSocketProtocols, WsMessage};
use futures_util::StreamExt;
use tokio::sync::mpsc;
use tokio_stream::wrappers::ReceiverStream;

use super::edge;
use crate::{
    auth::viewer::Credentials,
    graphql::{AppSchema, context::connection_data, errors::Rendered},
    i18n,
    request::RequestContext,
    state::AppState,
};

const PROTOCOL: &str = "graphql-transport-ws";
const PING_EVERY: Duration = Duration::from_secs(20);
const PEER_SILENCE_LIMIT: Duration = Duration::from_secs(60);
const SEND_TIMEOUT: Duration = Duration::from_secs(10);
/// Client messages waiting for the GraphQL engine.
const INBOX: usize = 16;
const MAX_FRAME_BYTES: usize = 64 * 1024;

pub async fn subscribe(
    req: HttpRequest,
    body: web::Payload,
    schema: web::Data<AppSchema>,
    state: web::Data<AppState>,
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
    let (response, session, messages) = actix_ws::handle_with_protocols(&req, body, &[PROTOCOL])?;
    let schema = schema.get_ref().clone();
    let state = state.get_ref().clone();
    actix_web::rt::spawn(serve(
        session,
        messages.max_frame_size(MAX_FRAME_BYTES),
        schema,
        state,
        context,
    ));
    Ok(response)
}

/// The bearer token from a `connection_init` payload, as an `Authorization` header value.
fn bearer(payload: &serde_json::Value) -> Option<String> {
    if let Some(token) = payload.get("token").and_then(|t| t.as_str()) {
        return Some(format!("Bearer {token}"));
    }
    payload
        .get("Authorization")
        .or_else(|| payload.get("authorization"))
        .and_then(|h| h.as_str())
        .map(str::to_string)
}

async fn serve(
    mut session: actix_ws::Session,
    mut messages: actix_ws::MessageStream,
    schema: AppSchema,
    state: AppState,
    context: RequestContext,
) {
    let (inbox, inbox_rx) = mpsc::channel::<String>(INBOX);
    let init_state = state.clone();
    // The engine closes a refused connection_init with 1002; the protocol asks for 4403.
    let refused = Arc::new(AtomicBool::new(false));
    let refused_at_init = refused.clone();
    let mut graphql = WebSocket::new(
        Rendered(schema),
        ReceiverStream::new(inbox_rx),
        WebSocketProtocols::GraphQLWS,
    )
    .on_connection_init(move |payload| async move {
        let header = bearer(&payload);
        let credentials = edge::credentials(header.as_deref(), &init_state);
        if matches!(credentials, Credentials::Invalid) {
            refused_at_init.store(true, Ordering::Relaxed);
            let message = i18n::text(context.language_now(), "error-token-invalid");
            return Err(async_graphql::Error::new(message));
        }
        Ok(connection_data(
            &init_state,
            context.with_credentials(credentials),
        ))
    });
    let mut ping = tokio::time::interval(PING_EVERY);
    let mut last_heard = Instant::now();
    let close_reason = loop {
        tokio::select! {
            incoming = messages.next() => match incoming {
                Some(Ok(Message::Text(text))) => {
                    last_heard = Instant::now();
                    if inbox.send(text.to_string()).await.is_err() {
                        break None;
                    }
                }
                Some(Ok(Message::Ping(bytes))) => {
                    last_heard = Instant::now();
                    if session.pong(&bytes).await.is_err() {
                        return;
                    }
                }
                Some(Ok(Message::Pong(_))) => last_heard = Instant::now(),
                Some(Ok(Message::Close(reason))) => break reason,
                Some(Ok(_)) => last_heard = Instant::now(),
                Some(Err(_)) | None => break None,
            },
            outgoing = graphql.next() => match outgoing {
                Some(WsMessage::Text(text)) => {
                    match tokio::time::timeout(SEND_TIMEOUT, session.text(text)).await {
                        Ok(Ok(())) => {}
                        Ok(Err(_)) => return,
                        Err(_) => break Some(CloseReason {
                            code: CloseCode::Policy,
                            description: Some("too slow to read its events".to_string()),
                        }),
                    }
                }
                Some(WsMessage::Close(_, _)) if refused.load(Ordering::Relaxed) => break Some(CloseReason {
                    code: CloseCode::Other(4403),
                    description: Some("Forbidden".to_string()),
                }),
                Some(WsMessage::Close(code, description)) => break Some(CloseReason {
                    code: CloseCode::from(code),
                    description: Some(description),
                }),
                None => break None,
            },
            _ = ping.tick() => {
                if last_heard.elapsed() > PEER_SILENCE_LIMIT {
                    break Some(CloseReason {
                        code: CloseCode::Away,
                        description: Some("no answer to pings".to_string()),
                    });
                }
                if session.ping(b"").await.is_err() {
                    return;
                }
            }
        }
    };
    let _ = session.close(close_reason).await;
}
