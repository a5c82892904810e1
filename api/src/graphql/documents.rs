//! Documents already seen, so that a repeated query is neither parsed nor statically validated
//! again: clients send the same few queries all day.
//!
//! A document enters the cache only once the engine has run it with full (strict) validation,
//! keyed by its text. A request whose text is cached gets a copy of the parsed document and runs
//! on a schema in the engine's fast validation mode (`Schemas::for_batch`), which still counts
//! depth and complexity against the request's variables and still refuses fragment cycles:
//! the cost limits hold for cached documents as for new ones, and so do the edge checks
//! (`limits::inspect`), which read the document in the request. What the fast mode leaves out
//! depends on the text alone (known fields, types, fragments, variable positions), except
//! the types of the variables' values: a wrong one is then refused where the field reads it,
//! as `BAD_USER_INPUT` on that field instead of on the whole request.
//!
//! The cache is bounded by entries and by the bytes of query text it holds (a parsed document
//! takes a small multiple of its text); the least recently used go first. `Bounded` is also
//! the store of automatic persisted queries (`http::persisted`).

use std::sync::{Arc, Mutex, PoisonError};

use async_graphql::{Request, parser::types::ExecutableDocument};
use lru::LruCache;

/// Distinct documents kept at most.
pub const MAX_DOCUMENTS: usize = 2_000;
/// Bytes of query text the kept documents may hold together.
pub const MAX_DOCUMENT_BYTES: usize = 8 * 1024 * 1024;

/// A least-recently-used map from text keys to shared values, bounded by entries and by the
/// bytes its entries weigh. Shared by all workers of a process.
pub struct Bounded<V> {
    inner: Mutex<Inner<V>>,
    max_entries: usize,
    max_bytes: usize,
}

struct Inner<V> {
    entries: LruCache<Arc<str>, (Arc<V>, usize)>,
    bytes: usize,
}

impl<V> Bounded<V> {
    pub fn new(max_entries: usize, max_bytes: usize) -> Self {
        Self {
            inner: Mutex::new(Inner {
                entries: LruCache::unbounded(),
                bytes: 0,
            }),
            max_entries: max_entries.max(1),
            max_bytes,
        }
    }

    pub fn get(&self, key: &str) -> Option<Arc<V>> {
        let mut inner = self.lock();
        inner.entries.get(key).map(|(value, _)| value.clone())
    }

    /// Keeps `value` under `key`, weighing `bytes`, making room by dropping the least recently
    /// used. A value heavier than the whole cache is not kept.
    pub fn insert(&self, key: &str, value: V, bytes: usize) {
        if bytes > self.max_bytes {
            return;
        }
        let mut inner = self.lock();
        if let Some((_, (_, old))) = inner.entries.pop_entry(key) {
            inner.bytes -= old;
        }
        while inner.entries.len() >= self.max_entries || inner.bytes + bytes > self.max_bytes {
            match inner.entries.pop_lru() {
                Some((_, (_, dropped))) => inner.bytes -= dropped,
                None => break,
            }
        }
        inner.entries.put(Arc::from(key), (Arc::new(value), bytes));
        inner.bytes += bytes;
    }

    pub fn len(&self) -> usize {
        self.lock().entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A panic elsewhere while holding the lock leaves the map whole (every change above is
    /// complete before the lock is released), so a poisoned lock is used as it is.
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner<V>> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Validated documents by their text.
pub struct Documents(Bounded<ExecutableDocument>);

impl Default for Documents {
    fn default() -> Self {
        Self(Bounded::new(MAX_DOCUMENTS, MAX_DOCUMENT_BYTES))
    }
}

/// Whether the document of a request has been validated before.
#[derive(Debug)]
pub enum Seen {
    /// Cached: parsed and validated before; run in fast validation mode.
    Validated,
    /// New: run in strict mode, and remembered if it validates (a copy of the document as
    /// parsed, which the engine consumes; none if it does not parse).
    New(Option<ExecutableDocument>),
}

impl Documents {
    /// Puts the document of `request` into it, from the cache when its text is there, else
    /// parsed now.
    pub fn prepare(&self, request: &mut Request) -> Seen {
        match self.0.get(&request.query) {
            Some(document) => {
                request.set_parsed_query(ExecutableDocument::clone(&document));
                Seen::Validated
            }
            None => Seen::New(request.parsed_query().ok().cloned()),
        }
    }

    /// Remembers `document`, the text `query` parsed, which the engine has just validated in
    /// strict mode.
    pub fn remember(&self, query: &str, document: ExecutableDocument) {
        self.0.insert(query, document, query.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounded_by_entries_and_bytes_least_recently_used_first() {
        let cache = Bounded::new(3, 10);
        cache.insert("a", 1, 3);
        cache.insert("b", 2, 3);
        cache.insert("c", 3, 3);
        assert!(cache.get("a").is_some(), "a is now the most recently used");
        cache.insert("d", 4, 1);
        assert!(cache.get("b").is_none(), "three entries at most: b went");
        assert_eq!(cache.len(), 3);
        cache.insert("e", 5, 7);
        assert!(cache.get("c").is_none(), "ten bytes at most: c went");
        assert!(cache.get("a").is_none(), "and a");
        assert_eq!(cache.get("d").as_deref(), Some(&4));
        assert_eq!(cache.get("e").as_deref(), Some(&5));
        cache.insert("huge", 6, 11);
        assert!(cache.get("huge").is_none(), "heavier than the cache");
        cache.insert("e", 7, 2);
        assert_eq!(cache.get("e").as_deref(), Some(&7), "replaced, not added");
        assert_eq!(cache.len(), 2);
    }
}
