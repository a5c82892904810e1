//! The forums' meetings and the well-being goals in the demo town: each forum had two meetings
//! with minutes and has one coming, with attendees (the printed resident and youth member among
//! them, so signing in shows it); the proposals that reached the council and the strategy's
//! objectives carry the goals their theme serves. Attendees hear of published minutes.

use std::collections::BTreeSet;

use chrono::{TimeDelta, Timelike};
use entity::{
    MeetingStatus, NotificationKind, WellbeingGoal, meeting, meeting_attendee, meeting_proposal,
    objective_wellbeing_goal, proposal_wellbeing_goal,
};
use rand::Rng;
use sea_orm::{ActiveModelTrait, Set};

use super::{Pool, Town};
use crate::{
    error::AppResult,
    service::{demo::writer::insert_all, notifications::Notice},
};

/// The goals a theme serves, its own first.
fn theme_goals(slug: &str) -> [WellbeingGoal; 2] {
    use WellbeingGoal::*;
    match slug {
        "environment" => [Resilient, GloballyResponsible],
        "transport" => [CohesiveCommunities, Prosperous],
        "health-wellbeing" => [Healthier, MoreEqual],
        "community-safety" => [CohesiveCommunities, MoreEqual],
        "economy-tourism" => [Prosperous, VibrantCultureAndThrivingWelshLanguage],
        _ => [VibrantCultureAndThrivingWelshLanguage, CohesiveCommunities],
    }
}

/// The printed resident's and youth member's places in `people`.
const DEMO_RESIDENT: usize = 2;
const DEMO_YOUTH: usize = 3;

impl Town<'_> {
    pub(super) async fn goals(&mut self) -> AppResult<()> {
        let mut tags = Vec::new();
        for (place, proposal_id, _) in self.linkable.clone() {
            if !self.chance(0.7) {
                continue;
            }
            let goals = theme_goals(self.places[place].theme.slug);
            let chosen = if self.chance(0.4) {
                &goals[..]
            } else {
                &goals[..1]
            };
            tags.extend(
                chosen
                    .iter()
                    .map(|goal| proposal_wellbeing_goal::ActiveModel {
                        proposal_id: Set(proposal_id),
                        goal: Set(*goal),
                    }),
            );
        }
        let objectives = self
            .objectives
            .iter()
            .flat_map(|(id, slug)| {
                theme_goals(slug)
                    .into_iter()
                    .map(|goal| objective_wellbeing_goal::ActiveModel {
                        objective_id: Set(*id),
                        goal: Set(goal),
                    })
            })
            .collect();
        let (txn, progress) = (self.txn, self.progress);
        insert_all(txn, progress, &mut self.counts, tags).await?;
        insert_all(txn, progress, &mut self.counts, objectives).await
    }

    pub(super) async fn meetings(&mut self) -> AppResult<()> {
        let mut attendees = Vec::new();
        let mut agendas = Vec::new();
        for place in 0..self.places.len() {
            let youth = self.places[place].youth;
            for weeks in [-8_i64, -4, 1 + place as i64 % 3] {
                let day = self.now + TimeDelta::weeks(weeks);
                let starts_at = day
                    .with_hour(18)
                    .and_then(|t| t.with_minute(0))
                    .and_then(|t| t.with_second(0))
                    .and_then(|t| t.with_nanosecond(0))
                    .unwrap_or(day);
                let held = starts_at < self.now;
                let theme = self.places[place].theme;
                let (title_en, title_cy) = self.one(theme.titles);
                let council = self.pick(Pool::Council, false, starts_at);
                let created_at = (starts_at - TimeDelta::days(21)).max(self.start);
                let mut people = BTreeSet::new();
                people.insert(if youth { DEMO_YOUTH } else { DEMO_RESIDENT });
                for _ in 0..self.rng.random_range(3..9) {
                    people.insert(self.pick(Pool::Speakers, youth, created_at));
                }
                let online = self.chance(0.5);
                let forum_kind = if youth { "Youth forum" } else { "Forum" };
                let forum_kind_cy = if youth { "Fforwm ieuenctid" } else { "Fforwm" };
                let row = meeting::ActiveModel {
                    forum_id: Set(self.places[place].id),
                    title_en: Set(format!("{forum_kind} meeting: {title_en}")),
                    title_cy: Set(format!("Cyfarfod {}: {title_cy}", forum_kind_cy.to_lowercase())),
                    agenda_en: Set(format!(
                        "1. Welcome and apologies\n2. {title_en}\n3. The proposals on the agenda\n4. Any other business"
                    )),
                    agenda_cy: Set(format!(
                        "1. Croeso ac ymddiheuriadau\n2. {title_cy}\n3. Y cynigion ar yr agenda\n4. Unrhyw fater arall"
                    )),
                    location: Set(if youth {
                        "Youth Centre, Park Avenue".to_string()
                    } else {
                        "Town Hall, Market Street".to_string()
                    }),
                    online_url: Set(online.then(|| {
                        format!("https://meet.example.org/fforwm-{}", self.places[place].id)
                    })),
                    starts_at: Set(starts_at),
                    ends_at: Set(starts_at + TimeDelta::minutes(90)),
                    capacity: Set((!held && self.chance(0.5)).then_some(40)),
                    status: Set(if held {
                        MeetingStatus::Held
                    } else {
                        MeetingStatus::Scheduled
                    }),
                    cancel_reason: Set(None),
                    minutes_en: Set(held.then(|| {
                        format!("We talked about {title_en}. The forum agreed to take the best ideas to the council.")
                    })),
                    minutes_cy: Set(held.then(|| {
                        format!("Buom yn trafod {title_cy}. Cytunodd y fforwm i fynd â'r syniadau gorau i'r cyngor.")
                    })),
                    sequence: Set(i32::from(held)),
                    attendee_count: Set(people.len() as i32),
                    created_by_id: Set(self.people[council].id),
                    created_at: Set(created_at),
                    updated_at: Set(if held {
                        starts_at + TimeDelta::days(2)
                    } else {
                        created_at
                    }),
                    ..Default::default()
                }
                .insert(self.txn)
                .await?;
                self.count("meetings", 1);
                let on_agenda: Vec<i32> = self
                    .linkable
                    .iter()
                    .filter(|(p, _, submitted)| *p == place && *submitted < created_at)
                    .map(|(_, id, _)| *id)
                    .take(2)
                    .collect();
                agendas.extend(
                    on_agenda
                        .into_iter()
                        .map(|id| meeting_proposal::ActiveModel {
                            meeting_id: Set(row.id),
                            proposal_id: Set(id),
                        }),
                );
                for person in people {
                    attendees.push(meeting_attendee::ActiveModel {
                        meeting_id: Set(row.id),
                        user_id: Set(self.people[person].id),
                        created_at: Set(created_at),
                    });
                    if held {
                        let notice = Notice {
                            meeting_id: Some(row.id),
                            subject: Some(row.title_en.clone()),
                            detail: Some(row.title_cy.clone()),
                            ..Notice::default()
                        };
                        self.notify(
                            starts_at + TimeDelta::days(2),
                            person,
                            Some(council),
                            NotificationKind::MinutesPublished,
                            notice,
                        );
                    }
                }
            }
        }
        let (txn, progress) = (self.txn, self.progress);
        insert_all(txn, progress, &mut self.counts, attendees).await?;
        insert_all(txn, progress, &mut self.counts, agendas).await
    }
}
