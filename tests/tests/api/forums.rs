//! Forums: the seeded twelve, languages, node(id), membership, and clerks' create, update,
//! archive.

use std::collections::HashSet;

use entity::Role;
use fforwm_tests::{Session, TestApp, assert_bad_input, assert_code, ok, str_at};
use serde_json::{Value, json};

const THEMED: [&str; 6] = [
    "environment",
    "transport",
    "health-wellbeing",
    "community-safety",
    "economy-tourism",
    "culture-heritage",
];

const FORUM_FIELDS: &str = "id slug kind archived supportThreshold memberCount viewerIsMember
    name description nameEn: name(lang: EN) nameCy: name(lang: CY)
    descriptionEn: description(lang: EN) descriptionCy: description(lang: CY)
    shadowOf { slug } youthShadow { slug kind shadowOf { slug } }";

fn forums_query(args: &str) -> String {
    format!("{{ forums{args} {{ {FORUM_FIELDS} }} }}")
}

fn slugs(resp: &Value) -> HashSet<String> {
    ok(resp)["forums"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["slug"].as_str().unwrap().to_owned())
        .collect()
}

fn set(items: impl IntoIterator<Item = String>) -> HashSet<String> {
    items.into_iter().collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn six_themed_forums_and_their_youth_shadows_are_seeded() {
    let app = TestApp::spawn().await;
    let themed = set(THEMED.map(String::from));
    let shadows = set(THEMED.map(|s| format!("youth-{s}")));

    let all = app.gql(&forums_query(""), json!({})).await;
    assert_eq!(
        slugs(&all),
        themed.union(&shadows).cloned().collect::<HashSet<_>>(),
        "{all}"
    );
    assert_eq!(all["data"]["forums"].as_array().unwrap().len(), 12);
    for forum in all["data"]["forums"].as_array().unwrap() {
        assert_eq!(forum["archived"], false, "{forum}");
        assert_eq!(forum["memberCount"], 0, "{forum}");
        assert_eq!(forum["viewerIsMember"], false, "{forum}");
        assert!(forum["supportThreshold"].as_i64().unwrap() >= 1, "{forum}");
        // Real text in both languages.
        for key in ["nameEn", "nameCy", "descriptionEn", "descriptionCy"] {
            assert!(!str_at(forum, key).trim().is_empty(), "{key}: {forum}");
        }
        assert_ne!(forum["nameEn"], forum["nameCy"], "{forum}");
        assert_ne!(forum["descriptionEn"], forum["descriptionCy"], "{forum}");
    }

    let resp = app.gql(&forums_query("(kind: THEMED)"), json!({})).await;
    assert_eq!(slugs(&resp), themed);
    for forum in resp["data"]["forums"].as_array().unwrap() {
        let slug = str_at(forum, "slug");
        assert_eq!(forum["kind"], "THEMED");
        assert!(forum["shadowOf"].is_null(), "{forum}");
        assert_eq!(forum["youthShadow"]["slug"], format!("youth-{slug}"));
        assert_eq!(forum["youthShadow"]["kind"], "YOUTH_SHADOW");
        assert_eq!(forum["youthShadow"]["shadowOf"]["slug"], slug);
    }

    let resp = app
        .gql(&forums_query("(kind: YOUTH_SHADOW)"), json!({}))
        .await;
    assert_eq!(slugs(&resp), shadows);
    for forum in resp["data"]["forums"].as_array().unwrap() {
        let slug = str_at(forum, "slug");
        assert_eq!(forum["kind"], "YOUTH_SHADOW");
        assert_eq!(
            forum["shadowOf"]["slug"],
            slug.strip_prefix("youth-").unwrap(),
            "{forum}"
        );
        assert!(forum["youthShadow"].is_null(), "{forum}");
    }

    // forum(slug): found, or null.
    let query = format!("query($slug: String!) {{ forum(slug: $slug) {{ {FORUM_FIELDS} }} }}");
    let resp = app.gql(&query, json!({ "slug": "youth-transport" })).await;
    assert_eq!(ok(&resp)["forum"]["kind"], "YOUTH_SHADOW");
    assert_eq!(resp["data"]["forum"]["shadowOf"]["slug"], "transport");
    let resp = app.gql(&query, json!({ "slug": "no-such-forum" })).await;
    assert!(ok(&resp)["forum"].is_null(), "{resp}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_follow_lang_then_accept_language_then_preference_then_english() {
    let app = TestApp::spawn().await;
    let query = "{ forum(slug: \"environment\") { name description
        nameEn: name(lang: EN) nameCy: name(lang: CY) descriptionCy: description(lang: CY)
        descriptionEn: description(lang: EN) } }";
    let base = app.gql(query, json!({})).await;
    let forum = &ok(&base)["forum"];
    let (en, cy) = (forum["nameEn"].clone(), forum["nameCy"].clone());
    assert_ne!(en, cy);
    // Anonymous, no header: English.
    assert_eq!(forum["name"], en);
    assert_eq!(forum["description"], forum["descriptionEn"]);

    let name_with = |token: Option<String>, header: Option<&'static str>| {
        let app = &app;
        async move {
            let headers: Vec<(&str, &str)> =
                header.map(|h| ("Accept-Language", h)).into_iter().collect();
            let resp = app
                .gql_with(token.as_deref(), &headers, query, json!({}))
                .await;
            ok(&resp)["forum"].clone()
        }
    };

    // Accept-Language.
    let forum = name_with(None, Some("cy")).await;
    assert_eq!(forum["name"], cy);
    assert_eq!(forum["description"], forum["descriptionCy"]);
    assert_eq!(forum["nameEn"], en, "lang beats the header");
    assert_eq!(name_with(None, Some("cy-GB")).await["name"], cy);
    assert_eq!(name_with(None, Some("en")).await["name"], en);

    // The viewer's preferred language, below the header.
    let resp = app
        .try_register(json!({
            "email": "gwenllian@example.com",
            "password": fforwm_tests::PASSWORD,
            "displayName": "Gwenllian",
            "preferredLanguage": "CY",
        }))
        .await;
    let welsh = ok(&resp)["register"]["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(name_with(Some(welsh.clone()), None).await["name"], cy);
    assert_eq!(name_with(Some(welsh.clone()), Some("en")).await["name"], en);
    assert_eq!(name_with(Some(welsh), None).await["nameEn"], en);

    // Changing one's preference changes what one reads.
    let english = app.resident().await;
    assert_eq!(
        name_with(Some(english.token.clone()), None).await["name"],
        en
    );
    ok(&app
        .gql_as(
            &english.token,
            "mutation { updateMe(input: { preferredLanguage: CY }) { id } }",
            json!({}),
        )
        .await);
    assert_eq!(name_with(Some(english.token), None).await["name"], cy);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn node_finds_forums_and_users_by_id() {
    let app = TestApp::spawn().await;
    let alice = app.resident().await;
    let forum = app.forum_id("economy-tourism").await;
    let query = "query($id: ID!) { node(id: $id) { id __typename
        ... on Forum { slug } ... on User { displayName } } }";

    let resp = app.gql(query, json!({ "id": forum })).await;
    assert_eq!(ok(&resp)["node"]["__typename"], "Forum");
    assert_eq!(resp["data"]["node"]["slug"], "economy-tourism");
    assert_eq!(resp["data"]["node"]["id"], forum.as_str());

    let resp = app.gql(query, json!({ "id": alice.user_id })).await;
    assert_eq!(ok(&resp)["node"]["__typename"], "User");
    assert_eq!(resp["data"]["node"]["id"], alice.user_id.as_str());

    // IDs are distinct across types, and nonsense finds nothing.
    assert_ne!(forum, alice.user_id);
    for id in ["garbage", "", "Rm9ydW06OTk5OTk5", "1"] {
        let resp = app.gql(query, json!({ "id": id })).await;
        assert!(ok(&resp)["node"].is_null(), "{id}: {resp}");
    }
}

const JOIN: &str =
    "mutation($id: ID!) { joinForum(forumId: $id) { id slug memberCount viewerIsMember } }";
const LEAVE: &str =
    "mutation($id: ID!) { leaveForum(forumId: $id) { id slug memberCount viewerIsMember } }";

async fn membership(app: &TestApp, who: &Session, mutation: &str, forum: &str) -> (i64, bool) {
    let resp = app
        .gql_as(&who.token, mutation, json!({ "id": forum }))
        .await;
    let data = ok(&resp);
    let forum = data.as_object().unwrap().values().next().unwrap();
    (
        forum["memberCount"].as_i64().unwrap(),
        forum["viewerIsMember"].as_bool().unwrap(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn joining_and_leaving_are_idempotent() {
    let app = TestApp::spawn().await;
    let (alice, bob) = (app.resident().await, app.resident().await);
    let env = app.forum_id("environment").await;

    assert_eq!(membership(&app, &alice, JOIN, &env).await, (1, true));
    assert_eq!(membership(&app, &alice, JOIN, &env).await, (1, true));
    assert_eq!(membership(&app, &bob, JOIN, &env).await, (2, true));
    assert_eq!(membership(&app, &alice, LEAVE, &env).await, (1, false));
    assert_eq!(membership(&app, &alice, LEAVE, &env).await, (1, false));

    let query = "{ forum(slug: \"environment\") { memberCount viewerIsMember } }";
    let resp = app.gql_as(&bob.token, query, json!({})).await;
    assert_eq!(
        ok(&resp)["forum"],
        json!({ "memberCount": 1, "viewerIsMember": true })
    );
    let resp = app.gql_as(&alice.token, query, json!({})).await;
    assert_eq!(
        ok(&resp)["forum"],
        json!({ "memberCount": 1, "viewerIsMember": false })
    );
    let resp = app.gql(query, json!({})).await;
    assert_eq!(
        ok(&resp)["forum"],
        json!({ "memberCount": 1, "viewerIsMember": false })
    );

    // Anonymous, and forums that do not exist.
    assert_code(
        &app.gql(JOIN, json!({ "id": env })).await,
        "UNAUTHENTICATED",
    );
    assert_code(
        &app.gql(LEAVE, json!({ "id": env })).await,
        "UNAUTHENTICATED",
    );
    for bad in ["garbage", "", alice.user_id.as_str(), "Rm9ydW06OTk5OTk5"] {
        assert_code(
            &app.gql_as(&alice.token, JOIN, json!({ "id": bad })).await,
            "NOT_FOUND",
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn youth_forums_are_for_active_youth_members() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let resident = app.resident().await;
    let pending = app.pending_youth(15).await;
    let env = app.forum_id("environment").await;
    let youth_env = app.forum_id("youth-environment").await;

    assert_code(
        &app.gql_as(&resident.token, JOIN, json!({ "id": youth_env }))
            .await,
        "FORBIDDEN",
    );
    // A pending youth member writes nowhere: joins nothing.
    for forum in [&youth_env, &env] {
        assert_code(
            &app.gql_as(&pending.token, JOIN, json!({ "id": forum }))
                .await,
            "FORBIDDEN",
        );
    }
    let resp = app
        .gql(
            "{ forum(slug: \"youth-environment\") { memberCount } }",
            json!({}),
        )
        .await;
    assert_eq!(ok(&resp)["forum"]["memberCount"], 0);

    // Approved, the same member joins both.
    ok(&app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { approveYouthMember(userId: $id) { status } }",
            json!({ "id": pending.user_id }),
        )
        .await);
    assert_eq!(
        membership(&app, &pending, JOIN, &youth_env).await,
        (1, true)
    );
    assert_eq!(membership(&app, &pending, JOIN, &env).await, (1, true));
}

const CREATE: &str = "mutation($input: CreateForumInput!) { createForum(input: $input) {
    id slug kind archived supportThreshold nameEn: name(lang: EN) nameCy: name(lang: CY)
    description(lang: CY) shadowOf { slug }
    youthShadow { slug kind archived supportThreshold nameCy: name(lang: CY) shadowOf { slug } } } }";

fn new_forum(slug: &str, changes: Value) -> Value {
    let mut input = json!({
        "slug": slug,
        "nameEn": "Allotments",
        "nameCy": "Rhandiroedd",
        "descriptionEn": "Growing food together.",
        "descriptionCy": "Tyfu bwyd gyda'n gilydd.",
    });
    for (k, v) in changes.as_object().unwrap() {
        input[k] = v.clone();
    }
    json!({ "input": input })
}

async fn forum_count(app: &TestApp) -> usize {
    let resp = app
        .gql("{ forums(includeArchived: true) { id } }", json!({}))
        .await;
    ok(&resp)["forums"].as_array().unwrap().len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clerks_create_forums_with_their_youth_shadows() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;

    let resp = app
        .gql_as(
            &clerk.token,
            CREATE,
            new_forum("allotments", json!({ "supportThreshold": 10 })),
        )
        .await;
    let forum = &ok(&resp)["createForum"];
    assert_eq!(forum["slug"], "allotments");
    assert_eq!(forum["kind"], "THEMED");
    assert_eq!(forum["archived"], false);
    assert_eq!(forum["supportThreshold"], 10);
    assert_eq!(forum["nameEn"], "Allotments");
    assert_eq!(forum["nameCy"], "Rhandiroedd");
    assert_eq!(forum["description"], "Tyfu bwyd gyda'n gilydd.");
    assert!(forum["shadowOf"].is_null());
    let shadow = &forum["youthShadow"];
    assert_eq!(shadow["slug"], "youth-allotments", "{resp}");
    assert_eq!(shadow["kind"], "YOUTH_SHADOW");
    assert_eq!(shadow["shadowOf"]["slug"], "allotments");
    assert_eq!(forum_count(&app).await, 14);
    app.forum_id("youth-allotments").await;

    // The default threshold; and without a shadow when asked.
    let resp = app
        .gql_as(
            &clerk.token,
            CREATE,
            new_forum("play-areas", json!({ "withYouthShadow": false })),
        )
        .await;
    assert_eq!(ok(&resp)["createForum"]["supportThreshold"], 25);
    assert!(
        resp["data"]["createForum"]["youthShadow"].is_null(),
        "{resp}"
    );
    assert_eq!(forum_count(&app).await, 15);

    // The edges of the rules are accepted.
    for (slug, threshold) in [("ab", 1), ("a-2", 10_000)] {
        let resp = app
            .gql_as(
                &clerk.token,
                CREATE,
                new_forum(
                    slug,
                    json!({ "supportThreshold": threshold, "withYouthShadow": false }),
                ),
            )
            .await;
        assert_eq!(ok(&resp)["createForum"]["supportThreshold"], threshold);
    }
    let long = "s".repeat(60);
    let resp = app
        .gql_as(
            &clerk.token,
            CREATE,
            new_forum(&long, json!({ "withYouthShadow": false })),
        )
        .await;
    assert_eq!(ok(&resp)["createForum"]["slug"], long.as_str());
    let created = forum_count(&app).await;
    assert_eq!(created, 18);

    // Refusals change nothing.
    let resp = app
        .gql_as(&clerk.token, CREATE, new_forum("allotments", json!({})))
        .await;
    assert_code(&resp, "CONFLICT");
    let resp = app
        .gql_as(&clerk.token, CREATE, new_forum("environment", json!({})))
        .await;
    assert_code(&resp, "CONFLICT");
    for slug in [
        "a",
        "",
        "Capitals",
        "has space",
        "under_score",
        "dot.dot",
        "ŵyl",
        &"s".repeat(61),
    ] {
        let resp = app
            .gql_as(&clerk.token, CREATE, new_forum(slug, json!({})))
            .await;
        assert_bad_input(&resp, "slug");
    }
    for threshold in [0, -5, 10_001] {
        let resp = app
            .gql_as(
                &clerk.token,
                CREATE,
                new_forum("markets", json!({ "supportThreshold": threshold })),
            )
            .await;
        assert_bad_input(&resp, "supportThreshold");
    }
    assert_eq!(forum_count(&app).await, created);
    let resp = app
        .gql(
            "{ forum(slug: \"markets\") { id } youth: forum(slug: \"youth-markets\") { id } }",
            json!({}),
        )
        .await;
    assert!(
        ok(&resp)["forum"].is_null() && resp["data"]["youth"].is_null(),
        "{resp}"
    );

    // Clerks only.
    assert_code(
        &app.gql(CREATE, new_forum("markets", json!({}))).await,
        "UNAUTHENTICATED",
    );
    for role in [Role::Resident, Role::Councillor] {
        let who = app.user_with_role(role).await;
        assert_code(
            &app.gql_as(&who.token, CREATE, new_forum("markets", json!({})))
                .await,
            "FORBIDDEN",
        );
    }
    assert_eq!(forum_count(&app).await, created);

    let audit = audit_actions(&app, &clerk).await;
    assert!(
        audit.iter().filter(|a| *a == "forum.created").count() >= 5,
        "{audit:?}"
    );
}

async fn audit_actions(app: &TestApp, clerk: &Session) -> Vec<String> {
    let resp = app
        .gql_as(
            &clerk.token,
            "{ auditLog(first: 100) { edges { node { action subjectId actor { id } } } } }",
            json!({}),
        )
        .await;
    ok(&resp)["auditLog"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(e["node"]["actor"]["id"], clerk.user_id.as_str(), "{e}");
            e["node"]["action"].as_str().unwrap().to_owned()
        })
        .collect()
}

const UPDATE: &str =
    "mutation($id: ID!, $input: UpdateForumInput!) { updateForum(id: $id, input: $input) {
    id supportThreshold nameEn: name(lang: EN) nameCy: name(lang: CY)
    descriptionEn: description(lang: EN) descriptionCy: description(lang: CY) } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clerks_update_forums() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let id = app.forum_id("transport").await;
    let before = app
        .gql(
            "{ forum(slug: \"transport\") { descriptionEn: description(lang: EN) descriptionCy: description(lang: CY) } }",
            json!({}),
        )
        .await;
    let before = &ok(&before)["forum"];

    let resp = app
        .gql_as(
            &clerk.token,
            UPDATE,
            json!({ "id": id, "input": {
                "nameEn": "Transport and Travel", "nameCy": "Trafnidiaeth a Theithio",
                "supportThreshold": 40 } }),
        )
        .await;
    let forum = &ok(&resp)["updateForum"];
    assert_eq!(forum["id"], id.as_str());
    assert_eq!(forum["nameEn"], "Transport and Travel");
    assert_eq!(forum["nameCy"], "Trafnidiaeth a Theithio");
    assert_eq!(forum["supportThreshold"], 40);
    // What was not given stays.
    assert_eq!(forum["descriptionEn"], before["descriptionEn"]);
    assert_eq!(forum["descriptionCy"], before["descriptionCy"]);

    for threshold in [0, 10_001] {
        let resp = app
            .gql_as(
                &clerk.token,
                UPDATE,
                json!({ "id": id, "input": { "nameEn": "Changed", "supportThreshold": threshold } }),
            )
            .await;
        assert_bad_input(&resp, "supportThreshold");
    }
    let resp = app
        .gql(
            "{ forum(slug: \"transport\") { supportThreshold name(lang: EN) } }",
            json!({}),
        )
        .await;
    assert_eq!(
        ok(&resp)["forum"],
        json!({ "supportThreshold": 40, "name": "Transport and Travel" })
    );

    let input = json!({ "id": id, "input": { "nameEn": "Hijacked" } });
    assert_code(&app.gql(UPDATE, input.clone()).await, "UNAUTHENTICATED");
    for role in [Role::Resident, Role::Councillor] {
        let who = app.user_with_role(role).await;
        assert_code(
            &app.gql_as(&who.token, UPDATE, input.clone()).await,
            "FORBIDDEN",
        );
    }
    for bad in ["garbage", clerk.user_id.as_str()] {
        let resp = app
            .gql_as(
                &clerk.token,
                UPDATE,
                json!({ "id": bad, "input": { "nameEn": "X" } }),
            )
            .await;
        assert_code(&resp, "NOT_FOUND");
    }
    assert!(
        audit_actions(&app, &clerk)
            .await
            .contains(&"forum.updated".to_owned())
    );
}

const ARCHIVE: &str = "mutation($id: ID!) { archiveForum(id: $id) { id slug archived } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_archived_forum_stays_readable_but_takes_no_members() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let resident = app.resident().await;
    let id = app.forum_id("culture-heritage").await;

    let input = json!({ "id": id });
    assert_code(&app.gql(ARCHIVE, input.clone()).await, "UNAUTHENTICATED");
    for role in [Role::Resident, Role::Councillor] {
        let who = app.user_with_role(role).await;
        assert_code(
            &app.gql_as(&who.token, ARCHIVE, input.clone()).await,
            "FORBIDDEN",
        );
    }
    assert_code(
        &app.gql_as(&clerk.token, ARCHIVE, json!({ "id": "garbage" }))
            .await,
        "NOT_FOUND",
    );
    assert_eq!(forum_count(&app).await, 12);
    let resp = app.gql("{ forums { slug } }", json!({})).await;
    assert_eq!(slugs(&resp).len(), 12, "nothing archived yet");

    let resp = app.gql_as(&clerk.token, ARCHIVE, input.clone()).await;
    assert_eq!(ok(&resp)["archiveForum"]["archived"], true);

    // Hidden from `forums`; whether its youth shadow goes with it is the server's choice.
    let visible = slugs(&app.gql("{ forums { slug } }", json!({})).await);
    let mut expected: HashSet<String> = THEMED
        .iter()
        .flat_map(|s| [s.to_string(), format!("youth-{s}")])
        .collect();
    expected.remove("culture-heritage");
    expected.remove("youth-culture-heritage");
    assert!(!visible.contains("culture-heritage"), "{visible:?}");
    assert!(visible.is_superset(&expected), "{visible:?}");
    let themed = slugs(
        &app.gql("{ forums(kind: THEMED) { slug } }", json!({}))
            .await,
    );
    assert_eq!(themed.len(), 5);
    let all = slugs(
        &app.gql("{ forums(includeArchived: true) { slug } }", json!({}))
            .await,
    );
    assert!(all.contains("culture-heritage"));
    assert_eq!(all.len(), 12);
    let resp = app
        .gql(
            "{ forum(slug: \"culture-heritage\") { slug archived name } }",
            json!({}),
        )
        .await;
    assert_eq!(ok(&resp)["forum"]["archived"], true);

    assert_code(
        &app.gql_as(&resident.token, JOIN, json!({ "id": id })).await,
        "FORBIDDEN",
    );
    let resp = app
        .gql(
            "{ forum(slug: \"culture-heritage\") { memberCount } }",
            json!({}),
        )
        .await;
    assert_eq!(ok(&resp)["forum"]["memberCount"], 0);
    assert!(
        audit_actions(&app, &clerk)
            .await
            .contains(&"forum.archived".to_owned())
    );
}

/// A forum's names follow the rule for people's names: no hidden characters, kept in NFC.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forum_names_have_no_hidden_characters_and_are_normalised() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let id = app.forum_id("transport").await;
    for name in crate::accounts::LYING_NAMES {
        for field in ["nameEn", "nameCy"] {
            let resp = app
                .gql_as(
                    &clerk.token,
                    CREATE,
                    new_forum("liars", json!({ field: name })),
                )
                .await;
            assert_bad_input(&resp, field);
            let resp = app
                .gql_as(
                    &clerk.token,
                    UPDATE,
                    json!({ "id": id, "input": { field: name } }),
                )
                .await;
            assert_bad_input(&resp, field);
        }
    }
    assert_eq!(forum_count(&app).await, 12);

    let resp = app
        .gql_as(
            &clerk.token,
            CREATE,
            new_forum("gwyl", json!({ "nameCy": "Gw\u{0302}yl y Dref" })),
        )
        .await;
    assert_eq!(ok(&resp)["createForum"]["nameCy"], "G\u{175}yl y Dref");
    assert_eq!(
        resp["data"]["createForum"]["youthShadow"]["nameCy"],
        "Fforwm Ieuenctid: G\u{175}yl y Dref"
    );
    let resp = app
        .gql_as(
            &clerk.token,
            UPDATE,
            json!({ "id": id, "input": { "nameEn": "Cafe\u{301} routes" } }),
        )
        .await;
    assert_eq!(ok(&resp)["updateForum"]["nameEn"], "Caf\u{e9} routes");
}
