//! Running as an operator deploys it: the signing key from a Docker secret file, replicas that
//! start together on a new database, and versions side by side during an upgrade.

use std::io::Write;

use fforwm_tests::{EmptyDatabase, TEST_SECRET, TestApp, ok};
use migration::MigratorTrait;
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Statement};
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

/// Two replicas started at the same moment on a new PostgreSQL database: both come up, and
/// every migration was applied exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replicas_starting_together_migrate_once() {
    let Some(database) = EmptyDatabase::postgres().await else {
        eprintln!(
            "replicas_starting_together_migrate_once: skipped; it needs PostgreSQL (set FFORWM_TEST_POSTGRES)"
        );
        return;
    };
    let start = |url: String| {
        tokio::spawn(async move {
            let mut config = api::Config::new(url);
            config.bind = "127.0.0.1:0".to_string();
            config.jwt_secret = Some(TEST_SECRET.to_string());
            config.workers = 1;
            let app = api::Application::build(config)
                .await
                .map_err(|e| format!("{e:#}"))?;
            let addr = app.local_addr();
            tokio::spawn(app.run());
            Ok::<_, String>(addr)
        })
    };
    let (first, second) = tokio::join!(
        start(database.url().to_owned()),
        start(database.url().to_owned())
    );
    let client = reqwest::Client::new();
    for replica in [first.unwrap(), second.unwrap()] {
        let addr = replica.unwrap_or_else(|e| panic!("a replica did not start: {e}"));
        let ready = client
            .get(format!("http://{addr}/ready"))
            .send()
            .await
            .unwrap();
        assert_eq!(ready.status(), StatusCode::OK);
    }

    let db = api::connect(database.url()).await.unwrap();
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS applied, COUNT(DISTINCT version) AS distinct_versions \
             FROM seaql_migrations",
        ))
        .await
        .unwrap()
        .unwrap();
    let applied: i64 = row.try_get("", "applied").unwrap();
    let distinct: i64 = row.try_get("", "distinct_versions").unwrap();
    let expected = migration::Migrator::migrations().len() as i64;
    assert_eq!((applied, distinct), (expected, expected));
    let forums = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM forums",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        forums.try_get::<i64>("", "n").unwrap(),
        12,
        "the seeded forums, once"
    );
    let _ = db.close().await;
}

/// Mid-upgrade, a replica of the old version restarts on a database that the new version has
/// migrated; after a roll-back, the old version starts on it. Migrations only add, so it runs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_version_runs_on_the_schema_of_a_newer_one() {
    let app = TestApp::spawn().await;
    let backend = app.db.get_database_backend();
    app.db
        .execute_raw(Statement::from_string(
            backend,
            "INSERT INTO seaql_migrations (version, applied_at) \
             VALUES ('m20991231_000001_from_a_newer_version', 0)",
        ))
        .await
        .unwrap();
    let replica = app
        .try_replica()
        .await
        .unwrap_or_else(|e| panic!("the older version did not start: {e}"));
    let response = app
        .client
        .post(format!("{replica}/graphql"))
        .json(&json!({ "query": "{ forums(kind: THEMED) { slug } }" }))
        .send()
        .await
        .unwrap();
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(ok(&body)["forums"].as_array().unwrap().len(), 6, "{body}");

    // A database that lacks one of this version's own migrations as well came from another
    // branch: refused, with the reason.
    let last = migration::Migrator::migrations()
        .last()
        .unwrap()
        .name()
        .to_owned();
    app.db
        .execute_raw(Statement::from_string(
            backend,
            format!("DELETE FROM seaql_migrations WHERE version = '{last}'"),
        ))
        .await
        .unwrap();
    let error = app
        .try_replica()
        .await
        .expect_err("started on a database from another branch");
    assert!(
        error.contains(&last) && error.contains("another branch"),
        "{error}"
    );
}
