//! Comment threads on proposals, council responses and discussions, with replies, and the
//! reports and moderation some of them draw.

use chrono::{DateTime, TimeDelta, Utc};
use entity::{
    Alignment, CommentTargetKind, NotificationKind, ReportReason, ReportStatus, ReportTargetKind,
    comment, content_report, discussion,
};
use rand::Rng;
use sea_orm::Set;

use super::{DISCUSSION_COMMENT_SHARE, Pool, Town, lerp, take};
use crate::{
    ids::{CommentId, ReportId},
    service::audit::AuditAction,
    service::{
        demo::words::{self, say},
        notifications::Notice,
    },
};

/// A thread of comments to write: a target's top-level comments and their replies.
pub(super) struct Thread {
    pub(super) target: Target,
    pub(super) youth: bool,
    pub(super) opened: DateTime<Utc>,
    pub(super) count: usize,
    /// The proposal's or discussion's author, who often answers.
    pub(super) owner: usize,
    pub(super) owner_share: f64,
    /// How often a councillor or clerk speaks.
    pub(super) council_share: f64,
    /// Told of every top-level comment: a council response's author.
    pub(super) answered: Option<usize>,
    pub(super) subject: String,
    pub(super) proposal_id: Option<i32>,
}

#[derive(Clone, Copy)]
pub(super) enum Target {
    Proposal(i32),
    Discussion(i32),
    Response(i32),
}

impl Town<'_> {
    /// Writes a thread: top-level comments, then replies to them, each list oldest first by
    /// id. Returns the latest comment's time.
    pub(super) fn thread(&mut self, thread: &Thread) -> Option<DateTime<Utc>> {
        if thread.count == 0 {
            return None;
        }
        let replies = thread.count * 3 / 10;
        let mut tops: Vec<(DateTime<Utc>, usize)> = (0..thread.count - replies)
            .map(|_| {
                let share = self.unit().powf(1.5);
                let at = lerp(thread.opened, self.now, share);
                (at, self.speaker(thread, at))
            })
            .collect();
        tops.sort_by_key(|(at, _)| *at);
        let mut written: Vec<(i32, DateTime<Utc>, usize)> = Vec::with_capacity(tops.len());
        for (at, author) in tops {
            let id = self.comment(thread, None, author, at);
            if let Some(answered) = thread.answered {
                self.notify(
                    at,
                    answered,
                    Some(author),
                    NotificationKind::ReplyReceived,
                    self.reply_notice(thread, id),
                );
            }
            written.push((id, at, author));
        }
        let mut answers: Vec<(DateTime<Utc>, usize, usize)> = (0..replies)
            .map(|_| {
                let parent = self.rng.random_range(0..written.len());
                let share = self.unit().powi(2);
                let at = lerp(written[parent].1, self.now, share);
                (at, self.speaker(thread, at), parent)
            })
            .collect();
        answers.sort_by_key(|(at, _, _)| *at);
        let mut latest = written.iter().map(|(_, at, _)| *at).max();
        for (at, author, parent) in answers {
            let (parent_id, _, parent_author) = written[parent];
            let id = self.comment(thread, Some(parent_id), author, at);
            self.notify(
                at,
                parent_author,
                Some(author),
                NotificationKind::ReplyReceived,
                self.reply_notice(thread, id),
            );
            latest = latest.max(Some(at));
        }
        latest
    }

    fn speaker(&mut self, thread: &Thread, at: DateTime<Utc>) -> usize {
        if self.chance(thread.owner_share) {
            thread.owner
        } else if self.chance(thread.council_share) {
            self.pick(Pool::Council, thread.youth, at)
        } else {
            self.pick(Pool::Speakers, thread.youth, at)
        }
    }

    fn reply_notice(&self, thread: &Thread, comment_id: i32) -> Notice {
        Notice {
            proposal_id: thread.proposal_id,
            discussion_id: match thread.target {
                Target::Discussion(id) => Some(id),
                _ => None,
            },
            council_response_id: match thread.target {
                Target::Response(id) => Some(id),
                _ => None,
            },
            comment_id: Some(comment_id),
            subject: Some(thread.subject.clone()),
            ..Notice::default()
        }
    }

    fn comment(
        &mut self,
        thread: &Thread,
        parent: Option<i32>,
        author: usize,
        at: DateTime<Utc>,
    ) -> i32 {
        let id = take(&mut self.next.comment);
        let person = &self.people[author];
        let (role, author_id) = (person.role, person.id);
        let welsh = self.chance(if person.welsh { 0.9 } else { 0.05 });
        let text = match (role.is_council(), parent, thread.target) {
            (true, _, _) => self.one(&words::COUNCIL_COMMENTS),
            (false, Some(_), _) => self.one(&words::REPLIES),
            (false, None, Target::Response(_)) => self.one(&words::ANSWERS_TO_COUNCIL),
            (false, None, _) => self.one(&words::COMMENTS),
        };
        let deleted_at = self
            .chance(0.005)
            .then(|| lerp(at, self.now, 0.1 * self.rng.random::<f64>()));
        let edited_at = (deleted_at.is_none() && self.chance(0.03))
            .then(|| lerp(at, self.now, 0.01 * self.rng.random::<f64>()));
        let hidden_at = if deleted_at.is_none() && self.chance(0.003) {
            self.report(thread, id, author, at)
        } else {
            None
        };
        let (proposal_id, discussion_id, council_response_id, kind) = match thread.target {
            Target::Proposal(id) => (Some(id), None, None, CommentTargetKind::Proposal),
            Target::Discussion(id) => (None, Some(id), None, CommentTargetKind::Discussion),
            Target::Response(id) => (None, None, Some(id), CommentTargetKind::CouncilResponse),
        };
        self.pending.comments.push(comment::ActiveModel {
            id: Set(id),
            target_kind: Set(kind),
            proposal_id: Set(proposal_id),
            discussion_id: Set(discussion_id),
            council_response_id: Set(council_response_id),
            parent_id: Set(parent),
            author_id: Set(author_id),
            author_role: Set(role),
            from_council: Set(role.is_council()),
            body: Set(deleted_at.is_none().then(|| say(text, welsh).to_string())),
            created_at: Set(at),
            edited_at: Set(edited_at),
            deleted_at: Set(deleted_at),
            hidden_at: Set(hidden_at),
            alignment: Set(Alignment::Neutral),
            up_votes: Set(0),
            down_votes: Set(0),
            score: Set(0),
        });
        id
    }

    /// Someone reports a comment; a clerk hides it, dismisses the report, or has not got to
    /// it yet. Returns when it was hidden.
    fn report(
        &mut self,
        thread: &Thread,
        comment_id: i32,
        author: usize,
        at: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        let reported_at = self.step(at, 0.0, 0.05);
        let reporter = self.pick(Pool::Speakers, thread.youth, reported_at);
        if reporter == author {
            return None;
        }
        let reason = self.weighted(&[
            (ReportReason::Spam, 2),
            (ReportReason::Offensive, 3),
            (ReportReason::PersonalInformation, 2),
            (ReportReason::Safeguarding, if thread.youth { 3 } else { 1 }),
            (ReportReason::Other, 1),
        ]);
        let outcome = self.weighted(&[
            (ReportStatus::Resolved, 5),
            (ReportStatus::Dismissed, 2),
            (ReportStatus::Open, 3),
        ]);
        let id = take(&mut self.next.report);
        let closed = (outcome != ReportStatus::Open).then(|| self.step(reported_at, 0.0, 0.05));
        let clerk = closed.map(|at| self.pick(Pool::Clerks, false, at));
        let resolution = match outcome {
            ReportStatus::Resolved => Some(self.one(&words::HIDE_REASONS).to_string()),
            ReportStatus::Dismissed => Some("Nothing against the house rules.".to_string()),
            ReportStatus::Open => None,
        };
        let person = &self.people[reporter];
        self.pending.reports.push(content_report::ActiveModel {
            id: Set(id),
            target_kind: Set(ReportTargetKind::Comment),
            target_id: Set(comment_id),
            reason: Set(reason),
            details: Set(None),
            reporter_id: Set(person.id),
            reporter_role: Set(person.role),
            status: Set(outcome),
            priority: Set(i32::from(
                reason == ReportReason::Safeguarding && thread.youth,
            )),
            created_at: Set(reported_at),
            resolved_at: Set(closed),
            resolved_by_id: Set(clerk.map(|c| self.people[c].id)),
            resolution: Set(resolution.clone()),
        });
        let (Some(closed), Some(resolution)) = (closed, resolution) else {
            return None;
        };
        let action = if outcome == ReportStatus::Resolved {
            AuditAction::ReportResolved
        } else {
            AuditAction::ReportDismissed
        };
        self.audit(
            closed,
            clerk,
            action,
            Some(ReportId(id).to_global()),
            Some(resolution.clone()),
        );
        if outcome != ReportStatus::Resolved {
            return None;
        }
        self.audit(
            closed,
            clerk,
            AuditAction::ContentHidden,
            Some(CommentId(comment_id).to_global()),
            Some(resolution.clone()),
        );
        let notice = Notice {
            detail: Some(resolution),
            ..self.reply_notice(thread, comment_id)
        };
        let notice = Notice {
            council_response_id: None,
            ..notice
        };
        self.notify(
            closed,
            author,
            clerk,
            NotificationKind::ContentHidden,
            notice,
        );
        Some(closed)
    }

    pub(super) fn discussions(&mut self) {
        let mut started: Vec<(DateTime<Utc>, usize, usize)> = (0..self.sizes.discussions)
            .map(|_| {
                let youth = !self.youth_places.is_empty() && self.chance(0.15);
                let place = self.place(youth);
                let at = lerp(
                    self.start + TimeDelta::days(12),
                    self.now - TimeDelta::days(1),
                    self.unit(),
                );
                (at, place, self.pick(Pool::Writers, youth, at))
            })
            .collect();
        // Newest first by id, as the forum lists them.
        started.sort_by_key(|(at, _, _)| *at);
        let budget = self.sizes.comments as f64 * DISCUSSION_COMMENT_SHARE;
        let per_discussion = budget / started.len().max(1) as f64;
        for (at, place, author) in started {
            let id = take(&mut self.next.discussion);
            let youth = self.places[place].youth;
            let welsh = self.people[author].welsh;
            let title = say(self.one(&words::DISCUSSIONS), welsh).to_string();
            let body = [
                self.one(&words::CLOSING_SENTENCES),
                self.one(&words::CLOSING_SENTENCES),
            ]
            .map(|pair| say(pair, welsh))
            .join(" ");
            let expected = per_discussion * self.rng.random_range(0.2..1.8);
            let count = self.share_out(expected);
            let thread = Thread {
                target: Target::Discussion(id),
                youth,
                opened: at,
                count,
                owner: author,
                owner_share: 0.15,
                council_share: 0.04,
                answered: None,
                subject: title.clone(),
                proposal_id: None,
            };
            let last = self.thread(&thread).unwrap_or(at).max(at);
            let person = &self.people[author];
            self.pending.discussions.push(discussion::ActiveModel {
                id: Set(id),
                forum_id: Set(self.places[place].id),
                author_id: Set(person.id),
                author_role: Set(person.role),
                title: Set(title),
                body: Set(body),
                created_at: Set(at),
                last_activity_at: Set(last),
                hidden_at: Set(None),
            });
        }
    }
}
