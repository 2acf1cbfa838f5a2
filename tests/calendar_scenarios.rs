//! Worked examples with exact expected instants: the DOMAIN.md example, closing time,
//! daylight-saving changes in Europe and the US inside working hours, holidays, year end,
//! midnight, long durations and 24x7.

#[path = "calendar_support/mod.rs"]
mod common;

use casefile::sla::calendar::{Calendar, CalendarDefinition, Holiday, Week};
use chrono::{TimeDelta, Weekday};
use chrono_tz::America::New_York;
use chrono_tz::Europe::Berlin;
use chrono_tz::Tz;
use common::{date, local, office, time, utc};

fn hours(hours: i64) -> TimeDelta {
    TimeDelta::hours(hours)
}

fn minutes(minutes: i64) -> TimeDelta {
    TimeDelta::minutes(minutes)
}

/// Mon-Fri 08:00-17:00 plus Sunday 00:00-06:00, so the night of a daylight-saving change from
/// Saturday to Sunday falls inside working hours.
fn with_sunday_night(tz: Tz) -> Calendar {
    let mut week = Week::weekdays(time(8, 0), time(17, 0));
    week.sunday = vec![(time(0, 0), time(6, 0))];
    Calendar::new(CalendarDefinition {
        time_zone: tz,
        week,
        holidays: Vec::new(),
    })
    .unwrap()
}

/// Working only on Sunday, from `start` to `end`.
fn sunday_only(tz: Tz, start: (u32, u32), end: (u32, u32)) -> Calendar {
    let week = Week {
        sunday: vec![(time(start.0, start.1), time(end.0, end.1))],
        ..Week::default()
    };
    Calendar::new(CalendarDefinition {
        time_zone: tz,
        week,
        holidays: Vec::new(),
    })
    .unwrap()
}

#[test]
fn friday_16_00_plus_4_business_hours_is_monday_11_00() {
    let calendar = office(Berlin, Vec::new());
    let friday = local(Berlin, 2026, 1, 9, 16, 0);
    let due = calendar.add(friday, hours(4)).unwrap();
    assert_eq!(due, local(Berlin, 2026, 1, 12, 11, 0));
    assert_eq!(calendar.between(friday, due), hours(4));
}

#[test]
fn a_deadline_at_closing_time_is_the_closing_instant() {
    let calendar = office(Berlin, Vec::new());
    let friday = local(Berlin, 2026, 1, 9, 16, 0);
    let closing = local(Berlin, 2026, 1, 9, 17, 0);
    assert_eq!(calendar.add(friday, hours(1)).unwrap(), closing);
    assert!(!calendar.is_working(closing));
    assert_eq!(
        calendar.add(closing, minutes(1)).unwrap(),
        local(Berlin, 2026, 1, 12, 8, 1)
    );
    assert_eq!(
        calendar.next_working_instant(closing).unwrap(),
        local(Berlin, 2026, 1, 12, 8, 0)
    );
}

#[test]
fn adding_zero_returns_the_start_even_outside_working_time() {
    let calendar = office(Berlin, Vec::new());
    let saturday = local(Berlin, 2026, 1, 10, 12, 0);
    let friday = local(Berlin, 2026, 1, 9, 16, 0);
    assert_eq!(calendar.add(saturday, TimeDelta::zero()).unwrap(), saturday);
    assert_eq!(calendar.add(friday, TimeDelta::zero()).unwrap(), friday);
}

#[test]
fn a_start_outside_working_time_counts_from_the_next_opening() {
    let calendar = office(Berlin, Vec::new());
    let saturday = local(Berlin, 2026, 1, 10, 12, 0);
    assert_eq!(
        calendar.add(saturday, hours(2)).unwrap(),
        local(Berlin, 2026, 1, 12, 10, 0)
    );
}

#[test]
fn europe_spring_forward_skips_the_missing_hour_inside_working_time() {
    // 29 March 2026, last Sunday of March: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
    let calendar = with_sunday_night(Berlin);
    let midnight = utc(2026, 3, 28, 23, 0);
    assert_eq!(
        calendar.add(midnight, hours(2)).unwrap(),
        utc(2026, 3, 29, 1, 0)
    );
    assert_eq!(
        calendar.add(midnight, minutes(150)).unwrap(),
        utc(2026, 3, 29, 1, 30)
    );
    assert_eq!(
        calendar.add(midnight, hours(5)).unwrap(),
        utc(2026, 3, 29, 4, 0)
    );
    assert_eq!(
        calendar.add(midnight, hours(6)).unwrap(),
        utc(2026, 3, 30, 7, 0)
    );
    assert_eq!(
        calendar.between(utc(2026, 3, 28, 12, 0), utc(2026, 3, 30, 0, 0)),
        hours(5)
    );
    assert!(calendar.is_working(utc(2026, 3, 29, 1, 0)));
}

#[test]
fn europe_fall_back_counts_the_repeated_hour_inside_working_time() {
    // 25 October 2026, last Sunday of October: 03:00 CEST becomes 02:00 CET at 01:00 UTC.
    let calendar = with_sunday_night(Berlin);
    let midnight = utc(2026, 10, 24, 22, 0);
    assert_eq!(
        calendar.add(midnight, minutes(150)).unwrap(),
        utc(2026, 10, 25, 0, 30)
    );
    assert_eq!(
        calendar.add(midnight, hours(3)).unwrap(),
        utc(2026, 10, 25, 1, 0)
    );
    assert_eq!(
        calendar.add(midnight, minutes(210)).unwrap(),
        utc(2026, 10, 25, 1, 30)
    );
    assert_eq!(
        calendar.add(midnight, hours(7)).unwrap(),
        utc(2026, 10, 25, 5, 0)
    );
    assert_eq!(
        calendar.between(utc(2026, 10, 24, 12, 0), utc(2026, 10, 26, 0, 0)),
        hours(7)
    );
}

#[test]
fn us_spring_forward_skips_the_missing_hour_inside_working_time() {
    // 8 March 2026, second Sunday of March: 02:00 EST becomes 03:00 EDT at 07:00 UTC.
    let calendar = with_sunday_night(New_York);
    let midnight = utc(2026, 3, 8, 5, 0);
    assert_eq!(
        calendar.add(midnight, hours(2)).unwrap(),
        utc(2026, 3, 8, 7, 0)
    );
    assert_eq!(
        calendar.add(midnight, minutes(150)).unwrap(),
        utc(2026, 3, 8, 7, 30)
    );
    assert_eq!(
        calendar.add(midnight, hours(5)).unwrap(),
        utc(2026, 3, 8, 10, 0)
    );
    assert_eq!(
        calendar.add(midnight, hours(6)).unwrap(),
        local(New_York, 2026, 3, 9, 9, 0)
    );
    assert_eq!(
        calendar.between(utc(2026, 3, 7, 12, 0), utc(2026, 3, 9, 0, 0)),
        hours(5)
    );
}

#[test]
fn us_fall_back_counts_the_repeated_hour_inside_working_time() {
    // 1 November 2026, first Sunday of November: 02:00 EDT becomes 01:00 EST at 06:00 UTC.
    let calendar = with_sunday_night(New_York);
    let midnight = utc(2026, 11, 1, 4, 0);
    assert_eq!(
        calendar.add(midnight, minutes(90)).unwrap(),
        utc(2026, 11, 1, 5, 30)
    );
    assert_eq!(
        calendar.add(midnight, minutes(150)).unwrap(),
        utc(2026, 11, 1, 6, 30)
    );
    assert_eq!(
        calendar.add(midnight, hours(7)).unwrap(),
        utc(2026, 11, 1, 11, 0)
    );
    assert_eq!(
        calendar.between(utc(2026, 10, 31, 12, 0), utc(2026, 11, 2, 0, 0)),
        hours(7)
    );
}

#[test]
fn an_interval_opening_inside_a_gap_opens_when_the_gap_ends() {
    // 02:30 does not exist in Berlin on 29 March 2026; the interval opens at 03:00 CEST.
    let calendar = sunday_only(Berlin, (2, 30), (5, 0));
    let saturday = utc(2026, 3, 28, 12, 0);
    assert_eq!(
        calendar.next_working_instant(saturday).unwrap(),
        utc(2026, 3, 29, 1, 0)
    );
    assert_eq!(calendar.between(saturday, utc(2026, 3, 30, 0, 0)), hours(2));
}

#[test]
fn an_interval_closing_inside_an_overlap_closes_at_the_first_occurrence() {
    // 02:30 happens twice in Berlin on 25 October 2026; the interval closes at the first.
    let calendar = sunday_only(Berlin, (0, 0), (2, 30));
    let saturday = utc(2026, 10, 24, 12, 0);
    assert_eq!(
        calendar.add(saturday, minutes(150)).unwrap(),
        utc(2026, 10, 25, 0, 30)
    );
    assert!(!calendar.is_working(utc(2026, 10, 25, 1, 15)));
}

#[test]
fn a_one_off_holiday_on_a_friday_moves_the_deadline_across_the_weekend() {
    let calendar = office(Berlin, vec![Holiday::On(date(2026, 5, 1))]);
    let thursday = local(Berlin, 2026, 4, 30, 16, 0);
    assert_eq!(
        calendar.add(thursday, hours(4)).unwrap(),
        local(Berlin, 2026, 5, 4, 11, 0)
    );
    assert!(!calendar.is_working(local(Berlin, 2026, 5, 1, 10, 0)));
}

#[test]
fn a_yearly_holiday_on_a_friday_at_year_end_moves_the_deadline_across_the_weekend() {
    // 1 January 2027 is a Friday.
    let calendar = office(Berlin, vec![Holiday::Yearly { month: 1, day: 1 }]);
    let new_years_eve = local(Berlin, 2026, 12, 31, 16, 0);
    assert_eq!(
        calendar.add(new_years_eve, hours(4)).unwrap(),
        local(Berlin, 2027, 1, 4, 11, 0)
    );
}

#[test]
fn a_yearly_holiday_recurs_in_later_years() {
    // 1 January 2031 is a Wednesday.
    let calendar = office(Berlin, vec![Holiday::Yearly { month: 1, day: 1 }]);
    let new_years_eve = local(Berlin, 2030, 12, 31, 16, 0);
    assert_eq!(
        calendar.add(new_years_eve, hours(4)).unwrap(),
        local(Berlin, 2031, 1, 2, 11, 0)
    );
}

#[test]
fn a_deadline_crosses_the_year_end() {
    let calendar = office(Berlin, Vec::new());
    let new_years_eve = local(Berlin, 2026, 12, 31, 16, 0);
    assert_eq!(
        calendar.add(new_years_eve, hours(4)).unwrap(),
        local(Berlin, 2027, 1, 1, 11, 0)
    );
    let span = calendar.between(new_years_eve, local(Berlin, 2027, 1, 1, 11, 0));
    assert_eq!(span, hours(4));
}

#[test]
fn whole_weeks_are_skipped_without_changing_the_result() {
    let calendar = office(chrono_tz::UTC, Vec::new());
    let monday = utc(2026, 1, 5, 8, 0);
    assert_eq!(
        calendar.add(monday, hours(90)).unwrap(),
        utc(2026, 1, 16, 17, 0)
    );
    assert_eq!(
        calendar.add(monday, hours(450)).unwrap(),
        utc(2026, 3, 13, 17, 0)
    );
    assert_eq!(
        calendar.between(monday, utc(2026, 3, 13, 17, 0)),
        hours(450)
    );
}

#[test]
fn whole_weeks_across_a_daylight_saving_change_keep_local_hours() {
    let calendar = office(Berlin, Vec::new());
    let monday = local(Berlin, 2026, 3, 2, 8, 0);
    let due = calendar.add(monday, hours(450)).unwrap();
    assert_eq!(due, local(Berlin, 2026, 5, 8, 17, 0));
    assert_eq!(calendar.between(monday, due), hours(450));
}

#[test]
fn an_overnight_shift_is_two_intervals_across_midnight() {
    let week = Week {
        monday: vec![(time(22, 0), time(0, 0))],
        tuesday: vec![(time(0, 0), time(6, 0))],
        ..Week::default()
    };
    let calendar = Calendar::new(CalendarDefinition {
        week,
        ..CalendarDefinition::default()
    });
    let calendar = calendar.unwrap();
    let monday_night = utc(2026, 1, 5, 23, 0);
    assert_eq!(
        calendar.add(monday_night, hours(2)).unwrap(),
        utc(2026, 1, 6, 1, 0)
    );
    assert_eq!(
        calendar.add(monday_night, hours(1)).unwrap(),
        utc(2026, 1, 6, 0, 0)
    );
    assert_eq!(
        calendar.between(utc(2026, 1, 5, 22, 0), utc(2026, 1, 6, 6, 0)),
        hours(8)
    );
}

#[test]
fn several_intervals_a_day_skip_the_break() {
    let week = Week {
        monday: vec![(time(13, 0), time(17, 0)), (time(8, 0), time(12, 0))],
        ..Week::default()
    };
    let calendar = Calendar::new(CalendarDefinition {
        week,
        ..CalendarDefinition::default()
    });
    let calendar = calendar.unwrap();
    assert_eq!(
        calendar.add(utc(2026, 1, 5, 11, 30), hours(1)).unwrap(),
        utc(2026, 1, 5, 13, 30)
    );
    assert_eq!(
        calendar.add(utc(2026, 1, 5, 11, 0), hours(1)).unwrap(),
        utc(2026, 1, 5, 12, 0)
    );
    assert_eq!(
        calendar.between(utc(2026, 1, 5, 0, 0), utc(2026, 1, 6, 0, 0)),
        hours(8)
    );
}

#[test]
fn touching_intervals_act_as_one() {
    let week = Week {
        monday: vec![(time(8, 0), time(12, 0)), (time(12, 0), time(17, 0))],
        ..Week::default()
    };
    let calendar = Calendar::new(CalendarDefinition {
        week,
        ..CalendarDefinition::default()
    });
    let calendar = calendar.unwrap();
    assert!(calendar.is_working(utc(2026, 1, 5, 12, 0)));
    assert_eq!(
        calendar.between(utc(2026, 1, 5, 0, 0), utc(2026, 1, 6, 0, 0)),
        hours(9)
    );
}

#[test]
fn twenty_four_seven_counts_elapsed_time() {
    let calendar = Calendar::always();
    let start = utc(2026, 12, 31, 23, 30) + TimeDelta::nanoseconds(7);
    assert_eq!(
        calendar.add(start, hours(1)).unwrap(),
        utc(2027, 1, 1, 0, 30) + TimeDelta::nanoseconds(7)
    );
    assert_eq!(
        calendar.between(start, start + TimeDelta::days(400)),
        TimeDelta::days(400)
    );
    assert!(calendar.is_working(start));
    assert_eq!(calendar.next_working_instant(start).unwrap(), start);
}

#[test]
fn a_twenty_four_seven_definition_counts_the_short_day_as_23_hours() {
    let week = Week::every_day(time(0, 0), time(0, 0));
    let definition = CalendarDefinition {
        time_zone: Berlin,
        week,
        holidays: Vec::new(),
    };
    let calendar = Calendar::new(definition).unwrap();
    let sunday = calendar.between(
        local(Berlin, 2026, 3, 29, 0, 0),
        local(Berlin, 2026, 3, 30, 0, 0),
    );
    assert_eq!(sunday, hours(23));
}

#[test]
fn the_definition_reads_from_json() {
    let json = r#"{
        "time_zone": "America/New_York",
        "week": { "monday": [["09:00", "17:00"]], "friday": [["09:00", "12:30"]] },
        "holidays": [{ "on": "2026-07-03" }, { "yearly": { "month": 12, "day": 25 } }]
    }"#;
    let definition: CalendarDefinition = serde_json::from_str(json).unwrap();
    assert_eq!(
        definition.week.day(Weekday::Fri),
        &[(time(9, 0), time(12, 30))]
    );
    let calendar = Calendar::new(definition).unwrap();
    let friday = local(New_York, 2026, 6, 26, 12, 0);
    assert_eq!(
        calendar.add(friday, hours(1)).unwrap(),
        local(New_York, 2026, 6, 29, 9, 30)
    );
}
