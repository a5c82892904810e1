//! From a request's bearer token to its `Viewer`, reading role and status from the database
//! so that a suspension or role change takes effect on the next request.

use chrono::{DateTime, Utc};
use entity::{session, user};
use sea_orm::{ConnectionTrait, EntityTrait};

use super::{
    jwt::{Claims, TokenKeys},
    policy::{Actor, Viewer},
};
use crate::error::{AppError, AppResult};

/// What the transport found in the request, before any database work.
#[derive(Debug, Clone)]
pub enum Credentials {
    Anonymous,
    Bearer {
        user_id: i32,
        claims: Claims,
    },
    /// A token was presented but is not valid: forged, expired, wrong algorithm, malformed.
    Invalid,
}

impl Credentials {
    /// Reads an `Authorization` header value (or a bare token from a WebSocket payload).
    pub fn from_bearer(header: Option<&str>, keys: &TokenKeys, now: DateTime<Utc>) -> Self {
        let Some(value) = header.map(str::trim).filter(|v| !v.is_empty()) else {
            return Self::Anonymous;
        };
        let token = match value.split_once(' ') {
            Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => token.trim(),
            _ => return Self::Invalid,
        };
        match keys.verify(token, now) {
            Some((user_id, claims)) => Self::Bearer { user_id, claims },
            None => Self::Invalid,
        }
    }
}

pub async fn resolve(db: &impl ConnectionTrait, credentials: &Credentials) -> AppResult<Viewer> {
    let (user_id, claims) = match credentials {
        Credentials::Anonymous => return Ok(Viewer::anonymous()),
        Credentials::Invalid => return Err(AppError::unauthenticated("error-token-invalid")),
        Credentials::Bearer { user_id, claims } => (*user_id, claims),
    };
    // One statement: live events pay this for every subscriber on every event.
    let found = session::Entity::find_by_id(claims.sid)
        .find_also_related(user::Entity)
        .one(db)
        .await?;
    let Some((session, Some(user))) = found else {
        return Err(revoked());
    };
    if session.user_id != user_id || session.revoked_at.is_some() || user.deleted_at.is_some() {
        return Err(revoked());
    }
    Ok(Viewer::signed_in(Actor {
        id: user.id,
        role: user.role,
        status: user.status,
        preferred_language: user.preferred_language,
        session_id: session.id,
    }))
}

fn revoked() -> AppError {
    AppError::unauthenticated("error-session-ended")
}
