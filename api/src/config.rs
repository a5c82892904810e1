//! Configuration: one struct, read from the command line and the environment once at start-up
//! and passed down. Nothing else reads the environment.

use std::{net::SocketAddr, path::PathBuf};

use clap::{Args, ValueEnum};

use crate::{
    http::{client_address::TrustedProxies, cors::AllowedOrigins},
    service::throttles::AddressLimits,
};

/// The shortest signing key accepted: HS256 wants at least 256 bits (RFC 7518 §3.2).
pub const MIN_JWT_SECRET_BYTES: usize = 32;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// For people reading a terminal.
    Text,
    /// One JSON object a line, with the request's span (and its `request_id`), for a log
    /// collector.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Environment {
    Development,
    /// HTTPS only (Strict-Transport-Security); no introspection, GraphQL IDE or "did you mean"
    /// suggestions unless `FFORWM_INTROSPECTION=true`.
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

    /// Key for signing access tokens (HS256), at least 32 bytes. Unset (and no
    /// `FFORWM_JWT_SECRET_FILE`): a random key per process.
    #[arg(long, env = "FFORWM_JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,

    /// A file holding the signing key instead (a Docker secret); trailing newlines are ignored.
    /// Setting both this and `FFORWM_JWT_SECRET` is refused.
    #[arg(long, env = "FFORWM_JWT_SECRET_FILE")]
    pub jwt_secret_file: Option<PathBuf>,

    /// `production` adds Strict-Transport-Security and turns off introspection, the IDE and
    /// field suggestions (unless `FFORWM_INTROSPECTION=true`).
    #[arg(long, env = "FFORWM_ENV", value_enum, default_value = "development")]
    pub environment: Environment,

    /// Serve introspection, field suggestions and the GraphQL IDE (`true` or `false`). Unset: on
    /// in development, off in production.
    #[arg(long, env = "FFORWM_INTROSPECTION")]
    pub introspection: Option<bool>,

    /// Origins of the browser apps that may call the API (CORS): comma-separated exact origins
    /// such as `https://forums.example.org`, or `*` for any. None by default.
    #[arg(
        long,
        env = "FFORWM_CORS_ORIGINS",
        default_value = "",
        value_parser = AllowedOrigins::parse
    )]
    pub cors_origins: AllowedOrigins,

    /// Proxies whose `X-Forwarded-For` gives the client's address: comma-separated addresses
    /// and CIDR blocks such as `10.0.0.0/8`. None by default (the peer is the client).
    #[arg(
        long,
        env = "FFORWM_TRUSTED_PROXIES",
        default_value = "",
        value_parser = TrustedProxies::parse
    )]
    pub trusted_proxies: TrustedProxies,

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

    /// Failed logins one client address may make in 10 minutes (then `RATE_LIMITED`); 0 for no
    /// limit.
    #[arg(long, env = "FFORWM_LOGIN_LIMIT_PER_ADDRESS", default_value_t = 30)]
    pub login_limit_per_address: u32,

    /// Registrations one client address may make in 10 minutes (then `RATE_LIMITED`); 0 for no
    /// limit.
    #[arg(long, env = "FFORWM_REGISTER_LIMIT_PER_ADDRESS", default_value_t = 10)]
    pub register_limit_per_address: u32,

    /// Seconds a request may take before it is stopped and answered with an error (WebSockets
    /// apart).
    #[arg(long, env = "FFORWM_REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    pub request_timeout_secs: u64,

    /// `json`: one JSON object per log line, each with the request id of the request it
    /// belongs to.
    #[arg(long, env = "FFORWM_LOG_FORMAT", value_enum, default_value = "text")]
    pub log_format: LogFormat,

    /// Live events held in each process for subscribers still working on earlier ones; one that
    /// falls further behind is ended.
    #[arg(long, env = "FFORWM_EVENT_BUFFER", default_value_t = 256)]
    pub event_buffer: usize,

    // Email (issue 14).
    /// The SMTP relay email goes through: `smtp://host:port` (plain, or STARTTLS with
    /// `?tls=required`), `smtps://host:465` (TLS), with `user:password@` where it asks.
    /// Unset: no email is sent (the server says so at start).
    #[arg(long, env = "FFORWM_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The sender of every email, e.g. `Fforwm <forum@council.example>`.
    #[arg(
        long,
        env = "FFORWM_MAIL_FROM",
        default_value = "Fforwm <no-reply@localhost>"
    )]
    pub mail_from: String,

    /// Where people reach the forums: links in emails are this followed by a path.
    #[arg(
        long,
        env = "FFORWM_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub public_url: String,

    /// Milliseconds between the sender's looks at the outbox (and at digests that are due).
    #[arg(long, env = "FFORWM_MAIL_POLL_MS", default_value_t = 10_000)]
    pub mail_poll_ms: u64,

    /// The clock the sender keeps time by; tests move it on.
    #[arg(skip)]
    pub mail_clock: crate::clock::Clock,

    /// Open reports by this many different people hide an item at once, until a clerk looks
    /// (issue 13). Council responses and council members' comments are never hidden this way.
    #[arg(
        long,
        env = "FFORWM_AUTO_HIDE_REPORTS",
        default_value_t = 3,
        value_parser = clap::value_parser!(u32).range(1..)
    )]
    pub auto_hide_reports: u32,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "the JWT signing key (FFORWM_JWT_SECRET or FFORWM_JWT_SECRET_FILE) is {0} bytes long; it \
         must be at least {MIN_JWT_SECRET_BYTES} bytes (generate one with `openssl rand -base64 48`)"
    )]
    JwtSecretTooShort(usize),
    #[error("FFORWM_BIND `{0}` is not a socket address such as 127.0.0.1:8080")]
    BadBind(String),
    #[error(
        "FFORWM_JWT_SECRET and FFORWM_JWT_SECRET_FILE are both set: set one (the file, for Docker \
         secrets)"
    )]
    TwoJwtSecrets,
    #[error("FFORWM_JWT_SECRET_FILE `{path}` cannot be read: {source}")]
    JwtSecretFile {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Config {
    /// The defaults, on the given database.
    pub fn new(database_url: impl Into<String>) -> Self {
        Self {
            database_url: database_url.into(),
            bind: "127.0.0.1:8080".to_string(),
            jwt_secret: None,
            jwt_secret_file: None,
            environment: Environment::Development,
            introspection: None,
            cors_origins: AllowedOrigins::None,
            trusted_proxies: TrustedProxies::default(),
            workers: 2,
            db_pool: 10,
            ws_connections_per_address: 32,
            ws_init_timeout_ms: 10_000,
            event_buffer: 256,
            request_timeout_secs: 30,
            log_format: LogFormat::Text,
            login_limit_per_address: 30,
            register_limit_per_address: 10,
            smtp_url: None,
            mail_from: "Fforwm <no-reply@localhost>".to_string(),
            public_url: "http://127.0.0.1:8080".to_string(),
            mail_poll_ms: 10_000,
            mail_clock: crate::clock::Clock::default(),
            auto_hide_reports: 3,
        }
    }

    pub fn address_limits(&self) -> AddressLimits {
        AddressLimits {
            logins: self.login_limit_per_address,
            registrations: self.register_limit_per_address,
        }
    }

    pub fn bind_addr(&self) -> Result<SocketAddr, ConfigError> {
        self.bind
            .parse()
            .map_err(|_| ConfigError::BadBind(self.bind.clone()))
    }

    /// The configured signing key (from the variable or the file), or `None` when one must be
    /// generated for this process.
    pub fn jwt_secret_bytes(&self) -> Result<Option<Vec<u8>>, ConfigError> {
        let secret = match (&self.jwt_secret, &self.jwt_secret_file) {
            (Some(_), Some(_)) => return Err(ConfigError::TwoJwtSecrets),
            (None, None) => return Ok(None),
            (Some(secret), None) => secret.as_bytes().to_vec(),
            (None, Some(path)) => {
                let mut secret =
                    std::fs::read(path).map_err(|source| ConfigError::JwtSecretFile {
                        path: path.clone(),
                        source,
                    })?;
                // Editors and `echo` end files with a newline that is no part of the key.
                while secret.last().is_some_and(|b| matches!(b, b'\n' | b'\r')) {
                    secret.pop();
                }
                secret
            }
        };
        if secret.len() < MIN_JWT_SECRET_BYTES {
            return Err(ConfigError::JwtSecretTooShort(secret.len()));
        }
        Ok(Some(secret))
    }

    pub fn is_production(&self) -> bool {
        self.environment == Environment::Production
    }

    /// Introspection, suggestions and the IDE: as configured, else on outside production.
    pub fn introspection(&self) -> bool {
        self.introspection.unwrap_or(!self.is_production())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::io::Write;

    use super::{Config, ConfigError};

    const SECRET: &str = "a-signing-key-of-well-over-thirty-two-bytes";

    fn with_file(contents: &[u8]) -> (Config, tempfile::NamedTempFile) {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(contents).unwrap();
        let mut config = Config::new("sqlite::memory:");
        config.jwt_secret_file = Some(file.path().to_path_buf());
        (config, file)
    }

    #[test]
    fn the_secret_file_loses_its_trailing_newlines_only() {
        for contents in [
            format!("{SECRET}\n"),
            format!("{SECRET}\r\n"),
            format!("{SECRET}\n\n"),
            SECRET.to_string(),
        ] {
            let (config, _file) = with_file(contents.as_bytes());
            let secret = config.jwt_secret_bytes().unwrap().unwrap();
            assert_eq!(secret, SECRET.as_bytes(), "{contents:?}");
        }
        let (config, _file) = with_file(format!(" {SECRET} \n").as_bytes());
        let secret = config.jwt_secret_bytes().unwrap().unwrap();
        assert_eq!(secret, format!(" {SECRET} ").as_bytes());
    }

    #[test]
    fn the_secret_file_is_checked_like_the_variable() {
        let (config, _file) = with_file(b"short\n");
        assert!(matches!(
            config.jwt_secret_bytes(),
            Err(ConfigError::JwtSecretTooShort(5))
        ));
        let (mut config, _file) = with_file(SECRET.as_bytes());
        config.jwt_secret = Some(SECRET.to_string());
        let error = config.jwt_secret_bytes().unwrap_err();
        assert!(matches!(error, ConfigError::TwoJwtSecrets));
        assert!(error.to_string().contains("FFORWM_JWT_SECRET_FILE"));

        let mut config = Config::new("sqlite::memory:");
        config.jwt_secret_file = Some("/nonexistent/jwt_secret".into());
        let error = config.jwt_secret_bytes().unwrap_err().to_string();
        assert!(error.contains("/nonexistent/jwt_secret"), "{error}");
    }

    #[test]
    fn introspection_follows_the_environment_unless_set() {
        let mut config = Config::new("sqlite::memory:");
        assert!(config.introspection());
        config.environment = super::Environment::Production;
        assert!(!config.introspection());
        config.introspection = Some(true);
        assert!(config.introspection());
        config.environment = super::Environment::Development;
        config.introspection = Some(false);
        assert!(!config.introspection());
    }
}
