use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, IntoStaticStr};

use super::{DurationSummary, KpiOptions, KpiReport, Timeline, group};

/// A KPI measured as the time between two instants of a case.
///
/// | KPI | from | to |
/// |---|---|---|
/// | `mttd` | compromise | case opened |
/// | `mtta` | case opened | first acknowledgement |
/// | `time_to_triage` | first acknowledgement | verdict |
/// | `mttc` | case opened | containment |
/// | `mttr` | case opened | last resolution |
/// | `time_to_recover` | case opened | recovery |
/// | `dwell_time` | compromise | containment |
///
/// See the [module docs](super) for how each instant is read.
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
pub enum DurationKpi {
    /// Time to detect: compromise to case opened.
    Mttd,
    /// Time to acknowledge: case opened to first acknowledgement.
    Mtta,
    /// Time to triage: first acknowledgement to verdict.
    TimeToTriage,
    /// Time to contain: case opened to containment.
    Mttc,
    /// Time to resolve: case opened to the last resolution.
    Mttr,
    /// Time to recover: case opened to recovery.
    TimeToRecover,
    /// Dwell time until containment: compromise to containment (the
    /// detection variant of dwell time is [`DurationKpi::Mttd`]).
    DwellTime,
}

impl DurationKpi {
    /// The two instants the KPI measures between, as the timeline has them.
    pub fn endpoints(self, timeline: &Timeline) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
        let t = timeline;
        let opened = Some(t.opened_at);
        match self {
            Self::Mttd => (t.compromised_at, opened),
            Self::Mtta => (opened, t.acknowledged_at),
            Self::TimeToTriage => (t.acknowledged_at, t.verdict_at),
            Self::Mttc => (opened, t.contained_at),
            Self::Mttr => (opened, t.resolved_at),
            Self::TimeToRecover => (opened, t.recovered_at),
            Self::DwellTime => (t.compromised_at, t.contained_at),
        }
    }

    /// The KPI over `timelines`, grouped and measured as `options` say:
    /// per group, how many cases were measured and left out, and the mean,
    /// median, p90, minimum and maximum.
    ///
    /// ```
    /// use casefile::metrics::{DurationKpi, KpiOptions, Timeline};
    /// use casefile::triage::{Category, Priority, Severity};
    /// use chrono::TimeDelta;
    ///
    /// let opened = "2026-03-02T09:00:00Z".parse()?;
    /// let mut case = Timeline::new(opened, Severity::High, Priority::P2, Category::malware());
    /// case.acknowledged_at = Some(opened + TimeDelta::minutes(12));
    /// let unacknowledged = Timeline::new(opened, Severity::Low, Priority::P4, Category::phishing());
    ///
    /// let report = DurationKpi::Mtta.measure(&[case, unacknowledged], &KpiOptions::default());
    /// let all = &report.groups[0].1;
    /// assert_eq!((all.count, all.missing), (1, 1));
    /// assert_eq!(all.stats.unwrap().median, TimeDelta::minutes(12));
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    pub fn measure(
        self,
        timelines: &[Timeline],
        options: &KpiOptions<'_>,
    ) -> KpiReport<DurationSummary> {
        let new = Durations::with_capacity;
        let groups = group::accumulate(timelines, options, new, |acc, t| {
            acc.add(self.endpoints(t), options);
        });
        KpiReport::from_groups(groups, Durations::finish)
    }
}

/// The durations of one group, in milliseconds, and the cases left out.
struct Durations {
    millis: Vec<i64>,
    missing: usize,
    negative: usize,
}

impl Durations {
    fn with_capacity(capacity: usize) -> Self {
        Self {
            millis: Vec::with_capacity(capacity),
            missing: 0,
            negative: 0,
        }
    }

    fn add(
        &mut self,
        endpoints: (Option<DateTime<Utc>>, Option<DateTime<Utc>>),
        options: &KpiOptions<'_>,
    ) {
        let (Some(from), Some(to)) = endpoints else {
            self.missing += 1;
            return;
        };
        if to < from {
            self.negative += 1;
            return;
        }
        self.millis.push(options.time.millis_between(from, to));
    }

    fn finish(mut self) -> DurationSummary {
        DurationSummary::of(&mut self.millis, self.missing, self.negative)
    }
}
