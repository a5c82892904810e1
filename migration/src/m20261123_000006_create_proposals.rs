use sea_orm_migration::{prelude::*, schema::*};

use crate::{m20261123_000001_create_users::Users, m20261123_000003_create_forums::Forums};

#[derive(DeriveMigrationName)]
pub struct Migration;

const STATUSES: [&str; 9] = [
    "DRAFT",
    "OPEN",
    "SUBMITTED",
    "UNDER_REVIEW",
    "ACCEPTED",
    "REJECTED",
    "DEFERRED",
    "IMPLEMENTED",
    "WITHDRAWN",
];
const ROLES: [&str; 4] = ["RESIDENT", "YOUTH", "COUNCILLOR", "CLERK"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Proposals::Table)
                    .col(pk_auto(Proposals::Id))
                    .col(integer(Proposals::ForumId))
                    .col(integer(Proposals::AuthorId))
                    .col(
                        string_len(Proposals::AuthorRole, 16)
                            .check(Expr::col(Proposals::AuthorRole).is_in(ROLES)),
                    )
                    .col(string_len(Proposals::Title, 150))
                    .col(text(Proposals::Body))
                    .col(
                        string_len(Proposals::Language, 2)
                            .check(Expr::col(Proposals::Language).is_in(["EN", "CY"])),
                    )
                    .col(
                        string_len(Proposals::Status, 16)
                            .check(Expr::col(Proposals::Status).is_in(STATUSES)),
                    )
                    .col(integer(Proposals::Version).check(Expr::col(Proposals::Version).gte(1)))
                    .col(
                        integer(Proposals::SupportCount)
                            .check(Expr::col(Proposals::SupportCount).gte(0)),
                    )
                    .col(timestamp_with_time_zone(Proposals::CreatedAt))
                    .col(timestamp_with_time_zone(Proposals::UpdatedAt))
                    .col(timestamp_with_time_zone(Proposals::ListedAt))
                    .col(timestamp_with_time_zone(Proposals::LastActivityAt))
                    .col(timestamp_with_time_zone_null(Proposals::PublishedAt))
                    .col(timestamp_with_time_zone_null(Proposals::SubmittedAt))
                    .col(timestamp_with_time_zone_null(Proposals::FirstResponseAt))
                    .col(timestamp_with_time_zone_null(Proposals::DecidedAt))
                    .col(integer_null(Proposals::ForwardedFromId).unique_key())
                    .col(timestamp_with_time_zone_null(Proposals::HiddenAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Proposals::Table, Proposals::ForumId)
                            .to(Forums::Table, Forums::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Proposals::Table, Proposals::AuthorId)
                            .to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Proposals::Table, Proposals::ForwardedFromId)
                            .to(Proposals::Table, Proposals::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // One index per list order and filter: by forum and overall, and the council's inbox.
        let indexes: [(&str, &[Proposals]); 9] = [
            (
                "idx_proposals_forum_listed",
                &[Proposals::ForumId, Proposals::ListedAt, Proposals::Id],
            ),
            (
                "idx_proposals_forum_support",
                &[Proposals::ForumId, Proposals::SupportCount, Proposals::Id],
            ),
            (
                "idx_proposals_forum_activity",
                &[Proposals::ForumId, Proposals::LastActivityAt, Proposals::Id],
            ),
            (
                "idx_proposals_forum_status",
                &[Proposals::ForumId, Proposals::Status],
            ),
            (
                "idx_proposals_listed",
                &[Proposals::ListedAt, Proposals::Id],
            ),
            (
                "idx_proposals_support",
                &[Proposals::SupportCount, Proposals::Id],
            ),
            (
                "idx_proposals_activity",
                &[Proposals::LastActivityAt, Proposals::Id],
            ),
            (
                "idx_proposals_status_submitted",
                &[Proposals::Status, Proposals::SubmittedAt, Proposals::Id],
            ),
            ("idx_proposals_author", &[Proposals::AuthorId]),
        ];
        for (name, columns) in indexes {
            let mut index = Index::create()
                .name(name)
                .table(Proposals::Table)
                .to_owned();
            for column in columns {
                index.col(column.clone());
            }
            manager.create_index(index).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(Supports::Table)
                    .col(integer(Supports::ProposalId))
                    .col(integer(Supports::UserId))
                    .col(
                        string_len(Supports::SupporterRole, 16)
                            .check(Expr::col(Supports::SupporterRole).is_in(ROLES)),
                    )
                    .col(timestamp_with_time_zone(Supports::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(Supports::ProposalId)
                            .col(Supports::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Supports::Table, Supports::ProposalId)
                            .to(Proposals::Table, Proposals::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Supports::Table, Supports::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_supports_user")
                    .table(Supports::Table)
                    .col(Supports::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ProposalStatusChanges::Table)
                    .col(pk_auto(ProposalStatusChanges::Id))
                    .col(integer(ProposalStatusChanges::ProposalId))
                    .col(string_len_null(ProposalStatusChanges::FromStatus, 16))
                    .col(
                        string_len(ProposalStatusChanges::ToStatus, 16)
                            .check(Expr::col(ProposalStatusChanges::ToStatus).is_in(STATUSES)),
                    )
                    .col(timestamp_with_time_zone(ProposalStatusChanges::At))
                    .col(integer_null(ProposalStatusChanges::ActorId))
                    .col(string_len_null(ProposalStatusChanges::ActorRole, 16))
                    .col(text_null(ProposalStatusChanges::Note))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ProposalStatusChanges::Table,
                                ProposalStatusChanges::ProposalId,
                            )
                            .to(Proposals::Table, Proposals::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ProposalStatusChanges::Table, ProposalStatusChanges::ActorId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_status_changes_proposal")
                    .table(ProposalStatusChanges::Table)
                    .col(ProposalStatusChanges::ProposalId)
                    .col(ProposalStatusChanges::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ProposalStatusChanges::Table.into_iden(),
            Supports::Table.into_iden(),
            Proposals::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone)]
pub enum Proposals {
    Table,
    Id,
    ForumId,
    AuthorId,
    AuthorRole,
    Title,
    Body,
    Language,
    Status,
    Version,
    SupportCount,
    CreatedAt,
    UpdatedAt,
    ListedAt,
    LastActivityAt,
    PublishedAt,
    SubmittedAt,
    FirstResponseAt,
    DecidedAt,
    ForwardedFromId,
    HiddenAt,
}

#[derive(DeriveIden)]
enum Supports {
    Table,
    ProposalId,
    UserId,
    SupporterRole,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ProposalStatusChanges {
    Table,
    Id,
    ProposalId,
    FromStatus,
    ToStatus,
    At,
    ActorId,
    ActorRole,
    Note,
}
