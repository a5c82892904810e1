//! Forums: the Forum type, the lists, and joining, creating and archiving.

use async_graphql::{Context, ID, InputObject, Object};
use entity::forum;

use super::{
    connection::{FORUM_LIST_ROWS, ListConnection, connection, list_cost, page_cost, page_request},
    context::ContextExt,
    discussion::Discussion,
    enums::{ForumKind, Language, ProposalOrder, ProposalStatus},
    loaders::{MemberCount, Membership, ShadowOf},
    proposal::{self, Proposal},
};
use crate::{
    error::AppResult,
    i18n::pick,
    ids::ForumId,
    service::{
        forums::{self, ForumChanges, NewForum},
        lists::{self, ProposalFilter},
    },
};

pub struct Forum(pub forum::Model);

#[Object]
impl Forum {
    pub async fn id(&self) -> ID {
        ForumId(self.0.id).to_global().into()
    }

    async fn slug(&self) -> &str {
        &self.0.slug
    }

    async fn kind(&self) -> ForumKind {
        self.0.kind.into()
    }

    async fn name(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        let language = ctx.language(lang).await;
        pick(language, &self.0.name_en, &self.0.name_cy).into_owned()
    }

    async fn description(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        let language = ctx.language(lang).await;
        pick(language, &self.0.description_en, &self.0.description_cy).into_owned()
    }

    /// A youth shadow forum: the themed forum it shadows. Null for a themed forum.
    async fn shadow_of(&self, ctx: &Context<'_>) -> AppResult<Option<Forum>> {
        let Some(id) = self.0.shadow_of_id else {
            return Ok(None);
        };
        let loaded = ctx.load(ForumId(id)).await?;
        Ok(loaded.map(Forum))
    }

    /// A themed forum: its youth shadow forum, if it has one.
    async fn youth_shadow(&self, ctx: &Context<'_>) -> AppResult<Option<Forum>> {
        let loaded = ctx.load(ShadowOf(self.0.id)).await?;
        Ok(loaded.map(Forum))
    }

    /// Supports an OPEN proposal here needs to go to the council by itself.
    async fn support_threshold(&self) -> i32 {
        self.0.support_threshold
    }

    async fn archived(&self) -> bool {
        self.0.archived_at.is_some()
    }

    async fn member_count(&self, ctx: &Context<'_>) -> AppResult<i32> {
        let count = ctx.load(MemberCount(self.0.id)).await?.unwrap_or(0);
        Ok(i32::try_from(count).unwrap_or(i32::MAX))
    }

    async fn viewer_is_member(&self, ctx: &Context<'_>) -> AppResult<bool> {
        let Some(actor) = &ctx.viewer().await?.actor else {
            return Ok(false);
        };
        let key = Membership {
            forum_id: self.0.id,
            user_id: actor.id,
        };
        Ok(ctx.load(key).await?.unwrap_or(false))
    }

    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn proposals(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        status: Option<Vec<ProposalStatus>>,
        #[graphql(default_with = "Some(ProposalOrder::Newest)")] order_by: Option<ProposalOrder>,
    ) -> AppResult<ListConnection<Proposal>> {
        let filter = ProposalFilter {
            forum_id: Some(ForumId(self.0.id)),
            statuses: status.map(|s| s.into_iter().map(Into::into).collect()),
            search: None,
        };
        proposal::list(
            ctx,
            filter,
            order_by.unwrap_or(ProposalOrder::Newest),
            first,
            after,
        )
        .await
    }

    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn discussions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> AppResult<ListConnection<Discussion>> {
        let viewer = ctx.viewer().await?;
        let request = page_request(ctx, first, after.as_deref())?;
        let page = lists::discussions(&ctx.state()?.db, viewer, &self.0, &request).await?;
        Ok(connection(page, Discussion))
    }
}

#[derive(InputObject)]
pub struct CreateForumInput {
    slug: String,
    name_en: String,
    name_cy: String,
    description_en: String,
    description_cy: String,
    #[graphql(default_with = "Some(25)")]
    support_threshold: Option<i32>,
    /// THEMED only: create its youth shadow forum with it.
    #[graphql(default_with = "Some(true)")]
    with_youth_shadow: Option<bool>,
}

#[derive(InputObject)]
pub struct UpdateForumInput {
    name_en: Option<String>,
    name_cy: Option<String>,
    description_en: Option<String>,
    description_cy: Option<String>,
    support_threshold: Option<i32>,
}

#[derive(Default)]
pub struct ForumQuery;

#[Object]
impl ForumQuery {
    #[graphql(complexity = "list_cost(FORUM_LIST_ROWS, child_complexity)")]
    async fn forums(
        &self,
        ctx: &Context<'_>,
        kind: Option<ForumKind>,
        #[graphql(default_with = "Some(false)")] include_archived: Option<bool>,
    ) -> AppResult<Vec<Forum>> {
        let state = ctx.state()?;
        let forums = forums::list(
            &state.db,
            kind.map(Into::into),
            include_archived.unwrap_or(false),
        )
        .await?;
        Ok(forums.into_iter().map(Forum).collect())
    }

    async fn forum(&self, ctx: &Context<'_>, slug: String) -> AppResult<Option<Forum>> {
        let state = ctx.state()?;
        Ok(forums::by_slug(&state.db, &slug).await?.map(Forum))
    }
}

#[derive(Default)]
pub struct ForumMutation;

#[Object]
impl ForumMutation {
    async fn join_forum(&self, ctx: &Context<'_>, forum_id: ID) -> AppResult<Forum> {
        let id = ForumId::from_object(&forum_id)?;
        forums::join(ctx.state()?, ctx.viewer().await?, id)
            .await
            .map(Forum)
    }

    async fn leave_forum(&self, ctx: &Context<'_>, forum_id: ID) -> AppResult<Forum> {
        let id = ForumId::from_object(&forum_id)?;
        forums::leave(ctx.state()?, ctx.viewer().await?, id)
            .await
            .map(Forum)
    }

    async fn create_forum(&self, ctx: &Context<'_>, input: CreateForumInput) -> AppResult<Forum> {
        let new = NewForum {
            slug: input.slug,
            name_en: input.name_en,
            name_cy: input.name_cy,
            description_en: input.description_en,
            description_cy: input.description_cy,
            support_threshold: input.support_threshold.unwrap_or(25),
            with_youth_shadow: input.with_youth_shadow.unwrap_or(true),
        };
        forums::create(ctx.state()?, ctx.viewer().await?, new)
            .await
            .map(Forum)
    }

    async fn update_forum(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateForumInput,
    ) -> AppResult<Forum> {
        let changes = ForumChanges {
            name_en: input.name_en,
            name_cy: input.name_cy,
            description_en: input.description_en,
            description_cy: input.description_cy,
            support_threshold: input.support_threshold,
        };
        let id = ForumId::from_object(&id)?;
        forums::update(ctx.state()?, ctx.viewer().await?, id, changes)
            .await
            .map(Forum)
    }

    async fn archive_forum(&self, ctx: &Context<'_>, id: ID) -> AppResult<Forum> {
        let id = ForumId::from_object(&id)?;
        forums::archive(ctx.state()?, ctx.viewer().await?, id)
            .await
            .map(Forum)
    }
}
