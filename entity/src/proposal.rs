use sea_orm::{ActiveValue, entity::prelude::*};

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
    /// `title` folded for search (`crate::search::fold`); kept by `before_save` below.
    pub search_title: String,
    /// The folded title and body, a line break apart: what search looks in (indexed).
    pub search_text: String,
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

/// Every insert and update through an `ActiveModel` that sets a title or a body sets the folded
/// copies too, so no path that writes a proposal's text (creating, editing, forwarding, any later
/// amendment) can forget the search columns. Bulk writes bypass this hook: an insert without
/// them fails on PostgreSQL (the columns are NOT NULL with no default), and nothing updates a
/// title or body in bulk.
#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    async fn before_save<C>(mut self, _db: &C, _insert: bool) -> Result<Self, DbErr>
    where
        C: ConnectionTrait,
    {
        if !(self.title.is_set() || self.body.is_set()) {
            return Ok(self);
        }
        let (Some(title), Some(body)) = (self.title.try_as_ref(), self.body.try_as_ref()) else {
            return Err(DbErr::Custom(
                "a proposal's title and body are folded for search together: \
                 load the proposal before changing either"
                    .to_owned(),
            ));
        };
        let (search_title, search_text) = crate::search::proposal_columns(title, body);
        self.search_title = ActiveValue::Set(search_title);
        self.search_text = ActiveValue::Set(search_text);
        Ok(self)
    }
}
