//! No N+1: a forum page costs the same number of SQL statements for 5 proposals as for 50,
//! counted by the server's own `fforwm_db_statements_total` in GET /metrics.

use fforwm_tests::{Session, TestApp, ok};
use serde_json::{Value, json};

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

/// The statements one run of `query` costs, as `who`: the least of three runs.
async fn statements(app: &TestApp, who: Option<&Session>, query: &str, vars: Value) -> u64 {
    let mut least = u64::MAX;
    for _ in 0..3 {
        let before = app.db_statements().await;
        let resp = app.gql_opt(who, query, vars.clone()).await;
        let after = app.db_statements().await;
        ok(&resp);
        least = least.min(after - before);
    }
    least
}

/// A list's total is counted only when the query asks for `totalCount`, on every kind of list,
/// and for a signed-in viewer (published proposals and their own drafts) in one statement. Asked
/// through a fragment or an alias, it is still counted, and right.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_total_is_counted_only_when_asked_for() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let people = app.residents(2).await;
    let alice = &people[0];
    let forum = app.create_forum(&clerk, SLUG, 10_000).await;
    let proposal = app.open_proposal(alice, &forum, "A counted proposal").await;
    app.open_proposal(&people[1], &forum, "Another counted proposal")
        .await;
    app.create_proposal(alice, &forum, "Alice's draft").await;
    app.create_proposal(&people[1], &forum, "Someone else's draft")
        .await;
    app.add_comment(alice, &proposal, None, "A counted comment.")
        .await;
    app.start_discussion(alice, &forum, "A counted discussion")
        .await;

    let by_slug = "($slug: String!)";
    let by_id = "($id: ID!)";
    let lists = [
        (
            by_slug,
            "forum(slug: $slug) { proposals(first: 5) { TOTAL edges { node { id } } } }",
            None,
        ),
        (
            "",
            "proposals(first: 5) { TOTAL edges { node { id } } }",
            None,
        ),
        (
            "",
            "proposals(first: 5) { TOTAL edges { node { id } } }",
            Some(alice),
        ),
        (
            by_id,
            "proposal(id: $id) { comments(first: 5) { TOTAL edges { node { id } } } }",
            None,
        ),
        (
            by_slug,
            "forum(slug: $slug) { discussions(first: 5) { TOTAL edges { node { id } } } }",
            None,
        ),
        (
            "",
            "users(first: 5) { TOTAL edges { node { id } } }",
            Some(&clerk),
        ),
    ];
    for (variables, list, who) in lists {
        let vars = match variables {
            "" => json!({}),
            v if v == by_slug => json!({ "slug": SLUG }),
            _ => json!({ "id": proposal }),
        };
        let query =
            |total: &str| format!("query{variables} {{ {} }}", list.replace("TOTAL", total));
        let counted = statements(&app, who, &query("totalCount"), vars.clone()).await;
        let uncounted = statements(&app, who, &query(""), vars.clone()).await;
        assert_eq!(counted, uncounted + 1, "{list}");
    }

    // Alice counts the two published proposals and her own draft.
    let resp = app
        .gql_as(
            &alice.token,
            "{ counted: proposals(first: 1) { ...Total } again: proposals(first: 1) { ... on ProposalConnection { totalCount } }
               plain: proposals(first: 1) { totalCount } }
             fragment Total on ProposalConnection { totalCount }",
            json!({}),
        )
        .await;
    let data = ok(&resp);
    for key in ["counted", "again", "plain"] {
        assert_eq!(data[key]["totalCount"], 3, "{key}: {resp}");
    }
}

/// Signing in costs one statement a request, whatever the page: the viewer's session and
/// account by their keys, once, however many fields ask who the viewer is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_in_viewer_costs_one_statement_a_request() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let people = app.residents(2).await;
    let forum = app.create_forum(&clerk, SLUG, 10_000).await;
    for i in 0..3 {
        app.open_proposal(&people[i % 2], &forum, &format!("Proposal {i} to read"))
            .await;
    }
    app.create_proposal(&people[0], &forum, "A draft").await;
    let query = "query($slug: String!) { forum(slug: $slug) { proposals(first: 20) { totalCount
            edges { node { title body forum { slug } } } } } }";
    let vars = json!({ "slug": SLUG });
    let anonymous = statements(&app, None, query, vars.clone()).await;
    for who in [&people[0], &people[1], &clerk] {
        let signed_in = statements(&app, Some(who), query, vars.clone()).await;
        assert_eq!(signed_in, anonymous + 1, "{}", who.email);
    }
}
