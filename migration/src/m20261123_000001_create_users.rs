use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_auto(Users::Id))
                    .col(string_len_null(Users::Email, 254).unique_key())
                    .col(string_len(Users::DisplayName, 60))
                    .col(string_null(Users::PasswordHash))
                    .col(
                        string_len(Users::Role, 16).check(Expr::col(Users::Role).is_in([
                            "RESIDENT",
                            "YOUTH",
                            "COUNCILLOR",
                            "CLERK",
                        ])),
                    )
                    .col(
                        string_len(Users::Status, 16).check(Expr::col(Users::Status).is_in([
                            "PENDING",
                            "ACTIVE",
                            "SUSPENDED",
                        ])),
                    )
                    .col(
                        string_len(Users::PreferredLanguage, 2)
                            .check(Expr::col(Users::PreferredLanguage).is_in(["EN", "CY"])),
                    )
                    .col(date_null(Users::DateOfBirth))
                    .col(string_null(Users::SuspendedReason))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .col(timestamp_with_time_zone(Users::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Users::DeletedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_users_role_status")
                    .table(Users::Table)
                    .col(Users::Role)
                    .col(Users::Status)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Users::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    Role,
    Status,
    PreferredLanguage,
    DateOfBirth,
    SuspendedReason,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}
