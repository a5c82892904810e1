//! Amendments (issue 13): their type, a proposal's amendments and co-authors, and the
//! mutations that propose and decide them.

use async_graphql::{Context, Enum, ID, Object};
use entity::amendment;

use super::{
    account::User, author::author, context::ContextExt, enums::Role, loaders::AmendmentsOf,
    proposal::Proposal, scalars::DateTime,
};
use crate::{
    error::{AppError, AppResult, Field},
    ids::{AmendmentId, ProposalId},
    service::amendments::{self, NewAmendment},
};

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::AmendmentStatus")]
pub enum AmendmentStatus {
    Pending,
    Accepted,
    Rejected,
    Withdrawn,
}

pub struct Amendment(pub amendment::Model);

#[Object]
impl Amendment {
    pub async fn id(&self) -> ID {
        AmendmentId(self.0.id).to_global().into()
    }

    /// Amendments are reached through their proposal or checked against it, so it is visible.
    async fn proposal(&self, ctx: &Context<'_>) -> AppResult<Proposal> {
        let (p, _) = ctx
            .load(ProposalId(self.0.proposal_id))
            .await?
            .ok_or_else(|| AppError::internal(anyhow::anyhow!("amendment without a proposal")))?;
        Ok(Proposal(p))
    }

    /// Null under the youth identity rule or for a deleted account.
    async fn author(&self, ctx: &Context<'_>) -> AppResult<Option<User>> {
        author(ctx, self.0.author_role, self.0.author_id).await
    }

    async fn author_role(&self) -> Role {
        self.0.author_role.into()
    }

    /// The proposed new title and body of the proposal.
    async fn title(&self) -> &str {
        &self.0.title
    }

    async fn body(&self) -> &str {
        &self.0.body
    }

    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }

    async fn status(&self) -> AmendmentStatus {
        self.0.status.into()
    }

    /// Why the proposal's author rejected it.
    async fn rejection_reason(&self) -> Option<&str> {
        self.0.rejection_reason.as_deref()
    }

    async fn created_at(&self) -> DateTime {
        self.0.created_at.into()
    }

    async fn decided_at(&self) -> Option<DateTime> {
        self.0.decided_at.map(Into::into)
    }
}

/// `Proposal.amendments`: oldest first, of the given statuses (all when none are given).
pub async fn of_proposal(
    ctx: &Context<'_>,
    proposal_id: i32,
    status: Option<Vec<AmendmentStatus>>,
) -> AppResult<Vec<Amendment>> {
    let all = ctx
        .load(AmendmentsOf(proposal_id))
        .await?
        .unwrap_or_default();
    let wanted: Option<Vec<entity::AmendmentStatus>> =
        status.map(|s| s.into_iter().map(Into::into).collect());
    Ok(all
        .into_iter()
        .filter(|a| wanted.as_ref().is_none_or(|w| w.contains(&a.status)))
        .map(Amendment)
        .collect())
}

/// `Proposal.coAuthors`: authors of accepted amendments, oldest first, each once, leaving out
/// those the viewer may not know.
pub async fn co_authors(ctx: &Context<'_>, proposal_id: i32) -> AppResult<Vec<User>> {
    let all = ctx
        .load(AmendmentsOf(proposal_id))
        .await?
        .unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    let mut users = Vec::new();
    for a in all
        .iter()
        .filter(|a| a.status == entity::AmendmentStatus::Accepted)
    {
        if !seen.insert(a.author_id) {
            continue;
        }
        if let Some(user) = author(ctx, a.author_role, a.author_id).await? {
            users.push(user);
        }
    }
    Ok(users)
}

#[derive(Default)]
pub struct AmendmentMutation;

#[Object]
impl AmendmentMutation {
    /// On an OPEN proposal that is not one's own.
    async fn propose_amendment(
        &self,
        ctx: &Context<'_>,
        proposal_id: ID,
        title: String,
        body: String,
        reason: Option<String>,
    ) -> AppResult<Amendment> {
        let new = NewAmendment {
            proposal_id: ProposalId::from_input(Field::ProposalId, &proposal_id)?,
            title,
            body,
            reason,
        };
        amendments::propose(ctx.state()?, ctx.viewer().await?, new)
            .await
            .map(Amendment)
    }

    /// The proposal's author: replaces the proposal's title and body; expectedVersion as in
    /// updateProposal.
    async fn accept_amendment(
        &self,
        ctx: &Context<'_>,
        id: ID,
        expected_version: i32,
    ) -> AppResult<Proposal> {
        let id = AmendmentId::from_object(&id)?;
        amendments::accept(ctx.state()?, ctx.viewer().await?, id, expected_version)
            .await
            .map(Proposal)
    }

    async fn reject_amendment(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: Option<String>,
    ) -> AppResult<Amendment> {
        let id = AmendmentId::from_object(&id)?;
        amendments::reject(ctx.state()?, ctx.viewer().await?, id, reason)
            .await
            .map(Amendment)
    }

    /// The amendment's author, while PENDING.
    async fn withdraw_amendment(&self, ctx: &Context<'_>, id: ID) -> AppResult<Amendment> {
        let id = AmendmentId::from_object(&id)?;
        amendments::withdraw(ctx.state()?, ctx.viewer().await?, id)
            .await
            .map(Amendment)
    }
}
