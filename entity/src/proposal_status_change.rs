use sea_orm::entity::prelude::*;

use crate::{ProposalStatus, Role};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proposal_status_changes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub proposal_id: i32,
    pub from_status: Option<ProposalStatus>,
    pub to_status: ProposalStatus,
    pub at: DateTimeUtc,
    /// Null for changes the system made (the support threshold reached).
    pub actor_id: Option<i32>,
    pub actor_role: Option<Role>,
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
