//! Meeting calendars (RULES.md "Meetings", iCalendar): the files parsed back with a real
//! iCalendar parser and checked strictly for CRLF and 75-octet folding; stable UIDs, UTC,
//! SEQUENCE, STATUS:CANCELLED; Welsh by `?lang=cy` or `Accept-Language`; ETag and 304; the
//! youth wall; never the online link.

use chrono::{Duration, SecondsFormat, Utc};
use entity::meeting;
use fforwm_tests::{Session, TestApp, content::data_at, ok, str_at};
use icalendar::{Calendar, Component, DatePerhapsTime, EventLike, EventStatus};
use reqwest::{Method, StatusCode, header};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde_json::{Value, json};

fn at(hours_from_now: i64) -> String {
    (Utc::now() + Duration::hours(hours_from_now)).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A long bilingual agenda, so that lines must fold (and fold inside multi-byte letters).
const AGENDA_CY: &str = "1. Croeso gan y cadeirydd. 2. Cynigion y fforwm: ŵyn, ŷd, llwybrau beicio a \
    goleuadau stryd ar hyd y ffordd fawr. 3. Unrhyw fater arall; cofnodion; dyddiad y cyfarfod nesaf.";

async fn schedule(app: &TestApp, who: &Session, forum_id: &str, title: &str) -> Value {
    let resp = app
        .gql_as(
            &who.token,
            "mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id calendarUrl sequence } }",
            json!({ "input": {
                "forumId": forum_id,
                "titleEn": title,
                "titleCy": format!("{title} yn Gymraeg"),
                "agendaEn": "1. Welcome from the chair. 2. The forum's proposals: lambs, corn, cycle paths and street lights along the main road. 3. Any other business; minutes; the date of the next meeting.",
                "agendaCy": AGENDA_CY,
                "location": "Neuadd y Dref, Stryd y Farchnad, Aberystwyth",
                "onlineUrl": "https://meet.example.org/secret-room",
                "startsAt": at(24),
                "endsAt": at(26),
            } }),
        )
        .await;
    data_at(&resp, "scheduleMeeting")
}

struct Served {
    status: StatusCode,
    content_type: String,
    etag: Option<String>,
    body: String,
}

async fn get(app: &TestApp, path: &str, who: Option<&Session>, headers: &[(&str, &str)]) -> Served {
    let mut request = app.request(Method::GET, path);
    if let Some(who) = who {
        request = request.bearer_auth(&who.token);
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let header_of = |name: header::HeaderName| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    Served {
        status: response.status(),
        content_type: header_of(header::CONTENT_TYPE).unwrap_or_default(),
        etag: header_of(header::ETAG),
        body: response.text().await.unwrap(),
    }
}

/// RFC 5545 3.1: every line ends in CRLF (no bare CR or LF), no line is longer than 75
/// octets, and a continuation line starts with one space. Returns the unfolded lines.
fn strict_lines(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"), "the file ends with CRLF");
    let physical: Vec<&str> = text[..text.len() - 2].split("\r\n").collect();
    let mut logical: Vec<String> = Vec::new();
    for line in physical {
        assert!(
            !line.contains('\r') && !line.contains('\n'),
            "a bare CR or LF: {line:?}"
        );
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        match line.strip_prefix(' ') {
            Some(rest) => logical
                .last_mut()
                .expect("a continuation first")
                .push_str(rest),
            None => logical.push(line.to_owned()),
        }
    }
    logical
}

fn parse(text: &str) -> Calendar {
    // RFC 5545 3.6: a calendar has exactly one VERSION and one PRODID.
    for property in ["VERSION:", "PRODID:"] {
        let count = text.lines().filter(|l| l.starts_with(property)).count();
        assert_eq!(count, 1, "{property} {count} times:\n{text}");
    }
    text.parse::<Calendar>()
        .unwrap_or_else(|e| panic!("not iCalendar ({e}):\n{text}"))
}

fn utc(value: Option<DatePerhapsTime>) -> chrono::DateTime<Utc> {
    match value {
        Some(DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(at))) => at,
        other => panic!("not a UTC time: {other:?}"),
    }
}

#[tokio::test]
async fn a_forum_feed_parses_back_folded_strictly_with_stable_uids() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let forum = app.forum_id("transport").await;
    let kept = schedule(&app, &clerk, &forum, "Cycle lanes").await;
    let dropped = schedule(&app, &clerk, &forum, "Bus timetables").await;
    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { cancelMeeting(id: $id, reason: \"No quorum\") { sequence } }",
            json!({ "id": dropped["id"] }),
        )
        .await;
    assert_eq!(data_at(&resp, "cancelMeeting")["sequence"], 1);
    let resp = app
        .gql("{ forum(slug: \"transport\") { calendarUrl } }", json!({}))
        .await;
    let path = str_at(&ok(&resp)["forum"], "calendarUrl").to_owned();
    assert_eq!(path, "/calendar/forums/transport.ics");

    let served = get(&app, &path, None, &[]).await;
    assert_eq!(served.status, StatusCode::OK, "{}", served.body);
    assert_eq!(served.content_type, "text/calendar; charset=utf-8");
    let lines = strict_lines(&served.body);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("DESCRIPTION:") && l.len() > 75),
        "something was folded"
    );
    assert!(lines.iter().any(|l| l == "STATUS:CANCELLED"));
    assert!(
        !served.body.contains("meet.example.org"),
        "never the online link"
    );

    let calendar = parse(&served.body);
    let events: Vec<_> = calendar.events().collect();
    assert_eq!(events.len(), 2);
    let by_summary = |summary: &str| {
        *events
            .iter()
            .find(|e| e.get_summary() == Some(summary))
            .unwrap_or_else(|| panic!("no {summary}"))
    };
    let cycle = by_summary("Cycle lanes");
    assert!(
        cycle.get_uid().unwrap().starts_with("meeting-")
            && cycle.get_uid().unwrap().ends_with("@fforwm")
    );
    assert_eq!(cycle.get_status(), Some(EventStatus::Confirmed));
    assert_eq!(cycle.get_sequence(), Some(0));
    assert_eq!(
        cycle.get_location(),
        Some("Neuadd y Dref, Stryd y Farchnad, Aberystwyth")
    );
    assert!(
        cycle
            .get_description()
            .unwrap()
            .contains("street lights along the main road")
    );
    assert!(cycle.get_timestamp().is_some(), "DTSTAMP");
    let (starts, ends) = (utc(cycle.get_start()), utc(cycle.get_end()));
    assert_eq!(ends - starts, Duration::hours(2));
    let bus = by_summary("Bus timetables");
    assert_eq!(bus.get_status(), Some(EventStatus::Cancelled));
    assert_eq!(bus.get_sequence(), Some(1));
    assert!(
        bus.get_description()
            .unwrap()
            .starts_with("Cancelled: No quorum")
    );

    // The same UIDs in Welsh, and in the meeting's own file.
    let welsh = get(&app, &path, None, &[("Accept-Language", "cy")]).await;
    strict_lines(&welsh.body);
    let welsh_calendar = parse(&welsh.body);
    let welsh_cycle = welsh_calendar
        .events()
        .find(|e| e.get_summary() == Some("Cycle lanes yn Gymraeg"))
        .expect("the Welsh summary");
    assert_eq!(welsh_cycle.get_uid(), cycle.get_uid());
    assert!(welsh_cycle.get_description().unwrap().contains("ŵyn, ŷd"));
    assert_eq!(welsh_calendar.get_name(), Some("Trafnidiaeth: cyfarfodydd"));
    assert_eq!(calendar.get_name(), Some("Transport: meetings"));
    let by_query = get(
        &app,
        &format!("{path}?lang=cy"),
        None,
        &[("Accept-Language", "en")],
    )
    .await;
    assert_eq!(
        by_query.body, welsh.body,
        "?lang= comes before Accept-Language"
    );
    let own = get(&app, str_at(&kept, "calendarUrl"), None, &[]).await;
    assert_eq!(own.status, StatusCode::OK);
    let own = parse(&own.body);
    let own_events: Vec<_> = own.events().collect();
    assert_eq!(own_events.len(), 1);
    assert_eq!(own_events[0].get_uid(), cycle.get_uid());
}

#[tokio::test]
async fn an_unchanged_feed_answers_304_and_a_move_changes_it() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let forum = app.forum_id("environment").await;
    let meeting = schedule(&app, &clerk, &forum, "Litter picking").await;
    let path = "/calendar/forums/environment.ics";
    let first = get(&app, path, None, &[]).await;
    let etag = first.etag.clone().expect("an ETag");
    let again = get(&app, path, None, &[("If-None-Match", &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert_eq!(again.etag.as_deref(), Some(etag.as_str()));
    let other = get(&app, path, None, &[("If-None-Match", "\"something-else\"")]).await;
    assert_eq!(other.status, StatusCode::OK);

    let resp = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!, $at: DateTime!) { updateMeeting(id: $id, input: { startsAt: $at }) { sequence } }",
            json!({ "id": meeting["id"], "at": at(30) }),
        )
        .await;
    assert_eq!(data_at(&resp, "updateMeeting")["sequence"], 1);
    let moved = get(&app, path, None, &[("If-None-Match", &etag)]).await;
    assert_eq!(moved.status, StatusCode::OK);
    assert_ne!(moved.etag.as_deref(), Some(etag.as_str()));
    let calendar = parse(&moved.body);
    assert_eq!(calendar.events().next().unwrap().get_sequence(), Some(1));
}

#[tokio::test]
async fn youth_calendars_need_a_token_that_may_see_them() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let resident = app.resident().await;
    let youth = app.active_youth(&clerk).await;
    let forum = app.forum_id("youth-environment").await;
    let meeting = schedule(&app, &clerk, &forum, "Youth climate strike").await;
    let meeting_path = str_at(&meeting, "calendarUrl").to_owned();
    for path in [
        "/calendar/forums/youth-environment.ics",
        meeting_path.as_str(),
    ] {
        for outsider in [None, Some(&resident)] {
            assert_eq!(
                get(&app, path, outsider, &[]).await.status,
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
        let served = get(&app, path, Some(&youth), &[]).await;
        assert_eq!(served.status, StatusCode::OK, "{path}");
        assert_eq!(parse(&served.body).events().count(), 1);
    }
    for missing in [
        "/calendar/forums/no-such-forum.ics",
        "/calendar/forums/environment.txt",
        "/calendar/meetings/not-an-id.ics",
        "/calendar/meetings/TWVldGluZzo5OTk.ics",
    ] {
        assert_eq!(
            get(&app, missing, None, &[]).await.status,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
}

#[tokio::test]
async fn a_forum_feed_reaches_back_ninety_days() {
    let app = TestApp::spawn().await;
    let clerk = app.clerk().await;
    let forum = app.forum_id("culture-heritage").await;
    for (title, days_ago) in [("Eisteddfod planning", 10), ("Old harvest fair", 100)] {
        let meeting = schedule(&app, &clerk, &forum, title).await;
        let raw = String::from_utf8(
            base64::Engine::decode(
                &base64::engine::general_purpose::URL_SAFE_NO_PAD,
                str_at(&meeting, "id"),
            )
            .unwrap(),
        )
        .unwrap();
        let id: i32 = raw.split_once(':').unwrap().1.parse().unwrap();
        let starts = Utc::now() - Duration::days(days_ago);
        meeting::Entity::update_many()
            .col_expr(meeting::Column::StartsAt, Expr::value(starts))
            .col_expr(
                meeting::Column::EndsAt,
                Expr::value(starts + Duration::hours(1)),
            )
            .filter(meeting::Column::Id.eq(id))
            .exec(&app.db)
            .await
            .unwrap();
    }
    let served = get(&app, "/calendar/forums/culture-heritage.ics", None, &[]).await;
    let calendar = parse(&served.body);
    let summaries: Vec<_> = calendar.events().filter_map(|e| e.get_summary()).collect();
    assert_eq!(summaries, ["Eisteddfod planning"]);
}
