//! The one edge every request passes: `RequestContext` as an actix extractor (credentials from
//! `Authorization`, the language from `?lang=` then `Accept-Language`, the request id), the root
//! span that carries the request id into every log line, and the one way an `AppError` becomes
//! an HTTP response on routes outside GraphQL.

use std::future::{Ready, ready};

use actix_web::{
    Error, FromRequest, HttpMessage, HttpRequest, HttpResponse, ResponseError,
    body::MessageBody,
    dev::{Payload, ServiceRequest, ServiceResponse},
    http::{
        StatusCode,
        header::{self, HeaderMap, HeaderName, HeaderValue},
    },
    middleware::Next,
    web,
};
use chrono::Utc;
use serde_json::json;
use tracing::Span;
use tracing_actix_web::{DefaultRootSpanBuilder, RootSpanBuilder};

use super::client_address::client_address;
use crate::{
    auth::viewer::Credentials,
    error::AppError,
    i18n::{self, Language},
    request::{RequestContext, RequestId},
    state::AppState,
};

const REQUEST_ID: &str = "x-request-id";

/// The language a request names: `?lang=cy|en`, else its `Accept-Language`.
pub fn language_of(req: &HttpRequest) -> Option<Language> {
    let from_query = req
        .query_string()
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| *name == "lang")
        .and_then(|(_, value)| i18n::language_from_tag(value));
    from_query.or_else(|| {
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(i18n::language_from_accept)
    })
}

fn request_id(headers: &HeaderMap) -> RequestId {
    RequestId::from_header(headers.get(REQUEST_ID).and_then(|v| v.to_str().ok()))
}

/// Reads a bearer token, from an `Authorization` header or a WebSocket's `connection_init`.
pub fn credentials(authorization: Option<&str>, state: &AppState) -> Credentials {
    Credentials::from_bearer(authorization, &state.tokens, Utc::now())
}

impl RequestContext {
    /// The context of an HTTP request (or a WebSocket upgrade, before its `connection_init`).
    pub fn of(req: &HttpRequest, state: &AppState) -> Self {
        let authorization = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        let id = req
            .extensions()
            .get::<RequestId>()
            .cloned()
            .unwrap_or_else(|| request_id(req.headers()));
        RequestContext::new(
            credentials(authorization, state),
            language_of(req),
            id,
            client_address(req),
        )
    }
}

impl FromRequest for RequestContext {
    type Error = Error;
    type Future = Ready<Result<Self, Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(match req.app_data::<web::Data<AppState>>() {
            Some(state) => Ok(RequestContext::of(req, state)),
            None => Err(actix_web::error::ErrorInternalServerError(
                "the application state is missing",
            )),
        })
    }
}

/// The root span of every request, named by its request id (the client's `x-request-id` when
/// it is safe to keep, else a new one); the extractor reads the same id back.
pub struct RequestSpan;

impl RootSpanBuilder for RequestSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let id = request_id(request.headers());
        let span = tracing::info_span!(
            "request",
            request_id = %id,
            http.method = %request.method(),
            http.route = request.match_pattern().unwrap_or_default(),
            http.status_code = tracing::field::Empty,
            otel.status_code = tracing::field::Empty,
        );
        request.extensions_mut().insert(id);
        span
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

/// Middleware (`from_fn`, inside the `TracingLogger`): the request id in the `x-request-id`
/// response header, so that a client or proxy can quote it and an operator find its log lines.
pub async fn answer_request_id(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let id = req.extensions().get::<RequestId>().cloned();
    let mut response = next.call(req).await?;
    if let Some(value) = id.and_then(|id| HeaderValue::from_str(id.as_str()).ok()) {
        response
            .headers_mut()
            .insert(HeaderName::from_static(REQUEST_ID), value);
    }
    Ok(response)
}

/// An `AppError` on its way out of a route outside GraphQL, with the request it answers.
#[derive(Debug)]
pub struct Refusal {
    error: AppError,
    language: Language,
    request_id: RequestId,
}

impl Refusal {
    pub fn new(error: AppError, context: &RequestContext) -> Self {
        Self {
            error,
            language: context.language_now(),
            request_id: context.request_id().clone(),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.error)
    }
}

/// The body of a refusal: a GraphQL-shaped error, so clients read every refusal one way.
pub fn error_body(error: &AppError, language: Language) -> serde_json::Value {
    let mut extensions = json!({ "code": error.code() });
    match error {
        AppError::BadInput { field, .. } => extensions["field"] = json!(field.name()),
        AppError::RateLimited {
            retry_after_seconds,
        } => extensions["retryAfterSeconds"] = json!(retry_after_seconds),
        _ => {}
    }
    json!({ "errors": [{ "message": error.render(language), "extensions": extensions }] })
}

impl ResponseError for Refusal {
    fn status_code(&self) -> StatusCode {
        self.error.status()
    }

    fn error_response(&self) -> HttpResponse {
        if let AppError::Internal(source) = &self.error {
            tracing::error!(request_id = %self.request_id, error = ?source, "internal error");
        }
        let mut response = HttpResponse::build(self.status_code());
        if let AppError::RateLimited {
            retry_after_seconds,
        } = &self.error
        {
            response.insert_header((header::RETRY_AFTER, retry_after_seconds.to_string()));
        }
        response.json(error_body(&self.error, self.language))
    }
}

#[cfg(test)]
mod tests {
    use actix_web::body::to_bytes;

    use super::*;

    #[actix_web::test]
    async fn an_internal_error_is_a_bare_500_in_the_requests_language() {
        let context = RequestContext::new(
            Credentials::Anonymous,
            Some(Language::Cy),
            RequestId::from_header(Some("test-1")),
            None,
        );
        let refusal = Refusal::new(
            AppError::internal(anyhow::anyhow!("connection refused: 10.0.0.7:5432")),
            &context,
        );
        let response = refusal.error_response();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = to_bytes(response.into_body()).await.unwrap();
        let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(body["errors"][0]["message"], "Gwall mewnol.");
        assert_eq!(
            body["errors"][0]["extensions"]["code"],
            "INTERNAL_SERVER_ERROR"
        );
        assert!(!body.to_string().contains("10.0.0.7"));
    }

    #[actix_web::test]
    async fn the_language_comes_from_the_query_then_the_header() {
        let req = actix_web::test::TestRequest::default()
            .uri("/reports/x.md?lang=cy")
            .insert_header((header::ACCEPT_LANGUAGE, "en"))
            .to_http_request();
        assert_eq!(language_of(&req), Some(Language::Cy));
        let req = actix_web::test::TestRequest::default()
            .uri("/reports/x.md?lang=xx")
            .insert_header((header::ACCEPT_LANGUAGE, "cy-GB, en;q=0.5"))
            .to_http_request();
        assert_eq!(language_of(&req), Some(Language::Cy));
        let req = actix_web::test::TestRequest::default().to_http_request();
        assert_eq!(language_of(&req), None);
    }
}
