//! The one error type of the API, its mapping to the contract's `extensions.code` and, for
//! routes outside GraphQL, to an HTTP status.
//!
//! Which variant when:
//! - `Unauthenticated`: no, bad, expired or revoked token where one is needed; wrong password.
//! - `Forbidden`: signed in, but the role or account status does not allow it.
//! - `NotFound`: no such object, or one the viewer may not see (the two must look the same).
//! - `BadInput`: invalid input; names the input field.
//! - `Conflict`: stale version, duplicate, or a transition from the wrong status.
//! - `RateLimited`: too many attempts; says when to try again.
//! - `PersistedQueryNotFound`: an automatic persisted query's hash not known (yet): the client
//!   sends the query with it (the Apollo protocol).
//! - `TimedOut`: the request ran past its time limit and was stopped (`INTERNAL_SERVER_ERROR`,
//!   with a message that says so).
//! - `Internal`: anything else. Logged in full, sent to the client as a bare "internal error".
//!
//! Errors carry a message id and its arguments, never words: the edge renders them in the
//! request's language (`i18n`). `AppError` is `Clone` (its source is shared), so DataLoaders and
//! resolvers hand it on as it is.

use std::{fmt, sync::Arc};

use actix_web::http::StatusCode;
use sea_orm::{DbErr, SqlErr, TransactionError};

use crate::{
    args,
    i18n::{Arg, Language, Message},
};

/// The input fields that BAD_USER_INPUT can name: `extensions.field` and a `field-<name>` label
/// in each catalogue (a unit test checks every one).
macro_rules! fields {
    ($($variant:ident => $name:literal),+ $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Field {
            $($variant),+
        }

        impl Field {
            pub const ALL: &[Field] = &[$(Field::$variant),+];

            /// The name clients see in `extensions.field`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Field::$variant => $name),+
                }
            }

            /// The message that names the field for people.
            pub fn label(self) -> &'static str {
                match self {
                    $(Field::$variant => concat!("field-", $name)),+
                }
            }
        }
    };
}

fields! {
    Email => "email",
    Password => "password",
    NewPassword => "newPassword",
    DisplayName => "displayName",
    DateOfBirth => "dateOfBirth",
    Title => "title",
    Body => "body",
    ForumId => "forumId",
    ForumIds => "forumIds",
    Slug => "slug",
    NameEn => "nameEn",
    NameCy => "nameCy",
    DescriptionEn => "descriptionEn",
    DescriptionCy => "descriptionCy",
    SupportThreshold => "supportThreshold",
    Note => "note",
    Reason => "reason",
    Details => "details",
    Resolution => "resolution",
    TargetId => "targetId",
    ParentId => "parentId",
    ProposalId => "proposalId",
    Decision => "decision",
    Ids => "ids",
    First => "first",
    After => "after",
    To => "to",
    TitleEn => "titleEn",
    TitleCy => "titleCy",
    SummaryEn => "summaryEn",
    SummaryCy => "summaryCy",
    PeriodEnd => "periodEnd",
    Unit => "unit",
    Baseline => "baseline",
    Target => "target",
    Value => "value",
    RecordedOn => "recordedOn",
    Query => "query",
    Search => "search",
    Id => "id",
    CurrentPassword => "currentPassword",
    RefreshToken => "refreshToken",
    UserId => "userId",
    StrategyId => "strategyId",
    ObjectiveId => "objectiveId",
    IndicatorId => "indicatorId",
    LinkId => "linkId",
    Scale => "scale",
    // Issue 13: debate and amendments.
    Alignment => "alignment",
}

impl Field {
    /// The field an argument or input field of this name is, or the query itself for a name
    /// that has no field of its own.
    pub fn named(name: &str) -> Self {
        Self::ALL
            .iter()
            .copied()
            .find(|field| field.name() == name)
            .unwrap_or(Field::Query)
    }
}

#[derive(Debug, Clone)]
pub enum AppError {
    Unauthenticated(Message),
    Forbidden(Message),
    NotFound,
    BadInput { field: Field, message: Message },
    Conflict(Message),
    RateLimited { retry_after_seconds: i64 },
    PersistedQueryNotFound,
    TimedOut { seconds: u64 },
    Internal(Arc<anyhow::Error>),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn unauthenticated(id: &'static str) -> Self {
        Self::Unauthenticated(Message::new(id))
    }

    pub fn forbidden(id: &'static str) -> Self {
        Self::Forbidden(Message::new(id))
    }

    pub fn invalid(field: Field, id: &'static str) -> Self {
        Self::invalid_with(field, id, args!())
    }

    pub fn invalid_with(field: Field, id: &'static str, args: crate::i18n::Args) -> Self {
        Self::BadInput {
            field,
            message: Message::with(id, args),
        }
    }

    pub fn conflict(id: &'static str) -> Self {
        Self::Conflict(Message::new(id))
    }

    pub fn conflict_with(id: &'static str, args: crate::i18n::Args) -> Self {
        Self::Conflict(Message::with(id, args))
    }

    pub fn internal(error: impl Into<anyhow::Error>) -> Self {
        Self::Internal(Arc::new(error.into()))
    }

    pub fn code(&self) -> &'static str {
        match self {
            Self::Unauthenticated(_) => "UNAUTHENTICATED",
            Self::Forbidden(_) => "FORBIDDEN",
            Self::NotFound => "NOT_FOUND",
            Self::BadInput { .. } => "BAD_USER_INPUT",
            Self::Conflict(_) => "CONFLICT",
            Self::RateLimited { .. } => "RATE_LIMITED",
            Self::PersistedQueryNotFound => "PERSISTED_QUERY_NOT_FOUND",
            Self::TimedOut { .. } | Self::Internal(_) => "INTERNAL_SERVER_ERROR",
        }
    }

    /// The one mapping to HTTP statuses, for routes outside GraphQL.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::BadInput { .. } => StatusCode::BAD_REQUEST,
            Self::Conflict(_) => StatusCode::CONFLICT,
            Self::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::PersistedQueryNotFound => StatusCode::NOT_FOUND,
            Self::TimedOut { .. } => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What the client reads, as a message id and its arguments.
    pub fn message(&self) -> Message {
        match self {
            Self::Unauthenticated(message) | Self::Forbidden(message) | Self::Conflict(message) => {
                message.clone()
            }
            Self::NotFound => Message::new("error-not-found"),
            Self::BadInput { field, message } => Message::with(
                message.id,
                message
                    .args
                    .clone()
                    .with("field", Arg::Message(field.label())),
            ),
            Self::RateLimited {
                retry_after_seconds,
            } => Message::with("error-rate-limited", args!(seconds = *retry_after_seconds)),
            Self::PersistedQueryNotFound => Message::new("error-persisted-query-not-found"),
            Self::TimedOut { seconds } => {
                Message::with("error-timed-out", args!(seconds = *seconds))
            }
            Self::Internal(_) => Message::new("error-internal"),
        }
    }

    /// The client's message in `language`; an internal error says nothing of its cause.
    pub fn render(&self, language: Language) -> String {
        self.message().render(language)
    }

    /// A unique-constraint violation of `key` becomes `conflict`; any other database error,
    /// another key's violation included, stays internal.
    pub fn on_unique_violation(key: UniqueKey, conflict: Self) -> impl FnOnce(DbErr) -> Self {
        move |err| match err.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(message)) if key.matches(&message) => conflict,
            _ => Self::from(err),
        }
    }
}

/// English, for logs and for any path that shows an error without rendering it first.
impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Language::En))
    }
}

impl std::error::Error for AppError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Internal(source) => Some(source.as_ref().as_ref()),
            _ => None,
        }
    }
}

/// A unique key as the migrations declare it: its table and columns, and its index name when it
/// has one of its own. PostgreSQL names the constraint in its message (`<table>_<columns>_key`
/// for a UNIQUE column or table constraint, else the index's name); SQLite names the columns.
#[derive(Debug, Clone, Copy)]
pub struct UniqueKey {
    pub table: &'static str,
    pub columns: &'static [&'static str],
    pub index: Option<&'static str>,
}

impl UniqueKey {
    fn matches(&self, message: &str) -> bool {
        let postgres = match self.index {
            Some(index) => index.to_string(),
            None => format!("{}_{}_key", self.table, self.columns.join("_")),
        };
        let sqlite: Vec<String> = self
            .columns
            .iter()
            .map(|column| format!("{}.{column}", self.table))
            .collect();
        message.contains(&format!("\"{postgres}\"")) || message.ends_with(&sqlite.join(", "))
    }
}

impl From<DbErr> for AppError {
    fn from(err: DbErr) -> Self {
        Self::internal(err)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_one_status() {
        let cases = [
            (AppError::unauthenticated("error-wrong-credentials"), 401),
            (AppError::forbidden("error-only-clerks"), 403),
            (AppError::NotFound, 404),
            (AppError::invalid(Field::Title, "error-too-long"), 400),
            (AppError::conflict("error-email-taken"), 409),
            (
                AppError::RateLimited {
                    retry_after_seconds: 3,
                },
                429,
            ),
            (AppError::PersistedQueryNotFound, 404),
            (AppError::TimedOut { seconds: 30 }, 503),
            (AppError::internal(anyhow::anyhow!("disk full")), 500),
        ];
        for (error, status) in cases {
            assert_eq!(error.status().as_u16(), status, "{}", error.code());
        }
    }

    #[test]
    fn internal_errors_say_nothing_of_their_cause() {
        let error = AppError::internal(anyhow::anyhow!("relation \"users\" does not exist"));
        assert_eq!(error.render(Language::En), "Internal error.");
        assert_eq!(error.render(Language::Cy), "Gwall mewnol.");
        assert!(std::error::Error::source(&error).is_some());
    }

    #[test]
    fn bad_input_names_its_field_in_the_readers_language() {
        let error =
            AppError::invalid_with(Field::Title, "error-text-length", args!(min = 5, max = 150));
        assert_eq!(
            error.render(Language::En),
            "Title must be 5 to 150 characters long."
        );
        assert_eq!(
            error.render(Language::Cy),
            "Rhaid i'r maes “Teitl” fod rhwng 5 a 150 nod o hyd."
        );
    }

    #[test]
    fn every_field_has_a_label_in_both_languages() {
        for field in Field::ALL {
            for language in [Language::En, Language::Cy] {
                let label = crate::i18n::text(language, field.label());
                assert_ne!(
                    label,
                    field.label(),
                    "{language:?} has no {}",
                    field.label()
                );
            }
        }
    }

    #[test]
    fn unique_keys_match_their_own_violations_only() {
        let email = UniqueKey {
            table: "users",
            columns: &["email"],
            index: None,
        };
        assert!(
            email.matches("duplicate key value violates unique constraint \"users_email_key\"")
        );
        assert!(email.matches("UNIQUE constraint failed: users.email"));
        assert!(!email.matches("UNIQUE constraint failed: forums.slug"));
        let pair = UniqueKey {
            table: "strategy_links",
            columns: &["objective_id", "proposal_id"],
            index: None,
        };
        assert!(pair.matches(
            "UNIQUE constraint failed: strategy_links.objective_id, strategy_links.proposal_id"
        ));
        assert!(pair.matches(
            "duplicate key value violates unique constraint \"strategy_links_objective_id_proposal_id_key\""
        ));
    }
}
