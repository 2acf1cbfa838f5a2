use std::collections::BTreeSet;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::{Roster, RoutingError};
use crate::case::{Case, Change, Command, Escalated, EscalationCause, Event, RoleName, Step};
use crate::ids::AnalystId;
use crate::text::{Reason, RuleName, TargetName};
use crate::triage::{Condition, Severity, TriageInput};

/// What makes an escalation rule fire.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "on", rename_all = "snake_case")]
#[non_exhaustive]
pub enum EscalationTrigger {
    /// An SLA warning or breach at or past a threshold was recorded (by
    /// the desk's sweep); fires once per target and cycle.
    SlaCrossed {
        /// The target; any target when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target: Option<TargetName>,
        /// The least threshold, in percent; 100 fires on breaches only.
        percent: u8,
    },
    /// The severity was raised to at least this level.
    SeverityRaised {
        /// The level.
        at_least: Severity,
    },
    /// The case has waited in its team queue, without an owner, this long
    /// (a clock for hosts without SLA policies).
    Waited {
        /// Minutes.
        minutes: u32,
    },
    /// The owner is off shift.
    OwnerOffShift,
}

/// What an escalation rule does when it fires.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EscalationAction {
    /// Move the case to its team's next tier, into the queue there.
    #[serde(default)]
    pub next_tier: bool,
    /// Hand the case back to its team queue (clear the owner).
    #[serde(default)]
    pub requeue: bool,
    /// Notify this role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify: Option<RoleName>,
}

/// An escalation rule: a trigger, a condition on the case, and an action.
///
/// ```
/// use casefile::routing::EscalationRule;
/// let rule: EscalationRule = serde_json::from_str(r#"{
///     "name": "breach-to-tier2",
///     "on": {"on": "sla_crossed", "percent": 100},
///     "then": {"next_tier": true, "notify": "soc-manager"}
/// }"#)?;
/// assert!(rule.then.next_tier);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EscalationRule {
    /// Its name, unique among the rules.
    pub name: RuleName,
    /// What makes it fire.
    pub on: EscalationTrigger,
    /// Which cases it applies to; every case when empty.
    #[serde(default)]
    pub when: Condition,
    /// What it does.
    pub then: EscalationAction,
}

/// A rule that fired on a case: the event that explains it and the
/// commands it gives.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Firing {
    /// What fired and what it does.
    pub escalated: Escalated,
    /// The team and owner commands, with the rule as the reason.
    pub steps: Vec<Step>,
}

/// Validated escalation rules over a roster.
///
/// Every rule fires at most once per cause: per SLA target and cycle, per
/// severity raise, per spell in the queue, per owner assignment. The
/// recorded [`Change::Escalated`] events are what it remembers, so
/// evaluating again at the same time fires nothing new.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Escalation {
    rules: Vec<EscalationRule>,
    roster: Roster,
}

impl Escalation {
    /// Validates escalation rules against a roster.
    ///
    /// # Errors
    ///
    /// A [`RoutingError`] naming the first rule that repeats a name, does
    /// nothing, has a threshold outside 1 to 100 percent or a wait of 0
    /// minutes, or whose condition contradicts itself.
    pub fn new(rules: Vec<EscalationRule>, roster: Roster) -> Result<Self, RoutingError> {
        let mut names = BTreeSet::new();
        for rule in &rules {
            if !names.insert(&rule.name) {
                let rule = rule.name.clone();
                return Err(RoutingError::DuplicateRule { rule });
            }
            check_rule(rule)?;
        }
        Ok(Self { rules, roster })
    }

    /// The rules, in order.
    pub fn rules(&self) -> &[EscalationRule] {
        &self.rules
    }

    /// The roster.
    pub fn roster(&self) -> &Roster {
        &self.roster
    }

    /// The rules that fire on a case at `now`, in rule order, each acting
    /// on the case as the earlier ones leave it. `events` is the case's
    /// stream; nothing fires on a case that is not open.
    pub fn evaluate(&self, case: &Case, events: &[Event], now: DateTime<Utc>) -> Vec<Firing> {
        if !case.stage.is_open() {
            return Vec::new();
        }
        let fired = fired_causes(events);
        let input = TriageInput::default();
        let mut state = (case.team, case.owner);
        let mut firings = Vec::new();
        for rule in self.rules.iter().filter(|r| r.when.matches(case, &input)) {
            let causes = self.causes(rule, case, events, now);
            let fresh = causes
                .into_iter()
                .find(|c| !fired.contains(&(&rule.name, key(c))));
            if let Some(firing) = fresh.and_then(|c| self.fire(rule, c, &mut state)) {
                firings.push(firing);
            }
        }
        firings
    }

    fn causes(
        &self,
        rule: &EscalationRule,
        case: &Case,
        events: &[Event],
        now: DateTime<Utc>,
    ) -> Vec<EscalationCause> {
        match &rule.on {
            EscalationTrigger::SlaCrossed { target, percent } => {
                sla_causes(events, target.as_ref(), *percent)
            }
            EscalationTrigger::SeverityRaised { at_least } => severity_causes(events, *at_least),
            EscalationTrigger::Waited { minutes } => {
                waited(case, events, *minutes, now).into_iter().collect()
            }
            EscalationTrigger::OwnerOffShift => {
                self.off_shift(case, events, now).into_iter().collect()
            }
        }
    }

    fn off_shift(
        &self,
        case: &Case,
        events: &[Event],
        now: DateTime<Utc>,
    ) -> Option<EscalationCause> {
        let owner = case.owner?;
        let analyst = self.roster.analyst(owner)?;
        if self.roster.on_shift(analyst, now) {
            return None;
        }
        let since = last_owner_change(events).unwrap_or(case.opened_at);
        Some(EscalationCause::OwnerOffShift { owner, since })
    }

    /// The firing of a rule on a cause, given the team and owner as
    /// earlier firings leave them; `None` if it would do nothing.
    fn fire(
        &self,
        rule: &EscalationRule,
        cause: EscalationCause,
        state: &mut (Option<crate::ids::TeamId>, Option<AnalystId>),
    ) -> Option<Firing> {
        let then = &rule.then;
        let to_team = state
            .0
            .and_then(|t| self.roster.team(t))
            .and_then(|t| t.next_tier)
            .filter(|_| then.next_tier);
        let release = to_team.is_some() || then.requeue;
        let released = state.1.filter(|_| release);
        if to_team.is_none() && released.is_none() && then.notify.is_none() {
            return None;
        }
        let reason = Reason(format!("escalation rule `{}`", rule.name));
        let mut steps = Vec::new();
        if let Some(team) = to_team {
            steps.push(Step::new(
                reason.clone(),
                Command::AssignTeam { team: Some(team) },
            ));
            state.0 = Some(team);
        }
        if released.is_some() {
            steps.push(Step::new(reason, Command::AssignOwner { owner: None }));
            state.1 = None;
        }
        let escalated = Escalated {
            rule: rule.name.clone(),
            cause,
            to_team,
            notify: then.notify.clone(),
            released,
        };
        Some(Firing { escalated, steps })
    }
}

/// What makes two causes the same occasion for one rule.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Sla(TargetName, u32),
    Severity(u64),
    Waited(DateTime<Utc>),
    OffShift(AnalystId, DateTime<Utc>),
}

fn key(cause: &EscalationCause) -> Key {
    match cause {
        EscalationCause::SlaCrossed { target, cycle, .. } => Key::Sla(target.clone(), *cycle),
        EscalationCause::SeverityRaised { seq, .. } => Key::Severity(*seq),
        EscalationCause::Waited { since, .. } => Key::Waited(*since),
        EscalationCause::OwnerOffShift { owner, since } => Key::OffShift(*owner, *since),
        // Causes added later are never deduplicated against each other.
        #[allow(unreachable_patterns)]
        _ => Key::Severity(u64::MAX),
    }
}

fn fired_causes(events: &[Event]) -> BTreeSet<(&RuleName, Key)> {
    events
        .iter()
        .filter_map(|e| match &e.change {
            Change::Escalated(x) => Some((&x.rule, key(&x.cause))),
            _ => None,
        })
        .collect()
}

fn sla_causes(events: &[Event], target: Option<&TargetName>, min: u8) -> Vec<EscalationCause> {
    let crossed = events.iter().filter_map(|e| match &e.change {
        Change::SlaCrossed {
            target: t,
            cycle,
            percent,
            ..
        } if *percent >= min && target.is_none_or(|want| want == t) => {
            Some(EscalationCause::SlaCrossed {
                seq: e.seq,
                target: t.clone(),
                cycle: *cycle,
                percent: *percent,
            })
        }
        _ => None,
    });
    crossed.collect()
}

fn severity_causes(events: &[Event], at_least: Severity) -> Vec<EscalationCause> {
    let raised = events.iter().filter_map(|e| match &e.change {
        Change::SeverityChanged { old, new } if *old < at_least && *new >= at_least => {
            Some(EscalationCause::SeverityRaised {
                seq: e.seq,
                severity: *new,
            })
        }
        _ => None,
    });
    raised.collect()
}

/// The case has waited unowned in a team since the later of its last team
/// or owner change (or its opening), for at least `minutes`.
fn waited(
    case: &Case,
    events: &[Event],
    minutes: u32,
    now: DateTime<Utc>,
) -> Option<EscalationCause> {
    if case.owner.is_some() || case.team.is_none() {
        return None;
    }
    let moved = events.iter().rev().find(|e| {
        matches!(
            e.change,
            Change::TeamChanged { .. } | Change::OwnerChanged { .. }
        )
    });
    let since = moved.map_or(case.opened_at, |e| e.at);
    let due = since + TimeDelta::minutes(i64::from(minutes));
    (now >= due).then_some(EscalationCause::Waited { since, minutes })
}

fn last_owner_change(events: &[Event]) -> Option<DateTime<Utc>> {
    let changed = events
        .iter()
        .rev()
        .find(|e| matches!(e.change, Change::OwnerChanged { .. }));
    changed.map(|e| e.at)
}

fn check_rule(rule: &EscalationRule) -> Result<(), RoutingError> {
    let name = || rule.name.clone();
    let then = &rule.then;
    if !then.next_tier && !then.requeue && then.notify.is_none() {
        return Err(RoutingError::NoEffect { rule: name() });
    }
    match rule.on {
        EscalationTrigger::SlaCrossed { percent, .. } if !(1..=100).contains(&percent) => {
            return Err(RoutingError::BadThreshold {
                rule: name(),
                percent,
            });
        }
        EscalationTrigger::Waited { minutes: 0 } => {
            return Err(RoutingError::ZeroWait { rule: name() });
        }
        _ => {}
    }
    match rule.when.contradiction() {
        Some(contradiction) => Err(RoutingError::NeverMatches {
            rule: name(),
            contradiction,
        }),
        None => Ok(()),
    }
}
