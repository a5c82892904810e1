//! Structured debate (issue 13): alignment on top-level proposal comments, voteComment with
//! exact counts, the OLDEST / NEWEST / BEST orders of every thread, and a proposal's debate
//! counts.

use fforwm_tests::{
    Session, TestApp, assert_bad_input, assert_code,
    content::{data_at, node_ids},
    ok, str_at,
};
use serde_json::{Value, json};

const VOTE: &str = "mutation($id: ID!, $value: Int!) {
    voteComment(id: $id, value: $value) { id upVotes downVotes score viewerVote } }";

/// `addComment` with an alignment; the whole response.
async fn try_comment(
    app: &TestApp,
    who: &Session,
    target: &str,
    parent: Option<&str>,
    alignment: Option<&str>,
) -> Value {
    let mut input = json!({ "targetId": target, "parentId": parent, "body": "My view." });
    if let Some(alignment) = alignment {
        input["alignment"] = json!(alignment);
    }
    app.gql_as(
        &who.token,
        "mutation($input: AddCommentInput!) { addComment(input: $input) { id alignment } }",
        json!({ "input": input }),
    )
    .await
}

async fn comment(app: &TestApp, who: &Session, target: &str, alignment: &str) -> String {
    let resp = try_comment(app, who, target, None, Some(alignment)).await;
    let comment = data_at(&resp, "addComment");
    assert_eq!(comment["alignment"], alignment);
    str_at(&comment, "id").to_owned()
}

async fn vote(app: &TestApp, who: Option<&Session>, id: &str, value: i32) -> Value {
    app.gql_opt(who, VOTE, json!({ "id": id, "value": value }))
        .await
}

async fn debate(app: &TestApp, proposal: &str) -> Value {
    let resp = app
        .gql(
            "query($id: ID!) { proposal(id: $id) { debate { for against neutral } } }",
            json!({ "id": proposal }),
        )
        .await;
    ok(&resp)["proposal"]["debate"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alignment_is_taken_on_top_level_proposal_comments_only() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let author = app.resident().await;
    let resident = app.resident().await;
    let forum = app.forum_id("transport").await;
    let proposal = app
        .open_proposal(&author, &forum, "A bus to the coast")
        .await;

    let against = comment(&app, &resident, &proposal, "AGAINST").await;
    // Without an alignment a comment is NEUTRAL.
    let resp = try_comment(&app, &resident, &proposal, None, None).await;
    assert_eq!(data_at(&resp, "addComment")["alignment"], "NEUTRAL");

    // Replies, discussions and council responses take NEUTRAL only.
    let resp = try_comment(&app, &author, &proposal, Some(&against), Some("FOR")).await;
    assert_bad_input(&resp, "alignment");
    let resp = try_comment(&app, &author, &proposal, Some(&against), Some("NEUTRAL")).await;
    assert_eq!(data_at(&resp, "addComment")["alignment"], "NEUTRAL");
    let discussion = app
        .start_discussion(&author, &forum, "Buses in winter")
        .await;
    let discussion = str_at(&discussion, "id");
    let resp = try_comment(&app, &resident, discussion, None, Some("AGAINST")).await;
    assert_bad_input(&resp, "alignment");
    app.submit_to_council(&clerk, &proposal).await;
    let councillor = app.councillor().await;
    let resp = app
        .gql_as(
            &councillor.token,
            "mutation($p: ID!) { respondToProposal(input: { proposalId: $p,
               kind: ACKNOWLEDGEMENT, body: \"We will look at it.\" }) { id } }",
            json!({ "p": proposal }),
        )
        .await;
    let response = str_at(&data_at(&resp, "respondToProposal"), "id").to_owned();
    let resp = try_comment(&app, &resident, &response, None, Some("FOR")).await;
    assert_bad_input(&resp, "alignment");
    // Nothing of the refused comments was written.
    assert_eq!(
        debate(&app, &proposal).await,
        json!({ "for": 0, "against": 1, "neutral": 1 })
    );

    // Editing keeps the alignment.
    let resp = app
        .gql_as(
            &resident.token,
            "mutation($id: ID!) { editComment(id: $id, body: \"On reflection, yes.\") { alignment } }",
            json!({ "id": against }),
        )
        .await;
    assert_eq!(data_at(&resp, "editComment")["alignment"], "AGAINST");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn votes_are_one_per_person_and_refused_where_the_rules_say() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let author = app.resident().await;
    let writer = app.resident().await;
    let voter = app.resident().await;
    let pending = app.pending_youth(15).await;
    let youth = app.active_youth(&clerk).await;
    let forum = app.forum_id("environment").await;
    let proposal = app
        .open_proposal(&author, &forum, "Plant trees on the square")
        .await;
    let id = comment(&app, &writer, &proposal, "FOR").await;

    let up = ok(&vote(&app, Some(&voter), &id, 1).await)["voteComment"].clone();
    assert_eq!(
        up,
        json!({ "id": id, "upVotes": 1, "downVotes": 0, "score": 1, "viewerVote": 1 })
    );
    // The same vote again changes nothing; a new value replaces the old.
    let again = &vote(&app, Some(&voter), &id, 1).await["data"]["voteComment"];
    assert_eq!(again["upVotes"], 1);
    let down = &vote(&app, Some(&voter), &id, -1).await["data"]["voteComment"];
    assert_eq!(
        (
            down["upVotes"].clone(),
            down["downVotes"].clone(),
            down["score"].clone()
        ),
        (json!(0), json!(1), json!(-1))
    );
    let resp = app
        .gql(
            "query($id: ID!) { node(id: $id) { ... on Comment { score viewerVote } } }",
            json!({ "id": id }),
        )
        .await;
    // Anonymous readers see the score and have no vote of their own.
    assert_eq!(ok(&resp)["node"], json!({ "score": -1, "viewerVote": 0 }));
    let youth_vote = &vote(&app, Some(&youth), &id, -1).await["data"]["voteComment"];
    assert_eq!(youth_vote["downVotes"], 2);
    let removed = &vote(&app, Some(&voter), &id, 0).await["data"]["voteComment"];
    assert_eq!(
        (removed["downVotes"].clone(), removed["viewerVote"].clone()),
        (json!(1), json!(0))
    );

    // Refusals, each with its code, and nothing counted.
    assert_code(&vote(&app, None, &id, 1).await, "UNAUTHENTICATED");
    assert_code(&vote(&app, Some(&pending), &id, 1).await, "FORBIDDEN");
    assert_code(&vote(&app, Some(&writer), &id, 1).await, "FORBIDDEN");
    assert_bad_input(&vote(&app, Some(&voter), &id, 2).await, "value");
    assert_bad_input(&vote(&app, Some(&voter), &id, -5).await, "value");
    assert_code(&vote(&app, Some(&voter), &proposal, 1).await, "NOT_FOUND");
    // A youth forum's comment does not exist for a resident.
    let youth_forum = app.forum_id("youth-environment").await;
    let youth_proposal = app
        .open_proposal(&youth, &youth_forum, "Bike racks at school")
        .await;
    let youth_comment = comment(&app, &youth, &youth_proposal, "FOR").await;
    assert_code(
        &vote(&app, Some(&voter), &youth_comment, 1).await,
        "NOT_FOUND",
    );
    // Deleted and hidden comments take no votes.
    let deleted = comment(&app, &writer, &proposal, "NEUTRAL").await;
    let resp = app
        .gql_as(
            &writer.token,
            "mutation($id: ID!) { deleteComment(id: $id) { deleted } }",
            json!({ "id": deleted }),
        )
        .await;
    assert_eq!(data_at(&resp, "deleteComment")["deleted"], true);
    assert_code(&vote(&app, Some(&voter), &deleted, 1).await, "CONFLICT");
    let hidden = comment(&app, &writer, &proposal, "AGAINST").await;
    hide(&app, &clerk, &hidden).await;
    assert_code(&vote(&app, Some(&voter), &hidden, 1).await, "CONFLICT");
    let resp = app
        .gql(
            "query($id: ID!) { node(id: $id) { ... on Comment { upVotes downVotes } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(ok(&resp)["node"], json!({ "upVotes": 0, "downVotes": 1 }));
}

async fn hide(app: &TestApp, clerk: &Session, id: &str) {
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { hideContent(targetId: $id, reason: \"Off topic.\") }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(ok(&resp)["hideContent"], true, "{resp}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_concurrent_votes_are_all_counted() {
    let app = TestApp::spawn().await;
    let author = app.resident().await;
    let forum = app.forum_id("transport").await;
    let proposal = app
        .open_proposal(&author, &forum, "Later trains on Fridays")
        .await;
    let id = comment(&app, &author, &proposal, "FOR").await;
    let voters = app.residents(20).await;
    let votes = voters.iter().enumerate().map(|(i, voter)| {
        let value = if i % 4 == 0 { -1 } else { 1 };
        let (app, id) = (&app, &id);
        async move { vote(app, Some(voter), id, value).await }
    });
    for resp in futures_util::future::join_all(votes).await {
        ok(&resp);
    }
    let resp = app
        .gql(
            "query($id: ID!) { node(id: $id) { ... on Comment { upVotes downVotes score } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        ok(&resp)["node"],
        json!({ "upVotes": 15, "downVotes": 5, "score": 10 })
    );
}

/// The ids of a proposal's comments in `order`, `first` at a time, following the cursors.
async fn pages(app: &TestApp, proposal: &str, order: &str, first: i32) -> Vec<String> {
    let mut ids = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let resp = app
            .gql(
                "query($id: ID!, $o: CommentOrder, $first: Int, $after: String) {
                   proposal(id: $id) { comments(orderBy: $o, first: $first, after: $after) {
                     totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }",
                json!({ "id": proposal, "o": order, "first": first, "after": after }),
            )
            .await;
        let comments = &ok(&resp)["proposal"]["comments"];
        ids.extend(node_ids(comments));
        if comments["pageInfo"]["hasNextPage"] != true {
            return ids;
        }
        after = comments["pageInfo"]["endCursor"]
            .as_str()
            .map(str::to_owned);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn best_order_runs_across_pages_highest_score_then_oldest() {
    let app = TestApp::spawn().await;
    let author = app.resident().await;
    let forum = app.forum_id("economy-tourism").await;
    let proposal = app
        .open_proposal(&author, &forum, "A market every Saturday")
        .await;
    let voters = app.residents(3).await;
    // Scores by comment, oldest first.
    let scores: [i32; 9] = [0, 2, -1, 2, 3, 0, 1, -2, 1];
    let mut ids = Vec::new();
    for (i, score) in scores.iter().enumerate() {
        let alignment = ["FOR", "AGAINST", "NEUTRAL"][i % 3];
        let id = comment(&app, &author, &proposal, alignment).await;
        let value = score.signum();
        for voter in voters.iter().take(score.unsigned_abs() as usize) {
            ok(&vote(&app, Some(voter), &id, value).await);
        }
        ids.push(id);
    }
    let mut best: Vec<(i32, usize)> = scores.iter().copied().zip(0..).collect();
    best.sort_by_key(|(score, index)| (-score, *index));
    let expected: Vec<String> = best.iter().map(|(_, i)| ids[*i].clone()).collect();
    for first in [1, 2, 4, 20] {
        assert_eq!(
            pages(&app, &proposal, "BEST", first).await,
            expected,
            "first {first}"
        );
    }
    let newest: Vec<String> = ids.iter().rev().cloned().collect();
    assert_eq!(pages(&app, &proposal, "NEWEST", 2).await, newest);
    assert_eq!(pages(&app, &proposal, "OLDEST", 4).await, ids);

    // A cursor of another order is refused, not misread.
    let resp = app
        .gql(
            "query($id: ID!) { proposal(id: $id) { comments(orderBy: OLDEST, first: 1) {
               pageInfo { endCursor } } } }",
            json!({ "id": proposal }),
        )
        .await;
    let cursor = ok(&resp)["proposal"]["comments"]["pageInfo"]["endCursor"].clone();
    let resp = app
        .gql(
            "query($id: ID!, $after: String) { proposal(id: $id) {
               comments(orderBy: BEST, after: $after) { edges { node { id } } } } }",
            json!({ "id": proposal, "after": cursor }),
        )
        .await;
    assert_bad_input(&resp, "after");

    // Replies and council-response threads take the same orders.
    let parent = &ids[0];
    let first_reply = str_at(
        &app.add_comment(&author, &proposal, Some(parent), "One")
            .await,
        "id",
    )
    .to_owned();
    let second_reply = str_at(
        &app.add_comment(&author, &proposal, Some(parent), "Two")
            .await,
        "id",
    )
    .to_owned();
    ok(&vote(&app, Some(&voters[0]), &second_reply, 1).await);
    let resp = app
        .gql(
            "query($id: ID!) { node(id: $id) { ... on Comment {
               best: replies(orderBy: BEST) { edges { node { id } } }
               oldest: replies { edges { node { id } } } } } }",
            json!({ "id": parent }),
        )
        .await;
    let node = &ok(&resp)["node"];
    assert_eq!(
        node_ids(&node["best"]),
        [second_reply.clone(), first_reply.clone()]
    );
    assert_eq!(node_ids(&node["oldest"]), [first_reply, second_reply]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn debate_counts_visible_top_level_comments_by_alignment() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let author = app.resident().await;
    let others = app.residents(2).await;
    let forum = app.forum_id("culture-heritage").await;
    let proposal = app
        .open_proposal(&author, &forum, "Restore the old chapel")
        .await;
    assert_eq!(
        debate(&app, &proposal).await,
        json!({ "for": 0, "against": 0, "neutral": 0 })
    );
    let for_one = comment(&app, &others[0], &proposal, "FOR").await;
    comment(&app, &others[1], &proposal, "FOR").await;
    let against = comment(&app, &others[0], &proposal, "AGAINST").await;
    let deleted = comment(&app, &others[1], &proposal, "AGAINST").await;
    comment(&app, &others[1], &proposal, "NEUTRAL").await;
    // Replies are not counted.
    app.add_comment(&author, &proposal, Some(&for_one), "Thank you")
        .await;
    let resp = app
        .gql_as(
            &others[1].token,
            "mutation($id: ID!) { deleteComment(id: $id) { deleted } }",
            json!({ "id": deleted }),
        )
        .await;
    ok(&resp);
    hide(&app, &clerk, &against).await;
    assert_eq!(
        debate(&app, &proposal).await,
        json!({ "for": 2, "against": 0, "neutral": 1 })
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_of_comments_with_votes_costs_the_same_statements_at_any_length() {
    let app = TestApp::spawn().await;
    let author = app.resident().await;
    let reader = app.resident().await;
    let forum = app.forum_id("health-wellbeing").await;
    let short = app
        .open_proposal(&author, &forum, "A bench by the surgery")
        .await;
    let long = app
        .open_proposal(&author, &forum, "A walking map of the town")
        .await;
    for (proposal, count) in [(&short, 5), (&long, 50)] {
        for i in 0..count {
            let id = comment(&app, &author, proposal, ["FOR", "AGAINST"][i % 2]).await;
            if i % 3 == 0 {
                ok(&vote(&app, Some(&reader), &id, 1).await);
            }
        }
    }
    let page = "query($id: ID!, $first: Int) { proposal(id: $id) {
        debate { for against neutral }
        comments(first: $first, orderBy: BEST) { totalCount edges { node {
          id alignment upVotes downVotes score viewerVote author { displayName } } } } } }";
    let mut costs = Vec::new();
    for (proposal, first) in [(&short, 5), (&long, 50)] {
        let before = app.db_statements().await;
        let resp = app
            .gql_as(
                &reader.token,
                page,
                json!({ "id": proposal, "first": first }),
            )
            .await;
        let after = app.db_statements().await;
        let comments = &ok(&resp)["proposal"]["comments"];
        assert_eq!(node_ids(comments).len(), first as usize);
        costs.push(after - before);
    }
    assert_eq!(costs[0], costs[1], "statements for 5 and for 50 comments");
}
