use sea_orm_migration::{prelude::*, schema::*};

use crate::{
    m20261123_000001_create_users::Users, m20261123_000006_create_proposals::Proposals,
    m20261123_000007_create_discussions_comments::CouncilResponses,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(pk_auto(Notifications::Id))
                    .col(integer(Notifications::RecipientId))
                    .col(string_len(Notifications::Kind, 32).check(
                        Expr::col(Notifications::Kind).is_in([
                            "COUNCIL_RESPONDED",
                            "PROPOSAL_STATUS_CHANGED",
                            "REPLY_RECEIVED",
                            "NEW_PROPOSAL_IN_FORUM",
                            "ACCOUNT_APPROVED",
                            "CONTENT_HIDDEN",
                        ]),
                    ))
                    .col(integer_null(Notifications::ProposalId))
                    .col(integer_null(Notifications::DiscussionId))
                    .col(integer_null(Notifications::CouncilResponseId))
                    .col(integer_null(Notifications::CommentId))
                    .col(string_len_null(Notifications::Status, 16))
                    .col(text_null(Notifications::Subject))
                    .col(text_null(Notifications::Detail))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notifications::Table, Notifications::RecipientId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notifications::Table, Notifications::ProposalId)
                            .to(Proposals::Table, Proposals::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notifications::Table, Notifications::CouncilResponseId)
                            .to(CouncilResponses::Table, CouncilResponses::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_notifications_recipient")
                    .table(Notifications::Table)
                    .col(Notifications::RecipientId)
                    .col(Notifications::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_notifications_recipient_unread")
                    .table(Notifications::Table)
                    .col(Notifications::RecipientId)
                    .col(Notifications::ReadAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Notifications::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum Notifications {
    Table,
    Id,
    RecipientId,
    Kind,
    ProposalId,
    DiscussionId,
    CouncilResponseId,
    CommentId,
    Status,
    Subject,
    Detail,
    CreatedAt,
    ReadAt,
}
