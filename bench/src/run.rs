//! One benchmark run: prepare the town, start both servers, measure every scenario, print.

use std::{
    sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    },
    time::{Duration, Instant},
};

use anyhow::Context;
use api::service::demo::DEMO_PASSWORD;
use futures_util::future::join_all;
use reqwest::header::CONTENT_TYPE;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

use crate::{
    Options, database,
    fixtures::{Fixtures, Resident},
    load::{self, Requests},
    process::Server,
    queries::{self, body},
    report::{Burst, Row, Setting, print_report},
};

/// Logins sent at once in the burst.
const BURST: usize = 50;
/// Page sizes whose SQL statements are counted.
const PAGE_SIZES: [i64; 3] = [5, 20, 50];

pub async fn run(options: Options) -> anyhow::Result<()> {
    anyhow::ensure!(
        options.scale > 0.0 && options.scale <= api::service::demo::MAX_SCALE,
        "--scale must be above 0 and at most {}",
        api::service::demo::MAX_SCALE
    );
    anyhow::ensure!(options.clients > 0, "--clients must be at least 1");
    anyhow::ensure!(
        options.duration > 0.0 && options.warmup >= 0.0,
        "--duration must be positive and --warmup not negative"
    );
    let url = database::prepare(&options.admin_url, options.scale, options.reseed).await?;
    let db = database::connect(&url).await?;
    let fixtures = Fixtures::load(&db).await?;
    anyhow::ensure!(
        !fixtures.slugs.is_empty() && !fixtures.threads.is_empty(),
        "the town has no open themed forum or no conversation"
    );
    anyhow::ensure!(
        fixtures.residents.len() > options.clients,
        "the town has {} residents: too few for {} clients",
        fixtures.residents.len(),
        options.clients
    );
    let postgres = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SHOW server_version",
        ))
        .await?
        .and_then(|row| row.try_get::<String>("", "server_version").ok())
        .unwrap_or_default();

    let log_dir = std::env::temp_dir().join(format!("fforwm-bench-{}", std::process::id()));
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(4 * options.clients + BURST)
        .timeout(Duration::from_secs(120))
        .build()?;
    let mut server = Server::start("server", "serve", &url, &log_dir)?;
    server.ready(&http).await?;
    let mut ceiling = Server::start("ceiling", "ceiling", &url, &log_dir)?;
    ceiling.ready(&http).await?;
    eprintln!("servers' logs: {}", log_dir.display());
    let started_mib = server.memory_mib("VmRSS:");

    same_page_from_both(&http, &server, &ceiling, &fixtures.slugs).await?;

    let bench = Bench {
        http: http.clone(),
        options: options.clone(),
    };
    let wants = |key: &str| options.only.is_empty() || options.only.iter().any(|k| k == key);
    let pages = |query: &str, first: i64| -> Vec<Vec<u8>> {
        fixtures
            .slugs
            .iter()
            .map(|slug| body(query, json!({ "slug": slug, "first": first })))
            .collect()
    };
    let mut anonymous = vec![
        (
            "page",
            "forum page, anonymous".to_string(),
            &server,
            pages(queries::FORUM_PAGE, 20),
        ),
        (
            "ceiling",
            "forum page, the ceiling (2 SQL queries)".to_string(),
            &ceiling,
            pages(queries::FORUM_PAGE, 20),
        ),
        (
            "thread",
            "proposal with 20 comments and replies".to_string(),
            &server,
            fixtures
                .threads
                .iter()
                .map(|id| body(queries::THREAD, json!({ "id": id })))
                .collect(),
        ),
        (
            "search",
            "proposals(search:)".to_string(),
            &server,
            queries::SEARCH_WORDS
                .iter()
                .map(|q| body(queries::SEARCH, json!({ "q": q })))
                .collect(),
        ),
    ];
    for order in ["NEWEST", "MOST_SUPPORTED", "RECENTLY_ACTIVE"] {
        anonymous.push((
            "lists",
            format!("proposals, {order}"),
            &server,
            vec![body(queries::LIST, json!({ "order": order }))],
        ));
    }

    eprintln!("measuring");
    let mut rows = Vec::new();
    // Signing in leaves Argon2's memory with the server: everything anonymous comes first.
    for (key, scenario, target, bodies) in anonymous {
        if wants(key) {
            let requests = bench.graphql(target, bodies, &[]);
            rows.push(bench.measure(&scenario, target, requests).await?);
        }
    }
    let mut burst = None;
    let mut statements = Vec::new();
    if ["signed-in", "supports", "login", "burst", "sizes"]
        .iter()
        .any(|key| wants(key))
    {
        let (clients, rest) = fixtures.residents.split_at(options.clients);
        let clients: Vec<&Resident> = clients.iter().collect();
        let mut tokens = Vec::with_capacity(clients.len());
        for resident in &clients {
            tokens.push(login(&http, &server, &resident.email).await?);
        }
        if wants("signed-in") {
            let requests =
                bench.graphql(&server, pages(queries::FORUM_PAGE_SIGNED_IN, 20), &tokens);
            rows.push(
                bench
                    .measure("forum page, signed in", &server, requests)
                    .await?,
            );
        }
        if wants("supports") {
            let targets = Fixtures::support_targets(&db, &clients).await?;
            let requests = bench.supports(&server, &targets, &tokens);
            rows.push(
                bench
                    .measure("supportProposal / withdrawSupport", &server, requests)
                    .await?,
            );
            // A client whose time ran out between the two takes its support back.
            for (target, token) in targets.iter().zip(&tokens) {
                let withdraw = body(queries::WITHDRAW_SUPPORT, json!({ "id": target }));
                let sent = bench
                    .post(&server, withdraw)
                    .bearer_auth(token)
                    .send()
                    .await;
                let (ok, error) = load::answer(sent).await;
                anyhow::ensure!(ok, "withdrawing a support: {error:?}");
            }
        }
        let logins: Arc<Vec<String>> = Arc::new(rest.iter().map(|r| r.email.clone()).collect());
        let next_login = Arc::new(AtomicUsize::new(0));
        if wants("login") {
            let requests = bench.logins(&server, &logins, &next_login);
            rows.push(bench.measure("login", &server, requests).await?);
        }
        if wants("burst") {
            let pages = pages(queries::FORUM_PAGE, 20);
            burst = Some(bench.burst(&server, pages, &logins, &next_login).await?);
        }
        if wants("sizes") {
            statements = bench
                .statements_by_page_size(&server, &fixtures.slugs, &tokens)
                .await?;
        }
    }
    db.close().await?;

    print_report(
        &options,
        &Setting {
            town: fixtures.town,
            postgres,
            started_mib,
        },
        &rows,
        &statements,
        burst.as_ref(),
    );
    Ok(())
}

struct Bench {
    http: reqwest::Client,
    options: Options,
}

impl Bench {
    fn post(&self, server: &Server, body: Vec<u8>) -> reqwest::RequestBuilder {
        self.http
            .post(server.url("/graphql"))
            .header(CONTENT_TYPE, "application/json")
            .body(body)
    }

    /// Client `c`'s `i`-th request: the bodies in turn, with client `c`'s token if any.
    fn graphql(&self, server: &Server, bodies: Vec<Vec<u8>>, tokens: &[String]) -> Requests {
        let (http, url, tokens) = (self.http.clone(), server.url("/graphql"), tokens.to_vec());
        Arc::new(move |client, i| {
            let body = bodies[(client + i as usize) % bodies.len()].clone();
            let request = http
                .post(&url)
                .header(CONTENT_TYPE, "application/json")
                .body(body);
            match tokens.get(client % tokens.len().max(1)) {
                Some(token) => request.bearer_auth(token),
                None => request,
            }
        })
    }

    /// Each client supports its own proposal and takes the support back, in turn.
    fn supports(&self, server: &Server, targets: &[String], tokens: &[String]) -> Requests {
        let pairs: Vec<[Vec<u8>; 2]> = targets
            .iter()
            .map(|id| {
                [
                    body(queries::SUPPORT, json!({ "id": id })),
                    body(queries::WITHDRAW_SUPPORT, json!({ "id": id })),
                ]
            })
            .collect();
        let (http, url, tokens) = (self.http.clone(), server.url("/graphql"), tokens.to_vec());
        Arc::new(move |client, i| {
            http.post(&url)
                .header(CONTENT_TYPE, "application/json")
                .body(pairs[client][(i % 2) as usize].clone())
                .bearer_auth(&tokens[client])
        })
    }

    /// Sign-ins as the town's residents in turn, so that no one signs in twice at once (the
    /// throttle counts pending attempts).
    fn logins(
        &self,
        server: &Server,
        emails: &Arc<Vec<String>>,
        next: &Arc<AtomicUsize>,
    ) -> Requests {
        let (http, url, emails, next) = (
            self.http.clone(),
            server.url("/graphql"),
            emails.clone(),
            next.clone(),
        );
        Arc::new(move |_, _| {
            let email = &emails[next.fetch_add(1, Ordering::Relaxed) % emails.len()];
            let variables = json!({ "email": email, "password": DEMO_PASSWORD });
            http.post(&url)
                .header(CONTENT_TYPE, "application/json")
                .body(body(queries::LOGIN, variables))
        })
    }

    async fn measure(
        &self,
        scenario: &str,
        server: &Server,
        requests: Requests,
    ) -> anyhow::Result<Row> {
        eprintln!("  {scenario}");
        server.reset_peak_memory();
        let before = self.statements(server).await?;
        let run = load::drive(
            self.options.clients,
            Duration::from_secs_f64(self.options.warmup),
            Duration::from_secs_f64(self.options.duration),
            requests,
        )
        .await;
        let after = self.statements(server).await?;
        if let Some(error) = &run.first_error {
            eprintln!("    {} failed; the first: {error}", run.errors());
        }
        let statements = before
            .zip(after)
            .map(|(before, after)| (after - before) / run.sent.max(1) as f64);
        Ok(Row {
            scenario: scenario.to_string(),
            statements,
            peak_mib: server.peak_memory_mib(),
            run,
        })
    }

    /// The server's statement count; the ceiling has none to give.
    async fn statements(&self, server: &Server) -> anyhow::Result<Option<f64>> {
        if server.name == "ceiling" {
            return Ok(None);
        }
        server.statements(&self.http).await.map(Some)
    }

    /// The anonymous forum page under load while 50 people sign in at once.
    async fn burst(
        &self,
        server: &Server,
        pages: Vec<Vec<u8>>,
        emails: &Arc<Vec<String>>,
        next: &Arc<AtomicUsize>,
    ) -> anyhow::Result<Burst> {
        eprintln!("  forum page during a burst of {BURST} logins");
        server.reset_peak_memory();
        let warmup = Duration::from_secs_f64(self.options.warmup);
        let duration = Duration::from_secs_f64(self.options.duration);
        let load = load::drive(
            self.options.clients,
            warmup,
            duration,
            self.graphql(server, pages, &[]),
        );
        let logins = self.logins(server, emails, next);
        let burst = async move {
            tokio::time::sleep(warmup + duration / 3).await;
            let started = Instant::now();
            let answers = join_all((0..BURST).map(|i| {
                let request = logins(0, i as u64);
                async move { load::answer(request.send().await).await }
            }))
            .await;
            let failed = answers.iter().filter(|(ok, _)| !ok).count();
            (started, started.elapsed(), failed)
        };
        let measure_from = Instant::now() + warmup;
        let (run, (started, took, failed)) = tokio::join!(load, burst);
        let from = started.saturating_duration_since(measure_from);
        let to = from + took;
        Ok(Burst {
            quiet_p99: run.quantile_ms(0.99, |s| s.sent < from),
            burst_p99: run.quantile_ms(0.99, |s| s.sent >= from && s.sent <= to),
            logins: BURST,
            failed,
            took,
            peak_mib: server.peak_memory_mib(),
        })
    }

    /// SQL statements per forum page at each page size, anonymous and signed in.
    async fn statements_by_page_size(
        &self,
        server: &Server,
        slugs: &[String],
        tokens: &[String],
    ) -> anyhow::Result<Vec<(i64, f64, f64)>> {
        const PAGES: usize = 12;
        let mut table = Vec::new();
        for first in PAGE_SIZES {
            let mut per_page = [0.0; 2];
            for (signed_in, slot) in per_page.iter_mut().enumerate() {
                let query = if signed_in == 1 {
                    queries::FORUM_PAGE_SIGNED_IN
                } else {
                    queries::FORUM_PAGE
                };
                let before = server.statements(&self.http).await?;
                for n in 0..PAGES {
                    let slug = &slugs[n % slugs.len()];
                    let mut request =
                        self.post(server, body(query, json!({ "slug": slug, "first": first })));
                    if signed_in == 1 {
                        request = request.bearer_auth(&tokens[n % tokens.len()]);
                    }
                    let (ok, error) = load::answer(request.send().await).await;
                    anyhow::ensure!(ok, "forum page of {first}: {error:?}");
                }
                let after = server.statements(&self.http).await?;
                *slot = (after - before) / PAGES as f64;
            }
            table.push((first, per_page[0], per_page[1]));
        }
        Ok(table)
    }
}

async fn login(http: &reqwest::Client, server: &Server, email: &str) -> anyhow::Result<String> {
    let response: Value = http
        .post(server.url("/graphql"))
        .json(&json!({
            "query": queries::LOGIN,
            "variables": { "email": email, "password": DEMO_PASSWORD },
        }))
        .send()
        .await?
        .json()
        .await?;
    response["data"]["login"]["accessToken"]
        .as_str()
        .map(str::to_owned)
        .with_context(|| format!("signing in as {email}: {response}"))
}

/// The ceiling is only a ceiling if it answers the same: every forum's page, compared.
async fn same_page_from_both(
    http: &reqwest::Client,
    server: &Server,
    ceiling: &Server,
    slugs: &[String],
) -> anyhow::Result<()> {
    for slug in slugs {
        let request = json!({
            "query": queries::FORUM_PAGE,
            "variables": { "slug": slug, "first": 20 },
        });
        let mut answers = Vec::new();
        for target in [server, ceiling] {
            let answer: Value = http
                .post(target.url("/graphql"))
                .json(&request)
                .send()
                .await?
                .json()
                .await?;
            answers.push(answer);
        }
        if let Some(path) = first_difference(&answers[0], &answers[1], "") {
            anyhow::bail!(
                "the ceiling's forum page for {slug} differs from Fforwm's at {path}:\n\
                 Fforwm:  {}\nceiling: {}",
                answers[0],
                answers[1]
            );
        }
    }
    Ok(())
}

/// Where two JSON values first differ, as a path.
fn first_difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter().find_map(|key| {
                first_difference(
                    x.get(key).unwrap_or(&Value::Null),
                    y.get(key).unwrap_or(&Value::Null),
                    &format!("{path}.{key}"),
                )
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (x, y))| first_difference(x, y, &format!("{path}[{i}]"))),
        _ if a == b => None,
        _ => Some(if path.is_empty() {
            ".".to_string()
        } else {
            path.to_string()
        }),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::first_difference;

    #[test]
    fn differences_are_found_where_they_are() {
        let a = json!({ "data": { "forum": { "nodes": [{ "id": 1 }, { "id": 2 }] } } });
        let b = json!({ "data": { "forum": { "nodes": [{ "id": 1 }, { "id": 3 }] } } });
        assert_eq!(first_difference(&a, &a, ""), None);
        assert_eq!(
            first_difference(&a, &b, "").as_deref(),
            Some(".data.forum.nodes[1].id")
        );
    }
}
