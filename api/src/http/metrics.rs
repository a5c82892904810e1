//! Prometheus metrics: HTTP requests by route and status; GraphQL operations by name and
//! outcome, with their latencies; errors by code and throttle refusals; the document cache;
//! the database pool; live connections and operations; SQL statements; emails sent and given
//! up. Labels come from bounded sets only (routes, codes, and at most [`MAX_OPERATION_NAMES`]
//! operation names, then `other`).

use std::{
    collections::HashSet,
    sync::{Arc, Mutex, PoisonError},
    time::Instant,
};

use actix_web::{
    Error, HttpResponse,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    middleware::Next,
    web,
};
use async_graphql::Response;
use prometheus::{
    Encoder, Histogram, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, IntGauge,
    IntGaugeVec, Opts, Registry, TextEncoder,
};
use sea_orm::{DatabaseBackend, DatabaseConnection};

use super::ws::LiveConnections;
use crate::{service::mail::sender::MailCounters, state::AppState};

/// Distinct operation names given labels of their own; later ones are counted as `other`, so
/// that clients cannot grow the label set without bound.
pub const MAX_OPERATION_NAMES: usize = 200;

#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    db_statements: IntCounter,
    db_latency: Histogram,
    operations: IntCounterVec,
    operation_latency: HistogramVec,
    errors: IntCounterVec,
    throttle_refusals: IntCounter,
    documents: IntCounterVec,
    pool: IntGaugeVec,
    live_connections: IntGauge,
    live_operations: IntGauge,
    operation_names: Arc<Mutex<HashSet<String>>>,
    mail: MailCounters,
}

/// What became of one GraphQL operation over HTTP.
pub struct OperationOutcome<'a> {
    /// Its name, if it has one and ran.
    pub name: Option<String>,
    /// Refused before it ran (parse, validation, limits).
    pub rejected: bool,
    /// Its document came from the cache.
    pub cached: bool,
    pub response: &'a Response,
    pub seconds: f64,
}

impl Metrics {
    pub fn new() -> Result<Self, prometheus::Error> {
        let registry = Registry::new_custom(Some("fforwm".to_string()), None)?;
        let requests = IntCounterVec::new(
            Opts::new(
                "http_requests_total",
                "HTTP requests by method, route and status",
            ),
            &["method", "route", "status"],
        )?;
        let latency = HistogramVec::new(
            HistogramOpts::new(
                "http_request_duration_seconds",
                "HTTP request latency by route",
            )
            .buckets(vec![
                0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ]),
            &["method", "route"],
        )?;
        let db_statements =
            IntCounter::new("db_statements_total", "SQL statements sent to the database")?;
        let db_latency = Histogram::with_opts(
            HistogramOpts::new("db_statement_duration_seconds", "SQL statement latency")
                .buckets(vec![0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0]),
        )?;
        let operations = IntCounterVec::new(
            Opts::new(
                "graphql_operations_total",
                "GraphQL operations over HTTP by operation name and outcome (ok, errors: ran \
                 with errors, rejected: refused before running)",
            ),
            &["operation", "outcome"],
        )?;
        let operation_latency = HistogramVec::new(
            HistogramOpts::new(
                "graphql_operation_duration_seconds",
                "GraphQL operation latency by operation name",
            )
            .buckets(vec![
                0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
            ]),
            &["operation"],
        )?;
        let errors = IntCounterVec::new(
            Opts::new("graphql_errors_total", "GraphQL errors by extensions.code"),
            &["code"],
        )?;
        let throttle_refusals = IntCounter::new(
            "throttle_refusals_total",
            "Attempts refused by a throttle (RATE_LIMITED): logins, registrations",
        )?;
        let documents = IntCounterVec::new(
            Opts::new(
                "graphql_document_cache_total",
                "Documents taken from the cache of validated documents (hit) or parsed (miss)",
            ),
            &["result"],
        )?;
        let pool = IntGaugeVec::new(
            Opts::new(
                "db_pool_connections",
                "Database pool connections in use and idle",
            ),
            &["state"],
        )?;
        let live_connections = IntGauge::new("live_connections", "Open WebSocket connections")?;
        let live_operations = IntGauge::new(
            "live_operations",
            "Operations (subscriptions mostly) running on WebSocket connections",
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(db_statements.clone()))?;
        registry.register(Box::new(db_latency.clone()))?;
        registry.register(Box::new(operations.clone()))?;
        registry.register(Box::new(operation_latency.clone()))?;
        registry.register(Box::new(errors.clone()))?;
        registry.register(Box::new(throttle_refusals.clone()))?;
        registry.register(Box::new(documents.clone()))?;
        registry.register(Box::new(pool.clone()))?;
        registry.register(Box::new(live_connections.clone()))?;
        registry.register(Box::new(live_operations.clone()))?;
        let mail = MailCounters {
            sent: IntCounter::new("emails_sent_total", "Emails the SMTP relay accepted")?,
            failed: IntCounter::new(
                "emails_failed_total",
                "Emails given up after a day of failed attempts",
            )?,
        };
        registry.register(Box::new(mail.sent.clone()))?;
        registry.register(Box::new(mail.failed.clone()))?;
        Ok(Self {
            registry,
            requests,
            latency,
            db_statements,
            db_latency,
            operations,
            operation_latency,
            errors,
            throttle_refusals,
            documents,
            pool,
            live_connections,
            live_operations,
            operation_names: Arc::default(),
            mail,
        })
    }

    /// Counts one GraphQL operation, its errors by code and its throttle refusals.
    pub fn operation(&self, outcome: &OperationOutcome<'_>) {
        let name = match &outcome.name {
            Some(name) => self.operation_label(name),
            None if outcome.rejected => "-".to_string(),
            None => "anonymous".to_string(),
        };
        let result = if outcome.rejected {
            "rejected"
        } else if outcome.response.errors.is_empty() {
            "ok"
        } else {
            "errors"
        };
        self.operations.with_label_values(&[&name, result]).inc();
        self.operation_latency
            .with_label_values(&[&name])
            .observe(outcome.seconds);
        let cache = if outcome.cached { "hit" } else { "miss" };
        self.documents.with_label_values(&[cache]).inc();
        for error in &outcome.response.errors {
            let code = error
                .extensions
                .as_ref()
                .and_then(|extensions| extensions.get("code"))
                .and_then(|code| match code {
                    async_graphql::Value::String(code) => Some(code.as_str()),
                    _ => None,
                })
                .unwrap_or("none");
            self.errors.with_label_values(&[code]).inc();
            if code == "RATE_LIMITED" {
                self.throttle_refusals.inc();
            }
        }
    }

    /// `name` if it has a label already or there is room for one, else `other`.
    fn operation_label(&self, name: &str) -> String {
        let mut names = self
            .operation_names
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if names.contains(name) || names.len() < MAX_OPERATION_NAMES {
            names.insert(name.to_string());
            name.to_string()
        } else {
            "other".to_string()
        }
    }

    /// The gauges, read as the metrics are scraped.
    fn sample(&self, db: &DatabaseConnection, live: &LiveConnections) {
        let (size, idle) = match db.get_database_backend() {
            DatabaseBackend::Postgres => {
                let pool = db.get_postgres_connection_pool();
                (pool.size() as usize, pool.num_idle())
            }
            DatabaseBackend::Sqlite => {
                let pool = db.get_sqlite_connection_pool();
                (pool.size() as usize, pool.num_idle())
            }
            _ => (0, 0),
        };
        let gauge = |value: usize| i64::try_from(value).unwrap_or(i64::MAX);
        self.pool
            .with_label_values(&["in_use"])
            .set(gauge(size.saturating_sub(idle)));
        self.pool.with_label_values(&["idle"]).set(gauge(idle));
        let (connections, operations) = live.counts();
        self.live_connections.set(gauge(connections));
        self.live_operations.set(gauge(operations));
    }

    /// The email sender's counters, registered here.
    pub fn mail(&self) -> MailCounters {
        self.mail.clone()
    }

    /// Counts and times every statement on this connection (and its transactions).
    pub fn instrument(&self, db: &mut DatabaseConnection) {
        let statements = self.db_statements.clone();
        let latency = self.db_latency.clone();
        db.set_metric_callback(move |info| {
            statements.inc();
            latency.observe(info.elapsed.as_secs_f64());
        });
    }
}

/// Middleware: counts and times every request under its route pattern (never the raw path,
/// which would let clients grow the label set without bound).
pub async fn track(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let metrics = req.app_data::<web::Data<Metrics>>().cloned();
    let method = req.method().to_string();
    let route = req
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_string());
    let response = next.call(req).await?;
    if let Some(metrics) = metrics {
        let status = response.status().as_u16().to_string();
        metrics
            .requests
            .with_label_values(&[method.as_str(), route.as_str(), status.as_str()])
            .inc();
        metrics
            .latency
            .with_label_values(&[method.as_str(), route.as_str()])
            .observe(started.elapsed().as_secs_f64());
    }
    Ok(response)
}

pub async fn render(
    metrics: web::Data<Metrics>,
    state: web::Data<AppState>,
    live: web::Data<LiveConnections>,
) -> HttpResponse {
    metrics.sample(&state.db, &live);
    let mut buffer = Vec::new();
    match TextEncoder::new().encode(&metrics.registry.gather(), &mut buffer) {
        Ok(()) => HttpResponse::Ok()
            .content_type("text/plain; version=0.0.4; charset=utf-8")
            .body(buffer),
        Err(err) => {
            tracing::error!(error = %err, "encoding metrics failed");
            HttpResponse::InternalServerError().finish()
        }
    }
}
