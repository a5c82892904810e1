use sea_orm::entity::prelude::*;

use crate::{EmailKind, EmailStatus};

/// One email in the outbox. It is written in the transaction of its cause and rendered when it
/// is sent, so the recipient's language, address and visibility are those of that moment.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "emails")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub recipient_id: i32,
    pub kind: EmailKind,
    /// NOTIFICATION: the notification it tells of.
    pub notification_id: Option<i32>,
    /// VERIFICATION: the link's token, until the email is sent.
    pub token: Option<String>,
    /// DIGEST: the notifications made after `since`, up to and including `until`.
    pub since: Option<DateTimeUtc>,
    pub until: Option<DateTimeUtc>,
    pub status: EmailStatus,
    pub attempts: i32,
    /// When the sender may next take it (a retry's backoff, or a claim's lease).
    pub next_attempt_at: DateTimeUtc,
    /// Set when it is rendered for sending.
    pub subject: Option<String>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
