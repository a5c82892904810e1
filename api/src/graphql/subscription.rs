//! Live events over WebSocket. Each event is checked against the subscriber's visibility as it
//! is now (their session, role and status read afresh), so nothing reaches someone who may not
//! see it: no youth-forum event outside the youth circle, no draft's event but to its author.
//!
//! The fields of an event's item are resolved with the viewer the subscription began with (the
//! engine gives a subscription one request context). So that this viewer is always the one the
//! database has now, a subscription ends at the first event after its session ends
//! (`UNAUTHENTICATED`) or its person's role or status changes (`FORBIDDEN`); subscribing again
//! starts afresh with the viewer they now are.

use std::future::Future;

use async_graphql::{Context, Enum, ID, SimpleObject, Subscription};
use futures_util::{Stream, stream};
use tokio::sync::broadcast::{self, error::RecvError};

use super::{
    context::ContextExt, notification::Notification, proposal::Proposal, scalars::DateTime,
};
use crate::{
    auth::{Viewer, viewer::Credentials},
    error::{AppError, AppResult},
    ids::{ForumId, NotificationId, ProposalId},
    service::{
        events::{self, DeliveryPermit, Event},
        forums, notifications, proposals,
    },
    state::AppState,
};

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "events::ProposalEventKind")]
pub enum ProposalEventKind {
    Published,
    StatusChanged,
    SupportChanged,
    CouncilResponded,
    CommentAdded,
}

#[derive(SimpleObject)]
pub struct ProposalEvent {
    kind: ProposalEventKind,
    proposal: Proposal,
    at: DateTime,
}

#[derive(Default)]
pub struct Subscription;

#[Subscription]
impl Subscription {
    /// The viewer's new notifications as they are made.
    async fn notifications(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<Notification>> + use<>>
    {
        let me = ctx.viewer().await?.require_signed_in()?.id;
        Ok(live(
            ctx,
            move |event| match event {
                Event::Notification {
                    recipient_id,
                    notification_id,
                } if *recipient_id == me => Some(NotificationId(*notification_id)),
                _ => None,
            },
            |state, viewer, id| async move {
                Ok(notifications::find_visible(&state.db, &viewer, id)
                    .await?
                    .map(Notification))
            },
        )
        .await?)
    }

    /// Everything that happens to one proposal.
    async fn proposal_events(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<ProposalEvent>> + use<>>
    {
        let proposal_id = ProposalId::from_object(&id)?;
        proposals::find_visible(&ctx.state()?.db, ctx.viewer().await?, proposal_id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(live(
            ctx,
            move |event| match event {
                Event::Proposal { proposal_id: p, .. } if *p == proposal_id.0 => {
                    Some(event.clone())
                }
                _ => None,
            },
            proposal_event,
        )
        .await?)
    }

    /// Everything that happens to the proposals of one forum.
    async fn forum_events(
        &self,
        ctx: &Context<'_>,
        forum_id: ID,
    ) -> async_graphql::Result<impl Stream<Item = async_graphql::Result<ProposalEvent>> + use<>>
    {
        let forum_id = ForumId::from_object(&forum_id)?;
        forums::by_id(&ctx.state()?.db, forum_id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(live(
            ctx,
            move |event| match event {
                Event::Proposal { forum_id: f, .. } if *f == forum_id.0 => Some(event.clone()),
                _ => None,
            },
            proposal_event,
        )
        .await?)
    }
}

async fn proposal_event(
    state: AppState,
    viewer: Viewer,
    event: Event,
) -> AppResult<Option<ProposalEvent>> {
    let Event::Proposal {
        kind,
        proposal_id,
        at,
        ..
    } = event
    else {
        return Ok(None);
    };
    let visible = proposals::find_visible(&state.db, &viewer, ProposalId(proposal_id)).await?;
    Ok(visible.map(|(proposal, _)| ProposalEvent {
        kind: kind.into(),
        proposal: Proposal(proposal),
        at: at.into(),
    }))
}

/// A subscriber that fell behind is told to come back after this long: the server is busier
/// than it can keep up with.
const RESUBSCRIBE_AFTER_SECONDS: i64 = 5;

/// The bus's events that `select` picks out, each turned into an item by `load` under the
/// subscriber's visibility as it is when the event arrives. A subscriber that falls a whole
/// buffer behind has missed events: it is ended with `RATE_LIMITED` (and when to subscribe
/// again) rather than allowed to hold memory or go on with a gap it cannot see.
///
/// The work on an event holds a delivery permit from the moment the event is picked until the
/// engine asks for the next item, so it covers the fields resolved on the item too; waiting on
/// the bus holds nothing.
async fn live<K, T, Fut, S, L>(
    ctx: &Context<'_>,
    select: S,
    load: L,
) -> AppResult<impl Stream<Item = async_graphql::Result<T>> + use<K, T, Fut, S, L>>
where
    S: Fn(&Event) -> Option<K> + Send + Sync + 'static,
    L: Fn(AppState, Viewer, K) -> Fut + Send + Sync + 'static,
    K: Send + 'static,
    T: Send + 'static,
    Fut: Future<Output = AppResult<Option<T>>> + Send + 'static,
{
    let state = ctx.state()?.clone();
    let credentials: Credentials = ctx.request()?.credentials().clone();
    let subscriber = ctx.viewer().await?.clone();
    let listening = Listening {
        receiver: state.bus.subscribe(),
        delivering: None,
    };
    let select = std::sync::Arc::new(select);
    let load = std::sync::Arc::new(load);
    Ok(stream::unfold(Some(listening), move |listening| {
        let state = state.clone();
        let credentials = credentials.clone();
        let subscriber = subscriber.clone();
        let select = select.clone();
        let load = load.clone();
        async move {
            let Listening {
                mut receiver,
                delivering,
            } = listening?;
            // The engine asks for the next item: the last one is resolved, its permit goes.
            drop(delivering);
            loop {
                let key = match receiver.recv().await {
                    Ok(event) => match select(&event) {
                        Some(key) => key,
                        None => continue,
                    },
                    Err(RecvError::Lagged(_)) => {
                        let error = AppError::RateLimited {
                            retry_after_seconds: RESUBSCRIBE_AFTER_SECONDS,
                        };
                        return Some((Err(error.into()), None));
                    }
                    Err(RecvError::Closed) => return None,
                };
                let item = async {
                    let permit = state.bus.delivery_permit().await?;
                    let viewer = crate::auth::viewer::resolve(&state.db, &credentials).await?;
                    if !viewer.has_same_standing(&subscriber) {
                        return Err(AppError::forbidden("error-subscription-standing-changed"));
                    }
                    let item = load(state.clone(), viewer, key).await?;
                    Ok::<_, AppError>(item.map(|item| (item, permit)))
                };
                match item.await {
                    Ok(Some((item, permit))) => {
                        let listening = Listening {
                            receiver,
                            delivering: Some(permit),
                        };
                        return Some((Ok(item), Some(listening)));
                    }
                    Ok(None) => continue,
                    Err(error) => return Some((Err(error.into()), None)),
                }
            }
        }
    }))
}

/// A subscription between events: its place on the bus, and the permit of the event whose
/// item the engine is still resolving.
struct Listening {
    receiver: broadcast::Receiver<Event>,
    delivering: Option<DeliveryPermit>,
}
