//! Query cost limits: a normal forum page passes with room; an abusive query, or a request
//! whose operations together would multiply the work, is refused as bad input before it
//! touches the database.

use fforwm_tests::{TestApp, assert_code, check_errors, error_code, ok};
use reqwest::Method;
use serde_json::{Value, json};

/// A forum, 20 proposals with authors, responses and 10 comments each (RULES.md "Input"), as
/// the one root field of a query with `$slug`.
const NORMAL_PAGE_FIELDS: &str = "forum(slug: $slug) { name description memberCount
    proposals(first: 20) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
      id title body status supportCount viewerHasSupported commentCount createdAt
      author { id displayName role }
      councilResponses { id kind decision body createdAt author { id displayName } }
      comments(first: 10) { totalCount edges { node { id body createdAt author { id displayName } } } }
    } } } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_normal_page_passes_and_an_abusive_one_is_refused_before_the_database() {
    let app = TestApp::spawn().await;
    let normal_page = format!("query($slug: String!) {{ {NORMAL_PAGE_FIELDS} }}");
    let resp = app.gql(&normal_page, json!({ "slug": "transport" })).await;
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

/// Fields at the root of the operations of one HTTP request, batches included.
const MAX_ROOT_FIELDS: usize = 100;

/// `{ a0: <field> a1: <field> ... }` with `count` aliases.
fn aliased(count: usize, field: &str) -> String {
    let fields: Vec<String> = (0..count).map(|i| format!("a{i}: {field}")).collect();
    format!("{{ {} }}", fields.join(" "))
}

/// POSTs a raw body (one operation or a batch) and returns the answer as JSON.
async fn post(app: &TestApp, body: &Value) -> Value {
    let response = app
        .request(Method::POST, "/graphql")
        .json(body)
        .send()
        .await
        .expect("POST /graphql");
    let text = response.text().await.expect("body");
    let body: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    check_errors(&body);
    body
}

/// Every operation of the answer was refused as bad input, with no data at all.
#[track_caller]
fn assert_refused(resp: &Value) {
    let answers = match resp {
        Value::Array(answers) => answers.clone(),
        single => vec![single.clone()],
    };
    for answer in answers {
        assert_eq!(error_code(&answer), Some("BAD_USER_INPUT"), "{answer}");
        assert!(answer["data"].is_null(), "{answer}");
    }
}

/// `{ ...F0 }` where each fragment spreads the next twice: 2^`levels` fields from a few lines.
fn doubling_fragments(levels: usize) -> String {
    let mut document = String::from("{ ...F0 }");
    for i in 0..levels {
        document.push_str(&format!(
            " fragment F{i} on Query {{ ...F{next} ...F{next} }}",
            next = i + 1
        ));
    }
    document.push_str(&format!(" fragment F{levels} on Query {{ __typename }}"));
    document
}

/// Three forum pages in one operation: under the limit alone, ten times over in a batch.
fn three_pages() -> String {
    let pages: Vec<String> = (0..3)
        .map(|i| format!("p{i}: {NORMAL_PAGE_FIELDS}"))
        .collect();
    format!("query($slug: String!) {{ {} }}", pages.join(" "))
}

/// The abuses that used to run: each multiplies work that one field costs.
fn abuses() -> Vec<(&'static str, Value)> {
    let search = aliased(5_000, "proposals(first: 1, search: \"bus\") { totalCount }");
    let lookups = aliased(9_000, "forum(slug: \"transport\") { id }");
    let five_hundred = aliased(500, "proposals(first: 1, search: \"bus\") { totalCount }");
    let under_one_forum = format!(
        "{{ forum(slug: \"transport\") {} }}",
        aliased(300, "proposals(first: 1) { totalCount }")
    );
    let nested = "{ forums { proposals(first: 100) { edges { node { title
        comments(first: 45) { edges { node { body author { displayName } } } } } } } } }";
    let heavy = three_pages();
    vec![
        ("5,000 aliased searches", json!({ "query": search })),
        ("9,000 aliased lookups", json!({ "query": lookups })),
        (
            "a batch of 10 × 500 aliased searches",
            Value::Array(vec![json!({ "query": five_hundred }); 10]),
        ),
        (
            "300 aliased lists under one forum",
            json!({ "query": under_one_forum }),
        ),
        (
            "forums → 100 proposals → 45 comments",
            json!({ "query": nested }),
        ),
        (
            "a batch of 10 operations each under the limit",
            Value::Array(vec![
                json!({ "query": heavy, "variables": { "slug": "transport" } });
                10
            ]),
        ),
        (
            "fragments that spread each other twice over",
            json!({ "query": doubling_fragments(30) }),
        ),
        (
            "101 root fields",
            json!({ "query": aliased(MAX_ROOT_FIELDS + 1, "__typename") }),
        ),
        (
            "a batch of 10 × 11 root fields",
            Value::Array(vec![json!({ "query": aliased(11, "__typename") }); 10]),
        ),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn work_that_multiplies_is_refused_before_the_database() {
    let app = TestApp::spawn().await;
    // The heavy operation of the batch abuse passes alone.
    ok(&app
        .gql(&three_pages(), json!({ "slug": "transport" }))
        .await);
    // As do the largest root and a batch of small operations.
    ok(&app
        .gql(&aliased(MAX_ROOT_FIELDS, "__typename"), json!({}))
        .await);
    let small = Value::Array(vec![json!({ "query": "{ forums { slug name } }" }); 10]);
    for answer in post(&app, &small).await.as_array().expect("a batch answer") {
        ok(answer);
    }

    for (abuse, body) in abuses() {
        let before = app.db_statements().await;
        let resp = post(&app, &body).await;
        let after = app.db_statements().await;
        assert_refused(&resp);
        assert_eq!(before, after, "{abuse} reached the database");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_normal_client_is_served_while_the_abuse_runs() {
    let app = TestApp::spawn().await;
    let abuses: Vec<_> = abuses()
        .into_iter()
        .cycle()
        .take(21)
        .map(|(_, body)| {
            let (client, url) = (app.client.clone(), app.url("/graphql"));
            tokio::spawn(async move {
                let response = client.post(url).json(&body).send().await.expect("POST");
                response.json::<Value>().await.expect("JSON")
            })
        })
        .collect();
    let resp = app
        .gql(
            &format!("query($slug: String!) {{ {NORMAL_PAGE_FIELDS} }}"),
            json!({ "slug": "transport" }),
        )
        .await;
    assert!(
        ok(&resp)["forum"]["proposals"]["edges"].is_array(),
        "{resp}"
    );
    for abuse in abuses {
        assert_refused(&abuse.await.expect("an abusive request"));
    }
}
