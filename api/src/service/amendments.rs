//! Amendments (issue 13): co-design instead of competing proposals. A resident or youth member
//! proposes a new title and body for someone else's OPEN proposal; its author accepts (the text
//! is replaced under the optimistic version check and the amender becomes a co-author), or
//! rejects (so may a clerk); the amender may withdraw. Amendments follow their proposal's
//! visibility, their authors the youth identity rule.

use entity::{AmendmentStatus, NotificationKind, ProposalStatus, amendment, proposal};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::{
    audit::{self, AuditAction, AuditRecord},
    events::{self, Outbox},
    input,
    notifications::{self, Notice},
    proposals,
};
use crate::{
    args,
    auth::{Viewer, policy::WriteKind},
    db::begin_write,
    error::{AppError, AppResult, Field, UniqueKey},
    ids::{AmendmentId, ProposalId},
    state::AppState,
};

const PENDING_KEY: UniqueKey = UniqueKey {
    table: "amendments",
    columns: &["proposal_id", "author_id"],
    index: Some("idx_amendments_pending_once"),
};

pub const REASON_MAX: usize = 2_000;

pub struct NewAmendment {
    pub proposal_id: ProposalId,
    pub title: String,
    pub body: String,
    pub reason: Option<String>,
}

/// An amendment the viewer may see: one on a proposal they may see.
pub async fn find_visible(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    id: AmendmentId,
) -> AppResult<Option<amendment::Model>> {
    let Some(found) = amendment::Entity::find_by_id(id.0).one(conn).await? else {
        return Ok(None);
    };
    let visible = proposals::find_visible(conn, viewer, ProposalId(found.proposal_id)).await?;
    Ok(visible.map(|_| found))
}

/// An amendment and its proposal (row locked on PostgreSQL), for deciding on it.
async fn find_for_decision(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    id: AmendmentId,
) -> AppResult<(amendment::Model, proposal::Model)> {
    let found = find_visible(conn, viewer, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let proposal = proposal::Entity::find_by_id(found.proposal_id)
        .lock_exclusive()
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((found, proposal))
}

fn notice(proposal: &proposal::Model, amendment: &amendment::Model) -> Notice {
    Notice {
        amendment_id: Some(amendment.id),
        ..Notice::about(proposal)
    }
}

pub async fn propose(
    state: &AppState,
    viewer: &Viewer,
    new: NewAmendment,
) -> AppResult<amendment::Model> {
    viewer.require_active()?;
    let title = input::line(
        Field::Title,
        &new.title,
        proposals::TITLE.0,
        proposals::TITLE.1,
    )?;
    let body = input::text(Field::Body, &new.body, proposals::BODY.0, proposals::BODY.1)?;
    let reason = new
        .reason
        .filter(|r| !r.trim().is_empty())
        .map(|r| input::text(Field::Reason, &r, 1, REASON_MAX))
        .transpose()?;
    let now = crate::clock::now();
    let mut outbox = Outbox::default();
    let txn = begin_write(&state.db).await?;
    let (proposal, forum) = proposals::find_visible(&txn, viewer, new.proposal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let actor = viewer.require_may_write(&forum, WriteKind::Propose)?;
    // The council answers officially instead.
    if actor.role.is_council() {
        return Err(AppError::forbidden("error-amendment-council"));
    }
    if proposal.author_id == actor.id {
        return Err(AppError::forbidden("error-amendment-own"));
    }
    if proposal.status != ProposalStatus::Open {
        return Err(AppError::conflict("error-amendment-not-open"));
    }
    let amendment = amendment::ActiveModel {
        proposal_id: Set(proposal.id),
        author_id: Set(actor.id),
        author_role: Set(actor.role),
        title: Set(title),
        body: Set(body),
        reason: Set(reason),
        status: Set(AmendmentStatus::Pending),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(AppError::on_unique_violation(
        PENDING_KEY,
        AppError::conflict("error-amendment-pending"),
    ))?;
    notifications::notify(
        &txn,
        &mut outbox,
        NotificationKind::AmendmentProposed,
        [proposal.author_id],
        Some(actor.id),
        &notice(&proposal, &amendment),
        now,
    )
    .await?;
    events::commit(state, txn, outbox).await?;
    Ok(amendment)
}

/// The proposal's author takes the amendment: its title and body replace the proposal's, from
/// the version the author last saw, in the audit trail; the amender is told.
pub async fn accept(
    state: &AppState,
    viewer: &Viewer,
    id: AmendmentId,
    expected_version: i32,
) -> AppResult<proposal::Model> {
    let actor = viewer.require_active()?;
    let now = crate::clock::now();
    let mut outbox = Outbox::default();
    let txn = begin_write(&state.db).await?;
    let (amendment, proposal) = find_for_decision(&txn, viewer, id).await?;
    if proposal.author_id != actor.id {
        return Err(AppError::forbidden("error-only-author"));
    }
    if amendment.status != AmendmentStatus::Pending {
        return Err(AppError::conflict("error-amendment-decided"));
    }
    if proposal.status != ProposalStatus::Open {
        return Err(AppError::conflict("error-amendment-not-open"));
    }
    if proposal.version != expected_version {
        return Err(AppError::conflict_with(
            "error-proposal-stale",
            args!(version = expected_version),
        ));
    }
    // Through the ActiveModel, so that the folded search text follows the new text.
    let mut active: proposal::ActiveModel = proposal.into();
    active.title = Set(amendment.title.clone());
    active.body = Set(amendment.body.clone());
    active.version = Set(expected_version + 1);
    active.updated_at = Set(now);
    active.last_activity_at = Set(now);
    let proposal = active.update(&txn).await?;
    let amendment = decide(&txn, amendment, AmendmentStatus::Accepted, None, now).await?;
    audit::record(
        &txn,
        AuditRecord {
            actor_id: Some(actor.id),
            action: AuditAction::ProposalAmended,
            subject_id: Some(ProposalId(proposal.id).to_global()),
            detail: Some(AmendmentId(amendment.id).to_global()),
        },
        now,
    )
    .await?;
    tell_author(&txn, &mut outbox, &proposal, &amendment, actor.id, now).await?;
    events::commit(state, txn, outbox).await?;
    Ok(proposal)
}

/// The proposal's author or a clerk declines a PENDING amendment.
pub async fn reject(
    state: &AppState,
    viewer: &Viewer,
    id: AmendmentId,
    reason: Option<String>,
) -> AppResult<amendment::Model> {
    let actor = viewer.require_active()?;
    let reason = reason
        .filter(|r| !r.trim().is_empty())
        .map(|r| input::text(Field::Reason, &r, 1, REASON_MAX))
        .transpose()?;
    let now = crate::clock::now();
    let mut outbox = Outbox::default();
    let txn = begin_write(&state.db).await?;
    let (amendment, proposal) = find_for_decision(&txn, viewer, id).await?;
    if proposal.author_id != actor.id && !viewer.is_clerk() {
        return Err(AppError::forbidden("error-amendment-only-author-or-clerk"));
    }
    if amendment.status != AmendmentStatus::Pending {
        return Err(AppError::conflict("error-amendment-decided"));
    }
    let amendment = decide(
        &txn,
        amendment,
        AmendmentStatus::Rejected,
        reason.clone(),
        now,
    )
    .await?;
    audit::record(
        &txn,
        AuditRecord {
            actor_id: Some(actor.id),
            action: AuditAction::AmendmentRejected,
            subject_id: Some(AmendmentId(amendment.id).to_global()),
            detail: reason,
        },
        now,
    )
    .await?;
    tell_author(&txn, &mut outbox, &proposal, &amendment, actor.id, now).await?;
    events::commit(state, txn, outbox).await?;
    Ok(amendment)
}

/// Its author takes back a PENDING amendment.
pub async fn withdraw(
    state: &AppState,
    viewer: &Viewer,
    id: AmendmentId,
) -> AppResult<amendment::Model> {
    let actor = viewer.require_active()?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let (amendment, _) = find_for_decision(&txn, viewer, id).await?;
    if amendment.author_id != actor.id {
        return Err(AppError::forbidden("error-only-author"));
    }
    if amendment.status != AmendmentStatus::Pending {
        return Err(AppError::conflict("error-amendment-decided"));
    }
    let amendment = decide(&txn, amendment, AmendmentStatus::Withdrawn, None, now).await?;
    txn.commit().await?;
    Ok(amendment)
}

async fn decide(
    conn: &impl ConnectionTrait,
    amendment: amendment::Model,
    status: AmendmentStatus,
    rejection_reason: Option<String>,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<amendment::Model> {
    let mut active: amendment::ActiveModel = amendment.into();
    active.status = Set(status);
    active.rejection_reason = Set(rejection_reason);
    active.decided_at = Set(Some(now));
    Ok(active.update(conn).await?)
}

/// AMENDMENT_DECIDED to the amender; the decision is in `detail` (ACCEPTED or REJECTED).
async fn tell_author(
    conn: &impl ConnectionTrait,
    outbox: &mut Outbox,
    proposal: &proposal::Model,
    amendment: &amendment::Model,
    actor_id: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    use sea_orm::ActiveEnum;
    let notice = Notice {
        detail: Some(amendment.status.to_value()),
        ..notice(proposal, amendment)
    };
    notifications::notify(
        conn,
        outbox,
        NotificationKind::AmendmentDecided,
        [amendment.author_id],
        Some(actor_id),
        &notice,
        now,
    )
    .await
}

/// The amendments of these proposals, oldest first (for the loader).
pub async fn of_proposals(
    conn: &impl ConnectionTrait,
    proposal_ids: impl IntoIterator<Item = i32>,
) -> AppResult<Vec<amendment::Model>> {
    Ok(amendment::Entity::find()
        .filter(amendment::Column::ProposalId.is_in(proposal_ids))
        .order_by_asc(amendment::Column::Id)
        .all(conn)
        .await?)
}

/// Someone's own amendments, oldest first (exportMyData).
pub async fn of_author(
    conn: &impl ConnectionTrait,
    author_id: i32,
) -> AppResult<Vec<amendment::Model>> {
    Ok(amendment::Entity::find()
        .filter(amendment::Column::AuthorId.eq(author_id))
        .order_by_asc(amendment::Column::Id)
        .all(conn)
        .await?)
}
