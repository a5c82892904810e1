//! Amendments (issue 13): residents propose a new title and body for someone else's OPEN
//! proposal; its author accepts, rejects, or the amender withdraws. One PENDING amendment per
//! person per proposal, held by a partial unique index. Notifications may point at one.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{m20261123_000001_create_users::Users, m20261123_000006_create_proposals::Proposals};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Amendments {
    Table,
    Id,
    ProposalId,
    AuthorId,
    AuthorRole,
    Title,
    Body,
    Reason,
    Status,
    RejectionReason,
    CreatedAt,
    DecidedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One transaction, on SQLite too (one connection, all or nothing).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Amendments::Table)
                    .col(pk_auto(Amendments::Id))
                    .col(integer(Amendments::ProposalId))
                    .col(integer(Amendments::AuthorId))
                    .col(string_len(Amendments::AuthorRole, 16))
                    .col(string_len(Amendments::Title, 150))
                    .col(text(Amendments::Body))
                    .col(text_null(Amendments::Reason))
                    .col(string_len(Amendments::Status, 16).check(
                        Expr::col(Amendments::Status).is_in([
                            "PENDING",
                            "ACCEPTED",
                            "REJECTED",
                            "WITHDRAWN",
                        ]),
                    ))
                    .col(text_null(Amendments::RejectionReason))
                    .col(timestamp_with_time_zone(Amendments::CreatedAt))
                    .col(timestamp_with_time_zone_null(Amendments::DecidedAt))
                    // Decided exactly when no longer pending.
                    .check(
                        Expr::col(Amendments::Status)
                            .eq("PENDING")
                            .and(Expr::col(Amendments::DecidedAt).is_null())
                            .or(Expr::col(Amendments::Status)
                                .ne("PENDING")
                                .and(Expr::col(Amendments::DecidedAt).is_not_null())),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Amendments::Table, Amendments::ProposalId)
                            .to(Proposals::Table, Proposals::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Amendments::Table, Amendments::AuthorId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_amendments_proposal")
                    .table(Amendments::Table)
                    .col(Amendments::ProposalId)
                    .col(Amendments::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_amendments_author")
                    .table(Amendments::Table)
                    .col(Amendments::AuthorId)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE UNIQUE INDEX idx_amendments_pending_once ON amendments \
             (proposal_id, author_id) WHERE status = 'PENDING'",
        )
        .await?;
        db.execute_unprepared(
            "ALTER TABLE notifications ADD COLUMN amendment_id integer NULL \
             REFERENCES amendments (id)",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DELETE FROM notifications WHERE amendment_id IS NOT NULL")
            .await?;
        db.execute_unprepared("ALTER TABLE notifications DROP COLUMN amendment_id")
            .await?;
        manager
            .drop_table(Table::drop().table(Amendments::Table).to_owned())
            .await
    }
}
