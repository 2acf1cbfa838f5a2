use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, EnumString, IntoStaticStr};

/// How bad a case is, from informational to critical.
///
/// The levels follow OCSF `severity_id` 1 to 5; a source's `Fatal` maps to
/// [`Severity::Critical`]. Levels are ordered: `Low < High`.
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
pub enum Severity {
    /// Worth knowing; no harm expected.
    Informational,
    /// Little harm.
    Low,
    /// Some harm.
    Medium,
    /// Serious harm.
    High,
    /// Severe harm; work it now.
    Critical,
}

impl Severity {
    /// The OCSF `severity_id` of this level.
    pub const fn ocsf_id(self) -> u8 {
        match self {
            Self::Informational => 1,
            Self::Low => 2,
            Self::Medium => 3,
            Self::High => 4,
            Self::Critical => 5,
        }
    }
}
