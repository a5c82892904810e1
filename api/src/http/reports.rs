//! `GET /reports/strategies/<id>.md|.csv|.json`: the strategy reports as files, under the same
//! visibility as `strategyReport` (send the bearer token for a draft strategy).

use actix_web::{HttpRequest, HttpResponse, http::header, web};
use chrono::Utc;
use entity::Language;

use crate::{
    auth::viewer::{Credentials, resolve},
    error::AppError,
    graphql::context::parse_accept_language,
    ids::{NodeKind, decode},
    service::reports::{self, Format},
    state::AppState,
};

pub async fn strategy_report(
    req: HttpRequest,
    file: web::Path<String>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let Some((id, format, content_type)) = parse(&file) else {
        return HttpResponse::NotFound().finish();
    };
    let authorization = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let credentials = Credentials::from_bearer(authorization, &state.tokens, Utc::now());
    let viewer = match resolve(&state.db, &credentials).await {
        Ok(viewer) => viewer,
        Err(_) => return HttpResponse::Unauthorized().body("invalid or expired token"),
    };
    let language = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(parse_accept_language)
        .or(viewer.preferred_language())
        .unwrap_or(Language::En);
    match reports::render(&state.db, &viewer, id, format, language).await {
        Ok(body) => HttpResponse::Ok().content_type(content_type).body(body),
        Err(AppError::NotFound) => HttpResponse::NotFound().finish(),
        Err(err) => {
            let code = err.code();
            if let AppError::Internal(source) = &err {
                tracing::error!(error = ?source, "rendering a strategy report failed");
            }
            HttpResponse::InternalServerError().body(code)
        }
    }
}

/// `<global id>.<md|csv|json>`.
fn parse(file: &str) -> Option<(i32, Format, &'static str)> {
    let (id, extension) = file.rsplit_once('.')?;
    let (format, content_type) = match extension {
        "md" => (Format::Markdown, "text/markdown; charset=utf-8"),
        "csv" => (Format::Csv, "text/csv; charset=utf-8"),
        "json" => (Format::Json, "application/json"),
        _ => return None,
    };
    match decode(id)? {
        (NodeKind::CommunityStrategy, id) => Some((id, format, content_type)),
        _ => None,
    }
}
