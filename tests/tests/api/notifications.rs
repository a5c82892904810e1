//! Notifications: who is told of what (never the person who did it), read and unread, only
//! one's own, and every message in Welsh as well as English.

use fforwm_tests::{Session, TestApp, assert_bad_input, assert_code, content::data_at, ok, str_at};
use serde_json::{Value, json};

const NOTIFICATION_FIELDS: &str = "id kind en: message(lang: EN) cy: message(lang: CY)
    createdAt readAt proposal { id } councilResponse { id } comment { id }";

/// `myNotifications` of `who`, newest first.
async fn notifications(app: &TestApp, who: &Session, unread_only: bool) -> Vec<Value> {
    let resp = app
        .gql_as(
            &who.token,
            &format!(
                "query($unread: Boolean) {{ myNotifications(first: 100, unreadOnly: $unread) {{
                   totalCount edges {{ node {{ {NOTIFICATION_FIELDS} }} }} }} }}"
            ),
            json!({ "unread": unread_only }),
        )
        .await;
    let connection = &ok(&resp)["myNotifications"];
    let nodes: Vec<Value> = connection["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"].clone())
        .collect();
    assert_eq!(connection["totalCount"], nodes.len(), "{resp}");
    nodes
}

/// How many of `who`'s notifications are of `kind`.
async fn count_of(app: &TestApp, who: &Session, kind: &str) -> usize {
    notifications(app, who, false)
        .await
        .iter()
        .filter(|n| n["kind"] == kind)
        .count()
}

async fn unread_count(app: &TestApp, who: &Session) -> i64 {
    let resp = app
        .gql_as(&who.token, "{ unreadNotificationCount }", json!({}))
        .await;
    ok(&resp)["unreadNotificationCount"].as_i64().unwrap()
}

async fn try_mark_read(app: &TestApp, who: Option<&Session>, ids: Option<Vec<&str>>) -> Value {
    app.gql_opt(
        who,
        "mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }",
        json!({ "ids": ids }),
    )
    .await
}

async fn mark_read(app: &TestApp, who: &Session, ids: Option<Vec<&str>>) -> i64 {
    let resp = try_mark_read(app, Some(who), ids).await;
    ok(&resp)["markNotificationsRead"].as_i64().unwrap()
}

async fn respond(
    app: &TestApp,
    who: &Session,
    id: &str,
    kind: &str,
    decision: Option<&str>,
) -> String {
    let resp = app
        .gql_as(
            &who.token,
            "mutation($input: RespondInput!) { respondToProposal(input: $input) { id } }",
            json!({ "input": {
                "proposalId": id, "kind": kind, "decision": decision,
                "body": "The council has looked at this.",
            } }),
        )
        .await;
    str_at(&data_at(&resp, "respondToProposal"), "id").to_owned()
}

async fn join(app: &TestApp, who: &Session, forum: &str) {
    let resp = app
        .gql_as(
            &who.token,
            "mutation($f: ID!) { joinForum(forumId: $f) { viewerIsMember } }",
            json!({ "f": forum }),
        )
        .await;
    assert_eq!(
        data_at(&resp, "joinForum")["viewerIsMember"],
        true,
        "{resp}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_author_and_supporters_are_told_but_never_the_actor() {
    let app = TestApp::spawn().await;
    let (clerk, councillor) = (app.clerk().await, app.councillor().await);
    let (alice, bob, dylan) = (
        app.resident().await,
        app.resident().await,
        app.resident().await,
    );
    let forum = app.forum_id("health-wellbeing").await;
    let title = "Defibrillator at the community hall";
    let id = app.open_proposal(&alice, &forum, title).await;
    app.support(&bob, &id).await;
    app.support(&clerk, &id).await;

    // The clerk sends it on: the author and Bob hear, the clerk (who supports it) does not.
    app.submit_to_council(&clerk, &id).await;
    // The councillor responds: everyone who cares hears, the councillor does not.
    let ack = respond(&app, &councillor, &id, "ACKNOWLEDGEMENT", None).await;
    // The clerk decides: not told of their own decision.
    let decision = respond(&app, &clerk, &id, "DECISION", Some("ACCEPTED")).await;

    for who in [&alice, &bob] {
        let all = notifications(&app, who, false).await;
        let responded: Vec<&Value> = all
            .iter()
            .filter(|n| n["kind"] == "COUNCIL_RESPONDED")
            .collect();
        let changed: Vec<&Value> = all
            .iter()
            .filter(|n| n["kind"] == "PROPOSAL_STATUS_CHANGED")
            .collect();
        assert_eq!(responded.len(), 2, "{all:?}");
        assert_eq!(changed.len(), 3, "{all:?}");
        for n in &all {
            assert_eq!(n["proposal"]["id"], id.as_str(), "{n}");
            assert!(n["readAt"].is_null());
            let (en, cy) = (str_at(n, "en"), str_at(n, "cy"));
            assert!(en.contains(title), "{n}");
            assert!(cy.contains(title), "{n}");
            assert_ne!(en, cy, "the Welsh message is Welsh: {n}");
        }
        let mut response_ids: Vec<&str> = responded
            .iter()
            .map(|n| str_at(&n["councilResponse"], "id"))
            .collect();
        response_ids.sort_unstable();
        let mut expected = vec![ack.as_str(), decision.as_str()];
        expected.sort_unstable();
        assert_eq!(response_ids, expected);
        assert_eq!(unread_count(&app, who).await, 5);
    }

    // The clerk supports it, so hears of what others did: the councillor's acknowledgement
    // and the move to UNDER_REVIEW it made, nothing of the clerk's own doing.
    let to_clerk = notifications(&app, &clerk, false).await;
    let kinds: Vec<&str> = to_clerk.iter().map(|n| str_at(n, "kind")).collect();
    assert_eq!(kinds.len(), 2, "{to_clerk:?}");
    assert!(kinds.contains(&"COUNCIL_RESPONDED") && kinds.contains(&"PROPOSAL_STATUS_CHANGED"));
    let responded = to_clerk
        .iter()
        .find(|n| n["kind"] == "COUNCIL_RESPONDED")
        .unwrap();
    assert_eq!(responded["councilResponse"]["id"], ack.as_str());

    // The councillor and a bystander hear nothing.
    assert!(notifications(&app, &councillor, false).await.is_empty());
    assert!(notifications(&app, &dylan, false).await.is_empty());
    assert_eq!(unread_count(&app, &dylan).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forum_members_hear_of_new_proposals_on_publish() {
    let app = TestApp::spawn().await;
    let (alice, bob, carys, dylan) = (
        app.resident().await,
        app.resident().await,
        app.resident().await,
        app.resident().await,
    );
    let forum = app.forum_id("culture-heritage").await;
    let elsewhere = app.forum_id("economy-tourism").await;
    for who in [&alice, &bob, &carys] {
        join(&app, who, &forum).await;
    }
    join(&app, &dylan, &elsewhere).await;

    let draft = app
        .create_proposal(&alice, &forum, "An Eisteddfod stage in the park")
        .await;
    let id = str_at(&draft, "id");
    assert!(
        notifications(&app, &bob, false).await.is_empty(),
        "a draft is news to no one"
    );

    app.publish(&alice, id).await;
    for who in [&bob, &carys] {
        let all = notifications(&app, who, false).await;
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!(all[0]["kind"], "NEW_PROPOSAL_IN_FORUM");
        assert_eq!(all[0]["proposal"]["id"], id);
        assert!(str_at(&all[0], "en").contains("An Eisteddfod stage in the park"));
        assert_ne!(all[0]["en"], all[0]["cy"]);
    }
    assert!(
        notifications(&app, &alice, false).await.is_empty(),
        "not the author"
    );
    assert!(
        notifications(&app, &dylan, false).await.is_empty(),
        "not other forums' members"
    );

    // Someone who left is no longer told.
    let resp = app
        .gql_as(
            &carys.token,
            "mutation($f: ID!) { leaveForum(forumId: $f) { viewerIsMember } }",
            json!({ "f": forum }),
        )
        .await;
    assert_eq!(data_at(&resp, "leaveForum")["viewerIsMember"], false);
    app.open_proposal(&bob, &forum, "Bilingual plaques on the old chapel")
        .await;
    assert_eq!(count_of(&app, &alice, "NEW_PROPOSAL_IN_FORUM").await, 1);
    assert_eq!(count_of(&app, &carys, "NEW_PROPOSAL_IN_FORUM").await, 1);
    assert_eq!(count_of(&app, &bob, "NEW_PROPOSAL_IN_FORUM").await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_approved_youth_member_is_told() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let youth = app.active_youth(&clerk).await;
    let all = notifications(&app, &youth, false).await;
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["kind"], "ACCOUNT_APPROVED");
    assert!(all[0]["proposal"].is_null());
    assert_ne!(all[0]["en"], all[0]["cy"]);
    assert!(!str_at(&all[0], "cy").is_empty());
    assert!(notifications(&app, &clerk, false).await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_and_unread_and_only_ones_own() {
    let app = TestApp::spawn().await;
    let (alice, bob) = (app.resident().await, app.resident().await);
    let forum = app.forum_id("community-safety").await;
    join(&app, &alice, &forum).await;
    for title in [
        "Speed bumps on Ffordd y Môr",
        "A crossing patrol",
        "Lights in the lane",
    ] {
        app.open_proposal(&bob, &forum, title).await;
    }
    let all = notifications(&app, &alice, false).await;
    assert_eq!(all.len(), 3);
    assert_eq!(unread_count(&app, &alice).await, 3);
    let ids: Vec<&str> = all.iter().map(|n| str_at(n, "id")).collect();
    let titles: Vec<&str> = all
        .iter()
        .map(|n| {
            let en = str_at(n, "en");
            ["Speed bumps", "crossing patrol", "Lights in the lane"]
                .into_iter()
                .find(|t| en.contains(t))
                .unwrap_or_else(|| panic!("which proposal? {n}"))
        })
        .collect();
    assert_eq!(
        titles,
        vec!["Lights in the lane", "crossing patrol", "Speed bumps"],
        "newest first"
    );

    // Bob cannot mark, nor see, Alice's notifications.
    assert_eq!(mark_read(&app, &bob, Some(vec![ids[0]])).await, 0);
    assert_eq!(unread_count(&app, &alice).await, 3);
    assert!(app.node_as(Some(&bob), ids[0]).await.is_null());
    assert!(app.node_as(None, ids[0]).await.is_null());
    let own = app.node_as(Some(&alice), ids[0]).await;
    assert_eq!(own, json!({ "id": ids[0], "__typename": "Notification" }));

    // One by id; again is nothing new.
    assert_eq!(mark_read(&app, &alice, Some(vec![ids[1]])).await, 1);
    assert_eq!(mark_read(&app, &alice, Some(vec![ids[1]])).await, 0);
    assert_eq!(unread_count(&app, &alice).await, 2);
    let unread: Vec<String> = notifications(&app, &alice, true)
        .await
        .iter()
        .map(|n| str_at(n, "id").to_owned())
        .collect();
    assert_eq!(unread, vec![ids[0].to_owned(), ids[2].to_owned()]);
    let all = notifications(&app, &alice, false).await;
    assert_eq!(all.len(), 3);
    assert!(all[1]["readAt"].is_string(), "{all:?}");
    assert!(all[0]["readAt"].is_null() && all[2]["readAt"].is_null());

    // Not a notification's id: bad input, nothing changed.
    let resp = try_mark_read(&app, Some(&alice), Some(vec![forum.as_str()])).await;
    assert_bad_input(&resp, "ids");
    assert_eq!(unread_count(&app, &alice).await, 2);

    // No ids: all of one's own.
    assert_eq!(mark_read(&app, &alice, None).await, 2);
    assert_eq!(unread_count(&app, &alice).await, 0);
    assert!(notifications(&app, &alice, true).await.is_empty());
    assert_eq!(notifications(&app, &alice, false).await.len(), 3);
    assert_eq!(mark_read(&app, &alice, None).await, 0);

    // Anonymous callers have no notifications.
    let resp = app
        .gql("{ myNotifications { totalCount } }", json!({}))
        .await;
    assert_code(&resp, "UNAUTHENTICATED");
    let resp = app.gql("{ unreadNotificationCount }", json!({})).await;
    assert_code(&resp, "UNAUTHENTICATED");
    let resp = try_mark_read(&app, None, None).await;
    assert_code(&resp, "UNAUTHENTICATED");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_speak_welsh_when_asked() {
    let app = TestApp::spawn().await;
    let (alice, bob) = (app.resident().await, app.resident().await);
    let forum = app.forum_id("transport").await;
    join(&app, &alice, &forum).await;
    app.open_proposal(&bob, &forum, "Trên bach i'r traeth")
        .await;
    let n = notifications(&app, &alice, false).await.remove(0);
    let (en, cy) = (str_at(&n, "en").to_owned(), str_at(&n, "cy").to_owned());
    assert_ne!(en, cy);
    assert!(cy.contains("Trên bach i'r traeth"), "{cy}");

    let query = "{ myNotifications { edges { node { message } } } }";
    let message_with = |headers: &'static [(&'static str, &'static str)]| {
        let (app, alice) = (&app, &alice);
        async move {
            let resp = app
                .gql_with(Some(&alice.token), headers, query, json!({}))
                .await;
            str_at(&ok(&resp)["myNotifications"]["edges"][0]["node"], "message").to_owned()
        }
    };
    assert_eq!(message_with(&[]).await, en, "English by default");
    assert_eq!(message_with(&[("Accept-Language", "cy")]).await, cy);
    assert_eq!(
        message_with(&[("Accept-Language", "cy-GB,cy;q=0.9,en;q=0.5")]).await,
        cy
    );
    assert_eq!(message_with(&[("Accept-Language", "en")]).await, en);
    // lang wins over the header.
    let resp = app
        .gql_with(
            Some(&alice.token),
            &[("Accept-Language", "cy")],
            "{ myNotifications { edges { node { message(lang: EN) } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        ok(&resp)["myNotifications"]["edges"][0]["node"]["message"],
        en.as_str()
    );

    // Without either, the reader's preferred language.
    let resp = app
        .gql_as(
            &alice.token,
            "mutation { updateMe(input: { preferredLanguage: CY }) { preferredLanguage } }",
            json!({}),
        )
        .await;
    assert_eq!(data_at(&resp, "updateMe")["preferredLanguage"], "CY");
    assert_eq!(message_with(&[]).await, cy);
}
