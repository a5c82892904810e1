//! Strategy reports ("you said, we did" against the community strategy): Markdown for people,
//! CSV for spreadsheets, JSON for machines. All three come from one `Report`, built under the
//! viewer's visibility, so no format can show what another would hide.

use std::collections::HashMap;

use entity::{
    Decision, ForumKind, Language, ResponseKind, council_response, forum, indicator, measurement,
    objective_forum, proposal, strategy, strategy_link, strategy_objective,
};
use sea_orm::{ActiveEnum, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use super::strategies;
use crate::{
    auth::Viewer,
    error::{AppError, AppResult},
    ids::{NodeKind, encode},
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
}

struct ObjectiveReport {
    objective: strategy_objective::Model,
    forums: Vec<String>,
    contributions: Vec<Contribution>,
    indicators: Vec<(indicator::Model, Option<measurement::Model>)>,
}

struct Report {
    strategy: strategy::Model,
    objectives: Vec<ObjectiveReport>,
    language: Language,
}

fn pick<'a>(language: Language, en: &'a str, cy: &'a str) -> &'a str {
    match language {
        Language::Cy if !cy.trim().is_empty() => cy,
        _ => en,
    }
}

/// The report on a strategy the viewer may see, in `format`.
pub async fn render(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    strategy_id: i32,
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
    strategy_id: i32,
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
    let indicators = indicator::Entity::find()
        .filter(indicator::Column::ObjectiveId.is_in(objective_ids))
        .order_by_asc(indicator::Column::Id)
        .all(db)
        .await?;
    let mut latest: HashMap<i32, measurement::Model> = HashMap::new();
    for m in measurement::Entity::find()
        .filter(measurement::Column::IndicatorId.is_in(indicators.iter().map(|i| i.id)))
        .order_by_asc(measurement::Column::RecordedOn)
        .order_by_asc(measurement::Column::Id)
        .all(db)
        .await?
    {
        latest.insert(m.indicator_id, m);
    }

    let forum_name = |id: i32| {
        forums
            .get(&id)
            .map(|f| pick(language, &f.name_en, &f.name_cy).to_string())
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
                        proposal,
                    })
                })
                .collect(),
            indicators: indicators
                .iter()
                .filter(|i| i.objective_id == objective.id)
                .map(|i| (i.clone(), latest.get(&i.id).cloned()))
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
    let s = &report.strategy;
    let (yes, no, none_yet, period, status_word) = match lang {
        Language::Cy => ("ydy", "nac ydy", "_Dim eto._", "Cyfnod", "Statws"),
        Language::En => ("yes", "no", "_None yet._", "Period", "Status"),
    };
    let mut out = format!(
        "# {}\n\n{}\n\n{period}: {} – {} · {status_word}: {}\n",
        pick(lang, &s.title_en, &s.title_cy),
        pick(lang, &s.summary_en, &s.summary_cy),
        s.period_start,
        s.period_end,
        s.status.to_value()
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
            let label = if lang == Language::Cy {
                "Fforymau"
            } else {
                "Forums"
            };
            out.push_str(&format!("\n{label}: {}\n", o.forums.join(", ")));
        }
        let (heading, columns) = match lang {
            Language::Cy => (
                "Cynigion a gyfrannodd",
                "| Cynnig | Fforwm | Statws | Penderfyniad | O fforwm ieuenctid |",
            ),
            Language::En => (
                "Contributing proposals",
                "| Proposal | Forum | Status | Decision | From a youth forum |",
            ),
        };
        out.push_str(&format!("\n### {heading}\n\n"));
        if o.contributions.is_empty() {
            out.push_str(&format!("{none_yet}\n"));
        } else {
            out.push_str(&format!("{columns}\n|---|---|---|---|---|\n"));
            for c in &o.contributions {
                out.push_str(&format!(
                    "| {} | {} | {} | {} | {} |\n",
                    cell(&c.proposal.title),
                    cell(&c.forum_name),
                    c.proposal.status.to_value(),
                    c.decision.map(|d| d.to_value()).unwrap_or_default(),
                    if c.from_youth_forum { yes } else { no }
                ));
            }
        }
        let (heading, columns) = match lang {
            Language::Cy => (
                "Dangosyddion",
                "| Dangosydd | Uned | Llinell sylfaen | Targed | Diweddaraf |",
            ),
            Language::En => (
                "Indicators",
                "| Indicator | Unit | Baseline | Target | Latest |",
            ),
        };
        out.push_str(&format!("\n### {heading}\n\n"));
        if o.indicators.is_empty() {
            out.push_str(&format!("{none_yet}\n"));
        } else {
            out.push_str(&format!("{columns}\n|---|---|---|---|---|\n"));
            for (i, m) in &o.indicators {
                out.push_str(&format!(
                    "| {} | {} | {} | {} | {} |\n",
                    cell(pick(lang, &i.name_en, &i.name_cy)),
                    cell(&i.unit),
                    i.baseline.map(number).unwrap_or_default(),
                    i.target.map(number).unwrap_or_default(),
                    m.as_ref()
                        .map(|m| format!("{} ({})", number(m.value), m.recorded_on))
                        .unwrap_or_default()
                ));
            }
        }
    }
    out
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

fn csv(report: &Report) -> String {
    let lang = report.language;
    let mut out = String::from(
        "objective_position,objective,proposal_id,proposal_title,forum,status,decision,from_youth_forum,note,linked_at\r\n",
    );
    for o in &report.objectives {
        for c in &o.contributions {
            let fields = [
                o.objective.position.to_string(),
                pick(lang, &o.objective.title_en, &o.objective.title_cy).to_string(),
                encode(NodeKind::Proposal, c.proposal.id),
                c.proposal.title.clone(),
                c.forum_name.clone(),
                c.proposal.status.to_value(),
                c.decision.map(|d| d.to_value()).unwrap_or_default(),
                c.from_youth_forum.to_string(),
                c.link.note.clone().unwrap_or_default(),
                c.link
                    .linked_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            ];
            let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&row.join(","));
            out.push_str("\r\n");
        }
    }
    out
}

fn json_document(report: &Report) -> Value {
    let lang = report.language;
    let s = &report.strategy;
    json!({
        "id": encode(NodeKind::CommunityStrategy, s.id),
        "title": pick(lang, &s.title_en, &s.title_cy),
        "summary": pick(lang, &s.summary_en, &s.summary_cy),
        "periodStart": s.period_start.to_string(),
        "periodEnd": s.period_end.to_string(),
        "status": s.status.to_value(),
        "objectives": report.objectives.iter().map(|o| json!({
            "id": encode(NodeKind::StrategyObjective, o.objective.id),
            "position": o.objective.position,
            "title": pick(lang, &o.objective.title_en, &o.objective.title_cy),
            "description": pick(lang, &o.objective.description_en, &o.objective.description_cy),
            "forums": o.forums,
            "contributions": o.contributions.iter().map(|c| json!({
                "linkId": encode(NodeKind::StrategyLink, c.link.id),
                "proposalId": encode(NodeKind::Proposal, c.proposal.id),
                "title": c.proposal.title,
                "forum": c.forum_name,
                "status": c.proposal.status.to_value(),
                "decision": c.decision.map(|d| d.to_value()),
                "fromYouthForum": c.from_youth_forum,
                "note": c.link.note,
                "linkedAt": c.link.linked_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            })).collect::<Vec<_>>(),
            "indicators": o.indicators.iter().map(|(i, m)| json!({
                "id": encode(NodeKind::Indicator, i.id),
                "name": pick(lang, &i.name_en, &i.name_cy),
                "unit": i.unit,
                "baseline": i.baseline,
                "target": i.target,
                "latest": m.as_ref().map(|m| json!({ "value": m.value, "recordedOn": m.recorded_on.to_string() })),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
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
