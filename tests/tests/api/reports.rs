//! Strategy reports (RULES.md "Community strategy and reports"): `strategyReport` in MARKDOWN,
//! CSV and JSON, and the same reports at `GET /reports/strategies/<id>.md|.csv|.json`, under
//! the same visibility rules as the strategy itself.

use std::collections::HashMap;

use fforwm_tests::{
    Session, TestApp, assert_code,
    content::data_at,
    ok,
    roles::global_id,
    str_at,
    strategy::{
        REPORT_FORMATS, assert_served, csv_bool, json_numbers, json_strings, json_youth_flag,
        parse_csv,
    },
};
use reqwest::StatusCode;
use serde_json::{Value, json};

const CSV_HEADER: [&str; 12] = [
    "Objective number",
    "Objective",
    "Proposal ID",
    "Proposal",
    "Forum",
    "Status",
    "Decision",
    "From a youth forum",
    "Note",
    "Linked at",
    "Objective's well-being goals",
    "Proposal's well-being goals",
];

const CONTENT_TYPES: [(&str, &str); 3] = [
    ("md", "text/markdown"),
    ("csv", "text/csv"),
    ("json", "application/json"),
];

/// Lower case, `_` as a space: "UNDER_REVIEW" and "Under review" read the same.
fn plain(text: &str) -> String {
    text.to_lowercase().replace('_', " ")
}

/// The position of `needle` in `haystack`, which must contain it.
#[track_caller]
fn position(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("the report has no {needle:?}:\n{haystack}"))
}

async fn forum_name(app: &TestApp, slug: &str) -> String {
    let resp = app
        .gql(
            "query($slug: String!) { forum(slug: $slug) { name(lang: EN) } }",
            json!({ "slug": slug }),
        )
        .await;
    str_at(&data_at(&resp, "forum"), "name").to_owned()
}

/// A clerk's `markImplemented` that must work.
async fn mark_implemented(app: &TestApp, clerk: &Session, id: &str) {
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { markImplemented(id: $id, note: \"Benches are in\") { status } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(data_at(&resp, "markImplemented")["status"], "IMPLEMENTED");
}

struct Row {
    position: String,
    objective: String,
    title: String,
    forum: String,
    status: String,
    decision: String,
    youth: bool,
    note: String,
    linked_at: String,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_tell_how_the_forums_fed_the_strategy() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let resident = app.resident().await;
    let author = app.active_youth(&clerk).await;
    let environment = app.forum_id("environment").await;
    let youth_environment = app.forum_id("youth-environment").await;
    let youth_transport = app.forum_id("youth-transport").await;

    // Four proposals: implemented, under review, a youth forum's (rejected), a forwarded youth
    // proposal (deferred).
    let implemented_title = "Benches, bins and \"bike racks\" by the river";
    let implemented = app
        .council_proposal(
            &resident,
            &clerk,
            &councillor,
            &environment,
            implemented_title,
            Some("ACCEPTED"),
        )
        .await;
    mark_implemented(&app, &clerk, &implemented).await;
    let review_title = "Litter pick on the riverbank every month";
    let review = app
        .council_proposal(
            &resident,
            &clerk,
            &councillor,
            &environment,
            review_title,
            None,
        )
        .await;
    app.respond(&councillor, &review, "UPDATE", None).await;
    let youth_title = "Water fountains at the youth club";
    let youth_only = app
        .council_proposal(
            &author,
            &clerk,
            &councillor,
            &youth_environment,
            youth_title,
            Some("REJECTED"),
        )
        .await;
    let copy_title = "Cycle training for year seven pupils";
    let original = app
        .open_proposal(&author, &youth_transport, copy_title)
        .await;
    let resp = app.try_forward(Some(&clerk), &original).await;
    let copy = str_at(&data_at(&resp, "forwardYouthProposal"), "id").to_owned();
    app.respond(&councillor, &copy, "DECISION", Some("DEFERRED"))
        .await;

    // A strategy with two objectives, four links, two indicators.
    let strategy_title = "Llanfair Green Plan 2026 to 2027";
    let strategy = app.create_strategy(&clerk, strategy_title).await;
    let sid = str_at(&strategy, "id").to_owned();
    let summary = str_at(&strategy, "summaryEn").to_owned();
    let rivers = "Cleaner rivers and green spaces";
    let o1 = app
        .add_objective(&clerk, &sid, rivers, &[&environment])
        .await;
    let o1 = str_at(&o1, "id").to_owned();
    let school = "Safer journeys to school";
    let o2 = app.add_objective(&clerk, &sid, school, &[]).await;
    let o2 = str_at(&o2, "id").to_owned();
    let tricky_note = "Quick win, see \"Action 1.2\"\nAgreed at full council";
    let mut linked_at = HashMap::new();
    for (objective, proposal, note) in [
        (&o1, &implemented, Some(tricky_note)),
        (&o1, &review, None),
        (&o1, &youth_only, Some("From the youth forum")),
        (&o2, &copy, None),
    ] {
        let link = app.link(&clerk, objective, proposal, note).await;
        linked_at.insert(proposal.clone(), link["linkedAt"].clone());
    }
    let water = "River water quality score";
    let indicator = app
        .add_indicator(&clerk, &o1, water, "index", Some(12.0), Some(90.0))
        .await;
    let iid = str_at(&indicator, "id").to_owned();
    app.record_measurement(&clerk, &iid, 87.25, "2026-05-01", Some("Summer sampling"))
        .await;
    app.record_measurement(&clerk, &iid, 4242.5, "2026-02-01", None)
        .await;
    let cycling = "Children cycling to school";
    app.add_indicator(&clerk, &o2, cycling, "%", None, Some(25.0))
        .await;
    app.set_strategy_status(&clerk, &sid, "CONSULTATION").await;

    let environment_name = forum_name(&app, "environment").await;
    let transport_name = forum_name(&app, "transport").await;
    let youth_forum_name = forum_name(&app, "youth-environment").await;

    // ---- CSV, as the council sees it: a header, then one row per link.
    let csv = app.strategy_report(Some(&councillor), &sid, "CSV").await;
    assert!(
        csv.contains("\"Benches, bins and \"\"bike racks\"\" by the river\""),
        "a title with commas and quotes is quoted, its quotes doubled (RFC 4180):\n{csv}"
    );
    assert!(
        csv.contains("\"Quick win, see \"\"Action 1.2\"\"\nAgreed at full council\"")
            || csv.contains("\"Quick win, see \"\"Action 1.2\"\"\r\nAgreed at full council\""),
        "a note with a line break is quoted (RFC 4180):\n{csv}"
    );
    let rows = parse_csv(&csv);
    assert_eq!(rows[0], CSV_HEADER, "{csv}");
    assert_eq!(rows.len(), 5, "a header and four links:\n{csv}");
    let mut by_proposal = HashMap::new();
    for row in &rows[1..] {
        assert_eq!(row.len(), CSV_HEADER.len(), "{row:?}");
        by_proposal.insert(
            row[2].clone(),
            Row {
                position: row[0].clone(),
                objective: row[1].clone(),
                title: row[3].clone(),
                forum: row[4].clone(),
                status: row[5].clone(),
                decision: row[6].clone(),
                youth: csv_bool(&row[7]),
                note: row[8].clone(),
                linked_at: row[9].clone(),
            },
        );
    }
    let positions: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        positions,
        ["1", "1", "1", "2"],
        "rows in objective order:\n{csv}"
    );
    let expected = [
        (
            &implemented,
            "1",
            rivers,
            implemented_title,
            &environment_name,
            "IMPLEMENTED",
            "ACCEPTED",
            false,
            tricky_note,
        ),
        (
            &review,
            "1",
            rivers,
            review_title,
            &environment_name,
            "UNDER_REVIEW",
            "",
            false,
            "",
        ),
        (
            &youth_only,
            "1",
            rivers,
            youth_title,
            &youth_forum_name,
            "REJECTED",
            "REJECTED",
            true,
            "From the youth forum",
        ),
        // The forwarded copy lives in the themed forum, but it came from a youth forum.
        (
            &copy,
            "2",
            school,
            copy_title,
            &transport_name,
            "DEFERRED",
            "DEFERRED",
            true,
            "",
        ),
    ];
    for (id, position, objective, title, forum, status, decision, youth, note) in expected {
        let row = by_proposal
            .get(id.as_str())
            .unwrap_or_else(|| panic!("no row with proposal_id {id}:\n{csv}"));
        assert_eq!(row.position, position, "{title}");
        assert_eq!(row.objective, objective, "{title}");
        assert_eq!(row.title, title, "{title}");
        assert_eq!(&row.forum, forum, "{title}");
        assert_eq!(plain(&row.status), plain(status), "{title}");
        assert_eq!(plain(&row.decision), plain(decision), "{title}");
        assert_eq!(row.youth, youth, "{title}: from_youth_forum");
        assert_eq!(row.note.replace("\r\n", "\n"), note, "{title}");
        let csv_time = chrono::DateTime::parse_from_rfc3339(&row.linked_at)
            .unwrap_or_else(|e| panic!("linked_at {} ({e})", row.linked_at));
        let gql_time =
            chrono::DateTime::parse_from_rfc3339(linked_at[id.as_str()].as_str().unwrap()).unwrap();
        assert!(
            (csv_time - gql_time).num_milliseconds().abs() < 1000,
            "linked_at {csv_time} is not the link's {gql_time}"
        );
    }

    // ---- CSV, as a visitor sees it: no youth forum's proposal; the forwarded copy stays.
    let public_csv = app.strategy_report(None, &sid, "CSV").await;
    let public_rows = parse_csv(&public_csv);
    assert_eq!(public_rows[0], CSV_HEADER, "{public_csv}");
    let mut ids: Vec<&str> = public_rows[1..].iter().map(|r| r[2].as_str()).collect();
    ids.sort_unstable();
    let mut expected_ids = vec![implemented.as_str(), review.as_str(), copy.as_str()];
    expected_ids.sort_unstable();
    assert_eq!(ids, expected_ids, "{public_csv}");
    assert!(!public_csv.contains(youth_title), "{public_csv}");
    assert!(!public_csv.contains("From the youth forum"), "{public_csv}");
    assert_eq!(
        app.strategy_report(Some(&resident), &sid, "CSV").await,
        public_csv
    );
    // A youth member sees the youth forum's row, as the council does.
    let youth_csv = app.strategy_report(Some(&author), &sid, "CSV").await;
    assert_eq!(parse_csv(&youth_csv).len(), 5, "{youth_csv}");
    assert!(youth_csv.contains(youth_title), "{youth_csv}");

    // ---- Markdown: the strategy, then each objective with its proposals and indicators.
    let markdown = app
        .strategy_report(Some(&councillor), &sid, "MARKDOWN")
        .await;
    let at_title = position(&markdown, strategy_title);
    assert!(at_title < position(&markdown, &summary), "{markdown}");
    let at_rivers = position(&markdown, rivers);
    let at_school = position(&markdown, school);
    assert!(
        at_title < at_rivers && at_rivers < at_school,
        "objectives in order:\n{markdown}"
    );
    for title in [implemented_title, review_title, youth_title, water] {
        let at = position(&markdown, title);
        assert!(
            at_rivers < at && at < at_school,
            "{title} under its objective:\n{markdown}"
        );
    }
    for title in [copy_title, cycling] {
        assert!(
            at_school < position(&markdown, title),
            "{title} under its objective:\n{markdown}"
        );
    }
    let flat = plain(&markdown);
    for word in [
        environment_name.as_str(),
        transport_name.as_str(),
        youth_forum_name.as_str(),
        "implemented",
        "under review",
        "accepted",
        "rejected",
        "deferred",
    ] {
        assert!(
            flat.contains(&plain(word)),
            "no {word:?} in the report:\n{markdown}"
        );
    }
    assert!(
        markdown.contains("87.25"),
        "the latest measurement:\n{markdown}"
    );
    assert!(
        !markdown.contains("4242.5"),
        "only the latest measurement:\n{markdown}"
    );
    let public_markdown = app.strategy_report(None, &sid, "MARKDOWN").await;
    assert!(!public_markdown.contains(youth_title), "{public_markdown}");
    assert!(
        !public_markdown.contains("From the youth forum"),
        "{public_markdown}"
    );
    for title in [strategy_title, implemented_title, copy_title, water] {
        position(&public_markdown, title);
    }

    // ---- JSON: the same content as a document.
    let document = app.strategy_report(Some(&councillor), &sid, "JSON").await;
    let document: Value =
        serde_json::from_str(&document).unwrap_or_else(|e| panic!("not JSON ({e}): {document}"));
    let strings = json_strings(&document);
    for text in [
        strategy_title,
        summary.as_str(),
        rivers,
        school,
        implemented_title,
        review_title,
        youth_title,
        copy_title,
        water,
        cycling,
        environment_name.as_str(),
        youth_forum_name.as_str(),
    ] {
        assert!(
            strings.iter().any(|s| s == text),
            "no {text:?} in {document}"
        );
    }
    let flat: Vec<String> = strings.iter().map(|s| plain(s)).collect();
    for status in [
        "implemented",
        "under review",
        "rejected",
        "deferred",
        "accepted",
    ] {
        assert!(
            flat.iter().any(|s| s == status),
            "no {status} in {document}"
        );
    }
    let numbers = json_numbers(&document);
    assert!(
        numbers.contains(&87.25),
        "the latest measurement: {document}"
    );
    assert!(
        !numbers.contains(&4242.5),
        "only the latest measurement: {document}"
    );
    assert_eq!(
        json_youth_flag(&document, youth_title),
        Some(true),
        "{document}"
    );
    assert_eq!(
        json_youth_flag(&document, copy_title),
        Some(true),
        "{document}"
    );
    assert_eq!(
        json_youth_flag(&document, implemented_title),
        Some(false),
        "{document}"
    );
    assert_eq!(
        json_youth_flag(&document, review_title),
        Some(false),
        "{document}"
    );
    let public_document = app.strategy_report(None, &sid, "JSON").await;
    let public_document: Value = serde_json::from_str(&public_document).unwrap();
    let public_strings = json_strings(&public_document);
    assert!(
        !public_strings.iter().any(|s| s == youth_title),
        "{public_document}"
    );
    assert!(
        public_strings.iter().any(|s| s == copy_title),
        "{public_document}"
    );

    // ---- Over HTTP: the same reports, for the same viewer.
    for ((format, extension), (_, content_type)) in REPORT_FORMATS.iter().zip(CONTENT_TYPES) {
        for who in [Some(&councillor), Some(&author), None] {
            let served = app.get_report(who, &format!("{sid}.{extension}")).await;
            assert_served(&served, content_type);
            let report = app.strategy_report(who, &sid, format).await;
            assert_eq!(served.2, report, "{format} over HTTP and GraphQL");
        }
    }
    let served = app.get_report(Some(&author), &format!("{sid}.csv")).await;
    assert!(served.2.contains(youth_title), "{served:?}");
    let served = app.get_report(None, &format!("{sid}.csv")).await;
    assert!(!served.2.contains(youth_title), "{served:?}");

    // ---- In Welsh, with Accept-Language, over GraphQL and HTTP.
    let resp = app
        .gql_with(
            None,
            &[("Accept-Language", "cy")],
            "query($id: ID!) { strategyReport(strategyId: $id, format: MARKDOWN) }",
            json!({ "id": sid }),
        )
        .await;
    let welsh = ok(&resp)["strategyReport"].as_str().unwrap().to_owned();
    position(&welsh, &format!("{strategy_title} (Cymraeg)"));
    position(&welsh, &format!("{rivers} (Cymraeg)"));
    assert!(
        !markdown.contains("(Cymraeg)"),
        "English by default:\n{markdown}"
    );
    let response = app
        .request(
            reqwest::Method::GET,
            &format!("/reports/strategies/{sid}.md"),
        )
        .header("Accept-Language", "cy")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.unwrap(), welsh);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_of_a_draft_are_the_councils_and_only_real_files_are_served() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let resident = app.resident().await;
    let youth = app.active_youth(&clerk).await;
    let forum = app.forum_id("health-wellbeing").await;
    let proposal = app
        .council_proposal(
            &resident,
            &clerk,
            &councillor,
            &forum,
            "A defibrillator at the library",
            None,
        )
        .await;
    let strategy = app.create_strategy(&clerk, "A healthier town").await;
    let sid = str_at(&strategy, "id").to_owned();
    let objective = app
        .add_objective(&clerk, &sid, "Help within minutes", &[&forum])
        .await;
    app.link(&clerk, str_at(&objective, "id"), &proposal, None)
        .await;

    // A draft: the council reads it in every format, over GraphQL and HTTP; nobody else does.
    for (format, extension) in REPORT_FORMATS {
        let file = format!("{sid}.{extension}");
        for who in [&clerk, &councillor] {
            let served = app.get_report(Some(who), &file).await;
            assert_eq!(served.0, StatusCode::OK, "{file}: {served:?}");
            assert_eq!(served.2, app.strategy_report(Some(who), &sid, format).await);
        }
        for who in [None, Some(&resident), Some(&youth)] {
            let served = app.get_report(who, &file).await;
            assert_eq!(served.0, StatusCode::NOT_FOUND, "{file}: {served:?}");
            assert!(!served.2.contains("A healthier town"), "{served:?}");
            assert_code(
                &app.try_strategy_report(who, &sid, format).await,
                "NOT_FOUND",
            );
        }
    }
    let csv = app.get_report(Some(&clerk), &format!("{sid}.csv")).await;
    let rows = parse_csv(&csv.2);
    assert_eq!(rows.len(), 2, "{csv:?}");
    assert_eq!(rows[0], CSV_HEADER, "{csv:?}");
    assert_eq!(rows[1][2], proposal, "{csv:?}");

    // No such strategy, not a strategy, not an ID, not a format: 404 for everyone.
    let missing = global_id("CommunityStrategy", 999_999);
    for file in [
        format!("{missing}.md"),
        format!("{missing}.csv"),
        format!("{missing}.json"),
        format!("{proposal}.md"),
        "nonsense.csv".to_owned(),
        format!("{sid}.pdf"),
        format!("{sid}.html"),
        format!("{sid}.md.csv"),
        sid.clone(),
        format!("{sid}."),
    ] {
        let served = app.get_report(Some(&clerk), &file).await;
        assert_eq!(served.0, StatusCode::NOT_FOUND, "{file}: {served:?}");
    }
    for id in [missing.as_str(), proposal.as_str(), "nonsense"] {
        assert_code(
            &app.try_strategy_report(Some(&clerk), id, "CSV").await,
            "NOT_FOUND",
        );
    }

    // A strategy with no links yet: a header row and nothing else.
    let empty = app.create_strategy(&clerk, "Nothing linked yet").await;
    let empty = str_at(&empty, "id").to_owned();
    let rows = parse_csv(&app.strategy_report(Some(&clerk), &empty, "CSV").await);
    assert_eq!(rows, vec![CSV_HEADER.map(str::to_owned).to_vec()]);

    // Out of draft, everyone reads it, visitors included.
    app.set_strategy_status(&clerk, &sid, "CONSULTATION").await;
    for ((format, extension), (_, content_type)) in REPORT_FORMATS.iter().zip(CONTENT_TYPES) {
        for who in [None, Some(&resident), Some(&youth)] {
            let served = app.get_report(who, &format!("{sid}.{extension}")).await;
            assert_served(&served, content_type);
            let needle = if *extension == "csv" {
                proposal.as_str()
            } else {
                "A healthier town"
            };
            assert!(served.2.contains(needle), "{served:?}");
            assert_eq!(served.2, app.strategy_report(who, &sid, format).await);
        }
    }
    let resp = app.gql("{ strategies { id } }", json!({})).await;
    assert_eq!(ok(&resp)["strategies"], json!([{ "id": sid }]));
}
