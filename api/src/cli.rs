//! The command line: `serve` (the default), `migrate`, `create-user`, `seed-demo`,
//! `export-schema`.

use std::io::BufRead;

use clap::{Parser, Subcommand, ValueEnum};
use entity::Role;

use crate::{
    Application,
    config::Config,
    db, graphql,
    service::{
        accounts::{self, NewAccount},
        demo,
    },
};

#[derive(Debug, Parser)]
#[command(
    name = "fforwm",
    version,
    about = "Fforwm: community forums for a town council"
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database and serve the API (the default).
    Serve,
    /// Apply pending migrations and exit.
    Migrate,
    /// Make an ACTIVE account of any role; the password comes from FFORWM_PASSWORD or stdin.
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        display_name: String,
        #[arg(long, value_enum, default_value = "resident")]
        role: CliRole,
        /// The new account's password; read from standard input when unset.
        #[arg(long, env = "FFORWM_PASSWORD", hide_env_values = true)]
        password: Option<String>,
    },
    /// Fill the database with a realistic bilingual demo town (nothing more if it has one).
    SeedDemo {
        /// The town's size: 1 is about 3,000 people and 5,000 proposals; 0.01 a tiny one.
        #[arg(long, default_value_t = 1.0, value_parser = parse_scale)]
        scale: f64,
        /// The random generator's seed: the same seed and scale make the same town.
        #[arg(long, default_value_t = demo::DEFAULT_SEED)]
        seed: u64,
        /// Seed even when FFORWM_ENV=production (every demo account has the same, published
        /// password).
        #[arg(long)]
        force: bool,
    },
    /// Print the schema as SDL (the text of api/schema.graphql).
    ExportSchema,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CliRole {
    Resident,
    Youth,
    Councillor,
    Clerk,
}

impl From<CliRole> for Role {
    fn from(role: CliRole) -> Self {
        match role {
            CliRole::Resident => Role::Resident,
            CliRole::Youth => Role::Youth,
            CliRole::Councillor => Role::Councillor,
            CliRole::Clerk => Role::Clerk,
        }
    }
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = cli.config;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => Application::build(config).await?.run().await?,
        Command::Migrate => {
            let db = db::connect(&config.database_url).await?;
            db::migrate(&db).await?;
            println!("migrations applied");
        }
        Command::CreateUser {
            email,
            display_name,
            role,
            password,
        } => {
            let password = match password {
                Some(password) => password,
                None => read_password()?,
            };
            let db = db::connect(&config.database_url).await?;
            db::migrate(&db).await?;
            let user = accounts::create_user(
                &db,
                NewAccount {
                    email,
                    display_name,
                    role: role.into(),
                    password,
                },
            )
            .await
            .map_err(|err| anyhow::anyhow!("{err}"))?;
            println!(
                "created {:?} account {} ({})",
                user.role,
                user.email.unwrap_or_default(),
                crate::ids::UserId(user.id).to_global()
            );
        }
        Command::SeedDemo { scale, seed, force } => {
            if config.is_production() && !force {
                anyhow::bail!(
                    "refusing to seed demo data: FFORWM_ENV is production, and every demo \
                     account signs in with the published password {}; pass --force to seed \
                     anyway",
                    demo::DEMO_PASSWORD
                );
            }
            let db = db::connect(&config.database_url).await?;
            db::migrate(&db).await?;
            let outcome = demo::seed(&db, &demo::SeedOptions { scale, seed })
                .await
                .map_err(|err| anyhow::anyhow!("{err}"))?;
            print_seeding(&outcome);
        }
        Command::ExportSchema => print!("{}", graphql::sdl()),
    }
    Ok(())
}

fn parse_scale(raw: &str) -> Result<f64, String> {
    let scale: f64 = raw
        .parse()
        .map_err(|_| format!("`{raw}` is not a number such as 1, 10 or 0.01"))?;
    if scale > 0.0 && scale <= demo::MAX_SCALE {
        Ok(scale)
    } else {
        Err(format!(
            "the scale must be above 0 and at most {}",
            demo::MAX_SCALE
        ))
    }
}

fn print_seeding(outcome: &demo::Outcome) {
    match outcome {
        demo::Outcome::Seeded(summary) => {
            println!("demo town at scale {}:", summary.scale);
            for (table, rows) in &summary.counts {
                println!("  {table:<26} {rows:>9}");
            }
            println!(
                "{} rows in {:.1} s ({:.0} rows/s)",
                summary.rows,
                summary.elapsed.as_secs_f64(),
                summary.rows_per_second()
            );
        }
        demo::Outcome::AlreadySeeded(previous) => {
            let scale = previous.scale.map_or_else(
                || "an earlier version".to_string(),
                |s| format!("scale {s}"),
            );
            println!(
                "this database already has demo data (seeded at {scale}); nothing was added. \
                 Seed an empty database for another town."
            );
        }
    }
    println!("sign in with the password {}:", demo::DEMO_PASSWORD);
    for (email, role) in demo::sign_in_accounts() {
        println!("  {:<11} {email}", format!("{role:?}").to_lowercase());
    }
}

fn read_password() -> anyhow::Result<String> {
    eprintln!("password (one line on standard input):");
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}
