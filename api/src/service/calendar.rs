//! iCalendar files (RFC 5545) of forum meetings, built with the `icalendar` crate: one VEVENT per
//! meeting with a stable UID, DTSTAMP, UTC times, SEQUENCE and STATUS (a cancelled meeting stays,
//! CANCELLED, so that calendars that subscribed remove it), in the reader's language; the crate
//! writes CRLF line ends and folds lines at 75 octets. `onlineUrl` is never written: a calendar
//! file travels further than the people allowed to see the link.

use std::fmt::Write as _;

use entity::{Language, MeetingStatus, forum, meeting};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};
use sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};

use super::meetings;
use crate::{
    args,
    auth::Viewer,
    error::{AppError, AppResult},
    i18n::{self, pick},
    ids::MeetingId,
};

const PRODUCT: &str = "-//Fforwm//Forum meetings//EN";

/// A calendar file and its entity tag (a digest of the text, so an unchanged feed answers 304).
pub struct CalendarFile {
    pub text: String,
    pub etag: String,
}

/// The UID of a meeting's event: the same in every file and every language.
pub fn uid(meeting_id: i32) -> String {
    format!("meeting-{meeting_id}@fforwm")
}

fn event(meeting: &meeting::Model, language: Language) -> Event {
    let mut description = pick(language, &meeting.agenda_en, &meeting.agenda_cy).into_owned();
    if let Some(reason) = &meeting.cancel_reason {
        let cancelled = i18n::render(
            language,
            "calendar-cancelled",
            &args!(reason = reason.as_str()),
        );
        description = format!("{cancelled}\n\n{description}");
    }
    let status = match meeting.status {
        MeetingStatus::Cancelled => EventStatus::Cancelled,
        MeetingStatus::Scheduled | MeetingStatus::Held => EventStatus::Confirmed,
    };
    Event::new()
        .uid(&uid(meeting.id))
        // When this version of the event was written: the feed's text changes only with it.
        .timestamp(meeting.updated_at)
        .starts(meeting.starts_at)
        .ends(meeting.ends_at)
        .summary(&pick(language, &meeting.title_en, &meeting.title_cy))
        .description(&description)
        .location(&meeting.location)
        .status(status)
        .sequence(u32::try_from(meeting.sequence).unwrap_or_default())
        .done()
}

fn file(name: &str, meetings: &[meeting::Model], language: Language) -> CalendarFile {
    // Not `Calendar::new()`: it brings its own PRODID, and RFC 5545 allows exactly one.
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", PRODUCT))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        .name(name);
    for meeting in meetings {
        calendar.push(event(meeting, language));
    }
    let text = calendar.done().to_string();
    let digest = Sha256::digest(text.as_bytes());
    let mut etag = String::from("\"");
    for byte in &digest[..16] {
        let _ = write!(etag, "{byte:02x}");
    }
    etag.push('"');
    CalendarFile { text, etag }
}

/// A forum's feed: its meetings from 90 days ago on. NOT_FOUND for a forum that does not exist
/// or whose inside the viewer may not see (a youth forum without a token that may).
pub async fn forum_feed(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    slug: &str,
    language: Language,
) -> AppResult<CalendarFile> {
    let (forum, meetings): (forum::Model, Vec<meeting::Model>) = meetings::feed(db, viewer, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let name = i18n::render(
        language,
        "calendar-forum-name",
        &args!(name = pick(language, &forum.name_en, &forum.name_cy).as_ref()),
    );
    Ok(file(&name, &meetings, language))
}

/// One meeting's file, under the same visibility as `meeting(id)`.
pub async fn meeting_file(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: MeetingId,
    language: Language,
) -> AppResult<CalendarFile> {
    let (meeting, _) = meetings::find_visible(db, viewer, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let name = pick(language, &meeting.title_en, &meeting.title_cy).into_owned();
    Ok(file(&name, std::slice::from_ref(&meeting), language))
}
