//! The HTTP surface: GraphQL over HTTP, health, readiness, metrics and the schema file, with
//! the headers every response carries (CORS, security) and the client's address.

pub mod client_address;
pub mod cors;
pub mod edge;
pub mod graphql;
pub mod ide;
pub mod mail;
pub mod metrics;
pub mod persisted;
pub mod reports;
pub mod security;
pub mod timeout;
pub mod ws;

use actix_web::{HttpResponse, guard, web};
use sea_orm::ConnectionTrait;

use crate::state::AppState;

/// Request bodies larger than this are refused with 413.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.app_data(web::PayloadConfig::new(MAX_BODY_BYTES))
        .service(
            web::resource("/graphql")
                .route(web::post().to(graphql::post))
                .route(
                    web::get()
                        .guard(guard::fn_guard(|ctx| {
                            ctx.head()
                                .headers()
                                .get(actix_web::http::header::UPGRADE)
                                .and_then(|v| v.to_str().ok())
                                .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
                        }))
                        .to(ws::subscribe),
                )
                .route(web::get().to(graphql::get)),
        )
        .route("/health", web::get().to(health))
        .route("/ready", web::get().to(ready))
        .route("/metrics", web::get().to(metrics::render))
        .route("/schema.graphql", web::get().to(schema_sdl))
        .route(
            "/reports/strategies/{file}",
            web::get().to(reports::strategy_report),
        )
        .configure(mail::routes);
}

/// The process is up.
async fn health() -> HttpResponse {
    HttpResponse::Ok().json(serde_json::json!({ "status": "ok" }))
}

/// The database answers.
async fn ready(state: web::Data<AppState>) -> HttpResponse {
    match state.db.execute_unprepared("SELECT 1").await {
        Ok(_) => HttpResponse::Ok().json(serde_json::json!({ "status": "ready" })),
        Err(err) => {
            tracing::error!(error = %err, "readiness check failed");
            HttpResponse::ServiceUnavailable().json(serde_json::json!({ "status": "unavailable" }))
        }
    }
}

async fn schema_sdl(sdl: web::Data<SchemaSdl>) -> HttpResponse {
    match &sdl.0 {
        Some(text) => HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .body(text.clone()),
        None => HttpResponse::NotFound().finish(),
    }
}

/// The SDL text, rendered once at start-up; `None` where introspection is off, since the file
/// tells all that introspection would.
pub struct SchemaSdl(pub Option<String>);
