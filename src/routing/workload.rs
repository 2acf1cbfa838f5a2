use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Weights;
use crate::case::Routed;
use crate::ids::{AnalystId, TeamId};
use crate::store::CaseSummary;

/// Open cases and their weight, held by one analyst or one team.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Load {
    /// Open cases.
    pub cases: u32,
    /// Their total weight.
    pub weight: u32,
    /// Of them, the cases with no owner: the queue (always 0 for an
    /// analyst).
    pub queued: u32,
}

/// Who holds how much open work: a snapshot that routing decides against
/// and a view for managers.
///
/// Built from the summary rows of open cases
/// ([`Workload::from_summaries`]), so it costs one listing and no stream
/// loads. Only cases in an open stage (new, active, waiting) count.
///
/// ```
/// use casefile::routing::{Weights, Workload};
/// use casefile::ids::{AnalystId, TeamId};
/// let mut workload = Workload::default();
/// let (alice, tier1) = (AnalystId::from_uuid(uuid::Uuid::from_u128(1)),
///     TeamId::from_uuid(uuid::Uuid::from_u128(9)));
/// workload.add(Some(alice), Some(tier1), 3);
/// workload.add(None, Some(tier1), 2);
/// assert_eq!(workload.analyst(alice).weight, 3);
/// assert_eq!(workload.team(tier1).queued, 1);
/// assert_eq!(workload.team(tier1).weight, 5);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workload {
    analysts: BTreeMap<AnalystId, Load>,
    teams: BTreeMap<TeamId, Load>,
}

impl Workload {
    /// The workload of the open cases among `summaries`, weighed by
    /// severity.
    pub fn from_summaries<'s>(
        summaries: impl IntoIterator<Item = &'s CaseSummary>,
        weights: &Weights,
    ) -> Self {
        let mut workload = Self::default();
        for summary in summaries.into_iter().filter(|s| s.stage.is_open()) {
            let weight = weights.of(summary.severity);
            workload.add(summary.owner, summary.team, weight);
        }
        workload
    }

    /// Counts one open case of this weight for its owner and its team.
    pub fn add(&mut self, owner: Option<AnalystId>, team: Option<TeamId>, weight: u32) {
        if let Some(owner) = owner {
            let load = self.analysts.entry(owner).or_default();
            load.cases += 1;
            load.weight = load.weight.saturating_add(weight);
        }
        if let Some(team) = team {
            let load = self.teams.entry(team).or_default();
            load.cases += 1;
            load.weight = load.weight.saturating_add(weight);
            load.queued += u32::from(owner.is_none());
        }
    }

    /// Counts the case a routing decision placed.
    pub fn record(&mut self, routed: &Routed) {
        self.add(routed.owner, Some(routed.team), routed.weight);
    }

    /// What an analyst holds (zero when absent).
    pub fn analyst(&self, analyst: AnalystId) -> Load {
        self.analysts.get(&analyst).copied().unwrap_or_default()
    }

    /// What a team holds, owned or queued (zero when absent).
    pub fn team(&self, team: TeamId) -> Load {
        self.teams.get(&team).copied().unwrap_or_default()
    }

    /// Every analyst holding open cases, by id.
    pub fn analysts(&self) -> impl Iterator<Item = (AnalystId, Load)> + '_ {
        self.analysts.iter().map(|(id, load)| (*id, *load))
    }

    /// Every team holding open cases, by id.
    pub fn teams(&self) -> impl Iterator<Item = (TeamId, Load)> + '_ {
        self.teams.iter().map(|(id, load)| (*id, *load))
    }
}
