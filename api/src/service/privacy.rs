//! The account holder's own data: a copy of all of it, and deleting the account. The person
//! goes; their civic record (proposals, comments, supports) stays, authored by no one.

use entity::{
    comment, discussion, forum_member, login_attempt, notification, proposal, support, user,
};
use sea_orm::{
    ActiveEnum, ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::{Value, json};

use super::{
    accounts::{find_live, lock_live},
    audit::{self, AuditAction, AuditRecord},
    mail, sessions,
};
use crate::{
    auth::Viewer,
    db::begin_write,
    error::{AppError, AppResult},
    ids::{CommentId, DiscussionId, ForumId, NotificationId, ProposalId, UserId},
    state::AppState,
};

fn time(at: chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Everything held about the viewer, as one JSON document. A right of every signed-in person,
/// pending and suspended ones included.
pub async fn export(state: &AppState, viewer: &Viewer) -> AppResult<String> {
    let actor = viewer.require_signed_in()?;
    let db = &state.db;
    let me = find_live(db, UserId(actor.id)).await?;
    let proposals = proposal::Entity::find()
        .filter(proposal::Column::AuthorId.eq(me.id))
        .order_by_asc(proposal::Column::Id)
        .all(db)
        .await?;
    let discussions = discussion::Entity::find()
        .filter(discussion::Column::AuthorId.eq(me.id))
        .order_by_asc(discussion::Column::Id)
        .all(db)
        .await?;
    let comments = comment::Entity::find()
        .filter(comment::Column::AuthorId.eq(me.id))
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await?;
    let supports = support::Entity::find()
        .filter(support::Column::UserId.eq(me.id))
        .order_by_asc(support::Column::CreatedAt)
        .all(db)
        .await?;
    // Through the same filter as `myNotifications`: what they may see now, not what they could
    // see when it was written (a youth member made a resident no longer reads youth titles).
    let notifications = notification::Entity::find()
        .filter(viewer.notification_filter(me.id))
        .order_by_asc(notification::Column::Id)
        .all(db)
        .await?;
    let mut document = json!({
        "account": {
            "id": UserId(me.id).to_global(),
            "email": me.email,
            "displayName": me.display_name,
            "role": me.role.to_value(),
            "status": me.status.to_value(),
            "preferredLanguage": me.preferred_language.to_value(),
            "dateOfBirth": me.date_of_birth.map(|d| d.format("%Y-%m-%d").to_string()),
            "createdAt": time(me.created_at),
        },
        "proposals": proposals.iter().map(|p| json!({
            "id": ProposalId(p.id).to_global(),
            "forumId": ForumId(p.forum_id).to_global(),
            "title": p.title,
            "body": p.body,
            "language": p.language.to_value(),
            "status": p.status.to_value(),
            "createdAt": time(p.created_at),
            "updatedAt": time(p.updated_at),
        })).collect::<Vec<Value>>(),
        "discussions": discussions.iter().map(|d| json!({
            "id": DiscussionId(d.id).to_global(),
            "forumId": ForumId(d.forum_id).to_global(),
            "title": d.title,
            "body": d.body,
            "createdAt": time(d.created_at),
        })).collect::<Vec<Value>>(),
        "comments": comments.iter().map(|c| json!({
            "id": CommentId(c.id).to_global(),
            "body": c.body,
            "deleted": c.deleted_at.is_some(),
            "createdAt": time(c.created_at),
            "editedAt": c.edited_at.map(time),
        })).collect::<Vec<Value>>(),
        "supports": supports.iter().map(|s| json!({
            "proposalId": ProposalId(s.proposal_id).to_global(),
            "createdAt": time(s.created_at),
        })).collect::<Vec<Value>>(),
        "notifications": notifications.iter().map(|n| json!({
            "id": NotificationId(n.id).to_global(),
            "kind": n.kind.to_value(),
            "subject": n.subject,
            "createdAt": time(n.created_at),
            "readAt": n.read_at.map(time),
        })).collect::<Vec<Value>>(),
    });
    // Follows and email (issue 14).
    for (key, value) in mail::privacy::export(db, &me).await? {
        document[key] = value;
    }
    serde_json::to_string_pretty(&document).map_err(AppError::internal)
}

/// Removes the person (email, name, password, date of birth, memberships, notifications, follows,
/// email settings and emails) and ends their sessions; what they wrote and supported stays, with
/// no author. Anyone signed in may leave: a pending youth applicant withdraws this way, a
/// suspended account too.
pub async fn delete_account(
    state: &AppState,
    viewer: &Viewer,
    password: String,
) -> AppResult<bool> {
    let actor = viewer.require_signed_in()?;
    let verified_hash = find_live(&state.db, UserId(actor.id)).await?.password_hash;
    if !state
        .passwords
        .verify(verified_hash.clone(), password)
        .await?
    {
        return Err(AppError::unauthenticated("error-wrong-password"));
    }
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    // Under the account's lock, with the password that was checked: a concurrent deletion or
    // password change wins.
    let me = lock_live(&txn, UserId(actor.id)).await?;
    if me.password_hash != verified_hash {
        return Err(AppError::conflict(
            "the password was changed meanwhile; sign in again",
        ));
    }
    if let Some(email) = &me.email {
        login_attempt::Entity::delete_many()
            .filter(login_attempt::Column::Email.eq(email.as_str()))
            .exec(&txn)
            .await?;
    }
    forum_member::Entity::delete_many()
        .filter(forum_member::Column::UserId.eq(me.id))
        .exec(&txn)
        .await?;
    // Follows and email (issue 14), before the notifications their emails name.
    mail::privacy::forget(&txn, me.id).await?;
    notification::Entity::delete_many()
        .filter(notification::Column::RecipientId.eq(me.id))
        .exec(&txn)
        .await?;
    sessions::revoke_all(&txn, me.id, now).await?;
    let user_id = me.id;
    let mut active: user::ActiveModel = me.into();
    active.email = Set(None);
    // Its name is the catalogue's "Deleted account", in the reader's language.
    active.display_name = Set(String::new());
    active.password_hash = Set(None);
    active.date_of_birth = Set(None);
    active.suspended_reason = Set(None);
    active.deleted_at = Set(Some(now));
    active.updated_at = Set(now);
    active.update(&txn).await?;
    audit::record(
        &txn,
        AuditRecord {
            actor_id: Some(user_id),
            action: AuditAction::UserDeleted,
            subject_id: Some(UserId(user_id).to_global()),
            detail: None,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}
