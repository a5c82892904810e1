//! Faults: a request past its time limit, and the database going away and coming back.

use std::time::Duration;

use fforwm_tests::{
    TestApp, check_errors, error_code,
    live::{FORUM_EVENTS, Live, on_postgres},
    ok,
    proxy::{TcpProxy, authority},
};
use reqwest::{Method, StatusCode};
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde_json::{Value, json};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_past_its_time_limit_is_stopped_with_a_clear_error() {
    let app = TestApp::spawn_with(|config| config.request_timeout_secs = 1).await;

    // Another writer holds the database, so a registration waits.
    let writer = app.db.begin().await.unwrap();
    let hold = if on_postgres() {
        "LOCK TABLE users IN EXCLUSIVE MODE"
    } else {
        "UPDATE forums SET slug = slug"
    };
    writer.execute_unprepared(hold).await.unwrap();
    let register = json!({
        "query": "mutation($input: RegisterInput!) { register(input: $input) { accessToken } }",
        "variables": { "input": {
            "email": "late@example.com", "password": fforwm_tests::PASSWORD, "displayName": "Late",
        } },
    });
    let response = app
        .request(Method::POST, "/graphql")
        .json(&register)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: Value = response.json().await.unwrap();
    check_errors(&body);
    assert_eq!(error_code(&body), Some("INTERNAL_SERVER_ERROR"), "{body}");
    assert_eq!(
        body["errors"][0]["message"],
        "The request took longer than 1 second and was stopped. Try again later.",
    );
    writer.rollback().await.unwrap();

    // Nothing of it was kept: the same registration is now made (not a CONFLICT).
    app.register("late@example.com", "Late").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_database_goes_away_and_comes_back() {
    if !on_postgres() {
        return; // SQLite is a file of the server's own.
    }
    let admin_url = std::env::var("FFORWM_TEST_POSTGRES").unwrap();
    let proxy = TcpProxy::start(&authority(&admin_url)).await;
    let app =
        TestApp::spawn_with(|config| config.database_url = proxy.route(&config.database_url)).await;
    let alice = app.resident().await;
    let bob = app.resident().await;
    let forum = app.forum_id("transport").await;
    let mut live = Live::connect(&app.base_url, Some(&bob.token)).await;
    live.subscribe("f", FORUM_EVENTS, json!({ "forumId": forum }))
        .await;
    app.open_proposal(&alice, &forum, "Before the outage").await;
    live.next_event("f", "forumEvents").await;

    proxy.cut();
    // Requests fail, saying nothing of why; readiness says so too.
    let body = app.gql_as(&alice.token, "{ me { id } }", json!({})).await;
    assert_eq!(error_code(&body), Some("INTERNAL_SERVER_ERROR"), "{body}");
    assert_eq!(body["errors"][0]["message"], "Internal error.", "{body}");
    let ready = app.request(Method::GET, "/ready").send().await.unwrap();
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        app.request(Method::GET, "/health")
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK,
        "the process is still up"
    );

    // Back by itself once the database is.
    proxy.restore();
    let mut ready = false;
    for _ in 0..60 {
        let status = app
            .request(Method::GET, "/ready")
            .send()
            .await
            .unwrap()
            .status();
        if status == StatusCode::OK {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(
        ready,
        "/ready stayed unavailable after the database came back"
    );
    let body = app.gql_as(&alice.token, "{ me { id } }", json!({})).await;
    assert_eq!(ok(&body)["me"]["id"], alice.user_id.as_str());

    // The subscription lived through it, and events reach it again once the server listens
    // again (events while it did not are not replayed).
    let mut heard = None;
    for i in 0..30 {
        app.open_proposal(&alice, &forum, &format!("After the outage {i}"))
            .await;
        heard = live.message_for("f", Duration::from_secs(1)).await;
        if heard.is_some() {
            break;
        }
    }
    let heard = heard.expect("no event after the database came back");
    assert_eq!(
        heard["payload"]["data"]["forumEvents"]["kind"], "PUBLISHED",
        "{heard}"
    );
}
