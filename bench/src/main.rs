//! `bench`: the benchmark. It seeds a demo town on PostgreSQL (once per scale), starts the real
//! server and a hand-written "ceiling" handler as processes of their own, drives them with
//! concurrent clients and prints the figures as markdown tables.
//!
//! `cargo run --release -p bench -- --scale 1` (see `--help`). The `serve` and `ceiling`
//! subcommands are the two servers, which the benchmark starts by running itself again.

mod ceiling;
mod database;
mod fixtures;
mod load;
mod process;
mod queries;
mod report;
mod run;

use clap::{Args, Parser, Subcommand, builder::PossibleValuesParser};
use mimalloc::MiMalloc;
use tracing_subscriber::EnvFilter;

#[derive(Debug, Parser)]
#[command(
    name = "bench",
    about = "Benchmark Fforwm on a seeded demo town (PostgreSQL)"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    options: Options,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The Fforwm server, exactly as `fforwm serve` runs it (configured by the environment).
    #[command(hide = true)]
    Serve,
    /// The ceiling: the forum page from a minimal handler with two SQL queries.
    #[command(hide = true)]
    Ceiling {
        #[arg(long, env = "DATABASE_URL")]
        database_url: String,
        #[arg(long, env = "FFORWM_BIND")]
        bind: String,
    },
}

/// The `fforwm` binary's allocator, so that `serve` measures the server as it ships.
#[global_allocator]
static ALLOCATOR: MiMalloc = MiMalloc;

/// What to measure and how hard.
#[derive(Debug, Clone, Args)]
pub struct Options {
    /// The demo town's size (as `seed-demo --scale`): 1 is about 3,000 people and 5,000
    /// proposals.
    #[arg(long, default_value_t = 1.0)]
    pub scale: f64,
    /// Seconds each scenario is measured for.
    #[arg(long, default_value_t = 10.0)]
    pub duration: f64,
    /// Seconds of load before each scenario's measurement starts.
    #[arg(long, default_value_t = 2.0)]
    pub warmup: f64,
    /// Concurrent clients.
    #[arg(long, default_value_t = 16)]
    pub clients: usize,
    /// The PostgreSQL server, as an administrator's URL; the benchmark makes (and keeps) its
    /// own database there, `fforwm_bench_s<scale>`.
    #[arg(
        long,
        env = "FFORWM_BENCH_ADMIN_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/test"
    )]
    pub admin_url: String,
    /// Drop and seed the benchmark's database again even if it is seeded at this scale.
    #[arg(long)]
    pub reseed: bool,
    /// Only these scenarios (comma-separated; all when unset).
    #[arg(long, value_delimiter = ',', value_parser = PossibleValuesParser::new(SCENARIOS))]
    pub only: Vec<String>,
}

/// The scenarios, by the names `--only` takes.
const SCENARIOS: [&str; 10] = [
    "page",
    "ceiling",
    "thread",
    "search",
    "lists",
    "signed-in",
    "supports",
    "login",
    "burst",
    "sizes",
];

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Serve) => {
            tracing_subscriber::fmt()
                .with_env_filter(
                    EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn")),
                )
                .init();
            // The same runtime and entry point as the `fforwm` binary.
            tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()?
                .block_on(api::cli::run(api::cli::Cli::parse_from([
                    "fforwm", "serve",
                ])))
        }
        Some(Command::Ceiling { database_url, bind }) => ceiling::serve(&database_url, &bind),
        None => tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?
            .block_on(run::run(cli.options)),
    }
}
