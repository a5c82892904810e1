//! Proposals: writing, publishing, editing under optimistic locking, supporting, and the
//! clerks' moves. Every status change goes through `lifecycle::apply`.

use entity::{Language, NotificationKind, ProposalStatus, WellbeingGoal, forum, proposal, support};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
    sea_query::{Expr, ExprTrait, OnConflict},
};

use super::{
    audit::{self, AuditAction, AuditRecord},
    events::{self, Outbox, ProposalEventKind},
    follows::{self, Target},
    input,
    lifecycle::{self, Event},
    notifications::{self, Notice},
    wellbeing,
};
use crate::{
    args,
    auth::{Actor, Viewer, policy::WriteKind},
    db::begin_write,
    error::{AppError, AppResult, Field, UniqueKey},
    ids::{ForumId, ProposalId},
    state::AppState,
};

const FORWARDED_KEY: UniqueKey = UniqueKey {
    table: "proposals",
    columns: &["forwarded_from_id"],
    index: None,
};

pub const TITLE: (usize, usize) = (5, 150);
pub const BODY: (usize, usize) = (1, 20_000);

/// A proposal the viewer may see, with its forum; `None` for one that does not exist for them.
pub async fn find_visible(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    proposal_id: ProposalId,
) -> AppResult<Option<(proposal::Model, forum::Model)>> {
    let found = proposal::Entity::find_by_id(proposal_id.0)
        .filter(viewer.proposal_filter())
        .find_also_related(forum::Entity)
        .one(conn)
        .await?;
    Ok(found.and_then(|(proposal, forum)| Some((proposal, forum?))))
}

/// For mutations: the proposal behind an ID argument, or NOT_FOUND. On PostgreSQL the row is
/// locked until the transaction ends, so concurrent changes to it queue.
pub(super) async fn find_for_update(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    id: ProposalId,
) -> AppResult<(proposal::Model, forum::Model)> {
    let found = proposal::Entity::find_by_id(id.0)
        .filter(viewer.proposal_filter())
        .lock_exclusive()
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    let forum = forum::Entity::find_by_id(found.forum_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((found, forum))
}

fn require_author<'a>(viewer: &'a Viewer, proposal: &proposal::Model) -> AppResult<&'a Actor> {
    let actor = viewer.require_active()?;
    if actor.id == proposal.author_id {
        Ok(actor)
    } else {
        Err(AppError::forbidden("error-only-author"))
    }
}

pub struct NewProposal {
    pub forum_id: ForumId,
    pub title: String,
    pub body: String,
    pub language: Language,
    /// None: untagged.
    pub wellbeing_goals: Vec<WellbeingGoal>,
}

/// A new DRAFT, seen by its author alone until published.
pub async fn create(
    state: &AppState,
    viewer: &Viewer,
    new: NewProposal,
) -> AppResult<proposal::Model> {
    viewer.require_active()?;
    let title = input::line(Field::Title, &new.title, TITLE.0, TITLE.1)?;
    let body = input::text(Field::Body, &new.body, BODY.0, BODY.1)?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let forum = forum::Entity::find_by_id(new.forum_id.0)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::invalid(Field::ForumId, "error-no-such-forum"))?;
    let actor = viewer.require_may_write(&forum, WriteKind::Propose)?;
    let proposal = proposal::ActiveModel {
        forum_id: Set(forum.id),
        author_id: Set(actor.id),
        author_role: Set(actor.role),
        title: Set(title),
        body: Set(body),
        language: Set(new.language),
        status: Set(ProposalStatus::Draft),
        version: Set(1),
        support_count: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        listed_at: Set(now),
        last_activity_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    lifecycle::record(&txn, &proposal, None, Some(actor), None, now).await?;
    wellbeing::set_proposal_goals(&txn, proposal.id, &wellbeing::goal_set(new.wellbeing_goals))
        .await?;
    follows::add(
        &txn,
        actor.id,
        Target::Proposal(ProposalId(proposal.id)),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(proposal)
}

pub struct ProposalEdit {
    pub title: Option<String>,
    pub body: Option<String>,
    /// None: the goals stay as they are.
    pub wellbeing_goals: Option<Vec<WellbeingGoal>>,
}

/// The author's edit of a DRAFT or OPEN proposal, only from the version they last saw.
pub async fn update(
    state: &AppState,
    viewer: &Viewer,
    id: ProposalId,
    expected_version: i32,
    edit: ProposalEdit,
) -> AppResult<proposal::Model> {
    viewer.require_active()?;
    let title = edit
        .title
        .map(|t| input::line(Field::Title, &t, TITLE.0, TITLE.1))
        .transpose()?;
    let body = edit
        .body
        .map(|b| input::text(Field::Body, &b, BODY.0, BODY.1))
        .transpose()?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let (proposal, forum) = find_for_update(&txn, viewer, id).await?;
    require_author(viewer, &proposal)?;
    if proposal.hidden_at.is_some() {
        return Err(AppError::forbidden("error-hidden-proposal"));
    }
    if forum.archived_at.is_some() {
        return Err(AppError::forbidden("error-forum-archived"));
    }
    if !matches!(
        proposal.status,
        ProposalStatus::Draft | ProposalStatus::Open
    ) {
        return Err(AppError::conflict("error-proposal-not-editable"));
    }
    if proposal.version != expected_version {
        return Err(AppError::conflict_with(
            "error-proposal-stale",
            args!(version = expected_version),
        ));
    }
    // The row is locked (find_for_update), so the version read is the version written over.
    // Through the ActiveModel, so that the folded search text follows the new text.
    let mut active: proposal::ActiveModel = proposal.into();
    active.version = Set(expected_version + 1);
    active.updated_at = Set(now);
    active.last_activity_at = Set(now);
    if let Some(title) = title {
        active.title = Set(title);
    }
    if let Some(body) = body {
        active.body = Set(body);
    }
    let updated = active.update(&txn).await?;
    if let Some(goals) = edit.wellbeing_goals {
        wellbeing::set_proposal_goals(&txn, updated.id, &wellbeing::goal_set(goals)).await?;
    }
    txn.commit().await?;
    Ok(updated)
}

async fn reload(conn: &impl ConnectionTrait, proposal_id: i32) -> AppResult<proposal::Model> {
    proposal::Entity::find_by_id(proposal_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn publish(
    state: &AppState,
    viewer: &Viewer,
    id: ProposalId,
) -> AppResult<proposal::Model> {
    viewer.require_active()?;
    let now = crate::clock::now();
    let mut outbox = Outbox::default();
    let txn = begin_write(&state.db).await?;
    let (proposal, forum) = find_for_update(&txn, viewer, id).await?;
    require_author(viewer, &proposal)?;
    let actor = viewer.require_may_write(&forum, WriteKind::Propose)?;
    let published = lifecycle::apply(
        &txn,
        &mut outbox,
        proposal,
        Event::Publish,
        Some(actor),
        None,
        now,
    )
    .await?;
    let mut recipients = notifications::forum_members(&txn, forum.id).await?;
    recipients.extend(follows::followers(&txn, Target::Forum(ForumId(forum.id))).await?);
    notifications::notify(
        &txn,
        &mut outbox,
        NotificationKind::NewProposalInForum,
        recipients,
        Some(actor.id),
        &Notice::about(&published),
        now,
    )
    .await?;
    events::commit(state, txn, outbox).await?;
    Ok(published)
}

pub async fn withdraw(
    state: &AppState,
    viewer: &Viewer,
    id: ProposalId,
) -> AppResult<proposal::Model> {
    viewer.require_active()?;
    let now = crate::clock::now();
    let mut outbox = Outbox::default();
    let txn = begin_write(&state.db).await?;
    let (proposal, _) = find_for_update(&txn, viewer, id).await?;
    let actor = require_author(viewer, &proposal)?;
    let withdrawn = lifecycle::apply(
        &txn,
        &mut outbox,
        proposal,
        Event::Withdraw,
        Some(actor),
        None,
        now,
    )
    .await?;
    events::commit(state, txn, outbox).await?;
    Ok(withdrawn)
}

/// A clerk sends an OPEN proposal to the council before it reaches the threshold.
pub async fn submit_to_council(
    state: &AppState,
    viewer: &Viewer,
    id: ProposalId,
    note: Option<String>,
) -> AppResult<proposal::Model> {
    viewer.require_clerk()?;
    let note = input::optional_note(Field::Note, note)?;
    clerk_move(state, viewer, id, Event::SubmitToCouncil, note).await
}

/// A clerk records that an ACCEPTED proposal has been done, saying what was done.
pub async fn mark_implemented(
    state: &AppState,
    viewer: &Viewer,
    id: ProposalId,
    note: &str,
) -> AppResult<proposal::Model> {
    viewer.require_clerk()?;
    let note = input::note(Field::Note, note)?;
    clerk_move(state, viewer, id, Event::MarkImplemented, Some(note)).await
}

async fn clerk_move(
    state: &AppState,
    viewer: &Viewer,
    id: ProposalId,
    event: Event,
    note: Option<String>,
) -> AppResult<proposal::Model> {
    let clerk = viewer.require_clerk()?;
    let now = crate::clock::now();
    let mut outbox = Outbox::default();
    let txn = begin_write(&state.db).await?;
    let (proposal, _) = find_for_update(&txn, viewer, id).await?;
    let moved =
        lifecycle::apply(&txn, &mut outbox, proposal, event, Some(clerk), note, now).await?;
    events::commit(state, txn, outbox).await?;
    Ok(moved)
}

fn supportable(status: ProposalStatus) -> bool {
    matches!(
        status,
        ProposalStatus::Open | ProposalStatus::Submitted | ProposalStatus::UnderReview
    )
}

/// Idempotent. The support that reaches the forum's threshold sends an OPEN proposal to the
/// council in the same transaction. The count moves only with an inserted row, under the
/// proposal's row lock, so it always equals the number of supporters.
pub async fn support(
    state: &AppState,
    viewer: &Viewer,
    id: ProposalId,
) -> AppResult<proposal::Model> {
    viewer.require_active()?;
    let now = crate::clock::now();
    let mut outbox = Outbox::default();
    let txn = begin_write(&state.db).await?;
    let (proposal, forum) = find_for_update(&txn, viewer, id).await?;
    let actor = viewer.require_may_write(&forum, WriteKind::Support)?;
    if proposal.author_id == actor.id {
        return Err(AppError::forbidden("error-own-proposal-support"));
    }
    if !supportable(proposal.status) {
        return Err(AppError::conflict("error-support-not-taken"));
    }
    let inserted = support::Entity::insert(support::ActiveModel {
        proposal_id: Set(proposal.id),
        user_id: Set(actor.id),
        supporter_role: Set(actor.role),
        created_at: Set(now),
    })
    .on_conflict(
        OnConflict::columns([support::Column::ProposalId, support::Column::UserId])
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if inserted == 0 {
        return Ok(proposal);
    }
    follows::add(
        &txn,
        actor.id,
        Target::Proposal(ProposalId(proposal.id)),
        now,
    )
    .await?;
    adjust_support_count(&txn, proposal.id, 1, now).await?;
    let mut proposal = reload(&txn, proposal.id).await?;
    outbox.proposal(ProposalEventKind::SupportChanged, &proposal, now);
    if proposal.status == ProposalStatus::Open && proposal.support_count >= forum.support_threshold
    {
        proposal = lifecycle::apply(
            &txn,
            &mut outbox,
            proposal,
            Event::ThresholdReached,
            None,
            // `history` names the threshold in the reader's language.
            None,
            now,
        )
        .await?;
    }
    events::commit(state, txn, outbox).await?;
    Ok(proposal)
}

/// Idempotent: withdrawing a support one never gave changes nothing.
pub async fn withdraw_support(
    state: &AppState,
    viewer: &Viewer,
    id: ProposalId,
) -> AppResult<proposal::Model> {
    let actor = viewer.require_active()?;
    let now = crate::clock::now();
    let mut outbox = Outbox::default();
    let txn = begin_write(&state.db).await?;
    let (proposal, _) = find_for_update(&txn, viewer, id).await?;
    if !supportable(proposal.status) {
        return Err(AppError::conflict("error-support-frozen"));
    }
    let removed = support::Entity::delete_many()
        .filter(support::Column::ProposalId.eq(proposal.id))
        .filter(support::Column::UserId.eq(actor.id))
        .exec(&txn)
        .await?
        .rows_affected;
    if removed == 0 {
        return Ok(proposal);
    }
    adjust_support_count(&txn, proposal.id, -1, now).await?;
    let proposal = reload(&txn, proposal.id).await?;
    outbox.proposal(ProposalEventKind::SupportChanged, &proposal, now);
    events::commit(state, txn, outbox).await?;
    Ok(proposal)
}

async fn adjust_support_count(
    conn: &impl ConnectionTrait,
    proposal_id: i32,
    delta: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    proposal::Entity::update_many()
        .col_expr(
            proposal::Column::SupportCount,
            Expr::col(proposal::Column::SupportCount).add(delta),
        )
        .col_expr(proposal::Column::LastActivityAt, Expr::value(now))
        .filter(proposal::Column::Id.eq(proposal_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// A clerk forwards a youth proposal (OPEN or later) to the themed forum its youth forum
/// shadows, as a linked SUBMITTED copy that the council answers like any other. The author
/// stays a youth member, so their name stays hidden outside the youth circle.
pub async fn forward_youth_proposal(
    state: &AppState,
    viewer: &Viewer,
    id: ProposalId,
    note: Option<String>,
) -> AppResult<proposal::Model> {
    let clerk = viewer.require_clerk()?;
    let note = input::optional_note(Field::Note, note)?;
    let now = crate::clock::now();
    let mut outbox = Outbox::default();
    let txn = begin_write(&state.db).await?;
    let (original, forum) = find_for_update(&txn, viewer, id).await?;
    let Some(themed_id) = forum.shadow_of_id else {
        return Err(AppError::conflict("error-forward-not-youth"));
    };
    if matches!(
        original.status,
        ProposalStatus::Draft | ProposalStatus::Withdrawn
    ) {
        return Err(AppError::conflict("error-forward-too-early"));
    }
    let copy = proposal::ActiveModel {
        forum_id: Set(themed_id),
        author_id: Set(original.author_id),
        author_role: Set(original.author_role),
        title: Set(original.title.clone()),
        body: Set(original.body.clone()),
        language: Set(original.language),
        status: Set(ProposalStatus::Submitted),
        version: Set(1),
        support_count: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        listed_at: Set(now),
        last_activity_at: Set(now),
        published_at: Set(Some(now)),
        submitted_at: Set(Some(now)),
        forwarded_from_id: Set(Some(original.id)),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(AppError::on_unique_violation(
        FORWARDED_KEY,
        AppError::conflict("error-already-forwarded"),
    ))?;
    lifecycle::record(&txn, &copy, None, Some(clerk), note.clone(), now).await?;
    // The young author follows their proposal on its way through the council.
    follows::add(
        &txn,
        copy.author_id,
        Target::Proposal(ProposalId(copy.id)),
        now,
    )
    .await?;
    audit::record(
        &txn,
        AuditRecord {
            actor_id: Some(clerk.id),
            action: AuditAction::ProposalForwarded,
            subject_id: Some(ProposalId(original.id).to_global()),
            detail: Some(ProposalId(copy.id).to_global()),
        },
        now,
    )
    .await?;
    outbox.proposal(ProposalEventKind::Published, &copy, now);
    let notice = Notice {
        status: Some(ProposalStatus::Submitted),
        ..Notice::about(&copy)
    };
    notifications::notify(
        &txn,
        &mut outbox,
        NotificationKind::ProposalStatusChanged,
        [original.author_id],
        Some(clerk.id),
        &notice,
        now,
    )
    .await?;
    events::commit(state, txn, outbox).await?;
    Ok(copy)
}
