use sea_orm::entity::prelude::*;

use crate::MeetingStatus;

/// A forum's meeting, in the town hall or online.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meetings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub forum_id: i32,
    pub title_en: String,
    pub title_cy: String,
    pub agenda_en: String,
    pub agenda_cy: String,
    pub location: String,
    pub online_url: Option<String>,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub capacity: Option<i32>,
    pub status: MeetingStatus,
    pub cancel_reason: Option<String>,
    pub minutes_en: Option<String>,
    pub minutes_cy: Option<String>,
    /// iCalendar SEQUENCE: one more on every change of time, place or status.
    pub sequence: i32,
    /// The attendees, counted under the meeting's row lock.
    pub attendee_count: i32,
    pub created_by_id: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
