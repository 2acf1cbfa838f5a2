use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::alert::{Alert, Fingerprint, RecordKey};
use crate::ids::AlertId;
use crate::text::RuleName;

/// An alert that a suppression rule kept out of the cases, as the store's
/// suppression log keeps it: whole, with the rule and the time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SuppressedAlert {
    /// The id the desk gave it.
    pub id: AlertId,
    /// The key of its record; the log holds each key at most once.
    pub record: RecordKey,
    /// Its fingerprint under the dedup policy.
    pub fingerprint: Fingerprint,
    /// The rule that suppressed it.
    pub rule: RuleName,
    /// When it was ingested.
    pub at: DateTime<Utc>,
    /// The alert.
    pub alert: Alert,
}

impl SuppressedAlert {
    /// Bundles a log entry.
    pub fn new(
        id: AlertId,
        fingerprint: Fingerprint,
        rule: RuleName,
        at: DateTime<Utc>,
        alert: Alert,
    ) -> Self {
        Self {
            id,
            record: RecordKey::of(&alert),
            fingerprint,
            rule,
            at,
            alert,
        }
    }
}

/// Which suppressed alerts to read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SuppressedQuery {
    /// Every one.
    All,
    /// Those suppressed by this rule.
    Rule(RuleName),
    /// The one with this record key.
    Record(RecordKey),
}

impl SuppressedQuery {
    /// Whether a log entry answers the query.
    pub fn matches(&self, alert: &SuppressedAlert) -> bool {
        match self {
            Self::All => true,
            Self::Rule(rule) => alert.rule == *rule,
            Self::Record(record) => alert.record == *record,
        }
    }
}
