//! Email: each person's settings and verified address, verification links (kept as hashes),
//! the muted kinds, and the outbox the sender task delivers from.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{
    m20261123_000001_create_users::Users, m20261123_000008_create_notifications::Notifications,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

const KINDS: [&str; 6] = [
    "COUNCIL_RESPONDED",
    "PROPOSAL_STATUS_CHANGED",
    "REPLY_RECEIVED",
    "NEW_PROPOSAL_IN_FORUM",
    "ACCOUNT_APPROVED",
    "CONTENT_HIDDEN",
];

fn user_fk(table: impl IntoIden, column: impl IntoIden) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Users::Table, Users::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EmailSettings::Table)
                    .col(integer(EmailSettings::UserId).primary_key())
                    // Null: the default for the person's role.
                    .col(string_len_null(EmailSettings::Frequency, 16).check(
                        Expr::col(EmailSettings::Frequency).is_in([
                            "NEVER",
                            "IMMEDIATE",
                            "DAILY",
                            "WEEKLY",
                        ]),
                    ))
                    .col(text_null(EmailSettings::VerifiedEmail))
                    .col(timestamp_with_time_zone_null(EmailSettings::LastDigestAt))
                    .foreign_key(&mut user_fk(EmailSettings::Table, EmailSettings::UserId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EmailMutedKinds::Table)
                    .col(integer(EmailMutedKinds::UserId))
                    .col(
                        string_len(EmailMutedKinds::Kind, 32)
                            .check(Expr::col(EmailMutedKinds::Kind).is_in(KINDS)),
                    )
                    .primary_key(
                        Index::create()
                            .col(EmailMutedKinds::UserId)
                            .col(EmailMutedKinds::Kind),
                    )
                    .foreign_key(&mut user_fk(
                        EmailMutedKinds::Table,
                        EmailMutedKinds::UserId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EmailVerifications::Table)
                    .col(pk_auto(EmailVerifications::Id))
                    .col(integer(EmailVerifications::UserId))
                    .col(string_len_uniq(EmailVerifications::TokenHash, 64))
                    .col(text(EmailVerifications::Email))
                    .col(timestamp_with_time_zone(EmailVerifications::CreatedAt))
                    .col(timestamp_with_time_zone(EmailVerifications::ExpiresAt))
                    .col(timestamp_with_time_zone_null(EmailVerifications::UsedAt))
                    .foreign_key(&mut user_fk(
                        EmailVerifications::Table,
                        EmailVerifications::UserId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_email_verifications_user")
                    .table(EmailVerifications::Table)
                    .col(EmailVerifications::UserId)
                    .col(EmailVerifications::CreatedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Emails::Table)
                    .col(pk_auto(Emails::Id))
                    .col(integer(Emails::RecipientId))
                    .col(
                        string_len(Emails::Kind, 16).check(Expr::col(Emails::Kind).is_in([
                            "VERIFICATION",
                            "NOTIFICATION",
                            "DIGEST",
                        ])),
                    )
                    .col(integer_null(Emails::NotificationId))
                    // VERIFICATION: the link's token until the email is sent (the table of
                    // verifications holds its hash only).
                    .col(text_null(Emails::Token))
                    // DIGEST: what happened after `since` up to `until`.
                    .col(timestamp_with_time_zone_null(Emails::Since))
                    .col(timestamp_with_time_zone_null(Emails::Until))
                    .col(string_len(Emails::Status, 16).check(
                        Expr::col(Emails::Status).is_in(["QUEUED", "SENT", "FAILED", "DROPPED"]),
                    ))
                    .col(integer(Emails::Attempts).default(0))
                    .col(timestamp_with_time_zone(Emails::NextAttemptAt))
                    .col(text_null(Emails::Subject))
                    .col(text_null(Emails::LastError))
                    .col(timestamp_with_time_zone(Emails::CreatedAt))
                    .col(timestamp_with_time_zone_null(Emails::SentAt))
                    .foreign_key(&mut user_fk(Emails::Table, Emails::RecipientId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Emails::Table, Emails::NotificationId)
                            .to(Notifications::Table, Notifications::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_emails_due")
                    .table(Emails::Table)
                    .col(Emails::Status)
                    .col(Emails::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_emails_recipient")
                    .table(Emails::Table)
                    .col(Emails::RecipientId)
                    .col(Emails::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Emails::Table.into_iden(),
            EmailVerifications::Table.into_iden(),
            EmailMutedKinds::Table.into_iden(),
            EmailSettings::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum EmailSettings {
    Table,
    UserId,
    Frequency,
    VerifiedEmail,
    LastDigestAt,
}

#[derive(DeriveIden)]
enum EmailMutedKinds {
    Table,
    UserId,
    Kind,
}

#[derive(DeriveIden)]
enum EmailVerifications {
    Table,
    Id,
    UserId,
    TokenHash,
    Email,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum Emails {
    Table,
    Id,
    RecipientId,
    Kind,
    NotificationId,
    Token,
    Since,
    Until,
    Status,
    Attempts,
    NextAttemptAt,
    Subject,
    LastError,
    CreatedAt,
    SentAt,
}
