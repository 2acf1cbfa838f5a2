//! A slow, obviously correct business-time implementation to check the calendar against.
//!
//! It resolves every interval boundary with `chrono-tz` directly, day by day, with the
//! documented conventions: a time shown twice resolves to its first occurrence, a time in a
//! gap to the instant the gap ends.

use casefile::sla::calendar::{CalendarDefinition, Holiday};
use chrono::{
    DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Timelike, Utc,
};
use chrono_tz::{GapInfo, Tz};

/// The working intervals `[start, end)` of `definition` on local days from the day before
/// `from`'s local date, for `days` days, clipped to start at `from` or later.
pub(crate) fn intervals(
    definition: &CalendarDefinition,
    from: DateTime<Utc>,
    days: i64,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let tz = definition.time_zone;
    let first = from.with_timezone(&tz).date_naive() - TimeDelta::days(1);
    let mut out = Vec::new();
    for offset in 0..days {
        let day = first + TimeDelta::days(offset);
        if is_holiday(definition, day) {
            continue;
        }
        for &(start, end) in definition.week.day(day.weekday()) {
            let opening = resolve(tz, day.and_time(start)).max(from);
            let closing_day = if end == chrono::NaiveTime::MIN {
                day.succ_opt().unwrap()
            } else {
                day
            };
            let closing = resolve(tz, closing_day.and_time(end));
            if opening < closing {
                out.push((opening, closing));
            }
        }
    }
    out.sort();
    out
}

/// The reference deadline, searching at most `days` local days.
pub(crate) fn add(
    definition: &CalendarDefinition,
    from: DateTime<Utc>,
    duration: TimeDelta,
    days: i64,
) -> Option<DateTime<Utc>> {
    if duration.is_zero() {
        return Some(from);
    }
    let mut remaining = duration;
    for (opening, closing) in intervals(definition, from, days) {
        if remaining <= closing - opening {
            return Some(opening + remaining);
        }
        remaining -= closing - opening;
    }
    None
}

/// The reference business time in `[from, to)`.
pub(crate) fn between(
    definition: &CalendarDefinition,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> TimeDelta {
    let days = (to - from).num_days() + 3;
    intervals(definition, from, days.max(3))
        .into_iter()
        .filter(|&(opening, _)| opening < to)
        .map(|(opening, closing)| closing.min(to) - opening)
        .fold(TimeDelta::zero(), |sum, length| sum + length)
}

fn is_holiday(definition: &CalendarDefinition, day: NaiveDate) -> bool {
    definition.holidays.iter().any(|holiday| match *holiday {
        Holiday::On(date) => date == day,
        Holiday::Yearly { month, day: dom } => day.month() == month && day.day() == dom,
        _ => false,
    })
}

fn resolve(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(instant) | LocalResult::Ambiguous(instant, _) => {
            instant.with_timezone(&Utc)
        }
        LocalResult::None => {
            let gap =
                GapInfo::new(&local, &tz).expect("a local time that does not exist is in a gap");
            gap.end.expect("the gap ends").with_timezone(&Utc)
        }
    }
}

/// Local days the reference must search to find `duration` of business time: twice the weeks
/// the duration needs at the week's wall-clock total, plus a month for holidays and changes.
pub(crate) fn days_to_search(definition: &CalendarDefinition, duration: TimeDelta) -> i64 {
    let week = definition.week.clone();
    let total: i64 = [
        week.monday,
        week.tuesday,
        week.wednesday,
        week.thursday,
        week.friday,
        week.saturday,
        week.sunday,
    ]
    .iter()
    .flatten()
    .map(|&(start, end)| {
        let end = if end == chrono::NaiveTime::MIN {
            86_400
        } else {
            i64::from(end.num_seconds_from_midnight())
        };
        end - i64::from(start.num_seconds_from_midnight())
    })
    .sum();
    let weeks = duration.num_seconds() / total.max(1) + 2;

    14 * weeks + 31
}
