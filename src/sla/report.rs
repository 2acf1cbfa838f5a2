use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::text::{RuleName, TargetName};

/// The SLA state of one case at an instant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SlaReport {
    /// The instant the report describes.
    pub at: DateTime<Utc>,
    /// The policy that applies to the case now, if any.
    pub policy: Option<RuleName>,
    /// Every target that has had a cycle, in policy order.
    pub targets: Vec<TargetReport>,
    /// The earliest instant at which a cycle crosses a threshold that the
    /// stream does not record yet (a [`Change::SlaCrossed`] event): when
    /// the case needs the sweep. It may lie before `at` when the sweep is
    /// behind.
    ///
    /// [`Change::SlaCrossed`]: crate::case::Change::SlaCrossed
    pub next_checkpoint: Option<DateTime<Utc>>,
    /// The earliest unrecorded crossing after `at`: the checkpoint once
    /// every crossing reached by `at` is recorded, as the sweep does.
    pub checkpoint_after: Option<DateTime<Utc>>,
}

impl SlaReport {
    /// The report of a target.
    pub fn target(&self, name: &TargetName) -> Option<&TargetReport> {
        self.targets.iter().find(|t| t.name == *name)
    }
}

/// The cycles of one target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TargetReport {
    /// The target.
    pub name: TargetName,
    /// Its cycles, oldest first; at most the last one is running or paused.
    pub cycles: Vec<CycleReport>,
}

impl TargetReport {
    /// The latest cycle.
    pub fn current(&self) -> Option<&CycleReport> {
        self.cycles.last()
    }
}

/// One cycle of a target: from a start to a stop (or to now).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CycleReport {
    /// The cycle's number within its target, from 1.
    pub number: u32,
    /// The policy whose terms the cycle runs under.
    pub policy: RuleName,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// The business time allowed.
    pub target: TimeDelta,
    /// The business time used (for a stopped cycle, up to its stop).
    pub elapsed: TimeDelta,
    /// The business time left, zero once breached.
    pub remaining: TimeDelta,
    /// When the target is (or was) due. For a paused cycle, the due time
    /// if the clock resumed at the report's instant.
    pub due: DateTime<Utc>,
    /// Where the cycle stands.
    pub state: CycleState,
    /// Whether the target was breached: the clock reached 100% before the
    /// stop (a stop exactly at the due time is in time).
    pub breached: bool,
    /// When the cycle stopped or was cancelled.
    pub ended_at: Option<DateTime<Utc>>,
    /// The thresholds crossed, in order, with when; 100 is the breach.
    pub crossings: Vec<Crossing>,
}

/// Where a cycle stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CycleState {
    /// The clock is running.
    Running,
    /// The clock is stopped for a while (the case is in a pause state).
    Paused,
    /// Stopped in time.
    Met,
    /// Stopped after the due time.
    Missed,
    /// Ended without an outcome (reset, restarted, or the start condition
    /// stopped holding).
    Cancelled,
}

/// A threshold crossed by a cycle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Crossing {
    /// The threshold, in percent of the target; 100 is the breach.
    pub percent: u8,
    /// When the clock crossed it.
    pub at: DateTime<Utc>,
}
