//! Proposals: the lifecycle (create, publish, update under optimistic locking, withdraw, the
//! clerk's moves), drafts seen by their author alone, history and the audit log.

use fforwm_tests::{
    Session, TestApp, assert_bad_input, assert_code,
    content::{PROPOSAL_FIELDS, data_at},
    ok, str_at,
};
use serde_json::{Value, json};

/// `history` without the timestamps: `[{from, to, actorRole}]`.
fn moves(proposal: &Value) -> Vec<Value> {
    proposal["history"]
        .as_array()
        .unwrap_or_else(|| panic!("no history: {proposal}"))
        .iter()
        .map(|c| {
            assert!(c["at"].is_string(), "{c}");
            json!({ "from": c["from"], "to": c["to"], "actorRole": c["actorRole"] })
        })
        .collect()
}

fn step(from: Option<&str>, to: &str, actor_role: Option<&str>) -> Value {
    json!({ "from": from, "to": to, "actorRole": actor_role })
}

/// `totalCount` of `Query.proposals` (and of the forum's list) as `who`, and whether `id` is in it.
async fn listed(app: &TestApp, who: Option<&Session>, forum: &str, id: &str) -> (i64, bool) {
    let resp = app
        .gql_opt(
            who,
            "query($forum: ID!) {
               all: proposals(first: 100) { totalCount edges { node { id } } }
               inForum: proposals(first: 100, forumId: $forum) { totalCount edges { node { id } } }
               node(id: $forum) { ... on Forum { proposals(first: 100) { totalCount edges { node { id } } } } } }",
            json!({ "forum": forum }),
        )
        .await;
    let data = ok(&resp);
    let lists = [&data["all"], &data["inForum"], &data["node"]["proposals"]];
    let found: Vec<bool> = lists
        .iter()
        .map(|l| fforwm_tests::content::node_ids(l).contains(&id.to_owned()))
        .collect();
    assert!(found.iter().all(|f| *f == found[0]), "{resp}");
    let totals: Vec<i64> = lists
        .iter()
        .map(|l| l["totalCount"].as_i64().unwrap())
        .collect();
    assert!(totals.iter().all(|t| *t == totals[0]), "{resp}");
    (totals[0], found[0])
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_is_its_authors_alone_until_published() {
    let app = TestApp::spawn().await;
    let (alice, bob) = (app.resident().await, app.resident().await);
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let forum = app.forum_id("environment").await;

    let draft = app
        .create_proposal(&alice, &forum, "Plant trees on the quay")
        .await;
    let id = str_at(&draft, "id").to_owned();
    assert_eq!(draft["status"], "DRAFT");
    assert_eq!(draft["version"], 1);
    assert_eq!(draft["title"], "Plant trees on the quay");
    assert_eq!(
        draft["body"],
        "The body of the proposal: Plant trees on the quay."
    );
    assert_eq!(draft["language"], "EN");
    assert_eq!(draft["author"]["id"], alice.user_id.as_str());
    assert_eq!(draft["authorRole"], "RESIDENT");
    assert_eq!(draft["forum"]["slug"], "environment");
    assert_eq!(draft["supportCount"], 0);
    assert_eq!(draft["viewerHasSupported"], false);
    assert_eq!(draft["commentCount"], 0);
    assert_eq!(draft["hidden"], false);
    assert!(draft["createdAt"].is_string() && draft["updatedAt"].is_string());
    for field in ["publishedAt", "submittedAt", "decidedAt"] {
        assert!(draft[field].is_null(), "{field}: {draft}");
    }
    assert_eq!(moves(&draft), vec![step(None, "DRAFT", Some("RESIDENT"))]);

    // The author sees it everywhere.
    assert_eq!(app.proposal_as(Some(&alice), &id).await["status"], "DRAFT");
    assert_eq!(
        app.node_as(Some(&alice), &id).await,
        json!({ "id": id, "__typename": "Proposal" })
    );
    assert_eq!(listed(&app, Some(&alice), &forum, &id).await, (1, true));

    // Nobody else does: not anonymous, not another resident, not even the council.
    let others = [None, Some(&bob), Some(&clerk), Some(&councillor)];
    for who in others {
        assert!(app.proposal_as(who, &id).await.is_null(), "{who:?}");
        assert!(app.node_as(who, &id).await.is_null(), "{who:?}");
        assert_eq!(listed(&app, who, &forum, &id).await, (0, false), "{who:?}");
        let resp = app
            .gql_opt(
                who,
                "{ proposals(status: [DRAFT]) { totalCount } }",
                json!({}),
            )
            .await;
        assert_eq!(ok(&resp)["proposals"]["totalCount"], 0, "{who:?}: {resp}");
    }
    // ...and their mutations find nothing.
    for field in [
        "publishProposal",
        "withdrawProposal",
        "supportProposal",
        "withdrawSupport",
    ] {
        let resp = app.try_proposal_mutation(Some(&bob), field, &id).await;
        assert_code(&resp, "NOT_FOUND");
    }
    let resp = app
        .try_update_proposal(Some(&bob), &id, 1, json!({ "title": "Taken over" }))
        .await;
    assert_code(&resp, "NOT_FOUND");
    assert_code(
        &app.try_proposal_mutation(Some(&clerk), "submitToCouncil", &id)
            .await,
        "NOT_FOUND",
    );
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { markImplemented(id: $id, note: \"Done\") { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_code(&resp, "NOT_FOUND");
    assert_code(
        &app.try_proposal_mutation(None, "publishProposal", &id)
            .await,
        "UNAUTHENTICATED",
    );
    // Unknown and malformed ids are the same NOT_FOUND.
    for bad in ["garbage", "", forum.as_str(), alice.user_id.as_str()] {
        let resp = app
            .try_proposal_mutation(Some(&alice), "publishProposal", bad)
            .await;
        assert_code(&resp, "NOT_FOUND");
        assert!(app.proposal_as(Some(&alice), bad).await.is_null());
    }
    // Nothing of that changed it.
    let unchanged = app.proposal_as(Some(&alice), &id).await;
    assert_eq!(unchanged["version"], 1);
    assert_eq!(unchanged["status"], "DRAFT");
    assert_eq!(unchanged["supportCount"], 0);

    // Published: OPEN for everyone.
    let open = app.publish(&alice, &id).await;
    assert_eq!(open["status"], "OPEN");
    assert_eq!(open["version"], 2);
    assert!(open["publishedAt"].is_string(), "{open}");
    assert!(open["submittedAt"].is_null());
    assert_eq!(
        moves(&open),
        vec![
            step(None, "DRAFT", Some("RESIDENT")),
            step(Some("DRAFT"), "OPEN", Some("RESIDENT")),
        ]
    );
    for who in others {
        let seen = app.proposal_as(who, &id).await;
        assert_eq!(seen["status"], "OPEN", "{who:?}");
        assert_eq!(seen["author"]["id"], alice.user_id.as_str());
        assert_eq!(app.node_as(who, &id).await["__typename"], "Proposal");
        assert_eq!(listed(&app, who, &forum, &id).await, (1, true), "{who:?}");
    }
    // Only once.
    assert_code(
        &app.try_proposal_mutation(Some(&alice), "publishProposal", &id)
            .await,
        "CONFLICT",
    );
    assert_eq!(app.proposal_as(None, &id).await["version"], 2);

    // Written in Welsh.
    let resp = app
        .try_create_proposal(
            Some(&alice),
            json!({ "forumId": forum, "title": "Plannu coed", "body": "Ar y cei.", "language": "CY" }),
        )
        .await;
    assert_eq!(data_at(&resp, "createProposal")["language"], "CY");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_proposal_checks_who_where_and_what() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let resident = app.resident().await;
    let councillor = app.councillor().await;
    let pending = app.pending_youth(15).await;
    let youth = app.active_youth(&clerk).await;
    let env = app.forum_id("environment").await;
    let youth_env = app.forum_id("youth-environment").await;
    let input = |forum: &str, title: &str, body: &str| json!({ "forumId": forum, "title": title, "body": body });
    let good = input(&env, "Repair the footbridge", "It wobbles.");

    assert_code(
        &app.try_create_proposal(None, good.clone()).await,
        "UNAUTHENTICATED",
    );
    // Councillors respond officially; they do not propose.
    assert_code(
        &app.try_create_proposal(Some(&councillor), good.clone())
            .await,
        "FORBIDDEN",
    );
    // A youth member waiting for approval writes nothing anywhere.
    for forum in [&env, &youth_env] {
        let resp = app
            .try_create_proposal(
                Some(&pending),
                input(forum, "Skate park please", "For all."),
            )
            .await;
        assert_code(&resp, "FORBIDDEN");
    }
    // Residents do not write in the youth shadow forums.
    let resp = app
        .try_create_proposal(Some(&resident), input(&youth_env, "Skate park please", "x"))
        .await;
    assert_code(&resp, "FORBIDDEN");

    // Bad input names its field (and beats nothing else: the viewer is a resident).
    let user_id = resident.user_id.clone();
    for (bad, field) in [
        (input("garbage", "Repair the footbridge", "x"), "forumId"),
        (input("", "Repair the footbridge", "x"), "forumId"),
        (input(&user_id, "Repair the footbridge", "x"), "forumId"),
        (
            input("Rm9ydW06OTk5OTk5", "Repair the footbridge", "x"),
            "forumId",
        ),
        (input(&env, "Fix!", "x"), "title"),
        (input(&env, "   Fix!   ", "x"), "title"),
        (input(&env, &"t".repeat(151), "x"), "title"),
        (input(&env, "Repair the footbridge", ""), "body"),
        (input(&env, "Repair the footbridge", "  \n "), "body"),
        (
            input(&env, "Repair the footbridge", &"b".repeat(20_001)),
            "body",
        ),
    ] {
        let resp = app.try_create_proposal(Some(&resident), bad.clone()).await;
        assert_bad_input(&resp, field);
    }

    // A failed mutation wrote nothing: the resident has no drafts.
    let mine = "{ proposals(status: [DRAFT]) { totalCount } }";
    let resp = app.gql_as(&resident.token, mine, json!({})).await;
    assert_eq!(ok(&resp)["proposals"]["totalCount"], 0, "{resp}");

    // The limits themselves are fine, trimmed.
    for (title, body) in [
        ("  Fix!!  ".to_owned(), "b".repeat(20_000)),
        ("t".repeat(150), "  y  ".to_owned()),
    ] {
        let resp = app
            .try_create_proposal(Some(&resident), input(&env, &title, &body))
            .await;
        let created = data_at(&resp, "createProposal");
        assert_eq!(created["title"], title.trim());
        assert_eq!(created["body"], body.trim());
    }
    let resp = app.gql_as(&resident.token, mine, json!({})).await;
    assert_eq!(ok(&resp)["proposals"]["totalCount"], 2, "{resp}");

    // Youth members write in both kinds of forum; clerks anywhere.
    for (who, forum, role) in [
        (&youth, &youth_env, "YOUTH"),
        (&youth, &env, "YOUTH"),
        (&clerk, &env, "CLERK"),
        (&clerk, &youth_env, "CLERK"),
    ] {
        let created = app.create_proposal(who, forum, "A proposal of mine").await;
        assert_eq!(created["authorRole"], role, "{created}");
        assert_eq!(created["status"], "DRAFT");
    }

    // An archived forum takes no new proposals.
    let closed = app.create_forum(&clerk, "closed-forum", 5).await;
    app.archive_forum(&clerk, &closed).await;
    for who in [&resident, &clerk] {
        let resp = app
            .try_create_proposal(Some(who), input(&closed, "Too late for this", "x"))
            .await;
        assert_code(&resp, "FORBIDDEN");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authors_edit_drafts_and_open_proposals_from_the_version_they_saw() {
    let app = TestApp::spawn().await;
    let (alice, bob) = (app.resident().await, app.resident().await);
    let clerk = app.clerk().await;
    let forum = app.forum_id("transport").await;
    let id = str_at(
        &app.create_proposal(&alice, &forum, "More buses on Sundays")
            .await,
        "id",
    )
    .to_owned();

    // A draft, from version 1.
    let resp = app
        .try_update_proposal(
            Some(&alice),
            &id,
            1,
            json!({ "title": "  More buses on Sunday  " }),
        )
        .await;
    let edited = data_at(&resp, "updateProposal");
    assert_eq!(edited["title"], "More buses on Sunday");
    assert_eq!(
        edited["body"],
        "The body of the proposal: More buses on Sundays."
    );
    assert_eq!(edited["version"], 2);
    assert_eq!(edited["status"], "DRAFT");
    assert!(str_at(&edited, "updatedAt") >= str_at(&edited, "createdAt"));
    assert_eq!(moves(&edited).len(), 1, "an edit is not a status change");

    // Stale: refused, and nothing changes.
    let resp = app
        .try_update_proposal(
            Some(&alice),
            &id,
            1,
            json!({ "title": "Stale edit of mine" }),
        )
        .await;
    assert_code(&resp, "CONFLICT");
    for stale in [0, 3, 99] {
        let resp = app
            .try_update_proposal(Some(&alice), &id, stale, json!({ "body": "Stale" }))
            .await;
        assert_code(&resp, "CONFLICT");
    }
    let current = app.proposal_as(Some(&alice), &id).await;
    assert_eq!(current["title"], "More buses on Sunday");
    assert_eq!(current["version"], 2);

    // OPEN: still the author's to edit; the body alone.
    assert_eq!(app.publish(&alice, &id).await["version"], 3);
    let resp = app
        .try_update_proposal(
            Some(&alice),
            &id,
            3,
            json!({ "body": "Every hour, please." }),
        )
        .await;
    let edited = data_at(&resp, "updateProposal");
    assert_eq!(edited["title"], "More buses on Sunday");
    assert_eq!(edited["body"], "Every hour, please.");
    assert_eq!(edited["version"], 4);
    assert_eq!(edited["status"], "OPEN");

    // Someone else: FORBIDDEN, whatever the version; anonymous: UNAUTHENTICATED.
    for who in [&bob, &clerk] {
        let resp = app
            .try_update_proposal(Some(who), &id, 4, json!({ "title": "Not my proposal" }))
            .await;
        assert_code(&resp, "FORBIDDEN");
    }
    let resp = app
        .try_update_proposal(None, &id, 4, json!({ "title": "Not my proposal" }))
        .await;
    assert_code(&resp, "UNAUTHENTICATED");
    let resp = app
        .try_update_proposal(
            Some(&alice),
            "garbage",
            4,
            json!({ "title": "Nowhere at all" }),
        )
        .await;
    assert_code(&resp, "NOT_FOUND");

    // Bad input names its field, and changes nothing.
    for (input, field) in [
        (json!({ "title": "Bus" }), "title"),
        (json!({ "title": "t".repeat(151) }), "title"),
        (json!({ "body": "" }), "body"),
        (json!({ "body": "b".repeat(20_001) }), "body"),
        (json!({ "title": "A fine title", "body": " " }), "body"),
    ] {
        let resp = app.try_update_proposal(Some(&alice), &id, 4, input).await;
        assert_bad_input(&resp, field);
    }

    // A support is not an edit: the version stays, so the author is not refused for it.
    let supported = app.support(&bob, &id).await;
    assert_eq!(supported["version"], 4);
    assert_eq!(supported["supportCount"], 1);

    // Two edits from the same version at once: exactly one wins.
    let (first, second) = tokio::join!(
        app.try_update_proposal(
            Some(&alice),
            &id,
            4,
            json!({ "title": "First writer wins" })
        ),
        app.try_update_proposal(
            Some(&alice),
            &id,
            4,
            json!({ "title": "Second writer wins" })
        ),
    );
    let winners: Vec<&Value> = [&first, &second]
        .into_iter()
        .filter(|r| r.get("errors").is_none())
        .collect();
    assert_eq!(winners.len(), 1, "{first}\n{second}");
    let loser = if winners[0] == &first {
        &second
    } else {
        &first
    };
    assert_code(loser, "CONFLICT");
    let current = app.proposal_as(Some(&alice), &id).await;
    assert_eq!(current["version"], 5);
    assert_eq!(
        current["title"],
        winners[0]["data"]["updateProposal"]["title"]
    );

    // At the council: no more edits.
    assert_eq!(
        app.submit_to_council(&clerk, &id).await["status"],
        "SUBMITTED"
    );
    let resp = app
        .try_update_proposal(Some(&alice), &id, 6, json!({ "title": "Too late to edit" }))
        .await;
    assert_code(&resp, "CONFLICT");
    assert_eq!(app.proposal_as(None, &id).await["title"], current["title"]);
}

const MARK_IMPLEMENTED: &str = "mutation($id: ID!, $note: String!) {
    markImplemented(id: $id, note: $note) { id status version history { from to actorRole note } } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn withdrawing_submitting_and_implementing_follow_the_lifecycle() {
    let app = TestApp::spawn().await;
    let (alice, bob) = (app.resident().await, app.resident().await);
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let forum = app.forum_id("health-wellbeing").await;

    // Withdrawing a draft: the author's alone.
    let draft = str_at(
        &app.create_proposal(&alice, &forum, "A draft to withdraw")
            .await,
        "id",
    )
    .to_owned();
    assert_code(
        &app.try_proposal_mutation(Some(&bob), "withdrawProposal", &draft)
            .await,
        "NOT_FOUND",
    );
    let withdrawn = app
        .proposal_mutation(&alice, "withdrawProposal", &draft)
        .await;
    assert_eq!(withdrawn["status"], "WITHDRAWN");
    assert_eq!(withdrawn["version"], 2);
    assert_eq!(
        moves(&withdrawn)[1],
        step(Some("DRAFT"), "WITHDRAWN", Some("RESIDENT"))
    );
    for field in ["withdrawProposal", "publishProposal"] {
        let resp = app.try_proposal_mutation(Some(&alice), field, &draft).await;
        assert_code(&resp, "CONFLICT");
    }

    // Withdrawing an OPEN proposal: not by others, not even a clerk.
    let open = app
        .open_proposal(&alice, &forum, "An open one to withdraw")
        .await;
    for who in [&bob, &clerk] {
        let resp = app
            .try_proposal_mutation(Some(who), "withdrawProposal", &open)
            .await;
        assert_code(&resp, "FORBIDDEN");
    }
    assert_code(
        &app.try_proposal_mutation(None, "withdrawProposal", &open)
            .await,
        "UNAUTHENTICATED",
    );
    let withdrawn = app
        .proposal_mutation(&alice, "withdrawProposal", &open)
        .await;
    assert_eq!(withdrawn["status"], "WITHDRAWN");
    assert_eq!(withdrawn["version"], 3);
    // Still public, and going nowhere.
    assert_eq!(app.proposal_as(None, &open).await["status"], "WITHDRAWN");
    for (who, field) in [
        (&clerk, "submitToCouncil"),
        (&alice, "withdrawProposal"),
        (&alice, "publishProposal"),
    ] {
        let resp = app.try_proposal_mutation(Some(who), field, &open).await;
        assert_code(&resp, "CONFLICT");
    }
    let resp = app
        .try_update_proposal(
            Some(&alice),
            &open,
            3,
            json!({ "title": "Back from the dead" }),
        )
        .await;
    assert_code(&resp, "CONFLICT");

    // Sending to the council: clerks only, OPEN only.
    let id = app
        .open_proposal(&alice, &forum, "Longer surgery hours")
        .await;
    for who in [&alice, &bob, &councillor] {
        let resp = app
            .try_proposal_mutation(Some(who), "submitToCouncil", &id)
            .await;
        assert_code(&resp, "FORBIDDEN");
    }
    assert_code(
        &app.try_proposal_mutation(None, "submitToCouncil", &id)
            .await,
        "UNAUTHENTICATED",
    );
    let resp = app
        .gql_as(
            &clerk.token,
            &format!(
                "mutation($id: ID!) {{ submitToCouncil(id: $id, note: \"Urgent for the spring\") {{ {PROPOSAL_FIELDS} }} }}"
            ),
            json!({ "id": id }),
        )
        .await;
    let submitted = data_at(&resp, "submitToCouncil");
    assert_eq!(submitted["status"], "SUBMITTED");
    assert_eq!(submitted["version"], 3);
    assert!(submitted["submittedAt"].is_string(), "{submitted}");
    assert!(submitted["decidedAt"].is_null());
    let last = submitted["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["from"], "OPEN");
    assert_eq!(last["to"], "SUBMITTED");
    assert_eq!(last["actorRole"], "CLERK");
    assert_eq!(last["note"], "Urgent for the spring");
    for (who, field) in [
        (&clerk, "submitToCouncil"),
        (&alice, "withdrawProposal"),
        (&alice, "publishProposal"),
    ] {
        let resp = app.try_proposal_mutation(Some(who), field, &id).await;
        assert_code(&resp, "CONFLICT");
    }

    // markImplemented: clerks only, and only once the council has ACCEPTED it.
    let implement = |who: &Session, id: &str, note: &str| {
        let (token, vars) = (who.token.clone(), json!({ "id": id, "note": note }));
        let app = &app;
        async move { app.gql_as(&token, MARK_IMPLEMENTED, vars).await }
    };
    for who in [&alice, &councillor] {
        assert_code(&implement(who, &id, "Done").await, "FORBIDDEN");
    }
    assert_code(
        &app.gql(MARK_IMPLEMENTED, json!({ "id": id, "note": "Done" }))
            .await,
        "UNAUTHENTICATED",
    );
    assert_bad_input(&implement(&clerk, &id, "  ").await, "note");
    let other_open = app
        .open_proposal(&alice, &forum, "Still open for now")
        .await;
    for target in [&id, &other_open, &open] {
        assert_code(&implement(&clerk, target, "Done").await, "CONFLICT");
    }
    assert_eq!(app.proposal_as(None, &id).await["status"], "SUBMITTED");

    // The council accepts it (a DECISION response); then the clerk marks it implemented.
    let resp = app
        .gql_as(
            &councillor.token,
            "mutation($input: RespondInput!) { respondToProposal(input: $input) { kind decision } }",
            json!({ "input": { "proposalId": id, "kind": "DECISION", "decision": "ACCEPTED",
                               "body": "Agreed: from April." } }),
        )
        .await;
    assert_eq!(data_at(&resp, "respondToProposal")["decision"], "ACCEPTED");
    let accepted = app.proposal_as(None, &id).await;
    assert_eq!(accepted["status"], "ACCEPTED");
    assert!(accepted["decidedAt"].is_string(), "{accepted}");
    assert_code(&implement(&alice, &id, "Done").await, "FORBIDDEN");
    let resp = implement(&clerk, &id, "Open till eight since May").await;
    let implemented = data_at(&resp, "markImplemented");
    assert_eq!(implemented["status"], "IMPLEMENTED");
    let history = implemented["history"].as_array().unwrap();
    let n = history.len();
    assert_eq!(
        history[n - 2],
        json!({ "from": "SUBMITTED", "to": "ACCEPTED", "actorRole": "COUNCILLOR",
                "note": history[n - 2]["note"] })
    );
    assert_eq!(
        history[n - 1],
        json!({ "from": "ACCEPTED", "to": "IMPLEMENTED", "actorRole": "CLERK",
                "note": "Open till eight since May" })
    );
    assert_code(&implement(&clerk, &id, "Again").await, "CONFLICT");

    // Every move is in the audit log, by whom it was made.
    let entries: Vec<_> = app
        .audit_entries(&clerk)
        .await
        .into_iter()
        .filter(|(action, subject, _)| {
            action == "proposal.status_changed" && subject.as_deref() == Some(id.as_str())
        })
        .collect();
    // Newest first: implemented, accepted, submitted, published; each by whom.
    let actors: Vec<Option<&str>> = entries.iter().map(|e| e.2.as_deref()).collect();
    assert_eq!(
        actors,
        vec![
            Some(clerk.user_id.as_str()),
            Some(councillor.user_id.as_str()),
            Some(clerk.user_id.as_str()),
            Some(alice.user_id.as_str()),
        ],
        "{entries:?}"
    );
    let withdrawn_entries = app
        .audit_entries(&clerk)
        .await
        .into_iter()
        .filter(|(action, subject, _)| {
            action == "proposal.status_changed" && subject.as_deref() == Some(draft.as_str())
        })
        .count();
    assert_eq!(withdrawn_entries, 1);
}
