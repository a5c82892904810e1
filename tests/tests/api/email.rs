//! Email through a real SMTP conversation with a sink the test starts: verification, IMMEDIATE
//! notifications, DAILY digests at 07:00 London (the sender's clock moved on), one-click
//! unsubscribe, Welsh, escaped HTML, nothing to unverified or NEVER addresses, the youth wall,
//! a relay that is down and comes back, and two server processes sending each email once.

use api::clock::Clock;
use chrono::{DateTime, Duration, TimeZone, Utc};
use chrono_tz::Europe::London;
use entity::{EmailStatus, email};
use fforwm_tests::{
    PASSWORD, Session, TestApp, assert_code,
    content::data_at,
    mail::{Mail, SmtpSink},
    ok, str_at,
};
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

const PUBLIC: &str = "https://fforwm.test";

struct Mailroom {
    app: TestApp,
    sink: SmtpSink,
    clock: Clock,
}

fn mail_config(sink: &SmtpSink, clock: &Clock) -> impl FnOnce(&mut api::Config) {
    let (url, clock) = (sink.url(), clock.clone());
    move |config| {
        config.smtp_url = Some(url);
        config.mail_poll_ms = 20;
        config.public_url = format!("{PUBLIC}/");
        config.mail_clock = clock;
    }
}

impl Mailroom {
    async fn start() -> Self {
        let sink = SmtpSink::start().await;
        let clock = Clock::default();
        let app = TestApp::spawn_with(mail_config(&sink, &clock)).await;
        Self { app, sink, clock }
    }

    /// The next email, which must be to `address`.
    async fn next_to(&self, address: &str) -> Mail {
        let mail = self.sink.next().await;
        assert_eq!(mail.to, vec![address.to_string()], "{}", mail.subject());
        mail
    }

    /// Registers (in `language`) and follows the link in the verification email.
    async fn verified(&self, address: &str, language: &str) -> Session {
        let session = self.unverified(address, language).await;
        let mail = self.next_to(address).await;
        let link = mail
            .link(&format!("{PUBLIC}/verify-email/"))
            .unwrap_or_else(|| panic!("no link in {}", mail.text()));
        let response = self.post(&link).await;
        assert_eq!(response.0, 200, "{}", response.1);
        session
    }

    async fn unverified(&self, address: &str, language: &str) -> Session {
        let resp = self
            .app
            .try_register(json!({
                "email": address, "password": PASSWORD,
                "displayName": format!("Person {address}"), "preferredLanguage": language,
            }))
            .await;
        let session = self.app.login(address, PASSWORD).await;
        ok(&resp);
        session
    }

    /// POST to a link from an email, on the test server; the status and the page.
    async fn post(&self, link: &str) -> (u16, String) {
        self.open(Method::POST, link).await
    }

    async fn open(&self, method: Method, link: &str) -> (u16, String) {
        let path = link.strip_prefix(PUBLIC).expect("a link to the public URL");
        let response = self.app.request(method, path).send().await.unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    async fn settings(&self, who: &Session, input: Value) -> Value {
        let resp = self
            .app
            .gql_as(
                &who.token,
                "mutation($input: UpdateMeInput!) { updateMe(input: $input) {
                    emailVerified notificationSettings { emailFrequency mutedKinds } } }",
                json!({ "input": input }),
            )
            .await;
        data_at(&resp, "updateMe")
    }

    async fn me(&self, who: &Session) -> Value {
        let resp = self
            .app
            .gql_as(
                &who.token,
                "{ me { emailVerified notificationSettings { emailFrequency mutedKinds } } }",
                json!({}),
            )
            .await;
        data_at(&resp, "me")
    }

    /// An OPEN proposal by a fresh resident in the transport forum.
    async fn proposal(&self, title: &str) -> String {
        let author = self.app.resident().await;
        let forum = self.app.forum_id("transport").await;
        self.app.open_proposal(&author, &forum, title).await
    }

    async fn respond(&self, councillor: &Session, id: &str) {
        let resp = self
            .app
            .gql_as(
                &councillor.token,
                "mutation($input: RespondInput!) { respondToProposal(input: $input) { id } }",
                json!({ "input": { "proposalId": id, "kind": "ACKNOWLEDGEMENT",
                    "body": "We will look at this." } }),
            )
            .await;
        ok(&resp);
    }

    /// A control email: a fresh address registers. Every email queued before it has been sent
    /// (or dropped) once it arrives, since the sender goes in order.
    async fn control(&self) {
        let address = format!("control-{}@example.com", uuid::Uuid::new_v4().simple());
        self.unverified(&address, "EN").await;
        let mail = self.sink.next().await;
        assert_eq!(
            mail.to,
            vec![address],
            "an email before the control: {}",
            mail.subject()
        );
    }

    /// Waits until `count` emails are in `status` (the sender marks them just after the relay
    /// has answered).
    async fn wait_for(&self, status: EmailStatus, count: u64) {
        for _ in 0..600 {
            if self.emails(status).await == count {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(self.emails(status).await, count, "{status:?}");
    }

    async fn emails(&self, status: EmailStatus) -> u64 {
        email::Entity::find()
            .filter(email::Column::Status.eq(status))
            .count(&self.app.db)
            .await
            .unwrap()
    }
}

/// The next 07:00 in London after `now`, plus a minute.
fn next_seven_am(now: DateTime<Utc>) -> DateTime<Utc> {
    let mut day = now.with_timezone(&London).date_naive();
    loop {
        let slot = London
            .from_local_datetime(&day.and_hms_opt(7, 0, 0).unwrap())
            .earliest()
            .unwrap()
            .with_timezone(&Utc);
        if slot > now {
            return slot + Duration::minutes(1);
        }
        day = day.succ_opt().unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registering_sends_a_single_use_link_that_verifies_the_address() {
    let room = Mailroom::start().await;
    let who = room.unverified("ffion@example.com", "CY").await;
    assert_eq!(room.me(&who).await["emailVerified"], false);
    let mail = room.next_to("ffion@example.com").await;
    assert_eq!(
        mail.subject(),
        "Cadarnhewch eich cyfeiriad e-bost ar gyfer Fforwm"
    );
    assert!(
        mail.html()
            .contains("<a href=\"https://fforwm.test/verify-email/")
    );
    // A transactional email: no unsubscribe header.
    assert_eq!(mail.header("List-Unsubscribe"), None);
    let link = mail.link(&format!("{PUBLIC}/verify-email/")).unwrap();

    // Within the hour, no second link.
    let resp = room
        .app
        .gql_as(
            &who.token,
            "mutation { resendVerificationEmail }",
            json!({}),
        )
        .await;
    assert_code(&resp, "RATE_LIMITED");

    // Opening the page changes nothing; its button does.
    let (status, page) = room.open(Method::GET, &link).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("<form method=\"post\">") && page.contains("Cadarnhau"),
        "{page}"
    );
    assert_eq!(room.me(&who).await["emailVerified"], false);
    assert_eq!(room.post(&link).await.0, 200);
    assert_eq!(room.me(&who).await["emailVerified"], true);
    // Single use; and a made-up token verifies nothing.
    assert_eq!(room.post(&link).await.0, 400);
    assert_eq!(
        room.post(&format!("{PUBLIC}/verify-email/made-up")).await.0,
        400
    );
    let resp = room
        .app
        .gql_as(
            &who.token,
            "mutation { resendVerificationEmail }",
            json!({}),
        )
        .await;
    assert_eq!(data_at(&resp, "resendVerificationEmail"), false, "{resp}");
    let resp = room
        .app
        .gql("mutation { resendVerificationEmail }", json!({}))
        .await;
    assert_code(&resp, "UNAUTHENTICATED");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_link_verifies_nothing_and_a_new_one_can_be_asked_for_after_an_hour() {
    let room = Mailroom::start().await;
    let who = room.unverified("gareth@example.com", "EN").await;
    let link = room
        .next_to("gareth@example.com")
        .await
        .link(&format!("{PUBLIC}/verify-email/"))
        .unwrap();
    // Make the link (and the throttle) two days old.
    use sea_orm::sea_query::Expr;
    entity::email_verification::Entity::update_many()
        .col_expr(
            entity::email_verification::Column::CreatedAt,
            Expr::value(Utc::now() - Duration::hours(49)),
        )
        .col_expr(
            entity::email_verification::Column::ExpiresAt,
            Expr::value(Utc::now() - Duration::hours(1)),
        )
        .exec(&room.app.db)
        .await
        .unwrap();
    assert_eq!(room.post(&link).await.0, 400);
    let resp = room
        .app
        .gql_as(
            &who.token,
            "mutation { resendVerificationEmail }",
            json!({}),
        )
        .await;
    assert_eq!(data_at(&resp, "resendVerificationEmail"), true, "{resp}");
    let fresh = room
        .next_to("gareth@example.com")
        .await
        .link(&format!("{PUBLIC}/verify-email/"))
        .unwrap();
    assert_ne!(fresh, link);
    assert_eq!(room.post(&fresh).await.0, 200);
    assert_eq!(room.me(&who).await["emailVerified"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn immediate_email_tells_of_the_council_answer_escaped_and_with_one_click_unsubscribe() {
    let room = Mailroom::start().await;
    let (clerk, councillor) = (room.app.clerk().await, room.app.councillor().await);
    let who = room.verified("sian@example.com", "EN").await;
    assert_eq!(
        room.me(&who).await["notificationSettings"],
        json!({ "emailFrequency": "DAILY", "mutedKinds": [] })
    );
    let settings = room
        .settings(&who, json!({ "emailFrequency": "IMMEDIATE" }))
        .await;
    assert_eq!(
        settings["notificationSettings"]["emailFrequency"],
        "IMMEDIATE"
    );
    let title = "Buses <script>alert(1)</script> & trains";
    let id = room.proposal(title).await;
    room.app.support(&who, &id).await;
    room.app.submit_to_council(&clerk, &id).await;
    room.respond(&councillor, &id).await;

    let submitted = room.next_to("sian@example.com").await;
    assert_eq!(
        submitted.subject(),
        format!("“{title}” is now with the council.")
    );
    let under_review = room.next_to("sian@example.com").await;
    assert_eq!(
        under_review.subject(),
        format!("“{title}” is now under review by the council.")
    );
    let mail = room.next_to("sian@example.com").await;
    assert_eq!(
        mail.subject(),
        format!("The council has responded to “{title}”.")
    );
    assert!(mail.text().contains(title), "{}", mail.text());
    assert!(mail.text().contains(&format!("{PUBLIC}/proposals/{id}")));
    let html = mail.html();
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("Buses &lt;script&gt;alert(1)&lt;/script&gt; &amp; trains"),
        "{html}"
    );
    assert_eq!(
        mail.header("List-Unsubscribe-Post").as_deref(),
        Some("List-Unsubscribe=One-Click")
    );
    let unsubscribe = mail.header("List-Unsubscribe").unwrap();
    let link = unsubscribe.trim_start_matches('<').trim_end_matches('>');
    assert!(
        link.starts_with(&format!("{PUBLIC}/unsubscribe/")),
        "{link}"
    );

    // The page asks; POST (the button, or the mail client's one click) stops all email.
    let (status, page) = room.open(Method::GET, link).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Stop all email") && page.contains("Atal pob e-bost"),
        "{page}"
    );
    assert_eq!(
        room.me(&who).await["notificationSettings"]["emailFrequency"],
        "IMMEDIATE"
    );
    let forged = format!("{}x", link);
    assert_eq!(room.post(&forged).await.0, 400);
    let (status, page) = room.post(link).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(
        room.me(&who).await["notificationSettings"]["emailFrequency"],
        "NEVER"
    );

    // No more email to them.
    room.respond(&councillor, &id).await;
    room.control().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn welsh_readers_get_welsh_and_muted_kinds_unverified_and_never_addresses_get_nothing() {
    let room = Mailroom::start().await;
    let (clerk, councillor) = (room.app.clerk().await, room.app.councillor().await);
    let welsh = room.verified("rhys@example.com", "CY").await;
    let muted = room.verified("muted@example.com", "EN").await;
    let never = room.verified("never@example.com", "EN").await;
    let unverified = room.unverified("unverified@example.com", "EN").await;
    room.next_to("unverified@example.com").await;
    room.settings(&welsh, json!({ "emailFrequency": "IMMEDIATE" }))
        .await;
    let settings = room
        .settings(
            &muted,
            json!({ "emailFrequency": "IMMEDIATE",
                    "mutedKinds": ["PROPOSAL_STATUS_CHANGED", "COUNCIL_RESPONDED", "COUNCIL_RESPONDED"] }),
        )
        .await;
    assert_eq!(
        settings["notificationSettings"]["mutedKinds"],
        json!(["COUNCIL_RESPONDED", "PROPOSAL_STATUS_CHANGED"])
    );
    room.settings(&never, json!({ "emailFrequency": "NEVER" }))
        .await;
    room.settings(&unverified, json!({ "emailFrequency": "IMMEDIATE" }))
        .await;

    let id = room.proposal("Llwybr beicio i'r ysgol").await;
    for who in [&welsh, &muted, &never, &unverified] {
        room.app.support(who, &id).await;
    }
    room.app.submit_to_council(&clerk, &id).await;
    room.respond(&councillor, &id).await;
    let status = room.next_to("rhys@example.com").await;
    assert_eq!(
        status.subject(),
        "Mae “Llwybr beicio i'r ysgol” bellach gyda'r cyngor."
    );
    room.next_to("rhys@example.com").await;
    let mail = room.next_to("rhys@example.com").await;
    assert_eq!(
        mail.subject(),
        "Mae'r cyngor wedi ymateb i “Llwybr beicio i'r ysgol”."
    );
    assert!(mail.html().contains("<html lang=\"cy\">"));
    room.control().await;
    assert_eq!(room.sink.try_next().await.map(|m| m.subject()), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn youth_members_get_no_email_by_default_and_none_about_youth_content_once_residents() {
    let room = Mailroom::start().await;
    let clerk = room.app.clerk().await;
    let youth = room.app.pending_youth(16).await;
    // The registration sent the link; verify it.
    let link = room
        .next_to(&youth.email)
        .await
        .link(&format!("{PUBLIC}/verify-email/"))
        .unwrap();
    assert_eq!(room.post(&link).await.0, 200);
    let resp = room
        .app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { approveYouthMember(userId: $id) { status } }",
            json!({ "id": youth.user_id }),
        )
        .await;
    ok(&resp);
    assert_eq!(
        room.me(&youth).await["notificationSettings"]["emailFrequency"],
        "NEVER"
    );
    room.settings(&youth, json!({ "emailFrequency": "IMMEDIATE" }))
        .await;
    let author = room.app.active_youth(&clerk).await;
    room.next_to(&author.email).await;
    let forum = room.app.forum_id("youth-transport").await;
    let id = room
        .app
        .open_proposal(&author, &forum, "Safe cycling to school")
        .await;
    room.app.support(&youth, &id).await;

    // The relay is down when the author withdraws it: the email waits in the outbox...
    room.sink.refuse(true);
    room.app
        .proposal_mutation(&author, "withdrawProposal", &id)
        .await;
    wait_for_attempt(&room).await;
    // ...and the youth member is made a resident before it is sent: it never goes.
    let resp = room
        .app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { setUserRole(userId: $id, role: RESIDENT) { role } }",
            json!({ "id": youth.user_id }),
        )
        .await;
    ok(&resp);
    room.sink.refuse(false);
    room.clock.advance(Duration::minutes(10));
    room.control().await;
    room.wait_for(EmailStatus::Dropped, 1).await;
    room.wait_for(EmailStatus::Sent, 3).await;
}

/// Waits until the sender has tried (and failed) to send something.
async fn wait_for_attempt(room: &Mailroom) {
    for _ in 0..600 {
        let tried = email::Entity::find()
            .filter(email::Column::LastError.is_not_null())
            .count(&room.app.db)
            .await
            .unwrap();
        if tried > 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the sender never tried");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_relay_that_is_down_gets_the_email_once_it_is_back_and_a_day_of_failures_is_counted() {
    let room = Mailroom::start().await;
    room.sink.refuse(true);
    room.unverified("later@example.com", "EN").await;
    wait_for_attempt(&room).await;
    room.sink.refuse(false);
    // The retry waits for its backoff.
    room.clock.advance(Duration::minutes(1));
    let mail = room.next_to("later@example.com").await;
    assert_eq!(mail.subject(), "Confirm your email address for Fforwm");
    room.control().await;
    room.wait_for(EmailStatus::Sent, 2).await;

    // A relay down for more than a day: the email is given up and counted.
    room.sink.refuse(true);
    room.unverified("never-arrives@example.com", "EN").await;
    wait_for_attempt(&room).await;
    room.clock.advance(Duration::hours(25));
    room.wait_for(EmailStatus::Failed, 1).await;
    let metrics = room
        .app
        .request(Method::GET, "/metrics")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("fforwm_emails_failed_total 1"),
        "{metrics}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_daily_digest_comes_at_seven_grouped_by_proposal_and_none_when_empty() {
    let room = Mailroom::start().await;
    let (clerk, councillor) = (room.app.clerk().await, room.app.councillor().await);
    let who = room.verified("dai@example.com", "EN").await;
    let first = room.proposal("Crossing by the post office").await;
    let second = room.proposal("Later buses on Fridays").await;
    for id in [&first, &second] {
        room.app.support(&who, id).await;
        room.app.submit_to_council(&clerk, id).await;
    }
    room.respond(&councillor, &first).await;

    // Nothing before seven; at seven the digest of the three.
    room.control().await;
    let seven = next_seven_am(room.clock.now());
    room.clock
        .advance(seven - room.clock.now() - Duration::minutes(2));
    room.control().await;
    room.clock.advance(Duration::minutes(2));
    let digest = room.next_to("dai@example.com").await;
    // Both sent to the council, the first under review and answered.
    assert_eq!(digest.subject(), "4 updates from Fforwm");
    let text = digest.text().replace("\r\n", "\n");
    let crossing = text.find("\nCrossing by the post office\n").unwrap();
    let buses = text.find("\nLater buses on Fridays\n").unwrap();
    assert!(crossing < buses, "{text}");
    assert!(
        text[crossing..buses].contains("The council has responded"),
        "{text}"
    );
    assert!(
        text.contains(&format!("{PUBLIC}/proposals/{second}")),
        "{text}"
    );
    assert!(digest.header("List-Unsubscribe").is_some());

    // The next morning, with nothing new, no digest.
    room.clock.advance(Duration::days(1));
    room.control().await;
    let digests = email::Entity::find()
        .filter(email::Column::Kind.eq(entity::EmailKind::Digest))
        .count(&room.app.db)
        .await
        .unwrap();
    assert_eq!(digests, 1);
    // The morning was looked at all the same.
    let morning = seven - Duration::minutes(1) + Duration::days(1);
    for _ in 0..600 {
        let dai = entity::email_settings::Entity::find()
            .filter(entity::email_settings::Column::VerifiedEmail.eq("dai@example.com"))
            .one(&room.app.db)
            .await
            .unwrap()
            .unwrap();
        if dai.last_digest_at == Some(morning) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("the next morning's digest was never considered");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_server_processes_send_each_email_once() {
    let room = Mailroom::start().await;
    room.app
        .try_replica_with(mail_config(&room.sink, &room.clock))
        .await
        .unwrap();
    let addresses: Vec<String> = (0..12).map(|i| format!("person{i}@example.com")).collect();
    for address in &addresses {
        room.unverified(address, "EN").await;
    }
    let mut received: Vec<String> = Vec::new();
    for _ in &addresses {
        received.extend(room.sink.next().await.to);
    }
    received.sort();
    let mut expected = addresses.clone();
    expected.sort();
    assert_eq!(received, expected);
    room.control().await;
    assert_eq!(room.sink.try_next().await.map(|m| m.to), None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_export_has_follows_settings_and_recent_emails_and_deletion_removes_them() {
    let room = Mailroom::start().await;
    let who = room.verified("megan@example.com", "EN").await;
    room.settings(
        &who,
        json!({ "emailFrequency": "WEEKLY", "mutedKinds": ["NEW_PROPOSAL_IN_FORUM"] }),
    )
    .await;
    let id = room.proposal("Flowers on the bridge").await;
    room.app.support(&who, &id).await;
    room.unverified("queued@example.com", "EN").await;
    room.next_to("queued@example.com").await;

    let resp = room
        .app
        .gql_as(&who.token, "mutation { exportMyData }", json!({}))
        .await;
    let export: Value = serde_json::from_str(str_at(ok(&resp), "exportMyData")).unwrap();
    assert_eq!(export["follows"][0]["targetId"], id.as_str(), "{export}");
    assert_eq!(
        export["emailSettings"],
        json!({ "emailFrequency": "WEEKLY", "mutedKinds": ["NEW_PROPOSAL_IN_FORUM"],
                "emailVerified": true })
    );
    assert_eq!(
        export["emails"][0]["subject"], "Confirm your email address for Fforwm",
        "{export}"
    );

    let user_id = api::ids::decode(&who.user_id).unwrap().1;
    let resp = room
        .app
        .gql_as(
            &who.token,
            "mutation($p: String!) { deleteMyAccount(password: $p) }",
            json!({ "p": PASSWORD }),
        )
        .await;
    ok(&resp);
    let left = email::Entity::find()
        .filter(email::Column::RecipientId.eq(user_id))
        .count(&room.app.db)
        .await
        .unwrap()
        + entity::follow::Entity::find()
            .filter(entity::follow::Column::UserId.eq(user_id))
            .count(&room.app.db)
            .await
            .unwrap()
        + entity::email_settings::Entity::find()
            .filter(entity::email_settings::Column::UserId.eq(user_id))
            .count(&room.app.db)
            .await
            .unwrap();
    assert_eq!(left, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_weekly_digest_comes_on_monday_morning() {
    use chrono::{Datelike, Weekday};
    let room = Mailroom::start().await;
    let clerk = room.app.clerk().await;
    let who = room.verified("wyn@example.com", "CY").await;
    room.settings(&who, json!({ "emailFrequency": "WEEKLY" }))
        .await;
    let id = room.proposal("A bench at the bus stop").await;
    room.app.support(&who, &id).await;
    room.app.submit_to_council(&clerk, &id).await;

    let mut morning = next_seven_am(room.clock.now());
    while morning.with_timezone(&London).weekday() != Weekday::Mon {
        // Other mornings bring no weekly digest.
        room.clock.advance(morning - room.clock.now());
        room.control().await;
        morning = next_seven_am(room.clock.now());
    }
    room.clock.advance(morning - room.clock.now());
    let digest = room.next_to("wyn@example.com").await;
    assert_eq!(digest.subject(), "Un diweddariad gan Fforwm");
    assert!(
        digest.text().contains("A bench at the bus stop"),
        "{}",
        digest.text()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_digest_leaves_out_what_its_reader_may_no_longer_see_and_muted_kinds() {
    let room = Mailroom::start().await;
    let clerk = room.app.clerk().await;
    let youth = room.app.active_youth(&clerk).await;
    let link = room
        .next_to(&youth.email)
        .await
        .link(&format!("{PUBLIC}/verify-email/"))
        .unwrap();
    assert_eq!(room.post(&link).await.0, 200);
    room.settings(&youth, json!({ "emailFrequency": "DAILY" }))
        .await;
    let author = room.app.active_youth(&clerk).await;
    room.next_to(&author.email).await;
    let forum = room.app.forum_id("youth-environment").await;
    let id = room
        .app
        .open_proposal(&author, &forum, "A pond at the school")
        .await;
    room.app.support(&youth, &id).await;
    room.app
        .proposal_mutation(&author, "withdrawProposal", &id)
        .await;
    // A themed proposal's news, of a muted kind.
    let resident = room.verified("nia@example.com", "EN").await;
    room.settings(
        &resident,
        json!({ "mutedKinds": ["PROPOSAL_STATUS_CHANGED"] }),
    )
    .await;
    let themed = room.proposal("A crossing by the chapel").await;
    room.app.support(&resident, &themed).await;
    room.app.submit_to_council(&clerk, &themed).await;
    // The youth member is made a resident before the morning.
    let resp = room
        .app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { setUserRole(userId: $id, role: RESIDENT) { role } }",
            json!({ "id": youth.user_id }),
        )
        .await;
    ok(&resp);
    let seven = next_seven_am(room.clock.now());
    room.clock.advance(seven - room.clock.now());
    // Their welcome is all the digest holds; the resident's muted news makes none.
    let digest = room.next_to(&youth.email).await;
    assert_eq!(digest.subject(), "One update from Fforwm");
    assert!(digest.text().contains("approved"), "{}", digest.text());
    assert!(!digest.text().contains("pond"), "{}", digest.text());
    assert!(!digest.html().contains("pond"), "{}", digest.html());
    room.control().await;
    for _ in 0..600 {
        let looked_at = entity::email_settings::Entity::find()
            .filter(entity::email_settings::Column::LastDigestAt.is_not_null())
            .count(&room.app.db)
            .await
            .unwrap();
        if looked_at == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let digests = email::Entity::find()
        .filter(email::Column::Kind.eq(entity::EmailKind::Digest))
        .count(&room.app.db)
        .await
        .unwrap();
    assert_eq!(digests, 1);
}
