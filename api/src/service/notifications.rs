//! Notifications: written in the same transaction as their cause, to the people RULES.md names,
//! never to the person who caused them; read back only through the recipient's visibility.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use entity::{
    EmailFrequency, EmailKind, ForumKind, NotificationKind, ProposalStatus, discussion, forum,
    forum_member, notification, proposal, user,
};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QuerySelect, Set, sea_query::Expr,
};

use super::{
    events::{Event, Outbox},
    mail,
    page::{Page, PageRequest, newest_first},
};
use crate::{
    args,
    auth::Viewer,
    db::begin_write,
    error::{AppError, AppResult},
    i18n::{self, Language},
    ids::NotificationId,
    state::AppState,
};

/// What a notification is about.
#[derive(Debug, Clone, Default)]
pub struct Notice {
    pub proposal_id: Option<i32>,
    pub discussion_id: Option<i32>,
    pub council_response_id: Option<i32>,
    pub comment_id: Option<i32>,
    pub status: Option<ProposalStatus>,
    pub subject: Option<String>,
    pub detail: Option<String>,
}

impl Notice {
    pub fn about(proposal: &proposal::Model) -> Self {
        Self {
            proposal_id: Some(proposal.id),
            subject: Some(proposal.title.clone()),
            ..Self::default()
        }
    }

    /// The notification that tells `recipient_id` of this.
    pub fn row(
        &self,
        recipient_id: i32,
        kind: NotificationKind,
        at: DateTime<Utc>,
    ) -> notification::ActiveModel {
        notification::ActiveModel {
            recipient_id: Set(recipient_id),
            kind: Set(kind),
            proposal_id: Set(self.proposal_id),
            discussion_id: Set(self.discussion_id),
            council_response_id: Set(self.council_response_id),
            comment_id: Set(self.comment_id),
            status: Set(self.status),
            subject: Set(self.subject.clone()),
            detail: Set(self.detail.clone()),
            created_at: Set(at),
            ..Default::default()
        }
    }
}

/// Writes one notification per recipient, leaving out `actor_id` and anyone who may not see
/// what it is about (`Viewer::may_be_told`, as their role and status are now; deleted accounts
/// included), and queues their live events and the emails of those who want each at once.
/// Every notification is written here, so no cause can forget the check.
pub async fn notify(
    conn: &impl ConnectionTrait,
    outbox: &mut Outbox,
    kind: NotificationKind,
    recipients: impl IntoIterator<Item = i32>,
    actor_id: Option<i32>,
    notice: &Notice,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let recipients: BTreeSet<i32> = recipients
        .into_iter()
        .filter(|id| Some(*id) != actor_id)
        .collect();
    let accounts = who_may_be_told(conn, recipients, notice).await?;
    let settings = mail::settings::of_accounts(conn, &accounts).await?;
    for account in &accounts {
        let recipient_id = account.id;
        let row = notice.row(recipient_id, kind, now).insert(conn).await?;
        outbox.push(Event::Notification {
            recipient_id,
            notification_id: row.id,
        });
        if settings
            .get(&recipient_id)
            .is_some_and(|s| s.emails(kind, EmailFrequency::Immediate))
        {
            mail::outbox::queue(conn, recipient_id, EmailKind::Notification, now, |email| {
                email.notification_id = Set(Some(row.id));
            })
            .await?;
        }
    }
    Ok(())
}

/// The accounts of those of `recipients` who may see what `notice` is about.
async fn who_may_be_told(
    conn: &impl ConnectionTrait,
    recipients: BTreeSet<i32>,
    notice: &Notice,
) -> AppResult<Vec<user::Model>> {
    if recipients.is_empty() {
        return Ok(Vec::new());
    }
    let proposal = match notice.proposal_id {
        Some(id) => {
            let proposal = proposal::Entity::find_by_id(id)
                .one(conn)
                .await?
                .ok_or_else(missing)?;
            let kind = forum_kind(conn, proposal.forum_id).await?;
            Some((proposal, kind))
        }
        None => None,
    };
    let discussion_forum = match notice.discussion_id {
        Some(id) => {
            let discussion = discussion::Entity::find_by_id(id)
                .one(conn)
                .await?
                .ok_or_else(missing)?;
            Some(forum_kind(conn, discussion.forum_id).await?)
        }
        None => None,
    };
    let accounts = user::Entity::find()
        .filter(user::Column::Id.is_in(recipients))
        .all(conn)
        .await?;
    Ok(accounts
        .into_iter()
        .filter(|account| {
            Viewer::of_account(account).may_be_told(
                proposal.as_ref().map(|(p, kind)| (p, *kind)),
                discussion_forum,
            )
        })
        .collect())
}

async fn forum_kind(conn: &impl ConnectionTrait, forum_id: i32) -> AppResult<ForumKind> {
    Ok(forum::Entity::find_by_id(forum_id)
        .one(conn)
        .await?
        .ok_or_else(missing)?
        .kind)
}

fn missing() -> AppError {
    AppError::internal(anyhow::anyhow!(
        "a notification about something that does not exist"
    ))
}

pub async fn forum_members(conn: &impl ConnectionTrait, forum_id: i32) -> AppResult<Vec<i32>> {
    Ok(forum_member::Entity::find()
        .select_only()
        .column(forum_member::Column::UserId)
        .filter(forum_member::Column::ForumId.eq(forum_id))
        .into_tuple()
        .all(conn)
        .await?)
}

/// The viewer's notifications, newest first, leaving out any about what they may not see now.
pub async fn list(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    unread_only: bool,
    request: &PageRequest,
) -> AppResult<Page<notification::Model>> {
    let actor = viewer.require_signed_in()?;
    let mut select = notification::Entity::find().filter(viewer.notification_filter(actor.id));
    if unread_only {
        select = select.filter(notification::Column::ReadAt.is_null());
    }
    newest_first(db, select, notification::Column::Id, |n| n.id, request).await
}

pub async fn unread_count(db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<u64> {
    let actor = viewer.require_signed_in()?;
    Ok(notification::Entity::find()
        .filter(viewer.notification_filter(actor.id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// One of the viewer's own notifications, for `node(id)` and live delivery.
pub async fn find_visible(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    notification_id: NotificationId,
) -> AppResult<Option<notification::Model>> {
    let Some(actor) = &viewer.actor else {
        return Ok(None);
    };
    Ok(notification::Entity::find_by_id(notification_id.0)
        .filter(viewer.notification_filter(actor.id))
        .one(db)
        .await?)
}

/// Marks the given notifications (or, with none given, all) of the viewer's read. Others'
/// notifications are simply not counted. Returns how many changed.
pub async fn mark_read(
    state: &AppState,
    viewer: &Viewer,
    ids: Option<Vec<NotificationId>>,
) -> AppResult<u64> {
    let actor = viewer.require_active()?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let mut update = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(now))
        .filter(notification::Column::RecipientId.eq(actor.id))
        .filter(notification::Column::ReadAt.is_null());
    if let Some(ids) = ids {
        update = update.filter(notification::Column::Id.is_in(ids.into_iter().map(|id| id.0)));
    }
    let changed = update.exec(&txn).await?.rows_affected;
    txn.commit().await?;
    Ok(changed)
}

/// The notification in words. Titles are those the recipient could see when it was made.
pub fn message(n: &notification::Model, lang: Language) -> String {
    let title = n.subject.as_deref().unwrap_or_default();
    let (id, args) = match n.kind {
        NotificationKind::CouncilResponded => {
            ("notification-council-responded", args!(title = title))
        }
        NotificationKind::ProposalStatusChanged => {
            // The catalogue words each status as a sentence needs it.
            let status = n.status.map(|s| s.to_value()).unwrap_or_default();
            (
                "notification-status-changed",
                args!(title = title, status = status),
            )
        }
        NotificationKind::ReplyReceived => ("notification-reply-received", args!(title = title)),
        NotificationKind::NewProposalInForum => ("notification-new-proposal", args!(title = title)),
        NotificationKind::AccountApproved => ("notification-account-approved", args!()),
        NotificationKind::ContentHidden => (
            "notification-content-hidden",
            args!(reason = n.detail.as_deref().unwrap_or_default()),
        ),
    };
    i18n::render(lang, id, &args)
}
