//! The working week compiled into nanosecond offsets from local midnight.

use chrono::{NaiveTime, Timelike, Weekday};

use super::{CalendarError, Week, WorkingInterval};

/// Nanoseconds in one second.
pub(super) const SECOND: i128 = 1_000_000_000;

/// Nanoseconds in one local day of 24 wall-clock hours.
pub(super) const DAY: i128 = 86_400 * SECOND;

/// `value` divided by `divisor`, rounded down; fast when `value` fits in an `i64` (instants
/// within 292 years of 1970), where no 128-bit division is needed.
pub(super) fn floor_div(value: i128, divisor: i128) -> i128 {
    match (i64::try_from(value), i64::try_from(divisor)) {
        (Ok(value), Ok(divisor)) => i128::from(value.div_euclid(divisor)),
        _ => value.div_euclid(divisor),
    }
}

/// Monday to Sunday, in the order of [`WorkingWeek`]'s days.
const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// A validated week: per weekday, sorted and merged `[start, end)` offsets in nanoseconds from
/// local midnight, and the week's total working time in wall-clock nanoseconds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct WorkingWeek {
    days: [Vec<(i128, i128)>; 7],
    total: i128,
}

impl WorkingWeek {
    /// Validates `week`: every interval ends after it starts, no two overlap, and some exist.
    pub(super) fn compile(week: &Week) -> Result<Self, CalendarError> {
        let mut days: [Vec<(i128, i128)>; 7] = Default::default();
        for (slot, weekday) in days.iter_mut().zip(WEEKDAYS) {
            *slot = compile_day(weekday, week.day(weekday))?;
        }
        let total = days.iter().flatten().map(|(start, end)| end - start).sum();

        if total == 0 {
            return Err(CalendarError::NoWorkingTime);
        }
        Ok(Self { days, total })
    }

    /// The week that works around the clock every day.
    pub(super) fn always() -> Self {
        let day = vec![(0, DAY)];
        let days = [(); 7].map(|()| day.clone());

        Self {
            days,
            total: 7 * DAY,
        }
    }

    /// The working intervals of local day number `day` (days since 1970-01-01, a Thursday).
    pub(super) fn intervals(&self, day: i64) -> &[(i128, i128)] {
        let monday_based = (day + 3).rem_euclid(7);
        let index = usize::try_from(monday_based).unwrap_or(0);

        &self.days[index]
    }

    /// The week's working time in wall-clock nanoseconds.
    pub(super) fn total(&self) -> i128 {
        self.total
    }

    /// Whether every day is worked around the clock.
    pub(super) fn is_always(&self) -> bool {
        self.total == 7 * DAY
    }
}

/// One weekday's intervals, validated, sorted and with touching intervals merged.
fn compile_day(
    weekday: Weekday,
    intervals: &[WorkingInterval],
) -> Result<Vec<(i128, i128)>, CalendarError> {
    let mut sorted = intervals.to_vec();
    sorted.sort_unstable();
    let mut day: Vec<(i128, i128)> = Vec::with_capacity(sorted.len());
    for (index, &interval) in sorted.iter().enumerate() {
        let (start, end) = offsets(weekday, interval)?;
        match day.last_mut() {
            Some(last) if start < last.1 => return Err(overlap(weekday, &sorted, index)),
            Some(last) if start == last.1 => last.1 = end,
            _ => day.push((start, end)),
        }
    }
    Ok(day)
}

/// The interval as nanoseconds from midnight, with an end of `00:00` meaning 24:00.
fn offsets(weekday: Weekday, (start, end): WorkingInterval) -> Result<(i128, i128), CalendarError> {
    let start_offset = offset(weekday, start)?;
    let end_offset = match offset(weekday, end)? {
        0 => DAY,
        offset => offset,
    };

    if end_offset <= start_offset {
        return Err(CalendarError::EmptyInterval {
            weekday,
            start,
            end,
        });
    }
    Ok((start_offset, end_offset))
}

/// Nanoseconds from midnight to `time`, which may not be a leap second.
fn offset(weekday: Weekday, time: NaiveTime) -> Result<i128, CalendarError> {
    let nanos = time.nanosecond();
    if nanos >= 1_000_000_000 {
        return Err(CalendarError::LeapSecond { weekday, time });
    }

    Ok(i128::from(time.num_seconds_from_midnight()) * SECOND + i128::from(nanos))
}

/// The error for `sorted[index]` overlapping the interval before it.
///
/// Merged intervals only touch, so the one before `index` is the one that overlaps it.
fn overlap(weekday: Weekday, sorted: &[WorkingInterval], index: usize) -> CalendarError {
    let first = sorted[index.saturating_sub(1)];

    CalendarError::OverlappingIntervals {
        weekday,
        first,
        second: sorted[index],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(hour: u32, minute: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(hour, minute, 0).unwrap()
    }

    #[test]
    fn touching_intervals_merge_and_unsorted_ones_sort() {
        let intervals = [
            (time(13, 0), time(17, 0)),
            (time(8, 0), time(12, 0)),
            (time(12, 0), time(13, 0)),
        ];
        let day = compile_day(Weekday::Mon, &intervals).unwrap();
        assert_eq!(day, vec![(8 * 3_600 * SECOND, 17 * 3_600 * SECOND)]);
    }

    #[test]
    fn an_end_at_midnight_is_the_end_of_the_day() {
        let day = compile_day(Weekday::Sun, &[(time(22, 0), time(0, 0))]).unwrap();
        assert_eq!(day, vec![(22 * 3_600 * SECOND, DAY)]);
    }

    #[test]
    fn day_numbers_map_to_weekdays() {
        let week = Week {
            thursday: vec![(time(9, 0), time(10, 0))],
            ..Week::default()
        };
        let compiled = WorkingWeek::compile(&week).unwrap();
        assert_eq!(compiled.intervals(0).len(), 1, "1970-01-01 was a Thursday");
        assert!(compiled.intervals(1).is_empty());
        assert_eq!(compiled.intervals(-7).len(), 1);
        assert_eq!(compiled.total(), 3_600 * SECOND);
    }
}
