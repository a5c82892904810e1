//! The town's people: the fixed sign-in accounts, the council, residents and youth members
//! (some waiting for a clerk, a few suspended), and the forums they follow.

use chrono::{DateTime, Months, NaiveDate, TimeDelta, Utc};
use entity::{AccountStatus, Language, NotificationKind, Role, forum_member, user};
use rand::{Rng, seq::index};
use sea_orm::Set;

use super::{FIXED, Person, Pool, Town, lerp, merged, take, user_gid};
use crate::service::{
    audit::AuditAction,
    demo::{DEMO_DOMAIN, words},
    notifications::Notice,
};

impl Town<'_> {
    pub(super) fn people(&mut self) {
        struct Newcomer {
            email: String,
            name: String,
            role: Role,
            status: AccountStatus,
            created_at: DateTime<Utc>,
            approved_at: Option<DateTime<Utc>>,
            suspended_at: Option<DateTime<Utc>>,
            date_of_birth: Option<NaiveDate>,
        }
        let start = self.start;
        let now = self.now;
        let mut newcomers: Vec<Newcomer> = FIXED
            .iter()
            .map(|(local, name, role)| Newcomer {
                email: format!("{local}@{DEMO_DOMAIN}"),
                name: (*name).to_string(),
                role: *role,
                status: AccountStatus::Active,
                created_at: start,
                approved_at: (*role == Role::Youth).then_some(start),
                suspended_at: None,
                date_of_birth: None,
            })
            .collect();
        let sizes = self.sizes;
        let groups = [
            ("clerk", Role::Clerk, sizes.clerks),
            ("councillor", Role::Councillor, sizes.councillors),
            ("resident", Role::Resident, sizes.residents),
            ("youth", Role::Youth, sizes.youth),
        ];
        for (local, role, count) in groups {
            for n in 1..=count {
                let name = format!(
                    "{} {}",
                    self.one(&words::FIRST_NAMES),
                    self.one(&words::LAST_NAMES)
                );
                let mut newcomer = Newcomer {
                    email: format!("{local}{n}@{DEMO_DOMAIN}"),
                    name: if role == Role::Councillor {
                        format!("Cllr {name}")
                    } else {
                        name
                    },
                    role,
                    status: AccountStatus::Active,
                    created_at: start,
                    approved_at: None,
                    suspended_at: None,
                    date_of_birth: None,
                };
                let minute = TimeDelta::minutes(1);
                newcomer.created_at = match role {
                    Role::Clerk | Role::Councillor => {
                        lerp(start + minute, start + TimeDelta::days(2), self.unit())
                    }
                    // Most joined when the forums opened; the rest over the months since.
                    _ if self.chance(0.7) => {
                        lerp(start + minute, start + TimeDelta::days(10), self.unit())
                    }
                    _ => lerp(
                        start + TimeDelta::days(10),
                        now - TimeDelta::days(2),
                        self.unit(),
                    ),
                };
                if role == Role::Youth {
                    if self.chance(0.15) {
                        // Waiting for a clerk: registered in the last month.
                        newcomer.status = AccountStatus::Pending;
                        newcomer.created_at =
                            lerp(now - TimeDelta::days(30), now, self.unit() * 0.99);
                    } else {
                        let hours = self.rng.random_range(1..72);
                        newcomer.approved_at =
                            Some((newcomer.created_at + TimeDelta::hours(hours)).min(now));
                    }
                } else if role == Role::Resident && self.chance(0.005) {
                    newcomer.status = AccountStatus::Suspended;
                    newcomer.suspended_at = Some(self.step(newcomer.created_at, 0.5, 0.9));
                }
                newcomers.push(newcomer);
            }
        }
        for newcomer in newcomers.iter_mut().filter(|n| n.role == Role::Youth) {
            // 15 to 24 years old now: 13 or more when the town's history began.
            let years = self.rng.random_range(15..=24);
            let days = self.rng.random_range(0..365);
            newcomer.date_of_birth = now
                .date_naive()
                .checked_sub_months(Months::new(years * 12))
                .map(|d| d - TimeDelta::days(days));
        }
        // Ids in order of joining, so that everyone who had joined by a moment is a prefix.
        newcomers.sort_by_key(|n| n.created_at);

        let mut members = Vec::new();
        for (index, newcomer) in newcomers.iter().enumerate() {
            let id = take(&mut self.next.user);
            let welsh = self.chance(0.3);
            self.people.push(Person {
                id,
                role: newcomer.role,
                welsh,
                created_at: newcomer.created_at,
            });
            let updated_at = newcomer
                .suspended_at
                .or(newcomer.approved_at)
                .unwrap_or(newcomer.created_at);
            self.pending.users.push(user::ActiveModel {
                id: Set(id),
                email: Set(Some(newcomer.email.clone())),
                display_name: Set(newcomer.name.clone()),
                password_hash: Set(Some(self.hash.clone())),
                role: Set(newcomer.role),
                status: Set(newcomer.status),
                preferred_language: Set(if welsh { Language::Cy } else { Language::En }),
                date_of_birth: Set(newcomer.date_of_birth),
                suspended_reason: Set(newcomer
                    .suspended_at
                    .map(|_| "Repeated abuse of other members.".to_string())),
                created_at: Set(newcomer.created_at),
                updated_at: Set(updated_at),
                deleted_at: Set(None),
            });
            let active = newcomer.status == AccountStatus::Active;
            match newcomer.role {
                Role::Resident if active => self.pools.members.push(index),
                Role::Youth if active => {
                    self.pools.members.push(index);
                    self.pools.youth.push(index);
                }
                Role::Councillor => self.pools.council.push(index),
                Role::Clerk => {
                    self.pools.council.push(index);
                    self.pools.clerks.push(index);
                }
                _ => {}
            }
            if let Some(at) = newcomer.approved_at.filter(|_| index >= FIXED.len()) {
                let clerk = self.pick(Pool::Clerks, false, at);
                self.audit(
                    at,
                    Some(clerk),
                    AuditAction::UserApproved,
                    Some(user_gid(id)),
                    None,
                );
                self.notify(
                    at,
                    index,
                    Some(clerk),
                    NotificationKind::AccountApproved,
                    Notice::default(),
                );
            }
            if let Some(at) = newcomer.suspended_at {
                let clerk = self.pick(Pool::Clerks, false, at);
                self.audit(
                    at,
                    Some(clerk),
                    AuditAction::UserSuspended,
                    Some(user_gid(id)),
                    Some("Repeated abuse of other members.".to_string()),
                );
            }
            if newcomer.status != AccountStatus::Pending {
                members.push((index, newcomer.role));
            }
        }
        self.pools.themed_speakers = merged(&self.pools.members, &self.pools.council);
        self.pools.youth_speakers = merged(&self.pools.youth, &self.pools.council);

        // Each follows the forums of the themes they care about.
        for (index, role) in members {
            let (youth_forums, themed_forums) = match role {
                Role::Resident => (0, self.rng.random_range(1..=3)),
                Role::Youth => (self.rng.random_range(1..=2), usize::from(self.chance(0.5))),
                _ => (0, 0),
            };
            let themed = self.themed_places.clone();
            let youth = self.youth_places.clone();
            for (places, count) in [(themed, themed_forums), (youth, youth_forums)] {
                let count = count.min(places.len());
                for chosen in index::sample(&mut self.rng, places.len(), count) {
                    let joined = self.step(self.people[index].created_at, 0.0, 0.01);
                    self.pending.forum_members.push(forum_member::ActiveModel {
                        forum_id: Set(self.places[places[chosen]].id),
                        user_id: Set(self.people[index].id),
                        joined_at: Set(joined),
                    });
                }
            }
        }
    }
}
