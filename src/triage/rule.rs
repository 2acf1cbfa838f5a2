use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{Category, Condition, Impact, Severity, Urgency};
use crate::case::AutomationRequest;
use crate::text::{RuleName, Tag};

/// A triage rule: when its condition holds, it sets what it lists.
///
/// Rules run in order, each seeing the case as the earlier matching rules
/// left it; a later rule overrides what an earlier one set, and tags add
/// up. A rule with `stop` ends the run when it matches.
///
/// ```
/// use casefile::triage::TriageRule;
/// let rule: TriageRule = serde_json::from_str(r#"{
///     "name": "credential-phish-on-vip",
///     "when": {
///         "categories": ["phishing"],
///         "observables": [{"kind": "email", "value": "ceo@example.com"}]
///     },
///     "then": {"severity": "high", "impact": "high", "urgency": "high", "tags": ["vip"]}
/// }"#)?;
/// assert_eq!(rule.then.tags.len(), 1);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TriageRule {
    /// Its name, unique in the rule set.
    pub name: RuleName,
    /// When it applies; always when empty.
    #[serde(default)]
    pub when: Condition,
    /// What it sets.
    pub then: TriageAction,
    /// Whether matching it ends the run.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stop: bool,
}

impl TriageRule {
    /// A rule that always applies and does nothing yet.
    pub fn new(name: RuleName) -> Self {
        Self {
            name,
            when: Condition::default(),
            then: TriageAction::default(),
            stop: false,
        }
    }

    /// Sets the condition.
    #[must_use]
    pub fn when(mut self, when: Condition) -> Self {
        self.when = when;
        self
    }

    /// Sets the action.
    #[must_use]
    pub fn then(mut self, then: TriageAction) -> Self {
        self.then = then;
        self
    }

    /// Makes matching it end the run.
    #[must_use]
    pub fn stop(mut self) -> Self {
        self.stop = true;
        self
    }
}

/// What a triage rule sets; each part left out is left alone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TriageAction {
    /// The category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// The severity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// The impact (the priority follows from the matrix).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<Impact>,
    /// The urgency (the priority follows from the matrix).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Urgency>,
    /// Tags to add.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub tags: BTreeSet<Tag>,
    /// An automation to request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub automation: Option<AutomationRequest>,
}

impl TriageAction {
    /// Whether it sets nothing.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}
