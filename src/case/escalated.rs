use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::ids::{AnalystId, TeamId};
use crate::text::{RuleName, TargetName};
use crate::triage::Severity;

crate::text::name_text!(
    /// A role to notify, such as `soc-manager` or `duty-officer`; the host
    /// maps roles to people.
    RoleName, "role name"
);

/// An escalation with its cause: which rule fired, on what, and what it
/// did. Recorded as [`Change::Escalated`](super::Change::Escalated),
/// followed by the team and owner changes it makes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Escalated {
    /// The escalation rule.
    pub rule: RuleName,
    /// What made it fire.
    pub cause: EscalationCause,
    /// The team the case moved to, if it moved.
    pub to_team: Option<TeamId>,
    /// The role notified, if any.
    pub notify: Option<RoleName>,
    /// The owner the case was taken from, if it was handed back to the
    /// queue.
    pub released: Option<AnalystId>,
}

/// What made an escalation rule fire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "on", rename_all = "snake_case")]
#[non_exhaustive]
pub enum EscalationCause {
    /// An SLA warning or breach recorded as event `seq`.
    SlaCrossed {
        /// The event that recorded it.
        seq: u64,
        /// The target.
        target: TargetName,
        /// The target's cycle.
        cycle: u32,
        /// The threshold crossed; 100 is the breach.
        percent: u8,
    },
    /// The severity was raised, by event `seq`.
    SeverityRaised {
        /// The event that raised it.
        seq: u64,
        /// The severity it was raised to.
        severity: Severity,
    },
    /// The case waited in its team queue without an owner since `since`.
    Waited {
        /// When it entered the queue.
        since: DateTime<Utc>,
        /// The rule's limit, in minutes.
        minutes: u32,
    },
    /// The owner went off shift.
    OwnerOffShift {
        /// The owner.
        owner: AnalystId,
        /// Since when they owned the case.
        since: DateTime<Utc>,
    },
}

impl fmt::Display for EscalationCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SlaCrossed {
                target,
                percent: 100,
                ..
            } => write!(f, "SLA `{target}` breached"),
            Self::SlaCrossed {
                target, percent, ..
            } => write!(f, "SLA `{target}` passed {percent}%"),
            Self::SeverityRaised { severity, .. } => write!(f, "severity raised to `{severity}`"),
            Self::Waited { minutes, .. } => write!(f, "unowned for {minutes} minutes"),
            Self::OwnerOffShift { owner, .. } => write!(f, "owner `{owner}` went off shift"),
        }
    }
}

impl fmt::Display for Escalated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "escalated by rule `{}` on {}", self.rule, self.cause)?;
        if let Some(team) = &self.to_team {
            write!(f, ", to team `{team}`")?;
        }
        if let Some(owner) = &self.released {
            write!(f, ", taken from `{owner}`")?;
        }
        if let Some(role) = &self.notify {
            write!(f, ", notifying `{role}`")?;
        }
        Ok(())
    }
}
