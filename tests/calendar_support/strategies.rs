//! Proptest strategies: random calendars in random time zones, instants and durations.

use casefile::sla::calendar::{CalendarDefinition, Holiday, Week, WorkingInterval};
use chrono::{DateTime, NaiveTime, TimeDelta, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;

use super::date;

/// Zones with daylight saving time in either hemisphere, a half-hour change (Lord Howe),
/// a half-hour base offset (Kolkata), changes at midnight (Santiago), and UTC.
pub(crate) const ZONES: [Tz; 6] = [
    chrono_tz::Europe::Berlin,
    chrono_tz::America::New_York,
    chrono_tz::Asia::Kolkata,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::America::Santiago,
    chrono_tz::UTC,
];

/// First and last instant of the range the tests draw from: 2025 to 2028.
const FIRST: i64 = 1_735_689_600;
const LAST: i64 = 1_861_920_000;

pub(crate) fn zone() -> impl Strategy<Value = Tz> {
    prop::sample::select(&ZONES[..])
}

/// One weekday: up to three disjoint intervals on a half-hour grid, biased to the small hours
/// where daylight-saving changes happen, sometimes ending at 24:00.
pub(crate) fn day() -> impl Strategy<Value = Vec<WorkingInterval>> {
    prop::collection::btree_set(0u32..=48, 0..=6).prop_map(|marks| {
        let marks: Vec<u32> = marks.into_iter().collect();
        marks
            .chunks_exact(2)
            .map(|pair| (half_hour(pair[0]), half_hour(pair[1])))
            .collect()
    })
}

fn half_hour(mark: u32) -> NaiveTime {
    if mark == 48 {
        return NaiveTime::MIN;
    }
    NaiveTime::from_hms_opt(mark / 2, (mark % 2) * 30, 0).unwrap()
}

pub(crate) fn week() -> impl Strategy<Value = Week> {
    [day(), day(), day(), day(), day(), day(), day()]
        .prop_map(
            |[
                monday,
                tuesday,
                wednesday,
                thursday,
                friday,
                saturday,
                sunday,
            ]| Week {
                monday,
                tuesday,
                wednesday,
                thursday,
                friday,
                saturday,
                sunday,
            },
        )
        .prop_filter("some working time", |week| {
            [
                &week.monday,
                &week.tuesday,
                &week.wednesday,
                &week.thursday,
                &week.friday,
            ]
            .iter()
            .chain([&&week.saturday, &&week.sunday])
            .any(|day| !day.is_empty())
        })
}

pub(crate) fn holiday() -> impl Strategy<Value = Holiday> {
    prop_oneof![
        (0i64..4 * 366).prop_map(|offset| Holiday::On(date(2025, 1, 1) + TimeDelta::days(offset))),
        (1u32..=12, 1u32..=28).prop_map(|(month, day)| Holiday::Yearly { month, day }),
        Just(Holiday::Yearly { month: 2, day: 29 }),
    ]
}

pub(crate) fn definition() -> impl Strategy<Value = CalendarDefinition> {
    (zone(), week(), prop::collection::vec(holiday(), 0..12)).prop_map(
        |(time_zone, week, holidays)| CalendarDefinition {
            time_zone,
            week,
            holidays,
        },
    )
}

/// An instant in 2025 to 2028, to the nanosecond, often on a whole quarter hour.
pub(crate) fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    prop_oneof![
        (FIRST..LAST, 0u32..1_000_000_000)
            .prop_map(|(seconds, nanos)| DateTime::from_timestamp(seconds, nanos).unwrap()),
        (FIRST / 900..LAST / 900)
            .prop_map(|quarter| DateTime::from_timestamp(quarter * 900, 0).unwrap()),
    ]
}

/// A business duration up to 400 hours, to the nanosecond, often whole quarter hours.
pub(crate) fn duration() -> impl Strategy<Value = TimeDelta> {
    prop_oneof![
        (0i64..400 * 3_600, 0u32..1_000_000_000)
            .prop_map(|(seconds, nanos)| TimeDelta::new(seconds, nanos).unwrap()),
        (0i64..1_600).prop_map(|quarters| TimeDelta::minutes(15 * quarters)),
    ]
}
