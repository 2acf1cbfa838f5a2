//! Escalation rules through the desk: SLA warnings and breaches recorded by
//! the sweep, severity raises, waiting in the queue, and owners going off
//! shift.

mod common;
mod routing_support;

use casefile::case::{Change, Escalated, EscalationCause};
use casefile::routing::{Escalation, EscalationRule, RoutingError};
use casefile::sla::{SlaDefinition, SlaPolicies};
use casefile::triage::Severity;
use casefile::{Command, DeskOptions, Notification, Workflow};
use common::{Fixture, alice, assign, at, phishing};
use routing_support::{DAY, TIER1, TIER2, analyst_id, roster, team_id};
use serde_json::json;

fn escalation(rules: serde_json::Value) -> Result<Escalation, RoutingError> {
    let rules: Vec<EscalationRule> = serde_json::from_value(rules).expect("rules deserialize");
    Escalation::new(rules, roster())
}

/// Acknowledge within 30 minutes, around the clock.
fn sla_fixture() -> Fixture {
    let definition: SlaDefinition = serde_json::from_value(json!({
        "policies": [{"name": "all", "targets": [{
            "name": "time-to-acknowledge", "minutes": 30,
            "start": {"on": "opened"}, "stop": {"on": "acknowledged"}
        }]}]
    }))
    .unwrap();
    let policies = SlaPolicies::new(definition, &Workflow::soc()).unwrap();
    Fixture::with_options(DeskOptions::default().sla(policies))
}

fn escalations_in(events: &[casefile::Event]) -> Vec<Escalated> {
    let found = events.iter().filter_map(|e| match &e.change {
        Change::Escalated(x) => Some((**x).clone()),
        _ => None,
    });
    found.collect()
}

/// Opens a phishing case in Tier 1 owned by Dana at 09:00.
fn owned_case(fx: &Fixture) -> casefile::CaseId {
    let new = phishing().team(team_id(TIER1));
    let case = fx
        .desk
        .open(&alice(), new, None, at("2026-03-02T09:00:00Z"))
        .unwrap();
    let case = case.case();
    let owner = assign(analyst_id(DAY));
    fx.desk
        .execute(case, &alice(), &owner, None, at("2026-03-02T09:00:00Z"))
        .unwrap();
    case
}

#[test]
fn an_sla_breach_moves_the_case_to_the_next_tier_and_notifies_a_role_once() {
    let fx = sla_fixture();
    let case = owned_case(&fx);
    let rules = escalation(json!([
        {"name": "warn-lead", "on": {"on": "sla_crossed", "percent": 50},
         "then": {"notify": "shift-lead"}},
        {"name": "breach-to-tier2", "on": {"on": "sla_crossed", "percent": 100},
         "then": {"next_tier": true, "notify": "soc-manager"}}
    ]))
    .unwrap();

    fx.desk.sweep(at("2026-03-02T09:20:00Z")).unwrap();
    let run = fx
        .desk
        .escalate_open(&rules, at("2026-03-02T09:20:00Z"))
        .unwrap();
    assert_eq!(run.recorded.len(), 1);
    let warned = escalations_in(&run.recorded[0].events);
    assert_eq!(warned.len(), 1);
    assert_eq!(warned[0].rule.as_str(), "warn-lead");
    assert_eq!(warned[0].to_team, None);

    fx.desk.sweep(at("2026-03-02T09:40:00Z")).unwrap();
    let run = fx
        .desk
        .escalate_open(&rules, at("2026-03-02T09:40:00Z"))
        .unwrap();
    let receipt = &run.recorded[0];
    let breached = escalations_in(&receipt.events);
    assert_eq!(
        breached.len(),
        1,
        "the 75% warning does not fire warn-lead again"
    );
    assert_eq!(breached[0].to_team, Some(team_id(TIER2)));
    assert_eq!(breached[0].released, Some(analyst_id(DAY)));
    assert!(matches!(
        breached[0].cause,
        EscalationCause::SlaCrossed { percent: 100, .. }
    ));
    assert_eq!(receipt.summary.team, Some(team_id(TIER2)));
    assert_eq!(receipt.summary.owner, None);
    let notified = fx.notifier.notifications().into_iter().filter(|n| {
        matches!(n, Notification::Escalated { escalated, .. }
            if escalated.notify.as_ref().is_some_and(|r| r.as_str() == "soc-manager"))
    });
    assert_eq!(notified.count(), 1);

    let again = fx
        .desk
        .escalate(case, &rules, at("2026-03-02T09:45:00Z"))
        .unwrap();
    assert!(again.is_none(), "every cause fires once");
}

#[test]
fn raising_the_severity_escalates() {
    let fx = Fixture::new();
    let case = owned_case(&fx);
    let rules = escalation(json!([
        {"name": "critical-to-tier2", "on": {"on": "severity_raised", "at_least": "critical"},
         "then": {"next_tier": true}}
    ]))
    .unwrap();
    let raise = Command::SetSeverity {
        severity: Severity::High,
    };
    fx.desk
        .execute(case, &alice(), &raise, None, at("2026-03-02T09:10:00Z"))
        .unwrap();
    let none = fx
        .desk
        .escalate(case, &rules, at("2026-03-02T09:11:00Z"))
        .unwrap();
    assert!(none.is_none(), "high is not critical");

    let raise = Command::SetSeverity {
        severity: Severity::Critical,
    };
    fx.desk
        .execute(case, &alice(), &raise, None, at("2026-03-02T09:12:00Z"))
        .unwrap();
    let receipt = fx
        .desk
        .escalate(case, &rules, at("2026-03-02T09:13:00Z"))
        .unwrap();
    let receipt = receipt.expect("the raise escalates");
    assert_eq!(receipt.summary.team, Some(team_id(TIER2)));
    let reason = receipt.events[1].reason.as_ref().unwrap();
    assert_eq!(reason.as_str(), "escalation rule `critical-to-tier2`");
}

#[test]
fn an_owner_going_off_shift_hands_the_case_back_to_the_queue() {
    let fx = Fixture::new();
    let case = owned_case(&fx);
    let rules = escalation(json!([
        {"name": "hand-back", "on": {"on": "owner_off_shift"}, "then": {"requeue": true}}
    ]))
    .unwrap();
    let during = fx
        .desk
        .escalate(case, &rules, at("2026-03-02T15:59:00Z"))
        .unwrap();
    assert!(during.is_none(), "Dana works until 16:00");

    let after = fx
        .desk
        .escalate(case, &rules, at("2026-03-02T16:00:00Z"))
        .unwrap();
    let receipt = after.expect("Dana's shift ended");
    assert_eq!(receipt.summary.owner, None);
    assert_eq!(
        receipt.summary.team,
        Some(team_id(TIER1)),
        "back in the team queue"
    );
    let fired = &escalations_in(&receipt.events)[0].cause;
    assert!(matches!(fired, EscalationCause::OwnerOffShift { .. }));
}

#[test]
fn a_case_waiting_unowned_too_long_escalates_without_sla_policies() {
    let fx = Fixture::new();
    let new = phishing().team(team_id(TIER1));
    let case = fx
        .desk
        .open(&alice(), new, None, at("2026-03-02T09:00:00Z"))
        .unwrap()
        .case();
    let rules = escalation(json!([
        {"name": "stale-queue", "on": {"on": "waited", "minutes": 60},
         "then": {"next_tier": true, "notify": "shift-lead"}}
    ]))
    .unwrap();
    assert!(
        fx.desk
            .escalate(case, &rules, at("2026-03-02T09:59:00Z"))
            .unwrap()
            .is_none()
    );
    let receipt = fx
        .desk
        .escalate(case, &rules, at("2026-03-02T10:00:00Z"))
        .unwrap()
        .unwrap();
    assert_eq!(receipt.summary.team, Some(team_id(TIER2)));
    // In Tier 2 the clock starts again from the move.
    assert!(
        fx.desk
            .escalate(case, &rules, at("2026-03-02T10:30:00Z"))
            .unwrap()
            .is_none()
    );
}

#[test]
fn escalation_rules_that_do_nothing_or_cannot_fire_are_rejected_by_name() {
    let err = escalation(json!([{"name": "idle", "on": {"on": "owner_off_shift"}, "then": {}}]));
    assert_eq!(
        err.unwrap_err().to_string(),
        "escalation rule `idle` neither moves, hands back nor notifies"
    );
    let err = escalation(
        json!([{"name": "odd", "on": {"on": "sla_crossed", "percent": 0},
        "then": {"notify": "x"}}]),
    );
    assert_eq!(
        err.unwrap_err().to_string(),
        "escalation rule `odd` has threshold 0%; it must be 1 to 100"
    );
}
