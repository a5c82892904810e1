//! No N+1: a forum page costs the same number of SQL statements for 5 proposals as for 50,
//! counted by the server's own `fforwm_db_statements_total` in GET /metrics.

use fforwm_tests::{Session, TestApp, ok};
use serde_json::json;

const SLUG: &str = "forum-page";

/// The fields of a proposal on a forum page, each of which could cost a query per proposal.
const FIELDS: [&str; 8] = [
    "author { displayName }",
    "supportCount",
    "viewerHasSupported",
    "commentCount",
    "councilResponses { body }",
    "history { to }",
    "forum { slug }",
    "comments(first: 10) { edges { node { body author { displayName } } } }",
];

fn page_query(fields: &[&str]) -> String {
    format!(
        "{{ forum(slug: \"{SLUG}\") {{ proposals(first: 50) {{ edges {{ node {{ title {} }} }} }} }} }}",
        fields.join(" ")
    )
}

/// The statements one run of `query` costs, as `viewer`: the least of three runs, so that
/// nothing else the server might do in between is counted.
async fn cost(app: &TestApp, viewer: &Session, query: &str, proposals: usize) -> u64 {
    let mut least = u64::MAX;
    for _ in 0..3 {
        let before = app.db_statements().await;
        let resp = app.gql_as(&viewer.token, query, json!({})).await;
        let after = app.db_statements().await;
        let edges = ok(&resp)["forum"]["proposals"]["edges"].as_array().unwrap();
        assert_eq!(edges.len(), proposals, "{resp}");
        least = least.min(after - before);
    }
    least
}

/// Who writes on the forum page.
struct Cast {
    people: Vec<Session>,
    clerk: Session,
    councillor: Session,
}

/// One proposal as a forum page shows it: an author, two supports, two comments and a reply;
/// every other one at the council with a response.
async fn add_proposal(app: &TestApp, forum: &str, cast: &Cast, i: usize) {
    let people = &cast.people;
    let n = people.len();
    let author = &people[i % n];
    let id = app
        .open_proposal(author, forum, &format!("Proposal {i} for the page"))
        .await;
    app.support(&people[(i + 1) % n], &id).await;
    app.support(&people[(i + 2) % n], &id).await;
    let comment = app
        .add_comment(&people[(i + 3) % n], &id, None, "A comment on it.")
        .await;
    app.add_comment(&cast.councillor, &id, None, "The council's view.")
        .await;
    let parent = comment["id"].as_str().unwrap();
    app.add_comment(author, &id, Some(parent), "A reply.").await;
    if i.is_multiple_of(2) {
        app.submit_to_council(&cast.clerk, &id).await;
        let resp = app
            .gql_as(
                &cast.councillor.token,
                "mutation($input: RespondInput!) { respondToProposal(input: $input) { id } }",
                json!({ "input": { "proposalId": id, "kind": "ACKNOWLEDGEMENT",
                                   "body": "Thank you: we are looking into it." } }),
            )
            .await;
        ok(&resp);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forum_page_costs_the_same_for_5_and_50_proposals() {
    let app = TestApp::spawn().await;
    let cast = Cast {
        people: app.residents(5).await,
        clerk: app.clerk().await,
        councillor: app.councillor().await,
    };
    let viewer = &cast.people[0];
    let forum = app.create_forum(&cast.clerk, SLUG, 10_000).await;

    for i in 0..5 {
        add_proposal(&app, &forum, &cast, i).await;
    }
    let full = page_query(&FIELDS);
    let singles: Vec<String> = FIELDS.iter().map(|f| page_query(&[*f])).collect();
    let small = cost(&app, viewer, &full, 5).await;
    let mut small_singles = Vec::new();
    for query in &singles {
        small_singles.push(cost(&app, viewer, query, 5).await);
    }

    for i in 5..50 {
        add_proposal(&app, &forum, &cast, i).await;
    }
    let large = cost(&app, viewer, &full, 50).await;
    let mut growing = Vec::new();
    for ((field, query), small) in FIELDS.iter().zip(&singles).zip(&small_singles) {
        let large = cost(&app, viewer, query, 50).await;
        if large != *small {
            growing.push(format!("{field}: {small} -> {large}"));
        }
    }

    assert!(small > 0, "the counter counts nothing");
    assert_eq!(
        small, large,
        "a forum page of 5 proposals cost {small} statements, of 50 cost {large}; \
         fields whose cost grows with the page: {growing:?}"
    );
    assert!(growing.is_empty(), "{growing:?}");
}
