//! Connecting to the database (SQLite or PostgreSQL), migrating it, and opening write
//! transactions.

use std::{collections::HashSet, sync::Arc, time::Duration};

use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    RuntimeErr, SqliteTransactionMode, TransactionOptions, TransactionTrait,
    sqlx::{
        self, ConnectOptions as _, PgPool,
        sqlite::{SqliteJournalMode, SqliteSynchronous},
    },
};

/// How long a request waits to connect to the database or for a pooled connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// The PostgreSQL advisory lock that migrations run under ("fforwm" in ASCII).
const MIGRATION_LOCK: i64 = 0x66_66_6f_72_77_6d;

pub async fn connect(database_url: &str) -> Result<DatabaseConnection, DbErr> {
    connect_with_pool(database_url, 10).await
}

pub async fn connect_with_pool(
    database_url: &str,
    max_connections: u32,
) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(database_url);
    options
        .max_connections(max_connections)
        .min_connections(1)
        // A database that has gone away fails requests in seconds instead of holding them.
        .connect_timeout(CONNECT_TIMEOUT)
        .acquire_timeout(CONNECT_TIMEOUT)
        // Not a ping before every statement (a round trip each, half a page's statements): only
        // a connection idle long enough for a server restart or a firewall to have dropped it.
        .test_before_acquire_if_idle_for(Duration::from_secs(30))
        .sqlx_logging(false)
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
        });
    Database::connect(options).await
}

/// Applies pending migrations. On PostgreSQL, under an advisory lock: replicas that start
/// together queue, the first applies what is pending and the others then find nothing to do.
/// (SQLite is one process's database.)
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    match db.get_database_backend() {
        DbBackend::Postgres => migrate_under_lock(db, db.get_postgres_connection_pool()).await,
        _ => apply_pending(db).await,
    }
}

/// Migrations only ever add, so a version runs on the schema of a newer one: a replica not yet
/// upgraded that restarts mid-upgrade, or the previous version after a roll-back. It then
/// migrates nothing (SeaORM would refuse a database with migrations it does not know).
async fn apply_pending(db: &DatabaseConnection) -> Result<(), DbErr> {
    let known: HashSet<String> = Migrator::migrations()
        .iter()
        .map(|migration| migration.name().to_owned())
        .collect();
    let applied: HashSet<String> = Migrator::get_migration_models(db)
        .await?
        .into_iter()
        .map(|model| model.version)
        .collect();
    let mut newer: Vec<&String> = applied.difference(&known).collect();
    if newer.is_empty() {
        return Migrator::up(db, None).await;
    }
    newer.sort();
    let mut missing: Vec<&String> = known.difference(&applied).collect();
    if !missing.is_empty() {
        missing.sort();
        return Err(DbErr::Custom(format!(
            "the database has migrations this version does not know ({newer:?}) but lacks some \
             it does ({missing:?}): it was migrated by another branch"
        )));
    }
    tracing::warn!(
        newer = ?newer,
        "the database was migrated by a newer version; running on its schema as it is"
    );
    Ok(())
}

/// The lock is held by a connection of its own, outside the pool, so that each migration still
/// chooses its own transaction (or none, for `CREATE INDEX CONCURRENTLY`) and a pool of one
/// connection still works. It is a session lock: closing the connection releases it, and so
/// does the death of a process that held it.
async fn migrate_under_lock(db: &DatabaseConnection, pool: &PgPool) -> Result<(), DbErr> {
    let mut lock = pool.connect_options().connect().await.map_err(sqlx_error)?;
    sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(MIGRATION_LOCK)
        .execute(&mut lock)
        .await
        .map_err(sqlx_error)?;
    let migrated = apply_pending(db).await;
    let released = sqlx::Connection::close(lock).await.map_err(sqlx_error);
    migrated.and(released)
}

fn sqlx_error(error: sqlx::Error) -> DbErr {
    DbErr::Conn(RuntimeErr::SqlxError(Arc::new(error)))
}

/// A transaction for a mutation. On SQLite it takes the write lock at BEGIN, so two writers
/// queue on the busy timeout instead of failing when a read turns into a write.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// The same server URL with another database name (tests and the benchmark make their own).
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let server = match base[scheme_end..].find('/') {
        Some(slash) => &base[..scheme_end + slash],
        None => base,
    };
    match query {
        Some(query) => format!("{server}/{name}?{query}"),
        None => format!("{server}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn swaps_the_database_name() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/test", "t_1"),
            "postgres://postgres@127.0.0.1:5432/t_1"
        );
        assert_eq!(
            with_database("postgres://u:p@h/db?sslmode=disable", "x"),
            "postgres://u:p@h/x?sslmode=disable"
        );
        assert_eq!(
            with_database("postgres://h:5432", "x"),
            "postgres://h:5432/x"
        );
    }
}
