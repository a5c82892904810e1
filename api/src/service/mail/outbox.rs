//! The outbox: rows written in the transaction of their cause, claimed by one sender at a time
//! (`FOR UPDATE SKIP LOCKED` on PostgreSQL, the write lock on SQLite) under a lease, and retried
//! with exponential backoff until a day has passed, when they are marked failed.

use chrono::{DateTime, Duration, Utc};
use entity::{EmailKind, EmailStatus, email};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait},
};

use crate::{db::begin_write, error::AppResult};

/// How long a claimed email is the claimant's before another sender may take it (a sender
/// that stopped mid-way).
pub const LEASE: Duration = Duration::minutes(5);
/// Failures are retried for at least this long before the email is marked failed.
pub const RETRY_FOR: Duration = Duration::hours(24);
/// The first retry's wait; each later one doubles it, up to `MAX_BACKOFF`.
const FIRST_BACKOFF: Duration = Duration::seconds(30);
const MAX_BACKOFF: Duration = Duration::hours(2);
/// Emails one sender claims at a time.
const BATCH: u64 = 20;

/// Queues an email for `recipient_id`; `fill` sets what it is about.
pub async fn queue(
    conn: &impl ConnectionTrait,
    recipient_id: i32,
    kind: EmailKind,
    now: DateTime<Utc>,
    fill: impl FnOnce(&mut email::ActiveModel),
) -> AppResult<()> {
    let mut row = email::ActiveModel {
        recipient_id: Set(recipient_id),
        kind: Set(kind),
        notification_id: Set(None),
        token: Set(None),
        since: Set(None),
        until: Set(None),
        status: Set(EmailStatus::Queued),
        attempts: Set(0),
        next_attempt_at: Set(now),
        subject: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    };
    fill(&mut row);
    row.insert(conn).await?;
    Ok(())
}

/// Takes up to a batch of due emails for this sender: each is leased (its next attempt moved
/// past the lease) in one transaction, so no other sender takes it meanwhile.
pub async fn claim(db: &DatabaseConnection, now: DateTime<Utc>) -> AppResult<Vec<email::Model>> {
    let txn = begin_write(db).await?;
    let mut due = email::Entity::find()
        .filter(email::Column::Status.eq(EmailStatus::Queued))
        .filter(email::Column::NextAttemptAt.lte(now))
        .order_by_asc(email::Column::Id)
        .limit(BATCH);
    if db.get_database_backend() == DatabaseBackend::Postgres {
        due = due.lock_with_behavior(
            sea_orm::sea_query::LockType::Update,
            sea_orm::sea_query::LockBehavior::SkipLocked,
        );
    }
    let rows = due.all(&txn).await?;
    if rows.is_empty() {
        return Ok(rows);
    }
    email::Entity::update_many()
        .col_expr(email::Column::NextAttemptAt, Expr::value(now + LEASE))
        .col_expr(
            email::Column::Attempts,
            Expr::col(email::Column::Attempts).add(1),
        )
        .filter(email::Column::Id.is_in(rows.iter().map(|r| r.id)))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(rows
        .into_iter()
        .map(|row| email::Model {
            attempts: row.attempts + 1,
            ..row
        })
        .collect())
}

pub async fn mark_sent(
    db: &DatabaseConnection,
    id: i32,
    subject: String,
    now: DateTime<Utc>,
) -> AppResult<()> {
    finish(db, id, EmailStatus::Sent, Some(subject), None, now).await
}

/// Not to be sent after all (the recipient stopped email, or may no longer see what it told of).
pub async fn mark_dropped(db: &DatabaseConnection, id: i32, now: DateTime<Utc>) -> AppResult<()> {
    finish(db, id, EmailStatus::Dropped, None, None, now).await
}

/// A failed attempt: retried after a backoff, or failed for good once `RETRY_FOR` has passed.
/// Returns whether it failed for good.
pub async fn mark_attempt_failed(
    db: &DatabaseConnection,
    email: &email::Model,
    error: String,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    if now - email.created_at >= RETRY_FOR {
        finish(db, email.id, EmailStatus::Failed, None, Some(error), now).await?;
        return Ok(true);
    }
    let doublings = u32::try_from(email.attempts.saturating_sub(1).clamp(0, 16)).unwrap_or(16);
    let backoff = (FIRST_BACKOFF * 2_i32.pow(doublings)).min(MAX_BACKOFF);
    email::Entity::update_many()
        .col_expr(email::Column::NextAttemptAt, Expr::value(now + backoff))
        .col_expr(email::Column::LastError, Expr::value(error))
        .filter(email::Column::Id.eq(email.id))
        .exec(db)
        .await?;
    Ok(false)
}

async fn finish(
    db: &DatabaseConnection,
    id: i32,
    status: EmailStatus,
    subject: Option<String>,
    error: Option<String>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let mut update = email::Entity::update_many()
        .col_expr(email::Column::Status, Expr::value(status))
        // The link's token is needed no more.
        .col_expr(email::Column::Token, Expr::value(Option::<String>::None))
        .col_expr(email::Column::LastError, Expr::value(error))
        .filter(email::Column::Id.eq(id));
    if status == EmailStatus::Sent {
        update = update
            .col_expr(email::Column::SentAt, Expr::value(now))
            .col_expr(email::Column::Subject, Expr::value(subject));
    }
    update.exec(db).await?;
    Ok(())
}
