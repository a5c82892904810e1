use sea_orm::entity::prelude::*;

use crate::StrategyStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "strategies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title_en: String,
    pub title_cy: String,
    pub summary_en: String,
    pub summary_cy: String,
    pub period_start: Date,
    pub period_end: Date,
    pub status: StrategyStatus,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
