//! Proposals, planned from DRAFT to where they end up, then written with their history,
//! supports, the council's responses and the conversations on them.

use std::collections::BTreeSet;

use chrono::{DateTime, TimeDelta, Utc};
use entity::{
    AmendmentStatus, Decision, Language, NotificationKind, ProposalStatus, ResponseKind, amendment,
    council_response, proposal, proposal_status_change, search, support,
};
use rand::{Rng, seq::index};
use sea_orm::{ActiveEnum, Set};

use super::{
    DISCUSSION_COMMENT_SHARE, Pool, Town,
    conversations::{Target, Thread},
    lerp, take,
};
use crate::{
    error::AppResult,
    ids::ProposalId,
    service::audit::AuditAction,
    service::{
        demo::words::{self, say},
        notifications::Notice,
    },
};

/// The proposals' final statuses, in parts per hundred.
const STATUS_MIX: [(ProposalStatus, u32); 9] = [
    (ProposalStatus::Draft, 6),
    (ProposalStatus::Withdrawn, 4),
    (ProposalStatus::Open, 62),
    (ProposalStatus::Submitted, 4),
    (ProposalStatus::UnderReview, 6),
    (ProposalStatus::Accepted, 5),
    (ProposalStatus::Rejected, 5),
    (ProposalStatus::Deferred, 3),
    (ProposalStatus::Implemented, 5),
];

/// Where forwarded youth proposals end up.
const FORWARDED_MIX: [(ProposalStatus, u32); 6] = [
    (ProposalStatus::Submitted, 20),
    (ProposalStatus::UnderReview, 30),
    (ProposalStatus::Accepted, 20),
    (ProposalStatus::Rejected, 10),
    (ProposalStatus::Deferred, 10),
    (ProposalStatus::Implemented, 10),
];

const YOUTH_SHARE: f64 = 0.12;
const FORWARD_SHARE: f64 = 0.4;

struct Move {
    from: Option<ProposalStatus>,
    to: ProposalStatus,
    at: DateTime<Utc>,
    actor: Option<usize>,
    note: Option<String>,
}

struct PlannedResponse {
    author: usize,
    kind: ResponseKind,
    decision: Option<Decision>,
    at: DateTime<Utc>,
    body: String,
    weight: f64,
}

/// Supports given between two moments; the last one at `to` when it reached the threshold.
struct Wave {
    count: usize,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    last_at_end: bool,
}

/// One proposal's whole life, decided before any row is written (so that the comments can
/// be shared out by how much attention each proposal drew).
struct Plan {
    id: i32,
    place: usize,
    author: usize,
    welsh: bool,
    title: String,
    body: String,
    created_at: DateTime<Utc>,
    published_at: Option<DateTime<Utc>>,
    submitted_at: Option<DateTime<Utc>>,
    first_response_at: Option<DateTime<Utc>>,
    decided_at: Option<DateTime<Utc>>,
    moves: Vec<Move>,
    responses: Vec<PlannedResponse>,
    waves: Vec<Wave>,
    edits: Vec<DateTime<Utc>>,
    forwarded_from: Option<i32>,
    hidden: Option<(DateTime<Utc>, usize)>,
    weight: f64,
}

impl Plan {
    fn status(&self) -> ProposalStatus {
        self.moves.last().map_or(ProposalStatus::Draft, |m| m.to)
    }

    fn planned_supports(&self) -> usize {
        self.waves.iter().map(|w| w.count).sum()
    }
}

/// Proposals written and flushed together.
const BLOCK: usize = 500;

impl Town<'_> {
    /// Plans every proposal's life, then writes them a block at a time, sharing the
    /// proposals' part of the comments out by how much attention each drew.
    pub(super) async fn proposals(&mut self) -> AppResult<()> {
        let plans = self.plan_proposals();
        let comment_budget = self.sizes.comments as f64 * (1.0 - DISCUSSION_COMMENT_SHARE);
        let total_weight: f64 = plans
            .iter()
            .map(|p| p.weight + p.responses.iter().map(|r| r.weight).sum::<f64>())
            .sum();
        let per_weight = comment_budget / total_weight.max(1.0);
        let mut plans = plans.into_iter().peekable();
        while plans.peek().is_some() {
            for plan in plans.by_ref().take(BLOCK) {
                self.write_proposal(plan, per_weight);
            }
            self.flush().await?;
        }
        Ok(())
    }

    fn plan_proposals(&mut self) -> Vec<Plan> {
        let mut plans = Vec::with_capacity(self.sizes.proposals + self.sizes.proposals / 20);
        for n in 0..self.sizes.proposals {
            let plan = self.plan_proposal(n);
            let copy = self.plan_forward(&plan);
            plans.push(plan);
            plans.extend(copy);
        }
        plans
    }

    fn plan_proposal(&mut self, n: usize) -> Plan {
        let youth = !self.youth_places.is_empty() && self.chance(YOUTH_SHARE);
        let place = self.place(youth);
        let target = self.weighted(&STATUS_MIX);
        let (after_start, before_now) = created_window(target);
        let created = lerp(self.start + after_start, self.now - before_now, self.unit());
        // The demo resident (third account) and youth member (fourth) write some, so signing
        // in as them shows their own proposals.
        let author = match (youth, n % 211) {
            (false, 7) => 2,
            (true, 3) => 3,
            _ => self.pick(Pool::Writers, youth, created),
        };
        let theme = self.places[place].theme;
        let welsh = self.chance(if self.people[author].welsh { 0.85 } else { 0.1 });
        let title = format!(
            "{} {}",
            say(self.one(theme.titles), welsh),
            say(self.one(&words::PLACES), welsh)
        );
        let body = [
            self.one(theme.sentences),
            self.one(&words::CLOSING_SENTENCES),
            self.one(&words::CLOSING_SENTENCES),
        ]
        .map(|pair| say(pair, welsh))
        .join(" ");
        let mut plan = Plan {
            id: take(&mut self.next.proposal),
            place,
            author,
            welsh,
            title,
            body,
            created_at: created,
            published_at: None,
            submitted_at: None,
            first_response_at: None,
            decided_at: None,
            moves: vec![Move {
                from: None,
                to: ProposalStatus::Draft,
                at: created,
                actor: Some(author),
                note: None,
            }],
            responses: Vec::new(),
            waves: Vec::new(),
            edits: Vec::new(),
            forwarded_from: None,
            hidden: None,
            weight: 0.0,
        };
        self.live(&mut plan, target);
        plan.weight = self.attention(&plan);
        plan
    }

    /// Walks the plan from DRAFT to `target`, as the services would move it.
    fn live(&mut self, plan: &mut Plan, target: ProposalStatus) {
        use ProposalStatus::*;
        let author = Some(plan.author);
        let created = plan.created_at;
        if target == Draft || (target == Withdrawn && self.chance(0.3)) {
            if self.chance(0.2) {
                let edit = self.step(created, 0.0, 0.04);
                plan.edits.push(edit);
            }
            if target == Withdrawn {
                let at = self.step(created, 0.05, 0.5);
                plan.moves.push(moved(Draft, Withdrawn, at, author, None));
            }
            return;
        }
        let minutes = self.rng.random_range(10..4_320);
        let published = (created + TimeDelta::minutes(minutes)).min(lerp(created, self.now, 0.5));
        plan.published_at = Some(published);
        plan.moves.push(moved(Draft, Open, published, author, None));
        if self.chance(0.15) {
            let edit = self.step(published, 0.0, 0.02);
            plan.edits.push(edit);
        }
        let threshold = self.places[plan.place].threshold;
        match target {
            Open => {
                let count = self.below_threshold(threshold);
                plan.waves.push(Wave {
                    count,
                    from: published,
                    to: self.now,
                    last_at_end: false,
                });
                if self.chance(0.004) {
                    let at = self.step(published, 0.05, 0.5);
                    let clerk = self.pick(Pool::Clerks, false, at);
                    plan.hidden = Some((at, clerk));
                }
                return;
            }
            Withdrawn => {
                let at = self.step(published, 0.1, 0.6);
                let count = self.below_threshold(threshold) / 2;
                plan.waves.push(Wave {
                    count,
                    from: published,
                    to: at,
                    last_at_end: false,
                });
                plan.moves.push(moved(Open, Withdrawn, at, author, None));
                return;
            }
            _ => {}
        }
        let submitted = self.step(published, 0.05, 0.35);
        let youth = self.places[plan.place].youth;
        let author_joined = usize::from(self.people[plan.author].created_at <= submitted);
        let supporters = self
            .joined_by(Pool::Writers, youth, submitted)
            .saturating_sub(author_joined);
        if supporters >= threshold {
            plan.waves.push(Wave {
                count: threshold,
                from: published,
                to: submitted,
                last_at_end: true,
            });
            let note = format!("{threshold} supports reached the forum's threshold");
            plan.moves
                .push(moved(Open, Submitted, submitted, None, Some(note)));
        } else {
            // Too few people in this town to reach the threshold: a clerk sends it on.
            let count = self.rng.random_range(0..=supporters.min(threshold - 1));
            plan.waves.push(Wave {
                count,
                from: published,
                to: submitted,
                last_at_end: false,
            });
            let clerk = self.pick(Pool::Clerks, false, submitted);
            let note = "Sent to the council by the clerk.".to_string();
            plan.moves
                .push(moved(Open, Submitted, submitted, Some(clerk), Some(note)));
        }
        plan.submitted_at = Some(submitted);
        let support_end = self.at_the_council(plan, submitted, target);
        let count = self.extra_supports();
        plan.waves.push(Wave {
            count,
            from: submitted,
            to: support_end,
            last_at_end: false,
        });
    }

    /// From SUBMITTED to `target`: the council's responses and decisions. Returns when
    /// supports stopped being taken (the first decision, or now).
    fn at_the_council(
        &mut self,
        plan: &mut Plan,
        submitted: DateTime<Utc>,
        target: ProposalStatus,
    ) -> DateTime<Utc> {
        use ProposalStatus::*;
        if target == Submitted {
            return self.now;
        }
        let mut at = self.step(submitted, 0.03, 0.2);
        let mut status = Submitted;
        let decides = matches!(target, Accepted | Rejected | Deferred | Implemented);
        // Some answers are decisions straight away; the others put it UNDER_REVIEW first.
        if !decides || self.chance(0.7) {
            let kind = self.weighted(&[
                (ResponseKind::Acknowledgement, 60),
                (ResponseKind::Question, 25),
                (ResponseKind::Update, 15),
            ]);
            let responder = self.respond(plan, at, kind, None);
            plan.moves
                .push(moved(Submitted, UnderReview, at, Some(responder), None));
            status = UnderReview;
            for _ in 0..self.rng.random_range(0..=2) {
                at = self.step(at, 0.05, 0.25);
                let kind = self.one(&[ResponseKind::Question, ResponseKind::Update]);
                self.respond(plan, at, kind, None);
            }
        }
        if !decides {
            return self.now;
        }
        let last = match target {
            Deferred => Decision::Deferred,
            Rejected => Decision::Rejected,
            _ => Decision::Accepted,
        };
        let decisions = if last != Decision::Deferred && self.chance(0.15) {
            vec![Decision::Deferred, last]
        } else {
            vec![last]
        };
        let mut support_end = None;
        for decision in decisions {
            at = self.step(at, 0.05, 0.3);
            support_end.get_or_insert(at);
            let responder = self.respond(plan, at, ResponseKind::Decision, Some(decision));
            let to = decided(decision);
            plan.moves
                .push(moved(status, to, at, Some(responder), None));
            plan.decided_at = Some(at);
            status = to;
        }
        if target != Rejected && self.chance(0.4) {
            at = self.step(at, 0.05, 0.3);
            self.respond(plan, at, ResponseKind::Update, None);
        }
        if target == Implemented {
            at = self.step(at, 0.1, 0.5);
            let clerk = self.pick(Pool::Clerks, false, at);
            let note = Some(words::IMPLEMENTED_NOTE.to_string());
            plan.moves
                .push(moved(Accepted, Implemented, at, Some(clerk), note));
        }
        support_end.unwrap_or(self.now)
    }

    fn respond(
        &mut self,
        plan: &mut Plan,
        at: DateTime<Utc>,
        kind: ResponseKind,
        decision: Option<Decision>,
    ) -> usize {
        let author = self.responder(at);
        let text = match (kind, decision) {
            (ResponseKind::Acknowledgement, _) => self.one(&words::ACKNOWLEDGEMENTS),
            (ResponseKind::Question, _) => self.one(&words::QUESTIONS),
            (ResponseKind::Update, _) => self.one(&words::UPDATES),
            (ResponseKind::Decision, Some(Decision::Rejected)) => words::REJECTED,
            (ResponseKind::Decision, Some(Decision::Deferred)) => words::DEFERRED,
            (ResponseKind::Decision, _) => words::ACCEPTED,
        };
        let weight = self.rng.random_range(0.5..1.5) * if decision.is_some() { 2.0 } else { 1.0 };
        plan.first_response_at.get_or_insert(at);
        plan.responses.push(PlannedResponse {
            author,
            kind,
            decision,
            at,
            body: words::bilingual(text),
            weight,
        });
        author
    }

    /// A youth proposal that reached the council may be forwarded by a clerk to the themed
    /// forum its youth forum shadows, as a SUBMITTED copy with a life of its own.
    fn plan_forward(&mut self, original: &Plan) -> Option<Plan> {
        let themed = self.places[original.place].themed?;
        let submitted = original.submitted_at?;
        if !self.chance(FORWARD_SHARE) {
            return None;
        }
        let at = self.step(submitted, 0.05, 0.4);
        let clerk = self.pick(Pool::Clerks, false, at);
        let mut copy = Plan {
            id: take(&mut self.next.proposal),
            place: themed,
            author: original.author,
            welsh: original.welsh,
            title: original.title.clone(),
            body: original.body.clone(),
            created_at: at,
            published_at: Some(at),
            submitted_at: Some(at),
            first_response_at: None,
            decided_at: None,
            moves: vec![Move {
                from: None,
                to: ProposalStatus::Submitted,
                at,
                actor: Some(clerk),
                note: None,
            }],
            responses: Vec::new(),
            waves: Vec::new(),
            edits: Vec::new(),
            forwarded_from: Some(original.id),
            hidden: None,
            weight: 0.0,
        };
        let target = self.weighted(&FORWARDED_MIX);
        let support_end = self.at_the_council(&mut copy, at, target);
        let count = self.extra_supports();
        copy.waves.push(Wave {
            count,
            from: at,
            to: support_end,
            last_at_end: false,
        });
        copy.weight = self.attention(&copy);
        Some(copy)
    }

    /// Most OPEN proposals have a handful of supports; a few come close to the threshold.
    fn below_threshold(&mut self, threshold: usize) -> usize {
        (threshold as f64 * self.unit().powi(6)) as usize
    }

    fn extra_supports(&mut self) -> usize {
        (self.unit().powi(2) * 10.0) as usize
    }

    /// How much conversation a proposal draws: more with supports, a lot for a few.
    fn attention(&mut self, plan: &Plan) -> f64 {
        if plan.published_at.is_none() {
            return 0.0;
        }
        let popular = if self.chance(0.03) { 5.0 } else { 1.0 };
        (1.0 + plan.planned_supports() as f64 / 4.0).powf(1.3)
            * self.rng.random_range(0.3..1.7)
            * popular
    }

    /// Someone else's amendment to an OPEN proposal: still waiting, declined or withdrawn (an
    /// accepted one would have changed the text the plan wrote). Issue 13.
    fn amendment(&mut self, plan: &Plan, youth: bool) {
        let from = plan.published_at.unwrap_or(plan.created_at);
        let at = self.step(from, 0.1, 0.9);
        let amender = self.pick(Pool::Writers, youth, at);
        let person = &self.people[amender];
        if amender == plan.author || person.role.is_council() {
            return;
        }
        let (author_id, author_role, welsh) = (person.id, person.role, person.welsh);
        let addition = say(self.one(&words::COMMENTS), welsh);
        let reason = say(self.one(&words::REPLIES), welsh);
        let status = self.weighted(&[
            (AmendmentStatus::Pending, 3),
            (AmendmentStatus::Rejected, 1),
            (AmendmentStatus::Withdrawn, 1),
        ]);
        let decided_at = (status != AmendmentStatus::Pending).then(|| self.step(at, 0.0, 0.3));
        self.pending.amendments.push(amendment::ActiveModel {
            proposal_id: Set(plan.id),
            author_id: Set(author_id),
            author_role: Set(author_role),
            title: Set(plan.title.clone()),
            body: Set(format!("{}\n\n{addition}", plan.body)),
            reason: Set(Some(reason.to_owned())),
            status: Set(status),
            rejection_reason: Set(None),
            created_at: Set(at),
            decided_at: Set(decided_at),
            ..Default::default()
        });
    }

    fn write_proposal(&mut self, plan: Plan, per_weight: f64) {
        let youth = self.places[plan.place].youth;
        let author = &self.people[plan.author];
        let (author_id, author_role) = (author.id, author.role);
        let mut last_activity = plan.created_at;
        for at in plan
            .moves
            .iter()
            .map(|m| m.at)
            .chain(plan.edits.iter().copied())
        {
            last_activity = last_activity.max(at);
        }
        let updated_at = last_activity;

        let mut supporters = BTreeSet::from([plan.author]);
        for wave in &plan.waves {
            if let Some(at) = self.supports(&plan, wave, youth, &mut supporters) {
                last_activity = last_activity.max(at);
            }
        }
        let support_count = supporters.len() - 1;

        let expected = plan.weight * per_weight;
        let count = self.share_out(expected);
        let thread = Thread {
            target: Target::Proposal(plan.id),
            youth,
            opened: plan.published_at.unwrap_or(plan.created_at),
            count,
            owner: plan.author,
            owner_share: 0.15,
            council_share: 0.04,
            answered: None,
            subject: plan.title.clone(),
            proposal_id: Some(plan.id),
        };
        if let Some(at) = self.thread(&thread) {
            last_activity = last_activity.max(at);
        }
        for response in &plan.responses {
            let id = take(&mut self.next.response);
            let author = &self.people[response.author];
            self.pending.responses.push(council_response::ActiveModel {
                id: Set(id),
                proposal_id: Set(plan.id),
                author_id: Set(author.id),
                kind: Set(response.kind),
                decision: Set(response.decision),
                body: Set(response.body.clone()),
                revisions: Set(serde_json::json!([])),
                created_at: Set(response.at),
                edited_at: Set(None),
                hidden_at: Set(None),
            });
            self.notify(
                response.at,
                plan.author,
                Some(response.author),
                NotificationKind::CouncilResponded,
                Notice {
                    council_response_id: Some(id),
                    ..about(&plan)
                },
            );
            let count = self.share_out(response.weight * per_weight);
            let thread = Thread {
                target: Target::Response(id),
                youth,
                opened: response.at,
                count,
                owner: plan.author,
                owner_share: 0.4,
                council_share: 0.3,
                answered: Some(response.author),
                subject: plan.title.clone(),
                proposal_id: Some(plan.id),
            };
            if let Some(at) = self.thread(&thread) {
                last_activity = last_activity.max(at);
            }
        }
        if let Some(at) = plan.first_response_at {
            last_activity = last_activity.max(at);
        }

        let version = (plan.moves.len() + plan.edits.len()) as i32;
        let status = plan.status();
        let (search_title, search_text) = search::proposal_columns(&plan.title, &plan.body);
        self.pending.proposals.push(proposal::ActiveModel {
            id: Set(plan.id),
            forum_id: Set(self.places[plan.place].id),
            author_id: Set(author_id),
            author_role: Set(author_role),
            title: Set(plan.title.clone()),
            body: Set(plan.body.clone()),
            language: Set(if plan.welsh {
                Language::Cy
            } else {
                Language::En
            }),
            status: Set(status),
            version: Set(version),
            support_count: Set(support_count as i32),
            created_at: Set(plan.created_at),
            updated_at: Set(updated_at),
            listed_at: Set(plan.published_at.unwrap_or(plan.created_at)),
            last_activity_at: Set(last_activity),
            published_at: Set(plan.published_at),
            submitted_at: Set(plan.submitted_at),
            first_response_at: Set(plan.first_response_at),
            decided_at: Set(plan.decided_at),
            forwarded_from_id: Set(plan.forwarded_from),
            hidden_at: Set(plan.hidden.map(|(at, _)| at)),
            search_title: Set(search_title),
            search_text: Set(search_text),
        });
        self.history(&plan);
        if status == ProposalStatus::Open && plan.hidden.is_none() && self.chance(0.2) {
            self.amendment(&plan, youth);
        }
        if let Some((at, clerk)) = plan.hidden {
            let reason = self.one(&words::HIDE_REASONS).to_string();
            self.audit(
                at,
                Some(clerk),
                AuditAction::ContentHidden,
                Some(ProposalId(plan.id).to_global()),
                Some(reason.clone()),
            );
            self.notify(
                at,
                plan.author,
                Some(clerk),
                NotificationKind::ContentHidden,
                Notice {
                    detail: Some(reason),
                    ..about(&plan)
                },
            );
        }
        if let Some(submitted) = plan.submitted_at
            && status != ProposalStatus::Withdrawn
        {
            self.linkable.push((plan.place, plan.id, submitted));
        }
    }

    /// The status history, its audit entries and the author's notifications.
    fn history(&mut self, plan: &Plan) {
        for change in &plan.moves {
            let actor = change.actor.map(|a| &self.people[a]);
            self.pending
                .status_changes
                .push(proposal_status_change::ActiveModel {
                    proposal_id: Set(plan.id),
                    from_status: Set(change.from),
                    to_status: Set(change.to),
                    at: Set(change.at),
                    actor_id: Set(actor.map(|a| a.id)),
                    actor_role: Set(actor.map(|a| a.role)),
                    note: Set(change.note.clone()),
                    ..Default::default()
                });
            match (change.from, plan.forwarded_from) {
                (Some(from), _) => {
                    let moved = format!("{} -> {}", from.to_value(), change.to.to_value());
                    let detail = match &change.note {
                        Some(note) => format!("{moved}: {note}"),
                        None => moved,
                    };
                    self.audit(
                        change.at,
                        change.actor,
                        AuditAction::ProposalStatusChanged,
                        Some(ProposalId(plan.id).to_global()),
                        Some(detail),
                    );
                }
                (None, Some(original)) => self.audit(
                    change.at,
                    change.actor,
                    AuditAction::ProposalForwarded,
                    Some(ProposalId(original).to_global()),
                    Some(ProposalId(plan.id).to_global()),
                ),
                (None, None) => {}
            }
            // The author hears of every move but their own and publication.
            let tells_author = !matches!(change.to, ProposalStatus::Draft | ProposalStatus::Open);
            if tells_author {
                self.notify(
                    change.at,
                    plan.author,
                    change.actor,
                    NotificationKind::ProposalStatusChanged,
                    Notice {
                        status: Some(change.to),
                        ..about(plan)
                    },
                );
            }
        }
    }

    /// One wave of supports from people who had joined by then; returns the latest.
    fn supports(
        &mut self,
        plan: &Plan,
        wave: &Wave,
        youth: bool,
        chosen: &mut BTreeSet<usize>,
    ) -> Option<DateTime<Utc>> {
        if wave.count == 0 {
            return None;
        }
        let joined = self.joined_by(Pool::Writers, youth, wave.to);
        let wanted = (wave.count + chosen.len()).min(joined);
        let picked: Vec<usize> = index::sample(&mut self.rng, joined, wanted)
            .into_iter()
            .map(|i| self.pools.writers(youth)[i])
            .filter(|p| !chosen.contains(p))
            .take(wave.count)
            .collect();
        let mut given: Vec<(usize, DateTime<Utc>)> = picked
            .into_iter()
            .map(|p| {
                let from = wave.from.max(self.people[p].created_at);
                let share = self.unit().powf(1.5);
                (p, lerp(from, wave.to, share))
            })
            .collect();
        if wave.last_at_end
            && let Some(last) = given.iter_mut().max_by_key(|(_, at)| *at)
        {
            last.1 = wave.to;
        }
        let latest = given.iter().map(|(_, at)| *at).max();
        for (p, at) in given {
            chosen.insert(p);
            let person = &self.people[p];
            self.pending.supports.push(support::ActiveModel {
                proposal_id: Set(plan.id),
                user_id: Set(person.id),
                supporter_role: Set(person.role),
                created_at: Set(at),
            });
        }
        latest
    }
}

/// What a notification about a proposal carries.
fn about(plan: &Plan) -> Notice {
    Notice {
        proposal_id: Some(plan.id),
        subject: Some(plan.title.clone()),
        ..Notice::default()
    }
}

fn moved(
    from: ProposalStatus,
    to: ProposalStatus,
    at: DateTime<Utc>,
    actor: Option<usize>,
    note: Option<String>,
) -> Move {
    Move {
        from: Some(from),
        to,
        at,
        actor,
        note,
    }
}

fn decided(decision: Decision) -> ProposalStatus {
    match decision {
        Decision::Accepted => ProposalStatus::Accepted,
        Decision::Rejected => ProposalStatus::Rejected,
        Decision::Deferred => ProposalStatus::Deferred,
    }
}

/// When proposals that end in `target` were written: early enough for their story to fit.
fn created_window(target: ProposalStatus) -> (TimeDelta, TimeDelta) {
    use ProposalStatus::*;
    let days = TimeDelta::days;
    match target {
        Draft | Open => (days(12), TimeDelta::hours(1)),
        Withdrawn => (days(12), days(3)),
        Submitted | UnderReview => (days(20), days(20)),
        Accepted | Rejected | Deferred => (days(20), days(90)),
        Implemented => (days(20), days(180)),
    }
}
