//! The `fforwm` binary: parse the command line, start logging, hand over to `api::cli`.

use api::config::LogFormat;
use clap::Parser;
use mimalloc::MiMalloc;
use tracing_subscriber::EnvFilter;

/// An allocator that gives freed memory back: glibc's kept the 19 MiB of every Argon2 hash of
/// a burst of logins (gigabytes) long after.
#[global_allocator]
static ALLOCATOR: MiMalloc = MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = api::cli::Cli::parse();
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let logs = tracing_subscriber::fmt().with_env_filter(filter);
    match cli.config.log_format {
        LogFormat::Text => logs.init(),
        // The request's span, with its request id, on every line written within it.
        LogFormat::Json => logs
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .init(),
    }
    api::cli::run(cli).await
}
