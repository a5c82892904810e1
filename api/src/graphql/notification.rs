//! Notifications as their recipient reads them, in English or Welsh.

use async_graphql::{Context, Enum, ID, Object};
use entity::{Language as Lang, NotificationKind as Kind, ProposalStatus, notification};

use super::{
    connection::{ListConnection, connection, page_cost},
    context::ContextExt,
    council::CouncilResponse,
    discussion::Comment,
    enums::Language,
    loaders::{CommentId, CouncilResponseId, ProposalId},
    proposal::Proposal,
    scalars::DateTime,
};
use crate::{
    ids::{NodeKind, encode},
    service::{notifications, page::PageRequest},
};

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::NotificationKind")]
pub enum NotificationKind {
    CouncilResponded,
    ProposalStatusChanged,
    ReplyReceived,
    NewProposalInForum,
    AccountApproved,
    ContentHidden,
}

pub struct Notification(pub notification::Model);

#[Object]
impl Notification {
    pub async fn id(&self) -> ID {
        encode(NodeKind::Notification, self.0.id).into()
    }

    async fn kind(&self) -> NotificationKind {
        self.0.kind.into()
    }

    /// Listed only while the recipient may see the proposal, so it is visible.
    async fn proposal(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Proposal>> {
        let Some(id) = self.0.proposal_id else {
            return Ok(None);
        };
        let viewer = ctx.viewer().await?;
        let loaded = ctx.load(ProposalId(id)).await?;
        Ok(loaded
            .filter(|(p, kind)| viewer.sees_proposal(p, *kind))
            .map(|(p, _)| Proposal(p)))
    }

    async fn council_response(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Option<CouncilResponse>> {
        let Some(id) = self.0.council_response_id else {
            return Ok(None);
        };
        let loaded = ctx.load(CouncilResponseId(id)).await?;
        Ok(loaded.map(CouncilResponse))
    }

    async fn comment(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Comment>> {
        let Some(id) = self.0.comment_id else {
            return Ok(None);
        };
        let loaded = ctx.load(CommentId(id)).await?;
        Ok(loaded.map(Comment))
    }

    async fn message(&self, ctx: &Context<'_>, lang: Option<Language>) -> String {
        message(&self.0, ctx.language(lang).await)
    }

    async fn created_at(&self) -> DateTime {
        self.0.created_at.into()
    }

    async fn read_at(&self) -> Option<DateTime> {
        self.0.read_at.map(Into::into)
    }
}

fn status_words(status: ProposalStatus, lang: Lang) -> &'static str {
    use ProposalStatus::*;
    match (lang, status) {
        (Lang::En, Draft) => "a draft",
        (Lang::En, Open) => "open for support",
        (Lang::En, Submitted) => "with the council",
        (Lang::En, UnderReview) => "under review by the council",
        (Lang::En, Accepted) => "accepted",
        (Lang::En, Rejected) => "not accepted",
        (Lang::En, Deferred) => "deferred",
        (Lang::En, Implemented) => "done",
        (Lang::En, Withdrawn) => "withdrawn",
        (Lang::Cy, Draft) => "yn ddrafft",
        (Lang::Cy, Open) => "ar agor am gefnogaeth",
        (Lang::Cy, Submitted) => "gyda'r cyngor",
        (Lang::Cy, UnderReview) => "yn cael ei ystyried gan y cyngor",
        (Lang::Cy, Accepted) => "wedi'i dderbyn",
        (Lang::Cy, Rejected) => "heb ei dderbyn",
        (Lang::Cy, Deferred) => "wedi'i ohirio",
        (Lang::Cy, Implemented) => "wedi'i wneud",
        (Lang::Cy, Withdrawn) => "wedi'i dynnu'n ôl",
    }
}

/// The notification in words. Titles are those the recipient could see when it was made.
pub fn message(n: &notification::Model, lang: Lang) -> String {
    let subject = n.subject.as_deref().unwrap_or_default();
    match (n.kind, lang) {
        (Kind::CouncilResponded, Lang::En) => format!("The council has responded to “{subject}”."),
        (Kind::CouncilResponded, Lang::Cy) => format!("Mae'r cyngor wedi ymateb i “{subject}”."),
        (Kind::ProposalStatusChanged, _) => {
            let status = n.status.map_or("", |s| status_words(s, lang));
            match lang {
                Lang::En => format!("“{subject}” is now {status}."),
                Lang::Cy => format!("Mae “{subject}” bellach {status}."),
            }
        }
        (Kind::ReplyReceived, Lang::En) => format!("Someone replied to you on “{subject}”."),
        (Kind::ReplyReceived, Lang::Cy) => format!("Mae rhywun wedi eich ateb ar “{subject}”."),
        (Kind::NewProposalInForum, Lang::En) => {
            format!("A new proposal in your forum: “{subject}”.")
        }
        (Kind::NewProposalInForum, Lang::Cy) => {
            format!("Cynnig newydd yn eich fforwm: “{subject}”.")
        }
        (Kind::AccountApproved, Lang::En) => {
            "Your youth membership has been approved. Welcome to the youth forums!".to_string()
        }
        (Kind::AccountApproved, Lang::Cy) => {
            "Mae eich aelodaeth ieuenctid wedi'i chymeradwyo. Croeso i'r fforymau ieuenctid!"
                .to_string()
        }
        (Kind::ContentHidden, Lang::En) => format!(
            "A moderator has hidden something you wrote: {}",
            n.detail.as_deref().unwrap_or_default()
        ),
        (Kind::ContentHidden, Lang::Cy) => format!(
            "Mae cymedrolwr wedi cuddio rhywbeth a ysgrifennoch: {}",
            n.detail.as_deref().unwrap_or_default()
        ),
    }
}

#[derive(Default)]
pub struct NotificationQuery;

#[Object]
impl NotificationQuery {
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn my_notifications(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        #[graphql(default_with = "Some(false)")] unread_only: Option<bool>,
    ) -> async_graphql::Result<ListConnection<Notification>> {
        let viewer = ctx.viewer().await?;
        let request = PageRequest::new(first, after.as_deref())?;
        let page = notifications::list(
            &ctx.state()?.db,
            viewer,
            unread_only.unwrap_or(false),
            &request,
        )
        .await?;
        Ok(connection(page, Notification))
    }

    async fn unread_notification_count(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        let count = notifications::unread_count(&ctx.state()?.db, ctx.viewer().await?).await?;
        Ok(i32::try_from(count).unwrap_or(i32::MAX))
    }
}

#[derive(Default)]
pub struct NotificationMutation;

#[Object]
impl NotificationMutation {
    /// Marks these (or, with no ids, all) of the viewer's notifications read; returns how many changed.
    async fn mark_notifications_read(
        &self,
        ctx: &Context<'_>,
        ids: Option<Vec<ID>>,
    ) -> async_graphql::Result<i32> {
        let ids = ids.map(|ids| ids.into_iter().map(|id| id.0).collect());
        let changed = notifications::mark_read(ctx.state()?, ctx.viewer().await?, ids).await?;
        Ok(i32::try_from(changed).unwrap_or(i32::MAX))
    }
}
