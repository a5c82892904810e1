//! Forum meetings: the meetings, who attends (the count kept on the meeting, under its row lock,
//! never above its capacity), the proposals on each agenda, and the notifications about them
//! (a `meeting_id` and three more kinds). SQLite cannot change a CHECK constraint in place, so
//! there the notifications table is rebuilt with its rows.

use sea_orm_migration::{
    prelude::*,
    schema::*,
    sea_orm::{ConnectionTrait, DbBackend},
};

use crate::{
    m20261123_000001_create_users::Users, m20261123_000003_create_forums::Forums,
    m20261123_000006_create_proposals::Proposals,
    m20261123_000007_create_discussions_comments::CouncilResponses,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

const KINDS_BEFORE: [&str; 6] = [
    "COUNCIL_RESPONDED",
    "PROPOSAL_STATUS_CHANGED",
    "REPLY_RECEIVED",
    "NEW_PROPOSAL_IN_FORUM",
    "ACCOUNT_APPROVED",
    "CONTENT_HIDDEN",
];

const MEETING_KINDS: [&str; 3] = ["MEETING_SCHEDULED", "MEETING_CHANGED", "MINUTES_PUBLISHED"];

const NOTIFICATION_COLUMNS: &str = "id, recipient_id, kind, proposal_id, discussion_id, \
    council_response_id, comment_id, status, subject, detail, created_at, read_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Meetings::Table)
                    .col(pk_auto(Meetings::Id))
                    .col(integer(Meetings::ForumId))
                    .col(string_len(Meetings::TitleEn, 150))
                    .col(string_len(Meetings::TitleCy, 150))
                    .col(text(Meetings::AgendaEn))
                    .col(text(Meetings::AgendaCy))
                    .col(string_len(Meetings::Location, 200))
                    .col(string_len_null(Meetings::OnlineUrl, 500))
                    .col(timestamp_with_time_zone(Meetings::StartsAt))
                    .col(timestamp_with_time_zone(Meetings::EndsAt))
                    .col(integer_null(Meetings::Capacity))
                    .col(string_len(Meetings::Status, 16).check(
                        Expr::col(Meetings::Status).is_in(["SCHEDULED", "CANCELLED", "HELD"]),
                    ))
                    .col(text_null(Meetings::CancelReason))
                    .col(text_null(Meetings::MinutesEn))
                    .col(text_null(Meetings::MinutesCy))
                    .col(integer(Meetings::Sequence).default(0))
                    .col(integer(Meetings::AttendeeCount).default(0))
                    .col(integer(Meetings::CreatedById))
                    .col(timestamp_with_time_zone(Meetings::CreatedAt))
                    .col(timestamp_with_time_zone(Meetings::UpdatedAt))
                    .check(Expr::col(Meetings::EndsAt).gt(Expr::col(Meetings::StartsAt)))
                    .check(Expr::col(Meetings::Capacity).gte(1))
                    // Capacity is exact: the database refuses one attendee too many.
                    .check(Expr::col(Meetings::AttendeeCount).gte(0).and(
                        Expr::col(Meetings::Capacity).is_null().or(
                            Expr::col(Meetings::AttendeeCount).lte(Expr::col(Meetings::Capacity)),
                        ),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Meetings::Table, Meetings::ForumId)
                            .to(Forums::Table, Forums::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Meetings::Table, Meetings::CreatedById)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("idx_meetings_forum_starts", Some(Meetings::ForumId)),
            ("idx_meetings_starts", None),
        ] {
            let mut index = Index::create();
            index.name(name).table(Meetings::Table);
            if let Some(column) = column {
                index.col(column);
            }
            manager
                .create_index(index.col(Meetings::StartsAt).col(Meetings::Id).to_owned())
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(MeetingAttendees::Table)
                    .col(integer(MeetingAttendees::MeetingId))
                    .col(integer(MeetingAttendees::UserId))
                    .col(timestamp_with_time_zone(MeetingAttendees::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(MeetingAttendees::MeetingId)
                            .col(MeetingAttendees::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MeetingAttendees::Table, MeetingAttendees::MeetingId)
                            .to(Meetings::Table, Meetings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MeetingAttendees::Table, MeetingAttendees::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MeetingProposals::Table)
                    .col(integer(MeetingProposals::MeetingId))
                    .col(integer(MeetingProposals::ProposalId))
                    .primary_key(
                        Index::create()
                            .col(MeetingProposals::MeetingId)
                            .col(MeetingProposals::ProposalId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MeetingProposals::Table, MeetingProposals::MeetingId)
                            .to(Meetings::Table, Meetings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(MeetingProposals::Table, MeetingProposals::ProposalId)
                            .to(Proposals::Table, Proposals::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let kinds: Vec<&str> = KINDS_BEFORE.iter().chain(&MEETING_KINDS).copied().collect();
        match manager.get_database_backend() {
            DbBackend::Sqlite => rebuild_notifications(manager, &kinds, true).await,
            _ => {
                let db = manager.get_connection();
                db.execute_unprepared(
                    "ALTER TABLE notifications ADD COLUMN meeting_id integer REFERENCES meetings (id)",
                )
                .await?;
                replace_kind_check(manager, &kinds).await
            }
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "DELETE FROM notifications WHERE kind IN \
             ('MEETING_SCHEDULED', 'MEETING_CHANGED', 'MINUTES_PUBLISHED')",
        )
        .await?;
        match manager.get_database_backend() {
            DbBackend::Sqlite => rebuild_notifications(manager, &KINDS_BEFORE, false).await?,
            _ => {
                db.execute_unprepared("ALTER TABLE notifications DROP COLUMN meeting_id")
                    .await?;
                replace_kind_check(manager, &KINDS_BEFORE).await?;
            }
        }
        for table in [
            MeetingProposals::Table.into_iden(),
            MeetingAttendees::Table.into_iden(),
            Meetings::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// PostgreSQL: the kind's CHECK constraint (named by PostgreSQL after its column) anew.
async fn replace_kind_check(manager: &SchemaManager<'_>, kinds: &[&str]) -> Result<(), DbErr> {
    let list: Vec<String> = kinds.iter().map(|k| format!("'{k}'")).collect();
    manager
        .get_connection()
        .execute_unprepared(&format!(
            "ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check, \
             ADD CONSTRAINT notifications_kind_check CHECK (kind IN ({}))",
            list.join(", ")
        ))
        .await?;
    Ok(())
}

/// SQLite: the notifications table made anew with these kinds (and `meeting_id` or not), its
/// rows copied over, and its indexes.
async fn rebuild_notifications(
    manager: &SchemaManager<'_>,
    kinds: &[&str],
    with_meeting: bool,
) -> Result<(), DbErr> {
    let mut table = Table::create();
    table
        .table(NotificationsNew::Table)
        .col(pk_auto(Notifications::Id))
        .col(integer(Notifications::RecipientId))
        .col(
            string_len(Notifications::Kind, 32)
                .check(Expr::col(Notifications::Kind).is_in(kinds.iter().copied())),
        )
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
                .from(NotificationsNew::Table, Notifications::RecipientId)
                .to(Users::Table, Users::Id)
                .on_delete(ForeignKeyAction::Cascade),
        )
        .foreign_key(
            ForeignKey::create()
                .from(NotificationsNew::Table, Notifications::ProposalId)
                .to(Proposals::Table, Proposals::Id),
        )
        .foreign_key(
            ForeignKey::create()
                .from(NotificationsNew::Table, Notifications::CouncilResponseId)
                .to(CouncilResponses::Table, CouncilResponses::Id),
        );
    if with_meeting {
        table
            .col(integer_null(Notifications::MeetingId))
            .foreign_key(
                ForeignKey::create()
                    .from(NotificationsNew::Table, Notifications::MeetingId)
                    .to(Meetings::Table, Meetings::Id),
            );
    }
    // One batch on one connection, so no statement runs against the schema as it was.
    let sql = format!(
        "{create};
         INSERT INTO notifications_new ({NOTIFICATION_COLUMNS})
             SELECT {NOTIFICATION_COLUMNS} FROM notifications;
         DROP TABLE notifications;
         ALTER TABLE notifications_new RENAME TO notifications;
         CREATE INDEX idx_notifications_recipient ON notifications (recipient_id, id);
         CREATE INDEX idx_notifications_recipient_unread ON notifications (recipient_id, read_at);",
        create = table.to_owned().to_string(SqliteQueryBuilder),
    );
    manager.get_connection().execute_unprepared(&sql).await?;
    Ok(())
}

#[derive(DeriveIden)]
enum Meetings {
    Table,
    Id,
    ForumId,
    TitleEn,
    TitleCy,
    AgendaEn,
    AgendaCy,
    Location,
    OnlineUrl,
    StartsAt,
    EndsAt,
    Capacity,
    Status,
    CancelReason,
    MinutesEn,
    MinutesCy,
    Sequence,
    AttendeeCount,
    CreatedById,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum MeetingAttendees {
    Table,
    MeetingId,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MeetingProposals {
    Table,
    MeetingId,
    ProposalId,
}

#[derive(DeriveIden)]
enum Notifications {
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
    MeetingId,
}

#[derive(DeriveIden)]
enum NotificationsNew {
    Table,
}
