//! `GET /reports/strategies/<id>.md|.csv|.json`: the strategy reports as files, under the same
//! visibility as `strategyReport` (send the bearer token for a draft strategy).

use actix_web::{HttpResponse, web};

use super::edge::Refusal;
use crate::{
    error::{AppError, AppResult},
    ids::StrategyId,
    request::RequestContext,
    service::reports::{self, Format},
    state::AppState,
};

pub async fn strategy_report(
    context: RequestContext,
    file: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, Refusal> {
    render(&context, &file, &state)
        .await
        .map_err(|error| Refusal::new(error, &context))
}

async fn render(context: &RequestContext, file: &str, state: &AppState) -> AppResult<HttpResponse> {
    let (id, format, content_type) = parse(file)?;
    let viewer = context.viewer(&state.db).await?;
    let language = context.language(&state.db).await;
    let body = reports::render(&state.db, viewer, id, format, language).await?;
    Ok(HttpResponse::Ok().content_type(content_type).body(body))
}

/// `<global id>.<md|csv|json>`; anything else is a file that does not exist.
fn parse(file: &str) -> AppResult<(StrategyId, Format, &'static str)> {
    let (id, extension) = file.rsplit_once('.').ok_or(AppError::NotFound)?;
    let (format, content_type) = match extension {
        "md" => (Format::Markdown, "text/markdown; charset=utf-8"),
        "csv" => (Format::Csv, "text/csv; charset=utf-8"),
        "json" => (Format::Json, "application/json"),
        _ => return Err(AppError::NotFound),
    };
    Ok((StrategyId::from_object(id)?, format, content_type))
}
