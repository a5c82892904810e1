//! Prometheus metrics: request counts and latencies by route and status, SQL statements, and
//! emails sent and given up.

use std::time::Instant;

use actix_web::{
    Error, HttpResponse,
    body::MessageBody,
    dev::{ServiceRequest, ServiceResponse},
    middleware::Next,
    web,
};
use prometheus::{
    Encoder, Histogram, HistogramOpts, HistogramVec, IntCounter, IntCounterVec, Opts, Registry,
    TextEncoder,
};
use sea_orm::DatabaseConnection;

use crate::service::mail::sender::MailCounters;

#[derive(Clone)]
pub struct Metrics {
    registry: Registry,
    requests: IntCounterVec,
    latency: HistogramVec,
    db_statements: IntCounter,
    db_latency: Histogram,
    mail: MailCounters,
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
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(latency.clone()))?;
        registry.register(Box::new(db_statements.clone()))?;
        registry.register(Box::new(db_latency.clone()))?;
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
            mail,
        })
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

pub async fn render(metrics: web::Data<Metrics>) -> HttpResponse {
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
