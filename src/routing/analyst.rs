use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::DisplayName;
use crate::case::Skill;
use crate::ids::{AnalystId, TeamId};
use crate::text::CalendarName;

/// An analyst who can own cases: skills, teams, capacity and shift.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Analyst {
    /// Their id.
    pub id: AnalystId,
    /// Their name, for people.
    pub name: DisplayName,
    /// What they are good at.
    #[serde(default)]
    pub skills: BTreeSet<Skill>,
    /// The teams they work cases of.
    pub teams: BTreeSet<TeamId>,
    /// The open-case weight they may hold (see
    /// [`Weights`](super::Weights)); at least 1.
    pub capacity: u32,
    /// The shift calendar they work, by name in the roster; always on
    /// shift when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shift: Option<CalendarName>,
}

impl Analyst {
    /// An analyst in one team, always on shift, with no skills.
    pub fn new(id: AnalystId, name: DisplayName, team: TeamId, capacity: u32) -> Self {
        Self {
            id,
            name,
            skills: BTreeSet::new(),
            teams: BTreeSet::from([team]),
            capacity,
            shift: None,
        }
    }

    /// Adds a skill.
    #[must_use]
    pub fn skill(mut self, skill: Skill) -> Self {
        self.skills.insert(skill);
        self
    }

    /// Adds a team.
    #[must_use]
    pub fn team(mut self, team: TeamId) -> Self {
        self.teams.insert(team);
        self
    }

    /// Sets the shift calendar.
    #[must_use]
    pub fn shift(mut self, shift: CalendarName) -> Self {
        self.shift = Some(shift);
        self
    }
}
