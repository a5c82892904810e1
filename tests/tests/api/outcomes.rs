//! Outcomes and participation over a period: `youSaidWeDid` (decisions by `decidedAt`, the
//! deciding response's text, what reached the council, the wait for a first response) and
//! `participationStats` (what happened, who took part), each through the viewer's visibility
//! (RULES.md "Community strategy and reports", "Who may see what").

use chrono::{Duration, NaiveDate, Utc};
use fforwm_tests::{
    Session, TestApp, assert_bad_input, content::data_at, ok, roles::global_id, str_at,
};
use serde_json::{Value, json};

const YOU_SAID_WE_DID: &str = "query($forumId: ID, $from: Date!, $to: Date!) {
    youSaidWeDid(forumId: $forumId, from: $from, to: $to) {
      from to forum { id slug }
      entries { proposal { id title } youSaid weDid decision status }
      proposalsReceived proposalsDecided medianDaysToFirstResponse } }";

const PARTICIPATION: &str = "query($from: Date!, $to: Date!) {
    participationStats(from: $from, to: $to) {
      from to activeResidents activeYouth proposals supports comments councilResponses
      medianDaysToFirstResponse
      byForum { forum { id slug kind } proposals supports comments councilResponses } } }";

/// Today (UTC): the first day of a period that holds what a test makes from now on.
fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// The past year that nothing a test makes can fall in.
const PAST: (&str, &str) = ("2020-01-01", "2020-12-31");

/// `youSaidWeDid` as `who`; returns the whole response.
async fn try_you_said_we_did(
    app: &TestApp,
    who: Option<&Session>,
    forum_id: Option<&str>,
    from: &str,
    to: &str,
) -> Value {
    app.gql_opt(
        who,
        YOU_SAID_WE_DID,
        json!({ "forumId": forum_id, "from": from, "to": to }),
    )
    .await
}

/// `youSaidWeDid` as `who` that must work.
async fn you_said_we_did(
    app: &TestApp,
    who: Option<&Session>,
    forum_id: Option<&str>,
    from: &str,
    to: &str,
) -> Value {
    let report = data_at(
        &try_you_said_we_did(app, who, forum_id, from, to).await,
        "youSaidWeDid",
    );
    assert_eq!(report["from"], from, "{report}");
    assert_eq!(report["to"], to, "{report}");
    assert_eq!(
        report["proposalsDecided"],
        report["entries"].as_array().map_or(0, Vec::len),
        "proposalsDecided counts the entries: {report}"
    );
    report
}

/// `youSaidWeDid` over `from`..today.
async fn you_said_we_did_since(
    app: &TestApp,
    who: Option<&Session>,
    forum_id: Option<&str>,
    from: NaiveDate,
) -> Value {
    let (from, to) = (from.to_string(), today().to_string());
    you_said_we_did(app, who, forum_id, &from, &to).await
}

/// `participationStats` as `who`; returns the whole response.
async fn try_participation(app: &TestApp, who: Option<&Session>, from: &str, to: &str) -> Value {
    app.gql_opt(who, PARTICIPATION, json!({ "from": from, "to": to }))
        .await
}

/// `participationStats` as `who` that must work; checks that the totals are the sums over
/// `byForum` and that themed forums come first.
async fn participation(app: &TestApp, who: Option<&Session>, from: &str, to: &str) -> Value {
    let stats = data_at(
        &try_participation(app, who, from, to).await,
        "participationStats",
    );
    assert_eq!(stats["from"], from, "{stats}");
    assert_eq!(stats["to"], to, "{stats}");
    let by_forum = stats["byForum"].as_array().expect("byForum");
    for field in ["proposals", "supports", "comments", "councilResponses"] {
        let sum: i64 = by_forum.iter().map(|f| f[field].as_i64().unwrap()).sum();
        assert_eq!(
            stats[field], sum,
            "{field} is the sum over byForum: {stats}"
        );
    }
    let kinds: Vec<&str> = by_forum
        .iter()
        .map(|f| str_at(&f["forum"], "kind"))
        .collect();
    assert!(
        kinds.windows(2).all(|w| w != ["YOUTH_SHADOW", "THEMED"]),
        "themed forums first: {stats}"
    );
    stats
}

/// `participationStats` over `from`..today.
async fn participation_since(app: &TestApp, who: Option<&Session>, from: NaiveDate) -> Value {
    let (from, to) = (from.to_string(), today().to_string());
    participation(app, who, &from, &to).await
}

/// A forum's line in `byForum`, as `(proposals, supports, comments, councilResponses)`;
/// `None` when the forum is not listed.
fn forum_line(stats: &Value, slug: &str) -> Option<(i64, i64, i64, i64)> {
    stats["byForum"]
        .as_array()
        .expect("byForum")
        .iter()
        .find(|f| f["forum"]["slug"] == slug)
        .map(|f| {
            let n = |field: &str| f[field].as_i64().unwrap();
            (
                n("proposals"),
                n("supports"),
                n("comments"),
                n("councilResponses"),
            )
        })
}

/// The slugs listed in `byForum`, in order.
fn listed_slugs(stats: &Value) -> Vec<String> {
    stats["byForum"]
        .as_array()
        .expect("byForum")
        .iter()
        .map(|f| str_at(&f["forum"], "slug").to_owned())
        .collect()
}

/// Every figure of `participationStats` is zero (and the median null).
#[track_caller]
fn assert_nothing_counted(stats: &Value) {
    for field in [
        "activeResidents",
        "activeYouth",
        "proposals",
        "supports",
        "comments",
        "councilResponses",
    ] {
        assert_eq!(stats[field], 0, "{field}: {stats}");
    }
    assert!(stats["medianDaysToFirstResponse"].is_null(), "{stats}");
    for line in stats["byForum"].as_array().expect("byForum") {
        for field in ["proposals", "supports", "comments", "councilResponses"] {
            assert_eq!(line[field], 0, "{field}: {stats}");
        }
    }
}

/// A report with no entries, nothing received and no median.
#[track_caller]
fn assert_empty_report(report: &Value) {
    assert_eq!(report["entries"], json!([]), "{report}");
    assert_eq!(report["proposalsReceived"], 0, "{report}");
    assert_eq!(report["proposalsDecided"], 0, "{report}");
    assert!(report["medianDaysToFirstResponse"].is_null(), "{report}");
}

/// The median is a number of days, not negative, and (everything made just now) under a day.
#[track_caller]
fn assert_fresh_median(value: &Value) {
    let days = value["medianDaysToFirstResponse"]
        .as_f64()
        .unwrap_or_else(|| panic!("medianDaysToFirstResponse is not a number: {value}"));
    assert!((0.0..1.0).contains(&days), "{value}");
}

/// The ids of the entries' proposals, in order.
fn entry_ids(report: &Value) -> Vec<String> {
    report["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(|e| str_at(&e["proposal"], "id").to_owned())
        .collect()
}

/// A DECISION with this text, by `who`; returns the response's id.
async fn decide(
    app: &TestApp,
    who: &Session,
    proposal_id: &str,
    decision: &str,
    body: &str,
) -> String {
    let resp = app
        .gql_as(
            &who.token,
            "mutation($input: RespondInput!) { respondToProposal(input: $input) {
               id proposal { status } } }",
            json!({ "input": { "proposalId": proposal_id, "kind": "DECISION",
                               "decision": decision, "body": body } }),
        )
        .await;
    let response = data_at(&resp, "respondToProposal");
    assert_eq!(response["proposal"]["status"], decision, "{resp}");
    str_at(&response, "id").to_owned()
}

/// An OPEN proposal by `author`, sent to the council by `clerk`; returns its id.
async fn submitted(
    app: &TestApp,
    author: &Session,
    clerk: &Session,
    forum_id: &str,
    title: &str,
) -> String {
    let id = app.open_proposal(author, forum_id, title).await;
    let proposal = app.submit_to_council(clerk, &id).await;
    assert_eq!(proposal["status"], "SUBMITTED", "{proposal}");
    id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decision_is_reported_with_what_the_council_did_and_the_period_counts() {
    let app = TestApp::spawn().await;
    let start = today();
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let author = app.resident().await;
    let supporter = app.resident().await;
    let talker = app.resident().await;
    let drafter = app.resident().await;
    let environment = app.forum_id("environment").await;
    let transport = app.forum_id("transport").await;

    // Decided: trees, in environment, acknowledged first, then accepted.
    let trees_title = "Plant oak trees on the village green";
    let trees = submitted(&app, &author, &clerk, &environment, trees_title).await;
    app.support(&supporter, &trees).await;
    app.add_comment(&supporter, &trees, None, "Yes please, more shade.")
        .await;
    let ack = app
        .respond(&councillor, &trees, "ACKNOWLEDGEMENT", None)
        .await;
    app.add_comment(&supporter, &ack, None, "Thank you for looking at it.")
        .await;
    let we_did = "We will plant forty oaks on the green this winter.";
    decide(&app, &councillor, &trees, "ACCEPTED", we_did).await;
    // Received, not answered: a bus shelter, in transport.
    submitted(
        &app,
        &author,
        &clerk,
        &transport,
        "A bus shelter at the school gate",
    )
    .await;
    // A discussion with a comment, and a draft nobody but its author sees.
    let discussion = app
        .start_discussion(&talker, &transport, "Parking on market day")
        .await;
    app.add_comment(&author, str_at(&discussion, "id"), None, "It is hard.")
        .await;
    app.create_proposal(&drafter, &environment, "A draft that stays a draft")
        .await;

    // Every forum, anonymously: one decision, two proposals reached the council.
    let report = you_said_we_did_since(&app, None, None, start).await;
    assert!(report["forum"].is_null(), "{report}");
    assert_eq!(entry_ids(&report), [trees.as_str()], "{report}");
    let entry = &report["entries"][0];
    assert_eq!(entry["youSaid"], trees_title, "{report}");
    assert_eq!(entry["proposal"]["title"], trees_title, "{report}");
    assert_eq!(entry["weDid"], we_did, "{report}");
    assert_eq!(entry["decision"], "ACCEPTED", "{report}");
    assert_eq!(entry["status"], "ACCEPTED", "{report}");
    assert_eq!(report["proposalsReceived"], 2, "{report}");
    assert_eq!(report["proposalsDecided"], 1, "{report}");
    assert_fresh_median(&report);

    // The entry carries the proposal's current status; the decision stays what it was.
    let implemented = app
        .gql_as(
            &clerk.token,
            "mutation($id: ID!) { markImplemented(id: $id, note: \"Planted in November.\") { status } }",
            json!({ "id": trees }),
        )
        .await;
    assert_eq!(
        data_at(&implemented, "markImplemented")["status"],
        "IMPLEMENTED"
    );
    let report = you_said_we_did_since(&app, None, None, start).await;
    assert_eq!(report["entries"][0]["status"], "IMPLEMENTED", "{report}");
    assert_eq!(report["entries"][0]["decision"], "ACCEPTED", "{report}");
    assert_eq!(report["entries"][0]["weDid"], we_did, "{report}");

    // One forum: its own figures, and the forum echoed.
    let report = you_said_we_did_since(&app, None, Some(&environment), start).await;
    assert_eq!(report["forum"]["id"], environment.as_str(), "{report}");
    assert_eq!(report["forum"]["slug"], "environment", "{report}");
    assert_eq!(entry_ids(&report), [trees.as_str()], "{report}");
    assert_eq!(report["proposalsReceived"], 1, "{report}");
    assert_fresh_median(&report);
    let report = you_said_we_did_since(&app, Some(&author), Some(&transport), start).await;
    assert_eq!(report["forum"]["slug"], "transport", "{report}");
    assert_eq!(report["entries"], json!([]), "{report}");
    assert_eq!(report["proposalsReceived"], 1, "{report}");
    assert!(
        report["medianDaysToFirstResponse"].is_null(),
        "the shelter has no response yet: {report}"
    );

    // Participation, anonymously, as a resident, and as the one whose draft it is: drafts
    // never count (activeResidents is checked last, below).
    let mut active_residents = Vec::new();
    for (label, who) in [
        ("anonymous", None),
        ("the author", Some(&author)),
        ("the drafter", Some(&drafter)),
    ] {
        let stats = participation_since(&app, who, start).await;
        assert_eq!(stats["proposals"], 2, "{stats}");
        assert_eq!(stats["supports"], 1, "{stats}");
        // On a proposal, on a council response, on a discussion.
        assert_eq!(stats["comments"], 3, "{stats}");
        assert_eq!(stats["councilResponses"], 2, "{stats}");
        assert_eq!(stats["activeYouth"], 0, "{stats}");
        assert_fresh_median(&stats);
        assert_eq!(
            forum_line(&stats, "environment"),
            Some((1, 1, 2, 2)),
            "{stats}"
        );
        assert_eq!(
            forum_line(&stats, "transport"),
            Some((1, 0, 1, 0)),
            "{stats}"
        );
        assert_eq!(
            forum_line(&stats, "health-wellbeing"),
            Some((0, 0, 0, 0)),
            "{stats}"
        );
        assert_eq!(
            listed_slugs(&stats).len(),
            6,
            "the six themed forums: {stats}"
        );
        active_residents.push((label, stats));
    }

    // A past period, and every day up to yesterday: nothing.
    let (from, to) = PAST;
    for (from, to) in [
        (from.to_owned(), to.to_owned()),
        (from.to_owned(), (start - Duration::days(1)).to_string()),
    ] {
        assert_empty_report(&you_said_we_did(&app, None, None, &from, &to).await);
        assert_empty_report(&you_said_we_did(&app, None, Some(&environment), &from, &to).await);
        let stats = participation(&app, None, &from, &to).await;
        assert_nothing_counted(&stats);
        assert_eq!(listed_slugs(&stats).len(), 6, "{stats}");
    }

    // The author, the supporter and the one who started the discussion; never the drafter,
    // whoever asks (not even the drafter, who may list their own draft).
    for (label, stats) in active_residents {
        assert_eq!(stats["activeResidents"], 3, "as {label}: {stats}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_deciding_response_speaks_for_the_council_unless_a_clerk_hid_it() {
    let app = TestApp::spawn().await;
    let start = today();
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let author = app.resident().await;
    let resident = app.resident().await;
    let culture = app.forum_id("culture-heritage").await;
    let title = "Solar lights along the castle path";

    let lights = submitted(&app, &author, &clerk, &culture, title).await;
    let deferred_text = "We will look again in the spring.";
    let accepted_text = "We will fit solar lights along the path by March.";
    let deferred = decide(&app, &councillor, &lights, "DEFERRED", deferred_text).await;
    let accepted = decide(&app, &councillor, &lights, "ACCEPTED", accepted_text).await;

    // Decided twice, listed once, with the last decision.
    let report = you_said_we_did_since(&app, Some(&resident), None, start).await;
    assert_eq!(entry_ids(&report), [lights.as_str()], "{report}");
    assert_eq!(report["entries"][0]["youSaid"], title, "{report}");
    assert_eq!(report["entries"][0]["weDid"], accepted_text, "{report}");
    assert_eq!(report["entries"][0]["decision"], "ACCEPTED", "{report}");
    assert_eq!(report["entries"][0]["status"], "ACCEPTED", "{report}");

    // Hiding an earlier decision changes nothing: it is not the deciding one.
    assert!(app.hide(&clerk, &deferred).await);
    let report = you_said_we_did_since(&app, Some(&resident), None, start).await;
    assert_eq!(report["entries"][0]["weDid"], accepted_text, "{report}");

    // Hiding the deciding one: "[hidden]" to all but clerks; the entry stays.
    assert!(app.hide(&clerk, &accepted).await);
    for who in [None, Some(&resident), Some(&author), Some(&councillor)] {
        let report = you_said_we_did_since(&app, who, None, start).await;
        assert_eq!(entry_ids(&report), [lights.as_str()], "{report}");
        assert_eq!(report["entries"][0]["weDid"], "[hidden]", "{report}");
        assert_eq!(report["entries"][0]["youSaid"], title, "{report}");
        assert_eq!(report["entries"][0]["decision"], "ACCEPTED", "{report}");
        assert_eq!(report["proposalsDecided"], 1, "{report}");
    }
    let report = you_said_we_did_since(&app, Some(&clerk), None, start).await;
    assert_eq!(report["entries"][0]["weDid"], accepted_text, "{report}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn youth_forum_activity_counts_only_for_those_who_may_read_it() {
    let app = TestApp::spawn().await;
    let start = today();
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let resident = app.resident().await;
    let young_author = app.active_youth(&clerk).await;
    let young_friend = app.active_youth(&clerk).await;
    let youth_forum = app.forum_id("youth-environment").await;
    let title = "A youth café in the old library";
    let we_did = "We will open the youth café on Friday evenings.";

    let cafe = submitted(&app, &young_author, &clerk, &youth_forum, title).await;
    app.support(&young_friend, &cafe).await;
    app.add_comment(&young_friend, &cafe, None, "I would go every week.")
        .await;
    let decision = decide(&app, &councillor, &cafe, "ACCEPTED", we_did).await;
    app.add_comment(&young_author, &decision, None, "Thank you!")
        .await;
    let discussion = app
        .start_discussion(&young_friend, &youth_forum, "Music at the café")
        .await;
    app.add_comment(&young_author, str_at(&discussion, "id"), None, "Open mic?")
        .await;

    // Outside the youth circle: nothing of it, anywhere.
    for who in [None, Some(&resident)] {
        let report = you_said_we_did_since(&app, who, None, start).await;
        assert_empty_report(&report);
        let report = you_said_we_did_since(&app, who, Some(&youth_forum), start).await;
        assert_eq!(report["forum"]["slug"], "youth-environment", "{report}");
        assert_empty_report(&report);
        let stats = participation_since(&app, who, start).await;
        assert_nothing_counted(&stats);
        let slugs = listed_slugs(&stats);
        assert_eq!(slugs.len(), 6, "{stats}");
        assert!(
            slugs.iter().all(|s| !s.starts_with("youth-")),
            "no youth forum in byForum: {stats}"
        );
    }

    // Inside it: the decision, the figures, the youth forum's own line.
    for who in [&clerk, &councillor, &young_author] {
        let report = you_said_we_did_since(&app, Some(who), None, start).await;
        assert_eq!(entry_ids(&report), [cafe.as_str()], "{report}");
        assert_eq!(report["entries"][0]["youSaid"], title, "{report}");
        assert_eq!(report["entries"][0]["weDid"], we_did, "{report}");
        assert_eq!(report["entries"][0]["decision"], "ACCEPTED", "{report}");
        assert_eq!(report["proposalsReceived"], 1, "{report}");
        assert_fresh_median(&report);
        let report = you_said_we_did_since(&app, Some(who), Some(&youth_forum), start).await;
        assert_eq!(entry_ids(&report), [cafe.as_str()], "{report}");

        let stats = participation_since(&app, Some(who), start).await;
        assert_eq!(stats["proposals"], 1, "{stats}");
        assert_eq!(stats["supports"], 1, "{stats}");
        // On the proposal, on the council's response, on the discussion.
        assert_eq!(stats["comments"], 3, "{stats}");
        assert_eq!(stats["councilResponses"], 1, "{stats}");
        assert_eq!(
            stats["activeYouth"], 2,
            "the author and the friend: {stats}"
        );
        assert_eq!(stats["activeResidents"], 0, "{stats}");
        assert_fresh_median(&stats);
        assert_eq!(listed_slugs(&stats).len(), 12, "{stats}");
        assert_eq!(
            forum_line(&stats, "youth-environment"),
            Some((1, 1, 3, 1)),
            "{stats}"
        );
        assert_eq!(
            forum_line(&stats, "environment"),
            Some((0, 0, 0, 0)),
            "{stats}"
        );
    }

    // Still nothing in a past period, even for a clerk.
    let (from, to) = PAST;
    assert_empty_report(&you_said_we_did(&app, Some(&clerk), None, from, to).await);
    assert_nothing_counted(&participation(&app, Some(&clerk), from, to).await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forwarded_copy_and_its_decision_are_public() {
    let app = TestApp::spawn().await;
    let start = today();
    let clerk = app.clerk().await;
    let councillor = app.councillor().await;
    let young_author = app.active_youth(&clerk).await;
    let youth_forum = app.forum_id("youth-health-wellbeing").await;
    let themed = app.forum_id("health-wellbeing").await;
    let title = "Free swimming for under-18s in the summer";
    let we_did = "The pool budget cannot stretch to this, this year.";

    let original = app.open_proposal(&young_author, &youth_forum, title).await;
    let resp = app.try_forward(Some(&clerk), &original).await;
    let copy = str_at(&data_at(&resp, "forwardYouthProposal"), "id").to_owned();
    decide(&app, &councillor, &copy, "REJECTED", we_did).await;

    // Anyone: the copy, in the themed forum, with its decision.
    for forum in [None, Some(themed.as_str())] {
        let report = you_said_we_did_since(&app, None, forum, start).await;
        assert_eq!(entry_ids(&report), [copy.as_str()], "{report}");
        let entry = &report["entries"][0];
        assert_eq!(entry["youSaid"], title, "{report}");
        assert_eq!(entry["weDid"], we_did, "{report}");
        assert_eq!(entry["decision"], "REJECTED", "{report}");
        assert_eq!(entry["status"], "REJECTED", "{report}");
        assert_eq!(report["proposalsReceived"], 1, "{report}");
        assert_fresh_median(&report);
    }
    let stats = participation_since(&app, None, start).await;
    assert_eq!(stats["proposals"], 1, "the copy: {stats}");
    assert_eq!(stats["councilResponses"], 1, "{stats}");
    assert_eq!(
        forum_line(&stats, "health-wellbeing"),
        Some((1, 0, 0, 1)),
        "{stats}"
    );
    assert_eq!(
        forum_line(&stats, "youth-health-wellbeing"),
        None,
        "{stats}"
    );
    assert_fresh_median(&stats);

    // A clerk also sees the original in the youth forum; it never reached the council itself.
    let report = you_said_we_did_since(&app, Some(&clerk), None, start).await;
    assert_eq!(entry_ids(&report), [copy.as_str()], "{report}");
    assert_eq!(report["proposalsReceived"], 1, "{report}");
    let stats = participation_since(&app, Some(&clerk), start).await;
    assert_eq!(stats["proposals"], 2, "the original and the copy: {stats}");
    assert_eq!(stats["activeYouth"], 1, "one young person: {stats}");
    assert_eq!(
        forum_line(&stats, "health-wellbeing"),
        Some((1, 0, 0, 1)),
        "{stats}"
    );
    assert_eq!(
        forum_line(&stats, "youth-health-wellbeing"),
        Some((1, 0, 0, 0)),
        "{stats}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_period_that_ends_before_it_starts_or_an_unknown_forum_is_bad_input() {
    let app = TestApp::spawn().await;
    let (from, to) = ("2021-03-02", "2021-03-01");

    // Anonymous visitors may ask; one day (from = to) is a period.
    let report = you_said_we_did(&app, None, None, to, to).await;
    assert_empty_report(&report);
    assert_nothing_counted(&participation(&app, None, to, to).await);

    assert_bad_input(&try_you_said_we_did(&app, None, None, from, to).await, "to");
    assert_bad_input(&try_participation(&app, None, from, to).await, "to");
    let environment = app.forum_id("environment").await;
    assert_bad_input(
        &try_you_said_we_did(&app, None, Some(&environment), from, to).await,
        "to",
    );

    let (from, to) = PAST;
    for bad in [
        "not-an-id".to_owned(),
        global_id("Forum", 999_999),
        global_id("Proposal", 1),
    ] {
        let resp = try_you_said_we_did(&app, None, Some(&bad), from, to).await;
        assert_bad_input(&resp, "forumId");
    }
    // The ordinary case answers.
    let report =
        ok(&try_you_said_we_did(&app, None, Some(&environment), from, to).await)["youSaidWeDid"]
            .clone();
    assert_eq!(report["forum"]["slug"], "environment", "{report}");
}
