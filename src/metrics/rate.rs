use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, IntoStaticStr};

use super::{KpiOptions, KpiReport, Timeline, group};
use crate::triage::Verdict;

/// A KPI measured as the share of cases that are hits among those that
/// count.
///
/// | KPI | counts | hit |
/// |---|---|---|
/// | `reopen_rate` | cases resolved at least once | reopened at least once |
/// | `false_positive_rate` | verdict true or false positive | false positive |
/// | `sla_attainment` | cases the host judged | SLA met |
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
pub enum RateKpi {
    /// Reopened cases over cases resolved at least once (resolved now, or
    /// reopened since). Cases never resolved are left out.
    ReopenRate,
    /// FP / (FP + TP) over the cases whose last verdict is
    /// [`Verdict::FalsePositive`] or [`Verdict::TruePositive`].
    ///
    /// Left out, and counted as such: [`Verdict::BenignPositive`] (the
    /// detection was right about harmless activity, so it is neither),
    /// [`Verdict::Undetermined`] (no disposition),
    /// [`Verdict::Duplicate`] (its activity is counted in the case it
    /// duplicates), [`Verdict::Other`], and cases with no verdict.
    FalsePositiveRate,
    /// Cases whose SLA was met over cases with a judgement
    /// ([`Timeline::sla_met`]); cases without one are left out.
    SlaAttainment,
}

impl RateKpi {
    /// Whether the case is a hit (`Some(true)`), counts but is not
    /// (`Some(false)`), or is left out (`None`).
    pub fn classify(self, timeline: &Timeline) -> Option<bool> {
        match self {
            Self::ReopenRate => {
                let ever_resolved = timeline.resolved_at.is_some() || timeline.reopened > 0;
                ever_resolved.then_some(timeline.reopened > 0)
            }
            Self::FalsePositiveRate => match timeline.verdict? {
                Verdict::FalsePositive => Some(true),
                Verdict::TruePositive => Some(false),
                _ => None,
            },
            Self::SlaAttainment => timeline.sla_met,
        }
    }

    /// The KPI over `timelines`, grouped as `options` say (the time basis
    /// does not apply to rates).
    ///
    /// ```
    /// use casefile::metrics::{KpiOptions, RateKpi, Timeline};
    /// use casefile::triage::{Category, Priority, Severity};
    ///
    /// let opened = "2026-03-02T09:00:00Z".parse()?;
    /// let case = Timeline::new(opened, Severity::High, Priority::P2, Category::malware());
    /// let cases = [case.clone().with_sla_met(true), case.clone().with_sla_met(false), case];
    ///
    /// let report = RateKpi::SlaAttainment.measure(&cases, &KpiOptions::default());
    /// let all = &report.groups[0].1;
    /// assert_eq!((all.hits, all.count, all.excluded), (1, 2, 1));
    /// assert_eq!(all.rate(), Some(0.5));
    /// # Ok::<(), chrono::ParseError>(())
    /// ```
    pub fn measure(
        self,
        timelines: &[Timeline],
        options: &KpiOptions<'_>,
    ) -> KpiReport<RateSummary> {
        let new = |_| RateSummary::default();
        let groups =
            group::accumulate(
                timelines,
                options,
                new,
                |acc: &mut RateSummary, t| match self.classify(t) {
                    Some(hit) => {
                        acc.count += 1;
                        acc.hits += usize::from(hit);
                    }
                    None => acc.excluded += 1,
                },
            );
        KpiReport::from_groups(groups, |summary| summary)
    }
}

/// A rate KPI over one group of cases.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RateSummary {
    /// Cases that count (the denominator).
    pub count: usize,
    /// Of those, the hits (the numerator).
    pub hits: usize,
    /// Cases left out.
    pub excluded: usize,
}

impl RateSummary {
    /// `hits / count`; `None` when no case counts.
    #[allow(clippy::cast_precision_loss)] // counts beyond 2^52 cases are not a concern
    pub fn rate(&self) -> Option<f64> {
        (self.count > 0).then(|| self.hits as f64 / self.count as f64)
    }
}
