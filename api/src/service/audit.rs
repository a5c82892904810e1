//! The audit log: every clerk action, written in the same transaction as the action.

use chrono::{DateTime, Utc};
use entity::audit_entry;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};

use super::page::{Page, PageRequest, newest_first};
use crate::{auth::Viewer, error::AppResult, ids::AuditEntryId};

/// What an audit entry records; stored as its dotted name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    UserRoleChanged,
    UserApproved,
    UserSuspended,
    UserReinstated,
    UserDeleted,
    ForumCreated,
    ForumUpdated,
    ForumArchived,
    ProposalStatusChanged,
    ProposalForwarded,
    ProposalLinked,
    ProposalUnlinked,
    ContentHidden,
    ContentUnhidden,
    ReportResolved,
    ReportDismissed,
    StrategyCreated,
    StrategyUpdated,
    ObjectiveAdded,
    IndicatorAdded,
    MeasurementRecorded,
    DemoSeeded,
    ProposalTagged,
}

impl AuditAction {
    /// The stored name, a dotted verb (`AuditEntry.action` in the contract).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UserRoleChanged => "user.role_changed",
            Self::UserApproved => "user.approved",
            Self::UserSuspended => "user.suspended",
            Self::UserReinstated => "user.reinstated",
            Self::UserDeleted => "user.deleted",
            Self::ForumCreated => "forum.created",
            Self::ForumUpdated => "forum.updated",
            Self::ForumArchived => "forum.archived",
            Self::ProposalStatusChanged => "proposal.status_changed",
            Self::ProposalForwarded => "proposal.forwarded",
            Self::ProposalLinked => "proposal.linked",
            Self::ProposalUnlinked => "proposal.unlinked",
            Self::ContentHidden => "content.hidden",
            Self::ContentUnhidden => "content.unhidden",
            Self::ReportResolved => "report.resolved",
            Self::ReportDismissed => "report.dismissed",
            Self::StrategyCreated => "strategy.created",
            Self::StrategyUpdated => "strategy.updated",
            Self::ObjectiveAdded => "objective.added",
            Self::IndicatorAdded => "indicator.added",
            Self::MeasurementRecorded => "measurement.recorded",
            Self::DemoSeeded => "demo.seeded",
            Self::ProposalTagged => "proposal.tagged",
        }
    }
}

pub struct AuditRecord {
    /// Null for what the system did by itself.
    pub actor_id: Option<i32>,
    pub action: AuditAction,
    pub subject_id: Option<String>,
    pub detail: Option<String>,
}

pub async fn record(
    conn: &impl ConnectionTrait,
    entry: AuditRecord,
    at: DateTime<Utc>,
) -> AppResult<()> {
    audit_entry::ActiveModel {
        actor_id: Set(entry.actor_id),
        action: Set(entry.action.as_str().to_string()),
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
    entry_id: AuditEntryId,
) -> AppResult<Option<audit_entry::Model>> {
    if !viewer.is_clerk() {
        return Ok(None);
    }
    Ok(audit_entry::Entity::find_by_id(entry_id.0).one(db).await?)
}
