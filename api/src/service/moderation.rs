//! Safeguarding and moderation: reports from anyone signed in, the clerks' queue (safeguarding
//! reports on youth-forum content first), and hiding that keeps everything (nothing is deleted).

use entity::{
    ForumKind, NotificationKind, ReportReason, ReportStatus, ReportTargetKind, comment,
    content_report, council_response, discussion, forum, proposal,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, sea_query::Expr,
};

use super::{
    audit::{self, AuditAction, AuditRecord},
    comments::{self, TargetKey},
    discussions,
    events::{self, Outbox},
    input,
    notifications::{self, Notice},
    page::{Page, PageRequest, into_page},
    proposals, responses,
};
use crate::{
    auth::Viewer,
    db::begin_write,
    error::{AppError, AppResult, Field, UniqueKey},
    ids::{CommentId, CouncilResponseId, DiscussionId, ProposalId, ReportId},
    state::AppState,
};

const OPEN_REPORT_KEY: UniqueKey = UniqueKey {
    table: "content_reports",
    columns: &["target_kind", "target_id", "reporter_id"],
    index: Some("idx_content_reports_open_once"),
};

/// What can be reported or hidden, by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKey {
    Proposal(ProposalId),
    Discussion(DiscussionId),
    Comment(CommentId),
    CouncilResponse(CouncilResponseId),
}

impl ContentKey {
    fn of_report(report: &content_report::Model) -> Self {
        let id = report.target_id;
        match report.target_kind {
            ReportTargetKind::Proposal => Self::Proposal(ProposalId(id)),
            ReportTargetKind::Discussion => Self::Discussion(DiscussionId(id)),
            ReportTargetKind::Comment => Self::Comment(CommentId(id)),
            ReportTargetKind::CouncilResponse => Self::CouncilResponse(CouncilResponseId(id)),
        }
    }
}

/// Something that can be reported or hidden, with the forum it lives in.
pub enum Content {
    Proposal(proposal::Model),
    Discussion(discussion::Model),
    Comment(comment::Model),
    CouncilResponse(council_response::Model),
}

impl Content {
    fn kind(&self) -> ReportTargetKind {
        match self {
            Content::Proposal(_) => ReportTargetKind::Proposal,
            Content::Discussion(_) => ReportTargetKind::Discussion,
            Content::Comment(_) => ReportTargetKind::Comment,
            Content::CouncilResponse(_) => ReportTargetKind::CouncilResponse,
        }
    }

    fn id(&self) -> i32 {
        match self {
            Content::Proposal(p) => p.id,
            Content::Discussion(d) => d.id,
            Content::Comment(c) => c.id,
            Content::CouncilResponse(r) => r.id,
        }
    }

    fn global_id(&self) -> String {
        match self {
            Content::Proposal(p) => ProposalId(p.id).to_global(),
            Content::Discussion(d) => DiscussionId(d.id).to_global(),
            Content::Comment(c) => CommentId(c.id).to_global(),
            Content::CouncilResponse(r) => CouncilResponseId(r.id).to_global(),
        }
    }

    fn author_id(&self) -> i32 {
        match self {
            Content::Proposal(p) => p.author_id,
            Content::Discussion(d) => d.author_id,
            Content::Comment(c) => c.author_id,
            Content::CouncilResponse(r) => r.author_id,
        }
    }

    fn hidden(&self) -> bool {
        match self {
            Content::Proposal(p) => p.hidden_at.is_some(),
            Content::Discussion(d) => d.hidden_at.is_some(),
            Content::Comment(c) => c.hidden_at.is_some(),
            Content::CouncilResponse(r) => r.hidden_at.is_some(),
        }
    }
}

/// The content behind a key, if the viewer may see it, with its forum.
pub async fn find_content(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    key: ContentKey,
) -> AppResult<(Content, forum::Model)> {
    let found = match key {
        ContentKey::Proposal(id) => proposals::find_visible(conn, viewer, id)
            .await?
            .map(|(p, f)| (Content::Proposal(p), f)),
        ContentKey::Discussion(id) => discussions::find_visible(conn, viewer, id)
            .await?
            .map(|(d, f)| (Content::Discussion(d), f)),
        ContentKey::Comment(id) => match comments::find_visible(conn, viewer, id).await? {
            Some(comment) => {
                let key = TargetKey::of(&comment).ok_or(AppError::NotFound)?;
                comments::resolve_target(conn, viewer, key)
                    .await?
                    .map(|(_, forum)| (Content::Comment(comment), forum))
            }
            None => None,
        },
        ContentKey::CouncilResponse(id) => match responses::find_visible(conn, viewer, id).await? {
            Some(response) => {
                proposals::find_visible(conn, viewer, ProposalId(response.proposal_id))
                    .await?
                    .map(|(_, forum)| (Content::CouncilResponse(response), forum))
            }
            None => None,
        },
    };
    found.ok_or(AppError::NotFound)
}

/// Any active member may report what they can see; twice while it is open is a conflict.
pub async fn report(
    state: &AppState,
    viewer: &Viewer,
    target: ContentKey,
    reason: ReportReason,
    details: Option<String>,
) -> AppResult<content_report::Model> {
    let actor = viewer.require_active()?;
    let details = input::optional_note(Field::Details, details)?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let (content, forum) = find_content(&txn, viewer, target).await?;
    let urgent = reason == ReportReason::Safeguarding && forum.kind == ForumKind::YouthShadow;
    let report = content_report::ActiveModel {
        target_kind: Set(content.kind()),
        target_id: Set(content.id()),
        reason: Set(reason),
        details: Set(details),
        reporter_id: Set(actor.id),
        reporter_role: Set(actor.role),
        status: Set(ReportStatus::Open),
        priority: Set(i32::from(urgent)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(AppError::on_unique_violation(
        OPEN_REPORT_KEY,
        AppError::conflict("error-report-duplicate"),
    ))?;
    txn.commit().await?;
    Ok(report)
}

/// The clerks' queue: urgent safeguarding reports first, then oldest first.
pub async fn queue(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    status: ReportStatus,
    request: &PageRequest,
) -> AppResult<Page<content_report::Model>> {
    viewer.require_clerk()?;
    let mut select =
        content_report::Entity::find().filter(content_report::Column::Status.eq(status));
    let total_count = request.count_of(db, &select).await?;
    if let Some(after) = &request.after {
        let bad_cursor = || AppError::invalid(Field::After, "error-bad-cursor");
        let [priority, id] = after.as_slice() else {
            return Err(bad_cursor());
        };
        let priority = i32::try_from(*priority).map_err(|_| bad_cursor())?;
        let id = i32::try_from(*id).map_err(|_| bad_cursor())?;
        select = select.filter(
            Condition::any()
                .add(content_report::Column::Priority.lt(priority))
                .add(
                    Condition::all()
                        .add(content_report::Column::Priority.eq(priority))
                        .add(content_report::Column::Id.gt(id)),
                ),
        );
    }
    let rows = select
        .order_by_desc(content_report::Column::Priority)
        .order_by_asc(content_report::Column::Id)
        .limit(request.limit + 1)
        .all(db)
        .await?;
    Ok(into_page(rows, request, total_count, |r| {
        vec![i64::from(r.priority), i64::from(r.id)]
    }))
}

/// A report: for clerks, and for the person who made it while they may still see what it is
/// about (a reporter who has left the youth circle no longer reaches youth content this way).
pub async fn find_report(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    report_id: ReportId,
) -> AppResult<Option<content_report::Model>> {
    let Some(report) = content_report::Entity::find_by_id(report_id.0)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if viewer.is_clerk() {
        return Ok(Some(report));
    }
    if !viewer.is_self(report.reporter_id) {
        return Ok(None);
    }
    match find_content(db, viewer, ContentKey::of_report(&report)).await {
        Ok(_) => Ok(Some(report)),
        Err(AppError::NotFound) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Hides content from everyone but clerks; its place, title and replies stay. Tells the author.
/// True when this call hid it.
pub async fn hide(
    state: &AppState,
    viewer: &Viewer,
    target: ContentKey,
    reason: &str,
) -> AppResult<bool> {
    let clerk = viewer.require_clerk()?;
    let reason = input::text(Field::Reason, reason, 1, 1000)?;
    let now = crate::clock::now();
    let mut outbox = Outbox::default();
    let txn = begin_write(&state.db).await?;
    let (content, _) = find_content(&txn, viewer, target).await?;
    if content.hidden() {
        return Ok(false);
    }
    set_hidden(&txn, &content, Some(now)).await?;
    audit::record(
        &txn,
        AuditRecord {
            actor_id: Some(clerk.id),
            action: AuditAction::ContentHidden,
            subject_id: Some(content.global_id()),
            detail: Some(reason.clone()),
        },
        now,
    )
    .await?;
    let notice = notice_for(&txn, &content, reason).await?;
    notifications::notify(
        &txn,
        &mut outbox,
        NotificationKind::ContentHidden,
        [content.author_id()],
        Some(clerk.id),
        &notice,
        now,
    )
    .await?;
    events::commit(state, txn, outbox).await?;
    Ok(true)
}

/// True when this call brought it back.
pub async fn unhide(state: &AppState, viewer: &Viewer, target: ContentKey) -> AppResult<bool> {
    let clerk = viewer.require_clerk()?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let (content, _) = find_content(&txn, viewer, target).await?;
    if !content.hidden() {
        return Ok(false);
    }
    set_hidden(&txn, &content, None).await?;
    audit::record(
        &txn,
        AuditRecord {
            actor_id: Some(clerk.id),
            action: AuditAction::ContentUnhidden,
            subject_id: Some(content.global_id()),
            detail: None,
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(true)
}

async fn set_hidden(
    conn: &impl ConnectionTrait,
    content: &Content,
    hidden_at: Option<chrono::DateTime<chrono::Utc>>,
) -> AppResult<()> {
    let value = Expr::value(hidden_at);
    match content {
        Content::Proposal(p) => {
            proposal::Entity::update_many()
                .col_expr(proposal::Column::HiddenAt, value)
                .filter(proposal::Column::Id.eq(p.id))
                .exec(conn)
                .await?
        }
        Content::Discussion(d) => {
            discussion::Entity::update_many()
                .col_expr(discussion::Column::HiddenAt, value)
                .filter(discussion::Column::Id.eq(d.id))
                .exec(conn)
                .await?
        }
        Content::Comment(c) => {
            comment::Entity::update_many()
                .col_expr(comment::Column::HiddenAt, value)
                .filter(comment::Column::Id.eq(c.id))
                .exec(conn)
                .await?
        }
        Content::CouncilResponse(r) => {
            council_response::Entity::update_many()
                .col_expr(council_response::Column::HiddenAt, value)
                .filter(council_response::Column::Id.eq(r.id))
                .exec(conn)
                .await?
        }
    };
    Ok(())
}

/// What the author's CONTENT_HIDDEN notification points at.
async fn notice_for(
    conn: &impl ConnectionTrait,
    content: &Content,
    reason: String,
) -> AppResult<Notice> {
    let mut notice = Notice {
        detail: Some(reason),
        ..Notice::default()
    };
    match content {
        Content::Proposal(p) => {
            notice.proposal_id = Some(p.id);
            notice.subject = Some(p.title.clone());
        }
        Content::Discussion(d) => {
            notice.discussion_id = Some(d.id);
            notice.subject = Some(d.title.clone());
        }
        Content::Comment(c) => {
            notice.comment_id = Some(c.id);
            notice.discussion_id = c.discussion_id;
            // The proposal a comment belongs to, directly or through a council response: the
            // recipient's notification filter checks they may still see it.
            notice.proposal_id = match c.council_response_id {
                Some(response_id) => council_response::Entity::find_by_id(response_id)
                    .one(conn)
                    .await?
                    .map(|r| r.proposal_id),
                None => c.proposal_id,
            };
        }
        Content::CouncilResponse(r) => {
            notice.council_response_id = Some(r.id);
            notice.proposal_id = Some(r.proposal_id);
        }
    }
    if notice.subject.is_none()
        && let Some(proposal_id) = notice.proposal_id
    {
        let title: Option<String> = proposal::Entity::find_by_id(proposal_id)
            .select_only()
            .column(proposal::Column::Title)
            .into_tuple()
            .one(conn)
            .await?;
        notice.subject = title;
    }
    Ok(notice)
}

/// A clerk closes a report: RESOLVED, or DISMISSED when nothing needed doing.
pub async fn resolve(
    state: &AppState,
    viewer: &Viewer,
    report_id: ReportId,
    resolution: &str,
    dismiss: bool,
) -> AppResult<content_report::Model> {
    let clerk = viewer.require_clerk()?;
    let resolution = input::note(Field::Resolution, resolution)?;
    let now = crate::clock::now();
    let txn = begin_write(&state.db).await?;
    let report = content_report::Entity::find_by_id(report_id.0)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if report.status != ReportStatus::Open {
        return Err(AppError::conflict("error-report-closed"));
    }
    let status = if dismiss {
        ReportStatus::Dismissed
    } else {
        ReportStatus::Resolved
    };
    let mut active: content_report::ActiveModel = report.into();
    active.status = Set(status);
    active.resolution = Set(Some(resolution.clone()));
    active.resolved_at = Set(Some(now));
    active.resolved_by_id = Set(Some(clerk.id));
    let report = active.update(&txn).await?;
    audit::record(
        &txn,
        AuditRecord {
            actor_id: Some(clerk.id),
            action: if dismiss {
                AuditAction::ReportDismissed
            } else {
                AuditAction::ReportResolved
            },
            subject_id: Some(ReportId(report.id).to_global()),
            detail: Some(resolution),
        },
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(report)
}
