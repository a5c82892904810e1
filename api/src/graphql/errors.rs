//! Gives every error a contract code, whatever path the request came by (HTTP or WebSocket).

use std::sync::Arc;

use async_graphql::{
    ErrorExtensionValues, Response, ServerError,
    extensions::{Extension, ExtensionContext, ExtensionFactory, NextRequest, NextSubscribe},
};
use futures_util::{StreamExt, stream::BoxStream};

use crate::error::AppError;

pub struct ErrorCodes;

impl ExtensionFactory for ErrorCodes {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(ErrorCodes)
    }
}

#[async_trait::async_trait]
impl Extension for ErrorCodes {
    async fn request(&self, ctx: &ExtensionContext<'_>, next: NextRequest<'_>) -> Response {
        let mut response = next.run(ctx).await;
        response.errors.iter_mut().for_each(add_code);
        response
    }

    fn subscribe<'s>(
        &self,
        ctx: &ExtensionContext<'_>,
        stream: BoxStream<'s, Response>,
        next: NextSubscribe<'_>,
    ) -> BoxStream<'s, Response> {
        next.run(ctx, stream)
            .map(|mut response| {
                response.errors.iter_mut().for_each(add_code);
                response
            })
            .boxed()
    }
}

/// Our own errors carry their code; the rest come from the GraphQL engine refusing the
/// document or its arguments (syntax, validation, limits, unparsable values): bad input.
pub fn add_code(error: &mut ServerError) {
    let mut extensions = error.extensions.take().unwrap_or_default();
    match error.source::<AppError>() {
        Some(app_error) => app_error.extend(&mut extensions),
        None if extensions.get("code").is_none() => extensions.set("code", "BAD_USER_INPUT"),
        None => {}
    }
    error.extensions = Some(extensions);
}

/// A refusal made before the engine runs (at the HTTP or WebSocket edge), as a GraphQL error.
pub fn server_error(error: &AppError) -> ServerError {
    let mut extensions = ErrorExtensionValues::default();
    error.extend(&mut extensions);
    let mut server_error = ServerError::new(error.to_string(), None);
    server_error.extensions = Some(extensions);
    server_error
}
