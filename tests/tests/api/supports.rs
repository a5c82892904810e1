//! Supports: idempotent, never one's own, only while a proposal is with the people or the
//! council; the support that reaches the threshold sends the proposal to the council; exact
//! counts under concurrency.

use std::sync::Arc;

use fforwm_tests::{Session, TestApp, assert_code, content::data_at, ok, str_at};
use serde_json::{Value, json};

/// How many times `history` moved to `to`.
fn moves_to(proposal: &Value, to: &str) -> usize {
    proposal["history"]
        .as_array()
        .unwrap_or_else(|| panic!("no history: {proposal}"))
        .iter()
        .filter(|c| c["to"] == to)
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn supports_are_idempotent_and_never_ones_own() {
    let app = TestApp::spawn().await;
    let (alice, bob, carys) = (
        app.resident().await,
        app.resident().await,
        app.resident().await,
    );
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let pending = app.pending_youth(14).await;
    let forum = app.forum_id("community-safety").await;
    let id = app
        .open_proposal(&alice, &forum, "Street lights on Heol y Bont")
        .await;

    let supported = app.support(&bob, &id).await;
    assert_eq!(supported["supportCount"], 1);
    assert_eq!(supported["viewerHasSupported"], true);
    assert_eq!(supported["status"], "OPEN");
    let again = app.support(&bob, &id).await;
    assert_eq!(again["supportCount"], 1, "twice is once");
    assert_eq!(again["viewerHasSupported"], true);

    // Each viewer sees their own viewerHasSupported.
    assert_eq!(
        app.proposal_as(Some(&carys), &id).await["viewerHasSupported"],
        false
    );
    assert_eq!(
        app.proposal_as(None, &id).await["viewerHasSupported"],
        false
    );
    assert_eq!(app.proposal_as(None, &id).await["supportCount"], 1);
    let by_carys = app.support(&carys, &id).await;
    assert_eq!(by_carys["supportCount"], 2);
    // A clerk may support too.
    assert_eq!(app.support(&clerk, &id).await["supportCount"], 3);

    // Not one's own; not anonymous; not councillors (they respond) nor pending youth.
    for (who, code) in [
        (Some(&alice), "FORBIDDEN"),
        (None, "UNAUTHENTICATED"),
        (Some(&councillor), "FORBIDDEN"),
        (Some(&pending), "FORBIDDEN"),
    ] {
        let resp = app.try_proposal_mutation(who, "supportProposal", &id).await;
        assert_code(&resp, code);
    }
    assert_code(
        &app.try_proposal_mutation(Some(&bob), "supportProposal", "garbage")
            .await,
        "NOT_FOUND",
    );
    let current = app.proposal_as(Some(&alice), &id).await;
    assert_eq!(current["supportCount"], 3);
    assert_eq!(current["viewerHasSupported"], false);

    // Withdrawing: idempotent, and a support never given changes nothing.
    let withdrawn = app.withdraw_support(&bob, &id).await;
    assert_eq!(withdrawn["supportCount"], 2);
    assert_eq!(withdrawn["viewerHasSupported"], false);
    assert_eq!(app.withdraw_support(&bob, &id).await["supportCount"], 2);
    assert_eq!(app.withdraw_support(&alice, &id).await["supportCount"], 2);
    assert_code(
        &app.try_proposal_mutation(None, "withdrawSupport", &id)
            .await,
        "UNAUTHENTICATED",
    );
    // And back again.
    assert_eq!(app.support(&bob, &id).await["supportCount"], 3);
    assert_eq!(
        app.proposal_as(None, &id).await["version"],
        2,
        "supports are not edits"
    );

    // Drafts cannot be supported (nobody else sees them).
    let draft = str_at(
        &app.create_proposal(&alice, &forum, "Not ready yet").await,
        "id",
    )
    .to_owned();
    assert_code(
        &app.try_proposal_mutation(Some(&bob), "supportProposal", &draft)
            .await,
        "NOT_FOUND",
    );

    // At the council: supports still count.
    assert_eq!(
        app.submit_to_council(&clerk, &id).await["status"],
        "SUBMITTED"
    );
    let dafydd = app.resident().await;
    let resp = app.support(&dafydd, &id).await;
    assert_eq!(resp["supportCount"], 4);
    assert_eq!(resp["status"], "SUBMITTED");
    assert_eq!(app.withdraw_support(&carys, &id).await["supportCount"], 3);

    // Withdrawn: no longer.
    let gone = app.open_proposal(&alice, &forum, "Bins on the prom").await;
    assert_eq!(app.support(&bob, &gone).await["supportCount"], 1);
    app.proposal_mutation(&alice, "withdrawProposal", &gone)
        .await;
    for (who, field) in [
        (&carys, "supportProposal"),
        (&bob, "supportProposal"),
        (&bob, "withdrawSupport"),
    ] {
        let resp = app.try_proposal_mutation(Some(who), field, &gone).await;
        assert_code(&resp, "CONFLICT");
    }
    let frozen = app.proposal_as(Some(&bob), &gone).await;
    assert_eq!(frozen["supportCount"], 1);
    assert_eq!(frozen["viewerHasSupported"], true);

    // An archived forum takes no new supports.
    let closed = app.create_forum(&clerk, "closing-down", 50).await;
    let late = app
        .open_proposal(&alice, &closed, "Before the doors close")
        .await;
    app.archive_forum(&clerk, &closed).await;
    assert_code(
        &app.try_proposal_mutation(Some(&bob), "supportProposal", &late)
            .await,
        "FORBIDDEN",
    );
    assert_eq!(app.proposal_as(None, &late).await["supportCount"], 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_support_that_reaches_the_threshold_sends_the_proposal_to_the_council() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let residents = app.residents(4).await;
    let (alice, supporters) = (&residents[0], &residents[1..]);
    let forum = app.create_forum(&clerk, "threshold-two", 2).await;
    let id = app
        .open_proposal(alice, &forum, "Benches along the river")
        .await;

    let first = app.support(&supporters[0], &id).await;
    assert_eq!(first["status"], "OPEN");
    assert_eq!(first["supportCount"], 1);
    // Withdrawing and supporting again does not count twice.
    app.withdraw_support(&supporters[0], &id).await;
    let first = app.support(&supporters[0], &id).await;
    assert_eq!(first["status"], "OPEN");
    assert_eq!(first["supportCount"], 1);

    // The second support: SUBMITTED in the same response.
    let second = app.support(&supporters[1], &id).await;
    assert_eq!(second["status"], "SUBMITTED", "{second}");
    assert_eq!(second["supportCount"], 2);
    assert!(second["submittedAt"].is_string(), "{second}");
    assert_eq!(second["version"], 3);
    let last = second["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["from"], "OPEN");
    assert_eq!(last["to"], "SUBMITTED");
    assert!(last["actorRole"].is_null(), "the system moved it: {last}");
    assert_eq!(moves_to(&second, "SUBMITTED"), 1);

    // Beyond the threshold: counted, not moved again.
    let third = app.support(&supporters[2], &id).await;
    assert_eq!(third["supportCount"], 3);
    assert_eq!(third["status"], "SUBMITTED");
    assert_eq!(moves_to(&third, "SUBMITTED"), 1);
    // Falling below it does not bring it back.
    app.withdraw_support(&supporters[0], &id).await;
    app.withdraw_support(&supporters[1], &id).await;
    let below = app.proposal_as(None, &id).await;
    assert_eq!(below["supportCount"], 1);
    assert_eq!(below["status"], "SUBMITTED");

    // It is in the council's inbox.
    let resp = app
        .gql_as(
            &clerk.token,
            "{ councilInbox { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        ok(&resp)["councilInbox"]["edges"][0]["node"]["id"],
        id.as_str()
    );

    // The audit log has the system's move, with no actor.
    let entries: Vec<_> = app
        .audit_entries(&clerk)
        .await
        .into_iter()
        .filter(|(action, subject, _)| {
            action == "proposal.status_changed" && subject.as_deref() == Some(id.as_str())
        })
        .collect();
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(entries[0].2, None, "{entries:?}");
    assert_eq!(entries[1].2.as_deref(), Some(alice.user_id.as_str()));

    // A threshold of one: the first support does it.
    let one = app.create_forum(&clerk, "threshold-one", 1).await;
    let quick = app
        .open_proposal(alice, &one, "Fix the pothole on Stryd Fawr")
        .await;
    let moved = app.support(&supporters[0], &quick).await;
    assert_eq!(moved["status"], "SUBMITTED");
    assert_eq!(moved["supportCount"], 1);
}

/// Signs in `n` residents concurrently (password hashing is the slow part).
async fn many_residents(app: &Arc<TestApp>, n: usize) -> Vec<Session> {
    let mut tasks = Vec::new();
    for _ in 0..n {
        let app = Arc::clone(app);
        tasks.push(tokio::spawn(async move { app.resident().await }));
    }
    let mut sessions = Vec::new();
    for task in tasks {
        sessions.push(task.await.expect("resident task"));
    }
    sessions
}

/// Fires `field(id)` for every session at once; returns the responses.
async fn all_at_once(
    app: &Arc<TestApp>,
    calls: Vec<(Session, &'static str)>,
    id: &str,
) -> Vec<Value> {
    let barrier = Arc::new(tokio::sync::Barrier::new(calls.len()));
    let mut tasks = Vec::new();
    for (who, field) in calls {
        let (app, barrier, id) = (Arc::clone(app), Arc::clone(&barrier), id.to_owned());
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            app.try_proposal_mutation(Some(&who), field, &id).await
        }));
    }
    let mut responses = Vec::new();
    for task in tasks {
        responses.push(task.await.expect("request task"));
    }
    responses
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_supports_count_exactly_and_move_the_proposal_once() {
    let app = Arc::new(TestApp::spawn().await);
    let clerk = app.clerk().await;
    let alice = app.resident().await;
    let crowd = many_residents(&app, 20).await;
    let forum = app.create_forum(&clerk, "busy-forum", 10).await;
    let id = app
        .open_proposal(&alice, &forum, "A much loved proposal")
        .await;

    // Twenty supports at once: each one counts, the threshold (10) moves it exactly once.
    let calls = crowd
        .iter()
        .map(|s| (s.clone(), "supportProposal"))
        .collect();
    for resp in all_at_once(&app, calls, &id).await {
        let proposal = data_at(&resp, "supportProposal");
        assert!(
            ["OPEN", "SUBMITTED"].contains(&proposal["status"].as_str().unwrap()),
            "{resp}"
        );
    }
    let after = app.proposal_as(None, &id).await;
    assert_eq!(after["supportCount"], 20, "{after}");
    assert_eq!(after["status"], "SUBMITTED");
    assert_eq!(moves_to(&after, "SUBMITTED"), 1, "{after}");
    assert_eq!(after["version"], 3, "{after}");

    // Support and withdraw at once from each person, twice over, on a second proposal (no
    // threshold in reach): whatever wins, the count is the number of supporters.
    let other = app
        .open_proposal(&alice, &app.forum_id("economy-tourism").await, "Market day")
        .await;
    // Half already support it.
    for who in &crowd[..10] {
        app.support(who, &other).await;
    }
    let mut calls = Vec::new();
    for who in &crowd {
        calls.push((who.clone(), "supportProposal"));
        calls.push((who.clone(), "withdrawSupport"));
        calls.push((who.clone(), "supportProposal"));
    }
    for resp in all_at_once(&app, calls, &other).await {
        ok(&resp);
    }
    let mut supporters = 0;
    for who in &crowd {
        if app.proposal_as(Some(who), &other).await["viewerHasSupported"] == true {
            supporters += 1;
        }
    }
    let after = app.proposal_as(None, &other).await;
    assert_eq!(after["supportCount"], supporters, "{after}");
    assert_eq!(after["status"], "OPEN");
    // And withdrawn all at once: none left.
    let calls = crowd
        .iter()
        .map(|s| (s.clone(), "withdrawSupport"))
        .collect();
    for resp in all_at_once(&app, calls, &other).await {
        assert_eq!(
            data_at(&resp, "withdrawSupport")["viewerHasSupported"],
            false
        );
    }
    assert_eq!(app.proposal_as(None, &other).await["supportCount"], 0);
}
