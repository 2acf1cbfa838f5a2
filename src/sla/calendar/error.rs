//! The error of building and using a business calendar.

use chrono::{NaiveTime, TimeDelta, Weekday};

/// Why a calendar could not be built, or a computation on it failed.
///
/// Definition errors (every variant but [`NegativeDuration`](Self::NegativeDuration) and
/// [`OutOfRange`](Self::OutOfRange)) come from [`Calendar::new`](super::Calendar::new) and name
/// the offending entry: a host reports them to whoever wrote the configuration and keeps the
/// previous calendar. The other two come from arithmetic on a valid calendar and point at the
/// caller's input.
///
/// # Examples
///
/// ```
/// use casefile::sla::calendar::{Calendar, CalendarDefinition, CalendarError};
///
/// let empty = CalendarDefinition::default();
/// assert_eq!(Calendar::new(empty).unwrap_err(), CalendarError::NoWorkingTime);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// No weekday has a working interval, so no deadline could ever be reached.
    ///
    /// Give at least one weekday a working interval, or use
    /// [`Calendar::always`](super::Calendar::always) for a 24x7 calendar.
    #[error("calendar has no working time: no weekday has a working interval")]
    NoWorkingTime,
    /// The yearly holidays cover all 366 days of the year, so no day is ever worked.
    ///
    /// Remove some yearly holidays.
    #[error("calendar has no working day: every day of the year is a yearly holiday")]
    NoWorkingDay,
    /// A working interval does not end after it starts.
    ///
    /// An interval may not cross midnight: split an overnight shift into two intervals, the
    /// first ending at `00:00` (which stands for the end of the day).
    #[error("working interval `{start}`-`{end}` on `{weekday}` does not end after it starts")]
    EmptyInterval {
        /// The day of the interval.
        weekday: Weekday,
        /// The interval's start, as given.
        start: NaiveTime,
        /// The interval's end, as given.
        end: NaiveTime,
    },
    /// Two working intervals of the same weekday overlap.
    ///
    /// Intervals may touch (one ends when the next starts) but not overlap; merge them.
    #[error(
        "working intervals `{}`-`{}` and `{}`-`{}` on `{weekday}` overlap",
        .first.0, .first.1, .second.0, .second.1
    )]
    OverlappingIntervals {
        /// The day of the intervals.
        weekday: Weekday,
        /// The interval that starts first, as given.
        first: (NaiveTime, NaiveTime),
        /// The interval that starts inside `first`, as given.
        second: (NaiveTime, NaiveTime),
    },
    /// A working interval starts or ends on a leap second, which no time zone shows.
    #[error("working interval on `{weekday}` uses the leap second `{time}`")]
    LeapSecond {
        /// The day of the interval.
        weekday: Weekday,
        /// The time within the leap second.
        time: NaiveTime,
    },
    /// A yearly holiday names a month and day that no year has, such as `02-30`.
    #[error("yearly holiday `{month:02}-{day:02}` is not a day of any year")]
    InvalidYearlyHoliday {
        /// The month, as given.
        month: u32,
        /// The day of the month, as given.
        day: u32,
    },
    /// A business duration to add was negative.
    ///
    /// The caller passed a negative duration; deadlines only move forward.
    #[error("business duration `{duration}` is negative")]
    NegativeDuration {
        /// The duration, as given.
        duration: TimeDelta,
    },
    /// The result lies beyond the range of `DateTime<Utc>`.
    ///
    /// The caller asked for a deadline too far in the future to represent.
    #[error("result is beyond the range of `DateTime<Utc>`")]
    OutOfRange,
}
