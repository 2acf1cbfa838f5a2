use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, EnumString, IntoStaticStr};

/// The fixed group a status belongs to.
///
/// Hosts name their own statuses, but every status sits in one of these
/// five stages, so SLA clocks, metrics and routing can reason about any
/// workflow.
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
    EnumString,
    EnumIter,
    IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Stage {
    /// Opened, not yet worked.
    New,
    /// Being worked.
    Active,
    /// Waiting for someone outside the SOC.
    Waiting,
    /// Worked to an outcome; may still be reopened.
    Resolved,
    /// Done.
    Closed,
}

impl Stage {
    /// Whether a case in this stage still needs work (new, active or waiting).
    pub const fn is_open(self) -> bool {
        matches!(self, Self::New | Self::Active | Self::Waiting)
    }
}
