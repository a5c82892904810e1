//! Sessions and their tokens: a short-lived access JWT plus a single-use refresh token that
//! rotates on every refresh. A refresh token presented twice means it was stolen: every session
//! of the account ends.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Duration, Utc};
use entity::{refresh_token, session, user};
use rand::{TryRngCore, rngs::OsRng};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
    sea_query::{Expr, Query},
};
use sha2::{Digest, Sha256};

use crate::{
    auth::password::hex,
    db::begin_write,
    error::{AppError, AppResult},
    state::AppState,
};

pub const REFRESH_TOKEN_LIFETIME: Duration = Duration::days(30);

/// What a sign-in hands the client.
pub struct SignedIn {
    pub user: user::Model,
    pub access_token: String,
    pub access_token_expires_at: DateTime<Utc>,
    pub refresh_token: String,
}

fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn new_refresh_token() -> AppResult<String> {
    let mut bytes = [0u8; 32];
    OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(AppError::internal)?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

fn role_claim(user: &user::Model) -> String {
    user.role.to_value()
}

async fn issue(
    conn: &impl ConnectionTrait,
    state: &AppState,
    user: user::Model,
    session_id: i32,
    now: DateTime<Utc>,
) -> AppResult<SignedIn> {
    let refresh_token = new_refresh_token()?;
    refresh_token::ActiveModel {
        session_id: Set(session_id),
        token_hash: Set(token_hash(&refresh_token)),
        created_at: Set(now),
        expires_at: Set(now + REFRESH_TOKEN_LIFETIME),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    let access = state
        .tokens
        .issue(user.id, session_id, &role_claim(&user), now)?;
    Ok(SignedIn {
        user,
        access_token: access.token,
        access_token_expires_at: access.expires_at,
        refresh_token,
    })
}

/// Opens a new session for `user` inside the caller's transaction.
pub async fn start(
    conn: &impl ConnectionTrait,
    state: &AppState,
    user: user::Model,
    now: DateTime<Utc>,
) -> AppResult<SignedIn> {
    let session = session::ActiveModel {
        user_id: Set(user.id),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    issue(conn, state, user, session.id, now).await
}

/// Retires all the account's refresh tokens: no session can be renewed. Access tokens live on
/// until they expire (a suspended account still reads, as the rules want).
pub async fn retire_refresh_tokens(
    conn: &impl ConnectionTrait,
    user_id: i32,
    now: DateTime<Utc>,
) -> AppResult<()> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RetiredAt, Expr::value(now))
        .filter(refresh_token::Column::RetiredAt.is_null())
        .filter(
            refresh_token::Column::SessionId.in_subquery(
                Query::select()
                    .column(session::Column::Id)
                    .from(session::Entity)
                    .and_where(session::Column::UserId.eq(user_id))
                    .to_owned(),
            ),
        )
        .exec(conn)
        .await?;
    Ok(())
}

/// Ends every session of the account at once, access tokens included, and retires all its
/// refresh tokens.
pub async fn revoke_all(
    conn: &impl ConnectionTrait,
    user_id: i32,
    now: DateTime<Utc>,
) -> AppResult<()> {
    retire_refresh_tokens(conn, user_id, now).await?;
    session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(now))
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Retires `token` and hands out a new pair in the same session.
pub async fn refresh(state: &AppState, token: &str) -> AppResult<SignedIn> {
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let invalid = || AppError::unauthenticated("error-refresh-token-invalid");
    let Some((stored, Some(session))) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(token_hash(token)))
        .find_also_related(session::Entity)
        .one(&txn)
        .await?
    else {
        return Err(invalid());
    };
    // Retire it only if nobody else has: of two concurrent uses, one is the thief's.
    let retired = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RetiredAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(stored.id))
        .filter(refresh_token::Column::RetiredAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    if retired == 0 {
        // Theft detection is the one refusal that must change something: it is committed.
        revoke_all(&txn, session.user_id, now).await?;
        txn.commit().await?;
        tracing::warn!(
            user_id = session.user_id,
            "refresh token reused; all sessions revoked"
        );
        return Err(AppError::unauthenticated("error-refresh-token-reused"));
    }
    if stored.expires_at <= now || session.revoked_at.is_some() {
        return Err(invalid());
    }
    let user = user::Entity::find_by_id(session.user_id)
        .one(&txn)
        .await?
        .filter(|u| u.deleted_at.is_none())
        .ok_or_else(invalid)?;
    let signed_in = issue(&txn, state, user, session.id, now).await?;
    txn.commit().await?;
    Ok(signed_in)
}

/// Retires `token` and ends its session. True when a live session ended.
pub async fn logout(state: &AppState, token: &str) -> AppResult<bool> {
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let Some(stored) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(token_hash(token)))
        .one(&txn)
        .await?
    else {
        return Ok(false);
    };
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RetiredAt, Expr::value(now))
        .filter(refresh_token::Column::SessionId.eq(stored.session_id))
        .filter(refresh_token::Column::RetiredAt.is_null())
        .exec(&txn)
        .await?;
    let ended = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(now))
        .filter(session::Column::Id.eq(stored.session_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?
        .rows_affected;
    txn.commit().await?;
    Ok(ended > 0 && stored.retired_at.is_none())
}
