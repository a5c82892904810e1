//! Strategy reports ("you said, we did" against the community strategy): Markdown for people,
//! CSV for spreadsheets, JSON for machines. All three come from one `Report`, built under the
//! viewer's visibility, so no format can show what another would hide.

use std::collections::HashMap;

use entity::{
    Decision, ForumKind, Language, ResponseKind, WellbeingGoal, council_response, forum, indicator,
    measurement, objective_forum, proposal, strategy, strategy_link, strategy_objective,
};
use sea_orm::{
    ActiveEnum, ColumnTrait, ConnectionTrait, EntityTrait, Iterable, QueryFilter, QueryOrder,
};
use serde_json::{Value, json};

use super::{
    strategies,
    wellbeing::{self, goal_messages},
};
use crate::{
    args,
    auth::Viewer,
    error::{AppError, AppResult},
    i18n::{self, names, pick},
    ids::{IndicatorId, LinkId, ObjectiveId, ProposalId, StrategyId},
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Csv,
    Json,
}

struct Contribution {
    link: strategy_link::Model,
    proposal: proposal::Model,
    forum_name: String,
    decision: Option<Decision>,
    from_youth_forum: bool,
    goals: Vec<WellbeingGoal>,
}

struct ObjectiveReport {
    objective: strategy_objective::Model,
    forums: Vec<String>,
    goals: Vec<WellbeingGoal>,
    contributions: Vec<Contribution>,
    indicators: Vec<IndicatorReport>,
}

struct IndicatorReport {
    indicator: indicator::Model,
    latest: Option<measurement::Model>,
    measurements: usize,
}

struct Report {
    strategy: strategy::Model,
    objectives: Vec<ObjectiveReport>,
    language: Language,
}

/// The report on a strategy the viewer may see, in `format`.
pub async fn render(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    strategy_id: StrategyId,
    format: Format,
    language: Language,
) -> AppResult<String> {
    let report = build(db, viewer, strategy_id, language).await?;
    match format {
        Format::Markdown => Ok(markdown(&report)),
        Format::Csv => Ok(csv(&report)),
        Format::Json => {
            serde_json::to_string_pretty(&json_document(&report)).map_err(AppError::internal)
        }
    }
}

async fn build(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    strategy_id: StrategyId,
    language: Language,
) -> AppResult<Report> {
    let strategy = strategies::find_visible(db, viewer, strategy_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let objectives = strategy_objective::Entity::find()
        .filter(strategy_objective::Column::StrategyId.eq(strategy.id))
        .order_by_asc(strategy_objective::Column::Position)
        .all(db)
        .await?;
    let objective_ids: Vec<i32> = objectives.iter().map(|o| o.id).collect();
    let forums: HashMap<i32, forum::Model> = forum::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f))
        .collect();
    let objective_forums = objective_forum::Entity::find()
        .filter(objective_forum::Column::ObjectiveId.is_in(objective_ids.clone()))
        .all(db)
        .await?;
    let links = strategy_link::Entity::find()
        .filter(strategy_link::Column::ObjectiveId.is_in(objective_ids.clone()))
        .order_by_asc(strategy_link::Column::Id)
        .all(db)
        .await?;
    // Only the proposals this viewer may see: the same filter as every list.
    let proposals: HashMap<i32, proposal::Model> = proposal::Entity::find()
        .filter(proposal::Column::Id.is_in(links.iter().map(|l| l.proposal_id)))
        .filter(viewer.proposal_filter())
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut decisions: HashMap<i32, Decision> = HashMap::new();
    for response in council_response::Entity::find()
        .filter(council_response::Column::ProposalId.is_in(proposals.keys().copied()))
        .filter(council_response::Column::Kind.eq(ResponseKind::Decision))
        .order_by_asc(council_response::Column::Id)
        .all(db)
        .await?
    {
        if let Some(decision) = response.decision {
            decisions.insert(response.proposal_id, decision);
        }
    }
    let mut objective_goals = wellbeing::goals_of_objectives(db, objective_ids.clone()).await?;
    let proposal_goals = wellbeing::goals_of_proposals(db, proposals.keys().copied()).await?;
    let indicators = indicator::Entity::find()
        .filter(indicator::Column::ObjectiveId.is_in(objective_ids))
        .order_by_asc(indicator::Column::Id)
        .all(db)
        .await?;
    let mut latest: HashMap<i32, measurement::Model> = HashMap::new();
    let mut measurement_counts: HashMap<i32, usize> = HashMap::new();
    for m in measurement::Entity::find()
        .filter(measurement::Column::IndicatorId.is_in(indicators.iter().map(|i| i.id)))
        .order_by_asc(measurement::Column::RecordedOn)
        .order_by_asc(measurement::Column::Id)
        .all(db)
        .await?
    {
        *measurement_counts.entry(m.indicator_id).or_default() += 1;
        latest.insert(m.indicator_id, m);
    }

    let forum_name = |id: i32| {
        forums
            .get(&id)
            .map(|f| pick(language, &f.name_en, &f.name_cy).into_owned())
            .unwrap_or_default()
    };
    let objectives = objectives
        .into_iter()
        .map(|objective| ObjectiveReport {
            forums: objective_forums
                .iter()
                .filter(|of| of.objective_id == objective.id)
                .map(|of| forum_name(of.forum_id))
                .collect(),
            goals: objective_goals.remove(&objective.id).unwrap_or_default(),
            contributions: links
                .iter()
                .filter(|l| l.objective_id == objective.id)
                .filter_map(|l| {
                    let proposal = proposals.get(&l.proposal_id)?.clone();
                    let from_youth_forum = proposal.forwarded_from_id.is_some()
                        || forums
                            .get(&proposal.forum_id)
                            .is_some_and(|f| f.kind == ForumKind::YouthShadow);
                    Some(Contribution {
                        link: l.clone(),
                        forum_name: forum_name(proposal.forum_id),
                        decision: decisions.get(&proposal.id).copied(),
                        from_youth_forum,
                        goals: proposal_goals
                            .get(&proposal.id)
                            .cloned()
                            .unwrap_or_default(),
                        proposal,
                    })
                })
                .collect(),
            indicators: indicators
                .iter()
                .filter(|i| i.objective_id == objective.id)
                .map(|i| IndicatorReport {
                    indicator: i.clone(),
                    latest: latest.get(&i.id).cloned(),
                    measurements: measurement_counts.get(&i.id).copied().unwrap_or(0),
                })
                .collect(),
            objective,
        })
        .collect();
    Ok(Report {
        strategy,
        objectives,
        language,
    })
}

fn number(value: f64) -> String {
    format!("{value}")
}

/// A Markdown table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    text.replace(['\r', '\n'], " ").replace('|', "\\|")
}

fn markdown(report: &Report) -> String {
    let lang = report.language;
    let word = |id: &str| i18n::text(lang, id);
    let s = &report.strategy;
    let row = |cells: &[String]| format!("| {} |\n", cells.join(" | "));
    let header = |ids: &[&str]| {
        let names: Vec<String> = ids.iter().map(|id| word(id)).collect();
        format!("{}|{}\n", row(&names), "---|".repeat(ids.len()))
    };
    let mut out = format!(
        "# {}\n\n{}\n\n{}: {} – {} · {}: {}\n",
        pick(lang, &s.title_en, &s.title_cy),
        pick(lang, &s.summary_en, &s.summary_cy),
        word("report-period"),
        s.period_start,
        s.period_end,
        word("report-status"),
        word(names::strategy_status(s.status))
    );
    for o in &report.objectives {
        out.push_str(&format!(
            "\n## {}. {}\n\n{}\n",
            o.objective.position,
            pick(lang, &o.objective.title_en, &o.objective.title_cy),
            pick(
                lang,
                &o.objective.description_en,
                &o.objective.description_cy
            )
        ));
        if !o.forums.is_empty() {
            out.push_str(&format!(
                "\n{}: {}\n",
                word("report-forums"),
                o.forums.join(", ")
            ));
        }
        if !o.goals.is_empty() {
            out.push_str(&format!(
                "\n{}: {}\n",
                word("report-wellbeing-goals"),
                goal_names(lang, &o.goals)
            ));
        }
        out.push_str(&format!(
            "\n### {}\n\n{}\n",
            word("report-contributions"),
            i18n::render(
                lang,
                "report-contribution-count",
                &args!(count = o.contributions.len())
            )
        ));
        if !o.contributions.is_empty() {
            out.push('\n');
            out.push_str(&header(&[
                "report-column-proposal",
                "report-column-forum",
                "report-column-status",
                "report-column-decision",
                "report-column-youth",
            ]));
            for c in &o.contributions {
                out.push_str(&row(&[
                    cell(&c.proposal.title),
                    cell(&c.forum_name),
                    word(names::proposal_status(c.proposal.status)),
                    c.decision
                        .map(|d| word(names::decision(d)))
                        .unwrap_or_default(),
                    word(yes_no(c.from_youth_forum)),
                ]));
            }
        }
        out.push_str(&format!("\n### {}\n\n", word("report-indicators")));
        if o.indicators.is_empty() {
            out.push_str(&format!("_{}_\n", word("report-none-yet")));
        } else {
            out.push_str(&header(&[
                "report-column-indicator",
                "report-column-unit",
                "report-column-baseline",
                "report-column-target",
                "report-column-latest",
                "report-column-measurements",
            ]));
            for i in &o.indicators {
                let indicator = &i.indicator;
                out.push_str(&row(&[
                    cell(&pick(lang, &indicator.name_en, &indicator.name_cy)),
                    cell(&indicator.unit),
                    indicator.baseline.map(number).unwrap_or_default(),
                    indicator.target.map(number).unwrap_or_default(),
                    i.latest
                        .as_ref()
                        .map(|m| format!("{} ({})", number(m.value), m.recorded_on))
                        .unwrap_or_default(),
                    i18n::render(
                        lang,
                        "report-measurement-count",
                        &args!(count = i.measurements),
                    ),
                ]));
            }
        }
    }
    out.push_str(&markdown_goal_sections(report));
    out
}

/// Goals by name, in the Act's order.
fn goal_names(lang: Language, goals: &[WellbeingGoal]) -> String {
    let names: Vec<String> = goals
        .iter()
        .map(|goal| i18n::text(lang, goal_messages(*goal).0))
        .collect();
    names.join("; ")
}

/// A section per well-being goal: the objectives tagged with it and the contributing
/// proposals tagged with it.
fn markdown_goal_sections(report: &Report) -> String {
    let lang = report.language;
    let word = |id: &str| i18n::text(lang, id);
    let mut out = format!("\n## {}\n", word("report-wellbeing-goals"));
    for goal in WellbeingGoal::iter() {
        let (name, description) = goal_messages(goal);
        out.push_str(&format!("\n### {}\n\n{}\n", word(name), word(description)));
        let objectives: Vec<&ObjectiveReport> = report
            .objectives
            .iter()
            .filter(|o| o.goals.contains(&goal))
            .collect();
        let contributions: Vec<(&ObjectiveReport, &Contribution)> = report
            .objectives
            .iter()
            .flat_map(|o| o.contributions.iter().map(move |c| (o, c)))
            .filter(|(_, c)| c.goals.contains(&goal))
            .collect();
        if objectives.is_empty() && contributions.is_empty() {
            out.push_str(&format!("\n_{}_\n", word("report-none-yet")));
            continue;
        }
        if !objectives.is_empty() {
            out.push_str(&format!("\n{}:\n\n", word("report-goal-objectives")));
            for o in objectives {
                out.push_str(&format!(
                    "- {}. {}\n",
                    o.objective.position,
                    cell(&pick(lang, &o.objective.title_en, &o.objective.title_cy))
                ));
            }
        }
        if !contributions.is_empty() {
            out.push_str(&format!("\n{}:\n\n", word("report-goal-proposals")));
            for (o, c) in contributions {
                out.push_str(&format!(
                    "- {} ({}, {}; {} {})\n",
                    cell(&c.proposal.title),
                    cell(&c.forum_name),
                    word(names::proposal_status(c.proposal.status)),
                    word("report-goal-objective"),
                    o.objective.position
                ));
            }
        }
    }
    out
}

fn yes_no(yes: bool) -> &'static str {
    if yes { "report-yes" } else { "report-no" }
}

/// One RFC 4180 field; a leading `=`, `+`, `-` or `@` is neutralised so that a spreadsheet
/// never runs a title as a formula (OWASP: CSV injection).
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The CSV's column headings, in order.
const CSV_COLUMNS: [&str; 12] = [
    "report-csv-position",
    "report-csv-objective",
    "report-csv-proposal-id",
    "report-csv-proposal",
    "report-csv-forum",
    "report-csv-status",
    "report-csv-decision",
    "report-csv-youth",
    "report-csv-note",
    "report-csv-linked-at",
    "report-csv-objective-goals",
    "report-csv-proposal-goals",
];

fn csv(report: &Report) -> String {
    let lang = report.language;
    let word = |id: &str| i18n::text(lang, id);
    let line = |fields: &[String]| {
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        format!("{}\r\n", row.join(","))
    };
    let headings: Vec<String> = CSV_COLUMNS.iter().map(|id| word(id)).collect();
    let mut out = line(&headings);
    for o in &report.objectives {
        for c in &o.contributions {
            out.push_str(&line(&[
                o.objective.position.to_string(),
                pick(lang, &o.objective.title_en, &o.objective.title_cy).into_owned(),
                ProposalId(c.proposal.id).to_global(),
                c.proposal.title.clone(),
                c.forum_name.clone(),
                word(names::proposal_status(c.proposal.status)),
                c.decision
                    .map(|d| word(names::decision(d)))
                    .unwrap_or_default(),
                word(yes_no(c.from_youth_forum)),
                c.link.note.clone().unwrap_or_default(),
                c.link
                    .linked_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                goal_names(lang, &o.goals),
                goal_names(lang, &c.goals),
            ]));
        }
    }
    out
}

fn json_document(report: &Report) -> Value {
    let lang = report.language;
    let s = &report.strategy;
    json!({
        "id": StrategyId(s.id).to_global(),
        "title": pick(lang, &s.title_en, &s.title_cy),
        "summary": pick(lang, &s.summary_en, &s.summary_cy),
        "periodStart": s.period_start.to_string(),
        "periodEnd": s.period_end.to_string(),
        "status": s.status.to_value(),
        "objectives": report.objectives.iter().map(|o| json!({
            "id": ObjectiveId(o.objective.id).to_global(),
            "position": o.objective.position,
            "title": pick(lang, &o.objective.title_en, &o.objective.title_cy),
            "description": pick(lang, &o.objective.description_en, &o.objective.description_cy),
            "forums": o.forums,
            "wellbeingGoals": goal_values(&o.goals),
            "contributions": o.contributions.iter().map(|c| json!({
                "linkId": LinkId(c.link.id).to_global(),
                "proposalId": ProposalId(c.proposal.id).to_global(),
                "title": c.proposal.title,
                "forum": c.forum_name,
                "status": c.proposal.status.to_value(),
                "decision": c.decision.map(|d| d.to_value()),
                "fromYouthForum": c.from_youth_forum,
                "wellbeingGoals": goal_values(&c.goals),
                "note": c.link.note,
                "linkedAt": c.link.linked_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            })).collect::<Vec<_>>(),
            "indicators": o.indicators.iter().map(|i| json!({
                "id": IndicatorId(i.indicator.id).to_global(),
                "name": pick(lang, &i.indicator.name_en, &i.indicator.name_cy),
                "unit": i.indicator.unit,
                "baseline": i.indicator.baseline,
                "target": i.indicator.target,
                "latest": i.latest.as_ref().map(|m| json!({ "value": m.value, "recordedOn": m.recorded_on.to_string() })),
                "measurements": i.measurements,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "wellbeingGoals": WellbeingGoal::iter().map(|goal| json!({
            "goal": goal.to_value(),
            "name": i18n::text(lang, goal_messages(goal).0),
            "objectives": report.objectives.iter()
                .filter(|o| o.goals.contains(&goal))
                .map(|o| ObjectiveId(o.objective.id).to_global())
                .collect::<Vec<_>>(),
            "proposals": report.objectives.iter()
                .flat_map(|o| o.contributions.iter())
                .filter(|c| c.goals.contains(&goal))
                .map(|c| ProposalId(c.proposal.id).to_global())
                .collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}

fn goal_values(goals: &[WellbeingGoal]) -> Vec<String> {
    goals.iter().map(ActiveEnum::to_value).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_field("-1,2"), "\"'-1,2\"");
    }

    #[test]
    fn markdown_cells_stay_on_one_line() {
        assert_eq!(cell("a | b\nc"), "a \\| b c");
    }
}
