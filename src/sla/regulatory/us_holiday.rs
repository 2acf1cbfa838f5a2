use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, IntoEnumIterator, IntoStaticStr};

/// A legal public holiday of the United States federal government
/// (5 U.S.C. 6103(a)), the days that are not business days for SEC filings.
///
/// Dates are computed for any year from the rules, never from a list:
/// fixed dates (New Year's Day, Juneteenth, Independence Day, Veterans Day,
/// Christmas Day) and the n-th or last weekday of a month (the others).
/// A fixed-date holiday that falls on a Saturday is observed on the Friday
/// before, one that falls on a Sunday on the Monday after (Executive Order
/// 11582), so New Year's Day of 2028, a Saturday, is observed on Friday
/// 31 December 2027.
///
/// ```
/// use casefile::sla::regulatory::UsFederalHoliday;
/// use chrono::NaiveDate;
///
/// let date = NaiveDate::from_ymd_opt(2027, 12, 31).unwrap();
/// assert_eq!(UsFederalHoliday::observed_on(date), Some(UsFederalHoliday::NewYearsDay));
/// ```
///
/// # Limitations
///
/// The rules are those in force since 2021. Juneteenth is a holiday from
/// 2021 and Martin Luther King Jr. Day from 1986; otherwise earlier years
/// get today's rules (Veterans Day was on a Monday in October from 1971 to
/// 1977). Days the government closes by executive order (a national day of
/// mourning, an extra day at Christmas) are not included.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    Display,
    EnumIter,
    IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum UsFederalHoliday {
    /// 1 January.
    NewYearsDay,
    /// Birthday of Martin Luther King, Jr.: the third Monday in January.
    MartinLutherKingJrDay,
    /// Washington's Birthday: the third Monday in February.
    WashingtonsBirthday,
    /// The last Monday in May.
    MemorialDay,
    /// Juneteenth National Independence Day: 19 June.
    Juneteenth,
    /// 4 July.
    IndependenceDay,
    /// The first Monday in September.
    LaborDay,
    /// The second Monday in October.
    ColumbusDay,
    /// 11 November.
    VeteransDay,
    /// The fourth Thursday in November.
    ThanksgivingDay,
    /// 25 December.
    ChristmasDay,
}

impl UsFederalHoliday {
    /// The date of the holiday in `year`, before the weekend rule; `None`
    /// for a year before the holiday existed or outside chrono's range.
    pub fn date_in(self, year: i32) -> Option<NaiveDate> {
        let fixed = |month, day| NaiveDate::from_ymd_opt(year, month, day);
        let nth = |month, weekday, n| NaiveDate::from_weekday_of_month_opt(year, month, weekday, n);
        match self {
            Self::NewYearsDay => fixed(1, 1),
            Self::MartinLutherKingJrDay if year >= 1986 => nth(1, Weekday::Mon, 3),
            Self::WashingtonsBirthday => nth(2, Weekday::Mon, 3),
            Self::MemorialDay => nth(5, Weekday::Mon, 5).or_else(|| nth(5, Weekday::Mon, 4)),
            Self::Juneteenth if year >= 2021 => fixed(6, 19),
            Self::IndependenceDay => fixed(7, 4),
            Self::LaborDay => nth(9, Weekday::Mon, 1),
            Self::ColumbusDay => nth(10, Weekday::Mon, 2),
            Self::VeteransDay => fixed(11, 11),
            Self::ThanksgivingDay => nth(11, Weekday::Thu, 4),
            Self::ChristmasDay => fixed(12, 25),
            Self::MartinLutherKingJrDay | Self::Juneteenth => None,
        }
    }

    /// The day the holiday of `year` is observed: its date, moved to the
    /// Friday before from a Saturday and to the Monday after from a Sunday.
    /// The observed day may fall in the year before (New Year's Day).
    pub fn observed_in(self, year: i32) -> Option<NaiveDate> {
        let date = self.date_in(year)?;
        match date.weekday() {
            Weekday::Sat => date.pred_opt(),
            Weekday::Sun => date.succ_opt(),
            _ => Some(date),
        }
    }

    /// The holiday observed on `date`, if any.
    pub fn observed_on(date: NaiveDate) -> Option<Self> {
        let year = date.year();
        Self::iter().find(|holiday| {
            holiday.observed_in(year) == Some(date)
                || holiday.observed_in(year.saturating_add(1)) == Some(date)
        })
    }

    /// The holidays observed in `year`, in date order, with their observed
    /// dates. A New Year's Day observed on 31 December of the year before
    /// belongs to that year, not to this one.
    pub fn observed_during(year: i32) -> Vec<(NaiveDate, Self)> {
        let mut days: Vec<_> = Self::iter()
            .flat_map(|holiday| {
                let this = holiday.observed_in(year);
                let next = holiday.observed_in(year.saturating_add(1));
                [this, next]
                    .into_iter()
                    .flatten()
                    .map(move |d| (d, holiday))
            })
            .filter(|(date, _)| date.year() == year)
            .collect();
        days.sort_unstable();
        days.dedup();
        days
    }
}

/// Whether `date` is a US business day: not a Saturday or Sunday, and not
/// the observed day of a [`UsFederalHoliday`] (the SEC's definition of a
/// business day, 17 CFR 240.0-3).
pub fn is_us_business_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
        && UsFederalHoliday::observed_on(date).is_none()
}

/// The date `days` US business days after `date`: the day of `date` itself
/// does not count (whether or not it is a business day), and each
/// following business day counts one. Zero days gives `date`.
///
/// `None` past the end of chrono's calendar.
///
/// ```
/// use casefile::sla::regulatory::add_us_business_days;
/// use chrono::NaiveDate;
///
/// // Friday 3 July 2026 is the observed Independence Day.
/// let thursday = NaiveDate::from_ymd_opt(2026, 7, 2).unwrap();
/// let due = add_us_business_days(thursday, 1);
/// assert_eq!(due, NaiveDate::from_ymd_opt(2026, 7, 6));
/// ```
pub fn add_us_business_days(date: NaiveDate, days: u32) -> Option<NaiveDate> {
    let mut day = date;
    for _ in 0..days {
        day = next_us_business_day(day)?;
    }
    Some(day)
}

fn next_us_business_day(date: NaiveDate) -> Option<NaiveDate> {
    let mut day = date.checked_add_days(Days::new(1))?;
    while !is_us_business_day(day) {
        day = day.checked_add_days(Days::new(1))?;
    }
    Some(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn holidays_of_2026_as_opm_lists_them() {
        let days: Vec<_> = UsFederalHoliday::observed_during(2026)
            .into_iter()
            .map(|(d, _)| d)
            .collect();
        let expected = [
            date(2026, 1, 1),
            date(2026, 1, 19),
            date(2026, 2, 16),
            date(2026, 5, 25),
            date(2026, 6, 19),
            date(2026, 7, 3),
            date(2026, 9, 7),
            date(2026, 10, 12),
            date(2026, 11, 11),
            date(2026, 11, 26),
            date(2026, 12, 25),
        ];
        assert_eq!(days, expected);
    }

    #[test]
    fn new_years_day_on_a_saturday_is_observed_the_year_before() {
        let in_2027 = UsFederalHoliday::observed_during(2027);
        assert_eq!(
            in_2027.last(),
            Some(&(date(2027, 12, 31), UsFederalHoliday::NewYearsDay))
        );
        let in_2028 = UsFederalHoliday::observed_during(2028);
        assert_ne!(in_2028[0].1, UsFederalHoliday::NewYearsDay);
    }

    #[test]
    fn sunday_holidays_move_to_monday() {
        // Juneteenth 2022 and Christmas 2022 fell on Sundays.
        assert!(!is_us_business_day(date(2022, 6, 20)));
        assert!(!is_us_business_day(date(2022, 12, 26)));
        assert!(is_us_business_day(date(2022, 12, 23)));
    }

    #[test]
    fn juneteenth_starts_in_2021() {
        assert!(is_us_business_day(date(2020, 6, 19)));
        assert!(!is_us_business_day(date(2021, 6, 18)));
    }

    #[test]
    fn adding_past_the_end_of_the_calendar_is_none() {
        assert_eq!(add_us_business_days(NaiveDate::MAX, 1), None);
    }
}
