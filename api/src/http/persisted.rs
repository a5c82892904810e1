//! Automatic persisted queries, the Apollo protocol: a client sends
//! `extensions.persistedQuery = { version: 1, sha256Hash }` and no query; an unknown hash is
//! answered `PersistedQueryNotFound` (`PERSISTED_QUERY_NOT_FOUND`), and the client sends the
//! query again with its hash, which is checked and, once the query validates, remembered. Over
//! GET this makes queries cacheable by a CDN; mutations still need POST.
//!
//! The store is per process, bounded (least recently used first): a client whose hash another
//! replica knows, or one forgotten, just sends its query again.

use std::fmt::Write;

use async_graphql::{Request, Value};
use sha2::{Digest, Sha256};

use crate::{
    error::{AppError, AppResult, Field},
    graphql::documents::Bounded,
};

/// Persisted queries kept at most.
pub const MAX_PERSISTED_QUERIES: usize = 10_000;
/// Bytes of query text they may hold together.
pub const MAX_PERSISTED_BYTES: usize = 8 * 1024 * 1024;

/// The protocol version this server speaks.
const VERSION: i64 = 1;

pub struct PersistedQueries(Bounded<String>);

impl Default for PersistedQueries {
    fn default() -> Self {
        Self(Bounded::new(MAX_PERSISTED_QUERIES, MAX_PERSISTED_BYTES))
    }
}

/// The checked hash of a query sent with it, to remember once the query validates.
#[derive(Debug)]
pub struct NewHash(String);

impl PersistedQueries {
    /// Reads the persisted query extension of `request`, if any: a hash alone gets its query
    /// from the store; a query sent with its hash must match it.
    pub fn resolve(&self, request: &mut Request) -> AppResult<Option<NewHash>> {
        let Some(extension) = request.extensions.get("persistedQuery") else {
            return Ok(None);
        };
        let hash = requested_hash(extension)
            .ok_or_else(|| AppError::invalid(Field::Query, "error-persisted-query-invalid"))?;
        if request.query.is_empty() {
            let query = self.0.get(&hash).ok_or(AppError::PersistedQueryNotFound)?;
            request.query = String::clone(&query);
            return Ok(None);
        }
        if sha256_hex(&request.query) != hash {
            return Err(AppError::invalid(
                Field::Query,
                "error-persisted-query-mismatch",
            ));
        }
        Ok(Some(NewHash(hash)))
    }

    /// Remembers `query` under its checked `hash`.
    pub fn remember(&self, hash: NewHash, query: &str) {
        self.0
            .insert(&hash.0, query.to_owned(), hash.0.len() + query.len());
    }
}

/// The SHA-256 hash (64 hexadecimal digits, in lower case) of a version 1 extension.
fn requested_hash(extension: &Value) -> Option<String> {
    let Value::Object(fields) = extension else {
        return None;
    };
    let version = match fields.get("version") {
        Some(Value::Number(number)) => number.as_i64(),
        _ => None,
    };
    let hash = match fields.get("sha256Hash") {
        Some(Value::String(hash)) => hash,
        _ => return None,
    };
    let is_sha256 = hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit());
    (version == Some(VERSION) && is_sha256).then(|| hash.to_ascii_lowercase())
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_as_apollo_clients_do() {
        assert_eq!(
            sha256_hex("{ __typename }"),
            "7f56e67dd21ab3f30d1ff8b7bed08893f0a0db86449836189b361dd1e56ddb4b"
        );
    }
}
