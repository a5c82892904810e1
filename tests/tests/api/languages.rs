//! Welsh in every word the server writes: errors, notifications and reports follow `?lang=`,
//! then `Accept-Language`, then the signed-in viewer's preferredLanguage, then English; counted
//! texts take Welsh's plural forms; the file routes refuse through the one error mapping.

use fforwm_tests::{
    PASSWORD, TestApp, assert_bad_input, assert_code, content::data_at, error_field, ok,
    roles::global_id, str_at,
};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const LOGIN: &str = "mutation($email: String!, $password: String!) {
    login(email: $email, password: $password) { accessToken } }";

fn message(resp: &Value) -> &str {
    resp["errors"][0]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("no error message: {resp}"))
}

/// POST /graphql to `path` (which may carry `?lang=`) with extra headers.
async fn post(
    app: &TestApp,
    path: &str,
    headers: &[(&str, &str)],
    query: &str,
    vars: Value,
) -> Value {
    let mut request = app
        .request(Method::POST, path)
        .json(&json!({ "query": query, "variables": vars }));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let body: Value = response.json().await.unwrap();
    fforwm_tests::check_errors(&body);
    body
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_login_is_refused_in_the_requests_language() {
    let app = TestApp::spawn().await;
    let ann = app.register("ann@example.org", "Ann").await;
    let wrong = json!({ "email": ann.email, "password": "not the password" });

    let english = post(&app, "/graphql", &[], LOGIN, wrong.clone()).await;
    assert_code(&english, "UNAUTHENTICATED");
    assert_eq!(message(&english), "Wrong email or password.");

    let welsh = post(
        &app,
        "/graphql",
        &[("Accept-Language", "cy")],
        LOGIN,
        wrong.clone(),
    )
    .await;
    assert_code(&welsh, "UNAUTHENTICATED");
    assert_eq!(message(&welsh), "Cyfeiriad e-bost neu gyfrinair anghywir.");

    let by_query = post(&app, "/graphql?lang=cy", &[], LOGIN, wrong.clone()).await;
    assert_eq!(message(&by_query), message(&welsh));
    // ?lang= comes before the header.
    let both = post(
        &app,
        "/graphql?lang=en",
        &[("Accept-Language", "cy")],
        LOGIN,
        wrong,
    )
    .await;
    assert_eq!(message(&both), message(&english));
    // The right password still works, in any language.
    let right = json!({ "email": ann.email, "password": PASSWORD });
    let resp = post(&app, "/graphql?lang=cy", &[], LOGIN, right).await;
    assert!(ok(&resp)["login"]["accessToken"].is_string());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_names_its_field_in_the_readers_language() {
    let app = TestApp::spawn().await;
    let ann = app.resident().await;
    let forum = app.forum_id("transport").await;
    let query = "mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }";
    let short = json!({ "input": { "forumId": forum, "title": "Bus", "body": "More buses." } });

    let resp = app
        .gql_with(
            Some(&ann.token),
            &[("Accept-Language", "cy")],
            query,
            short.clone(),
        )
        .await;
    assert_bad_input(&resp, "title");
    assert_eq!(
        message(&resp),
        "Rhaid i'r maes “Teitl” fod rhwng 5 a 150 nod o hyd."
    );
    let resp = app.gql_as(&ann.token, query, short.clone()).await;
    assert_bad_input(&resp, "title");
    assert_eq!(message(&resp), "Title must be 5 to 150 characters long.");

    // A wrong kind of ID names its field too.
    let wrong_kind = json!({ "input": { "forumId": global_id("Proposal", 1), "title": "A longer title",
                                        "body": "More buses." } });
    let resp = app
        .gql_with(
            Some(&ann.token),
            &[("Accept-Language", "cy")],
            query,
            wrong_kind,
        )
        .await;
    assert_eq!(error_field(&resp), Some("forumId"));
    assert_eq!(message(&resp), "Rhaid i'r maes “Fforwm” fod yn ID fforwm.");

    // Without ?lang= or a header, the signed-in viewer's preference.
    let resp = app
        .gql_as(
            &ann.token,
            "mutation { updateMe(input: { preferredLanguage: CY }) { preferredLanguage } }",
            json!({}),
        )
        .await;
    assert_eq!(data_at(&resp, "updateMe")["preferredLanguage"], "CY");
    let resp = app.gql_as(&ann.token, query, short).await;
    assert_bad_input(&resp, "title");
    assert!(
        message(&resp).starts_with("Rhaid i'r maes “Teitl”"),
        "{resp}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notifications_say_what_happened_in_welsh() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let (author, supporter) = (app.resident().await, app.resident().await);
    let forum = app.forum_id("transport").await;
    let title = "Bws i'r ysbyty bob awr";
    let id = app.open_proposal(&author, &forum, title).await;
    app.support(&supporter, &id).await;
    app.submit_to_council(&clerk, &id).await;

    let query =
        "{ myNotifications { edges { node { kind en: message(lang: EN) cy: message(lang: CY)
                   message } } } }";
    let resp = app
        .gql_with(
            Some(&supporter.token),
            &[("Accept-Language", "cy")],
            query,
            json!({}),
        )
        .await;
    let node = &ok(&resp)["myNotifications"]["edges"][0]["node"];
    assert_eq!(node["kind"], "PROPOSAL_STATUS_CHANGED", "{resp}");
    assert_eq!(
        str_at(node, "cy"),
        format!("Mae “{title}” bellach gyda'r cyngor.")
    );
    assert_eq!(
        str_at(node, "en"),
        format!("“{title}” is now with the council.")
    );
    assert_eq!(node["message"], node["cy"], "Accept-Language: cy");
}

/// `GET /reports/strategies/<file>` with a query string and headers.
async fn report(
    app: &TestApp,
    file: &str,
    query: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, String) {
    let mut request = app.request(Method::GET, &format!("/reports/strategies/{file}{query}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    (response.status(), response.text().await.unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_count_in_every_welsh_plural_form() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let resident = app.resident().await;
    let forum = app.forum_id("environment").await;
    let strategy = app.create_strategy(&clerk, "Cynllun Gwyrdd").await;
    let sid = str_at(&strategy, "id").to_owned();

    // Objectives fed by 0, 1, 2 and 3 proposals.
    for fed in 0..4 {
        let objective = app
            .add_objective(&clerk, &sid, &format!("Objective fed by {fed}"), &[&forum])
            .await;
        for n in 0..fed {
            let proposal = app
                .council_proposal(
                    &resident,
                    &clerk,
                    &councillor,
                    &forum,
                    &format!("Proposal {n} for objective {fed}"),
                    None,
                )
                .await;
            app.link(&clerk, str_at(&objective, "id"), &proposal, None)
                .await;
        }
    }
    // Indicators with 0, 1, 2, 3, 6 and 20 measurements.
    let objective = app
        .add_objective(&clerk, &sid, "Measured objective", &[])
        .await;
    for count in [0, 1, 2, 3, 6, 20] {
        let indicator = app
            .add_indicator(
                &clerk,
                str_at(&objective, "id"),
                &format!("Indicator with {count}"),
                "sites",
                None,
                None,
            )
            .await;
        for day in 0..count {
            let date = format!("2025-03-{:02}", day + 1);
            app.record_measurement(&clerk, str_at(&indicator, "id"), 1.0, &date, None)
                .await;
        }
    }

    app.set_strategy_status(&clerk, &sid, "CONSULTATION").await;

    let file = format!("{sid}.md");
    let (status, welsh) = report(&app, &file, "?lang=cy", &[]).await;
    assert_eq!(status, StatusCode::OK, "{welsh}");
    let (_, by_header) = report(
        &app,
        &file,
        "",
        &[
            ("Authorization", &format!("Bearer {}", clerk.token)),
            ("Accept-Language", "cy"),
        ],
    )
    .await;
    assert_eq!(by_header, welsh, "?lang=cy and Accept-Language: cy agree");
    for form in [
        "Nid oes yr un cynnig wedi bwydo'r amcan hwn eto.",
        "Bwydodd un cynnig yr amcan hwn.",
        "Bwydodd dau gynnig yr amcan hwn.",
        "Bwydodd tri chynnig yr amcan hwn.",
        "| dim mesuriadau |",
        "| un mesuriad |",
        "| dau fesuriad |",
        "| tri mesuriad |",
        "| chwe mesuriad |",
        "| 20 mesuriad |",
        "### Cynigion a gyfrannodd",
        "### Dangosyddion",
    ] {
        assert!(
            welsh.contains(form),
            "no {form:?} in the Welsh report:\n{welsh}"
        );
    }
    let (_, english) = report(&app, &file, "?lang=en", &[("Accept-Language", "cy")]).await;
    for form in [
        "No proposal has fed this objective yet.",
        "1 proposal fed this objective.",
        "2 proposals fed this objective.",
        "3 proposals fed this objective.",
        "| no measurements |",
        "| 1 measurement |",
        "| 2 measurements |",
        "| 6 measurements |",
        "| 20 measurements |",
    ] {
        assert!(
            english.contains(form),
            "no {form:?} in the English report:\n{english}"
        );
    }
    // The CSV's headings and words follow the language too; the JSON's keys do not.
    let (_, csv) = report(&app, &format!("{sid}.csv"), "?lang=cy", &[]).await;
    assert!(csv.starts_with("Rhif yr amcan,Amcan,ID y cynnig,"), "{csv}");
    assert!(csv.contains(",Wedi'i gyflwyno,"), "{csv}");
    let (_, document) = report(&app, &format!("{sid}.json"), "?lang=cy", &[]).await;
    let document: Value = serde_json::from_str(&document).unwrap();
    assert_eq!(
        document["objectives"][1]["contributions"][0]["status"],
        "SUBMITTED"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn file_routes_refuse_through_the_one_error_mapping() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let strategy = app.create_strategy(&clerk, "A draft plan").await;
    let file = format!("{}.md", str_at(&strategy, "id"));

    // A bad token: 401, in the request's language, as a GraphQL-shaped error.
    let forged = [("Authorization", "Bearer not.a.token")];
    let (status, body) = report(&app, &file, "?lang=cy", &forged).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    assert_eq!(
        body["errors"][0]["message"],
        "Mae eich mewngofnodiad wedi dod i ben neu nid yw'n ddilys. Mewngofnodwch eto."
    );

    // A draft the visitor may not see, and a strategy that does not exist: the same 404.
    for file in [
        file.clone(),
        format!("{}.md", global_id("CommunityStrategy", 999)),
    ] {
        let (status, body) = report(&app, &file, "", &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["errors"][0]["extensions"]["code"], "NOT_FOUND");
        assert_eq!(body["errors"][0]["message"], "Not found.");
    }
    let bearer = format!("Bearer {}", clerk.token);
    let (status, _) = report(&app, &file, "", &[("Authorization", &bearer)]).await;
    assert_eq!(status, StatusCode::OK);
}
