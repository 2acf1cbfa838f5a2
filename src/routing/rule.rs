use serde::{Deserialize, Serialize};

use crate::case::Strategy;
use crate::ids::TeamId;
use crate::text::RuleName;
use crate::triage::Condition;

/// A routing rule: when its condition holds, the case goes to its team,
/// where its strategy picks the owner. Rules are tried in order; the
/// first that matches decides.
///
/// ```
/// use casefile::routing::RoutingRule;
/// let rule: RoutingRule = serde_json::from_str(r#"{
///     "name": "ransomware-to-forensics",
///     "when": {"categories": ["malware"], "tactics": ["TA0040"]},
///     "team": "00000000-0000-0000-0000-000000000003",
///     "strategy": {"pick": "skill_match", "skills": ["forensics"]}
/// }"#)?;
/// assert_eq!(rule.name.as_str(), "ransomware-to-forensics");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RoutingRule {
    /// Its name, unique in the rule set.
    pub name: RuleName,
    /// When it applies; always when empty.
    #[serde(default)]
    pub when: Condition,
    /// The team it routes to.
    pub team: TeamId,
    /// How it picks the owner.
    pub strategy: Strategy,
}

impl RoutingRule {
    /// A rule that always applies.
    pub fn new(name: RuleName, team: TeamId, strategy: Strategy) -> Self {
        Self {
            name,
            when: Condition::default(),
            team,
            strategy,
        }
    }

    /// Sets the condition.
    #[must_use]
    pub fn when(mut self, when: Condition) -> Self {
        self.when = when;
        self
    }
}

/// Where a case goes when no routing rule matches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Fallback {
    /// The team.
    pub team: TeamId,
    /// How it picks the owner.
    pub strategy: Strategy,
}

impl Fallback {
    /// A fallback.
    pub fn new(team: TeamId, strategy: Strategy) -> Self {
        Self { team, strategy }
    }
}
