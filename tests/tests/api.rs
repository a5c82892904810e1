//! Integration tests: the real server on a free port over a private database, driven over HTTP
//! as a client would. One test binary (quick to link); a module per domain.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "api/accounts.rs"]
mod accounts;
#[path = "api/council.rs"]
mod council;
#[path = "api/demo.rs"]
mod demo;
#[path = "api/discussions.rs"]
mod discussions;
#[path = "api/forums.rs"]
mod forums;
#[path = "api/http.rs"]
mod http;
#[path = "api/limits.rs"]
mod limits;
#[path = "api/lists.rs"]
mod lists;
#[path = "api/matrix.rs"]
mod matrix;
#[path = "api/moderation.rs"]
mod moderation;
#[path = "api/notifications.rs"]
mod notifications;
#[path = "api/outcomes.rs"]
mod outcomes;
#[path = "api/privacy.rs"]
mod privacy;
#[path = "api/proposals.rs"]
mod proposals;
#[path = "api/query_cost.rs"]
mod query_cost;
#[path = "api/refusals.rs"]
mod refusals;
#[path = "api/reports.rs"]
mod reports;
#[path = "api/sessions.rs"]
mod sessions;
#[path = "api/strategy.rs"]
mod strategy;
#[path = "api/subscriptions.rs"]
mod subscriptions;
#[path = "api/supports.rs"]
mod supports;
#[path = "api/tokens.rs"]
mod tokens;
#[path = "api/users.rs"]
mod users;
#[path = "api/youth.rs"]
mod youth;
