//! `node(id)`: any object by its global ID, through the same visibility rules as every other path.

use async_graphql::{Context, ID, Interface, Object};

use super::{
    account::User,
    amendment::Amendment,
    audit::AuditEntry,
    context::ContextExt,
    council::CouncilResponse,
    discussion::{Comment, Discussion},
    forum::Forum,
    meeting::Meeting,
    moderation::ContentReport,
    notification::Notification,
    proposal::Proposal,
    strategy::{CommunityStrategy, Indicator, StrategyObjective},
};
use crate::{
    error::AppResult,
    ids::{
        AmendmentId, AuditEntryId, CommentId, CouncilResponseId, DiscussionId, ForumId,
        IndicatorId, MeetingId, NodeKind, NotificationId, ObjectiveId, ProposalId, ReportId,
        StrategyId, UserId, decode,
    },
    service::{
        amendments, audit, comments, discussions, forums, meetings, moderation, notifications,
        proposals, responses, strategies, users,
    },
};

/// Anything with a global, opaque ID. Clients never parse an ID.
#[derive(Interface)]
#[graphql(field(name = "id", ty = "ID"))]
pub enum Node {
    User(User),
    Forum(Forum),
    AuditEntry(AuditEntry),
    Proposal(Proposal),
    Discussion(Discussion),
    Comment(Comment),
    CouncilResponse(CouncilResponse),
    Notification(Notification),
    ContentReport(ContentReport),
    CommunityStrategy(CommunityStrategy),
    StrategyObjective(StrategyObjective),
    Indicator(Indicator),
    Amendment(Amendment),
    Meeting(Meeting),
}

#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    async fn node(&self, ctx: &Context<'_>, id: ID) -> AppResult<Option<Node>> {
        let Some((kind, row_id)) = decode(&id) else {
            return Ok(None);
        };
        let db = &ctx.state()?.db;
        let viewer = ctx.viewer().await?;
        Ok(match kind {
            NodeKind::User => users::find_visible(db, viewer, UserId(row_id))
                .await?
                .map(|u| Node::User(User::for_viewer(u, viewer))),
            NodeKind::Forum => forums::by_id(db, ForumId(row_id))
                .await?
                .map(|f| Node::Forum(Forum(f))),
            NodeKind::AuditEntry => audit::find(db, viewer, AuditEntryId(row_id))
                .await?
                .map(|e| Node::AuditEntry(AuditEntry(e))),
            NodeKind::Proposal => proposals::find_visible(db, viewer, ProposalId(row_id))
                .await?
                .map(|(p, _)| Node::Proposal(Proposal(p))),
            NodeKind::Discussion => discussions::find_visible(db, viewer, DiscussionId(row_id))
                .await?
                .map(|(d, _)| Node::Discussion(Discussion(d))),
            NodeKind::Comment => comments::find_visible(db, viewer, CommentId(row_id))
                .await?
                .map(|c| Node::Comment(Comment(c))),
            NodeKind::CouncilResponse => {
                responses::find_visible(db, viewer, CouncilResponseId(row_id))
                    .await?
                    .map(|r| Node::CouncilResponse(CouncilResponse(r)))
            }
            NodeKind::Notification => {
                notifications::find_visible(db, viewer, NotificationId(row_id))
                    .await?
                    .map(|n| Node::Notification(Notification(n)))
            }
            NodeKind::ContentReport => moderation::find_report(db, viewer, ReportId(row_id))
                .await?
                .map(|r| Node::ContentReport(ContentReport(r))),
            NodeKind::CommunityStrategy => strategies::find_visible(db, viewer, StrategyId(row_id))
                .await?
                .map(|s| Node::CommunityStrategy(CommunityStrategy(s))),
            NodeKind::StrategyObjective => {
                strategies::find_objective(db, viewer, ObjectiveId(row_id))
                    .await?
                    .map(|o| Node::StrategyObjective(StrategyObjective(o)))
            }
            NodeKind::Indicator => strategies::find_indicator(db, viewer, IndicatorId(row_id))
                .await?
                .map(|i| Node::Indicator(Indicator(i))),
            NodeKind::Amendment => amendments::find_visible(db, viewer, AmendmentId(row_id))
                .await?
                .map(|a| Node::Amendment(Amendment(a))),
            NodeKind::Meeting => meetings::find_visible(db, viewer, MeetingId(row_id))
                .await?
                .map(|(m, _)| Node::Meeting(Meeting(m))),
            // Not a Node in the contract: reached through its objective or proposal.
            NodeKind::StrategyLink => None,
        })
    }
}
