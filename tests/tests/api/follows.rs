//! Follows: following and unfollowing what one may see, authors and supporters following on
//! their own, and notifications reaching followers (and only while they may see the thing).

use fforwm_tests::{Session, TestApp, assert_code, content::data_at, ok, str_at};
use serde_json::{Value, json};

async fn try_follow(app: &TestApp, who: &Session, field: &str, id: &str) -> Value {
    app.gql_as(
        &who.token,
        &format!("mutation($id: ID!) {{ {field}(targetId: $id) }}"),
        json!({ "id": id }),
    )
    .await
}

async fn follow(app: &TestApp, who: &Session, id: &str) {
    let resp = try_follow(app, who, "follow", id).await;
    assert_eq!(data_at(&resp, "follow"), true, "{resp}");
}

async fn unfollow(app: &TestApp, who: &Session, id: &str) {
    let resp = try_follow(app, who, "unfollow", id).await;
    assert_eq!(data_at(&resp, "unfollow"), true, "{resp}");
}

/// The ids of what `who` follows, newest first.
async fn following(app: &TestApp, who: &Session) -> Vec<String> {
    let resp = app
        .gql_as(
            &who.token,
            "{ me { following(first: 50) { totalCount edges { cursor node { since target {
                __typename ... on Proposal { id } ... on Discussion { id } ... on Forum { id }
            } } } } } }",
            json!({}),
        )
        .await;
    let connection = &ok(&resp)["me"]["following"];
    let ids: Vec<String> = connection["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| str_at(&e["node"]["target"], "id").to_owned())
        .collect();
    assert_eq!(connection["totalCount"], ids.len(), "{resp}");
    ids
}

async fn proposal_follow_state(app: &TestApp, who: &Session, id: &str) -> (bool, i64) {
    let resp = app
        .gql_as(
            &who.token,
            "query($id: ID!) { proposal(id: $id) { viewerIsFollowing followerCount } }",
            json!({ "id": id }),
        )
        .await;
    let proposal = data_at(&resp, "proposal");
    (
        proposal["viewerIsFollowing"].as_bool().unwrap(),
        proposal["followerCount"].as_i64().unwrap(),
    )
}

async fn kinds_of(app: &TestApp, who: &Session) -> Vec<String> {
    let resp = app
        .gql_as(
            &who.token,
            "{ myNotifications(first: 100) { edges { node { kind } } } }",
            json!({}),
        )
        .await;
    ok(&resp)["myNotifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["node"]["kind"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authors_and_supporters_follow_and_anyone_may_follow_what_they_see() {
    let app = TestApp::spawn().await;
    let (author, supporter, reader) = (
        app.resident().await,
        app.resident().await,
        app.resident().await,
    );
    let forum = app.forum_id("transport").await;
    let id = app
        .open_proposal(&author, &forum, "A bus shelter by the school")
        .await;
    app.support(&supporter, &id).await;
    let discussion = str_at(
        &app.start_discussion(&author, &forum, "Buses on Sundays")
            .await,
        "id",
    )
    .to_owned();

    assert_eq!(proposal_follow_state(&app, &author, &id).await, (true, 2));
    assert_eq!(
        proposal_follow_state(&app, &supporter, &id).await,
        (true, 2)
    );
    assert_eq!(proposal_follow_state(&app, &reader, &id).await, (false, 2));
    assert_eq!(
        following(&app, &author).await,
        vec![discussion.clone(), id.clone()]
    );

    // Following is idempotent, and so is unfollowing.
    follow(&app, &reader, &id).await;
    follow(&app, &reader, &id).await;
    follow(&app, &reader, &discussion).await;
    follow(&app, &reader, &forum).await;
    assert_eq!(proposal_follow_state(&app, &reader, &id).await, (true, 3));
    assert_eq!(
        following(&app, &reader).await,
        vec![forum.clone(), discussion.clone(), id.clone()]
    );
    let resp = app
        .gql_as(
            &reader.token,
            "query($id: ID!) { node(id: $id) { ... on Discussion { viewerIsFollowing } } }",
            json!({ "id": discussion }),
        )
        .await;
    assert_eq!(ok(&resp)["node"]["viewerIsFollowing"], true, "{resp}");
    unfollow(&app, &reader, &id).await;
    unfollow(&app, &reader, &id).await;
    assert_eq!(proposal_follow_state(&app, &reader, &id).await, (false, 2));
    assert_eq!(following(&app, &reader).await, vec![forum, discussion]);

    // Settings and follows are one's own: null on anyone else's User.
    let resp = app
        .gql_as(
            &reader.token,
            "query($id: ID!) { node(id: $id) { ... on User {
                emailVerified notificationSettings { emailFrequency } following { totalCount } } } }",
            json!({ "id": author.user_id }),
        )
        .await;
    assert_eq!(
        ok(&resp)["node"],
        json!({ "emailVerified": null, "notificationSettings": null, "following": null }),
        "{resp}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_one_may_not_see_cannot_be_followed() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let (author, resident) = (app.resident().await, app.resident().await);
    let youth = app.active_youth(&clerk).await;
    let youth_forum = app.forum_id("youth-transport").await;
    let youth_proposal = app
        .open_proposal(&youth, &youth_forum, "Bike racks at the school")
        .await;
    let draft = str_at(
        &app.create_proposal(&author, &app.forum_id("transport").await, "A draft idea")
            .await,
        "id",
    )
    .to_owned();
    let youth_discussion = str_at(
        &app.start_discussion(&youth, &youth_forum, "Where to lock bikes")
            .await,
        "id",
    )
    .to_owned();
    for id in [
        youth_proposal.as_str(),
        youth_discussion.as_str(),
        draft.as_str(),
        author.user_id.as_str(),
        "nonsense",
    ] {
        for field in ["follow", "unfollow"] {
            let resp = try_follow(&app, &resident, field, id).await;
            assert_code(&resp, "NOT_FOUND");
        }
    }
    // Anonymous callers follow nothing.
    let resp = app
        .gql(
            "mutation($id: ID!) { follow(targetId: $id) }",
            json!({ "id": youth_forum }),
        )
        .await;
    assert_code(&resp, "UNAUTHENTICATED");
    // A youth forum exists for everyone, though its content does not.
    follow(&app, &resident, &youth_forum).await;
    follow(&app, &youth, &youth_proposal).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn followers_are_told_and_those_who_unfollow_or_lose_sight_are_not() {
    let app = TestApp::spawn().await;
    let (clerk, councillor) = (app.clerk().await, app.councillor().await);
    let (author, supporter, follower) = (
        app.resident().await,
        app.resident().await,
        app.resident().await,
    );
    let forum = app.forum_id("environment").await;
    let id = app
        .open_proposal(&author, &forum, "Trees along the river walk")
        .await;
    app.support(&supporter, &id).await;
    follow(&app, &follower, &id).await;
    unfollow(&app, &supporter, &id).await;
    app.submit_to_council(&clerk, &id).await;
    let resp = app
        .gql_as(
            &councillor.token,
            "mutation($input: RespondInput!) { respondToProposal(input: $input) { id } }",
            json!({ "input": { "proposalId": id, "kind": "ACKNOWLEDGEMENT",
                "body": "We will look at this." } }),
        )
        .await;
    ok(&resp);
    for who in [&author, &follower] {
        let kinds = kinds_of(&app, who).await;
        assert!(
            kinds.contains(&"COUNCIL_RESPONDED".to_string()),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&"PROPOSAL_STATUS_CHANGED".to_string()),
            "{kinds:?}"
        );
    }
    assert_eq!(kinds_of(&app, &supporter).await, Vec::<String>::new());

    // A forum's followers hear of its new proposals, as its members do.
    follow(&app, &follower, &forum).await;
    app.open_proposal(&author, &forum, "Benches in the park")
        .await;
    let kinds = kinds_of(&app, &follower).await;
    assert_eq!(kinds[0], "NEW_PROPOSAL_IN_FORUM", "{kinds:?}");

    // A youth member who follows a youth proposal, then is made a resident, hears no more of it.
    let youth = app.active_youth(&clerk).await;
    let other_youth = app.active_youth(&clerk).await;
    let youth_forum = app.forum_id("youth-environment").await;
    let youth_id = app
        .open_proposal(&other_youth, &youth_forum, "Litter picks on Saturdays")
        .await;
    follow(&app, &youth, &youth_id).await;
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { setUserRole(userId: $id, role: RESIDENT) { role } }",
            json!({ "id": youth.user_id }),
        )
        .await;
    ok(&resp);
    app.proposal_mutation(&other_youth, "withdrawProposal", &youth_id)
        .await;
    assert_eq!(kinds_of(&app, &youth).await, vec!["ACCOUNT_APPROVED"]);
    assert!(!following(&app, &youth).await.contains(&youth_id));
}
