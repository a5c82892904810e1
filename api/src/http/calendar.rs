//! `GET /calendar/forums/<slug>.ics` and `GET /calendar/meetings/<id>.ics`: meetings for
//! calendar apps, in the request's language (`?lang=`, then `Accept-Language`), with an ETag so
//! that a subscribed calendar polls cheaply (`If-None-Match` answers 304). A youth forum's
//! files need a bearer token that may see inside it; without one they do not exist (404).

use actix_web::{
    HttpRequest, HttpResponse,
    http::header::{self, HeaderValue},
    web,
};

use super::edge::Refusal;
use crate::{
    error::{AppError, AppResult},
    ids::MeetingId,
    request::RequestContext,
    service::calendar::{self, CalendarFile},
    state::AppState,
};

const CONTENT_TYPE: &str = "text/calendar; charset=utf-8";

pub async fn forum(
    req: HttpRequest,
    context: RequestContext,
    file: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, Refusal> {
    let served = async {
        let slug = ics_name(&file)?;
        let viewer = context.viewer(&state.db).await?;
        let language = context.language(&state.db).await;
        calendar::forum_feed(&state.db, viewer, slug, language).await
    }
    .await;
    respond(&req, &context, served)
}

pub async fn meeting(
    req: HttpRequest,
    context: RequestContext,
    file: web::Path<String>,
    state: web::Data<AppState>,
) -> Result<HttpResponse, Refusal> {
    let served = async {
        let id = MeetingId::from_object(ics_name(&file)?)?;
        let viewer = context.viewer(&state.db).await?;
        let language = context.language(&state.db).await;
        calendar::meeting_file(&state.db, viewer, id, language).await
    }
    .await;
    respond(&req, &context, served)
}

/// `<name>.ics`; any other file does not exist.
fn ics_name(file: &str) -> AppResult<&str> {
    file.strip_suffix(".ics").ok_or(AppError::NotFound)
}

fn respond(
    req: &HttpRequest,
    context: &RequestContext,
    served: AppResult<CalendarFile>,
) -> Result<HttpResponse, Refusal> {
    let file = served.map_err(|error| Refusal::new(error, context))?;
    let unchanged = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| {
            tags.split(',')
                .map(str::trim)
                .any(|tag| tag == "*" || tag.trim_start_matches("W/") == file.etag)
        });
    let mut response = if unchanged {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header((header::ETAG, file.etag.as_str()))
        // The text depends on these; a token-bearing answer is no one else's to cache.
        .insert_header((
            header::VARY,
            HeaderValue::from_static("Accept-Language, Authorization"),
        ))
        .insert_header((
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        ));
    if unchanged {
        Ok(response.finish())
    } else {
        Ok(response.content_type(CONTENT_TYPE).body(file.text))
    }
}
