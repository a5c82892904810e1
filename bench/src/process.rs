//! The servers under test, each a process of its own (this binary run again with `serve` or
//! `ceiling`), so that their memory is theirs alone: peak resident memory from `VmHWM`.

use std::{
    fs::File,
    net::TcpListener,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use anyhow::Context;

/// Signs the access tokens of the server under test; nothing outside the benchmark uses them.
const SIGNING_KEY: &str = "fforwm-benchmark-signing-key-not-for-any-real-server";

pub struct Server {
    child: Child,
    pub name: &'static str,
    pub base_url: String,
    log: PathBuf,
}

impl Server {
    /// Starts `bench <subcommand>` on a free port over `database_url`; its output goes to
    /// `<log_dir>/<subcommand>.log`.
    pub fn start(
        name: &'static str,
        subcommand: &str,
        database_url: &str,
        log_dir: &Path,
    ) -> anyhow::Result<Self> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let bind = format!("127.0.0.1:{port}");
        std::fs::create_dir_all(log_dir)?;
        let log = log_dir.join(format!("{subcommand}.log"));
        let output = File::create(&log)?;
        let child = Command::new(std::env::current_exe()?)
            .arg(subcommand)
            .env("DATABASE_URL", database_url)
            .env("FFORWM_BIND", &bind)
            .env("FFORWM_JWT_SECRET", SIGNING_KEY)
            // The clients stand for many residents but all come from 127.0.0.1: a per-address
            // throttle would refuse the login burst's later half.
            .env("FFORWM_LOGIN_LIMIT_PER_ADDRESS", "0")
            .env("FFORWM_REGISTER_LIMIT_PER_ADDRESS", "0")
            .env_remove("FFORWM_ENV")
            .stdin(Stdio::null())
            .stdout(output.try_clone()?)
            .stderr(output)
            .spawn()
            .with_context(|| format!("starting the {name}"))?;
        Ok(Self {
            child,
            name,
            base_url: format!("http://{bind}"),
            log,
        })
    }

    /// Waits until `/health` answers.
    pub async fn ready(&mut self, http: &reqwest::Client) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            if let Some(status) = self.child.try_wait()? {
                let log = std::fs::read_to_string(&self.log).unwrap_or_default();
                anyhow::bail!("the {} stopped ({status}):\n{log}", self.name);
            }
            let health = http.get(format!("{}/health", self.base_url)).send().await;
            if health.is_ok_and(|r| r.status().is_success()) {
                return Ok(());
            }
            if Instant::now() > deadline {
                anyhow::bail!("the {} did not start in time", self.name);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Forgets the peak so far (Linux: `clear_refs` 5), so the next reading is a fresh one.
    pub fn reset_peak_memory(&self) {
        let _ = std::fs::write(format!("/proc/{}/clear_refs", self.child.id()), "5");
    }

    /// Peak resident memory in MiB since the last reset (`VmHWM`).
    pub fn peak_memory_mib(&self) -> Option<f64> {
        self.memory_mib("VmHWM:")
    }

    /// A memory figure of `/proc/<pid>/status`, in MiB.
    pub fn memory_mib(&self, field: &str) -> Option<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|line| line.starts_with(field))?;
        let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib / 1024.0)
    }

    /// The server's count of SQL statements (`fforwm_db_statements_total` on `/metrics`).
    pub async fn statements(&self, http: &reqwest::Client) -> anyhow::Result<f64> {
        let metrics = http.get(self.url("/metrics")).send().await?.text().await?;
        metrics
            .lines()
            .find_map(|line| line.strip_prefix("fforwm_db_statements_total "))
            .and_then(|value| value.trim().parse().ok())
            .context("no fforwm_db_statements_total on /metrics")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
