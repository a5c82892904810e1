//! The one error type of the API and its mapping to the contract's `extensions.code`.
//!
//! Which variant when:
//! - `Unauthenticated`: no, bad, expired or revoked token where one is needed; wrong password.
//! - `Forbidden`: signed in, but the role or account status does not allow it.
//! - `NotFound`: no such object, or one the viewer may not see (the two must look the same).
//! - `BadInput`: invalid input; names the input field.
//! - `Conflict`: stale version, duplicate, or a transition from the wrong status.
//! - `RateLimited`: too many attempts; says when to try again.
//! - `Internal`: anything else. Logged in full, sent to the client as a bare "internal error".

use sea_orm::{DbErr, SqlErr, TransactionError};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    Unauthenticated(&'static str),
    #[error("{0}")]
    Forbidden(&'static str),
    #[error("not found")]
    NotFound,
    #[error("{message}")]
    BadInput { field: String, message: String },
    #[error("{0}")]
    Conflict(String),
    #[error("too many attempts; try again in {retry_after_seconds} seconds")]
    RateLimited { retry_after_seconds: i64 },
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn unauthenticated() -> Self {
        Self::Unauthenticated("sign in to do this")
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::BadInput {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::Conflict(message.into())
    }

    pub fn internal(error: impl Into<anyhow::Error>) -> Self {
        Self::Internal(error.into())
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated(_) => "UNAUTHENTICATED",
            Self::Forbidden(_) => "FORBIDDEN",
            Self::NotFound => "NOT_FOUND",
            Self::BadInput { .. } => "BAD_USER_INPUT",
            Self::Conflict(_) => "CONFLICT",
            Self::RateLimited { .. } => "RATE_LIMITED",
            Self::Internal(_) => "INTERNAL_SERVER_ERROR",
        }
    }

    /// A unique-constraint violation becomes `conflict`; any other database error stays internal.
    pub fn on_unique_violation(conflict: Self) -> impl FnOnce(DbErr) -> Self {
        move |err| match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => conflict,
            _ => Self::from(err),
        }
    }
}

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        Self::Internal(err.into())
    }
}

impl From<TransactionError<AppError>> for AppError {
    fn from(err: TransactionError<AppError>) -> Self {
        match err {
            TransactionError::Connection(db) => db.into(),
            TransactionError::Transaction(app) => app,
        }
    }
}

impl AppError {
    /// Fills in a GraphQL error's `extensions` from the `AppError` it came from.
    pub fn extend(&self, extensions: &mut async_graphql::ErrorExtensionValues) {
        extensions.set("code", self.code());
        match self {
            AppError::BadInput { field, .. } => extensions.set("field", field.as_str()),
            AppError::RateLimited {
                retry_after_seconds,
            } => extensions.set("retryAfterSeconds", *retry_after_seconds),
            AppError::Internal(source) => tracing::error!(error = ?source, "internal error"),
            _ => {}
        }
    }
}
