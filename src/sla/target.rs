use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::case::{Case, Fact};
use crate::text::{CalendarName, TargetName};
use crate::workflow::{Stage, StatusId};

/// One SLA target of a policy, such as "acknowledge within 30 business
/// minutes".
///
/// A target's clock runs while its `start` condition holds and its `stop`
/// condition does not, except while the case is in a `pause` state. Each
/// stretch from a start to a stop is a *cycle*: stopping completes the
/// cycle, met or missed; if the stop condition stops holding again (the
/// case is reopened), a new cycle begins, shaped by `on_reopen`.
///
/// ```
/// use casefile::sla::TargetDefinition;
/// let json = r#"{
///     "name": "time-to-resolve",
///     "minutes": 480,
///     "calendar": "office-hours",
///     "start": {"on": "opened"},
///     "stop": {"on": "stage", "stages": ["resolved", "closed"]},
///     "pause": {"stages": ["waiting"]}
/// }"#;
/// let target: TargetDefinition = serde_json::from_str(json)?;
/// assert_eq!(target.warnings, vec![50, 75]);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetDefinition {
    /// The target's name; the same name in several policies is the same
    /// target with different terms.
    pub name: TargetName,
    /// The business time allowed, in minutes.
    pub minutes: u32,
    /// The calendar business time counts in; 24x7 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<CalendarName>,
    /// When the clock starts.
    pub start: Milestone,
    /// When the clock stops, met or missed.
    pub stop: Milestone,
    /// While the case is in one of these states the clock does not run.
    #[serde(default, skip_serializing_if = "CaseStates::is_empty")]
    pub pause: CaseStates,
    /// When this milestone is reached the running cycle is cancelled and
    /// a new one starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reset: Option<Milestone>,
    /// Warning thresholds, in percent of the target (default 50 and 75);
    /// the breach at 100 is always there.
    #[serde(default = "default_warnings")]
    pub warnings: Vec<u8>,
    /// What a new cycle after a reopening counts.
    #[serde(default)]
    pub on_reopen: OnReopen,
    /// What a change of policy (a priority change) does to a running cycle.
    #[serde(default)]
    pub on_priority_change: OnPriorityChange,
}

fn default_warnings() -> Vec<u8> {
    vec![50, 75]
}

/// A condition on a case that starts, stops or resets a target's clock.
///
/// Conditions hold or not at every point of the case's history: `stage`
/// holds while the case is in one of the stages, `acknowledged` from the
/// first acknowledgement on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "on", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Milestone {
    /// Always, from the opening on.
    Opened,
    /// From the first acknowledgement on.
    Acknowledged,
    /// While the case is in one of these stages.
    Stage {
        /// The stages.
        stages: BTreeSet<Stage>,
    },
    /// While the case is in one of these statuses.
    Status {
        /// The statuses.
        statuses: BTreeSet<StatusId>,
    },
    /// Once this fact is recorded.
    Fact {
        /// The fact.
        fact: Fact,
    },
    /// While the case has a resolution with a verdict.
    Verdict,
}

impl Milestone {
    /// Whether the condition holds for the case.
    pub fn holds(&self, case: &Case) -> bool {
        match self {
            Self::Opened => true,
            Self::Acknowledged => case.acknowledged_at.is_some(),
            Self::Stage { stages } => stages.contains(&case.stage),
            Self::Status { statuses } => statuses.contains(&case.status),
            Self::Fact { fact } => case.facts.contains_key(fact),
            Self::Verdict => case.resolution.is_some(),
        }
    }

    pub(super) fn statuses(&self) -> impl Iterator<Item = &StatusId> {
        let statuses = match self {
            Self::Status { statuses } => Some(statuses.iter()),
            _ => None,
        };
        statuses.into_iter().flatten()
    }
}

/// A set of stages and statuses; a case is in the set when its stage or
/// its status is listed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseStates {
    /// Stages in the set.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub stages: BTreeSet<Stage>,
    /// Statuses in the set.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub statuses: BTreeSet<StatusId>,
}

impl CaseStates {
    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.stages.is_empty() && self.statuses.is_empty()
    }

    /// Whether the case is in the set.
    pub fn contains(&self, case: &Case) -> bool {
        self.stages.contains(&case.stage) || self.statuses.contains(&case.status)
    }
}

/// What a new cycle after a reopening counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnReopen {
    /// A new cycle from zero; the earlier cycle keeps its outcome.
    #[default]
    NewCycle,
    /// A new cycle that carries on from the business time the earlier
    /// cycle had used; the earlier cycle keeps its outcome.
    Resume,
    /// A new cycle from zero; the earlier cycle is cancelled, so it counts
    /// neither as met nor as missed.
    Reset,
}

/// What a change of the applicable policy does to a running cycle.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnPriorityChange {
    /// The running cycle takes the new terms, counted from its original
    /// start.
    #[default]
    Retarget,
    /// The running cycle is cancelled and a new one starts at the change,
    /// with the new terms.
    Restart,
}
