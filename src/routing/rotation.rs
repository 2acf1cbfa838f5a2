use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::case::{Change, Event, Routed, Strategy};
use crate::ids::{AnalystId, TeamId};

/// Where round robin stands in each team: the member it picked last.
///
/// Rotation is state across cases, so routing takes it as an explicit
/// input and never keeps it hidden. It is a fold of the recorded
/// [`Change::Routed`] events: [`Rotation::replay`] over every case's
/// events, in the order they were recorded, rebuilds it; a host may also
/// keep it and [`record`](Rotation::record) each decision.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rotation {
    last: BTreeMap<TeamId, AnalystId>,
}

impl Rotation {
    /// A rotation where no team has picked anyone yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The member round robin picked last in a team.
    pub fn last(&self, team: TeamId) -> Option<AnalystId> {
        self.last.get(&team).copied()
    }

    /// Advances the rotation past a round-robin decision that picked an
    /// owner; other decisions leave it as it is.
    pub fn record(&mut self, routed: &Routed) {
        if let (Strategy::RoundRobin, Some(owner)) = (&routed.strategy, routed.owner) {
            self.last.insert(routed.team, owner);
        }
    }

    /// The rotation after these events, in order, starting from none.
    pub fn replay<'e>(events: impl IntoIterator<Item = &'e Event>) -> Self {
        let mut rotation = Self::new();
        for event in events {
            if let Change::Routed(routed) = &event.change {
                rotation.record(routed);
            }
        }
        rotation
    }
}
