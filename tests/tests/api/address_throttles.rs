//! Throttles per client address: failed logins and registrations from one address, shared by
//! replicas, with the address taken from `X-Forwarded-For` only behind a trusted proxy.

use fforwm_tests::{PASSWORD, TestApp, error_code, ok};
use serde_json::{Value, json};

const REGISTER: &str =
    "mutation($input: RegisterInput!) { register(input: $input) { accessToken } }";
const LOGIN: &str = "mutation($email: String!, $password: String!) { \
     login(email: $email, password: $password) { accessToken } }";

async fn register_from(app: &TestApp, forwarded_for: &str, email: &str) -> Value {
    app.gql_with(
        None,
        &[("x-forwarded-for", forwarded_for)],
        REGISTER,
        json!({ "input": { "email": email, "password": PASSWORD, "displayName": "Throttled" } }),
    )
    .await
}

async fn login_from(app: &TestApp, forwarded_for: &str, email: &str, password: &str) -> Value {
    app.gql_with(
        None,
        &[("x-forwarded-for", forwarded_for)],
        LOGIN,
        json!({ "email": email, "password": password }),
    )
    .await
}

/// A server behind a proxy on 127.0.0.1 allowing `registrations` and `failed_logins` per
/// address (0: no limit).
fn behind_proxy(registrations: u32, failed_logins: u32) -> impl FnOnce(&mut api::Config) {
    move |config| {
        config.trusted_proxies =
            api::http::client_address::TrustedProxies::parse("127.0.0.1").expect("a proxy");
        config.register_limit_per_address = registrations;
        config.login_limit_per_address = failed_logins;
    }
}

fn assert_rate_limited(resp: &Value) {
    assert_eq!(error_code(resp), Some("RATE_LIMITED"), "{resp}");
    let retry = resp["errors"][0]["extensions"]["retryAfterSeconds"]
        .as_i64()
        .unwrap_or_else(|| panic!("no retryAfterSeconds: {resp}"));
    assert!((1..=600).contains(&retry), "{resp}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registrations_per_address_behind_a_trusted_proxy() {
    let app = TestApp::spawn_with(|config| {
        config.trusted_proxies =
            api::http::client_address::TrustedProxies::parse("127.0.0.1").expect("a proxy");
        config.register_limit_per_address = 2;
    })
    .await;

    ok(&register_from(&app, "203.0.113.7", "one@example.com").await);
    // A refused registration counts too (the email is taken).
    let taken = register_from(&app, "203.0.113.7", "one@example.com").await;
    assert_eq!(error_code(&taken), Some("CONFLICT"), "{taken}");
    let refused = register_from(&app, "203.0.113.7", "three@example.com").await;
    assert_rate_limited(&refused);
    assert!(refused["data"].is_null(), "{refused}");
    // Nothing was made.
    let login = app.try_login("three@example.com", PASSWORD).await;
    assert_eq!(error_code(&login), Some("UNAUTHENTICATED"), "{login}");

    // Another client behind the same proxy is another address, whatever it puts on the left.
    ok(&register_from(&app, "203.0.113.7, 203.0.113.8", "four@example.com").await);

    // A replica counts the same attempts.
    let replica = app.replica_with(behind_proxy(2, 0)).await;
    let resp = app
        .client
        .post(format!("{replica}/graphql"))
        .header("x-forwarded-for", "203.0.113.7")
        .json(&json!({ "query": REGISTER, "variables": { "input": {
            "email": "five@example.com", "password": PASSWORD, "displayName": "Replica" } } }))
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    assert_eq!(error_code(&resp), Some("RATE_LIMITED"), "{resp}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_logins_per_address_behind_a_trusted_proxy() {
    let app = TestApp::spawn_with(|config| {
        config.trusted_proxies =
            api::http::client_address::TrustedProxies::parse("127.0.0.1").expect("a proxy");
        config.login_limit_per_address = 3;
    })
    .await;
    let resident = app.resident().await;

    // Successful logins do not count.
    for _ in 0..4 {
        ok(&login_from(&app, "198.51.100.4", &resident.email, PASSWORD).await);
    }
    // Three failures, each for another email (under the per-email limit of five).
    for i in 0..3 {
        let resp = login_from(
            &app,
            "198.51.100.4",
            &format!("nobody{i}@example.com"),
            "wrong password",
        )
        .await;
        assert_eq!(error_code(&resp), Some("UNAUTHENTICATED"), "{resp}");
    }
    // Then even the right password is refused from that address...
    assert_rate_limited(&login_from(&app, "198.51.100.4", &resident.email, PASSWORD).await);
    // ...but not from another.
    ok(&login_from(&app, "198.51.100.5", &resident.email, PASSWORD).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_trusted_proxy_x_forwarded_for_changes_nothing() {
    let app = TestApp::spawn_with(|config| {
        config.register_limit_per_address = 2;
        config.login_limit_per_address = 2;
    })
    .await;

    ok(&register_from(&app, "203.0.113.1", "a@example.com").await);
    ok(&register_from(&app, "203.0.113.2", "b@example.com").await);
    // All from 127.0.0.1, whatever the header says.
    assert_rate_limited(&register_from(&app, "203.0.113.3", "c@example.com").await);

    for i in 0..2 {
        let resp = login_from(
            &app,
            &format!("198.51.100.{i}"),
            "a@example.com",
            "wrong password",
        )
        .await;
        assert_eq!(error_code(&resp), Some("UNAUTHENTICATED"), "{resp}");
    }
    assert_rate_limited(&login_from(&app, "198.51.100.9", "a@example.com", PASSWORD).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_limit_of_zero_is_no_limit() {
    let app = TestApp::spawn_with(|config| {
        config.register_limit_per_address = 0;
        config.login_limit_per_address = 0;
    })
    .await;
    for i in 0..12 {
        ok(&register_from(&app, "203.0.113.1", &format!("n{i}@example.com")).await);
    }
}
