//! Follows and email settings: `follow`/`unfollow`, `resendVerificationEmail`, and the types
//! the `User`, `Proposal` and `Discussion` fields of the email extension return.

use async_graphql::{Context, Enum, ID, Object, SimpleObject, Union};
use entity::{follow, user};

use super::{
    connection::{ListConnection, connection, page_request},
    context::ContextExt,
    discussion::Discussion,
    forum::Forum,
    loaders::FollowKey,
    notification::NotificationKind,
    proposal::Proposal,
    scalars::DateTime,
};
use crate::{
    auth::Viewer,
    error::{AppError, AppResult},
    service::{
        follows::{self, Target},
        mail::{settings, verification},
    },
};

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::EmailFrequency")]
pub enum EmailFrequency {
    Never,
    /// Each notification as it happens (within a minute).
    Immediate,
    /// One digest a day, at 07:00 Europe/London.
    Daily,
    /// One digest a week, Monday 07:00 Europe/London.
    Weekly,
}

/// The viewer's own settings; null on anyone else's User.
#[derive(SimpleObject)]
pub struct NotificationSettings {
    email_frequency: EmailFrequency,
    /// Kinds never sent by email (they still appear in the app).
    muted_kinds: Vec<NotificationKind>,
}

/// The settings of `account` when it is the viewer's own.
pub async fn own_settings(
    ctx: &Context<'_>,
    account: &user::Model,
) -> AppResult<Option<settings::Settings>> {
    if !ctx.viewer().await?.is_self(account.id) {
        return Ok(None);
    }
    Ok(Some(settings::of_account(&ctx.state()?.db, account).await?))
}

impl From<settings::Settings> for NotificationSettings {
    fn from(settings: settings::Settings) -> Self {
        let mut muted_kinds: Vec<NotificationKind> =
            settings.muted.into_iter().map(Into::into).collect();
        muted_kinds.sort_by_key(|kind| *kind as u8);
        Self {
            email_frequency: settings.frequency.into(),
            muted_kinds,
        }
    }
}

#[derive(Union)]
pub enum Followable {
    Proposal(Proposal),
    Discussion(Discussion),
    Forum(Forum),
}

pub struct Follow(follow::Model);

#[Object]
impl Follow {
    /// Listed only while the viewer may see it.
    async fn target(&self, ctx: &Context<'_>) -> AppResult<Followable> {
        let viewer = ctx.viewer().await?;
        let missing = || AppError::internal(anyhow::anyhow!("a followed thing has gone"));
        Ok(match Target::of(self.0.target_kind, self.0.target_id) {
            Target::Proposal(id) => {
                let (proposal, kind) = ctx.load(id).await?.ok_or_else(missing)?;
                if !viewer.sees_proposal(&proposal, kind) {
                    return Err(missing());
                }
                Followable::Proposal(Proposal(proposal))
            }
            Target::Discussion(id) => {
                let (discussion, kind) = ctx.load(id).await?.ok_or_else(missing)?;
                if !viewer.sees_forum_content(kind) {
                    return Err(missing());
                }
                Followable::Discussion(Discussion(discussion))
            }
            Target::Forum(id) => Followable::Forum(Forum(ctx.load(id).await?.ok_or_else(missing)?)),
        })
    }

    async fn since(&self) -> DateTime {
        self.0.created_at.into()
    }
}

/// `User.following`: the viewer's own follows, null on anyone else's User.
pub async fn following(
    ctx: &Context<'_>,
    account: &user::Model,
    first: Option<i32>,
    after: Option<String>,
) -> AppResult<Option<ListConnection<Follow>>> {
    let viewer = ctx.viewer().await?;
    if !viewer.is_self(account.id) {
        return Ok(None);
    }
    let request = page_request(ctx, first, after.as_deref())?;
    let page = follows::list(&ctx.state()?.db, viewer, &request).await?;
    Ok(Some(connection(page, Follow)))
}

/// `viewerIsFollowing` on a proposal or discussion.
pub async fn viewer_is_following(ctx: &Context<'_>, target: Target) -> AppResult<bool> {
    let viewer: &Viewer = ctx.viewer().await?;
    let Some(actor) = &viewer.actor else {
        return Ok(false);
    };
    Ok(ctx
        .load(FollowKey {
            target,
            user_id: actor.id,
        })
        .await?
        .unwrap_or(false))
}

#[derive(Default)]
pub struct EmailMutation;

#[Object]
impl EmailMutation {
    /// A Proposal, Discussion or Forum the viewer may see. Idempotent.
    async fn follow(&self, ctx: &Context<'_>, target_id: ID) -> AppResult<bool> {
        let target = Target::from_object(&target_id)?;
        follows::follow(ctx.state()?, ctx.viewer().await?, target).await
    }

    async fn unfollow(&self, ctx: &Context<'_>, target_id: ID) -> AppResult<bool> {
        let target = Target::from_object(&target_id)?;
        follows::unfollow(ctx.state()?, ctx.viewer().await?, target).await
    }

    /// Sends the verification link again; at most one an hour (RATE_LIMITED). False when the
    /// address is verified already.
    async fn resend_verification_email(&self, ctx: &Context<'_>) -> AppResult<bool> {
        verification::resend(ctx.state()?, ctx.viewer().await?).await
    }
}
