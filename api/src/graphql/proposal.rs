//! Proposals: the type, its lists and the mutations of its lifecycle.

use async_graphql::{Context, ID, InputObject, Object};
use entity::{proposal, proposal_status_change};

use super::{
    author::author,
    connection::{ListConnection, SHORT_LIST_ROWS, connection, list_cost, page_cost, page_request},
    context::ContextExt,
    council::CouncilResponse,
    debate::CommentOrder,
    discussion::Comment,
    enums::{Language, ProposalOrder, ProposalStatus, Role},
    forum::Forum,
    loaders::{
        CommentCount, FollowerCount, ForwardedTo, GoalsOfProposal, History, ResponsesTo, Supported,
    },
    scalars::DateTime,
    wellbeing::WellbeingGoal,
};
use crate::{
    error::{AppError, AppResult, Field},
    i18n,
    ids::{ForumId, ProposalId},
    service::{
        comments::{CommentScope, TargetKey},
        follows::Target,
        lists::{self, ProposalFilter},
        proposals::{self, NewProposal, ProposalEdit},
    },
};

pub struct Proposal(pub proposal::Model);

#[Object]
impl Proposal {
    pub async fn id(&self) -> ID {
        ProposalId(self.0.id).to_global().into()
    }

    async fn forum(&self, ctx: &Context<'_>) -> AppResult<Forum> {
        let forum = ctx
            .load(ForumId(self.0.forum_id))
            .await?
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("proposal without a forum")))?;
        Ok(Forum(forum))
    }

    /// Null where the viewer may not see who wrote it (RULES.md: youth identity) or the account was deleted.
    async fn author(&self, ctx: &Context<'_>) -> AppResult<Option<super::account::User>> {
        author(ctx, self.0.author_role, self.0.author_id).await
    }

    async fn author_role(&self) -> Role {
        self.0.author_role.into()
    }

    async fn title(&self) -> &str {
        &self.0.title
    }

    /// "[hidden]" while moderation hides it, except to clerks.
    async fn body(&self, ctx: &Context<'_>) -> AppResult<&str> {
        let hidden = self.0.hidden_at.is_some();
        Ok(ctx.viewer().await?.shown_text(hidden, &self.0.body))
    }

    async fn language(&self) -> Language {
        self.0.language.into()
    }

    async fn status(&self) -> ProposalStatus {
        self.0.status.into()
    }

    /// Goes up by one on every change; updateProposal takes it back as expectedVersion.
    async fn version(&self) -> i32 {
        self.0.version
    }

    async fn created_at(&self) -> DateTime {
        self.0.created_at.into()
    }

    async fn updated_at(&self) -> DateTime {
        self.0.updated_at.into()
    }

    async fn published_at(&self) -> Option<DateTime> {
        self.0.published_at.map(Into::into)
    }

    async fn submitted_at(&self) -> Option<DateTime> {
        self.0.submitted_at.map(Into::into)
    }

    async fn decided_at(&self) -> Option<DateTime> {
        self.0.decided_at.map(Into::into)
    }

    async fn support_count(&self) -> i32 {
        self.0.support_count
    }

    async fn viewer_has_supported(&self, ctx: &Context<'_>) -> AppResult<bool> {
        let Some(actor) = &ctx.viewer().await?.actor else {
            return Ok(false);
        };
        let key = Supported {
            proposal_id: self.0.id,
            user_id: actor.id,
        };
        Ok(ctx.load(key).await?.unwrap_or(false))
    }

    async fn viewer_is_following(&self, ctx: &Context<'_>) -> AppResult<bool> {
        super::email::viewer_is_following(ctx, Target::Proposal(ProposalId(self.0.id))).await
    }

    async fn follower_count(&self, ctx: &Context<'_>) -> AppResult<i32> {
        let count = ctx.load(FollowerCount(self.0.id)).await?.unwrap_or(0);
        Ok(i32::try_from(count).unwrap_or(i32::MAX))
    }

    /// A proposal forwarded from a youth shadow forum: the original, where the viewer may see it.
    async fn forwarded_from(&self, ctx: &Context<'_>) -> AppResult<Option<Proposal>> {
        let Some(original) = self.0.forwarded_from_id else {
            return Ok(None);
        };
        let loaded = ctx.load(ProposalId(original)).await?;
        visible(ctx, loaded).await
    }

    /// A youth proposal: the proposal it was forwarded as in the themed forum.
    async fn forwarded_to(&self, ctx: &Context<'_>) -> AppResult<Option<Proposal>> {
        let loaded = ctx.load(ForwardedTo(self.0.id)).await?;
        visible(ctx, loaded).await
    }

    /// Official council responses, oldest first.
    #[graphql(complexity = "list_cost(SHORT_LIST_ROWS, child_complexity)")]
    async fn council_responses(&self, ctx: &Context<'_>) -> AppResult<Vec<CouncilResponse>> {
        let responses = ctx.load(ResponsesTo(self.0.id)).await?.unwrap_or_default();
        Ok(responses.into_iter().map(CouncilResponse).collect())
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
            CommentScope::Target(TargetKey::Proposal(self.0.id)),
            order_by,
            first,
            after,
        )
        .await
    }

    async fn comment_count(&self, ctx: &Context<'_>) -> AppResult<i32> {
        comment_count(ctx, TargetKey::Proposal(self.0.id)).await
    }

    /// Counts of visible top-level comments by alignment.
    async fn debate(&self, ctx: &Context<'_>) -> AppResult<super::debate::DebateSummary> {
        super::debate::summary(ctx, self.0.id).await
    }

    /// Every status change, oldest first.
    #[graphql(complexity = "list_cost(SHORT_LIST_ROWS, child_complexity)")]
    async fn history(&self, ctx: &Context<'_>) -> AppResult<Vec<StatusChange>> {
        let changes = ctx.load(History(self.0.id)).await?.unwrap_or_default();
        Ok(changes.into_iter().map(StatusChange).collect())
    }

    #[graphql(complexity = "list_cost(SHORT_LIST_ROWS, child_complexity)")]
    async fn strategy_links(
        &self,
        ctx: &Context<'_>,
    ) -> AppResult<Vec<super::strategy::StrategyLink>> {
        super::strategy::links_of_proposal(ctx, self.0.id).await
    }

    async fn hidden(&self) -> bool {
        self.0.hidden_at.is_some()
    }

    /// The well-being goals it serves, in the Act's order.
    async fn wellbeing_goals(&self, ctx: &Context<'_>) -> AppResult<Vec<WellbeingGoal>> {
        let goals = ctx.load(GoalsOfProposal(self.0.id)).await?;
        Ok(goals
            .unwrap_or_default()
            .into_iter()
            .map(Into::into)
            .collect())
    }
}

/// A loaded proposal, if this viewer may see it.
async fn visible(
    ctx: &Context<'_>,
    loaded: Option<(proposal::Model, entity::ForumKind)>,
) -> AppResult<Option<Proposal>> {
    let viewer = ctx.viewer().await?;
    Ok(loaded
        .filter(|(p, kind)| viewer.sees_proposal(p, *kind))
        .map(|(p, _)| Proposal(p)))
}

pub async fn comment_count(ctx: &Context<'_>, target: TargetKey) -> AppResult<i32> {
    let count = ctx.load(CommentCount(target)).await?.unwrap_or(0);
    Ok(i32::try_from(count).unwrap_or(i32::MAX))
}

pub struct StatusChange(proposal_status_change::Model);

#[Object]
impl StatusChange {
    async fn from(&self) -> Option<ProposalStatus> {
        self.0.from_status.map(Into::into)
    }

    async fn to(&self) -> ProposalStatus {
        self.0.to_status.into()
    }

    async fn at(&self) -> DateTime {
        self.0.at.into()
    }

    /// Null for changes the system made (support threshold reached).
    async fn actor_role(&self) -> Option<Role> {
        self.0.actor_role.map(Into::into)
    }

    /// The system's own moves say why, in the reader's language.
    async fn note(&self, ctx: &Context<'_>) -> Option<String> {
        let by_the_system = self.0.actor_id.is_none() && self.0.actor_role.is_none();
        match &self.0.note {
            Some(note) => Some(note.clone()),
            None if by_the_system && self.0.to_status == entity::ProposalStatus::Submitted => Some(
                i18n::text(ctx.language(None).await, "history-threshold-reached"),
            ),
            None => None,
        }
    }
}

#[derive(InputObject)]
pub struct CreateProposalInput {
    forum_id: ID,
    title: String,
    body: String,
    #[graphql(default_with = "Some(Language::En)")]
    language: Option<Language>,
    wellbeing_goals: Option<Vec<WellbeingGoal>>,
}

#[derive(InputObject)]
pub struct UpdateProposalInput {
    title: Option<String>,
    body: Option<String>,
    wellbeing_goals: Option<Vec<WellbeingGoal>>,
}

/// A forum's (or every forum's) proposals, through the viewer's visibility filter.
pub async fn list(
    ctx: &Context<'_>,
    filter: ProposalFilter,
    order: ProposalOrder,
    first: Option<i32>,
    after: Option<String>,
) -> AppResult<ListConnection<Proposal>> {
    let state = ctx.state()?;
    let viewer = ctx.viewer().await?;
    let request = page_request(ctx, first, after.as_deref())?;
    let page = lists::proposals(&state.db, viewer, &filter, order.into(), &request).await?;
    Ok(connection(page, Proposal))
}

#[derive(Default)]
pub struct ProposalQuery;

#[Object]
impl ProposalQuery {
    async fn proposal(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Proposal>> {
        let Ok(id) = ProposalId::from_object(&id) else {
            return Ok(None);
        };
        let found = proposals::find_visible(&ctx.state()?.db, ctx.viewer().await?, id).await?;
        Ok(found.map(|(p, _)| Proposal(p)))
    }

    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn proposals(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        forum_id: Option<ID>,
        status: Option<Vec<ProposalStatus>>,
        #[graphql(desc = "Words to find in title or body.")] search: Option<String>,
        #[graphql(default_with = "Some(ProposalOrder::Newest)")] order_by: Option<ProposalOrder>,
    ) -> AppResult<ListConnection<Proposal>> {
        let forum_id = forum_id
            .map(|id| ForumId::from_input(Field::ForumId, &id))
            .transpose()?;
        let filter = ProposalFilter {
            forum_id,
            statuses: status.map(|s| s.into_iter().map(Into::into).collect()),
            search,
        };
        list(
            ctx,
            filter,
            order_by.unwrap_or(ProposalOrder::Newest),
            first,
            after,
        )
        .await
    }

    /// SUBMITTED and UNDER_REVIEW proposals, longest waiting first. Councillors and clerks.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn council_inbox(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> AppResult<ListConnection<Proposal>> {
        let state = ctx.state()?;
        let viewer = ctx.viewer().await?;
        let request = page_request(ctx, first, after.as_deref())?;
        let page = lists::council_inbox(&state.db, viewer, &request).await?;
        Ok(connection(page, Proposal))
    }
}

#[derive(Default)]
pub struct ProposalMutation;

#[Object]
impl ProposalMutation {
    async fn create_proposal(
        &self,
        ctx: &Context<'_>,
        input: CreateProposalInput,
    ) -> AppResult<Proposal> {
        let new = NewProposal {
            forum_id: ForumId::from_input(Field::ForumId, &input.forum_id)?,
            title: input.title,
            body: input.body,
            language: input.language.unwrap_or(Language::En).into(),
            wellbeing_goals: input
                .wellbeing_goals
                .unwrap_or_default()
                .into_iter()
                .map(Into::into)
                .collect(),
        };
        proposals::create(ctx.state()?, ctx.viewer().await?, new)
            .await
            .map(Proposal)
    }

    async fn update_proposal(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
        input: UpdateProposalInput,
    ) -> AppResult<Proposal> {
        let edit = ProposalEdit {
            title: input.title,
            body: input.body,
            wellbeing_goals: input
                .wellbeing_goals
                .map(|goals| goals.into_iter().map(Into::into).collect()),
        };
        let id = ProposalId::from_object(&id)?;
        let viewer = ctx.viewer().await?;
        proposals::update(ctx.state()?, viewer, id, expected_version, edit)
            .await
            .map(Proposal)
    }

    async fn publish_proposal(&self, ctx: &Context<'_>, id: ID) -> AppResult<Proposal> {
        let id = ProposalId::from_object(&id)?;
        proposals::publish(ctx.state()?, ctx.viewer().await?, id)
            .await
            .map(Proposal)
    }

    async fn withdraw_proposal(&self, ctx: &Context<'_>, id: ID) -> AppResult<Proposal> {
        let id = ProposalId::from_object(&id)?;
        proposals::withdraw(ctx.state()?, ctx.viewer().await?, id)
            .await
            .map(Proposal)
    }

    async fn support_proposal(&self, ctx: &Context<'_>, id: ID) -> AppResult<Proposal> {
        let id = ProposalId::from_object(&id)?;
        proposals::support(ctx.state()?, ctx.viewer().await?, id)
            .await
            .map(Proposal)
    }

    async fn withdraw_support(&self, ctx: &Context<'_>, id: ID) -> AppResult<Proposal> {
        let id = ProposalId::from_object(&id)?;
        proposals::withdraw_support(ctx.state()?, ctx.viewer().await?, id)
            .await
            .map(Proposal)
    }

    async fn submit_to_council(
        &self,
        ctx: &Context<'_>,
        id: ID,
        note: Option<String>,
    ) -> AppResult<Proposal> {
        let id = ProposalId::from_object(&id)?;
        let viewer = ctx.viewer().await?;
        proposals::submit_to_council(ctx.state()?, viewer, id, note)
            .await
            .map(Proposal)
    }

    /// Returns the new proposal in the themed forum.
    async fn forward_youth_proposal(
        &self,
        ctx: &Context<'_>,
        id: ID,
        note: Option<String>,
    ) -> AppResult<Proposal> {
        let id = ProposalId::from_object(&id)?;
        let viewer = ctx.viewer().await?;
        proposals::forward_youth_proposal(ctx.state()?, viewer, id, note)
            .await
            .map(Proposal)
    }

    async fn mark_implemented(
        &self,
        ctx: &Context<'_>,
        id: ID,
        note: String,
    ) -> AppResult<Proposal> {
        let id = ProposalId::from_object(&id)?;
        let viewer = ctx.viewer().await?;
        proposals::mark_implemented(ctx.state()?, viewer, id, &note)
            .await
            .map(Proposal)
    }
}
