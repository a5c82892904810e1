use sea_orm::entity::prelude::*;

use crate::WellbeingGoal;

/// A strategy objective tagged with a well-being goal.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "objective_wellbeing_goals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub objective_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub goal: WellbeingGoal,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
