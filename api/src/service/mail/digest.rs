//! Digests: DAILY at 07:00 Europe/London and WEEKLY on Monday at 07:00, across the clock
//! changes. Each holds the notifications since the last one that the recipient may still see,
//! and is not sent when there are none. A conditional update of `last_digest_at` makes one
//! server process the one that composes each digest.

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Europe::London;
use entity::{EmailFrequency, EmailKind, email_settings, notification, user};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, sea_query::Expr,
};

use super::{
    outbox,
    settings::{self, Settings},
};
use crate::{auth::Viewer, db::begin_write, error::AppResult};

const SEND_AT: NaiveTime = match NaiveTime::from_hms_opt(7, 0, 0) {
    Some(time) => time,
    None => panic!("07:00 is a time"),
};

/// The latest digest time at or before `now`: 07:00 in London on the latest day (the latest
/// Monday, weekly).
pub fn last_slot(now: DateTime<Utc>, frequency: EmailFrequency) -> DateTime<Utc> {
    let mut day = now.with_timezone(&London).date_naive();
    loop {
        let weekday_fits = frequency != EmailFrequency::Weekly || day.weekday() == Weekday::Mon;
        // 07:00 is never in a clock change's gap or overlap in the UK; `earliest` is for form.
        if weekday_fits
            && let Some(slot) = London
                .from_local_datetime(&day.and_time(SEND_AT))
                .earliest()
        {
            let slot = slot.with_timezone(&Utc);
            if slot <= now {
                return slot;
            }
        }
        match day.pred_opt() {
            Some(previous) => day = previous,
            None => return now,
        }
    }
}

fn period(frequency: EmailFrequency) -> Duration {
    match frequency {
        EmailFrequency::Weekly => Duration::weeks(1),
        _ => Duration::days(1),
    }
}

/// The notifications a digest for `account` from `since` to `until` holds: those they may see
/// now, of kinds they have not muted.
pub async fn contents(
    conn: &impl ConnectionTrait,
    account: &user::Model,
    settings: &Settings,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
) -> AppResult<Vec<notification::Model>> {
    let mut filter = Condition::all()
        .add(Viewer::of_account(account).notification_filter(account.id))
        .add(notification::Column::CreatedAt.gt(since))
        .add(notification::Column::CreatedAt.lte(until));
    if !settings.muted.is_empty() {
        filter = filter.add(notification::Column::Kind.is_not_in(settings.muted.clone()));
    }
    Ok(notification::Entity::find()
        .filter(filter)
        .order_by_asc(notification::Column::Id)
        .all(conn)
        .await?)
}

/// Queues every digest due at `now` that is not empty.
pub async fn compose_due(db: &DatabaseConnection, now: DateTime<Utc>) -> AppResult<()> {
    // Only verified addresses get email, and verifying makes the settings row. Whoever had a
    // digest (or its empty turn) since this morning's seven o'clock is not due, daily or weekly.
    let rows = email_settings::Entity::find()
        .filter(email_settings::Column::VerifiedEmail.is_not_null())
        .filter(
            Condition::any()
                .add(email_settings::Column::Frequency.is_null())
                .add(
                    email_settings::Column::Frequency
                        .is_in([EmailFrequency::Daily, EmailFrequency::Weekly]),
                ),
        )
        .filter(
            Condition::any()
                .add(email_settings::Column::LastDigestAt.is_null())
                .add(
                    email_settings::Column::LastDigestAt.lt(last_slot(now, EmailFrequency::Daily)),
                ),
        )
        .all(db)
        .await?;
    let accounts = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().map(|r| r.user_id)))
        .filter(user::Column::DeletedAt.is_null())
        .all(db)
        .await?;
    let all_settings = settings::of_accounts(db, &accounts).await?;
    for account in &accounts {
        let Some(settings) = all_settings.get(&account.id) else {
            continue;
        };
        let frequency = settings.frequency;
        if !settings.verified
            || !matches!(frequency, EmailFrequency::Daily | EmailFrequency::Weekly)
        {
            continue;
        }
        let slot = last_slot(now, frequency);
        if settings.last_digest_at.is_some_and(|last| last >= slot) {
            continue;
        }
        compose(db, account, settings, slot).await?;
    }
    Ok(())
}

async fn compose(
    db: &DatabaseConnection,
    account: &user::Model,
    settings: &Settings,
    slot: DateTime<Utc>,
) -> AppResult<()> {
    let txn = begin_write(db).await?;
    let previous = settings.last_digest_at;
    let mut claim = email_settings::Entity::update_many()
        .col_expr(email_settings::Column::LastDigestAt, Expr::value(slot))
        .filter(email_settings::Column::UserId.eq(account.id));
    claim = match previous {
        Some(previous) => claim.filter(email_settings::Column::LastDigestAt.eq(previous)),
        None => claim.filter(email_settings::Column::LastDigestAt.is_null()),
    };
    if claim.exec(&txn).await?.rows_affected == 0 {
        // Another server process composed it.
        return Ok(());
    }
    let since = previous.unwrap_or(slot - period(settings.frequency));
    if !contents(&txn, account, settings, since, slot)
        .await?
        .is_empty()
    {
        outbox::queue(&txn, account.id, EmailKind::Digest, slot, |email| {
            email.since = Set(Some(since));
            email.until = Set(Some(slot));
        })
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::TimeZone;

    use super::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn daily_digests_are_at_seven_in_london_in_summer_and_winter() {
        // Winter (GMT): 07:00 London is 07:00 UTC.
        assert_eq!(
            last_slot(utc(2026, 12, 2, 7, 30), EmailFrequency::Daily),
            utc(2026, 12, 2, 7, 0)
        );
        assert_eq!(
            last_slot(utc(2026, 12, 2, 6, 59), EmailFrequency::Daily),
            utc(2026, 12, 1, 7, 0)
        );
        // Summer (BST): 07:00 London is 06:00 UTC.
        assert_eq!(
            last_slot(utc(2026, 7, 1, 6, 30), EmailFrequency::Daily),
            utc(2026, 7, 1, 6, 0)
        );
        // The morning after the clocks go forward (29 March 2026).
        assert_eq!(
            last_slot(utc(2026, 3, 29, 12, 0), EmailFrequency::Daily),
            utc(2026, 3, 29, 6, 0)
        );
        assert_eq!(
            last_slot(utc(2026, 3, 29, 5, 0), EmailFrequency::Daily),
            utc(2026, 3, 28, 7, 0)
        );
        // And back (25 October 2026).
        assert_eq!(
            last_slot(utc(2026, 10, 25, 7, 0), EmailFrequency::Daily),
            utc(2026, 10, 25, 7, 0)
        );
    }

    #[test]
    fn weekly_digests_are_on_monday_morning() {
        // Wednesday 2 December 2026: the Monday before, 30 November.
        assert_eq!(
            last_slot(utc(2026, 12, 2, 12, 0), EmailFrequency::Weekly),
            utc(2026, 11, 30, 7, 0)
        );
        // Monday 7 December before seven: still the week before.
        assert_eq!(
            last_slot(utc(2026, 12, 7, 6, 0), EmailFrequency::Weekly),
            utc(2026, 11, 30, 7, 0)
        );
        assert_eq!(
            last_slot(utc(2026, 12, 7, 7, 0), EmailFrequency::Weekly),
            utc(2026, 12, 7, 7, 0)
        );
    }
}
