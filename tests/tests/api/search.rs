//! `proposals(search:)`: every word, folded the same way on both databases (Unicode case, NFC),
//! through the index, only in what the viewer may read (a hidden proposal's body is for clerks),
//! kept in step with every change to a proposal's text, and bounded.

use std::collections::HashSet;

use fforwm_tests::{
    PASSWORD, Session, TestApp, assert_bad_input,
    content::{data_at, node_ids},
    ok, str_at,
};
use serde_json::{Value, json};

const SEARCH: &str = "query($q: String) {
    proposals(first: 100, search: $q) { totalCount edges { node { id title body hidden } } } }";

/// The ids `who` finds with `q` (checking that totalCount agrees).
async fn found(app: &TestApp, who: Option<&Session>, q: &str) -> HashSet<String> {
    let resp = app.gql_opt(who, SEARCH, json!({ "q": q })).await;
    let list = &ok(&resp)["proposals"];
    let ids: HashSet<String> = node_ids(list).into_iter().collect();
    assert_eq!(list["totalCount"], ids.len(), "{resp}");
    ids
}

fn set(ids: &[&str]) -> HashSet<String> {
    ids.iter().map(|id| (*id).to_owned()).collect()
}

async fn published(app: &TestApp, who: &Session, forum: &str, title: &str, body: &str) -> String {
    let resp = app
        .try_create_proposal(
            Some(who),
            json!({ "forumId": forum, "title": title, "body": body }),
        )
        .await;
    let id = str_at(&data_at(&resp, "createProposal"), "id").to_owned();
    app.publish(who, &id).await;
    id
}

/// Hidden text cannot be rebuilt through search: a hidden proposal is found by its title alone,
/// except by clerks, who may read its body.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_never_finds_hidden_text_except_for_clerks() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let (ann, bob) = (app.resident().await, app.resident().await);
    let forum = app.forum_id("transport").await;
    let hidden = published(
        &app,
        &ann,
        &forum,
        "Speeding on Heol Fawr",
        "Ring me on 07700 900123 about the vans.",
    )
    .await;
    let other = published(&app, &bob, &forum, "Vans parked on pavements", "Every day.").await;
    ok(&app.try_hide(Some(&clerk), &hidden).await);

    for who in [None, Some(&bob), Some(&ann)] {
        for digits in ["07700", "900123", "9001", "ring me"] {
            assert_eq!(found(&app, who, digits).await, set(&[]), "{digits}");
        }
        // The title stays searchable, as it stays visible.
        assert_eq!(found(&app, who, "heol").await, set(&[&hidden]));
        // A word in both a visible title and the hidden body finds the visible one only.
        assert_eq!(found(&app, who, "vans").await, set(&[&other]));
    }
    assert_eq!(found(&app, Some(&clerk), "900123").await, set(&[&hidden]));
    assert_eq!(
        found(&app, Some(&clerk), "vans").await,
        set(&[&hidden, &other])
    );

    ok(&app.try_unhide(Some(&clerk), &hidden).await);
    assert_eq!(found(&app, None, "900123").await, set(&[&hidden]));
}

/// Case folds the same way on SQLite and PostgreSQL, Welsh letters included, and text is
/// compared in NFC whichever way it was typed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_folds_welsh_case_and_composition_on_both_databases() {
    let app = TestApp::spawn().await;
    let ann = app.resident().await;
    let forum = app.forum_id("environment").await;
    let gwyl = published(
        &app,
        &ann,
        &forum,
        "Gŵyl Fwyd y Dref",
        "Dathlu'r ŶD a'r caws. CAFÉ i bawb.",
    )
    .await;
    // Typed with combining accents: ŵ as w + U+0302, é as e + U+0301.
    let decomposed = published(
        &app,
        &ann,
        &forum,
        "Pont y Gw\u{302}yr",
        "Cafe\u{301} newydd ger yr afon.",
    )
    .await;

    for (q, expected) in [
        ("GŴYL", vec![&gwyl]),
        ("gŵyl", vec![&gwyl]),
        ("Gw\u{302}yl", vec![&gwyl]),
        ("ŷd", vec![&gwyl]),
        ("ŴYR", vec![&decomposed]),
        ("café", vec![&gwyl, &decomposed]),
        ("CAFE\u{301}", vec![&gwyl, &decomposed]),
        ("gwyl", vec![]),
        ("ŵ", vec![&gwyl, &decomposed]),
    ] {
        let expected: Vec<&str> = expected.iter().map(|s| s.as_str()).collect();
        assert_eq!(found(&app, None, q).await, set(&expected), "search {q:?}");
    }
}

/// What search matches follows every change to a proposal's text: an edit, and the copy a
/// forwarded youth proposal makes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_follows_edits_and_forwarded_copies() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let ann = app.resident().await;
    let forum = app.forum_id("transport").await;
    let id = published(&app, &ann, &forum, "Benches at the bus stop", "Old words.").await;
    let resp = app
        .try_update_proposal(
            Some(&ann),
            &id,
            2,
            json!({ "title": "Shelters at the bus stop", "body": "New Ŵords." }),
        )
        .await;
    assert_eq!(data_at(&resp, "updateProposal")["version"], 3, "{resp}");
    assert_eq!(found(&app, None, "benches").await, set(&[]));
    assert_eq!(found(&app, None, "old").await, set(&[]));
    assert_eq!(found(&app, None, "shelters ŵords").await, set(&[&id]));

    let youth = app.active_youth(&clerk).await;
    let youth_forum = app.forum_id("youth-transport").await;
    let original = published(
        &app,
        &youth,
        &youth_forum,
        "Skate ramps in the park",
        "Somewhere to go.",
    )
    .await;
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { forwardYouthProposal(id: $id) { id } }",
            json!({ "id": original }),
        )
        .await;
    let copy = str_at(&data_at(&resp, "forwardYouthProposal"), "id").to_owned();
    assert_eq!(found(&app, None, "skate").await, set(&[&copy]));
    assert_eq!(
        found(&app, Some(&youth), "SKATE").await,
        set(&[&copy, &original])
    );
}

/// Search terms are bounded: at most 200 characters and 10 words; beyond, `BAD_USER_INPUT` on
/// `search`, never an internal error (a 60,000-character word once broke SQLite's LIKE).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_terms_are_bounded() {
    let app = TestApp::spawn().await;
    let ann = app.login(&app.resident().await.email, PASSWORD).await;
    let at_most = [
        "x".repeat(200),
        "a b c d e f g h i j".to_owned(),
        format!("  {}  ", "ŵ".repeat(200)),
    ];
    for q in &at_most {
        let resp = app.gql_as(&ann.token, SEARCH, json!({ "q": q })).await;
        assert_eq!(ok(&resp)["proposals"]["totalCount"], 0, "{resp}");
    }
    for q in [
        "x".repeat(201),
        "x".repeat(60_000),
        "a b c d e f g h i j k".to_owned(),
        "ŵ".repeat(201),
    ] {
        let resp = app.gql_as(&ann.token, SEARCH, json!({ "q": q })).await;
        assert_bad_input(&resp, "search");
    }
    // Blank is no search at all.
    let resp = app.gql(SEARCH, json!({ "q": "   " })).await;
    assert!(ok(&resp)["proposals"]["totalCount"].is_number());
}

/// Every proposal's body comes back as the viewer may read it: a clerk reads the hidden body,
/// others the placeholder. The same rule as search, from one place.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hidden_body_reads_as_the_placeholder_except_to_clerks() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let ann = app.resident().await;
    let forum = app.forum_id("transport").await;
    let id = published(
        &app,
        &ann,
        &forum,
        "Noisy lorries at night",
        "Call 07700 900123.",
    )
    .await;
    ok(&app.try_hide(Some(&clerk), &id).await);
    for (who, body) in [
        (None, "[hidden]"),
        (Some(&ann), "[hidden]"),
        (Some(&clerk), "Call 07700 900123."),
    ] {
        let resp = app.gql_opt(who, SEARCH, json!({ "q": "lorries" })).await;
        let node: &Value = &ok(&resp)["proposals"]["edges"][0]["node"];
        assert_eq!(node["body"], body);
        assert_eq!(node["hidden"], true);
    }
}

/// Proposals written before search had its folded columns and index are found too: the
/// migration folds them, and its `down` and `up` again leave search working.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_search_migration_folds_the_proposals_already_there() {
    use migration::MigratorTrait;
    use sea_orm::{
        ConnectionTrait,
        sea_query::{Alias, Expr, ExprTrait, Query},
    };
    const MIGRATION: &str = "m20261201_000001_fold_proposal_search";

    let app = TestApp::spawn_before_migration(MIGRATION, async |db| {
        let now = chrono::Utc::now();
        let user = Query::insert()
            .into_table(Alias::new("users"))
            .columns(
                [
                    "email",
                    "display_name",
                    "role",
                    "status",
                    "preferred_language",
                    "created_at",
                    "updated_at",
                ]
                .map(Alias::new),
            )
            .values_panic([
                "old@example.org".into(),
                "Old Timer".into(),
                "RESIDENT".into(),
                "ACTIVE".into(),
                "CY".into(),
                now.into(),
                now.into(),
            ])
            .to_owned();
        db.execute(&user).await.unwrap();
        let forum = Query::select()
            .column(Alias::new("id"))
            .from(Alias::new("forums"))
            .and_where(Expr::col(Alias::new("slug")).eq("environment"))
            .to_owned();
        let proposal = Query::insert()
            .into_table(Alias::new("proposals"))
            .columns(
                [
                    "forum_id",
                    "author_id",
                    "author_role",
                    "title",
                    "body",
                    "language",
                    "status",
                    "version",
                    "support_count",
                    "created_at",
                    "updated_at",
                    "listed_at",
                    "last_activity_at",
                    "published_at",
                ]
                .map(Alias::new),
            )
            .values_panic([
                Expr::SubQuery(None, Box::new(forum.into())),
                Expr::val(1),
                Expr::val("RESIDENT"),
                Expr::val("GŴYL Y GAEAF"),
                Expr::val("Marchnad NADOLIG ar y Sgwâr."),
                Expr::val("CY"),
                Expr::val("OPEN"),
                Expr::val(2),
                Expr::val(0),
                Expr::val(now),
                Expr::val(now),
                Expr::val(now),
                Expr::val(now),
                Expr::val(now),
            ])
            .to_owned();
        db.execute(&proposal).await.unwrap();
    })
    .await;
    let old = found(&app, None, "gŵyl").await;
    assert_eq!(old.len(), 1);
    assert_eq!(found(&app, None, "nadolig sgwâr").await, old);
    assert_eq!(found(&app, None, "sgwÂr gAEaf").await, old);

    // Down and up again: the columns and the index come back, filled.
    let position = migration::Migrator::migrations()
        .iter()
        .position(|m| m.name() == MIGRATION)
        .unwrap();
    let steps = migration::Migrator::migrations().len() - position;
    migration::Migrator::down(&app.db, Some(u32::try_from(steps).unwrap()))
        .await
        .unwrap();
    migration::Migrator::up(&app.db, None).await.unwrap();
    assert_eq!(found(&app, None, "nadolig").await, old);
    assert_eq!(found(&app, None, "ŵ").await, old);
}
