//! Access tokens: HS256 only, every claim checked, roles read from the database.

use entity::Role;
use fforwm_tests::{TEST_SECRET, TestApp, assert_code, jwt, ok};
use jsonwebtoken::Algorithm;
use serde_json::{Value, json};

const ME: &str = "{ me { id role status email } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_token_and_its_faithful_copy_are_accepted() {
    let app = TestApp::spawn().await;
    let model = app
        .create_user("alice@example.com", "Alice", Role::Resident)
        .await;
    let alice = app.login("alice@example.com", fforwm_tests::PASSWORD).await;

    let me = app.gql_as(&alice.token, ME, json!({})).await;
    assert_eq!(ok(&me)["me"]["id"], alice.user_id.as_str());
    assert_eq!(me["data"]["me"]["role"], "RESIDENT");
    assert_eq!(me["data"]["me"]["email"], "alice@example.com");

    // The claims the contract names, with the database id as the subject.
    let claims = jwt::claims(&alice.token);
    assert_eq!(claims["sub"], model.id.to_string(), "{claims}");
    assert_eq!(claims["iss"], "fforwm");
    assert_eq!(claims["aud"], "fforwm-api");
    assert!(claims["role"].is_string(), "{claims}");
    assert!(claims["iat"].is_i64() && claims["exp"].is_i64(), "{claims}");

    // Control for the forgery tests: the same claims signed by the test harness pass, so a
    // refusal there is due to what was changed and nothing else.
    let copy = jwt::sign(&claims, Algorithm::HS256, TEST_SECRET);
    let me = app.gql_as(&copy, ME, json!({})).await;
    assert_eq!(ok(&me)["me"]["id"], alice.user_id.as_str());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_expired_and_tampered_tokens_are_refused() {
    let app = TestApp::spawn().await;
    let alice = app.resident().await;
    let clerk = app.clerk().await;
    let claims = jwt::claims(&alice.token);
    let now = jwt::now();
    let with = |changes: Value| {
        let mut c = claims.clone();
        for (k, v) in changes.as_object().unwrap() {
            if v.is_null() {
                c.as_object_mut().unwrap().remove(k);
            } else {
                c[k] = v.clone();
            }
        }
        c
    };
    let hs256 = |c: &Value| jwt::sign(c, Algorithm::HS256, TEST_SECRET);

    let mut tampered_claims = claims.clone();
    tampered_claims["role"] = jwt::claims(&clerk.token)["role"].clone();
    assert_ne!(tampered_claims, claims);
    // Alice's signature on the clerk's subject: impersonation.
    let mut tampered_sub = claims.clone();
    tampered_sub["sub"] = jwt::claims(&clerk.token)["sub"].clone();
    assert_ne!(tampered_sub, claims);

    let forged: Vec<(&str, String)> = vec![
        ("garbage", "not-a-jwt".to_owned()),
        ("empty segments", "..".to_owned()),
        (
            "another secret",
            jwt::sign(
                &claims,
                Algorithm::HS256,
                "some-other-secret-that-is-long-enough!!",
            ),
        ),
        ("HS512", jwt::sign(&claims, Algorithm::HS512, TEST_SECRET)),
        ("HS384", jwt::sign(&claims, Algorithm::HS384, TEST_SECRET)),
        (
            "alg none, no signature",
            jwt::assemble(&json!({ "alg": "none", "typ": "JWT" }), &claims, ""),
        ),
        (
            "alg none, original signature",
            jwt::assemble(
                &json!({ "alg": "none", "typ": "JWT" }),
                &claims,
                jwt::signature(&alice.token),
            ),
        ),
        (
            "alg None",
            jwt::assemble(&json!({ "alg": "None", "typ": "JWT" }), &claims, ""),
        ),
        (
            "tampered payload (role)",
            jwt::assemble(
                &jwt::parts(&alice.token).0,
                &tampered_claims,
                jwt::signature(&alice.token),
            ),
        ),
        (
            "tampered payload (sub)",
            jwt::assemble(
                &jwt::parts(&alice.token).0,
                &tampered_sub,
                jwt::signature(&alice.token),
            ),
        ),
        (
            "signature stripped",
            alice.token[..alice.token.rfind('.').unwrap() + 1].to_owned(),
        ),
        (
            "expired an hour ago",
            hs256(&with(json!({ "iat": now - 7200, "exp": now - 3600 }))),
        ),
        ("wrong iss", hs256(&with(json!({ "iss": "someone-else" })))),
        ("wrong aud", hs256(&with(json!({ "aud": "another-api" })))),
        ("no iss", hs256(&with(json!({ "iss": null })))),
        ("no aud", hs256(&with(json!({ "aud": null })))),
        ("no exp", hs256(&with(json!({ "exp": null })))),
        ("no sub", hs256(&with(json!({ "sub": null })))),
        ("no such user", hs256(&with(json!({ "sub": "987654321" })))),
    ];
    for (what, token) in forged {
        let resp = app.gql_as(&token, ME, json!({})).await;
        assert_eq!(
            fforwm_tests::error_code(&resp),
            Some("UNAUTHENTICATED"),
            "{what}: {resp}"
        );
        assert!(resp["data"]["me"].is_null(), "{what} signed in: {resp}");
    }
    // The real token still works after all that.
    let me = app.gql_as(&alice.token, ME, json!({})).await;
    assert_eq!(ok(&me)["me"]["id"], alice.user_id.as_str());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_role_comes_from_the_database_not_the_token() {
    let app = TestApp::spawn().await;
    let alice = app.resident().await;
    let clerk = app.clerk().await;
    // A validly signed token that claims a clerk's role (spelt as the server spells it).
    let mut claims = jwt::claims(&alice.token);
    claims["role"] = jwt::claims(&clerk.token)["role"].clone();
    assert_ne!(claims, jwt::claims(&alice.token));
    let token = jwt::sign(&claims, jsonwebtoken::Algorithm::HS256, TEST_SECRET);

    let me = app.gql_as(&token, ME, json!({})).await;
    assert_eq!(ok(&me)["me"]["role"], "RESIDENT");
    let users = app
        .gql_as(&token, "{ users { totalCount } }", json!({}))
        .await;
    assert_code(&users, "FORBIDDEN");
}
