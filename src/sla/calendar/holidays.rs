//! Holidays compiled into day numbers, with the civil-date arithmetic they need.

use chrono::{Datelike, NaiveDate};

use super::{CalendarError, Holiday};

/// Days of the year a yearly holiday can fall on, counting 29 February.
const DAYS_IN_LEAP_YEAR: usize = 366;

/// The longest run of years without a 29 February (2096 to 2104), plus one.
const YEARS_TO_SEARCH: i64 = 9;

/// Holidays as local day numbers (days since 1970-01-01), ready to search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct HolidayTable {
    /// One-off holidays, sorted, without duplicates.
    dates: Vec<i64>,
    /// Yearly holidays as `(month, day)`, sorted, without duplicates.
    yearly: Vec<(u32, u32)>,
}

impl HolidayTable {
    /// Validates and sorts `holidays`.
    pub(super) fn compile(holidays: &[Holiday]) -> Result<Self, CalendarError> {
        let mut table = Self::default();
        for holiday in holidays {
            table.insert(*holiday)?;
        }
        table.dates.sort_unstable();
        table.dates.dedup();
        table.yearly.sort_unstable();
        table.yearly.dedup();

        if table.yearly.len() == DAYS_IN_LEAP_YEAR {
            return Err(CalendarError::NoWorkingDay);
        }
        Ok(table)
    }

    /// Whether there are no holidays at all.
    pub(super) fn is_empty(&self) -> bool {
        self.dates.is_empty() && self.yearly.is_empty()
    }

    /// The first holiday on or after `day`, or `i64::MAX` if there is none.
    pub(super) fn next_on_or_after(&self, day: i64) -> i64 {
        let index = self.dates.partition_point(|&date| date < day);
        let one_off = self.dates.get(index).copied().unwrap_or(i64::MAX);

        one_off.min(self.next_yearly(day))
    }

    fn insert(&mut self, holiday: Holiday) -> Result<(), CalendarError> {
        match holiday {
            Holiday::On(date) => self.dates.push(day_number(date)),
            Holiday::Yearly { month, day } => {
                if NaiveDate::from_ymd_opt(2000, month, day).is_none() {
                    return Err(CalendarError::InvalidYearlyHoliday { month, day });
                }
                self.yearly.push((month, day));
            }
        }
        Ok(())
    }

    /// The first yearly holiday on or after `day`, or `i64::MAX` if there is none.
    fn next_yearly(&self, day: i64) -> i64 {
        if self.yearly.is_empty() {
            return i64::MAX;
        }
        let (year, month, day_of_month) = civil_from_days(day);
        let first = self
            .yearly
            .partition_point(|&md| md < (month, day_of_month));
        let later_years = (1..YEARS_TO_SEARCH).map(|offset| (year + offset, 0));

        std::iter::once((year, first))
            .chain(later_years)
            .find_map(|(year, from)| self.first_in_year(year, from))
            .unwrap_or(i64::MAX)
    }

    /// The first yearly holiday of `year` from index `from` that exists in that year.
    fn first_in_year(&self, year: i64, from: usize) -> Option<i64> {
        let candidates = self.yearly.get(from..)?.iter();

        candidates
            .copied()
            .find(|&(month, day)| exists(year, month, day))
            .map(|(month, day)| days_from_civil(year, month, day))
    }
}

/// Days from 1970-01-01 to `date`.
pub(super) fn day_number(date: NaiveDate) -> i64 {
    days_from_civil(i64::from(date.year()), date.month(), date.day())
}

/// Whether `year` has the given month and day (that is, 29 February only in leap years).
fn exists(year: i64, month: u32, day: u32) -> bool {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);

    month != 2 || day != 29 || leap
}

/// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's algorithm).
pub(super) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (i64::from(month) + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date of a day number, as `(year, month, day)`.
pub(super) fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);

    (year, small(month), small(day))
}

/// A month or day of the month, which always fits.
fn small(value: i64) -> u32 {
    u32::try_from(value).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn civil_round_trips_against_chrono() {
        for date in [
            date(1970, 1, 1),
            date(2000, 2, 29),
            date(-400, 3, 1),
            date(2026, 12, 31),
        ] {
            let days = day_number(date);
            let epoch = date
                .signed_duration_since(self::date(1970, 1, 1))
                .num_days();
            assert_eq!(days, epoch);
            let (y, m, d) = civil_from_days(days);
            assert_eq!(
                (y, m, d),
                (i64::from(date.year()), date.month(), date.day())
            );
        }
    }

    #[test]
    fn yearly_29_february_waits_for_a_leap_year() {
        let table = HolidayTable::compile(&[Holiday::Yearly { month: 2, day: 29 }]).unwrap();
        let next = table.next_on_or_after(day_number(date(2097, 1, 1)));
        assert_eq!(next, day_number(date(2104, 2, 29)));
    }

    #[test]
    fn next_holiday_takes_the_earlier_of_both_kinds() {
        let holidays = [
            Holiday::Yearly { month: 12, day: 25 },
            Holiday::On(date(2026, 12, 24)),
        ];
        let table = HolidayTable::compile(&holidays).unwrap();
        let from = day_number(date(2026, 12, 1));
        assert_eq!(table.next_on_or_after(from), day_number(date(2026, 12, 24)));
        let after = day_number(date(2026, 12, 26));
        assert_eq!(
            table.next_on_or_after(after),
            day_number(date(2027, 12, 25))
        );
    }

    #[test]
    fn no_holidays_means_never() {
        assert_eq!(HolidayTable::default().next_on_or_after(0), i64::MAX);
    }
}
