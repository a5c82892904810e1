//! Email settings: frequency (defaults by role), muted kinds and the verified address.

use std::collections::{HashMap, HashSet};

use entity::{EmailFrequency, NotificationKind, Role, email_muted_kind, email_settings, user};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, sea_query::OnConflict};

use crate::error::AppResult;

/// High privacy by default: youth members get no email until they ask for it.
pub fn default_frequency(role: Role) -> EmailFrequency {
    match role {
        Role::Youth => EmailFrequency::Never,
        Role::Resident | Role::Councillor | Role::Clerk => EmailFrequency::Daily,
    }
}

/// One person's settings as they apply now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub frequency: EmailFrequency,
    pub muted: Vec<NotificationKind>,
    /// The account's address is the one last verified.
    pub verified: bool,
    pub last_digest_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl Settings {
    fn of(
        account: &user::Model,
        row: Option<&email_settings::Model>,
        muted: Vec<NotificationKind>,
    ) -> Self {
        let verified = account.deleted_at.is_none()
            && account.email.is_some()
            && row.and_then(|r| r.verified_email.as_ref()) == account.email.as_ref();
        Self {
            frequency: row
                .and_then(|r| r.frequency)
                .unwrap_or_else(|| default_frequency(account.role)),
            muted,
            verified,
            last_digest_at: row.and_then(|r| r.last_digest_at),
        }
    }

    /// Whether a notification of `kind` goes out by email at this frequency.
    pub fn emails(&self, kind: NotificationKind, frequency: EmailFrequency) -> bool {
        self.verified && self.frequency == frequency && !self.muted.contains(&kind)
    }
}

pub async fn of_account(conn: &impl ConnectionTrait, account: &user::Model) -> AppResult<Settings> {
    Ok(of_accounts(conn, std::slice::from_ref(account))
        .await?
        .remove(&account.id)
        .unwrap_or_else(|| Settings::of(account, None, Vec::new())))
}

/// The settings of each of `accounts`, in two statements.
pub async fn of_accounts(
    conn: &impl ConnectionTrait,
    accounts: &[user::Model],
) -> AppResult<HashMap<i32, Settings>> {
    let ids: Vec<i32> = accounts.iter().map(|a| a.id).collect();
    let rows: HashMap<i32, email_settings::Model> = email_settings::Entity::find()
        .filter(email_settings::Column::UserId.is_in(ids.clone()))
        .all(conn)
        .await?
        .into_iter()
        .map(|row| (row.user_id, row))
        .collect();
    let mut muted: HashMap<i32, Vec<NotificationKind>> = HashMap::new();
    for row in email_muted_kind::Entity::find()
        .filter(email_muted_kind::Column::UserId.is_in(ids))
        .all(conn)
        .await?
    {
        muted.entry(row.user_id).or_default().push(row.kind);
    }
    Ok(accounts
        .iter()
        .map(|account| {
            let kinds = muted.remove(&account.id).unwrap_or_default();
            (
                account.id,
                Settings::of(account, rows.get(&account.id), kinds),
            )
        })
        .collect())
}

/// Changes the frequency and/or the muted kinds (given ones replace the old set).
pub async fn update(
    conn: &impl ConnectionTrait,
    user_id: i32,
    frequency: Option<EmailFrequency>,
    muted: Option<Vec<NotificationKind>>,
) -> AppResult<()> {
    ensure_row(conn, user_id).await?;
    if let Some(frequency) = frequency {
        email_settings::Entity::update_many()
            .col_expr(
                email_settings::Column::Frequency,
                sea_orm::sea_query::Expr::value(frequency),
            )
            .filter(email_settings::Column::UserId.eq(user_id))
            .exec(conn)
            .await?;
    }
    if let Some(muted) = muted {
        email_muted_kind::Entity::delete_many()
            .filter(email_muted_kind::Column::UserId.eq(user_id))
            .exec(conn)
            .await?;
        let kinds: HashSet<NotificationKind> = muted.into_iter().collect();
        if !kinds.is_empty() {
            email_muted_kind::Entity::insert_many(kinds.into_iter().map(|kind| {
                email_muted_kind::ActiveModel {
                    user_id: Set(user_id),
                    kind: Set(kind),
                }
            }))
            .exec_without_returning(conn)
            .await?;
        }
    }
    Ok(())
}

/// The settings row, made with the defaults (a null frequency) where there is none.
pub async fn ensure_row(conn: &impl ConnectionTrait, user_id: i32) -> AppResult<()> {
    email_settings::Entity::insert(email_settings::ActiveModel {
        user_id: Set(user_id),
        frequency: Set(None),
        verified_email: Set(None),
        last_digest_at: Set(None),
    })
    .on_conflict(
        OnConflict::column(email_settings::Column::UserId)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(())
}
