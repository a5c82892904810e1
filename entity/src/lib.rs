//! SeaORM entities: the tables, their relations and the columns derived from other columns
//! (a proposal's folded search text, see `search`), nothing more. GraphQL types and rules live
//! in the `api` crate.

pub mod address_attempt;
pub mod audit_entry;
pub mod comment;
pub mod comment_vote;
pub mod content_report;
pub mod council_response;
pub mod discussion;
pub mod email;
pub mod email_muted_kind;
pub mod email_settings;
pub mod email_verification;
pub mod enums;
pub mod follow;
pub mod forum;
pub mod forum_member;
pub mod indicator;
pub mod login_attempt;
pub mod measurement;
pub mod notification;
pub mod objective_forum;
pub mod objective_wellbeing_goal;
pub mod proposal;
pub mod proposal_status_change;
pub mod proposal_wellbeing_goal;
pub mod refresh_token;
pub mod search;
pub mod session;
pub mod strategy;
pub mod strategy_link;
pub mod strategy_objective;
pub mod support;
pub mod user;

pub use enums::*;
