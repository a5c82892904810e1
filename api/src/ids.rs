//! Global, opaque IDs: `base64url("Kind:123")`. Clients never parse them; the kind inside
//! lets `node(id)` dispatch and lets every field refuse an ID of the wrong type.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

use crate::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    User,
    Forum,
    AuditEntry,
    Proposal,
    Discussion,
    Comment,
    CouncilResponse,
    Notification,
    ContentReport,
    CommunityStrategy,
    StrategyObjective,
    StrategyLink,
    Indicator,
}

impl NodeKind {
    const ALL: [NodeKind; 13] = [
        NodeKind::User,
        NodeKind::Forum,
        NodeKind::AuditEntry,
        NodeKind::Proposal,
        NodeKind::Discussion,
        NodeKind::Comment,
        NodeKind::CouncilResponse,
        NodeKind::Notification,
        NodeKind::ContentReport,
        NodeKind::CommunityStrategy,
        NodeKind::StrategyObjective,
        NodeKind::StrategyLink,
        NodeKind::Indicator,
    ];

    fn prefix(self) -> &'static str {
        match self {
            NodeKind::User => "User",
            NodeKind::Forum => "Forum",
            NodeKind::AuditEntry => "AuditEntry",
            NodeKind::Proposal => "Proposal",
            NodeKind::Discussion => "Discussion",
            NodeKind::Comment => "Comment",
            NodeKind::CouncilResponse => "CouncilResponse",
            NodeKind::Notification => "Notification",
            NodeKind::ContentReport => "ContentReport",
            NodeKind::CommunityStrategy => "CommunityStrategy",
            NodeKind::StrategyObjective => "StrategyObjective",
            NodeKind::StrategyLink => "StrategyLink",
            NodeKind::Indicator => "Indicator",
        }
    }
}

pub fn encode(kind: NodeKind, id: i32) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}:{id}", kind.prefix()))
}

/// The kind and row id inside a global ID, or `None` for anything malformed.
pub fn decode(global: &str) -> Option<(NodeKind, i32)> {
    let raw = String::from_utf8(URL_SAFE_NO_PAD.decode(global).ok()?).ok()?;
    let (prefix, digits) = raw.split_once(':')?;
    let kind = NodeKind::ALL.into_iter().find(|k| k.prefix() == prefix)?;
    let id: i32 = digits.parse().ok()?;
    // One spelling per ID: no sign, no leading zeros.
    (id > 0 && id.to_string() == digits).then_some((kind, id))
}

/// The row id of an object argument (`proposal(id:)`, `suspendUser(userId:)`): a malformed ID
/// or one of another kind is simply an object that does not exist.
pub fn object_id(kind: NodeKind, global: &str) -> Result<i32, AppError> {
    match decode(global) {
        Some((found, id)) if found == kind => Ok(id),
        _ => Err(AppError::NotFound),
    }
}

/// The row id of an ID inside an input object: a malformed one is bad input on that field.
pub fn input_id(kind: NodeKind, field: &str, global: &str) -> Result<i32, AppError> {
    match decode(global) {
        Some((found, id)) if found == kind => Ok(id),
        _ => Err(AppError::invalid(
            field,
            format!("not a {} ID", kind.prefix()),
        )),
    }
}
