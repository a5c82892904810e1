//! Moderation escalation (issue 13): one open report per person, thing and reason (a second
//! reason is a new report); reports that show their item was hidden automatically; the new
//! notification kinds (SAFEGUARDING_REPORT, and AMENDMENT_PROPOSED / AMENDMENT_DECIDED for the
//! amendments that follow), and a notification's report.

use sea_orm_migration::{
    prelude::*,
    sea_orm::{ConnectionTrait, DbBackend, Statement},
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ContentReports {
    Table,
    AutoHidden,
}

const NEW_KINDS: [&str; 3] = [
    "SAFEGUARDING_REPORT",
    "AMENDMENT_PROPOSED",
    "AMENDMENT_DECIDED",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// One transaction on SQLite too: all on one connection (another's stale view of the schema
    /// would refuse the indexes made again), and all or nothing.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX idx_content_reports_open_once")
            .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX idx_content_reports_open_once ON content_reports \
             (target_kind, target_id, reporter_id, reason) WHERE status = 'OPEN'",
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ContentReports::Table)
                    .add_column(
                        ColumnDef::new(ContentReports::AutoHidden)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await?;
        change_notification_kinds(manager, |kinds| {
            for kind in NEW_KINDS {
                if !kinds.iter().any(|k| k == kind) {
                    kinds.push(kind.to_owned());
                }
            }
        })
        .await?;
        db.execute_unprepared(
            "ALTER TABLE notifications ADD COLUMN report_id integer NULL \
             REFERENCES content_reports (id)",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DELETE FROM notifications WHERE report_id IS NOT NULL")
            .await?;
        db.execute_unprepared("ALTER TABLE notifications DROP COLUMN report_id")
            .await?;
        change_notification_kinds(manager, |kinds| {
            kinds.retain(|k| !NEW_KINDS.contains(&k.as_str()));
        })
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ContentReports::Table)
                    .drop_column(ContentReports::AutoHidden)
                    .to_owned(),
            )
            .await?;
        db.execute_unprepared("DROP INDEX idx_content_reports_open_once")
            .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX idx_content_reports_open_once ON content_reports \
             (target_kind, target_id, reporter_id) WHERE status = 'OPEN'",
        )
        .await?;
        Ok(())
    }
}

/// Rewrites the CHECK that lists the notification kinds, starting from the kinds the database
/// holds now (so migrations of other features that add kinds compose, in any order). On
/// PostgreSQL the constraint is replaced; SQLite cannot alter a CHECK, so the table is rebuilt
/// with its indexes (nothing refers to notifications).
pub async fn change_notification_kinds(
    manager: &SchemaManager<'_>,
    change: impl FnOnce(&mut Vec<String>),
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let backend = manager.get_database_backend();
    let one = |sql: &str| Statement::from_string(backend, sql.to_owned());
    match backend {
        DbBackend::Postgres => {
            let row = db
                .query_one_raw(one(
                    "SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint \
                     WHERE conname = 'notifications_kind_check'",
                ))
                .await?
                .ok_or_else(|| DbErr::Custom("no notifications_kind_check".into()))?;
            let definition: String = row.try_get("", "def")?;
            let mut kinds = quoted(&definition);
            change(&mut kinds);
            db.execute_unprepared(
                "ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check",
            )
            .await?;
            db.execute_unprepared(&format!(
                "ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check \
                 CHECK (kind IN ({}))",
                sql_list(&kinds)
            ))
            .await?;
        }
        _ => {
            let row = db
                .query_one_raw(one(
                    "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'notifications'",
                ))
                .await?
                .ok_or_else(|| DbErr::Custom("no notifications table".into()))?;
            let table: String = row.try_get("", "sql")?;
            let marker = "CHECK (\"kind\" IN (";
            let start = table
                .find(marker)
                .map(|i| i + marker.len())
                .ok_or_else(|| DbErr::Custom("no CHECK on notifications.kind".into()))?;
            let end = start
                + table[start..]
                    .find(')')
                    .ok_or_else(|| DbErr::Custom("an unclosed CHECK".into()))?;
            let mut kinds = quoted(&table[start..end]);
            change(&mut kinds);
            let rebuilt = format!("{}{}{}", &table[..start], sql_list(&kinds), &table[end..])
                .replacen("\"notifications\"", "\"notifications_rebuilt\"", 1);
            let indexes = db
                .query_all_raw(one("SELECT sql FROM sqlite_master WHERE type = 'index' \
                     AND tbl_name = 'notifications' AND sql IS NOT NULL"))
                .await?
                .iter()
                .map(|row| row.try_get::<String>("", "sql"))
                .collect::<Result<Vec<_>, _>>()?;
            db.execute_unprepared(&rebuilt).await?;
            db.execute_unprepared("INSERT INTO notifications_rebuilt SELECT * FROM notifications")
                .await?;
            db.execute_unprepared("DROP TABLE notifications").await?;
            db.execute_unprepared("ALTER TABLE notifications_rebuilt RENAME TO notifications")
                .await?;
            for index in indexes {
                db.execute_unprepared(&index).await?;
            }
        }
    }
    Ok(())
}

/// The '...' literals in a piece of SQL, in order.
fn quoted(sql: &str) -> Vec<String> {
    sql.split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn sql_list(kinds: &[String]) -> String {
    kinds
        .iter()
        .map(|k| format!("'{k}'"))
        .collect::<Vec<_>>()
        .join(", ")
}
