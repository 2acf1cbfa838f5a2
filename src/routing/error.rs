use crate::case::Skill;
use crate::ids::{AnalystId, TeamId};
use crate::sla::calendar::CalendarError;
use crate::text::{CalendarName, RuleName};
use crate::triage::{Category, Contradiction};

/// A roster, routing or escalation configuration that cannot be built.
/// Each variant names the entry at fault; fix it and build again.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RoutingError {
    /// Two teams share an id.
    #[error("team `{team}` is defined twice")]
    DuplicateTeam {
        /// The id.
        team: TeamId,
    },
    /// Two analysts share an id.
    #[error("analyst `{analyst}` is defined twice")]
    DuplicateAnalyst {
        /// The id.
        analyst: AnalystId,
    },
    /// An analyst belongs to no team.
    #[error("analyst `{analyst}` belongs to no team")]
    NoTeam {
        /// The analyst.
        analyst: AnalystId,
    },
    /// An entry names a team the roster does not have.
    #[error("{entry} names unknown team `{team}`")]
    UnknownTeam {
        /// The entry, such as ``analyst `…` `` or ``routing rule `vip` ``.
        entry: String,
        /// The team.
        team: TeamId,
    },
    /// A team is its own next tier, directly or through others.
    #[error("team `{team}` escalates back to itself")]
    TierCycle {
        /// A team on the cycle.
        team: TeamId,
    },
    /// An analyst works a shift calendar the roster does not define.
    #[error("analyst `{analyst}` works unknown shift `{shift}`")]
    UnknownShift {
        /// The analyst.
        analyst: AnalystId,
        /// The shift calendar.
        shift: CalendarName,
    },
    /// A shift calendar is invalid.
    #[error("shift `{shift}` is invalid")]
    Shift {
        /// The shift calendar.
        shift: CalendarName,
        /// Why.
        #[source]
        source: CalendarError,
    },
    /// An analyst may hold no weight at all.
    #[error("analyst `{analyst}` has capacity 0")]
    ZeroCapacity {
        /// The analyst.
        analyst: AnalystId,
    },
    /// The case weights are not at least 1 or fall as severity rises.
    #[error("case weights must be at least 1 and never fall as severity rises")]
    Weights,
    /// Two rules share a name.
    #[error("rule `{rule}` is defined twice")]
    DuplicateRule {
        /// The name.
        rule: RuleName,
    },
    /// A rule names a category outside the taxonomy.
    #[error("rule `{rule}` names unknown category `{category}`")]
    UnknownCategory {
        /// The rule.
        rule: RuleName,
        /// The category.
        category: Category,
    },
    /// A rule's condition contradicts itself.
    #[error("rule `{rule}` can never match: {contradiction}")]
    NeverMatches {
        /// The rule.
        rule: RuleName,
        /// Why.
        contradiction: Contradiction,
    },
    /// An earlier routing rule matches every case, so this one is never
    /// reached.
    #[error("rule `{rule}` can never match: rule `{earlier}` before it matches every case")]
    Unreachable {
        /// The rule.
        rule: RuleName,
        /// The earlier rule.
        earlier: RuleName,
    },
    /// A skill-match rule requires a skill no member of its team has.
    #[error("rule `{rule}` requires skill `{skill}` that no member of team `{team}` has")]
    UnknownSkill {
        /// The rule.
        rule: RuleName,
        /// The skill.
        skill: Skill,
        /// The team.
        team: TeamId,
    },
    /// An escalation rule does nothing.
    #[error("escalation rule `{rule}` neither moves, hands back nor notifies")]
    NoEffect {
        /// The rule.
        rule: RuleName,
    },
    /// An SLA escalation rule's threshold is not between 1 and 100 percent.
    #[error("escalation rule `{rule}` has threshold {percent}%; it must be 1 to 100")]
    BadThreshold {
        /// The rule.
        rule: RuleName,
        /// The threshold.
        percent: u8,
    },
    /// A waiting-time escalation rule waits 0 minutes.
    #[error("escalation rule `{rule}` waits 0 minutes")]
    ZeroWait {
        /// The rule.
        rule: RuleName,
    },
}
