//! Every error a response carries gets its contract code and its message in the request's
//! language, once, where the response leaves: `http::graphql` calls `render` on each HTTP
//! response, and the WebSocket runs the schema through `Rendered`. No schema extension does
//! this, so no field pays for an extension chain.

use std::{any::TypeId, sync::Arc};

use async_graphql::{
    Data, Executor, Request, Response, ServerError, futures_util::stream::BoxStream,
};
use futures_util::StreamExt;

use super::AppSchema;
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

/// The request context an operation's data holds.
fn context_in(data: &Data) -> Option<Arc<RequestContext>> {
    data.get(&TypeId::of::<Arc<RequestContext>>())?
        .downcast_ref::<Arc<RequestContext>>()
        .cloned()
}

/// The schema, with every response's errors rendered for its connection: what the WebSocket
/// transport executes.
#[derive(Clone)]
pub struct Rendered(pub AppSchema);

impl Executor for Rendered {
    async fn execute(&self, request: Request) -> Response {
        let context = context_in(&request.data);
        let mut response = self.0.execute(request).await;
        if let Some(context) = context {
            render(&mut response, &context);
        }
        response
    }

    fn execute_stream(
        &self,
        request: Request,
        session_data: Option<Arc<Data>>,
    ) -> BoxStream<'static, Response> {
        let context =
            context_in(&request.data).or_else(|| session_data.as_deref().and_then(context_in));
        self.0
            .execute_stream_with_session_data(request, session_data.unwrap_or_default())
            .map(move |mut response| {
                if let Some(context) = &context {
                    render(&mut response, context);
                }
                response
            })
            .boxed()
    }
}
