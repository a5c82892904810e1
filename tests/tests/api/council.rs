//! The council answers: respondToProposal (each kind, the status moves it makes, every refusal),
//! editCouncilResponse keeping its revisions, and the two-way conversation on a response.

use fforwm_tests::{
    Session, TestApp, assert_bad_input, assert_code,
    content::{COMMENT_FIELDS, data_at, node_ids},
    ok, str_at,
};
use serde_json::{Value, json};

const RESPONSE_FIELDS: &str = "id kind decision body createdAt editedAt revisions
    author { id role } proposal { id status decidedAt version }";

/// `respondToProposal` as `who`; returns the whole response.
async fn try_respond(
    app: &TestApp,
    who: Option<&Session>,
    proposal_id: &str,
    kind: &str,
    decision: Option<&str>,
    body: &str,
) -> Value {
    app.gql_opt(
        who,
        &format!(
            "mutation($input: RespondInput!) {{ respondToProposal(input: $input) {{ {RESPONSE_FIELDS} }} }}"
        ),
        json!({ "input": {
            "proposalId": proposal_id, "kind": kind, "decision": decision, "body": body,
        } }),
    )
    .await
}

/// A response that must work; returns the CouncilResponse.
async fn respond(
    app: &TestApp,
    who: &Session,
    proposal_id: &str,
    kind: &str,
    decision: Option<&str>,
) -> Value {
    let body = format!("The council's {kind} on this proposal.");
    let resp = try_respond(app, Some(who), proposal_id, kind, decision, &body).await;
    let response = data_at(&resp, "respondToProposal");
    assert_eq!(response["kind"], kind, "{resp}");
    assert_eq!(response["decision"], json!(decision), "{resp}");
    assert_eq!(response["body"], body.as_str(), "{resp}");
    assert_eq!(response["author"]["id"], who.user_id.as_str(), "{resp}");
    assert_eq!(response["proposal"]["id"], proposal_id, "{resp}");
    response
}

async fn try_edit(app: &TestApp, who: Option<&Session>, id: &str, body: &str) -> Value {
    app.gql_opt(
        who,
        &format!(
            "mutation($id: ID!, $body: String!) {{ editCouncilResponse(id: $id, body: $body) {{ {RESPONSE_FIELDS} }} }}"
        ),
        json!({ "id": id, "body": body }),
    )
    .await
}

/// The proposal with its responses and history, as `who` sees it.
async fn with_responses(app: &TestApp, who: Option<&Session>, id: &str) -> Value {
    let resp = app
        .gql_opt(
            who,
            "query($id: ID!) { proposal(id: $id) { id status decidedAt
                 councilResponses { id kind decision body author { id } editedAt revisions }
                 history { from to actorRole note } } }",
            json!({ "id": id }),
        )
        .await;
    data_at(&resp, "proposal")
}

/// An OPEN proposal by `author`, sent to the council by `clerk`: SUBMITTED.
async fn submitted(app: &TestApp, clerk: &Session, author: &Session, title: &str) -> String {
    let forum = app.forum_id("transport").await;
    let id = app.open_proposal(author, &forum, title).await;
    assert_eq!(
        app.submit_to_council(clerk, &id).await["status"],
        "SUBMITTED"
    );
    id
}

fn kinds(responses: &Value) -> Vec<(String, Value)> {
    responses
        .as_array()
        .unwrap_or_else(|| panic!("not a list: {responses}"))
        .iter()
        .map(|r| (str_at(r, "kind").to_owned(), r["decision"].clone()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_kind_moves_the_proposal_as_the_rules_say() {
    let app = TestApp::spawn().await;
    let (clerk, councillor, alice) = (
        app.clerk().await,
        app.councillor().await,
        app.resident().await,
    );
    let id = submitted(&app, &clerk, &alice, "A bus shelter at Sgwâr y Farchnad").await;

    // The first non-decision response puts it UNDER_REVIEW; later ones leave it there.
    let ack = respond(&app, &councillor, &id, "ACKNOWLEDGEMENT", None).await;
    assert_eq!(ack["proposal"]["status"], "UNDER_REVIEW", "{ack}");
    assert!(ack["proposal"]["decidedAt"].is_null(), "{ack}");
    assert_eq!(ack["author"]["role"], "COUNCILLOR");
    assert!(ack["editedAt"].is_null());
    assert_eq!(ack["revisions"], json!([]));
    let question = respond(&app, &clerk, &id, "QUESTION", None).await;
    assert_eq!(question["proposal"]["status"], "UNDER_REVIEW");
    assert_eq!(question["author"]["role"], "CLERK");
    let update = respond(&app, &councillor, &id, "UPDATE", None).await;
    assert_eq!(update["proposal"]["status"], "UNDER_REVIEW");

    // A decision decides it; DEFERRED may be decided again.
    let deferred = respond(&app, &councillor, &id, "DECISION", Some("DEFERRED")).await;
    assert_eq!(deferred["proposal"]["status"], "DEFERRED");
    let first_decided = str_at(&deferred["proposal"], "decidedAt").to_owned();
    let accepted = respond(&app, &councillor, &id, "DECISION", Some("ACCEPTED")).await;
    assert_eq!(accepted["proposal"]["status"], "ACCEPTED");
    assert!(accepted["proposal"]["decidedAt"].is_string(), "{accepted}");
    assert!(str_at(&accepted["proposal"], "decidedAt") >= first_decided.as_str());

    // A decided proposal still takes news, but no second decision.
    let news = respond(&app, &councillor, &id, "ACKNOWLEDGEMENT", None).await;
    assert_eq!(news["proposal"]["status"], "ACCEPTED");
    for decision in ["ACCEPTED", "REJECTED", "DEFERRED"] {
        let resp = try_respond(
            &app,
            Some(&councillor),
            &id,
            "DECISION",
            Some(decision),
            "Again.",
        )
        .await;
        assert_code(&resp, "CONFLICT");
    }

    // The clerk marks it done.
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { markImplemented(id: $id, note: \"Built in March.\") { status } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(data_at(&resp, "markImplemented")["status"], "IMPLEMENTED");

    let proposal = with_responses(&app, None, &id).await;
    assert_eq!(
        kinds(&proposal["councilResponses"]),
        vec![
            ("ACKNOWLEDGEMENT".to_owned(), Value::Null),
            ("QUESTION".to_owned(), Value::Null),
            ("UPDATE".to_owned(), Value::Null),
            ("DECISION".to_owned(), json!("DEFERRED")),
            ("DECISION".to_owned(), json!("ACCEPTED")),
            ("ACKNOWLEDGEMENT".to_owned(), Value::Null),
        ],
        "oldest first, and the refused decisions left nothing: {proposal}"
    );
    let authors: Vec<&str> = proposal["councilResponses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| str_at(&r["author"], "id"))
        .collect();
    let (c, k) = (councillor.user_id.as_str(), clerk.user_id.as_str());
    assert_eq!(authors, vec![c, k, c, c, c, c]);
    assert!(proposal["decidedAt"].is_string());

    let history: Vec<(Value, Value, Value)> = proposal["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["from"].clone(), h["to"].clone(), h["actorRole"].clone()))
        .collect();
    let tail: Vec<_> = history[history.len() - 4..].to_vec();
    assert_eq!(
        tail,
        vec![
            (
                json!("SUBMITTED"),
                json!("UNDER_REVIEW"),
                json!("COUNCILLOR")
            ),
            (
                json!("UNDER_REVIEW"),
                json!("DEFERRED"),
                json!("COUNCILLOR")
            ),
            (json!("DEFERRED"), json!("ACCEPTED"), json!("COUNCILLOR")),
            (json!("ACCEPTED"), json!("IMPLEMENTED"), json!("CLERK")),
        ],
        "{proposal}"
    );

    // A decision may come straight from SUBMITTED, by a clerk too; a REJECTED one is final.
    let other = submitted(&app, &clerk, &alice, "Twenty's plenty on Stryd Fawr").await;
    let rejected = respond(&app, &clerk, &other, "DECISION", Some("REJECTED")).await;
    assert_eq!(rejected["proposal"]["status"], "REJECTED");
    assert!(rejected["proposal"]["decidedAt"].is_string());
    let resp = try_respond(
        &app,
        Some(&clerk),
        &other,
        "DECISION",
        Some("ACCEPTED"),
        "No.",
    )
    .await;
    assert_code(&resp, "CONFLICT");
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { markImplemented(id: $id, note: \"n\") { status } }",
            json!({ "id": other }),
        )
        .await;
    assert_code(&resp, "CONFLICT");
    let question = respond(&app, &councillor, &other, "QUESTION", None).await;
    assert_eq!(question["proposal"]["status"], "REJECTED");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_proposals_with_the_council_are_answered() {
    let app = TestApp::spawn().await;
    let (clerk, councillor, alice) = (
        app.clerk().await,
        app.councillor().await,
        app.resident().await,
    );
    let forum = app.forum_id("environment").await;
    let open = app
        .open_proposal(&alice, &forum, "Wildflowers on the verges")
        .await;
    for (kind, decision) in [
        ("ACKNOWLEDGEMENT", None),
        ("QUESTION", None),
        ("UPDATE", None),
        ("DECISION", Some("ACCEPTED")),
    ] {
        let resp = try_respond(&app, Some(&councillor), &open, kind, decision, "Too soon.").await;
        assert_code(&resp, "CONFLICT");
    }
    let proposal = with_responses(&app, None, &open).await;
    assert_eq!(proposal["status"], "OPEN");
    assert_eq!(proposal["councilResponses"], json!([]));

    // A draft is seen by its author only: to the council it does not exist.
    let draft = app
        .create_proposal(&alice, &forum, "A draft about compost")
        .await;
    let draft = str_at(&draft, "id");
    for who in [&councillor, &clerk] {
        let resp = try_respond(&app, Some(who), draft, "ACKNOWLEDGEMENT", None, "Hello.").await;
        assert_code(&resp, "NOT_FOUND");
    }
    // So is an id of another kind, or none at all.
    let resp = try_respond(
        &app,
        Some(&councillor),
        &forum,
        "ACKNOWLEDGEMENT",
        None,
        "Hi.",
    )
    .await;
    assert!(
        matches!(
            fforwm_tests::error_code(&resp),
            Some("NOT_FOUND" | "BAD_USER_INPUT")
        ),
        "{resp}"
    );
    // A withdrawn proposal is over.
    let gone = app.open_proposal(&alice, &forum, "Plant more oaks").await;
    app.proposal_mutation(&alice, "withdrawProposal", &gone)
        .await;
    let resp = try_respond(
        &app,
        Some(&councillor),
        &gone,
        "ACKNOWLEDGEMENT",
        None,
        "Hi.",
    )
    .await;
    assert_code(&resp, "CONFLICT");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_and_the_wrong_people_are_refused() {
    let app = TestApp::spawn().await;
    let (clerk, councillor, alice) = (
        app.clerk().await,
        app.councillor().await,
        app.resident().await,
    );
    let youth = app.active_youth(&clerk).await;
    let pending = app.pending_youth(15).await;
    let id = submitted(&app, &clerk, &alice, "Cycle racks at the station").await;

    let resp = try_respond(&app, Some(&councillor), &id, "DECISION", None, "Decided.").await;
    assert_bad_input(&resp, "decision");
    for kind in ["ACKNOWLEDGEMENT", "QUESTION", "UPDATE"] {
        let resp = try_respond(&app, Some(&councillor), &id, kind, Some("ACCEPTED"), "Hm.").await;
        assert_bad_input(&resp, "decision");
    }
    for body in ["", "   \n\t "] {
        let resp = try_respond(&app, Some(&councillor), &id, "ACKNOWLEDGEMENT", None, body).await;
        assert_bad_input(&resp, "body");
    }
    let long = "a".repeat(5_001);
    let resp = try_respond(&app, Some(&councillor), &id, "UPDATE", None, &long).await;
    assert_bad_input(&resp, "body");
    let resp = try_respond(&app, Some(&councillor), "not-an-id", "UPDATE", None, "Hi.").await;
    assert!(
        matches!(
            fforwm_tests::error_code(&resp),
            Some("NOT_FOUND" | "BAD_USER_INPUT")
        ),
        "{resp}"
    );

    for (who, code) in [
        (Some(&alice), "FORBIDDEN"),
        (Some(&youth), "FORBIDDEN"),
        (Some(&pending), "FORBIDDEN"),
        (None, "UNAUTHENTICATED"),
    ] {
        for (kind, decision) in [("ACKNOWLEDGEMENT", None), ("DECISION", Some("ACCEPTED"))] {
            let resp = try_respond(&app, who, &id, kind, decision, "I decide.").await;
            assert_code(&resp, code);
        }
    }

    // Nothing of that changed anything.
    let proposal = with_responses(&app, Some(&alice), &id).await;
    assert_eq!(proposal["status"], "SUBMITTED", "{proposal}");
    assert_eq!(proposal["councilResponses"], json!([]));
    assert!(proposal["decidedAt"].is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn its_author_edits_a_response_and_the_old_text_is_kept() {
    let app = TestApp::spawn().await;
    let (clerk, councillor, alice) = (
        app.clerk().await,
        app.councillor().await,
        app.resident().await,
    );
    let other_councillor = app.councillor().await;
    let id = submitted(&app, &clerk, &alice, "Resurface the lane to Capel Salem").await;
    let response = respond(&app, &councillor, &id, "UPDATE", None).await;
    let response_id = str_at(&response, "id");
    let original = str_at(&response, "body").to_owned();

    let resp = try_edit(
        &app,
        Some(&councillor),
        response_id,
        "  Work starts in May.  ",
    )
    .await;
    let edited = data_at(&resp, "editCouncilResponse");
    assert_eq!(edited["body"], "Work starts in May.", "trimmed: {resp}");
    assert_eq!(edited["revisions"], json!([original]));
    assert!(edited["editedAt"].is_string(), "{resp}");
    assert_eq!(edited["createdAt"], response["createdAt"]);
    assert_eq!(edited["kind"], "UPDATE");

    let resp = try_edit(&app, Some(&councillor), response_id, "Work starts in June.").await;
    let edited = data_at(&resp, "editCouncilResponse");
    assert_eq!(
        edited["revisions"],
        json!([original, "Work starts in May."]),
        "oldest first"
    );

    for (who, code) in [
        (Some(&other_councillor), "FORBIDDEN"),
        (Some(&clerk), "FORBIDDEN"),
        (Some(&alice), "FORBIDDEN"),
        (None, "UNAUTHENTICATED"),
    ] {
        let resp = try_edit(&app, who, response_id, "Not yours to change.").await;
        assert_code(&resp, code);
    }
    let resp = try_edit(&app, Some(&councillor), response_id, "  ").await;
    assert_bad_input(&resp, "body");

    // Everyone reads the latest text and the trail.
    let proposal = with_responses(&app, None, &id).await;
    let listed = &proposal["councilResponses"][0];
    assert_eq!(listed["body"], "Work starts in June.");
    assert_eq!(
        listed["revisions"],
        json!([original, "Work starts in May."])
    );
    assert!(listed["editedAt"].is_string());
    assert_eq!(proposal["status"], "UNDER_REVIEW", "an edit moves nothing");
}

/// The REPLY_RECEIVED notifications of `who` as `(councilResponse id, comment id)`.
async fn replies_received(app: &TestApp, who: &Session) -> Vec<(Value, Value)> {
    let resp = app
        .gql_as(
            &who.token,
            "{ myNotifications(first: 50) { edges { node { kind councilResponse { id } comment { id } } } } }",
            json!({}),
        )
        .await;
    ok(&resp)["myNotifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .filter(|n| n["kind"] == "REPLY_RECEIVED")
        .map(|n| {
            (
                n["councilResponse"]["id"].clone(),
                n["comment"]["id"].clone(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn residents_answer_back_and_the_conversation_is_kept() {
    let app = TestApp::spawn().await;
    let (clerk, councillor, alice, bob) = (
        app.clerk().await,
        app.councillor().await,
        app.resident().await,
        app.resident().await,
    );
    let id = submitted(&app, &clerk, &alice, "Reopen the footpath by the river").await;
    let question = respond(&app, &councillor, &id, "QUESTION", None).await;
    let response_id = str_at(&question, "id");

    // The resident answers the council's question on the response itself.
    let answer = app
        .add_comment(
            &alice,
            response_id,
            None,
            "It was closed after the 2023 floods.",
        )
        .await;
    let answer_id = str_at(&answer, "id");
    assert_eq!(
        answer["target"]["__typename"], "CouncilResponse",
        "{answer}"
    );
    assert_eq!(answer["target"]["id"], response_id);
    assert_eq!(answer["fromCouncil"], false);
    assert_eq!(answer["authorRole"], "RESIDENT");

    // The councillor replies to her; a clerk joins in.
    let reply = app
        .add_comment(
            &councillor,
            response_id,
            Some(answer_id),
            "Thank you, we will check.",
        )
        .await;
    assert_eq!(reply["fromCouncil"], true, "{reply}");
    assert_eq!(reply["authorRole"], "COUNCILLOR");
    assert_eq!(reply["parent"]["id"], answer_id);
    let note = app
        .add_comment(&clerk, response_id, None, "The survey is booked.")
        .await;
    assert_eq!(note["fromCouncil"], true, "{note}");

    // The response keeps the conversation, for anyone to read.
    let resp = app
        .gql(
            &format!(
                "query($id: ID!) {{ proposal(id: $id) {{ councilResponses {{ id
                   replies(first: 10) {{ totalCount edges {{ node {{ {COMMENT_FIELDS}
                     replies(first: 10) {{ edges {{ node {{ id fromCouncil body }} }} }} }} }} }} }} }} }}"
            ),
            json!({ "id": id }),
        )
        .await;
    let replies = &data_at(&resp, "proposal")["councilResponses"][0]["replies"];
    assert_eq!(
        node_ids(replies),
        vec![answer_id.to_owned(), str_at(&note, "id").to_owned()],
        "{resp}"
    );
    let first = &replies["edges"][0]["node"];
    assert_eq!(first["body"], "It was closed after the 2023 floods.");
    assert_eq!(first["author"]["id"], alice.user_id.as_str());
    assert_eq!(
        first["replies"]["edges"][0]["node"],
        json!({ "id": reply["id"], "fromCouncil": true, "body": "Thank you, we will check." })
    );
    // Bob adds to Alice's answer; Alice answers herself (no notification for that).
    app.add_comment(
        &bob,
        response_id,
        Some(answer_id),
        "Same for the other bank.",
    )
    .await;
    app.add_comment(
        &alice,
        response_id,
        Some(answer_id),
        "And the stile is broken.",
    )
    .await;

    // The response's author heard of the direct answers to the response (Alice's and the
    // clerk's), not of replies to Alice's comment nor of anything of their own.
    let to_councillor = replies_received(&app, &councillor).await;
    let response_json = json!(response_id);
    let mut heard: Vec<Value> = to_councillor
        .iter()
        .map(|(r, c)| {
            assert_eq!(r, &response_json);
            c.clone()
        })
        .collect();
    heard.sort_by_key(ToString::to_string);
    let mut expected = vec![json!(answer_id), note["id"].clone()];
    expected.sort_by_key(ToString::to_string);
    assert_eq!(heard, expected, "{to_councillor:?}");

    // Alice heard the councillor's and Bob's replies to her comment, not her own.
    let to_alice: Vec<Value> = replies_received(&app, &alice)
        .await
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    assert_eq!(to_alice.len(), 2, "{to_alice:?}");
    assert!(to_alice.contains(&reply["id"]), "{to_alice:?}");
    assert!(!to_alice.contains(&json!(answer_id)));

    // The clerk and Bob were answered by no one.
    assert!(replies_received(&app, &clerk).await.is_empty());
    assert!(replies_received(&app, &bob).await.is_empty());
}
