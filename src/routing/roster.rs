use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Analyst, RoutingError, Team};
use crate::ids::{AnalystId, TeamId};
use crate::sla::calendar::{Calendar, CalendarDefinition};
use crate::text::CalendarName;

/// A roster as data: shift calendars by name, teams and analysts. Build a
/// [`Roster`] from it.
///
/// Shifts are business calendars ([`CalendarDefinition`]): working hours
/// per weekday in a time zone, minus holidays. A night shift that crosses
/// midnight is two intervals, one ending at `00:00` and one starting at
/// `00:00` the next day.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterDefinition {
    /// Shift calendars by name.
    #[serde(default)]
    pub shifts: BTreeMap<CalendarName, CalendarDefinition>,
    /// The teams.
    pub teams: Vec<Team>,
    /// The analysts, in roster order (the order ties are broken in).
    pub analysts: Vec<Analyst>,
}

/// A validated roster: ids are unique, every team and shift named exists,
/// tiers do not loop, capacities are positive.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RosterDefinition", into = "RosterDefinition")]
pub struct Roster {
    definition: RosterDefinition,
    shifts: BTreeMap<CalendarName, Calendar>,
    /// Analyst indexes by team, in roster order.
    members: BTreeMap<TeamId, Vec<usize>>,
    analysts: BTreeMap<AnalystId, usize>,
}

impl Roster {
    /// Validates a roster definition.
    ///
    /// # Errors
    ///
    /// A [`RoutingError`] naming the first team or analyst defined twice,
    /// the first unknown team or shift, an invalid shift calendar, an
    /// analyst without a team or with capacity 0, or a loop of tiers.
    pub fn new(definition: RosterDefinition) -> Result<Self, RoutingError> {
        let teams = team_ids(&definition.teams)?;
        let shifts = shift_calendars(&definition.shifts)?;
        let mut members: BTreeMap<TeamId, Vec<usize>> =
            teams.iter().map(|t| (*t, Vec::new())).collect();
        let mut analysts = BTreeMap::new();
        for (i, analyst) in definition.analysts.iter().enumerate() {
            check_analyst(analyst, &teams, &shifts)?;
            if analysts.insert(analyst.id, i).is_some() {
                let analyst = analyst.id;
                return Err(RoutingError::DuplicateAnalyst { analyst });
            }
            for team in &analyst.teams {
                members.entry(*team).or_default().push(i);
            }
        }
        check_tiers(&definition.teams, &teams)?;
        Ok(Self {
            definition,
            shifts,
            members,
            analysts,
        })
    }

    /// The definition it was built from.
    pub fn definition(&self) -> &RosterDefinition {
        &self.definition
    }

    /// The team with this id.
    pub fn team(&self, id: TeamId) -> Option<&Team> {
        self.definition.teams.iter().find(|t| t.id == id)
    }

    /// The analyst with this id.
    pub fn analyst(&self, id: AnalystId) -> Option<&Analyst> {
        self.analysts
            .get(&id)
            .map(|&i| &self.definition.analysts[i])
    }

    /// The members of a team, in roster order.
    pub fn members(&self, team: TeamId) -> impl Iterator<Item = &Analyst> {
        let indexes = self.members.get(&team).map_or(&[][..], Vec::as_slice);
        indexes.iter().map(|&i| &self.definition.analysts[i])
    }

    /// Whether an analyst is on shift at an instant: inside a working
    /// interval of their shift calendar, or always when they have none.
    pub fn on_shift(&self, analyst: &Analyst, now: DateTime<Utc>) -> bool {
        let calendar = analyst.shift.as_ref().and_then(|s| self.shifts.get(s));
        calendar.is_none_or(|c| c.is_working(now))
    }
}

fn team_ids(teams: &[Team]) -> Result<BTreeSet<TeamId>, RoutingError> {
    let mut ids = BTreeSet::new();
    for team in teams {
        if !ids.insert(team.id) {
            return Err(RoutingError::DuplicateTeam { team: team.id });
        }
    }
    Ok(ids)
}

fn shift_calendars(
    shifts: &BTreeMap<CalendarName, CalendarDefinition>,
) -> Result<BTreeMap<CalendarName, Calendar>, RoutingError> {
    let build = |(name, definition): (&CalendarName, &CalendarDefinition)| {
        let calendar = Calendar::new(definition.clone());
        let shift = || name.clone();
        calendar
            .map(|c| (name.clone(), c))
            .map_err(|source| RoutingError::Shift {
                shift: shift(),
                source,
            })
    };
    shifts.iter().map(build).collect()
}

fn check_analyst(
    analyst: &Analyst,
    teams: &BTreeSet<TeamId>,
    shifts: &BTreeMap<CalendarName, Calendar>,
) -> Result<(), RoutingError> {
    let id = analyst.id;
    if analyst.teams.is_empty() {
        return Err(RoutingError::NoTeam { analyst: id });
    }
    if let Some(team) = analyst.teams.iter().find(|t| !teams.contains(t)) {
        let entry = format!("analyst `{id}`");
        return Err(RoutingError::UnknownTeam { entry, team: *team });
    }
    if let Some(shift) = analyst.shift.as_ref().filter(|s| !shifts.contains_key(*s)) {
        let shift = shift.clone();
        return Err(RoutingError::UnknownShift { analyst: id, shift });
    }
    if analyst.capacity == 0 {
        return Err(RoutingError::ZeroCapacity { analyst: id });
    }
    Ok(())
}

fn check_tiers(teams: &[Team], ids: &BTreeSet<TeamId>) -> Result<(), RoutingError> {
    let next: BTreeMap<TeamId, TeamId> = teams
        .iter()
        .filter_map(|t| t.next_tier.map(|n| (t.id, n)))
        .collect();
    for (team, tier) in &next {
        if !ids.contains(tier) {
            let entry = format!("next tier of team `{team}`");
            return Err(RoutingError::UnknownTeam { entry, team: *tier });
        }
        let mut at = Some(*tier);
        for _ in 0..=next.len() {
            if at == Some(*team) {
                return Err(RoutingError::TierCycle { team: *team });
            }
            at = at.and_then(|t| next.get(&t).copied());
        }
    }
    Ok(())
}

impl TryFrom<RosterDefinition> for Roster {
    type Error = RoutingError;

    fn try_from(definition: RosterDefinition) -> Result<Self, Self::Error> {
        Self::new(definition)
    }
}

impl From<Roster> for RosterDefinition {
    fn from(roster: Roster) -> Self {
        roster.definition
    }
}
