//! Lists: Forum.proposals and Query.proposals in their three orders with filters and search,
//! the council's inbox, complete and stable keyset pagination, and youth content kept out of
//! the public lists and counts.

use std::collections::HashSet;

use fforwm_tests::{
    Session, TestApp, assert_bad_input, assert_code,
    content::{data_at, node_ids},
    ok, str_at,
};
use serde_json::{Value, json};

const FORUM_PAGE: &str = "query($slug: String!, $first: Int, $after: String,
        $status: [ProposalStatus!], $order: ProposalOrder) {
    forum(slug: $slug) { proposals(first: $first, after: $after, status: $status, orderBy: $order) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node { id supportCount status } } } } }";

/// One page of `forum(slug).proposals` as `who`.
async fn forum_page(app: &TestApp, who: Option<&Session>, slug: &str, vars: Value) -> Value {
    let mut variables = json!({ "slug": slug });
    for (k, v) in vars.as_object().unwrap() {
        variables[k] = v.clone();
    }
    let resp = app.gql_opt(who, FORUM_PAGE, variables).await;
    ok(&resp)["forum"]["proposals"].clone()
}

/// Checks one page's shape and returns its ids and end cursor.
#[track_caller]
fn check_page(
    page: &Value,
    size: usize,
    expected_total: usize,
    remaining: usize,
    first_page: bool,
) -> (Vec<String>, Option<String>) {
    let edges = page["edges"].as_array().unwrap();
    let expected_len = remaining.min(size);
    assert_eq!(edges.len(), expected_len, "{page}");
    assert_eq!(page["totalCount"], expected_total, "{page}");
    let info = &page["pageInfo"];
    assert_eq!(info["hasNextPage"], remaining > size, "{page}");
    if first_page {
        assert_eq!(info["hasPreviousPage"], false, "{page}");
    }
    if let (Some(first), Some(last)) = (edges.first(), edges.last()) {
        assert_eq!(info["startCursor"], first["cursor"], "{page}");
        assert_eq!(info["endCursor"], last["cursor"], "{page}");
    }
    let cursors: HashSet<&str> = edges.iter().map(|e| str_at(e, "cursor")).collect();
    assert_eq!(cursors.len(), edges.len(), "cursors are distinct: {page}");
    (
        node_ids(page),
        info["endCursor"].as_str().map(str::to_owned),
    )
}

/// Every item of a forum's list in `order`, paging by `size`, checking each page.
async fn page_through(
    app: &TestApp,
    who: &Session,
    slug: &str,
    order: &str,
    size: usize,
    total: usize,
) -> Vec<Value> {
    let mut nodes = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = forum_page(
            app,
            Some(who),
            slug,
            json!({ "first": size, "after": after, "order": order }),
        )
        .await;
        let (_, end) = check_page(&page, size, total, total - nodes.len(), after.is_none());
        nodes.extend(
            page["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"].clone()),
        );
        if page["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = end;
        assert!(nodes.len() < total, "more pages than items");
    }
    nodes
}

fn ids_of(nodes: &[Value]) -> Vec<String> {
    nodes.iter().map(|n| str_at(n, "id").to_owned()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paging_through_every_order_gives_every_proposal_exactly_once() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let people = app.residents(5).await;
    let (alice, bob, supporters) = (&people[0], &people[1], &people[2..]);
    let forum = app.create_forum(&clerk, "paging", 10_000).await;

    let mut ids = Vec::new();
    for i in 0..25 {
        ids.push(
            app.open_proposal(alice, &forum, &format!("Proposal number {i:02}"))
                .await,
        );
    }
    // A draft that only alice lists.
    app.create_proposal(alice, &forum, "Alice's unfinished idea")
        .await;
    // 0 to 3 supports each, with many ties.
    let supports = |i: usize| (i * 7) % 4;
    for (i, id) in ids.iter().enumerate() {
        for who in &supporters[..supports(i)] {
            app.support(who, id).await;
        }
    }
    // Three at the council, then three talked about: the most recently active.
    for i in [0, 1, 2] {
        app.submit_to_council(&clerk, &ids[i]).await;
    }
    for i in [3, 17, 9] {
        app.add_comment(bob, &ids[i], None, "I agree with this.")
            .await;
    }
    let all: HashSet<String> = ids.iter().cloned().collect();

    for order in ["NEWEST", "MOST_SUPPORTED", "RECENTLY_ACTIVE"] {
        for size in [7, 25, 100] {
            let nodes = page_through(&app, bob, "paging", order, size, 25).await;
            let listed = ids_of(&nodes);
            let unique: HashSet<String> = listed.iter().cloned().collect();
            assert_eq!(
                unique.len(),
                listed.len(),
                "{order}/{size}: duplicates {listed:?}"
            );
            assert_eq!(unique, all, "{order}/{size}: every proposal once");
            match order {
                "NEWEST" => {
                    let mut expected = ids.clone();
                    expected.reverse();
                    assert_eq!(listed, expected, "newest published first");
                }
                "MOST_SUPPORTED" => {
                    let counts: Vec<i64> = nodes
                        .iter()
                        .map(|n| n["supportCount"].as_i64().unwrap())
                        .collect();
                    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
                    for node in &nodes {
                        let i = ids.iter().position(|id| id == str_at(node, "id")).unwrap();
                        assert_eq!(node["supportCount"], supports(i), "{node}");
                    }
                }
                _ => {
                    let expected: Vec<&String> =
                        [9, 17, 3, 2, 1, 0].iter().map(|i| &ids[*i]).collect();
                    let got: Vec<&String> = listed.iter().take(6).collect();
                    assert_eq!(
                        got, expected,
                        "commented, then submitted, most recent first"
                    );
                }
            }
        }
    }
    // NEWEST is the default order.
    let default = forum_page(&app, Some(bob), "paging", json!({ "first": 3 })).await;
    assert_eq!(
        node_ids(&default),
        vec![ids[24].clone(), ids[23].clone(), ids[22].clone()]
    );
    // The author also lists her draft.
    let page = forum_page(&app, Some(alice), "paging", json!({ "first": 1 })).await;
    assert_eq!(page["totalCount"], 26);

    // Status filters, on the forum and on Query.proposals.
    let submitted: HashSet<String> = ids[..3].iter().cloned().collect();
    for (status, count) in [
        (json!(["SUBMITTED"]), 3),
        (json!(["OPEN"]), 22),
        (json!(["OPEN", "SUBMITTED"]), 25),
        (json!(["DRAFT"]), 0),
        (json!(["ACCEPTED", "WITHDRAWN"]), 0),
    ] {
        let page = forum_page(
            &app,
            Some(bob),
            "paging",
            json!({ "first": 100, "status": status }),
        )
        .await;
        assert_eq!(page["totalCount"], count, "{status}: {page}");
        assert_eq!(node_ids(&page).len(), count, "{status}");
        let resp = app
            .gql_as(
                &bob.token,
                "query($f: ID!, $s: [ProposalStatus!]) {
                   proposals(first: 100, forumId: $f, status: $s) { totalCount edges { node { id status } } } }",
                json!({ "f": forum, "s": status }),
            )
            .await;
        assert_eq!(ok(&resp)["proposals"]["totalCount"], count, "{resp}");
        if status == json!(["SUBMITTED"]) {
            let got: HashSet<String> = node_ids(&page).into_iter().collect();
            assert_eq!(got, submitted);
        }
    }
    let page = forum_page(&app, Some(alice), "paging", json!({ "status": ["DRAFT"] })).await;
    assert_eq!(page["totalCount"], 1);

    // Paging NEWEST while a proposal is added: nothing listed twice, nothing skipped.
    let first = forum_page(&app, Some(bob), "paging", json!({ "first": 7 })).await;
    let (mut seen, mut after) = check_page(&first, 7, 25, 25, true);
    let late = app
        .open_proposal(alice, &forum, "A late arrival here")
        .await;
    loop {
        let page = forum_page(
            &app,
            Some(bob),
            "paging",
            json!({ "first": 7, "after": after }),
        )
        .await;
        assert_eq!(page["totalCount"], 26, "{page}");
        seen.extend(node_ids(&page));
        if page["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = page["pageInfo"]["endCursor"].as_str().map(str::to_owned);
    }
    let unique: HashSet<String> = seen.iter().cloned().collect();
    assert_eq!(unique.len(), seen.len(), "duplicates: {seen:?}");
    assert_eq!(
        unique, all,
        "the late one is before the cursor; the rest all came"
    );
    let fresh = forum_page(&app, Some(bob), "paging", json!({ "first": 1 })).await;
    assert_eq!(node_ids(&fresh), vec![late]);

    // Page sizes: 1 to 100.
    for first in [0, -1, 101, 1000] {
        let resp = app
            .gql_as(
                &bob.token,
                FORUM_PAGE,
                json!({ "slug": "paging", "first": first }),
            )
            .await;
        assert_bad_input(&resp, "first");
        let resp = app
            .gql_as(
                &bob.token,
                "query($n: Int) { proposals(first: $n) { totalCount } }",
                json!({ "n": first }),
            )
            .await;
        assert_bad_input(&resp, "first");
        let resp = app
            .gql_as(
                &clerk.token,
                "query($n: Int) { councilInbox(first: $n) { totalCount } }",
                json!({ "n": first }),
            )
            .await;
        assert_bad_input(&resp, "first");
    }
    let page = forum_page(&app, Some(bob), "paging", json!({ "first": 100 })).await;
    assert_eq!(node_ids(&page).len(), 26);
    // Twenty by default.
    let page = forum_page(&app, Some(bob), "paging", json!({})).await;
    assert_eq!(node_ids(&page).len(), 20);
    assert_eq!(page["pageInfo"]["hasNextPage"], true);

    // Cursors are the server's own: anything else is bad input.
    let garbage = [
        "garbage".to_owned(),
        String::new(),
        "azE6NQ".to_owned(),
        "k1:1,2".to_owned(),
        ids[0].clone(),
    ];
    for after in &garbage {
        let resp = app
            .gql_as(
                &bob.token,
                FORUM_PAGE,
                json!({ "slug": "paging", "after": after }),
            )
            .await;
        assert_bad_input(&resp, "after");
        let resp = app
            .gql_as(
                &bob.token,
                "query($a: String) { proposals(after: $a) { totalCount } }",
                json!({ "a": after }),
            )
            .await;
        assert_bad_input(&resp, "after");
    }
}

async fn make(app: &TestApp, who: &Session, forum: &str, title: &str, body: &str) -> String {
    let resp = app
        .try_create_proposal(
            Some(who),
            json!({ "forumId": forum, "title": title, "body": body }),
        )
        .await;
    str_at(&data_at(&resp, "createProposal"), "id").to_owned()
}

const SEARCH: &str = "query($q: String, $f: ID, $s: [ProposalStatus!]) {
    proposals(first: 100, search: $q, forumId: $f, status: $s) { totalCount edges { node { id title } } } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn query_proposals_searches_every_word_in_title_or_body() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let (alice, bob) = (app.resident().await, app.resident().await);
    let transport = app.forum_id("transport").await;
    let environment = app.forum_id("environment").await;
    let lanes = make(
        &app,
        &alice,
        &transport,
        "Bike lanes on the High Street",
        "Safer cycling for the schoolchildren.",
    )
    .await;
    let fares = make(
        &app,
        &alice,
        &transport,
        "Cheaper bus fares",
        "And the BIKE shed is full too.",
    )
    .await;
    let parking = make(
        &app,
        &alice,
        &environment,
        "Make parking 100% free",
        "In the town centre.",
    )
    .await;
    let rename = make(
        &app,
        &alice,
        &environment,
        "Rename a_b street",
        "Nobody can say it.",
    )
    .await;
    let tidy = make(
        &app,
        &alice,
        &environment,
        "Tidy the axb lane",
        "It is a mess.",
    )
    .await;
    let secret = make(
        &app,
        &alice,
        &transport,
        "Bike racks at the station",
        "Still a draft.",
    )
    .await;
    for id in [&lanes, &fares, &parking, &rename, &tidy] {
        app.publish(&alice, id).await;
    }
    app.submit_to_council(&clerk, &fares).await;

    let search = |who: &Session, q: Option<&str>, forum: Option<&str>, status: Option<Value>| {
        let (token, vars) = (
            who.token.clone(),
            json!({ "q": q, "f": forum, "s": status }),
        );
        let app = &app;
        async move {
            let resp = app.gql_as(&token, SEARCH, vars).await;
            let list = &ok(&resp)["proposals"];
            let ids: HashSet<String> = node_ids(list).into_iter().collect();
            assert_eq!(list["totalCount"], ids.len(), "{resp}");
            ids
        }
    };
    let set = |items: &[&String]| {
        items
            .iter()
            .map(|s| (*s).clone())
            .collect::<HashSet<String>>()
    };

    for (q, expected) in [
        ("bike", set(&[&lanes, &fares])),
        ("BIKE", set(&[&lanes, &fares])),
        ("Bike Street", set(&[&lanes])),
        ("  bike   SCHOOLCHILDREN ", set(&[&lanes])),
        ("bike tram", set(&[])),
        ("100%", set(&[&parking])),
        ("%", set(&[&parking])),
        ("a_b", set(&[&rename])),
        ("_", set(&[&rename])),
        ("lane", set(&[&lanes, &tidy])),
        ("the", set(&[&lanes, &fares, &tidy, &parking])),
    ] {
        assert_eq!(
            search(&bob, Some(q), None, None).await,
            expected,
            "search {q:?}"
        );
    }
    // With the forum and status filters.
    assert_eq!(
        search(&bob, Some("bike"), Some(transport.as_str()), None).await,
        set(&[&lanes, &fares])
    );
    assert_eq!(
        search(&bob, Some("bike"), Some(environment.as_str()), None).await,
        set(&[])
    );
    assert_eq!(
        search(&bob, Some("bike"), None, Some(json!(["SUBMITTED"]))).await,
        set(&[&fares])
    );
    assert_eq!(
        search(&bob, None, Some(environment.as_str()), None).await,
        set(&[&parking, &rename, &tidy])
    );
    assert_eq!(search(&bob, None, None, None).await.len(), 5);
    // Drafts are found by their author alone.
    assert_eq!(search(&bob, Some("racks"), None, None).await, set(&[]));
    assert_eq!(
        search(&alice, Some("racks"), None, None).await,
        set(&[&secret])
    );
    // And anonymous visitors search too.
    let resp = app
        .gql(SEARCH, json!({ "q": "bike", "f": transport }))
        .await;
    assert_eq!(ok(&resp)["proposals"]["totalCount"], 2);

    for bad in ["garbage", "", bob.user_id.as_str()] {
        let resp = app.gql_as(&bob.token, SEARCH, json!({ "f": bad })).await;
        assert_bad_input(&resp, "forumId");
    }
}

const INBOX: &str =
    "query($first: Int, $after: String) { councilInbox(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id status submittedAt } } } }";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_council_inbox_is_the_councils_longest_waiting_first() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let alice = app.resident().await;
    let youth = app.active_youth(&clerk).await;
    let pending = app.pending_youth(17).await;
    let forum = app.forum_id("economy-tourism").await;
    let youth_forum = app.forum_id("youth-economy-tourism").await;

    let a = app
        .open_proposal(&alice, &forum, "A tourist information point")
        .await;
    let b = app
        .open_proposal(&alice, &forum, "A farmers' market on Saturdays")
        .await;
    let _open = app
        .open_proposal(&alice, &forum, "Still gathering support")
        .await;
    let _draft = app
        .create_proposal(&alice, &forum, "Not yet published")
        .await;
    let y = app
        .open_proposal(&youth, &youth_forum, "Summer jobs for young people")
        .await;
    app.submit_to_council(&clerk, &b).await;
    app.submit_to_council(&clerk, &a).await;
    app.submit_to_council(&clerk, &y).await;

    for who in [&clerk, &councillor] {
        let resp = app.gql_as(&who.token, INBOX, json!({})).await;
        let inbox = &ok(&resp)["councilInbox"];
        assert_eq!(
            node_ids(inbox),
            vec![b.clone(), a.clone(), y.clone()],
            "{resp}"
        );
        assert_eq!(inbox["totalCount"], 3);
        assert_eq!(inbox["pageInfo"]["hasNextPage"], false);
    }
    // Paged.
    let resp = app
        .gql_as(&councillor.token, INBOX, json!({ "first": 2 }))
        .await;
    let page = &ok(&resp)["councilInbox"];
    assert_eq!(node_ids(page), vec![b.clone(), a.clone()]);
    assert_eq!(page["pageInfo"]["hasNextPage"], true);
    let resp = app
        .gql_as(
            &councillor.token,
            INBOX,
            json!({ "first": 2, "after": page["pageInfo"]["endCursor"] }),
        )
        .await;
    let page = &ok(&resp)["councilInbox"];
    assert_eq!(node_ids(page), vec![y.clone()]);
    assert_eq!(page["pageInfo"]["hasNextPage"], false);

    // Not for anyone else.
    assert_code(&app.gql(INBOX, json!({})).await, "UNAUTHENTICATED");
    for who in [&alice, &youth, &pending] {
        assert_code(&app.gql_as(&who.token, INBOX, json!({})).await, "FORBIDDEN");
    }

    // Under review stays in, in its place; decided leaves.
    let respond = |id: &str, kind: &str, decision: Option<&str>| {
        let vars = json!({ "input": { "proposalId": id, "kind": kind, "decision": decision,
                                      "body": "The council has read this." } });
        let (app, token) = (&app, councillor.token.clone());
        async move {
            let resp = app
                .gql_as(
                    &token,
                    "mutation($input: RespondInput!) { respondToProposal(input: $input) { id } }",
                    vars,
                )
                .await;
            ok(&resp);
        }
    };
    respond(&b, "ACKNOWLEDGEMENT", None).await;
    respond(&a, "DECISION", Some("REJECTED")).await;
    let resp = app.gql_as(&clerk.token, INBOX, json!({})).await;
    let inbox = &ok(&resp)["councilInbox"];
    assert_eq!(node_ids(inbox), vec![b.clone(), y.clone()], "{resp}");
    assert_eq!(inbox["edges"][0]["node"]["status"], "UNDER_REVIEW");
    assert_eq!(inbox["totalCount"], 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn youth_content_stays_within_the_youth_circle() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let resident = app.resident().await;
    let youth = app.active_youth(&clerk).await;
    let friend = app.active_youth(&clerk).await;
    let pending = app.pending_youth(13).await;
    let youth_env = app.forum_id("youth-environment").await;
    let env = app.forum_id("environment").await;

    let shadow = app
        .open_proposal(&youth, &youth_env, "A skate park by the leisure centre")
        .await;
    let themed = app
        .open_proposal(&youth, &env, "Water fountains in the park")
        .await;
    let query = "query($id: ID!, $themed: ID!) {
        proposal(id: $id) { id author { id } authorRole }
        node(id: $id) { id }
        themed: proposal(id: $themed) { id author { id } authorRole }
        youthForum: forum(slug: \"youth-environment\") { name proposals { totalCount edges { node { id } } } }
        all: proposals(first: 100) { totalCount edges { node { id } } }
        found: proposals(search: \"skate\") { totalCount } }";
    let vars = json!({ "id": shadow, "themed": themed });

    // Outside the circle: the forum exists, its content does not; the author is nobody.
    for who in [None, Some(&resident), Some(&pending)] {
        let resp = app.gql_opt(who, query, vars.clone()).await;
        let data = ok(&resp);
        assert!(data["proposal"].is_null(), "{who:?}: {resp}");
        assert!(data["node"].is_null(), "{resp}");
        assert!(!str_at(&data["youthForum"], "name").is_empty());
        assert_eq!(data["youthForum"]["proposals"]["totalCount"], 0, "{resp}");
        assert_eq!(
            node_ids(&data["youthForum"]["proposals"]),
            Vec::<String>::new()
        );
        assert_eq!(data["all"]["totalCount"], 1, "{resp}");
        assert_eq!(node_ids(&data["all"]), vec![themed.clone()]);
        assert_eq!(data["found"]["totalCount"], 0);
        assert_eq!(data["themed"]["id"], themed.as_str());
        assert!(data["themed"]["author"].is_null(), "{resp}");
        assert_eq!(data["themed"]["authorRole"], "YOUTH");
    }
    // Their mutations find nothing there.
    for field in ["supportProposal", "withdrawSupport"] {
        let resp = app
            .try_proposal_mutation(Some(&resident), field, &shadow)
            .await;
        assert_code(&resp, "NOT_FOUND");
    }
    let resp = app
        .try_add_comment(Some(&resident), &shadow, None, "Let me in")
        .await;
    assert_code(&resp, "NOT_FOUND");
    // A resident may still support the themed one, without learning who wrote it.
    let supported = app.support(&resident, &themed).await;
    assert_eq!(supported["supportCount"], 1);
    assert!(supported["author"].is_null(), "{supported}");

    // Inside the circle: youth members, councillors and clerks see it all.
    for who in [&youth, &friend, &councillor, &clerk] {
        let resp = app.gql_as(&who.token, query, vars.clone()).await;
        let data = ok(&resp);
        assert_eq!(
            data["proposal"]["author"]["id"],
            youth.user_id.as_str(),
            "{resp}"
        );
        assert_eq!(data["proposal"]["authorRole"], "YOUTH");
        assert_eq!(data["node"]["id"], shadow.as_str());
        assert_eq!(data["youthForum"]["proposals"]["totalCount"], 1);
        assert_eq!(data["all"]["totalCount"], 2);
        assert_eq!(data["found"]["totalCount"], 1);
        assert_eq!(data["themed"]["author"]["id"], youth.user_id.as_str());
    }
    let supported = app.support(&friend, &shadow).await;
    assert_eq!(supported["supportCount"], 1);
}
