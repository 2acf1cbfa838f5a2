use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::Case;
use crate::case::Fact;
use crate::ids::TeamId;
use crate::triage::{Category, Priority, Severity, Verdict};

/// The instants and labels of one case that the KPIs read: a few words
/// per case instead of the whole [`Case`].
///
/// Build one from a case with [`Timeline::of`], or fill one from the
/// host's own summary rows with [`Timeline::new`] and the public fields.
/// An instant that is `None` did not happen (or is not known); KPIs that
/// need it leave the case out and count it as missing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Timeline {
    /// How bad.
    pub severity: Severity,
    /// How soon.
    pub priority: Priority,
    /// What kind of case.
    pub category: Category,
    /// The queue responsible, if any.
    pub team: Option<TeamId>,
    /// The verdict of the last resolution, if the case has one.
    pub verdict: Option<Verdict>,
    /// How many times the case was reopened.
    pub reopened: u32,
    /// Whether the case met its SLA, as the host judges it (`None`: not
    /// judged). Read by [`RateKpi::SlaAttainment`](super::RateKpi) only.
    pub sla_met: Option<bool>,
    /// The first malicious activity ([`Fact::Compromise`]).
    pub compromised_at: Option<DateTime<Utc>>,
    /// When the case was opened: the alert, as far as the crate knows.
    pub opened_at: DateTime<Utc>,
    /// The first acknowledgement.
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// When the verdict was recorded.
    pub verdict_at: Option<DateTime<Utc>>,
    /// When the threat was contained ([`Fact::Contained`]).
    pub contained_at: Option<DateTime<Utc>>,
    /// When the case last left the open stages (its last resolution).
    pub resolved_at: Option<DateTime<Utc>>,
    /// When affected systems were recovered ([`Fact::Recovered`]).
    pub recovered_at: Option<DateTime<Utc>>,
}

impl Timeline {
    /// A timeline with only the opening and the labels; every other
    /// instant is unknown, the verdict too, and the case never reopened.
    pub fn new(
        opened_at: DateTime<Utc>,
        severity: Severity,
        priority: Priority,
        category: Category,
    ) -> Self {
        Self {
            severity,
            priority,
            category,
            team: None,
            verdict: None,
            reopened: 0,
            sla_met: None,
            compromised_at: None,
            opened_at,
            acknowledged_at: None,
            verdict_at: None,
            contained_at: None,
            resolved_at: None,
            recovered_at: None,
        }
    }

    /// The timeline of a case as it stands.
    ///
    /// A verdict is recorded by [`Command::Resolve`](crate::Command), in
    /// the same instant as the resolution it belongs to, so `verdict_at`
    /// is `resolved_at` when the case holds a verdict. A reopened case
    /// loses its resolution and verdict until it is resolved again.
    pub fn of(case: &Case) -> Self {
        let fact = |fact: Fact| case.facts.get(&fact).copied();
        let verdict = case.resolution.as_ref().map(|r| r.verdict);
        Self {
            team: case.team,
            verdict,
            reopened: case.reopened,
            compromised_at: fact(Fact::Compromise),
            acknowledged_at: case.acknowledged_at,
            verdict_at: verdict.and(case.resolved_at),
            contained_at: fact(Fact::Contained),
            resolved_at: case.resolved_at,
            recovered_at: fact(Fact::Recovered),
            ..Self::new(
                case.opened_at,
                case.severity,
                case.priority,
                case.category.clone(),
            )
        }
    }

    /// The same timeline with the host's SLA judgement.
    #[must_use]
    pub fn with_sla_met(mut self, met: bool) -> Self {
        self.sla_met = Some(met);
        self
    }
}
