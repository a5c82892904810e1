use sea_orm::entity::prelude::*;

use crate::{AmendmentStatus, Role};

/// A proposed new title and body for someone else's proposal (issue 13).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "amendments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub proposal_id: i32,
    pub author_id: i32,
    pub author_role: Role,
    pub title: String,
    pub body: String,
    pub reason: Option<String>,
    pub status: AmendmentStatus,
    /// Why the proposal's author (or a clerk) rejected it.
    pub rejection_reason: Option<String>,
    pub created_at: DateTimeUtc,
    /// Set exactly when it leaves PENDING.
    pub decided_at: Option<DateTimeUtc>,
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
