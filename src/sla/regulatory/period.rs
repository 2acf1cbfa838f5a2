use chrono::{DateTime, Days, Months, NaiveDate, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, IntoStaticStr};

use super::add_us_business_days;

/// The unit a notification period is counted in.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    Display,
    EnumIter,
    IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum PeriodUnit {
    /// Wall-clock hours from the instant the clock starts; no time zone,
    /// no end-of-day rounding (GDPR's 72 hours).
    Hours,
    /// Calendar days, counted in the obligation's time zone from the day
    /// after the one the clock starts on; due at the end of the last day.
    CalendarDays,
    /// Calendar months: due at the end of the day with the same number
    /// `count` months later, or of that month's last day when it is
    /// shorter (31 January + 1 month ends on 28 or 29 February).
    CalendarMonths,
    /// US business days ([`is_us_business_day`](super::is_us_business_day)),
    /// counted from the day after the one the clock starts on; due at the
    /// end of the last one.
    UsBusinessDays,
}

impl PeriodUnit {
    /// The longest period allowed in this unit: ten years' worth.
    pub const fn max_count(self) -> u32 {
        match self {
            Self::Hours => 87_660,
            Self::CalendarDays => 3_653,
            Self::CalendarMonths => 120,
            Self::UsBusinessDays => 2_520,
        }
    }
}

/// How long a notification may take: a count of a [`PeriodUnit`], such as
/// 72 hours or one calendar month. Serialized as
/// `{"count": 72, "unit": "hours"}`.
///
/// Periods counted in days end at the end of the last day (24:00 local
/// time, written as 00:00 of the next day), following the rule of
/// Regulation (EEC, Euratom) No 1182/71, Art. 3(2): the day the clock starts
/// on does not count, and a period in months ends on the same date of the
/// last month, or on that month's last day.
///
/// ```
/// use casefile::sla::regulatory::Period;
/// use chrono_tz::Europe::Brussels;
///
/// let start = "2026-01-31T15:00:00Z".parse()?;
/// // End of 28 February in Brussels (UTC+1).
/// let due = Period::calendar_months(1).due(start, Brussels);
/// assert_eq!(due.to_rfc3339(), "2026-02-28T23:00:00+00:00");
/// # Ok::<(), chrono::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    /// How many units.
    pub count: u32,
    /// Which unit.
    pub unit: PeriodUnit,
}

impl Period {
    /// `count` wall-clock hours.
    pub const fn hours(count: u32) -> Self {
        Self::new(count, PeriodUnit::Hours)
    }

    /// `count` calendar days.
    pub const fn calendar_days(count: u32) -> Self {
        Self::new(count, PeriodUnit::CalendarDays)
    }

    /// `count` calendar months.
    pub const fn calendar_months(count: u32) -> Self {
        Self::new(count, PeriodUnit::CalendarMonths)
    }

    /// `count` US business days.
    pub const fn us_business_days(count: u32) -> Self {
        Self::new(count, PeriodUnit::UsBusinessDays)
    }

    const fn new(count: u32, unit: PeriodUnit) -> Self {
        Self { count, unit }
    }

    /// The instant a period that starts at `start` ends; day-based units
    /// are counted in `zone`. Saturates at the end of chrono's range.
    pub fn due(self, start: DateTime<Utc>, zone: Tz) -> DateTime<Utc> {
        let last_day = |days: fn(NaiveDate, u32) -> Option<NaiveDate>| {
            let local = start.with_timezone(&zone).date_naive();
            days(local, self.count).and_then(|day| end_of_day(day, zone))
        };
        let due = match self.unit {
            PeriodUnit::Hours => start.checked_add_signed(TimeDelta::hours(self.count.into())),
            PeriodUnit::CalendarDays => last_day(|d, n| d.checked_add_days(Days::new(n.into()))),
            PeriodUnit::CalendarMonths => last_day(|d, n| d.checked_add_months(Months::new(n))),
            PeriodUnit::UsBusinessDays => last_day(add_us_business_days),
        };
        due.unwrap_or(DateTime::<Utc>::MAX_UTC)
    }
}

/// The instant `day` ends in `zone`: the first instant of the next day.
fn end_of_day(day: NaiveDate, zone: Tz) -> Option<DateTime<Utc>> {
    let midnight = day.succ_opt()?.and_hms_opt(0, 0, 0)?;
    if let Some(instant) = zone.from_local_datetime(&midnight).earliest() {
        return Some(instant.with_timezone(&Utc));
    }
    // Midnight is skipped by a clock change: the day starts when the clocks
    // jump, which is midnight at the offset in force before.
    let before = zone.offset_from_utc_datetime(&(midnight - TimeDelta::days(1)));
    let offset = chrono::Offset::fix(&before);
    Some(midnight.checked_sub_offset(offset)?.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::{New_York, Santiago};
    use chrono_tz::UTC;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn hours_are_wall_clock() {
        let due = Period::hours(72).due(at("2026-03-27T10:00:00Z"), New_York);
        assert_eq!(due, at("2026-03-30T10:00:00Z"));
    }

    #[test]
    fn days_end_at_local_midnight() {
        // 23:30 on 1 March in New York is already 2 March in UTC.
        let start = at("2026-03-02T04:30:00Z");
        let due = Period::calendar_days(60).due(start, New_York);
        // 1 March + 60 days = 30 April, ending at 00:00 EDT on 1 May.
        assert_eq!(due, at("2026-05-01T04:00:00Z"));
        let in_utc = Period::calendar_days(60).due(start, UTC);
        assert_eq!(in_utc, at("2026-05-02T00:00:00Z"));
    }

    #[test]
    fn months_clamp_to_the_last_day() {
        let due = Period::calendar_months(1).due(at("2028-01-31T12:00:00Z"), UTC);
        assert_eq!(due, at("2028-03-01T00:00:00Z"), "2028 is a leap year");
    }

    #[test]
    fn a_day_that_starts_at_a_clock_change_ends_when_the_clocks_jump() {
        // Chile moved its clocks from 00:00 to 01:00 on 6 September 2026.
        let end = end_of_day(NaiveDate::from_ymd_opt(2026, 9, 5).unwrap(), Santiago);
        assert_eq!(end, Some(at("2026-09-06T04:00:00Z")));
    }

    #[test]
    fn periods_past_the_end_of_time_saturate() {
        let due = Period::calendar_months(120).due(DateTime::<Utc>::MAX_UTC, UTC);
        assert_eq!(due, DateTime::<Utc>::MAX_UTC);
        let due = Period::hours(1).due(DateTime::<Utc>::MAX_UTC, UTC);
        assert_eq!(due, DateTime::<Utc>::MAX_UTC);
    }
}
