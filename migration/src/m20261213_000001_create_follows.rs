//! Follows: who hears of what happens to a proposal, discussion or forum. The authors and
//! supporters already there follow what they wrote and supported, as new ones will.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261123_000001_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

// Authors and supporters follow from the moment they wrote or supported, oldest first.
const BACKFILL: [&str; 3] = [
    "INSERT INTO follows (user_id, target_kind, target_id, created_at)
        SELECT author_id, 'PROPOSAL', id, created_at FROM proposals",
    "INSERT INTO follows (user_id, target_kind, target_id, created_at)
        SELECT user_id, 'PROPOSAL', proposal_id, created_at FROM supports
        WHERE NOT EXISTS (SELECT 1 FROM follows f WHERE f.user_id = supports.user_id
            AND f.target_kind = 'PROPOSAL' AND f.target_id = supports.proposal_id)",
    "INSERT INTO follows (user_id, target_kind, target_id, created_at)
        SELECT author_id, 'DISCUSSION', id, created_at FROM discussions",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Follows::Table)
                    .col(pk_auto(Follows::Id))
                    .col(integer(Follows::UserId))
                    .col(string_len(Follows::TargetKind, 16).check(
                        Expr::col(Follows::TargetKind).is_in(["PROPOSAL", "DISCUSSION", "FORUM"]),
                    ))
                    .col(integer(Follows::TargetId))
                    .col(timestamp_with_time_zone(Follows::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Follows::Table, Follows::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_follows_once")
                    .table(Follows::Table)
                    .col(Follows::UserId)
                    .col(Follows::TargetKind)
                    .col(Follows::TargetId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_follows_target")
                    .table(Follows::Table)
                    .col(Follows::TargetKind)
                    .col(Follows::TargetId)
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for statement in BACKFILL {
            db.execute_unprepared(statement).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Follows::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Follows {
    Table,
    Id,
    UserId,
    TargetKind,
    TargetId,
    CreatedAt,
}
