use sea_orm::entity::prelude::*;

use crate::{Language, ProposalStatus, Role};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "proposals")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub forum_id: i32,
    pub author_id: i32,
    /// The author's role when they wrote it (a youth member's proposal stays a youth proposal).
    pub author_role: Role,
    pub title: String,
    pub body: String,
    pub language: Language,
    pub status: ProposalStatus,
    pub version: i32,
    /// Kept equal to the number of `supports` rows in the same transaction as each change.
    pub support_count: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// When it was published, or created while still a draft: the NEWEST order.
    pub listed_at: DateTimeUtc,
    /// Last publication, edit, support, comment or response: the RECENTLY_ACTIVE order.
    pub last_activity_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
    pub submitted_at: Option<DateTimeUtc>,
    pub first_response_at: Option<DateTimeUtc>,
    pub decided_at: Option<DateTimeUtc>,
    /// Set on the themed-forum copy of a forwarded youth proposal.
    #[sea_orm(unique)]
    pub forwarded_from_id: Option<i32>,
    pub hidden_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::forum::Entity",
        from = "Column::ForumId",
        to = "super::forum::Column::Id"
    )]
    Forum,
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::AuthorId",
        to = "super::user::Column::Id"
    )]
    Author,
}

impl Related<super::forum::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Forum.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
