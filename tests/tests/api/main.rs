//! Integration tests: the real server on a free port over a private database, driven over HTTP
//! as a client would. One test binary (quick to link); a module per domain.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accounts;
mod calendars;
mod council;
mod demo;
mod deployment;
mod discussions;
mod forums;
mod http;
mod http_security;
mod languages;
mod limits;
mod lists;
mod live_limits;
mod matrix;
mod meetings;
mod moderation;
mod notifications;
mod outcomes;
mod privacy;
mod proposals;
mod query_cost;
mod refusals;
mod reports;
mod search;
mod sessions;
mod strategy;
mod subscriptions;
mod supports;
mod tokens;
mod users;
mod wellbeing;
mod youth;
