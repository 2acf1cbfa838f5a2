use serde::{Deserialize, Serialize};

use crate::triage::Severity;

/// How much an open case weighs on its owner, by severity. Capacity and
/// least-loaded routing count open-case weight, not cases.
///
/// The default weighs informational and low cases 1, medium 2, high 3 and
/// critical 5. Weights are at least 1 and never fall as severity rises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    /// Informational cases.
    pub informational: u32,
    /// Low cases.
    pub low: u32,
    /// Medium cases.
    pub medium: u32,
    /// High cases.
    pub high: u32,
    /// Critical cases.
    pub critical: u32,
}

impl Weights {
    /// The weight of a case of this severity.
    pub const fn of(&self, severity: Severity) -> u32 {
        match severity {
            Severity::Informational => self.informational,
            Severity::Low => self.low,
            Severity::Medium => self.medium,
            Severity::High => self.high,
            Severity::Critical => self.critical,
        }
    }

    /// The weights from least to most severe.
    pub const fn ascending(&self) -> [u32; 5] {
        [
            self.informational,
            self.low,
            self.medium,
            self.high,
            self.critical,
        ]
    }

    /// Whether every weight is at least 1 and none falls as severity rises.
    pub fn is_valid(&self) -> bool {
        let w = self.ascending();
        w[0] >= 1 && w.windows(2).all(|p| p[0] <= p[1])
    }
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            informational: 1,
            low: 1,
            medium: 2,
            high: 3,
            critical: 5,
        }
    }
}
