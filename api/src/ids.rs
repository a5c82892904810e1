//! Global, opaque IDs: `base64url("Kind:123")`. Clients never parse them; the kind inside
//! lets `node(id)` dispatch and lets every field refuse an ID of the wrong type.
//!
//! Resolvers decode them at the edge into one typed id per kind (`ProposalId(i32)`), so
//! services take typed ids and never see the wire format.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

use crate::{
    args,
    error::{AppError, AppResult, Field},
    i18n::Arg,
};

/// One newtype per kind of node, with its decoding and encoding.
macro_rules! node_ids {
    ($($(#[$doc:meta])* $id:ident => $kind:ident ($prefix:literal, $label:literal)),+ $(,)?) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum NodeKind {
            $($kind),+
        }

        impl NodeKind {
            const ALL: &[NodeKind] = &[$(NodeKind::$kind),+];

            fn prefix(self) -> &'static str {
                match self {
                    $(NodeKind::$kind => $prefix),+
                }
            }

            /// "a forum", in the reader's language (`error-wrong-id`).
            fn label(self) -> &'static str {
                match self {
                    $(NodeKind::$kind => $label),+
                }
            }
        }

        $(
            $(#[$doc])*
            #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
            pub struct $id(pub i32);

            impl $id {
                pub const KIND: NodeKind = NodeKind::$kind;

                /// The id of an object argument (`proposal(id:)`, `suspendUser(userId:)`): a
                /// malformed ID or one of another kind is an object that does not exist.
                pub fn from_object(global: &str) -> AppResult<Self> {
                    match decode(global) {
                        Some((NodeKind::$kind, id)) => Ok(Self(id)),
                        _ => Err(AppError::NotFound),
                    }
                }

                /// The id inside an input field: a malformed one is bad input on `field`.
                pub fn from_input(field: Field, global: &str) -> AppResult<Self> {
                    match decode(global) {
                        Some((NodeKind::$kind, id)) => Ok(Self(id)),
                        _ => Err(AppError::invalid_with(
                            field,
                            "error-wrong-id",
                            args!(kind = Arg::Message(NodeKind::$kind.label())),
                        )),
                    }
                }

                pub fn to_global(self) -> String {
                    encode(NodeKind::$kind, self.0)
                }
            }
        )+
    };
}

node_ids! {
    UserId => User("User", "id-kind-user"),
    ForumId => Forum("Forum", "id-kind-forum"),
    AuditEntryId => AuditEntry("AuditEntry", "id-kind-audit-entry"),
    ProposalId => Proposal("Proposal", "id-kind-proposal"),
    DiscussionId => Discussion("Discussion", "id-kind-discussion"),
    CommentId => Comment("Comment", "id-kind-comment"),
    CouncilResponseId => CouncilResponse("CouncilResponse", "id-kind-council-response"),
    NotificationId => Notification("Notification", "id-kind-notification"),
    ReportId => ContentReport("ContentReport", "id-kind-content-report"),
    StrategyId => CommunityStrategy("CommunityStrategy", "id-kind-strategy"),
    ObjectiveId => StrategyObjective("StrategyObjective", "id-kind-objective"),
    LinkId => StrategyLink("StrategyLink", "id-kind-strategy-link"),
    IndicatorId => Indicator("Indicator", "id-kind-indicator"),
    AmendmentId => Amendment("Amendment", "id-kind-amendment"),
    MeetingId => Meeting("Meeting", "id-kind-meeting"),
}

fn encode(kind: NodeKind, id: i32) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}:{id}", kind.prefix()))
}

/// The kind and row id inside a global ID, or `None` for anything malformed.
pub fn decode(global: &str) -> Option<(NodeKind, i32)> {
    let raw = String::from_utf8(URL_SAFE_NO_PAD.decode(global).ok()?).ok()?;
    let (prefix, digits) = raw.split_once(':')?;
    let kind = NodeKind::ALL
        .iter()
        .copied()
        .find(|k| k.prefix() == prefix)?;
    let id: i32 = digits.parse().ok()?;
    // One spelling per ID: no sign, no leading zeros.
    (id > 0 && id.to_string() == digits).then_some((kind, id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_refuse_other_kinds() {
        let global = ProposalId(42).to_global();
        assert_eq!(ProposalId::from_object(&global).ok(), Some(ProposalId(42)));
        assert!(matches!(
            ForumId::from_object(&global),
            Err(AppError::NotFound)
        ));
        assert!(matches!(
            ForumId::from_input(Field::ForumId, &global),
            Err(AppError::BadInput {
                field: Field::ForumId,
                ..
            })
        ));
        assert!(ProposalId::from_object("not an id").is_err());
        assert_eq!(decode(&URL_SAFE_NO_PAD.encode("Proposal:007")), None);
        assert_eq!(decode(&URL_SAFE_NO_PAD.encode("Proposal:-1")), None);
    }
}
