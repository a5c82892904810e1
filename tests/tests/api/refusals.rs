//! Refusals of rules decided where RULES.md is silent (see the README's decisions): clerks do
//! not lock themselves out, hidden content stays as the clerks hid it, measurements are not
//! dated ahead, notification IDs are checked, and a blank optional note is no note.

use fforwm_tests::{TestApp, assert_bad_input, assert_code, content::data_at, ok, str_at};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clerk_cannot_demote_or_suspend_themself() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { setUserRole(userId: $id, role: RESIDENT) { role } }",
            json!({ "id": clerk.user_id }),
        )
        .await;
    assert_code(&resp, "FORBIDDEN");
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { suspendUser(userId: $id, reason: \"oops\") { status } }",
            json!({ "id": clerk.user_id }),
        )
        .await;
    assert_code(&resp, "FORBIDDEN");
    let me = app
        .gql_as(&clerk.token, "{ me { role status } }", json!({}))
        .await;
    assert_eq!(
        ok(&me)["me"],
        json!({ "role": "CLERK", "status": "ACTIVE" })
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hidden_content_cannot_be_rewritten_by_its_author_until_restored() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let resident = app.resident().await;
    let forum = app.forum_id("transport").await;
    let proposal = app
        .open_proposal(&resident, &forum, "Later buses on Sundays")
        .await;
    let comment = app
        .add_comment(&resident, &proposal, None, "My phone number is ...")
        .await;
    let comment = str_at(&comment, "id").to_owned();
    app.submit_to_council(&clerk, &proposal).await;
    let response = app
        .respond(&councillor, &proposal, "ACKNOWLEDGEMENT", None)
        .await;
    for target in [&proposal, &comment, &response] {
        assert!(app.hide(&clerk, target).await);
    }

    let edit_comment = "mutation($id: ID!) { editComment(id: $id, body: \"Edited\") { body } }";
    let delete_comment = "mutation($id: ID!) { deleteComment(id: $id) { deleted } }";
    let edit_response =
        "mutation($id: ID!) { editCouncilResponse(id: $id, body: \"Edited\") { body } }";
    for query in [edit_comment, delete_comment] {
        let resp = app
            .gql_as(&resident.token, query, json!({ "id": comment }))
            .await;
        assert_code(&resp, "FORBIDDEN");
    }
    let resp = app
        .gql_as(&councillor.token, edit_response, json!({ "id": response }))
        .await;
    assert_code(&resp, "FORBIDDEN");

    // What the clerk restores is exactly what was hidden; then the author may edit again.
    assert!(app.unhide(&clerk, &comment).await);
    let resp = app
        .gql_as(
            &resident.token,
            "query($id: ID!) { node(id: $id) { ... on Comment { body hidden } } }",
            json!({ "id": comment }),
        )
        .await;
    assert_eq!(
        ok(&resp)["node"],
        json!({ "body": "My phone number is ...", "hidden": false })
    );
    let resp = app
        .gql_as(&resident.token, edit_comment, json!({ "id": comment }))
        .await;
    assert_eq!(data_at(&resp, "editComment")["body"], "Edited");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hidden_proposal_cannot_be_edited_by_its_author() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let resident = app.resident().await;
    let forum = app.forum_id("environment").await;
    let proposal = app
        .open_proposal(&resident, &forum, "Rain gardens on Stryd y Bont")
        .await;
    assert!(app.hide(&clerk, &proposal).await);
    let resp = app
        .gql_as(
            &resident.token,
            "mutation($id: ID!) { updateProposal(id: $id, expectedVersion: 2, input: { body: \"New\" }) { body } }",
            json!({ "id": proposal }),
        )
        .await;
    assert_code(&resp, "FORBIDDEN");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn measurements_are_not_dated_ahead_and_notification_ids_are_checked() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let strategy = app.create_strategy(&clerk, "Strategaeth 2027").await;
    let objective = app
        .add_objective(&clerk, str_at(&strategy, "id"), "Cleaner rivers", &[])
        .await;
    let indicator = app
        .add_indicator(
            &clerk,
            str_at(&objective, "id"),
            "Bathing water sites",
            "sites",
            None,
            None,
        )
        .await;
    let tomorrow = (chrono::Utc::now().date_naive() + chrono::Days::new(2)).to_string();
    let resp = app
        .try_record_measurement(Some(&clerk), str_at(&indicator, "id"), 3.0, &tomorrow, None)
        .await;
    assert_bad_input(&resp, "recordedOn");

    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }",
            json!({ "ids": [str_at(&strategy, "id")] }),
        )
        .await;
    assert_bad_input(&resp, "ids");
}

/// One rule for every optional note (submitToCouncil, forwardYouthProposal, linkProposal,
/// recordMeasurement, a report's details): a blank one is no note, never a refusal. Required
/// notes (markImplemented, resolveReport) refuse a blank one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blank_optional_note_is_no_note() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let resident = app.resident().await;
    let forum = app.forum_id("transport").await;
    let proposal = app
        .open_proposal(&resident, &forum, "A bench at the bus stop")
        .await;
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { submitToCouncil(id: $id, note: \"   \") {
               status history { note } } }",
            json!({ "id": proposal }),
        )
        .await;
    let submitted = data_at(&resp, "submitToCouncil");
    assert_eq!(submitted["status"], "SUBMITTED", "{resp}");
    let history = submitted["history"].as_array().unwrap();
    assert!(history.last().unwrap()["note"].is_null(), "{resp}");

    let strategy = app.create_strategy(&clerk, "Bus stops").await;
    let objective = app
        .add_objective(&clerk, str_at(&strategy, "id"), "Seats everywhere", &[])
        .await;
    let resp = app
        .try_link(
            Some(&clerk),
            str_at(&objective, "id"),
            &proposal,
            Some(" \n "),
        )
        .await;
    let link = data_at(&resp, "linkProposal");
    assert!(link["note"].is_null(), "{resp}");

    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { markImplemented(id: $id, note: \" \") { status } }",
            json!({ "id": proposal }),
        )
        .await;
    assert_bad_input(&resp, "note");
}

/// A NUL character in any text argument, by variable or written in the document, nested in an
/// input object or not, is refused before anything runs (PostgreSQL cannot store it), naming
/// the field.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_nul_character_in_any_text_is_bad_input() {
    let app = TestApp::spawn().await;
    let ann = app.resident().await;
    let forum = app.forum_id("transport").await;

    let resp = app
        .try_login("ann\u{0}@example.org", "whatever it is")
        .await;
    assert_bad_input(&resp, "email");
    let resp = app
        .gql(
            "query($s: String) { proposals(search: $s) { totalCount } }",
            json!({ "s": "bus\u{0} stop" }),
        )
        .await;
    assert_bad_input(&resp, "search");
    let resp = app
        .gql("{ forum(slug: \"trans\\u0000port\") { id } }", json!({}))
        .await;
    assert_bad_input(&resp, "slug");
    let resp = app
        .gql_as(
            &ann.token,
            "mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }",
            json!({ "input": { "forumId": forum, "title": "A bus\u{0} stop", "body": "Please." } }),
        )
        .await;
    assert_bad_input(&resp, "title");
    let resp = app
        .gql(
            "mutation { register(input: { email: \"nul@example.org\", \
             password: \"a long enough password\", displayName: \"N\\u0000ul\" }) { accessToken } }",
            json!({}),
        )
        .await;
    assert_bad_input(&resp, "displayName");
    // The same check guards live events.
    let mut live = fforwm_tests::live::Live::connect(&app.base_url, None).await;
    live.subscribe(
        "f",
        "subscription($f: ID!) { forumEvents(forumId: $f) { kind } }",
        json!({ "f": format!("{forum}\u{0}") }),
    )
    .await;
    let refused = live.refused("f").await;
    assert_eq!(
        refused["errors"][0]["extensions"]["field"], "forumId",
        "{refused}"
    );
    assert!(
        refused["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("NUL"),
        "{refused}"
    );
    // Nothing was written, and the server is still well.
    let resp = app
        .gql_as(&ann.token, "{ proposals { totalCount } }", json!({}))
        .await;
    assert_eq!(ok(&resp)["proposals"]["totalCount"], 0);
    assert_code(
        &app.try_login("nul@example.org", "a long enough password")
            .await,
        "UNAUTHENTICATED",
    );
}
