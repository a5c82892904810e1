//! GraphQL over HTTP to the letter: what a request that never ran looks like.

use fforwm_tests::{TestApp, check_errors, error_code, ok};
use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};

async fn post(app: &TestApp, accept: &str, body: Value) -> (StatusCode, Value) {
    let response = app
        .request(Method::POST, "/graphql")
        .header(header::ACCEPT, accept)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let body: Value = response.json().await.unwrap();
    check_errors(&body);
    (status, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_that_does_not_parse_or_validate_has_no_data_entry() {
    let app = TestApp::spawn().await;

    for accept in ["application/graphql-response+json", "application/json"] {
        for query in ["{", "{ noSuchField }", "query($x: Int) { __typename }"] {
            let (status, body) = post(&app, accept, json!({ "query": query })).await;
            assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{query}: {body}");
            assert!(body.get("data").is_none(), "{accept} {query}: {body}");
            let expected = if accept == "application/json" {
                StatusCode::OK
            } else {
                StatusCode::BAD_REQUEST
            };
            assert_eq!(status, expected, "{accept} {query}: {body}");
        }
    }

    // In a batch, each operation on its own terms.
    let (_, body) = post(
        &app,
        "application/json",
        json!([{ "query": "{ __typename }" }, { "query": "{" }]),
    )
    .await;
    assert_eq!(ok(&body[0])["__typename"], "Query", "{body}");
    assert!(body[1].get("data").is_none(), "{body}");
    assert_eq!(error_code(&body[1]), Some("BAD_USER_INPUT"), "{body}");

    // An error while executing keeps its `data`, null here (`unreadNotificationCount` needs a
    // signed-in viewer and cannot be null): execution began.
    let (status, body) = post(
        &app,
        "application/graphql-response+json",
        json!({ "query": "{ unreadNotificationCount }" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(error_code(&body), Some("UNAUTHENTICATED"), "{body}");
    assert!(body.get("data").is_some_and(Value::is_null), "{body}");
}

fn sha256_hex(text: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

fn persisted(hash: &str) -> Value {
    json!({ "persistedQuery": { "version": 1, "sha256Hash": hash } })
}

const FORUMS: &str = "query Forums { forums(kind: THEMED) { slug } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn automatic_persisted_queries() {
    let app = TestApp::spawn().await;
    let hash = sha256_hex(FORUMS);

    // An unknown hash: the client is told to send the query with it.
    for accept in ["application/json", "application/graphql-response+json"] {
        let (_, body) = post(&app, accept, json!({ "extensions": persisted(&hash) })).await;
        assert_eq!(
            error_code(&body),
            Some("PERSISTED_QUERY_NOT_FOUND"),
            "{body}"
        );
        assert_eq!(body["errors"][0]["message"], "PersistedQueryNotFound");
        assert!(body.get("data").is_none(), "{body}");
    }
    // In Welsh too: the message is the protocol's token, not words.
    let response = app
        .request(Method::POST, "/graphql")
        .header(header::ACCEPT_LANGUAGE, "cy")
        .json(&json!({ "extensions": persisted(&hash) }))
        .send()
        .await
        .unwrap();
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["errors"][0]["message"], "PersistedQueryNotFound");

    // A query whose hash is not the one sent is refused, and not stored under it.
    let other = sha256_hex("{ __typename }");
    let (_, body) = post(
        &app,
        "application/json",
        json!({ "query": FORUMS, "extensions": persisted(&other) }),
    )
    .await;
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "query");
    let (_, body) = post(
        &app,
        "application/json",
        json!({ "extensions": persisted(&other) }),
    )
    .await;
    assert_eq!(
        error_code(&body),
        Some("PERSISTED_QUERY_NOT_FOUND"),
        "{body}"
    );

    // The query with its hash runs and is stored; then the hash alone runs it.
    let (_, body) = post(
        &app,
        "application/json",
        json!({ "query": FORUMS, "extensions": persisted(&hash) }),
    )
    .await;
    assert_eq!(ok(&body)["forums"].as_array().unwrap().len(), 6, "{body}");
    let (_, body) = post(
        &app,
        "application/json",
        json!({ "extensions": persisted(&hash) }),
    )
    .await;
    assert_eq!(ok(&body)["forums"].as_array().unwrap().len(), 6, "{body}");
    // A hash in capitals is the same hash.
    let (_, body) = post(
        &app,
        "application/json",
        json!({ "extensions": persisted(&hash.to_uppercase()) }),
    )
    .await;
    ok(&body);

    // Over GET, a CDN can cache it.
    let response = app
        .request(Method::GET, "/graphql")
        .query(&[
            ("operationName", "Forums"),
            ("extensions", &persisted(&hash).to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(ok(&body)["forums"].as_array().unwrap().len(), 6, "{body}");

    // Not the protocol's version 1, or not a SHA-256 hash: refused.
    for extension in [
        json!({ "persistedQuery": { "version": 2, "sha256Hash": hash } }),
        json!({ "persistedQuery": { "version": 1, "sha256Hash": "abc" } }),
        json!({ "persistedQuery": { "version": 1 } }),
    ] {
        let (_, body) = post(
            &app,
            "application/json",
            json!({ "query": FORUMS, "extensions": extension }),
        )
        .await;
        assert_eq!(
            error_code(&body),
            Some("BAD_USER_INPUT"),
            "{extension}: {body}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_persisted_mutation_runs_over_post_only() {
    let app = TestApp::spawn().await;
    let register =
        "mutation Register($input: RegisterInput!) { register(input: $input) { user { email } } }";
    let hash = sha256_hex(register);
    let input = |email: &str| json!({ "input": { "email": email, "password": fforwm_tests::PASSWORD, "displayName": "Persisted" } });

    let (_, body) = post(
        &app,
        "application/json",
        json!({ "query": register, "variables": input("first@example.com"), "extensions": persisted(&hash) }),
    )
    .await;
    assert_eq!(ok(&body)["register"]["user"]["email"], "first@example.com");

    // The hash alone over GET: refused as a mutation, and nothing is done.
    let response = app
        .request(Method::GET, "/graphql")
        .query(&[
            ("variables", &input("second@example.com").to_string()),
            ("extensions", &persisted(&hash).to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let body: Value = response.json().await.unwrap();
    assert!(body.get("data").is_none(), "{body}");

    // Over POST the hash alone runs it: the second address was free.
    let (_, body) = post(
        &app,
        "application/json",
        json!({ "variables": input("second@example.com"), "extensions": persisted(&hash) }),
    )
    .await;
    assert_eq!(ok(&body)["register"]["user"]["email"], "second@example.com");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeated_document_meets_every_limit_again() {
    let app = TestApp::spawn().await;

    // The same text, cheap with one variable and a million nodes with another.
    let nested = "query($n: Int) { proposals(first: $n) { edges { node { comments(first: $n) {
        edges { node { replies(first: $n) { edges { node { id } } } } } } } } } }";
    for _ in 0..2 {
        ok(&app.gql(nested, json!({ "n": 1 })).await);
    }
    let before = app.db_statements().await;
    let body = app.gql(nested, json!({ "n": 100 })).await;
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
    assert!(body.get("data").is_none(), "{body}");
    assert_eq!(before, app.db_statements().await, "it reached the database");

    // A NUL in a variable of a document seen before.
    let forum = "query($slug: String!) { forum(slug: $slug) { slug } }";
    assert_eq!(
        ok(&app.gql(forum, json!({ "slug": "transport" })).await)["forum"]["slug"],
        "transport"
    );
    let body = app.gql(forum, json!({ "slug": "trans\u{0}port" })).await;
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
    assert_eq!(body["errors"][0]["extensions"]["field"], "slug", "{body}");

    // A value of the wrong type for a variable of a document seen before.
    let body = app.gql(forum, json!({ "slug": 5 })).await;
    assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
    assert!(body["data"]["forum"].is_null(), "{body}");

    // A document that failed to validate is checked afresh, not cached as good.
    for _ in 0..2 {
        let body = app.gql("{ forums { nope } }", json!({})).await;
        assert_eq!(error_code(&body), Some("BAD_USER_INPUT"), "{body}");
        assert!(body.get("data").is_none(), "{body}");
    }
}
