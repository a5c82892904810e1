//! The context of one request, however it came (GraphQL over HTTP, a WebSocket connection, a
//! file route): who is asking, in which language to answer, and the id that ties its log lines
//! together. `http::edge` builds it from the transport; everything past the edge reads it here.

use std::{fmt, net::IpAddr};

use entity::Language;
use sea_orm::ConnectionTrait;
use tokio::sync::OnceCell;

use crate::{
    auth::{
        Viewer,
        viewer::{self, Credentials},
    },
    error::AppResult,
};

/// The longest `x-request-id` taken from a client.
const MAX_REQUEST_ID: usize = 128;

/// A request's id: the client's `x-request-id` when it is 1 to 128 of `[A-Za-z0-9-_.]` (so a
/// load balancer's id carries through), else a new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestId(String);

impl RequestId {
    pub fn from_header(header: Option<&str>) -> Self {
        match header {
            Some(id)
                if (1..=MAX_REQUEST_ID).contains(&id.len())
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)) =>
            {
                Self(id.to_string())
            }
            _ => Self(uuid::Uuid::new_v4().simple().to_string()),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub struct RequestContext {
    credentials: Credentials,
    /// From `?lang=`, else `Accept-Language`; `None` when the request named neither.
    requested_language: Option<Language>,
    request_id: RequestId,
    /// The client's address (`http::client_address`), when the transport knows it.
    client_address: Option<IpAddr>,
    /// Resolved on first use, so a request refused early never touches the database.
    viewer: OnceCell<Viewer>,
}

impl RequestContext {
    pub fn new(
        credentials: Credentials,
        requested_language: Option<Language>,
        request_id: RequestId,
        client_address: Option<IpAddr>,
    ) -> Self {
        Self {
            credentials,
            requested_language,
            request_id,
            client_address,
            viewer: OnceCell::new(),
        }
    }

    /// The same request with other credentials and no viewer resolved yet: a WebSocket
    /// operation, under its connection's `connection_init` token.
    pub fn with_credentials(&self, credentials: Credentials) -> Self {
        Self::new(
            credentials,
            self.requested_language,
            self.request_id.clone(),
            self.client_address,
        )
    }

    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    pub fn request_id(&self) -> &RequestId {
        &self.request_id
    }

    pub fn client_address(&self) -> Option<IpAddr> {
        self.client_address
    }

    pub async fn viewer(&self, db: &impl ConnectionTrait) -> AppResult<&Viewer> {
        self.viewer
            .get_or_try_init(|| viewer::resolve(db, &self.credentials))
            .await
    }

    /// The language to answer in, without resolving the viewer: what the request asked for,
    /// else the viewer's preference if the viewer is known by now, else English.
    pub fn language_now(&self) -> Language {
        self.requested_language
            .or_else(|| self.viewer.get().and_then(Viewer::preferred_language))
            .unwrap_or(Language::En)
    }

    /// The language to answer in: what the request asked for, else the viewer's preference,
    /// else English.
    pub async fn language(&self, db: &impl ConnectionTrait) -> Language {
        if let Some(language) = self.requested_language {
            return language;
        }
        match self.viewer(db).await {
            Ok(viewer) => viewer.preferred_language().unwrap_or(Language::En),
            Err(_) => Language::En,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids_are_taken_only_when_safe() {
        assert_eq!(
            RequestId::from_header(Some("lb-42.a_b")).as_str(),
            "lb-42.a_b"
        );
        for bad in [
            None,
            Some(""),
            Some("a b"),
            Some("x\ny"),
            Some("<script>"),
            Some(&*"a".repeat(129)),
        ] {
            let id = RequestId::from_header(bad);
            assert_eq!(id.as_str().len(), 32, "{bad:?}");
        }
        assert_eq!(
            RequestId::from_header(Some(&"a".repeat(128)))
                .as_str()
                .len(),
            128
        );
    }
}
