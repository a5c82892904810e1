use sea_orm::entity::prelude::*;

use crate::AddressAction;

/// One attempt counted against a client address.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "address_attempts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// The client's address as text (`IpAddr`'s canonical form).
    pub address: String,
    pub action: AddressAction,
    pub attempted_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
