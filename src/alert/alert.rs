use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{
    AlertError, AttackTag, FindingId, Observable, Producer, RawPayload, RecordId, Resource, RuleRef,
};
use crate::text::{Description, Title};
use crate::triage::{Category, Severity};

/// One signal from a detection tool, normalised.
///
/// Build one with [`Alert::builder`] or map an OCSF Detection Finding with
/// [`ocsf::from_json`](super::ocsf::from_json). Fields are public to read;
/// the builder checks that `first_seen` is not after `last_seen`.
///
/// ```
/// use casefile::alert::{Alert, Observable, ObservableKind, Producer};
/// use casefile::triage::Severity;
/// let alert = Alert::builder(
///     Producer::new("Contoso".parse()?, "EDR".parse()?),
///     "det-4711".parse()?,
///     "Beacon to newly registered domain".parse()?,
///     "2026-03-02T09:00:00Z".parse()?,
/// )
/// .severity(Severity::High)
/// .observable(Observable::new(ObservableKind::Hostname, "fin-lt-0042")?)
/// .build()?;
/// assert_eq!(alert.seen_at(), alert.created_at);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Alert {
    /// The detection tool.
    pub producer: Producer,
    /// The producer's id of the finding.
    pub finding_id: FindingId,
    /// The id of this delivered record (OCSF `metadata.uid`), the key of
    /// idempotent re-delivery.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<RecordId>,
    /// The id that groups records of one activity across systems (OCSF
    /// `metadata.correlation_uid`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<RecordId>,
    /// The rule or analytic that fired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<RuleRef>,
    /// What was detected.
    pub title: Title,
    /// More about it.
    #[serde(default)]
    pub description: Description,
    /// How bad, or `None` when the producer did not know (OCSF severity 0
    /// Unknown or 99 Other).
    pub severity: Option<Severity>,
    /// The kind of case it calls for, if the producer or host said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// When the producer created the finding (OCSF `time`).
    pub created_at: DateTime<Utc>,
    /// When the detected activity was first seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<DateTime<Utc>>,
    /// When it was last seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<DateTime<Utc>>,
    /// ATT&CK tactics and techniques.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub attacks: BTreeSet<AttackTag>,
    /// Entities for correlation.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub observables: BTreeSet<Observable>,
    /// Affected resources.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub resources: BTreeSet<Resource>,
    /// The payload the alert was built from, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<RawPayload>,
}

impl Alert {
    /// Starts an alert with the parts every alert has.
    pub fn builder(
        producer: Producer,
        finding_id: FindingId,
        title: Title,
        created_at: DateTime<Utc>,
    ) -> AlertBuilder {
        AlertBuilder(Self {
            producer,
            finding_id,
            record_id: None,
            correlation_id: None,
            rule: None,
            title,
            description: Description::default(),
            severity: None,
            category: None,
            created_at,
            first_seen: None,
            last_seen: None,
            attacks: BTreeSet::new(),
            observables: BTreeSet::new(),
            resources: BTreeSet::new(),
            raw: None,
        })
    }

    /// When the detected activity was last seen: `last_seen`, else
    /// `first_seen`, else `created_at`. Windows are measured on this time.
    pub fn seen_at(&self) -> DateTime<Utc> {
        self.last_seen
            .or(self.first_seen)
            .unwrap_or(self.created_at)
    }
}

/// Builds an [`Alert`]; [`build`](AlertBuilder::build) checks it.
#[derive(Clone, Debug)]
#[must_use]
pub struct AlertBuilder(Alert);

impl AlertBuilder {
    /// Sets the record id (OCSF `metadata.uid`).
    pub fn record_id(mut self, id: RecordId) -> Self {
        self.0.record_id = Some(id);
        self
    }

    /// Sets the correlation id (OCSF `metadata.correlation_uid`).
    pub fn correlation_id(mut self, id: RecordId) -> Self {
        self.0.correlation_id = Some(id);
        self
    }

    /// Sets the rule or analytic.
    pub fn rule(mut self, rule: RuleRef) -> Self {
        self.0.rule = Some(rule);
        self
    }

    /// Sets the description.
    pub fn description(mut self, description: Description) -> Self {
        self.0.description = description;
        self
    }

    /// Sets the severity.
    pub fn severity(mut self, severity: Severity) -> Self {
        self.0.severity = Some(severity);
        self
    }

    /// Sets the category.
    pub fn category(mut self, category: Category) -> Self {
        self.0.category = Some(category);
        self
    }

    /// Sets when the activity was first and last seen.
    pub fn seen(mut self, first: Option<DateTime<Utc>>, last: Option<DateTime<Utc>>) -> Self {
        self.0.first_seen = first;
        self.0.last_seen = last;
        self
    }

    /// Adds an ATT&CK tag.
    pub fn attack(mut self, tag: AttackTag) -> Self {
        self.0.attacks.insert(tag);
        self
    }

    /// Adds an observable.
    pub fn observable(mut self, observable: Observable) -> Self {
        self.0.observables.insert(observable);
        self
    }

    /// Adds an affected resource.
    pub fn resource(mut self, resource: Resource) -> Self {
        self.0.resources.insert(resource);
        self
    }

    /// Keeps the raw payload.
    pub fn raw(mut self, raw: RawPayload) -> Self {
        self.0.raw = Some(raw);
        self
    }

    /// The alert.
    ///
    /// # Errors
    ///
    /// [`AlertError::SeenOrder`] when `first_seen` is after `last_seen`;
    /// [`AlertError::EmptyResource`] for a resource with no part set.
    pub fn build(self) -> Result<Alert, AlertError> {
        let alert = self.0;
        if let (Some(first), Some(last)) = (alert.first_seen, alert.last_seen) {
            if first > last {
                return Err(AlertError::SeenOrder { first, last });
            }
        }
        let empty = |r: &Resource| r.uid.is_none() && r.name.is_none() && r.kind.is_none();
        if alert.resources.iter().any(empty) {
            return Err(AlertError::EmptyResource);
        }
        Ok(alert)
    }
}
