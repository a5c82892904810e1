//! The contract's enums, mirrored from the entities' stored enums.

use async_graphql::Enum;

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::Role")]
pub enum Role {
    Resident,
    Youth,
    Councillor,
    Clerk,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::AccountStatus")]
pub enum AccountStatus {
    /// Youth registrations wait here until a clerk approves them.
    Pending,
    Active,
    Suspended,
}

/// The council works in Welsh and English (Welsh Language Standards).
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::Language")]
pub enum Language {
    En,
    Cy,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::ForumKind")]
pub enum ForumKind {
    Themed,
    YouthShadow,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::ProposalStatus")]
pub enum ProposalStatus {
    Draft,
    Open,
    Submitted,
    UnderReview,
    Accepted,
    Rejected,
    Deferred,
    Implemented,
    Withdrawn,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalOrder {
    Newest,
    MostSupported,
    RecentlyActive,
}

impl From<ProposalOrder> for crate::service::lists::ProposalOrder {
    fn from(order: ProposalOrder) -> Self {
        match order {
            ProposalOrder::Newest => Self::Newest,
            ProposalOrder::MostSupported => Self::MostSupported,
            ProposalOrder::RecentlyActive => Self::RecentlyActive,
        }
    }
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::ResponseKind")]
pub enum ResponseKind {
    Acknowledgement,
    Question,
    Update,
    Decision,
}

#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "entity::Decision")]
pub enum Decision {
    Accepted,
    Rejected,
    Deferred,
}
