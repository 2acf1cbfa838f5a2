use serde::{Deserialize, Serialize};

use crate::ids::TeamId;

crate::text::bounded_text!(
    /// The display name of a team or an analyst, such as `Tier 1` (1 to 128
    /// characters, one line).
    DisplayName, "display name", 1..=128, false
);

/// A team: a queue that cases are routed to, such as Tier 1, Tier 2,
/// Forensics, Threat Intel or Legal liaison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Team {
    /// Its id.
    pub id: TeamId,
    /// Its name, for people.
    pub name: DisplayName,
    /// The team a case escalates to from this one (Tier 1 to Tier 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_tier: Option<TeamId>,
}

impl Team {
    /// A team with no next tier.
    pub fn new(id: TeamId, name: DisplayName) -> Self {
        Self {
            id,
            name,
            next_tier: None,
        }
    }

    /// Sets the team cases escalate to.
    #[must_use]
    pub fn next_tier(mut self, team: TeamId) -> Self {
        self.next_tier = Some(team);
        self
    }
}
