//! SIGTERM, on the real binary run as a process: it stops accepting, finishes the requests in
//! flight, closes WebSockets with 1001 and exits 0; its logs as JSON lines.

use std::{
    net::TcpListener,
    path::PathBuf,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

use fforwm_tests::{PASSWORD, TEST_SECRET, live::Live, ok};
use sea_orm::{ConnectionTrait, TransactionTrait};
use serde_json::{Value, json};

/// The `fforwm` binary of this workspace, built if it is not yet (Cargo builds a library
/// dependency's binaries only for its own tests).
fn server_binary() -> PathBuf {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_owned();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let status = Command::new(cargo)
        .args(["build", "--quiet", "-p", "api", "--bin", "fforwm"])
        .current_dir(&workspace)
        .status()
        .expect("cargo build");
    assert!(status.success(), "building the server failed");
    let deps = std::env::current_exe().expect("the test binary");
    // target/<profile>/deps/api-<hash> → target/<profile>/fforwm
    deps.parent()
        .and_then(|deps| deps.parent())
        .expect("the profile directory")
        .join("fforwm")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_requests_in_flight_closes_websockets_with_1001_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let database_url = format!("sqlite://{}/fforwm.db?mode=rwc", dir.path().display());
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base_url = format!("http://127.0.0.1:{port}");
    let log_path = dir.path().join("server.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let mut server = Command::new(server_binary())
        .env("DATABASE_URL", &database_url)
        .env("FFORWM_BIND", format!("127.0.0.1:{port}"))
        .env("FFORWM_JWT_SECRET", TEST_SECRET)
        .env("RUST_LOG", "info")
        .env("FFORWM_LOG_FORMAT", "json")
        .env_remove("FFORWM_ENV")
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .spawn()
        .expect("start the server");
    let client = reqwest::Client::new();
    let started = Instant::now();
    while !client
        .get(format!("{base_url}/health"))
        .send()
        .await
        .is_ok_and(|r| r.status().is_success())
    {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the server did not start"
        );
        assert!(server.try_wait().unwrap().is_none(), "the server stopped");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }

    let mut live = Live::open(&base_url).await;
    live.init(json!({})).await.unwrap();

    // A request in flight: a registration waiting for another writer to let go.
    let db = api::connect(&database_url).await.unwrap();
    let writer = db.begin().await.unwrap();
    writer
        .execute_unprepared("UPDATE forums SET slug = slug")
        .await
        .unwrap();
    let in_flight = tokio::spawn({
        let client = client.clone();
        let url = format!("{base_url}/graphql");
        async move {
            client
                .post(url)
                .json(&json!({
                    "query": "mutation($input: RegisterInput!) { register(input: $input) { user { email } } }",
                    "variables": { "input": {
                        "email": "in-flight@example.com", "password": PASSWORD, "displayName": "In Flight",
                    } },
                }))
                .send()
                .await
                .expect("the request in flight was answered")
                .json::<Value>()
                .await
                .unwrap()
        }
    });
    // Let it reach the server before the signal.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let kill = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());

    // WebSockets are told the server is going away.
    let closed = live.closed().await;
    assert_eq!(closed.code, Some(1001), "{closed:?}");

    // The request in flight completes once the writer lets go.
    writer.rollback().await.unwrap();
    let body = in_flight.await.unwrap();
    assert_eq!(
        ok(&body)["register"]["user"]["email"],
        "in-flight@example.com"
    );

    // Then the process ends, well.
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.try_wait().unwrap() {
            break status;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the server did not stop"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(status.success(), "{status}");

    // FFORWM_LOG_FORMAT=json: every line an object.
    let log = std::fs::read_to_string(&log_path).unwrap();
    let lines: Vec<Value> = log
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    assert!(
        lines
            .iter()
            .any(|line| line["fields"]["message"] == "fforwm is listening"),
        "{log}"
    );
    assert!(
        client
            .get(format!("{base_url}/health"))
            .send()
            .await
            .is_err(),
        "still accepting"
    );
}
