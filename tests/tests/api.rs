//! Integration tests: the real server on a free port over a private database, driven over HTTP
//! as a client would. One test binary (quick to link); a module per domain.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "api/accounts.rs"]
mod accounts;
#[path = "api/forums.rs"]
mod forums;
#[path = "api/http.rs"]
mod http;
#[path = "api/sessions.rs"]
mod sessions;
#[path = "api/tokens.rs"]
mod tokens;
#[path = "api/users.rs"]
mod users;
