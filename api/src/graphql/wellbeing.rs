//! The seven well-being goals of the Well-being of Future Generations (Wales) Act 2015: their
//! names, the clerks' tagging and the report of how the forums served each.

use async_graphql::{Context, Enum, ID, Object};
use entity::proposal;

use super::{
    connection::{SHORT_LIST_ROWS, list_cost},
    context::ContextExt,
    enums::Language,
    proposal::Proposal,
    scalars::Date,
};
use crate::{
    error::AppResult,
    i18n,
    ids::ProposalId,
    service::{
        stats::Period,
        wellbeing::{self, GoalSummary, goal_messages},
    },
};

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::WellbeingGoal")]
pub enum WellbeingGoal {
    Prosperous,
    Resilient,
    Healthier,
    MoreEqual,
    CohesiveCommunities,
    VibrantCultureAndThrivingWelshLanguage,
    GloballyResponsible,
}

async fn goal_name(
    ctx: &Context<'_>,
    goal: entity::WellbeingGoal,
    lang: Option<Language>,
) -> String {
    i18n::text(ctx.language(lang).await, goal_messages(goal).0)
}

pub struct WellbeingGoalInfo(entity::WellbeingGoal);

#[Object]
impl WellbeingGoalInfo {
    async fn goal(&self) -> WellbeingGoal {
        self.0.into()
    }

    /// The Act's own name for the goal, in English or Welsh.
    async fn name(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        goal_name(ctx, self.0, lang).await
    }

    async fn description(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        i18n::text(ctx.language(lang).await, goal_messages(self.0).1)
    }
}

pub struct WellbeingGoalSummary(GoalSummary);

fn int(n: u64) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

#[Object]
impl WellbeingGoalSummary {
    async fn goal(&self) -> WellbeingGoal {
        self.0.goal.into()
    }

    async fn name(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        goal_name(ctx, self.0.goal, lang).await
    }

    /// Proposals tagged with the goal and published in the period, that the viewer may see.
    async fn proposals(&self) -> i32 {
        int(self.0.proposals)
    }

    /// Of those, the ones the council accepted (implemented ones included).
    async fn accepted(&self) -> i32 {
        int(self.0.accepted)
    }

    async fn implemented(&self) -> i32 {
        int(self.0.implemented)
    }

    /// Objectives of ADOPTED strategies tagged with the goal.
    async fn objectives(&self) -> i32 {
        int(self.0.objectives)
    }
}

#[derive(Default)]
pub struct WellbeingQuery;

#[Object]
impl WellbeingQuery {
    /// The seven goals, in the Act's order.
    async fn wellbeing_goals(&self) -> Vec<WellbeingGoalInfo> {
        use sea_orm::Iterable;
        entity::WellbeingGoal::iter()
            .map(WellbeingGoalInfo)
            .collect()
    }

    /// Whole UTC days, to included.
    #[graphql(complexity = "list_cost(SHORT_LIST_ROWS, child_complexity)")]
    async fn wellbeing_report(
        &self,
        ctx: &Context<'_>,
        from: Date,
        to: Date,
    ) -> AppResult<Vec<WellbeingGoalSummary>> {
        let period = Period::new(from.0, to.0)?;
        let summaries = wellbeing::report(&ctx.state()?.db, ctx.viewer().await?, period).await?;
        Ok(summaries.into_iter().map(WellbeingGoalSummary).collect())
    }
}

#[derive(Default)]
pub struct WellbeingMutation;

#[Object]
impl WellbeingMutation {
    /// Clerks: tag a proposal that reached the council (the author tags their own with updateProposal).
    async fn tag_proposal(
        &self,
        ctx: &Context<'_>,
        id: ID,
        wellbeing_goals: Vec<WellbeingGoal>,
    ) -> AppResult<Proposal> {
        let id = ProposalId::from_object(&id)?;
        let goals = wellbeing_goals.into_iter().map(Into::into).collect();
        let tagged: proposal::Model =
            wellbeing::tag_proposal(ctx.state()?, ctx.viewer().await?, id, goals).await?;
        Ok(Proposal(tagged))
    }
}
