use std::fmt;

use serde::{Deserialize, Serialize};

use crate::text::{FactName, ObligationId};

/// A fact about a case that starts or stops a clock: SLA targets,
/// regulatory notification deadlines and KPIs read them.
///
/// A fact is recorded with the time it became true, which may be earlier
/// than the time it was recorded (the breach became known at 02:10, the
/// analyst recorded it at 09:00).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "fact", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Fact {
    /// The first malicious activity (the start of MTTD and dwell time).
    Compromise,
    /// The threat was contained (the end of MTTC).
    Contained,
    /// Affected systems were recovered (the end of time to recover).
    Recovered,
    /// The organisation became aware of a personal data breach (GDPR
    /// Art. 33).
    PersonalDataBreach,
    /// The organisation became aware of a significant incident (NIS2
    /// Art. 23), or of a major ICT-related incident (DORA).
    SignificantIncident,
    /// The incident was classified as major (DORA).
    ClassifiedMajor,
    /// The incident was determined to be material (SEC Form 8-K Item 1.05).
    MaterialityDetermined,
    /// A breach of unsecured protected health information was discovered
    /// (HIPAA 164.404).
    HealthDataBreach,
    /// The organisation reasonably believes a covered cyber incident
    /// occurred (CIRCIA).
    CoveredIncident,
    /// A ransom was paid (CIRCIA).
    RansomPaid,
    /// A report required by an obligation was submitted.
    ReportSubmitted {
        /// The obligation, such as `nis2-early-warning`.
        obligation: ObligationId,
    },
    /// A fact the host defines.
    Other {
        /// Its name.
        name: FactName,
    },
}

impl Fact {
    /// The fact's kind as serialized, such as `personal_data_breach`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Compromise => "compromise",
            Self::Contained => "contained",
            Self::Recovered => "recovered",
            Self::PersonalDataBreach => "personal_data_breach",
            Self::SignificantIncident => "significant_incident",
            Self::ClassifiedMajor => "classified_major",
            Self::MaterialityDetermined => "materiality_determined",
            Self::HealthDataBreach => "health_data_breach",
            Self::CoveredIncident => "covered_incident",
            Self::RansomPaid => "ransom_paid",
            Self::ReportSubmitted { .. } => "report_submitted",
            Self::Other { .. } => "other",
        }
    }

    /// The name a fact of kind `report_submitted` or `other` carries.
    pub fn name(&self) -> Option<&str> {
        match self {
            Self::ReportSubmitted { obligation } => Some(obligation.as_str()),
            Self::Other { name } => Some(name.as_str()),
            _ => None,
        }
    }
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "{} `{name}`", self.kind()),
            None => f.write_str(self.kind()),
        }
    }
}
