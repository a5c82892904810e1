//! Moderation escalation (issue 13): a second report with another reason, SAFEGUARDING about
//! young people reaching every clerk at once, and items hidden automatically when enough
//! different people report them (never the council's), reversibly.

use fforwm_tests::{
    Session, TestApp, assert_code,
    content::{data_at, node_ids},
    live::Live,
    ok, str_at,
};
use serde_json::{Value, json};

const SAFEGUARDING_LIVE: &str = "subscription { notifications {
    id kind message(lang: EN) proposal { id } comment { id } report { id reason } } }";

async fn report(app: &TestApp, who: &Session, target: &str, reason: &str) -> Value {
    app.gql_as(
        &who.token,
        "mutation($input: ReportContentInput!) { reportContent(input: $input) {
           id reason autoHidden reporterCount } }",
        json!({ "input": { "targetId": target, "reason": reason } }),
    )
    .await
}

async fn queue(app: &TestApp, clerk: &Session) -> Value {
    let resp = app
        .gql_as(
            &clerk.token,
            "{ moderationQueue(first: 100) { edges { node { id reason autoHidden reporterCount
               target { ... on Comment { id } ... on Proposal { id } } } } } }",
            json!({}),
        )
        .await;
    ok(&resp)["moderationQueue"].clone()
}

/// The comment as an anonymous reader sees it: (hidden, body).
async fn seen(app: &TestApp, id: &str) -> (Value, Value) {
    let resp = app
        .gql(
            "query($id: ID!) { node(id: $id) { ... on Comment { hidden body } } }",
            json!({ "id": id }),
        )
        .await;
    let node = &ok(&resp)["node"];
    (node["hidden"].clone(), node["body"].clone())
}

async fn kinds_of_notifications(app: &TestApp, who: &Session) -> Vec<String> {
    let resp = app
        .gql_as(
            &who.token,
            "{ myNotifications(first: 50) { edges { node { kind } } } }",
            json!({}),
        )
        .await;
    ok(&resp)["myNotifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| str_at(&e["node"], "kind").to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_report_with_another_reason_is_taken_the_same_reason_is_not() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let author = app.resident().await;
    let reporter = app.resident().await;
    let forum = app.forum_id("transport").await;
    let proposal = app
        .open_proposal(&author, &forum, "Car-free Sundays in town")
        .await;
    let comment = str_at(
        &app.add_comment(&author, &proposal, None, "Buy cheap!")
            .await,
        "id",
    )
    .to_owned();

    let first = data_at(
        &report(&app, &reporter, &comment, "SPAM").await,
        "reportContent",
    );
    assert_eq!(first["reporterCount"], 1);
    assert_code(&report(&app, &reporter, &comment, "SPAM").await, "CONFLICT");
    let second = data_at(
        &report(&app, &reporter, &comment, "OFFENSIVE").await,
        "reportContent",
    );
    // Still one person.
    assert_eq!(second["reporterCount"], 1);
    assert_eq!(node_ids(&queue(&app, &clerk).await).len(), 2);
    // Once the first is closed, the same reason may be given again.
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { resolveReport(id: $id, resolution: \"Spoke to them.\") { status } }",
            json!({ "id": first["id"] }),
        )
        .await;
    ok(&resp);
    data_at(
        &report(&app, &reporter, &comment, "SPAM").await,
        "reportContent",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn safeguarding_about_young_people_reaches_every_clerk_live_and_leads_the_queue() {
    let app = TestApp::spawn().await;
    let clerks = [app.clerk().await, app.clerk().await];
    let suspended_clerk = app.clerk().await;
    app.suspend(&clerks[0], &suspended_clerk).await;
    let resident = app.resident().await;
    let youth = app.active_youth(&clerks[0]).await;
    let other_youth = app.active_youth(&clerks[0]).await;
    let themed = app.forum_id("community-safety").await;
    let youth_forum = app.forum_id("youth-community-safety").await;

    // An older, ordinary report, so that the queue's order shows.
    let adult = app
        .open_proposal(&resident, &themed, "Better lighting in the park")
        .await;
    let adult_comment = str_at(
        &app.add_comment(&resident, &adult, None, "Agreed.").await,
        "id",
    )
    .to_owned();
    data_at(
        &report(&app, &youth, &adult_comment, "SAFEGUARDING").await,
        "reportContent",
    );

    let mut listening = Vec::new();
    for clerk in &clerks {
        let mut live = Live::connect(&app.base_url, Some(&clerk.token)).await;
        live.subscribe("n", SAFEGUARDING_LIVE, json!({})).await;
        listening.push(live);
    }
    let proposal = app
        .open_proposal(&youth, &youth_forum, "Safe walk home scheme")
        .await;
    let comment = str_at(
        &app.add_comment(&youth, &proposal, None, "Someone followed me.")
            .await,
        "id",
    )
    .to_owned();
    let made = data_at(
        &report(&app, &other_youth, &comment, "SAFEGUARDING").await,
        "reportContent",
    );
    for live in &mut listening {
        let heard = live.next_event("n", "notifications").await;
        assert_eq!(heard["kind"], "SAFEGUARDING_REPORT", "{heard}");
        assert_eq!(heard["report"]["id"], made["id"]);
        assert_eq!(heard["comment"]["id"], comment.as_str());
        assert_eq!(heard["proposal"]["id"], proposal.as_str());
        assert!(str_at(&heard, "message").contains("Safe walk home scheme"));
    }
    // Stored too, for each active clerk; not for the suspended one, nor for the reporter.
    for clerk in &clerks {
        assert_eq!(
            kinds_of_notifications(&app, clerk).await,
            ["SAFEGUARDING_REPORT"]
        );
    }
    for who in [&suspended_clerk, &other_youth] {
        let kinds = kinds_of_notifications(&app, who).await;
        assert!(
            !kinds.contains(&"SAFEGUARDING_REPORT".to_owned()),
            "{kinds:?}"
        );
    }

    // A youth member's words in a themed forum count as about a young person too.
    let themed_comment = str_at(
        &app.add_comment(&youth, &adult, None, "I was scared there.")
            .await,
        "id",
    )
    .to_owned();
    let about_youth = data_at(
        &report(&app, &resident, &themed_comment, "SAFEGUARDING").await,
        "reportContent",
    );
    for live in &mut listening {
        let heard = live.next_event("n", "notifications").await;
        assert_eq!(heard["report"]["id"], about_youth["id"]);
    }
    // Other reasons, and safeguarding about adults' words, notify no one.
    data_at(
        &report(&app, &other_youth, &comment, "SPAM").await,
        "reportContent",
    );
    for live in &mut listening {
        live.expect_no_event("n").await;
    }
    assert_eq!(kinds_of_notifications(&app, &clerks[1]).await.len(), 2);

    // The urgent ones lead the queue, oldest first; then the rest, oldest first.
    let order: Vec<String> = queue(&app, &clerks[0]).await["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| str_at(&e["node"], "id").to_owned())
        .collect();
    assert_eq!(order[0], str_at(&made, "id"));
    assert_eq!(order[1], str_at(&about_youth, "id"));
    assert_eq!(order.len(), 4);
    for live in listening {
        live.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn three_reporters_hide_a_residents_comment_and_never_a_councillors() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let author = app.resident().await;
    let councillor = app.councillor().await;
    let reporters = app.residents(3).await;
    let forum = app.forum_id("environment").await;
    let proposal = app.open_proposal(&author, &forum, "Ban leaf blowers").await;
    let resident_comment = str_at(
        &app.add_comment(&author, &proposal, None, "Rude words.")
            .await,
        "id",
    )
    .to_owned();
    let council_comment = str_at(
        &app.add_comment(&councillor, &proposal, None, "We hear you.")
            .await,
        "id",
    )
    .to_owned();

    // Two people, one of them twice: not yet.
    for (who, reason) in [
        (&reporters[0], "OFFENSIVE"),
        (&reporters[0], "SPAM"),
        (&reporters[1], "OFFENSIVE"),
    ] {
        let made = data_at(
            &report(&app, who, &resident_comment, reason).await,
            "reportContent",
        );
        assert_eq!(made["autoHidden"], false);
    }
    assert_eq!(seen(&app, &resident_comment).await.0, false);
    let third = data_at(
        &report(&app, &reporters[2], &resident_comment, "OFFENSIVE").await,
        "reportContent",
    );
    assert_eq!(third["autoHidden"], true);
    assert_eq!(third["reporterCount"], 3);
    assert_eq!(
        seen(&app, &resident_comment).await,
        (json!(true), Value::Null)
    );
    // Every open report on it says so.
    for edge in queue(&app, &clerk).await["edges"].as_array().unwrap() {
        assert_eq!(edge["node"]["autoHidden"], true, "{edge}");
        assert_eq!(edge["node"]["reporterCount"], 3, "{edge}");
    }
    // Audited with no actor; the author is told.
    let entries = app.audit_entries(&clerk).await;
    assert_eq!(
        entries[0],
        (
            "content.hidden".to_owned(),
            Some(resident_comment.clone()),
            None
        )
    );
    let resp = app
        .gql_as(
            &author.token,
            "{ myNotifications(first: 5) { edges { node { kind message(lang: EN) comment { id } } } } }",
            json!({}),
        )
        .await;
    let told = &ok(&resp)["myNotifications"]["edges"][0]["node"];
    assert_eq!(told["kind"], "CONTENT_HIDDEN");
    assert_eq!(told["comment"]["id"], resident_comment.as_str());
    assert!(str_at(told, "message").contains("several people reported it"));

    // The council's words stay, however many report them.
    for who in &reporters {
        data_at(
            &report(&app, who, &council_comment, "OFFENSIVE").await,
            "reportContent",
        );
    }
    assert_eq!(seen(&app, &council_comment).await.0, false);
    let resp = app
        .gql_as(
            &councillor.token,
            "mutation($p: ID!) { respondToProposal(input: { proposalId: $p,
               kind: ACKNOWLEDGEMENT, body: \"Noted.\" }) { id } }",
            json!({ "p": proposal }),
        )
        .await;
    assert_code(&resp, "CONFLICT"); // OPEN proposals take no response; the comment is enough.
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_automatic_hide_is_undone_by_unhiding_or_by_dismissing_the_reports() {
    let app = TestApp::spawn_with(|config| config.auto_hide_reports = 2).await;
    let clerk = app.clerk().await;
    let author = app.resident().await;
    let reporters = app.residents(3).await;
    let forum = app.forum_id("economy-tourism").await;
    let proposal = app
        .open_proposal(&author, &forum, "A tourist office by the harbour")
        .await;
    let unhidden = str_at(
        &app.add_comment(&author, &proposal, None, "First.").await,
        "id",
    )
    .to_owned();
    let dismissed = str_at(
        &app.add_comment(&author, &proposal, None, "Second.").await,
        "id",
    )
    .to_owned();

    // FFORWM_AUTO_HIDE_REPORTS=2: two people are enough.
    data_at(
        &report(&app, &reporters[0], &unhidden, "SPAM").await,
        "reportContent",
    );
    let made = data_at(
        &report(&app, &reporters[1], &unhidden, "SPAM").await,
        "reportContent",
    );
    assert_eq!(made["autoHidden"], true);
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { unhideContent(targetId: $id) }",
            json!({ "id": unhidden }),
        )
        .await;
    assert_eq!(ok(&resp)["unhideContent"], true);
    assert_eq!(seen(&app, &unhidden).await, (json!(false), json!("First.")));
    // A clerk has looked: a third report does not hide it again, and no report says it is hidden.
    let later = data_at(
        &report(&app, &reporters[2], &unhidden, "SPAM").await,
        "reportContent",
    );
    assert_eq!(later["autoHidden"], false);
    assert_eq!(seen(&app, &unhidden).await.0, false);

    let first = data_at(
        &report(&app, &reporters[0], &dismissed, "OFFENSIVE").await,
        "reportContent",
    );
    data_at(
        &report(&app, &reporters[1], &dismissed, "OFFENSIVE").await,
        "reportContent",
    );
    assert_eq!(seen(&app, &dismissed).await.0, true);
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { resolveReport(id: $id, resolution: \"Fair comment.\", dismiss: true) { status autoHidden } }",
            json!({ "id": first["id"] }),
        )
        .await;
    assert_eq!(data_at(&resp, "resolveReport")["status"], "DISMISSED");
    assert_eq!(
        seen(&app, &dismissed).await,
        (json!(false), json!("Second."))
    );
    let entries = app.audit_entries(&clerk).await;
    assert!(
        entries
            .iter()
            .any(|(action, subject, _)| action == "content.unhidden"
                && subject.as_deref() == Some(dismissed.as_str()))
    );
}
