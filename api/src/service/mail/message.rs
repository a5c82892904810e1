//! The words of each email, in the recipient's language: a subject, a plain-text part and an
//! HTML part in which everything from people (a proposal's title) is escaped. Emails name no one
//! but their recipient, and tell only of what the recipient may see (checked by the sender).

use std::fmt::Write as _;

use entity::{Language, notification};

use crate::{
    args, i18n,
    ids::{DiscussionId, ProposalId},
    service::notifications,
};

pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// The page a notification is about.
pub fn link_of(public_url: &str, n: &notification::Model) -> String {
    let base = public_url.trim_end_matches('/');
    match (n.proposal_id, n.discussion_id) {
        (Some(id), _) => format!("{base}/proposals/{}", ProposalId(id).to_global()),
        (None, Some(id)) => format!("{base}/discussions/{}", DiscussionId(id).to_global()),
        (None, None) => format!("{base}/notifications"),
    }
}

/// A paragraph followed by a link, in both parts.
struct Body {
    text: String,
    html: String,
}

impl Body {
    fn new(language: Language, name: &str) -> Self {
        let greeting = i18n::render(language, "email-greeting", &args!(name = name));
        Self {
            text: format!("{greeting}\n\n"),
            html: format!("<p>{}</p>\n", escape_html(&greeting)),
        }
    }

    fn paragraph(&mut self, words: &str) {
        let _ = write!(self.text, "{words}\n\n");
        let _ = writeln!(self.html, "<p>{}</p>", escape_html(words));
    }

    fn link(&mut self, url: &str) {
        let _ = write!(self.text, "{url}\n\n");
        let url = escape_html(url);
        let _ = writeln!(self.html, "<p><a href=\"{url}\">{url}</a></p>");
    }

    fn heading(&mut self, words: &str) {
        let _ = writeln!(self.text, "{words}");
        let _ = writeln!(self.html, "<h3>{}</h3>", escape_html(words));
    }

    fn item(&mut self, words: &str, url: &str) {
        let _ = write!(self.text, "- {words}\n  {url}\n");
        let _ = writeln!(
            self.html,
            "<ul><li>{} <a href=\"{}\">{}</a></li></ul>",
            escape_html(words),
            escape_html(url),
            escape_html(url)
        );
    }

    fn footer(mut self, language: Language, unsubscribe_url: Option<&str>) -> (String, String) {
        if let Some(url) = unsubscribe_url {
            let footer = i18n::text(language, "email-footer");
            let _ = write!(self.text, "-- \n{footer}\n{url}\n");
            let _ = writeln!(
                self.html,
                "<hr><p><small>{} <a href=\"{url}\">{url}</a></small></p>",
                escape_html(&footer),
                url = escape_html(url)
            );
        }
        let lang = match language {
            Language::En => "en",
            Language::Cy => "cy",
        };
        let html = format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"></head><body>\n{}</body></html>\n",
            self.html
        );
        (self.text, html)
    }
}

pub fn verification(language: Language, name: &str, url: &str) -> Rendered {
    let mut body = Body::new(language, name);
    body.paragraph(&i18n::text(language, "email-verify-body"));
    body.link(url);
    body.paragraph(&i18n::text(language, "email-verify-ignore"));
    let (text, html) = body.footer(language, None);
    Rendered {
        subject: i18n::text(language, "email-verify-subject"),
        text,
        html,
    }
}

pub fn notification(
    language: Language,
    name: &str,
    n: &notification::Model,
    public_url: &str,
    unsubscribe_url: &str,
) -> Rendered {
    let message = notifications::message(n, language);
    let mut body = Body::new(language, name);
    body.paragraph(&message);
    body.paragraph(&i18n::text(language, "email-open"));
    body.link(&link_of(public_url, n));
    let (text, html) = body.footer(language, Some(unsubscribe_url));
    Rendered {
        subject: message,
        text,
        html,
    }
}

/// The notifications grouped by proposal (its title as the newest of them has it), in the order
/// each group's first arrived; those about no proposal come last.
pub fn digest(
    language: Language,
    name: &str,
    items: &[notification::Model],
    public_url: &str,
    unsubscribe_url: &str,
) -> Rendered {
    let mut groups: Vec<(Option<i32>, Vec<&notification::Model>)> = Vec::new();
    for n in items {
        match groups.iter_mut().find(|(id, _)| *id == n.proposal_id) {
            Some((_, group)) => group.push(n),
            None => groups.push((n.proposal_id, vec![n])),
        }
    }
    groups.sort_by_key(|(id, _)| id.is_none());
    let mut body = Body::new(language, name);
    body.paragraph(&i18n::text(language, "email-digest-intro"));
    for (proposal, group) in &groups {
        let heading = match proposal {
            Some(_) => group
                .last()
                .and_then(|n| n.subject.clone())
                .unwrap_or_default(),
            None => i18n::text(language, "email-digest-other"),
        };
        body.heading(&heading);
        for n in group {
            body.item(
                &notifications::message(n, language),
                &link_of(public_url, n),
            );
        }
    }
    let (text, html) = body.footer(language, Some(unsubscribe_url));
    Rendered {
        subject: i18n::render(
            language,
            "email-digest-subject",
            &args!(count = items.len()),
        ),
        text,
        html,
    }
}
