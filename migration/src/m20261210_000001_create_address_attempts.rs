//! Attempts counted per client address (failed logins, registrations), in the database so that
//! every replica sees the others' (`api::service::throttles`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AddressAttempts::Table)
                    .col(pk_auto(AddressAttempts::Id))
                    // An IPv6 address in text is at most 45 characters.
                    .col(string_len(AddressAttempts::Address, 45))
                    .col(
                        string_len(AddressAttempts::Action, 16)
                            .check(Expr::col(AddressAttempts::Action).is_in(["LOGIN", "REGISTER"])),
                    )
                    .col(timestamp_with_time_zone(AddressAttempts::AttemptedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_address_attempts_address_action_at")
                    .table(AddressAttempts::Table)
                    .col(AddressAttempts::Address)
                    .col(AddressAttempts::Action)
                    .col(AddressAttempts::AttemptedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AddressAttempts::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum AddressAttempts {
    Table,
    Id,
    Address,
    Action,
    AttemptedAt,
}
