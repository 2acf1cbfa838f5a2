//! Bad calendars and bad arguments are errors with exact, stable messages.

#[path = "calendar_support/mod.rs"]
mod common;

use casefile::sla::calendar::{Calendar, CalendarDefinition, CalendarError, Holiday, Week};
use chrono::{DateTime, NaiveTime, TimeDelta, Utc, Weekday};
use common::{time, utc};

fn build(week: Week, holidays: Vec<Holiday>) -> Result<Calendar, CalendarError> {
    Calendar::new(CalendarDefinition {
        week,
        holidays,
        ..CalendarDefinition::default()
    })
}

fn office() -> Week {
    Week::weekdays(time(8, 0), time(17, 0))
}

#[test]
fn a_week_without_intervals_has_no_working_time() {
    let error = build(Week::default(), Vec::new()).unwrap_err();
    assert_eq!(error, CalendarError::NoWorkingTime);
    assert_eq!(
        error.to_string(),
        "calendar has no working time: no weekday has a working interval"
    );
}

#[test]
fn an_interval_ending_before_it_starts_is_named() {
    let mut week = office();
    week.wednesday = vec![(time(8, 0), time(12, 0)), (time(17, 0), time(13, 0))];
    let error = build(week, Vec::new()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "working interval `17:00:00`-`13:00:00` on `Wed` does not end after it starts"
    );
}

#[test]
fn an_empty_interval_is_named_even_when_other_days_work() {
    let mut week = office();
    week.saturday = vec![(time(9, 0), time(9, 0))];
    let error = build(week, Vec::new()).unwrap_err();
    let expected = CalendarError::EmptyInterval {
        weekday: Weekday::Sat,
        start: time(9, 0),
        end: time(9, 0),
    };
    assert_eq!(error, expected);
    assert_eq!(
        error.to_string(),
        "working interval `09:00:00`-`09:00:00` on `Sat` does not end after it starts"
    );
}

#[test]
fn overlapping_intervals_are_named() {
    let mut week = office();
    week.tuesday = vec![(time(11, 0), time(13, 0)), (time(8, 0), time(12, 0))];
    let error = build(week, Vec::new()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "working intervals `08:00:00`-`12:00:00` and `11:00:00`-`13:00:00` on `Tue` overlap"
    );
}

#[test]
fn an_interval_on_a_leap_second_is_rejected() {
    let leap = NaiveTime::from_hms_nano_opt(23, 59, 59, 1_500_000_000).unwrap();
    let mut week = office();
    week.friday = vec![(time(8, 0), leap)];
    let error = build(week, Vec::new()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "working interval on `Fri` uses the leap second `23:59:60.500`"
    );
}

#[test]
fn a_yearly_holiday_that_no_year_has_is_named() {
    let error = build(office(), vec![Holiday::Yearly { month: 2, day: 30 }]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "yearly holiday `02-30` is not a day of any year"
    );
    let error = build(office(), vec![Holiday::Yearly { month: 13, day: 1 }]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "yearly holiday `13-01` is not a day of any year"
    );
}

#[test]
fn a_year_of_yearly_holidays_leaves_no_working_day() {
    let every_day = (1..=12)
        .flat_map(|month| (1..=31).map(move |day| Holiday::Yearly { month, day }))
        .filter(|holiday| match *holiday {
            Holiday::Yearly { month, day } => {
                chrono::NaiveDate::from_ymd_opt(2000, month, day).is_some()
            }
            _ => false,
        })
        .collect();
    let error = build(office(), every_day).unwrap_err();
    assert_eq!(
        error.to_string(),
        "calendar has no working day: every day of the year is a yearly holiday"
    );
}

#[test]
fn a_negative_duration_is_rejected() {
    let calendar = build(office(), Vec::new()).unwrap();
    let error = calendar
        .add(utc(2026, 1, 5, 9, 0), TimeDelta::hours(-1))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "business duration `-PT3600S` is negative"
    );
}

#[test]
fn a_deadline_beyond_the_range_of_instants_is_out_of_range() {
    let calendar = build(office(), Vec::new()).unwrap();
    let late = DateTime::<Utc>::MAX_UTC - TimeDelta::days(3);
    let error = calendar.add(late, TimeDelta::days(30)).unwrap_err();
    assert_eq!(error, CalendarError::OutOfRange);
    assert_eq!(
        error.to_string(),
        "result is beyond the range of `DateTime<Utc>`"
    );
    let error = Calendar::always().add(late, TimeDelta::MAX).unwrap_err();
    assert_eq!(error, CalendarError::OutOfRange);
    assert!(calendar.add(late, TimeDelta::hours(20)).is_err());
}
