//! The council's official responses to proposals.

use async_graphql::{Context, ID, InputObject, Object};
use entity::council_response;

use super::{
    account::User,
    connection::{ListConnection, SHORT_LIST_ROWS, list_cost, page_cost},
    context::ContextExt,
    debate::CommentOrder,
    discussion::Comment,
    enums::{Decision, ResponseKind},
    proposal::Proposal,
    scalars::DateTime,
};
use crate::{
    error::{AppError, AppResult, Field},
    ids::{CouncilResponseId, ProposalId, UserId},
    service::{
        comments::{CommentScope, TargetKey},
        responses::{self, NewResponse},
    },
};

pub struct CouncilResponse(pub council_response::Model);

#[Object]
impl CouncilResponse {
    pub async fn id(&self) -> ID {
        CouncilResponseId(self.0.id).to_global().into()
    }

    async fn proposal(&self, ctx: &Context<'_>) -> AppResult<Proposal> {
        let (proposal, _) = ctx
            .load(ProposalId(self.0.proposal_id))
            .await?
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("response without a proposal")))?;
        Ok(Proposal(proposal))
    }

    /// The councillor or clerk who wrote it. Speaking for the council is public; an account
    /// deleted since shows as the anonymous "Deleted account" it became.
    async fn author(&self, ctx: &Context<'_>) -> AppResult<User> {
        let viewer = ctx.viewer().await?;
        let user = ctx
            .load(UserId(self.0.author_id))
            .await?
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("response without an author")))?;
        Ok(User::for_viewer(user, viewer))
    }

    async fn kind(&self) -> ResponseKind {
        self.0.kind.into()
    }

    /// Set exactly when kind is DECISION.
    async fn decision(&self) -> Option<Decision> {
        self.0.decision.map(Into::into)
    }

    async fn body(&self, ctx: &Context<'_>) -> AppResult<&str> {
        let hidden = self.0.hidden_at.is_some();
        Ok(ctx.viewer().await?.shown_text(hidden, &self.0.body))
    }

    async fn created_at(&self) -> DateTime {
        self.0.created_at.into()
    }

    async fn edited_at(&self) -> Option<DateTime> {
        self.0.edited_at.map(Into::into)
    }

    /// Earlier texts of an edited response, oldest first.
    #[graphql(complexity = "list_cost(SHORT_LIST_ROWS, child_complexity)")]
    async fn revisions(&self, ctx: &Context<'_>) -> AppResult<Vec<String>> {
        // A hidden response's earlier texts are hidden with it.
        if !ctx.viewer().await?.reads_text(self.0.hidden_at.is_some()) {
            return Ok(Vec::new());
        }
        Ok(serde_json::from_value(self.0.revisions.clone()).unwrap_or_default())
    }

    /// The two-way conversation on this response: residents and council reply here.
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
            CommentScope::Target(TargetKey::CouncilResponse(self.0.id)),
            order_by,
            first,
            after,
        )
        .await
    }
}

#[derive(InputObject)]
pub struct RespondInput {
    proposal_id: ID,
    kind: ResponseKind,
    decision: Option<Decision>,
    body: String,
}

#[derive(Default)]
pub struct CouncilMutation;

#[Object]
impl CouncilMutation {
    async fn respond_to_proposal(
        &self,
        ctx: &Context<'_>,
        input: RespondInput,
    ) -> AppResult<CouncilResponse> {
        let new = NewResponse {
            proposal_id: ProposalId::from_input(Field::ProposalId, &input.proposal_id)?,
            kind: input.kind.into(),
            decision: input.decision.map(Into::into),
            body: input.body,
        };
        responses::respond(ctx.state()?, ctx.viewer().await?, new)
            .await
            .map(CouncilResponse)
    }

    async fn edit_council_response(
        &self,
        ctx: &Context<'_>,
        id: ID,
        body: String,
    ) -> AppResult<CouncilResponse> {
        let id = CouncilResponseId::from_object(&id)?;
        let viewer = ctx.viewer().await?;
        responses::edit(ctx.state()?, viewer, id, &body)
            .await
            .map(CouncilResponse)
    }
}
