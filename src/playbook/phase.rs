use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, EnumString, IntoStaticStr};

/// A phase of the NIST SP 800-61 incident-response lifecycle, which groups
/// the tasks of a playbook.
///
/// Ordered as the lifecycle runs: preparation first, post-incident
/// activity last.
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
pub enum Phase {
    /// Preparation: what must be in place before the work starts.
    Preparation,
    /// Detection and analysis: scope, triage and investigation.
    DetectionAndAnalysis,
    /// Containment, eradication and recovery.
    ContainmentEradicationRecovery,
    /// Post-incident activity: lessons learned, reporting.
    PostIncident,
}
