//! The audit log: every clerk action, written in the same transaction as the action.

use chrono::{DateTime, Utc};
use entity::audit_entry;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

use super::page::{Page, PageRequest, newest_first};
use crate::{auth::Viewer, error::AppResult};

pub struct AuditRecord<'a> {
    /// Null for what the system did by itself.
    pub actor_id: Option<i32>,
    pub action: &'a str,
    pub subject_id: Option<String>,
    pub detail: Option<String>,
}

pub async fn record(
    conn: &impl ConnectionTrait,
    entry: AuditRecord<'_>,
    at: DateTime<Utc>,
) -> AppResult<()> {
    audit_entry::ActiveModel {
        actor_id: Set(entry.actor_id),
        action: Set(entry.action.to_string()),
        subject_id: Set(entry.subject_id),
        detail: Set(entry.detail),
        at: Set(at),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Clerks only, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    request: &PageRequest,
) -> AppResult<Page<audit_entry::Model>> {
    viewer.require_clerk()?;
    newest_first(
        db,
        audit_entry::Entity::find(),
        audit_entry::Column::Id,
        |e| e.id,
        request,
    )
    .await
}

/// One entry, for `node(id)`: clerks only; `None` for everyone else.
pub async fn find(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    entry_id: i32,
) -> AppResult<Option<audit_entry::Model>> {
    if !viewer.is_clerk() {
        return Ok(None);
    }
    Ok(audit_entry::Entity::find_by_id(entry_id).one(db).await?)
}
