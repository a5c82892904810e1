//! Access tokens: JWT, HS256 only, every registered claim checked (RFC 8725).

use chrono::{DateTime, Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub const ISSUER: &str = "fforwm";
pub const AUDIENCE: &str = "fforwm-api";
pub const ACCESS_TOKEN_LIFETIME: Duration = Duration::minutes(15);
/// Tolerated clock skew between replicas.
const LEEWAY_SECONDS: u64 = 5;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// The user's id.
    pub sub: String,
    /// The session (refresh-token chain) this token belongs to; revoking it ends the token.
    pub sid: i32,
    /// The role when the token was made. Informational: the database decides on every request.
    pub role: String,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
}

#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

pub struct AccessToken {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

impl TokenKeys {
    pub fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.algorithms = vec![Algorithm::HS256];
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["sub", "iat", "exp", "iss", "aud"]);
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_exp = true;
        validation.validate_nbf = true;
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }

    pub fn issue(
        &self,
        user_id: i32,
        session_id: i32,
        role: &str,
        now: DateTime<Utc>,
    ) -> Result<AccessToken, AppError> {
        let expires_at = now + ACCESS_TOKEN_LIFETIME;
        let claims = Claims {
            sub: user_id.to_string(),
            sid: session_id,
            role: role.to_string(),
            iat: now.timestamp(),
            exp: expires_at.timestamp(),
            iss: ISSUER.to_string(),
            aud: AUDIENCE.to_string(),
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(AppError::internal)?;
        Ok(AccessToken { token, expires_at })
    }

    /// The claims of a token this server signed and that is still valid; `None` for anything else.
    pub fn verify(&self, token: &str, now: DateTime<Utc>) -> Option<(i32, Claims)> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation).ok()?;
        let claims = data.claims;
        if data.header.alg != Algorithm::HS256
            || claims.iat > now.timestamp() + LEEWAY_SECONDS as i64
        {
            return None;
        }
        let user_id: i32 = claims.sub.parse().ok()?;
        Some((user_id, claims))
    }
}
