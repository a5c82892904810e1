//! Reports, the clerks' moderation queue, and hiding content.

use async_graphql::{Context, Enum, ID, InputObject, Object, Union};
use entity::{ReportTargetKind, content_report};

use super::{
    account::User,
    author::author,
    connection::{ListConnection, connection, page_cost, page_request},
    context::ContextExt,
    council::CouncilResponse,
    discussion::{Comment, Discussion},
    proposal::Proposal,
    scalars::DateTime,
};
use crate::{
    error::{AppError, AppResult, Field},
    ids::{CommentId, CouncilResponseId, DiscussionId, NodeKind, ProposalId, ReportId, decode},
    service::moderation::{self, ContentKey},
};

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::ReportReason")]
pub enum ReportReason {
    Spam,
    Offensive,
    Safeguarding,
    PersonalInformation,
    Other,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::ReportStatus")]
pub enum ReportStatus {
    Open,
    Resolved,
    Dismissed,
}

#[derive(Union)]
pub enum ReportTarget {
    Proposal(Proposal),
    Discussion(Discussion),
    Comment(Comment),
    CouncilResponse(CouncilResponse),
}

pub struct ContentReport(pub content_report::Model);

#[Object]
impl ContentReport {
    pub async fn id(&self) -> ID {
        ReportId(self.0.id).to_global().into()
    }

    /// Reports are read by clerks and by their reporter, who saw the content when reporting.
    async fn target(&self, ctx: &Context<'_>) -> AppResult<ReportTarget> {
        let missing = || AppError::internal(anyhow::anyhow!("report without a target"));
        let id = self.0.target_id;
        Ok(match self.0.target_kind {
            ReportTargetKind::Proposal => {
                let (p, _) = ctx.load(ProposalId(id)).await?.ok_or_else(missing)?;
                ReportTarget::Proposal(Proposal(p))
            }
            ReportTargetKind::Discussion => {
                let (d, _) = ctx.load(DiscussionId(id)).await?.ok_or_else(missing)?;
                ReportTarget::Discussion(Discussion(d))
            }
            ReportTargetKind::Comment => {
                let c = ctx.load(CommentId(id)).await?.ok_or_else(missing)?;
                ReportTarget::Comment(Comment(c))
            }
            ReportTargetKind::CouncilResponse => {
                let r = ctx.load(CouncilResponseId(id)).await?.ok_or_else(missing)?;
                ReportTarget::CouncilResponse(CouncilResponse(r))
            }
        })
    }

    async fn reason(&self) -> ReportReason {
        self.0.reason.into()
    }

    async fn details(&self) -> Option<&str> {
        self.0.details.as_deref()
    }

    async fn reporter(&self, ctx: &Context<'_>) -> AppResult<Option<User>> {
        author(ctx, self.0.reporter_role, self.0.reporter_id).await
    }

    async fn status(&self) -> ReportStatus {
        self.0.status.into()
    }

    async fn created_at(&self) -> DateTime {
        self.0.created_at.into()
    }

    async fn resolved_at(&self) -> Option<DateTime> {
        self.0.resolved_at.map(Into::into)
    }

    async fn resolution(&self) -> Option<&str> {
        self.0.resolution.as_deref()
    }
}

/// What `targetId` names: a proposal, a discussion, a comment or a council response.
fn content_key(global: &str) -> AppResult<ContentKey> {
    match decode(global) {
        Some((NodeKind::Proposal, id)) => Ok(ContentKey::Proposal(ProposalId(id))),
        Some((NodeKind::Discussion, id)) => Ok(ContentKey::Discussion(DiscussionId(id))),
        Some((NodeKind::Comment, id)) => Ok(ContentKey::Comment(CommentId(id))),
        Some((NodeKind::CouncilResponse, id)) => {
            Ok(ContentKey::CouncilResponse(CouncilResponseId(id)))
        }
        _ => Err(AppError::invalid(
            Field::TargetId,
            "error-wrong-report-target",
        )),
    }
}

#[derive(InputObject)]
pub struct ReportContentInput {
    target_id: ID,
    reason: ReportReason,
    details: Option<String>,
}

#[derive(Default)]
pub struct ModerationQuery;

#[Object]
impl ModerationQuery {
    /// Clerks.
    #[graphql(complexity = "page_cost(first, child_complexity)")]
    async fn moderation_queue(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        #[graphql(default_with = "Some(ReportStatus::Open)")] status: Option<ReportStatus>,
    ) -> AppResult<ListConnection<ContentReport>> {
        let viewer = ctx.viewer().await?;
        let request = page_request(ctx, first, after.as_deref())?;
        let status = status.unwrap_or(ReportStatus::Open).into();
        let page = moderation::queue(&ctx.state()?.db, viewer, status, &request).await?;
        Ok(connection(page, ContentReport))
    }
}

#[derive(Default)]
pub struct ModerationMutation;

#[Object]
impl ModerationMutation {
    async fn report_content(
        &self,
        ctx: &Context<'_>,
        input: ReportContentInput,
    ) -> AppResult<ContentReport> {
        let target = content_key(&input.target_id)?;
        let viewer = ctx.viewer().await?;
        moderation::report(
            ctx.state()?,
            viewer,
            target,
            input.reason.into(),
            input.details,
        )
        .await
        .map(ContentReport)
    }

    async fn hide_content(
        &self,
        ctx: &Context<'_>,
        target_id: ID,
        reason: String,
    ) -> AppResult<bool> {
        let target = content_key(&target_id)?;
        moderation::hide(ctx.state()?, ctx.viewer().await?, target, &reason).await
    }

    async fn unhide_content(&self, ctx: &Context<'_>, target_id: ID) -> AppResult<bool> {
        let target = content_key(&target_id)?;
        moderation::unhide(ctx.state()?, ctx.viewer().await?, target).await
    }

    async fn resolve_report(
        &self,
        ctx: &Context<'_>,
        id: ID,
        resolution: String,
        #[graphql(default_with = "Some(false)")] dismiss: Option<bool>,
    ) -> AppResult<ContentReport> {
        let id = ReportId::from_object(&id)?;
        let viewer = ctx.viewer().await?;
        moderation::resolve(
            ctx.state()?,
            viewer,
            id,
            &resolution,
            dismiss.unwrap_or(false),
        )
        .await
        .map(ContentReport)
    }
}
