//! The HTTP surface: GraphQL over GET and POST, content types, the IDE, request limits, and the
//! operational endpoints.

use fforwm_tests::{TestApp, check_errors, error_code, ok};
use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};

fn content_type(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graphql_over_get_answers_queries_and_refuses_mutations() {
    let app = TestApp::spawn().await;

    let response = app
        .request(Method::GET, "/graphql")
        .query(&[("query", "{ forums(kind: THEMED) { slug } }")])
        .header(header::ACCEPT, "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(ok(&body)["forums"].as_array().unwrap().len(), 6, "{body}");

    // Variables travel as JSON in the query string.
    let response = app
        .request(Method::GET, "/graphql")
        .query(&[
            ("query", "query($s: String!) { forum(slug: $s) { slug } }"),
            ("variables", r#"{"s":"transport"}"#),
        ])
        .send()
        .await
        .unwrap();
    let body: Value = response.json().await.unwrap();
    assert_eq!(ok(&body)["forum"]["slug"], "transport", "{body}");

    // A mutation over GET is refused (GraphQL over HTTP: 405) and does nothing.
    let response = app
        .request(Method::GET, "/graphql")
        .query(&[(
            "query",
            "mutation { register(input: { email: \"get@example.com\", password: \"long enough password\", displayName: \"Get\" }) { accessToken } }",
        )])
        .header(header::ACCEPT, "application/graphql-response+json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let resp = app
        .try_register(json!({ "email": "get@example.com", "password": "long enough password", "displayName": "Get" }))
        .await;
    ok(&resp);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browsers_get_the_ide_and_clients_their_content_type() {
    let app = TestApp::spawn().await;

    let response = app
        .request(Method::GET, "/graphql")
        .header(
            header::ACCEPT,
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        content_type(&response).starts_with("text/html"),
        "{response:?}"
    );
    let html = response.text().await.unwrap().to_lowercase();
    assert!(
        html.contains("<html") && html.contains("graphiql"),
        "{html}"
    );

    for (accept, expected) in [
        (
            "application/graphql-response+json",
            "application/graphql-response+json",
        ),
        ("application/json", "application/json"),
    ] {
        let response = app
            .request(Method::POST, "/graphql")
            .header(header::ACCEPT, accept)
            .json(&json!({ "query": "{ __typename }" }))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(
            content_type(&response).starts_with(expected),
            "Accept {accept}: {response:?}"
        );
        let body: Value = response.json().await.unwrap();
        assert_eq!(ok(&body)["__typename"], "Query");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_and_oversized_bodies_are_refused() {
    let app = TestApp::spawn().await;

    let response = app
        .request(Method::POST, "/graphql")
        .header(header::CONTENT_TYPE, "application/json")
        .body("{\"query\": \"{ __typename }\"")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);

    // Just under 1 MiB passes (the padding is an unused variable)...
    let padded = |size: usize| {
        let body = json!({ "query": "{ __typename }", "variables": { "pad": "" } }).to_string();
        json!({ "query": "{ __typename }", "variables": { "pad": "x".repeat(size - body.len()) } })
            .to_string()
    };
    let body = padded(1_000_000);
    assert_eq!(body.len(), 1_000_000);
    let response = app
        .request(Method::POST, "/graphql")
        .header(header::CONTENT_TYPE, "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(ok(&body)["__typename"], "Query");

    // ...and over it does not.
    let response = app
        .request(Method::POST, "/graphql")
        .header(header::CONTENT_TYPE, "application/json")
        .body(padded(1024 * 1024 + 1024))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batches_up_to_ten_operations() {
    let app = TestApp::spawn().await;
    let batch = |n: usize| -> Vec<Value> {
        (0..n)
            .map(|i| json!({ "query": format!("{{ n{i}: __typename }}") }))
            .collect()
    };

    let response = app
        .request(Method::POST, "/graphql")
        .json(&batch(10))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    let results = body.as_array().unwrap_or_else(|| panic!("{body}"));
    assert_eq!(results.len(), 10);
    for (i, result) in results.iter().enumerate() {
        assert_eq!(ok(result)[format!("n{i}")], "Query");
    }

    let response = app
        .request(Method::POST, "/graphql")
        .json(&batch(11))
        .send()
        .await
        .unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    let answered = serde_json::from_str::<Value>(&text)
        .ok()
        .and_then(|b| b.as_array().cloned())
        .is_some_and(|results| results.iter().any(|r| r["data"].is_object()));
    assert!(
        !answered && (status.is_client_error() || text.contains("errors")),
        "a batch of 11 was answered ({status}): {text}"
    );
    if let Ok(body) = serde_json::from_str::<Value>(&text) {
        check_errors(&body);
    }
}

/// `{ forum(slug: "environment") { youthShadow { shadowOf { youthShadow ... { slug } } } } }`,
/// `depth` levels deep.
fn deep_query(depth: usize) -> String {
    let mut query = String::from("slug");
    for level in (1..depth - 1).rev() {
        let field = if level % 2 == 1 {
            "youthShadow"
        } else {
            "shadowOf"
        };
        query = format!("{field} {{ {query} }}");
    }
    format!("{{ forum(slug: \"environment\") {{ {query} }} }}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deep_queries_and_large_pages_are_refused() {
    let app = TestApp::spawn().await;

    let shallow = app.gql(&deep_query(12), json!({})).await;
    let forum = &ok(&shallow)["forum"];
    assert!(
        forum["youthShadow"]["shadowOf"]["youthShadow"]["shadowOf"].is_object(),
        "{shallow}"
    );

    let deep = app.gql(&deep_query(20), json!({})).await;
    assert!(
        error_code(&deep).is_some(),
        "a depth of 20 was answered: {deep}"
    );
    assert!(deep["data"].is_null(), "{deep}");

    let clerk = app.clerk().await;
    let resp = app
        .gql_as(
            &clerk.token,
            "{ auditLog(first: 101) { totalCount } }",
            json!({}),
        )
        .await;
    fforwm_tests::assert_bad_input(&resp, "first");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_ready_metrics_and_schema() {
    let app = TestApp::spawn().await;
    let get = |path: &'static str| app.request(Method::GET, path).send();

    assert_eq!(get("/health").await.unwrap().status(), StatusCode::OK);
    assert_eq!(get("/ready").await.unwrap().status(), StatusCode::OK);

    // Some traffic, then the request counter shows it.
    ok(&app.gql("{ __typename }", json!({})).await);
    let response = get("/metrics").await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let metrics = response.text().await.unwrap();
    let counter = metrics
        .lines()
        .filter_map(|l| l.strip_prefix("# TYPE "))
        .filter_map(|l| l.strip_suffix(" counter"))
        .find(|name| name.contains("request"))
        .unwrap_or_else(|| panic!("no request counter in /metrics:\n{metrics}"));
    let total: f64 = metrics
        .lines()
        .filter(|l| l.starts_with(counter) && !l.starts_with('#'))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<f64>().ok())
        .sum();
    assert!(total >= 1.0, "{counter} counted nothing:\n{metrics}");

    let response = get("/schema.graphql").await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let sdl = response.text().await.unwrap();
    for expected in [
        "type Query",
        "type Mutation",
        "register(input: RegisterInput!): AuthPayload!",
        "interface Node",
    ] {
        assert!(sdl.contains(expected), "SDL lacks {expected}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn production_hides_introspection_the_ide_and_suggestions() {
    let app = TestApp::spawn_with(|config| config.environment = api::Environment::Production).await;

    // Ordinary queries work.
    let resp = app.gql("{ forums { slug } }", json!({})).await;
    assert_eq!(ok(&resp)["forums"].as_array().unwrap().len(), 12);

    // Refused or answered with null: either way, nothing about the schema.
    let resp = app
        .gql(
            "{ __schema { types { name } } __type(name: \"Forum\") { name } }",
            json!({}),
        )
        .await;
    assert!(
        resp["data"]["__schema"].is_null(),
        "introspection answered: {resp}"
    );
    assert!(
        resp["data"]["__type"].is_null(),
        "introspection answered: {resp}"
    );

    let resp = app.gql("{ forumz { slug } }", json!({})).await;
    assert!(error_code(&resp).is_some(), "{resp}");
    assert!(
        !resp.to_string().to_lowercase().contains("did you mean"),
        "suggestion given: {resp}"
    );

    let response = app
        .request(Method::GET, "/graphql")
        .header(header::ACCEPT, "text/html")
        .send()
        .await
        .unwrap();
    let is_ide = content_type(&response).starts_with("text/html")
        && response
            .text()
            .await
            .unwrap()
            .to_lowercase()
            .contains("graphiql");
    assert!(!is_ide, "the IDE is served in production");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_short_signing_key_is_refused_at_start_up() {
    let result = TestApp::try_spawn_with(|config| {
        config.jwt_secret = Some("too-short-a-secret".to_string());
    })
    .await;
    let error = result
        .err()
        .expect("the server started with an 18-byte key");
    assert!(
        error.contains("32"),
        "the message should say what is needed: {error}"
    );
}
