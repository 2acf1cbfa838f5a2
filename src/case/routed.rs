use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::ids::{AnalystId, TeamId};
use crate::text::RuleName;

crate::text::name_text!(
    /// A skill an analyst has and a routing rule may require, such as
    /// `forensics` or `macos`.
    Skill, "skill"
);

/// How an owner is picked within a team.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "pick", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Strategy {
    /// The next eligible member after the one picked last in this team, in
    /// roster order.
    RoundRobin,
    /// The eligible member holding the least open-case weight; ties go to
    /// the first in roster order.
    LeastLoaded,
    /// Of the eligible members with every skill listed, the least loaded.
    SkillMatch {
        /// The skills required.
        skills: BTreeSet<Skill>,
    },
    /// Nobody: the case waits in the team queue to be picked by hand.
    Queue,
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::RoundRobin => f.write_str("round robin"),
            Self::LeastLoaded => f.write_str("least loaded"),
            Self::SkillMatch { skills } => {
                f.write_str("skill match on")?;
                for (i, skill) in skills.iter().enumerate() {
                    let sep = if i == 0 { " " } else { ", " };
                    write!(f, "{sep}`{skill}`")?;
                }
                Ok(())
            }
            Self::Queue => f.write_str("team queue"),
        }
    }
}

/// A routing decision with its explanation: the rule that matched, the
/// team it chose, and every member of the team considered, with why each
/// was picked or passed over.
///
/// Recorded as [`Change::Routed`](super::Change::Routed), followed by the
/// team and owner changes it makes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Routed {
    /// The routing rule that matched, or `None` when none did and the
    /// fallback team took the case.
    pub rule: Option<RuleName>,
    /// The team chosen.
    pub team: TeamId,
    /// How the owner was picked.
    pub strategy: Strategy,
    /// The case's weight, from its severity.
    pub weight: u32,
    /// The members considered, in roster order.
    pub candidates: Vec<Candidate>,
    /// The owner picked, or `None` when the case waits in the team queue.
    pub owner: Option<AnalystId>,
}

impl Routed {
    /// A decision that picked nobody: the case waits in the team's queue.
    pub fn queued(&self) -> bool {
        self.owner.is_none()
    }
}

/// One member of the team considered for a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Candidate {
    /// The analyst.
    pub analyst: AnalystId,
    /// The open-case weight they held.
    pub load: u32,
    /// Picked, or why not.
    pub outcome: CandidateOutcome,
}

impl Candidate {
    /// A candidate.
    pub fn new(analyst: AnalystId, load: u32, outcome: CandidateOutcome) -> Self {
        Self {
            analyst,
            load,
            outcome,
        }
    }
}

/// Why a candidate was picked or passed over.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[non_exhaustive]
pub enum CandidateOutcome {
    /// Picked as the owner.
    Chosen,
    /// Off shift at the time of the decision.
    OffShift,
    /// The case's weight would take them over their capacity.
    AtCapacity {
        /// Their capacity.
        capacity: u32,
    },
    /// They lack skills the strategy requires.
    MissingSkills {
        /// The skills they lack.
        skills: BTreeSet<Skill>,
    },
    /// Eligible, but another eligible member held less weight (or as
    /// much, and comes first in the roster).
    MoreLoaded,
    /// Eligible, but not next in the rotation.
    NotNext,
    /// The strategy leaves the case in the queue.
    Queue,
}

impl fmt::Display for CandidateOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Chosen => f.write_str("chosen"),
            Self::OffShift => f.write_str("off shift"),
            Self::AtCapacity { capacity } => write!(f, "at capacity {capacity}"),
            Self::MissingSkills { skills } => {
                f.write_str("lacks")?;
                for skill in skills {
                    write!(f, " `{skill}`")?;
                }
                Ok(())
            }
            Self::MoreLoaded => f.write_str("more loaded"),
            Self::NotNext => f.write_str("not next in rotation"),
            Self::Queue => f.write_str("queue only"),
        }
    }
}

impl fmt::Display for Routed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.owner {
            Some(owner) => write!(f, "routed to `{owner}` in team `{}`", self.team)?,
            None => write!(f, "queued in team `{}`", self.team)?,
        }
        match &self.rule {
            Some(rule) => write!(f, " by rule `{rule}` ({})", self.strategy)?,
            None => write!(f, " by the fallback ({})", self.strategy)?,
        }
        for c in self
            .candidates
            .iter()
            .filter(|c| c.outcome != CandidateOutcome::Chosen)
        {
            write!(f, "; `{}` {}", c.analyst, c.outcome)?;
        }
        Ok(())
    }
}
