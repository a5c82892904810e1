//! The benchmark's own PostgreSQL database, one per scale, seeded once and kept for later runs.

use anyhow::Context;
use api::{
    db::with_database,
    service::demo::{self, Outcome, SeedOptions},
};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, Statement};

/// `fforwm_bench_s1`, `fforwm_bench_s10`, `fforwm_bench_s0_01`.
pub fn name(scale: f64) -> String {
    format!("fforwm_bench_s{}", scale.to_string().replace('.', "_"))
}

/// The URL of a database seeded at `scale`: reused when it is, made and seeded when not.
pub async fn prepare(admin_url: &str, scale: f64, reseed: bool) -> anyhow::Result<String> {
    let name = name(scale);
    let url = with_database(admin_url, &name);
    let admin = connect(admin_url)
        .await
        .with_context(|| format!("connecting to PostgreSQL at {admin_url}"))?;
    let exists = admin
        .query_one_raw(Statement::from_sql_and_values(
            admin.get_database_backend(),
            "SELECT 1 AS found FROM pg_database WHERE datname = $1",
            [name.clone().into()],
        ))
        .await?
        .is_some();
    if exists && !reseed {
        let db = connect(&url).await?;
        api::migrate(&db).await?;
        let previous = demo::previous(&db).await?;
        db.close().await?;
        if previous.and_then(|p| p.scale) == Some(scale) {
            eprintln!("reusing {name}, seeded at scale {scale}");
            admin.close().await?;
            return Ok(url);
        }
    }
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .await?;
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await?;
    admin.close().await?;

    let db = connect(&url).await?;
    api::migrate(&db).await?;
    eprintln!("seeding {name} at scale {scale}");
    let options = SeedOptions {
        scale,
        ..SeedOptions::default()
    };
    match demo::seed(&db, &options).await? {
        Outcome::Seeded(summary) => eprintln!(
            "seeded {} rows in {:.1} s ({:.0} rows/s)",
            summary.rows,
            summary.elapsed.as_secs_f64(),
            summary.rows_per_second()
        ),
        Outcome::AlreadySeeded(_) => anyhow::bail!("{name} was seeded meanwhile"),
    }
    // Fresh statistics, as a database that has lived with its data would have.
    db.execute_unprepared("VACUUM ANALYZE").await?;
    db.close().await?;
    Ok(url)
}

pub async fn connect(url: &str) -> anyhow::Result<DatabaseConnection> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(2)
        .min_connections(0)
        .sqlx_logging(false);
    Ok(Database::connect(options).await?)
}

#[cfg(test)]
mod tests {
    use super::name;

    #[test]
    fn one_database_per_scale() {
        assert_eq!(name(1.0), "fforwm_bench_s1");
        assert_eq!(name(10.0), "fforwm_bench_s10");
        assert_eq!(name(0.01), "fforwm_bench_s0_01");
    }
}
