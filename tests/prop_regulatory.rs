//! Property tests of the regulatory clocks:
//!
//! - adding US business days lands on a business day, never a weekend or
//!   an observed federal holiday, is monotonic in the start and the count,
//!   and is additive (adding a then b equals adding a + b);
//! - every year has its eleven holidays, observed on weekdays, less one
//!   when New Year's Day falls on a Saturday and plus one when the next
//!   year's does;
//! - a period never ends before it starts, and a later start never ends
//!   earlier, in every unit and time zone;
//! - a `no_later_than` clock never makes a deadline later;
//! - a report is met exactly when submitted at or before the due time, and
//!   a met report stays met whatever the instant asked about.

use std::collections::BTreeMap;

use casefile::case::Fact;
use casefile::sla::regulatory::{
    Clock, DeadlineStatus, Obligation, Obligations, Period, PeriodUnit, UsFederalHoliday,
    add_us_business_days, is_us_business_day,
};
use chrono::{DateTime, Datelike, Days, NaiveDate, TimeDelta, Utc, Weekday};
use chrono_tz::Tz;
use proptest::prelude::*;

fn date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
    (0_u64..40_000).prop_map(move |days| first + Days::new(days))
}

fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    // 1990 to 2100, to the second.
    (631_152_000_i64..4_102_444_800).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
}

fn zone() -> impl Strategy<Value = Tz> {
    prop::sample::select(vec![
        Tz::UTC,
        Tz::Europe__Brussels,
        Tz::America__New_York,
        Tz::America__Santiago,
        Tz::Australia__Lord_Howe,
        Tz::Asia__Kolkata,
    ])
}

fn period() -> impl Strategy<Value = Period> {
    let unit = prop::sample::select(vec![
        PeriodUnit::Hours,
        PeriodUnit::CalendarDays,
        PeriodUnit::CalendarMonths,
        PeriodUnit::UsBusinessDays,
    ]);
    (1_u32..200, unit).prop_map(|(count, unit)| Period {
        count: count.min(unit.max_count()),
        unit,
    })
}

fn obligation(starts: Clock) -> Obligation {
    Obligation::new(
        "own-report".parse().unwrap(),
        "own".parse().unwrap(),
        "Report".parse().unwrap(),
        "Contract".parse().unwrap(),
        starts,
    )
}

proptest! {
    #[test]
    fn prop_us_business_days_land_on_business_days(start in date(), days in 1_u32..300) {
        let due = add_us_business_days(start, days).unwrap();

        prop_assert!(is_us_business_day(due));
        prop_assert!(!matches!(due.weekday(), Weekday::Sat | Weekday::Sun));
        prop_assert_eq!(UsFederalHoliday::observed_on(due), None);
    }

    #[test]
    fn prop_adding_us_business_days_is_monotonic(
        a in date(), b in date(), m in 0_u32..100, n in 0_u32..100,
    ) {
        let (early, late) = (a.min(b), a.max(b));
        let (few, many) = (m.min(n), m.max(n));

        prop_assert!(add_us_business_days(early, n) <= add_us_business_days(late, n));
        prop_assert!(add_us_business_days(a, few) <= add_us_business_days(a, many));
        if few < many {
            prop_assert!(add_us_business_days(a, few) < add_us_business_days(a, many));
        }
    }

    #[test]
    fn prop_adding_us_business_days_is_additive(start in date(), m in 0_u32..100, n in 0_u32..100) {
        let stepwise = add_us_business_days(start, m).and_then(|d| add_us_business_days(d, n));

        prop_assert_eq!(stepwise, add_us_business_days(start, m + n));
    }

    #[test]
    fn prop_each_year_has_its_holidays_on_weekdays(year in 1990_i32..2200) {
        let days = UsFederalHoliday::observed_during(year);
        let saturday_new_year = |y| {
            NaiveDate::from_ymd_opt(y, 1, 1).unwrap().weekday() == Weekday::Sat
        };
        let base = if year >= 2021 { 11 } else { 10 };
        let expected = base - usize::from(saturday_new_year(year))
            + usize::from(saturday_new_year(year + 1));

        prop_assert_eq!(days.len(), expected);
        for (day, _) in &days {
            prop_assert!(!matches!(day.weekday(), Weekday::Sat | Weekday::Sun));
            prop_assert!(!is_us_business_day(*day));
        }
    }

    #[test]
    fn prop_a_period_never_ends_before_it_starts(
        start in instant(), period in period(), zone in zone(), later in 0_i64..10_000_000,
    ) {
        let due = period.due(start, zone);
        let later_start = start + TimeDelta::seconds(later);

        prop_assert!(due > start);
        prop_assert!(period.due(later_start, zone) >= due);
    }

    #[test]
    fn prop_no_later_than_never_makes_a_deadline_later(
        start in instant(), other in instant(), a in period(), b in period(), zone in zone(),
    ) {
        let plain = obligation(Clock::new(Fact::ClassifiedMajor, a)).in_time_zone(zone);
        let bounded = plain.clone().no_later_than(Clock::new(Fact::SignificantIncident, b));
        let facts = BTreeMap::from([
            (Fact::ClassifiedMajor, start),
            (Fact::SignificantIncident, other),
        ]);

        let (without, _) = plain.due(&facts).unwrap();
        let (with, _) = bounded.due(&facts).unwrap();
        prop_assert!(with <= without);
        prop_assert_eq!(with, without.min(b.due(other, zone)));
    }

    #[test]
    fn prop_met_exactly_when_submitted_by_the_due_time_and_stays_met(
        start in instant(), submitted in instant(), now in instant(), a in period(),
    ) {
        let own = obligation(Clock::new(Fact::HealthDataBreach, a));
        let report = own.submission();
        let table = Obligations::new(vec![own]).unwrap();
        let facts = BTreeMap::from([(Fact::HealthDataBreach, start), (report, submitted)]);
        let end = DateTime::<Utc>::MAX_UTC;

        let last = table.deadlines_for(&facts, end);
        prop_assert_eq!(last.len(), 1);
        prop_assert_eq!(last[0].status.is_met(), submitted <= last[0].due);
        if last[0].status.is_met() && now >= start.max(submitted) {
            let then = table.deadlines_for(&facts, now);
            prop_assert_eq!(then[0].status, DeadlineStatus::Met { submitted_at: submitted });
        }
    }
}
