//! The UTC offsets of a time zone along a walk, found with few look-ups.

use chrono::{DateTime, Offset, TimeZone};
use chrono_tz::Tz;

use super::week::{SECOND, floor_div};

/// Nanoseconds in one hour.
const HOUR: i128 = 3_600 * SECOND;

/// How far each look-up reaches past the last. Consecutive offset changes of every zone in the
/// bundled time zone database are at least 166 hours apart, so a window this long holds at most
/// one change, and equal offsets at both ends mean none.
const WINDOW: i128 = 144 * HOUR;

/// How far before the walk's first instant the offsets are known: more than a local day plus
/// the largest offset change, so every interval of the first local day resolves correctly.
const LOOK_BACK: i128 = 30 * HOUR;

/// The offsets of a time zone from a starting instant up to `end`, as far as a walk needs them.
///
/// Before `change` the offset is `before` (back to the walk's start or the previous change);
/// from `change` to `end` it is `after`. All values are nanoseconds.
#[derive(Clone, Copy, Debug)]
pub(super) struct ZoneWindow {
    tz: Tz,
    before: i128,
    change: i128,
    after: i128,
    /// The change before `change`, kept to tell whether a whole week is free of changes.
    previous_change: i128,
    end: i128,
}

impl ZoneWindow {
    /// The offsets around `instant`, from a little before it onwards.
    pub(super) fn around(tz: Tz, instant: i128) -> Self {
        let start = instant - LOOK_BACK;
        let offset = offset_at(tz, start)
            .or_else(|| offset_at(tz, instant))
            .unwrap_or(0);
        let mut window = Self {
            tz,
            before: offset,
            change: i128::MIN,
            after: offset,
            previous_change: i128::MIN,
            end: start,
        };
        window.cover(instant);
        window
    }

    /// The offset in force at `instant`, which is not before the walk's start.
    pub(super) fn offset(&mut self, instant: i128) -> i128 {
        self.cover(instant);

        if instant < self.change {
            self.before
        } else {
            self.after
        }
    }

    /// The instant a local wall-clock time (in nanoseconds since the local epoch) stands for.
    ///
    /// A time shown twice resolves to its first occurrence; a time skipped by a gap resolves to
    /// the instant the gap ends, when the clock jumps forward.
    pub(super) fn resolve(&mut self, local: i128) -> i128 {
        self.cover(local - self.before.min(self.after));
        let early = local - self.before;
        if early < self.change {
            return early;
        }
        let late = local - self.after;

        late.max(self.change)
    }

    /// Whether the offset changes anywhere in `[from, to]`. A change at `from` itself counts:
    /// it may be the end of a gap that swallowed the first intervals of the range.
    pub(super) fn changes_within(&self, from: i128, to: i128) -> bool {
        let inside = |change: i128| from <= change && change <= to;

        inside(self.change) || inside(self.previous_change)
    }

    /// Extends the known offsets to at least `instant`.
    fn cover(&mut self, instant: i128) {
        while self.end < instant {
            self.extend();
        }
    }

    /// Learns the offsets of the next window, finding the instant of any change in it.
    fn extend(&mut self) {
        let next = self.end + WINDOW;
        if let Some(offset) = offset_at(self.tz, next).filter(|&offset| offset != self.after) {
            self.previous_change = self.change;
            self.change = first_change(self.tz, self.end, next, self.after);
            self.before = self.after;
            self.after = offset;
        }
        self.end = next;
    }
}

/// The offset of `tz` at `instant`, or `None` beyond the range of `DateTime<Utc>`.
fn offset_at(tz: Tz, instant: i128) -> Option<i128> {
    let seconds = i64::try_from(floor_div(instant, SECOND)).ok()?;
    let utc = DateTime::from_timestamp(seconds, 0)?.naive_utc();
    let offset = tz.offset_from_utc_datetime(&utc).fix().local_minus_utc();

    Some(i128::from(offset) * SECOND)
}

/// The first instant in `(from, to]` whose offset is not `old`, given that `to`'s is not.
///
/// Offsets change on whole seconds, so a binary search over seconds finds it exactly.
fn first_change(tz: Tz, from: i128, to: i128, old: i128) -> i128 {
    let mut unchanged = floor_div(from, SECOND);
    let mut changed = floor_div(to, SECOND);
    while changed - unchanged > 1 {
        let middle = unchanged + (changed - unchanged) / 2;
        if offset_at(tz, middle * SECOND) == Some(old) {
            unchanged = middle;
        } else {
            changed = middle;
        }
    }

    changed * SECOND
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use chrono_tz::Europe::Berlin;

    use super::*;

    fn nanos(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> i128 {
        let instant = Utc
            .with_ymd_and_hms(year, month, day, hour, minute, 0)
            .unwrap();
        i128::from(instant.timestamp()) * SECOND
    }

    /// A local wall-clock time in nanoseconds since the local epoch.
    fn wall(year: i32, month: u32, day: u32, hour: u32, minute: u32) -> i128 {
        nanos(year, month, day, hour, minute)
    }

    #[test]
    fn finds_the_exact_second_of_a_change() {
        let mut zone = ZoneWindow::around(Berlin, nanos(2026, 3, 27, 12, 0));
        assert_eq!(zone.offset(nanos(2026, 3, 29, 0, 59)), HOUR);
        assert_eq!(zone.offset(nanos(2026, 3, 29, 1, 0)), 2 * HOUR);
        assert_eq!(zone.change, nanos(2026, 3, 29, 1, 0));
    }

    #[test]
    fn a_time_in_a_gap_resolves_to_the_end_of_the_gap() {
        let mut zone = ZoneWindow::around(Berlin, nanos(2026, 3, 28, 12, 0));
        assert_eq!(
            zone.resolve(wall(2026, 3, 29, 2, 30)),
            nanos(2026, 3, 29, 1, 0)
        );
        assert_eq!(
            zone.resolve(wall(2026, 3, 29, 3, 30)),
            nanos(2026, 3, 29, 1, 30)
        );
        assert_eq!(
            zone.resolve(wall(2026, 3, 29, 1, 30)),
            nanos(2026, 3, 29, 0, 30)
        );
    }

    #[test]
    fn a_repeated_time_resolves_to_its_first_occurrence() {
        let mut zone = ZoneWindow::around(Berlin, nanos(2026, 10, 24, 12, 0));
        assert_eq!(
            zone.resolve(wall(2026, 10, 25, 2, 30)),
            nanos(2026, 10, 25, 0, 30)
        );
        assert_eq!(
            zone.resolve(wall(2026, 10, 25, 3, 0)),
            nanos(2026, 10, 25, 2, 0)
        );
    }

    #[test]
    fn a_week_with_a_change_is_not_free_of_changes() {
        let mut zone = ZoneWindow::around(Berlin, nanos(2026, 3, 23, 0, 0));
        let (start, end) = (nanos(2026, 3, 23, 0, 0), nanos(2026, 3, 30, 0, 0));
        zone.cover(end + 3 * WINDOW);
        assert!(zone.changes_within(start, end) || zone.change > end);
        let mut fresh = ZoneWindow::around(Berlin, start);
        fresh.cover(end);
        assert!(fresh.changes_within(start, end));
        assert!(!fresh.changes_within(nanos(2026, 4, 6, 0, 0), nanos(2026, 4, 8, 0, 0)));
    }
}
