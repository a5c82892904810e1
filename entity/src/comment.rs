use sea_orm::entity::prelude::*;

use crate::{Alignment, CommentTargetKind, Role};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub target_kind: CommentTargetKind,
    /// Exactly one of the three target columns is set, the one `target_kind` names.
    pub proposal_id: Option<i32>,
    pub discussion_id: Option<i32>,
    pub council_response_id: Option<i32>,
    pub parent_id: Option<i32>,
    pub author_id: i32,
    pub author_role: Role,
    pub from_council: bool,
    /// Null once its author deletes it.
    pub body: Option<String>,
    pub created_at: DateTimeUtc,
    pub edited_at: Option<DateTimeUtc>,
    pub deleted_at: Option<DateTimeUtc>,
    pub hidden_at: Option<DateTimeUtc>,
    /// FOR or AGAINST only on top-level comments on a proposal; fixed when written.
    pub alignment: Alignment,
    /// Kept with the votes in the same transaction: the number of up and down votes, and
    /// their difference (the BEST order).
    pub up_votes: i32,
    pub down_votes: i32,
    pub score: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::proposal::Entity",
        from = "Column::ProposalId",
        to = "super::proposal::Column::Id"
    )]
    Proposal,
    #[sea_orm(
        belongs_to = "super::discussion::Entity",
        from = "Column::DiscussionId",
        to = "super::discussion::Column::Id"
    )]
    Discussion,
    #[sea_orm(
        belongs_to = "super::council_response::Entity",
        from = "Column::CouncilResponseId",
        to = "super::council_response::Column::Id"
    )]
    CouncilResponse,
}

impl ActiveModelBehavior for ActiveModel {}
