//! Verified addresses: a link with a random token (only its SHA-256 is kept), single-use and
//! valid for 48 hours, sent on registering and again on request (at most once an hour).

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Duration, Utc};
use entity::{EmailKind, email_settings, email_verification, user};
use rand::{TryRngCore, rngs::OsRng};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, sea_query::Expr,
};
use sha2::{Digest, Sha256};

use super::{outbox, settings};
use crate::{
    auth::Viewer,
    db::begin_write,
    error::{AppError, AppResult},
    ids::UserId,
    service::accounts,
    state::AppState,
};

pub const VALID_FOR: Duration = Duration::hours(48);
pub const RESEND_AFTER: Duration = Duration::hours(1);

fn hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A new link for the account's address, queued for sending in the caller's transaction.
pub async fn issue(
    conn: &impl ConnectionTrait,
    account: &user::Model,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let Some(email) = &account.email else {
        return Ok(());
    };
    let mut bytes = [0u8; 32];
    OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(AppError::internal)?;
    let token = URL_SAFE_NO_PAD.encode(bytes);
    email_verification::ActiveModel {
        user_id: Set(account.id),
        token_hash: Set(hash(&token)),
        email: Set(email.clone()),
        created_at: Set(now),
        expires_at: Set(now + VALID_FOR),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    outbox::queue(conn, account.id, EmailKind::Verification, now, |row| {
        row.token = Set(Some(token));
    })
    .await
}

/// Sends the link again: `false` when the address is verified already; RATE_LIMITED within an
/// hour of the last one.
pub async fn resend(state: &AppState, viewer: &Viewer) -> AppResult<bool> {
    let actor = viewer.require_signed_in()?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let account = accounts::lock_live(&txn, UserId(actor.id)).await?;
    if settings::of_account(&txn, &account).await?.verified {
        return Ok(false);
    }
    let last = email_verification::Entity::find()
        .filter(email_verification::Column::UserId.eq(account.id))
        .order_by_desc(email_verification::Column::CreatedAt)
        .one(&txn)
        .await?;
    if let Some(last) = last
        && last.created_at + RESEND_AFTER > now
    {
        let wait = (last.created_at + RESEND_AFTER - now).num_seconds().max(1);
        return Err(AppError::RateLimited {
            retry_after_seconds: wait,
        });
    }
    issue(&txn, &account, now).await?;
    txn.commit().await?;
    Ok(true)
}

/// Uses a link: true when it verified the address it was sent to (still the account's).
pub async fn verify(db: &DatabaseConnection, token: &str) -> AppResult<bool> {
    let now = crate::clock::now();
    let txn = begin_write(db).await?;
    let Some(link) = email_verification::Entity::find()
        .filter(email_verification::Column::TokenHash.eq(hash(token)))
        .filter(email_verification::Column::UsedAt.is_null())
        .filter(email_verification::Column::ExpiresAt.gt(now))
        .one(&txn)
        .await?
    else {
        return Ok(false);
    };
    let used = email_verification::Entity::update_many()
        .col_expr(email_verification::Column::UsedAt, Expr::value(now))
        .filter(email_verification::Column::Id.eq(link.id))
        .filter(email_verification::Column::UsedAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    let account = user::Entity::find_by_id(link.user_id).one(&txn).await?;
    let current =
        account.is_some_and(|a| a.deleted_at.is_none() && a.email == Some(link.email.clone()));
    if used == 0 || !current {
        return Ok(false);
    }
    settings::ensure_row(&txn, link.user_id).await?;
    email_settings::Entity::update_many()
        .col_expr(
            email_settings::Column::VerifiedEmail,
            Expr::value(link.email),
        )
        .filter(email_settings::Column::UserId.eq(link.user_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(true)
}
