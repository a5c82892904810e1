//! Enumerations stored as short strings, so the database stays readable and portable.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum Role {
    #[sea_orm(string_value = "RESIDENT")]
    Resident,
    #[sea_orm(string_value = "YOUTH")]
    Youth,
    #[sea_orm(string_value = "COUNCILLOR")]
    Councillor,
    #[sea_orm(string_value = "CLERK")]
    Clerk,
}

impl Role {
    /// Councillors and clerks: the council's side of the conversation.
    pub fn is_council(self) -> bool {
        matches!(self, Role::Councillor | Role::Clerk)
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum AccountStatus {
    #[sea_orm(string_value = "PENDING")]
    Pending,
    #[sea_orm(string_value = "ACTIVE")]
    Active,
    #[sea_orm(string_value = "SUSPENDED")]
    Suspended,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(2))")]
pub enum Language {
    #[sea_orm(string_value = "EN")]
    En,
    #[sea_orm(string_value = "CY")]
    Cy,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum ForumKind {
    #[sea_orm(string_value = "THEMED")]
    Themed,
    #[sea_orm(string_value = "YOUTH_SHADOW")]
    YouthShadow,
}

/// What became of one login attempt; only failures count toward the throttle.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum LoginOutcome {
    /// Recorded before the password is checked, so concurrent attempts see each other.
    #[sea_orm(string_value = "PENDING")]
    Pending,
    #[sea_orm(string_value = "FAILED")]
    Failed,
    #[sea_orm(string_value = "SUCCEEDED")]
    Succeeded,
    #[sea_orm(string_value = "THROTTLED")]
    Throttled,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum ProposalStatus {
    #[sea_orm(string_value = "DRAFT")]
    Draft,
    #[sea_orm(string_value = "OPEN")]
    Open,
    #[sea_orm(string_value = "SUBMITTED")]
    Submitted,
    #[sea_orm(string_value = "UNDER_REVIEW")]
    UnderReview,
    #[sea_orm(string_value = "ACCEPTED")]
    Accepted,
    #[sea_orm(string_value = "REJECTED")]
    Rejected,
    #[sea_orm(string_value = "DEFERRED")]
    Deferred,
    #[sea_orm(string_value = "IMPLEMENTED")]
    Implemented,
    #[sea_orm(string_value = "WITHDRAWN")]
    Withdrawn,
}

/// What a comment answers.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum CommentTargetKind {
    #[sea_orm(string_value = "PROPOSAL")]
    Proposal,
    #[sea_orm(string_value = "DISCUSSION")]
    Discussion,
    #[sea_orm(string_value = "COUNCIL_RESPONSE")]
    CouncilResponse,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum ResponseKind {
    #[sea_orm(string_value = "ACKNOWLEDGEMENT")]
    Acknowledgement,
    #[sea_orm(string_value = "QUESTION")]
    Question,
    #[sea_orm(string_value = "UPDATE")]
    Update,
    #[sea_orm(string_value = "DECISION")]
    Decision,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum Decision {
    #[sea_orm(string_value = "ACCEPTED")]
    Accepted,
    #[sea_orm(string_value = "REJECTED")]
    Rejected,
    #[sea_orm(string_value = "DEFERRED")]
    Deferred,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
pub enum NotificationKind {
    #[sea_orm(string_value = "COUNCIL_RESPONDED")]
    CouncilResponded,
    #[sea_orm(string_value = "PROPOSAL_STATUS_CHANGED")]
    ProposalStatusChanged,
    #[sea_orm(string_value = "REPLY_RECEIVED")]
    ReplyReceived,
    #[sea_orm(string_value = "NEW_PROPOSAL_IN_FORUM")]
    NewProposalInForum,
    #[sea_orm(string_value = "ACCOUNT_APPROVED")]
    AccountApproved,
    #[sea_orm(string_value = "CONTENT_HIDDEN")]
    ContentHidden,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum ReportTargetKind {
    #[sea_orm(string_value = "PROPOSAL")]
    Proposal,
    #[sea_orm(string_value = "DISCUSSION")]
    Discussion,
    #[sea_orm(string_value = "COMMENT")]
    Comment,
    #[sea_orm(string_value = "COUNCIL_RESPONSE")]
    CouncilResponse,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(24))")]
pub enum ReportReason {
    #[sea_orm(string_value = "SPAM")]
    Spam,
    #[sea_orm(string_value = "OFFENSIVE")]
    Offensive,
    #[sea_orm(string_value = "SAFEGUARDING")]
    Safeguarding,
    #[sea_orm(string_value = "PERSONAL_INFORMATION")]
    PersonalInformation,
    #[sea_orm(string_value = "OTHER")]
    Other,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum ReportStatus {
    #[sea_orm(string_value = "OPEN")]
    Open,
    #[sea_orm(string_value = "RESOLVED")]
    Resolved,
    #[sea_orm(string_value = "DISMISSED")]
    Dismissed,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum StrategyStatus {
    #[sea_orm(string_value = "DRAFT")]
    Draft,
    #[sea_orm(string_value = "CONSULTATION")]
    Consultation,
    #[sea_orm(string_value = "ADOPTED")]
    Adopted,
    #[sea_orm(string_value = "ARCHIVED")]
    Archived,
}

/// What an attempt counted per client address was (`address_attempts`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum AddressAction {
    /// A login, counted until it succeeds.
    #[sea_orm(string_value = "LOGIN")]
    Login,
    #[sea_orm(string_value = "REGISTER")]
    Register,
}

/// The seven well-being goals of the Well-being of Future Generations (Wales) Act 2015, in the
/// Act's order: lists of goals follow it (`Ord`).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    EnumIter,
    DeriveActiveEnum,
    Serialize,
    Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(48))")]
pub enum WellbeingGoal {
    #[sea_orm(string_value = "PROSPEROUS")]
    Prosperous,
    #[sea_orm(string_value = "RESILIENT")]
    Resilient,
    #[sea_orm(string_value = "HEALTHIER")]
    Healthier,
    #[sea_orm(string_value = "MORE_EQUAL")]
    MoreEqual,
    #[sea_orm(string_value = "COHESIVE_COMMUNITIES")]
    CohesiveCommunities,
    #[sea_orm(string_value = "VIBRANT_CULTURE_AND_THRIVING_WELSH_LANGUAGE")]
    VibrantCultureAndThrivingWelshLanguage,
    #[sea_orm(string_value = "GLOBALLY_RESPONSIBLE")]
    GloballyResponsible,
}

/// Where a comment stands on the proposal it discusses (issue 13).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum Alignment {
    #[sea_orm(string_value = "FOR")]
    For,
    #[sea_orm(string_value = "AGAINST")]
    Against,
    #[sea_orm(string_value = "NEUTRAL")]
    Neutral,
}

// Follows and email (issue 14).

/// What a follow follows.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum FollowTargetKind {
    #[sea_orm(string_value = "PROPOSAL")]
    Proposal,
    #[sea_orm(string_value = "DISCUSSION")]
    Discussion,
    #[sea_orm(string_value = "FORUM")]
    Forum,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum EmailFrequency {
    #[sea_orm(string_value = "NEVER")]
    Never,
    #[sea_orm(string_value = "IMMEDIATE")]
    Immediate,
    #[sea_orm(string_value = "DAILY")]
    Daily,
    #[sea_orm(string_value = "WEEKLY")]
    Weekly,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum EmailKind {
    #[sea_orm(string_value = "VERIFICATION")]
    Verification,
    #[sea_orm(string_value = "NOTIFICATION")]
    Notification,
    #[sea_orm(string_value = "DIGEST")]
    Digest,
}

/// Where an email is: QUEUED until SENT, FAILED after a day of retries, DROPPED when by the
/// time of sending it should no longer go (the recipient stopped email, lost sight of it).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
pub enum EmailStatus {
    #[sea_orm(string_value = "QUEUED")]
    Queued,
    #[sea_orm(string_value = "SENT")]
    Sent,
    #[sea_orm(string_value = "FAILED")]
    Failed,
    #[sea_orm(string_value = "DROPPED")]
    Dropped,
}
