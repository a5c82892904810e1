//! "You said, we did" and participation figures for a period.

use async_graphql::{Context, ID, Object, SimpleObject};
use entity::forum;

use super::{
    connection::{LONG_LIST_ROWS, list_cost},
    context::ContextExt,
    enums::{Decision, ProposalStatus},
    forum::Forum,
    proposal::Proposal,
    scalars::Date,
};
use crate::{
    error::{AppError, AppResult, Field},
    ids::ForumId,
    service::{
        forums,
        stats::{self, Activity, Period},
    },
};

fn int(n: u64) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

pub struct YouSaidWeDid {
    from: Date,
    to: Date,
    forum: Option<forum::Model>,
    report: stats::YouSaidWeDid,
}

#[Object]
impl YouSaidWeDid {
    async fn from(&self) -> Date {
        self.from
    }

    async fn to(&self) -> Date {
        self.to
    }

    async fn forum(&self) -> Option<Forum> {
        self.forum.clone().map(Forum)
    }

    /// Proposals decided in the period, oldest decision first.
    #[graphql(complexity = "list_cost(LONG_LIST_ROWS, child_complexity)")]
    async fn entries(&self) -> Vec<YouSaidWeDidEntry> {
        self.report
            .outcomes
            .iter()
            .map(|o| YouSaidWeDidEntry {
                you_said: o.proposal.title.clone(),
                we_did: o.we_did.clone(),
                decision: o.decision.into(),
                status: o.proposal.status.into(),
                proposal: Proposal(o.proposal.clone()),
            })
            .collect()
    }

    async fn proposals_received(&self) -> i32 {
        int(self.report.proposals_received)
    }

    async fn proposals_decided(&self) -> i32 {
        int(self.report.outcomes.len() as u64)
    }

    /// Median days from a proposal reaching the council to its first council response; null when none.
    async fn median_days_to_first_response(&self) -> Option<f64> {
        self.report.median_days_to_first_response
    }
}

#[derive(SimpleObject)]
pub struct YouSaidWeDidEntry {
    proposal: Proposal,
    /// The proposal's title.
    you_said: String,
    /// The text of the deciding council response.
    we_did: String,
    decision: Decision,
    status: ProposalStatus,
}

#[derive(SimpleObject)]
pub struct ForumActivity {
    forum: Forum,
    proposals: i32,
    supports: i32,
    comments: i32,
    council_responses: i32,
}

impl ForumActivity {
    fn new(forum: forum::Model, activity: Activity) -> Self {
        Self {
            forum: Forum(forum),
            proposals: int(activity.proposals),
            supports: int(activity.supports),
            comments: int(activity.comments),
            council_responses: int(activity.council_responses),
        }
    }
}

#[derive(SimpleObject)]
pub struct ParticipationStats {
    from: Date,
    to: Date,
    active_residents: i32,
    active_youth: i32,
    proposals: i32,
    supports: i32,
    comments: i32,
    council_responses: i32,
    median_days_to_first_response: Option<f64>,
    by_forum: Vec<ForumActivity>,
}

#[derive(Default)]
pub struct OutcomesQuery;

#[Object]
impl OutcomesQuery {
    async fn you_said_we_did(
        &self,
        ctx: &Context<'_>,
        forum_id: Option<ID>,
        from: Date,
        to: Date,
    ) -> AppResult<YouSaidWeDid> {
        let period = Period::new(from.0, to.0)?;
        let db = &ctx.state()?.db;
        let forum = match forum_id {
            Some(id) => {
                let id = ForumId::from_input(Field::ForumId, &id)?;
                Some(
                    forums::by_id(db, id)
                        .await?
                        .ok_or_else(|| AppError::invalid(Field::ForumId, "error-no-such-forum"))?,
                )
            }
            None => None,
        };
        let viewer = ctx.viewer().await?;
        let report =
            stats::you_said_we_did(db, viewer, forum.as_ref().map(|f| ForumId(f.id)), period)
                .await?;
        Ok(YouSaidWeDid {
            from,
            to,
            forum,
            report,
        })
    }

    async fn participation_stats(
        &self,
        ctx: &Context<'_>,
        from: Date,
        to: Date,
    ) -> AppResult<ParticipationStats> {
        let period = Period::new(from.0, to.0)?;
        let participation =
            stats::participation(&ctx.state()?.db, ctx.viewer().await?, period).await?;
        let total = participation.total;
        Ok(ParticipationStats {
            from,
            to,
            active_residents: int(participation.active_residents),
            active_youth: int(participation.active_youth),
            proposals: int(total.proposals),
            supports: int(total.supports),
            comments: int(total.comments),
            council_responses: int(total.council_responses),
            median_days_to_first_response: participation.median_days_to_first_response,
            by_forum: participation
                .by_forum
                .into_iter()
                .map(|(forum, activity)| ForumActivity::new(forum, activity))
                .collect(),
        })
    }
}
