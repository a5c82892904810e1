//! Forum meetings (RULES.md "Meetings"), the forums' offline channel: councillors and clerks
//! schedule, move, cancel and minute them; anyone ACTIVE who may see inside the forum says they
//! will come. A meeting is seen by whoever may see inside its forum (the youth wall holds), on
//! every path, through `Viewer::meeting_filter` and `Viewer::sees_forum_content`.
//!
//! Capacity is exact under any concurrency: an RSVP locks the meeting row (PostgreSQL; SQLite's
//! write transaction already excludes other writers) and counts in the same transaction, and the
//! database refuses an `attendee_count` above `capacity` besides.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use entity::{
    MeetingStatus, NotificationKind, forum, meeting, meeting_attendee, meeting_proposal, proposal,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
    sea_query::{Expr, ExprTrait, OnConflict},
};

use super::{
    events::{self, Outbox},
    input,
    notifications::{self, Notice},
    page::{Page, PageRequest, into_page},
    stats::Period,
};
use crate::{
    args,
    auth::{Actor, Viewer},
    clock,
    db::begin_write,
    error::{AppError, AppResult, Field},
    ids::{ForumId, MeetingId, ProposalId},
    state::AppState,
};

const TITLE: (usize, usize) = (5, 150);
/// Agendas and minutes.
const TEXT: (usize, usize) = (1, 20_000);
const LOCATION: (usize, usize) = (2, 200);
const ONLINE_URL_MAX: usize = 500;
const CAPACITY: (i32, i32) = (1, 10_000);
const MAX_HOURS: i64 = 12;
/// `meetings(from, to)`: at most this many days, so one request cannot ask for every meeting.
const MAX_PERIOD_DAYS: i64 = 366;
/// A forum's calendar feed starts this many days back, so recent changes still reach calendars.
pub const FEED_DAYS_BACK: i64 = 90;

/// A meeting the viewer may see, with its forum; `None` for one that does not exist for them.
pub async fn find_visible(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    id: MeetingId,
) -> AppResult<Option<(meeting::Model, forum::Model)>> {
    let found = meeting::Entity::find_by_id(id.0)
        .filter(viewer.meeting_filter())
        .one(conn)
        .await?;
    let Some(meeting) = found else {
        return Ok(None);
    };
    let forum = forum::Entity::find_by_id(meeting.forum_id)
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Some((meeting, forum)))
}

/// For mutations: the meeting, locked until the transaction ends (on PostgreSQL), or NOT_FOUND.
async fn find_for_update(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    id: MeetingId,
) -> AppResult<meeting::Model> {
    meeting::Entity::find_by_id(id.0)
        .filter(viewer.meeting_filter())
        .lock_exclusive()
        .one(conn)
        .await?
        .ok_or(AppError::NotFound)
}

fn title(field: Field, raw: &str) -> AppResult<String> {
    input::line(field, raw, TITLE.0, TITLE.1)
}

fn text(field: Field, raw: &str) -> AppResult<String> {
    input::text(field, raw, TEXT.0, TEXT.1)
}

fn location(raw: &str) -> AppResult<String> {
    input::line(Field::Location, raw, LOCATION.0, LOCATION.1)
}

/// An `https://` URL with a host, of at most 500 characters; never shown in calendar files.
fn online_url(raw: &str) -> AppResult<String> {
    let value = raw.trim();
    let refused = || {
        AppError::invalid_with(
            Field::OnlineUrl,
            "error-online-url",
            args!(max = ONLINE_URL_MAX),
        )
    };
    let host = value
        .get(..8)
        .filter(|scheme| scheme.eq_ignore_ascii_case("https://"))
        .map(|_| &value[8..])
        .ok_or_else(refused)?;
    let host = host.split(['/', '?', '#']).next().unwrap_or_default();
    if value.chars().count() > ONLINE_URL_MAX
        || host.is_empty()
        || value.chars().any(|c| c.is_control() || c.is_whitespace())
    {
        return Err(refused());
    }
    Ok(value.to_string())
}

fn capacity(value: i32) -> AppResult<i32> {
    if (CAPACITY.0..=CAPACITY.1).contains(&value) {
        Ok(value)
    } else {
        Err(AppError::invalid_with(
            Field::Capacity,
            "error-number-range",
            args!(min = CAPACITY.0, max = CAPACITY.1),
        ))
    }
}

/// `starts_at` not in the past; `ends_at` after it and at most 12 hours later.
fn check_times(
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    now: DateTime<Utc>,
    start_given: bool,
) -> AppResult<()> {
    if start_given && starts_at < now {
        return Err(AppError::invalid(Field::StartsAt, "error-meeting-in-past"));
    }
    if ends_at <= starts_at || ends_at - starts_at > TimeDelta::hours(MAX_HOURS) {
        return Err(AppError::invalid_with(
            Field::EndsAt,
            "error-meeting-end",
            args!(hours = MAX_HOURS),
        ));
    }
    Ok(())
}

/// The agenda's proposals: each once, of the meeting's forum, and seen by the scheduler.
async fn agenda(
    conn: &impl ConnectionTrait,
    viewer: &Viewer,
    forum_id: i32,
    ids: Vec<ProposalId>,
) -> AppResult<Vec<i32>> {
    let ids: BTreeSet<i32> = ids.into_iter().map(|id| id.0).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let found = proposal::Entity::find()
        .filter(proposal::Column::Id.is_in(ids.iter().copied()))
        .filter(proposal::Column::ForumId.eq(forum_id))
        .filter(viewer.proposal_filter())
        .count(conn)
        .await?;
    if found != ids.len() as u64 {
        return Err(AppError::invalid(
            Field::ProposalIds,
            "error-agenda-proposal",
        ));
    }
    Ok(ids.into_iter().collect())
}

async fn set_agenda(conn: &impl ConnectionTrait, meeting_id: i32, ids: &[i32]) -> AppResult<()> {
    meeting_proposal::Entity::delete_many()
        .filter(meeting_proposal::Column::MeetingId.eq(meeting_id))
        .exec(conn)
        .await?;
    if !ids.is_empty() {
        meeting_proposal::Entity::insert_many(ids.iter().map(|id| meeting_proposal::ActiveModel {
            meeting_id: Set(meeting_id),
            proposal_id: Set(*id),
        }))
        .exec_without_returning(conn)
        .await?;
    }
    Ok(())
}

async fn attendees(conn: &impl ConnectionTrait, meeting_id: i32) -> AppResult<Vec<i32>> {
    Ok(meeting_attendee::Entity::find()
        .select_only()
        .column(meeting_attendee::Column::UserId)
        .filter(meeting_attendee::Column::MeetingId.eq(meeting_id))
        .into_tuple()
        .all(conn)
        .await?)
}

/// What a meeting notification is about: the meeting, titled in both languages as it was then
/// (`subject` English, `detail` Welsh), so each recipient reads it in their own.
fn notice(meeting: &meeting::Model) -> Notice {
    Notice {
        meeting_id: Some(meeting.id),
        subject: Some(meeting.title_en.clone()),
        detail: Some(meeting.title_cy.clone()),
        ..Notice::default()
    }
}

/// MEETING_CHANGED to those who said they would come.
async fn tell_attendees_of_change(
    conn: &impl ConnectionTrait,
    outbox: &mut Outbox,
    actor: &Actor,
    meeting: &meeting::Model,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let people = attendees(conn, meeting.id).await?;
    tell(
        conn,
        outbox,
        NotificationKind::MeetingChanged,
        people,
        actor,
        meeting,
        now,
    )
    .await
}

async fn tell(
    conn: &impl ConnectionTrait,
    outbox: &mut Outbox,
    kind: NotificationKind,
    recipients: Vec<i32>,
    actor: &Actor,
    meeting: &meeting::Model,
    now: DateTime<Utc>,
) -> AppResult<()> {
    notifications::notify(
        conn,
        outbox,
        kind,
        recipients,
        Some(actor.id),
        &notice(meeting),
        now,
    )
    .await
}

pub struct NewMeeting {
    pub forum_id: ForumId,
    pub title_en: String,
    pub title_cy: String,
    pub agenda_en: String,
    pub agenda_cy: String,
    pub location: String,
    pub online_url: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: Option<i32>,
    pub proposal_ids: Vec<ProposalId>,
}

/// Councillors and clerks; the forum's members hear of it (MEETING_SCHEDULED).
pub async fn schedule(
    state: &AppState,
    viewer: &Viewer,
    new: NewMeeting,
) -> AppResult<meeting::Model> {
    let actor = viewer.require_council()?;
    let title_en = title(Field::TitleEn, &new.title_en)?;
    let title_cy = title(Field::TitleCy, &new.title_cy)?;
    let agenda_en = text(Field::AgendaEn, &new.agenda_en)?;
    let agenda_cy = text(Field::AgendaCy, &new.agenda_cy)?;
    let place = location(&new.location)?;
    let url = new.online_url.as_deref().map(online_url).transpose()?;
    let limit = new.capacity.map(capacity).transpose()?;
    let now = clock::now();
    check_times(new.starts_at, new.ends_at, now, true)?;
    let mut outbox = Outbox::default();
    let txn = begin_write(&state.db).await?;
    let forum = forum::Entity::find_by_id(new.forum_id.0)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::invalid(Field::ForumId, "error-no-such-forum"))?;
    if forum.archived_at.is_some() {
        return Err(AppError::forbidden("error-forum-archived"));
    }
    let agenda = agenda(&txn, viewer, forum.id, new.proposal_ids).await?;
    let meeting = meeting::ActiveModel {
        forum_id: Set(forum.id),
        title_en: Set(title_en),
        title_cy: Set(title_cy),
        agenda_en: Set(agenda_en),
        agenda_cy: Set(agenda_cy),
        location: Set(place),
        online_url: Set(url),
        starts_at: Set(new.starts_at),
        ends_at: Set(new.ends_at),
        capacity: Set(limit),
        status: Set(MeetingStatus::Scheduled),
        sequence: Set(0),
        attendee_count: Set(0),
        created_by_id: Set(actor.id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    set_agenda(&txn, meeting.id, &agenda).await?;
    let members = notifications::forum_members(&txn, forum.id).await?;
    tell(
        &txn,
        &mut outbox,
        NotificationKind::MeetingScheduled,
        members,
        actor,
        &meeting,
        now,
    )
    .await?;
    events::commit(state, txn, outbox).await?;
    Ok(meeting)
}

/// A change to a field: absent (unchanged), null (cleared) or a value.
#[derive(Debug, Clone, Default)]
pub enum Change<T> {
    #[default]
    Keep,
    Clear,
    Set(T),
}

#[derive(Default)]
pub struct MeetingChanges {
    pub title_en: Option<String>,
    pub title_cy: Option<String>,
    pub agenda_en: Option<String>,
    pub agenda_cy: Option<String>,
    pub location: Option<String>,
    pub online_url: Change<String>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub capacity: Change<i32>,
    pub proposal_ids: Option<Vec<ProposalId>>,
}

/// Councillors and clerks, SCHEDULED meetings only. Moving the start alone keeps the meeting's
/// length. A change of time or place adds one to `sequence` and tells the attendees.
pub async fn update(
    state: &AppState,
    viewer: &Viewer,
    id: MeetingId,
    changes: MeetingChanges,
) -> AppResult<meeting::Model> {
    let actor = viewer.require_council()?;
    let title_en = changes
        .title_en
        .map(|v| title(Field::TitleEn, &v))
        .transpose()?;
    let title_cy = changes
        .title_cy
        .map(|v| title(Field::TitleCy, &v))
        .transpose()?;
    let agenda_en = changes
        .agenda_en
        .map(|v| text(Field::AgendaEn, &v))
        .transpose()?;
    let agenda_cy = changes
        .agenda_cy
        .map(|v| text(Field::AgendaCy, &v))
        .transpose()?;
    let place = changes.location.map(|v| location(&v)).transpose()?;
    let url = match changes.online_url {
        Change::Keep => None,
        Change::Clear => Some(None),
        Change::Set(v) => Some(Some(online_url(&v)?)),
    };
    let limit = match changes.capacity {
        Change::Keep => None,
        Change::Clear => Some(None),
        Change::Set(v) => Some(Some(capacity(v)?)),
    };
    let now = clock::now();
    let mut outbox = Outbox::default();
    let txn = begin_write(&state.db).await?;
    let meeting = find_for_update(&txn, viewer, id).await?;
    if meeting.status != MeetingStatus::Scheduled {
        return Err(AppError::conflict("error-meeting-not-scheduled"));
    }
    let starts_at = changes.starts_at.unwrap_or(meeting.starts_at);
    let ends_at = changes
        .ends_at
        .unwrap_or(starts_at + (meeting.ends_at - meeting.starts_at));
    let moved_in_time = starts_at != meeting.starts_at || ends_at != meeting.ends_at;
    check_times(
        starts_at,
        ends_at,
        now,
        changes.starts_at.is_some() && starts_at != meeting.starts_at,
    )?;
    if let Some(Some(limit)) = limit
        && limit < meeting.attendee_count
    {
        return Err(AppError::invalid(
            Field::Capacity,
            "error-capacity-below-attendees",
        ));
    }
    let agenda = match changes.proposal_ids {
        Some(ids) => Some(agenda(&txn, viewer, meeting.forum_id, ids).await?),
        None => None,
    };
    let moved_place = place.as_ref().is_some_and(|p| *p != meeting.location)
        || url.as_ref().is_some_and(|u| *u != meeting.online_url);
    let moved = moved_in_time || moved_place;
    let mut active: meeting::ActiveModel = meeting.clone().into();
    if let Some(v) = title_en {
        active.title_en = Set(v);
    }
    if let Some(v) = title_cy {
        active.title_cy = Set(v);
    }
    if let Some(v) = agenda_en {
        active.agenda_en = Set(v);
    }
    if let Some(v) = agenda_cy {
        active.agenda_cy = Set(v);
    }
    if let Some(v) = place {
        active.location = Set(v);
    }
    if let Some(v) = url {
        active.online_url = Set(v);
    }
    if let Some(v) = limit {
        active.capacity = Set(v);
    }
    active.starts_at = Set(starts_at);
    active.ends_at = Set(ends_at);
    if moved {
        active.sequence = Set(meeting.sequence + 1);
    }
    active.updated_at = Set(now);
    let updated = active.update(&txn).await?;
    if let Some(agenda) = agenda {
        set_agenda(&txn, updated.id, &agenda).await?;
    }
    if moved {
        tell_attendees_of_change(&txn, &mut outbox, actor, &updated, now).await?;
    }
    events::commit(state, txn, outbox).await?;
    Ok(updated)
}

/// Councillors and clerks, SCHEDULED meetings only; it stays listed (and in calendars, so that
/// they remove it), and the attendees hear of it.
pub async fn cancel(
    state: &AppState,
    viewer: &Viewer,
    id: MeetingId,
    reason: &str,
) -> AppResult<meeting::Model> {
    let actor = viewer.require_council()?;
    let reason = input::note(Field::Reason, reason)?;
    let now = clock::now();
    let mut outbox = Outbox::default();
    let txn = begin_write(&state.db).await?;
    let meeting = find_for_update(&txn, viewer, id).await?;
    if meeting.status != MeetingStatus::Scheduled {
        return Err(AppError::conflict("error-meeting-not-scheduled"));
    }
    let sequence = meeting.sequence + 1;
    let mut active: meeting::ActiveModel = meeting.into();
    active.status = Set(MeetingStatus::Cancelled);
    active.cancel_reason = Set(Some(reason));
    active.sequence = Set(sequence);
    active.updated_at = Set(now);
    let cancelled = active.update(&txn).await?;
    tell_attendees_of_change(&txn, &mut outbox, actor, &cancelled, now).await?;
    events::commit(state, txn, outbox).await?;
    Ok(cancelled)
}

/// RSVP: an ACTIVE viewer who may see the meeting, while it is SCHEDULED and has not started.
/// Idempotent both ways; the attendee who would exceed the capacity gets CONFLICT.
pub async fn attend(
    state: &AppState,
    viewer: &Viewer,
    id: MeetingId,
    attending: bool,
) -> AppResult<meeting::Model> {
    let actor = viewer.require_active()?;
    let now = clock::now();
    let txn = begin_write(&state.db).await?;
    let meeting = find_for_update(&txn, viewer, id).await?;
    if meeting.status != MeetingStatus::Scheduled || meeting.starts_at <= now {
        return Err(AppError::conflict("error-meeting-closed"));
    }
    let already = meeting_attendee::Entity::find_by_id((meeting.id, actor.id))
        .one(&txn)
        .await?
        .is_some();
    let delta = match (attending, already) {
        (true, false) => {
            if meeting
                .capacity
                .is_some_and(|c| meeting.attendee_count >= c)
            {
                return Err(AppError::conflict("error-meeting-full"));
            }
            meeting_attendee::Entity::insert(meeting_attendee::ActiveModel {
                meeting_id: Set(meeting.id),
                user_id: Set(actor.id),
                created_at: Set(now),
            })
            .on_conflict(
                OnConflict::columns([
                    meeting_attendee::Column::MeetingId,
                    meeting_attendee::Column::UserId,
                ])
                .do_nothing()
                .to_owned(),
            )
            .exec_without_returning(&txn)
            .await?;
            1
        }
        (false, true) => {
            meeting_attendee::Entity::delete_by_id((meeting.id, actor.id))
                .exec(&txn)
                .await?;
            -1
        }
        _ => return Ok(meeting),
    };
    meeting::Entity::update_many()
        .col_expr(
            meeting::Column::AttendeeCount,
            Expr::col(meeting::Column::AttendeeCount).add(delta),
        )
        .filter(meeting::Column::Id.eq(meeting.id))
        .exec(&txn)
        .await?;
    let updated = meeting::Entity::find_by_id(meeting.id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    txn.commit().await?;
    Ok(updated)
}

/// Councillors and clerks, once a SCHEDULED meeting has started: it becomes HELD (a change of
/// status: `sequence` goes up), and its attendees and the forum's members hear of it.
pub async fn publish_minutes(
    state: &AppState,
    viewer: &Viewer,
    id: MeetingId,
    minutes_en: &str,
    minutes_cy: &str,
) -> AppResult<meeting::Model> {
    let actor = viewer.require_council()?;
    let minutes_en = text(Field::MinutesEn, minutes_en)?;
    let minutes_cy = text(Field::MinutesCy, minutes_cy)?;
    let now = clock::now();
    let mut outbox = Outbox::default();
    let txn = begin_write(&state.db).await?;
    let meeting = find_for_update(&txn, viewer, id).await?;
    if meeting.status != MeetingStatus::Scheduled {
        return Err(AppError::conflict("error-meeting-not-scheduled"));
    }
    if meeting.starts_at > now {
        return Err(AppError::conflict("error-meeting-not-started"));
    }
    let sequence = meeting.sequence + 1;
    let mut active: meeting::ActiveModel = meeting.into();
    active.status = Set(MeetingStatus::Held);
    active.minutes_en = Set(Some(minutes_en));
    active.minutes_cy = Set(Some(minutes_cy));
    active.sequence = Set(sequence);
    active.updated_at = Set(now);
    let held = active.update(&txn).await?;
    let mut people = attendees(&txn, held.id).await?;
    people.extend(notifications::forum_members(&txn, held.forum_id).await?);
    tell(
        &txn,
        &mut outbox,
        NotificationKind::MinutesPublished,
        people,
        actor,
        &held,
        now,
    )
    .await?;
    events::commit(state, txn, outbox).await?;
    Ok(held)
}

/// A forum's meetings: upcoming (starting after now, soonest first) or past (most recent
/// first), paged by (start, id). None for a forum whose inside the viewer may not see.
pub async fn of_forum(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    forum: &forum::Model,
    upcoming: bool,
    request: &PageRequest,
) -> AppResult<Page<meeting::Model>> {
    if !viewer.sees_forum_content(forum.kind) {
        return Ok(into_page(
            Vec::new(),
            request,
            request.counted.then_some(0),
            |_| Vec::new(),
        ));
    }
    let now = clock::now();
    let all = meeting::Entity::find().filter(meeting::Column::ForumId.eq(forum.id));
    let all = if upcoming {
        all.filter(meeting::Column::StartsAt.gt(now))
    } else {
        all.filter(meeting::Column::StartsAt.lte(now))
    };
    let total_count = request.count_of(db, &all).await?;
    let mut query = if upcoming {
        all.order_by_asc(meeting::Column::StartsAt)
            .order_by_asc(meeting::Column::Id)
    } else {
        all.order_by_desc(meeting::Column::StartsAt)
            .order_by_desc(meeting::Column::Id)
    };
    if let Some(after) = request.after.as_deref() {
        let [micros, id] = after else {
            return Err(AppError::invalid(Field::After, "error-bad-cursor"));
        };
        let at = clock::from_micros(*micros)
            .ok_or_else(|| AppError::invalid(Field::After, "error-bad-cursor"))?;
        let id =
            i32::try_from(*id).map_err(|_| AppError::invalid(Field::After, "error-bad-cursor"))?;
        query = query.filter(if upcoming {
            sea_orm::Condition::any()
                .add(meeting::Column::StartsAt.gt(at))
                .add(
                    sea_orm::Condition::all()
                        .add(meeting::Column::StartsAt.eq(at))
                        .add(meeting::Column::Id.gt(id)),
                )
        } else {
            sea_orm::Condition::any()
                .add(meeting::Column::StartsAt.lt(at))
                .add(
                    sea_orm::Condition::all()
                        .add(meeting::Column::StartsAt.eq(at))
                        .add(meeting::Column::Id.lt(id)),
                )
        });
    }
    let rows = query.limit(request.limit + 1).all(db).await?;
    Ok(into_page(rows, request, total_count, |m| {
        vec![clock::to_micros(m.starts_at), i64::from(m.id)]
    }))
}

/// Meetings of every forum the viewer may see that start in the period, soonest first.
pub async fn between(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    from: NaiveDate,
    to: NaiveDate,
) -> AppResult<Vec<meeting::Model>> {
    let period = Period::new(from, to)?;
    if (to - from).num_days() >= MAX_PERIOD_DAYS {
        return Err(AppError::invalid_with(
            Field::To,
            "error-period-too-long",
            args!(days = MAX_PERIOD_DAYS),
        ));
    }
    Ok(meeting::Entity::find()
        .filter(viewer.meeting_filter())
        .filter(meeting::Column::StartsAt.gte(period.start()))
        .filter(meeting::Column::StartsAt.lt(period.end()))
        .order_by_asc(meeting::Column::StartsAt)
        .order_by_asc(meeting::Column::Id)
        .all(db)
        .await?)
}

/// A forum's calendar feed: its meetings from 90 days ago on, cancelled ones included (so
/// calendars that subscribed remove them), soonest first. `None` for a forum that does not
/// exist or whose inside the viewer may not see.
pub async fn feed(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    slug: &str,
) -> AppResult<Option<(forum::Model, Vec<meeting::Model>)>> {
    let Some(forum) = forum::Entity::find()
        .filter(forum::Column::Slug.eq(slug))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if !viewer.sees_forum_content(forum.kind) {
        return Ok(None);
    }
    let since = clock::now() - TimeDelta::days(FEED_DAYS_BACK);
    let meetings = meeting::Entity::find()
        .filter(meeting::Column::ForumId.eq(forum.id))
        .filter(meeting::Column::StartsAt.gte(since))
        .order_by_asc(meeting::Column::StartsAt)
        .order_by_asc(meeting::Column::Id)
        .all(db)
        .await?;
    Ok(Some((forum, meetings)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn online_urls_are_https_with_a_host() {
        assert!(online_url("https://meet.example.org/abc?x=1").is_ok());
        assert!(online_url(" HTTPS://meet.example.org ").is_ok());
        for bad in [
            "http://meet.example.org",
            "https://",
            "https:///path",
            "javascript:alert(1)",
            "https://a b.org",
            "meet.example.org",
        ] {
            assert!(online_url(bad).is_err(), "{bad}");
        }
        let long = format!("https://example.org/{}", "a".repeat(500));
        assert!(online_url(&long).is_err());
    }
}
