//! Configuration: one struct, read from the command line and the environment once at start-up
//! and passed down. Nothing else reads the environment.

use std::net::SocketAddr;

use clap::{Args, ValueEnum};

/// The shortest signing key accepted: HS256 wants at least 256 bits (RFC 7518 §3.2).
pub const MIN_JWT_SECRET_BYTES: usize = 32;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Environment {
    Development,
    /// No introspection, no GraphQL IDE, no "did you mean" suggestions.
    Production,
}

#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Database URL: `sqlite://file.db?mode=rwc` or `postgres://user@host/db`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://fforwm.db?mode=rwc"
    )]
    pub database_url: String,

    /// Address the HTTP server listens on.
    #[arg(long, env = "FFORWM_BIND", default_value = "127.0.0.1:8080")]
    pub bind: String,

    /// Key for signing access tokens (HS256), at least 32 bytes. Unset: a random key per process.
    #[arg(long, env = "FFORWM_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,

    /// `production` turns off introspection, the IDE and field suggestions.
    #[arg(long, env = "FFORWM_ENV", value_enum, default_value = "development")]
    pub environment: Environment,

    /// HTTP worker threads.
    #[arg(long, env = "FFORWM_WORKERS", default_value_t = 2)]
    pub workers: usize,

    /// Largest database connection pool.
    #[arg(long, env = "FFORWM_DB_POOL", default_value_t = 10)]
    pub db_pool: u32,

    /// Live (WebSocket) connections one client address may hold open at once.
    #[arg(long, env = "FFORWM_WS_CONNECTIONS_PER_ADDRESS", default_value_t = 32)]
    pub ws_connections_per_address: usize,

    /// Milliseconds a new WebSocket has to send `connection_init` before it is closed (4408).
    #[arg(long, env = "FFORWM_WS_INIT_TIMEOUT_MS", default_value_t = 10_000)]
    pub ws_init_timeout_ms: u64,

    /// Live events held in each process for subscribers still working on earlier ones; one that
    /// falls further behind is ended.
    #[arg(long, env = "FFORWM_EVENT_BUFFER", default_value_t = 256)]
    pub event_buffer: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "FFORWM_JWT_SECRET is {0} bytes long; it must be at least {MIN_JWT_SECRET_BYTES} bytes \
         (generate one with `openssl rand -base64 48`)"
    )]
    JwtSecretTooShort(usize),
    #[error("FFORWM_BIND `{0}` is not a socket address such as 127.0.0.1:8080")]
    BadBind(String),
}

impl Config {
    /// The defaults, on the given database.
    pub fn new(database_url: impl Into<String>) -> Self {
        Self {
            database_url: database_url.into(),
            bind: "127.0.0.1:8080".to_string(),
            jwt_secret: None,
            environment: Environment::Development,
            workers: 2,
            db_pool: 10,
            ws_connections_per_address: 32,
            ws_init_timeout_ms: 10_000,
            event_buffer: 256,
        }
    }

    pub fn bind_addr(&self) -> Result<SocketAddr, ConfigError> {
        self.bind
            .parse()
            .map_err(|_| ConfigError::BadBind(self.bind.clone()))
    }

    /// The configured signing key, or `None` when one must be generated for this process.
    pub fn jwt_secret_bytes(&self) -> Result<Option<Vec<u8>>, ConfigError> {
        match &self.jwt_secret {
            None => Ok(None),
            Some(secret) if secret.len() < MIN_JWT_SECRET_BYTES => {
                Err(ConfigError::JwtSecretTooShort(secret.len()))
            }
            Some(secret) => Ok(Some(secret.as_bytes().to_vec())),
        }
    }

    pub fn is_production(&self) -> bool {
        self.environment == Environment::Production
    }
}
