use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Alert, Fingerprint, Observable, RecordKey};
use crate::case::Change;
use crate::ids::{AlertId, CaseId, CaseNumber};
use crate::text::{RuleName, Title};
use crate::triage::Severity;

/// The alerts of a case, as its events have made them: part of
/// [`Case`](crate::Case) state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CaseAlerts {
    /// Every alert attached to the case or merged into it.
    pub alerts: BTreeMap<AlertId, AlertEntry>,
    /// For each fingerprint, the alert its repeats are counted on.
    pub fingerprints: BTreeMap<Fingerprint, AlertId>,
    /// The observables of all the alerts.
    pub observables: BTreeSet<Observable>,
    /// Every alert received, repeats included.
    pub occurrences: u64,
    /// When the most recent alert was seen.
    pub last_seen: Option<DateTime<Utc>>,
    /// The case this one was merged into.
    pub merged_into: Option<CaseId>,
    /// The cases merged into this one.
    pub merged_from: BTreeSet<CaseId>,
}

/// What a case keeps about one of its alerts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AlertEntry {
    /// Its fingerprint.
    pub fingerprint: Fingerprint,
    /// The key of the record it arrived in.
    pub record: RecordKey,
    /// Its title.
    pub title: Title,
    /// Its severity, if known.
    pub severity: Option<Severity>,
    /// When it was first seen.
    pub first_seen: DateTime<Utc>,
    /// When it, or a repeat of it, was last seen.
    pub last_seen: DateTime<Utc>,
    /// How many times it arrived, repeats included.
    pub occurrences: u64,
    /// The correlation rule that attached it, if any.
    pub rule: Option<RuleName>,
}

/// The payload of [`Change::AlertAttached`]: an alert, whole, with what
/// the desk worked out about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AttachedAlert {
    /// The id the desk gave it.
    pub id: AlertId,
    /// Its fingerprint under the dedup policy.
    pub fingerprint: Fingerprint,
    /// The key of its record.
    pub record: RecordKey,
    /// The correlation rule that attached it to an existing case or
    /// opened the case for it, if any.
    pub rule: Option<RuleName>,
    /// The alert.
    pub alert: Alert,
}

impl AttachedAlert {
    /// Bundles an attachment.
    pub fn new(
        id: AlertId,
        fingerprint: Fingerprint,
        rule: Option<RuleName>,
        alert: Alert,
    ) -> Self {
        Self {
            id,
            fingerprint,
            record: RecordKey::of(&alert),
            rule,
            alert,
        }
    }

    fn entry(&self) -> AlertEntry {
        let alert = &self.alert;
        AlertEntry {
            fingerprint: self.fingerprint,
            record: self.record.clone(),
            title: alert.title.clone(),
            severity: alert.severity,
            first_seen: alert.first_seen.unwrap_or(alert.created_at),
            last_seen: alert.seen_at(),
            occurrences: 1,
            rule: self.rule.clone(),
        }
    }
}

/// The payload of [`Change::MergedFrom`]: what a merged case brought.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MergedCase {
    /// The merged case.
    pub case: CaseId,
    /// Its number.
    pub number: CaseNumber,
    /// Its alerts.
    pub alerts: BTreeMap<AlertId, AlertEntry>,
    /// Its observables.
    pub observables: BTreeSet<Observable>,
    /// Its occurrence count.
    pub occurrences: u64,
}

impl MergedCase {
    /// What a case with these alerts brings to the case it is merged into.
    pub fn new(case: CaseId, number: CaseNumber, alerts: &CaseAlerts) -> Self {
        Self {
            case,
            number,
            alerts: alerts.alerts.clone(),
            observables: alerts.observables.clone(),
            occurrences: alerts.occurrences,
        }
    }
}

impl CaseAlerts {
    /// Folds in an alert change; other changes leave it as it is.
    pub fn apply(&mut self, change: &Change) {
        match change {
            Change::AlertAttached(attached) => {
                let entry = attached.entry();
                self.seen(entry.last_seen);
                self.fingerprints.insert(attached.fingerprint, attached.id);
                self.alerts.insert(attached.id, entry);
                self.observables
                    .extend(attached.alert.observables.iter().cloned());
                self.occurrences += 1;
            }
            Change::AlertRepeated {
                alert,
                new_count,
                new_last_seen,
                ..
            } => {
                if let Some(entry) = self.alerts.get_mut(alert) {
                    entry.occurrences = *new_count;
                    entry.last_seen = *new_last_seen;
                }
                self.seen(*new_last_seen);
                self.occurrences += 1;
            }
            Change::MergedInto { survivor, .. } => self.merged_into = Some(*survivor),
            Change::MergedFrom(merged) => self.merge(merged),
            _ => {}
        }
    }

    fn merge(&mut self, merged: &MergedCase) {
        for (id, entry) in &merged.alerts {
            self.fingerprints.entry(entry.fingerprint).or_insert(*id);
            self.seen(entry.last_seen);
            self.alerts.insert(*id, entry.clone());
        }
        self.observables.extend(merged.observables.iter().cloned());
        self.occurrences += merged.occurrences;
        self.merged_from.insert(merged.case);
    }

    fn seen(&mut self, at: DateTime<Utc>) {
        self.last_seen = Some(self.last_seen.map_or(at, |last| last.max(at)));
    }

    /// The alert whose repeats `fingerprint` counts on, with its entry.
    pub fn by_fingerprint(&self, fingerprint: &Fingerprint) -> Option<(AlertId, &AlertEntry)> {
        let id = self.fingerprints.get(fingerprint)?;
        self.alerts.get(id).map(|entry| (*id, entry))
    }
}
