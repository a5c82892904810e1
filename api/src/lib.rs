//! Fforwm: the GraphQL backend for a town council's community forums.
//!
//! `Application::build` wires configuration, database, schema and HTTP server; tests start the
//! same `Application` on a free port.

pub mod auth;
pub mod cli;
pub mod clock;
pub mod config;
pub mod db;
pub mod error;
pub mod graphql;
pub mod http;
pub mod i18n;
pub mod ids;
pub mod request;
pub mod service;
pub mod state;

use std::{
    net::{SocketAddr, TcpListener},
    time::Duration,
};

use actix_web::{
    App, HttpServer,
    dev::{Server, ServerHandle},
    middleware::from_fn,
    web,
};
use rand::{TryRngCore, rngs::OsRng};
use tracing_actix_web::TracingLogger;

use crate::{
    auth::{jwt::TokenKeys, password::Passwords},
    http::{
        SchemaSdl, cors, edge::RequestSpan, ide::Ide, metrics::Metrics, security::SecurityHeaders,
        ws::LiveConnections,
    },
    service::{
        events::EventBus,
        mail::{self, unsubscribe::UnsubscribeKey},
    },
    state::AppState,
};
pub use crate::{
    config::{Config, Environment},
    db::{connect, migrate},
    error::AppError,
};

/// How long requests in flight have to finish once the process is told to stop.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(20);

pub struct Application {
    server: Server,
    local_addr: SocketAddr,
    shutdown: Shutdown,
}

/// Stops a running `Application` as SIGTERM does: WebSockets closed with 1001, no new
/// connections, requests in flight finished (within [`SHUTDOWN_GRACE`]).
#[derive(Clone)]
pub struct Shutdown {
    server: ServerHandle,
    live: web::Data<LiveConnections>,
}

impl Shutdown {
    pub async fn stop(&self) {
        tracing::info!("stopping: finishing the requests in flight");
        self.live.close_all();
        self.server.stop(true).await;
    }
}

impl Application {
    /// Connects to and migrates the database, then binds the listener. The server runs once
    /// `run` is awaited.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        i18n::verify().map_err(|problems| anyhow::anyhow!("the message catalogues: {problems}"))?;
        let secret = match config.jwt_secret_bytes()? {
            Some(secret) => secret,
            None => {
                tracing::warn!(
                    "FFORWM_JWT_SECRET is not set: using a random signing key for this process \
                     only. Every sign-in ends when it stops, and replicas cannot share sessions. \
                     Set FFORWM_JWT_SECRET (32 bytes or more) in production."
                );
                let mut secret = vec![0u8; 64];
                OsRng.try_fill_bytes(&mut secret)?;
                secret
            }
        };
        let bind = config.bind_addr()?;
        let metrics = Metrics::new()?;
        let mut db = db::connect_with_pool(&config.database_url, config.db_pool).await?;
        metrics.instrument(&mut db);
        db::migrate(&db).await?;
        let bus = EventBus::start(&db, &config).await?;
        let unsubscribe = UnsubscribeKey::new(&secret);
        mail::sender::start(&db, &config, unsubscribe.clone(), metrics.mail())?;
        let state = AppState::new(
            db,
            TokenKeys::new(&secret),
            Passwords::new().await?,
            bus,
            config.address_limits(),
            unsubscribe,
            config.auto_hide_reports,
        );
        let schemas = graphql::Schemas::build(state.clone(), config.introspection());
        let sdl = web::Data::new(SchemaSdl(config.introspection().then(graphql::sdl)));
        let metrics = web::Data::new(metrics);
        let ide = web::Data::new(Ide::new(config.introspection()));
        let trusted_proxies = web::Data::new(config.trusted_proxies.clone());
        let live = web::Data::new(LiveConnections::new(&config));
        let shutdown_live = live.clone();
        let state = web::Data::new(state);
        let schemas = web::Data::new(schemas);
        let caches = web::Data::new(http::graphql::Caches::default());
        let cors_origins = config.cors_origins.clone();
        let https_only = config.is_production();
        let request_timeout = Duration::from_secs(config.request_timeout_secs.max(1));

        let listener = TcpListener::bind(bind)?;
        let local_addr = listener.local_addr()?;
        let server = HttpServer::new(move || {
            let security_headers = SecurityHeaders::new(https_only);
            App::new()
                .app_data(state.clone())
                .app_data(schemas.clone())
                .app_data(caches.clone())
                .app_data(sdl.clone())
                .app_data(metrics.clone())
                .app_data(ide.clone())
                .app_data(trusted_proxies.clone())
                .app_data(live.clone())
                .wrap(from_fn(move |req, next| {
                    http::timeout::limit(request_timeout, req, next)
                }))
                .wrap(cors::middleware(&cors_origins))
                .wrap(from_fn(http::metrics::track))
                .wrap(from_fn(http::edge::answer_request_id))
                .wrap(TracingLogger::<RequestSpan>::new())
                .wrap(from_fn(move |req, next| {
                    security_headers.clone().add(req, next)
                }))
                .configure(http::routes)
        })
        .workers(config.workers.max(1))
        // Signals are handled in `run`, which closes the WebSockets first.
        .disable_signals()
        .shutdown_timeout(SHUTDOWN_GRACE.as_secs())
        .listen(listener)?
        .run();
        tracing::info!(%local_addr, "fforwm is listening");
        let shutdown = Shutdown {
            server: server.handle(),
            live: shutdown_live,
        };
        Ok(Self {
            server,
            local_addr,
            shutdown,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// What stops it as SIGTERM would (for tests).
    pub fn shutdown(&self) -> Shutdown {
        self.shutdown.clone()
    }

    /// Serves until the process is told to stop (SIGTERM or SIGINT) or `Shutdown::stop`, then
    /// drains gracefully.
    pub async fn run(self) -> std::io::Result<()> {
        let shutdown = self.shutdown.clone();
        let signals = tokio::spawn(async move {
            if stop_signal().await.is_ok() {
                shutdown.stop().await;
            }
        });
        let served = self.server.await;
        signals.abort();
        served
    }
}

/// SIGTERM (what Docker and systemd send) or SIGINT (Ctrl-C).
async fn stop_signal() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut term = signal(SignalKind::terminate())?;
        tokio::select! {
            _ = term.recv() => Ok(()),
            interrupted = tokio::signal::ctrl_c() => interrupted,
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await
    }
}
