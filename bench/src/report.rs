//! The figures, as markdown tables ready for the README.

use std::time::Duration;

use crate::{Options, load::Run};

/// One line of the table.
pub struct Row {
    pub scenario: String,
    pub run: Run,
    pub statements: Option<f64>,
    pub peak_mib: Option<f64>,
}

/// The burst's figures.
pub struct Burst {
    pub quiet_p99: f64,
    pub burst_p99: f64,
    pub logins: usize,
    pub failed: usize,
    pub took: Duration,
    pub peak_mib: Option<f64>,
}

/// What the figures were measured on.
pub struct Setting {
    pub town: String,
    pub postgres: String,
    /// The server's resident memory once it had started.
    pub started_mib: Option<f64>,
}

pub fn print_report(
    options: &Options,
    setting: &Setting,
    rows: &[Row],
    statements: &[(i64, f64, f64)],
    burst: Option<&Burst>,
) {
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    println!();
    println!("## Fforwm benchmark at scale {}", options.scale);
    println!();
    println!(
        "{}; {} clients; {} s per scenario after {} s of warm-up; {cores} cores shared by the \
         server, PostgreSQL {} and the clients.",
        setting.town, options.clients, options.duration, options.warmup, setting.postgres
    );
    println!();
    println!("| scenario | req/s | p50 ms | p99 ms | SQL/request | peak MiB | errors |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    for row in rows {
        let statements = match (row.statements, row.scenario.contains("ceiling")) {
            (Some(n), _) => format!("{n:.1}"),
            (None, true) => "2".to_string(),
            (None, false) => "?".to_string(),
        };
        println!(
            "| {} | {:.0} | {:.1} | {:.1} | {statements} | {} | {} |",
            row.scenario,
            row.run.requests_per_second(),
            row.run.quantile_ms(0.5, |_| true),
            row.run.quantile_ms(0.99, |_| true),
            row.peak_mib.map_or("?".to_string(), |m| format!("{m:.0}")),
            row.run.errors(),
        );
    }
    let find = |name: &str| rows.iter().find(|row| row.scenario.starts_with(name));
    if let (Some(fforwm), Some(ceiling), Some(signed_in)) = (
        find("forum page, anonymous"),
        find("forum page, the ceiling"),
        find("forum page, signed in"),
    ) {
        println!();
        println!(
            "Forum page, anonymous: {:.2}× the ceiling's throughput, p99 {:.1}× the ceiling's. \
             Signed in: {:.2}× the anonymous throughput.",
            fforwm.run.requests_per_second() / ceiling.run.requests_per_second(),
            fforwm.run.quantile_ms(0.99, |_| true) / ceiling.run.quantile_ms(0.99, |_| true),
            signed_in.run.requests_per_second() / fforwm.run.requests_per_second(),
        );
    }
    if !statements.is_empty() {
        println!();
        println!("| forum page size | SQL statements, anonymous | SQL statements, signed in |");
        println!("| ---: | ---: | ---: |");
        for (first, anonymous, signed_in) in statements {
            println!("| {first} | {anonymous:.1} | {signed_in:.1} |");
        }
    }
    if let Some(burst) = burst {
        println!();
        println!(
            "Burst of {} concurrent logins ({} failed) during the anonymous forum page: they took \
         {:.1} s; the page's p99 went from {:.1} ms to {:.1} ms ({:.1}×); server peak memory \
         {} MiB.",
            burst.logins,
            burst.failed,
            burst.took.as_secs_f64(),
            burst.quiet_p99,
            burst.burst_p99,
            burst.burst_p99 / burst.quiet_p99,
            burst
                .peak_mib
                .map_or("?".to_string(), |m| format!("{m:.0}")),
        );
    }
    let peak = rows
        .iter()
        .filter(|row| !row.scenario.contains("ceiling"))
        .filter_map(|row| row.peak_mib)
        .chain(burst.and_then(|b| b.peak_mib))
        .fold(f64::NAN, f64::max);
    println!();
    println!(
        "Server memory: {} MiB once started, {peak:.0} MiB at its peak over the whole run.",
        setting
            .started_mib
            .map_or("?".to_string(), |m| format!("{m:.0}"))
    );
}
