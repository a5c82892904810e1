//! Discussions and comments: starting discussions, comments and replies on proposals and
//! discussions, the council's voice, editing, soft deletion, and archived forums.

use fforwm_tests::{
    Session, TestApp, assert_bad_input, assert_code,
    content::{data_at, node_ids},
    ok, str_at,
};
use serde_json::json;

const DISCUSSIONS: &str = "query($slug: String!, $first: Int, $after: String) {
    forum(slug: $slug) { discussions(first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id title } } } } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discussions_are_started_listed_and_refused_like_proposals() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let (alice, bob) = (app.resident().await, app.resident().await);
    let councillor = app.councillor().await;
    let pending = app.pending_youth(16).await;
    let youth = app.active_youth(&clerk).await;
    let env = app.forum_id("culture-heritage").await;
    let youth_env = app.forum_id("youth-culture-heritage").await;

    let resp = app
        .try_start_discussion(
            Some(&alice),
            json!({ "forumId": env, "title": "  The old chapel  ", "body": "  What should it become?  " }),
        )
        .await;
    let first = data_at(&resp, "startDiscussion");
    let first_id = str_at(&first, "id").to_owned();
    assert_eq!(first["title"], "The old chapel");
    assert_eq!(first["body"], "What should it become?");
    assert_eq!(first["author"]["id"], alice.user_id.as_str());
    assert_eq!(first["authorRole"], "RESIDENT");
    assert_eq!(first["forum"]["slug"], "culture-heritage");
    assert_eq!(first["commentCount"], 0);
    assert_eq!(first["hidden"], false);
    assert!(first["createdAt"].is_string());

    // Seen by everyone at once (discussions have no drafts).
    let query = "query($id: ID!) { discussion(id: $id) { id title author { id } }
        node(id: $id) { __typename id } proposal(id: $id) { id } }";
    let resp = app.gql(query, json!({ "id": first_id })).await;
    let data = ok(&resp);
    assert_eq!(data["discussion"]["title"], "The old chapel");
    assert_eq!(data["node"]["__typename"], "Discussion");
    assert!(data["proposal"].is_null(), "a discussion is no proposal");
    for bad in ["garbage", env.as_str()] {
        let resp = app.gql(query, json!({ "id": bad })).await;
        assert!(ok(&resp)["discussion"].is_null(), "{resp}");
    }

    // Listed newest first, paged.
    let second = str_at(
        &app.start_discussion(&bob, &env, "Heritage open days").await,
        "id",
    )
    .to_owned();
    let third = str_at(
        &app.start_discussion(&youth, &env, "Murals under the bridge")
            .await,
        "id",
    )
    .to_owned();
    let resp = app
        .gql(
            DISCUSSIONS,
            json!({ "slug": "culture-heritage", "first": 2 }),
        )
        .await;
    let page = &ok(&resp)["forum"]["discussions"];
    assert_eq!(page["totalCount"], 3);
    assert_eq!(node_ids(page), vec![third.clone(), second.clone()]);
    assert_eq!(page["pageInfo"]["hasNextPage"], true);
    let resp = app
        .gql(
            DISCUSSIONS,
            json!({ "slug": "culture-heritage", "first": 2, "after": page["pageInfo"]["endCursor"] }),
        )
        .await;
    let page = &ok(&resp)["forum"]["discussions"];
    assert_eq!(node_ids(page), vec![first_id.clone()]);
    assert_eq!(page["pageInfo"]["hasNextPage"], false);
    for (vars, field) in [
        (json!({ "slug": "culture-heritage", "first": 0 }), "first"),
        (json!({ "slug": "culture-heritage", "first": 101 }), "first"),
        (
            json!({ "slug": "culture-heritage", "after": "garbage" }),
            "after",
        ),
    ] {
        assert_bad_input(&app.gql(DISCUSSIONS, vars).await, field);
    }

    // A youth member's name stays in the youth circle; the role shows.
    let who_wrote = "query($id: ID!) { discussion(id: $id) { author { id } authorRole } }";
    for (who, visible) in [
        (Some(&bob), false),
        (None, false),
        (Some(&councillor), true),
        (Some(&youth), true),
    ] {
        let resp = app.gql_opt(who, who_wrote, json!({ "id": third })).await;
        let discussion = &ok(&resp)["discussion"];
        assert_eq!(discussion["authorRole"], "YOUTH");
        assert_eq!(discussion["author"].is_null(), !visible, "{who:?}: {resp}");
    }

    // Youth shadow discussions: the youth circle's alone.
    let hidden = str_at(
        &app.start_discussion(&youth, &youth_env, "Our own youth club")
            .await,
        "id",
    )
    .to_owned();
    for who in [None, Some(&bob), Some(&pending)] {
        let resp = app.gql_opt(who, query, json!({ "id": hidden })).await;
        assert!(ok(&resp)["discussion"].is_null(), "{resp}");
        assert!(resp["data"]["node"].is_null(), "{resp}");
        let resp = app
            .gql_opt(
                who,
                DISCUSSIONS,
                json!({ "slug": "youth-culture-heritage" }),
            )
            .await;
        assert_eq!(ok(&resp)["forum"]["discussions"]["totalCount"], 0, "{resp}");
    }
    for who in [&youth, &councillor, &clerk] {
        let resp = app.gql_as(&who.token, query, json!({ "id": hidden })).await;
        assert_eq!(ok(&resp)["discussion"]["id"], hidden.as_str());
        let resp = app
            .gql_as(
                &who.token,
                DISCUSSIONS,
                json!({ "slug": "youth-culture-heritage" }),
            )
            .await;
        assert_eq!(ok(&resp)["forum"]["discussions"]["totalCount"], 1, "{resp}");
    }

    // The same refusals as createProposal.
    let input = |forum: &str, title: &str, body: &str| json!({ "forumId": forum, "title": title, "body": body });
    let good = input(&env, "A fine discussion", "About things.");
    assert_code(
        &app.try_start_discussion(None, good.clone()).await,
        "UNAUTHENTICATED",
    );
    for who in [&councillor, &pending] {
        assert_code(
            &app.try_start_discussion(Some(who), good.clone()).await,
            "FORBIDDEN",
        );
    }
    let resp = app
        .try_start_discussion(Some(&bob), input(&youth_env, "A fine discussion", "x"))
        .await;
    assert_code(&resp, "FORBIDDEN");
    let user_id = bob.user_id.clone();
    for (bad, field) in [
        (input("garbage", "A fine discussion", "x"), "forumId"),
        (input(&user_id, "A fine discussion", "x"), "forumId"),
        (input(&env, "Talk", "x"), "title"),
        (input(&env, &"t".repeat(151), "x"), "title"),
        (input(&env, "A fine discussion", ""), "body"),
        (
            input(&env, "A fine discussion", &"b".repeat(20_001)),
            "body",
        ),
    ] {
        assert_bad_input(&app.try_start_discussion(Some(&bob), bad).await, field);
    }
    let resp = app
        .gql(DISCUSSIONS, json!({ "slug": "culture-heritage" }))
        .await;
    assert_eq!(
        ok(&resp)["forum"]["discussions"]["totalCount"],
        3,
        "refusals wrote nothing"
    );
}

const THREAD: &str = "query($id: ID!) { node(id: $id) {
    ... on Proposal { commentCount comments(first: 10) { ...thread } }
    ... on Discussion { commentCount comments(first: 10) { ...thread } } } }
  fragment thread on CommentConnection { totalCount edges { node {
    id body deleted editedAt fromCouncil author { id }
    replies { totalCount edges { node { id body parent { id } } } } } } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn comments_and_replies_on_proposals_and_discussions() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let (alice, bob, carys) = (
        app.resident().await,
        app.resident().await,
        app.resident().await,
    );
    let councillor = app.councillor().await;
    let pending = app.pending_youth(15).await;
    let forum = app.forum_id("transport").await;
    let proposal = app
        .open_proposal(&alice, &forum, "A footbridge over the railway")
        .await;
    let discussion = str_at(
        &app.start_discussion(&alice, &forum, "Parking near the station")
            .await,
        "id",
    )
    .to_owned();

    // A comment on a proposal.
    let c1 = app
        .add_comment(&bob, &proposal, None, "  Yes, please!  ")
        .await;
    let c1_id = str_at(&c1, "id").to_owned();
    assert_eq!(c1["body"], "Yes, please!");
    assert_eq!(c1["author"]["id"], bob.user_id.as_str());
    assert_eq!(c1["authorRole"], "RESIDENT");
    assert_eq!(c1["fromCouncil"], false);
    assert_eq!(c1["deleted"], false);
    assert_eq!(c1["hidden"], false);
    assert!(c1["parent"].is_null() && c1["editedAt"].is_null());
    assert!(c1["createdAt"].is_string());
    assert_eq!(
        c1["target"],
        json!({ "__typename": "Proposal", "id": proposal })
    );
    // A reply to it.
    let r1 = app
        .add_comment(&carys, &proposal, Some(&c1_id), "Me too.")
        .await;
    assert_eq!(r1["parent"]["id"], c1_id.as_str());
    assert_eq!(r1["target"]["id"], proposal.as_str());
    // The council's voice.
    let from_councillor = app
        .add_comment(&councillor, &proposal, None, "We will look at it.")
        .await;
    assert_eq!(from_councillor["fromCouncil"], true);
    assert_eq!(from_councillor["authorRole"], "COUNCILLOR");
    let from_clerk = app
        .add_comment(&clerk, &proposal, Some(&c1_id), "Noted for the agenda.")
        .await;
    assert_eq!(from_clerk["fromCouncil"], true);
    assert_eq!(from_clerk["authorRole"], "CLERK");
    // The author may comment on her own proposal.
    let by_author = app
        .add_comment(&alice, &proposal, None, "Thank you all.")
        .await;

    // A comment on a discussion, and a reply.
    let d1 = app
        .add_comment(&bob, &discussion, None, "It is always full.")
        .await;
    let d1_id = str_at(&d1, "id").to_owned();
    assert_eq!(
        d1["target"],
        json!({ "__typename": "Discussion", "id": discussion })
    );
    let d2 = app
        .add_comment(
            &councillor,
            &discussion,
            Some(&d1_id),
            "A survey is coming.",
        )
        .await;
    assert_eq!(d2["fromCouncil"], true);

    // Threads: top-level comments oldest first, replies under them; counts include replies.
    let resp = app.gql(THREAD, json!({ "id": proposal })).await;
    let node = &ok(&resp)["node"];
    assert_eq!(node["commentCount"], 5, "{resp}");
    let comments = &node["comments"];
    assert_eq!(comments["totalCount"], 3);
    assert_eq!(
        node_ids(comments),
        vec![
            c1_id.clone(),
            str_at(&from_councillor, "id").to_owned(),
            str_at(&by_author, "id").to_owned()
        ]
    );
    let replies = &comments["edges"][0]["node"]["replies"];
    assert_eq!(replies["totalCount"], 2);
    assert_eq!(
        node_ids(replies),
        vec![
            str_at(&r1, "id").to_owned(),
            str_at(&from_clerk, "id").to_owned()
        ]
    );
    assert_eq!(replies["edges"][0]["node"]["parent"]["id"], c1_id.as_str());
    let resp = app.gql(THREAD, json!({ "id": discussion })).await;
    let node = &ok(&resp)["node"];
    assert_eq!(node["commentCount"], 2);
    assert_eq!(node_ids(&node["comments"]), vec![d1_id.clone()]);
    assert_eq!(
        node["comments"]["edges"][0]["node"]["replies"]["totalCount"],
        1
    );
    // A comment is a node too.
    assert_eq!(app.node_as(None, &c1_id).await["__typename"], "Comment");

    // Comments page like any list.
    let paged = "query($id: ID!, $first: Int, $after: String) { proposal(id: $id) {
        comments(first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } } }";
    let resp = app.gql(paged, json!({ "id": proposal, "first": 2 })).await;
    let page = &ok(&resp)["proposal"]["comments"];
    assert_eq!(node_ids(page).len(), 2);
    assert_eq!(page["pageInfo"]["hasNextPage"], true);
    let resp = app
        .gql(
            paged,
            json!({ "id": proposal, "first": 2, "after": page["pageInfo"]["endCursor"] }),
        )
        .await;
    let page = &ok(&resp)["proposal"]["comments"];
    assert_eq!(node_ids(page), vec![str_at(&by_author, "id").to_owned()]);
    assert_eq!(page["pageInfo"]["hasNextPage"], false);
    for (vars, field) in [
        (json!({ "id": proposal, "first": 101 }), "first"),
        (json!({ "id": proposal, "first": 0 }), "first"),
        (json!({ "id": proposal, "after": "garbage" }), "after"),
    ] {
        assert_bad_input(&app.gql(paged, vars).await, field);
    }

    // Refusals.
    let try_add = |who: Option<&Session>, target: &str, parent: Option<&str>, body: &str| {
        let (who, target, parent, body) = (
            who.cloned(),
            target.to_owned(),
            parent.map(str::to_owned),
            body.to_owned(),
        );
        let app = &app;
        async move {
            app.try_add_comment(who.as_ref(), &target, parent.as_deref(), &body)
                .await
        }
    };
    assert_code(
        &try_add(None, &proposal, None, "Hello").await,
        "UNAUTHENTICATED",
    );
    assert_code(
        &try_add(Some(&pending), &proposal, None, "Hello").await,
        "FORBIDDEN",
    );
    // A reply must be on its parent's target.
    assert_bad_input(
        &try_add(Some(&bob), &discussion, Some(&c1_id), "Wrong thread").await,
        "parentId",
    );
    assert_bad_input(
        &try_add(Some(&bob), &proposal, Some(&d1_id), "Wrong thread").await,
        "parentId",
    );
    assert_bad_input(
        &try_add(Some(&bob), &proposal, Some("garbage"), "Hello").await,
        "parentId",
    );
    assert_bad_input(
        &try_add(Some(&bob), &proposal, Some(&proposal), "Hello").await,
        "parentId",
    );
    assert_bad_input(
        &try_add(Some(&bob), &proposal, Some("Q29tbWVudDo5OTk5OTk"), "Hello").await,
        "parentId",
    );
    // The target must be a Proposal, Discussion or CouncilResponse.
    let user_id = bob.user_id.clone();
    for bad in [
        "garbage",
        "",
        forum.as_str(),
        user_id.as_str(),
        c1_id.as_str(),
    ] {
        assert_bad_input(&try_add(Some(&bob), bad, None, "Hello").await, "targetId");
    }
    // One that does not exist.
    assert_code(
        &try_add(Some(&bob), "UHJvcG9zYWw6OTk5OTk5", None, "Hello").await,
        "NOT_FOUND",
    );
    // The body: trimmed, 1 to 5,000 characters.
    for body in [String::new(), "  \n ".to_owned(), "b".repeat(5_001)] {
        assert_bad_input(&try_add(Some(&bob), &proposal, None, &body).await, "body");
    }
    let long = app
        .add_comment(&bob, &discussion, None, &"b".repeat(5_000))
        .await;
    assert_eq!(long["body"].as_str().unwrap().len(), 5_000);

    // Drafts take no comments: CONFLICT for the author, NOT_FOUND for anyone else.
    let draft = str_at(
        &app.create_proposal(&alice, &forum, "An unfinished thought")
            .await,
        "id",
    )
    .to_owned();
    assert_code(
        &try_add(Some(&alice), &draft, None, "Note to self").await,
        "CONFLICT",
    );
    for who in [&bob, &councillor, &clerk] {
        assert_code(&try_add(Some(who), &draft, None, "Peek").await, "NOT_FOUND");
    }

    // None of the refusals wrote anything.
    let resp = app.gql(THREAD, json!({ "id": proposal })).await;
    assert_eq!(ok(&resp)["node"]["commentCount"], 5);
    let resp = app
        .gql_as(&alice.token, THREAD, json!({ "id": draft }))
        .await;
    assert_eq!(ok(&resp)["node"]["commentCount"], 0);
    // Comments make a proposal recently active (and councillors may talk in youth forums).
    let youth = app.active_youth(&clerk).await;
    let youth_forum = app.forum_id("youth-transport").await;
    let theirs = app
        .open_proposal(&youth, &youth_forum, "Later buses on Fridays")
        .await;
    let reply = app
        .add_comment(&councillor, &theirs, None, "Worth asking the operator.")
        .await;
    assert_eq!(reply["fromCouncil"], true);
    let resp = app
        .gql_as(
            &councillor.token,
            "{ proposals(first: 1, orderBy: RECENTLY_ACTIVE) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(node_ids(&ok(&resp)["proposals"]), vec![theirs]);
    app.add_comment(&carys, &proposal, None, "Bump.").await;
    let resp = app
        .gql_as(
            &councillor.token,
            "{ proposals(first: 1, orderBy: RECENTLY_ACTIVE) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(node_ids(&ok(&resp)["proposals"]), vec![proposal]);
}

const EDIT: &str = "mutation($id: ID!, $body: String!) { editComment(id: $id, body: $body) {
    id body editedAt deleted } }";
const DELETE: &str = "mutation($id: ID!) { deleteComment(id: $id) { id body deleted editedAt } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authors_edit_and_delete_their_comments_and_replies_stay() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let (alice, bob, carys) = (
        app.resident().await,
        app.resident().await,
        app.resident().await,
    );
    let forum = app.forum_id("economy-tourism").await;
    let proposal = app
        .open_proposal(&alice, &forum, "A town centre Wi-Fi network")
        .await;
    let c1 = str_at(
        &app.add_comment(&bob, &proposal, None, "Good for visitors.")
            .await,
        "id",
    )
    .to_owned();
    let reply = str_at(
        &app.add_comment(&carys, &proposal, Some(&c1), "And for us.")
            .await,
        "id",
    )
    .to_owned();

    // Editing: the author only.
    let resp = app
        .gql_as(
            &bob.token,
            EDIT,
            json!({ "id": c1, "body": "  Good for visitors and shops.  " }),
        )
        .await;
    let edited = data_at(&resp, "editComment");
    assert_eq!(edited["body"], "Good for visitors and shops.");
    assert!(edited["editedAt"].is_string(), "{edited}");
    for who in [&carys, &alice, &clerk] {
        let resp = app
            .gql_as(&who.token, EDIT, json!({ "id": c1, "body": "Not mine" }))
            .await;
        assert_code(&resp, "FORBIDDEN");
    }
    assert_code(
        &app.gql(EDIT, json!({ "id": c1, "body": "Anon" })).await,
        "UNAUTHENTICATED",
    );
    for bad in ["garbage", proposal.as_str(), "Q29tbWVudDo5OTk5OTk"] {
        let resp = app
            .gql_as(&bob.token, EDIT, json!({ "id": bad, "body": "Hello" }))
            .await;
        assert_code(&resp, "NOT_FOUND");
    }
    for body in [String::new(), "b".repeat(5_001)] {
        let resp = app
            .gql_as(&bob.token, EDIT, json!({ "id": c1, "body": body }))
            .await;
        assert_bad_input(&resp, "body");
    }
    let resp = app.gql(THREAD, json!({ "id": proposal })).await;
    let first = &ok(&resp)["node"]["comments"]["edges"][0]["node"];
    assert_eq!(
        first["body"], "Good for visitors and shops.",
        "refused edits changed nothing"
    );

    // Deleting: the author only; soft.
    for who in [&carys, &alice, &clerk] {
        assert_code(
            &app.gql_as(&who.token, DELETE, json!({ "id": c1 })).await,
            "FORBIDDEN",
        );
    }
    assert_code(
        &app.gql(DELETE, json!({ "id": c1 })).await,
        "UNAUTHENTICATED",
    );
    assert_code(
        &app.gql_as(&bob.token, DELETE, json!({ "id": "garbage" }))
            .await,
        "NOT_FOUND",
    );
    let resp = app.gql_as(&bob.token, DELETE, json!({ "id": c1 })).await;
    let deleted = data_at(&resp, "deleteComment");
    assert_eq!(deleted["deleted"], true);
    assert!(deleted["body"].is_null(), "{deleted}");
    // Twice is once.
    let resp = app.gql_as(&bob.token, DELETE, json!({ "id": c1 })).await;
    assert_eq!(data_at(&resp, "deleteComment")["deleted"], true);
    // A deleted comment is not edited back to life.
    let resp = app
        .gql_as(&bob.token, EDIT, json!({ "id": c1, "body": "Back again" }))
        .await;
    assert_code(&resp, "CONFLICT");

    // It keeps its place and its replies; the count does not change.
    let resp = app
        .gql_as(&carys.token, THREAD, json!({ "id": proposal }))
        .await;
    let node = &ok(&resp)["node"];
    assert_eq!(node["commentCount"], 2);
    assert_eq!(node["comments"]["totalCount"], 1);
    let first = &node["comments"]["edges"][0]["node"];
    assert_eq!(first["id"], c1.as_str());
    assert_eq!(first["deleted"], true);
    assert!(first["body"].is_null());
    assert_eq!(node_ids(&first["replies"]), vec![reply.clone()]);
    assert_eq!(first["replies"]["edges"][0]["node"]["body"], "And for us.");
    let resp = app
        .gql(
            "query($id: ID!) { node(id: $id) { ... on Comment { deleted body parent { id deleted body } } } }",
            json!({ "id": reply }),
        )
        .await;
    assert_eq!(
        ok(&resp)["node"],
        json!({ "deleted": false, "body": "And for us.", "parent": { "id": c1, "deleted": true, "body": null } })
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_archived_forum_stays_readable_and_takes_nothing_new() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let (alice, bob) = (app.resident().await, app.resident().await);
    let councillor = app.councillor().await;
    let forum = app.create_forum(&clerk, "old-harbour", 50).await;
    let proposal = app
        .open_proposal(&alice, &forum, "Restore the harbour wall")
        .await;
    let discussion = str_at(
        &app.start_discussion(&alice, &forum, "Harbour memories")
            .await,
        "id",
    )
    .to_owned();
    let comment = str_at(
        &app.add_comment(&bob, &proposal, None, "My grandfather fished here.")
            .await,
        "id",
    )
    .to_owned();
    app.archive_forum(&clerk, &forum).await;

    for who in [&bob, &alice, &councillor, &clerk] {
        for (target, parent) in [
            (&proposal, None),
            (&proposal, Some(comment.as_str())),
            (&discussion, None),
        ] {
            let resp = app
                .try_add_comment(Some(who), target, parent, "Too late?")
                .await;
            assert_code(&resp, "FORBIDDEN");
        }
    }
    for who in [&bob, &clerk] {
        let resp = app
            .try_start_discussion(
                Some(who),
                json!({ "forumId": forum, "title": "Any news at all?", "body": "x" }),
            )
            .await;
        assert_code(&resp, "FORBIDDEN");
        let resp = app
            .try_create_proposal(
                Some(who),
                json!({ "forumId": forum, "title": "A new proposal", "body": "x" }),
            )
            .await;
        assert_code(&resp, "FORBIDDEN");
    }
    assert_code(
        &app.try_proposal_mutation(Some(&bob), "supportProposal", &proposal)
            .await,
        "FORBIDDEN",
    );

    // Still there to read.
    let resp = app.gql(THREAD, json!({ "id": proposal })).await;
    assert_eq!(ok(&resp)["node"]["commentCount"], 1);
    let resp = app.gql(THREAD, json!({ "id": discussion })).await;
    assert_eq!(ok(&resp)["node"]["commentCount"], 0);
    let resp = app.gql(DISCUSSIONS, json!({ "slug": "old-harbour" })).await;
    assert_eq!(ok(&resp)["forum"]["discussions"]["totalCount"], 1);
    let resp = app
        .gql(
            "{ forum(slug: \"old-harbour\") { archived proposals { totalCount } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        ok(&resp)["forum"],
        json!({ "archived": true, "proposals": { "totalCount": 1 } })
    );
}
