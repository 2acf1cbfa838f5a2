use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use super::{
    AssetCriticality, Category, Observable, ObservableKind, Priority, ProducerName, RuleRef,
    Severity, Tactic, TriageInput,
};
use crate::case::Case;
use crate::text::Tag;

/// A condition over a case and its [`TriageInput`], shared by triage and
/// routing rules. Every part that is set must hold; a set lists
/// alternatives (any one will do), except `tags`, which must all be on
/// the case. The empty condition holds for every case.
///
/// ```
/// use casefile::triage::{Condition, Severity, Tactic};
/// let condition: Condition = serde_json::from_str(r#"{
///     "categories": ["malware"],
///     "min_severity": "high",
///     "tactics": ["TA0040"]
/// }"#)?;
/// assert_eq!(condition.tactics.iter().next(), Some(&Tactic::Impact));
/// assert_eq!(condition.min_severity, Some(Severity::High));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Condition {
    /// The case's category is one of these.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub categories: BTreeSet<Category>,
    /// The case is at least this severe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_severity: Option<Severity>,
    /// The case is at most this severe.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_severity: Option<Severity>,
    /// The case's priority is one of these.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub priorities: BTreeSet<Priority>,
    /// The case has every one of these tags.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub tags: BTreeSet<Tag>,
    /// The case has none of these tags.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub without_tags: BTreeSet<Tag>,
    /// An alert came from one of these products.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub sources: BTreeSet<ProducerName>,
    /// One of these detection rules fired.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub detections: BTreeSet<RuleRef>,
    /// An observable is of one of these kinds.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub observable_kinds: BTreeSet<ObservableKind>,
    /// One of these observables was seen (a watch list: VIP users,
    /// known-bad domains). Values compare as normalised by
    /// [`Observable::new`](crate::alert::Observable::new).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub observables: BTreeSet<Observable>,
    /// An alert was tagged with one of these ATT&CK tactics.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub tactics: BTreeSet<Tactic>,
    /// The most critical asset involved is at least this critical.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_asset_criticality: Option<AssetCriticality>,
}

/// Why a condition can never hold.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Contradiction {
    /// The severity range is empty.
    SeverityRange {
        /// The least severity.
        min: Severity,
        /// The greatest severity.
        max: Severity,
    },
    /// A tag is both required and excluded.
    Tag(Tag),
}

impl fmt::Display for Contradiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::SeverityRange { min, max } => {
                write!(f, "least severity `{min}` is above greatest `{max}`")
            }
            Self::Tag(tag) => write!(f, "tag `{tag}` is both required and excluded"),
        }
    }
}

impl Condition {
    /// Whether the case, with this input, meets the condition.
    pub fn matches(&self, case: &Case, input: &TriageInput) -> bool {
        self.matches_case(case) && self.matches_input(input)
    }

    fn matches_case(&self, case: &Case) -> bool {
        any(&self.categories, |c| *c == case.category)
            && self.min_severity.is_none_or(|s| case.severity >= s)
            && self.max_severity.is_none_or(|s| case.severity <= s)
            && any(&self.priorities, |p| *p == case.priority)
            && self.tags.is_subset(&case.tags)
            && self.without_tags.is_disjoint(&case.tags)
    }

    fn matches_input(&self, input: &TriageInput) -> bool {
        let observables = &input.observables;
        any(&self.sources, |s| input.sources.contains(s))
            && any(&self.detections, |d| input.detections.contains(d))
            && any(&self.observable_kinds, |k| {
                observables.iter().any(|o| o.kind() == *k)
            })
            && any(&self.observables, |v| observables.contains(v))
            && any(&self.tactics, |t| input.tactics.contains(t))
            && self
                .min_asset_criticality
                .is_none_or(|min| input.asset_criticality.is_some_and(|c| c >= min))
    }

    /// Whether the condition holds for every case and input.
    pub fn is_always(&self) -> bool {
        *self == Self::default()
    }

    /// Why the condition can never hold, if it cannot.
    pub fn contradiction(&self) -> Option<Contradiction> {
        if let (Some(min), Some(max)) = (self.min_severity, self.max_severity) {
            if min > max {
                return Some(Contradiction::SeverityRange { min, max });
            }
        }
        let both = self.tags.intersection(&self.without_tags).next();
        both.map(|tag| Contradiction::Tag(tag.clone()))
    }
}

/// True when `set` is empty or `hit` holds for one of its members.
fn any<T>(set: &BTreeSet<T>, hit: impl Fn(&T) -> bool) -> bool {
    set.is_empty() || set.iter().any(hit)
}
