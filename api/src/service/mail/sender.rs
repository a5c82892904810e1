//! The sender task: every `FFORWM_MAIL_POLL_MS` it composes the digests that are due, then
//! claims due emails from the outbox, renders each for its recipient as things stand and hands
//! it to the SMTP relay. It runs beside the HTTP server and never holds up a request.

use std::time::Duration as StdDuration;

use entity::{EmailFrequency, EmailKind, email, notification, user};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{
        Mailbox, MultiPart,
        header::{Header, HeaderName, HeaderValue},
    },
};
use prometheus::IntCounter;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

use super::{
    digest, message,
    message::Rendered,
    outbox,
    settings::{self, Settings},
    unsubscribe::UnsubscribeKey,
};
use crate::{auth::Viewer, clock::Clock, config::Config, error::AppResult};

/// What the sender counts, for `/metrics`.
#[derive(Clone)]
pub struct MailCounters {
    pub sent: IntCounter,
    pub failed: IntCounter,
}

struct Sender {
    db: DatabaseConnection,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: String,
    key: UnsubscribeKey,
    clock: Clock,
    counters: MailCounters,
}

/// Starts the sender when `FFORWM_SMTP_URL` is set; says once that no email goes out when not.
pub fn start(
    db: &DatabaseConnection,
    config: &Config,
    key: UnsubscribeKey,
    counters: MailCounters,
) -> anyhow::Result<()> {
    // An empty value (a compose file's unset default) is no relay either.
    let Some(url) = config
        .smtp_url
        .as_deref()
        .filter(|url| !url.trim().is_empty())
    else {
        tracing::warn!("FFORWM_SMTP_URL is not set: no email will be sent");
        return Ok(());
    };
    let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
        .map_err(|e| anyhow::anyhow!("FFORWM_SMTP_URL: {e}"))?
        .timeout(Some(StdDuration::from_secs(30)))
        .build();
    let from: Mailbox = config
        .mail_from
        .parse()
        .map_err(|e| anyhow::anyhow!("FFORWM_MAIL_FROM `{}`: {e}", config.mail_from))?;
    let sender = Sender {
        db: db.clone(),
        transport,
        from,
        public_url: config.public_url.trim_end_matches('/').to_string(),
        key,
        clock: config.mail_clock.clone(),
        counters,
    };
    let poll = StdDuration::from_millis(config.mail_poll_ms.max(1));
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(poll);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            if let Err(err) = sender.round().await {
                tracing::error!(error = %err, "the email sender's round failed");
            }
        }
    });
    Ok(())
}

/// What to do with a claimed email.
enum Outcome {
    Send {
        to: String,
        rendered: Rendered,
        unsubscribe: Option<String>,
    },
    Drop,
}

impl Sender {
    async fn round(&self) -> AppResult<()> {
        digest::compose_due(&self.db, self.clock.now()).await?;
        loop {
            let batch = outbox::claim(&self.db, self.clock.now()).await?;
            if batch.is_empty() {
                return Ok(());
            }
            for email in batch {
                self.deliver(&email).await?;
            }
        }
    }

    async fn deliver(&self, email: &email::Model) -> AppResult<()> {
        let now = self.clock.now();
        let Outcome::Send {
            to,
            rendered,
            unsubscribe,
        } = self.prepare(email).await?
        else {
            return outbox::mark_dropped(&self.db, email.id, now).await;
        };
        let subject = rendered.subject.clone();
        let result = match self.build(&to, rendered, unsubscribe) {
            Ok(message) => self
                .transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        match result {
            Ok(()) => {
                self.counters.sent.inc();
                outbox::mark_sent(&self.db, email.id, subject, now).await
            }
            Err(error) => {
                tracing::warn!(email_id = email.id, %error, "an email could not be sent yet");
                if outbox::mark_attempt_failed(&self.db, email, error, now).await? {
                    tracing::error!(
                        email_id = email.id,
                        "an email failed for a whole day: given up"
                    );
                    self.counters.failed.inc();
                }
                Ok(())
            }
        }
    }

    /// Renders the email for its recipient as things stand, or decides it goes no more.
    async fn prepare(&self, email: &email::Model) -> AppResult<Outcome> {
        let account = user::Entity::find_by_id(email.recipient_id)
            .one(&self.db)
            .await?
            .filter(|a| a.deleted_at.is_none());
        let Some((account, to)) = account.and_then(|a| a.email.clone().map(|to| (a, to))) else {
            return Ok(Outcome::Drop);
        };
        let settings = settings::of_account(&self.db, &account).await?;
        let language = account.preferred_language;
        let name = account.display_name.as_str();
        let unsubscribe_url = format!(
            "{}/unsubscribe/{}",
            self.public_url,
            self.key.token(account.id, crate::clock::now())
        );
        let rendered = match email.kind {
            EmailKind::Verification => {
                let Some(token) = &email.token else {
                    return Ok(Outcome::Drop);
                };
                let url = format!("{}/verify-email/{token}", self.public_url);
                return Ok(Outcome::Send {
                    to,
                    rendered: message::verification(language, name, &url),
                    unsubscribe: None,
                });
            }
            EmailKind::Notification => {
                let Some(n) = self.notification(&account, &settings, email).await? else {
                    return Ok(Outcome::Drop);
                };
                message::notification(language, name, &n, &self.public_url, &unsubscribe_url)
            }
            EmailKind::Digest => {
                let (Some(since), Some(until)) = (email.since, email.until) else {
                    return Ok(Outcome::Drop);
                };
                if !settings.verified
                    || !matches!(
                        settings.frequency,
                        EmailFrequency::Daily | EmailFrequency::Weekly
                    )
                {
                    return Ok(Outcome::Drop);
                }
                let items = digest::contents(&self.db, &account, &settings, since, until).await?;
                if items.is_empty() {
                    return Ok(Outcome::Drop);
                }
                message::digest(language, name, &items, &self.public_url, &unsubscribe_url)
            }
        };
        Ok(Outcome::Send {
            to,
            rendered,
            unsubscribe: Some(unsubscribe_url),
        })
    }

    /// The notification an IMMEDIATE email tells of, while its recipient still wants it at once
    /// and may still see what it is about.
    async fn notification(
        &self,
        account: &user::Model,
        settings: &Settings,
        email: &email::Model,
    ) -> AppResult<Option<notification::Model>> {
        let Some(id) = email.notification_id else {
            return Ok(None);
        };
        let found = notification::Entity::find_by_id(id)
            .filter(Viewer::of_account(account).notification_filter(account.id))
            .filter(notification::Column::Id.eq(id))
            .one(&self.db)
            .await?;
        Ok(found.filter(|n| settings.emails(n.kind, EmailFrequency::Immediate)))
    }

    fn build(
        &self,
        to: &str,
        rendered: Rendered,
        unsubscribe: Option<String>,
    ) -> Result<Message, String> {
        let to: Mailbox = to.parse().map_err(|e| format!("the address: {e}"))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(rendered.subject);
        if let Some(url) = unsubscribe {
            builder = builder
                .header(ListUnsubscribe(format!("<{url}>")))
                .header(ListUnsubscribePost);
        }
        builder
            .multipart(MultiPart::alternative_plain_html(
                rendered.text,
                rendered.html,
            ))
            .map_err(|e| e.to_string())
    }
}

/// `List-Unsubscribe: <url>` (RFC 2369).
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_string()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_string())
    }
}
