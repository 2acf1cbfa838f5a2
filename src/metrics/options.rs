use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::GroupBy;
use crate::sla::calendar::Calendar;

/// How to group cases and measure durations.
///
/// The default is one group of all cases, wall-clock time, periods in UTC.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub struct KpiOptions<'a> {
    /// How cases are grouped.
    pub group_by: GroupBy,
    /// Wall-clock or business time.
    pub time: TimeBasis<'a>,
    /// The zone in which days, weeks and months begin.
    pub time_zone: Tz,
}

impl Default for KpiOptions<'_> {
    fn default() -> Self {
        Self {
            group_by: GroupBy::All,
            time: TimeBasis::WallClock,
            time_zone: Tz::UTC,
        }
    }
}

impl<'a> KpiOptions<'a> {
    /// Groups cases this way.
    #[must_use]
    pub fn group_by(mut self, group_by: GroupBy) -> Self {
        self.group_by = group_by;
        self
    }

    /// Measures durations in business time on `calendar`.
    #[must_use]
    pub fn business_time(mut self, calendar: &'a Calendar) -> Self {
        self.time = TimeBasis::Business(calendar);
        self
    }

    /// Begins days, weeks and months in `zone`.
    #[must_use]
    pub fn in_time_zone(mut self, zone: Tz) -> Self {
        self.time_zone = zone;
        self
    }
}

/// The clock durations are measured on.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum TimeBasis<'a> {
    /// Real time elapsed.
    WallClock,
    /// Business time on a calendar ([`Calendar::between`]): only working
    /// hours count.
    Business(&'a Calendar),
}

impl TimeBasis<'_> {
    /// Milliseconds from `from` to `to` (not before `from`), rounded down.
    pub(super) fn millis_between(self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        match self {
            // Each is within ±8.3e15 ms of the epoch, so the difference fits.
            Self::WallClock => to.timestamp_millis() - from.timestamp_millis(),
            Self::Business(calendar) => calendar.between(from, to).num_milliseconds(),
        }
    }
}
