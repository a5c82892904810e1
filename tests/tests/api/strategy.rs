//! The community strategy (RULES.md "Community strategy and reports"): clerks write strategies,
//! objectives, indicators and measurements and link the proposals that reached the council;
//! DRAFT strategies are the council's alone; youth links stay inside the youth walls.

use fforwm_tests::{
    Session, TestApp, assert_bad_input, assert_code,
    content::data_at,
    ok,
    roles::global_id,
    str_at,
    strategy::{ids_of, indicator_input, objective_input, strategy_input},
};
use serde_json::{Value, json};

fn sorted(mut ids: Vec<String>) -> Vec<String> {
    ids.sort();
    ids
}

fn timestamp(value: &Value) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(value.as_str().unwrap_or_default())
        .unwrap_or_else(|e| panic!("not an RFC 3339 timestamp ({e}): {value}"))
}

/// `node(id) { __typename }` as `who`: the type name, or `None` for `null`.
async fn node_type(app: &TestApp, who: Option<&Session>, id: &str) -> Option<String> {
    let node = app.node_as(who, id).await;
    node["__typename"].as_str().map(str::to_owned)
}

/// A clerk's `markImplemented` that must work.
async fn mark_implemented(app: &TestApp, clerk: &Session, id: &str) {
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { markImplemented(id: $id, note: \"Done by the parks team\") { status } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(data_at(&resp, "markImplemented")["status"], "IMPLEMENTED");
}

/// A strategy with one objective, one link and one indicator.
struct DraftPieces {
    sid: String,
    oid: String,
    iid: String,
    link_id: String,
    proposal: String,
}

/// `who` sees the strategy, its objective, link, indicator and reports.
async fn sees_everything(app: &TestApp, who: Option<&Session>, p: &DraftPieces) {
    let view = app.strategy_as(who, &p.sid).await;
    assert_eq!(view["id"], p.sid.as_str(), "{view}");
    let objectives = view["objectives"].as_array().unwrap();
    assert_eq!(ids_of(&view["objectives"]), vec![p.oid.clone()], "{view}");
    assert_eq!(
        ids_of(&objectives[0]["contributions"]),
        vec![p.link_id.clone()]
    );
    assert_eq!(ids_of(&objectives[0]["indicators"]), vec![p.iid.clone()]);
    assert!(app.strategy_ids(who).await.contains(&p.sid));
    assert_eq!(
        node_type(app, who, &p.sid).await.as_deref(),
        Some("CommunityStrategy")
    );
    assert_eq!(
        node_type(app, who, &p.oid).await.as_deref(),
        Some("StrategyObjective")
    );
    assert_eq!(
        node_type(app, who, &p.iid).await.as_deref(),
        Some("Indicator")
    );
    assert_eq!(
        app.strategy_link_ids(who, &p.proposal).await,
        Some(vec![p.link_id.clone()])
    );
    for format in ["MARKDOWN", "CSV", "JSON"] {
        let report = app.strategy_report(who, &p.sid, format).await;
        assert!(!report.is_empty(), "{format}");
    }
}

/// `who` sees none of it: the strategy is answered as one that does not exist.
async fn sees_nothing(app: &TestApp, who: Option<&Session>, p: &DraftPieces) {
    assert!(app.strategy_as(who, &p.sid).await.is_null());
    assert!(!app.strategy_ids(who).await.contains(&p.sid));
    for id in [&p.sid, &p.oid, &p.iid] {
        assert_eq!(node_type(app, who, id).await, None, "{id}");
    }
    // The proposal is public; its link to a draft strategy is not.
    assert_eq!(app.strategy_link_ids(who, &p.proposal).await, Some(vec![]));
    for format in ["MARKDOWN", "CSV", "JSON"] {
        let resp = app.try_strategy_report(who, &p.sid, format).await;
        assert_code(&resp, "NOT_FOUND");
    }
}

/// The ids of the first objective's contributions as `who` sees them, sorted.
async fn contributions_of(app: &TestApp, who: Option<&Session>, sid: &str) -> Vec<String> {
    let view = app.strategy_as(who, sid).await;
    sorted(ids_of(&view["objectives"][0]["contributions"]))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_clerks_write_the_strategy_and_every_write_is_audited() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let resident = app.resident().await;
    let youth = app.active_youth(&clerk).await;
    // A suspended clerk is "as anonymous" but signed in: every mutation is FORBIDDEN.
    let suspended = app.clerk().await;
    app.suspend(&clerk, &suspended).await;
    let forum = app.forum_id("environment").await;
    let first = app
        .council_proposal(
            &resident,
            &clerk,
            &councillor,
            &forum,
            "Plant more trees on the green",
            None,
        )
        .await;
    let second = app
        .council_proposal(
            &resident,
            &clerk,
            &councillor,
            &forum,
            "Wildflower verges on the bypass",
            None,
        )
        .await;

    // The clerk writes each part of a strategy.
    let strategy = app.create_strategy(&clerk, "Greener Llanfair").await;
    let sid = str_at(&strategy, "id").to_owned();
    let resp = app
        .try_update_strategy(
            Some(&clerk),
            &sid,
            json!({ "summaryEn": "Trees, rivers and verges." }),
        )
        .await;
    assert_eq!(
        data_at(&resp, "updateStrategy")["summaryEn"],
        "Trees, rivers and verges."
    );
    let objective = app
        .add_objective(&clerk, &sid, "More trees in the town", &[&forum])
        .await;
    let oid = str_at(&objective, "id").to_owned();
    let link = app
        .link(&clerk, &oid, &first, Some("The first planting"))
        .await;
    let link_id = str_at(&link, "id").to_owned();
    let indicator = app
        .add_indicator(
            &clerk,
            &oid,
            "Trees planted",
            "trees",
            Some(0.0),
            Some(500.0),
        )
        .await;
    let iid = str_at(&indicator, "id").to_owned();
    app.record_measurement(&clerk, &iid, 120.0, "2026-06-30", None)
        .await;

    // Nobody else writes any of it: visitors sign in first, the rest are not clerks.
    let others: [(Option<&Session>, &str); 5] = [
        (None, "UNAUTHENTICATED"),
        (Some(&resident), "FORBIDDEN"),
        (Some(&youth), "FORBIDDEN"),
        (Some(&councillor), "FORBIDDEN"),
        (Some(&suspended), "FORBIDDEN"),
    ];
    for (who, code) in others {
        let input = strategy_input("A plan that is not the clerk's");
        assert_code(&app.try_create_strategy(who, input).await, code);
        let input = json!({ "titleEn": "Taken over", "status": "ADOPTED" });
        assert_code(&app.try_update_strategy(who, &sid, input).await, code);
        let input = objective_input("An objective nobody agreed", &[]);
        assert_code(&app.try_add_objective(who, &sid, input).await, code);
        assert_code(&app.try_link(who, &oid, &second, None).await, code);
        assert_code(&app.try_unlink(who, &link_id).await, code);
        let input = indicator_input("A measure nobody agreed", "things", None, None);
        assert_code(&app.try_add_indicator(who, &oid, input).await, code);
        let resp = app
            .try_record_measurement(who, &iid, 999.0, "2026-07-31", None)
            .await;
        assert_code(&resp, code);
    }

    // ... and the refusals changed nothing.
    assert_eq!(app.strategy_ids(Some(&clerk)).await, vec![sid.clone()]);
    let view = app.strategy_as(Some(&clerk), &sid).await;
    assert_eq!(view["status"], "DRAFT", "{view}");
    assert_eq!(view["title"], "Greener Llanfair", "{view}");
    let objectives = view["objectives"].as_array().unwrap();
    assert_eq!(objectives.len(), 1, "{view}");
    assert_eq!(
        ids_of(&objectives[0]["contributions"]),
        vec![link_id.clone()]
    );
    let indicators = objectives[0]["indicators"].as_array().unwrap();
    assert_eq!(indicators.len(), 1, "{view}");
    assert_eq!(
        indicators[0]["measurements"],
        json!([{ "value": 120.0, "recordedOn": "2026-06-30", "note": null }])
    );
    assert_eq!(
        app.strategy_link_ids(Some(&clerk), &second).await,
        Some(vec![])
    );

    let resp = app.try_unlink(Some(&clerk), &link_id).await;
    assert_eq!(ok(&resp)["unlinkProposal"], true, "{resp}");

    // Every write is in the audit log, by the clerk, in order; the refusals are not.
    let strategy_actions = [
        "strategy.created",
        "strategy.updated",
        "objective.added",
        "proposal.linked",
        "indicator.added",
        "measurement.recorded",
        "proposal.unlinked",
    ];
    let mut entries: Vec<_> = app
        .audit_entries(&clerk)
        .await
        .into_iter()
        .filter(|(action, _, _)| strategy_actions.contains(&action.as_str()))
        .collect();
    entries.reverse();
    let actions: Vec<&str> = entries.iter().map(|(a, _, _)| a.as_str()).collect();
    assert_eq!(actions, strategy_actions, "{entries:?}");
    for (action, _, actor) in &entries {
        assert_eq!(actor.as_deref(), Some(clerk.user_id.as_str()), "{action}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn strategy_input_is_checked_and_status_moves_one_way() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;

    // Each rule names its field, and a refused strategy is not made.
    let long = |n: usize| "x".repeat(n);
    let refusals = [
        ("titleEn", json!("G"), "titleEn"),
        ("titleEn", json!(long(151)), "titleEn"),
        ("titleCy", json!("G"), "titleCy"),
        ("titleCy", json!(long(151)), "titleCy"),
        ("summaryEn", json!(""), "summaryEn"),
        ("summaryEn", json!(long(5001)), "summaryEn"),
        ("summaryCy", json!(""), "summaryCy"),
        ("summaryCy", json!(long(5001)), "summaryCy"),
        ("periodEnd", json!("2026-03-31"), "periodEnd"),
    ];
    for (key, value, field) in refusals {
        let mut input = strategy_input("Sound input");
        input[key] = value;
        let resp = app.try_create_strategy(Some(&clerk), input).await;
        assert_bad_input(&resp, field);
    }
    assert!(app.strategy_ids(Some(&clerk)).await.is_empty());

    // The limits themselves are fine: 150 Welsh letters are 150 characters; a one-day period.
    let welsh = "ŵ".repeat(150);
    let input = json!({
        "titleEn": "Go",
        "titleCy": welsh.as_str(),
        "summaryEn": long(5000),
        "summaryCy": "A",
        "periodStart": "2026-09-01",
        "periodEnd": "2026-09-01",
    });
    let resp = app.try_create_strategy(Some(&clerk), input).await;
    let made = data_at(&resp, "createStrategy");
    assert_eq!(made["status"], "DRAFT", "{resp}");
    assert_eq!(made["titleEn"], "Go", "{resp}");
    assert_eq!(made["titleCy"], welsh.as_str(), "{resp}");
    assert_eq!(made["summaryEn"], long(5000).as_str(), "{resp}");
    assert_eq!(made["summaryCy"], "A", "{resp}");
    assert_eq!(made["periodStart"], "2026-09-01", "{resp}");
    assert_eq!(made["periodEnd"], "2026-09-01", "{resp}");
    assert_eq!(made["objectives"], json!([]), "{resp}");
    let made_id = str_at(&made, "id").to_owned();

    // updateStrategy checks the same rules, and finds only strategies.
    let strategy = app.create_strategy(&clerk, "Town centre renewal").await;
    let sid = str_at(&strategy, "id").to_owned();
    let resp = app
        .try_update_strategy(Some(&clerk), &sid, json!({ "titleCy": "T" }))
        .await;
    assert_bad_input(&resp, "titleCy");
    let resp = app
        .try_update_strategy(Some(&clerk), &sid, json!({ "summaryEn": "" }))
        .await;
    assert_bad_input(&resp, "summaryEn");
    for missing in [
        global_id("CommunityStrategy", 999_999),
        global_id("Forum", 1),
        "nonsense".to_owned(),
    ] {
        let resp = app
            .try_update_strategy(Some(&clerk), &missing, json!({ "titleEn": "Nowhere" }))
            .await;
        assert_code(&resp, "NOT_FOUND");
    }

    // A change moves updatedAt, not createdAt.
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    let resp = app
        .try_update_strategy(
            Some(&clerk),
            &sid,
            json!({ "titleEn": "Town centre renewal 2026", "summaryCy": "Adfywio canol y dref." }),
        )
        .await;
    let updated = data_at(&resp, "updateStrategy");
    assert_eq!(updated["titleEn"], "Town centre renewal 2026", "{resp}");
    assert_eq!(updated["titleCy"], strategy["titleCy"], "untouched: {resp}");
    assert_eq!(updated["summaryCy"], "Adfywio canol y dref.", "{resp}");
    assert_eq!(updated["status"], "DRAFT", "{resp}");
    assert_eq!(updated["createdAt"], strategy["createdAt"], "{resp}");
    assert!(
        timestamp(&updated["updatedAt"]) > timestamp(&strategy["updatedAt"]),
        "updatedAt did not move: {strategy} then {updated}"
    );

    // DRAFT -> CONSULTATION -> DRAFT -> ADOPTED -> ARCHIVED, refusing the wrong moves on the way.
    let conflict = |id: String, status: &'static str| {
        let app = &app;
        let clerk = &clerk;
        async move {
            let input = json!({ "status": status, "titleEn": "Should not stick" });
            let resp = app.try_update_strategy(Some(clerk), &id, input).await;
            assert_code(&resp, "CONFLICT");
        }
    };
    app.set_strategy_status(&clerk, &sid, "CONSULTATION").await;
    app.set_strategy_status(&clerk, &sid, "DRAFT").await;
    app.set_strategy_status(&clerk, &sid, "ADOPTED").await;
    for status in ["DRAFT", "CONSULTATION"] {
        conflict(sid.clone(), status).await;
    }
    let archived = app.set_strategy_status(&clerk, &sid, "ARCHIVED").await;
    for status in ["DRAFT", "CONSULTATION", "ADOPTED"] {
        conflict(sid.clone(), status).await;
    }
    // The refused updates changed nothing, the title they carried included.
    let view = app.strategy_as(Some(&clerk), &sid).await;
    assert_eq!(view["status"], "ARCHIVED", "{view}");
    assert_eq!(view["title"], "Town centre renewal 2026", "{view}");
    assert_eq!(archived["titleEn"], "Town centre renewal 2026");

    // The other allowed moves: CONSULTATION -> ADOPTED, CONSULTATION -> ARCHIVED,
    // DRAFT -> ARCHIVED, DRAFT -> ADOPTED.
    let second = app.create_strategy(&clerk, "Healthy Llanfair").await;
    let second = str_at(&second, "id").to_owned();
    app.set_strategy_status(&clerk, &second, "CONSULTATION")
        .await;
    app.set_strategy_status(&clerk, &second, "ADOPTED").await;
    let third = app.create_strategy(&clerk, "Safer Llanfair").await;
    let third = str_at(&third, "id").to_owned();
    app.set_strategy_status(&clerk, &third, "CONSULTATION")
        .await;
    app.set_strategy_status(&clerk, &third, "ARCHIVED").await;
    app.set_strategy_status(&clerk, &made_id, "ARCHIVED").await;
    let fourth = app.create_strategy(&clerk, "Thriving Llanfair").await;
    let fourth = str_at(&fourth, "id").to_owned();
    app.set_strategy_status(&clerk, &fourth, "ADOPTED").await;
    conflict(fourth.clone(), "CONSULTATION").await;

    assert_eq!(
        sorted(app.strategy_ids(Some(&clerk)).await),
        sorted(vec![made_id, sid.clone(), second, third, fourth.clone()])
    );

    // Staying put is not one of the moves: ADOPTED -> ADOPTED and ARCHIVED -> ARCHIVED are
    // CONFLICT too ("anything else"), so an archived strategy cannot be rewritten this way.
    conflict(fourth, "ADOPTED").await;
    conflict(sid.clone(), "ARCHIVED").await;
    let view = app.strategy_as(Some(&clerk), &sid).await;
    assert_eq!(view["title"], "Town centre renewal 2026", "{view}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_strategy_is_seen_by_the_council_only() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let resident = app.resident().await;
    let youth = app.active_youth(&clerk).await;
    let forum = app.forum_id("transport").await;
    let proposal = app
        .council_proposal(
            &resident,
            &clerk,
            &councillor,
            &forum,
            "A zebra crossing by the school",
            None,
        )
        .await;

    let strategy = app.create_strategy(&clerk, "Safe routes to school").await;
    let sid = str_at(&strategy, "id").to_owned();
    let objective = app
        .add_objective(&clerk, &sid, "Slower traffic near schools", &[&forum])
        .await;
    let oid = str_at(&objective, "id").to_owned();
    let link = app.link(&clerk, &oid, &proposal, None).await;
    let link_id = str_at(&link, "id").to_owned();
    let indicator = app
        .add_indicator(
            &clerk,
            &oid,
            "Average speed outside schools",
            "mph",
            Some(27.0),
            Some(20.0),
        )
        .await;
    let iid = str_at(&indicator, "id").to_owned();

    let council = [&clerk, &councillor];
    let public: [Option<&Session>; 3] = [None, Some(&resident), Some(&youth)];

    let pieces = DraftPieces {
        sid: sid.clone(),
        oid,
        iid,
        link_id,
        proposal,
    };
    for who in council {
        sees_everything(&app, Some(who), &pieces).await;
    }
    for who in public {
        sees_nothing(&app, who, &pieces).await;
    }
    // A suspended councillor reads as a visitor does.
    let suspended = app.councillor().await;
    app.suspend(&clerk, &suspended).await;
    sees_nothing(&app, Some(&suspended), &pieces).await;

    // Out for consultation, adopted, archived: everyone, visitors included.
    for status in ["CONSULTATION", "ADOPTED", "ARCHIVED"] {
        app.set_strategy_status(&clerk, &sid, status).await;
        for who in public {
            sees_everything(&app, who, &pieces).await;
        }
    }
    sees_everything(&app, Some(&councillor), &pieces).await;

    // Back from consultation to a draft, it is hidden again.
    let second = app
        .create_strategy(&clerk, "Safe routes, second draft")
        .await;
    let second = str_at(&second, "id").to_owned();
    app.set_strategy_status(&clerk, &second, "CONSULTATION")
        .await;
    assert!(!app.strategy_as(None, &second).await.is_null());
    app.set_strategy_status(&clerk, &second, "DRAFT").await;
    assert!(app.strategy_as(None, &second).await.is_null());
    assert!(app.strategy_as(Some(&resident), &second).await.is_null());
    assert!(!app.strategy_as(Some(&councillor), &second).await.is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn objectives_are_numbered_and_link_the_proposals_that_reached_the_council() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let resident = app.resident().await;
    let environment = app.forum_id("environment").await;
    let transport = app.forum_id("transport").await;

    let strategy = app.create_strategy(&clerk, "Clean air and water").await;
    let sid = str_at(&strategy, "id").to_owned();

    // Objectives are numbered 1, 2, 3 as they come, and name their forums.
    let first = app
        .add_objective(&clerk, &sid, "Cleaner rivers", &[&environment, &transport])
        .await;
    assert_eq!(first["position"], 1, "{first}");
    let mut slugs: Vec<&str> = first["forums"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| str_at(f, "slug"))
        .collect();
    slugs.sort_unstable();
    assert_eq!(slugs, ["environment", "transport"], "{first}");
    assert_eq!(first["contributions"], json!([]), "{first}");
    assert_eq!(first["indicators"], json!([]), "{first}");
    let second = app.add_objective(&clerk, &sid, "Cleaner air", &[]).await;
    assert_eq!(second["position"], 2, "{second}");
    assert_eq!(second["forums"], json!([]), "{second}");
    // forumIds may be left out.
    let mut input = objective_input("Quieter streets", &[]);
    input.as_object_mut().unwrap().remove("forumIds");
    let resp = app.try_add_objective(Some(&clerk), &sid, input).await;
    let third = data_at(&resp, "addObjective");
    assert_eq!(third["position"], 3, "{resp}");
    assert_eq!(third["forums"], json!([]), "{resp}");

    // forumIds must all be forums that exist; a refused objective takes no position.
    let proposal_id = app
        .council_proposal(
            &resident,
            &clerk,
            &councillor,
            &environment,
            "Fix the weir on the river",
            None,
        )
        .await;
    let bad_forums = [
        vec!["not-an-id".to_owned()],
        vec![global_id("Forum", 999_999)],
        vec![proposal_id.clone()],
        vec![environment.clone(), "not-an-id".to_owned()],
    ];
    for forum_ids in bad_forums {
        let mut input = objective_input("Not with those forums", &[]);
        input["forumIds"] = json!(forum_ids);
        let resp = app.try_add_objective(Some(&clerk), &sid, input).await;
        assert_bad_input(&resp, "forumIds");
    }
    for missing in [global_id("CommunityStrategy", 999_999), proposal_id.clone()] {
        let resp = app
            .try_add_objective(Some(&clerk), &missing, objective_input("Nowhere", &[]))
            .await;
        assert_code(&resp, "NOT_FOUND");
    }
    let fourth = app
        .add_objective(&clerk, &sid, "Fewer cars", &[&transport])
        .await;
    assert_eq!(fourth["position"], 4, "{fourth}");
    let view = app.strategy_as(Some(&clerk), &sid).await;
    let positions: Vec<i64> = view["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["position"].as_i64().unwrap())
        .collect();
    assert_eq!(positions, [1, 2, 3, 4], "{view}");
    let titles: Vec<&str> = view["objectives"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| str_at(o, "title"))
        .collect();
    assert_eq!(
        titles,
        [
            "Cleaner rivers",
            "Cleaner air",
            "Quieter streets",
            "Fewer cars"
        ]
    );
    // Positions count within one strategy.
    let other = app.create_strategy(&clerk, "Another plan").await;
    let other = app
        .add_objective(&clerk, str_at(&other, "id"), "Its own first objective", &[])
        .await;
    assert_eq!(other["position"], 1, "{other}");

    // Proposals in every status from SUBMITTED on can be linked.
    let oid = str_at(&first, "id").to_owned();
    let o2 = str_at(&second, "id").to_owned();
    let mut linked = Vec::new();
    let submitted = proposal_id.clone();
    linked.push((submitted.clone(), "SUBMITTED"));
    let under_review = app
        .council_proposal(
            &resident,
            &clerk,
            &councillor,
            &environment,
            "Test the water every month",
            None,
        )
        .await;
    app.respond(&councillor, &under_review, "UPDATE", None)
        .await;
    linked.push((under_review, "UNDER_REVIEW"));
    for decision in ["ACCEPTED", "REJECTED", "DEFERRED"] {
        let id = app
            .council_proposal(
                &resident,
                &clerk,
                &councillor,
                &environment,
                &format!("A river idea the council {}", decision.to_lowercase()),
                Some(decision),
            )
            .await;
        linked.push((id, decision));
    }
    let implemented = app
        .council_proposal(
            &resident,
            &clerk,
            &councillor,
            &environment,
            "Reed beds below the bridge",
            Some("ACCEPTED"),
        )
        .await;
    mark_implemented(&app, &clerk, &implemented).await;
    linked.push((implemented, "IMPLEMENTED"));

    let mut link_ids = Vec::new();
    for (id, status) in &linked {
        let note = format!("Counts toward cleaner rivers ({status})");
        let link = app.link(&clerk, &oid, id, Some(&note)).await;
        assert_eq!(link["proposal"]["status"], *status, "{link}");
        assert_eq!(link["objective"]["position"], 1, "{link}");
        assert_eq!(link["objective"]["strategy"]["id"], sid.as_str(), "{link}");
        timestamp(&link["linkedAt"]);
        let link_id = str_at(&link, "id").to_owned();
        // The strategy is a draft: the council sees the link on the proposal.
        assert_eq!(
            app.strategy_link_ids(Some(&councillor), id).await,
            Some(vec![link_id.clone()])
        );
        assert_eq!(
            app.strategy_link_ids(Some(&resident), id).await,
            Some(vec![])
        );
        link_ids.push(link_id);
    }
    let contributions = |objective: String| {
        let app = &app;
        let clerk = &clerk;
        async move {
            let resp = app
                .gql_as(
                    &clerk.token,
                    "query($id: ID!) { node(id: $id) { ... on StrategyObjective {
                       contributions { id note linkedBy { id } proposal { id } } } } }",
                    json!({ "id": objective }),
                )
                .await;
            ok(&resp)["node"]["contributions"].clone()
        }
    };
    let listed = contributions(oid.clone()).await;
    assert_eq!(
        sorted(ids_of(&listed)),
        sorted(link_ids.clone()),
        "{listed}"
    );
    for link in listed.as_array().unwrap() {
        assert_eq!(link["linkedBy"]["id"], clerk.user_id.as_str(), "{link}");
        assert!(
            str_at(link, "note").starts_with("Counts toward cleaner rivers"),
            "{link}"
        );
    }

    // Not one that has not reached the council; not one the clerk cannot see; not twice.
    let open = app
        .open_proposal(&resident, &environment, "Still gathering support")
        .await;
    assert_code(
        &app.try_link(Some(&clerk), &oid, &open, None).await,
        "CONFLICT",
    );
    let withdrawn = app
        .open_proposal(&resident, &environment, "Changed my mind about this")
        .await;
    app.proposal_mutation(&resident, "withdrawProposal", &withdrawn)
        .await;
    assert_code(
        &app.try_link(Some(&clerk), &oid, &withdrawn, None).await,
        "CONFLICT",
    );
    let draft = app
        .create_proposal(&resident, &environment, "Only a draft so far")
        .await;
    let resp = app
        .try_link(Some(&clerk), &oid, str_at(&draft, "id"), None)
        .await;
    assert_code(&resp, "NOT_FOUND");
    assert_code(
        &app.try_link(Some(&clerk), &oid, &submitted, Some("Again"))
            .await,
        "CONFLICT",
    );
    for (objective, proposal) in [
        (global_id("StrategyObjective", 999_999), submitted.clone()),
        (oid.clone(), global_id("Proposal", 999_999)),
        (sid.clone(), submitted.clone()),
    ] {
        assert_code(
            &app.try_link(Some(&clerk), &objective, &proposal, None)
                .await,
            "NOT_FOUND",
        );
    }
    assert_eq!(
        sorted(ids_of(&contributions(oid.clone()).await)),
        sorted(link_ids.clone())
    );

    // The same proposal may feed another objective; a note is optional.
    let other_link = app.link(&clerk, &o2, &submitted, None).await;
    let other_link = str_at(&other_link, "id").to_owned();
    assert_eq!(
        app.strategy_link_ids(Some(&clerk), &submitted)
            .await
            .map(sorted),
        Some(sorted(vec![link_ids[0].clone(), other_link.clone()]))
    );

    // Unlinking removes the link everywhere, once.
    let resp = app.try_unlink(Some(&clerk), &link_ids[0]).await;
    assert_eq!(ok(&resp)["unlinkProposal"], true, "{resp}");
    assert_eq!(
        sorted(ids_of(&contributions(oid.clone()).await)),
        sorted(link_ids[1..].to_vec())
    );
    assert_eq!(
        app.strategy_link_ids(None, &submitted).await,
        Some(vec![]),
        "a draft"
    );
    assert_eq!(
        app.strategy_link_ids(Some(&councillor), &submitted).await,
        Some(vec![other_link.clone()])
    );
    assert_code(
        &app.try_unlink(Some(&clerk), &link_ids[0]).await,
        "NOT_FOUND",
    );
    for missing in [
        global_id("StrategyLink", 999_999),
        submitted.clone(),
        "nonsense".to_owned(),
    ] {
        assert_code(&app.try_unlink(Some(&clerk), &missing).await, "NOT_FOUND");
    }
    // ... after which it may be linked again.
    let again = app
        .link(&clerk, &oid, &submitted, Some("Linked again"))
        .await;
    assert_ne!(str_at(&again, "id"), link_ids[0]);
    assert_eq!(
        contributions(oid).await.as_array().unwrap().len(),
        link_ids.len()
    );

    // Two clerks adding objectives at the same moment all succeed, numbered 5 to 10: a race is
    // the server's to serialise, not a CONFLICT for the clerk.
    let second_clerk = app.clerk().await;
    let adds = (0..6).map(|n| {
        let who = if n % 2 == 0 { &clerk } else { &second_clerk };
        app.try_add_objective(
            Some(who),
            &sid,
            objective_input(&format!("Objective at once {n}"), &[]),
        )
    });
    let mut positions: Vec<i64> = futures_util::future::join_all(adds)
        .await
        .iter()
        .map(|resp| data_at(resp, "addObjective")["position"].as_i64().unwrap())
        .collect();
    positions.sort_unstable();
    assert_eq!(positions, [5, 6, 7, 8, 9, 10]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn links_to_youth_proposals_stay_inside_the_youth_walls() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let resident = app.resident().await;
    let author = app.active_youth(&clerk).await;
    let friend = app.active_youth(&clerk).await;
    let pending = app.pending_youth(15).await;
    let youth_environment = app.forum_id("youth-environment").await;
    let youth_transport = app.forum_id("youth-transport").await;
    let environment = app.forum_id("environment").await;

    // A youth proposal sent to the council from its youth forum, one forwarded to the themed
    // forum, and a resident's.
    let youth_only = app
        .council_proposal(
            &author,
            &clerk,
            &councillor,
            &youth_environment,
            "Water fountains at the youth club",
            None,
        )
        .await;
    let original = app
        .open_proposal(&author, &youth_transport, "Cycle training for year seven")
        .await;
    let resp = app.try_forward(Some(&clerk), &original).await;
    let copy = str_at(&data_at(&resp, "forwardYouthProposal"), "id").to_owned();
    let themed = app
        .council_proposal(
            &resident,
            &clerk,
            &councillor,
            &environment,
            "Recycling bins on the promenade",
            None,
        )
        .await;

    let strategy = app.create_strategy(&clerk, "Young and green").await;
    let sid = str_at(&strategy, "id").to_owned();
    let objective = app
        .add_objective(&clerk, &sid, "Young people lead", &[])
        .await;
    let oid = str_at(&objective, "id").to_owned();
    let youth_link = app
        .link(&clerk, &oid, &youth_only, Some("From the youth forum"))
        .await;
    let youth_link = str_at(&youth_link, "id").to_owned();
    let copy_link = app.link(&clerk, &oid, &copy, None).await;
    let copy_link = str_at(&copy_link, "id").to_owned();
    let themed_link = app.link(&clerk, &oid, &themed, None).await;
    let themed_link = str_at(&themed_link, "id").to_owned();
    // While the strategy is a draft, youth members see their proposal but not its link.
    for who in [&author, &friend] {
        assert_eq!(
            app.strategy_link_ids(Some(who), &youth_only).await,
            Some(vec![])
        );
        assert!(app.strategy_as(Some(who), &sid).await.is_null());
    }
    assert_eq!(
        contributions_of(&app, Some(&councillor), &sid).await.len(),
        3
    );
    app.set_strategy_status(&clerk, &sid, "CONSULTATION").await;

    // Those who may see the youth forum's proposals see all three links.
    for who in [&clerk, &councillor, &author, &friend] {
        assert_eq!(
            contributions_of(&app, Some(who), &sid).await,
            sorted(vec![
                youth_link.clone(),
                copy_link.clone(),
                themed_link.clone()
            ])
        );
        assert_eq!(
            app.strategy_link_ids(Some(who), &youth_only).await,
            Some(vec![youth_link.clone()])
        );
    }
    // Everyone else sees the forwarded copy and the resident's, not the youth forum's.
    for who in [None, Some(&resident), Some(&pending)] {
        assert_eq!(
            contributions_of(&app, who, &sid).await,
            sorted(vec![copy_link.clone(), themed_link.clone()])
        );
        assert_eq!(app.strategy_link_ids(who, &youth_only).await, None);
        assert_eq!(
            app.strategy_link_ids(who, &copy).await,
            Some(vec![copy_link.clone()])
        );
        assert_eq!(
            app.strategy_link_ids(who, &themed).await,
            Some(vec![themed_link.clone()])
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn indicators_keep_measurements_and_every_text_speaks_both_languages() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let strategy = app.create_strategy(&clerk, "Active travel").await;
    let sid = str_at(&strategy, "id").to_owned();
    let objective = app.add_objective(&clerk, &sid, "More walking", &[]).await;
    let oid = str_at(&objective, "id").to_owned();

    // Indicator input: each rule names its field, and a refused indicator is not made.
    let long = |n: usize| "x".repeat(n);
    let refusals = [
        ("nameEn", json!("K"), "nameEn"),
        ("nameEn", json!(long(151)), "nameEn"),
        ("nameCy", json!("K"), "nameCy"),
        ("nameCy", json!(long(151)), "nameCy"),
        ("unit", json!(""), "unit"),
        ("unit", json!(long(41)), "unit"),
    ];
    for (key, value, field) in refusals {
        let mut input = indicator_input("Steps walked", "steps", None, None);
        input[key] = value;
        let resp = app.try_add_indicator(Some(&clerk), &oid, input).await;
        assert_bad_input(&resp, field);
    }
    for missing in [global_id("StrategyObjective", 999_999), sid.clone()] {
        let input = indicator_input("Steps walked", "steps", None, None);
        assert_code(
            &app.try_add_indicator(Some(&clerk), &missing, input).await,
            "NOT_FOUND",
        );
    }
    let view = app.strategy_as(Some(&clerk), &sid).await;
    assert_eq!(view["objectives"][0]["indicators"], json!([]), "{view}");

    // At the limits; baseline and target optional.
    let input = json!({ "nameEn": "Km", "nameCy": "ŵ".repeat(150), "unit": long(40) });
    let resp = app.try_add_indicator(Some(&clerk), &oid, input).await;
    let bare = data_at(&resp, "addIndicator");
    assert_eq!(bare["nameEn"], "Km", "{resp}");
    assert_eq!(bare["nameCy"], "ŵ".repeat(150).as_str(), "{resp}");
    assert_eq!(bare["unit"], long(40).as_str(), "{resp}");
    assert!(
        bare["baseline"].is_null() && bare["target"].is_null(),
        "{resp}"
    );
    assert_eq!(bare["measurements"], json!([]), "{resp}");
    let indicator = app
        .add_indicator(
            &clerk,
            &oid,
            "People walking to work",
            "%",
            Some(12.5),
            Some(30.0),
        )
        .await;
    assert_eq!(indicator["baseline"].as_f64(), Some(12.5), "{indicator}");
    assert_eq!(indicator["target"].as_f64(), Some(30.0), "{indicator}");
    assert_eq!(indicator["unit"], "%", "{indicator}");
    let iid = str_at(&indicator, "id").to_owned();

    // Measurements come back oldest first by the day they were recorded for.
    let after = app
        .record_measurement(&clerk, &iid, 18.75, "2026-03-01", Some("Spring count"))
        .await;
    assert_eq!(
        after["measurements"].as_array().unwrap().len(),
        1,
        "{after}"
    );
    app.record_measurement(&clerk, &iid, 14.0, "2026-01-15", None)
        .await;
    let after = app
        .record_measurement(
            &clerk,
            &iid,
            16.5,
            "2026-02-10",
            Some("After the new path opened"),
        )
        .await;
    assert_eq!(after["id"], iid.as_str(), "{after}");
    let measured: Vec<(f64, &str, Value)> = after["measurements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["value"].as_f64().unwrap(),
                str_at(m, "recordedOn"),
                m["note"].clone(),
            )
        })
        .collect();
    assert_eq!(
        measured,
        vec![
            (14.0, "2026-01-15", Value::Null),
            (16.5, "2026-02-10", json!("After the new path opened")),
            (18.75, "2026-03-01", json!("Spring count")),
        ]
    );
    for missing in [global_id("Indicator", 999_999), oid.clone()] {
        let resp = app
            .try_record_measurement(Some(&clerk), &missing, 1.0, "2026-04-01", None)
            .await;
        assert_code(&resp, "NOT_FOUND");
    }
    let view = app.strategy_as(Some(&clerk), &sid).await;
    let indicators = &view["objectives"][0]["indicators"];
    assert_eq!(
        sorted(ids_of(indicators)),
        sorted(vec![str_at(&bare, "id").to_owned(), iid.clone()])
    );
    let listed = indicators
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == iid.as_str())
        .unwrap();
    assert_eq!(listed["measurements"], after["measurements"], "{view}");

    // Bilingual texts: lang, then Accept-Language, then the viewer's language, then English.
    app.set_strategy_status(&clerk, &sid, "CONSULTATION").await;
    let query = "query($id: ID!) { strategy(id: $id) { title summary
        titleEn: title(lang: EN) titleCy: title(lang: CY)
        objectives { title description descriptionCy: description(lang: CY)
          indicators { name nameEn: name(lang: EN) } } } }";
    let texts = |token: Option<String>, header: Option<&'static str>| {
        let (app, sid) = (&app, &sid);
        async move {
            let headers: Vec<(&str, &str)> =
                header.map(|h| ("Accept-Language", h)).into_iter().collect();
            let resp = app
                .gql_with(token.as_deref(), &headers, query, json!({ "id": sid }))
                .await;
            let s = &data_at(&resp, "strategy");
            let o = &s["objectives"][0];
            let i = &o["indicators"]
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["nameEn"] == "People walking to work")
                .cloned()
                .unwrap();
            (
                [
                    s["title"].clone(),
                    s["summary"].clone(),
                    o["title"].clone(),
                    o["description"].clone(),
                    i["name"].clone(),
                ],
                [
                    s["titleEn"].clone(),
                    s["titleCy"].clone(),
                    o["descriptionCy"].clone(),
                    i["nameEn"].clone(),
                ],
            )
        }
    };
    let english = json!([
        "Active travel",
        "What the council means to do: Active travel.",
        "More walking",
        "How we will get there: More walking.",
        "People walking to work",
    ]);
    let welsh = json!([
        "Active travel (Cymraeg)",
        "Beth mae'r cyngor am ei wneud: Active travel.",
        "More walking (Cymraeg)",
        "Sut y byddwn yn cyrraedd: More walking.",
        "People walking to work (Cymraeg)",
    ]);
    let pinned = json!([
        "Active travel",
        "Active travel (Cymraeg)",
        "Sut y byddwn yn cyrraedd: More walking.",
        "People walking to work",
    ]);
    let cymro = app.resident().await;
    let resp = app
        .gql_as(
            &cymro.token,
            "mutation { updateMe(input: { preferredLanguage: CY }) { preferredLanguage } }",
            json!({}),
        )
        .await;
    assert_eq!(data_at(&resp, "updateMe")["preferredLanguage"], "CY");
    let cases = [
        (None, None, &english),
        (None, Some("cy"), &welsh),
        (None, Some("cy-GB,cy;q=0.9,en;q=0.5"), &welsh),
        (None, Some("en"), &english),
        (Some(cymro.token.clone()), None, &welsh),
        (Some(cymro.token.clone()), Some("en"), &english),
        (Some(clerk.token.clone()), None, &english),
    ];
    for (token, header, expected) in cases {
        let (shown, with_lang) = texts(token.clone(), header).await;
        assert_eq!(
            json!(shown),
            *expected,
            "token: {}, header: {header:?}",
            token.is_some()
        );
        assert_eq!(
            json!(with_lang),
            pinned,
            "lang beats everything ({header:?})"
        );
    }
}
