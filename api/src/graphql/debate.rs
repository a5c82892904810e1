//! Structured debate (issue 13): alignment, votes on comments, thread orders and a proposal's
//! debate counts. The fields on `Comment` live with it in `discussion.rs`.

use async_graphql::{Context, Enum, ID, Object, SimpleObject};

use super::{context::ContextExt, discussion::Comment, loaders::DebateOf};
use crate::{
    error::AppResult,
    ids::CommentId,
    service::debate::{self, CommentOrder as Order},
};

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::Alignment")]
pub enum Alignment {
    For,
    Against,
    Neutral,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CommentOrder {
    #[default]
    Oldest,
    Newest,
    /// Highest score first, then oldest.
    Best,
}

impl From<CommentOrder> for Order {
    fn from(order: CommentOrder) -> Self {
        match order {
            CommentOrder::Oldest => Order::Oldest,
            CommentOrder::Newest => Order::Newest,
            CommentOrder::Best => Order::Best,
        }
    }
}

#[derive(SimpleObject)]
pub struct DebateSummary {
    #[graphql(name = "for")]
    for_: i32,
    against: i32,
    neutral: i32,
}

/// `Proposal.debate`: counts of its visible top-level comments by alignment.
pub async fn summary(ctx: &Context<'_>, proposal_id: i32) -> AppResult<DebateSummary> {
    let [for_, against, neutral] = ctx
        .load(DebateOf(proposal_id))
        .await?
        .unwrap_or_default()
        .map(|n| i32::try_from(n).unwrap_or(i32::MAX));
    Ok(DebateSummary {
        for_,
        against,
        neutral,
    })
}

#[derive(Default)]
pub struct DebateMutation;

#[Object]
impl DebateMutation {
    /// value: 1 up, -1 down, 0 removes the vote. Not on one's own comment.
    async fn vote_comment(&self, ctx: &Context<'_>, id: ID, value: i32) -> AppResult<Comment> {
        let id = CommentId::from_object(&id)?;
        debate::vote(ctx.state()?, ctx.viewer().await?, id, value)
            .await
            .map(Comment)
    }
}
