//! The database schema, one change per file, each with its `down`.

pub use sea_orm_migration::prelude::*;

mod m20261123_000001_create_users;
mod m20261123_000002_create_sessions;
mod m20261123_000003_create_forums;
mod m20261123_000004_create_audit_log;
mod m20261123_000005_seed_forums;
mod m20261123_000006_create_proposals;
mod m20261123_000007_create_discussions_comments;
mod m20261123_000008_create_notifications;
mod m20261123_000009_create_content_reports;
mod m20261123_000010_create_strategies;
mod m20261201_000001_fold_proposal_search;
mod m20261209_000001_index_status_lists;
mod m20261210_000001_create_address_attempts;
mod m20261211_000001_create_wellbeing_goals;
// Issue 13: structured debate, amendments, moderation escalation.
mod m20261212_000001_comment_votes;
// Follows and email (issue 14).
mod m20261213_000001_create_follows;
mod m20261213_000002_create_email;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_users::Migration),
            Box::new(m20261123_000002_create_sessions::Migration),
            Box::new(m20261123_000003_create_forums::Migration),
            Box::new(m20261123_000004_create_audit_log::Migration),
            Box::new(m20261123_000005_seed_forums::Migration),
            Box::new(m20261123_000006_create_proposals::Migration),
            Box::new(m20261123_000007_create_discussions_comments::Migration),
            Box::new(m20261123_000008_create_notifications::Migration),
            Box::new(m20261123_000009_create_content_reports::Migration),
            Box::new(m20261123_000010_create_strategies::Migration),
            Box::new(m20261201_000001_fold_proposal_search::Migration),
            Box::new(m20261209_000001_index_status_lists::Migration),
            Box::new(m20261210_000001_create_address_attempts::Migration),
            Box::new(m20261211_000001_create_wellbeing_goals::Migration),
            Box::new(m20261212_000001_comment_votes::Migration),
            // Follows and email (issue 14).
            Box::new(m20261213_000001_create_follows::Migration),
            Box::new(m20261213_000002_create_email::Migration),
        ]
    }
}
