//! Notifications as their recipient reads them, in English or Welsh.

use async_graphql::{Context, Enum, ID, Object};
use entity::notification;

use super::{
    connection::{ListConnection, connection, page_cost, page_request},
    context::ContextExt,
    council::CouncilResponse,
    discussion::Comment,
    enums::Language,
    proposal::Proposal,
    scalars::DateTime,
};
use crate::{
    error::{AppResult, Field},
    ids::{CommentId, CouncilResponseId, NotificationId, ProposalId},
    service::notifications,
};

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::NotificationKind")]
pub enum NotificationKind {
    CouncilResponded,
    ProposalStatusChanged,
    ReplyReceived,
    NewProposalInForum,
    AccountApproved,
    ContentHidden,
}

pub struct Notification(pub notification::Model);

#[Object]
impl Notification {
    pub async fn id(&self) -> ID {
        NotificationId(self.0.id).to_global().into()
    }

    async fn kind(&self) -> NotificationKind {
        self.0.kind.into()
    }

    /// Listed only while the recipient may see the proposal, so it is visible.
    async fn proposal(&self, ctx: &Context<'_>) -> AppResult<Option<Proposal>> {
        let Some(id) = self.0.proposal_id else {
            return Ok(None);
        };
        let viewer = ctx.viewer().await?;
        let loaded = ctx.load(ProposalId(id)).await?;
        Ok(loaded
            .filter(|(p, kind)| viewer.sees_proposal(p, *kind))
            .map(|(p, _)| Proposal(p)))
    }

    async fn council_response(&self, ctx: &Context<'_>) -> AppResult<Option<CouncilResponse>> {
        let Some(id) = self.0.council_response_id else {
            return Ok(None);
        };
        let loaded = ctx.load(CouncilResponseId(id)).await?;
        Ok(loaded.map(CouncilResponse))
    }

    async fn comment(&self, ctx: &Context<'_>) -> AppResult<Option<Comment>> {
        let Some(id) = self.0.comment_id else {
            return Ok(None);
        };
        let loaded = ctx.load(CommentId(id)).await?;
        Ok(loaded.map(Comment))
    }

    async fn message(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        notifications::message(&self.0, ctx.language(lang).await)
    }

    async fn created_at(&self) -> DateTime {
        self.0.created_at.into()
    }

    async fn read_at(&self) -> Option<DateTime> {
        self.0.read_at.map(Into::into)
    }
}

#[derive(Default)]
pub struct NotificationQuery;

#[Object]
impl NotificationQuery {
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn my_notifications(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        #[graphql(default_with = "Some(false)")] unread_only: Option<bool>,
    ) -> AppResult<ListConnection<Notification>> {
        let viewer = ctx.viewer().await?;
        let request = page_request(ctx, first, after.as_deref())?;
        let page = notifications::list(
            &ctx.state()?.db,
            viewer,
            unread_only.unwrap_or(false),
            &request,
        )
        .await?;
        Ok(connection(page, Notification))
    }

    async fn unread_notification_count(&self, ctx: &Context<'_>) -> AppResult<i32> {
        let count = notifications::unread_count(&ctx.state()?.db, ctx.viewer().await?).await?;
        Ok(i32::try_from(count).unwrap_or(i32::MAX))
    }
}

#[derive(Default)]
pub struct NotificationMutation;

#[Object]
impl NotificationMutation {
    /// Marks these (or, with no ids, all) of the viewer's notifications read; returns how many changed.
    async fn mark_notifications_read(
        &self,
        ctx: &Context<'_>,
        ids: Option<Vec<ID>>,
    ) -> AppResult<i32> {
        let ids = ids
            .map(|ids| {
                ids.iter()
                    .map(|id| NotificationId::from_input(Field::Ids, id))
                    .collect::<AppResult<Vec<_>>>()
            })
            .transpose()?;
        let changed = notifications::mark_read(ctx.state()?, ctx.viewer().await?, ids).await?;
        Ok(i32::try_from(changed).unwrap_or(i32::MAX))
    }
}
