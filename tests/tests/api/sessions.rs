//! login and its throttle, refreshSession (rotation, reuse detection), logout, changePassword.

use fforwm_tests::{
    AUTH_FIELDS, PASSWORD, TestApp, assert_bad_input, assert_code, check_errors, error_code,
    error_codes, ok,
};
use reqwest::Method;
use serde_json::{Value, json};

const WRONG: &str = "not the right password";

#[track_caller]
fn assert_rate_limited(resp: &Value) {
    assert_code(resp, "RATE_LIMITED");
    let retry = resp["errors"][0]["extensions"]["retryAfterSeconds"]
        .as_i64()
        .unwrap_or_else(|| panic!("no retryAfterSeconds: {resp}"));
    assert!(
        (1..=15 * 60).contains(&retry),
        "retryAfterSeconds {retry}: {resp}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn login_signs_in_and_wrong_email_or_password_look_alike() {
    let app = TestApp::spawn().await;
    let alice = app.register("alice@example.com", "Alice").await;

    let resp = app.try_login("alice@example.com", PASSWORD).await;
    let payload = &ok(&resp)["login"];
    assert_eq!(payload["user"]["id"], alice.user_id.as_str());
    assert_eq!(payload["user"]["email"], "alice@example.com");
    assert_ne!(payload["refreshToken"], alice.refresh_token.as_str());
    // The address is normalised at login as at registration.
    let resp = app.try_login("  ALICE@Example.com ", PASSWORD).await;
    assert_eq!(ok(&resp)["login"]["user"]["id"], alice.user_id.as_str());

    let wrong_password = app.try_login("alice@example.com", WRONG).await;
    assert_code(&wrong_password, "UNAUTHENTICATED");
    let unknown_email = app.try_login("nobody@example.com", PASSWORD).await;
    assert_code(&unknown_email, "UNAUTHENTICATED");
    assert_eq!(
        wrong_password["errors"][0]["message"], unknown_email["errors"][0]["message"],
        "the two failures must not tell an account exists"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_failures_lock_an_email_out_even_with_the_right_password() {
    let app = TestApp::spawn().await;
    app.register("alice@example.com", "Alice").await;
    app.register("bob@example.com", "Bob").await;

    for _ in 0..5 {
        let resp = app.try_login("alice@example.com", WRONG).await;
        assert_code(&resp, "UNAUTHENTICATED");
    }
    assert_rate_limited(&app.try_login("alice@example.com", PASSWORD).await);
    assert_rate_limited(&app.try_login(" Alice@Example.COM", PASSWORD).await);
    assert_rate_limited(&app.try_login("alice@example.com", WRONG).await);

    // Per email: Bob is not affected.
    app.login("bob@example.com", PASSWORD).await;

    // An unknown email is throttled the same way (else the throttle would tell who exists).
    for _ in 0..5 {
        let resp = app.try_login("nobody@example.com", WRONG).await;
        assert_code(&resp, "UNAUTHENTICATED");
    }
    assert_rate_limited(&app.try_login("nobody@example.com", WRONG).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aliased_logins_in_one_request_count_toward_the_throttle() {
    let app = TestApp::spawn().await;
    app.register("alice@example.com", "Alice").await;

    let fields: String = (0..6)
        .map(|i| {
            format!(
                "a{i}: login(email: \"alice@example.com\", password: \"{WRONG}\") {{ accessToken }} "
            )
        })
        .collect();
    let resp = app
        .gql(&format!("mutation {{ {fields} }}"), json!({}))
        .await;
    let codes = error_codes(&resp);
    assert!(
        !codes.is_empty(),
        "six wrong passwords were accepted: {resp}"
    );
    // No alias got a token.
    if let Some(data) = resp["data"].as_object() {
        assert!(data.values().all(Value::is_null), "{resp}");
    }
    assert_eq!(codes[0], "UNAUTHENTICATED", "{resp}");
    let failures = codes.iter().filter(|c| *c == "UNAUTHENTICATED").count();
    assert!(
        failures <= 5,
        "more than five failures before the lock: {resp}"
    );
    assert!(
        codes
            .iter()
            .all(|c| c == "UNAUTHENTICATED" || c == "RATE_LIMITED"),
        "{resp}"
    );
    if codes.len() == 6 {
        // Every alias ran: the sixth found the account locked.
        assert_eq!(
            codes,
            ["UNAUTHENTICATED"; 5]
                .iter()
                .chain(&["RATE_LIMITED"])
                .copied()
                .collect::<Vec<_>>(),
            "{resp}"
        );
    }
    // However many aliases ran, each failure counted: at most the remaining attempts fail
    // plainly, then even the right password is refused.
    for _ in failures..5 {
        let resp = app.try_login("alice@example.com", WRONG).await;
        if error_code(&resp) == Some("RATE_LIMITED") {
            break;
        }
        assert_code(&resp, "UNAUTHENTICATED");
    }
    assert_rate_limited(&app.try_login("alice@example.com", PASSWORD).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batched_logins_count_toward_the_throttle() {
    let app = TestApp::spawn().await;
    app.register("alice@example.com", "Alice").await;

    let operation = json!({
        "query": format!("mutation($e: String!, $p: String!) {{ login(email: $e, password: $p) {{ {AUTH_FIELDS} }} }}"),
        "variables": { "e": "alice@example.com", "p": WRONG },
    });
    let batch: Vec<Value> = std::iter::repeat_n(operation, 6).collect();
    let response = app
        .request(Method::POST, "/graphql")
        .json(&batch)
        .send()
        .await
        .unwrap();
    let body: Value = response.json().await.unwrap();
    check_errors(&body);
    let results = body
        .as_array()
        .unwrap_or_else(|| panic!("not a batch answer: {body}"));
    assert_eq!(results.len(), 6, "{body}");
    let mut codes: Vec<String> = results
        .iter()
        .map(|r| error_code(r).unwrap_or("<none>").to_owned())
        .collect();
    codes.sort();
    assert_eq!(
        codes,
        [
            "RATE_LIMITED",
            "UNAUTHENTICATED",
            "UNAUTHENTICATED",
            "UNAUTHENTICATED",
            "UNAUTHENTICATED",
            "UNAUTHENTICATED"
        ],
        "{body}"
    );
    assert_rate_limited(&app.try_login("alice@example.com", PASSWORD).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refresh_rotates_and_reuse_revokes_every_session() {
    let app = TestApp::spawn().await;
    let first = app.register("alice@example.com", "Alice").await;
    let second = app.login("alice@example.com", PASSWORD).await;

    // Rotation: new tokens, same person; the new access token works.
    let resp = app.try_refresh(&first.refresh_token).await;
    let rotated = &ok(&resp)["refreshSession"];
    assert_eq!(rotated["user"]["id"], first.user_id.as_str());
    let new_refresh = rotated["refreshToken"].as_str().unwrap().to_owned();
    let new_access = rotated["accessToken"].as_str().unwrap().to_owned();
    assert_ne!(new_refresh, first.refresh_token);
    let me = app.gql_as(&new_access, "{ me { id } }", json!({})).await;
    assert_eq!(ok(&me)["me"]["id"], first.user_id.as_str());

    // The retired token again: refused, and every session of the account is revoked.
    assert_code(
        &app.try_refresh(&first.refresh_token).await,
        "UNAUTHENTICATED",
    );
    assert_code(&app.try_refresh(&new_refresh).await, "UNAUTHENTICATED");
    assert_code(
        &app.try_refresh(&second.refresh_token).await,
        "UNAUTHENTICATED",
    );

    // Signing in again starts a new, working session.
    let again = app.login("alice@example.com", PASSWORD).await;
    ok(&app.try_refresh(&again.refresh_token).await);

    // Nonsense is refused too.
    assert_code(
        &app.try_refresh("not-a-refresh-token").await,
        "UNAUTHENTICATED",
    );
    assert_code(&app.try_refresh("").await, "UNAUTHENTICATED");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn logout_retires_the_refresh_token() {
    let app = TestApp::spawn().await;
    let alice = app.register("alice@example.com", "Alice").await;
    let other = app.login("alice@example.com", PASSWORD).await;

    let resp = app
        .gql_as(
            &alice.token,
            "mutation($t: String!) { logout(refreshToken: $t) }",
            json!({ "t": alice.refresh_token }),
        )
        .await;
    assert_eq!(ok(&resp)["logout"], true);
    // Only that session: the other one still refreshes.
    ok(&app.try_refresh(&other.refresh_token).await);
    // The retired token is refused (and, being a retired token presented again, may count as
    // theft: RULES.md lets that end every session, so nothing is asserted about the others).
    assert_code(
        &app.try_refresh(&alice.refresh_token).await,
        "UNAUTHENTICATED",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn change_password_checks_both_and_retires_every_session() {
    let app = TestApp::spawn().await;
    let alice = app.register("alice@example.com", "Alice").await;
    let other = app.login("alice@example.com", PASSWORD).await;
    let change = "mutation($c: String!, $n: String!) { \
                    changePassword(currentPassword: $c, newPassword: $n) }";
    let new_password = "a brand new passphrase";

    let resp = app
        .gql_as(
            &alice.token,
            change,
            json!({ "c": WRONG, "n": new_password }),
        )
        .await;
    assert_code(&resp, "UNAUTHENTICATED");
    for bad in ["short".to_string(), "x".repeat(257)] {
        let resp = app
            .gql_as(&alice.token, change, json!({ "c": PASSWORD, "n": bad }))
            .await;
        assert_bad_input(&resp, "newPassword");
    }
    let resp = app
        .gql(change, json!({ "c": PASSWORD, "n": new_password }))
        .await;
    assert_code(&resp, "UNAUTHENTICATED");
    // None of that changed anything: both sessions still refresh, the old password works.
    let alice_refresh = refreshed(&app, &alice.refresh_token).await;
    let other_refresh = refreshed(&app, &other.refresh_token).await;
    app.login(&alice.email, PASSWORD).await;

    let resp = app
        .gql_as(
            &alice.token,
            change,
            json!({ "c": PASSWORD, "n": new_password }),
        )
        .await;
    assert_eq!(ok(&resp)["changePassword"], true);

    assert_code(&app.try_refresh(&alice_refresh).await, "UNAUTHENTICATED");
    assert_code(&app.try_refresh(&other_refresh).await, "UNAUTHENTICATED");
    assert_code(
        &app.try_login("alice@example.com", PASSWORD).await,
        "UNAUTHENTICATED",
    );
    let fresh = app.login("alice@example.com", new_password).await;
    assert_eq!(fresh.user_id, alice.user_id);
}

/// Rotates a refresh token that must be live; returns the new one.
async fn refreshed(app: &TestApp, refresh_token: &str) -> String {
    let resp = app.try_refresh(refresh_token).await;
    ok(&resp)["refreshSession"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// A burst of logins, more than the server hashes at once (one per core), queues and each gets
/// its own right answer: a session for the right password, a refusal for a wrong one or an
/// unknown email.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_logins_each_get_their_own_answer() {
    let app = TestApp::spawn().await;
    let mut people = Vec::new();
    for i in 0..6 {
        let email = format!("burst{i}@example.com");
        people.push((
            email.clone(),
            app.register(&email, &format!("Burst {i}")).await,
        ));
    }
    let attempts: Vec<(String, &str)> = people
        .iter()
        .flat_map(|(email, _)| [(email.clone(), PASSWORD), (email.clone(), WRONG)])
        .chain([("nobody@example.com".to_string(), PASSWORD)])
        .collect();
    let answers = futures_util::future::join_all(
        attempts
            .iter()
            .map(|(email, password)| app.try_login(email, password)),
    )
    .await;
    for ((email, password), resp) in attempts.iter().zip(&answers) {
        let person = people.iter().find(|(e, _)| e == email);
        match (person, *password == PASSWORD) {
            (Some((_, session)), true) => {
                assert_eq!(
                    ok(resp)["login"]["user"]["id"],
                    session.user_id.as_str(),
                    "{email}"
                );
            }
            _ => assert_code(resp, "UNAUTHENTICATED"),
        }
    }
}
