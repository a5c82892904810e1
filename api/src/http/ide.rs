//! The GraphiQL IDE page, rendered once at start-up, with the Content-Security-Policy that lets
//! exactly it load: its scripts and styles from unpkg.com, its own inline script by hash, its
//! icon from graphql.org, fonts and images from data: URLs, requests to this origin only.
//! Inline styles are allowed because GraphiQL's dialogs insert `<style>` elements at run time.

use actix_web::{
    HttpResponse,
    http::header::{CONTENT_SECURITY_POLICY, HeaderValue},
};
use async_graphql::http::GraphiQLSource;
use base64::{Engine, engine::general_purpose::STANDARD};
use entity::Language;
use sha2::{Digest, Sha256};

use crate::i18n;

/// The IDE, when it is served (with introspection, never otherwise): one page per language,
/// differing only in their title.
pub struct Ide(Option<[Page; 2]>);

struct Page {
    html: String,
    content_security_policy: HeaderValue,
}

impl Ide {
    pub fn new(enabled: bool) -> Self {
        Self(enabled.then(|| [Page::new(Language::En), Page::new(Language::Cy)]))
    }

    /// The page in `language`, or `None` when the IDE is off.
    pub fn response(&self, language: Language) -> Option<HttpResponse> {
        self.0.as_ref().map(|pages| {
            let page = &pages[usize::from(language == Language::Cy)];
            HttpResponse::Ok()
                .content_type("text/html; charset=utf-8")
                .insert_header((
                    CONTENT_SECURITY_POLICY,
                    page.content_security_policy.clone(),
                ))
                .body(page.html.clone())
        })
    }
}

impl Page {
    fn new(language: Language) -> Self {
        let html = GraphiQLSource::build()
            .endpoint("/graphql")
            .title(&i18n::text(language, "ide-title"))
            .finish();
        let content_security_policy = content_security_policy(&html);
        Self {
            html,
            content_security_policy,
        }
    }
}

fn content_security_policy(html: &str) -> HeaderValue {
    let script_hashes: String = inline_scripts(html)
        .map(|script| format!(" 'sha256-{}'", STANDARD.encode(Sha256::digest(script))))
        .collect();
    let policy = format!(
        "default-src 'none'; script-src https://unpkg.com{script_hashes}; \
         style-src https://unpkg.com 'unsafe-inline'; img-src https://graphql.org data:; \
         font-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; \
         frame-ancestors 'none'"
    );
    HeaderValue::from_str(&policy)
        .unwrap_or_else(|_| HeaderValue::from_static(super::security::API_CONTENT_SECURITY_POLICY))
}

/// The text of each `<script>` without a `src`, as the browser hashes it.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script>")
        .skip(1)
        .filter_map(|rest| rest.split_once("</script>").map(|(script, _)| script))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use entity::Language;

    use super::Ide;

    #[test]
    fn the_policy_names_the_pages_inline_script_and_nothing_else_inline() {
        let response = Ide::new(true).response(Language::Cy).unwrap();
        let policy = response
            .headers()
            .get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        let script_src = policy
            .split(';')
            .find(|directive| directive.trim().starts_with("script-src"))
            .unwrap();
        assert_eq!(script_src.matches("'sha256-").count(), 1, "{policy}");
        assert!(!script_src.contains("unsafe"), "{policy}");
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        assert!(Ide::new(false).response(Language::En).is_none());
    }
}
