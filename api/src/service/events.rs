//! Live events: what a mutation collects in its `Outbox` is published once its transaction has
//! committed. On PostgreSQL the events travel through LISTEN/NOTIFY, so every server process
//! sharing the database hears them; on SQLite (one process) an in-process broadcast carries them.
//!
//! Delivering an event to its subscribers (reading the viewer, checking visibility, resolving
//! the fields asked for) takes a [`DeliveryPermit`]: at most half the database pool works on
//! live events at once, so however many subscribers an event has, requests are still served.

use chrono::{DateTime, Utc};
use sea_orm::{
    ConnectionTrait, DatabaseBackend, DatabaseConnection, DatabaseTransaction, Statement,
    sqlx::postgres::PgListener,
};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

use tokio::sync::{OwnedSemaphorePermit, Semaphore, broadcast};

use crate::{
    config::Config,
    error::{AppError, AppResult},
    state::AppState,
};

/// The PostgreSQL channel the events travel on.
const CHANNEL: &str = "fforwm_events";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProposalEventKind {
    Published,
    StatusChanged,
    SupportChanged,
    CouncilResponded,
    CommentAdded,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Event {
    Notification {
        recipient_id: i32,
        notification_id: i32,
    },
    Proposal {
        kind: ProposalEventKind,
        proposal_id: i32,
        forum_id: i32,
        at: DateTime<Utc>,
    },
}

/// Events a transaction produced, held back until it commits.
#[derive(Debug, Default)]
pub struct Outbox(Vec<Event>);

impl Outbox {
    pub fn push(&mut self, event: Event) {
        self.0.push(event);
    }

    pub fn proposal(
        &mut self,
        kind: ProposalEventKind,
        proposal: &entity::proposal::Model,
        at: DateTime<Utc>,
    ) {
        self.push(Event::Proposal {
            kind,
            proposal_id: proposal.id,
            forum_id: proposal.forum_id,
            at,
        });
    }
}

#[derive(Clone)]
pub struct EventBus {
    local: broadcast::Sender<Event>,
    postgres: Option<DatabaseConnection>,
    deliveries: Arc<Semaphore>,
}

/// Leave to work on one event for one subscriber; see the module's header.
pub struct DeliveryPermit {
    _permit: OwnedSemaphorePermit,
}

impl EventBus {
    /// On PostgreSQL, starts listening before it returns, so nothing published afterwards is missed.
    pub async fn start(db: &DatabaseConnection, config: &Config) -> anyhow::Result<Self> {
        let (local, _) = broadcast::channel(config.event_buffer.max(1));
        let deliveries = Arc::new(Semaphore::new((config.db_pool as usize / 2).max(1)));
        if db.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(Self {
                local,
                postgres: None,
                deliveries,
            });
        }
        let mut listener = PgListener::connect(&config.database_url).await?;
        listener.listen(CHANNEL).await?;
        let relay = local.clone();
        tokio::spawn(async move {
            loop {
                match listener.recv().await {
                    Ok(notification) => match serde_json::from_str::<Event>(notification.payload())
                    {
                        Ok(event) => {
                            // No subscriber in this process is not an error.
                            let _ = relay.send(event);
                        }
                        Err(err) => tracing::warn!(error = %err, "unreadable event on the bus"),
                    },
                    Err(err) => {
                        tracing::warn!(error = %err, "event bus connection lost; reconnecting");
                        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                    }
                }
            }
        });
        Ok(Self {
            local,
            postgres: Some(db.clone()),
            deliveries,
        })
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.local.subscribe()
    }

    /// Waits for leave to deliver one event to one subscriber.
    pub async fn delivery_permit(&self) -> AppResult<DeliveryPermit> {
        let permit = self
            .deliveries
            .clone()
            .acquire_owned()
            .await
            .map_err(AppError::internal)?;
        Ok(DeliveryPermit { _permit: permit })
    }

    /// Publishes committed events. The change is already saved, so a failure here is logged,
    /// not returned: the notifications are in the database either way.
    pub async fn publish(&self, outbox: Outbox) {
        for event in outbox.0 {
            match &self.postgres {
                None => {
                    let _ = self.local.send(event);
                }
                Some(db) => {
                    if let Err(err) = notify(db, &event).await {
                        tracing::error!(error = %err, "publishing an event failed");
                    }
                }
            }
        }
    }
}

async fn notify(db: &DatabaseConnection, event: &Event) -> anyhow::Result<()> {
    let payload = serde_json::to_string(event)?;
    db.execute_raw(Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        "SELECT pg_notify($1, $2)",
        [CHANNEL.into(), payload.into()],
    ))
    .await?;
    Ok(())
}

/// Commits a mutation's transaction, then publishes what it produced.
pub async fn commit(state: &AppState, txn: DatabaseTransaction, outbox: Outbox) -> AppResult<()> {
    txn.commit().await?;
    state.bus.publish(outbox).await;
    Ok(())
}
