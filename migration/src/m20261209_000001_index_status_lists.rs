//! Indexes for the proposal lists that a status filter narrows, found with `EXPLAIN` on a demo
//! town at scale 10: the three orders under one status (OPEN by MOST_SUPPORTED read 14,000 rows
//! to find 21), and the council's inbox, which sorted every proposal at the council on each page.

use sea_orm_migration::prelude::*;

use crate::m20261123_000006_create_proposals::Proposals;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The inbox's statuses, as `service::lists::council_inbox` asks for them.
const AT_THE_COUNCIL: [&str; 2] = ["SUBMITTED", "UNDER_REVIEW"];
const INBOX: &str = "idx_proposals_inbox";

/// Each order under one status: the list's order within an equal status.
const STATUS_ORDERS: [(&str, Proposals); 3] = [
    ("idx_proposals_status_listed", Proposals::ListedAt),
    ("idx_proposals_status_support", Proposals::SupportCount),
    ("idx_proposals_status_activity", Proposals::LastActivityAt),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, order) in STATUS_ORDERS {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Proposals::Table)
                        .col(Proposals::Status)
                        .col(order)
                        .col(Proposals::Id)
                        .to_owned(),
                )
                .await?;
        }
        // Only the proposals at the council, in the inbox's order: its first page is the
        // index's first rows.
        manager
            .create_index(
                Index::create()
                    .name(INBOX)
                    .table(Proposals::Table)
                    .col(Proposals::SubmittedAt)
                    .col(Proposals::Id)
                    .and_where(Expr::col(Proposals::Status).is_in(AT_THE_COUNCIL))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in STATUS_ORDERS.iter().map(|(name, _)| *name).chain([INBOX]) {
            manager
                .drop_index(Index::drop().name(name).table(Proposals::Table).to_owned())
                .await?;
        }
        Ok(())
    }
}
