//! Security headers on every response, error responses included (OWASP REST Security Cheat
//! Sheet): no content sniffing, no referrer, no framing, and a Content-Security-Policy that lets
//! an API response load nothing. A response that sets its own policy (the IDE page) keeps it.
//! In production, Strict-Transport-Security too: there the API is served over HTTPS only.

use std::rc::Rc;

use actix_web::{
    Error,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    http::header::{
        CONTENT_SECURITY_POLICY, HeaderMap, HeaderName, HeaderValue, REFERRER_POLICY,
        STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
    },
    middleware::Next,
};

/// JSON, SDL, reports and metrics need nothing loaded, and no page may frame them.
pub const API_CONTENT_SECURITY_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";
/// Two years, the figure the HSTS preload list asks for.
const STRICT_TRANSPORT_SECURITY_VALUE: &str = "max-age=63072000; includeSubDomains";

/// The headers, built once per worker.
#[derive(Clone)]
pub struct SecurityHeaders(Rc<Vec<(HeaderName, HeaderValue)>>);

impl SecurityHeaders {
    /// `https_only`: add Strict-Transport-Security (production).
    pub fn new(https_only: bool) -> Self {
        let mut headers = vec![
            (X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
            (REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
            (X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
            (
                CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(API_CONTENT_SECURITY_POLICY),
            ),
        ];
        if https_only {
            headers.push((
                STRICT_TRANSPORT_SECURITY,
                HeaderValue::from_static(STRICT_TRANSPORT_SECURITY_VALUE),
            ));
        }
        Self(Rc::new(headers))
    }

    /// Adds each header the response does not set itself.
    fn apply(&self, headers: &mut HeaderMap) {
        for (name, value) in self.0.iter() {
            if !headers.contains_key(name) {
                headers.insert(name.clone(), value.clone());
            }
        }
    }

    /// Middleware (`from_fn`): the headers on every response, and on errors that become one.
    pub async fn add(
        self,
        req: ServiceRequest,
        next: Next<impl MessageBody>,
    ) -> Result<ServiceResponse<impl MessageBody>, Error> {
        match next.call(req).await {
            Ok(mut response) => {
                self.apply(response.headers_mut());
                Ok(response)
            }
            Err(mut error) => {
                error.add_response_mapper(move |mut response| {
                    self.apply(response.headers_mut());
                    response
                });
                Err(error)
            }
        }
    }
}
