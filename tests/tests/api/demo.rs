//! The demo town (`seed-demo`): a small one, seeded once, keeps every invariant the services
//! rely on, reads through the API like any other data, and seeding again adds nothing.

use std::collections::{BTreeMap, BTreeSet};

use api::service::demo::{self, DEMO_PASSWORD, Outcome, Previous, SeedOptions};
use chrono::{DateTime, Utc};
use entity::{
    Alignment, AmendmentStatus, CommentTargetKind, Decision, ForumKind, ProposalStatus,
    ResponseKind, Role, amendment, comment, comment_vote, council_response, forum, proposal,
    proposal_status_change, support, user,
};
use fforwm_tests::{TestApp, ok};
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder};
use serde_json::json;

const SCALE: f64 = 0.05;

#[tokio::test]
async fn demo_town() {
    let app = TestApp::spawn().await;
    let options = SeedOptions {
        scale: SCALE,
        ..SeedOptions::default()
    };
    let Outcome::Seeded(summary) = demo::seed(&app.db, &options).await.unwrap() else {
        panic!("an empty database is seeded");
    };
    assert_eq!(summary.rows, summary.counts.values().sum::<u64>());
    for table in [
        "users",
        "proposals",
        "supports",
        "comments",
        "comment_votes",
        "council_responses",
        "meetings",
        "meeting_attendees",
        "proposal_wellbeing_goals",
        "objective_wellbeing_goals",
    ] {
        assert!(summary.counts[table] > 0, "no {table}: {summary:?}");
    }

    check_rows(&app).await;
    read_through_the_api(&app).await;

    // Again: nothing added, and the scale it was seeded at is known.
    let users = user::Entity::find().count(&app.db).await.unwrap();
    let again = demo::seed(&app.db, &options).await.unwrap();
    assert!(
        matches!(
            again,
            Outcome::AlreadySeeded(Previous { scale: Some(s) }) if s == SCALE
        ),
        "{again:?}"
    );
    assert_eq!(user::Entity::find().count(&app.db).await.unwrap(), users);
}

async fn check_rows(app: &TestApp) {
    let db = &app.db;
    let now = Utc::now();
    let forums: BTreeMap<i32, forum::Model> = forum::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|f| (f.id, f))
        .collect();
    let users: BTreeMap<i32, user::Model> = user::Entity::find()
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    let proposals = proposal::Entity::find().all(db).await.unwrap();
    let supports = support::Entity::find().all(db).await.unwrap();
    let history = proposal_status_change::Entity::find()
        .order_by_asc(proposal_status_change::Column::Id)
        .all(db)
        .await
        .unwrap();
    let responses = council_response::Entity::find()
        .order_by_asc(council_response::Column::Id)
        .all(db)
        .await
        .unwrap();
    let comments = comment::Entity::find()
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await
        .unwrap();
    debate_rows(db, &comments).await;

    // People: every role, youth members both waiting and approved, with their birth dates.
    let kinds: BTreeSet<String> = users
        .values()
        .map(|u| format!("{:?} {:?}", u.role, u.status))
        .collect();
    for kind in [
        "Resident Active",
        "Youth Pending",
        "Youth Active",
        "Councillor Active",
        "Clerk Active",
    ] {
        assert!(kinds.contains(kind), "no {kind}: {kinds:?}");
    }
    for youth in users.values().filter(|u| u.role == Role::Youth) {
        let born = youth
            .date_of_birth
            .expect("youth members have a birth date");
        let age = (now.date_naive() - born).num_days() / 365;
        assert!((13..=25).contains(&age), "{youth:?}");
    }
    for account in demo::sign_in_accounts() {
        assert!(
            users
                .values()
                .any(|u| u.email.as_deref() == Some(account.0.as_str())),
            "{account:?}"
        );
    }

    // Every status, bilingual.
    let statuses: BTreeSet<String> = proposals
        .iter()
        .map(|p| format!("{:?}", p.status))
        .collect();
    assert_eq!(statuses.len(), 9, "{statuses:?}");
    let languages: BTreeSet<String> = proposals
        .iter()
        .map(|p| format!("{:?}", p.language))
        .collect();
    assert_eq!(languages.len(), 2);

    let mut supports_of: BTreeMap<i32, Vec<&support::Model>> = BTreeMap::new();
    for s in &supports {
        supports_of.entry(s.proposal_id).or_default().push(s);
    }
    let mut history_of: BTreeMap<i32, Vec<&proposal_status_change::Model>> = BTreeMap::new();
    for h in &history {
        history_of.entry(h.proposal_id).or_default().push(h);
    }
    let mut responses_of: BTreeMap<i32, Vec<&council_response::Model>> = BTreeMap::new();
    for r in &responses {
        responses_of.entry(r.proposal_id).or_default().push(r);
    }
    let response_proposal: BTreeMap<i32, i32> =
        responses.iter().map(|r| (r.id, r.proposal_id)).collect();
    let mut last_comment: BTreeMap<i32, DateTime<Utc>> = BTreeMap::new();
    for c in &comments {
        let on = c
            .proposal_id
            .or_else(|| c.council_response_id.map(|r| response_proposal[&r]));
        if let Some(p) = on {
            let last = last_comment.entry(p).or_insert(c.created_at);
            *last = (*last).max(c.created_at);
        }
    }

    let mut forwarded = 0;
    for p in &proposals {
        let forum = &forums[&p.forum_id];
        let author = &users[&p.author_id];
        assert_eq!(p.author_role, author.role, "{p:?}");
        let empty = Vec::new();
        let given = supports_of.get(&p.id).unwrap_or(&empty);
        assert_eq!(
            p.support_count as usize,
            given.len(),
            "support_count: {p:?}"
        );
        for s in given {
            let supporter = &users[&s.user_id];
            assert_ne!(s.user_id, p.author_id, "own support: {p:?}");
            assert_eq!(s.supporter_role, supporter.role);
            assert!(s.created_at >= p.published_at.unwrap() && s.created_at <= now);
            assert!(
                s.created_at >= supporter.created_at,
                "support before joining"
            );
            if forum.kind == ForumKind::YouthShadow {
                assert_eq!(supporter.role, Role::Youth, "youth forum: {p:?}");
            }
        }
        if forum.kind == ForumKind::YouthShadow {
            assert_eq!(p.author_role, Role::Youth, "{p:?}");
        }

        // The history starts at creation, chains, and ends at the status.
        let changes = &history_of[&p.id];
        assert_eq!(changes[0].from_status, None, "{p:?}");
        assert_eq!(changes.last().unwrap().to_status, p.status, "{p:?}");
        for pair in changes.windows(2) {
            assert_eq!(pair[1].from_status, Some(pair[0].to_status), "{p:?}");
            assert!(pair[1].at >= pair[0].at, "history in order: {p:?}");
        }
        assert!(p.version as usize >= changes.len(), "{p:?}");
        assert!(p.created_at <= p.updated_at && p.updated_at <= p.last_activity_at);
        assert!(p.last_activity_at <= now);
        for s in given {
            assert!(p.last_activity_at >= s.created_at, "{p:?}");
        }
        if let Some(at) = last_comment.get(&p.id) {
            assert!(p.last_activity_at >= *at, "{p:?}");
        }

        // Timestamps in the lifecycle's order, each one where its status says.
        use ProposalStatus::*;
        let reached = |status| changes.iter().any(|c| c.to_status == status);
        assert_eq!(
            p.published_at.is_some(),
            reached(Open) || p.forwarded_from_id.is_some()
        );
        assert_eq!(
            p.listed_at,
            p.published_at.unwrap_or(p.created_at),
            "listed_at: {p:?}"
        );
        assert_eq!(p.submitted_at.is_some(), reached(Submitted), "{p:?}");
        assert_eq!(
            p.decided_at.is_some(),
            reached(Accepted) || reached(Rejected) || reached(Deferred)
        );
        let chain = [
            Some(p.created_at),
            p.published_at,
            p.submitted_at,
            p.first_response_at,
            p.decided_at,
        ];
        let chain: Vec<DateTime<Utc>> = chain.into_iter().flatten().collect();
        assert!(chain.windows(2).all(|w| w[0] <= w[1]), "{p:?}");

        if let Some(original) = p.forwarded_from_id {
            forwarded += 1;
            let original = proposals.iter().find(|o| o.id == original).unwrap();
            assert_eq!(forums[&original.forum_id].shadow_of_id, Some(p.forum_id));
            assert_eq!(changes[0].to_status, Submitted);
            assert_eq!(changes[0].actor_role, Some(Role::Clerk));
        } else if let Some(submitted_at) = p.submitted_at {
            // Sent to the council by reaching the forum's threshold, at the support that did.
            let threshold = forum.support_threshold as usize;
            assert!(given.len() >= threshold, "below the threshold: {p:?}");
            let by = given
                .iter()
                .filter(|s| s.created_at <= submitted_at)
                .count();
            assert!(by >= threshold, "{p:?}");
            let submitted = changes.iter().find(|c| c.to_status == Submitted).unwrap();
            assert_eq!(submitted.actor_id, None, "{p:?}");
            assert_eq!(submitted.at, submitted_at);
        } else if p.status == Open {
            assert!(given.len() < forum.support_threshold as usize, "{p:?}");
        }

        // The council's answers match the status.
        let answers = responses_of.get(&p.id).cloned().unwrap_or_default();
        let decisions: Vec<Decision> = answers.iter().filter_map(|r| r.decision).collect();
        match p.status {
            Draft | Open | Withdrawn | Submitted => assert!(answers.is_empty(), "{p:?}"),
            UnderReview => assert!(!answers.is_empty() && decisions.is_empty(), "{p:?}"),
            Accepted | Implemented => assert_eq!(decisions.last(), Some(&Decision::Accepted)),
            Rejected => assert_eq!(decisions.last(), Some(&Decision::Rejected)),
            Deferred => assert_eq!(decisions.last(), Some(&Decision::Deferred)),
        }
        assert_eq!(
            p.first_response_at,
            answers.first().map(|r| r.created_at),
            "{p:?}"
        );
        if let Some(last) = answers.iter().rfind(|r| r.kind == ResponseKind::Decision) {
            assert_eq!(p.decided_at, Some(last.created_at), "{p:?}");
        }
        for r in &answers {
            assert!(users[&r.author_id].role.is_council(), "{r:?}");
            assert_eq!(r.decision.is_some(), r.kind == ResponseKind::Decision);
        }
    }
    assert!(forwarded > 0, "some youth proposals were forwarded");

    // Conversations: the council speaks as the council, replies stay on their target, and
    // youth forums hear only youth members and the council.
    let by_id: BTreeMap<i32, &comment::Model> = comments.iter().map(|c| (c.id, c)).collect();
    let forum_of_proposal: BTreeMap<i32, i32> =
        proposals.iter().map(|p| (p.id, p.forum_id)).collect();
    assert!(
        comments
            .iter()
            .any(|c| c.from_council && c.target_kind == CommentTargetKind::CouncilResponse)
    );
    assert!(comments.iter().any(|c| c.parent_id.is_some()));
    for c in &comments {
        let author = &users[&c.author_id];
        assert_eq!(c.author_role, author.role);
        assert_eq!(c.from_council, author.role.is_council());
        assert!(c.created_at >= author.created_at && c.created_at <= now);
        assert_eq!(c.body.is_none(), c.deleted_at.is_some());
        if let Some(parent) = c.parent_id {
            let parent = by_id[&parent];
            assert!(parent.id < c.id && parent.created_at <= c.created_at);
            assert_eq!(
                (
                    parent.proposal_id,
                    parent.discussion_id,
                    parent.council_response_id
                ),
                (c.proposal_id, c.discussion_id, c.council_response_id)
            );
        }
        let proposal = c
            .proposal_id
            .or_else(|| c.council_response_id.map(|r| response_proposal[&r]));
        if let Some(p) = proposal
            && forums[&forum_of_proposal[&p]].kind == ForumKind::YouthShadow
        {
            assert!(matches!(
                author.role,
                Role::Youth | Role::Councillor | Role::Clerk
            ));
        }
    }
}

async fn read_through_the_api(app: &TestApp) {
    let page = "query($slug: String!) { forum(slug: $slug) { proposals(first: 20) {
        totalCount nodes { id title author { displayName } supportCount viewerHasSupported
        councilResponses { kind decision author { displayName } } } } } }";
    let anonymous = app.gql(page, json!({ "slug": "environment" })).await;
    let nodes = ok(&anonymous)["forum"]["proposals"]["nodes"]
        .as_array()
        .unwrap()
        .clone();
    assert!(nodes.len() >= 5, "{anonymous}");

    // The four printed accounts sign in with the demo password.
    for (email, role) in demo::sign_in_accounts() {
        let session = app.login(&email, DEMO_PASSWORD).await;
        let me = app
            .gql_as(&session.token, "{ me { role status } }", json!({}))
            .await;
        assert_eq!(ok(&me)["me"]["status"], "ACTIVE");
        assert_eq!(
            ok(&me)["me"]["role"],
            format!("{role:?}").to_uppercase(),
            "{me}"
        );
        if role == Role::Resident {
            // Meetings: past ones with minutes, an upcoming one they attend; goals reported.
            let meetings = app
                .gql_as(
                    &session.token,
                    "{ forum(slug: \"environment\") {
                         upcoming: meetings { totalCount nodes { viewerIsAttending status } }
                         past: meetings(upcoming: false) { totalCount nodes { status minutes } } }
                       wellbeingGoals { goal } }",
                    json!({}),
                )
                .await;
            let forum = &ok(&meetings)["forum"];
            assert_eq!(
                forum["upcoming"]["nodes"][0]["viewerIsAttending"], true,
                "{meetings}"
            );
            assert_eq!(forum["past"]["totalCount"], 2, "{meetings}");
            assert_eq!(forum["past"]["nodes"][0]["status"], "HELD");
            assert!(forum["past"]["nodes"][0]["minutes"].is_string());
            let year_ago = (chrono::Utc::now() - chrono::Duration::days(600)).date_naive();
            let report = app
                .gql(
                    "query($from: Date!, $to: Date!) { wellbeingReport(from: $from, to: $to) { proposals objectives } }",
                    json!({ "from": year_ago.to_string(), "to": chrono::Utc::now().date_naive().to_string() }),
                )
                .await;
            let rows = ok(&report)["wellbeingReport"].as_array().unwrap().clone();
            assert!(
                rows.iter()
                    .map(|r| r["proposals"].as_i64().unwrap())
                    .sum::<i64>()
                    > 0,
                "{report}"
            );
            assert!(
                rows.iter()
                    .map(|r| r["objectives"].as_i64().unwrap())
                    .sum::<i64>()
                    > 0,
                "{report}"
            );
        }
        if role == Role::Youth {
            let youth_page = app
                .gql_as(&session.token, page, json!({ "slug": "youth-environment" }))
                .await;
            assert!(ok(&youth_page)["forum"]["proposals"]["totalCount"].as_i64() > Some(0));
        }
    }

    // The server goes on writing where the seed stopped (PostgreSQL's sequences moved on).
    let resident = app.resident().await;
    let forum = app.forum_id("transport").await;
    let created = app
        .gql_as(
            &resident.token,
            "mutation($f: ID!) { createProposal(input: { forumId: $f, title: \"A new bench\",
                body: \"By the bus stop.\" }) { id } }",
            json!({ "f": forum }),
        )
        .await;
    ok(&created);
}

/// Issue 13: sides only on top-level proposal comments; each comment's counts equal its votes,
/// none by its author, none on a deleted or hidden comment.
async fn debate_rows(db: &sea_orm::DatabaseConnection, comments: &[comment::Model]) {
    let votes = comment_vote::Entity::find().all(db).await.unwrap();
    let mut tally: BTreeMap<i32, (i32, i32)> = BTreeMap::new();
    for v in &votes {
        let entry = tally.entry(v.comment_id).or_default();
        match v.value {
            1 => entry.0 += 1,
            -1 => entry.1 += 1,
            other => panic!("a vote of {other}"),
        }
    }
    let mut sides = std::collections::HashSet::new();
    for c in comments {
        if c.alignment != Alignment::Neutral {
            assert!(c.parent_id.is_none() && c.proposal_id.is_some(), "{c:?}");
        }
        sides.insert(c.alignment);
        let (up, down) = tally.get(&c.id).copied().unwrap_or_default();
        assert_eq!(
            (c.up_votes, c.down_votes, c.score),
            (up, down, up - down),
            "{c:?}"
        );
        if up + down > 0 {
            assert!(c.deleted_at.is_none() && c.hidden_at.is_none(), "{c:?}");
        }
    }
    assert_eq!(sides.len(), 3, "{sides:?}");
    // Amendments: on OPEN proposals, by someone else, decided exactly when not pending.
    for a in amendment::Entity::find().all(db).await.unwrap() {
        let p = proposal::Entity::find_by_id(a.proposal_id)
            .one(db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(p.status, ProposalStatus::Open, "{a:?}");
        assert_ne!(p.author_id, a.author_id, "{a:?}");
        assert_eq!(
            a.decided_at.is_some(),
            a.status != AmendmentStatus::Pending,
            "{a:?}"
        );
    }
    for v in &votes {
        let c = comments.iter().find(|c| c.id == v.comment_id).unwrap();
        assert_ne!(c.author_id, v.user_id, "own vote: {c:?}");
    }
}
