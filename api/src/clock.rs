//! The one clock. Times are cut to whole microseconds, the precision PostgreSQL keeps, so a
//! value read back (or carried in a cursor) compares equal to the one written.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    now.duration_trunc(TimeDelta::microseconds(1))
        .unwrap_or(now)
}

/// A time as whole microseconds, for keyset cursors.
pub fn to_micros(at: DateTime<Utc>) -> i64 {
    at.timestamp_micros()
}

pub fn from_micros(micros: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_micros(micros)
}

/// The clock the mail sender keeps time by (digests at 07:00, retries, leases): the system
/// clock, moved on by an offset that tests set to reach tomorrow morning without waiting.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_micros: std::sync::Arc<std::sync::atomic::AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        let offset = self
            .offset_micros
            .load(std::sync::atomic::Ordering::Relaxed);
        now() + TimeDelta::microseconds(offset)
    }

    /// Moves this clock (and every copy of it) on by `by`.
    pub fn advance(&self, by: TimeDelta) {
        let micros = by.num_microseconds().unwrap_or(i64::MAX);
        self.offset_micros
            .fetch_add(micros, std::sync::atomic::Ordering::Relaxed);
    }
}
