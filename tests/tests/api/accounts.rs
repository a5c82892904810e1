//! register, me, updateMe: RULES.md "Accounts and sessions" and the "Input" table.

use fforwm_tests::{PASSWORD, TestApp, assert_bad_input, assert_code, jwt, ok, str_at, years_ago};
use serde_json::{Value, json};

const ME: &str = "{ me { id email displayName role status preferredLanguage createdAt } }";

/// A valid registration input with `changes` applied.
fn input(email: &str, changes: Value) -> Value {
    let mut input = json!({
        "email": email,
        "password": PASSWORD,
        "displayName": "Dafydd Jones",
    });
    for (key, value) in changes.as_object().unwrap() {
        input[key] = value.clone();
    }
    input
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn register_makes_an_active_resident_who_is_signed_in() {
    let app = TestApp::spawn().await;

    let resp = app
        .try_register(json!({
            "email": "  Alice.Jones@Example.COM ",
            "password": PASSWORD,
            "displayName": "  Alice Jones  ",
        }))
        .await;
    let payload = &ok(&resp)["register"];
    let user = &payload["user"];
    assert_eq!(user["email"], "alice.jones@example.com", "{resp}");
    assert_eq!(user["displayName"], "Alice Jones");
    assert_eq!(user["role"], "RESIDENT");
    assert_eq!(user["status"], "ACTIVE");
    assert_eq!(user["preferredLanguage"], "EN");
    assert!(
        chrono::DateTime::parse_from_rfc3339(str_at(user, "createdAt")).is_ok(),
        "{resp}"
    );

    // The access token is a 15-minute HS256 JWT whose expiry the payload reports.
    let access = str_at(payload, "accessToken");
    let (header, claims) = jwt::parts(access);
    assert_eq!(header["alg"], "HS256");
    assert_eq!(claims["iss"], "fforwm");
    assert_eq!(claims["aud"], "fforwm-api");
    assert!(claims["sub"].is_string(), "sub is a string: {claims}");
    assert_eq!(
        claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap(),
        15 * 60
    );
    let expires_at =
        chrono::DateTime::parse_from_rfc3339(str_at(payload, "accessTokenExpiresAt")).unwrap();
    assert_eq!(expires_at.timestamp(), claims["exp"].as_i64().unwrap());
    // The refresh token carries at least 256 bits (43 characters of base64, 64 of hex).
    assert!(str_at(payload, "refreshToken").len() >= 43, "{resp}");

    // Register signs in: the token is the account's, and the owner sees the email.
    let me = app.gql_as(access, ME, json!({})).await;
    assert_eq!(ok(&me)["me"]["id"], user["id"]);
    assert_eq!(me["data"]["me"]["email"], "alice.jones@example.com");
    assert_eq!(me["data"]["me"]["status"], "ACTIVE");
    // The refresh token is live too.
    let refreshed = app.try_refresh(str_at(payload, "refreshToken")).await;
    assert_eq!(ok(&refreshed)["refreshSession"]["user"]["id"], user["id"]);

    // The stored email is the normalised one.
    let session = app.login("alice.jones@example.com", PASSWORD).await;
    assert_eq!(session.user_id, user["id"].as_str().unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_email_registers_once_whatever_its_case_or_spacing() {
    let app = TestApp::spawn().await;
    app.register("bethan@example.com", "Bethan").await;

    for email in [
        "bethan@example.com",
        "BETHAN@Example.com",
        "  bethan@example.com\t",
    ] {
        let resp = app
            .try_register(input(email, json!({ "displayName": "Someone Else" })))
            .await;
        assert_code(&resp, "CONFLICT");
    }
    // Nothing changed: the first account still signs in, and it is the only one.
    let session = app.login("bethan@example.com", PASSWORD).await;
    let me = app.gql_as(&session.token, ME, json!({})).await;
    assert_eq!(ok(&me)["me"]["displayName"], "Bethan");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_input_is_checked_field_by_field() {
    let app = TestApp::spawn().await;
    let long_email = format!(
        "{}@{}.{}.{}.cymru",
        "l".repeat(64),
        "d".repeat(60),
        "e".repeat(60),
        "f".repeat(62)
    );
    assert_eq!(long_email.len(), 255);
    let today_minus = |years, days| years_ago(years, days).to_string();

    let cases: Vec<(&str, Value)> = vec![
        // email
        ("email", json!({ "email": "not-an-email" })),
        ("email", json!({ "email": "nobody@" })),
        ("email", json!({ "email": "@example.com" })),
        ("email", json!({ "email": "two words@example.com" })),
        ("email", json!({ "email": "" })),
        ("email", json!({ "email": "   " })),
        ("email", json!({ "email": long_email })),
        // password: 10 to 256 characters
        ("password", json!({ "password": "123456789" })),
        ("password", json!({ "password": "" })),
        ("password", json!({ "password": "p".repeat(257) })),
        // displayName: trimmed, 2 to 60 characters, no control characters
        ("displayName", json!({ "displayName": "A" })),
        ("displayName", json!({ "displayName": "   A   " })),
        ("displayName", json!({ "displayName": "    " })),
        ("displayName", json!({ "displayName": "n".repeat(61) })),
        ("displayName", json!({ "displayName": "Bell\u{7}Ringer" })),
        ("displayName", json!({ "displayName": "Tab\tName" })),
        ("displayName", json!({ "displayName": "Two\nLines" })),
        ("displayName", json!({ "displayName": "Del\u{7f}ete" })),
        // dateOfBirth: youth members 13 to 25 on the day; never in the future
        ("dateOfBirth", json!({ "asYouth": true })),
        (
            "dateOfBirth",
            json!({ "asYouth": true, "dateOfBirth": Value::Null }),
        ),
        (
            "dateOfBirth",
            json!({ "asYouth": true, "dateOfBirth": today_minus(13, -1) }),
        ),
        (
            "dateOfBirth",
            json!({ "asYouth": true, "dateOfBirth": today_minus(10, 0) }),
        ),
        (
            "dateOfBirth",
            json!({ "asYouth": true, "dateOfBirth": today_minus(26, 0) }),
        ),
        (
            "dateOfBirth",
            json!({ "asYouth": true, "dateOfBirth": today_minus(40, 0) }),
        ),
        (
            "dateOfBirth",
            json!({ "asYouth": true, "dateOfBirth": today_minus(0, -1) }),
        ),
        ("dateOfBirth", json!({ "dateOfBirth": today_minus(0, -1) })),
    ];
    for (i, (field, changes)) in cases.into_iter().enumerate() {
        let email = format!("case{i}@example.com");
        let resp = app.try_register(input(&email, changes)).await;
        assert_bad_input(&resp, field);
    }

    // A malformed date is bad input too.
    let resp = app
        .try_register(input(
            "baddate@example.com",
            json!({ "asYouth": true, "dateOfBirth": "2010-13-45" }),
        ))
        .await;
    assert_code(&resp, "BAD_USER_INPUT");

    // A refused registration created nothing: the same email registers now.
    let resp = app
        .try_register(input("case0@example.com", json!({})))
        .await;
    ok(&resp);
    let resp = app
        .try_register(input("case7@example.com", json!({})))
        .await;
    ok(&resp);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registration_accepts_the_edges_of_each_rule() {
    let app = TestApp::spawn().await;
    let accepted: Vec<Value> = vec![
        json!({ "password": "p".repeat(10) }),
        json!({ "password": "p".repeat(256) }),
        json!({ "displayName": "Al" }),
        json!({ "displayName": "ŵ".repeat(60) }),
        json!({ "displayName": "Siân Llŷr-ap Gwŷn" }),
        json!({ "dateOfBirth": years_ago(40, 0).to_string() }),
        json!({ "dateOfBirth": chrono::Utc::now().date_naive().to_string() }),
    ];
    for (i, changes) in accepted.into_iter().enumerate() {
        let shown = changes.to_string();
        let resp = app
            .try_register(input(&format!("ok{i}@example.com"), changes))
            .await;
        assert!(resp["errors"].is_null(), "{shown} was refused: {resp}");
        assert_eq!(resp["data"]["register"]["user"]["role"], "RESIDENT");
        assert_eq!(resp["data"]["register"]["user"]["status"], "ACTIVE");
    }

    // Youth members: exactly 13 today, and 25 until the day before their 26th birthday.
    for (i, dob) in [years_ago(13, 0), years_ago(26, -1)]
        .into_iter()
        .enumerate()
    {
        let resp = app
            .try_register(input(
                &format!("youth{i}@example.com"),
                json!({ "asYouth": true, "dateOfBirth": dob.to_string() }),
            ))
            .await;
        let user = &ok(&resp)["register"]["user"];
        assert_eq!(user["role"], "YOUTH", "born {dob}: {resp}");
        assert_eq!(user["status"], "PENDING", "born {dob}: {resp}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_youth_registration_waits_for_a_clerk() {
    let app = TestApp::spawn().await;
    let resp = app
        .try_register(json!({
            "email": "gwen@example.com",
            "password": PASSWORD,
            "displayName": "Gwen",
            "preferredLanguage": "CY",
            "dateOfBirth": years_ago(16, 3).to_string(),
            "asYouth": true,
        }))
        .await;
    let payload = &ok(&resp)["register"];
    assert_eq!(payload["user"]["role"], "YOUTH");
    assert_eq!(payload["user"]["status"], "PENDING");
    assert_eq!(payload["user"]["preferredLanguage"], "CY");

    // Signed in as a pending youth member: `me` says so.
    let me = app
        .gql_as(str_at(payload, "accessToken"), ME, json!({}))
        .await;
    assert_eq!(ok(&me)["me"]["status"], "PENDING");
    assert_eq!(me["data"]["me"]["role"], "YOUTH");
    assert_eq!(me["data"]["me"]["email"], "gwen@example.com");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn update_me_changes_name_and_language_and_checks_input() {
    let app = TestApp::spawn().await;
    let alice = app.register("alice@example.com", "Alice").await;
    let update = "mutation($input: UpdateMeInput!) { \
                    updateMe(input: $input) { id displayName preferredLanguage email } }";

    let resp = app
        .gql_as(
            &alice.token,
            update,
            json!({ "input": { "displayName": "  Alys Llewelyn ", "preferredLanguage": "CY" } }),
        )
        .await;
    let user = &ok(&resp)["updateMe"];
    assert_eq!(user["id"], alice.user_id.as_str());
    assert_eq!(user["displayName"], "Alys Llewelyn");
    assert_eq!(user["preferredLanguage"], "CY");

    // Only what is given changes.
    let resp = app
        .gql_as(
            &alice.token,
            update,
            json!({ "input": { "preferredLanguage": "EN" } }),
        )
        .await;
    assert_eq!(ok(&resp)["updateMe"]["displayName"], "Alys Llewelyn");
    assert_eq!(resp["data"]["updateMe"]["preferredLanguage"], "EN");

    for bad in ["A", "  ", &"x".repeat(61), "Line\nBreak"] {
        let resp = app
            .gql_as(
                &alice.token,
                update,
                json!({ "input": { "displayName": bad } }),
            )
            .await;
        assert_bad_input(&resp, "displayName");
    }
    // A refused update changed nothing.
    let me = app.gql_as(&alice.token, ME, json!({})).await;
    assert_eq!(ok(&me)["me"]["displayName"], "Alys Llewelyn");
    assert_eq!(me["data"]["me"]["preferredLanguage"], "EN");

    // Anonymous: no one to update.
    let resp = app
        .gql(update, json!({ "input": { "displayName": "Nobody" } }))
        .await;
    assert_code(&resp, "UNAUTHENTICATED");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn me_is_null_when_anonymous() {
    let app = TestApp::spawn().await;
    let resp = app.gql(ME, json!({})).await;
    assert!(ok(&resp)["me"].is_null(), "{resp}");
}

/// Characters that make a name display as something it is not: bidi overrides and isolates,
/// zero-width characters and the other format characters (general category Cf).
pub(crate) const LYING_NAMES: [&str; 8] = [
    "Town \u{202e}KRELC",
    "\u{202a}Ann\u{202c}",
    "\u{2066}Clerk\u{2069} Ann",
    "Cl\u{200b}erk",
    "Ann\u{200d}Jones",
    "\u{feff}Ann",
    "Ann\u{00ad}Jones",
    "Ann\u{2028}Jones",
];

/// Names that lie are refused wherever a person is named (register, updateMe, create-user), and
/// names are kept in NFC, so that one name has one spelling.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_persons_name_has_no_hidden_characters_and_is_normalised() {
    let app = TestApp::spawn().await;
    for (i, name) in LYING_NAMES.iter().enumerate() {
        let resp = app
            .try_register(input(
                &format!("liar{i}@example.com"),
                json!({ "displayName": name }),
            ))
            .await;
        assert_bad_input(&resp, "displayName");
    }

    // "Gwén" written with a combining accent is stored precomposed.
    let resp = app
        .try_register(input(
            "gwen@example.com",
            json!({ "displayName": "Gwe\u{301}n Ll\u{0175}yd" }),
        ))
        .await;
    assert_eq!(
        ok(&resp)["register"]["user"]["displayName"],
        "Gw\u{e9}n Ll\u{175}yd"
    );
    let gwen = app.login("gwen@example.com", PASSWORD).await;
    let update = "mutation($n: String!) { updateMe(input: { displayName: $n }) { displayName } }";
    for name in LYING_NAMES {
        let resp = app.gql_as(&gwen.token, update, json!({ "n": name })).await;
        assert_bad_input(&resp, "displayName");
    }
    let resp = app
        .gql_as(&gwen.token, update, json!({ "n": "Gwe\u{301}n" }))
        .await;
    assert_eq!(ok(&resp)["updateMe"]["displayName"], "Gw\u{e9}n");

    // The administrator's create-user takes the same rule.
    let made = api::service::accounts::create_user(
        &app.db,
        api::service::accounts::NewAccount {
            email: "clerk@example.com".to_string(),
            display_name: "Town \u{202e}KRELC".to_string(),
            role: entity::Role::Clerk,
            password: PASSWORD.to_string(),
        },
    )
    .await;
    assert!(
        matches!(&made, Err(api::AppError::BadInput { field, .. }) if field.name() == "displayName"),
        "{made:?}"
    );
}
