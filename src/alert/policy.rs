use std::collections::BTreeSet;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::observable::bounded_key;
use super::{Alert, FingerprintField, Observable, ObservableKind, ProducerName, RuleRef};
use crate::ids::LookupKey;
use crate::text::{KeyKind, KeyValue, Permission, RuleName};
use crate::triage::{Category, Severity, Tlp};

/// How the desk turns alerts into cases: deduplication, correlation rules,
/// suppression rules, and what new cases start with.
///
/// Configuration as data: it deserializes from JSON or TOML and is
/// validated when built; an error names the offending rule.
///
/// ```
/// use casefile::alert::IngestPolicy;
/// let policy: IngestPolicy = serde_json::from_str(r#"{
///     "dedup": { "fields": ["producer", "finding_id"], "window_seconds": 86400 },
///     "correlation": [
///         { "name": "same-host", "group_by": [{ "by": "entity", "kind": "hostname" }],
///           "window_seconds": 3600, "max_alerts": 150, "on_closed": "reopen" }
///     ],
///     "suppression": [
///         { "name": "scanner-noise", "match": { "rule": "port-scan" },
///           "expires_at": "2026-06-30T00:00:00Z" }
///     ]
/// }"#)?;
/// assert_eq!(policy.correlation().len(), 1);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "IngestPolicyDefinition", into = "IngestPolicyDefinition")]
pub struct IngestPolicy {
    dedup: DedupPolicy,
    correlation: Vec<CorrelationRule>,
    suppression: Vec<SuppressionRule>,
    defaults: CaseDefaults,
}

/// The serialized form of an [`IngestPolicy`].
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct IngestPolicyDefinition {
    #[serde(default)]
    dedup: DedupPolicy,
    #[serde(default)]
    correlation: Vec<CorrelationRule>,
    #[serde(default)]
    suppression: Vec<SuppressionRule>,
    #[serde(default)]
    defaults: CaseDefaults,
}

/// Which alerts are repeats of one another.
///
/// Two alerts are repeats when their [`Fingerprint`](super::Fingerprint)s
/// over `fields` are equal. A repeat of an alert on an open case counts as
/// an occurrence of it when it was seen within `window` of that alert's
/// last sighting (always, without a window); otherwise it is attached to
/// the same case as a new alert. Either way it never opens a second case
/// while the first is open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DedupPolicy {
    /// The fields the fingerprint covers, in order (producer and finding
    /// id by default).
    #[serde(default = "default_fields")]
    pub fields: Vec<FingerprintField>,
    /// How far apart two sightings may be and still count as one alert.
    #[serde(
        default,
        rename = "window_seconds",
        with = "seconds_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub window: Option<TimeDelta>,
}

fn default_fields() -> Vec<FingerprintField> {
    vec![FingerprintField::Producer, FingerprintField::FindingId]
}

impl Default for DedupPolicy {
    fn default() -> Self {
        Self {
            fields: default_fields(),
            window: None,
        }
    }
}

/// A rule that groups alerts sharing something into one case.
///
/// Rules are tried in order and the first whose `group_by` values the
/// alert has decides: the alert joins the newest case the rule grouped
/// under the same values if that case saw an alert within `window` of
/// this one and holds fewer than `max_alerts` alerts; otherwise it opens
/// a new case. A matching case that is resolved or closed is reopened
/// or passed over, as `on_closed` says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrelationRule {
    /// The rule's name, recorded on the alerts it attaches.
    pub name: RuleName,
    /// What alerts must share; all of it.
    pub group_by: Vec<GroupBy>,
    /// How far apart alerts of one case may be.
    #[serde(rename = "window_seconds", with = "seconds")]
    pub window: TimeDelta,
    /// The most alerts a case grouped by this rule holds (150 by default);
    /// after that a new case opens.
    #[serde(default = "default_cap")]
    pub max_alerts: u32,
    /// What an alert matching a resolved or closed case does.
    #[serde(default)]
    pub on_closed: OnClosed,
}

fn default_cap() -> u32 {
    150
}

/// Something alerts of one case share.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case", deny_unknown_fields)]
pub enum GroupBy {
    /// An observable of this kind (the same host, user, source IP ...).
    Entity {
        /// The kind.
        kind: ObservableKind,
    },
    /// The rule or analytic.
    Rule,
    /// The category.
    Category,
    /// The producer.
    Producer,
    /// The correlation id (OCSF `metadata.correlation_uid`).
    CorrelationId,
}

/// What an alert that matches a resolved or closed case does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnClosed {
    /// Open a new case.
    #[default]
    OpenNew,
    /// Reopen the case and attach the alert.
    Reopen,
}

/// A rule that records matching alerts and counts them, but opens no case
/// and notifies nobody: known noise, a maintenance window.
///
/// It applies while `starts_at <= now < expires_at` (either bound may be
/// left out), measured on the time the alert is ingested.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SuppressionRule {
    /// The rule's name, recorded with every alert it suppresses.
    pub name: RuleName,
    /// What alerts it applies to.
    #[serde(rename = "match")]
    pub matches: AlertMatch,
    /// When it starts to apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<DateTime<Utc>>,
    /// When it stops applying.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<Utc>>,
}

impl SuppressionRule {
    /// Whether the rule applies to `alert` ingested at `now`.
    pub fn applies(&self, alert: &Alert, now: DateTime<Utc>) -> bool {
        self.starts_at.is_none_or(|s| s <= now)
            && self.expires_at.is_none_or(|e| now < e)
            && self.matches.matches(alert)
    }
}

/// Conditions on an alert; every one that is set must hold, and at least
/// one must be set.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AlertMatch {
    /// The producer's vendor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<ProducerName>,
    /// The producer's product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<ProducerName>,
    /// The rule or analytic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<RuleRef>,
    /// The alert has at least one of these observables.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub observables: BTreeSet<Observable>,
    /// The alert is at most this severe (an unknown severity counts as
    /// the least).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_severity: Option<Severity>,
}

impl AlertMatch {
    /// Whether no condition is set.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }

    /// Whether every condition set holds for `alert`.
    pub fn matches(&self, alert: &Alert) -> bool {
        self.vendor
            .as_ref()
            .is_none_or(|v| *v == alert.producer.vendor)
            && self
                .product
                .as_ref()
                .is_none_or(|p| *p == alert.producer.product)
            && self
                .rule
                .as_ref()
                .is_none_or(|r| alert.rule.as_ref() == Some(r))
            && (self.observables.is_empty()
                || self
                    .observables
                    .iter()
                    .any(|o| alert.observables.contains(o)))
            && self
                .max_severity
                .is_none_or(|m| alert.severity.is_none_or(|s| s <= m))
    }

    /// Sets the vendor.
    #[must_use]
    pub fn vendor(mut self, vendor: ProducerName) -> Self {
        self.vendor = Some(vendor);
        self
    }

    /// Sets the product.
    #[must_use]
    pub fn product(mut self, product: ProducerName) -> Self {
        self.product = Some(product);
        self
    }

    /// Sets the rule.
    #[must_use]
    pub fn rule(mut self, rule: RuleRef) -> Self {
        self.rule = Some(rule);
        self
    }

    /// Adds an observable.
    #[must_use]
    pub fn observable(mut self, observable: Observable) -> Self {
        self.observables.insert(observable);
        self
    }

    /// Sets the highest severity.
    #[must_use]
    pub fn max_severity(mut self, severity: Severity) -> Self {
        self.max_severity = Some(severity);
        self
    }
}

/// What a case opened for an alert starts with where the alert says
/// nothing, and what the desk may do when a rule reopens a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseDefaults {
    /// The category when the alert has none (`uncategorized`).
    #[serde(default = "Category::uncategorized")]
    pub category: Category,
    /// The severity when the alert's is unknown (`medium`).
    #[serde(default = "default_severity")]
    pub severity: Severity,
    /// The TLP marking of new cases (`TLP:AMBER`).
    #[serde(default = "default_tlp")]
    pub tlp: Tlp,
    /// The permissions the desk holds when a correlation rule reopens a
    /// case (`case:reopen`, what the default workflow asks for).
    #[serde(default = "default_permissions")]
    pub reopen_permissions: BTreeSet<Permission>,
}

fn default_severity() -> Severity {
    Severity::Medium
}

fn default_tlp() -> Tlp {
    Tlp::Amber
}

fn default_permissions() -> BTreeSet<Permission> {
    BTreeSet::from([Permission("case:reopen".to_owned())])
}

impl Default for CaseDefaults {
    fn default() -> Self {
        Self {
            category: Category::uncategorized(),
            severity: default_severity(),
            tlp: default_tlp(),
            reopen_permissions: default_permissions(),
        }
    }
}

/// An ingest policy that cannot work as written.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IngestPolicyError {
    /// The fingerprint covers no field, so every alert would repeat the
    /// first.
    #[error("dedup fingerprint covers no field")]
    NoFingerprintFields,
    /// The fingerprint names a field twice.
    #[error("dedup fingerprint names field `{field}` twice")]
    DuplicateField {
        /// The field.
        field: FingerprintField,
    },
    /// A window is zero or negative.
    #[error("window of `{rule}` must be positive")]
    Window {
        /// The rule, or `dedup`.
        rule: String,
    },
    /// Two rules share a name.
    #[error("rule `{rule}` is defined twice")]
    DuplicateRule {
        /// The name.
        rule: RuleName,
    },
    /// A correlation rule groups by nothing.
    #[error("correlation rule `{rule}` groups by nothing")]
    NoGrouping {
        /// The rule.
        rule: RuleName,
    },
    /// A correlation rule allows no alert per case.
    #[error("correlation rule `{rule}` caps cases at 0 alerts")]
    ZeroCap {
        /// The rule.
        rule: RuleName,
    },
    /// A suppression rule has no condition, so it would suppress every
    /// alert.
    #[error("suppression rule `{rule}` matches every alert")]
    MatchesEverything {
        /// The rule.
        rule: RuleName,
    },
    /// A suppression rule expires before it starts.
    #[error("suppression rule `{rule}` expires before it starts")]
    ExpiresBeforeStart {
        /// The rule.
        rule: RuleName,
    },
}

impl IngestPolicy {
    /// Bundles and checks a policy.
    ///
    /// # Errors
    ///
    /// [`IngestPolicyError`] naming the first rule (or `dedup`) at fault.
    pub fn new(
        dedup: DedupPolicy,
        correlation: Vec<CorrelationRule>,
        suppression: Vec<SuppressionRule>,
        defaults: CaseDefaults,
    ) -> Result<Self, IngestPolicyError> {
        check_dedup(&dedup)?;
        let mut names = BTreeSet::new();
        let mut unique = |rule: &RuleName| {
            if names.insert(rule.clone()) {
                Ok(())
            } else {
                Err(IngestPolicyError::DuplicateRule { rule: rule.clone() })
            }
        };
        for rule in &correlation {
            unique(&rule.name)?;
            check_correlation(rule)?;
        }
        for rule in &suppression {
            unique(&rule.name)?;
            check_suppression(rule)?;
        }
        Ok(Self {
            dedup,
            correlation,
            suppression,
            defaults,
        })
    }

    /// Deduplication.
    pub fn dedup(&self) -> &DedupPolicy {
        &self.dedup
    }

    /// Correlation rules, in order.
    pub fn correlation(&self) -> &[CorrelationRule] {
        &self.correlation
    }

    /// Suppression rules, in order.
    pub fn suppression(&self) -> &[SuppressionRule] {
        &self.suppression
    }

    /// Defaults for new cases.
    pub fn defaults(&self) -> &CaseDefaults {
        &self.defaults
    }

    /// The first suppression rule that applies to `alert` at `now`.
    pub fn suppressed_by(&self, alert: &Alert, now: DateTime<Utc>) -> Option<&SuppressionRule> {
        self.suppression.iter().find(|r| r.applies(alert, now))
    }

    /// The first correlation rule whose `group_by` values the alert has,
    /// with the index terms of those values.
    pub fn correlated_by(&self, alert: &Alert) -> Option<(&CorrelationRule, Vec<LookupKey>)> {
        self.correlation.iter().find_map(|rule| {
            let terms = rule.terms(alert);
            (!terms.is_empty()).then_some((rule, terms))
        })
    }
}

fn check_dedup(dedup: &DedupPolicy) -> Result<(), IngestPolicyError> {
    if dedup.fields.is_empty() {
        return Err(IngestPolicyError::NoFingerprintFields);
    }
    let mut seen = BTreeSet::new();
    if let Some(field) = dedup.fields.iter().find(|f| !seen.insert(**f)) {
        return Err(IngestPolicyError::DuplicateField { field: *field });
    }
    if dedup.window.is_some_and(|w| w <= TimeDelta::zero()) {
        let rule = "dedup".to_owned();
        return Err(IngestPolicyError::Window { rule });
    }
    Ok(())
}

fn check_correlation(rule: &CorrelationRule) -> Result<(), IngestPolicyError> {
    let name = || rule.name.clone();
    if rule.group_by.is_empty() {
        return Err(IngestPolicyError::NoGrouping { rule: name() });
    }
    if rule.window <= TimeDelta::zero() {
        let rule = name().to_string();
        return Err(IngestPolicyError::Window { rule });
    }
    if rule.max_alerts == 0 {
        return Err(IngestPolicyError::ZeroCap { rule: name() });
    }
    Ok(())
}

fn check_suppression(rule: &SuppressionRule) -> Result<(), IngestPolicyError> {
    if rule.matches.is_empty() {
        let rule = rule.name.clone();
        return Err(IngestPolicyError::MatchesEverything { rule });
    }
    if let (Some(start), Some(end)) = (rule.starts_at, rule.expires_at) {
        if end <= start {
            let rule = rule.name.clone();
            return Err(IngestPolicyError::ExpiresBeforeStart { rule });
        }
    }
    Ok(())
}

/// The most index terms one alert yields under one correlation rule.
const MAX_TERMS: usize = 16;

impl CorrelationRule {
    /// The index kind of correlation terms.
    pub const TERM_KIND: &'static str = "alert-correlation";

    /// The index terms of the values `alert` has for `group_by`: one per
    /// combination of values (at most 16), or none if a value is missing.
    pub fn terms(&self, alert: &Alert) -> Vec<LookupKey> {
        let mut combos = vec![self.name.to_string()];
        for group in &self.group_by {
            let values = group.values(alert);
            if values.is_empty() {
                return Vec::new();
            }
            combos = combos
                .iter()
                .flat_map(|prefix| values.iter().map(move |v| format!("{prefix}|{v}")))
                .take(MAX_TERMS)
                .collect();
        }
        let kind = KeyKind(Self::TERM_KIND.to_owned());
        combos
            .into_iter()
            .map(|combo| LookupKey::new(kind.clone(), KeyValue(bounded_key(combo))))
            .collect()
    }
}

impl GroupBy {
    /// The values `alert` has for this grouping.
    fn values(self, alert: &Alert) -> Vec<String> {
        match self {
            Self::Entity { kind } => alert
                .observables
                .iter()
                .filter(|o| o.kind() == kind)
                .map(ToString::to_string)
                .collect(),
            Self::Rule => alert.rule.iter().map(ToString::to_string).collect(),
            Self::Category => alert.category.iter().map(ToString::to_string).collect(),
            Self::CorrelationId => alert
                .correlation_id
                .iter()
                .map(ToString::to_string)
                .collect(),
            Self::Producer => {
                vec![format!(
                    "{}/{}",
                    alert.producer.vendor, alert.producer.product
                )]
            }
        }
    }
}

impl TryFrom<IngestPolicyDefinition> for IngestPolicy {
    type Error = IngestPolicyError;

    fn try_from(d: IngestPolicyDefinition) -> Result<Self, Self::Error> {
        Self::new(d.dedup, d.correlation, d.suppression, d.defaults)
    }
}

impl From<IngestPolicy> for IngestPolicyDefinition {
    fn from(p: IngestPolicy) -> Self {
        Self {
            dedup: p.dedup,
            correlation: p.correlation,
            suppression: p.suppression,
            defaults: p.defaults,
        }
    }
}

/// Serde for a `TimeDelta` as whole seconds.
mod seconds {
    use chrono::TimeDelta;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(d: &TimeDelta, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(d.num_seconds())
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<TimeDelta, D::Error> {
        let secs = i64::deserialize(d)?;
        TimeDelta::try_seconds(secs)
            .ok_or_else(|| serde::de::Error::custom("window is out of range"))
    }
}

/// Serde for an optional `TimeDelta` as whole seconds.
mod seconds_opt {
    use chrono::TimeDelta;
    use serde::{Deserializer, Serializer};

    #[allow(clippy::ref_option)] // serde's `with` passes a reference to the field
    pub(super) fn serialize<S: Serializer>(d: &Option<TimeDelta>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => super::seconds::serialize(d, s),
            None => s.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<TimeDelta>, D::Error> {
        super::seconds::deserialize(d).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> Result<IngestPolicy, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn errors_name_the_offending_rule() {
        let cases = [
            (
                r#"{"dedup":{"fields":[]}}"#,
                "dedup fingerprint covers no field",
            ),
            (
                r#"{"dedup":{"window_seconds":0}}"#,
                "window of `dedup` must be positive",
            ),
            (
                r#"{"correlation":[{"name":"a","group_by":[],"window_seconds":1}]}"#,
                "correlation rule `a` groups by nothing",
            ),
            (
                r#"{"correlation":[{"name":"b","group_by":[{"by":"rule"}],"window_seconds":1,"max_alerts":0}]}"#,
                "correlation rule `b` caps cases at 0 alerts",
            ),
            (
                r#"{"suppression":[{"name":"c","match":{}}]}"#,
                "suppression rule `c` matches every alert",
            ),
            (
                r#"{"correlation":[{"name":"d","group_by":[{"by":"rule"}],"window_seconds":1}],
                    "suppression":[{"name":"d","match":{"rule":"x"}}]}"#,
                "rule `d` is defined twice",
            ),
            (
                r#"{"suppression":[{"name":"e","match":{"rule":"x"},
                    "starts_at":"2026-01-02T00:00:00Z","expires_at":"2026-01-01T00:00:00Z"}]}"#,
                "suppression rule `e` expires before it starts",
            ),
        ];
        for (json, message) in cases {
            let err = parse(json).unwrap_err();
            assert!(err.contains(message), "{json}: {err}");
        }
    }

    #[test]
    fn the_default_policy_round_trips() {
        let json = serde_json::to_string(&IngestPolicy::default()).unwrap();
        assert_eq!(parse(&json).unwrap(), IngestPolicy::default());
        assert_eq!(parse("{}").unwrap(), IngestPolicy::default());
    }
}
