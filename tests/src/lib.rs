//! Test harness for Fforwm: `TestApp::spawn()` starts the real server in-process on a free port
//! over a private database, and small helpers keep the tests short.
//!
//! Database per test: with `FFORWM_TEST_POSTGRES` set (an admin URL such as
//! `postgres://postgres@127.0.0.1:5432/test`) a template database is migrated once per test
//! process and every test gets `CREATE DATABASE t_<uuid> TEMPLATE ...`, dropped when the
//! `TestApp` goes; otherwise every test gets an SQLite file in its own temporary directory.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::missing_panics_doc)]

use std::{net::SocketAddr, time::Duration};

use api::db::with_database;
use entity::Role;
use reqwest::{Method, RequestBuilder, Response};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};
use serde_json::{Value, json};
use tokio::sync::OnceCell;

pub mod content;
pub mod live;
pub mod mail;
pub mod proxy;
pub mod roles;
pub mod strategy;

/// Signing key the test servers use, so that tests can forge and re-sign tokens.
pub const TEST_SECRET: &str = "fforwm-integration-tests-secret-0123456789";

/// The test servers' limits of failed logins and registrations per client address: more than
/// any test makes.
pub const HIGH_ADDRESS_LIMIT: u32 = 100_000;

/// A password that satisfies the rules, used for every account a helper makes.
pub const PASSWORD: &str = "correct horse battery staple";

/// The codes RULES.md allows in `errors[].extensions.code`.
pub const ERROR_CODES: &[&str] = &[
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "NOT_FOUND",
    "BAD_USER_INPUT",
    "CONFLICT",
    "RATE_LIMITED",
    "PERSISTED_QUERY_NOT_FOUND",
    "INTERNAL_SERVER_ERROR",
];

/// The fields of `AuthPayload` the helpers ask for.
pub const AUTH_FIELDS: &str = "accessToken accessTokenExpiresAt refreshToken \
     user { id email displayName role status preferredLanguage createdAt }";

/// A signed-in account.
#[derive(Clone, Debug)]
pub struct Session {
    /// Access token (JWT) for `Authorization: Bearer`.
    pub token: String,
    pub refresh_token: String,
    /// The user's GraphQL (global, opaque) ID.
    pub user_id: String,
    pub email: String,
    pub password: String,
}

impl Session {
    fn from_auth_payload(payload: &Value, email: &str, password: &str) -> Self {
        Self {
            token: str_at(payload, "accessToken").to_owned(),
            refresh_token: str_at(payload, "refreshToken").to_owned(),
            user_id: payload["user"]["id"]
                .as_str()
                .expect("AuthPayload.user.id")
                .to_owned(),
            email: email.to_owned(),
            password: password.to_owned(),
        }
    }
}

/// A running server with its own database.
pub struct TestApp {
    /// `http://127.0.0.1:<port>`
    pub base_url: String,
    pub addr: SocketAddr,
    /// A direct connection to the test's database, for setup.
    pub db: DatabaseConnection,
    pub client: reqwest::Client,
    // Dropped last: the database (or its directory) goes after everything that uses it.
    _database: TestDatabase,
}

impl TestApp {
    /// Starts the real server on a free port over a fresh, migrated database.
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    /// As [`TestApp::spawn`], with the test's own changes to the configuration.
    pub async fn spawn_with(configure: impl FnOnce(&mut api::Config)) -> Self {
        Self::try_spawn_with(configure)
            .await
            .unwrap_or_else(|e| panic!("the server did not start: {e}"))
    }

    /// As [`TestApp::spawn_with`], returning the start-up error instead of panicking.
    pub async fn try_spawn_with(configure: impl FnOnce(&mut api::Config)) -> Result<Self, String> {
        init_logs();
        Self::try_spawn_on(TestDatabase::create().await, configure).await
    }

    /// A server over a database migrated only up to (not including) the migration named
    /// `migration`, and given `prepare` to fill as an older release would have: the server
    /// migrates the rest as it starts. For testing what a migration does to existing data.
    pub async fn spawn_before_migration(
        migration: &str,
        prepare: impl AsyncFnOnce(&DatabaseConnection),
    ) -> Self {
        use migration::MigratorTrait;
        let steps = migration::Migrator::migrations()
            .iter()
            .position(|m| m.name() == migration)
            .unwrap_or_else(|| panic!("no migration {migration}"));
        let database = TestDatabase::blank().await;
        let db = api::connect(&database.url).await.expect("connect");
        migration::Migrator::up(&db, Some(u32::try_from(steps).expect("steps")))
            .await
            .expect("migrate up to the migration");
        prepare(&db).await;
        let _ = db.close().await;
        Self::try_spawn_on(database, |_| {})
            .await
            .unwrap_or_else(|e| panic!("the server did not start: {e}"))
    }

    async fn try_spawn_on(
        database: TestDatabase,
        configure: impl FnOnce(&mut api::Config),
    ) -> Result<Self, String> {
        let url = database.url.clone();

        let mut config = api::Config::new(url.clone());
        config.bind = "127.0.0.1:0".to_string();
        config.jwt_secret = Some(TEST_SECRET.to_string());
        config.workers = 1;
        // Every test registers and signs in from 127.0.0.1; tests of the throttles per address
        // set their own.
        config.login_limit_per_address = HIGH_ADDRESS_LIMIT;
        config.register_limit_per_address = HIGH_ADDRESS_LIMIT;
        configure(&mut config);
        let app = api::Application::build(config)
            .await
            .map_err(|e| format!("{e:#}"))?;
        let addr: SocketAddr = app.local_addr();
        tokio::spawn(app.run());

        let db = api::connect(&url)
            .await
            .expect("connect to the test database");
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .expect("http client");
        Ok(Self {
            base_url: format!("http://{addr}"),
            addr,
            db,
            client,
            _database: database,
        })
    }

    /// A second server (another `Application`, as a second replica behind a load balancer
    /// would be) on this test's database with the same signing key; returns its base URL.
    pub async fn replica(&self) -> String {
        self.try_replica()
            .await
            .unwrap_or_else(|e| panic!("the replica did not start: {e}"))
    }

    /// As [`TestApp::replica`], with the test's own changes to the replica's configuration.
    pub async fn replica_with(&self, configure: impl FnOnce(&mut api::Config)) -> String {
        self.try_replica_with(configure)
            .await
            .unwrap_or_else(|e| panic!("the replica did not start: {e}"))
    }

    /// As [`TestApp::replica`], returning the start-up error instead of panicking.
    pub async fn try_replica(&self) -> Result<String, String> {
        self.try_replica_with(|_| {}).await
    }

    /// As [`TestApp::replica`], with the test's own changes to the configuration.
    pub async fn try_replica_with(
        &self,
        configure: impl FnOnce(&mut api::Config),
    ) -> Result<String, String> {
        let mut config = api::Config::new(self._database.url.clone());
        config.bind = "127.0.0.1:0".to_string();
        config.jwt_secret = Some(TEST_SECRET.to_string());
        config.workers = 1;
        config.login_limit_per_address = HIGH_ADDRESS_LIMIT;
        config.register_limit_per_address = HIGH_ADDRESS_LIMIT;
        configure(&mut config);
        let app = api::Application::build(config)
            .await
            .map_err(|e| format!("{e:#}"))?;
        let addr = app.local_addr();
        tokio::spawn(app.run());
        Ok(format!("http://{addr}"))
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// A raw request to `path`, for HTTP-level tests.
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client.request(method, self.url(path))
    }

    /// POST /graphql anonymously; returns the response body after checking that every error
    /// carries a contract code and no internals.
    pub async fn gql(&self, query: &str, variables: Value) -> Value {
        self.gql_with(None, &[], query, variables).await
    }

    /// POST /graphql with `Authorization: Bearer <token>`.
    pub async fn gql_as(&self, token: &str, query: &str, variables: Value) -> Value {
        self.gql_with(Some(token), &[], query, variables).await
    }

    /// POST /graphql with an optional token and extra headers.
    pub async fn gql_with(
        &self,
        token: Option<&str>,
        headers: &[(&str, &str)],
        query: &str,
        variables: Value,
    ) -> Value {
        let mut request = self
            .request(Method::POST, "/graphql")
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("POST /graphql");
        let body = read_json(response).await;
        check_errors(&body);
        body
    }

    /// `register` with a raw input object; returns the whole response.
    pub async fn try_register(&self, input: Value) -> Value {
        self.gql(
            &format!(
                "mutation($input: RegisterInput!) {{ register(input: $input) {{ {AUTH_FIELDS} }} }}"
            ),
            json!({ "input": input }),
        )
        .await
    }

    /// Registers a resident with [`PASSWORD`]; panics unless it works.
    pub async fn register(&self, email: &str, display_name: &str) -> Session {
        let resp = self
            .try_register(json!({
                "email": email,
                "password": PASSWORD,
                "displayName": display_name,
            }))
            .await;
        let payload = &ok(&resp)["register"];
        Session::from_auth_payload(payload, email, PASSWORD)
    }

    /// `login`; returns the whole response.
    pub async fn try_login(&self, email: &str, password: &str) -> Value {
        self.gql(
            &format!(
                "mutation($email: String!, $password: String!) {{ \
                   login(email: $email, password: $password) {{ {AUTH_FIELDS} }} }}"
            ),
            json!({ "email": email, "password": password }),
        )
        .await
    }

    /// Signs in; panics unless it works.
    pub async fn login(&self, email: &str, password: &str) -> Session {
        let resp = self.try_login(email, password).await;
        Session::from_auth_payload(&ok(&resp)["login"], email, password)
    }

    /// `refreshSession`; returns the whole response.
    pub async fn try_refresh(&self, refresh_token: &str) -> Value {
        self.gql(
            &format!(
                "mutation($t: String!) {{ refreshSession(refreshToken: $t) {{ {AUTH_FIELDS} }} }}"
            ),
            json!({ "t": refresh_token }),
        )
        .await
    }

    /// Makes an ACTIVE account of any role directly in the database (as the `create-user`
    /// command does) and returns its row.
    pub async fn create_user(
        &self,
        email: &str,
        display_name: &str,
        role: Role,
    ) -> entity::user::Model {
        api::service::accounts::create_user(
            &self.db,
            api::service::accounts::NewAccount {
                email: email.to_string(),
                display_name: display_name.to_string(),
                role,
                password: PASSWORD.to_string(),
            },
        )
        .await
        .expect("create_user")
    }

    /// An ACTIVE account of `role`, signed in over HTTP.
    pub async fn user_with_role(&self, role: Role) -> Session {
        let tag = uuid::Uuid::new_v4().simple().to_string();
        let email = format!("{}-{}@example.com", role_name(&role), &tag[..12]);
        let name = format!("{} {}", role_name(&role), &tag[..6]);
        self.create_user(&email, &name, role).await;
        self.login(&email, PASSWORD).await
    }

    /// Shortcut for `user_with_role(Role::Clerk)`.
    pub async fn clerk(&self) -> Session {
        self.user_with_role(Role::Clerk).await
    }

    /// Shortcut for `user_with_role(Role::Resident)`.
    pub async fn resident(&self) -> Session {
        self.user_with_role(Role::Resident).await
    }

    /// Registers a youth member (PENDING) born `years_old` years ago and signs them in.
    pub async fn pending_youth(&self, years_old: u32) -> Session {
        let tag = uuid::Uuid::new_v4().simple().to_string();
        let email = format!("youth-{}@example.com", &tag[..12]);
        let resp = self
            .try_register(json!({
                "email": email,
                "password": PASSWORD,
                "displayName": format!("Youth {}", &tag[..6]),
                "asYouth": true,
                "dateOfBirth": years_ago(years_old, 0).to_string(),
            }))
            .await;
        let payload = &ok(&resp)["register"];
        assert_eq!(payload["user"]["status"], "PENDING", "{resp}");
        Session::from_auth_payload(payload, &email, PASSWORD)
    }

    /// A youth member approved by `clerk`.
    pub async fn active_youth(&self, clerk: &Session) -> Session {
        let youth = self.pending_youth(16).await;
        let resp = self
            .gql_as(
                &clerk.token,
                "mutation($id: ID!) { approveYouthMember(userId: $id) { status } }",
                json!({ "id": youth.user_id }),
            )
            .await;
        assert_eq!(
            ok(&resp)["approveYouthMember"]["status"],
            "ACTIVE",
            "{resp}"
        );
        youth
    }

    /// The GraphQL ID of the forum with this slug (archived ones included).
    pub async fn forum_id(&self, slug: &str) -> String {
        let resp = self
            .gql(
                "query($slug: String!) { forum(slug: $slug) { id } }",
                json!({ "slug": slug }),
            )
            .await;
        ok(&resp)["forum"]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("no forum {slug}: {resp}"))
            .to_owned()
    }
}

/// The servers' warnings and errors (an internal error's cause) in the output of the test that
/// failed; `FFORWM_TEST_LOG` (an `EnvFilter`, e.g. `api=debug`) shows more.
fn init_logs() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("FFORWM_TEST_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter(filter)
        .try_init();
}

fn role_name(role: &Role) -> &'static str {
    match role {
        Role::Resident => "resident",
        Role::Youth => "youth",
        Role::Councillor => "councillor",
        Role::Clerk => "clerk",
    }
}

async fn read_json(response: Response) -> Value {
    let status = response.status();
    let text = response.text().await.expect("response body");
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("response ({status}) is not JSON ({e}): {text}"))
}

/// Every error carries one of the contract's codes, and no message leaks internals.
pub fn check_errors(body: &Value) {
    let errors = match body {
        Value::Array(items) => items
            .iter()
            .filter_map(|b| b["errors"].as_array())
            .flatten()
            .collect(),
        _ => body["errors"]
            .as_array()
            .map(|e| e.iter().collect::<Vec<_>>())
            .unwrap_or_default(),
    };
    for error in errors {
        let code = error["extensions"]["code"].as_str();
        assert!(
            code.is_some_and(|c| ERROR_CODES.contains(&c)),
            "error without a contract code: {error}"
        );
        let message = error["message"].as_str().unwrap_or_default();
        assert_no_internals(message);
    }
}

/// A message shown to clients says nothing of SQL, drivers, paths or panics.
pub fn assert_no_internals(message: &str) {
    let lower = message.to_lowercase();
    for leak in [
        "select ",
        "insert ",
        "delete from",
        "sql",
        "sqlx",
        "constraint",
        "duplicate key",
        "violates",
        "syntax error at",
        ".rs:",
        "panicked",
        "src/",
        "stack backtrace",
        "dberr",
        "connection refused",
    ] {
        assert!(
            !lower.contains(leak),
            "message leaks internals ({leak}): {message}"
        );
    }
}

/// `data` of a response that must have no errors.
#[track_caller]
pub fn ok(resp: &Value) -> &Value {
    assert!(
        resp.get("errors").is_none_or(Value::is_null),
        "unexpected errors: {resp}"
    );
    let data = &resp["data"];
    assert!(data.is_object(), "no data: {resp}");
    data
}

/// `errors[0].extensions.code`.
pub fn error_code(resp: &Value) -> Option<&str> {
    resp["errors"][0]["extensions"]["code"].as_str()
}

/// `errors[0].extensions.field`.
pub fn error_field(resp: &Value) -> Option<&str> {
    resp["errors"][0]["extensions"]["field"].as_str()
}

/// Every `errors[].extensions.code`, in order.
pub fn error_codes(resp: &Value) -> Vec<String> {
    resp["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    e["extensions"]["code"]
                        .as_str()
                        .unwrap_or("<none>")
                        .to_owned()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The response failed with `code`, and `field` (the one top-level field asked for) is null.
#[track_caller]
pub fn assert_code(resp: &Value, code: &str) {
    assert_eq!(error_code(resp), Some(code), "expected {code}: {resp}");
    let data = &resp["data"];
    let all_null = match data {
        Value::Null => true,
        Value::Object(fields) => fields.values().all(Value::is_null),
        _ => false,
    };
    assert!(all_null, "a refused request returned data: {resp}");
}

/// The response failed with `BAD_USER_INPUT` naming `field` (`field` or a path ending in it).
#[track_caller]
pub fn assert_bad_input(resp: &Value, field: &str) {
    assert_code(resp, "BAD_USER_INPUT");
    let got = error_field(resp).unwrap_or_else(|| panic!("no extensions.field: {resp}"));
    assert!(
        got == field || got.ends_with(&format!(".{field}")),
        "expected field {field}, got {got}: {resp}"
    );
}

/// A string at `key` of an object.
#[track_caller]
pub fn str_at<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("no string {key} in {value}"))
}

/// The date `years` years (and `days` days) before today (UTC).
pub fn years_ago(years: u32, days: i64) -> chrono::NaiveDate {
    let today = chrono::Utc::now().date_naive();
    today
        .checked_sub_months(chrono::Months::new(years * 12))
        .expect("date in range")
        - chrono::Duration::days(days)
}

/// Taking JWTs apart and putting forged ones together.
pub mod jwt {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    use jsonwebtoken::{Algorithm, EncodingKey, Header};
    use serde_json::Value;

    /// The header and the claims of a token, unverified.
    pub fn parts(token: &str) -> (Value, Value) {
        let mut pieces = token.split('.');
        let header = decode_segment(pieces.next().expect("header"));
        let claims = decode_segment(pieces.next().expect("payload"));
        (header, claims)
    }

    /// The claims of a token, unverified.
    pub fn claims(token: &str) -> Value {
        parts(token).1
    }

    fn decode_segment(segment: &str) -> Value {
        let bytes = URL_SAFE_NO_PAD.decode(segment).expect("base64url segment");
        serde_json::from_slice(&bytes).expect("JSON segment")
    }

    pub fn encode_segment(value: &Value) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).expect("json"))
    }

    /// Signs `claims` with `alg` (an HMAC algorithm) and `secret`.
    pub fn sign(claims: &Value, alg: Algorithm, secret: &str) -> String {
        jsonwebtoken::encode(
            &Header::new(alg),
            claims,
            &EncodingKey::from_secret(secret.as_bytes()),
        )
        .expect("sign")
    }

    /// `header.payload.signature` from raw parts, for tokens no library would make.
    pub fn assemble(header: &Value, claims: &Value, signature: &str) -> String {
        format!(
            "{}.{}.{}",
            encode_segment(header),
            encode_segment(claims),
            signature
        )
    }

    /// The signature segment of a token.
    pub fn signature(token: &str) -> &str {
        token.rsplit('.').next().expect("signature")
    }

    /// Seconds since the epoch.
    pub fn now() -> i64 {
        chrono::Utc::now().timestamp()
    }
}

// ------------------------------------------------------------------ databases

const POSTGRES_ENV: &str = "FFORWM_TEST_POSTGRES";

/// A new, empty (unmigrated) PostgreSQL database, dropped with the value: for what happens on a
/// first start. `None` unless the tests run on PostgreSQL.
pub struct EmptyDatabase(TestDatabase);

impl EmptyDatabase {
    pub async fn postgres() -> Option<Self> {
        let admin_url = std::env::var(POSTGRES_ENV).ok()?;
        let admin_url = admin_url.trim();
        if admin_url.is_empty() {
            return None;
        }
        let name = format!("t_{}", uuid::Uuid::new_v4().simple());
        let admin = admin_connection(admin_url).await;
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
        let _ = admin.close().await;
        Some(Self(TestDatabase {
            url: with_database(admin_url, &name),
            kind: DatabaseKind::Postgres {
                admin_url: admin_url.to_owned(),
                name,
            },
        }))
    }

    pub fn url(&self) -> &str {
        &self.0.url
    }
}

/// A test's private database; dropping it removes the database.
struct TestDatabase {
    url: String,
    kind: DatabaseKind,
}

enum DatabaseKind {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { admin_url: String, name: String },
}

impl TestDatabase {
    async fn create() -> Self {
        match std::env::var(POSTGRES_ENV) {
            Ok(admin_url) if !admin_url.trim().is_empty() => Self::postgres(admin_url.trim()).await,
            _ => Self::sqlite(),
        }
    }

    fn sqlite() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("fforwm-test-")
            .tempdir()
            .expect("temporary directory");
        let url = format!("sqlite://{}/fforwm.db?mode=rwc", dir.path().display());
        Self {
            url,
            kind: DatabaseKind::Sqlite(dir),
        }
    }

    /// A database with no tables at all (not from the migrated template).
    async fn blank() -> Self {
        match std::env::var(POSTGRES_ENV) {
            Ok(admin_url) if !admin_url.trim().is_empty() => {
                Self::postgres_from(admin_url.trim(), "template0").await
            }
            _ => Self::sqlite(),
        }
    }

    async fn postgres(admin_url: &str) -> Self {
        let template = template_database(admin_url).await;
        Self::postgres_from(admin_url, &template).await
    }

    async fn postgres_from(admin_url: &str, template: &str) -> Self {
        let name = format!("t_{}", uuid::Uuid::new_v4().simple());
        let admin = admin_connection(admin_url).await;
        let sql = format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        let mut attempt = 0;
        loop {
            match admin.execute_unprepared(&sql).await {
                Ok(_) => break,
                // "source database ... is being accessed by other users": another test is
                // copying the template right now.
                Err(e) if attempt < 50 => {
                    attempt += 1;
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100 + 20 * attempt)).await;
                }
                Err(e) => panic!("CREATE DATABASE {name}: {e}"),
            }
        }
        let _ = admin.close().await;
        Self {
            url: with_database(admin_url, &name),
            kind: DatabaseKind::Postgres {
                admin_url: admin_url.to_owned(),
                name,
            },
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let DatabaseKind::Postgres { admin_url, name } = &self.kind else {
            return;
        };
        let (admin_url, name) = (admin_url.clone(), name.clone());
        // Drop may run inside an async test: do the work on a thread with its own runtime.
        let handle = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let admin = admin_connection(&admin_url).await;
                let _ = admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                    .await;
                let _ = admin.close().await;
            });
        });
        let _ = handle.join();
    }
}

static TEMPLATE: OnceCell<String> = OnceCell::const_new();

/// `fforwm_tpl_<pid>`, created and migrated once per test process.
async fn template_database(admin_url: &str) -> String {
    TEMPLATE
        .get_or_init(|| async {
            let name = format!("fforwm_tpl_{}", std::process::id());
            let admin = admin_connection(admin_url).await;
            drop_stale_templates(&admin).await;
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await
                .expect("drop old template");
            admin
                .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("create template database");
            let _ = admin.close().await;

            let db = api::connect(&with_database(admin_url, &name))
                .await
                .expect("connect to template");
            api::migrate(&db).await.expect("migrate template");
            let _ = db.close().await;
            name
        })
        .await
        .clone()
}

/// Templates left by test processes that no longer run.
async fn drop_stale_templates(admin: &DatabaseConnection) {
    let rows = admin
        .query_all_raw(sea_orm::Statement::from_string(
            admin.get_database_backend(),
            "SELECT datname FROM pg_database WHERE datname LIKE 'fforwm\\_tpl\\_%'",
        ))
        .await
        .unwrap_or_default();
    for row in rows {
        let Ok(name) = row.try_get::<String>("", "datname") else {
            continue;
        };
        let pid = name.trim_start_matches("fforwm_tpl_");
        if std::path::Path::new(&format!("/proc/{pid}")).exists() {
            continue;
        }
        let _ = admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .await;
    }
}

async fn admin_connection(admin_url: &str) -> DatabaseConnection {
    let mut options = ConnectOptions::new(admin_url.to_owned());
    options
        .max_connections(1)
        .min_connections(0)
        .sqlx_logging(false);
    Database::connect(options)
        .await
        .unwrap_or_else(|e| panic!("connect to {POSTGRES_ENV}: {e}"))
}
