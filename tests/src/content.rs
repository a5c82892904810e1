//! Helpers for forum content: forums, proposals, supports, discussions and comments, each a
//! thin wrapper over one GraphQL operation so that tests read as the story they tell.
//!
//! `try_*` return the whole response (for refusals); the others panic unless the operation
//! works and return the object it answered with.

use entity::Role;
use serde_json::{Value, json};

use crate::{Session, TestApp, ok, str_at};

/// The fields of `Proposal` the helpers ask for.
pub const PROPOSAL_FIELDS: &str = "id title body language status version authorRole
    author { id displayName } forum { id slug } supportCount viewerHasSupported commentCount
    createdAt updatedAt publishedAt submittedAt decidedAt hidden
    history { from to at actorRole note }";

/// The fields of `Comment` the helpers ask for.
pub const COMMENT_FIELDS: &str = "id body authorRole fromCouncil deleted hidden createdAt editedAt
    author { id displayName } parent { id }
    target { __typename ... on Proposal { id } ... on Discussion { id } ... on CouncilResponse { id } }";

/// The fields of `Discussion` the helpers ask for.
pub const DISCUSSION_FIELDS: &str = "id title body authorRole author { id displayName }
    forum { id slug } commentCount createdAt hidden";

/// `mutation($id: ID!) { <field>(id: $id) { PROPOSAL_FIELDS } }`
pub fn proposal_mutation(field: &str) -> String {
    format!("mutation($id: ID!) {{ {field}(id: $id) {{ {PROPOSAL_FIELDS} }} }}")
}

/// The `data.<field>` of a response that must have no errors.
#[track_caller]
pub fn data_at(resp: &Value, field: &str) -> Value {
    let value = ok(resp)[field].clone();
    assert!(!value.is_null(), "no {field} in {resp}");
    value
}

/// The ids of a connection's nodes, in order.
pub fn node_ids(connection: &Value) -> Vec<String> {
    connection["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("not a connection: {connection}"))
        .iter()
        .map(|edge| str_at(&edge["node"], "id").to_owned())
        .collect()
}

impl TestApp {
    /// A GraphQL request as `who` (anonymous when `None`).
    pub async fn gql_opt(&self, who: Option<&Session>, query: &str, variables: Value) -> Value {
        self.gql_with(who.map(|s| s.token.as_str()), &[], query, variables)
            .await
    }

    /// A councillor, signed in.
    pub async fn councillor(&self) -> Session {
        self.user_with_role(Role::Councillor).await
    }

    /// `count` residents, signed in.
    pub async fn residents(&self, count: usize) -> Vec<Session> {
        let mut all = Vec::with_capacity(count);
        for _ in 0..count {
            all.push(self.resident().await);
        }
        all
    }

    /// A new THEMED forum (no youth shadow) with this support threshold; returns its id.
    pub async fn create_forum(&self, clerk: &Session, slug: &str, threshold: i32) -> String {
        let resp = self
            .gql_as(
                &clerk.token,
                "mutation($input: CreateForumInput!) { createForum(input: $input) { id } }",
                json!({ "input": {
                    "slug": slug,
                    "nameEn": format!("Forum {slug}"),
                    "nameCy": format!("Fforwm {slug}"),
                    "descriptionEn": "A forum for the tests.",
                    "descriptionCy": "Fforwm ar gyfer y profion.",
                    "supportThreshold": threshold,
                    "withYouthShadow": false,
                } }),
            )
            .await;
        str_at(&data_at(&resp, "createForum"), "id").to_owned()
    }

    pub async fn archive_forum(&self, clerk: &Session, forum_id: &str) {
        let resp = self
            .gql_as(
                &clerk.token,
                "mutation($id: ID!) { archiveForum(id: $id) { archived } }",
                json!({ "id": forum_id }),
            )
            .await;
        assert_eq!(data_at(&resp, "archiveForum")["archived"], true, "{resp}");
    }

    /// `createProposal` with a raw input object.
    pub async fn try_create_proposal(&self, who: Option<&Session>, input: Value) -> Value {
        self.gql_opt(
            who,
            &format!(
                "mutation($input: CreateProposalInput!) {{ createProposal(input: $input) {{ {PROPOSAL_FIELDS} }} }}"
            ),
            json!({ "input": input }),
        )
        .await
    }

    /// A new DRAFT by `who`.
    pub async fn create_proposal(&self, who: &Session, forum_id: &str, title: &str) -> Value {
        let resp = self
            .try_create_proposal(
                Some(who),
                json!({
                    "forumId": forum_id,
                    "title": title,
                    "body": format!("The body of the proposal: {title}."),
                }),
            )
            .await;
        data_at(&resp, "createProposal")
    }

    /// `<field>(id: $id)` on a proposal, e.g. `publishProposal`, as `who`.
    pub async fn try_proposal_mutation(
        &self,
        who: Option<&Session>,
        field: &str,
        id: &str,
    ) -> Value {
        self.gql_opt(who, &proposal_mutation(field), json!({ "id": id }))
            .await
    }

    /// `<field>(id: $id)` that must work; returns the proposal.
    pub async fn proposal_mutation(&self, who: &Session, field: &str, id: &str) -> Value {
        let resp = self.try_proposal_mutation(Some(who), field, id).await;
        data_at(&resp, field)
    }

    pub async fn publish(&self, who: &Session, id: &str) -> Value {
        self.proposal_mutation(who, "publishProposal", id).await
    }

    pub async fn support(&self, who: &Session, id: &str) -> Value {
        self.proposal_mutation(who, "supportProposal", id).await
    }

    pub async fn withdraw_support(&self, who: &Session, id: &str) -> Value {
        self.proposal_mutation(who, "withdrawSupport", id).await
    }

    /// A clerk's `submitToCouncil` that must work.
    pub async fn submit_to_council(&self, clerk: &Session, id: &str) -> Value {
        self.proposal_mutation(clerk, "submitToCouncil", id).await
    }

    /// Created and published: an OPEN proposal's id.
    pub async fn open_proposal(&self, who: &Session, forum_id: &str, title: &str) -> String {
        let id = str_at(&self.create_proposal(who, forum_id, title).await, "id").to_owned();
        let published = self.publish(who, &id).await;
        assert_eq!(published["status"], "OPEN", "{published}");
        id
    }

    /// `proposal(id)` as `who`: the proposal, or `null`.
    pub async fn proposal_as(&self, who: Option<&Session>, id: &str) -> Value {
        let resp = self
            .gql_opt(
                who,
                &format!("query($id: ID!) {{ proposal(id: $id) {{ {PROPOSAL_FIELDS} }} }}"),
                json!({ "id": id }),
            )
            .await;
        ok(&resp)["proposal"].clone()
    }

    /// `node(id)` as `who`: its `id` and `__typename`, or `null`.
    pub async fn node_as(&self, who: Option<&Session>, id: &str) -> Value {
        let resp = self
            .gql_opt(
                who,
                "query($id: ID!) { node(id: $id) { id __typename } }",
                json!({ "id": id }),
            )
            .await;
        ok(&resp)["node"].clone()
    }

    /// `updateProposal`; returns the whole response.
    pub async fn try_update_proposal(
        &self,
        who: Option<&Session>,
        id: &str,
        expected_version: i64,
        input: Value,
    ) -> Value {
        self.gql_opt(
            who,
            &format!(
                "mutation($id: ID!, $v: Int!, $input: UpdateProposalInput!) {{
                   updateProposal(id: $id, expectedVersion: $v, input: $input) {{ {PROPOSAL_FIELDS} }} }}"
            ),
            json!({ "id": id, "v": expected_version, "input": input }),
        )
        .await
    }

    /// `startDiscussion` with a raw input object.
    pub async fn try_start_discussion(&self, who: Option<&Session>, input: Value) -> Value {
        self.gql_opt(
            who,
            &format!(
                "mutation($input: StartDiscussionInput!) {{ startDiscussion(input: $input) {{ {DISCUSSION_FIELDS} }} }}"
            ),
            json!({ "input": input }),
        )
        .await
    }

    /// A new discussion by `who`.
    pub async fn start_discussion(&self, who: &Session, forum_id: &str, title: &str) -> Value {
        let resp = self
            .try_start_discussion(
                Some(who),
                json!({ "forumId": forum_id, "title": title, "body": format!("Let us talk: {title}.") }),
            )
            .await;
        data_at(&resp, "startDiscussion")
    }

    /// `addComment`; returns the whole response.
    pub async fn try_add_comment(
        &self,
        who: Option<&Session>,
        target_id: &str,
        parent_id: Option<&str>,
        body: &str,
    ) -> Value {
        self.gql_opt(
            who,
            &format!(
                "mutation($input: AddCommentInput!) {{ addComment(input: $input) {{ {COMMENT_FIELDS} }} }}"
            ),
            json!({ "input": { "targetId": target_id, "parentId": parent_id, "body": body } }),
        )
        .await
    }

    /// A comment (or, with `parent_id`, a reply) that must work.
    pub async fn add_comment(
        &self,
        who: &Session,
        target_id: &str,
        parent_id: Option<&str>,
        body: &str,
    ) -> Value {
        let resp = self
            .try_add_comment(Some(who), target_id, parent_id, body)
            .await;
        data_at(&resp, "addComment")
    }

    /// The clerk's view of the audit log (newest first, up to 100 entries) as
    /// `(action, subjectId, actor id)`.
    pub async fn audit_entries(
        &self,
        clerk: &Session,
    ) -> Vec<(String, Option<String>, Option<String>)> {
        let resp = self
            .gql_as(
                &clerk.token,
                "{ auditLog(first: 100) { edges { node { action subjectId actor { id } } } } }",
                json!({}),
            )
            .await;
        ok(&resp)["auditLog"]["edges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let node = &e["node"];
                (
                    str_at(node, "action").to_owned(),
                    node["subjectId"].as_str().map(str::to_owned),
                    node["actor"]["id"].as_str().map(str::to_owned),
                )
            })
            .collect()
    }

    /// `fforwm_db_statements_total` from GET /metrics.
    pub async fn db_statements(&self) -> u64 {
        let text = self
            .request(reqwest::Method::GET, "/metrics")
            .send()
            .await
            .expect("GET /metrics")
            .text()
            .await
            .expect("metrics body");
        text.lines()
            .find_map(|line| line.strip_prefix("fforwm_db_statements_total "))
            .and_then(|value| value.trim().parse::<f64>().ok())
            .map(|value| value as u64)
            .unwrap_or_else(|| panic!("no fforwm_db_statements_total in /metrics:\n{text}"))
    }
}
