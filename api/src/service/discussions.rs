//! Discussions: open conversations in a forum that are not proposals.

use entity::{discussion, forum};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::{
    follows::{self, Target},
    input,
    proposals::{BODY, TITLE},
};
use crate::{
    auth::{Viewer, policy::WriteKind},
    db::begin_write,
    error::{AppError, AppResult, Field},
    ids::{DiscussionId, ForumId},
    state::AppState,
};

pub async fn find_visible(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    discussion_id: DiscussionId,
) -> AppResult<Option<(discussion::Model, forum::Model)>> {
    let found = discussion::Entity::find_by_id(discussion_id.0)
        .filter(viewer.discussion_filter())
        .one(conn)
        .await?;
    let Some(discussion) = found else {
        return Ok(None);
    };
    let forum = forum::Entity::find_by_id(discussion.forum_id)
        .one(conn)
        .await?;
    Ok(forum.map(|forum| (discussion, forum)))
}

pub struct NewDiscussion {
    pub forum_id: ForumId,
    pub title: String,
    pub body: String,
}

pub async fn start(
    state: &AppState,
    viewer: &Viewer,
    new: NewDiscussion,
) -> AppResult<discussion::Model> {
    viewer.require_active()?;
    // The same limits as a proposal's.
    let title = input::line(Field::Title, &new.title, TITLE.0, TITLE.1)?;
    let body = input::text(Field::Body, &new.body, BODY.0, BODY.1)?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let forum = forum::Entity::find_by_id(new.forum_id.0)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::invalid(Field::ForumId, "error-no-such-forum"))?;
    let actor = viewer.require_may_write(&forum, WriteKind::Discuss)?;
    let discussion = discussion::ActiveModel {
        forum_id: Set(forum.id),
        author_id: Set(actor.id),
        author_role: Set(actor.role),
        title: Set(title),
        body: Set(body),
        created_at: Set(now),
        last_activity_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    follows::add(
        &txn,
        actor.id,
        Target::Discussion(DiscussionId(discussion.id)),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(discussion)
}
