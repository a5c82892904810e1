//! What every request shares, built once at start-up.

use std::{ops::Deref, sync::Arc};

use sea_orm::DatabaseConnection;

use crate::{
    auth::{jwt::TokenKeys, password::Passwords},
    service::{events::EventBus, mail::unsubscribe::UnsubscribeKey, throttles::AddressLimits},
};

#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    pub db: DatabaseConnection,
    pub tokens: TokenKeys,
    pub passwords: Passwords,
    pub bus: EventBus,
    pub address_limits: AddressLimits,
    /// Signs and checks the one-click unsubscribe links in emails.
    pub unsubscribe: UnsubscribeKey,
}

impl AppState {
    pub fn new(
        db: DatabaseConnection,
        tokens: TokenKeys,
        passwords: Passwords,
        bus: EventBus,
        address_limits: AddressLimits,
        unsubscribe: UnsubscribeKey,
    ) -> Self {
        Self(Arc::new(Shared {
            db,
            tokens,
            passwords,
            bus,
            address_limits,
            unsubscribe,
        }))
    }
}

impl Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}
