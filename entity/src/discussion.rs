use sea_orm::entity::prelude::*;

use crate::Role;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "discussions")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub forum_id: i32,
    pub author_id: i32,
    pub author_role: Role,
    pub title: String,
    pub body: String,
    pub created_at: DateTimeUtc,
    pub last_activity_at: DateTimeUtc,
    pub hidden_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
