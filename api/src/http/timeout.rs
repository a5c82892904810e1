//! Every request has a time limit (`FFORWM_REQUEST_TIMEOUT_SECS`): past it, its work is
//! dropped (an open transaction rolls back) and the client is answered `INTERNAL_SERVER_ERROR`
//! with a message that says so, instead of waiting on a database that does not answer. A
//! WebSocket is not limited: its upgrade is answered at once and the connection lives apart.

use std::time::Duration;

use actix_web::{
    Error, HttpMessage,
    body::{BoxBody, MessageBody},
    dev::{ServiceRequest, ServiceResponse},
    middleware::Next,
};

use super::edge::{Refusal, language_of};
use crate::{
    auth::viewer::Credentials,
    error::AppError,
    request::{RequestContext, RequestId},
};

/// Middleware (`from_fn`): answers in `limit` or says that the request took too long.
pub async fn limit(
    limit: Duration,
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    // What the refusal needs, taken now: the request goes to the handler. Who is asking does
    // not matter to it, only the language and the request id.
    let id = req.extensions().get::<RequestId>().cloned();
    let context = RequestContext::new(
        Credentials::Anonymous,
        language_of(req.request()),
        id.unwrap_or_else(|| RequestId::from_header(None)),
        None,
    );
    match tokio::time::timeout(limit, next.call(req)).await {
        Ok(response) => response.map(ServiceResponse::map_into_boxed_body),
        Err(_) => {
            tracing::warn!(
                seconds = limit.as_secs(),
                "request stopped at its time limit"
            );
            let error = AppError::TimedOut {
                seconds: limit.as_secs(),
            };
            Err(Refusal::new(error, &context).into())
        }
    }
}
