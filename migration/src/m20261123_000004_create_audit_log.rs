use sea_orm_migration::{prelude::*, schema::*, sea_orm::DatabaseBackend};

use crate::m20261123_000001_create_users::Users;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(pk_auto(AuditLog::Id))
                    .col(integer_null(AuditLog::ActorId))
                    .col(string_len(AuditLog::Action, 64))
                    .col(string_len_null(AuditLog::SubjectId, 128))
                    .col(text_null(AuditLog::Detail))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AuditLog::Table, AuditLog::ActorId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // Append-only, enforced by the database itself: no UPDATE or DELETE ever succeeds.
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                     BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
                     CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log \
                     FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();",
                )
                .await?;
            }
            DatabaseBackend::Sqlite => {
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
                     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                     CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
                     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;",
                )
                .await?;
            }
            _ => {}
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditLog::Table).to_owned())
            .await?;
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS audit_log_append_only()")
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    ActorId,
    Action,
    SubjectId,
    Detail,
    At,
}
