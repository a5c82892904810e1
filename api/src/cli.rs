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
    /// Fill the database with realistic demo data.
    SeedDemo {
        /// Multiplies the base size.
        #[arg(long, default_value_t = 1)]
        scale: u32,
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
        Command::SeedDemo { scale } => {
            let db = db::connect(&config.database_url).await?;
            db::migrate(&db).await?;
            demo::seed(&db, scale)
                .await
                .map_err(|err| anyhow::anyhow!("{err}"))?;
        }
        Command::ExportSchema => print!("{}", graphql::sdl()),
    }
    Ok(())
}

fn read_password() -> anyhow::Result<String> {
    eprintln!("password (one line on standard input):");
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}
