//! Regulatory notification clocks: the deadlines set by law for reporting
//! an incident, started by facts recorded on a case.
//!
//! An [`Obligation`] is data: an id, a regime, the report it asks for, its
//! legal basis, the [`Clock`] that attaches it to a case (a [`Fact`] and a
//! [`Period`]), and optional further clocks that can only make it due
//! earlier. [`Obligations`] is a validated table of them; it gives a case's
//! [`Deadline`]s at any instant. A report is submitted by recording
//! [`Fact::ReportSubmitted`] with the obligation's id and the time of the
//! submission, and that fact can start the next obligation of a chain.
//!
//! ```
//! use std::collections::BTreeMap;
//! use casefile::case::Fact;
//! use casefile::sla::regulatory::{DeadlineStatus, Obligations};
//!
//! let facts = BTreeMap::from([
//!     (Fact::PersonalDataBreach, "2026-03-02T02:10:00Z".parse()?),
//! ]);
//! let now = "2026-03-03T09:00:00Z".parse()?;
//! let deadlines = Obligations::builtin().deadlines_for(&facts, now);
//!
//! assert_eq!(deadlines[0].obligation.as_str(), "gdpr-art33");
//! assert_eq!(deadlines[0].due.to_rfc3339(), "2026-03-05T02:10:00+00:00");
//! assert_eq!(deadlines[0].status, DeadlineStatus::Pending);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The built-in table
//!
//! [`Obligations::builtin`] holds these; a host keeps the regimes it is
//! subject to ([`Obligations::retain_regimes`]) and adds its own
//! ([`Obligations::with`]).
//!
//! | id | report | due | from |
//! |---|---|---|---|
//! | `gdpr-art33` | notify the supervisory authority | 72 hours | [`Fact::PersonalDataBreach`] |
//! | `nis2-early-warning` | early warning | 24 hours | [`Fact::SignificantIncident`] |
//! | `nis2-notification` | incident notification | 72 hours | [`Fact::SignificantIncident`] |
//! | `nis2-final-report` | final report | 1 calendar month | submission of `nis2-notification` |
//! | `dora-initial` | initial notification | 4 hours, and no later than 24 hours from [`Fact::SignificantIncident`] | [`Fact::ClassifiedMajor`] |
//! | `dora-intermediate` | intermediate report | 72 hours | submission of `dora-initial` |
//! | `dora-final` | final report | 1 calendar month | submission of `dora-intermediate` |
//! | `sec-8k-1.05` | Form 8-K Item 1.05 | 4 US business days | [`Fact::MaterialityDetermined`] |
//! | `hipaa-164.404` | notify individuals | 60 calendar days | [`Fact::HealthDataBreach`] |
//! | `circia-incident` | covered cyber incident report | 72 hours | [`Fact::CoveredIncident`] |
//! | `circia-ransom` | ransom payment report | 24 hours | [`Fact::RansomPaid`] |
//!
//! The CIRCIA entries follow the rule CISA *proposed* in April 2024
//! (89 FR 23644); the final rule was not in force when they were written,
//! and its periods or triggers may differ. [`Fact::SignificantIncident`]
//! is awareness for both NIS2 and DORA, so a host under only one of them
//! drops the other.
//!
//! # Counting
//!
//! - **Hours** are wall-clock hours from the instant the fact became true.
//! - **Calendar days and months** are counted in the obligation's time zone
//!   (built-in: `Europe/Brussels` for GDPR, NIS2 and DORA,
//!   `America/New_York` for SEC, HIPAA and CIRCIA; UTC when a host's
//!   obligation names none). The day the fact became true does not count;
//!   the period ends at the end of its last day (24:00 local time, written
//!   as the next day's 00:00). A period in months ends on the same date,
//!   clamped to the last day of a shorter month.
//! - **US business days** are counted the same way in the obligation's
//!   zone (`America/New_York` for the SEC), skipping Saturdays, Sundays and
//!   the observed [`UsFederalHoliday`]s, computed per year from their rules.
//! - A report submitted at or before the due instant is met.
//!
//! # Limitations
//!
//! - A case holds one time per fact. DORA's final report runs from the
//!   *latest* intermediate report; recording a later intermediate report
//!   moves the time of `dora-intermediate`'s submission too, which may turn
//!   it from met to late. Hosts that send several intermediate reports
//!   record the first one on the case and keep updates elsewhere.
//! - EU Regulation 1182/71 moves a period in days or months that ends on
//!   a public holiday or weekend to the next working day; the built-in
//!   table does not, so its EU deadlines are never later than the law's.
//! - EDGAR gives a Form 8-K filed after 17:30 Eastern time the next
//!   business day's filing date; a US business day here ends at 24:00.
//! - Deadlines past the end of chrono's range saturate at
//!   [`DateTime::<Utc>::MAX_UTC`](chrono::DateTime).

mod builtin;
mod deadline;
mod error;
mod obligation;
mod obligations;
mod period;
mod text;
mod us_holiday;

pub use deadline::{Deadline, DeadlineStatus};
pub use error::ObligationError;
pub use obligation::{Clock, Obligation};
pub use obligations::Obligations;
pub use period::{Period, PeriodUnit};
pub use text::{LegalBasis, Regime, ReportTitle};
pub use us_holiday::{UsFederalHoliday, add_us_business_days, is_us_business_day};

#[cfg(doc)]
use crate::case::Fact;
