//! The calendar and start instants shared by the benchmark, the `workclock` agreement test and
//! `benches/businesstimedelta.py`: Mon-Fri 08:00-17:00 in Europe/Berlin with ten holidays a
//! year in 2026 and 2027, and 1,000 starts spread over 2026.

use casefile::sla::calendar::{Calendar, CalendarDefinition, Holiday, Week};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};

/// Number of start instants.
pub(crate) const STARTS: i64 = 1_000;

/// The holidays, as `(year, month, day)`.
pub(crate) const HOLIDAYS: [(i32, u32, u32); 20] = [
    (2026, 1, 1),
    (2026, 4, 3),
    (2026, 4, 6),
    (2026, 5, 1),
    (2026, 5, 14),
    (2026, 5, 25),
    (2026, 6, 4),
    (2026, 10, 3),
    (2026, 12, 25),
    (2026, 12, 26),
    (2027, 1, 1),
    (2027, 3, 26),
    (2027, 3, 29),
    (2027, 5, 1),
    (2027, 5, 6),
    (2027, 5, 17),
    (2027, 5, 27),
    (2027, 10, 3),
    (2027, 12, 25),
    (2027, 12, 26),
];

/// The calendar of this crate.
pub(crate) fn calendar() -> Calendar {
    let hour = |hour| NaiveTime::from_hms_opt(hour, 0, 0).expect("valid hour");
    let holidays = HOLIDAYS
        .iter()
        .map(|&(year, month, day)| NaiveDate::from_ymd_opt(year, month, day).expect("valid date"))
        .map(Holiday::On)
        .collect();
    let definition = CalendarDefinition {
        time_zone: chrono_tz::Europe::Berlin,
        week: Week::weekdays(hour(8), hour(17)),
        holidays,
    };
    Calendar::new(definition).expect("valid calendar")
}

/// The same calendar in `workclock`.
pub(crate) fn schedule() -> workclock::Schedule {
    let small = |value: u32| i8::try_from(value).expect("a month or day");
    let holidays = HOLIDAYS.iter().map(|&(year, month, day)| {
        let year = i16::try_from(year).expect("a four-digit year");
        jiff::civil::date(year, small(month), small(day))
    });
    workclock::Schedule::builder()
        .time_zone("Europe/Berlin")
        .rule(workclock::WorkDay::new(
            jiff::civil::time(8, 0, 0, 0),
            jiff::civil::time(17, 0, 0, 0),
            workclock::Weekdays::MON_TO_FRI,
        ))
        .rule(workclock::Holidays::new(holidays))
        .build()
        .expect("valid schedule")
}

/// Start `i` is `i * 7919 mod 525600` minutes into 2026 (UTC), so the starts cover the
/// whole year, working time or not, on whole minutes.
pub(crate) fn starts() -> Vec<DateTime<Utc>> {
    let base = DateTime::from_timestamp(1_767_225_600, 0).expect("2026-01-01T00:00:00Z");
    (0..STARTS)
        .map(|i| base + TimeDelta::minutes(i * 7_919 % 525_600))
        .collect()
}

/// `instant` as a `jiff` timestamp.
pub(crate) fn timestamp(instant: DateTime<Utc>) -> jiff::Timestamp {
    let nanos = i32::try_from(instant.timestamp_subsec_nanos()).expect("not a leap second");
    jiff::Timestamp::new(instant.timestamp(), nanos).expect("in jiff's range")
}
