//! What an operator sees: the request id on every response, and `/metrics`.

use fforwm_tests::{
    PASSWORD, TestApp, error_code,
    live::{FORUM_EVENTS, Live},
    ok,
};
use reqwest::{Method, StatusCode};
use serde_json::json;

fn request_id(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no x-request-id: {response:?}"))
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_its_request_id() {
    let app = TestApp::spawn().await;

    // Made by the server when the client sends none, on any route, refusals included.
    for (method, path) in [
        (Method::GET, "/health"),
        (Method::POST, "/graphql"),
        (Method::GET, "/nowhere"),
    ] {
        let response = app.request(method, path).send().await.unwrap();
        let id = request_id(&response);
        assert_eq!(id.len(), 32, "{path}: {id}");
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{path}: {id}");
    }
    // Kept when it is 1 to 128 of A-Za-z0-9-_. (a load balancer's), replaced otherwise.
    let kept = "lb-7f3a.request_42";
    let response = app
        .request(Method::POST, "/graphql")
        .header("x-request-id", kept)
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(request_id(&response), kept);
    for bad in ["has space", "semi;colon", &"a".repeat(129)] {
        let response = app
            .request(Method::GET, "/health")
            .header("x-request-id", bad)
            .send()
            .await
            .unwrap();
        let id = request_id(&response);
        assert_ne!(id, bad);
        assert_eq!(id.len(), 32, "{id}");
    }
}

/// The value of the sample `name{labels}` (labels as Prometheus writes them), 0 if absent.
fn sample(metrics: &str, series: &str) -> f64 {
    metrics
        .lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .map_or(0.0, |value| value.trim().parse().unwrap())
}

async fn metrics(app: &TestApp) -> String {
    let response = app.request(Method::GET, "/metrics").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    response.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_operations_errors_throttles_the_pool_and_live_connections() {
    let app = TestApp::spawn_with(|config| config.register_limit_per_address = 1).await;
    let register = |email: &'static str| json!({ "input": { "email": email, "password": PASSWORD, "displayName": "Counted" } });
    let query =
        "mutation Register($input: RegisterInput!) { register(input: $input) { accessToken } }";

    let session = app.gql(query, register("one@example.com")).await;
    ok(&session);
    let refused = app.gql(query, register("two@example.com")).await;
    assert_eq!(error_code(&refused), Some("RATE_LIMITED"), "{refused}");
    let rejected = app.gql("query Broken { nope }", json!({})).await;
    assert_eq!(error_code(&rejected), Some("BAD_USER_INPUT"));

    let resident = app.resident().await;
    let forum = app.forum_id("transport").await;
    let mut live = Live::connect(&app.base_url, Some(&resident.token)).await;
    live.subscribe("f", FORUM_EVENTS, json!({ "forumId": forum }))
        .await;

    let text = metrics(&app).await;
    for (series, expected) in [
        (
            r#"fforwm_graphql_operations_total{operation="Register",outcome="ok"}"#,
            1.0,
        ),
        (
            r#"fforwm_graphql_operations_total{operation="Register",outcome="errors"}"#,
            1.0,
        ),
        (
            r#"fforwm_graphql_operations_total{operation="-",outcome="rejected"}"#,
            1.0,
        ),
        (r#"fforwm_graphql_errors_total{code="RATE_LIMITED"}"#, 1.0),
        (r#"fforwm_graphql_errors_total{code="BAD_USER_INPUT"}"#, 1.0),
        ("fforwm_throttle_refusals_total", 1.0),
        ("fforwm_live_connections", 1.0),
        ("fforwm_live_operations", 1.0),
        (
            r#"fforwm_graphql_operation_duration_seconds_count{operation="Register"}"#,
            2.0,
        ),
    ] {
        assert_eq!(sample(&text, series), expected, "{series} in\n{text}");
    }
    // The second Register came from the cache of validated documents.
    assert!(
        sample(
            &text,
            r#"fforwm_graphql_document_cache_total{result="hit"}"#
        ) >= 1.0,
        "{text}"
    );
    assert!(
        sample(&text, r#"fforwm_db_pool_connections{state="idle"}"#)
            + sample(&text, r#"fforwm_db_pool_connections{state="in_use"}"#)
            >= 1.0,
        "{text}"
    );

    live.close().await;
    let text = metrics(&app).await;
    assert_eq!(sample(&text, "fforwm_live_connections"), 0.0, "{text}");
    assert_eq!(sample(&text, "fforwm_live_operations"), 0.0, "{text}");
}
