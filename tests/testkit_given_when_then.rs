//! The given/when/then harness of `casefile::testkit` (cargo feature
//! `testkit`), used as a host would use it to test its own rules.

mod common;

use casefile::case::{
    Actor, AutomationRequest, AutomationRule, CasePolicy, Change, Command, Rejection, Trigger,
    Unmet,
};
use casefile::testkit::Scenario;
use casefile::triage::{PriorityMatrix, Severity, Verdict};
use casefile::workflow::{Stage, Workflow};
use casefile::{Caller, NewCase};
use common::{at, move_to, resolution, resolve, status, t0, text};

fn soc() -> Scenario {
    Scenario::new(CasePolicy::default())
}

fn owned() -> Command {
    Command::AssignOwner {
        owner: Some(Scenario::analyst()),
    }
}

fn closed() -> Scenario {
    soc()
        .given(&resolve(Verdict::FalsePositive))
        .given(&Command::Close { status: None })
}

fn isolate_on_true_positive() -> CasePolicy {
    let rule = AutomationRule {
        name: text("isolate-on-true-positive"),
        when: Trigger::Verdict {
            verdict: Verdict::TruePositive,
        },
        request: AutomationRequest::new(text("isolate-host")),
        fields: vec![],
    };
    CasePolicy::new(Workflow::soc(), PriorityMatrix::itil(), vec![rule]).unwrap()
}

#[test]
fn the_scenario_case_is_opened_by_the_fixed_analyst_at_a_fixed_time() {
    let scenario = soc();

    let opened = &scenario.events()[0];

    assert_eq!((opened.case, opened.seq), (Scenario::case_id(), 1));
    assert_eq!(opened.actor, Actor::Analyst(Scenario::analyst()));
    assert_eq!(opened.at, at("2026-01-05T09:00:00Z"));
    assert_eq!(scenario.case().number.to_string(), "SOC-2026-000001");
}

#[test]
fn acknowledging_a_fresh_case_yields_one_acknowledged_change() {
    soc()
        .when(&Command::Acknowledge)
        .then_changes(&[Change::Acknowledged]);
}

#[test]
fn a_failed_guard_is_the_rejection() {
    soc()
        .given(&move_to("triage"))
        .when(&move_to("investigating"))
        .then_rejected(&Rejection::GuardFailed {
            from: status("triage"),
            to: status("investigating"),
            unmet: Unmet::Owner,
        });
}

#[test]
fn given_steps_build_up_the_case_that_is_decided_against() {
    let then = soc()
        .given(&owned())
        .given(&move_to("investigating"))
        .when(&Command::Hold {
            status: None,
            waiting_for: text("hosting provider"),
        });

    let held = then.then_case();
    assert_eq!(
        (held.status.as_str(), held.stage),
        ("on_hold", Stage::Waiting)
    );
    assert_eq!(held.held_from, Some(status("investigating")));
}

#[test]
fn a_closed_case_rejects_edits_in_the_harness_too() {
    closed()
        .when(&Command::Acknowledge)
        .then_rejected(&Rejection::Closed {
            number: text("SOC-2026-000001"),
        });
}

#[test]
fn as_caller_decides_with_the_permissions_granted() {
    let permitted = Caller::analyst(Scenario::analyst()).with_permission(text("case:reopen"));

    let refused = closed().when(&Command::Reopen);
    let reopened = closed()
        .as_caller(permitted)
        .when(&Command::Reopen)
        .then_case();

    assert!(matches!(
        refused.result(),
        Err(Rejection::GuardFailed { unmet: Unmet::Permission(p), .. }) if p.as_str() == "case:reopen"
    ));
    assert_eq!((reopened.status.as_str(), reopened.reopened), ("triage", 1));
}

#[test]
fn at_stamps_the_following_events_with_that_time() {
    let then = soc().at(t0()).when(&Command::Acknowledge);

    assert_eq!(then.events()[0].at, t0());
    assert_eq!(then.then_case().acknowledged_at, Some(t0()));
}

#[test]
fn a_command_dated_before_the_last_event_is_rejected() {
    let early = at("2026-01-01T00:00:00Z");

    let then = soc().at(early).when(&Command::Acknowledge);

    let expected = Rejection::Backdated {
        now: early,
        last: at("2026-01-05T09:00:00Z"),
    };
    then.then_rejected(&expected);
    assert_eq!(
        expected.to_string(),
        "time `2026-01-01 00:00:00 UTC` is before the case's last event at `2026-01-05 09:00:00 UTC`"
    );
}

#[test]
fn a_policy_rule_shows_in_the_changes_of_the_command() {
    let request = AutomationRequest {
        rule: Some(text("isolate-on-true-positive")),
        ..AutomationRequest::new(text("isolate-host"))
    };

    Scenario::new(isolate_on_true_positive())
        .given(&move_to("triage"))
        .when(&resolve(Verdict::TruePositive))
        .then_changes(&[
            Change::ResolutionChanged {
                old: None,
                new: Some(resolution(Verdict::TruePositive)),
            },
            Change::StatusChanged {
                old: status("triage"),
                new: status("resolved"),
                old_stage: Stage::Active,
                new_stage: Stage::Resolved,
            },
            Change::AutomationRequested(request),
        ]);
}

#[test]
fn opening_from_a_new_case_fires_opening_rules() {
    let rule = AutomationRule {
        name: text("page-on-critical"),
        when: Trigger::Severity {
            at_least: Severity::Critical,
        },
        request: AutomationRequest::new(text("page-oncall")),
        fields: vec![],
    };
    let policy = CasePolicy::new(Workflow::soc(), PriorityMatrix::itil(), vec![rule]).unwrap();
    let new = NewCase::new(
        text("Domain admin added"),
        text("unauthorized-access"),
        Severity::Critical,
    );

    let scenario = Scenario::opening(policy, new);

    assert_eq!(scenario.events().len(), 2);
    assert_eq!(scenario.events()[1].actor, Actor::System);
    assert_eq!(scenario.case().severity, Severity::Critical);
}

#[test]
fn a_host_workflow_with_a_fields_guard_can_be_tested() {
    let policy: CasePolicy = serde_json::from_str(
        r#"{"workflow": {"initial": "new", "statuses": [
                {"id": "new", "stage": "new"}, {"id": "done", "stage": "closed"}],
            "transitions": [{"from": ["new"], "to": "done",
                "guards": [{"require": "fields", "fields": ["ticket-ref"]}]}]}}"#,
    )
    .unwrap();

    Scenario::new(policy)
        .when(&Command::Close { status: None })
        .then_rejected(&Rejection::GuardFailed {
            from: status("new"),
            to: status("done"),
            unmet: Unmet::Field(text("ticket-ref")),
        });
}

#[test]
#[should_panic(expected = "was rejected")]
fn a_rejected_given_step_fails_the_test() {
    let _ = soc().given(&move_to("containment"));
}

#[test]
#[should_panic(expected = "expected rejection")]
fn then_rejected_fails_when_the_command_was_accepted() {
    soc()
        .when(&Command::Acknowledge)
        .then_rejected(&Rejection::AlreadyAcknowledged);
}

#[test]
#[should_panic(expected = "rejected for another reason")]
fn then_rejected_fails_on_another_rejection() {
    soc()
        .when(&move_to("containment"))
        .then_rejected(&Rejection::AlreadyAcknowledged);
}

#[test]
#[should_panic(expected = "the command yielded other changes")]
fn then_changes_fails_on_other_changes() {
    soc().when(&Command::Acknowledge).then_changes(&[]);
}

#[test]
#[should_panic(expected = "the command was rejected")]
fn then_case_fails_when_the_command_was_rejected() {
    let _ = soc().when(&move_to("containment")).then_case();
}
