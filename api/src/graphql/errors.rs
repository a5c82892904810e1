//! Every error a response carries gets its contract code and its message in the request's
//! language, once, where the response leaves: `http::graphql` and `http::ws` call `render` on
//! each response. No schema extension does this, so no field pays for an extension chain.

use std::sync::Arc;

use async_graphql::{Response, ServerError};

use crate::{error::AppError, request::RequestContext};

/// Renders the errors of `response` for the request `context`.
pub fn render(response: &mut Response, context: &RequestContext) {
    for error in &mut response.errors {
        render_error(error, context);
    }
}

/// Our own errors carry their code and message id; the rest come from the GraphQL engine
/// refusing the document or its arguments (syntax, validation, limits, unparsable values):
/// bad input, in the engine's words.
fn render_error(error: &mut ServerError, context: &RequestContext) {
    let mut extensions = error.extensions.take().unwrap_or_default();
    match error.source::<AppError>().cloned() {
        Some(app_error) => {
            error.message = app_error.render(context.language_now());
            extensions.set("code", app_error.code());
            match &app_error {
                AppError::BadInput { field, .. } => extensions.set("field", field.name()),
                AppError::RateLimited {
                    retry_after_seconds,
                } => extensions.set("retryAfterSeconds", *retry_after_seconds),
                AppError::Internal(source) => tracing::error!(
                    request_id = %context.request_id(),
                    error = ?source,
                    "internal error"
                ),
                _ => {}
            }
        }
        None if extensions.get("code").is_none() => extensions.set("code", "BAD_USER_INPUT"),
        None => {}
    }
    error.extensions = Some(extensions);
}

/// A refusal made before the engine runs (at the HTTP or WebSocket edge), as a GraphQL error
/// in the request's language.
pub fn server_error(error: AppError, context: &RequestContext) -> ServerError {
    let mut server_error = ServerError::new(String::new(), None);
    server_error.source = Some(Arc::new(error));
    render_error(&mut server_error, context);
    server_error
}
