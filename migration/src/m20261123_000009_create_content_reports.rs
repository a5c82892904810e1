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
                    .table(ContentReports::Table)
                    .col(pk_auto(ContentReports::Id))
                    .col(string_len(ContentReports::TargetKind, 24).check(
                        Expr::col(ContentReports::TargetKind).is_in([
                            "PROPOSAL",
                            "DISCUSSION",
                            "COMMENT",
                            "COUNCIL_RESPONSE",
                        ]),
                    ))
                    .col(integer(ContentReports::TargetId))
                    .col(string_len(ContentReports::Reason, 24).check(
                        Expr::col(ContentReports::Reason).is_in([
                            "SPAM",
                            "OFFENSIVE",
                            "SAFEGUARDING",
                            "PERSONAL_INFORMATION",
                            "OTHER",
                        ]),
                    ))
                    .col(text_null(ContentReports::Details))
                    .col(integer(ContentReports::ReporterId))
                    .col(string_len(ContentReports::ReporterRole, 16))
                    .col(string_len(ContentReports::Status, 16).check(
                        Expr::col(ContentReports::Status).is_in(["OPEN", "RESOLVED", "DISMISSED"]),
                    ))
                    // 1 for a SAFEGUARDING report on youth-forum content: the top of the queue.
                    .col(
                        integer(ContentReports::Priority)
                            .check(Expr::col(ContentReports::Priority).is_in([0, 1])),
                    )
                    .col(timestamp_with_time_zone(ContentReports::CreatedAt))
                    .col(timestamp_with_time_zone_null(ContentReports::ResolvedAt))
                    .col(integer_null(ContentReports::ResolvedById))
                    .col(text_null(ContentReports::Resolution))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ContentReports::Table, ContentReports::ReporterId)
                            .to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ContentReports::Table, ContentReports::ResolvedById)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_content_reports_queue")
                    .table(ContentReports::Table)
                    .col(ContentReports::Status)
                    .col(ContentReports::Priority)
                    .col(ContentReports::Id)
                    .to_owned(),
            )
            .await?;
        // One open report per person per thing: reporting twice is a conflict, not noise.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX idx_content_reports_open_once ON content_reports \
                 (target_kind, target_id, reporter_id) WHERE status = 'OPEN'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ContentReports::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ContentReports {
    Table,
    Id,
    TargetKind,
    TargetId,
    Reason,
    Details,
    ReporterId,
    ReporterRole,
    Status,
    Priority,
    CreatedAt,
    ResolvedAt,
    ResolvedById,
    Resolution,
}
