//! Email (RULES.md "Follows and email"): settings and verified addresses, the durable outbox
//! written in the transactions of its causes, digests, the messages, one-click unsubscribe, and
//! the sender task that delivers through SMTP.
//!
//! An email row names what it is about and is rendered only when it is sent, so the language,
//! the address and above all the visibility (`Viewer::notification_filter`, the filter every
//! other path uses) are the recipient's at that moment.

pub mod digest;
pub mod message;
pub mod outbox;
pub mod privacy;
pub mod sender;
pub mod settings;
pub mod unsubscribe;
pub mod verification;
