//! Key performance indicators of a SOC over a set of cases: how long
//! detection, acknowledgement, triage, containment, resolution and
//! recovery took, and the reopen, false-positive and SLA attainment rates.
//!
//! Each KPI is a pure function of [`Timeline`]s, grouped by severity,
//! priority, category, team, or the day, ISO week or month the case was
//! opened ([`GroupBy`]), with durations in wall-clock time or in business
//! time on a [`Calendar`](crate::sla::calendar::Calendar) ([`KpiOptions`]).
//!
//! ```
//! use casefile::metrics::{DurationKpi, GroupBy, GroupKey, KpiOptions, Timeline};
//! use casefile::triage::{Category, Priority, Severity};
//! use chrono::TimeDelta;
//!
//! let opened = "2026-03-02T09:00:00Z".parse()?;
//! let mut cases = Vec::new();
//! for minutes in [5, 10, 60] {
//!     let mut case = Timeline::new(opened, Severity::High, Priority::P1, Category::malware());
//!     case.acknowledged_at = Some(opened + TimeDelta::minutes(minutes));
//!     cases.push(case);
//! }
//!
//! let options = KpiOptions::default().group_by(GroupBy::Severity);
//! let report = DurationKpi::Mtta.measure(&cases, &options);
//! let high = report.get(&GroupKey::Severity { severity: Severity::High }).unwrap();
//! let stats = high.stats.unwrap();
//! assert_eq!(stats.mean, TimeDelta::minutes(25));
//! assert_eq!(stats.median, TimeDelta::minutes(10));
//! assert_eq!(stats.p90, TimeDelta::minutes(60));
//! # Ok::<(), chrono::ParseError>(())
//! ```
//!
//! # Definitions
//!
//! Each duration KPI ([`DurationKpi`]) is the time between two instants of
//! a case, as its [`Timeline`] has them:
//!
//! | KPI | from | to |
//! |---|---|---|
//! | MTTD, time to detect | compromise: [`Fact::Compromise`] | case opened |
//! | MTTA, time to acknowledge | case opened | first acknowledgement ([`Change::Acknowledged`]) |
//! | time to triage | first acknowledgement | verdict recorded |
//! | MTTC, time to contain | case opened | containment: [`Fact::Contained`] |
//! | MTTR, time to resolve | case opened | last resolution: the case last left the open stages |
//! | time to recover | case opened | recovery: [`Fact::Recovered`] |
//! | dwell time (until containment) | compromise | containment |
//!
//! - **The alert is the case's opening.** The crate keeps no separate
//!   alert time, so MTTD ends, and MTTA, MTTC, MTTR and time to recover
//!   start, when the case was opened.
//! - **Dwell time** is the containment variant: how long the attacker was
//!   in the environment. The detection variant (compromise to detection) is
//!   MTTD.
//! - **Reopened cases: the last resolution counts.** A case that was
//!   resolved, reopened and resolved again is measured to its last
//!   resolution, with its last verdict; one that is open again has no
//!   resolution and is left out of MTTR and time to triage until it is
//!   resolved again. The reopen rate counts it.
//!
//! Each rate KPI ([`RateKpi`]) is the share of hits among the cases that
//! count:
//!
//! | KPI | counts | hit |
//! |---|---|---|
//! | reopen rate | resolved at least once | reopened at least once |
//! | false-positive rate | verdict [`Verdict::TruePositive`] or [`Verdict::FalsePositive`] | false positive |
//! | SLA attainment | judged by the host ([`Timeline::sla_met`]) | SLA met |
//!
//! The false-positive rate is FP / (FP + TP) as SOCs use it: benign
//! positives, undetermined, duplicate and other verdicts are left out of
//! both terms (see [`RateKpi::FalsePositiveRate`]). SLA attainment takes
//! the host's met or breached flag per case, so it works with any SLA
//! engine, including [`sla`](crate::sla)'s.
//!
//! # Cases left out are counted, never guessed
//!
//! A case missing either instant of a duration KPI is counted in
//! [`DurationSummary::missing`]; one whose second instant is before the
//! first in [`DurationSummary::negative`]. A case that does not count for a
//! rate is counted in [`RateSummary::excluded`]. Nothing is filled in.
//!
//! # Statistics
//!
//! Per group: count, mean, median, p90, minimum and maximum
//! ([`DurationStats`]). Durations are whole milliseconds; the mean is
//! rounded down; median and p90 use the nearest-rank method, so each is one
//! of the durations measured. They are found by two selections
//! (`select_nth_unstable`), in linear time, without sorting.
//!
//! # Why timelines rather than cases
//!
//! A [`Case`](crate::Case) carries its title, description, tags, custom
//! fields and facts; a KPI over a million cases reads seven instants and a
//! few labels of each. A [`Timeline`] is those values only: it keeps the
//! KPI loop in cache, and a host can fill timelines straight from its own
//! summary rows without loading and replaying every case. [`Timeline::of`]
//! extracts one from a case.
//!
//! # Limitations
//!
//! - Business time on a calendar costs a walk over the calendar per case
//!   ([`Calendar::between`](crate::sla::calendar::Calendar::between)); wall
//!   clock costs a subtraction.
//! - A case holds one time per fact, the last one recorded, so a
//!   containment recorded twice counts at the time recorded last.
//!
//! [`Fact::Compromise`]: crate::case::Fact::Compromise
//! [`Fact::Contained`]: crate::case::Fact::Contained
//! [`Fact::Recovered`]: crate::case::Fact::Recovered
//! [`Change::Acknowledged`]: crate::case::Change::Acknowledged
//! [`Verdict::TruePositive`]: crate::triage::Verdict::TruePositive
//! [`Verdict::FalsePositive`]: crate::triage::Verdict::FalsePositive

mod group;
mod kpi;
mod options;
mod rate;
mod report;
mod summary;
mod timeline;

pub use group::{GroupBy, GroupKey};
pub use kpi::DurationKpi;
pub use options::{KpiOptions, TimeBasis};
pub use rate::{RateKpi, RateSummary};
pub use report::KpiReport;
pub use summary::{DurationStats, DurationSummary};
pub use timeline::Timeline;
