//! Helpers for the community strategy (RULES.md "Community strategy and reports"): strategies,
//! objectives, links from proposals, indicators, measurements and the reports, each a thin
//! wrapper over one GraphQL operation or HTTP request.
//!
//! `try_*` return the whole response (for refusals); the others panic unless the operation
//! works and return the object it answered with.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::{Session, TestApp, content::data_at, ok, str_at};

/// The fields of `CommunityStrategy` the helpers ask for (objectives in full).
pub const STRATEGY_FIELDS: &str =
    "id title summary titleEn: title(lang: EN) titleCy: title(lang: CY)
    summaryEn: summary(lang: EN) summaryCy: summary(lang: CY)
    periodStart periodEnd status createdAt updatedAt
    objectives { id position title }";

/// The fields of `StrategyLink` the helpers ask for.
pub const LINK_FIELDS: &str = "id note linkedAt linkedBy { id }
    proposal { id title status forum { slug } }
    objective { id position strategy { id } }";

/// The fields of `StrategyObjective` the helpers ask for.
pub const OBJECTIVE_FIELDS: &str = "id position title description
    titleEn: title(lang: EN) titleCy: title(lang: CY) strategy { id status }
    forums { id slug }
    contributions { id note linkedAt linkedBy { id } proposal { id title } objective { id } }
    indicators { id name unit }";

/// The fields of `Indicator` the helpers ask for.
pub const INDICATOR_FIELDS: &str = "id name nameEn: name(lang: EN) nameCy: name(lang: CY)
    unit baseline target objective { id }
    measurements { value recordedOn note }";

/// A valid `CreateStrategyInput` titled `title`, running through 2027.
pub fn strategy_input(title: &str) -> Value {
    json!({
        "titleEn": title,
        "titleCy": format!("{title} (Cymraeg)"),
        "summaryEn": format!("What the council means to do: {title}."),
        "summaryCy": format!("Beth mae'r cyngor am ei wneud: {title}."),
        "periodStart": "2026-04-01",
        "periodEnd": "2027-03-31",
    })
}

/// A valid `ObjectiveInput` titled `title` for these forums.
pub fn objective_input(title: &str, forum_ids: &[&str]) -> Value {
    json!({
        "titleEn": title,
        "titleCy": format!("{title} (Cymraeg)"),
        "descriptionEn": format!("How we will get there: {title}."),
        "descriptionCy": format!("Sut y byddwn yn cyrraedd: {title}."),
        "forumIds": forum_ids,
    })
}

/// A valid `IndicatorInput` named `name`.
pub fn indicator_input(
    name: &str,
    unit: &str,
    baseline: Option<f64>,
    target: Option<f64>,
) -> Value {
    json!({
        "nameEn": name,
        "nameCy": format!("{name} (Cymraeg)"),
        "unit": unit,
        "baseline": baseline,
        "target": target,
    })
}

/// The report formats and the file extension each is served under.
pub const REPORT_FORMATS: [(&str, &str); 3] =
    [("MARKDOWN", "md"), ("CSV", "csv"), ("JSON", "json")];

impl TestApp {
    /// `createStrategy` with a raw input object.
    pub async fn try_create_strategy(&self, who: Option<&Session>, input: Value) -> Value {
        self.gql_opt(
            who,
            &format!(
                "mutation($input: CreateStrategyInput!) {{ createStrategy(input: $input) {{ {STRATEGY_FIELDS} }} }}"
            ),
            json!({ "input": input }),
        )
        .await
    }

    /// A new (DRAFT) strategy titled `title`; returns it.
    pub async fn create_strategy(&self, clerk: &Session, title: &str) -> Value {
        let resp = self
            .try_create_strategy(Some(clerk), strategy_input(title))
            .await;
        let strategy = data_at(&resp, "createStrategy");
        assert_eq!(strategy["status"], "DRAFT", "{resp}");
        strategy
    }

    /// `updateStrategy` with a raw input object.
    pub async fn try_update_strategy(
        &self,
        who: Option<&Session>,
        id: &str,
        input: Value,
    ) -> Value {
        self.gql_opt(
            who,
            &format!(
                "mutation($id: ID!, $input: UpdateStrategyInput!) {{
                   updateStrategy(id: $id, input: $input) {{ {STRATEGY_FIELDS} }} }}"
            ),
            json!({ "id": id, "input": input }),
        )
        .await
    }

    /// Moves a strategy to `status`, which must work; returns it.
    pub async fn set_strategy_status(&self, clerk: &Session, id: &str, status: &str) -> Value {
        let resp = self
            .try_update_strategy(Some(clerk), id, json!({ "status": status }))
            .await;
        let strategy = data_at(&resp, "updateStrategy");
        assert_eq!(strategy["status"], status, "{resp}");
        strategy
    }

    /// `addObjective` with a raw input object.
    pub async fn try_add_objective(
        &self,
        who: Option<&Session>,
        strategy_id: &str,
        input: Value,
    ) -> Value {
        self.gql_opt(
            who,
            &format!(
                "mutation($id: ID!, $input: ObjectiveInput!) {{
                   addObjective(strategyId: $id, input: $input) {{ {OBJECTIVE_FIELDS} }} }}"
            ),
            json!({ "id": strategy_id, "input": input }),
        )
        .await
    }

    /// A new objective of a strategy, for these forums; returns it.
    pub async fn add_objective(
        &self,
        clerk: &Session,
        strategy_id: &str,
        title: &str,
        forum_ids: &[&str],
    ) -> Value {
        let resp = self
            .try_add_objective(Some(clerk), strategy_id, objective_input(title, forum_ids))
            .await;
        let objective = data_at(&resp, "addObjective");
        assert_eq!(objective["titleEn"], title, "{resp}");
        assert_eq!(objective["strategy"]["id"], strategy_id, "{resp}");
        objective
    }

    /// `linkProposal`; returns the whole response.
    pub async fn try_link(
        &self,
        who: Option<&Session>,
        objective_id: &str,
        proposal_id: &str,
        note: Option<&str>,
    ) -> Value {
        self.gql_opt(
            who,
            &format!(
                "mutation($o: ID!, $p: ID!, $note: String) {{
                   linkProposal(objectiveId: $o, proposalId: $p, note: $note) {{ {LINK_FIELDS} }} }}"
            ),
            json!({ "o": objective_id, "p": proposal_id, "note": note }),
        )
        .await
    }

    /// A clerk's link that must work; returns the StrategyLink after checking what it says.
    pub async fn link(
        &self,
        clerk: &Session,
        objective_id: &str,
        proposal_id: &str,
        note: Option<&str>,
    ) -> Value {
        let resp = self
            .try_link(Some(clerk), objective_id, proposal_id, note)
            .await;
        let link = data_at(&resp, "linkProposal");
        assert_eq!(link["proposal"]["id"], proposal_id, "{resp}");
        assert_eq!(link["objective"]["id"], objective_id, "{resp}");
        assert_eq!(link["linkedBy"]["id"], clerk.user_id.as_str(), "{resp}");
        assert_eq!(link["note"], json!(note), "{resp}");
        link
    }

    /// `unlinkProposal`; returns the whole response.
    pub async fn try_unlink(&self, who: Option<&Session>, link_id: &str) -> Value {
        self.gql_opt(
            who,
            "mutation($id: ID!) { unlinkProposal(linkId: $id) }",
            json!({ "id": link_id }),
        )
        .await
    }

    /// `addIndicator` with a raw input object.
    pub async fn try_add_indicator(
        &self,
        who: Option<&Session>,
        objective_id: &str,
        input: Value,
    ) -> Value {
        self.gql_opt(
            who,
            &format!(
                "mutation($id: ID!, $input: IndicatorInput!) {{
                   addIndicator(objectiveId: $id, input: $input) {{ {INDICATOR_FIELDS} }} }}"
            ),
            json!({ "id": objective_id, "input": input }),
        )
        .await
    }

    /// A new indicator of an objective; returns it.
    pub async fn add_indicator(
        &self,
        clerk: &Session,
        objective_id: &str,
        name: &str,
        unit: &str,
        baseline: Option<f64>,
        target: Option<f64>,
    ) -> Value {
        let resp = self
            .try_add_indicator(
                Some(clerk),
                objective_id,
                indicator_input(name, unit, baseline, target),
            )
            .await;
        let indicator = data_at(&resp, "addIndicator");
        assert_eq!(indicator["nameEn"], name, "{resp}");
        assert_eq!(indicator["objective"]["id"], objective_id, "{resp}");
        indicator
    }

    /// `recordMeasurement`; returns the whole response.
    pub async fn try_record_measurement(
        &self,
        who: Option<&Session>,
        indicator_id: &str,
        value: f64,
        recorded_on: &str,
        note: Option<&str>,
    ) -> Value {
        self.gql_opt(
            who,
            &format!(
                "mutation($id: ID!, $v: Float!, $on: Date!, $note: String) {{
                   recordMeasurement(indicatorId: $id, value: $v, recordedOn: $on, note: $note) {{
                     {INDICATOR_FIELDS} }} }}"
            ),
            json!({ "id": indicator_id, "v": value, "on": recorded_on, "note": note }),
        )
        .await
    }

    /// A measurement that must work; returns the Indicator.
    pub async fn record_measurement(
        &self,
        clerk: &Session,
        indicator_id: &str,
        value: f64,
        recorded_on: &str,
        note: Option<&str>,
    ) -> Value {
        let resp = self
            .try_record_measurement(Some(clerk), indicator_id, value, recorded_on, note)
            .await;
        data_at(&resp, "recordMeasurement")
    }

    /// `strategy(id)` as `who` with its objectives in full: the strategy, or `null`.
    pub async fn strategy_as(&self, who: Option<&Session>, id: &str) -> Value {
        let resp = self
            .gql_opt(
                who,
                &format!(
                    "query($id: ID!) {{ strategy(id: $id) {{ id title status
                       objectives {{ {OBJECTIVE_FIELDS} indicators {{ {INDICATOR_FIELDS} }} }} }} }}"
                ),
                json!({ "id": id }),
            )
            .await;
        ok(&resp)["strategy"].clone()
    }

    /// The ids of `strategies` as `who` sees them.
    pub async fn strategy_ids(&self, who: Option<&Session>) -> Vec<String> {
        let resp = self
            .gql_opt(who, "{ strategies { id status } }", json!({}))
            .await;
        ok(&resp)["strategies"]
            .as_array()
            .unwrap_or_else(|| panic!("strategies: {resp}"))
            .iter()
            .map(|s| str_at(s, "id").to_owned())
            .collect()
    }

    /// `Proposal.strategyLinks` (ids) as `who` sees them; `None` when the proposal is not there.
    pub async fn strategy_link_ids(
        &self,
        who: Option<&Session>,
        proposal_id: &str,
    ) -> Option<Vec<String>> {
        let resp = self
            .gql_opt(
                who,
                "query($id: ID!) { proposal(id: $id) { strategyLinks { id proposal { id } } } }",
                json!({ "id": proposal_id }),
            )
            .await;
        let proposal = &ok(&resp)["proposal"];
        if proposal.is_null() {
            return None;
        }
        Some(
            proposal["strategyLinks"]
                .as_array()
                .unwrap_or_else(|| panic!("strategyLinks: {resp}"))
                .iter()
                .map(|l| str_at(l, "id").to_owned())
                .collect(),
        )
    }

    /// `strategyReport`; returns the whole response.
    pub async fn try_strategy_report(
        &self,
        who: Option<&Session>,
        id: &str,
        format: &str,
    ) -> Value {
        self.gql_opt(
            who,
            "query($id: ID!, $f: ReportFormat!) { strategyReport(strategyId: $id, format: $f) }",
            json!({ "id": id, "f": format }),
        )
        .await
    }

    /// A report that must work.
    pub async fn strategy_report(&self, who: Option<&Session>, id: &str, format: &str) -> String {
        let resp = self.try_strategy_report(who, id, format).await;
        ok(&resp)["strategyReport"]
            .as_str()
            .unwrap_or_else(|| panic!("strategyReport: {resp}"))
            .to_owned()
    }

    /// `GET /reports/strategies/<file>` as `who`: status, Content-Type and body.
    pub async fn get_report(
        &self,
        who: Option<&Session>,
        file: &str,
    ) -> (StatusCode, String, String) {
        let mut request = self.request(Method::GET, &format!("/reports/strategies/{file}"));
        if let Some(who) = who {
            request = request.bearer_auth(&who.token);
        }
        let response = request.send().await.expect("GET /reports/strategies");
        let status = response.status();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let body = response.text().await.expect("report body");
        (status, content_type, body)
    }

    /// A proposal by `author` in `forum_id` that a clerk sent to the council; when `decision`
    /// is given, `councillor` decides it. Returns its id.
    pub async fn council_proposal(
        &self,
        author: &Session,
        clerk: &Session,
        councillor: &Session,
        forum_id: &str,
        title: &str,
        decision: Option<&str>,
    ) -> String {
        let id = self.open_proposal(author, forum_id, title).await;
        let submitted = self.submit_to_council(clerk, &id).await;
        assert_eq!(submitted["status"], "SUBMITTED", "{submitted}");
        if let Some(decision) = decision {
            self.respond(councillor, &id, "DECISION", Some(decision))
                .await;
        }
        id
    }
}

/// The ids of the objects in a JSON array (e.g. `contributions`), in order.
pub fn ids_of(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap_or_else(|| panic!("not a list: {list}"))
        .iter()
        .map(|item| str_at(item, "id").to_owned())
        .collect()
}

/// Parses CSV per RFC 4180 (quoted fields, doubled quotes, CRLF or LF line ends, line breaks
/// inside quotes) into rows of fields.
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut in_quotes = false;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                in_quotes = true;
                at_field_start = false;
            }
            '"' => panic!("a quote inside an unquoted field (RFC 4180): {text}"),
            ',' => {
                row.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                at_field_start = true;
            }
            _ => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    assert!(!in_quotes, "an unterminated quoted field: {text}");
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

/// A CSV boolean cell: `true`/`yes`/`1` or `false`/`no`/`0` (any case).
#[track_caller]
pub fn csv_bool(cell: &str) -> bool {
    match cell.trim().to_lowercase().as_str() {
        "true" | "yes" | "1" | "y" => true,
        "false" | "no" | "0" | "n" => false,
        other => panic!("not a boolean cell: {other:?}"),
    }
}

/// Every string anywhere in a JSON document.
pub fn json_strings(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    collect_strings(value, &mut out);
    out
}

fn collect_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        Value::Object(fields) => fields.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

/// Every number anywhere in a JSON document.
pub fn json_numbers(value: &Value) -> Vec<f64> {
    match value {
        Value::Number(n) => n.as_f64().into_iter().collect(),
        Value::Array(items) => items.iter().flat_map(json_numbers).collect(),
        Value::Object(fields) => fields.values().flat_map(json_numbers).collect(),
        _ => Vec::new(),
    }
}

/// In a JSON report: the youth flag of the entry for the proposal titled `title`, that is the
/// boolean field named like `*youth*` on the innermost object that holds the title and has one.
pub fn json_youth_flag(document: &Value, title: &str) -> Option<bool> {
    fn walk(value: &Value, title: &str, depth: usize, best: &mut Option<(usize, bool)>) {
        match value {
            Value::Array(items) => items.iter().for_each(|v| walk(v, title, depth + 1, best)),
            Value::Object(fields) => {
                if json_strings(value).iter().any(|s| s == title) {
                    let flag = fields.iter().find_map(|(key, v)| {
                        key.to_lowercase()
                            .contains("youth")
                            .then(|| v.as_bool())
                            .flatten()
                    });
                    if let Some(flag) = flag
                        && best.is_none_or(|(d, _)| depth > d)
                    {
                        *best = Some((depth, flag));
                    }
                }
                fields
                    .values()
                    .for_each(|v| walk(v, title, depth + 1, best));
            }
            _ => {}
        }
    }
    let mut best = None;
    walk(document, title, 0, &mut best);
    best.map(|(_, flag)| flag)
}

/// `StatusCode::OK` and a Content-Type that starts with `expected`.
#[track_caller]
pub fn assert_served(got: &(StatusCode, String, String), expected_type: &str) {
    assert_eq!(got.0, StatusCode::OK, "{got:?}");
    assert!(
        got.1.to_lowercase().starts_with(expected_type),
        "Content-Type {} is not {expected_type}",
        got.1
    );
}
