use sea_orm::entity::prelude::*;

use crate::EmailFrequency;

/// A person's email settings; no row (or a null frequency) means the defaults for their role.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "email_settings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i32,
    pub frequency: Option<EmailFrequency>,
    /// The address last verified; the account's address is verified while it equals this.
    pub verified_email: Option<String>,
    /// The end of the period the last digest covered.
    pub last_digest_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
