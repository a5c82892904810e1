//! Integration tests: the real server on a free port over a private database, driven over HTTP
//! as a client would. One test binary (quick to link); a module per domain.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod address_throttles;
mod council;
mod demo;
mod deployment;
mod discussions;
mod faults;
mod forums;
mod graphql_over_http;
mod http;
mod http_security;
mod languages;
mod limits;
mod lists;
mod live_limits;
mod matrix;
mod moderation;
mod notifications;
mod observability;
mod outcomes;
mod privacy;
mod proposals;
mod query_cost;
mod refusals;
mod reports;
mod search;
mod sessions;
mod shutdown;
mod strategy;
mod subscriptions;
mod supports;
mod tokens;
mod users;
mod youth;
