//! Clerks' user management (users, setUserRole, approveYouthMember, suspendUser,
//! reinstateUser), the audit log, and who sees whose email and youth identity.

use std::collections::HashSet;

use entity::Role;
use fforwm_tests::{Session, TestApp, assert_bad_input, assert_code, ok};
use serde_json::{Value, json};

const USERS: &str = "query($first: Int, $after: String, $role: Role, $status: AccountStatus) {
    users(first: $first, after: $after, role: $role, status: $status) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { id email role status displayName } }
    } }";
const SET_ROLE: &str =
    "mutation($id: ID!, $role: Role!) { setUserRole(userId: $id, role: $role) { id role status } }";
const APPROVE: &str = "mutation($id: ID!) { approveYouthMember(userId: $id) { id role status } }";
const SUSPEND: &str =
    "mutation($id: ID!) { suspendUser(userId: $id, reason: \"Repeated abuse\") { id status } }";
const REINSTATE: &str = "mutation($id: ID!) { reinstateUser(userId: $id) { id status } }";
const AUDIT: &str = "{ auditLog(first: 100) { totalCount
    edges { node { id action subjectId detail at actor { id } } } } }";
const NODE_USER: &str =
    "query($id: ID!) { node(id: $id) { __typename ... on User { id displayName role email } } }";

fn ids(resp: &Value) -> Vec<String> {
    resp["data"]["users"]["edges"]
        .as_array()
        .unwrap_or_else(|| panic!("no edges: {resp}"))
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clerks_list_users_page_by_page_with_filters() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let mut residents = HashSet::new();
    for name in ["Aled", "Bethan", "Ceri"] {
        let s = app
            .register(&format!("{}@example.com", name.to_lowercase()), name)
            .await;
        residents.insert(s.user_id);
    }
    let youth = app.pending_youth(15).await;

    // Two pages of residents, nothing repeated or lost; clerks see emails.
    let page1 = app
        .gql_as(
            &clerk.token,
            USERS,
            json!({ "first": 2, "role": "RESIDENT" }),
        )
        .await;
    let users = &ok(&page1)["users"];
    assert_eq!(users["totalCount"], 3, "{page1}");
    assert_eq!(users["pageInfo"]["hasNextPage"], true, "{page1}");
    assert_eq!(ids(&page1).len(), 2);
    for edge in users["edges"].as_array().unwrap() {
        assert_eq!(edge["node"]["role"], "RESIDENT");
        assert!(
            edge["node"]["email"]
                .as_str()
                .unwrap()
                .ends_with("@example.com")
        );
    }
    let after = users["pageInfo"]["endCursor"].as_str().unwrap();
    let page2 = app
        .gql_as(
            &clerk.token,
            USERS,
            json!({ "first": 2, "after": after, "role": "RESIDENT" }),
        )
        .await;
    assert_eq!(
        ok(&page2)["users"]["pageInfo"]["hasNextPage"],
        false,
        "{page2}"
    );
    assert_eq!(page2["data"]["users"]["totalCount"], 3);
    let seen: HashSet<String> = ids(&page1).into_iter().chain(ids(&page2)).collect();
    assert_eq!(seen, residents);

    // Filters: by status, by role, both; no filter lists everyone (clerk included).
    let pending = app
        .gql_as(&clerk.token, USERS, json!({ "status": "PENDING" }))
        .await;
    assert_eq!(ids(&pending), vec![youth.user_id.clone()]);
    let youths = app
        .gql_as(
            &clerk.token,
            USERS,
            json!({ "role": "YOUTH", "status": "ACTIVE" }),
        )
        .await;
    assert_eq!(ok(&youths)["users"]["totalCount"], 0);
    let everyone = app.gql_as(&clerk.token, USERS, json!({})).await;
    assert_eq!(ok(&everyone)["users"]["totalCount"], 5);
    assert!(ids(&everyone).contains(&clerk.user_id));

    // `first` is 1 to 100.
    let resp = app
        .gql_as(&clerk.token, USERS, json!({ "first": 100 }))
        .await;
    ok(&resp);
    for first in [101, 0, -1] {
        let resp = app
            .gql_as(&clerk.token, USERS, json!({ "first": first }))
            .await;
        assert_bad_input(&resp, "first");
    }

    // Clerks only.
    let resident = app.resident().await;
    let councillor = app.user_with_role(Role::Councillor).await;
    assert_code(&app.gql(USERS, json!({})).await, "UNAUTHENTICATED");
    assert_code(
        &app.gql_as(&resident.token, USERS, json!({})).await,
        "FORBIDDEN",
    );
    assert_code(
        &app.gql_as(&councillor.token, USERS, json!({})).await,
        "FORBIDDEN",
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_role_change_takes_effect_on_the_next_request() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let dai = app.resident().await;

    let resp = app
        .gql_as(
            &clerk.token,
            SET_ROLE,
            json!({ "id": dai.user_id, "role": "COUNCILLOR" }),
        )
        .await;
    assert_eq!(ok(&resp)["setUserRole"]["role"], "COUNCILLOR");
    assert_eq!(resp["data"]["setUserRole"]["id"], dai.user_id.as_str());
    // Dai's old token now speaks for a councillor.
    let me = app.gql_as(&dai.token, "{ me { role } }", json!({})).await;
    assert_eq!(ok(&me)["me"]["role"], "COUNCILLOR");

    // Made a clerk, Dai may list users at once; made a resident again, no longer.
    ok(&app
        .gql_as(
            &clerk.token,
            SET_ROLE,
            json!({ "id": dai.user_id, "role": "CLERK" }),
        )
        .await);
    ok(&app.gql_as(&dai.token, USERS, json!({})).await);
    ok(&app
        .gql_as(
            &clerk.token,
            SET_ROLE,
            json!({ "id": dai.user_id, "role": "RESIDENT" }),
        )
        .await);
    assert_code(&app.gql_as(&dai.token, USERS, json!({})).await, "FORBIDDEN");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clerks_approve_pending_youth_members_only() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let youth = app.pending_youth(17).await;
    let resident = app.resident().await;

    let resp = app
        .gql_as(&clerk.token, APPROVE, json!({ "id": youth.user_id }))
        .await;
    let user = &ok(&resp)["approveYouthMember"];
    assert_eq!(user["status"], "ACTIVE");
    assert_eq!(user["role"], "YOUTH");
    let me = app
        .gql_as(&youth.token, "{ me { status } }", json!({}))
        .await;
    assert_eq!(ok(&me)["me"]["status"], "ACTIVE");

    // Only a PENDING youth member: not twice, not a resident.
    for id in [&youth.user_id, &resident.user_id] {
        let resp = app.gql_as(&clerk.token, APPROVE, json!({ "id": id })).await;
        assert_code(&resp, "CONFLICT");
    }
    let me = app
        .gql_as(&resident.token, "{ me { role status } }", json!({}))
        .await;
    assert_eq!(ok(&me)["me"]["role"], "RESIDENT");
    assert_eq!(me["data"]["me"]["status"], "ACTIVE");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_suspended_account_loses_every_mutation_but_its_own_rights() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let eve = app.resident().await;
    let eve_elsewhere = app.login(&eve.email, &eve.password).await;
    let forum = app.forum_id("environment").await;

    let resp = app
        .gql_as(&clerk.token, SUSPEND, json!({ "id": eve.user_id }))
        .await;
    assert_eq!(ok(&resp)["suspendUser"]["status"], "SUSPENDED");

    // Eve's still-valid access token: reads as anonymous, `me` tells her why.
    let me = app
        .gql_as(&eve.token, "{ me { id status } }", json!({}))
        .await;
    assert_eq!(ok(&me)["me"]["status"], "SUSPENDED");
    let forums = app
        .gql_as(&eve.token, "{ forums { slug } }", json!({}))
        .await;
    assert_eq!(ok(&forums)["forums"].as_array().unwrap().len(), 12);

    let refused = [
        (
            "mutation { updateMe(input: { displayName: \"Eve Again\" }) { id } }",
            json!({}),
        ),
        (
            "mutation($f: ID!) { joinForum(forumId: $f) { id } }",
            json!({ "f": forum }),
        ),
        (
            "mutation($f: ID!) { leaveForum(forumId: $f) { id } }",
            json!({ "f": forum }),
        ),
    ];
    for (mutation, vars) in refused {
        let resp = app.gql_as(&eve.token, mutation, vars).await;
        assert_code(&resp, "FORBIDDEN");
    }
    // Nothing changed.
    let me = app
        .gql_as(&eve.token, "{ me { displayName } }", json!({}))
        .await;
    assert_ne!(ok(&me)["me"]["displayName"], "Eve Again");

    // Logout is still hers to use (as are her password, her export and leaving: privacy.rs).
    let resp = app
        .gql_as(
            &eve.token,
            "mutation($t: String!) { logout(refreshToken: $t) }",
            json!({ "t": eve.refresh_token }),
        )
        .await;
    assert!(ok(&resp)["logout"].is_boolean(), "{resp}");

    // Her refresh tokens died with the suspension.
    assert_code(
        &app.try_refresh(&eve_elsewhere.refresh_token).await,
        "UNAUTHENTICATED",
    );

    // Reinstated, Eve signs in and writes again.
    let resp = app
        .gql_as(&clerk.token, REINSTATE, json!({ "id": eve.user_id }))
        .await;
    assert_eq!(ok(&resp)["reinstateUser"]["status"], "ACTIVE");
    let eve = app.login(&eve.email, &eve.password).await;
    let resp = app
        .gql_as(
            &eve.token,
            "mutation { updateMe(input: { displayName: \"Eve Again\" }) { displayName status } }",
            json!({}),
        )
        .await;
    assert_eq!(ok(&resp)["updateMe"]["displayName"], "Eve Again");
    assert_eq!(resp["data"]["updateMe"]["status"], "ACTIVE");

    // Reinstating an active account is a transition from the wrong status.
    let resp = app
        .gql_as(&clerk.token, REINSTATE, json!({ "id": eve.user_id }))
        .await;
    assert_code(&resp, "CONFLICT");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_clerks_manage_users_and_unknown_ids_are_not_found() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let resident = app.resident().await;
    let councillor = app.user_with_role(Role::Councillor).await;
    let youth = app.pending_youth(14).await;
    let target = app.resident().await;

    let mutations = [
        (SET_ROLE, Some("COUNCILLOR")),
        (APPROVE, None),
        (SUSPEND, None),
        (REINSTATE, None),
    ];
    let vars = |id: &str, role: Option<&str>| match role {
        Some(role) => json!({ "id": id, "role": role }),
        None => json!({ "id": id }),
    };
    for (mutation, role) in mutations {
        let id = if mutation == APPROVE {
            &youth.user_id
        } else {
            &target.user_id
        };
        assert_code(&app.gql(mutation, vars(id, role)).await, "UNAUTHENTICATED");
        for who in [&resident, &councillor, &youth] {
            assert_code(
                &app.gql_as(&who.token, mutation, vars(id, role)).await,
                "FORBIDDEN",
            );
        }
        // Malformed, empty, and the ID of something that is not a user.
        let forum = app.forum_id("transport").await;
        // The last is a well-formed ID of a user that does not exist (a test may know the
        // format; clients may not).
        for bad in ["garbage", "", forum.as_str(), "VXNlcjo5OTk5OTk"] {
            assert_code(
                &app.gql_as(&clerk.token, mutation, vars(bad, role)).await,
                "NOT_FOUND",
            );
        }
    }
    // None of the refusals did anything.
    let pending = app
        .gql_as(&clerk.token, USERS, json!({ "status": "PENDING" }))
        .await;
    assert_eq!(ids(&pending), vec![youth.user_id.clone()]);
    let me = app
        .gql_as(&target.token, "{ me { role status } }", json!({}))
        .await;
    assert_eq!(ok(&me)["me"]["role"], "RESIDENT");
    assert_eq!(me["data"]["me"]["status"], "ACTIVE");
    let audit = app.gql_as(&clerk.token, AUDIT, json!({})).await;
    assert!(audited_user_actions(&audit).is_empty(), "{audit}");
}

const USER_ACTIONS: [&str; 4] = [
    "user.approved",
    "user.reinstated",
    "user.role_changed",
    "user.suspended",
];

/// The audit entries of clerks' user actions, sorted by action.
fn audited_user_actions(resp: &Value) -> Vec<&Value> {
    let mut entries: Vec<&Value> = ok(resp)["auditLog"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["node"])
        .filter(|n| USER_ACTIONS.contains(&n["action"].as_str().unwrap()))
        .collect();
    entries.sort_by_key(|n| n["action"].as_str().unwrap().to_owned());
    entries
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_clerk_action_is_in_the_audit_log() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let resident = app.resident().await;
    let youth = app.pending_youth(19).await;

    ok(&app
        .gql_as(
            &clerk.token,
            SET_ROLE,
            json!({ "id": resident.user_id, "role": "COUNCILLOR" }),
        )
        .await);
    ok(&app
        .gql_as(&clerk.token, APPROVE, json!({ "id": youth.user_id }))
        .await);
    ok(&app
        .gql_as(&clerk.token, SUSPEND, json!({ "id": resident.user_id }))
        .await);
    ok(&app
        .gql_as(&clerk.token, REINSTATE, json!({ "id": resident.user_id }))
        .await);
    // A refused action leaves no entry.
    assert_code(
        &app.gql_as(&clerk.token, APPROVE, json!({ "id": youth.user_id }))
            .await,
        "CONFLICT",
    );

    let resp = app.gql_as(&clerk.token, AUDIT, json!({})).await;
    let entries = audited_user_actions(&resp);
    let actions: Vec<&str> = entries
        .iter()
        .map(|n| n["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, USER_ACTIONS, "{resp}");
    for entry in &entries {
        assert_eq!(entry["actor"]["id"], clerk.user_id.as_str(), "{entry}");
        let subject = if entry["action"] == "user.approved" {
            &youth.user_id
        } else {
            &resident.user_id
        };
        assert_eq!(entry["subjectId"], subject.as_str(), "{entry}");
        assert!(
            chrono::DateTime::parse_from_rfc3339(entry["at"].as_str().unwrap()).is_ok(),
            "{entry}"
        );
    }

    // Clerks only.
    assert_code(&app.gql(AUDIT, json!({})).await, "UNAUTHENTICATED");
    let councillor = app.user_with_role(Role::Councillor).await;
    let resident = app.resident().await;
    for who in [&resident, &councillor, &youth] {
        assert_code(&app.gql_as(&who.token, AUDIT, json!({})).await, "FORBIDDEN");
    }
}

/// `node(id)` on a user, as seen by `viewer` (anonymous when `None`).
async fn user_node(app: &TestApp, viewer: Option<&Session>, id: &str) -> Value {
    let resp = match viewer {
        Some(s) => app.gql_as(&s.token, NODE_USER, json!({ "id": id })).await,
        None => app.gql(NODE_USER, json!({ "id": id })).await,
    };
    ok(&resp)["node"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn email_is_for_its_owner_and_clerks() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let councillor = app.user_with_role(Role::Councillor).await;
    let alice = app.register("alice@example.com", "Alice").await;
    let bob = app.register("bob@example.com", "Bob").await;

    let seen = user_node(&app, Some(&alice), &alice.user_id).await;
    assert_eq!(seen["__typename"], "User");
    assert_eq!(seen["email"], "alice@example.com");
    let seen = user_node(&app, Some(&clerk), &alice.user_id).await;
    assert_eq!(seen["email"], "alice@example.com");
    for viewer in [None, Some(&bob), Some(&councillor)] {
        let seen = user_node(&app, viewer, &alice.user_id).await;
        assert_eq!(seen["displayName"], "Alice", "{seen}");
        assert!(seen["email"].is_null(), "email leaked: {seen}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_youth_member_is_hidden_from_the_public() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let councillor = app.user_with_role(Role::Councillor).await;
    let resident = app.resident().await;
    let youth = app.active_youth(&clerk).await;
    let other_youth = app.active_youth(&clerk).await;
    let pending = app.pending_youth(15).await;

    for id in [&youth.user_id, &pending.user_id] {
        for viewer in [None, Some(&resident)] {
            let seen = user_node(&app, viewer, id).await;
            assert!(seen.is_null(), "youth member shown: {seen}");
        }
        let seen = user_node(&app, Some(&clerk), id).await;
        assert_eq!(seen["id"], id.as_str());
        assert!(seen["email"].is_string(), "{seen}");
    }
    for viewer in [&councillor, &other_youth] {
        let seen = user_node(&app, Some(viewer), &youth.user_id).await;
        assert_eq!(seen["role"], "YOUTH", "{seen}");
        assert!(seen["email"].is_null(), "{seen}");
    }
    let seen = user_node(&app, Some(&youth), &youth.user_id).await;
    assert_eq!(seen["email"], youth.email.as_str());
}

/// Eight copies of one clerk's mutation at once; the answers' `errors[0].extensions.code`
/// (`None` for a success).
async fn all_at_once(
    app: &TestApp,
    clerk: &Session,
    query: &str,
    vars: Value,
) -> Vec<Option<String>> {
    let calls = (0..8).map(|_| app.gql_as(&clerk.token, query, vars.clone()));
    futures_util::future::join_all(calls)
        .await
        .iter()
        .map(|resp| fforwm_tests::error_code(resp).map(str::to_owned))
        .collect()
}

fn count(codes: &[Option<String>], code: Option<&str>) -> usize {
    codes.iter().filter(|c| c.as_deref() == code).count()
}

/// Account transitions read the status under the account's row lock: of concurrent copies of
/// one transition exactly one happens (one notification, one audit entry), the others are
/// `CONFLICT`; a concurrent role change to the same role happens once and is idempotent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_account_transitions_happen_once() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let youth = app.pending_youth(16).await;
    let eve = app.resident().await;
    let ann = app.resident().await;

    let approved = all_at_once(&app, &clerk, APPROVE, json!({ "id": youth.user_id })).await;
    assert_eq!(count(&approved, None), 1, "{approved:?}");
    assert_eq!(count(&approved, Some("CONFLICT")), 7, "{approved:?}");
    let suspended = all_at_once(&app, &clerk, SUSPEND, json!({ "id": eve.user_id })).await;
    assert_eq!(count(&suspended, None), 1, "{suspended:?}");
    assert_eq!(count(&suspended, Some("CONFLICT")), 7, "{suspended:?}");
    let reinstated = all_at_once(&app, &clerk, REINSTATE, json!({ "id": eve.user_id })).await;
    assert_eq!(count(&reinstated, None), 1, "{reinstated:?}");
    assert_eq!(count(&reinstated, Some("CONFLICT")), 7, "{reinstated:?}");
    let promoted = all_at_once(
        &app,
        &clerk,
        SET_ROLE,
        json!({ "id": ann.user_id, "role": "COUNCILLOR" }),
    )
    .await;
    assert_eq!(count(&promoted, None), 8, "{promoted:?}");

    let resp = app.gql_as(&clerk.token, AUDIT, json!({})).await;
    let actions: Vec<&str> = audited_user_actions(&resp)
        .iter()
        .map(|n| n["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, USER_ACTIONS, "{resp}");
    let resp = app
        .gql_as(
            &youth.token,
            "{ myNotifications { totalCount edges { node { kind } } } }",
            json!({}),
        )
        .await;
    assert_eq!(ok(&resp)["myNotifications"]["totalCount"], 1, "{resp}");
    assert_eq!(
        resp["data"]["myNotifications"]["edges"][0]["node"]["kind"],
        "ACCOUNT_APPROVED"
    );
}
