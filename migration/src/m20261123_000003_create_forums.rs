use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Forums::Table)
                    .col(pk_auto(Forums::Id))
                    .col(string_len_uniq(Forums::Slug, 60))
                    .col(
                        string_len(Forums::Kind, 16)
                            .check(Expr::col(Forums::Kind).is_in(["THEMED", "YOUTH_SHADOW"])),
                    )
                    .col(string_len(Forums::NameEn, 120))
                    .col(string_len(Forums::NameCy, 120))
                    .col(text(Forums::DescriptionEn))
                    .col(text(Forums::DescriptionCy))
                    .col(integer_null(Forums::ShadowOfId).unique_key())
                    .col(
                        integer(Forums::SupportThreshold)
                            .check(Expr::col(Forums::SupportThreshold).between(1, 10_000)),
                    )
                    .col(timestamp_with_time_zone_null(Forums::ArchivedAt))
                    .col(timestamp_with_time_zone(Forums::CreatedAt))
                    .col(timestamp_with_time_zone(Forums::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Forums::Table, Forums::ShadowOfId)
                            .to(Forums::Table, Forums::Id),
                    )
                    // A youth shadow forum always shadows a themed one; a themed forum shadows none.
                    .check(
                        Expr::col(Forums::Kind)
                            .eq("THEMED")
                            .and(Expr::col(Forums::ShadowOfId).is_null())
                            .or(Expr::col(Forums::Kind)
                                .eq("YOUTH_SHADOW")
                                .and(Expr::col(Forums::ShadowOfId).is_not_null())),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ForumMembers::Table)
                    .col(integer(ForumMembers::ForumId))
                    .col(integer(ForumMembers::UserId))
                    .col(timestamp_with_time_zone(ForumMembers::JoinedAt))
                    .primary_key(
                        Index::create()
                            .col(ForumMembers::ForumId)
                            .col(ForumMembers::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ForumMembers::Table, ForumMembers::ForumId)
                            .to(Forums::Table, Forums::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ForumMembers::Table, ForumMembers::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_forum_members_user")
                    .table(ForumMembers::Table)
                    .col(ForumMembers::UserId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ForumMembers::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Forums::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum Forums {
    Table,
    Id,
    Slug,
    Kind,
    NameEn,
    NameCy,
    DescriptionEn,
    DescriptionCy,
    ShadowOfId,
    SupportThreshold,
    ArchivedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ForumMembers {
    Table,
    ForumId,
    UserId,
    JoinedAt,
}
