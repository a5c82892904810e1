//! The `fforwm` binary: parse the command line, start logging, hand over to `api::cli`.

use clap::Parser;
use mimalloc::MiMalloc;
use tracing_subscriber::EnvFilter;

/// An allocator that gives freed memory back: glibc's kept the 19 MiB of every Argon2 hash of
/// a burst of logins (gigabytes) long after.
#[global_allocator]
static ALLOCATOR: MiMalloc = MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    api::cli::run(api::cli::Cli::parse()).await
}
