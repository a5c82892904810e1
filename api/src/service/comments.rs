//! Comments on a proposal, a discussion or a council response, with replies; soft deletion.

use entity::{
    Alignment, CommentTargetKind, NotificationKind, ProposalStatus, comment, council_response,
    discussion, forum, proposal,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::Expr,
};

use super::{
    debate, discussions,
    events::{self, Outbox, ProposalEventKind},
    input,
    notifications::{self, Notice},
    proposals,
};
use crate::{
    auth::{Viewer, policy::WriteKind},
    db::begin_write,
    error::{AppError, AppResult, Field},
    ids::{CommentId, DiscussionId, ProposalId},
    state::AppState,
};

pub const BODY: (usize, usize) = (1, 5_000);

/// What a comment is on, resolved and checked visible.
pub enum Target {
    Proposal(proposal::Model),
    Discussion(discussion::Model),
    CouncilResponse(council_response::Model, proposal::Model),
}

impl Target {
    pub fn kind(&self) -> CommentTargetKind {
        match self {
            Target::Proposal(_) => CommentTargetKind::Proposal,
            Target::Discussion(_) => CommentTargetKind::Discussion,
            Target::CouncilResponse(..) => CommentTargetKind::CouncilResponse,
        }
    }

    /// The title of the proposal or discussion the conversation is about.
    pub fn title(&self) -> &str {
        match self {
            Target::Proposal(p) | Target::CouncilResponse(_, p) => &p.title,
            Target::Discussion(d) => &d.title,
        }
    }
}

/// A comment target by id alone, for lists and counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TargetKey {
    Proposal(i32),
    Discussion(i32),
    CouncilResponse(i32),
}

impl TargetKey {
    pub fn of(comment: &comment::Model) -> Option<Self> {
        match comment.target_kind {
            CommentTargetKind::Proposal => comment.proposal_id.map(TargetKey::Proposal),
            CommentTargetKind::Discussion => comment.discussion_id.map(TargetKey::Discussion),
            CommentTargetKind::CouncilResponse => {
                comment.council_response_id.map(TargetKey::CouncilResponse)
            }
        }
    }
}

/// One thread of comments: the top-level comments on a target, or the replies to a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommentScope {
    Target(TargetKey),
    Replies(i32),
}

/// The kinds of thread, each grouped by its own column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ThreadKind {
    Proposal,
    Discussion,
    CouncilResponse,
    Replies,
}

impl ThreadKind {
    pub fn column(self) -> comment::Column {
        match self {
            ThreadKind::Proposal => comment::Column::ProposalId,
            ThreadKind::Discussion => comment::Column::DiscussionId,
            ThreadKind::CouncilResponse => comment::Column::CouncilResponseId,
            ThreadKind::Replies => comment::Column::ParentId,
        }
    }

    /// The thread of this kind with this id.
    pub fn scope(self, id: i32) -> CommentScope {
        match self {
            ThreadKind::Proposal => CommentScope::Target(TargetKey::Proposal(id)),
            ThreadKind::Discussion => CommentScope::Target(TargetKey::Discussion(id)),
            ThreadKind::CouncilResponse => CommentScope::Target(TargetKey::CouncilResponse(id)),
            ThreadKind::Replies => CommentScope::Replies(id),
        }
    }

    /// The thread a comment belongs to, of this kind.
    pub fn thread_of(self, comment: &comment::Model) -> Option<i32> {
        match self {
            ThreadKind::Proposal => comment.proposal_id,
            ThreadKind::Discussion => comment.discussion_id,
            ThreadKind::CouncilResponse => comment.council_response_id,
            ThreadKind::Replies => comment.parent_id,
        }
    }
}

impl CommentScope {
    pub fn kind(self) -> ThreadKind {
        match self {
            CommentScope::Target(TargetKey::Proposal(_)) => ThreadKind::Proposal,
            CommentScope::Target(TargetKey::Discussion(_)) => ThreadKind::Discussion,
            CommentScope::Target(TargetKey::CouncilResponse(_)) => ThreadKind::CouncilResponse,
            CommentScope::Replies(_) => ThreadKind::Replies,
        }
    }

    pub fn id(self) -> i32 {
        match self {
            CommentScope::Target(
                TargetKey::Proposal(id)
                | TargetKey::Discussion(id)
                | TargetKey::CouncilResponse(id),
            )
            | CommentScope::Replies(id) => id,
        }
    }

    /// This thread's comments.
    pub fn condition(self) -> sea_orm::Condition {
        let condition = sea_orm::Condition::all().add(self.kind().column().eq(self.id()));
        match self {
            CommentScope::Target(_) => condition.add(comment::Column::ParentId.is_null()),
            CommentScope::Replies(_) => condition,
        }
    }
}

/// The target and its forum, if the viewer may see it.
pub async fn resolve_target(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    key: TargetKey,
) -> AppResult<Option<(Target, forum::Model)>> {
    Ok(match key {
        TargetKey::Proposal(id) => proposals::find_visible(conn, viewer, ProposalId(id))
            .await?
            .map(|(p, f)| (Target::Proposal(p), f)),
        TargetKey::Discussion(id) => discussions::find_visible(conn, viewer, DiscussionId(id))
            .await?
            .map(|(d, f)| (Target::Discussion(d), f)),
        TargetKey::CouncilResponse(id) => {
            let Some(response) = council_response::Entity::find_by_id(id).one(conn).await? else {
                return Ok(None);
            };
            proposals::find_visible(conn, viewer, ProposalId(response.proposal_id))
                .await?
                .map(|(p, f)| (Target::CouncilResponse(response, p), f))
        }
    })
}

/// A comment the viewer may see: one whose target they may see.
pub async fn find_visible(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    comment_id: CommentId,
) -> AppResult<Option<comment::Model>> {
    let Some(comment) = comment::Entity::find_by_id(comment_id.0).one(conn).await? else {
        return Ok(None);
    };
    let Some(key) = TargetKey::of(&comment) else {
        return Ok(None);
    };
    Ok(resolve_target(conn, viewer, key).await?.map(|_| comment))
}

pub struct NewComment {
    pub target: TargetKey,
    pub parent_id: Option<CommentId>,
    pub body: String,
    pub alignment: Alignment,
}

pub async fn add(state: &AppState, viewer: &Viewer, new: NewComment) -> AppResult<comment::Model> {
    viewer.require_active()?;
    let key = new.target;
    let body = input::text(Field::Body, &new.body, BODY.0, BODY.1)?;
    let alignment = debate::check_alignment(new.alignment, key, new.parent_id.is_some())?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let (target, forum) = resolve_target(&txn, viewer, key)
        .await?
        .ok_or(AppError::NotFound)?;
    let actor = viewer.require_may_write(&forum, WriteKind::Comment)?;
    if let Target::Proposal(p) = &target
        && p.status == ProposalStatus::Draft
    {
        return Err(AppError::conflict("error-draft-no-comments"));
    }
    let parent = match new.parent_id {
        Some(parent_id) => {
            let parent = comment::Entity::find_by_id(parent_id.0).one(&txn).await?;
            match parent {
                Some(parent) if TargetKey::of(&parent) == Some(key) => Some(parent),
                _ => return Err(AppError::invalid(Field::ParentId, "error-parent-elsewhere")),
            }
        }
        None => None,
    };
    let (proposal_id, discussion_id, council_response_id) = match &target {
        Target::Proposal(p) => (Some(p.id), None, None),
        Target::Discussion(d) => (None, Some(d.id), None),
        Target::CouncilResponse(r, _) => (None, None, Some(r.id)),
    };
    let comment = comment::ActiveModel {
        target_kind: Set(target.kind()),
        proposal_id: Set(proposal_id),
        discussion_id: Set(discussion_id),
        council_response_id: Set(council_response_id),
        parent_id: Set(parent.as_ref().map(|p| p.id)),
        author_id: Set(actor.id),
        author_role: Set(actor.role),
        from_council: Set(actor.role.is_council()),
        body: Set(Some(body)),
        created_at: Set(now),
        alignment: Set(alignment),
        up_votes: Set(0),
        down_votes: Set(0),
        score: Set(0),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    touch(&txn, &target, now).await?;
    let mut outbox = Outbox::default();
    if let Target::Proposal(p) | Target::CouncilResponse(_, p) = &target {
        outbox.proposal(ProposalEventKind::CommentAdded, p, now);
    }
    // The person answered: the parent comment's author, else the council response's author.
    let answered = match (&parent, &target) {
        (Some(parent), _) => Some(parent.author_id),
        (None, Target::CouncilResponse(response, _)) => Some(response.author_id),
        _ => None,
    };
    if let Some(answered) = answered {
        let notice = Notice {
            proposal_id: match &target {
                Target::Proposal(p) | Target::CouncilResponse(_, p) => Some(p.id),
                Target::Discussion(_) => None,
            },
            discussion_id: match &target {
                Target::Discussion(d) => Some(d.id),
                _ => None,
            },
            council_response_id: match &target {
                Target::CouncilResponse(r, _) => Some(r.id),
                _ => None,
            },
            comment_id: Some(comment.id),
            subject: Some(target.title().to_string()),
            ..Notice::default()
        };
        notifications::notify(
            &txn,
            &mut outbox,
            NotificationKind::ReplyReceived,
            [answered],
            Some(actor.id),
            &notice,
            now,
        )
        .await?;
    }
    events::commit(state, txn, outbox).await?;
    Ok(comment)
}

/// A comment makes its proposal or discussion recently active.
async fn touch(
    conn: &impl ConnectionTrait,
    target: &Target,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    match target {
        Target::Proposal(p) | Target::CouncilResponse(_, p) => {
            proposal::Entity::update_many()
                .col_expr(proposal::Column::LastActivityAt, Expr::value(now))
                .filter(proposal::Column::Id.eq(p.id))
                .exec(conn)
                .await?;
        }
        Target::Discussion(d) => {
            discussion::Entity::update_many()
                .col_expr(discussion::Column::LastActivityAt, Expr::value(now))
                .filter(discussion::Column::Id.eq(d.id))
                .exec(conn)
                .await?;
        }
    }
    Ok(())
}

async fn find_own(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    id: CommentId,
) -> AppResult<comment::Model> {
    let actor = viewer.require_active()?;
    let comment = find_visible(conn, viewer, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if comment.author_id != actor.id {
        return Err(AppError::forbidden("error-only-author"));
    }
    // What a moderator hid stays as it was until a clerk restores it: nothing is lost.
    if comment.hidden_at.is_some() {
        return Err(AppError::forbidden("error-hidden-comment"));
    }
    Ok(comment)
}

pub async fn edit(
    state: &AppState,
    viewer: &Viewer,
    id: CommentId,
    body: &str,
) -> AppResult<comment::Model> {
    viewer.require_active()?;
    let body = input::text(Field::Body, body, BODY.0, BODY.1)?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let comment = find_own(&txn, viewer, id).await?;
    if comment.deleted_at.is_some() {
        return Err(AppError::conflict("error-comment-deleted"));
    }
    let mut active: comment::ActiveModel = comment.into();
    active.body = Set(Some(body));
    active.edited_at = Set(Some(now));
    let comment = active.update(&txn).await?;
    txn.commit().await?;
    Ok(comment)
}

/// Soft: the body goes, the comment keeps its place and its replies. Idempotent.
pub async fn delete(state: &AppState, viewer: &Viewer, id: CommentId) -> AppResult<comment::Model> {
    viewer.require_active()?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let comment = find_own(&txn, viewer, id).await?;
    if comment.deleted_at.is_some() {
        return Ok(comment);
    }
    let mut active: comment::ActiveModel = comment.into();
    active.body = Set(None);
    active.deleted_at = Set(Some(now));
    let comment = active.update(&txn).await?;
    txn.commit().await?;
    Ok(comment)
}
