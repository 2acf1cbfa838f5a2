//! The plain-data definition of a calendar, as a host loads it from configuration.

use chrono::{NaiveDate, NaiveTime, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// A working interval on one day: `(start, end)` in local wall-clock time, end excluded.
///
/// An end of `00:00` stands for the end of the day (24:00), so `(00:00, 00:00)` is a whole day.
pub type WorkingInterval = (NaiveTime, NaiveTime);

/// What a business calendar is made of, before it is validated by
/// [`Calendar::new`](super::Calendar::new).
///
/// It is plain data that derives serde, so hosts can load it from TOML or JSON. Its fields are
/// public and it is exhaustive on purpose: a definition is written out in full. The default is
/// UTC with no working time and no holidays, a starting point that
/// [`Calendar::new`](super::Calendar::new) rejects until some working hours are filled in.
///
/// # Examples
///
/// ```
/// use casefile::sla::calendar::{CalendarDefinition, Holiday, Week};
/// use chrono::NaiveTime;
///
/// let json = r#"{
///     "time_zone": "Europe/Berlin",
///     "week": { "monday": [["08:00", "12:00"], ["13:00", "17:00"]] },
///     "holidays": [{ "yearly": { "month": 12, "day": 25 } }, { "on": "2026-04-03" }]
/// }"#;
/// let definition: CalendarDefinition = serde_json::from_str(json)?;
/// assert_eq!(definition.time_zone, chrono_tz::Europe::Berlin);
/// assert_eq!(definition.week.monday[1].0, NaiveTime::from_hms_opt(13, 0, 0).unwrap());
/// assert_eq!(definition.holidays[0], Holiday::Yearly { month: 12, day: 25 });
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarDefinition {
    /// The IANA time zone the working hours and holidays are in.
    pub time_zone: Tz,
    /// The working hours of each weekday.
    pub week: Week,
    /// The dates that are not worked.
    #[serde(default)]
    pub holidays: Vec<Holiday>,
}

/// The working intervals of each weekday, in local wall-clock time.
///
/// A weekday may have several intervals, in any order; they may touch but not overlap, and none
/// crosses midnight (an overnight shift is two intervals, the first ending at `00:00`). A missing
/// weekday has no working time.
///
/// # Examples
///
/// ```
/// use casefile::sla::calendar::Week;
/// use chrono::{NaiveTime, Weekday};
///
/// let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
/// let five = NaiveTime::from_hms_opt(17, 0, 0).unwrap();
/// let week = Week::weekdays(nine, five);
/// assert_eq!(week.day(Weekday::Fri), &[(nine, five)]);
/// assert!(week.day(Weekday::Sat).is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Week {
    /// Monday's working intervals.
    pub monday: Vec<WorkingInterval>,
    /// Tuesday's working intervals.
    pub tuesday: Vec<WorkingInterval>,
    /// Wednesday's working intervals.
    pub wednesday: Vec<WorkingInterval>,
    /// Thursday's working intervals.
    pub thursday: Vec<WorkingInterval>,
    /// Friday's working intervals.
    pub friday: Vec<WorkingInterval>,
    /// Saturday's working intervals.
    pub saturday: Vec<WorkingInterval>,
    /// Sunday's working intervals.
    pub sunday: Vec<WorkingInterval>,
}

impl Week {
    /// A week that works from `start` to `end` on Monday to Friday and not at the weekend.
    ///
    /// # Examples
    ///
    /// ```
    /// use casefile::sla::calendar::Week;
    /// use chrono::{NaiveTime, Weekday};
    ///
    /// let eight = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
    /// let five = NaiveTime::from_hms_opt(17, 0, 0).unwrap();
    /// assert_eq!(Week::weekdays(eight, five).day(Weekday::Mon), &[(eight, five)]);
    /// ```
    #[must_use]
    pub fn weekdays(start: NaiveTime, end: NaiveTime) -> Self {
        let day = vec![(start, end)];
        Self {
            monday: day.clone(),
            tuesday: day.clone(),
            wednesday: day.clone(),
            thursday: day.clone(),
            friday: day,
            ..Self::default()
        }
    }

    /// A week that works from `start` to `end` every day; `Week::every_day(00:00, 00:00)` is
    /// around the clock.
    ///
    /// # Examples
    ///
    /// ```
    /// use casefile::sla::calendar::Week;
    /// use chrono::{NaiveTime, Weekday};
    ///
    /// let midnight = NaiveTime::MIN;
    /// assert_eq!(Week::every_day(midnight, midnight).day(Weekday::Sun), &[(midnight, midnight)]);
    /// ```
    #[must_use]
    pub fn every_day(start: NaiveTime, end: NaiveTime) -> Self {
        let day = vec![(start, end)];
        Self {
            saturday: day.clone(),
            sunday: day,
            ..Self::weekdays(start, end)
        }
    }

    /// The working intervals of `weekday`, as given.
    ///
    /// # Examples
    ///
    /// ```
    /// use casefile::sla::calendar::Week;
    /// use chrono::Weekday;
    ///
    /// assert!(Week::default().day(Weekday::Sun).is_empty());
    /// ```
    #[must_use]
    pub fn day(&self, weekday: Weekday) -> &[WorkingInterval] {
        match weekday {
            Weekday::Mon => &self.monday,
            Weekday::Tue => &self.tuesday,
            Weekday::Wed => &self.wednesday,
            Weekday::Thu => &self.thursday,
            Weekday::Fri => &self.friday,
            Weekday::Sat => &self.saturday,
            Weekday::Sun => &self.sunday,
        }
    }
}

/// A date that is not worked, as a whole local day in the calendar's time zone.
///
/// Non-exhaustive: rules such as "the fourth Thursday of November" may be added later.
///
/// # Examples
///
/// ```
/// use casefile::sla::calendar::Holiday;
/// use chrono::NaiveDate;
///
/// let christmas = Holiday::Yearly { month: 12, day: 25 };
/// let good_friday = Holiday::On(NaiveDate::from_ymd_opt(2026, 4, 3).unwrap());
/// assert_eq!(serde_json::to_string(&good_friday)?, r#"{"on":"2026-04-03"}"#);
/// # let _ = christmas;
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Holiday {
    /// One date.
    On(NaiveDate),
    /// The same month and day every year. A yearly 29 February is a holiday in leap years only.
    Yearly {
        /// The month, 1 to 12.
        month: u32,
        /// The day of the month, 1 to 31.
        day: u32,
    },
}
