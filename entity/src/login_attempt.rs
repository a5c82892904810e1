use sea_orm::entity::prelude::*;

use crate::LoginOutcome;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "login_attempts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// Normalised as typed, whether or not an account has it.
    pub email: String,
    pub attempted_at: DateTimeUtc,
    pub outcome: LoginOutcome,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
