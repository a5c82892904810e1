//! Safeguarding and moderation: reportContent, the clerks' moderationQueue (youth safeguarding
//! first), hideContent / unhideContent (kept, never lost) and resolveReport, all in the audit log.

use fforwm_tests::{
    Session, TestApp, assert_bad_input, assert_code,
    content::{data_at, node_ids},
    ok,
    roles::global_id,
    str_at,
};
use serde_json::{Value, json};

/// A Welsh and English body with spacing and punctuation that must come back exactly.
const BODY: &str = "Llwybr beicio diogel ar hyd yr afon — “safe” for everyone.\n\n\
                    Second paragraph:  two spaces, 100% sure_of_it.";

/// The clerks' queue: ids in order (100 at most).
async fn queue(app: &TestApp, who: Option<&Session>, status: Option<&str>) -> Value {
    app.gql_opt(
        who,
        "query($s: ReportStatus) { moderationQueue(first: 100, status: $s) {
           totalCount edges { node { id status reason reporter { id }
             target { __typename ... on Proposal { id } ... on Comment { id }
                      ... on Discussion { id } ... on CouncilResponse { id } } } } } }",
        json!({ "s": status }),
    )
    .await
}

fn id_of(value: &Value) -> String {
    str_at(value, "id").to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn active_members_report_what_they_can_see() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let resident = app.resident().await;
    let author = app.resident().await;
    let youth = app.active_youth(&clerk).await;
    let councillor = app.councillor().await;
    let pending = app.pending_youth(14).await;
    let suspended = app.resident().await;
    app.suspend(&clerk, &suspended).await;
    let themed = app.forum_id("health-wellbeing").await;
    let youth_forum = app.forum_id("youth-health-wellbeing").await;

    let proposal = app
        .open_proposal(&author, &themed, "Defibrillator at the leisure centre")
        .await;
    let comment = id_of(&app.add_comment(&author, &proposal, None, "Buy now!").await);
    let discussion = id_of(
        &app.start_discussion(&author, &themed, "Walking groups")
            .await,
    );
    let youth_proposal = app
        .open_proposal(&youth, &youth_forum, "Mental health first aid at school")
        .await;
    let youth_comment = id_of(&app.add_comment(&youth, &youth_proposal, None, "Yes!").await);

    // Signed in and active only.
    assert_code(
        &app.try_report(None, &proposal, "SPAM").await,
        "UNAUTHENTICATED",
    );
    for who in [&pending, &suspended] {
        assert_code(
            &app.try_report(Some(who), &proposal, "SPAM").await,
            "FORBIDDEN",
        );
    }

    // Anyone active, for every reason, on every kind of content.
    let report = app.report(&resident, &proposal, "SPAM").await;
    assert_eq!(
        report["reporter"]["id"],
        resident.user_id.as_str(),
        "{report}"
    );
    assert_eq!(report["details"], "Seen while testing.", "{report}");
    assert!(report["resolvedAt"].is_null(), "{report}");
    assert_eq!(report["target"]["__typename"], "Proposal", "{report}");
    app.report(&councillor, &proposal, "OFFENSIVE").await;
    let by_youth = app.report(&youth, &proposal, "PERSONAL_INFORMATION").await;
    assert_eq!(
        by_youth["reporter"]["id"],
        youth.user_id.as_str(),
        "{by_youth}"
    );
    app.report(&clerk, &proposal, "OTHER").await;
    let on_comment = app.report(&resident, &comment, "SAFEGUARDING").await;
    assert_eq!(
        on_comment["target"]["__typename"], "Comment",
        "{on_comment}"
    );
    let on_discussion = app.report(&resident, &discussion, "OFFENSIVE").await;
    assert_eq!(on_discussion["target"]["__typename"], "Discussion");
    app.report(&youth, &youth_proposal, "SAFEGUARDING").await;
    app.report(&councillor, &youth_comment, "SAFEGUARDING")
        .await;

    // Twice by the same person for the same reason while open: a conflict. Another reason
    // is another report (issue 13, extensions/moderation.graphql).
    assert_code(
        &app.try_report(Some(&resident), &proposal, "SPAM").await,
        "CONFLICT",
    );
    app.report(&resident, &proposal, "OTHER").await;
    // Once closed, the same person may report it again.
    let resp = app
        .try_resolve_report(Some(&clerk), &id_of(&report), "Looked at it", false)
        .await;
    assert_eq!(data_at(&resp, "resolveReport")["status"], "RESOLVED");
    app.report(&resident, &proposal, "SPAM").await;

    // What they cannot see does not exist for them; a bad ID is bad input.
    for target in [&youth_proposal, &youth_comment] {
        assert_code(
            &app.try_report(Some(&resident), target, "OFFENSIVE").await,
            "NOT_FOUND",
        );
    }
    let draft = id_of(&app.create_proposal(&author, &themed, "A draft idea").await);
    assert_code(
        &app.try_report(Some(&resident), &draft, "SPAM").await,
        "NOT_FOUND",
    );
    assert_code(
        &app.try_report(Some(&resident), &global_id("Proposal", 999_999), "SPAM")
            .await,
        "NOT_FOUND",
    );
    for bad in ["not-an-id", themed.as_str(), resident.user_id.as_str()] {
        assert_bad_input(
            &app.try_report(Some(&resident), bad, "SPAM").await,
            "targetId",
        );
    }

    // A reporter sees their own report; another resident does not.
    let report_id = id_of(&on_comment);
    assert_eq!(
        app.node_as(Some(&resident), &report_id).await["id"],
        report_id.as_str()
    );
    assert!(app.node_as(Some(&author), &report_id).await.is_null());
    assert!(app.node_as(None, &report_id).await.is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_is_for_clerks_with_youth_safeguarding_first() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let resident = app.resident().await;
    let youth = app.active_youth(&clerk).await;
    let other_youth = app.active_youth(&clerk).await;
    let councillor = app.councillor().await;
    let pending = app.pending_youth(14).await;
    let suspended = app.resident().await;
    app.suspend(&clerk, &suspended).await;
    let themed = app.forum_id("community-safety").await;
    let youth_forum = app.forum_id("youth-community-safety").await;

    let proposal = app
        .open_proposal(&resident, &themed, "Street lights on Heol y Bont")
        .await;
    let comment = id_of(
        &app.add_comment(&resident, &proposal, None, "Dark at 5pm")
            .await,
    );
    let discussion = id_of(
        &app.start_discussion(&resident, &themed, "Speeding vans")
            .await,
    );
    let youth_proposal = app
        .open_proposal(&youth, &youth_forum, "Safe space after school")
        .await;
    let youth_comment = id_of(
        &app.add_comment(
            &youth,
            &youth_proposal,
            None,
            "I don't feel safe at the bus stop",
        )
        .await,
    );

    // Oldest first, but safeguarding on youth-forum content jumps the queue even when newest.
    let r1 = id_of(&app.report(&resident, &proposal, "SPAM").await);
    let r2 = id_of(&app.report(&councillor, &comment, "SAFEGUARDING").await);
    let r3 = id_of(&app.report(&councillor, &discussion, "OFFENSIVE").await);
    let r4 = id_of(&app.report(&other_youth, &youth_proposal, "OFFENSIVE").await);
    let r5 = id_of(
        &app.report(&other_youth, &youth_comment, "SAFEGUARDING")
            .await,
    );
    let r6 = id_of(
        &app.report(&councillor, &youth_proposal, "SAFEGUARDING")
            .await,
    );
    let expected = vec![
        r5.clone(),
        r6.clone(),
        r1.clone(),
        r2.clone(),
        r3.clone(),
        r4.clone(),
    ];
    assert_eq!(app.queue_ids(&clerk, None).await, expected);
    assert_eq!(app.queue_ids(&clerk, Some("OPEN")).await, expected);

    // The clerk sees who reported (youth reporters included) and what.
    let resp = queue(&app, Some(&clerk), None).await;
    let first = &ok(&resp)["moderationQueue"]["edges"][0]["node"];
    assert_eq!(
        first["reporter"]["id"],
        other_youth.user_id.as_str(),
        "{resp}"
    );
    assert_eq!(first["target"]["id"], youth_comment.as_str(), "{resp}");
    assert_eq!(first["reason"], "SAFEGUARDING", "{resp}");

    // Pages follow the same order.
    let resp = app
        .gql_as(
            &clerk.token,
            "{ moderationQueue(first: 2) { pageInfo { hasNextPage endCursor } edges { node { id } } } }",
            json!({}),
        )
        .await;
    let page = &ok(&resp)["moderationQueue"];
    assert_eq!(node_ids(page), expected[..2].to_vec());
    let resp = app
        .gql_as(
            &clerk.token,
            "query($a: String) { moderationQueue(first: 10, after: $a) { edges { node { id } } } }",
            json!({ "a": page["pageInfo"]["endCursor"] }),
        )
        .await;
    assert_eq!(
        node_ids(&ok(&resp)["moderationQueue"]),
        expected[2..].to_vec()
    );

    // Clerks only.
    assert_code(&queue(&app, None, None).await, "UNAUTHENTICATED");
    for who in [&resident, &youth, &councillor, &pending, &suspended] {
        assert_code(&queue(&app, Some(who), None).await, "FORBIDDEN");
    }

    // Closing reports: a resolution is required; dismissing is its own status.
    for blank in ["", "   "] {
        assert_bad_input(
            &app.try_resolve_report(Some(&clerk), &r1, blank, false)
                .await,
            "resolution",
        );
    }
    assert_code(
        &app.try_resolve_report(None, &r1, "Done", false).await,
        "UNAUTHENTICATED",
    );
    for who in [&resident, &councillor, &youth] {
        assert_code(
            &app.try_resolve_report(Some(who), &r1, "Done", false).await,
            "FORBIDDEN",
        );
    }
    assert_code(
        &app.try_resolve_report(Some(&clerk), "not-an-id", "Done", false)
            .await,
        "NOT_FOUND",
    );
    let resp = app
        .try_resolve_report(Some(&clerk), &r1, "Removed the advert", false)
        .await;
    let resolved = data_at(&resp, "resolveReport");
    assert_eq!(resolved["status"], "RESOLVED", "{resp}");
    assert_eq!(resolved["resolution"], "Removed the advert", "{resp}");
    assert!(resolved["resolvedAt"].is_string(), "{resp}");
    let resp = app
        .try_resolve_report(Some(&clerk), &r2, "Nothing wrong here", true)
        .await;
    let dismissed = data_at(&resp, "resolveReport");
    assert_eq!(dismissed["status"], "DISMISSED", "{resp}");
    assert_eq!(dismissed["resolution"], "Nothing wrong here", "{resp}");
    for (id, dismiss) in [(&r1, false), (&r1, true), (&r2, false)] {
        assert_code(
            &app.try_resolve_report(Some(&clerk), id, "Again", dismiss)
                .await,
            "CONFLICT",
        );
    }
    assert_eq!(
        app.queue_ids(&clerk, None).await,
        vec![r5.clone(), r6.clone(), r3.clone(), r4.clone()]
    );
    assert_eq!(
        app.queue_ids(&clerk, Some("RESOLVED")).await,
        vec![r1.clone()]
    );
    assert_eq!(
        app.queue_ids(&clerk, Some("DISMISSED")).await,
        vec![r2.clone()]
    );

    let audit = app.audit_entries(&clerk).await;
    for (action, subject) in [("report.resolved", &r1), ("report.dismissed", &r2)] {
        assert!(
            audit.iter().any(|(a, s, actor)| a == action
                && s.as_deref() == Some(subject.as_str())
                && actor.as_deref() == Some(clerk.user_id.as_str())),
            "no {action} in {audit:?}"
        );
    }
}

/// One object's moderated fields as `who` sees them through `node`.
async fn moderated(app: &TestApp, who: Option<&Session>, id: &str) -> Value {
    let resp = app
        .gql_opt(
            who,
            "query($id: ID!) { node(id: $id) {
               ... on Proposal { title body hidden }
               ... on Discussion { title body hidden }
               ... on Comment { body hidden deleted replies { edges { node { id body hidden } } } }
               ... on CouncilResponse { body } } }",
            json!({ "id": id }),
        )
        .await;
    data_at(&resp, "node")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hidden_content_keeps_its_place_and_comes_back_whole() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let author = app.resident().await;
    let reader = app.resident().await;
    let youth = app.active_youth(&clerk).await;
    let councillor = app.councillor().await;
    let themed = app.forum_id("economy-tourism").await;
    let youth_forum = app.forum_id("youth-economy-tourism").await;

    let title = "Market stalls on Saturdays";
    let proposal = id_of(&data_at(
        &app.try_create_proposal(
            Some(&author),
            json!({ "forumId": themed, "title": title, "body": BODY }),
        )
        .await,
        "createProposal",
    ));
    app.publish(&author, &proposal).await;
    let discussion = id_of(&data_at(
        &app.try_start_discussion(
            Some(&author),
            json!({ "forumId": themed, "title": "Parking for visitors", "body": BODY }),
        )
        .await,
        "startDiscussion",
    ));
    let comment = id_of(&app.add_comment(&youth, &proposal, None, BODY).await);
    let reply = id_of(
        &app.add_comment(&reader, &proposal, Some(&comment), "A reply that stays")
            .await,
    );
    let submitted = app
        .open_proposal(&reader, &themed, "A tourist information point")
        .await;
    app.submit_to_council(&clerk, &submitted).await;
    let response = app
        .respond(&councillor, &submitted, "ACKNOWLEDGEMENT", None)
        .await;
    let response_body = "The council's ACKNOWLEDGEMENT on this proposal.";
    let youth_proposal = app
        .open_proposal(&youth, &youth_forum, "A youth market stall")
        .await;

    // Clerks only; a bad ID is bad input; a draft is not there.
    for target in [&proposal, &comment] {
        assert_code(&app.try_hide(None, target).await, "UNAUTHENTICATED");
        assert_code(&app.try_unhide(None, target).await, "UNAUTHENTICATED");
        for who in [&author, &councillor, &youth] {
            assert_code(&app.try_hide(Some(who), target).await, "FORBIDDEN");
            assert_code(&app.try_unhide(Some(who), target).await, "FORBIDDEN");
        }
    }
    assert_bad_input(&app.try_hide(Some(&clerk), "not-an-id").await, "targetId");
    assert_bad_input(&app.try_hide(Some(&clerk), &themed).await, "targetId");
    let draft = id_of(
        &app.create_proposal(&author, &themed, "A private draft")
            .await,
    );
    assert_code(&app.try_hide(Some(&clerk), &draft).await, "NOT_FOUND");
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { hideContent(targetId: $id, reason: \"  \") }",
            json!({ "id": proposal }),
        )
        .await;
    assert_bad_input(&resp, "reason");

    // Hide each kind; the second time changes nothing.
    for target in [&proposal, &discussion, &comment, &response, &youth_proposal] {
        assert!(app.hide(&clerk, target).await, "{target}");
        assert!(!app.hide(&clerk, target).await, "{target}");
    }

    let outsiders = [
        ("anonymous", None),
        ("reader", Some(&reader)),
        ("author", Some(&author)),
        ("councillor", Some(&councillor)),
    ];
    for (label, who) in outsiders {
        let p = moderated(&app, who, &proposal).await;
        assert_eq!(
            p,
            json!({ "title": title, "body": "[hidden]", "hidden": true }),
            "{label}"
        );
        let d = moderated(&app, who, &discussion).await;
        assert_eq!(
            d,
            json!({ "title": "Parking for visitors", "body": null, "hidden": true }),
            "{label}"
        );
        let c = moderated(&app, who, &comment).await;
        assert!(c["body"].is_null(), "{label}: {c}");
        assert_eq!(c["hidden"], true, "{label}: {c}");
        assert_eq!(c["deleted"], false, "{label}: {c}");
        let kept = &c["replies"]["edges"][0]["node"];
        assert_eq!(kept["id"], reply.as_str(), "{label}: {c}");
        assert_eq!(kept["body"], "A reply that stays", "{label}: {c}");
        let r = moderated(&app, who, &response).await;
        assert_eq!(r["body"], "[hidden]", "{label}: {r}");
    }
    // The youth author sees their own hidden proposal hidden too.
    let yp = moderated(&app, Some(&youth), &youth_proposal).await;
    assert_eq!(yp["body"], "[hidden]", "{yp}");
    // Clerks still read the text.
    assert_eq!(moderated(&app, Some(&clerk), &proposal).await["body"], BODY);
    assert_eq!(
        moderated(&app, Some(&clerk), &discussion).await["body"],
        BODY
    );
    assert_eq!(moderated(&app, Some(&clerk), &comment).await["body"], BODY);
    assert_eq!(
        moderated(&app, Some(&clerk), &response).await["body"],
        response_body
    );

    // Hidden things keep their place in lists.
    let resp = app
        .gql_as(
            &reader.token,
            "query($id: ID!, $p: ID!) {
               forum: node(id: $id) { ... on Forum {
                 proposals(first: 100) { totalCount edges { node { id hidden body } } }
                 discussions(first: 100) { totalCount edges { node { id hidden body } } } } }
               proposal(id: $p) { commentCount comments { totalCount edges { node { id hidden body } } } } }",
            json!({ "id": themed, "p": proposal }),
        )
        .await;
    let data = ok(&resp);
    let listed = |list: &Value, id: &str| -> Value {
        list["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["node"]["id"] == id)
            .map(|e| e["node"].clone())
            .unwrap_or_else(|| panic!("{id} is not listed: {list}"))
    };
    let p = listed(&data["forum"]["proposals"], &proposal);
    assert_eq!(
        (p["hidden"].clone(), p["body"].clone()),
        (json!(true), json!("[hidden]"))
    );
    let d = listed(&data["forum"]["discussions"], &discussion);
    assert_eq!(
        (d["hidden"].clone(), d["body"].clone()),
        (json!(true), Value::Null)
    );
    let c = listed(&data["proposal"]["comments"], &comment);
    assert_eq!(
        (c["hidden"].clone(), c["body"].clone()),
        (json!(true), Value::Null)
    );
    assert_eq!(data["proposal"]["commentCount"], 2, "{resp}");

    // Each author is told, and only they.
    for (who, target, field) in [
        (&author, &proposal, "proposal"),
        (&author, &discussion, ""),
        (&youth, &comment, "comment"),
        (&councillor, &response, "councilResponse"),
        (&youth, &youth_proposal, "proposal"),
    ] {
        let notes = app.notifications_of(who).await;
        let hidden: Vec<&Value> = notes
            .iter()
            .filter(|n| n["kind"] == "CONTENT_HIDDEN")
            .collect();
        assert!(
            hidden.iter().all(|n| n["message"]
                .as_str()
                .is_some_and(|m| m.contains("Breaks the forum rules"))),
            "{hidden:?}"
        );
        if !field.is_empty() {
            assert!(
                hidden.iter().any(|n| n[field]["id"] == target.as_str()),
                "no CONTENT_HIDDEN about {target} for {}: {notes:?}",
                who.user_id
            );
        }
    }
    let author_hidden = app
        .notifications_of(&author)
        .await
        .into_iter()
        .filter(|n| n["kind"] == "CONTENT_HIDDEN")
        .count();
    assert_eq!(
        author_hidden, 2,
        "one for the proposal, one for the discussion"
    );
    for who in [&reader, &clerk] {
        assert!(
            app.notifications_of(who)
                .await
                .iter()
                .all(|n| n["kind"] != "CONTENT_HIDDEN")
        );
    }

    // Unhiding brings every text back exactly; the second time changes nothing.
    for target in [&proposal, &discussion, &comment, &response, &youth_proposal] {
        assert!(app.unhide(&clerk, target).await, "{target}");
        assert!(!app.unhide(&clerk, target).await, "{target}");
    }
    for (label, who) in outsiders {
        let p = moderated(&app, who, &proposal).await;
        assert_eq!(
            p,
            json!({ "title": title, "body": BODY, "hidden": false }),
            "{label}"
        );
        let d = moderated(&app, who, &discussion).await;
        assert_eq!(d["body"], BODY, "{label}");
        assert_eq!(d["hidden"], false, "{label}");
        let c = moderated(&app, who, &comment).await;
        assert_eq!(c["body"], BODY, "{label}");
        assert_eq!(c["hidden"], false, "{label}");
        assert_eq!(moderated(&app, who, &response).await["body"], response_body);
    }

    let audit = app.audit_entries(&clerk).await;
    for target in [&proposal, &discussion, &comment, &response, &youth_proposal] {
        for action in ["content.hidden", "content.unhidden"] {
            let count = audit
                .iter()
                .filter(|(a, s, actor)| {
                    a == action
                        && s.as_deref() == Some(target.as_str())
                        && actor.as_deref() == Some(clerk.user_id.as_str())
                })
                .count();
            assert_eq!(count, 1, "{action} {target}: {audit:?}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hidden_council_response_shows_none_of_its_texts() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let resident = app.resident().await;
    let councillor = app.councillor().await;
    let themed = app.forum_id("culture-heritage").await;
    let proposal = app
        .open_proposal(&resident, &themed, "Restore the old chapel roof")
        .await;
    app.submit_to_council(&clerk, &proposal).await;
    let response = app
        .respond(&councillor, &proposal, "ACKNOWLEDGEMENT", None)
        .await;
    let resp = app
        .gql_as(
            &councillor.token,
            "mutation($id: ID!) { editCouncilResponse(id: $id, body: \"A corrected text\") { revisions } }",
            json!({ "id": response }),
        )
        .await;
    assert_eq!(
        data_at(&resp, "editCouncilResponse")["revisions"],
        json!(["The council's ACKNOWLEDGEMENT on this proposal."])
    );
    assert!(app.hide(&clerk, &response).await);

    let query = "query($id: ID!) { proposal(id: $id) { councilResponses { id body revisions } } }";
    let resp = app
        .gql_as(&resident.token, query, json!({ "id": proposal }))
        .await;
    let seen = &data_at(&resp, "proposal")["councilResponses"][0];
    assert_eq!(seen["body"], "[hidden]", "{resp}");
    // The earlier text is the hidden text too: it must not show through `revisions`.
    assert!(
        !resp
            .to_string()
            .contains("ACKNOWLEDGEMENT on this proposal"),
        "a hidden response's earlier text reaches a resident: {resp}"
    );
    let resp = app
        .gql_as(&clerk.token, query, json!({ "id": proposal }))
        .await;
    let seen = &data_at(&resp, "proposal")["councilResponses"][0];
    assert_eq!(seen["body"], "A corrected text", "{resp}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_shows_its_reporter_only_what_they_may_still_see() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let author = app.active_youth(&clerk).await;
    let reporter = app.active_youth(&clerk).await;
    let youth_forum = app.forum_id("youth-culture-heritage").await;
    let title = "Graffiti wall by the youth club";
    let proposal = app.open_proposal(&author, &youth_forum, title).await;
    let report = id_of(&app.report(&reporter, &proposal, "SAFEGUARDING").await);
    let other = app.active_youth(&clerk).await;
    let other_report = id_of(&app.report(&other, &proposal, "OFFENSIVE").await);
    let query = "query($id: ID!) { node(id: $id) { id ... on ContentReport { status
        target { ... on Proposal { id title body author { id } } } } } }";

    // A suspended youth member reads as an anonymous visitor: their report's target is gone too.
    app.suspend(&clerk, &other).await;
    assert!(app.proposal_as(Some(&other), &proposal).await.is_null());
    let resp = app
        .gql_as(&other.token, query, json!({ "id": other_report }))
        .await;
    let text = resp.to_string();
    assert!(
        !text.contains(title) && !text.contains(&proposal),
        "a youth proposal reaches a suspended account through its report: {resp}"
    );

    // The reporter turns 26: a resident now, outside the youth forums' walls.
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { setUserRole(userId: $id, role: RESIDENT) { role } }",
            json!({ "id": reporter.user_id }),
        )
        .await;
    assert_eq!(data_at(&resp, "setUserRole")["role"], "RESIDENT", "{resp}");
    assert!(app.proposal_as(Some(&reporter), &proposal).await.is_null());
    let resp = app
        .gql_as(&reporter.token, query, json!({ "id": report }))
        .await;
    let text = resp.to_string();
    assert!(
        !text.contains(title) && !text.contains(&proposal),
        "a youth proposal reaches a resident through their old report: {resp}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hidden_reply_notification_keeps_behind_the_walls() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let author = app.active_youth(&clerk).await;
    let replier = app.active_youth(&clerk).await;
    let councillor = app.councillor().await;
    let youth_forum = app.forum_id("youth-transport").await;
    let title = "Night bus home from the youth club";
    let proposal = app.open_proposal(&author, &youth_forum, title).await;
    app.submit_to_council(&clerk, &proposal).await;
    let response = app.respond(&councillor, &proposal, "QUESTION", None).await;
    // A youth member answers the council on a youth proposal; a clerk hides the answer.
    let comment = id_of(
        &app.add_comment(&replier, &response, None, "Fridays and Saturdays please")
            .await,
    );
    assert!(app.hide(&clerk, &comment).await);
    assert!(
        app.notifications_of(&replier)
            .await
            .iter()
            .any(|n| n["kind"] == "CONTENT_HIDDEN")
    );

    // Suspended, they read as an anonymous visitor: nothing of the youth forum, notifications
    // included.
    app.suspend(&clerk, &replier).await;
    let resp = app
        .gql_as(
            &replier.token,
            "{ myNotifications { totalCount edges { node { kind message
                 proposal { id title } councilResponse { id body proposal { id title } }
                 comment { id target { ... on CouncilResponse { id proposal { id title } } } } } } }
               unreadNotificationCount }",
            json!({}),
        )
        .await;
    let text = ok(&resp).to_string();
    assert!(
        !text.contains(&proposal) && !text.contains(&response),
        "youth-forum content reaches a suspended account through a notification: {resp}"
    );
}
