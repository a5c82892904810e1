//! The account holder's follows and email data, for `exportMyData` and `deleteMyAccount`.

use chrono::Duration;
use entity::{
    EmailStatus, email, email_muted_kind, email_settings, email_verification, follow, user,
};
use sea_orm::{ActiveEnum, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};

use super::settings;
use crate::{
    error::AppResult,
    ids::{DiscussionId, ForumId, ProposalId},
    service::follows::Target,
};

/// What the export shows of the emails sent: those of the last 30 days.
const SENT_EMAILS_SHOWN: Duration = Duration::days(30);

fn time(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// `follows`, `emailSettings` and `emails` (subject and times of those sent lately).
pub async fn export(
    conn: &impl ConnectionTrait,
    me: &user::Model,
) -> AppResult<[(&'static str, Value); 3]> {
    let follows = follow::Entity::find()
        .filter(follow::Column::UserId.eq(me.id))
        .order_by_asc(follow::Column::Id)
        .all(conn)
        .await?;
    let settings = settings::of_account(conn, me).await?;
    let since = crate::clock::now() - SENT_EMAILS_SHOWN;
    let emails = email::Entity::find()
        .filter(email::Column::RecipientId.eq(me.id))
        .filter(email::Column::Status.eq(EmailStatus::Sent))
        .filter(email::Column::SentAt.gte(since))
        .order_by_asc(email::Column::Id)
        .all(conn)
        .await?;
    let follows = follows
        .iter()
        .map(|f| {
            let target = match Target::of(f.target_kind, f.target_id) {
                Target::Proposal(id) => ProposalId::to_global(id),
                Target::Discussion(id) => DiscussionId::to_global(id),
                Target::Forum(id) => ForumId::to_global(id),
            };
            json!({ "targetId": target, "since": time(f.created_at) })
        })
        .collect::<Vec<Value>>();
    let settings = json!({
        "emailFrequency": settings.frequency.to_value(),
        "mutedKinds": settings.muted.iter().map(|k| k.to_value()).collect::<Vec<_>>(),
        "emailVerified": settings.verified,
    });
    let emails = emails
        .iter()
        .map(|e| {
            json!({
                "subject": e.subject,
                "queuedAt": time(e.created_at),
                "sentAt": e.sent_at.map(time),
            })
        })
        .collect::<Vec<Value>>();
    Ok([
        ("follows", Value::Array(follows)),
        ("emailSettings", settings),
        ("emails", Value::Array(emails)),
    ])
}

/// Removes the person's follows, email settings, verification links and every email, queued or
/// sent.
pub async fn forget(conn: &impl ConnectionTrait, user_id: i32) -> AppResult<()> {
    email::Entity::delete_many()
        .filter(email::Column::RecipientId.eq(user_id))
        .exec(conn)
        .await?;
    email_verification::Entity::delete_many()
        .filter(email_verification::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    email_muted_kind::Entity::delete_many()
        .filter(email_muted_kind::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    email_settings::Entity::delete_many()
        .filter(email_settings::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    follow::Entity::delete_many()
        .filter(follow::Column::UserId.eq(user_id))
        .exec(conn)
        .await?;
    Ok(())
}
