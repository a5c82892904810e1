//! The seven well-being goals (RULES.md "Well-being goals"): tags on proposals and objectives,
//! the clerks' `tagProposal`, and the report of how the forums' proposals served each goal.
//! Tags are a set: duplicates collapse and every list follows the Act's order.

use std::collections::{BTreeSet, HashMap};

use entity::{
    ProposalStatus, StrategyStatus, WellbeingGoal, objective_wellbeing_goal, proposal,
    proposal_wellbeing_goal, strategy, strategy_objective,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, Iterable, QueryFilter, QuerySelect, sea_query::Query,
};

use super::{
    audit::{self, AuditAction, AuditRecord},
    proposals,
    stats::Period,
};
use crate::{auth::Viewer, db::begin_write, error::AppResult, ids::ProposalId, state::AppState};

/// The goals given, each once, in the Act's order.
pub fn goal_set(goals: impl IntoIterator<Item = WellbeingGoal>) -> Vec<WellbeingGoal> {
    goals
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Replaces a proposal's goals with `goals` (already a set).
pub async fn set_proposal_goals(
    conn: &impl ConnectionTrait,
    proposal_id: i32,
    goals: &[WellbeingGoal],
) -> AppResult<()> {
    proposal_wellbeing_goal::Entity::delete_many()
        .filter(proposal_wellbeing_goal::Column::ProposalId.eq(proposal_id))
        .exec(conn)
        .await?;
    if !goals.is_empty() {
        proposal_wellbeing_goal::Entity::insert_many(goals.iter().map(|goal| {
            proposal_wellbeing_goal::ActiveModel {
                proposal_id: sea_orm::Set(proposal_id),
                goal: sea_orm::Set(*goal),
            }
        }))
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}

/// Gives a new objective its goals (already a set).
pub async fn set_objective_goals(
    conn: &impl ConnectionTrait,
    objective_id: i32,
    goals: &[WellbeingGoal],
) -> AppResult<()> {
    objective_wellbeing_goal::Entity::delete_many()
        .filter(objective_wellbeing_goal::Column::ObjectiveId.eq(objective_id))
        .exec(conn)
        .await?;
    if !goals.is_empty() {
        objective_wellbeing_goal::Entity::insert_many(goals.iter().map(|goal| {
            objective_wellbeing_goal::ActiveModel {
                objective_id: sea_orm::Set(objective_id),
                goal: sea_orm::Set(*goal),
            }
        }))
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}

/// The goals of each of `proposal_ids`, in the Act's order (none: an empty list).
pub async fn goals_of_proposals(
    conn: &impl ConnectionTrait,
    proposal_ids: impl IntoIterator<Item = i32>,
) -> AppResult<HashMap<i32, Vec<WellbeingGoal>>> {
    let mut goals: HashMap<i32, Vec<WellbeingGoal>> = HashMap::new();
    for row in proposal_wellbeing_goal::Entity::find()
        .filter(proposal_wellbeing_goal::Column::ProposalId.is_in(proposal_ids))
        .all(conn)
        .await?
    {
        goals.entry(row.proposal_id).or_default().push(row.goal);
    }
    goals.values_mut().for_each(|list| list.sort_unstable());
    Ok(goals)
}

/// The goals of each of `objective_ids`, in the Act's order.
pub async fn goals_of_objectives(
    conn: &impl ConnectionTrait,
    objective_ids: impl IntoIterator<Item = i32>,
) -> AppResult<HashMap<i32, Vec<WellbeingGoal>>> {
    let mut goals: HashMap<i32, Vec<WellbeingGoal>> = HashMap::new();
    for row in objective_wellbeing_goal::Entity::find()
        .filter(objective_wellbeing_goal::Column::ObjectiveId.is_in(objective_ids))
        .all(conn)
        .await?
    {
        goals.entry(row.objective_id).or_default().push(row.goal);
    }
    goals.values_mut().for_each(|list| list.sort_unstable());
    Ok(goals)
}

/// A clerk sets the goals of any proposal they can see (the author tags their own while it is
/// DRAFT or OPEN, through create and update); audited with the goals before and after.
pub async fn tag_proposal(
    state: &AppState,
    viewer: &Viewer,
    id: ProposalId,
    goals: Vec<WellbeingGoal>,
) -> AppResult<proposal::Model> {
    let clerk = viewer.require_clerk()?;
    let goals = goal_set(goals);
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let (proposal, _) = proposals::find_for_update(&txn, viewer, id).await?;
    let before = goals_of_proposals(&txn, [proposal.id])
        .await?
        .remove(&proposal.id)
        .unwrap_or_default();
    set_proposal_goals(&txn, proposal.id, &goals).await?;
    audit::record(
        &txn,
        AuditRecord {
            actor_id: Some(clerk.id),
            action: AuditAction::ProposalTagged,
            subject_id: Some(id.to_global()),
            detail: Some(format!("{} -> {}", spelled(&before), spelled(&goals))),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(proposal)
}

/// Goals as their stored names, for the audit log.
fn spelled(goals: &[WellbeingGoal]) -> String {
    let names: Vec<String> = goals.iter().map(sea_orm::ActiveEnum::to_value).collect();
    format!("[{}]", names.join(", "))
}

/// What the forums did for one goal in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoalSummary {
    pub goal: WellbeingGoal,
    /// Tagged proposals published in the period that the viewer may see.
    pub proposals: u64,
    /// Of those, the ones the council accepted (implemented ones included).
    pub accepted: u64,
    pub implemented: u64,
    /// Objectives of ADOPTED strategies tagged with the goal.
    pub objectives: u64,
}

/// All seven goals, zeros included, in the Act's order: proposals through the viewer's
/// visibility filter, the same one every list uses.
pub async fn report(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    period: Period,
) -> AppResult<Vec<GoalSummary>> {
    let visible_in_period = Query::select()
        .column(proposal::Column::Id)
        .from(proposal::Entity)
        .cond_where(viewer.proposal_filter())
        .and_where(proposal::Column::PublishedAt.gte(period.start()))
        .and_where(proposal::Column::PublishedAt.lt(period.end()))
        .to_owned();
    let tagged: Vec<(WellbeingGoal, ProposalStatus)> = proposal_wellbeing_goal::Entity::find()
        .select_only()
        .column(proposal_wellbeing_goal::Column::Goal)
        .column_as(proposal::Column::Status, "status")
        .join(
            sea_orm::JoinType::InnerJoin,
            proposal_wellbeing_goal::Entity::belongs_to(proposal::Entity)
                .from(proposal_wellbeing_goal::Column::ProposalId)
                .to(proposal::Column::Id)
                .into(),
        )
        .filter(proposal_wellbeing_goal::Column::ProposalId.in_subquery(visible_in_period))
        .into_tuple()
        .all(db)
        .await?;
    let adopted_strategies = Query::select()
        .column(strategy::Column::Id)
        .from(strategy::Entity)
        .and_where(strategy::Column::Status.eq(StrategyStatus::Adopted))
        .to_owned();
    let adopted_objectives = Query::select()
        .column(strategy_objective::Column::Id)
        .from(strategy_objective::Entity)
        .and_where(strategy_objective::Column::StrategyId.in_subquery(adopted_strategies))
        .to_owned();
    let objective_goals: Vec<WellbeingGoal> = objective_wellbeing_goal::Entity::find()
        .select_only()
        .column(objective_wellbeing_goal::Column::Goal)
        .filter(objective_wellbeing_goal::Column::ObjectiveId.in_subquery(adopted_objectives))
        .into_tuple()
        .all(db)
        .await?;
    Ok(WellbeingGoal::iter()
        .map(|goal| {
            let statuses = tagged.iter().filter(|(g, _)| *g == goal).map(|(_, s)| *s);
            let count = |keep: &dyn Fn(ProposalStatus) -> bool| {
                statuses.clone().filter(|s| keep(*s)).count() as u64
            };
            GoalSummary {
                goal,
                proposals: count(&|_| true),
                accepted: count(&|s| {
                    matches!(s, ProposalStatus::Accepted | ProposalStatus::Implemented)
                }),
                implemented: count(&|s| s == ProposalStatus::Implemented),
                objectives: objective_goals.iter().filter(|g| **g == goal).count() as u64,
            }
        })
        .collect())
}

/// The message ids of a goal's name and one-line description (the Act's own names).
pub fn goal_messages(goal: WellbeingGoal) -> (&'static str, &'static str) {
    match goal {
        WellbeingGoal::Prosperous => ("wellbeing-prosperous", "wellbeing-prosperous-description"),
        WellbeingGoal::Resilient => ("wellbeing-resilient", "wellbeing-resilient-description"),
        WellbeingGoal::Healthier => ("wellbeing-healthier", "wellbeing-healthier-description"),
        WellbeingGoal::MoreEqual => ("wellbeing-more-equal", "wellbeing-more-equal-description"),
        WellbeingGoal::CohesiveCommunities => (
            "wellbeing-cohesive-communities",
            "wellbeing-cohesive-communities-description",
        ),
        WellbeingGoal::VibrantCultureAndThrivingWelshLanguage => (
            "wellbeing-vibrant-culture",
            "wellbeing-vibrant-culture-description",
        ),
        WellbeingGoal::GloballyResponsible => (
            "wellbeing-globally-responsible",
            "wellbeing-globally-responsible-description",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goal_sets_collapse_duplicates_in_the_acts_order() {
        assert_eq!(
            goal_set([
                WellbeingGoal::GloballyResponsible,
                WellbeingGoal::Prosperous,
                WellbeingGoal::GloballyResponsible,
            ]),
            vec![
                WellbeingGoal::Prosperous,
                WellbeingGoal::GloballyResponsible
            ]
        );
    }
}
