//! Limits on live connections: a flood of subscriptions over one WebSocket leaves everyone else
//! served; subscriptions per connection and connections per address are capped; the
//! graphql-transport-ws protocol's own refusals close the socket with the protocol's codes.

use fforwm_tests::{
    TestApp, error_code,
    live::{FORUM_EVENTS, Live, NOTIFICATIONS},
    ok,
};
use serde_json::{Value, json};

/// Subscriptions one connection may hold at once.
const CAP: usize = 50;
/// Subscriptions one connection asks for in the flood: far beyond the cap.
const FLOOD: usize = 3_000;

fn subscribe(id: &str, forum: &str) -> Value {
    json!({
        "id": id,
        "type": "subscribe",
        "payload": { "query": FORUM_EVENTS, "variables": { "forumId": forum } },
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_subscription_flood_leaves_other_clients_served() {
    let app = TestApp::spawn().await;
    let alice = app.resident().await;
    let forum = app.forum_id("transport").await;
    let mut listener = Live::connect(&app.base_url, None).await;
    listener
        .subscribe("f", FORUM_EVENTS, json!({ "forumId": forum }))
        .await;

    // An anonymous stranger asks for thousands of subscriptions on one socket; beyond the cap
    // each is refused on its own id.
    let flood = {
        let (base_url, forum) = (app.base_url.clone(), forum.clone());
        tokio::spawn(async move {
            let mut flood = Live::connect(&base_url, None).await;
            for i in 0..FLOOD {
                flood.send(subscribe(&format!("s{i}"), &forum)).await;
            }
            for i in CAP..FLOOD {
                let refused = flood.refused(&format!("s{i}")).await;
                assert_eq!(error_code(&refused), Some("BAD_USER_INPUT"), "{refused}");
            }
            flood
        })
    };

    // Meanwhile a plain query and another subscriber are served.
    let resp = app.gql("{ forums { slug } }", json!({})).await;
    assert!(ok(&resp)["forums"].is_array(), "{resp}");
    let id = app
        .open_proposal(&alice, &forum, "Benches at every bus stop")
        .await;
    let event = listener.next_event("f", "forumEvents").await;
    assert_eq!(event["kind"], "PUBLISHED", "{event}");
    assert_eq!(event["proposal"]["id"], id.as_str());

    // Once it has gone, the database is all there for everyone.
    let flood = flood.await.expect("the flood ran");
    flood.close().await;
    for _ in 0..20 {
        let resp = app
            .gql_as(&alice.token, "{ me { id } forums { slug } }", json!({}))
            .await;
        ok(&resp);
    }
    app.open_proposal(&alice, &forum, "Shelters at every bus stop")
        .await;
    let event = listener.next_event("f", "forumEvents").await;
    assert_eq!(event["kind"], "PUBLISHED", "{event}");
    listener.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_connection_holds_at_most_50_subscriptions() {
    let app = TestApp::spawn().await;
    let alice = app.resident().await;
    let forum = app.forum_id("environment").await;
    let mut live = Live::connect(&app.base_url, Some(&alice.token)).await;
    for i in 0..CAP {
        live.send(subscribe(&format!("s{i}"), &forum)).await;
    }
    live.subscribe("one-more", NOTIFICATIONS, json!({})).await;
    let refused = live.refused("one-more").await;
    assert_eq!(error_code(&refused), Some("BAD_USER_INPUT"), "{refused}");

    // Every one of the fifty hears the forum's news; the connection is still fine. (The first
    // proposal gives all fifty time to be listening, however busy the machine.)
    app.open_proposal(&alice, &forum, "A community garden")
        .await;
    let id = app
        .open_proposal(&alice, &forum, "A community orchard")
        .await;
    for i in 0..CAP {
        loop {
            let event = live.next_event(&format!("s{i}"), "forumEvents").await;
            if event["proposal"]["id"] == id.as_str() {
                break;
            }
        }
    }

    // Completing one makes room for another.
    live.complete("s0").await;
    live.subscribe("one-more", NOTIFICATIONS, json!({})).await;
    live.expect_no_event("one-more").await;
    app.open_proposal(&alice, &forum, "A seed library").await;
    live.next_event("s1", "forumEvents").await;
    live.expect_no_event("s0").await;
    live.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_duplicate_subscription_id_closes_with_4409() {
    let app = TestApp::spawn().await;
    let forum = app.forum_id("transport").await;
    let mut live = Live::connect(&app.base_url, None).await;
    live.subscribe("same", FORUM_EVENTS, json!({ "forumId": forum }))
        .await;
    live.send(subscribe("same", &forum)).await;
    let closed = live.closed().await;
    assert_eq!(closed.code, Some(4409), "{closed:?}");
    assert_eq!(closed.reason, "Subscriber for same already exists");

    // An id is free again once its subscription is over.
    let mut live = Live::connect(&app.base_url, None).await;
    live.subscribe("again", FORUM_EVENTS, json!({ "forumId": forum }))
        .await;
    live.complete("again").await;
    live.subscribe("again", FORUM_EVENTS, json!({ "forumId": forum }))
        .await;
    live.ping().await;
    live.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_protocol_refusals_close_with_its_codes() {
    let app = TestApp::spawn_with(|config| config.ws_init_timeout_ms = 300).await;
    let forum = app.forum_id("transport").await;

    // A socket that never says connection_init is closed after the init timeout.
    let mut silent = Live::open(&app.base_url).await;
    let closed = silent.closed().await;
    assert_eq!(closed.code, Some(4408), "{closed:?}");
    assert_eq!(closed.reason, "Connection initialisation timeout");

    // Subscribing before connection_ack is unauthorised.
    let mut eager = Live::open(&app.base_url).await;
    eager.send(subscribe("s", &forum)).await;
    let closed = eager.closed().await;
    assert_eq!(closed.code, Some(4401), "{closed:?}");

    // A second connection_init is one too many.
    let mut twice = Live::connect(&app.base_url, None).await;
    twice
        .send(json!({ "type": "connection_init", "payload": {} }))
        .await;
    let closed = twice.closed().await;
    assert_eq!(closed.code, Some(4429), "{closed:?}");

    // What is not a protocol message is refused with 4400.
    for garbage in [
        json!({ "type": "shout" }),
        json!({ "id": 1, "type": "complete" }),
    ] {
        let mut odd = Live::connect(&app.base_url, None).await;
        odd.send(garbage.clone()).await;
        let closed = odd.closed().await;
        assert_eq!(closed.code, Some(4400), "{garbage}: {closed:?}");
    }

    // A client that does its part stays connected past the timeout.
    let mut patient = Live::connect(&app.base_url, None).await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    patient.ping().await;
    patient.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_per_address_are_capped() {
    let app = TestApp::spawn_with(|config| config.ws_connections_per_address = 3).await;
    let mut open = Vec::new();
    for _ in 0..3 {
        open.push(Live::connect(&app.base_url, None).await);
    }
    let refused = Live::try_open(&app.base_url).await.err();
    assert_eq!(refused, Some(429), "a fourth connection from one address");
    // Plain HTTP is not affected.
    ok(&app.gql("{ forums { slug } }", json!({})).await);

    // A connection that ends gives its place back.
    open.pop().expect("three open").close().await;
    let again = Live::connect(&app.base_url, None).await;
    again.close().await;
    for live in open {
        live.close().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operations_over_the_socket_obey_the_request_limits() {
    let app = TestApp::spawn().await;
    let mut live = Live::connect(&app.base_url, None).await;
    // A query over the socket is answered once, then completed.
    live.subscribe("q", "{ forum(slug: \"transport\") { slug } }", json!({}))
        .await;
    let answer = live.next_payload("q").await;
    assert_eq!(ok(&answer)["forum"]["slug"], "transport", "{answer}");
    live.expect_complete("q").await;

    // A thousand aliased lookups (what fits in a frame) are refused on their id before the
    // database.
    let lookups: Vec<String> = (0..1_000)
        .map(|i| format!("a{i}: forum(slug: \"transport\") {{ id }}"))
        .collect();
    let before = app.db_statements().await;
    live.subscribe("many", &format!("{{ {} }}", lookups.join(" ")), json!({}))
        .await;
    let refused = live.refused("many").await;
    assert_eq!(error_code(&refused), Some("BAD_USER_INPUT"), "{refused}");
    assert_eq!(
        app.db_statements().await,
        before,
        "the refusal reached the database"
    );
    live.ping().await;
    live.close().await;
}
