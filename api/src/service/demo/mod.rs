//! `seed-demo`: a realistic bilingual demo town (see `town`), `scale` times the base size,
//! written in one transaction with batched inserts.
//!
//! A database that already has demo data gets nothing more: `seed` reports the scale it was
//! seeded at, so running it twice neither fails nor duplicates anyone. Every demo account
//! shares [`DEMO_PASSWORD`]; the command line refuses to seed a production deployment unless
//! told `--force`.
//!
//! Rows go in directly (multi-row INSERTs with ids the seed assigns), not through the
//! services, which would take hours at scale 10: `town` keeps the columns as the services
//! would leave them, and the integration test `demo_town` checks that it does.

mod town;
mod words;
mod writer;

use std::{
    collections::BTreeMap,
    time::{Duration, Instant},
};

use entity::{ForumKind, Role, audit_entry, forum, user};
use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Statement, sea_query::Expr,
};
pub use town::Sizes;
use town::{FIXED, FirstIds, Place, Town};

use super::audit::{self, AuditAction, AuditRecord};
use crate::{
    args,
    auth::password,
    db::begin_write,
    error::{AppError, AppResult, Field},
};

/// Every demo account signs in with this password.
pub const DEMO_PASSWORD: &str = "fforwm-demo-2026";
/// The demo accounts' email domain: `resident1@demo.fforwm.cymru`, `youth1@…`, ….
pub const DEMO_DOMAIN: &str = "demo.fforwm.cymru";
/// The generator's seed unless told another.
pub const DEFAULT_SEED: u64 = 2026;
/// Larger scales would take long and make ids beyond what a demo needs.
pub const MAX_SCALE: f64 = 100.0;
/// The audit action that records a seeding and its scale.
/// Tables whose ids the seed assigns itself (so that rows can point at each other within one
/// batch); their PostgreSQL sequences are moved past them afterwards.
const OWN_ID_TABLES: [&str; 6] = [
    "users",
    "discussions",
    "proposals",
    "council_responses",
    "comments",
    "content_reports",
];

#[derive(Debug, Clone, Copy)]
pub struct SeedOptions {
    /// 1 is about 3,000 people and 5,000 proposals; fractions make a smaller town.
    pub scale: f64,
    /// The same seed and scale make the same town.
    pub seed: u64,
}

impl Default for SeedOptions {
    fn default() -> Self {
        Self {
            scale: 1.0,
            seed: DEFAULT_SEED,
        }
    }
}

/// What one seeding wrote.
#[derive(Debug)]
pub struct Summary {
    pub scale: f64,
    pub rows: u64,
    pub elapsed: Duration,
    /// Rows by table.
    pub counts: BTreeMap<&'static str, u64>,
}

impl Summary {
    pub fn rows_per_second(&self) -> f64 {
        self.rows as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// Demo data already in a database.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Previous {
    /// The scale it was seeded at; `None` for demo accounts from before the town existed.
    pub scale: Option<f64>,
}

#[derive(Debug)]
pub enum Outcome {
    Seeded(Summary),
    AlreadySeeded(Previous),
}

/// The accounts to sign in with, one of each role.
pub fn sign_in_accounts() -> Vec<(String, Role)> {
    FIXED
        .iter()
        .map(|(local, _, role)| (format!("{local}@{DEMO_DOMAIN}"), *role))
        .collect()
}

/// The demo data in this database, if any.
pub async fn previous(db: &impl ConnectionTrait) -> AppResult<Option<Previous>> {
    let marker = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq(AuditAction::DemoSeeded.as_str()))
        .order_by_desc(audit_entry::Column::Id)
        .one(db)
        .await?;
    if let Some(marker) = marker {
        let scale = marker.detail.as_deref().and_then(|detail| {
            detail
                .split_whitespace()
                .find_map(|word| word.strip_prefix("scale="))
                .and_then(|scale| scale.parse().ok())
        });
        return Ok(Some(Previous { scale }));
    }
    let accounts = user::Entity::find()
        .filter(user::Column::Email.like(format!("%@{DEMO_DOMAIN}")))
        .count(db)
        .await?;
    Ok((accounts > 0).then_some(Previous { scale: None }))
}

/// Seeds the town, unless the database has demo data already.
pub async fn seed(db: &DatabaseConnection, options: &SeedOptions) -> AppResult<Outcome> {
    if !(options.scale > 0.0 && options.scale <= MAX_SCALE) {
        return Err(AppError::invalid_with(
            Field::Scale,
            "error-demo-scale",
            args!(max = MAX_SCALE),
        ));
    }
    if let Some(previous) = previous(db).await? {
        return Ok(Outcome::AlreadySeeded(previous));
    }
    let started = Instant::now();
    // One hash for all: demo accounts share a password, and Argon2 is slow on purpose.
    let hash = password::hash(DEMO_PASSWORD.to_string()).await?;
    let txn = begin_write(db).await?;
    let first = first_free_ids(&txn).await?;
    let places = places(&txn).await?;
    if !places.iter().any(|place| !place.youth) {
        return Err(AppError::conflict("error-demo-no-forum"));
    }
    let progress = ProgressBar::new(Sizes::at(options.scale).estimated_rows()).with_style(
        ProgressStyle::with_template("{msg:13} [{bar:40}] {pos}/{len} rows ({per_sec})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let now = crate::clock::now();
    let mut town = Town::new(
        &txn,
        &progress,
        options.seed,
        options.scale,
        now,
        hash,
        places,
        first,
    );
    // The forums have been running for as long as the town's history.
    forum::Entity::update_many()
        .col_expr(forum::Column::CreatedAt, Expr::value(town.start()))
        .filter(forum::Column::CreatedAt.gt(town.start()))
        .exec(&txn)
        .await?;
    town.build().await?;
    let counts = std::mem::take(&mut town.counts);
    audit::record(
        &txn,
        AuditRecord {
            actor_id: None,
            action: AuditAction::DemoSeeded,
            subject_id: None,
            detail: Some(format!("scale={} seed={}", options.scale, options.seed)),
        },
        now,
    )
    .await?;
    move_sequences(&txn).await?;
    txn.commit().await?;
    progress.finish_and_clear();
    Ok(Outcome::Seeded(Summary {
        scale: options.scale,
        rows: counts.values().sum(),
        elapsed: started.elapsed(),
        counts,
    }))
}

/// The open forums, each with its theme and (for a youth forum) the themed forum it shadows.
async fn places(conn: &impl ConnectionTrait) -> AppResult<Vec<Place>> {
    let forums = forum::Entity::find()
        .filter(forum::Column::ArchivedAt.is_null())
        .order_by_asc(forum::Column::Id)
        .all(conn)
        .await?;
    let position: BTreeMap<i32, usize> = forums
        .iter()
        .enumerate()
        .map(|(index, forum)| (forum.id, index))
        .collect();
    Ok(forums
        .iter()
        .map(|forum| Place {
            id: forum.id,
            youth: forum.kind == ForumKind::YouthShadow,
            threshold: usize::try_from(forum.support_threshold).unwrap_or(1).max(1),
            theme: words::theme_for(&forum.slug),
            themed: forum.shadow_of_id.and_then(|id| position.get(&id).copied()),
        })
        .collect())
}

/// On PostgreSQL, other writers wait until the seed commits, so that no one takes the ids it
/// assigns; SQLite's write transaction already holds the only write lock.
async fn first_free_ids(conn: &impl ConnectionTrait) -> AppResult<FirstIds> {
    let backend = conn.get_database_backend();
    if backend == DbBackend::Postgres {
        conn.execute_unprepared(&format!(
            "LOCK TABLE {} IN SHARE ROW EXCLUSIVE MODE",
            OWN_ID_TABLES.join(", ")
        ))
        .await?;
    }
    let mut next = Vec::with_capacity(OWN_ID_TABLES.len());
    for table in OWN_ID_TABLES {
        let row = conn
            .query_one_raw(Statement::from_string(
                backend,
                format!("SELECT COALESCE(MAX(id), 0) + 1 AS next FROM {table}"),
            ))
            .await?
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("no MAX(id) from {table}")))?;
        next.push(row.try_get::<i32>("", "next")?);
    }
    let [user, discussion, proposal, response, comment, report] = next[..] else {
        return Err(AppError::internal(anyhow::anyhow!("one id per table")));
    };
    Ok(FirstIds {
        user,
        discussion,
        proposal,
        response,
        comment,
        report,
    })
}

/// PostgreSQL's sequences do not see ids given explicitly: move them past the seed's.
async fn move_sequences(conn: &impl ConnectionTrait) -> AppResult<()> {
    if conn.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    for table in OWN_ID_TABLES {
        conn.execute_unprepared(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table}"
        ))
        .await?;
    }
    Ok(())
}
