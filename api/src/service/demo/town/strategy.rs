//! The community strategy the forums feed.

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, TimeDelta, Utc};
use entity::{
    StrategyStatus, indicator, measurement, objective_forum, strategy, strategy_link,
    strategy_objective,
};
use rand::{Rng, seq::index};
use sea_orm::{ActiveModelTrait, Set};

use super::{Pool, Town};
use crate::{error::AppResult, service::demo::writer::insert_all};

impl Town<'_> {
    /// An adopted five-year strategy with an objective per themed forum (fed by it and its
    /// youth forum), an indicator each with quarterly measurements, and links to proposals
    /// that reached the council; and next period's strategy, still a draft.
    pub(super) async fn strategy(&mut self) -> AppResult<()> {
        let created = self.start + TimeDelta::days(20);
        let adopted = self.start + TimeDelta::days(30);
        let period_start = adopted.date_naive();
        let period_end = period_start
            .checked_add_months(Months::new(60))
            .unwrap_or(period_start);
        let adopted_strategy = self
            .insert_strategy(
                created,
                adopted,
                period_start,
                period_end,
                StrategyStatus::Adopted,
            )
            .await?;
        let draft_start = period_end;
        let draft_end = draft_start
            .checked_add_months(Months::new(60))
            .unwrap_or(draft_start);
        let drafted = self.now - TimeDelta::days(20);
        self.insert_strategy(
            drafted,
            drafted,
            draft_start,
            draft_end,
            StrategyStatus::Draft,
        )
        .await?;

        let per_objective = ((40.0 * self.scale).round() as usize).max(2);
        let mut links = Vec::new();
        let mut measurements = Vec::new();
        let mut objective_forums = Vec::new();
        for (position, themed) in self.themed_places.clone().into_iter().enumerate() {
            let theme = self.places[themed].theme;
            let objective = strategy_objective::ActiveModel {
                strategy_id: Set(adopted_strategy),
                title_en: Set(theme.objective.0.to_string()),
                title_cy: Set(theme.objective.1.to_string()),
                description_en: Set(format!(
                    "{} Fed by the {} forum and its youth forum.",
                    theme.objective.0, theme.slug
                )),
                description_cy: Set(format!(
                    "{}. Yn cael ei fwydo gan fforwm {} a'i fforwm ieuenctid.",
                    theme.objective.1, theme.slug
                )),
                position: Set(position as i32 + 1),
                created_at: Set(created),
                ..Default::default()
            }
            .insert(self.txn)
            .await?;
            self.count("strategy_objectives", 1);
            self.objectives.push((objective.id, theme.slug));
            let shadow = (0..self.places.len()).find(|&i| self.places[i].themed == Some(themed));
            let fed_by: Vec<usize> = std::iter::once(themed).chain(shadow).collect();
            for place in &fed_by {
                objective_forums.push(objective_forum::ActiveModel {
                    objective_id: Set(objective.id),
                    forum_id: Set(self.places[*place].id),
                });
            }
            let ((name_en, name_cy), unit, baseline, target) = theme.indicator;
            let indicator = indicator::ActiveModel {
                objective_id: Set(objective.id),
                name_en: Set(name_en.to_string()),
                name_cy: Set(name_cy.to_string()),
                unit: Set(unit.to_string()),
                baseline: Set(Some(baseline)),
                target: Set(Some(target)),
                created_at: Set(created),
                ..Default::default()
            }
            .insert(self.txn)
            .await?;
            self.count("indicators", 1);
            let today = self.now.date_naive();
            for quarter in 1..=20u32 {
                let Some(day) = period_start.checked_add_months(Months::new(quarter * 3)) else {
                    break;
                };
                if day > today {
                    break;
                }
                let progress = f64::from(quarter) / 20.0 * self.rng.random_range(0.6..1.3);
                let value = ((baseline + (target - baseline) * progress) * 10.0).round() / 10.0;
                let recorded = day.and_time(NaiveTime::MIN).and_utc() + TimeDelta::days(2);
                measurements.push(measurement::ActiveModel {
                    indicator_id: Set(indicator.id),
                    value: Set(value),
                    recorded_on: Set(day),
                    note: Set(None),
                    created_at: Set(recorded.min(self.now)),
                    ..Default::default()
                });
            }
            let candidates: Vec<(i32, DateTime<Utc>)> = self
                .linkable
                .iter()
                .filter(|(place, _, _)| fed_by.contains(place))
                .map(|(_, id, at)| (*id, *at))
                .collect();
            let count = per_objective.min(candidates.len());
            for chosen in index::sample(&mut self.rng, candidates.len(), count) {
                let (proposal_id, submitted) = candidates[chosen];
                let linked_at = self.step(submitted.max(adopted), 0.0, 0.3);
                let clerk = self.pick(Pool::Clerks, false, linked_at);
                let note = self
                    .chance(0.3)
                    .then(|| "Part of this objective's first year of work.".to_string());
                links.push(strategy_link::ActiveModel {
                    objective_id: Set(objective.id),
                    proposal_id: Set(proposal_id),
                    note: Set(note),
                    linked_at: Set(linked_at),
                    linked_by_id: Set(Some(self.people[clerk].id)),
                    ..Default::default()
                });
            }
        }
        let (txn, progress) = (self.txn, self.progress);
        insert_all(txn, progress, &mut self.counts, objective_forums).await?;
        insert_all(txn, progress, &mut self.counts, measurements).await?;
        insert_all(txn, progress, &mut self.counts, links).await
    }

    async fn insert_strategy(
        &mut self,
        created: DateTime<Utc>,
        updated: DateTime<Utc>,
        period_start: NaiveDate,
        period_end: NaiveDate,
        status: StrategyStatus,
    ) -> AppResult<i32> {
        let years = format!("{}–{}", period_start.year(), period_end.year());
        let inserted = strategy::ActiveModel {
            title_en: Set(format!("Our Town Together {years}")),
            title_cy: Set(format!("Ein Tref Gyda'n Gilydd {years}")),
            summary_en: Set(
                "What the town council will do with its residents over five years, built from \
                 what the forums asked for."
                    .to_string(),
            ),
            summary_cy: Set(
                "Beth fydd cyngor y dref yn ei wneud gyda'i drigolion dros bum mlynedd, wedi'i \
                 seilio ar yr hyn y gofynnodd y fforymau amdano."
                    .to_string(),
            ),
            period_start: Set(period_start),
            period_end: Set(period_end),
            status: Set(status),
            created_at: Set(created),
            updated_at: Set(updated),
            ..Default::default()
        }
        .insert(self.txn)
        .await?;
        self.count("strategies", 1);
        Ok(inserted.id)
    }
}
