//! Proposal search through an index, folded the same way on both databases: `search_title` holds
//! the title and `search_text` the title and body (a line break apart) in Unicode lower case and
//! NFC, written by the application (see `entity::search::fold`) and filled here for the
//! proposals already there. PostgreSQL indexes `search_text` with a pg_trgm GIN index (used by
//! `LIKE '%word%'`); SQLite with an FTS5 trigram table over it, kept in step by triggers.
//! `search_title` needs no index: it only narrows rows the index found.

use sea_orm_migration::{
    prelude::*,
    sea_orm::{ConnectionTrait, DbBackend},
};
use unicode_normalization::UnicodeNormalization;

use crate::m20261123_000006_create_proposals::Proposals;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Search {
    SearchTitle,
    SearchText,
}

/// Existing rows are folded this many at a time.
const BATCH: u64 = 500;

/// `entity::search::fold` as it was when this migration was written: a migration stays as
/// written, so a later change to the folding comes with its own migration.
fn fold(text: &str) -> String {
    text.to_lowercase().nfc().collect()
}

// The text is folded already, so the tokenizer need not fold it again.
const SQLITE_UP: [&str; 4] = [
    "CREATE VIRTUAL TABLE proposals_search USING fts5(
        search_text, content = 'proposals', content_rowid = 'id',
        tokenize = 'trigram case_sensitive 1')",
    "CREATE TRIGGER proposals_search_insert AFTER INSERT ON proposals BEGIN
        INSERT INTO proposals_search (rowid, search_text) VALUES (new.id, new.search_text);
    END",
    "CREATE TRIGGER proposals_search_delete AFTER DELETE ON proposals BEGIN
        INSERT INTO proposals_search (proposals_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    END",
    "CREATE TRIGGER proposals_search_update AFTER UPDATE OF search_text ON proposals BEGIN
        INSERT INTO proposals_search (proposals_search, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO proposals_search (rowid, search_text) VALUES (new.id, new.search_text);
    END",
];

const SQLITE_DOWN: [&str; 4] = [
    "DROP TRIGGER IF EXISTS proposals_search_update",
    "DROP TRIGGER IF EXISTS proposals_search_delete",
    "DROP TRIGGER IF EXISTS proposals_search_insert",
    "DROP TABLE IF EXISTS proposals_search",
];

// pg_trgm is a trusted extension (PostgreSQL 13+): a role that may create objects in the
// database may create it. It stays on `down`, as other things may use it.
const POSTGRES_UP: [&str; 4] = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE proposals ALTER COLUMN search_title DROP DEFAULT",
    "ALTER TABLE proposals ALTER COLUMN search_text DROP DEFAULT",
    "CREATE INDEX idx_proposals_search_text ON proposals USING gin (search_text gin_trgm_ops)",
];

const POSTGRES_DOWN: [&str; 1] = ["DROP INDEX IF EXISTS idx_proposals_search_text"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds a NOT NULL column only with a default; PostgreSQL drops it below, so
        // that an insert that forgets the folded text fails there.
        for column in [Search::SearchTitle, Search::SearchText] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Proposals::Table)
                        .add_column(ColumnDef::new(column).text().not_null().default(""))
                        .to_owned(),
                )
                .await?;
        }
        fold_existing(manager).await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Sqlite => {
                for sql in SQLITE_UP {
                    db.execute_unprepared(sql).await?;
                }
                db.execute_unprepared(
                    "INSERT INTO proposals_search (proposals_search) VALUES ('rebuild')",
                )
                .await?;
            }
            _ => {
                for sql in POSTGRES_UP {
                    db.execute_unprepared(sql).await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let statements: &[&str] = match manager.get_database_backend() {
            DbBackend::Sqlite => &SQLITE_DOWN,
            _ => &POSTGRES_DOWN,
        };
        for sql in statements {
            db.execute_unprepared(sql).await?;
        }
        for column in [Search::SearchText, Search::SearchTitle] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Proposals::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

/// Fills the folded columns of the proposals already written, a batch at a time.
async fn fold_existing(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let mut after = 0;
    loop {
        let batch = db
            .query_all(
                Query::select()
                    .columns([Proposals::Id, Proposals::Title, Proposals::Body])
                    .from(Proposals::Table)
                    .and_where(Expr::col(Proposals::Id).gt(after))
                    .order_by(Proposals::Id, Order::Asc)
                    .limit(BATCH),
            )
            .await?;
        for row in &batch {
            let id: i32 = row.try_get("", "id")?;
            let title = fold(&row.try_get::<String>("", "title")?);
            let body = fold(&row.try_get::<String>("", "body")?);
            manager
                .exec_stmt(
                    Query::update()
                        .table(Proposals::Table)
                        .value(Search::SearchText, format!("{title}\n{body}"))
                        .value(Search::SearchTitle, title)
                        .and_where(Expr::col(Proposals::Id).eq(id))
                        .to_owned(),
                )
                .await?;
            after = id;
        }
        if (batch.len() as u64) < BATCH {
            return Ok(());
        }
    }
}
