use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, EnumString, IntoStaticStr};

use crate::text::Summary;

/// The outcome of triage: was the case a real threat?
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
pub enum Verdict {
    /// Malicious activity: the case is an incident.
    TruePositive,
    /// The detection was right, but the activity was authorised or harmless.
    BenignPositive,
    /// The detection was wrong.
    FalsePositive,
    /// Not enough information to decide.
    Undetermined,
    /// The same activity is handled in another case.
    Duplicate,
    /// None of the above.
    Other,
}

/// Whether the activity behind a resolved case did harm.
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
pub enum ResolutionImpact {
    /// Systems or data were affected.
    WithImpact,
    /// Nothing was affected.
    NoImpact,
    /// Impact does not apply (a false positive, a test).
    NotApplicable,
}

/// How a case was resolved: verdict, impact and a summary.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Resolution {
    /// The triage outcome.
    pub verdict: Verdict,
    /// Whether harm was done.
    pub impact: ResolutionImpact,
    /// What happened and what was done.
    pub summary: Summary,
}

impl Resolution {
    /// Bundles a resolution.
    pub fn new(verdict: Verdict, impact: ResolutionImpact, summary: Summary) -> Self {
        Self {
            verdict,
            impact,
            summary,
        }
    }
}
