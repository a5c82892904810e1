//! Structured debate: a comment's alignment (FOR, AGAINST, NEUTRAL), its vote counts kept on
//! the row (moved only with a vote row, in the same transaction) and one vote per person per
//! comment, which the primary key enforces.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Comments {
    Table,
    Id,
    ProposalId,
    ParentId,
    Alignment,
    UpVotes,
    DownVotes,
    Score,
}

#[derive(DeriveIden)]
enum CommentVotes {
    Table,
    CommentId,
    UserId,
    Value,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement, and a NOT NULL one only with a default.
        let columns = [
            ColumnDef::new(Comments::Alignment)
                .string_len(16)
                .not_null()
                .default("NEUTRAL")
                .check(Expr::col(Comments::Alignment).is_in(["FOR", "AGAINST", "NEUTRAL"]))
                .to_owned(),
            ColumnDef::new(Comments::UpVotes)
                .integer()
                .not_null()
                .default(0)
                .check(Expr::col(Comments::UpVotes).gte(0))
                .to_owned(),
            ColumnDef::new(Comments::DownVotes)
                .integer()
                .not_null()
                .default(0)
                .check(Expr::col(Comments::DownVotes).gte(0))
                .to_owned(),
            // up_votes - down_votes, kept with them so that BEST can be paged through an index.
            ColumnDef::new(Comments::Score)
                .integer()
                .not_null()
                .default(0)
                .to_owned(),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(Comments::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_comments_proposal_best")
                    .table(Comments::Table)
                    .col(Comments::ProposalId)
                    .col(Comments::ParentId)
                    .col(Comments::Score)
                    .col(Comments::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CommentVotes::Table)
                    .col(integer(CommentVotes::CommentId))
                    .col(integer(CommentVotes::UserId))
                    .col(
                        integer(CommentVotes::Value)
                            .check(Expr::col(CommentVotes::Value).is_in([-1, 1])),
                    )
                    .col(timestamp_with_time_zone(CommentVotes::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(CommentVotes::CommentId)
                            .col(CommentVotes::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CommentVotes::Table, CommentVotes::CommentId)
                            .to(Comments::Table, Comments::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(CommentVotes::Table, CommentVotes::UserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_comment_votes_user")
                    .table(CommentVotes::Table)
                    .col(CommentVotes::UserId)
                    .col(CommentVotes::CommentId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CommentVotes::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_comments_proposal_best")
                    .table(Comments::Table)
                    .to_owned(),
            )
            .await?;
        for column in [
            Comments::Score,
            Comments::DownVotes,
            Comments::UpVotes,
            Comments::Alignment,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Comments::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
