use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, CalendarDefinition, CalendarError};
use super::{Milestone, TargetDefinition};
use crate::case::Case;
use crate::ids::TeamId;
use crate::text::{CalendarName, RuleName, TargetName};
use crate::triage::{Category, Priority, Severity};
use crate::workflow::{StatusId, Workflow};

/// SLA configuration as data: named calendars and policies, first match
/// wins. Build [`SlaPolicies`] from it to use it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaDefinition {
    /// Business calendars by name.
    #[serde(default)]
    pub calendars: BTreeMap<CalendarName, CalendarDefinition>,
    /// Policies, in order.
    pub policies: Vec<SlaPolicy>,
}

/// The targets that apply to cases matching a condition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SlaPolicy {
    /// The policy's name.
    pub name: RuleName,
    /// Which cases it applies to.
    #[serde(default)]
    pub when: CaseCondition,
    /// Its targets.
    pub targets: Vec<TargetDefinition>,
}

/// A condition on a case: every listed set must contain the case's value;
/// an empty set accepts any value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseCondition {
    /// Priorities accepted.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub priorities: BTreeSet<Priority>,
    /// Severities accepted.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub severities: BTreeSet<Severity>,
    /// Categories accepted.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub categories: BTreeSet<Category>,
    /// Teams accepted (a case without a team matches only an empty set).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub teams: BTreeSet<TeamId>,
}

impl CaseCondition {
    /// Whether the case meets the condition.
    pub fn matches(&self, case: &Case) -> bool {
        let any_or = |empty: bool, contains: bool| empty || contains;
        any_or(
            self.priorities.is_empty(),
            self.priorities.contains(&case.priority),
        ) && any_or(
            self.severities.is_empty(),
            self.severities.contains(&case.severity),
        ) && any_or(
            self.categories.is_empty(),
            self.categories.contains(&case.category),
        ) && any_or(
            self.teams.is_empty(),
            case.team.is_some_and(|t| self.teams.contains(&t)),
        )
    }
}

/// An SLA definition that cannot be built; each variant names the entry at
/// fault.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SlaError {
    /// A calendar definition is invalid.
    #[error("calendar `{calendar}` is invalid")]
    Calendar {
        /// The calendar.
        calendar: CalendarName,
        /// Why.
        #[source]
        source: CalendarError,
    },
    /// Two policies share a name.
    #[error("SLA policy `{policy}` is defined twice")]
    DuplicatePolicy {
        /// The name.
        policy: RuleName,
    },
    /// A policy lists a target twice.
    #[error("SLA policy `{policy}` defines target `{target}` twice")]
    DuplicateTarget {
        /// The policy.
        policy: RuleName,
        /// The target.
        target: TargetName,
    },
    /// A target names a calendar that is not defined.
    #[error("target `{target}` of SLA policy `{policy}` names unknown calendar `{calendar}`")]
    UnknownCalendar {
        /// The policy.
        policy: RuleName,
        /// The target.
        target: TargetName,
        /// The calendar.
        calendar: CalendarName,
    },
    /// A target names a status the workflow does not have.
    #[error("target `{target}` of SLA policy `{policy}` names unknown status `{status}`")]
    UnknownStatus {
        /// The policy.
        policy: RuleName,
        /// The target.
        target: TargetName,
        /// The status.
        status: StatusId,
    },
    /// A target allows no time at all.
    #[error("target `{target}` of SLA policy `{policy}` allows 0 minutes")]
    ZeroTarget {
        /// The policy.
        policy: RuleName,
        /// The target.
        target: TargetName,
    },
    /// A warning threshold is not between 1 and 99 percent, or repeats.
    #[error(
        "target `{target}` of SLA policy `{policy}` has warning {percent}%; warnings are distinct, from 1 to 99"
    )]
    BadWarning {
        /// The policy.
        policy: RuleName,
        /// The target.
        target: TargetName,
        /// The threshold.
        percent: u8,
    },
}

/// Validated SLA policies with their calendars, ready to compute SLA state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlaPolicies {
    definition: SlaDefinition,
    calendars: BTreeMap<CalendarName, Calendar>,
    always: Calendar,
}

impl SlaPolicies {
    /// Validates a definition against the workflow its statuses refer to.
    ///
    /// # Errors
    ///
    /// An [`SlaError`] naming the first invalid calendar, repeated policy
    /// or target, unknown calendar or status, zero target, or bad warning
    /// threshold.
    pub fn new(definition: SlaDefinition, workflow: &Workflow) -> Result<Self, SlaError> {
        let calendars = build_calendars(&definition.calendars)?;
        let mut names = BTreeSet::new();
        for policy in &definition.policies {
            if !names.insert(&policy.name) {
                return Err(SlaError::DuplicatePolicy {
                    policy: policy.name.clone(),
                });
            }
            check_policy(policy, &calendars, workflow)?;
        }
        Ok(Self {
            definition,
            calendars,
            always: Calendar::always(),
        })
    }

    /// The definition this was built from.
    pub fn definition(&self) -> &SlaDefinition {
        &self.definition
    }

    /// The first policy whose condition the case meets.
    pub fn policy_for(&self, case: &Case) -> Option<&SlaPolicy> {
        self.definition
            .policies
            .iter()
            .find(|p| p.when.matches(case))
    }

    /// The calendar a target counts in.
    pub fn calendar(&self, target: &TargetDefinition) -> &Calendar {
        target
            .calendar
            .as_ref()
            .and_then(|c| self.calendars.get(c))
            .unwrap_or(&self.always)
    }

    /// The names of every target of every policy, in order of first use.
    pub(super) fn target_names(&self) -> Vec<&TargetName> {
        let mut names: Vec<&TargetName> = Vec::new();
        for target in self.definition.policies.iter().flat_map(|p| &p.targets) {
            if !names.contains(&&target.name) {
                names.push(&target.name);
            }
        }
        names
    }
}

fn build_calendars(
    definitions: &BTreeMap<CalendarName, CalendarDefinition>,
) -> Result<BTreeMap<CalendarName, Calendar>, SlaError> {
    definitions
        .iter()
        .map(|(name, definition)| {
            let calendar =
                Calendar::new(definition.clone()).map_err(|source| SlaError::Calendar {
                    calendar: name.clone(),
                    source,
                })?;
            Ok((name.clone(), calendar))
        })
        .collect()
}

fn check_policy(
    policy: &SlaPolicy,
    calendars: &BTreeMap<CalendarName, Calendar>,
    workflow: &Workflow,
) -> Result<(), SlaError> {
    let mut names = BTreeSet::new();
    for target in &policy.targets {
        let (p, t) = (policy.name.clone(), target.name.clone());
        if !names.insert(&target.name) {
            return Err(SlaError::DuplicateTarget {
                policy: p,
                target: t,
            });
        }
        check_target(target, calendars, workflow).map_err(|fault| fault.into_error(p, t))?;
    }
    Ok(())
}

/// What is wrong with a target, before the policy and target are named.
enum Fault {
    Calendar(CalendarName),
    Status(StatusId),
    Zero,
    Warning(u8),
}

impl Fault {
    fn into_error(self, policy: RuleName, target: TargetName) -> SlaError {
        match self {
            Self::Calendar(calendar) => SlaError::UnknownCalendar {
                policy,
                target,
                calendar,
            },
            Self::Status(status) => SlaError::UnknownStatus {
                policy,
                target,
                status,
            },
            Self::Zero => SlaError::ZeroTarget { policy, target },
            Self::Warning(percent) => SlaError::BadWarning {
                policy,
                target,
                percent,
            },
        }
    }
}

fn check_target(
    target: &TargetDefinition,
    calendars: &BTreeMap<CalendarName, Calendar>,
    workflow: &Workflow,
) -> Result<(), Fault> {
    if let Some(calendar) = target
        .calendar
        .as_ref()
        .filter(|c| !calendars.contains_key(*c))
    {
        return Err(Fault::Calendar(calendar.clone()));
    }
    if target.minutes == 0 {
        return Err(Fault::Zero);
    }
    let mut seen = BTreeSet::new();
    if let Some(bad) = target
        .warnings
        .iter()
        .find(|p| !(1..=99).contains(*p) || !seen.insert(**p))
    {
        return Err(Fault::Warning(*bad));
    }
    let milestones = [
        Some(&target.start),
        Some(&target.stop),
        target.reset.as_ref(),
    ];
    let statuses = milestones
        .into_iter()
        .flatten()
        .flat_map(Milestone::statuses);
    let mut statuses = statuses.chain(&target.pause.statuses);
    match statuses.find(|s| workflow.stage(s).is_none()) {
        Some(status) => Err(Fault::Status(status.clone())),
        None => Ok(()),
    }
}
