//! Forum meetings (RULES.md "Meetings"): who schedules, every input refusal with its field,
//! moves and cancellations (sequence, MEETING_CHANGED), RSVPs with a capacity exact under
//! concurrency, minutes in both languages, and the youth wall on every path.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{Duration, SecondsFormat, Utc};
use entity::meeting;
use fforwm_tests::{
    Session, TestApp, assert_bad_input, assert_code,
    content::{data_at, node_ids},
    ok, str_at,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::{Value, json};

const MEETING_FIELDS: &str = "id title titleCy: title(lang: CY) agenda location onlineUrl
    startsAt endsAt capacity status cancelReason attendeeCount viewerIsAttending
    minutes minutesCy: minutes(lang: CY) proposals { id } sequence createdAt calendarUrl
    forum { id slug }";

fn at(hours_from_now: i64) -> String {
    (Utc::now() + Duration::hours(hours_from_now)).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A valid `ScheduleMeetingInput` for this forum, a day from now.
pub fn meeting_input(forum_id: &str, title: &str) -> Value {
    json!({
        "forumId": forum_id,
        "titleEn": title,
        "titleCy": format!("{title} (Cymraeg)"),
        "agendaEn": "1. Welcome\n2. The proposals\n3. Any other business",
        "agendaCy": "1. Croeso\n2. Y cynigion\n3. Unrhyw fater arall",
        "location": "Town Hall, Market Street",
        "onlineUrl": "https://meet.example.org/forum",
        "startsAt": at(24),
        "endsAt": at(26),
    })
}

fn row_id(global: &str) -> i32 {
    let raw = String::from_utf8(URL_SAFE_NO_PAD.decode(global).unwrap()).unwrap();
    raw.split_once(':').unwrap().1.parse().unwrap()
}

async fn try_schedule(app: &TestApp, who: Option<&Session>, input: Value) -> Value {
    app.gql_opt(
        who,
        &format!(
            "mutation($input: ScheduleMeetingInput!) {{ scheduleMeeting(input: $input) {{ {MEETING_FIELDS} }} }}"
        ),
        json!({ "input": input }),
    )
    .await
}

async fn schedule(app: &TestApp, who: &Session, input: Value) -> Value {
    data_at(
        &try_schedule(app, Some(who), input).await,
        "scheduleMeeting",
    )
}

async fn try_update(app: &TestApp, who: Option<&Session>, id: &str, input: Value) -> Value {
    app.gql_opt(
        who,
        &format!(
            "mutation($id: ID!, $input: UpdateMeetingInput!) {{ updateMeeting(id: $id, input: $input) {{ {MEETING_FIELDS} }} }}"
        ),
        json!({ "id": id, "input": input }),
    )
    .await
}

async fn try_cancel(app: &TestApp, who: Option<&Session>, id: &str) -> Value {
    app.gql_opt(
        who,
        &format!(
            "mutation($id: ID!) {{ cancelMeeting(id: $id, reason: \"The hall is flooded\") {{ {MEETING_FIELDS} }} }}"
        ),
        json!({ "id": id }),
    )
    .await
}

async fn try_attend(app: &TestApp, who: Option<&Session>, id: &str, attending: bool) -> Value {
    app.gql_opt(
        who,
        &format!(
            "mutation($id: ID!, $a: Boolean!) {{ attendMeeting(id: $id, attending: $a) {{ {MEETING_FIELDS} }} }}"
        ),
        json!({ "id": id, "a": attending }),
    )
    .await
}

async fn try_minutes(app: &TestApp, who: Option<&Session>, id: &str) -> Value {
    app.gql_opt(
        who,
        &format!(
            "mutation($id: ID!) {{ publishMinutes(id: $id, minutesEn: \"We agreed to plant trees.\",
               minutesCy: \"Cytunwyd i blannu coed.\") {{ {MEETING_FIELDS} }} }}"
        ),
        json!({ "id": id }),
    )
    .await
}

async fn meeting_as(app: &TestApp, who: Option<&Session>, id: &str) -> Value {
    let resp = app
        .gql_opt(
            who,
            &format!("query($id: ID!) {{ meeting(id: $id) {{ {MEETING_FIELDS} }} }}"),
            json!({ "id": id }),
        )
        .await;
    ok(&resp)["meeting"].clone()
}

async fn join(app: &TestApp, who: &Session, forum_id: &str) {
    let resp = app
        .gql_as(
            &who.token,
            "mutation($id: ID!) { joinForum(forumId: $id) { id } }",
            json!({ "id": forum_id }),
        )
        .await;
    ok(&resp);
}

/// `who`'s notifications: (kind, meeting id, message), newest first.
async fn notifications(app: &TestApp, who: &Session) -> Vec<(String, Option<String>, String)> {
    let resp = app
        .gql_as(
            &who.token,
            "{ myNotifications(first: 50) { edges { node { kind meeting { id } message } } } }",
            json!({}),
        )
        .await;
    ok(&resp)["myNotifications"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let n = &e["node"];
            (
                str_at(n, "kind").to_owned(),
                n["meeting"]["id"].as_str().map(str::to_owned),
                str_at(n, "message").to_owned(),
            )
        })
        .collect()
}

/// Moves a meeting into the past, as time would (the API refuses to schedule one there).
async fn let_it_start(app: &TestApp, id: &str) {
    let starts = Utc::now() - Duration::hours(1);
    meeting::Entity::update_many()
        .col_expr(meeting::Column::StartsAt, Expr::value(starts))
        .col_expr(
            meeting::Column::EndsAt,
            Expr::value(starts + Duration::hours(2)),
        )
        .filter(meeting::Column::Id.eq(row_id(id)))
        .exec(&app.db)
        .await
        .unwrap();
}

#[tokio::test]
async fn councillors_and_clerks_schedule_and_no_one_else() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let resident = app.resident().await;
    let youth = app.active_youth(&clerk).await;
    let forum = app.forum_id("environment").await;
    join(&app, &resident, &forum).await;
    join(&app, &clerk, &forum).await;

    for who in [&resident, &youth] {
        assert_code(
            &try_schedule(
                &app,
                Some(who),
                meeting_input(&forum, "A meeting by anyone"),
            )
            .await,
            "FORBIDDEN",
        );
    }
    assert_code(
        &try_schedule(&app, None, meeting_input(&forum, "An anonymous meeting")).await,
        "UNAUTHENTICATED",
    );

    let by_councillor = schedule(
        &app,
        &councillor,
        meeting_input(&forum, "Trees for the park"),
    )
    .await;
    assert_eq!(by_councillor["status"], "SCHEDULED");
    assert_eq!(by_councillor["sequence"], 0);
    assert_eq!(by_councillor["attendeeCount"], 0);
    assert_eq!(by_councillor["titleCy"], "Trees for the park (Cymraeg)");
    assert_eq!(
        by_councillor["onlineUrl"], "https://meet.example.org/forum",
        "the council sees the link"
    );
    let id = str_at(&by_councillor, "id");
    assert_eq!(
        by_councillor["calendarUrl"],
        format!("/calendar/meetings/{id}.ics")
    );
    schedule(&app, &clerk, meeting_input(&forum, "Clean air day")).await;

    // Members hear of each, but not the one who scheduled it.
    let told = notifications(&app, &resident).await;
    assert_eq!(told.len(), 2, "{told:?}");
    assert!(told.iter().all(|(kind, _, _)| kind == "MEETING_SCHEDULED"));
    assert_eq!(told[1].1.as_deref(), Some(id));
    assert!(told[1].2.contains("Trees for the park"), "{told:?}");
    let clerk_told = notifications(&app, &clerk).await;
    assert_eq!(clerk_told.len(), 1, "{clerk_told:?}");
    assert_eq!(
        clerk_told[0].1.as_deref(),
        Some(str_at(&by_councillor, "id"))
    );
    let welsh = app
        .gql_with(
            Some(&resident.token),
            &[("Accept-Language", "cy")],
            "{ myNotifications(first: 1) { edges { node { message } } } }",
            json!({}),
        )
        .await;
    let message = str_at(
        &ok(&welsh)["myNotifications"]["edges"][0]["node"],
        "message",
    )
    .to_owned();
    assert!(message.contains("Clean air day (Cymraeg)"), "{message}");

    // Residents read it, without the link until they attend.
    let seen = meeting_as(&app, Some(&resident), id).await;
    assert_eq!(seen["onlineUrl"], Value::Null);
    assert_eq!(
        meeting_as(&app, None, id).await["location"],
        "Town Hall, Market Street"
    );
}

#[tokio::test]
async fn every_input_refusal_names_its_field_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let resident = app.resident().await;
    let forum = app.forum_id("transport").await;
    let other_forum = app.forum_id("culture-heritage").await;
    let elsewhere = app
        .open_proposal(&resident, &other_forum, "A proposal elsewhere")
        .await;
    let draft = app
        .create_proposal(&resident, &forum, "A draft of someone else")
        .await;
    let draft = str_at(&draft, "id").to_owned();
    let here = app
        .open_proposal(&resident, &forum, "A proposal for the agenda")
        .await;

    let cases: Vec<(&str, Value, &str)> = vec![
        ("titleEn", json!("Hi"), "titleEn"),
        ("titleCy", json!("x".repeat(151)), "titleCy"),
        ("agendaEn", json!("   "), "agendaEn"),
        ("agendaCy", json!("x".repeat(20_001)), "agendaCy"),
        ("location", json!("X"), "location"),
        ("location", json!("x".repeat(201)), "location"),
        ("onlineUrl", json!("http://meet.example.org"), "onlineUrl"),
        (
            "onlineUrl",
            json!(format!("https://example.org/{}", "a".repeat(490))),
            "onlineUrl",
        ),
        ("startsAt", json!(at(-1)), "startsAt"),
        ("endsAt", json!(at(23)), "endsAt"),
        ("endsAt", json!(at(24)), "endsAt"),
        ("endsAt", json!(at(37)), "endsAt"),
        ("capacity", json!(0), "capacity"),
        ("capacity", json!(10_001), "capacity"),
        ("proposalIds", json!([elsewhere]), "proposalIds"),
        ("proposalIds", json!([draft]), "proposalIds"),
        ("proposalIds", json!([forum]), "proposalIds"),
        ("forumId", json!(here), "forumId"),
    ];
    for (key, value, field) in cases {
        let mut input = meeting_input(&forum, "A meeting with bad input");
        input[key] = value;
        let resp = try_schedule(&app, Some(&clerk), input).await;
        assert_bad_input(&resp, field);
    }
    let resp = app
        .gql(
            "{ forum(slug: \"transport\") { meetings { totalCount } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        ok(&resp)["forum"]["meetings"]["totalCount"],
        0,
        "nothing written"
    );

    // The same rules on update; and the agenda takes the forum's visible proposals.
    let mut input = meeting_input(&forum, "A good meeting");
    input["proposalIds"] = json!([here, here]);
    input["capacity"] = json!(10_000);
    let meeting = schedule(&app, &clerk, input).await;
    let id = str_at(&meeting, "id").to_owned();
    assert_eq!(meeting["proposals"], json!([{ "id": here }]), "each once");
    for (input, field) in [
        (json!({ "startsAt": at(-2) }), "startsAt"),
        (json!({ "endsAt": at(50) }), "endsAt"),
        (json!({ "titleEn": "Hey" }), "titleEn"),
        (json!({ "proposalIds": [elsewhere] }), "proposalIds"),
        (json!({ "onlineUrl": "ftp://x.org" }), "onlineUrl"),
    ] {
        assert_bad_input(&try_update(&app, Some(&clerk), &id, input).await, field);
    }
    let unchanged = meeting_as(&app, Some(&clerk), &id).await;
    assert_eq!(unchanged["title"], "A good meeting");
    assert_eq!(unchanged["sequence"], 0);
}

#[tokio::test]
async fn moves_and_cancellations_bump_the_sequence_and_tell_the_attendees() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let attendee = app.resident().await;
    let member = app.resident().await;
    let forum = app.forum_id("economy-tourism").await;
    join(&app, &member, &forum).await;
    let meeting = schedule(&app, &clerk, meeting_input(&forum, "Market stalls")).await;
    let id = str_at(&meeting, "id").to_owned();
    ok(&try_attend(&app, Some(&attendee), &id, true).await);

    assert_code(
        &try_update(&app, Some(&attendee), &id, json!({ "location": "The pub" })).await,
        "FORBIDDEN",
    );
    assert_code(
        &try_update(&app, None, &id, json!({ "location": "The pub" })).await,
        "UNAUTHENTICATED",
    );

    // A new title is no move: same sequence, nobody told.
    let renamed = data_at(
        &try_update(
            &app,
            Some(&councillor),
            &id,
            json!({ "titleEn": "Market stalls and more" }),
        )
        .await,
        "updateMeeting",
    );
    assert_eq!(renamed["sequence"], 0);
    assert!(notifications(&app, &attendee).await.is_empty());

    // A new place, then a new time (keeping its length): one more each, the attendee told.
    let moved = data_at(
        &try_update(
            &app,
            Some(&clerk),
            &id,
            json!({ "location": "The Library" }),
        )
        .await,
        "updateMeeting",
    );
    assert_eq!(moved["sequence"], 1);
    let later = at(48);
    let moved = data_at(
        &try_update(&app, Some(&clerk), &id, json!({ "startsAt": later })).await,
        "updateMeeting",
    );
    assert_eq!(moved["sequence"], 2);
    let (starts, ends) = (
        chrono::DateTime::parse_from_rfc3339(str_at(&moved, "startsAt")).unwrap(),
        chrono::DateTime::parse_from_rfc3339(str_at(&moved, "endsAt")).unwrap(),
    );
    assert_eq!(ends - starts, Duration::hours(2));
    let told = notifications(&app, &attendee).await;
    assert_eq!(
        told.iter()
            .filter(|(k, _, _)| k == "MEETING_CHANGED")
            .count(),
        2,
        "{told:?}"
    );
    assert!(
        notifications(&app, &member)
            .await
            .iter()
            .all(|(k, _, _)| k == "MEETING_SCHEDULED")
    );

    // Capacity: not below those already coming; null removes it.
    assert_bad_input(
        &try_update(&app, Some(&clerk), &id, json!({ "capacity": 0 })).await,
        "capacity",
    );
    let capped = data_at(
        &try_update(&app, Some(&clerk), &id, json!({ "capacity": 1 })).await,
        "updateMeeting",
    );
    assert_eq!(capped["capacity"], 1);
    let uncapped = data_at(
        &try_update(
            &app,
            Some(&clerk),
            &id,
            json!({ "capacity": null, "onlineUrl": null }),
        )
        .await,
        "updateMeeting",
    );
    assert_eq!(uncapped["capacity"], Value::Null);
    assert_eq!(uncapped["onlineUrl"], Value::Null);
    assert_eq!(uncapped["sequence"], 3, "the link is part of the place");

    // Cancelling: only the council, once; it stays readable with its reason.
    assert_code(&try_cancel(&app, Some(&attendee), &id).await, "FORBIDDEN");
    let cancelled = data_at(
        &try_cancel(&app, Some(&councillor), &id).await,
        "cancelMeeting",
    );
    assert_eq!(cancelled["status"], "CANCELLED");
    assert_eq!(cancelled["cancelReason"], "The hall is flooded");
    assert_eq!(cancelled["sequence"], 4);
    assert_eq!(notifications(&app, &attendee).await.len(), 4);
    assert_code(&try_cancel(&app, Some(&clerk), &id).await, "CONFLICT");
    assert_code(
        &try_update(
            &app,
            Some(&clerk),
            &id,
            json!({ "location": "The Library" }),
        )
        .await,
        "CONFLICT",
    );
    assert_code(
        &try_attend(&app, Some(&member), &id, true).await,
        "CONFLICT",
    );
    assert_code(&try_minutes(&app, Some(&clerk), &id).await, "CONFLICT");
    assert_eq!(meeting_as(&app, None, &id).await["status"], "CANCELLED");
}

#[tokio::test]
async fn rsvps_are_idempotent_and_show_only_a_count() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let resident = app.resident().await;
    let pending = app.pending_youth(15).await;
    let forum = app.forum_id("health-wellbeing").await;
    let meeting = schedule(&app, &clerk, meeting_input(&forum, "Walking groups")).await;
    let id = str_at(&meeting, "id").to_owned();

    assert_code(&try_attend(&app, None, &id, true).await, "UNAUTHENTICATED");
    assert_code(
        &try_attend(&app, Some(&pending), &id, true).await,
        "FORBIDDEN",
    );
    for _ in 0..2 {
        let going = data_at(
            &try_attend(&app, Some(&resident), &id, true).await,
            "attendMeeting",
        );
        assert_eq!(going["attendeeCount"], 1);
        assert_eq!(going["viewerIsAttending"], true);
        assert_eq!(
            going["onlineUrl"], "https://meet.example.org/forum",
            "attendees get the link"
        );
    }
    let seen = meeting_as(&app, None, &id).await;
    assert_eq!(seen["attendeeCount"], 1);
    assert_eq!(seen["viewerIsAttending"], false);
    assert_eq!(seen["onlineUrl"], Value::Null);
    for _ in 0..2 {
        let gone = data_at(
            &try_attend(&app, Some(&resident), &id, false).await,
            "attendMeeting",
        );
        assert_eq!(gone["attendeeCount"], 0);
        assert_eq!(gone["viewerIsAttending"], false);
    }
    // Who attends is never shown: the type has no such field.
    let resp = app
        .gql(
            "query($id: ID!) { meeting(id: $id) { attendees { id } } }",
            json!({ "id": id }),
        )
        .await;
    assert!(resp["errors"].is_array(), "{resp}");

    // Once it has started, no more replies.
    ok(&try_attend(&app, Some(&resident), &id, true).await);
    let_it_start(&app, &id).await;
    assert_code(
        &try_attend(&app, Some(&resident), &id, false).await,
        "CONFLICT",
    );
    assert_code(&try_attend(&app, Some(&clerk), &id, true).await, "CONFLICT");
    assert_code(
        &try_attend(
            &app,
            Some(&clerk),
            &fforwm_tests::roles::global_id("Meeting", 999),
            true,
        )
        .await,
        "NOT_FOUND",
    );
}

#[tokio::test]
async fn twelve_concurrent_rsvps_for_five_places_seat_exactly_five() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let forum = app.forum_id("community-safety").await;
    let mut input = meeting_input(&forum, "Neighbourhood watch");
    input["capacity"] = json!(5);
    let meeting = schedule(&app, &clerk, input).await;
    let id = str_at(&meeting, "id").to_owned();
    let residents = app.residents(12).await;
    let answers = futures_util::future::join_all(
        residents
            .iter()
            .map(|r| try_attend(&app, Some(r), &id, true)),
    )
    .await;
    let seated = answers.iter().filter(|a| a["errors"].is_null()).count();
    let refused: Vec<&Value> = answers.iter().filter(|a| !a["errors"].is_null()).collect();
    assert_eq!(seated, 5, "{answers:?}");
    assert_eq!(refused.len(), 7);
    for answer in refused {
        assert_code(answer, "CONFLICT");
    }
    assert_eq!(meeting_as(&app, None, &id).await["attendeeCount"], 5);
    let attending =
        futures_util::future::join_all(residents.iter().map(|r| meeting_as(&app, Some(r), &id)))
            .await
            .iter()
            .filter(|m| m["viewerIsAttending"] == true)
            .count();
    assert_eq!(attending, 5);
}

#[tokio::test]
async fn minutes_come_after_the_start_in_both_languages_and_reach_attendees_and_members() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let attendee = app.resident().await;
    let member = app.resident().await;
    let forum = app.forum_id("environment").await;
    join(&app, &member, &forum).await;
    let meeting = schedule(&app, &councillor, meeting_input(&forum, "Tree planting")).await;
    let id = str_at(&meeting, "id").to_owned();
    ok(&try_attend(&app, Some(&attendee), &id, true).await);

    assert_code(&try_minutes(&app, Some(&clerk), &id).await, "CONFLICT");
    let_it_start(&app, &id).await;
    assert_code(&try_minutes(&app, Some(&attendee), &id).await, "FORBIDDEN");
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { publishMinutes(id: $id, minutesEn: \" \", minutesCy: \"Iawn\") { id } }",
            json!({ "id": id }),
        )
        .await;
    assert_bad_input(&resp, "minutesEn");
    let held = data_at(
        &try_minutes(&app, Some(&clerk), &id).await,
        "publishMinutes",
    );
    assert_eq!(held["status"], "HELD");
    assert_eq!(held["minutes"], "We agreed to plant trees.");
    assert_eq!(held["minutesCy"], "Cytunwyd i blannu coed.");
    assert_eq!(held["sequence"], 1);
    assert_code(&try_minutes(&app, Some(&clerk), &id).await, "CONFLICT");
    for who in [&attendee, &member] {
        let told = notifications(&app, who).await;
        assert_eq!(told[0].0, "MINUTES_PUBLISHED", "{told:?}");
        assert_eq!(told[0].1.as_deref(), Some(id.as_str()));
    }
    // Past meetings, most recent first; upcoming ones soonest first.
    let soon = schedule(&app, &clerk, meeting_input(&forum, "Soon after")).await;
    let mut later = meeting_input(&forum, "Later on");
    later["startsAt"] = json!(at(72));
    later["endsAt"] = json!(at(73));
    let later = schedule(&app, &clerk, later).await;
    let resp = app
        .gql(
            "{ forum(slug: \"environment\") { calendarUrl
                 up: meetings { totalCount edges { node { id } } }
                 firstUp: meetings(first: 1) { pageInfo { hasNextPage endCursor } edges { node { id } } }
                 past: meetings(upcoming: false) { totalCount edges { node { id minutes } } } } }",
            json!({}),
        )
        .await;
    let forum_view = &ok(&resp)["forum"];
    assert_eq!(
        forum_view["calendarUrl"],
        "/calendar/forums/environment.ics"
    );
    assert_eq!(
        node_ids(&forum_view["up"]),
        [str_at(&soon, "id"), str_at(&later, "id")]
    );
    assert_eq!(node_ids(&forum_view["past"]), [id.as_str()]);
    assert_eq!(
        forum_view["past"]["edges"][0]["node"]["minutes"],
        "We agreed to plant trees."
    );
    let cursor = str_at(&forum_view["firstUp"]["pageInfo"], "endCursor");
    let resp = app
        .gql(
            "query($after: String) { forum(slug: \"environment\") { meetings(first: 1, after: $after) { edges { node { id } } } } }",
            json!({ "after": cursor }),
        )
        .await;
    assert_eq!(
        node_ids(&ok(&resp)["forum"]["meetings"]),
        [str_at(&later, "id")]
    );
}

#[tokio::test]
async fn youth_meetings_stay_behind_the_youth_wall_on_every_path() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let resident = app.resident().await;
    let youth = app.active_youth(&clerk).await;
    let pending = app.pending_youth(15).await;
    let youth_forum = app.forum_id("youth-transport").await;
    join(&app, &youth, &youth_forum).await;
    let meeting = schedule(
        &app,
        &councillor,
        meeting_input(&youth_forum, "Youth bus passes"),
    )
    .await;
    let id = str_at(&meeting, "id").to_owned();
    let today = Utc::now().date_naive();
    let range =
        json!({ "from": today.to_string(), "to": (today + chrono::Days::new(3)).to_string() });
    let paths = |who: Option<Session>| {
        let app = &app;
        let id = id.clone();
        let range = range.clone();
        async move {
            let who = who.as_ref();
            let node = app.node_as(who, &id).await;
            let single = meeting_as(app, who, &id).await;
            let resp = app
                .gql_opt(
                    who,
                    "query($from: Date!, $to: Date!) { meetings(from: $from, to: $to) { id }
                       forum(slug: \"youth-transport\") { meetings { totalCount edges { node { id } } } } }",
                    range,
                )
                .await;
            let data = ok(&resp).clone();
            (node, single, data)
        }
    };
    for outsider in [None, Some(resident.clone()), Some(pending.clone())] {
        let (node, single, data) = paths(outsider.clone()).await;
        assert_eq!(node, Value::Null);
        assert_eq!(single, Value::Null);
        assert_eq!(data["meetings"], json!([]));
        assert_eq!(data["forum"]["meetings"]["totalCount"], 0);
        assert_code(
            &try_attend(&app, outsider.as_ref(), &id, true).await,
            if outsider.is_none() {
                "UNAUTHENTICATED"
            } else if outsider.as_ref().map(|s| &s.user_id) == Some(&pending.user_id) {
                "FORBIDDEN"
            } else {
                "NOT_FOUND"
            },
        );
    }
    for insider in [youth.clone(), clerk.clone(), councillor.clone()] {
        let (node, single, data) = paths(Some(insider)).await;
        assert_eq!(node["id"], id.as_str());
        assert_eq!(single["id"], id.as_str());
        assert_eq!(data["meetings"], json!([{ "id": id }]));
        assert_eq!(data["forum"]["meetings"]["totalCount"], 1);
    }
    ok(&try_attend(&app, Some(&youth), &id, true).await);
    let told = notifications(&app, &youth).await;
    assert_eq!(told[0].1.as_deref(), Some(id.as_str()));

    // The youth member becomes a resident: the meeting and its notifications go with the role.
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { setUserRole(userId: $id, role: RESIDENT) { role } }",
            json!({ "id": youth.user_id }),
        )
        .await;
    ok(&resp);
    let told = notifications(&app, &youth).await;
    assert!(
        told.iter().all(|(kind, _, _)| kind == "ACCOUNT_APPROVED"),
        "{told:?}"
    );
    assert_eq!(meeting_as(&app, Some(&youth), &id).await, Value::Null);
    // Nor are they told of a change any more, though still on the list.
    ok(&try_update(
        &app,
        Some(&clerk),
        &id,
        json!({ "location": "Youth centre" }),
    )
    .await);
    let count: u64 = entity::notification::Entity::find()
        .filter(entity::notification::Column::MeetingId.eq(row_id(&id)))
        .filter(entity::notification::Column::Kind.eq(entity::NotificationKind::MeetingChanged))
        .all(&app.db)
        .await
        .unwrap()
        .len() as u64;
    assert_eq!(count, 0);
}

#[tokio::test]
async fn the_period_of_meetings_is_checked() {
    let app = TestApp::spawn().await;
    let resp = app
        .gql(
            "{ meetings(from: \"2026-02-01\", to: \"2026-01-01\") { id } }",
            json!({}),
        )
        .await;
    assert_bad_input(&resp, "to");
    let resp = app
        .gql(
            "{ meetings(from: \"2026-01-01\", to: \"2027-06-01\") { id } }",
            json!({}),
        )
        .await;
    assert_bad_input(&resp, "to");
}

#[tokio::test]
async fn an_rsvp_is_in_the_attendees_data_export() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let resident = app.resident().await;
    let forum = app.forum_id("environment").await;
    let meeting = schedule(&app, &clerk, meeting_input(&forum, "Orchard planting")).await;
    let id = str_at(&meeting, "id").to_owned();
    ok(&try_attend(&app, Some(&resident), &id, true).await);
    let resp = app
        .gql_as(&resident.token, "mutation { exportMyData }", json!({}))
        .await;
    let document: Value = serde_json::from_str(str_at(ok(&resp), "exportMyData")).unwrap();
    assert_eq!(
        document["meetingsAttending"][0]["meetingId"],
        id.as_str(),
        "{document}"
    );
    let resp = app
        .gql_as(&clerk.token, "mutation { exportMyData }", json!({}))
        .await;
    let document: Value = serde_json::from_str(str_at(ok(&resp), "exportMyData")).unwrap();
    assert_eq!(document["meetingsAttending"], json!([]));
}
