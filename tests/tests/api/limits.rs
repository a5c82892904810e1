//! Query cost limits: a normal forum page passes with room; an abusive query is refused as bad
//! input before it touches the database.

use fforwm_tests::{TestApp, assert_code, ok};
use serde_json::json;

/// A forum, 20 proposals with authors, responses and 10 comments each (RULES.md "Input").
const NORMAL_PAGE: &str = "query($slug: String!) { forum(slug: $slug) { name description memberCount
    proposals(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
      id title body status supportCount viewerHasSupported commentCount createdAt
      author { id displayName role }
      councilResponses { id kind decision body createdAt author { id displayName } }
      comments(first: 10) { totalCount edges { node { id body createdAt author { id displayName } } } }
    } } } } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_normal_page_passes_and_an_abusive_one_is_refused_before_the_database() {
    let app = TestApp::spawn().await;
    let resp = app.gql(NORMAL_PAGE, json!({ "slug": "transport" })).await;
    assert!(
        ok(&resp)["forum"]["proposals"]["edges"].is_array(),
        "{resp}"
    );

    // Every list at its largest page, three levels down: a million nodes.
    let abusive = "{ proposals(first: 100) { edges { node { comments(first: 100) { edges { node {
        replies(first: 100) { edges { node { id body } } } } } } } } } }";
    let before = app.db_statements().await;
    let resp = app.gql(abusive, json!({})).await;
    assert_code(&resp, "BAD_USER_INPUT");
    assert!(resp["data"].is_null(), "{resp}");
    // Too many directives on one field is refused the same way.
    let directives = (0..51)
        .map(|_| "@include(if: true)")
        .collect::<Vec<_>>()
        .join(" ");
    let resp = app
        .gql(&format!("{{ forums {directives} {{ slug }} }}"), json!({}))
        .await;
    assert_code(&resp, "BAD_USER_INPUT");
    let after = app.db_statements().await;
    assert_eq!(before, after, "a refused query reached the database");
}
