//! The account holder's own data: exportMyData gives all of it; deleteMyAccount removes the
//! person and keeps the civic record, authored by no one.

use fforwm_tests::{PASSWORD, TestApp, assert_code, content::data_at, ok, str_at};
use serde_json::{Value, json};

const EXPORT: &str = "mutation { exportMyData }";
const DELETE: &str = "mutation($p: String!) { deleteMyAccount(password: $p) }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_holds_everything_of_theirs_and_nothing_of_anyone_else() {
    let app = TestApp::spawn().await;
    let ann = app.resident().await;
    let bob = app.resident().await;
    let forum = app.forum_id("transport").await;
    let published = app
        .open_proposal(&ann, &forum, "A bus shelter at Heol Fawr")
        .await;
    let draft = app
        .create_proposal(&ann, &forum, "A draft about cycle racks")
        .await;
    let bobs = app
        .open_proposal(&bob, &forum, "Bob's zebra crossing")
        .await;
    app.support(&ann, &bobs).await;
    app.add_comment(&ann, &bobs, None, "Yes please, for the school run")
        .await;
    app.add_comment(&bob, &published, None, "Bob's own comment")
        .await;

    let resp = app.gql_as(&ann.token, EXPORT, json!({})).await;
    let document: Value =
        serde_json::from_str(ok(&resp)["exportMyData"].as_str().unwrap()).unwrap();
    assert_eq!(document["account"]["id"], ann.user_id.as_str());
    assert_eq!(document["account"]["email"], ann.email.as_str());
    let titles: Vec<&str> = document["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        ["A bus shelter at Heol Fawr", "A draft about cycle racks"]
    );
    assert_eq!(document["proposals"][1]["id"], str_at(&draft, "id"));
    assert_eq!(document["supports"][0]["proposalId"], bobs.as_str());
    assert_eq!(document["comments"].as_array().unwrap().len(), 1);
    let text = document.to_string();
    assert!(
        !text.contains("Bob's own comment") && !text.contains(&bob.email),
        "{text}"
    );

    assert_code(&app.gql(EXPORT, json!({})).await, "UNAUTHENTICATED");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_an_account_removes_the_person_and_keeps_the_record() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let ann = app.resident().await;
    let bob = app.resident().await;
    let forum = app.forum_id("environment").await;
    let proposal = app
        .open_proposal(&ann, &forum, "Wildflower verges on the bypass")
        .await;
    app.support(
        &ann,
        &app.open_proposal(&bob, &forum, "Litter picks each month")
            .await,
    )
    .await;

    // The password is checked first; a wrong one changes nothing.
    assert_code(
        &app.gql_as(&ann.token, DELETE, json!({ "p": "not my password" }))
            .await,
        "UNAUTHENTICATED",
    );
    let resp = app
        .gql_as(&ann.token, DELETE, json!({ "p": PASSWORD }))
        .await;
    assert_eq!(ok(&resp)["deleteMyAccount"], true);

    // The person is gone: no sign-in, no session, no User, no name on what they wrote.
    assert_code(
        &app.try_login(&ann.email, PASSWORD).await,
        "UNAUTHENTICATED",
    );
    assert_code(
        &app.gql_as(&ann.token, "{ me { id } }", json!({})).await,
        "UNAUTHENTICATED",
    );
    assert_code(
        &app.try_refresh(&ann.refresh_token).await,
        "UNAUTHENTICATED",
    );
    for who in [&bob, &clerk] {
        assert!(app.node_as(Some(who), &ann.user_id).await.is_null());
        let seen = app.proposal_as(Some(who), &proposal).await;
        assert_eq!(seen["title"], "Wildflower verges on the bypass", "{seen}");
        assert!(seen["author"].is_null(), "{seen}");
    }
    // Their support still counts.
    let resp = app
        .gql(
            "query($f: String!) { forum(slug: $f) { proposals(orderBy: MOST_SUPPORTED) { edges { node { supportCount } } } } }",
            json!({ "f": "environment" }),
        )
        .await;
    assert_eq!(
        data_at(&resp, "forum")["proposals"]["edges"][0]["node"]["supportCount"],
        1
    );
    // The email is free again, for a new account.
    let again = app
        .try_register(
            json!({ "email": ann.email, "password": PASSWORD, "displayName": "Ann again" }),
        )
        .await;
    assert!(ok(&again)["register"]["accessToken"].is_string());
}

/// Leaving, exporting and changing one's password belong to every signed-in person, whatever
/// their status: a pending youth applicant can withdraw, a suspended account keeps its rights.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pending_and_suspended_accounts_export_change_password_and_leave() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let pending = app.pending_youth(14).await;
    let suspended = app.resident().await;
    app.suspend(&clerk, &suspended).await;

    for (who, status) in [(&pending, "PENDING"), (&suspended, "SUSPENDED")] {
        let resp = app.gql_as(&who.token, EXPORT, json!({})).await;
        let document: Value =
            serde_json::from_str(ok(&resp)["exportMyData"].as_str().unwrap()).unwrap();
        assert_eq!(document["account"]["email"], who.email.as_str());
        assert_eq!(document["account"]["status"], status);

        let resp = app
            .gql_as(
                &who.token,
                "mutation($c: String!) { changePassword(currentPassword: $c, newPassword: \"a new long password\") }",
                json!({ "c": PASSWORD }),
            )
            .await;
        assert_eq!(ok(&resp)["changePassword"], true, "{status}");
        assert_code(
            &app.try_login(&who.email, PASSWORD).await,
            "UNAUTHENTICATED",
        );
        let again = app.login(&who.email, "a new long password").await;

        let resp = app
            .gql_as(&again.token, DELETE, json!({ "p": "a new long password" }))
            .await;
        assert_eq!(ok(&resp)["deleteMyAccount"], true, "{status}");
        assert_code(
            &app.try_login(&who.email, "a new long password").await,
            "UNAUTHENTICATED",
        );
    }
    // The pending application is gone with its date of birth: the clerk has nothing to approve.
    let resp = app
        .gql_as(
            &clerk.token,
            "{ users(status: PENDING) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(ok(&resp)["users"]["totalCount"], 0);
}
