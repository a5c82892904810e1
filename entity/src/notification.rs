use sea_orm::entity::prelude::*;

use crate::{NotificationKind, ProposalStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub recipient_id: i32,
    pub kind: NotificationKind,
    pub proposal_id: Option<i32>,
    pub discussion_id: Option<i32>,
    pub council_response_id: Option<i32>,
    pub comment_id: Option<i32>,
    /// PROPOSAL_STATUS_CHANGED: the new status.
    pub status: Option<ProposalStatus>,
    /// The title of what it is about, as it was then.
    pub subject: Option<String>,
    /// CONTENT_HIDDEN: the moderator's reason.
    pub detail: Option<String>,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
    /// SAFEGUARDING_REPORT: the report (issue 13).
    pub report_id: Option<i32>,
    /// AMENDMENT_PROPOSED, AMENDMENT_DECIDED: the amendment (issue 13).
    pub amendment_id: Option<i32>,
    /// MEETING_*, MINUTES_PUBLISHED: the meeting.
    pub meeting_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
