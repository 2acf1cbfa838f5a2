//! The validated business calendar and its arithmetic.

use chrono::{DateTime, NaiveTime, TimeDelta, Utc};
use chrono_tz::Tz;

use super::holidays::HolidayTable;
use super::walk::Walk;
use super::week::{DAY, SECOND, WorkingWeek, floor_div};
use super::{CalendarDefinition, CalendarError, Week};

/// `DateTime::<Utc>::MAX_UTC` in nanoseconds since the Unix epoch.
const LATEST: i128 = 8_210_266_876_799_999_999_999;

/// A validated business calendar: working hours per weekday in a time zone, minus holidays.
///
/// Built once from a [`CalendarDefinition`] by [`Calendar::new`], or as the 24x7 calendar by
/// [`Calendar::always`]; every computation on it is then infallible except for arguments out
/// of range. The [module documentation](super) states the conventions for closing time,
/// daylight-saving changes and reversed ranges.
///
/// # Examples
///
/// ```
/// use casefile::sla::calendar::{Calendar, CalendarDefinition, Week};
/// use chrono::{NaiveTime, TimeDelta, TimeZone, Utc};
///
/// let eight = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
/// let five = NaiveTime::from_hms_opt(17, 0, 0).unwrap();
/// let calendar = Calendar::new(CalendarDefinition {
///     time_zone: chrono_tz::UTC,
///     week: Week::weekdays(eight, five),
///     holidays: Vec::new(),
/// })?;
///
/// // Friday 16:00 plus 4 business hours: one hour on Friday, three on Monday.
/// let friday = Utc.with_ymd_and_hms(2026, 1, 9, 16, 0, 0).unwrap();
/// let due = calendar.add(friday, TimeDelta::hours(4))?;
/// assert_eq!(due, Utc.with_ymd_and_hms(2026, 1, 12, 11, 0, 0).unwrap());
/// assert_eq!(calendar.between(friday, due), TimeDelta::hours(4));
/// # Ok::<(), casefile::sla::calendar::CalendarError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    pub(super) time_zone: Tz,
    pub(super) week: WorkingWeek,
    pub(super) holidays: HolidayTable,
    always: bool,
    definition: CalendarDefinition,
}

impl Calendar {
    /// Validates `definition` into a calendar.
    ///
    /// # Errors
    ///
    /// - [`CalendarError::EmptyInterval`] if an interval does not end after it starts;
    /// - [`CalendarError::OverlappingIntervals`] if two intervals of a weekday overlap;
    /// - [`CalendarError::LeapSecond`] if an interval starts or ends on a leap second;
    /// - [`CalendarError::NoWorkingTime`] if no weekday has working time;
    /// - [`CalendarError::InvalidYearlyHoliday`] if a yearly holiday is not a day of any year;
    /// - [`CalendarError::NoWorkingDay`] if every day of the year is a yearly holiday.
    ///
    /// # Examples
    ///
    /// ```
    /// use casefile::sla::calendar::{Calendar, CalendarDefinition, CalendarError, Week};
    /// use chrono::{NaiveTime, Weekday};
    ///
    /// let five = NaiveTime::from_hms_opt(17, 0, 0).unwrap();
    /// let eight = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
    /// let week = Week::weekdays(five, eight);
    /// let backwards = CalendarDefinition { week, ..Default::default() };
    /// let error = Calendar::new(backwards).unwrap_err();
    /// assert_eq!(
    ///     error.to_string(),
    ///     "working interval `17:00:00`-`08:00:00` on `Mon` does not end after it starts",
    /// );
    /// ```
    pub fn new(definition: CalendarDefinition) -> Result<Self, CalendarError> {
        let week = WorkingWeek::compile(&definition.week)?;
        let holidays = HolidayTable::compile(&definition.holidays)?;
        let always = week.is_always() && holidays.is_empty();

        Ok(Self {
            time_zone: definition.time_zone,
            week,
            holidays,
            always,
            definition,
        })
    }

    /// The 24x7 calendar, in which business time is elapsed time.
    ///
    /// # Examples
    ///
    /// ```
    /// use casefile::sla::calendar::Calendar;
    /// use chrono::{TimeDelta, TimeZone, Utc};
    ///
    /// let start = Utc.with_ymd_and_hms(2026, 12, 31, 23, 0, 0).unwrap();
    /// let due = Calendar::always().add(start, TimeDelta::hours(2))?;
    /// assert_eq!(due, Utc.with_ymd_and_hms(2027, 1, 1, 1, 0, 0).unwrap());
    /// # Ok::<(), casefile::sla::calendar::CalendarError>(())
    /// ```
    #[must_use]
    pub fn always() -> Self {
        let definition = CalendarDefinition {
            time_zone: Tz::UTC,
            week: Week::every_day(NaiveTime::MIN, NaiveTime::MIN),
            holidays: Vec::new(),
        };
        let (week, holidays) = (WorkingWeek::always(), HolidayTable::default());

        Self {
            time_zone: Tz::UTC,
            week,
            holidays,
            always: true,
            definition,
        }
    }

    /// The definition this calendar was built from.
    ///
    /// # Examples
    ///
    /// ```
    /// use casefile::sla::calendar::Calendar;
    ///
    /// assert_eq!(Calendar::always().definition().time_zone, chrono_tz::UTC);
    /// ```
    #[must_use]
    pub fn definition(&self) -> &CalendarDefinition {
        &self.definition
    }

    /// The earliest instant at which `duration` of business time has elapsed since `start`.
    ///
    /// Adding zero returns `start` unchanged, even outside working time. A deadline that uses
    /// up a working interval exactly is that interval's closing instant, not the next opening.
    /// The cost grows with the calendar days crossed (whole plain weeks are skipped at once),
    /// not with the length of `duration`.
    ///
    /// # Errors
    ///
    /// - [`CalendarError::NegativeDuration`] if `duration` is negative;
    /// - [`CalendarError::OutOfRange`] if the deadline is beyond the range of `DateTime<Utc>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use casefile::sla::calendar::{Calendar, CalendarDefinition, Week};
    /// use chrono::{NaiveTime, TimeDelta, TimeZone, Utc};
    ///
    /// let eight = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
    /// let five = NaiveTime::from_hms_opt(17, 0, 0).unwrap();
    /// let week = Week::weekdays(eight, five);
    /// let calendar = Calendar::new(CalendarDefinition { week, ..Default::default() })?;
    ///
    /// // Friday 16:00 plus one hour closes Friday at 17:00.
    /// let friday = Utc.with_ymd_and_hms(2026, 1, 9, 16, 0, 0).unwrap();
    /// let due = calendar.add(friday, TimeDelta::hours(1))?;
    /// assert_eq!(due, Utc.with_ymd_and_hms(2026, 1, 9, 17, 0, 0).unwrap());
    /// # Ok::<(), casefile::sla::calendar::CalendarError>(())
    /// ```
    pub fn add(
        &self,
        start: DateTime<Utc>,
        duration: TimeDelta,
    ) -> Result<DateTime<Utc>, CalendarError> {
        if duration < TimeDelta::zero() {
            return Err(CalendarError::NegativeDuration { duration });
        }
        if duration.is_zero() {
            return Ok(start);
        }
        let (start, amount) = (nanos_of_instant(start), nanos_of_duration(duration));
        // Business time never runs faster than real time, so this deadline is out of range too.
        if start + amount > LATEST {
            return Err(CalendarError::OutOfRange);
        }
        let due = if self.always {
            Some(start + amount)
        } else {
            self.walk_add(start, amount)
        };

        due.and_then(instant_of_nanos)
            .ok_or(CalendarError::OutOfRange)
    }

    /// The business time in `[from, to)`; zero when `to` is not after `from`.
    ///
    /// Business time is a measure of working instants, so it is never negative: a reversed
    /// range is empty. Compare the instants first when a signed answer is needed.
    ///
    /// # Examples
    ///
    /// ```
    /// use casefile::sla::calendar::{Calendar, CalendarDefinition, Week};
    /// use chrono::{NaiveTime, TimeDelta, TimeZone, Utc};
    ///
    /// let eight = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
    /// let five = NaiveTime::from_hms_opt(17, 0, 0).unwrap();
    /// let week = Week::weekdays(eight, five);
    /// let calendar = Calendar::new(CalendarDefinition { week, ..Default::default() })?;
    ///
    /// let friday = Utc.with_ymd_and_hms(2026, 1, 9, 16, 0, 0).unwrap();
    /// let monday = Utc.with_ymd_and_hms(2026, 1, 12, 10, 0, 0).unwrap();
    /// assert_eq!(calendar.between(friday, monday), TimeDelta::hours(3));
    /// assert_eq!(calendar.between(monday, friday), TimeDelta::zero());
    /// # Ok::<(), casefile::sla::calendar::CalendarError>(())
    /// ```
    #[must_use]
    pub fn between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> TimeDelta {
        if to <= from {
            return TimeDelta::zero();
        }
        let (from, to) = (nanos_of_instant(from), nanos_of_instant(to));
        let total = if self.always {
            to - from
        } else {
            self.walk_between(from, to)
        };

        duration_of_nanos(total)
    }

    /// Whether `instant` lies in working time.
    ///
    /// Working intervals include their opening instant and exclude their closing instant.
    ///
    /// # Examples
    ///
    /// ```
    /// use casefile::sla::calendar::{Calendar, CalendarDefinition, Week};
    /// use chrono::{NaiveTime, TimeZone, Utc};
    ///
    /// let eight = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
    /// let five = NaiveTime::from_hms_opt(17, 0, 0).unwrap();
    /// let week = Week::weekdays(eight, five);
    /// let calendar = Calendar::new(CalendarDefinition { week, ..Default::default() })?;
    ///
    /// assert!(calendar.is_working(Utc.with_ymd_and_hms(2026, 1, 9, 8, 0, 0).unwrap()));
    /// assert!(!calendar.is_working(Utc.with_ymd_and_hms(2026, 1, 9, 17, 0, 0).unwrap()));
    /// # Ok::<(), casefile::sla::calendar::CalendarError>(())
    /// ```
    #[must_use]
    pub fn is_working(&self, instant: DateTime<Utc>) -> bool {
        let nanos = nanos_of_instant(instant);

        self.always
            || self
                .first_interval(nanos)
                .is_some_and(|(start, _)| start == nanos)
    }

    /// The first working instant at or after `instant`: `instant` itself in working time,
    /// otherwise the next opening.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] if no working time remains before the end of the range of
    /// `DateTime<Utc>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use casefile::sla::calendar::{Calendar, CalendarDefinition, Week};
    /// use chrono::{NaiveTime, TimeZone, Utc};
    ///
    /// let eight = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
    /// let five = NaiveTime::from_hms_opt(17, 0, 0).unwrap();
    /// let week = Week::weekdays(eight, five);
    /// let calendar = Calendar::new(CalendarDefinition { week, ..Default::default() })?;
    ///
    /// let saturday = Utc.with_ymd_and_hms(2026, 1, 10, 12, 0, 0).unwrap();
    /// let monday = Utc.with_ymd_and_hms(2026, 1, 12, 8, 0, 0).unwrap();
    /// assert_eq!(calendar.next_working_instant(saturday)?, monday);
    /// # Ok::<(), casefile::sla::calendar::CalendarError>(())
    /// ```
    pub fn next_working_instant(
        &self,
        instant: DateTime<Utc>,
    ) -> Result<DateTime<Utc>, CalendarError> {
        if self.always {
            return Ok(instant);
        }
        let nanos = nanos_of_instant(instant);
        let opening = self.first_interval(nanos).map(|(start, _)| start);

        opening
            .and_then(instant_of_nanos)
            .ok_or(CalendarError::OutOfRange)
    }

    /// Walks from `start` until `amount` nanoseconds of business time have elapsed.
    fn walk_add(&self, start: i128, amount: i128) -> Option<i128> {
        let mut walk = Walk::new(self, start);
        let mut remaining = amount;
        loop {
            while let Some((opening, closing)) = walk.next_in_day() {
                if remaining <= closing - opening {
                    return Some(opening + remaining);
                }
                remaining -= closing - opening;
            }
            walk.next_day()?;
            while remaining > self.week.total() {
                let Some(week) = walk.plain_week() else { break };
                walk.skip(week);
                remaining -= self.week.total();
            }
        }
    }

    /// Sums the business time in `[from, to)`, with `from < to`.
    fn walk_between(&self, from: i128, to: i128) -> i128 {
        let mut walk = Walk::new(self, from);
        let mut total = 0;
        loop {
            while let Some((opening, closing)) = walk.next_in_day() {
                if opening >= to {
                    return total;
                }
                total += closing.min(to) - opening;
            }
            if walk.next_day().is_none() || walk.day_start() >= to {
                return total;
            }
            while walk.day_start() + 6 * DAY < to {
                let Some(week) = walk.plain_week().filter(|week| week.end <= to) else {
                    break;
                };
                walk.skip(week);
                total += self.week.total();
            }
        }
    }

    /// The first working interval that ends after `from`, clipped to start at `from` or later.
    fn first_interval(&self, from: i128) -> Option<(i128, i128)> {
        let mut walk = Walk::new(self, from);
        loop {
            if let Some(interval) = walk.next_in_day() {
                return Some(interval);
            }
            walk.next_day()?;
        }
    }
}

/// Nanoseconds since the Unix epoch; a leap second counts as the second after it.
fn nanos_of_instant(instant: DateTime<Utc>) -> i128 {
    i128::from(instant.timestamp()) * SECOND + i128::from(instant.timestamp_subsec_nanos())
}

/// The instant `nanos` after the Unix epoch, if `DateTime<Utc>` can hold it.
fn instant_of_nanos(nanos: i128) -> Option<DateTime<Utc>> {
    let seconds = floor_div(nanos, SECOND);
    let subsecond = u32::try_from(nanos - seconds * SECOND).ok()?;

    DateTime::from_timestamp(i64::try_from(seconds).ok()?, subsecond)
}

/// The length of `duration` in nanoseconds.
fn nanos_of_duration(duration: TimeDelta) -> i128 {
    i128::from(duration.num_seconds()) * SECOND + i128::from(duration.subsec_nanos())
}

/// A non-negative number of nanoseconds as a duration, saturating at the longest one.
fn duration_of_nanos(nanos: i128) -> TimeDelta {
    let seconds = floor_div(nanos, SECOND);
    let subsecond = u32::try_from(nanos - seconds * SECOND).unwrap_or(0);

    i64::try_from(seconds)
        .ok()
        .and_then(|seconds| TimeDelta::new(seconds, subsecond))
        .unwrap_or(TimeDelta::MAX)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn nanosecond_conversions_round_trip() {
        let instant =
            Utc.with_ymd_and_hms(1969, 12, 31, 23, 59, 59).unwrap() + TimeDelta::nanoseconds(123);
        assert_eq!(instant_of_nanos(nanos_of_instant(instant)), Some(instant));
        let duration = TimeDelta::new(90_061, 5).unwrap();
        assert_eq!(duration_of_nanos(nanos_of_duration(duration)), duration);
    }

    #[test]
    fn latest_is_the_last_instant() {
        assert_eq!(LATEST, nanos_of_instant(DateTime::<Utc>::MAX_UTC));
    }

    #[test]
    fn instants_beyond_the_range_are_none() {
        let last = nanos_of_instant(DateTime::<Utc>::MAX_UTC);
        assert_eq!(instant_of_nanos(last + 1), None);
        assert_eq!(instant_of_nanos(last), Some(DateTime::<Utc>::MAX_UTC));
    }

    #[test]
    fn a_definition_worked_around_the_clock_is_always() {
        let week = Week::every_day(NaiveTime::MIN, NaiveTime::MIN);
        let calendar = Calendar::new(CalendarDefinition {
            week,
            ..Default::default()
        })
        .unwrap();
        assert!(calendar.always);
        assert_eq!(calendar.week, Calendar::always().week);
    }
}
