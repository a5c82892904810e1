//! Throttles per client address, beside those per email (`accounts`): failed logins and
//! registrations from one address in a sliding window of ten minutes, counted in the database
//! so that every replica sees the others' attempts.
//!
//! An attempt is recorded (and committed) before it is judged, so that concurrent attempts
//! each see the others; it then counts against its address unless it is forgotten: a login
//! that succeeds, or an attempt refused by a throttle (so that a client that keeps knocking is
//! let in again once its earlier attempts leave the window).

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use entity::{AddressAction, address_attempt};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use crate::error::{AppError, AppResult};

/// How long an attempt counts against its address.
pub const ADDRESS_WINDOW: Duration = Duration::minutes(10);

/// Attempts one address may make in [`ADDRESS_WINDOW`]; 0 for no limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressLimits {
    /// Failed logins (`FFORWM_LOGIN_LIMIT_PER_ADDRESS`).
    pub logins: u32,
    /// Registrations, whatever became of them (`FFORWM_REGISTER_LIMIT_PER_ADDRESS`).
    pub registrations: u32,
}

impl AddressLimits {
    fn of(self, action: AddressAction) -> u32 {
        match action {
            AddressAction::Login => self.logins,
            AddressAction::Register => self.registrations,
        }
    }
}

/// An attempt that counts against its address (none when the address is unknown or the
/// throttle is off).
pub struct Counted(Option<i32>);

/// Records an attempt at `action` from `address` and refuses it (`RATE_LIMITED`, with the
/// seconds until the address may try again) when the address has used up its limit.
pub async fn count(
    db: &impl ConnectionTrait,
    limits: AddressLimits,
    action: AddressAction,
    address: Option<IpAddr>,
    now: DateTime<Utc>,
) -> AppResult<Counted> {
    let limit = limits.of(action) as usize;
    let Some(address) = address.filter(|_| limit > 0) else {
        return Ok(Counted(None));
    };
    let address = address.to_canonical().to_string();
    let attempt = address_attempt::ActiveModel {
        address: Set(address.clone()),
        action: Set(action),
        attempted_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    // What has left the window counts no more.
    address_attempt::Entity::delete_many()
        .filter(address_attempt::Column::Address.eq(address.as_str()))
        .filter(address_attempt::Column::Action.eq(action))
        .filter(address_attempt::Column::AttemptedAt.lte(now - ADDRESS_WINDOW))
        .exec(db)
        .await?;
    let earlier: Vec<DateTime<Utc>> = address_attempt::Entity::find()
        .filter(address_attempt::Column::Address.eq(address.as_str()))
        .filter(address_attempt::Column::Action.eq(action))
        .select_only()
        .column(address_attempt::Column::AttemptedAt)
        .filter(address_attempt::Column::AttemptedAt.gt(now - ADDRESS_WINDOW))
        .filter(address_attempt::Column::Id.lt(attempt.id))
        .order_by_desc(address_attempt::Column::AttemptedAt)
        .limit(limit as u64)
        .into_tuple()
        .all(db)
        .await?;
    if earlier.len() >= limit {
        forget(db, Counted(Some(attempt.id))).await?;
        // Open again once the oldest of the last `limit` attempts leaves the window.
        let unlock_at = earlier[limit - 1] + ADDRESS_WINDOW;
        let retry_after_seconds = (unlock_at - now).num_milliseconds().div_euclid(1000) + 1;
        return Err(AppError::RateLimited {
            retry_after_seconds,
        });
    }
    Ok(Counted(Some(attempt.id)))
}

/// The attempt no longer counts (a login that succeeded).
pub async fn forget(db: &impl ConnectionTrait, counted: Counted) -> AppResult<()> {
    if let Some(id) = counted.0 {
        address_attempt::Entity::delete_by_id(id).exec(db).await?;
    }
    Ok(())
}
