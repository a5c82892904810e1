//! Running as an operator deploys it: the signing key from a Docker secret file.

use std::io::Write;

use fforwm_tests::{TEST_SECRET, TestApp, ok};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_signing_key_comes_from_a_secret_file_without_its_newline() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    writeln!(file, "{TEST_SECRET}").unwrap();
    let path = file.path().to_path_buf();
    let app = TestApp::spawn_with(|config| {
        config.jwt_secret = None;
        config.jwt_secret_file = Some(path);
    })
    .await;
    let alice = app.resident().await;

    // A replica configured with the key itself (no newline) accepts the token: same key.
    let replica = app.replica().await;
    let response = app
        .client
        .post(format!("{replica}/graphql"))
        .bearer_auth(&alice.token)
        .json(&json!({ "query": "{ me { id } }" }))
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(ok(&body)["me"]["id"], alice.user_id.as_str(), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_in_both_the_variable_and_a_file_is_refused_at_start_up() {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    writeln!(file, "{TEST_SECRET}").unwrap();
    let path = file.path().to_path_buf();
    // The harness sets FFORWM_JWT_SECRET; add the file as well.
    let error = TestApp::try_spawn_with(|config| config.jwt_secret_file = Some(path))
        .await
        .err()
        .expect("the server started with two signing keys");
    assert!(
        error.contains("FFORWM_JWT_SECRET") && error.contains("FFORWM_JWT_SECRET_FILE"),
        "the message should name both settings: {error}"
    );

    let error = TestApp::try_spawn_with(|config| {
        config.jwt_secret = None;
        config.jwt_secret_file = Some("/nonexistent/fforwm-jwt-secret".into());
    })
    .await
    .err()
    .expect("the server started with a key file that does not exist");
    assert!(
        error.contains("/nonexistent/fforwm-jwt-secret"),
        "the message should name the file: {error}"
    );
}
