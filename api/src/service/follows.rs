//! Follows: people hear of what happens to the proposals, discussions and forums they follow.
//! Authors follow what they write and supporters what they support, until they unfollow.

use chrono::{DateTime, Utc};
use entity::{FollowTargetKind, discussion, follow, proposal};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
    sea_query::{OnConflict, Query},
};

use super::{
    discussions, forums,
    page::{Page, PageRequest, newest_first},
    proposals,
};
use crate::{
    auth::Viewer,
    db::begin_write,
    error::{AppError, AppResult},
    ids::{DiscussionId, ForumId, NodeKind, ProposalId, decode},
    state::AppState,
};

/// What can be followed, by its typed id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Proposal(ProposalId),
    Discussion(DiscussionId),
    Forum(ForumId),
}

impl Target {
    /// The target behind a global id; an id of anything else is a thing that does not exist.
    pub fn from_object(global: &str) -> AppResult<Self> {
        match decode(global) {
            Some((NodeKind::Proposal, id)) => Ok(Self::Proposal(ProposalId(id))),
            Some((NodeKind::Discussion, id)) => Ok(Self::Discussion(DiscussionId(id))),
            Some((NodeKind::Forum, id)) => Ok(Self::Forum(ForumId(id))),
            _ => Err(AppError::NotFound),
        }
    }

    pub fn of(kind: FollowTargetKind, id: i32) -> Self {
        match kind {
            FollowTargetKind::Proposal => Self::Proposal(ProposalId(id)),
            FollowTargetKind::Discussion => Self::Discussion(DiscussionId(id)),
            FollowTargetKind::Forum => Self::Forum(ForumId(id)),
        }
    }

    pub fn key(self) -> (FollowTargetKind, i32) {
        match self {
            Self::Proposal(id) => (FollowTargetKind::Proposal, id.0),
            Self::Discussion(id) => (FollowTargetKind::Discussion, id.0),
            Self::Forum(id) => (FollowTargetKind::Forum, id.0),
        }
    }
}

/// NOT_FOUND unless the viewer may see the target.
async fn require_visible(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    target: Target,
) -> AppResult<()> {
    let found = match target {
        Target::Proposal(id) => proposals::find_visible(conn, viewer, id).await?.is_some(),
        Target::Discussion(id) => discussions::find_visible(conn, viewer, id).await?.is_some(),
        Target::Forum(id) => forums::by_id(conn, id).await?.is_some(),
    };
    found.then_some(()).ok_or(AppError::NotFound)
}

/// Idempotent: following twice is following once.
pub async fn follow(state: &AppState, viewer: &Viewer, target: Target) -> AppResult<bool> {
    let actor = viewer.require_active()?;
    let txn = begin_write(&state.db).await?;
    require_visible(&txn, viewer, target).await?;
    add(&txn, actor.id, target, crate::clock::now()).await?;
    txn.commit().await?;
    Ok(true)
}

/// Idempotent: unfollowing what one does not follow changes nothing.
pub async fn unfollow(state: &AppState, viewer: &Viewer, target: Target) -> AppResult<bool> {
    let actor = viewer.require_active()?;
    let txn = begin_write(&state.db).await?;
    require_visible(&txn, viewer, target).await?;
    let (kind, id) = target.key();
    follow::Entity::delete_many()
        .filter(follow::Column::UserId.eq(actor.id))
        .filter(follow::Column::TargetKind.eq(kind))
        .filter(follow::Column::TargetId.eq(id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(true)
}

/// `user_id` follows `target` (for authors and supporters, in the transaction of their act).
pub async fn add(
    conn: &impl ConnectionTrait,
    user_id: i32,
    target: Target,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let (kind, id) = target.key();
    follow::Entity::insert(follow::ActiveModel {
        user_id: Set(user_id),
        target_kind: Set(kind),
        target_id: Set(id),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::columns([
            follow::Column::UserId,
            follow::Column::TargetKind,
            follow::Column::TargetId,
        ])
        .do_nothing()
        .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// Everyone who follows `target`; whether each may still be told is decided at delivery.
pub async fn followers(conn: &impl ConnectionTrait, target: Target) -> AppResult<Vec<i32>> {
    let (kind, id) = target.key();
    Ok(follow::Entity::find()
        .select_only()
        .column(follow::Column::UserId)
        .filter(follow::Column::TargetKind.eq(kind))
        .filter(follow::Column::TargetId.eq(id))
        .into_tuple()
        .all(conn)
        .await?)
}

/// The follows of `viewer` whose targets they may see now, newest first.
pub fn visible_follows(viewer: &Viewer, user_id: i32) -> Condition {
    let visible_proposals = Query::select()
        .column(proposal::Column::Id)
        .from(proposal::Entity)
        .cond_where(viewer.proposal_filter())
        .to_owned();
    let visible_discussions = Query::select()
        .column(discussion::Column::Id)
        .from(discussion::Entity)
        .cond_where(viewer.discussion_filter())
        .to_owned();
    Condition::all()
        .add(follow::Column::UserId.eq(user_id))
        .add(
            Condition::any()
                .add(follow::Column::TargetKind.eq(FollowTargetKind::Forum))
                .add(
                    Condition::all()
                        .add(follow::Column::TargetKind.eq(FollowTargetKind::Proposal))
                        .add(follow::Column::TargetId.in_subquery(visible_proposals)),
                )
                .add(
                    Condition::all()
                        .add(follow::Column::TargetKind.eq(FollowTargetKind::Discussion))
                        .add(follow::Column::TargetId.in_subquery(visible_discussions)),
                ),
        )
}

/// The viewer's own follows, newest first, leaving out what they may no longer see.
pub async fn list(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    request: &PageRequest,
) -> AppResult<Page<follow::Model>> {
    let actor = viewer.require_signed_in()?;
    let select = follow::Entity::find().filter(visible_follows(viewer, actor.id));
    newest_first(db, select, follow::Column::Id, |f| f.id, request).await
}

/// Authors follow what they wrote and supporters what they supported, where they do not yet:
/// for rows written in bulk (the demo town) rather than through the services.
pub async fn follow_own_and_supported(conn: &impl ConnectionTrait) -> AppResult<()> {
    const STATEMENTS: [&str; 3] = [
        "INSERT INTO follows (user_id, target_kind, target_id, created_at)
            SELECT author_id, 'PROPOSAL', id, created_at FROM proposals p
            WHERE NOT EXISTS (SELECT 1 FROM follows f WHERE f.user_id = p.author_id
                AND f.target_kind = 'PROPOSAL' AND f.target_id = p.id)",
        "INSERT INTO follows (user_id, target_kind, target_id, created_at)
            SELECT user_id, 'PROPOSAL', proposal_id, created_at FROM supports s
            WHERE NOT EXISTS (SELECT 1 FROM follows f WHERE f.user_id = s.user_id
                AND f.target_kind = 'PROPOSAL' AND f.target_id = s.proposal_id)",
        "INSERT INTO follows (user_id, target_kind, target_id, created_at)
            SELECT author_id, 'DISCUSSION', id, created_at FROM discussions d
            WHERE NOT EXISTS (SELECT 1 FROM follows f WHERE f.user_id = d.author_id
                AND f.target_kind = 'DISCUSSION' AND f.target_id = d.id)",
    ];
    for statement in STATEMENTS {
        conn.execute_unprepared(statement).await?;
    }
    Ok(())
}
