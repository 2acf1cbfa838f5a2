//! A walk along a calendar's working intervals, one local day at a time.

use super::Calendar;
use super::week::{DAY, floor_div};
use super::zone::ZoneWindow;

/// The local day after the last day of `DateTime<Utc>` (the year 262144), where walks stop.
const LAST_DAY: i64 = 95_026_602;

/// A position on a calendar: a local day, the next interval on it, and the offsets around it.
///
/// Intervals come out as UTC nanoseconds `[start, end)`, in order, clipped to start no earlier
/// than the instant the walk began at, and never empty.
pub(super) struct Walk<'c> {
    calendar: &'c Calendar,
    zone: ZoneWindow,
    from: i128,
    day: i64,
    slot: usize,
    holiday: i64,
}

/// A whole week ahead of a walk with neither holidays nor offset changes, so its working time
/// is the week's total.
#[derive(Clone, Copy)]
pub(super) struct PlainWeek {
    /// The instant the week ends, at local midnight after it.
    pub(super) end: i128,
    zone: ZoneWindow,
}

impl<'c> Walk<'c> {
    /// A walk that starts at the instant `from`, on its local day.
    pub(super) fn new(calendar: &'c Calendar, from: i128) -> Self {
        let mut zone = ZoneWindow::around(calendar.time_zone, from);
        let local = from + zone.offset(from);
        let day = i64::try_from(floor_div(local, DAY)).unwrap_or(LAST_DAY);
        let holiday = calendar.holidays.next_on_or_after(day);

        Self {
            calendar,
            zone,
            from,
            day,
            slot: 0,
            holiday,
        }
    }

    /// The next working interval on the current day, if any is left.
    pub(super) fn next_in_day(&mut self) -> Option<(i128, i128)> {
        if self.day == self.holiday {
            return None;
        }
        let intervals = self.calendar.week.intervals(self.day);
        while let Some(&(start, end)) = intervals.get(self.slot) {
            self.slot += 1;
            let midnight = i128::from(self.day) * DAY;
            let start = self.zone.resolve(midnight + start).max(self.from);
            let end = self.zone.resolve(midnight + end);
            if start < end {
                return Some((start, end));
            }
        }
        None
    }

    /// Moves to the start of the next local day; `None` past the range of `DateTime<Utc>`.
    pub(super) fn next_day(&mut self) -> Option<()> {
        if self.day >= LAST_DAY {
            return None;
        }
        self.day += 1;
        self.slot = 0;
        if self.day > self.holiday {
            self.holiday = self.calendar.holidays.next_on_or_after(self.day);
        }
        Some(())
    }

    /// The instant the current local day starts.
    pub(super) fn day_start(&mut self) -> i128 {
        self.zone.resolve(i128::from(self.day) * DAY)
    }

    /// The week from the start of the current day, if it is plain: no holiday, no offset
    /// change, and wholly after the walk's first instant. Call only at the start of a day.
    pub(super) fn plain_week(&self) -> Option<PlainWeek> {
        if self.holiday < self.day + 7 {
            return None;
        }
        let mut zone = self.zone;
        let start = zone.resolve(i128::from(self.day) * DAY);
        let end = zone.resolve(i128::from(self.day + 7) * DAY);

        let plain = start >= self.from && !zone.changes_within(start, end);
        plain.then_some(PlainWeek { end, zone })
    }

    /// Moves past a plain week, to the start of the day after it.
    pub(super) fn skip(&mut self, week: PlainWeek) {
        self.zone = week.zone;
        self.day += 7;
        self.slot = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::super::holidays::days_from_civil;
    use super::LAST_DAY;

    #[test]
    fn last_day_is_the_year_after_chronos_range() {
        assert_eq!(days_from_civil(262_144, 1, 1), LAST_DAY);
    }
}
