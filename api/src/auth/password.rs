//! Argon2id password hashing with the OWASP parameters, always on the blocking thread pool so
//! that a login never stalls the async workers. In a server, no more hashes run at once than
//! there are cores: each takes 19 MiB, and a burst of logins queues for a core instead of
//! taking its memory all at once (hashes beyond the cores would only share them, not finish
//! sooner).

use std::{num::NonZeroUsize, sync::Arc};

use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher as _, PasswordVerifier, Version,
    password_hash::SaltString,
};
use rand::{TryRngCore, rngs::OsRng};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

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

/// A hash outside a server's requests (the command line, demo seeding): one at a time anyway.
pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(AppError::internal)?
}

/// The server's hashing: at most one hash per core at once. It holds a hash of a random
/// password, checked against when an email has no account, so that a wrong email costs the
/// same time as a wrong password.
#[derive(Clone)]
pub struct Passwords {
    decoy_hash: String,
    cores: Arc<Semaphore>,
}

impl Passwords {
    pub async fn new() -> Result<Self, AppError> {
        let mut decoy = [0u8; 24];
        OsRng
            .try_fill_bytes(&mut decoy)
            .map_err(AppError::internal)?;
        let cores = std::thread::available_parallelism().map_or(1, NonZeroUsize::get);
        Ok(Self {
            decoy_hash: hash(hex(&decoy)).await?,
            cores: Arc::new(Semaphore::new(cores)),
        })
    }

    /// A new password's hash, in turn with the other hashes.
    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        // Held by the blocking task itself: a request that gives up does not free the core of
        // a hash still running.
        let core = self.core().await?;
        tokio::task::spawn_blocking(move || {
            let _core = core;
            hash_blocking(&password)
        })
        .await
        .map_err(AppError::internal)?
    }

    async fn core(&self) -> Result<OwnedSemaphorePermit, AppError> {
        self.cores
            .clone()
            .acquire_owned()
            .await
            .map_err(AppError::internal)
    }

    /// Whether `password` matches `stored`; with no stored hash, checks the decoy and says no.
    pub async fn verify(&self, stored: Option<String>, password: String) -> Result<bool, AppError> {
        let has_account = stored.is_some();
        let phc = stored.unwrap_or_else(|| self.decoy_hash.clone());
        let core = self.core().await?;
        let matches = tokio::task::spawn_blocking(move || -> Result<bool, AppError> {
            let _core = core;
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
