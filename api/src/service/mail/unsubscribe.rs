//! One-click unsubscribe (RFC 8058): a signed token naming the person and when it expires,
//! good for setting their email frequency to NEVER without signing in.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Duration, Utc};
use entity::EmailFrequency;
use hmac::{Hmac, Mac};
use sea_orm::{DatabaseConnection, EntityTrait};
use sha2::Sha256;

use super::settings;
use crate::{db::begin_write, error::AppResult};

/// How long the link in an email stays good.
pub const VALID_FOR: Duration = Duration::days(90);

/// The key unsubscribe tokens are signed with, derived from the server's signing key (so every
/// replica accepts every other's links).
#[derive(Clone)]
pub struct UnsubscribeKey(Vec<u8>);

impl UnsubscribeKey {
    pub fn new(server_secret: &[u8]) -> Self {
        let mut key = b"fforwm-unsubscribe:".to_vec();
        key.extend_from_slice(server_secret);
        Self(key)
    }

    fn mac(&self, payload: &str) -> Hmac<Sha256> {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(payload.as_bytes());
        mac
    }

    /// `<user id>.<expiry, Unix seconds>.<signature>`
    pub fn token(&self, user_id: i32, now: DateTime<Utc>) -> String {
        let payload = format!("{user_id}.{}", (now + VALID_FOR).timestamp());
        let signature = URL_SAFE_NO_PAD.encode(self.mac(&payload).finalize().into_bytes());
        format!("{payload}.{signature}")
    }

    /// The person a token names, if it is genuine and unexpired.
    pub fn user_of(&self, token: &str, now: DateTime<Utc>) -> Option<i32> {
        let (payload, signature) = token.rsplit_once('.')?;
        let signature = URL_SAFE_NO_PAD.decode(signature).ok()?;
        self.mac(payload).verify_slice(&signature).ok()?;
        let (user_id, expires) = payload.split_once('.')?;
        let expires: i64 = expires.parse().ok()?;
        (now.timestamp() < expires).then_some(())?;
        user_id.parse().ok()
    }
}

/// Sets NEVER for the person a token names; false for a token that is not good.
pub async fn unsubscribe(
    db: &DatabaseConnection,
    key: &UnsubscribeKey,
    token: &str,
) -> AppResult<bool> {
    let Some(user_id) = key.user_of(token, crate::clock::now()) else {
        return Ok(false);
    };
    let txn = begin_write(db).await?;
    let account = entity::user::Entity::find_by_id(user_id).one(&txn).await?;
    if account.is_none_or(|a| a.deleted_at.is_some()) {
        return Ok(false);
    }
    settings::update(&txn, user_id, Some(EmailFrequency::Never), None).await?;
    txn.commit().await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_signed_and_expire() {
        let key = UnsubscribeKey::new(b"secret");
        let now = crate::clock::now();
        let token = key.token(7, now);
        assert_eq!(key.user_of(&token, now), Some(7));
        assert_eq!(key.user_of(&token, now + VALID_FOR), None);
        assert_eq!(UnsubscribeKey::new(b"other").user_of(&token, now), None);
        let forged = token.replacen("7.", "8.", 1);
        assert_eq!(key.user_of(&forged, now), None);
    }
}
