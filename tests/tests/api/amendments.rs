//! Amendments (issue 13): proposing a new text for someone else's OPEN proposal, the author's
//! accept (under the optimistic version check) or reject, withdrawal, notifications, co-authors,
//! visibility and the youth identity rule, and the amender's export.

use fforwm_tests::{
    Session, TestApp, assert_bad_input, assert_code,
    content::{data_at, node_ids},
    ok, str_at,
};
use serde_json::{Value, json};

const AMENDMENT_FIELDS: &str = "id title body reason status rejectionReason authorRole
    author { id } proposal { id } createdAt decidedAt";

async fn try_propose(
    app: &TestApp,
    who: Option<&Session>,
    proposal: &str,
    title: &str,
    reason: Option<&str>,
) -> Value {
    app.gql_opt(
        who,
        &format!(
            "mutation($p: ID!, $t: String!, $r: String) {{
               proposeAmendment(proposalId: $p, title: $t, body: \"A clearer text for all.\", reason: $r) {{ {AMENDMENT_FIELDS} }} }}"
        ),
        json!({ "p": proposal, "t": title, "r": reason }),
    )
    .await
}

async fn propose(app: &TestApp, who: &Session, proposal: &str, title: &str) -> String {
    let resp = try_propose(app, Some(who), proposal, title, Some("Easier to read.")).await;
    let amendment = data_at(&resp, "proposeAmendment");
    assert_eq!(amendment["status"], "PENDING");
    str_at(&amendment, "id").to_owned()
}

async fn accept(app: &TestApp, who: &Session, id: &str, version: i64) -> Value {
    app.gql_as(
        &who.token,
        "mutation($id: ID!, $v: Int!) { acceptAmendment(id: $id, expectedVersion: $v) {
           id title body version history { to } coAuthors { id } } }",
        json!({ "id": id, "v": version }),
    )
    .await
}

async fn decide(app: &TestApp, who: Option<&Session>, field: &str, id: &str) -> Value {
    let args = if field == "rejectAmendment" {
        ", reason: \"Out of scope.\""
    } else {
        ""
    };
    app.gql_opt(
        who,
        &format!("mutation($id: ID!) {{ {field}(id: $id{args}) {{ {AMENDMENT_FIELDS} }} }}"),
        json!({ "id": id }),
    )
    .await
}

async fn notifications(app: &TestApp, who: &Session) -> Vec<Value> {
    let resp = app
        .gql_as(
            &who.token,
            "{ myNotifications(first: 20) { edges { node { kind message(lang: EN) amendment { id status } proposal { id } } } } }",
            json!({}),
        )
        .await;
    ok(&resp)["myNotifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"].clone())
        .filter(|n| {
            n["kind"]
                .as_str()
                .is_some_and(|k| k.starts_with("AMENDMENT"))
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_accepted_amendment_replaces_the_text_and_makes_a_co_author() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let author = app.resident().await;
    let amender = app.resident().await;
    let forum = app.forum_id("transport").await;
    let proposal = app
        .open_proposal(&author, &forum, "A cycle lane on High Street")
        .await;
    let id = propose(
        &app,
        &amender,
        &proposal,
        "A protected cycle lane on High Street",
    )
    .await;

    let told = notifications(&app, &author).await;
    assert_eq!(told.len(), 1);
    assert_eq!(told[0]["kind"], "AMENDMENT_PROPOSED");
    assert_eq!(told[0]["amendment"]["id"], id.as_str());
    assert!(str_at(&told[0], "message").contains("A cycle lane on High Street"));

    // A stale version changes nothing.
    let before = app.proposal_as(Some(&author), &proposal).await;
    let version = before["version"].as_i64().unwrap();
    assert_code(&accept(&app, &author, &id, version - 1).await, "CONFLICT");
    assert_eq!(app.proposal_as(Some(&author), &proposal).await, before);
    // Only the proposal's author accepts.
    assert_code(&accept(&app, &amender, &id, version).await, "FORBIDDEN");
    assert_code(&accept(&app, &clerk, &id, version).await, "FORBIDDEN");

    let resp = accept(&app, &author, &id, version).await;
    let accepted = data_at(&resp, "acceptAmendment");
    assert_eq!(accepted["title"], "A protected cycle lane on High Street");
    assert_eq!(accepted["body"], "A clearer text for all.");
    assert_eq!(accepted["version"], version + 1);
    // The text changed, not the status: history holds status changes only.
    assert_eq!(
        accepted["history"],
        json!([{ "to": "DRAFT" }, { "to": "OPEN" }])
    );
    assert_eq!(before["history"].as_array().unwrap().len(), 2);
    assert_eq!(accepted["coAuthors"], json!([{ "id": amender.user_id }]));
    let entries = app.audit_entries(&clerk).await;
    assert_eq!(
        entries[0],
        (
            "proposal.amended".to_owned(),
            Some(proposal.clone()),
            Some(author.user_id.clone())
        )
    );
    let told = notifications(&app, &amender).await;
    assert_eq!(told[0]["kind"], "AMENDMENT_DECIDED");
    assert_eq!(
        told[0]["amendment"],
        json!({ "id": id, "status": "ACCEPTED" })
    );
    assert!(str_at(&told[0], "message").contains("co-author"));
    // Decided once.
    assert_code(&accept(&app, &author, &id, version + 1).await, "CONFLICT");
    assert_code(
        &decide(&app, Some(&author), "rejectAmendment", &id).await,
        "CONFLICT",
    );

    let resp = app
        .gql(
            "query($id: ID!) { proposal(id: $id) {
               all: amendments { id }
               accepted: amendments(status: [ACCEPTED]) { id decidedAt }
               pending: amendments(status: [PENDING]) { id } } }",
            json!({ "id": proposal }),
        )
        .await;
    let found = &ok(&resp)["proposal"];
    assert_eq!(found["all"], json!([{ "id": id }]));
    assert!(found["accepted"][0]["decidedAt"].is_string());
    assert_eq!(found["pending"], json!([]));

    // The amender's export holds it.
    let resp = app
        .gql_as(&amender.token, "mutation { exportMyData }", json!({}))
        .await;
    let export: Value = serde_json::from_str(ok(&resp)["exportMyData"].as_str().unwrap()).unwrap();
    assert_eq!(export["amendments"][0]["id"], id.as_str());
    assert_eq!(export["amendments"][0]["status"], "ACCEPTED");
    assert_eq!(export["amendments"][0]["proposalId"], proposal.as_str());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn amendments_are_refused_where_the_rules_say() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let author = app.resident().await;
    let amender = app.resident().await;
    let other = app.resident().await;
    let councillor = app.councillor().await;
    let pending = app.pending_youth(16).await;
    let forum = app.forum_id("environment").await;
    let proposal = app
        .open_proposal(&author, &forum, "Water refill stations")
        .await;
    let title = "Free water refill stations";

    assert_code(
        &try_propose(&app, None, &proposal, title, None).await,
        "UNAUTHENTICATED",
    );
    for who in [&pending, &councillor, &clerk, &author] {
        assert_code(
            &try_propose(&app, Some(who), &proposal, title, None).await,
            "FORBIDDEN",
        );
    }
    assert_bad_input(
        &try_propose(&app, Some(&amender), &proposal, "Tiny", None).await,
        "title",
    );
    let long = "x".repeat(2_001);
    assert_bad_input(
        &try_propose(&app, Some(&amender), &proposal, title, Some(&long)).await,
        "reason",
    );
    assert_bad_input(
        &try_propose(&app, Some(&amender), "nonsense", title, None).await,
        "proposalId",
    );
    let draft = str_at(
        &app.create_proposal(&author, &forum, "A draft of mine")
            .await,
        "id",
    )
    .to_owned();
    assert_code(
        &try_propose(&app, Some(&amender), &draft, title, None).await,
        "NOT_FOUND",
    );

    // One pending amendment per person per proposal.
    let first = propose(&app, &amender, &proposal, title).await;
    assert_code(
        &try_propose(&app, Some(&amender), &proposal, title, None).await,
        "CONFLICT",
    );
    // Withdrawing: its author only, while pending; then a new one may follow.
    assert_code(
        &decide(&app, Some(&other), "withdrawAmendment", &first).await,
        "FORBIDDEN",
    );
    let withdrawn = data_at(
        &decide(&app, Some(&amender), "withdrawAmendment", &first).await,
        "withdrawAmendment",
    );
    assert_eq!(withdrawn["status"], "WITHDRAWN");
    assert!(withdrawn["decidedAt"].is_string());
    assert_code(
        &decide(&app, Some(&amender), "withdrawAmendment", &first).await,
        "CONFLICT",
    );
    let second = propose(&app, &amender, &proposal, title).await;

    // Rejecting: the proposal's author or a clerk.
    assert_code(
        &decide(&app, Some(&other), "rejectAmendment", &second).await,
        "FORBIDDEN",
    );
    let rejected = data_at(
        &decide(&app, Some(&clerk), "rejectAmendment", &second).await,
        "rejectAmendment",
    );
    assert_eq!(rejected["status"], "REJECTED");
    assert_eq!(rejected["rejectionReason"], "Out of scope.");
    let told = notifications(&app, &amender).await;
    assert_eq!(told[0]["amendment"]["status"], "REJECTED");
    assert!(str_at(&told[0], "message").contains("not accepted"));

    // A proposal that has left OPEN takes none and accepts none.
    let third = propose(&app, &other, &proposal, title).await;
    let version = app.proposal_as(Some(&author), &proposal).await["version"]
        .as_i64()
        .unwrap();
    app.submit_to_council(&clerk, &proposal).await;
    assert_code(
        &try_propose(&app, Some(&amender), &proposal, title, None).await,
        "CONFLICT",
    );
    assert_code(&accept(&app, &author, &third, version).await, "CONFLICT");
    // Its author may still decline it.
    let declined = data_at(
        &decide(&app, Some(&author), "rejectAmendment", &third).await,
        "rejectAmendment",
    );
    assert_eq!(declined["status"], "REJECTED");
    assert_code(
        &decide(&app, Some(&amender), "withdrawAmendment", "bad-id").await,
        "NOT_FOUND",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn amendments_follow_their_proposals_visibility_and_the_youth_identity_rule() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let youth = app.active_youth(&clerk).await;
    let other_youth = app.active_youth(&clerk).await;
    let resident = app.resident().await;
    let councillor = app.councillor().await;
    let youth_forum = app.forum_id("youth-transport").await;
    let youth_proposal = app
        .open_proposal(&youth, &youth_forum, "Cheaper bus passes for students")
        .await;
    let hidden = propose(
        &app,
        &other_youth,
        &youth_proposal,
        "Free bus passes for students",
    )
    .await;

    // Outside the youth circle it does not exist.
    for who in [None, Some(&resident)] {
        assert!(app.node_as(who, &hidden).await.is_null());
    }
    assert_code(
        &try_propose(
            &app,
            Some(&resident),
            &youth_proposal,
            "Some other words",
            None,
        )
        .await,
        "NOT_FOUND",
    );
    assert_code(
        &decide(&app, Some(&resident), "withdrawAmendment", &hidden).await,
        "NOT_FOUND",
    );
    assert_code(&accept(&app, &resident, &hidden, 1).await, "NOT_FOUND");
    let node = app.node_as(Some(&councillor), &hidden).await;
    assert_eq!(node["__typename"], "Amendment");

    // A youth member amending a resident's proposal: their name stays in the youth circle.
    let themed = app.forum_id("transport").await;
    let proposal = app
        .open_proposal(&resident, &themed, "Bus shelters with seats")
        .await;
    let id = propose(
        &app,
        &youth,
        &proposal,
        "Bus shelters with seats and lights",
    )
    .await;
    let version = app.proposal_as(Some(&resident), &proposal).await["version"]
        .as_i64()
        .unwrap();
    let accepted = data_at(
        &accept(&app, &resident, &id, version).await,
        "acceptAmendment",
    );
    // The resident does not know who it was.
    assert_eq!(accepted["coAuthors"], json!([]));
    let query = "query($id: ID!) { proposal(id: $id) { coAuthors { id }
        amendments { authorRole author { id } } } }";
    let resp = app
        .gql_as(&resident.token, query, json!({ "id": proposal }))
        .await;
    assert_eq!(
        ok(&resp)["proposal"]["amendments"],
        json!([{ "authorRole": "YOUTH", "author": null }])
    );
    for who in [&councillor, &other_youth] {
        let resp = app
            .gql_as(&who.token, query, json!({ "id": proposal }))
            .await;
        let found = &ok(&resp)["proposal"];
        assert_eq!(found["coAuthors"], json!([{ "id": youth.user_id }]));
        assert_eq!(
            found["amendments"][0]["author"]["id"],
            youth.user_id.as_str()
        );
    }
    let resp = app
        .gql_as(
            &resident.token,
            "{ myNotifications { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert!(!node_ids(&ok(&resp)["myNotifications"]).is_empty());
}
