//! Accounts: registration, sign-in with its throttle, and the account holder's own changes.

use std::net::IpAddr;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::{
    AccountStatus, AddressAction, EmailFrequency, Language, LoginOutcome, NotificationKind, Role,
    login_attempt, user,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, sea_query::Expr,
};

use super::{
    input, mail,
    sessions::{self, SignedIn},
    throttles,
};
use crate::{
    auth::{Viewer, password},
    db::begin_write,
    error::{AppError, AppResult, Field, UniqueKey},
    ids::UserId,
    state::AppState,
};

const EMAIL_KEY: UniqueKey = UniqueKey {
    table: "users",
    columns: &["email"],
    index: None,
};

pub const LOGIN_WINDOW: Duration = Duration::minutes(15);
pub const LOGIN_MAX_FAILURES: usize = 5;

/// An account made by an administrator (`create-user`): ACTIVE at once, any role.
pub struct NewAccount {
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub password: String,
}

pub async fn create_user(db: &DatabaseConnection, new: NewAccount) -> AppResult<user::Model> {
    let email = input::email(Field::Email, &new.email)?;
    let display_name = input::display_name(Field::DisplayName, &new.display_name)?;
    input::password(Field::Password, &new.password)?;
    let hash = password::hash(new.password).await?;
    let txn = begin_write(db).await?;
    let user = insert_user(
        &txn,
        email,
        display_name,
        hash,
        new.role,
        AccountStatus::Active,
        Language::En,
        None,
        crate::clock::now(),
    )
    .await?;
    txn.commit().await?;
    Ok(user)
}

pub struct Registration {
    pub email: String,
    pub password: String,
    pub display_name: String,
    pub preferred_language: Language,
    pub date_of_birth: Option<NaiveDate>,
    pub as_youth: bool,
}

/// A resident is ACTIVE at once; a youth member waits in PENDING for a clerk. Signs in, and
/// queues the link that verifies the address. Counted against `address` (`throttles`) once the input is valid.
pub async fn register(
    state: &AppState,
    registration: Registration,
    address: Option<IpAddr>,
) -> AppResult<SignedIn> {
    let now = crate::clock::now();
    let email = input::email(Field::Email, &registration.email)?;
    input::password(Field::Password, &registration.password)?;
    let display_name = input::display_name(Field::DisplayName, &registration.display_name)?;
    if let Some(born) = registration.date_of_birth
        && born > now.date_naive()
    {
        return Err(AppError::invalid(
            Field::DateOfBirth,
            "error-date-in-future",
        ));
    }
    let (role, status, date_of_birth) = if registration.as_youth {
        let born = input::youth_date_of_birth(
            Field::DateOfBirth,
            registration.date_of_birth,
            now.date_naive(),
        )?;
        (Role::Youth, AccountStatus::Pending, Some(born))
    } else {
        // Residents' birth dates are not needed, so they are not kept.
        (Role::Resident, AccountStatus::Active, None)
    };
    // A registration counts whatever becomes of it.
    throttles::count(
        &state.db,
        state.address_limits,
        AddressAction::Register,
        address,
        now,
    )
    .await?;
    let hash = state.passwords.hash(registration.password).await?;
    let txn = begin_write(&state.db).await?;
    let user = insert_user(
        &txn,
        email,
        display_name,
        hash,
        role,
        status,
        registration.preferred_language,
        date_of_birth,
        now,
    )
    .await?;
    mail::verification::issue(&txn, &user, now).await?;
    let signed_in = sessions::start(&txn, state, user, now).await?;
    txn.commit().await?;
    Ok(signed_in)
}

#[allow(clippy::too_many_arguments)]
async fn insert_user(
    conn: &impl sea_orm::ConnectionTrait,
    email: String,
    display_name: String,
    password_hash: String,
    role: Role,
    status: AccountStatus,
    preferred_language: Language,
    date_of_birth: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> AppResult<user::Model> {
    user::ActiveModel {
        email: Set(Some(email)),
        display_name: Set(display_name),
        password_hash: Set(Some(password_hash)),
        role: Set(role),
        status: Set(status),
        preferred_language: Set(preferred_language),
        date_of_birth: Set(date_of_birth),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
    .map_err(AppError::on_unique_violation(
        EMAIL_KEY,
        AppError::conflict("error-email-taken"),
    ))
}

/// Checks the password, under a throttle kept in the database: after five failures for one
/// email within fifteen minutes, every attempt is refused until the window has passed.
/// Throttled per email and per client `address` (`throttles`).
pub async fn login(
    state: &AppState,
    email: &str,
    password: String,
    address: Option<IpAddr>,
) -> AppResult<SignedIn> {
    let now = crate::clock::now();
    let email: String = email
        .trim()
        .to_lowercase()
        .chars()
        .take(input::MAX_EMAIL)
        .collect();
    let db = &state.db;
    let counted =
        throttles::count(db, state.address_limits, AddressAction::Login, address, now).await?;
    // Recorded (and committed) before anything is checked, so that concurrent attempts,
    // aliased or batched, each see the others.
    let attempt = login_attempt::ActiveModel {
        email: Set(email.clone()),
        attempted_at: Set(now),
        outcome: Set(LoginOutcome::Pending),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let set_outcome = |outcome: LoginOutcome| async move {
        login_attempt::Entity::update_many()
            .col_expr(login_attempt::Column::Outcome, Expr::value(outcome))
            .filter(login_attempt::Column::Id.eq(attempt.id))
            .exec(db)
            .await
    };

    let failures: Vec<DateTime<Utc>> = login_attempt::Entity::find()
        .select_only()
        .column(login_attempt::Column::AttemptedAt)
        .filter(login_attempt::Column::Email.eq(email.as_str()))
        .filter(login_attempt::Column::AttemptedAt.gt(now - LOGIN_WINDOW))
        .filter(login_attempt::Column::Id.lt(attempt.id))
        .filter(login_attempt::Column::Outcome.is_in([LoginOutcome::Failed, LoginOutcome::Pending]))
        .order_by_asc(login_attempt::Column::AttemptedAt)
        .into_tuple()
        .all(db)
        .await?;
    if failures.len() >= LOGIN_MAX_FAILURES {
        set_outcome(LoginOutcome::Throttled).await?;
        throttles::forget(db, counted).await?;
        // Open again once all but four of these failures have left the window.
        let unlock_at = failures[failures.len() - LOGIN_MAX_FAILURES] + LOGIN_WINDOW;
        let retry_after_seconds = (unlock_at - now).num_milliseconds().div_euclid(1000) + 1;
        return Err(AppError::RateLimited {
            retry_after_seconds,
        });
    }

    let user = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await?;
    let stored_hash = user.as_ref().and_then(|u| u.password_hash.clone());
    let verified = state.passwords.verify(stored_hash, password).await?;
    let (Some(user), true) = (user, verified) else {
        set_outcome(LoginOutcome::Failed).await?;
        return Err(AppError::unauthenticated("error-wrong-credentials"));
    };
    let txn = begin_write(db).await?;
    let signed_in = sessions::start(&txn, state, user, now).await?;
    txn.commit().await?;
    set_outcome(LoginOutcome::Succeeded).await?;
    throttles::forget(db, counted).await?;
    prune_login_attempts(state, &email, now).await?;
    Ok(signed_in)
}

async fn prune_login_attempts(state: &AppState, email: &str, now: DateTime<Utc>) -> AppResult<()> {
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::Email.eq(email))
        .filter(login_attempt::Column::AttemptedAt.lt(now - LOGIN_WINDOW))
        .exec(&state.db)
        .await?;
    Ok(())
}

pub struct ProfileChanges {
    pub display_name: Option<String>,
    pub preferred_language: Option<Language>,
    pub email_frequency: Option<EmailFrequency>,
    /// Replaces the kinds never sent by email.
    pub muted_kinds: Option<Vec<NotificationKind>>,
}

pub async fn update_me(
    state: &AppState,
    viewer: &Viewer,
    changes: ProfileChanges,
) -> AppResult<user::Model> {
    let actor = viewer.require_active()?;
    let display_name = changes
        .display_name
        .as_deref()
        .map(|name| input::display_name(Field::DisplayName, name))
        .transpose()?;
    let txn = begin_write(&state.db).await?;
    let user = lock_live(&txn, UserId(actor.id)).await?;
    let mut active: user::ActiveModel = user.into();
    if let Some(name) = display_name {
        active.display_name = Set(name);
    }
    if let Some(language) = changes.preferred_language {
        active.preferred_language = Set(language);
    }
    active.updated_at = Set(crate::clock::now());
    let user = active.update(&txn).await?;
    if changes.email_frequency.is_some() || changes.muted_kinds.is_some() {
        mail::settings::update(&txn, user.id, changes.email_frequency, changes.muted_kinds).await?;
    }
    txn.commit().await?;
    Ok(user)
}

/// Needs the current password; ends every session, this one included. Allowed whatever the
/// account's status: a suspended or pending account must still be able to secure itself.
pub async fn change_password(
    state: &AppState,
    viewer: &Viewer,
    current_password: String,
    new_password: String,
) -> AppResult<bool> {
    let actor = viewer.require_signed_in()?;
    input::password(Field::NewPassword, &new_password)?;
    let verified_hash = find_live(&state.db, UserId(actor.id)).await?.password_hash;
    if !state
        .passwords
        .verify(verified_hash.clone(), current_password)
        .await?
    {
        return Err(AppError::unauthenticated("error-wrong-current-password"));
    }
    let hash = state.passwords.hash(new_password).await?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    // Checked against the hash that was verified: of two concurrent changes, one wins.
    let user = lock_live(&txn, UserId(actor.id)).await?;
    if user.password_hash != verified_hash {
        return Err(AppError::conflict(
            "the password was changed meanwhile; sign in again",
        ));
    }
    let mut active: user::ActiveModel = user.into();
    active.password_hash = Set(Some(hash));
    active.updated_at = Set(now);
    active.update(&txn).await?;
    sessions::revoke_all(&txn, actor.id, now).await?;
    txn.commit().await?;
    Ok(true)
}

pub async fn find_live(
    conn: &impl sea_orm::ConnectionTrait,
    user_id: UserId,
) -> AppResult<user::Model> {
    user::Entity::find_by_id(user_id.0)
        .one(conn)
        .await?
        .filter(|u| u.deleted_at.is_none())
        .ok_or(AppError::NotFound)
}

/// For every change to an account: the live account with its row locked until the transaction
/// ends, so that the role and status a transition checks are still true when it writes. Of
/// concurrent transitions the later ones queue and then see the first one's result. (SQLite's
/// write transactions already run one at a time; PostgreSQL needs the lock.)
pub async fn lock_live(
    conn: &impl sea_orm::ConnectionTrait,
    user_id: UserId,
) -> AppResult<user::Model> {
    user::Entity::find_by_id(user_id.0)
        .lock_exclusive()
        .one(conn)
        .await?
        .filter(|u| u.deleted_at.is_none())
        .ok_or(AppError::NotFound)
}
