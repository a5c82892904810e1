//! Discussions and comments: the conversation around proposals, discussions and council
//! responses.

use async_graphql::{Context, ID, InputObject, Object, Union};
use entity::{CommentTargetKind, comment, discussion};

use super::{
    account::User,
    author::author,
    connection::{ListConnection, connection, page_cost, page_request},
    context::ContextExt,
    council::CouncilResponse,
    debate::{Alignment, CommentOrder},
    enums::Role,
    forum::Forum,
    loaders::{FirstComments, ViewerVote},
    proposal::{Proposal, comment_count},
    scalars::DateTime,
};
use crate::{
    error::{AppError, AppResult, Field},
    ids::{CommentId, CouncilResponseId, DiscussionId, ForumId, NodeKind, ProposalId, decode},
    service::{
        comments::{self, CommentScope, NewComment, TargetKey},
        discussions::{self, NewDiscussion},
        follows::Target,
        lists,
        page::into_page,
    },
};

pub struct Discussion(pub discussion::Model);

#[Object]
impl Discussion {
    pub async fn id(&self) -> ID {
        DiscussionId(self.0.id).to_global().into()
    }

    async fn forum(&self, ctx: &Context<'_>) -> AppResult<Forum> {
        let forum = ctx
            .load(ForumId(self.0.forum_id))
            .await?
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("discussion without a forum")))?;
        Ok(Forum(forum))
    }

    async fn author(&self, ctx: &Context<'_>) -> AppResult<Option<User>> {
        author(ctx, self.0.author_role, self.0.author_id).await
    }

    async fn author_role(&self) -> Role {
        self.0.author_role.into()
    }

    async fn title(&self) -> &str {
        &self.0.title
    }

    async fn body(&self, ctx: &Context<'_>) -> AppResult<Option<&str>> {
        if !ctx.viewer().await?.reads_text(self.0.hidden_at.is_some()) {
            return Ok(None);
        }
        Ok(Some(&self.0.body))
    }

    async fn created_at(&self) -> DateTime {
        self.0.created_at.into()
    }

    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn comments(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        #[graphql(default_with = "Some(CommentOrder::Oldest)")] order_by: Option<CommentOrder>,
    ) -> AppResult<ListConnection<Comment>> {
        Comment::list(
            ctx,
            CommentScope::Target(TargetKey::Discussion(self.0.id)),
            order_by,
            first,
            after,
        )
        .await
    }

    async fn comment_count(&self, ctx: &Context<'_>) -> AppResult<i32> {
        comment_count(ctx, TargetKey::Discussion(self.0.id)).await
    }

    async fn hidden(&self) -> bool {
        self.0.hidden_at.is_some()
    }

    async fn viewer_is_following(&self, ctx: &Context<'_>) -> AppResult<bool> {
        super::email::viewer_is_following(ctx, Target::Discussion(DiscussionId(self.0.id))).await
    }
}

#[derive(Union)]
pub enum CommentTarget {
    Proposal(Proposal),
    Discussion(Discussion),
    CouncilResponse(CouncilResponse),
}

pub struct Comment(pub comment::Model);

impl Comment {
    /// A thread the viewer was shown. Its first page goes through the loader, so a list of
    /// items each showing a few comments costs the same few queries at any length.
    pub async fn list(
        ctx: &Context<'_>,
        scope: CommentScope,
        order: Option<CommentOrder>,
        first: Option<i32>,
        after: Option<String>,
    ) -> AppResult<ListConnection<Comment>> {
        let request = page_request(ctx, first, after.as_deref())?;
        let order = order.unwrap_or_default().into();
        let page = if request.after.is_none() {
            let key = FirstComments {
                scope,
                order,
                limit: request.limit,
                counted: request.counted,
            };
            let (rows, total) = ctx.load(key).await?.unwrap_or_default();
            into_page(rows, &request, total, |c| order.keys(c))
        } else {
            lists::comments(&ctx.state()?.db, scope, order, &request).await?
        };
        Ok(connection(page, Comment))
    }
}

#[Object]
impl Comment {
    pub async fn id(&self) -> ID {
        CommentId(self.0.id).to_global().into()
    }

    /// What the comment is on. The viewer reached the comment through it, so it is visible.
    async fn target(&self, ctx: &Context<'_>) -> AppResult<CommentTarget> {
        let missing = || AppError::internal(anyhow::anyhow!("comment without a target"));
        let target = match (
            self.0.target_kind,
            self.0.proposal_id,
            self.0.discussion_id,
            self.0.council_response_id,
        ) {
            (CommentTargetKind::Proposal, Some(id), _, _) => {
                let (p, _) = ctx.load(ProposalId(id)).await?.ok_or_else(missing)?;
                CommentTarget::Proposal(Proposal(p))
            }
            (CommentTargetKind::Discussion, _, Some(id), _) => {
                let (d, _) = ctx.load(DiscussionId(id)).await?.ok_or_else(missing)?;
                CommentTarget::Discussion(Discussion(d))
            }
            (CommentTargetKind::CouncilResponse, _, _, Some(id)) => {
                let r = ctx.load(CouncilResponseId(id)).await?.ok_or_else(missing)?;
                CommentTarget::CouncilResponse(CouncilResponse(r))
            }
            _ => return Err(missing()),
        };
        Ok(target)
    }

    async fn parent(&self, ctx: &Context<'_>) -> AppResult<Option<Comment>> {
        let Some(parent) = self.0.parent_id else {
            return Ok(None);
        };
        let loaded = ctx.load(CommentId(parent)).await?;
        Ok(loaded.map(Comment))
    }

    async fn author(&self, ctx: &Context<'_>) -> AppResult<Option<User>> {
        author(ctx, self.0.author_role, self.0.author_id).await
    }

    async fn author_role(&self) -> Role {
        self.0.author_role.into()
    }

    /// Written by a councillor or clerk: the council's side of the conversation.
    async fn from_council(&self) -> bool {
        self.0.from_council
    }

    /// Null when hidden by moderation or deleted by its author (clerks still see hidden text).
    async fn body(&self, ctx: &Context<'_>) -> AppResult<Option<&str>> {
        if !ctx.viewer().await?.reads_text(self.0.hidden_at.is_some()) {
            return Ok(None);
        }
        Ok(self.0.body.as_deref())
    }

    async fn hidden(&self) -> bool {
        self.0.hidden_at.is_some()
    }

    async fn deleted(&self) -> bool {
        self.0.deleted_at.is_some()
    }

    async fn created_at(&self) -> DateTime {
        self.0.created_at.into()
    }

    async fn edited_at(&self) -> Option<DateTime> {
        self.0.edited_at.map(Into::into)
    }

    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn replies(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        #[graphql(default_with = "Some(CommentOrder::Oldest)")] order_by: Option<CommentOrder>,
    ) -> AppResult<ListConnection<Comment>> {
        Comment::list(
            ctx,
            CommentScope::Replies(self.0.id),
            order_by,
            first,
            after,
        )
        .await
    }

    /// Where the comment stands on the proposal (NEUTRAL on anything but a top-level comment
    /// on a proposal).
    async fn alignment(&self) -> Alignment {
        self.0.alignment.into()
    }

    async fn up_votes(&self) -> i32 {
        self.0.up_votes
    }

    async fn down_votes(&self) -> i32 {
        self.0.down_votes
    }

    /// upVotes - downVotes
    async fn score(&self) -> i32 {
        self.0.score
    }

    /// -1, 0 or 1: the viewer's own vote.
    async fn viewer_vote(&self, ctx: &Context<'_>) -> AppResult<i32> {
        let Some(actor) = &ctx.viewer().await?.actor else {
            return Ok(0);
        };
        let key = ViewerVote {
            comment_id: self.0.id,
            user_id: actor.id,
        };
        Ok(ctx.load(key).await?.unwrap_or(0))
    }
}

/// What `addComment`'s `targetId` names: a proposal, a discussion or a council response.
fn comment_target(global: &str) -> AppResult<TargetKey> {
    match decode(global) {
        Some((NodeKind::Proposal, id)) => Ok(TargetKey::Proposal(id)),
        Some((NodeKind::Discussion, id)) => Ok(TargetKey::Discussion(id)),
        Some((NodeKind::CouncilResponse, id)) => Ok(TargetKey::CouncilResponse(id)),
        _ => Err(AppError::invalid(
            Field::TargetId,
            "error-wrong-comment-target",
        )),
    }
}

#[derive(InputObject)]
pub struct StartDiscussionInput {
    forum_id: ID,
    title: String,
    body: String,
}

#[derive(InputObject)]
pub struct AddCommentInput {
    /// A Proposal, Discussion or CouncilResponse.
    target_id: ID,
    /// Reply to this comment (it must be on the same target).
    parent_id: Option<ID>,
    body: String,
    /// Top-level comments on a proposal only; elsewhere only NEUTRAL.
    #[graphql(default_with = "Some(Alignment::Neutral)")]
    alignment: Option<Alignment>,
}

#[derive(Default)]
pub struct DiscussionQuery;

#[Object]
impl DiscussionQuery {
    async fn discussion(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Discussion>> {
        let Ok(id) = DiscussionId::from_object(&id) else {
            return Ok(None);
        };
        let found = discussions::find_visible(&ctx.state()?.db, ctx.viewer().await?, id).await?;
        Ok(found.map(|(d, _)| Discussion(d)))
    }
}

#[derive(Default)]
pub struct DiscussionMutation;

#[Object]
impl DiscussionMutation {
    async fn start_discussion(
        &self,
        ctx: &Context<'_>,
        input: StartDiscussionInput,
    ) -> AppResult<Discussion> {
        let new = NewDiscussion {
            forum_id: ForumId::from_input(Field::ForumId, &input.forum_id)?,
            title: input.title,
            body: input.body,
        };
        discussions::start(ctx.state()?, ctx.viewer().await?, new)
            .await
            .map(Discussion)
    }

    async fn add_comment(&self, ctx: &Context<'_>, input: AddCommentInput) -> AppResult<Comment> {
        let new = NewComment {
            target: comment_target(&input.target_id)?,
            parent_id: input
                .parent_id
                .map(|id| CommentId::from_input(Field::ParentId, &id))
                .transpose()?,
            body: input.body,
            alignment: input.alignment.unwrap_or(Alignment::Neutral).into(),
        };
        comments::add(ctx.state()?, ctx.viewer().await?, new)
            .await
            .map(Comment)
    }

    async fn edit_comment(&self, ctx: &Context<'_>, id: ID, body: String) -> AppResult<Comment> {
        let id = CommentId::from_object(&id)?;
        comments::edit(ctx.state()?, ctx.viewer().await?, id, &body)
            .await
            .map(Comment)
    }

    async fn delete_comment(&self, ctx: &Context<'_>, id: ID) -> AppResult<Comment> {
        let id = CommentId::from_object(&id)?;
        comments::delete(ctx.state()?, ctx.viewer().await?, id)
            .await
            .map(Comment)
    }
}
