//! The append-only audit log; the migrations forbid UPDATE and DELETE on it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub actor_id: Option<i32>,
    /// Dotted verb, e.g. `user.role_changed`.
    pub action: String,
    /// The global ID of the thing acted on.
    pub subject_id: Option<String>,
    pub detail: Option<String>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::ActorId",
        to = "super::user::Column::Id"
    )]
    Actor,
}

impl ActiveModelBehavior for ActiveModel {}
