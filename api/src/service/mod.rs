//! The rules: plain async functions over a connection or transaction and the viewer.
//! Every mutation runs in one transaction; resolvers only call in here.

pub mod accounts;
pub mod audit;
pub mod comments;
pub mod debate;
pub mod demo;
pub mod discussions;
pub mod events;
pub mod follows;
pub mod forums;
pub mod input;
pub mod lifecycle;
pub mod lists;
pub mod mail;
pub mod moderation;
pub mod notifications;
pub mod page;
pub mod privacy;
pub mod proposals;
pub mod reports;
pub mod responses;
pub mod search;
pub mod sessions;
pub mod stats;
pub mod strategies;
pub mod throttles;
pub mod users;
pub mod wellbeing;
