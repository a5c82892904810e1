//! Forums: the Forum type, the lists, and joining, creating and archiving.

use async_graphql::{Context, ID, InputObject, Object};
use entity::forum;

use super::{
    connection::{FORUM_LIST_ROWS, ListConnection, connection, list_cost, page_cost},
    context::ContextExt,
    discussion::Discussion,
    enums::{ForumKind, Language, ProposalOrder, ProposalStatus},
    loaders::{ForumId, MemberCount, Membership, ShadowOf},
    proposal::{self, Proposal},
};
use crate::{
    ids::{NodeKind, encode, object_id},
    service::{
        forums::{self, ForumChanges, NewForum},
        lists::{self, ProposalFilter},
        page::PageRequest,
    },
};

pub struct Forum(pub forum::Model);

#[Object]
impl Forum {
    pub async fn id(&self) -> ID {
        encode(NodeKind::Forum, self.0.id).into()
    }

    async fn slug(&self) -> &str {
        &self.0.slug
    }

    async fn kind(&self) -> ForumKind {
        self.0.kind.into()
    }

    async fn name(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        let language = ctx.language(lang).await;
        bilingual(language, &self.0.name_en, &self.0.name_cy)
    }

    async fn description(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        let language = ctx.language(lang).await;
        bilingual(language, &self.0.description_en, &self.0.description_cy)
    }

    /// A youth shadow forum: the themed forum it shadows. Null for a themed forum.
    async fn shadow_of(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Forum>> {
        let Some(id) = self.0.shadow_of_id else {
            return Ok(None);
        };
        let loaded = ctx.load(ForumId(id)).await?;
        Ok(loaded.map(Forum))
    }

    /// A themed forum: its youth shadow forum, if it has one.
    async fn youth_shadow(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Forum>> {
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

    async fn member_count(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        let count = ctx.load(MemberCount(self.0.id)).await?.unwrap_or(0);
        Ok(i32::try_from(count).unwrap_or(i32::MAX))
    }

    async fn viewer_is_member(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
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
    ) -> async_graphql::Result<ListConnection<Proposal>> {
        let filter = ProposalFilter {
            forum_id: Some(self.0.id),
            statuses: status.map(|s| s.into_iter().map(Into::into).collect()),
            search: None,
        };
        Ok(proposal::list(
            ctx,
            filter,
            order_by.unwrap_or(ProposalOrder::Newest),
            first,
            after,
        )
        .await?)
    }

    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn discussions(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<ListConnection<Discussion>> {
        let viewer = ctx.viewer().await?;
        let request = PageRequest::new(first, after.as_deref())?;
        let page = lists::discussions(&ctx.state()?.db, viewer, &self.0, &request).await?;
        Ok(connection(page, Discussion))
    }
}

/// Welsh where asked for and written; English otherwise.
pub fn bilingual(language: entity::Language, en: &str, cy: &str) -> String {
    match language {
        entity::Language::Cy if !cy.trim().is_empty() => cy.to_string(),
        _ => en.to_string(),
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
    ) -> async_graphql::Result<Vec<Forum>> {
        let state = ctx.state()?;
        let forums = forums::list(
            &state.db,
            kind.map(Into::into),
            include_archived.unwrap_or(false),
        )
        .await?;
        Ok(forums.into_iter().map(Forum).collect())
    }

    async fn forum(&self, ctx: &Context<'_>, slug: String) -> async_graphql::Result<Option<Forum>> {
        let state = ctx.state()?;
        Ok(forums::by_slug(&state.db, &slug).await?.map(Forum))
    }
}

#[derive(Default)]
pub struct ForumMutation;

#[Object]
impl ForumMutation {
    async fn join_forum(&self, ctx: &Context<'_>, forum_id: ID) -> async_graphql::Result<Forum> {
        let id = object_id(NodeKind::Forum, &forum_id)?;
        Ok(Forum(
            forums::join(ctx.state()?, ctx.viewer().await?, id).await?,
        ))
    }

    async fn leave_forum(&self, ctx: &Context<'_>, forum_id: ID) -> async_graphql::Result<Forum> {
        let id = object_id(NodeKind::Forum, &forum_id)?;
        Ok(Forum(
            forums::leave(ctx.state()?, ctx.viewer().await?, id).await?,
        ))
    }

    async fn create_forum(
        &self,
        ctx: &Context<'_>,
        input: CreateForumInput,
    ) -> async_graphql::Result<Forum> {
        let new = NewForum {
            slug: input.slug,
            name_en: input.name_en,
            name_cy: input.name_cy,
            description_en: input.description_en,
            description_cy: input.description_cy,
            support_threshold: input.support_threshold.unwrap_or(25),
            with_youth_shadow: input.with_youth_shadow.unwrap_or(true),
        };
        Ok(Forum(
            forums::create(ctx.state()?, ctx.viewer().await?, new).await?,
        ))
    }

    async fn update_forum(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateForumInput,
    ) -> async_graphql::Result<Forum> {
        let changes = ForumChanges {
            name_en: input.name_en,
            name_cy: input.name_cy,
            description_en: input.description_en,
            description_cy: input.description_cy,
            support_threshold: input.support_threshold,
        };
        Ok(Forum(
            forums::update(ctx.state()?, ctx.viewer().await?, &id, changes).await?,
        ))
    }

    async fn archive_forum(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Forum> {
        Ok(Forum(
            forums::archive(ctx.state()?, ctx.viewer().await?, &id).await?,
        ))
    }
}
