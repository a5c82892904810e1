//! The benchmark still runs: every scenario on a tiny town, briefly, with no failed request
//! (and the ceiling still answering exactly what Fforwm answers). PostgreSQL only: it runs
//! when `FFORWM_TEST_POSTGRES` names the server, as `.ci/run` does.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;

#[test]
fn every_scenario_runs_without_a_failure() {
    let Some(admin_url) = std::env::var("FFORWM_TEST_POSTGRES")
        .ok()
        .filter(|url| !url.trim().is_empty())
    else {
        eprintln!("FFORWM_TEST_POSTGRES is not set: the benchmark needs PostgreSQL");
        return;
    };
    let output = Command::new(env!("CARGO_BIN_EXE_bench"))
        .args([
            "--scale",
            "0.01",
            "--duration",
            "0.3",
            "--warmup",
            "0.1",
            "--clients",
            "2",
            "--admin-url",
            admin_url.trim(),
        ])
        .output()
        .expect("the benchmark runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stdout}\n{stderr}");
    let rows: Vec<&str> = stdout
        .lines()
        .filter(|line| line.starts_with("| ") && !line.starts_with("| ---"))
        .collect();
    for scenario in [
        "forum page, anonymous",
        "the ceiling",
        "proposal with 20 comments",
        "search",
        "NEWEST",
        "MOST_SUPPORTED",
        "RECENTLY_ACTIVE",
        "signed in",
        "supportProposal",
        "login",
    ] {
        let row = rows
            .iter()
            .find(|row| row.contains(scenario))
            .unwrap_or_else(|| panic!("no {scenario} in\n{stdout}"));
        assert!(row.ends_with("| 0 |"), "errors in {row}\n{stderr}");
    }
    assert!(stdout.contains("concurrent logins (0 failed)"), "{stdout}");
    for size in ["| 5 |", "| 20 |", "| 50 |"] {
        assert!(rows.iter().any(|row| row.starts_with(size)), "{stdout}");
    }
}
