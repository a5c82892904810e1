//! Clerks' work on accounts: the list, role changes, youth approval, suspension.

use entity::{AccountStatus, NotificationKind, Role, user};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set,
};

use super::{
    accounts::lock_live,
    audit::{self, AuditAction, AuditRecord},
    events::{self, Outbox},
    forums, input,
    notifications::{self, Notice},
    page::{Page, PageRequest, newest_first},
    sessions,
};
use crate::{
    auth::Viewer,
    db::begin_write,
    error::{AppError, AppResult, Field},
    ids::UserId,
    state::AppState,
};

/// A user the viewer may see, for `node(id)`; `None` otherwise.
pub async fn find_visible(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    user_id: UserId,
) -> AppResult<Option<user::Model>> {
    Ok(user::Entity::find_by_id(user_id.0)
        .one(db)
        .await?
        .filter(|user| viewer.sees_user(user)))
}

pub async fn list(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    role: Option<Role>,
    status: Option<AccountStatus>,
    request: &PageRequest,
) -> AppResult<Page<user::Model>> {
    viewer.require_clerk()?;
    let mut select = user::Entity::find().filter(user::Column::DeletedAt.is_null());
    if let Some(role) = role {
        select = select.filter(user::Column::Role.eq(role));
    }
    if let Some(status) = status {
        select = select.filter(user::Column::Status.eq(status));
    }
    newest_first(db, select, user::Column::Id, |u| u.id, request).await
}

fn subject(user_id: UserId) -> Option<String> {
    Some(user_id.to_global())
}

/// Takes effect at once on every path: the viewer is read from the database on each request,
/// memberships the new role may not hold end here, and notifications are written only for what
/// the new role may see.
pub async fn set_role(
    state: &AppState,
    viewer: &Viewer,
    user_id: UserId,
    role: Role,
) -> AppResult<user::Model> {
    let clerk = viewer.require_clerk()?;
    if clerk.id == user_id.0 {
        return Err(AppError::forbidden("error-clerk-own-role"));
    }
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let user = lock_live(&txn, user_id).await?;
    if user.role == role {
        return Ok(user);
    }
    let previous = user.role;
    let mut active: user::ActiveModel = user.into();
    active.role = Set(role);
    // A youth application given another role needs no approval any more.
    if active.status.as_ref() == &AccountStatus::Pending && role != Role::Youth {
        active.status = Set(AccountStatus::Active);
    }
    active.updated_at = Set(now);
    let user = active.update(&txn).await?;
    forums::end_memberships_closed_to(&txn, user.id, role).await?;
    audit::record(
        &txn,
        AuditRecord {
            actor_id: Some(clerk.id),
            action: AuditAction::UserRoleChanged,
            subject_id: subject(user_id),
            detail: Some(format!("{} -> {}", previous.to_value(), role.to_value())),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(user)
}

pub async fn approve_youth(
    state: &AppState,
    viewer: &Viewer,
    user_id: UserId,
) -> AppResult<user::Model> {
    let clerk = viewer.require_clerk()?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let user = lock_live(&txn, user_id).await?;
    if user.role != Role::Youth || user.status != AccountStatus::Pending {
        return Err(AppError::conflict("error-youth-approval"));
    }
    let mut active: user::ActiveModel = user.into();
    active.status = Set(AccountStatus::Active);
    active.updated_at = Set(now);
    let user = active.update(&txn).await?;
    audit::record(
        &txn,
        AuditRecord {
            actor_id: Some(clerk.id),
            action: AuditAction::UserApproved,
            subject_id: subject(user_id),
            detail: None,
        },
        now,
    )
    .await?;
    let mut outbox = Outbox::default();
    notifications::notify(
        &txn,
        &mut outbox,
        NotificationKind::AccountApproved,
        [user.id],
        Some(clerk.id),
        &Notice::default(),
        now,
    )
    .await?;
    events::commit(state, txn, outbox).await?;
    Ok(user)
}

/// Takes every right to act away at once; no session of the account can be renewed.
pub async fn suspend(
    state: &AppState,
    viewer: &Viewer,
    user_id: UserId,
    reason: &str,
) -> AppResult<user::Model> {
    let clerk = viewer.require_clerk()?;
    let reason = input::text(Field::Reason, reason, 1, 1000)?;
    if clerk.id == user_id.0 {
        return Err(AppError::forbidden("error-clerk-suspend-self"));
    }
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let user = lock_live(&txn, user_id).await?;
    if user.status == AccountStatus::Suspended {
        return Err(AppError::conflict("error-already-suspended"));
    }
    let mut active: user::ActiveModel = user.into();
    active.status = Set(AccountStatus::Suspended);
    active.suspended_reason = Set(Some(reason.clone()));
    active.updated_at = Set(now);
    let user = active.update(&txn).await?;
    sessions::retire_refresh_tokens(&txn, user_id.0, now).await?;
    audit::record(
        &txn,
        AuditRecord {
            actor_id: Some(clerk.id),
            action: AuditAction::UserSuspended,
            subject_id: subject(user_id),
            detail: Some(reason),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(user)
}

pub async fn reinstate(
    state: &AppState,
    viewer: &Viewer,
    user_id: UserId,
) -> AppResult<user::Model> {
    let clerk = viewer.require_clerk()?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let user = lock_live(&txn, user_id).await?;
    if user.status != AccountStatus::Suspended {
        return Err(AppError::conflict("error-not-suspended"));
    }
    let mut active: user::ActiveModel = user.into();
    active.status = Set(AccountStatus::Active);
    active.suspended_reason = Set(None);
    active.updated_at = Set(now);
    let user = active.update(&txn).await?;
    audit::record(
        &txn,
        AuditRecord {
            actor_id: Some(clerk.id),
            action: AuditAction::UserReinstated,
            subject_id: subject(user_id),
            detail: None,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(user)
}
