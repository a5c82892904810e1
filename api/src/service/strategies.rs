//! The community strategy: clerks write strategies, objectives, indicators and measurements,
//! and link the proposals that reached the council to the objectives they feed.

use chrono::NaiveDate;
use entity::{
    ProposalStatus, StrategyStatus, forum, indicator, measurement, objective_forum, strategy,
    strategy_link, strategy_objective,
};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use super::{
    audit::{self, AuditRecord},
    input, proposals,
};
use crate::{
    auth::{Actor, Viewer},
    db::begin_write,
    error::{AppError, AppResult},
    ids::{NodeKind, decode, encode, input_id, object_id},
    state::AppState,
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
    strategy_id: i32,
) -> AppResult<Option<strategy::Model>> {
    Ok(strategy::Entity::find_by_id(strategy_id)
        .filter(viewer.strategy_filter())
        .one(db)
        .await?)
}

/// For mutations: the strategy, locked until the transaction ends (on PostgreSQL; SQLite's
/// write transaction already excludes other writers), or NOT_FOUND.
async fn find_for_update(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    strategy_id: i32,
) -> AppResult<strategy::Model> {
    strategy::Entity::find_by_id(strategy_id)
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
    objective_id: i32,
) -> AppResult<Option<strategy_objective::Model>> {
    let Some(objective) = strategy_objective::Entity::find_by_id(objective_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let visible = find_visible(db, viewer, objective.strategy_id)
        .await?
        .is_some();
    Ok(visible.then_some(objective))
}

/// An indicator, if the viewer may see its strategy.
pub async fn find_indicator(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    indicator_id: i32,
) -> AppResult<Option<indicator::Model>> {
    let Some(indicator) = indicator::Entity::find_by_id(indicator_id).one(db).await? else {
        return Ok(None);
    };
    let visible = find_objective(db, viewer, indicator.objective_id)
        .await?
        .is_some();
    Ok(visible.then_some(indicator))
}

fn audited(
    clerk: &Actor,
    action: &'static str,
    kind: NodeKind,
    id: i32,
    detail: Option<String>,
) -> AuditRecord<'static> {
    AuditRecord {
        actor_id: Some(clerk.id),
        action,
        subject_id: Some(encode(kind, id)),
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
    let title_en = input::line("titleEn", &new.title_en, TITLE.0, TITLE.1)?;
    let title_cy = input::line("titleCy", &new.title_cy, TITLE.0, TITLE.1)?;
    let summary_en = input::text("summaryEn", &new.summary_en, SUMMARY.0, SUMMARY.1)?;
    let summary_cy = input::text("summaryCy", &new.summary_cy, SUMMARY.0, SUMMARY.1)?;
    if new.period_end < new.period_start {
        return Err(AppError::invalid(
            "periodEnd",
            "the period must not end before it starts",
        ));
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
            "strategy.created",
            NodeKind::CommunityStrategy,
            strategy.id,
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
    id: &str,
    changes: StrategyChanges,
) -> AppResult<strategy::Model> {
    let clerk = viewer.require_clerk()?;
    let strategy_id = object_id(NodeKind::CommunityStrategy, id)?;
    let title_en = changes
        .title_en
        .map(|v| input::line("titleEn", &v, TITLE.0, TITLE.1))
        .transpose()?;
    let title_cy = changes
        .title_cy
        .map(|v| input::line("titleCy", &v, TITLE.0, TITLE.1))
        .transpose()?;
    let summary_en = changes
        .summary_en
        .map(|v| input::text("summaryEn", &v, SUMMARY.0, SUMMARY.1))
        .transpose()?;
    let summary_cy = changes
        .summary_cy
        .map(|v| input::text("summaryCy", &v, SUMMARY.0, SUMMARY.1))
        .transpose()?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let strategy = find_for_update(&txn, viewer, strategy_id).await?;
    let from = strategy.status;
    if from == StrategyStatus::Archived {
        return Err(AppError::conflict("an archived strategy is kept as it was"));
    }
    if let Some(to) = changes.status
        && !may_move(from, to)
    {
        return Err(AppError::conflict(format!(
            "a {} strategy cannot become {}",
            from.to_value(),
            to.to_value()
        )));
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
        changed.push(format!("status {} -> {}", from.to_value(), to.to_value()));
    }
    active.updated_at = Set(now);
    let strategy = active.update(&txn).await?;
    let detail = Some(changed.join(", "));
    audit::record(
        &txn,
        audited(
            clerk,
            "strategy.updated",
            NodeKind::CommunityStrategy,
            strategy.id,
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
    pub forum_ids: Vec<String>,
}

/// The next objective of a strategy, with the forums whose work feeds it.
pub async fn add_objective(
    state: &AppState,
    viewer: &Viewer,
    strategy_id: &str,
    new: NewObjective,
) -> AppResult<strategy_objective::Model> {
    let clerk = viewer.require_clerk()?;
    let strategy_id = object_id(NodeKind::CommunityStrategy, strategy_id)?;
    let title_en = input::line("titleEn", &new.title_en, TITLE.0, TITLE.1)?;
    let title_cy = input::line("titleCy", &new.title_cy, TITLE.0, TITLE.1)?;
    let description_en = input::text("descriptionEn", &new.description_en, SUMMARY.0, SUMMARY.1)?;
    let description_cy = input::text("descriptionCy", &new.description_cy, SUMMARY.0, SUMMARY.1)?;
    let mut forum_ids = new
        .forum_ids
        .iter()
        .map(|id| input_id(NodeKind::Forum, "forumIds", id))
        .collect::<AppResult<Vec<i32>>>()?;
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
        return Err(AppError::invalid("forumIds", "no such forum"));
    }
    let last: Option<i32> = strategy_objective::Entity::find()
        .select_only()
        .column(strategy_objective::Column::Position)
        .filter(strategy_objective::Column::StrategyId.eq(strategy_id))
        .order_by_desc(strategy_objective::Column::Position)
        .into_tuple()
        .one(&txn)
        .await?;
    let objective = strategy_objective::ActiveModel {
        strategy_id: Set(strategy_id),
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
    .map_err(AppError::on_unique_violation(AppError::conflict(
        "another objective was added at the same time; try again",
    )))?;
    for forum_id in forum_ids {
        objective_forum::ActiveModel {
            objective_id: Set(objective.id),
            forum_id: Set(forum_id),
        }
        .insert(&txn)
        .await?;
    }
    audit::record(
        &txn,
        audited(
            clerk,
            "objective.added",
            NodeKind::StrategyObjective,
            objective.id,
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
    objective_id: &str,
    proposal_id: &str,
    note: Option<String>,
) -> AppResult<strategy_link::Model> {
    let clerk = viewer.require_clerk()?;
    let objective_id = object_id(NodeKind::StrategyObjective, objective_id)?;
    let proposal_id = object_id(NodeKind::Proposal, proposal_id)?;
    let note = input::optional_text("note", note, 2000)?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    find_objective(&txn, viewer, objective_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (proposal, _) = proposals::find_visible(&txn, viewer, proposal_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !reached_council(proposal.status) {
        return Err(AppError::conflict(
            "only proposals that reached the council can be linked",
        ));
    }
    let link = strategy_link::ActiveModel {
        objective_id: Set(objective_id),
        proposal_id: Set(proposal.id),
        note: Set(note),
        linked_at: Set(now),
        linked_by_id: Set(Some(clerk.id)),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(AppError::on_unique_violation(AppError::conflict(
        "this proposal is already linked to this objective",
    )))?;
    let detail = Some(encode(NodeKind::StrategyObjective, objective_id));
    audit::record(
        &txn,
        audited(
            clerk,
            "proposal.linked",
            NodeKind::Proposal,
            proposal.id,
            detail,
        ),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(link)
}

pub async fn unlink(state: &AppState, viewer: &Viewer, link_id: &str) -> AppResult<bool> {
    let clerk = viewer.require_clerk()?;
    let link_id = match decode(link_id) {
        Some((NodeKind::StrategyLink, id)) => id,
        _ => return Err(AppError::NotFound),
    };
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let link = strategy_link::Entity::find_by_id(link_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    strategy_link::Entity::delete_by_id(link.id)
        .exec(&txn)
        .await?;
    let detail = Some(encode(NodeKind::StrategyObjective, link.objective_id));
    audit::record(
        &txn,
        audited(
            clerk,
            "proposal.unlinked",
            NodeKind::Proposal,
            link.proposal_id,
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

fn finite(field: &str, value: Option<f64>) -> AppResult<Option<f64>> {
    match value {
        Some(v) if !v.is_finite() => Err(AppError::invalid(
            field,
            format!("{field} must be a number"),
        )),
        other => Ok(other),
    }
}

pub async fn add_indicator(
    state: &AppState,
    viewer: &Viewer,
    objective_id: &str,
    new: NewIndicator,
) -> AppResult<indicator::Model> {
    let clerk = viewer.require_clerk()?;
    let objective_id = object_id(NodeKind::StrategyObjective, objective_id)?;
    let name_en = input::line("nameEn", &new.name_en, TITLE.0, TITLE.1)?;
    let name_cy = input::line("nameCy", &new.name_cy, TITLE.0, TITLE.1)?;
    let unit = input::line("unit", &new.unit, 1, 40)?;
    let baseline = finite("baseline", new.baseline)?;
    let target = finite("target", new.target)?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    find_objective(&txn, viewer, objective_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let indicator = indicator::ActiveModel {
        objective_id: Set(objective_id),
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
            "indicator.added",
            NodeKind::Indicator,
            indicator.id,
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
    indicator_id: &str,
    value: f64,
    recorded_on: NaiveDate,
    note: Option<String>,
) -> AppResult<indicator::Model> {
    let clerk = viewer.require_clerk()?;
    let indicator_id = object_id(NodeKind::Indicator, indicator_id)?;
    let value = finite("value", Some(value))?.unwrap_or_default();
    let note = input::optional_text("note", note, 2000)?;
    let now = crate::clock::now();
    if recorded_on > now.date_naive() {
        return Err(AppError::invalid(
            "recordedOn",
            "a measurement cannot be recorded in the future",
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
            "measurement.recorded",
            NodeKind::Indicator,
            indicator.id,
            detail,
        ),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(indicator)
}
