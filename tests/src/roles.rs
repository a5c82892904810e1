//! Helpers for youth membership, moderation and the role × operation matrix: the seven kinds of
//! viewer RULES.md names ("Who may see what"), signed in once per server, and one wrapper per
//! moderation or council operation.

use serde_json::{Value, json};

use crate::{
    Session, TestApp,
    content::{data_at, node_ids},
    ok, str_at,
};

/// The viewers of RULES.md's "Who may see what" table, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Anonymous,
    Resident,
    PendingYouth,
    Youth,
    Councillor,
    Clerk,
    /// A resident, suspended by a clerk after signing in.
    Suspended,
}

impl Who {
    pub const ALL: [Who; 7] = [
        Who::Anonymous,
        Who::Resident,
        Who::PendingYouth,
        Who::Youth,
        Who::Councillor,
        Who::Clerk,
        Who::Suspended,
    ];

    /// The viewer's place in `ALL` (a matrix row's column).
    pub fn index(self) -> usize {
        Who::ALL
            .iter()
            .position(|w| *w == self)
            .unwrap_or_else(|| unreachable!())
    }
}

/// One signed-in account of each kind, plus a second clerk who sets things up.
pub struct Cast {
    pub resident: Session,
    pub pending: Session,
    pub youth: Session,
    pub councillor: Session,
    pub clerk: Session,
    /// A suspended resident (their access token still works, as RULES.md says it does).
    pub suspended: Session,
    /// Another clerk, for setting things up without being one of the viewers tried.
    pub setup_clerk: Session,
}

impl Cast {
    pub async fn new(app: &TestApp) -> Self {
        let setup_clerk = app.clerk().await;
        let clerk = app.clerk().await;
        let resident = app.resident().await;
        let pending = app.pending_youth(15).await;
        let youth = app.active_youth(&setup_clerk).await;
        let councillor = app.councillor().await;
        let suspended = app.resident().await;
        app.suspend(&setup_clerk, &suspended).await;
        Self {
            resident,
            pending,
            youth,
            councillor,
            clerk,
            suspended,
            setup_clerk,
        }
    }

    /// The session of `who`; `None` for the anonymous visitor.
    pub fn session(&self, who: Who) -> Option<&Session> {
        match who {
            Who::Anonymous => None,
            Who::Resident => Some(&self.resident),
            Who::PendingYouth => Some(&self.pending),
            Who::Youth => Some(&self.youth),
            Who::Councillor => Some(&self.councillor),
            Who::Clerk => Some(&self.clerk),
            Who::Suspended => Some(&self.suspended),
        }
    }
}

/// `mutation { reportContent(...) }` asks for these.
pub const REPORT_FIELDS: &str = "id reason details status createdAt resolvedAt resolution
    reporter { id }
    target { __typename ... on Proposal { id } ... on Discussion { id } ... on Comment { id }
             ... on CouncilResponse { id } }";

impl TestApp {
    /// A clerk's `suspendUser` that must work.
    pub async fn suspend(&self, clerk: &Session, who: &Session) {
        let resp = self
            .gql_as(
                &clerk.token,
                "mutation($id: ID!) { suspendUser(userId: $id, reason: \"Tests\") { status } }",
                json!({ "id": who.user_id }),
            )
            .await;
        assert_eq!(data_at(&resp, "suspendUser")["status"], "SUSPENDED");
    }

    /// A clerk's `reinstateUser` that must work.
    pub async fn reinstate(&self, clerk: &Session, who: &Session) {
        let resp = self
            .gql_as(
                &clerk.token,
                "mutation($id: ID!) { reinstateUser(userId: $id) { status } }",
                json!({ "id": who.user_id }),
            )
            .await;
        assert_eq!(data_at(&resp, "reinstateUser")["status"], "ACTIVE");
    }

    /// `reportContent`; returns the whole response.
    pub async fn try_report(&self, who: Option<&Session>, target_id: &str, reason: &str) -> Value {
        self.gql_opt(
            who,
            &format!(
                "mutation($input: ReportContentInput!) {{ reportContent(input: $input) {{ {REPORT_FIELDS} }} }}"
            ),
            json!({ "input": { "targetId": target_id, "reason": reason,
                               "details": "Seen while testing." } }),
        )
        .await
    }

    /// A report that must work; returns the ContentReport.
    pub async fn report(&self, who: &Session, target_id: &str, reason: &str) -> Value {
        let resp = self.try_report(Some(who), target_id, reason).await;
        let report = data_at(&resp, "reportContent");
        assert_eq!(report["status"], "OPEN", "{resp}");
        assert_eq!(report["reason"], reason, "{resp}");
        assert_eq!(report["target"]["id"], target_id, "{resp}");
        report
    }

    /// `hideContent`; returns the whole response.
    pub async fn try_hide(&self, who: Option<&Session>, target_id: &str) -> Value {
        self.gql_opt(
            who,
            "mutation($id: ID!) { hideContent(targetId: $id, reason: \"Breaks the forum rules\") }",
            json!({ "id": target_id }),
        )
        .await
    }

    /// `unhideContent`; returns the whole response.
    pub async fn try_unhide(&self, who: Option<&Session>, target_id: &str) -> Value {
        self.gql_opt(
            who,
            "mutation($id: ID!) { unhideContent(targetId: $id) }",
            json!({ "id": target_id }),
        )
        .await
    }

    /// A clerk's `hideContent`; returns whether this call hid it.
    pub async fn hide(&self, clerk: &Session, target_id: &str) -> bool {
        let resp = self.try_hide(Some(clerk), target_id).await;
        ok(&resp)["hideContent"]
            .as_bool()
            .unwrap_or_else(|| panic!("hideContent: {resp}"))
    }

    /// A clerk's `unhideContent`; returns whether this call brought it back.
    pub async fn unhide(&self, clerk: &Session, target_id: &str) -> bool {
        let resp = self.try_unhide(Some(clerk), target_id).await;
        ok(&resp)["unhideContent"]
            .as_bool()
            .unwrap_or_else(|| panic!("unhideContent: {resp}"))
    }

    /// `resolveReport`; returns the whole response.
    pub async fn try_resolve_report(
        &self,
        who: Option<&Session>,
        report_id: &str,
        resolution: &str,
        dismiss: bool,
    ) -> Value {
        self.gql_opt(
            who,
            &format!(
                "mutation($id: ID!, $r: String!, $d: Boolean) {{
                   resolveReport(id: $id, resolution: $r, dismiss: $d) {{ {REPORT_FIELDS} }} }}"
            ),
            json!({ "id": report_id, "r": resolution, "d": dismiss }),
        )
        .await
    }

    /// The ids in the moderation queue (`status`, or the default), in order, as `clerk` sees it.
    pub async fn queue_ids(&self, clerk: &Session, status: Option<&str>) -> Vec<String> {
        let resp = match status {
            Some(status) => {
                self.gql_as(
                    &clerk.token,
                    "query($s: ReportStatus) { moderationQueue(first: 100, status: $s) {
                       totalCount edges { node { id status } } } }",
                    json!({ "s": status }),
                )
                .await
            }
            None => {
                self.gql_as(
                    &clerk.token,
                    "{ moderationQueue(first: 100) { totalCount edges { node { id status } } } }",
                    json!({}),
                )
                .await
            }
        };
        let queue = &ok(&resp)["moderationQueue"];
        let ids = node_ids(queue);
        assert_eq!(queue["totalCount"], ids.len(), "{resp}");
        ids
    }

    /// `forwardYouthProposal`; returns the whole response.
    pub async fn try_forward(&self, who: Option<&Session>, id: &str) -> Value {
        self.gql_opt(
            who,
            "mutation($id: ID!) { forwardYouthProposal(id: $id, note: \"From the youth forum\") {
               id status authorRole author { id } forum { slug kind }
               forwardedFrom { id } forwardedTo { id } title body } }",
            json!({ "id": id }),
        )
        .await
    }

    /// `respondToProposal`; returns the whole response.
    pub async fn try_respond(
        &self,
        who: Option<&Session>,
        proposal_id: &str,
        kind: &str,
        decision: Option<&str>,
    ) -> Value {
        self.gql_opt(
            who,
            "mutation($input: RespondInput!) { respondToProposal(input: $input) {
               id kind body proposal { id status } } }",
            json!({ "input": { "proposalId": proposal_id, "kind": kind, "decision": decision,
                               "body": format!("The council's {kind} on this proposal.") } }),
        )
        .await
    }

    /// A response that must work; returns its id.
    pub async fn respond(
        &self,
        who: &Session,
        proposal_id: &str,
        kind: &str,
        decision: Option<&str>,
    ) -> String {
        let resp = self
            .try_respond(Some(who), proposal_id, kind, decision)
            .await;
        str_at(&data_at(&resp, "respondToProposal"), "id").to_owned()
    }

    /// `who`'s notifications, newest first: `{ kind proposal { id } comment { id } message }`.
    pub async fn notifications_of(&self, who: &Session) -> Vec<Value> {
        let resp = self
            .gql_as(
                &who.token,
                "{ myNotifications(first: 100) { edges { node {
                     kind message proposal { id } comment { id } councilResponse { id } } } } }",
                json!({}),
            )
            .await;
        ok(&resp)["myNotifications"]["edges"]
            .as_array()
            .unwrap_or_else(|| panic!("myNotifications: {resp}"))
            .iter()
            .map(|e| e["node"].clone())
            .collect()
    }
}

/// A global ID as the server spells them (`base64url("Kind:n")`), for IDs of things that do not
/// exist and IDs of the wrong kind.
pub fn global_id(kind: &str, id: i64) -> String {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    URL_SAFE_NO_PAD.encode(format!("{kind}:{id}"))
}
