//! The council's official responses to proposals: the two-way half of the conversation.

use entity::{Decision, NotificationKind, ProposalStatus, ResponseKind, council_response};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set};

use super::{
    events::{self, Outbox, ProposalEventKind},
    follows::{self, Target},
    input,
    lifecycle::{self, Event},
    notifications::{self, Notice},
    proposals,
};
use crate::{
    args,
    auth::Viewer,
    db::begin_write,
    error::{AppError, AppResult, Field},
    i18n::{Arg, names},
    ids::{CouncilResponseId, ProposalId},
    state::AppState,
};

pub const BODY: (usize, usize) = (1, 5_000);

/// A response the viewer may see: one on a proposal they may see.
pub async fn find_visible(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    response_id: CouncilResponseId,
) -> AppResult<Option<council_response::Model>> {
    let Some(response) = council_response::Entity::find_by_id(response_id.0)
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let visible = proposals::find_visible(conn, viewer, ProposalId(response.proposal_id))
        .await?
        .is_some();
    Ok(visible.then_some(response))
}

pub struct NewResponse {
    pub proposal_id: ProposalId,
    pub kind: ResponseKind,
    pub decision: Option<Decision>,
    pub body: String,
}

/// Statuses a response of this kind may be given on.
fn answerable(kind: ResponseKind, status: ProposalStatus) -> bool {
    use ProposalStatus::*;
    match kind {
        ResponseKind::Decision => matches!(status, Submitted | UnderReview | Deferred),
        _ => matches!(
            status,
            Submitted | UnderReview | Deferred | Accepted | Rejected | Implemented
        ),
    }
}

/// A councillor's or clerk's response. The first that is not a decision puts a SUBMITTED
/// proposal UNDER_REVIEW; a decision decides it. The author and supporters are told.
pub async fn respond(
    state: &AppState,
    viewer: &Viewer,
    new: NewResponse,
) -> AppResult<council_response::Model> {
    let actor = viewer.require_council()?;
    match (new.kind, new.decision) {
        (ResponseKind::Decision, None) => {
            return Err(AppError::invalid(Field::Decision, "error-decision-needed"));
        }
        (kind, Some(_)) if kind != ResponseKind::Decision => {
            return Err(AppError::invalid(
                Field::Decision,
                "error-decision-unexpected",
            ));
        }
        _ => {}
    }
    let body = input::text(Field::Body, &new.body, BODY.0, BODY.1)?;
    let now = crate::clock::now();
    let mut outbox = Outbox::default();
    let txn = begin_write(&state.db).await?;
    let proposal = entity::proposal::Entity::find_by_id(new.proposal_id.0)
        .filter(viewer.proposal_filter())
        .lock_exclusive()
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if !answerable(new.kind, proposal.status) {
        return Err(AppError::conflict_with(
            "error-response-not-allowed",
            args!(
                kind = Arg::Message(names::response_kind(new.kind)),
                status = Arg::Message(names::proposal_status(proposal.status)),
            ),
        ));
    }
    let response = council_response::ActiveModel {
        proposal_id: Set(proposal.id),
        author_id: Set(actor.id),
        kind: Set(new.kind),
        decision: Set(new.decision),
        body: Set(body),
        revisions: Set(serde_json::json!([])),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;

    let first_response = proposal.first_response_at.is_none();
    let mut proposal = proposal;
    if first_response {
        let mut active: entity::proposal::ActiveModel = proposal.into();
        active.first_response_at = Set(Some(now));
        active.last_activity_at = Set(now);
        proposal = active.update(&txn).await?;
    }
    let event = match new.decision {
        Some(decision) => Some(Event::Decide(decision)),
        None if proposal.status == ProposalStatus::Submitted => Some(Event::FirstResponse),
        None => None,
    };
    if let Some(event) = event {
        proposal =
            lifecycle::apply(&txn, &mut outbox, proposal, event, Some(actor), None, now).await?;
    }
    outbox.proposal(ProposalEventKind::CouncilResponded, &proposal, now);
    let notice = Notice {
        council_response_id: Some(response.id),
        ..Notice::about(&proposal)
    };
    let recipients = follows::followers(&txn, Target::Proposal(ProposalId(proposal.id))).await?;
    notifications::notify(
        &txn,
        &mut outbox,
        NotificationKind::CouncilResponded,
        recipients,
        Some(actor.id),
        &notice,
        now,
    )
    .await?;
    events::commit(state, txn, outbox).await?;
    Ok(response)
}

/// Its author's correction; the earlier text is kept in `revisions`.
pub async fn edit(
    state: &AppState,
    viewer: &Viewer,
    id: CouncilResponseId,
    body: &str,
) -> AppResult<council_response::Model> {
    let actor = viewer.require_council()?;
    let body = input::text(Field::Body, body, BODY.0, BODY.1)?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let response = find_visible(&txn, viewer, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if response.author_id != actor.id {
        return Err(AppError::forbidden("error-only-response-author"));
    }
    if response.hidden_at.is_some() {
        return Err(AppError::forbidden("error-hidden-response"));
    }
    let mut revisions: Vec<String> =
        serde_json::from_value(response.revisions.clone()).unwrap_or_default();
    revisions.push(response.body.clone());
    let mut active: council_response::ActiveModel = response.into();
    active.body = Set(body);
    active.revisions = Set(serde_json::json!(revisions));
    active.edited_at = Set(Some(now));
    let response = active.update(&txn).await?;
    txn.commit().await?;
    Ok(response)
}
