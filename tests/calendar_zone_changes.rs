//! The calendar looks offsets up once per 144 hours, which is exact only while consecutive
//! offset changes are further apart. This checks it for the zones the tests use, hour by hour
//! from 1900 to 2100.

#[path = "calendar_support/mod.rs"]
mod common;

use chrono::{DateTime, Offset, TimeZone};
use common::strategies::ZONES;

const WINDOW_HOURS: i64 = 144;

#[test]
fn offset_changes_are_more_than_a_window_apart() {
    let first = DateTime::parse_from_rfc3339("1900-01-01T00:00:00Z")
        .unwrap()
        .timestamp();
    let last = DateTime::parse_from_rfc3339("2100-01-01T00:00:00Z")
        .unwrap()
        .timestamp();
    for zone in ZONES {
        let offset = |hour: i64| {
            let instant = DateTime::from_timestamp(first + hour * 3_600, 0)
                .unwrap()
                .naive_utc();
            zone.offset_from_utc_datetime(&instant).fix()
        };
        let mut previous_change = i64::MIN / 2;
        for hour in 1..(last - first) / 3_600 {
            if offset(hour) != offset(hour - 1) {
                assert!(
                    hour - previous_change > WINDOW_HOURS,
                    "{zone}: changes at hours {previous_change} and {hour}"
                );
                previous_change = hour;
            }
        }
    }
}
