//! The demo town itself: its people, proposals through their whole lifecycle, supports, the
//! conversations, the council's answers, moderation, notifications and the community strategy.
//! Everything comes from one seeded RNG, so two runs at one scale make the same town (at
//! times relative to the moment it runs).
//!
//! Rows are written as the services would leave them: `support_count` equals the supports,
//! every status change has its history line and audit entry, a decision's response matches the
//! status, `listed_at`/`last_activity_at`/`version` move as `lifecycle::apply`, `support`,
//! `comments::add` and `responses::respond` move them, and nobody writes where the policy would
//! refuse them (youth forums: youth members; responses: councillors and clerks).

mod conversations;
mod people;
mod proposals;
mod strategy;

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use entity::{NotificationKind, Role, audit_entry};
use indicatif::ProgressBar;
use rand::{Rng, SeedableRng, rngs::StdRng};
use sea_orm::{DatabaseTransaction, Set};

use super::{
    words::Theme,
    writer::{Pending, insert_all},
};
use crate::{
    error::AppResult, ids::UserId, service::audit::AuditAction, service::notifications::Notice,
};

/// How much of everything, at a scale. Supports are not sized directly: they follow from the
/// status mix (about ten a proposal, since everything that reached the council has at least
/// the threshold's worth).
#[derive(Debug, Clone, Copy)]
pub struct Sizes {
    pub residents: usize,
    pub youth: usize,
    pub councillors: usize,
    pub clerks: usize,
    pub proposals: usize,
    pub comments: usize,
    pub discussions: usize,
}

impl Sizes {
    /// Scale 1 is a town of about 3,000 people with 5,000 proposals. The floors keep a tiny
    /// town able to carry a proposal to the council (25 supports by default).
    pub fn at(scale: f64) -> Self {
        let n = |base: f64, least: usize| ((base * scale).round() as usize).max(least);
        Self {
            residents: n(2_600.0, 60),
            youth: n(330.0, 50),
            councillors: n(14.0, 2),
            clerks: n(4.0, 1),
            proposals: n(5_000.0, 40),
            comments: n(20_000.0, 150),
            discussions: n(250.0, 6),
        }
    }

    /// Rows the town will have, roughly: the length of the progress bar.
    pub fn estimated_rows(&self) -> u64 {
        let people = self.residents + self.youth + self.councillors + self.clerks + 4;
        let proposals = self.proposals + self.proposals / 60;
        (people * 3 + proposals * 16 + self.comments * 13 / 10 + self.discussions) as u64
    }
}

/// Of all comments, those in discussions; the rest are on proposals and council responses.
const DISCUSSION_COMMENT_SHARE: f64 = 0.15;
/// The town's history: about 18 months.
const HISTORY_DAYS: i64 = 540;

/// The four accounts printed for signing in, first in the users table.
pub const FIXED: [(&str, &str, Role); 4] = [
    ("clerk", "Catrin Clerc", Role::Clerk),
    ("councillor", "Cllr Owain Parri", Role::Councillor),
    ("resident", "Rhian Preswylydd", Role::Resident),
    ("youth", "Deio Ieuenctid", Role::Youth),
];

/// A forum the town writes in.
pub struct Place {
    pub id: i32,
    pub youth: bool,
    pub threshold: usize,
    pub theme: &'static Theme,
    /// A youth shadow forum: the index of the themed forum it shadows.
    pub themed: Option<usize>,
}

struct Person {
    id: i32,
    role: Role,
    welsh: bool,
    created_at: DateTime<Utc>,
}

/// Who may do what, as indices into `people` in order of joining, so that the people who had
/// joined by a moment are a prefix.
#[derive(Default)]
struct Pools {
    /// Active residents and youth members: propose and support in themed forums.
    members: Vec<usize>,
    /// Active youth members: propose and support in youth forums.
    youth: Vec<usize>,
    council: Vec<usize>,
    clerks: Vec<usize>,
    /// Members and the council: comment in themed forums.
    themed_speakers: Vec<usize>,
    /// Youth members and the council: comment in youth forums.
    youth_speakers: Vec<usize>,
}

impl Pools {
    fn writers(&self, youth: bool) -> &[usize] {
        if youth { &self.youth } else { &self.members }
    }

    fn speakers(&self, youth: bool) -> &[usize] {
        if youth {
            &self.youth_speakers
        } else {
            &self.themed_speakers
        }
    }
}

#[derive(Default)]
struct NextIds {
    user: i32,
    discussion: i32,
    proposal: i32,
    response: i32,
    comment: i32,
    report: i32,
}

fn take(next: &mut i32) -> i32 {
    let id = *next;
    *next += 1;
    id
}

/// The first free id of each table whose ids the seed assigns itself.
pub struct FirstIds {
    pub user: i32,
    pub discussion: i32,
    pub proposal: i32,
    pub response: i32,
    pub comment: i32,
    pub report: i32,
}

struct AuditLine {
    at: DateTime<Utc>,
    actor: Option<i32>,
    action: AuditAction,
    subject: Option<String>,
    detail: Option<String>,
}

pub struct Town<'a> {
    txn: &'a DatabaseTransaction,
    progress: &'a ProgressBar,
    pub counts: BTreeMap<&'static str, u64>,
    rng: StdRng,
    now: DateTime<Utc>,
    start: DateTime<Utc>,
    hash: String,
    sizes: Sizes,
    scale: f64,
    places: Vec<Place>,
    themed_places: Vec<usize>,
    youth_places: Vec<usize>,
    people: Vec<Person>,
    pools: Pools,
    next: NextIds,
    pending: Pending,
    notices: Vec<(DateTime<Utc>, i32, NotificationKind, Notice)>,
    audits: Vec<AuditLine>,
    /// Proposals that reached the council, for the strategy's links: (place, id, submitted).
    linkable: Vec<(usize, i32, DateTime<Utc>)>,
}

impl<'a> Town<'a> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        txn: &'a DatabaseTransaction,
        progress: &'a ProgressBar,
        seed: u64,
        scale: f64,
        now: DateTime<Utc>,
        hash: String,
        places: Vec<Place>,
        first: FirstIds,
    ) -> Self {
        let themed_places = (0..places.len()).filter(|&i| !places[i].youth).collect();
        let youth_places = (0..places.len()).filter(|&i| places[i].youth).collect();
        Self {
            txn,
            progress,
            counts: BTreeMap::new(),
            rng: StdRng::seed_from_u64(seed),
            now,
            start: now - TimeDelta::days(HISTORY_DAYS),
            hash,
            sizes: Sizes::at(scale),
            scale,
            places,
            themed_places,
            youth_places,
            people: Vec::new(),
            pools: Pools::default(),
            next: NextIds {
                user: first.user,
                discussion: first.discussion,
                proposal: first.proposal,
                response: first.response,
                comment: first.comment,
                report: first.report,
            },
            pending: Pending::default(),
            notices: Vec::new(),
            audits: Vec::new(),
            linkable: Vec::new(),
        }
    }

    /// When the town's history begins: nothing in it is older.
    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }

    pub async fn build(&mut self) -> AppResult<()> {
        self.progress.set_message("people");
        self.people();
        self.flush().await?;
        self.progress.set_message("proposals");
        self.proposals().await?;
        self.progress.set_message("discussions");
        self.discussions();
        self.flush().await?;
        // Follows and email (issue 14): the town's authors and supporters follow, as they would
        // have through the services.
        crate::service::follows::follow_own_and_supported(self.txn).await?;
        self.progress.set_message("strategy");
        self.strategy().await?;
        self.progress.set_message("notifications");
        self.write_notices_and_audit().await
    }

    async fn flush(&mut self) -> AppResult<()> {
        self.pending
            .flush(self.txn, self.progress, &mut self.counts)
            .await
    }

    // ------------------------------------------------------------------ randomness

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    fn unit(&mut self) -> f64 {
        self.rng.random::<f64>()
    }

    fn one<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.rng.random_range(0..items.len())]
    }

    fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut roll = self.rng.random_range(0..total.max(1));
        for (item, weight) in items {
            if roll < *weight {
                return *item;
            }
            roll -= weight;
        }
        items[items.len() - 1].0
    }

    /// A forum of the kind, at random.
    fn place(&mut self, youth: bool) -> usize {
        let places = if youth {
            &self.youth_places
        } else {
            &self.themed_places
        };
        places[self.rng.random_range(0..places.len())]
    }

    /// A moment between `from` and now, `share` of the way (random within the range).
    fn step(&mut self, from: DateTime<Utc>, low: f64, high: f64) -> DateTime<Utc> {
        let share = self.rng.random_range(low..high);
        lerp(from, self.now, share)
    }

    /// Comments for a weight: the expected number, rounded at random so the total is right.
    fn share_out(&mut self, expected: f64) -> usize {
        let whole = expected.floor();
        whole as usize + usize::from(self.chance(expected - whole))
    }

    /// Someone in `pool` who had joined by `at` (the fixed accounts, first in every pool,
    /// joined at the start).
    fn pick(&mut self, pool: Pool, youth: bool, at: DateTime<Utc>) -> usize {
        let joined = self.joined_by(pool, youth, at);
        let index = self.rng.random_range(0..joined.max(1));
        self.pool(pool, youth)
            .get(index)
            .copied()
            .unwrap_or_default()
    }

    fn pool(&self, pool: Pool, youth: bool) -> &[usize] {
        match pool {
            Pool::Writers => self.pools.writers(youth),
            Pool::Speakers => self.pools.speakers(youth),
            Pool::Council => &self.pools.council,
            Pool::Clerks => &self.pools.clerks,
        }
    }

    fn joined_by(&self, pool: Pool, youth: bool, at: DateTime<Utc>) -> usize {
        self.pool(pool, youth)
            .partition_point(|&p| self.people[p].created_at <= at)
    }

    fn responder(&mut self, at: DateTime<Utc>) -> usize {
        // The demo councillor (second account) answers often, so signing in as them shows it.
        if self.chance(0.15) {
            1
        } else {
            self.pick(Pool::Council, false, at)
        }
    }

    fn count(&mut self, table: &'static str, rows: u64) {
        *self.counts.entry(table).or_default() += rows;
        self.progress.inc(rows);
    }

    // ------------------------------------------------------------------ notices and audit

    /// A notification for `recipient`, unless they caused it themselves.
    fn notify(
        &mut self,
        at: DateTime<Utc>,
        recipient: usize,
        actor: Option<usize>,
        kind: NotificationKind,
        notice: Notice,
    ) {
        if actor == Some(recipient) {
            return;
        }
        self.notices
            .push((at, self.people[recipient].id, kind, notice));
    }

    fn audit(
        &mut self,
        at: DateTime<Utc>,
        actor: Option<usize>,
        action: AuditAction,
        subject: Option<String>,
        detail: Option<String>,
    ) {
        self.audits.push(AuditLine {
            at,
            actor: actor.map(|a| self.people[a].id),
            action,
            subject,
            detail,
        });
    }

    /// Both lists are read newest first by id: written oldest first. Older notifications
    /// have mostly been read.
    async fn write_notices_and_audit(&mut self) -> AppResult<()> {
        let mut notices = std::mem::take(&mut self.notices);
        notices.sort_by_key(|(at, ..)| *at);
        self.progress.inc_length(notices.len() as u64);
        let fortnight_ago = self.now - TimeDelta::days(14);
        let mut rows = Vec::with_capacity(notices.len());
        for (at, recipient_id, kind, notice) in notices {
            let read = self.chance(if at < fortnight_ago { 0.8 } else { 0.3 });
            let read_at = read.then(|| self.step(at, 0.0, 0.02));
            let mut row = notice.row(recipient_id, kind, at);
            row.read_at = Set(read_at);
            rows.push(row);
        }
        let (txn, progress) = (self.txn, self.progress);
        insert_all(txn, progress, &mut self.counts, rows).await?;

        let mut audits = std::mem::take(&mut self.audits);
        audits.sort_by_key(|line| line.at);
        self.progress.inc_length(audits.len() as u64);
        let rows = audits
            .into_iter()
            .map(|line| audit_entry::ActiveModel {
                actor_id: Set(line.actor),
                action: Set(line.action.as_str().to_string()),
                subject_id: Set(line.subject),
                detail: Set(line.detail),
                at: Set(line.at),
                ..Default::default()
            })
            .collect();
        insert_all(txn, progress, &mut self.counts, rows).await
    }
}

#[derive(Clone, Copy)]
enum Pool {
    Writers,
    Speakers,
    Council,
    Clerks,
}

/// `share` of the way from `from` to `to` (never past `to`).
fn lerp(from: DateTime<Utc>, to: DateTime<Utc>, share: f64) -> DateTime<Utc> {
    let span = (to - from).num_microseconds().unwrap_or(0).max(0);
    from + TimeDelta::microseconds((span as f64 * share.clamp(0.0, 1.0)) as i64)
}

/// Two lists of indices in increasing order, merged.
fn merged(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut all: Vec<usize> = a.iter().chain(b).copied().collect();
    all.sort_unstable();
    all.dedup();
    all
}

fn user_gid(id: i32) -> String {
    UserId(id).to_global()
}
