//! Business calendars: working hours per weekday in an IANA time zone, minus holidays, and the
//! arithmetic of business time on them.
//!
//! A [`CalendarDefinition`] is plain data (serde) naming a time zone, the working intervals of
//! each weekday ([`Week`]) and the [`Holiday`]s. [`Calendar::new`] validates it into a
//! [`Calendar`], rejecting a definition without working time or with a malformed interval with
//! a [`CalendarError`] that names the weekday and interval. [`Calendar::always`] is the 24x7
//! calendar. On a calendar, [`Calendar::add`] finds the deadline a business duration after an
//! instant, [`Calendar::between`] measures the business time between two instants, and
//! [`Calendar::is_working`] and [`Calendar::next_working_instant`] locate working time.
//!
//! # Examples
//!
//! ```
//! use casefile::sla::calendar::{Calendar, CalendarDefinition, Holiday, Week};
//! use chrono::{NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc};
//!
//! let eight = NaiveTime::from_hms_opt(8, 0, 0).unwrap();
//! let five = NaiveTime::from_hms_opt(17, 0, 0).unwrap();
//! let new_years_eve = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
//! let calendar = Calendar::new(CalendarDefinition {
//!     time_zone: chrono_tz::Europe::Berlin,
//!     week: Week::weekdays(eight, five),
//!     holidays: vec![Holiday::Yearly { month: 12, day: 25 }, Holiday::On(new_years_eve)],
//! })?;
//!
//! // Thursday 24 December 2026, 16:00 in Berlin (15:00 UTC), plus 4 business hours: one hour
//! // on Thursday, none on Christmas Day or the weekend, then three hours on Monday.
//! let start = Utc.with_ymd_and_hms(2026, 12, 24, 15, 0, 0).unwrap();
//! let due = calendar.add(start, TimeDelta::hours(4))?;
//! assert_eq!(due, Utc.with_ymd_and_hms(2026, 12, 28, 10, 0, 0).unwrap());
//! # Ok::<(), casefile::sla::calendar::CalendarError>(())
//! ```
//!
//! # Conventions
//!
//! - **Working time** is the set of instants inside a working interval of a day that is not a
//!   holiday, each interval `[start, end)` in local wall-clock time. A holiday removes its
//!   whole local day. An interval end of `00:00` stands for the end of the day (24:00); no
//!   interval crosses midnight, so an overnight shift is written as two intervals.
//! - **Closing time.** [`Calendar::add`] returns the *earliest* instant at which the duration
//!   has elapsed. A deadline that uses up an interval exactly is its closing instant: on
//!   Mon-Fri 08:00-17:00, Friday 16:00 plus one hour is Friday 17:00, not Monday 08:00. Adding
//!   zero returns the start unchanged, even outside working time. Because the result is the
//!   earliest such instant, adding is additive without exception:
//!   `add(add(s, a)?, b) == add(s, a + b)` for all non-negative `a` and `b`.
//! - **Daylight-saving changes.** Each interval boundary is resolved to an instant, and the
//!   business time of an interval is the real time elapsed between its two instants. A wall
//!   time skipped by a spring-forward gap resolves to the instant the gap ends, so the skipped
//!   hour is not worked (00:00-06:00 on a spring-forward night is 5 hours). A wall time shown
//!   twice in a fall-back overlap resolves to its first occurrence, so an interval that spans
//!   the whole overlap counts the repeated hour (00:00-06:00 is 7 hours), while an interval
//!   that ends inside it ends at the first occurrence.
//! - **Reversed ranges.** [`Calendar::between`] of `to` before (or at) `from` is zero: business
//!   time is a measure of a set of instants, never negative.
//! - **Precision and leap seconds.** Arithmetic is exact to the nanosecond. A leap second in an
//!   input instant counts as the second after it; working intervals may not use leap seconds.
//!
//! # Limitations
//!
//! - Offsets come from the time zone database bundled with `chrono-tz`, which lists explicit
//!   changes only up to a zone-dependent year (2037 for most zones with daylight saving time);
//!   later instants keep the last listed offset, so no daylight saving time applies then.
//! - Offsets are looked up once per 144 hours walked, which assumes consecutive offset changes
//!   are more than 144 hours apart. That holds for every zone of the bundled database (the
//!   closest pair is 166 hours apart); a database that broke it could misplace a deadline near
//!   the second change.
//! - Holidays are whole local days, given as dates or as a yearly month and day. Rules such as
//!   "the fourth Thursday of November" or Easter-based dates must be listed as dates.
//! - Working hours are the same every week: there are no per-date exceptions such as a half
//!   day on 24 December other than making the whole day a holiday.
//! - The cost of [`Calendar::add`] and [`Calendar::between`] grows with the number of weeks
//!   crossed (weeks without holidays or offset changes cost one step each), and with the days
//!   of weeks that have them.

#[expect(
    clippy::module_inception,
    reason = "the file holds the module's headline type"
)]
mod calendar;
mod definition;
mod error;
mod holidays;
mod walk;
mod week;
mod zone;

pub use calendar::Calendar;
pub use definition::{CalendarDefinition, Holiday, Week, WorkingInterval};
pub use error::CalendarError;
