use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Analyst, Fallback, Roster, Rotation, RoutingError, RoutingRule, Weights, Workload};
use crate::case::{Candidate, CandidateOutcome, Case, Routed, Strategy};
use crate::ids::TeamId;
use crate::text::RuleName;
use crate::triage::{Category, TriageInput, seed_categories};

/// Routing configuration as data: the rules in order, the fallback, the
/// case weights and the categories rules may name. Build a [`Router`]
/// from it and a [`Roster`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoutingDefinition {
    /// The rules, in order; the first that matches decides.
    #[serde(default)]
    pub rules: Vec<RoutingRule>,
    /// Where a case goes when no rule matches.
    pub fallback: Fallback,
    /// Case weights by severity.
    #[serde(default)]
    pub weights: Weights,
    /// The categories rules may name; the seed taxonomy by default.
    #[serde(default = "seed_categories")]
    pub categories: BTreeSet<Category>,
}

impl RoutingDefinition {
    /// A definition with no rules, default weights and the seed taxonomy.
    pub fn new(fallback: Fallback) -> Self {
        Self {
            rules: Vec::new(),
            fallback,
            weights: Weights::default(),
            categories: seed_categories(),
        }
    }

    /// Adds a rule after the others.
    #[must_use]
    pub fn rule(mut self, rule: RoutingRule) -> Self {
        self.rules.push(rule);
        self
    }
}

/// Validated routing rules over a roster: decides, for a case, its team
/// and owner, and explains why.
///
/// Every decision is a pure function of the case, its [`TriageInput`],
/// the roster, the [`Workload`] snapshot, the [`Rotation`] and the time:
/// the same inputs always give the same [`Routed`]. Every case gets a
/// team (the fallback's when no rule matches); it gets an owner only if a
/// member is on shift, has room for the case's weight and, for skill
/// match, has every skill required. Otherwise it waits in the team queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Router {
    definition: RoutingDefinition,
    roster: Roster,
}

impl Router {
    /// Validates routing rules against a roster.
    ///
    /// # Errors
    ///
    /// A [`RoutingError`] naming the first rule that repeats a name, names
    /// an unknown team or category, requires a skill no member of its team
    /// has, contradicts itself or follows a rule that matches every case;
    /// or invalid weights, or an unknown fallback team.
    pub fn new(definition: RoutingDefinition, roster: Roster) -> Result<Self, RoutingError> {
        if !definition.weights.is_valid() {
            return Err(RoutingError::Weights);
        }
        let fallback = definition.fallback.team;
        check_team(&roster, fallback, || "the routing fallback".to_owned())?;
        let mut names = BTreeSet::new();
        let mut catch_all: Option<&RuleName> = None;
        for rule in &definition.rules {
            if !names.insert(&rule.name) {
                let rule = rule.name.clone();
                return Err(RoutingError::DuplicateRule { rule });
            }
            if let Some(earlier) = catch_all {
                let (rule, earlier) = (rule.name.clone(), earlier.clone());
                return Err(RoutingError::Unreachable { rule, earlier });
            }
            check_rule(rule, &roster, &definition.categories)?;
            if rule.when.is_always() {
                catch_all = Some(&rule.name);
            }
        }
        Ok(Self { definition, roster })
    }

    /// The definition.
    pub fn definition(&self) -> &RoutingDefinition {
        &self.definition
    }

    /// The roster.
    pub fn roster(&self) -> &Roster {
        &self.roster
    }

    /// The case weights.
    pub fn weights(&self) -> &Weights {
        &self.definition.weights
    }

    /// Decides the team and owner of a case at `now`.
    ///
    /// `workload` should not count the case itself; the desk builds it
    /// that way.
    pub fn route(
        &self,
        case: &Case,
        input: &TriageInput,
        workload: &Workload,
        rotation: &Rotation,
        now: DateTime<Utc>,
    ) -> Routed {
        let (rule, team, strategy) = self.pick_rule(case, input);
        let weight = self.definition.weights.of(case.severity);
        let mut routed = Routed {
            rule,
            team,
            strategy: strategy.clone(),
            weight,
            candidates: Vec::new(),
            owner: None,
        };
        if strategy != Strategy::Queue {
            let pick = Pick {
                weight,
                workload,
                rotation,
                now,
            };
            routed.candidates = self.candidates(team, &strategy, &pick);
            routed.owner = routed
                .candidates
                .iter()
                .find(|c| c.outcome == CandidateOutcome::Chosen)
                .map(|c| c.analyst);
        }
        routed
    }

    fn pick_rule(&self, case: &Case, input: &TriageInput) -> (Option<RuleName>, TeamId, Strategy) {
        let rules = &self.definition.rules;
        if let Some(rule) = rules.iter().find(|r| r.when.matches(case, input)) {
            return (Some(rule.name.clone()), rule.team, rule.strategy.clone());
        }
        let fallback = &self.definition.fallback;
        (None, fallback.team, fallback.strategy.clone())
    }

    /// Every member of the team with their outcome, in roster order.
    fn candidates(&self, team: TeamId, strategy: &Strategy, pick: &Pick<'_>) -> Vec<Candidate> {
        let members: Vec<&Analyst> = self.roster.members(team).collect();
        let mut candidates: Vec<Candidate> = members
            .iter()
            .map(|a| self.screen(a, strategy, pick))
            .collect();
        let eligible = |c: &Candidate| c.outcome == CandidateOutcome::Chosen;
        let chosen = match strategy {
            Strategy::RoundRobin => next_in_rotation(&candidates, pick.rotation.last(team)),
            _ => least_loaded(&candidates),
        };
        let passed = match strategy {
            Strategy::RoundRobin => CandidateOutcome::NotNext,
            _ => CandidateOutcome::MoreLoaded,
        };
        for (i, candidate) in candidates.iter_mut().enumerate() {
            if eligible(candidate) && Some(i) != chosen {
                candidate.outcome = passed.clone();
            }
        }
        candidates
    }

    /// A member's outcome before the strategy chooses: `Chosen` stands for
    /// eligible.
    fn screen(&self, analyst: &Analyst, strategy: &Strategy, pick: &Pick<'_>) -> Candidate {
        let load = pick.workload.analyst(analyst.id).weight;
        let outcome = if !self.roster.on_shift(analyst, pick.now) {
            CandidateOutcome::OffShift
        } else if load.saturating_add(pick.weight) > analyst.capacity {
            CandidateOutcome::AtCapacity {
                capacity: analyst.capacity,
            }
        } else {
            missing_skills(analyst, strategy).map_or(CandidateOutcome::Chosen, |skills| {
                CandidateOutcome::MissingSkills { skills }
            })
        };
        Candidate::new(analyst.id, load, outcome)
    }
}

/// The inputs of picking an owner that do not depend on the member.
struct Pick<'a> {
    weight: u32,
    workload: &'a Workload,
    rotation: &'a Rotation,
    now: DateTime<Utc>,
}

fn missing_skills(analyst: &Analyst, strategy: &Strategy) -> Option<BTreeSet<crate::case::Skill>> {
    let Strategy::SkillMatch { skills } = strategy else {
        return None;
    };
    let missing: BTreeSet<_> = skills.difference(&analyst.skills).cloned().collect();
    (!missing.is_empty()).then_some(missing)
}

/// The eligible candidate with the least load, the first on ties.
fn least_loaded(candidates: &[Candidate]) -> Option<usize> {
    let eligible = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.outcome == CandidateOutcome::Chosen);
    eligible.min_by_key(|(i, c)| (c.load, *i)).map(|(i, _)| i)
}

/// The first eligible candidate after the one picked last, wrapping
/// round; from the first when nobody was picked yet (or they left).
fn next_in_rotation(
    candidates: &[Candidate],
    last: Option<crate::ids::AnalystId>,
) -> Option<usize> {
    let n = candidates.len();
    let start = last
        .and_then(|last| candidates.iter().position(|c| c.analyst == last))
        .map_or(0, |i| i + 1);
    (0..n)
        .map(|k| (start + k) % n)
        .find(|&i| candidates[i].outcome == CandidateOutcome::Chosen)
}

fn check_team(
    roster: &Roster,
    team: TeamId,
    entry: impl FnOnce() -> String,
) -> Result<(), RoutingError> {
    if roster.team(team).is_none() {
        let entry = entry();
        return Err(RoutingError::UnknownTeam { entry, team });
    }
    Ok(())
}

fn check_rule(
    rule: &RoutingRule,
    roster: &Roster,
    categories: &BTreeSet<Category>,
) -> Result<(), RoutingError> {
    let name = || rule.name.clone();
    check_team(roster, rule.team, || {
        format!("routing rule `{}`", rule.name)
    })?;
    if let Some(category) = rule
        .when
        .categories
        .iter()
        .find(|c| !categories.contains(c))
    {
        let category = category.clone();
        return Err(RoutingError::UnknownCategory {
            rule: name(),
            category,
        });
    }
    if let Some(contradiction) = rule.when.contradiction() {
        return Err(RoutingError::NeverMatches {
            rule: name(),
            contradiction,
        });
    }
    check_skills(rule, roster)
}

fn check_skills(rule: &RoutingRule, roster: &Roster) -> Result<(), RoutingError> {
    let Strategy::SkillMatch { skills } = &rule.strategy else {
        return Ok(());
    };
    let held: BTreeSet<_> = roster.members(rule.team).flat_map(|a| &a.skills).collect();
    match skills.iter().find(|s| !held.contains(s)) {
        Some(skill) => Err(RoutingError::UnknownSkill {
            rule: rule.name.clone(),
            skill: skill.clone(),
            team: rule.team,
        }),
        None => Ok(()),
    }
}
