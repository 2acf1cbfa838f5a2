//! Laws of business-time arithmetic, on random calendars in random time zones with random
//! holidays.

#[path = "calendar_support/mod.rs"]
mod common;

use casefile::sla::calendar::{Calendar, CalendarDefinition};
use chrono::{DateTime, TimeDelta, Utc};
use common::{reference, strategies};
use proptest::prelude::*;

/// A hundred years in milliseconds.
const CENTURY: i64 = 100 * 366 * 86_400_000;

fn build(definition: &CalendarDefinition) -> Calendar {
    Calendar::new(definition.clone()).expect("strategies build valid calendars")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A deadline is never before its start.
    #[test]
    fn prop_add_never_goes_backwards(
        definition in strategies::definition(),
        start in strategies::instant(),
        duration in strategies::duration(),
    ) {
        let due = build(&definition).add(start, duration).unwrap();
        prop_assert!(due >= start);
    }

    /// Adding `a` then `b` is adding `a + b`, with no condition on where `add(s, a)` lands:
    /// `add` returns the earliest instant at which the duration has elapsed (the closing
    /// instant when an interval is used up exactly), and the business time in `[s, x)` is
    /// additive in `x`, so the earliest instant with `a + b` elapsed from `s` is the earliest
    /// with `b` elapsed from the earliest with `a` elapsed. (Under the other convention, where
    /// a deadline at closing time moves to the next opening, the law would hold only when
    /// `add(s, a)` lands strictly inside working time.)
    #[test]
    fn prop_add_is_additive(
        definition in strategies::definition(),
        start in strategies::instant(),
        first in strategies::duration(),
        second in strategies::duration(),
    ) {
        let calendar = build(&definition);
        let stepwise = calendar.add(calendar.add(start, first).unwrap(), second).unwrap();
        prop_assert_eq!(stepwise, calendar.add(start, first + second).unwrap());
    }

    /// The business time from a start to the deadline computed from it is the duration added.
    #[test]
    fn prop_between_inverts_add(
        definition in strategies::definition(),
        start in strategies::instant(),
        duration in strategies::duration(),
    ) {
        let calendar = build(&definition);
        let due = calendar.add(start, duration).unwrap();
        prop_assert_eq!(calendar.between(start, due), duration);
    }

    /// Adding the business time up to an instant lands at that instant, or earlier at the
    /// closing of the last working interval before it, with no business time in between.
    #[test]
    fn prop_add_of_between_is_earliest(
        definition in strategies::definition(),
        start in strategies::instant(),
        length in 0i64..3_000_000,
    ) {
        let calendar = build(&definition);
        let end = start + TimeDelta::seconds(length);
        let landed = calendar.add(start, calendar.between(start, end)).unwrap();
        prop_assert!(landed <= end);
        prop_assert_eq!(calendar.between(landed, end), TimeDelta::zero());
        prop_assert!(calendar.is_working(end) || !calendar.is_working(landed) || landed == end);
    }

    /// Business time over `[a, c)` is the sum over `[a, b)` and `[b, c)`.
    #[test]
    fn prop_between_is_additive(
        definition in strategies::definition(),
        a in strategies::instant(),
        first in 0i64..2_000_000,
        second in 0i64..2_000_000,
    ) {
        let calendar = build(&definition);
        let b = a + TimeDelta::seconds(first);
        let c = b + TimeDelta::seconds(second);
        prop_assert_eq!(calendar.between(a, b) + calendar.between(b, c), calendar.between(a, c));
    }

    /// A reversed range holds no business time.
    #[test]
    fn prop_between_reversed_is_zero(
        definition in strategies::definition(),
        a in strategies::instant(),
        b in strategies::instant(),
    ) {
        let calendar = build(&definition);
        let (early, late) = (a.min(b), a.max(b));
        prop_assert_eq!(calendar.between(late, early), TimeDelta::zero());
    }

    /// `add` agrees with a slow day-by-day implementation that resolves every interval boundary
    /// with `chrono-tz` directly, across daylight-saving changes, midnights and holidays.
    #[test]
    fn prop_add_matches_reference(
        definition in strategies::definition(),
        start in strategies::instant(),
        duration in strategies::duration(),
    ) {
        let days = reference::days_to_search(&definition, duration);
        let expected = reference::add(&definition, start, duration, days).unwrap();
        prop_assert_eq!(build(&definition).add(start, duration).unwrap(), expected);
    }

    /// `between` agrees with the slow reference.
    #[test]
    fn prop_between_matches_reference(
        definition in strategies::definition(),
        start in strategies::instant(),
        length in 0i64..4_000_000,
    ) {
        let end = start + TimeDelta::seconds(length);
        let expected = reference::between(&definition, start, end);
        prop_assert_eq!(build(&definition).between(start, end), expected);
    }

    /// The next working instant is working, and no business time lies before it.
    #[test]
    fn prop_next_working_instant_is_working(
        definition in strategies::definition(),
        instant in strategies::instant(),
    ) {
        let calendar = build(&definition);
        let next = calendar.next_working_instant(instant).unwrap();
        prop_assert!(next >= instant);
        prop_assert!(calendar.is_working(next));
        prop_assert_eq!(calendar.between(instant, next), TimeDelta::zero());
        prop_assert_eq!(calendar.is_working(instant), next == instant);
    }

    /// A definition survives a round trip through JSON and builds the same calendar.
    #[test]
    fn prop_definition_round_trips_through_json(definition in strategies::definition()) {
        let json = serde_json::to_string(&definition).unwrap();
        let back: CalendarDefinition = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &definition);
        prop_assert_eq!(build(&back), build(&definition));
    }

    /// No instant or duration in the range of chrono makes the calendar panic.
    #[test]
    fn prop_add_never_panics(
        definition in strategies::definition(),
        seconds in any::<i64>(),
        nanos in 0u32..2_000_000_000,
        duration_millis in prop_oneof![any::<i64>(), -CENTURY..CENTURY],
    ) {
        let calendar = build(&definition);
        let start = DateTime::<Utc>::from_timestamp(seconds % 8_200_000_000_000, nanos)
            .unwrap_or(DateTime::<Utc>::MAX_UTC);
        let duration = TimeDelta::milliseconds(duration_millis);
        match calendar.add(start, duration) {
            Ok(due) => prop_assert!(due >= start),
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
        let month_later =
            start.checked_add_signed(TimeDelta::days(30)).unwrap_or(DateTime::<Utc>::MAX_UTC);
        prop_assert!(calendar.between(start, month_later) <= month_later - start);
        let _ = calendar.next_working_instant(start);
    }
}
