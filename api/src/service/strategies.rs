//! The community strategy: clerks write strategies, objectives, indicators and measurements,
//! and link the proposals that reached the council to the objectives they feed.

use chrono::NaiveDate;
use entity::{
    ProposalStatus, StrategyStatus, WellbeingGoal, forum, indicator, measurement, objective_forum,
    strategy, strategy_link, strategy_objective,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::{
    audit::{self, AuditAction, AuditRecord},
    input, proposals, wellbeing,
};
use crate::{
    args,
    auth::{Actor, Viewer},
    db::begin_write,
    error::{AppError, AppResult, Field, UniqueKey},
    i18n::{Arg, names},
    ids::{ForumId, IndicatorId, LinkId, ObjectiveId, ProposalId, StrategyId},
    state::AppState,
};

const POSITION_KEY: UniqueKey = UniqueKey {
    table: "strategy_objectives",
    columns: &["strategy_id", "position"],
    index: None,
};
const LINK_KEY: UniqueKey = UniqueKey {
    table: "strategy_links",
    columns: &["objective_id", "proposal_id"],
    index: None,
};

const TITLE: (usize, usize) = (2, 150);
const SUMMARY: (usize, usize) = (1, 5_000);

/// Strategies the viewer may see, the most recent period first.
pub async fn list(db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<Vec<strategy::Model>> {
    Ok(strategy::Entity::find()
        .filter(viewer.strategy_filter())
        .order_by_desc(strategy::Column::PeriodStart)
        .order_by_desc(strategy::Column::Id)
        .all(db)
        .await?)
}

pub async fn find_visible(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    strategy_id: StrategyId,
) -> AppResult<Option<strategy::Model>> {
    Ok(strategy::Entity::find_by_id(strategy_id.0)
        .filter(viewer.strategy_filter())
        .one(db)
        .await?)
}

/// For mutations: the strategy, locked until the transaction ends (on PostgreSQL; SQLite's
/// write transaction already excludes other writers), or NOT_FOUND.
async fn find_for_update(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    strategy_id: StrategyId,
) -> AppResult<strategy::Model> {
    strategy::Entity::find_by_id(strategy_id.0)
        .filter(viewer.strategy_filter())
        .lock_exclusive()
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// An objective, if the viewer may see its strategy.
pub async fn find_objective(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    objective_id: ObjectiveId,
) -> AppResult<Option<strategy_objective::Model>> {
    let Some(objective) = strategy_objective::Entity::find_by_id(objective_id.0)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let visible = find_visible(db, viewer, StrategyId(objective.strategy_id))
        .await?
        .is_some();
    Ok(visible.then_some(objective))
}

/// An indicator, if the viewer may see its strategy.
pub async fn find_indicator(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    indicator_id: IndicatorId,
) -> AppResult<Option<indicator::Model>> {
    let Some(indicator) = indicator::Entity::find_by_id(indicator_id.0)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let visible = find_objective(db, viewer, ObjectiveId(indicator.objective_id))
        .await?
        .is_some();
    Ok(visible.then_some(indicator))
}

fn audited(
    clerk: &Actor,
    action: AuditAction,
    subject: String,
    detail: Option<String>,
) -> AuditRecord {
    AuditRecord {
        actor_id: Some(clerk.id),
        action,
        subject_id: Some(subject),
        detail,
    }
}

pub struct NewStrategy {
    pub title_en: String,
    pub title_cy: String,
    pub summary_en: String,
    pub summary_cy: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
}

/// A new DRAFT strategy.
pub async fn create(
    state: &AppState,
    viewer: &Viewer,
    new: NewStrategy,
) -> AppResult<strategy::Model> {
    let clerk = viewer.require_clerk()?;
    let title_en = input::line(Field::TitleEn, &new.title_en, TITLE.0, TITLE.1)?;
    let title_cy = input::line(Field::TitleCy, &new.title_cy, TITLE.0, TITLE.1)?;
    let summary_en = input::text(Field::SummaryEn, &new.summary_en, SUMMARY.0, SUMMARY.1)?;
    let summary_cy = input::text(Field::SummaryCy, &new.summary_cy, SUMMARY.0, SUMMARY.1)?;
    if new.period_end < new.period_start {
        return Err(AppError::invalid(Field::PeriodEnd, "error-period-order"));
    }
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let strategy = strategy::ActiveModel {
        title_en: Set(title_en),
        title_cy: Set(title_cy),
        summary_en: Set(summary_en),
        summary_cy: Set(summary_cy),
        period_start: Set(new.period_start),
        period_end: Set(new.period_end),
        status: Set(StrategyStatus::Draft),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audited(
            clerk,
            AuditAction::StrategyCreated,
            StrategyId(strategy.id).to_global(),
            None,
        ),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(strategy)
}

#[derive(Default)]
pub struct StrategyChanges {
    pub title_en: Option<String>,
    pub title_cy: Option<String>,
    pub summary_en: Option<String>,
    pub summary_cy: Option<String>,
    pub status: Option<StrategyStatus>,
}

/// Where a strategy may go from `from`: out to consultation and back, adopted, archived for good.
fn may_move(from: StrategyStatus, to: StrategyStatus) -> bool {
    use StrategyStatus::*;
    matches!(
        (from, to),
        (Draft, Consultation | Adopted | Archived)
            | (Consultation, Draft | Adopted | Archived)
            | (Adopted, Archived)
    )
}

pub async fn update(
    state: &AppState,
    viewer: &Viewer,
    strategy_id: StrategyId,
    changes: StrategyChanges,
) -> AppResult<strategy::Model> {
    let clerk = viewer.require_clerk()?;
    let title_en = changes
        .title_en
        .map(|v| input::line(Field::TitleEn, &v, TITLE.0, TITLE.1))
        .transpose()?;
    let title_cy = changes
        .title_cy
        .map(|v| input::line(Field::TitleCy, &v, TITLE.0, TITLE.1))
        .transpose()?;
    let summary_en = changes
        .summary_en
        .map(|v| input::text(Field::SummaryEn, &v, SUMMARY.0, SUMMARY.1))
        .transpose()?;
    let summary_cy = changes
        .summary_cy
        .map(|v| input::text(Field::SummaryCy, &v, SUMMARY.0, SUMMARY.1))
        .transpose()?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let strategy = find_for_update(&txn, viewer, strategy_id).await?;
    let from = strategy.status;
    if from == StrategyStatus::Archived {
        return Err(AppError::conflict("error-strategy-archived"));
    }
    if let Some(to) = changes.status
        && !may_move(from, to)
    {
        return Err(AppError::conflict_with(
            "error-strategy-move",
            args!(
                from = Arg::Message(names::strategy_status(from)),
                to = Arg::Message(names::strategy_status(to)),
            ),
        ));
    }
    let mut active: strategy::ActiveModel = strategy.into();
    let mut changed = Vec::new();
    if let Some(v) = title_en {
        active.title_en = Set(v);
        changed.push("titleEn".to_string());
    }
    if let Some(v) = title_cy {
        active.title_cy = Set(v);
        changed.push("titleCy".to_string());
    }
    if let Some(v) = summary_en {
        active.summary_en = Set(v);
        changed.push("summaryEn".to_string());
    }
    if let Some(v) = summary_cy {
        active.summary_cy = Set(v);
        changed.push("summaryCy".to_string());
    }
    if let Some(to) = changes.status {
        active.status = Set(to);
        changed.push(format!(
            "status {} -> {}",
            sea_orm::ActiveEnum::to_value(&from),
            sea_orm::ActiveEnum::to_value(&to)
        ));
    }
    active.updated_at = Set(now);
    let strategy = active.update(&txn).await?;
    let detail = Some(changed.join(", "));
    audit::record(
        &txn,
        audited(
            clerk,
            AuditAction::StrategyUpdated,
            StrategyId(strategy.id).to_global(),
            detail,
        ),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(strategy)
}

pub struct NewObjective {
    pub title_en: String,
    pub title_cy: String,
    pub description_en: String,
    pub description_cy: String,
    pub forum_ids: Vec<ForumId>,
    pub wellbeing_goals: Vec<WellbeingGoal>,
}

/// The next objective of a strategy, with the forums whose work feeds it.
pub async fn add_objective(
    state: &AppState,
    viewer: &Viewer,
    strategy_id: StrategyId,
    new: NewObjective,
) -> AppResult<strategy_objective::Model> {
    let clerk = viewer.require_clerk()?;
    let title_en = input::line(Field::TitleEn, &new.title_en, TITLE.0, TITLE.1)?;
    let title_cy = input::line(Field::TitleCy, &new.title_cy, TITLE.0, TITLE.1)?;
    let description_en = input::text(
        Field::DescriptionEn,
        &new.description_en,
        SUMMARY.0,
        SUMMARY.1,
    )?;
    let description_cy = input::text(
        Field::DescriptionCy,
        &new.description_cy,
        SUMMARY.0,
        SUMMARY.1,
    )?;
    let mut forum_ids: Vec<i32> = new.forum_ids.iter().map(|id| id.0).collect();
    forum_ids.sort_unstable();
    forum_ids.dedup();
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    // Locked, so concurrent additions take positions one after another.
    find_for_update(&txn, viewer, strategy_id).await?;
    let known = forum::Entity::find()
        .filter(forum::Column::Id.is_in(forum_ids.iter().copied()))
        .all(&txn)
        .await?
        .len();
    if known != forum_ids.len() {
        return Err(AppError::invalid(Field::ForumIds, "error-no-such-forum"));
    }
    let last: Option<i32> = strategy_objective::Entity::find()
        .select_only()
        .column(strategy_objective::Column::Position)
        .filter(strategy_objective::Column::StrategyId.eq(strategy_id.0))
        .order_by_desc(strategy_objective::Column::Position)
        .into_tuple()
        .one(&txn)
        .await?;
    let objective = strategy_objective::ActiveModel {
        strategy_id: Set(strategy_id.0),
        title_en: Set(title_en),
        title_cy: Set(title_cy),
        description_en: Set(description_en),
        description_cy: Set(description_cy),
        position: Set(last.unwrap_or(0) + 1),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(AppError::on_unique_violation(
        POSITION_KEY,
        AppError::conflict("error-objective-race"),
    ))?;
    for forum_id in forum_ids {
        objective_forum::ActiveModel {
            objective_id: Set(objective.id),
            forum_id: Set(forum_id),
        }
        .insert(&txn)
        .await?;
    }
    wellbeing::set_objective_goals(
        &txn,
        objective.id,
        &wellbeing::goal_set(new.wellbeing_goals),
    )
    .await?;
    audit::record(
        &txn,
        audited(
            clerk,
            AuditAction::ObjectiveAdded,
            ObjectiveId(objective.id).to_global(),
            None,
        ),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(objective)
}

/// Statuses of a proposal that has reached the council.
fn reached_council(status: ProposalStatus) -> bool {
    !matches!(
        status,
        ProposalStatus::Draft | ProposalStatus::Open | ProposalStatus::Withdrawn
    )
}

pub async fn link(
    state: &AppState,
    viewer: &Viewer,
    objective_id: ObjectiveId,
    proposal_id: ProposalId,
    note: Option<String>,
) -> AppResult<strategy_link::Model> {
    let clerk = viewer.require_clerk()?;
    let note = input::optional_note(Field::Note, note)?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    find_objective(&txn, viewer, objective_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (proposal, _) = proposals::find_visible(&txn, viewer, proposal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !reached_council(proposal.status) {
        return Err(AppError::conflict("error-link-not-at-council"));
    }
    let link = strategy_link::ActiveModel {
        objective_id: Set(objective_id.0),
        proposal_id: Set(proposal.id),
        note: Set(note),
        linked_at: Set(now),
        linked_by_id: Set(Some(clerk.id)),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(AppError::on_unique_violation(
        LINK_KEY,
        AppError::conflict("error-link-duplicate"),
    ))?;
    let detail = Some(objective_id.to_global());
    audit::record(
        &txn,
        audited(
            clerk,
            AuditAction::ProposalLinked,
            ProposalId(proposal.id).to_global(),
            detail,
        ),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(link)
}

pub async fn unlink(state: &AppState, viewer: &Viewer, link_id: LinkId) -> AppResult<bool> {
    let clerk = viewer.require_clerk()?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let link = strategy_link::Entity::find_by_id(link_id.0)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    strategy_link::Entity::delete_by_id(link.id)
        .exec(&txn)
        .await?;
    let detail = Some(ObjectiveId(link.objective_id).to_global());
    audit::record(
        &txn,
        audited(
            clerk,
            AuditAction::ProposalUnlinked,
            ProposalId(link.proposal_id).to_global(),
            detail,
        ),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

pub struct NewIndicator {
    pub name_en: String,
    pub name_cy: String,
    pub unit: String,
    pub baseline: Option<f64>,
    pub target: Option<f64>,
}

fn finite(field: Field, value: Option<f64>) -> AppResult<Option<f64>> {
    match value {
        Some(v) if !v.is_finite() => Err(AppError::invalid(field, "error-not-a-number")),
        other => Ok(other),
    }
}

pub async fn add_indicator(
    state: &AppState,
    viewer: &Viewer,
    objective_id: ObjectiveId,
    new: NewIndicator,
) -> AppResult<indicator::Model> {
    let clerk = viewer.require_clerk()?;
    let name_en = input::line(Field::NameEn, &new.name_en, TITLE.0, TITLE.1)?;
    let name_cy = input::line(Field::NameCy, &new.name_cy, TITLE.0, TITLE.1)?;
    let unit = input::line(Field::Unit, &new.unit, 1, 40)?;
    let baseline = finite(Field::Baseline, new.baseline)?;
    let target = finite(Field::Target, new.target)?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    find_objective(&txn, viewer, objective_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let indicator = indicator::ActiveModel {
        objective_id: Set(objective_id.0),
        name_en: Set(name_en),
        name_cy: Set(name_cy),
        unit: Set(unit),
        baseline: Set(baseline),
        target: Set(target),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        audited(
            clerk,
            AuditAction::IndicatorAdded,
            IndicatorId(indicator.id).to_global(),
            None,
        ),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(indicator)
}

pub async fn record_measurement(
    state: &AppState,
    viewer: &Viewer,
    indicator_id: IndicatorId,
    value: f64,
    recorded_on: NaiveDate,
    note: Option<String>,
) -> AppResult<indicator::Model> {
    let clerk = viewer.require_clerk()?;
    let value = finite(Field::Value, Some(value))?.unwrap_or_default();
    let note = input::optional_note(Field::Note, note)?;
    let now = crate::clock::now();
    if recorded_on > now.date_naive() {
        return Err(AppError::invalid(
            Field::RecordedOn,
            "error-measurement-in-future",
        ));
    }
    let txn = begin_write(&state.db).await?;
    let indicator = find_indicator(&txn, viewer, indicator_id)
        .await?
        .ok_or(AppError::NotFound)?;
    measurement::ActiveModel {
        indicator_id: Set(indicator.id),
        value: Set(value),
        recorded_on: Set(recorded_on),
        note: Set(note),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let detail = Some(format!("{value} on {recorded_on}"));
    audit::record(
        &txn,
        audited(
            clerk,
            AuditAction::MeasurementRecorded,
            IndicatorId(indicator.id).to_global(),
            detail,
        ),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(indicator)
}
