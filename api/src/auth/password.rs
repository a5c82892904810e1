//! Argon2id password hashing with the OWASP parameters, always on the blocking thread pool so
//! that a login never stalls the async workers.

use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher as _, PasswordVerifier, Version,
    password_hash::SaltString,
};
use rand::{TryRngCore, rngs::OsRng};

use crate::error::AppError;

/// OWASP Password Storage Cheat Sheet: m = 19 MiB, t = 2, p = 1.
const MEMORY_KIB: u32 = 19 * 1024;
const ITERATIONS: u32 = 2;
const PARALLELISM: u32 = 1;

fn argon2() -> Result<Argon2<'static>, AppError> {
    let params =
        Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None).map_err(AppError::internal)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

fn hash_blocking(password: &str) -> Result<String, AppError> {
    let mut salt = [0u8; 16];
    OsRng
        .try_fill_bytes(&mut salt)
        .map_err(AppError::internal)?;
    let salt = SaltString::encode_b64(&salt).map_err(AppError::internal)?;
    Ok(argon2()?
        .hash_password(password.as_bytes(), &salt)
        .map_err(AppError::internal)?
        .to_string())
}

pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(AppError::internal)?
}

/// Holds a hash of a random password, checked against when an email has no account, so that
/// a wrong email costs the same time as a wrong password.
#[derive(Clone)]
pub struct Passwords {
    decoy_hash: String,
}

impl Passwords {
    pub async fn new() -> Result<Self, AppError> {
        let mut decoy = [0u8; 24];
        OsRng
            .try_fill_bytes(&mut decoy)
            .map_err(AppError::internal)?;
        Ok(Self {
            decoy_hash: hash(hex(&decoy)).await?,
        })
    }

    /// Whether `password` matches `stored`; with no stored hash, checks the decoy and says no.
    pub async fn verify(&self, stored: Option<String>, password: String) -> Result<bool, AppError> {
        let has_account = stored.is_some();
        let phc = stored.unwrap_or_else(|| self.decoy_hash.clone());
        let matches = tokio::task::spawn_blocking(move || -> Result<bool, AppError> {
            let parsed = PasswordHash::new(&phc).map_err(AppError::internal)?;
            Ok(argon2()?
                .verify_password(password.as_bytes(), &parsed)
                .is_ok())
        })
        .await
        .map_err(AppError::internal)??;
        Ok(has_account && matches)
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
