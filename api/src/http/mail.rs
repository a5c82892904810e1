//! The pages the links in emails open, in English and Welsh together, with no sign-in:
//! `/unsubscribe/<token>` (RFC 8058: a POST, from the button or the mail client's one-click,
//! sets email to NEVER) and `/verify-email/<token>` (a POST from the button verifies). A GET
//! changes nothing, so mail scanners that follow links change nothing either.

use actix_web::{HttpResponse, web};
use entity::Language;

use crate::{
    error::AppResult,
    i18n,
    service::mail::{message::escape_html, unsubscribe, verification},
    state::AppState,
};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/unsubscribe/{token}")
            .route(web::get().to(unsubscribe_page))
            .route(web::post().to(unsubscribe_now)),
    )
    .service(
        web::resource("/verify-email/{token}")
            .route(web::get().to(verify_page))
            .route(web::post().to(verify_now)),
    );
}

/// The page in both languages: each message id's English, then its Welsh.
fn page(title: &str, texts: &[&str], button: Option<&str>) -> HttpResponse {
    let both = |id: &str| {
        [Language::En, Language::Cy].map(|language| escape_html(&i18n::text(language, id)))
    };
    let [title_en, title_cy] = both(title);
    let mut body = format!("<h1>{title_en} / <span lang=\"cy\">{title_cy}</span></h1>\n");
    for id in texts {
        let [en, cy] = both(id);
        body.push_str(&format!("<p>{en}</p>\n<p lang=\"cy\">{cy}</p>\n"));
    }
    if let Some(id) = button {
        let [en, cy] = both(id);
        body.push_str(&format!(
            "<form method=\"post\"><button type=\"submit\">{en} / {cy}</button></form>\n"
        ));
    }
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(format!(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"robots\" content=\"noindex\"><title>{title_en} / {title_cy}</title>\
             </head><body>\n{body}</body></html>\n"
        ))
}

/// A link that is not good (forged, expired, used): its page, as a 400.
fn refused(title: &str, text: &str) -> HttpResponse {
    let mut response = page(title, &[text], None);
    *response.status_mut() = actix_web::http::StatusCode::BAD_REQUEST;
    response
}

fn outcome(done: AppResult<bool>, ok: &str, bad: &str, title: &str) -> HttpResponse {
    match done {
        Ok(true) => page(title, &[ok], None),
        Ok(false) => refused(title, bad),
        Err(error) => {
            tracing::error!(%error, "an email link could not be used");
            HttpResponse::InternalServerError().finish()
        }
    }
}

async fn unsubscribe_page(token: web::Path<String>, state: web::Data<AppState>) -> HttpResponse {
    let now = crate::clock::now();
    if state.unsubscribe.user_of(&token, now).is_none() {
        return refused("unsubscribe-page-title", "unsubscribe-bad-link");
    }
    page(
        "unsubscribe-page-title",
        &["unsubscribe-page-text"],
        Some("unsubscribe-page-button"),
    )
}

async fn unsubscribe_now(token: web::Path<String>, state: web::Data<AppState>) -> HttpResponse {
    let done = unsubscribe::unsubscribe(&state.db, &state.unsubscribe, &token).await;
    outcome(
        done,
        "unsubscribe-done",
        "unsubscribe-bad-link",
        "unsubscribe-page-title",
    )
}

async fn verify_page(_token: web::Path<String>) -> HttpResponse {
    page(
        "verify-page-title",
        &["verify-page-text"],
        Some("verify-page-button"),
    )
}

async fn verify_now(token: web::Path<String>, state: web::Data<AppState>) -> HttpResponse {
    let done = verification::verify(&state.db, &token).await;
    outcome(done, "verify-done", "verify-bad-link", "verify-page-title")
}
