use sea_orm_migration::{prelude::*, schema::*};

use crate::{
    m20261123_000001_create_users::Users, m20261123_000003_create_forums::Forums,
    m20261123_000006_create_proposals::Proposals,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Discussions::Table)
                    .col(pk_auto(Discussions::Id))
                    .col(integer(Discussions::ForumId))
                    .col(integer(Discussions::AuthorId))
                    .col(string_len(Discussions::AuthorRole, 16))
                    .col(string_len(Discussions::Title, 150))
                    .col(text(Discussions::Body))
                    .col(timestamp_with_time_zone(Discussions::CreatedAt))
                    .col(timestamp_with_time_zone(Discussions::LastActivityAt))
                    .col(timestamp_with_time_zone_null(Discussions::HiddenAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Discussions::Table, Discussions::ForumId)
                            .to(Forums::Table, Forums::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Discussions::Table, Discussions::AuthorId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_discussions_forum")
                    .table(Discussions::Table)
                    .col(Discussions::ForumId)
                    .col(Discussions::Id)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CouncilResponses::Table)
                    .col(pk_auto(CouncilResponses::Id))
                    .col(integer(CouncilResponses::ProposalId))
                    .col(integer(CouncilResponses::AuthorId))
                    .col(string_len(CouncilResponses::Kind, 16).check(
                        Expr::col(CouncilResponses::Kind).is_in([
                            "ACKNOWLEDGEMENT",
                            "QUESTION",
                            "UPDATE",
                            "DECISION",
                        ]),
                    ))
                    .col(string_len_null(CouncilResponses::Decision, 16))
                    .col(text(CouncilResponses::Body))
                    .col(json(CouncilResponses::Revisions))
                    .col(timestamp_with_time_zone(CouncilResponses::CreatedAt))
                    .col(timestamp_with_time_zone_null(CouncilResponses::EditedAt))
                    .col(timestamp_with_time_zone_null(CouncilResponses::HiddenAt))
                    // A decision exactly when the kind is DECISION.
                    .check(
                        Expr::col(CouncilResponses::Kind)
                            .eq("DECISION")
                            .and(
                                Expr::col(CouncilResponses::Decision)
                                    .is_in(["ACCEPTED", "REJECTED", "DEFERRED"]),
                            )
                            .or(Expr::col(CouncilResponses::Kind)
                                .ne("DECISION")
                                .and(Expr::col(CouncilResponses::Decision).is_null())),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CouncilResponses::Table, CouncilResponses::ProposalId)
                            .to(Proposals::Table, Proposals::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CouncilResponses::Table, CouncilResponses::AuthorId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_council_responses_proposal")
                    .table(CouncilResponses::Table)
                    .col(CouncilResponses::ProposalId)
                    .col(CouncilResponses::Id)
                    .to_owned(),
            )
            .await?;

        let only = |kind: &str, set: Comments| {
            let [a, b, c] = [
                Comments::ProposalId,
                Comments::DiscussionId,
                Comments::CouncilResponseId,
            ];
            let mut condition = Expr::col(Comments::TargetKind).eq(kind);
            for column in [a, b, c] {
                condition = if column == set {
                    condition.and(Expr::col(column).is_not_null())
                } else {
                    condition.and(Expr::col(column).is_null())
                };
            }
            condition
        };
        manager
            .create_table(
                Table::create()
                    .table(Comments::Table)
                    .col(pk_auto(Comments::Id))
                    .col(string_len(Comments::TargetKind, 24))
                    .col(integer_null(Comments::ProposalId))
                    .col(integer_null(Comments::DiscussionId))
                    .col(integer_null(Comments::CouncilResponseId))
                    .col(integer_null(Comments::ParentId))
                    .col(integer(Comments::AuthorId))
                    .col(string_len(Comments::AuthorRole, 16))
                    .col(boolean(Comments::FromCouncil))
                    .col(text_null(Comments::Body))
                    .col(timestamp_with_time_zone(Comments::CreatedAt))
                    .col(timestamp_with_time_zone_null(Comments::EditedAt))
                    .col(timestamp_with_time_zone_null(Comments::DeletedAt))
                    .col(timestamp_with_time_zone_null(Comments::HiddenAt))
                    // Exactly one target, the one target_kind names.
                    .check(
                        only("PROPOSAL", Comments::ProposalId)
                            .or(only("DISCUSSION", Comments::DiscussionId))
                            .or(only("COUNCIL_RESPONSE", Comments::CouncilResponseId)),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Comments::Table, Comments::ProposalId)
                            .to(Proposals::Table, Proposals::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Comments::Table, Comments::DiscussionId)
                            .to(Discussions::Table, Discussions::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Comments::Table, Comments::CouncilResponseId)
                            .to(CouncilResponses::Table, CouncilResponses::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Comments::Table, Comments::ParentId)
                            .to(Comments::Table, Comments::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Comments::Table, Comments::AuthorId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        let indexes: [(&str, [Comments; 3]); 4] = [
            (
                "idx_comments_proposal",
                [Comments::ProposalId, Comments::ParentId, Comments::Id],
            ),
            (
                "idx_comments_discussion",
                [Comments::DiscussionId, Comments::ParentId, Comments::Id],
            ),
            (
                "idx_comments_response",
                [
                    Comments::CouncilResponseId,
                    Comments::ParentId,
                    Comments::Id,
                ],
            ),
            (
                "idx_comments_parent",
                [Comments::ParentId, Comments::Id, Comments::AuthorId],
            ),
        ];
        for (name, columns) in indexes {
            let mut index = Index::create().name(name).table(Comments::Table).to_owned();
            for column in columns {
                index.col(column);
            }
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Comments::Table.into_iden(),
            CouncilResponses::Table.into_iden(),
            Discussions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Discussions {
    Table,
    Id,
    ForumId,
    AuthorId,
    AuthorRole,
    Title,
    Body,
    CreatedAt,
    LastActivityAt,
    HiddenAt,
}

#[derive(DeriveIden)]
pub enum CouncilResponses {
    Table,
    Id,
    ProposalId,
    AuthorId,
    Kind,
    Decision,
    Body,
    Revisions,
    CreatedAt,
    EditedAt,
    HiddenAt,
}

#[derive(DeriveIden, PartialEq)]
enum Comments {
    Table,
    Id,
    TargetKind,
    ProposalId,
    DiscussionId,
    CouncilResponseId,
    ParentId,
    AuthorId,
    AuthorRole,
    FromCouncil,
    Body,
    CreatedAt,
    EditedAt,
    DeletedAt,
    HiddenAt,
}
