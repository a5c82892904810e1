//! What browsers see: CORS for a frontend on its own origin, the security headers on every
//! response, and the production switches.

use api::http::cors::{AllowedOrigins, PREFLIGHT_MAX_AGE_SECS};
use fforwm_tests::{TestApp, ok};
use reqwest::{Method, RequestBuilder, Response, StatusCode, header};
use serde_json::{Value, json};

const FRONTEND: &str = "https://forums.example-council.gov.uk";

async fn app_for_frontend() -> TestApp {
    TestApp::spawn_with(|config| {
        config.cors_origins = AllowedOrigins::Only(vec![
            FRONTEND.to_string(),
            "http://localhost:5173".to_string(),
        ]);
    })
    .await
}

fn header_of<'a>(response: &'a Response, name: &str) -> Option<&'a str> {
    response.headers().get(name).and_then(|v| v.to_str().ok())
}

/// The `Access-Control-*` headers of a response.
fn cors_headers(response: &Response) -> Vec<String> {
    response
        .headers()
        .keys()
        .map(|name| name.as_str().to_owned())
        .filter(|name| name.starts_with("access-control-"))
        .collect()
}

fn varies_by_origin(response: &Response) -> bool {
    response
        .headers()
        .get_all(header::VARY)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|v| v.trim().eq_ignore_ascii_case("origin"))
}

fn post_graphql(app: &TestApp, origin: &str) -> RequestBuilder {
    app.request(Method::POST, "/graphql")
        .header(header::ORIGIN, origin)
        .json(&json!({ "query": "{ forums(kind: THEMED) { slug } }" }))
}

/// What a browser asks for when it opens /graphql.
fn ide_page(app: &TestApp) -> RequestBuilder {
    app.request(Method::GET, "/graphql")
        .header(header::ACCEPT, "text/html")
}

fn preflight(app: &TestApp, path: &str, origin: &str) -> RequestBuilder {
    app.request(Method::OPTIONS, path)
        .header(header::ORIGIN, origin)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(
            header::ACCESS_CONTROL_REQUEST_HEADERS,
            "authorization,content-type",
        )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_frontends_origin_may_call_the_api() {
    let app = app_for_frontend().await;
    let alice = app.resident().await;

    let response = post_graphql(&app, FRONTEND)
        .bearer_auth(&alice.token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header_of(&response, "access-control-allow-origin"),
        Some(FRONTEND)
    );
    assert!(varies_by_origin(&response), "{response:?}");
    // Bearer tokens, not cookies: credentials are never allowed.
    assert_eq!(
        header_of(&response, "access-control-allow-credentials"),
        None
    );
    let body: Value = response.json().await.unwrap();
    assert_eq!(ok(&body)["forums"].as_array().unwrap().len(), 6);

    // The second listed origin, and the other routes a browser app calls.
    let response = post_graphql(&app, "http://localhost:5173")
        .send()
        .await
        .unwrap();
    assert_eq!(
        header_of(&response, "access-control-allow-origin"),
        Some("http://localhost:5173")
    );
    let response = app
        .request(Method::GET, "/reports/strategies/nothing.md")
        .header(header::ORIGIN, FRONTEND)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        header_of(&response, "access-control-allow-origin"),
        Some(FRONTEND),
        "reports are for browsers too"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_preflight_for_post_graphql_allows_the_json_body_and_the_token() {
    let app = app_for_frontend().await;

    let response = preflight(&app, "/graphql", FRONTEND).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        header_of(&response, "access-control-allow-origin"),
        Some(FRONTEND)
    );
    let methods = header_of(&response, "access-control-allow-methods").unwrap_or_default();
    assert!(
        methods.contains("POST") && methods.contains("GET"),
        "{methods}"
    );
    assert!(!methods.contains("DELETE"), "{methods}");
    let headers = header_of(&response, "access-control-allow-headers")
        .unwrap_or_default()
        .to_lowercase();
    assert!(
        headers.contains("authorization") && headers.contains("content-type"),
        "{headers}"
    );
    assert_eq!(
        header_of(&response, "access-control-max-age"),
        Some(PREFLIGHT_MAX_AGE_SECS.to_string().as_str())
    );
    assert!(varies_by_origin(&response));
    assert_eq!(
        header_of(&response, "access-control-allow-credentials"),
        None
    );

    // A method or header the API does not take is refused, with nothing allowed.
    let response = app
        .request(Method::OPTIONS, "/graphql")
        .header(header::ORIGIN, FRONTEND)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "DELETE")
        .send()
        .await
        .unwrap();
    assert!(response.status().is_client_error(), "{response:?}");
    assert_eq!(header_of(&response, "access-control-allow-origin"), None);
    let response = app
        .request(Method::OPTIONS, "/graphql")
        .header(header::ORIGIN, FRONTEND)
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .header(
            header::ACCESS_CONTROL_REQUEST_HEADERS,
            "content-type,x-secret",
        )
        .send()
        .await
        .unwrap();
    assert!(response.status().is_client_error(), "{response:?}");
    assert_eq!(header_of(&response, "access-control-allow-origin"), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_origins_get_no_cors_headers() {
    let app = app_for_frontend().await;
    for stranger in [
        "https://evil.example",
        "https://forums.example-council.gov.uk.evil.example",
        "http://forums.example-council.gov.uk",
        "https://forums.example-council.gov.uk:8443",
        "null",
    ] {
        // Served as for any client (curl sends no Origin), but the browser gets nothing that
        // lets the page read it.
        let response = post_graphql(&app, stranger).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "{stranger}");
        assert!(
            cors_headers(&response).is_empty(),
            "{stranger}: {response:?}"
        );
        assert!(varies_by_origin(&response), "{stranger}");

        let response = preflight(&app, "/graphql", stranger).send().await.unwrap();
        assert!(!response.status().is_success(), "{stranger}: {response:?}");
        assert!(
            cors_headers(&response).is_empty(),
            "{stranger}: {response:?}"
        );
    }

    // By default no origin is allowed, the frontend's included.
    let closed = TestApp::spawn().await;
    let response = post_graphql(&closed, FRONTEND).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(cors_headers(&response).is_empty(), "{response:?}");
    let response = preflight(&closed, "/graphql", FRONTEND)
        .send()
        .await
        .unwrap();
    assert!(cors_headers(&response).is_empty(), "{response:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_star_allows_any_origin_without_echoing_it() {
    let app = TestApp::spawn_with(|config| config.cors_origins = AllowedOrigins::Any).await;
    let response = post_graphql(&app, "https://anywhere.example")
        .send()
        .await
        .unwrap();
    assert_eq!(
        header_of(&response, "access-control-allow-origin"),
        Some("*")
    );
    assert_eq!(
        header_of(&response, "access-control-allow-credentials"),
        None
    );
}

/// The headers every response carries, whatever it is.
#[track_caller]
fn assert_security_headers(response: &Response, production: bool) {
    let what = format!("{} {}", response.url().path(), response.status());
    assert_eq!(
        header_of(response, "x-content-type-options"),
        Some("nosniff"),
        "{what}"
    );
    assert_eq!(
        header_of(response, "referrer-policy"),
        Some("no-referrer"),
        "{what}"
    );
    assert_eq!(
        header_of(response, "x-frame-options"),
        Some("DENY"),
        "{what}"
    );
    let policy = header_of(response, "content-security-policy").unwrap_or_default();
    assert!(
        policy.contains("frame-ancestors 'none'"),
        "{what}: {policy}"
    );
    assert!(policy.starts_with("default-src 'none'"), "{what}: {policy}");
    let hsts = header_of(response, "strict-transport-security");
    if production {
        let hsts = hsts.unwrap_or_else(|| panic!("{what}: no Strict-Transport-Security"));
        assert!(hsts.contains("max-age=63072000"), "{what}: {hsts}");
    } else {
        assert_eq!(hsts, None, "{what}: HSTS on plain-HTTP development");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_the_security_headers() {
    let app = app_for_frontend().await;

    let response = post_graphql(&app, FRONTEND).send().await.unwrap();
    assert_security_headers(&response, false);
    assert_eq!(
        header_of(&response, "content-security-policy"),
        Some("default-src 'none'; frame-ancestors 'none'")
    );
    for path in ["/health", "/ready", "/schema.graphql", "/no-such-page"] {
        let response = app.request(Method::GET, path).send().await.unwrap();
        assert_security_headers(&response, false);
    }
    // Refusals: a malformed body, an oversized one, a preflight.
    let response = app
        .request(Method::POST, "/graphql")
        .header(header::CONTENT_TYPE, "application/json")
        .body("{ not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_security_headers(&response, false);
    let response = app
        .request(Method::POST, "/graphql")
        .header(header::CONTENT_TYPE, "application/json")
        .body(vec![b' '; 2 * 1024 * 1024])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_security_headers(&response, false);
    let response = preflight(&app, "/graphql", FRONTEND).send().await.unwrap();
    assert_security_headers(&response, false);

    // The IDE page loads its scripts and styles from the CDN, and its own inline script by
    // hash only; nothing may frame it.
    let response = ide_page(&app).send().await.unwrap();
    assert_security_headers(&response, false);
    let policy = header_of(&response, "content-security-policy")
        .unwrap()
        .to_owned();
    let page = response.text().await.unwrap();
    assert!(page.contains("https://unpkg.com/graphiql"), "not the IDE");
    let script_src = policy
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src"))
        .unwrap_or_else(|| panic!("no script-src: {policy}"));
    assert!(script_src.contains("https://unpkg.com"), "{policy}");
    assert!(script_src.contains("'sha256-"), "{policy}");
    assert!(!script_src.contains("'unsafe-inline'"), "{policy}");
    assert!(!script_src.contains("'unsafe-eval'"), "{policy}");
    assert!(policy.contains("connect-src 'self'"), "{policy}");
}

/// Introspection refused in production: `http::production_hides_introspection_the_ide_and_suggestions`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn production_is_https_only_and_keeps_its_schema_file() {
    let app = TestApp::spawn_with(|config| config.environment = api::Environment::Production).await;
    for path in ["/health", "/no-such-page"] {
        let response = app.request(Method::GET, path).send().await.unwrap();
        assert_security_headers(&response, true);
    }
    let response = post_graphql(&app, FRONTEND).send().await.unwrap();
    assert_security_headers(&response, true);
    // The schema file tells what introspection would.
    let response = app
        .request(Method::GET, "/schema.graphql")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn production_may_turn_introspection_and_the_ide_back_on() {
    let app = TestApp::spawn_with(|config| {
        config.environment = api::Environment::Production;
        config.introspection = Some(true);
    })
    .await;
    let resp = app
        .gql("{ __schema { queryType { name } } }", json!({}))
        .await;
    assert_eq!(ok(&resp)["__schema"]["queryType"]["name"], "Query");
    let resp = app.gql("{ forumz { slug } }", json!({})).await;
    assert!(
        resp.to_string().contains("Did you mean"),
        "suggestions come with introspection: {resp}"
    );

    let response = ide_page(&app).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_security_headers(&response, true);
    assert!(response.text().await.unwrap().contains("graphiql"));
    let response = app
        .request(Method::GET, "/schema.graphql")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.text().await.unwrap().contains("type Query"));

    // And development may turn it off.
    let app = TestApp::spawn_with(|config| config.introspection = Some(false)).await;
    let resp = app
        .gql("{ __schema { queryType { name } } }", json!({}))
        .await;
    assert!(resp["data"]["__schema"].is_null(), "{resp}");
}
