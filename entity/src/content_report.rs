use sea_orm::entity::prelude::*;

use crate::{ReportReason, ReportStatus, ReportTargetKind, Role};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "content_reports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub target_kind: ReportTargetKind,
    pub target_id: i32,
    pub reason: ReportReason,
    pub details: Option<String>,
    pub reporter_id: i32,
    pub reporter_role: Role,
    pub status: ReportStatus,
    /// 1 puts it at the top of the queue (SAFEGUARDING on youth-forum content).
    pub priority: i32,
    pub created_at: DateTimeUtc,
    pub resolved_at: Option<DateTimeUtc>,
    pub resolved_by_id: Option<i32>,
    pub resolution: Option<String>,
    /// Its item was hidden automatically when enough different people reported it (issue 13).
    pub auto_hidden: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
