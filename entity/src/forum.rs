use sea_orm::entity::prelude::*;

use crate::ForumKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "forums")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub kind: ForumKind,
    pub name_en: String,
    pub name_cy: String,
    pub description_en: String,
    pub description_cy: String,
    /// Set on a youth shadow forum: the themed forum it shadows.
    #[sea_orm(unique)]
    pub shadow_of_id: Option<i32>,
    pub support_threshold: i32,
    pub archived_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(belongs_to = "Entity", from = "Column::ShadowOfId", to = "Column::Id")]
    ShadowOf,
    #[sea_orm(has_many = "super::forum_member::Entity")]
    ForumMember,
}

impl Related<super::forum_member::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ForumMember.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
