//! The seven well-being goals (RULES.md "Well-being goals"): the Act's names in both languages,
//! tags by authors (DRAFT or OPEN) and clerks (audited), goals on objectives, the report
//! through the viewer's visibility, and the strategy report's goals.

use fforwm_tests::{
    Session, TestApp, assert_bad_input, assert_code,
    content::data_at,
    ok, str_at,
    strategy::{objective_input, parse_csv},
};
use serde_json::{Value, json};

const GOALS: [(&str, &str, &str); 7] = [
    ("PROSPEROUS", "A prosperous Wales", "Cymru lewyrchus"),
    ("RESILIENT", "A resilient Wales", "Cymru gydnerth"),
    ("HEALTHIER", "A healthier Wales", "Cymru iachach"),
    (
        "MORE_EQUAL",
        "A more equal Wales",
        "Cymru sy'n fwy cyfartal",
    ),
    (
        "COHESIVE_COMMUNITIES",
        "A Wales of cohesive communities",
        "Cymru o gymunedau cydlynus",
    ),
    (
        "VIBRANT_CULTURE_AND_THRIVING_WELSH_LANGUAGE",
        "A Wales of vibrant culture and thriving Welsh language",
        "Cymru â diwylliant bywiog lle mae'r Gymraeg yn ffynnu",
    ),
    (
        "GLOBALLY_RESPONSIBLE",
        "A globally responsible Wales",
        "Cymru sy'n gyfrifol ar lefel fyd-eang",
    ),
];

fn goals_of(value: &Value) -> Vec<String> {
    value["wellbeingGoals"]
        .as_array()
        .unwrap_or_else(|| panic!("no wellbeingGoals in {value}"))
        .iter()
        .map(|g| g.as_str().unwrap().to_owned())
        .collect()
}

async fn goals_as(app: &TestApp, who: Option<&Session>, proposal_id: &str) -> Vec<String> {
    let resp = app
        .gql_opt(
            who,
            "query($id: ID!) { proposal(id: $id) { wellbeingGoals } }",
            json!({ "id": proposal_id }),
        )
        .await;
    goals_of(&data_at(&resp, "proposal"))
}

async fn try_tag(app: &TestApp, who: Option<&Session>, id: &str, goals: &[&str]) -> Value {
    app.gql_opt(
        who,
        "mutation($id: ID!, $g: [WellbeingGoal!]!) {
           tagProposal(id: $id, wellbeingGoals: $g) { id wellbeingGoals } }",
        json!({ "id": id, "g": goals }),
    )
    .await
}

#[tokio::test]
async fn the_seven_goals_have_the_acts_names_in_english_and_welsh() {
    let app = TestApp::spawn().await;
    let query = "{ wellbeingGoals { goal name nameEn: name(lang: EN) nameCy: name(lang: CY)
                   description descriptionCy: description(lang: CY) } }";
    let resp = app.gql(query, json!({})).await;
    let goals = data_at(&resp, "wellbeingGoals");
    let goals = goals.as_array().unwrap();
    assert_eq!(goals.len(), 7, "{resp}");
    for (info, (goal, en, cy)) in goals.iter().zip(GOALS) {
        assert_eq!(info["goal"], goal);
        assert_eq!(info["name"], en, "English without a language asked for");
        assert_eq!(info["nameEn"], en);
        assert_eq!(info["nameCy"], cy);
        let (description, description_cy) =
            (str_at(info, "description"), str_at(info, "descriptionCy"));
        assert!(!description.is_empty() && !description.contains('\n'));
        assert!(!description_cy.is_empty() && description_cy != description);
    }
    let welsh = app
        .gql_with(None, &[("Accept-Language", "cy")], query, json!({}))
        .await;
    let welsh = data_at(&welsh, "wellbeingGoals");
    assert_eq!(welsh[4]["name"], GOALS[4].2, "{welsh}");
}

#[tokio::test]
async fn authors_tag_their_proposals_while_draft_or_open_duplicates_collapse_in_order() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let author = app.resident().await;
    let other = app.resident().await;
    let forum = app.forum_id("environment").await;
    let resp = app
        .try_create_proposal(
            Some(&author),
            json!({
                "forumId": forum,
                "title": "Plant trees on the green",
                "body": "Shade and birds.",
                "wellbeingGoals": ["GLOBALLY_RESPONSIBLE", "RESILIENT", "GLOBALLY_RESPONSIBLE"],
            }),
        )
        .await;
    let created = data_at(&resp, "createProposal");
    let id = str_at(&created, "id").to_owned();
    assert_eq!(
        goals_as(&app, Some(&author), &id).await,
        ["RESILIENT", "GLOBALLY_RESPONSIBLE"]
    );

    // DRAFT: the author changes them; leaving the field out keeps them.
    let resp = app
        .try_update_proposal(
            Some(&author),
            &id,
            1,
            json!({ "wellbeingGoals": ["HEALTHIER"] }),
        )
        .await;
    assert_eq!(ok(&resp)["updateProposal"]["version"], 2, "{resp}");
    let resp = app
        .try_update_proposal(
            Some(&author),
            &id,
            2,
            json!({ "title": "Plant oaks on the green" }),
        )
        .await;
    ok(&resp);
    assert_eq!(goals_as(&app, Some(&author), &id).await, ["HEALTHIER"]);

    // OPEN: still the author's; not anyone else's.
    let published = app.publish(&author, &id).await;
    let version = published["version"].as_i64().unwrap();
    let resp = app
        .try_update_proposal(
            Some(&other),
            &id,
            version,
            json!({ "wellbeingGoals": ["PROSPEROUS"] }),
        )
        .await;
    assert_code(&resp, "FORBIDDEN");
    let resp = app
        .try_update_proposal(
            Some(&author),
            &id,
            version,
            json!({ "wellbeingGoals": ["MORE_EQUAL", "HEALTHIER"] }),
        )
        .await;
    ok(&resp);
    assert_eq!(goals_as(&app, None, &id).await, ["HEALTHIER", "MORE_EQUAL"]);

    // At the council: no longer the author's to change.
    let submitted = app.submit_to_council(&clerk, &id).await;
    let version = submitted["version"].as_i64().unwrap();
    let resp = app
        .try_update_proposal(Some(&author), &id, version, json!({ "wellbeingGoals": [] }))
        .await;
    assert_code(&resp, "CONFLICT");
    assert_eq!(goals_as(&app, None, &id).await, ["HEALTHIER", "MORE_EQUAL"]);
}

#[tokio::test]
async fn clerks_tag_proposals_audited_and_no_one_else_may() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let author = app.resident().await;
    let forum = app.forum_id("transport").await;
    let id = app.open_proposal(&author, &forum, "A safer crossing").await;
    app.submit_to_council(&clerk, &id).await;

    for who in [Some(&author), Some(&councillor)] {
        assert_code(&try_tag(&app, who, &id, &["PROSPEROUS"]).await, "FORBIDDEN");
    }
    assert_code(
        &try_tag(&app, None, &id, &["PROSPEROUS"]).await,
        "UNAUTHENTICATED",
    );
    assert!(goals_as(&app, None, &id).await.is_empty());

    let resp = try_tag(
        &app,
        Some(&clerk),
        &id,
        &["COHESIVE_COMMUNITIES", "HEALTHIER", "HEALTHIER"],
    )
    .await;
    assert_eq!(
        goals_of(&data_at(&resp, "tagProposal")),
        ["HEALTHIER", "COHESIVE_COMMUNITIES"]
    );
    let entries = app.audit_entries(&clerk).await;
    let (action, subject, actor) = &entries[0];
    assert_eq!(action, "proposal.tagged");
    assert_eq!(subject.as_deref(), Some(id.as_str()));
    assert_eq!(actor.as_deref(), Some(clerk.user_id.as_str()));

    // Clearing is tagging with none.
    let resp = try_tag(&app, Some(&clerk), &id, &[]).await;
    assert!(goals_of(&data_at(&resp, "tagProposal")).is_empty());

    // What the clerk may not see (another's draft) does not exist; nor does a forum's ID.
    let draft = app.create_proposal(&author, &forum, "Still a draft").await;
    let draft = str_at(&draft, "id");
    assert_code(
        &try_tag(&app, Some(&clerk), draft, &["PROSPEROUS"]).await,
        "NOT_FOUND",
    );
    assert!(goals_as(&app, Some(&author), draft).await.is_empty());
    assert_code(
        &try_tag(&app, Some(&clerk), &forum, &["PROSPEROUS"]).await,
        "NOT_FOUND",
    );
}

#[tokio::test]
async fn objectives_take_goals() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let strategy = app.create_strategy(&clerk, "Greener town").await;
    let sid = str_at(&strategy, "id");
    let mut input = objective_input("Cleaner air", &[]);
    input["wellbeingGoals"] = json!(["GLOBALLY_RESPONSIBLE", "HEALTHIER", "HEALTHIER"]);
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!, $input: ObjectiveInput!) {
               addObjective(strategyId: $id, input: $input) { id wellbeingGoals } }",
            json!({ "id": sid, "input": input }),
        )
        .await;
    assert_eq!(
        goals_of(&data_at(&resp, "addObjective")),
        ["HEALTHIER", "GLOBALLY_RESPONSIBLE"]
    );
    // Without the field: none.
    let plain = app.add_objective(&clerk, sid, "Quieter roads", &[]).await;
    let resp = app
        .gql_as(
            &clerk.token,
            "query($id: ID!) { node(id: $id) { ... on StrategyObjective { wellbeingGoals } } }",
            json!({ "id": plain["id"] }),
        )
        .await;
    assert!(goals_of(&data_at(&resp, "node")).is_empty(), "{resp}");
}

/// The report as `who` for the days around today: goal name to (proposals, accepted,
/// implemented, objectives).
async fn report_as(app: &TestApp, who: Option<&Session>) -> Vec<(String, [i64; 4])> {
    let today = chrono::Utc::now().date_naive();
    let resp = app
        .gql_opt(
            who,
            "query($from: Date!, $to: Date!) { wellbeingReport(from: $from, to: $to) {
               goal name proposals accepted implemented objectives } }",
            json!({
                "from": (today - chrono::Days::new(1)).to_string(),
                "to": (today + chrono::Days::new(1)).to_string(),
            }),
        )
        .await;
    data_at(&resp, "wellbeingReport")
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let n = |k: &str| row[k].as_i64().unwrap();
            (
                str_at(row, "goal").to_owned(),
                [
                    n("proposals"),
                    n("accepted"),
                    n("implemented"),
                    n("objectives"),
                ],
            )
        })
        .collect()
}

fn counts(report: &[(String, [i64; 4])], goal: &str) -> [i64; 4] {
    report
        .iter()
        .find(|(g, _)| g == goal)
        .unwrap_or_else(|| panic!("no {goal} in {report:?}"))
        .1
}

#[tokio::test]
async fn the_report_counts_every_goal_through_the_viewers_visibility() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let resident = app.resident().await;
    let youth = app.active_youth(&clerk).await;
    let themed = app.forum_id("environment").await;
    let youth_forum = app.forum_id("youth-environment").await;

    let accepted = app
        .council_proposal(
            &resident,
            &clerk,
            &councillor,
            &themed,
            "Ban idling by the school",
            Some("ACCEPTED"),
        )
        .await;
    try_tag(&app, Some(&clerk), &accepted, &["HEALTHIER", "RESILIENT"]).await;
    let implemented = app
        .council_proposal(
            &resident,
            &clerk,
            &councillor,
            &themed,
            "Fix the park benches",
            Some("ACCEPTED"),
        )
        .await;
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { markImplemented(id: $id, note: \"Done\") { status } }",
            json!({ "id": implemented }),
        )
        .await;
    ok(&resp);
    try_tag(&app, Some(&clerk), &implemented, &["HEALTHIER"]).await;
    let youth_id = app
        .open_proposal(&youth, &youth_forum, "A youth climate club")
        .await;
    try_tag(
        &app,
        Some(&clerk),
        &youth_id,
        &["RESILIENT", "GLOBALLY_RESPONSIBLE"],
    )
    .await;
    // A draft was never published: counted for no one, its author included.
    let resp = app
        .try_create_proposal(
            Some(&resident),
            json!({ "forumId": themed, "title": "Unpublished idea", "body": "Not yet.",
                    "wellbeingGoals": ["PROSPEROUS"] }),
        )
        .await;
    ok(&resp);

    // Objectives: ADOPTED strategies only.
    for (status, goal) in [("ADOPTED", "MORE_EQUAL"), ("DRAFT", "MORE_EQUAL")] {
        let strategy = app.create_strategy(&clerk, &format!("Plan {status}")).await;
        let sid = str_at(&strategy, "id");
        let mut input = objective_input("Fairer access", &[]);
        input["wellbeingGoals"] = json!([goal]);
        ok(&app.try_add_objective(Some(&clerk), sid, input).await);
        if status == "ADOPTED" {
            app.set_strategy_status(&clerk, sid, status).await;
        }
    }

    let public = report_as(&app, Some(&resident)).await;
    let order: Vec<&str> = public.iter().map(|(g, _)| g.as_str()).collect();
    assert_eq!(
        order,
        GOALS.map(|(g, _, _)| g),
        "all seven, in the Act's order"
    );
    assert_eq!(counts(&public, "HEALTHIER"), [2, 2, 1, 0]);
    assert_eq!(
        counts(&public, "RESILIENT"),
        [1, 1, 0, 0],
        "no youth content"
    );
    assert_eq!(counts(&public, "GLOBALLY_RESPONSIBLE"), [0, 0, 0, 0]);
    assert_eq!(
        counts(&public, "PROSPEROUS"),
        [0, 0, 0, 0],
        "drafts are not published"
    );
    assert_eq!(counts(&public, "MORE_EQUAL"), [0, 0, 0, 1]);
    assert_eq!(
        report_as(&app, None).await,
        public,
        "anonymous sees what a resident sees"
    );

    for inside in [&youth, &clerk, &councillor] {
        let report = report_as(&app, Some(inside)).await;
        assert_eq!(counts(&report, "RESILIENT"), [2, 1, 0, 0]);
        assert_eq!(counts(&report, "GLOBALLY_RESPONSIBLE"), [1, 0, 0, 0]);
        assert_eq!(counts(&report, "HEALTHIER"), [2, 2, 1, 0]);
    }

    // The period: published yesterday is not published last year; the end may not come first.
    let resp = app
        .gql(
            "{ wellbeingReport(from: \"2020-01-01\", to: \"2020-12-31\") { goal proposals objectives } }",
            json!({}),
        )
        .await;
    let rows = data_at(&resp, "wellbeingReport");
    assert!(
        rows.as_array().unwrap().iter().all(|r| r["proposals"] == 0),
        "{resp}"
    );
    let resp = app
        .gql(
            "{ wellbeingReport(from: \"2026-02-01\", to: \"2026-01-01\") { goal } }",
            json!({}),
        )
        .await;
    assert_bad_input(&resp, "to");
}

#[tokio::test]
async fn strategy_reports_show_each_objectives_goals_and_a_section_per_goal() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let resident = app.resident().await;
    let forum = app.forum_id("health-wellbeing").await;
    let strategy = app.create_strategy(&clerk, "Healthy town").await;
    let sid = str_at(&strategy, "id").to_owned();
    let mut input = objective_input("More walking", &[]);
    input["wellbeingGoals"] = json!(["HEALTHIER", "COHESIVE_COMMUNITIES"]);
    let objective = data_at(
        &app.try_add_objective(Some(&clerk), &sid, input).await,
        "addObjective",
    );
    let oid = str_at(&objective, "id").to_owned();
    let pid = app
        .council_proposal(
            &resident,
            &clerk,
            &councillor,
            &forum,
            "Walking bus to school",
            None,
        )
        .await;
    try_tag(&app, Some(&clerk), &pid, &["HEALTHIER", "RESILIENT"]).await;
    app.link(&clerk, &oid, &pid, None).await;

    let md = app.strategy_report(Some(&clerk), &sid, "MARKDOWN").await;
    assert!(
        md.contains("Well-being goals: A healthier Wales; A Wales of cohesive communities"),
        "{md}"
    );
    let section = |name: &str| {
        let start = md
            .find(&format!("### {name}\n"))
            .unwrap_or_else(|| panic!("no section {name}:\n{md}"));
        let rest = &md[start + 4..];
        rest[..rest.find("\n### ").unwrap_or(rest.len())].to_owned()
    };
    for (_, name, _) in GOALS {
        section(name);
    }
    let healthier = section("A healthier Wales");
    assert!(
        healthier.contains("More walking") && healthier.contains("Walking bus to school"),
        "{healthier}"
    );
    let resilient = section("A resilient Wales");
    assert!(
        !resilient.contains("More walking") && resilient.contains("Walking bus to school"),
        "{resilient}"
    );
    assert!(section("A prosperous Wales").contains("None yet."), "{md}");

    let csv = app.strategy_report(Some(&clerk), &sid, "CSV").await;
    let rows = parse_csv(&csv);
    assert_eq!(
        rows[1][10], "A healthier Wales; A Wales of cohesive communities",
        "{csv}"
    );
    assert_eq!(rows[1][11], "A resilient Wales; A healthier Wales", "{csv}");

    let json_text = app.strategy_report(Some(&clerk), &sid, "JSON").await;
    let document: Value = serde_json::from_str(&json_text).unwrap();
    assert_eq!(
        document["objectives"][0]["wellbeingGoals"],
        json!(["HEALTHIER", "COHESIVE_COMMUNITIES"])
    );
    assert_eq!(
        document["objectives"][0]["contributions"][0]["wellbeingGoals"],
        json!(["RESILIENT", "HEALTHIER"])
    );
    let per_goal = document["wellbeingGoals"].as_array().unwrap();
    assert_eq!(per_goal.len(), 7);
    assert_eq!(per_goal[2]["goal"], "HEALTHIER");
    assert_eq!(per_goal[2]["objectives"], json!([oid]));
    assert_eq!(per_goal[2]["proposals"], json!([pid]));
    assert_eq!(per_goal[1]["objectives"], json!([]));

    let welsh = app
        .gql_with(
            Some(&clerk.token),
            &[("Accept-Language", "cy")],
            "query($id: ID!) { strategyReport(strategyId: $id, format: MARKDOWN) }",
            json!({ "id": sid }),
        )
        .await;
    let welsh = str_at(ok(&welsh), "strategyReport");
    assert!(welsh.contains("### Cymru iachach\n"), "{welsh}");
}
