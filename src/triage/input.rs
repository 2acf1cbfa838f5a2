use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, EnumString, IntoStaticStr};

use crate::alert::{Alert, Observable, ProducerName, RuleRef, Tactic};

/// How much the business depends on an asset, as the host's asset
/// inventory says. Ordered: `Low < Critical`.
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
pub enum AssetCriticality {
    /// Losing it hardly matters.
    Low,
    /// A normal business asset.
    Medium,
    /// An important asset.
    High,
    /// A crown jewel: domain controllers, payment systems, executives'
    /// devices.
    Critical,
}

/// What triage and routing rules may know about a case beyond the case
/// itself: the alerts behind it, summarised, and the criticality of the
/// assets involved as the host's inventory rates them.
///
/// The host fills it from its alerts ([`TriageInput::alert`] takes what
/// an [`Alert`] says) or by hand, or leaves it empty; conditions on these
/// values never match an empty input.
///
/// ```
/// use casefile::triage::{AssetCriticality, Observable, ObservableKind, Tactic, TriageInput};
/// let input = TriageInput::default()
///     .source("Microsoft Defender for Office 365".parse()?)
///     .observable(Observable::new(ObservableKind::Url, "https://login.example.top")?)
///     .tactic(Tactic::InitialAccess)
///     .asset_criticality(AssetCriticality::High);
/// assert_eq!(input.tactics.len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TriageInput {
    /// The products that raised the alerts.
    #[serde(default)]
    pub sources: BTreeSet<ProducerName>,
    /// The detection rules that fired.
    #[serde(default)]
    pub detections: BTreeSet<RuleRef>,
    /// The observables of the alerts.
    #[serde(default)]
    pub observables: BTreeSet<Observable>,
    /// The ATT&CK tactics the alerts were tagged with.
    #[serde(default)]
    pub tactics: BTreeSet<Tactic>,
    /// The criticality of the most critical asset involved, if known.
    #[serde(default)]
    pub asset_criticality: Option<AssetCriticality>,
}

impl TriageInput {
    /// Adds a source product.
    #[must_use]
    pub fn source(mut self, source: ProducerName) -> Self {
        self.sources.insert(source);
        self
    }

    /// Adds a detection rule.
    #[must_use]
    pub fn detection(mut self, detection: RuleRef) -> Self {
        self.detections.insert(detection);
        self
    }

    /// Adds an observable.
    #[must_use]
    pub fn observable(mut self, observable: Observable) -> Self {
        self.observables.insert(observable);
        self
    }

    /// Adds an ATT&CK tactic.
    #[must_use]
    pub fn tactic(mut self, tactic: Tactic) -> Self {
        self.tactics.insert(tactic);
        self
    }

    /// Adds what an alert says: its product, its rule, its observables and
    /// its ATT&CK tactics.
    #[must_use]
    pub fn alert(mut self, alert: &Alert) -> Self {
        if let Ok(source) = ProducerName::new(alert.producer.product.as_str()) {
            self.sources.insert(source);
        }
        let rule = alert
            .rule
            .as_ref()
            .and_then(|r| RuleRef::new(r.as_str()).ok());
        self.detections.extend(rule);
        self.observables.extend(alert.observables.iter().cloned());
        self.tactics
            .extend(alert.attacks.iter().filter_map(|a| a.tactic));
        self
    }

    /// Sets the asset criticality.
    #[must_use]
    pub fn asset_criticality(mut self, criticality: AssetCriticality) -> Self {
        self.asset_criticality = Some(criticality);
        self
    }
}
