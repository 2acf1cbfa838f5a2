//! Builders, a slow reference implementation and proptest strategies shared by the tests.

#![allow(
    dead_code,
    reason = "each test binary uses a different part of this module"
)]

pub(crate) mod reference;
pub(crate) mod strategies;

use casefile::sla::calendar::{Calendar, CalendarDefinition, Holiday, Week};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// A wall-clock time.
pub(crate) fn time(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0).expect("valid test time")
}

/// A date.
pub(crate) fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("valid test date")
}

/// An instant given in UTC.
pub(crate) fn utc(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(year, month, day, hour, minute, 0)
        .single()
        .expect("valid test instant")
}

/// An instant given in local time of `tz`, which must exist and be unambiguous.
pub(crate) fn local(
    tz: Tz,
    year: i32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
) -> DateTime<Utc> {
    let local = tz.with_ymd_and_hms(year, month, day, hour, minute, 0);

    local
        .single()
        .expect("unambiguous test instant")
        .with_timezone(&Utc)
}

/// Monday to Friday, 08:00 to 17:00, in `tz`, with `holidays`.
pub(crate) fn office(tz: Tz, holidays: Vec<Holiday>) -> Calendar {
    let week = Week::weekdays(time(8, 0), time(17, 0));

    Calendar::new(CalendarDefinition {
        time_zone: tz,
        week,
        holidays,
    })
    .expect("valid calendar")
}
