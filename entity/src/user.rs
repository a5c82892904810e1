use sea_orm::entity::prelude::*;

use crate::{AccountStatus, Language, Role};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Null once the account is deleted.
    #[sea_orm(unique)]
    pub email: Option<String>,
    pub display_name: String,
    /// Argon2id PHC string; null once the account is deleted.
    pub password_hash: Option<String>,
    pub role: Role,
    pub status: AccountStatus,
    pub preferred_language: Language,
    pub date_of_birth: Option<Date>,
    pub suspended_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::session::Entity")]
    Session,
    #[sea_orm(has_many = "super::forum_member::Entity")]
    ForumMember,
}

impl Related<super::session::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Session.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
