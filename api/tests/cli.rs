//! The `fforwm` binary as an operator runs it: its subcommands and its start-up refusals.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::{
    io::Write,
    process::{Command, Output, Stdio},
};

fn fforwm(database_url: &str, args: &[&str], envs: &[(&str, &str)], stdin: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_fforwm"));
    command
        .args(args)
        .env("DATABASE_URL", database_url)
        .env_remove("FFORWM_PASSWORD")
        .env_remove("FFORWM_JWT_SECRET")
        .env_remove("FFORWM_JWT_SECRET_FILE")
        .env_remove("FFORWM_CORS_ORIGINS")
        .env_remove("FFORWM_TRUSTED_PROXIES")
        .env_remove("FFORWM_INTROSPECTION")
        .env_remove("FFORWM_ENV")
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in envs {
        command.env(key, value);
    }
    let mut child = command.spawn().expect("the fforwm binary starts");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).expect("write stdin");
    }
    drop(input);
    child.wait_with_output().expect("fforwm finishes")
}

fn sqlite_url(dir: &tempfile::TempDir) -> String {
    format!("sqlite://{}/cli.db?mode=rwc", dir.path().display())
}

#[test]
fn export_schema_prints_the_committed_schema_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = fforwm(&sqlite_url(&dir), &["export-schema"], &[], None);
    assert!(out.status.success());
    let committed = include_str!("../schema.graphql");
    assert_eq!(String::from_utf8(out.stdout).unwrap(), committed);
}

#[test]
fn create_user_takes_the_password_from_the_environment_or_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite_url(&dir);
    let from_env = fforwm(
        &url,
        &[
            "create-user",
            "--email",
            "Clerk@Example.org",
            "--display-name",
            "Town Clerk",
            "--role",
            "clerk",
        ],
        &[("FFORWM_PASSWORD", "a long enough password")],
        None,
    );
    assert!(
        from_env.status.success(),
        "{}",
        String::from_utf8_lossy(&from_env.stderr)
    );
    assert!(String::from_utf8_lossy(&from_env.stdout).contains("clerk@example.org"));

    let from_stdin = fforwm(
        &url,
        &[
            "create-user",
            "--email",
            "cllr@example.org",
            "--display-name",
            "Cllr Jones",
            "--role",
            "councillor",
        ],
        &[],
        Some("another long password\n"),
    );
    assert!(
        from_stdin.status.success(),
        "{}",
        String::from_utf8_lossy(&from_stdin.stderr)
    );

    // The same email again, and a short password, are refused with a reason and no account.
    let duplicate = fforwm(
        &url,
        &[
            "create-user",
            "--email",
            "clerk@example.org",
            "--display-name",
            "Again",
        ],
        &[("FFORWM_PASSWORD", "a long enough password")],
        None,
    );
    assert!(!duplicate.status.success());
    assert!(String::from_utf8_lossy(&duplicate.stderr).contains("already exists"));
    let short = fforwm(
        &url,
        &[
            "create-user",
            "--email",
            "short@example.org",
            "--display-name",
            "Short",
        ],
        &[("FFORWM_PASSWORD", "short")],
        None,
    );
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 10"));
}

#[test]
fn migrate_and_seed_demo_can_run_twice() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite_url(&dir);
    for run in 0..2 {
        let migrate = fforwm(&url, &["migrate"], &[], None);
        assert!(
            migrate.status.success(),
            "{}",
            String::from_utf8_lossy(&migrate.stderr)
        );
        let seed = fforwm(&url, &["seed-demo", "--scale", "0.01"], &[], None);
        assert!(
            seed.status.success(),
            "{}",
            String::from_utf8_lossy(&seed.stderr)
        );
        let stdout = String::from_utf8_lossy(&seed.stdout);
        assert!(stdout.contains("clerk@demo.fforwm.cymru"), "{stdout}");
        if run == 0 {
            assert!(stdout.contains("rows/s"), "{stdout}");
        } else {
            assert!(
                stdout.contains("already has demo data (seeded at scale 0.01)"),
                "{stdout}"
            );
        }
    }
}

#[test]
fn seed_demo_refuses_production_without_force_and_a_bad_scale() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite_url(&dir);
    let production = [("FFORWM_ENV", "production")];
    let refused = fforwm(&url, &["seed-demo", "--scale", "0.01"], &production, None);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("production") && stderr.contains("--force"),
        "{stderr}"
    );
    assert!(!String::from_utf8_lossy(&refused.stdout).contains("rows/s"));

    for scale in ["0", "-1", "many", "1000"] {
        let bad = fforwm(&url, &["seed-demo", &format!("--scale={scale}")], &[], None);
        assert!(!bad.status.success(), "--scale {scale}");
        let stderr = String::from_utf8_lossy(&bad.stderr);
        assert!(
            stderr.contains("the scale must be") || stderr.contains("not a number"),
            "{stderr}"
        );
    }

    let forced = fforwm(
        &url,
        &["seed-demo", "--scale", "0.01", "--force"],
        &production,
        None,
    );
    assert!(
        forced.status.success(),
        "{}",
        String::from_utf8_lossy(&forced.stderr)
    );
    assert!(String::from_utf8_lossy(&forced.stdout).contains("rows/s"));
}

#[test]
fn a_short_signing_key_is_refused_at_start_up() {
    let dir = tempfile::tempdir().unwrap();
    let out = fforwm(
        &sqlite_url(&dir),
        &["serve"],
        &[
            ("FFORWM_JWT_SECRET", "too-short"),
            ("FFORWM_BIND", "127.0.0.1:0"),
        ],
        None,
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("FFORWM_JWT_SECRET") && stderr.contains("at least 32 bytes"),
        "{stderr}"
    );
}

#[test]
fn a_key_in_both_the_variable_and_a_file_is_refused_at_start_up() {
    let dir = tempfile::tempdir().unwrap();
    let secret_file = dir.path().join("jwt_secret");
    std::fs::write(
        &secret_file,
        "a-signing-key-of-well-over-thirty-two-bytes\n",
    )
    .unwrap();
    let out = fforwm(
        &sqlite_url(&dir),
        &["serve"],
        &[
            (
                "FFORWM_JWT_SECRET",
                "a-signing-key-of-well-over-thirty-two-bytes",
            ),
            ("FFORWM_JWT_SECRET_FILE", secret_file.to_str().unwrap()),
            ("FFORWM_BIND", "127.0.0.1:0"),
        ],
        None,
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("both set"), "{stderr}");
}

#[test]
fn bad_origins_and_proxies_are_refused_and_empty_lists_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let url = sqlite_url(&dir);
    let out = fforwm(
        &url,
        &["migrate"],
        &[("FFORWM_CORS_ORIGINS", "https://forums.example.org/")],
        None,
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("FFORWM_CORS_ORIGINS") || stderr.contains("--cors-origins"),
        "{stderr}"
    );
    assert!(stderr.contains("trailing slash"), "{stderr}");

    let out = fforwm(
        &url,
        &["migrate"],
        &[("FFORWM_TRUSTED_PROXIES", "10.0.0.0/8, proxy.internal")],
        None,
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("proxy.internal"), "{stderr}");

    // Compose files pass unset settings as empty strings.
    let out = fforwm(
        &url,
        &["migrate"],
        &[("FFORWM_CORS_ORIGINS", ""), ("FFORWM_TRUSTED_PROXIES", "")],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
