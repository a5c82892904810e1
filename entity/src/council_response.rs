use sea_orm::entity::prelude::*;

use crate::{Decision, ResponseKind};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "council_responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub proposal_id: i32,
    pub author_id: i32,
    pub kind: ResponseKind,
    /// Set exactly when `kind` is DECISION.
    pub decision: Option<Decision>,
    pub body: String,
    /// Earlier texts, oldest first, as a JSON array of strings.
    pub revisions: Json,
    pub created_at: DateTimeUtc,
    pub edited_at: Option<DateTimeUtc>,
    pub hidden_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::proposal::Entity",
        from = "Column::ProposalId",
        to = "super::proposal::Column::Id"
    )]
    Proposal,
}

impl ActiveModelBehavior for ActiveModel {}
