//! SLA targets worked through the desk: business calendars, pause and
//! resume, reopening, priority changes, and the sweep.

mod common;

use casefile::sla::{CycleState, SlaDefinition, SlaPolicies, SlaReport};
use casefile::triage::{Impact, Urgency, Verdict};
use casefile::{CaseId, Command, DeskOptions, Notification, Workflow};
use chrono::{DateTime, Utc};
use common::{Fixture, alice, analyst, assign, at, move_to, phishing, resolve, text};
use serde_json::json;

/// Office hours Mon-Fri 08:00-17:00 UTC with 2026-03-06 (a Friday) off,
/// and policies by priority: P1/P2 cases must be resolved in 4 business
/// hours, the rest in 8; every case must be acknowledged in 30 minutes.
fn definition(on_priority_change: &str, on_reopen: &str) -> SlaDefinition {
    let resolve_target = |minutes: u32| {
        json!({
            "name": "time-to-resolve", "minutes": minutes, "calendar": "office",
            "start": {"on": "opened"},
            "stop": {"on": "stage", "stages": ["resolved", "closed"]},
            "pause": {"stages": ["waiting"]},
            "on_priority_change": on_priority_change,
            "on_reopen": on_reopen
        })
    };
    let acknowledge = json!({
        "name": "time-to-acknowledge", "minutes": 30, "calendar": "office",
        "start": {"on": "opened"}, "stop": {"on": "acknowledged"}
    });
    let office = json!({
        "time_zone": "UTC",
        "week": {
            "monday": [["08:00", "17:00"]], "tuesday": [["08:00", "17:00"]],
            "wednesday": [["08:00", "17:00"]], "thursday": [["08:00", "17:00"]],
            "friday": [["08:00", "17:00"]]
        },
        "holidays": [{"on": "2026-03-06"}]
    });
    serde_json::from_value(json!({
        "calendars": {"office": office},
        "policies": [
            {"name": "urgent", "when": {"priorities": ["p1", "p2"]},
             "targets": [acknowledge, resolve_target(240)]},
            {"name": "standard", "targets": [acknowledge, resolve_target(480)]}
        ]
    }))
    .expect("the definition deserializes")
}

fn policies(on_priority_change: &str, on_reopen: &str) -> SlaPolicies {
    SlaPolicies::new(definition(on_priority_change, on_reopen), &Workflow::soc())
        .expect("the definition is valid")
}

fn fixture_with(policies: SlaPolicies) -> Fixture {
    Fixture::with_options(DeskOptions::default().sla(policies))
}

fn fixture() -> Fixture {
    fixture_with(policies("retarget", "new_cycle"))
}

/// Opens an urgent (P1) phishing case at `when`.
fn open_urgent(fixture: &Fixture, when: &str) -> CaseId {
    let new = phishing().impact(Impact::High).urgency(Urgency::High);
    fixture
        .desk
        .open(&alice(), new, None, at(when))
        .unwrap()
        .case()
}

fn run(fixture: &Fixture, case: CaseId, command: &Command, when: &str) {
    fixture
        .desk
        .execute(case, &alice(), command, None, at(when))
        .unwrap();
}

fn report(fixture: &Fixture, case: CaseId, when: &str) -> SlaReport {
    fixture.desk.sla(case, at(when)).unwrap()
}

fn resolve_cycles(report: &SlaReport) -> Vec<(CycleState, DateTime<Utc>)> {
    let target = report
        .target(&text("time-to-resolve"))
        .expect("target has cycles");
    target.cycles.iter().map(|c| (c.state, c.due)).collect()
}

#[test]
fn friday_afternoon_plus_four_business_hours_is_monday_eleven() {
    // Friday 2026-03-13 16:00: one hour counts on Friday, three on Monday.
    let fixture = fixture();
    let case = open_urgent(&fixture, "2026-03-13T16:00:00Z");
    let report = report(&fixture, case, "2026-03-13T16:30:00Z");

    let cycle = report
        .target(&text("time-to-resolve"))
        .unwrap()
        .current()
        .unwrap();
    assert_eq!(report.policy, Some(text("urgent")));
    assert_eq!(cycle.due, at("2026-03-16T11:00:00Z"));
    assert_eq!(cycle.state, CycleState::Running);
    assert_eq!(cycle.elapsed, chrono::TimeDelta::minutes(30));
    assert_eq!(cycle.remaining, chrono::TimeDelta::minutes(210));
}

#[test]
fn a_holiday_moves_the_deadline_past_it() {
    // Thursday 2026-03-05 15:00 + 4 h: 2 h on Thursday, Friday is a
    // holiday, 2 h on Monday.
    let fixture = fixture();
    let case = open_urgent(&fixture, "2026-03-05T15:00:00Z");
    let cycles = resolve_cycles(&report(&fixture, case, "2026-03-05T15:00:00Z"));
    assert_eq!(
        cycles,
        vec![(CycleState::Running, at("2026-03-09T10:00:00Z"))]
    );
}

#[test]
fn thresholds_are_crossed_at_half_three_quarters_and_the_breach() {
    let fixture = fixture();
    let case = open_urgent(&fixture, "2026-03-09T08:00:00Z");
    let report = report(&fixture, case, "2026-03-09T13:00:00Z");

    let cycle = report
        .target(&text("time-to-resolve"))
        .unwrap()
        .current()
        .unwrap();
    let crossed: Vec<(u8, DateTime<Utc>)> =
        cycle.crossings.iter().map(|c| (c.percent, c.at)).collect();
    assert_eq!(
        crossed,
        vec![
            (50, at("2026-03-09T10:00:00Z")),
            (75, at("2026-03-09T11:00:00Z")),
            (100, at("2026-03-09T12:00:00Z")),
        ]
    );
    assert!(cycle.breached);
    assert_eq!(cycle.remaining, chrono::TimeDelta::zero());
}

#[test]
fn pausing_on_hold_moves_the_deadline_out_by_the_paused_business_time() {
    let fixture = fixture();
    let case = open_urgent(&fixture, "2026-03-09T08:00:00Z");
    run(&fixture, case, &move_to("triage"), "2026-03-09T08:30:00Z");
    let hold = Command::Hold {
        status: None,
        waiting_for: text("the user"),
    };
    run(&fixture, case, &hold, "2026-03-09T09:00:00Z");

    let paused = report(&fixture, case, "2026-03-09T10:00:00Z");
    let cycle = paused
        .target(&text("time-to-resolve"))
        .unwrap()
        .current()
        .unwrap();
    assert_eq!(cycle.state, CycleState::Paused);
    assert_eq!(cycle.elapsed, chrono::TimeDelta::hours(1));

    run(&fixture, case, &Command::Resume, "2026-03-09T11:00:00Z");
    let cycles = resolve_cycles(&report(&fixture, case, "2026-03-09T11:00:00Z"));
    // 1 h used before the hold, 3 h left from 11:00: due 14:00, two hours
    // later than without the hold.
    assert_eq!(
        cycles,
        vec![(CycleState::Running, at("2026-03-09T14:00:00Z"))]
    );
}

#[test]
fn stopping_in_time_is_met_and_stays_met() {
    let fixture = fixture();
    let case = open_urgent(&fixture, "2026-03-09T08:00:00Z");
    run(&fixture, case, &assign(analyst(1)), "2026-03-09T08:05:00Z");
    run(
        &fixture,
        case,
        &resolve(Verdict::FalsePositive),
        "2026-03-09T12:00:00Z",
    );

    let later = report(&fixture, case, "2026-03-20T12:00:00Z");
    let cycles = resolve_cycles(&later);
    assert_eq!(cycles, vec![(CycleState::Met, at("2026-03-09T12:00:00Z"))]);
    let cycle = later
        .target(&text("time-to-resolve"))
        .unwrap()
        .current()
        .unwrap();
    assert!(!cycle.breached, "a stop at the due instant is in time");
    assert_eq!(
        cycle
            .crossings
            .iter()
            .map(|c| c.percent)
            .collect::<Vec<_>>(),
        vec![50, 75]
    );
}

#[test]
fn acknowledging_late_misses_the_target() {
    let fixture = fixture();
    let case = open_urgent(&fixture, "2026-03-09T08:00:00Z");
    run(
        &fixture,
        case,
        &Command::Acknowledge,
        "2026-03-09T08:45:00Z",
    );

    let report = report(&fixture, case, "2026-03-09T09:00:00Z");
    let cycle = report
        .target(&text("time-to-acknowledge"))
        .unwrap()
        .current()
        .unwrap();
    assert_eq!(cycle.state, CycleState::Missed);
    assert_eq!(cycle.due, at("2026-03-09T08:30:00Z"));
    assert_eq!(cycle.elapsed, chrono::TimeDelta::minutes(45));
}

fn resolve_then_reopen(fixture: &Fixture) -> CaseId {
    let case = open_urgent(fixture, "2026-03-09T08:00:00Z");
    run(fixture, case, &assign(analyst(1)), "2026-03-09T08:05:00Z");
    run(
        fixture,
        case,
        &resolve(Verdict::FalsePositive),
        "2026-03-09T09:00:00Z",
    );
    run(fixture, case, &Command::Reopen, "2026-03-09T13:00:00Z");
    case
}

#[test]
fn reopening_starts_a_new_cycle_by_default() {
    let fixture = fixture();
    let case = resolve_then_reopen(&fixture);
    let cycles = resolve_cycles(&report(&fixture, case, "2026-03-09T13:00:00Z"));
    assert_eq!(
        cycles,
        vec![
            (CycleState::Met, at("2026-03-09T12:00:00Z")),
            (CycleState::Running, at("2026-03-09T17:00:00Z")),
        ]
    );
}

#[test]
fn reopening_can_resume_the_clock_instead() {
    let fixture = fixture_with(policies("retarget", "resume"));
    let case = resolve_then_reopen(&fixture);
    let cycles = resolve_cycles(&report(&fixture, case, "2026-03-09T13:00:00Z"));
    // The first cycle used 1 h; the second carries on with 3 h left.
    assert_eq!(cycles[1], (CycleState::Running, at("2026-03-09T16:00:00Z")));
    assert_eq!(cycles[0].0, CycleState::Met);
}

#[test]
fn reopening_can_reset_and_cancel_the_earlier_cycle() {
    let fixture = fixture_with(policies("retarget", "reset"));
    let case = resolve_then_reopen(&fixture);
    let cycles = resolve_cycles(&report(&fixture, case, "2026-03-09T13:00:00Z"));
    assert_eq!(cycles[0].0, CycleState::Cancelled);
    assert_eq!(cycles[1], (CycleState::Running, at("2026-03-09T17:00:00Z")));
}

fn lower_priority() -> Command {
    Command::SetImpactUrgency {
        impact: Impact::Low,
        urgency: Urgency::Low,
    }
}

#[test]
fn a_priority_change_retargets_the_running_cycle_from_its_start() {
    let fixture = fixture();
    let case = open_urgent(&fixture, "2026-03-09T08:00:00Z");
    run(&fixture, case, &lower_priority(), "2026-03-09T10:00:00Z");

    let report = report(&fixture, case, "2026-03-09T10:00:00Z");
    assert_eq!(report.policy, Some(text("standard")));
    // 8 business hours from the original start at 08:00.
    assert_eq!(
        resolve_cycles(&report),
        vec![(CycleState::Running, at("2026-03-09T16:00:00Z"))]
    );
}

#[test]
fn a_priority_change_can_restart_the_clock_from_the_change() {
    let fixture = fixture_with(policies("restart", "new_cycle"));
    let case = open_urgent(&fixture, "2026-03-09T08:00:00Z");
    run(&fixture, case, &lower_priority(), "2026-03-09T10:00:00Z");

    let cycles = resolve_cycles(&report(&fixture, case, "2026-03-09T10:00:00Z"));
    assert_eq!(cycles[0].0, CycleState::Cancelled);
    // 8 business hours from 10:00: 7 on Monday, 1 on Tuesday.
    assert_eq!(cycles[1], (CycleState::Running, at("2026-03-10T09:00:00Z")));
}

#[test]
fn raising_the_priority_shortens_the_running_target() {
    let fixture = fixture();
    let case = fixture
        .desk
        .open(&alice(), phishing(), None, at("2026-03-09T08:00:00Z"))
        .unwrap();
    let case = case.case();
    let raise = Command::SetImpactUrgency {
        impact: Impact::High,
        urgency: Urgency::High,
    };
    run(&fixture, case, &raise, "2026-03-09T09:00:00Z");

    let cycles = resolve_cycles(&report(&fixture, case, "2026-03-09T09:00:00Z"));
    assert_eq!(
        cycles,
        vec![(CycleState::Running, at("2026-03-09T12:00:00Z"))]
    );
}

#[test]
fn the_summary_row_carries_the_next_checkpoint() {
    let fixture = fixture();
    let case = open_urgent(&fixture, "2026-03-09T08:00:00Z");
    let summary = fixture.desk.store().summary(case).unwrap().unwrap();
    // The acknowledgement target reaches 50% at 08:15.
    assert_eq!(summary.next_checkpoint, Some(at("2026-03-09T08:15:00Z")));

    run(
        &fixture,
        case,
        &Command::Acknowledge,
        "2026-03-09T08:10:00Z",
    );
    let summary = fixture.desk.store().summary(case).unwrap().unwrap();
    // Now only time-to-resolve runs: 50% of 4 h at 10:00.
    assert_eq!(summary.next_checkpoint, Some(at("2026-03-09T10:00:00Z")));
}

#[test]
fn the_sweep_records_each_crossing_once_and_notifies() {
    let fixture = fixture();
    let case = open_urgent(&fixture, "2026-03-09T08:00:00Z");
    run(
        &fixture,
        case,
        &Command::Acknowledge,
        "2026-03-09T08:10:00Z",
    );
    fixture.notifier.take();

    let sweep = fixture.desk.sweep(at("2026-03-09T11:30:00Z")).unwrap();
    assert_eq!(sweep.due, 1);
    let changes: Vec<String> = sweep.recorded[0]
        .events
        .iter()
        .map(|e| e.change.to_string())
        .collect();
    assert_eq!(
        changes,
        vec![
            "SLA `time-to-resolve` passed 50% at 2026-03-09 10:00:00 UTC (cycle 1)",
            "SLA `time-to-resolve` passed 75% at 2026-03-09 11:00:00 UTC (cycle 1)",
        ]
    );
    let kinds: Vec<u8> = fixture
        .notifier
        .take()
        .iter()
        .filter_map(|n| match n {
            Notification::SlaWarning { percent, .. } => Some(*percent),
            _ => None,
        })
        .collect();
    assert_eq!(kinds, vec![50, 75]);

    let summary = fixture.desk.store().summary(case).unwrap().unwrap();
    assert_eq!(
        summary.next_checkpoint,
        Some(at("2026-03-09T12:00:00Z")),
        "after the sweep the next checkpoint is the breach"
    );
    let fresh = fixture.desk.sla(case, at("2026-03-09T11:30:00Z")).unwrap();
    assert_eq!(fresh.next_checkpoint, summary.next_checkpoint);

    let again = fixture.desk.sweep(at("2026-03-09T11:30:00Z")).unwrap();
    assert_eq!(
        (again.due, again.recorded.len()),
        (0, 0),
        "a second sweep records nothing"
    );

    let breach = fixture.desk.sweep(at("2026-03-09T12:00:00Z")).unwrap();
    assert_eq!(breach.recorded[0].events.len(), 1);
    assert!(matches!(
        fixture.notifier.take().as_slice(),
        [Notification::SlaBreached { at: due, .. }] if *due == at("2026-03-09T12:00:00Z")
    ));
}

#[test]
fn the_sweep_only_looks_at_cases_that_are_due() {
    let fixture = fixture();
    let early = open_urgent(&fixture, "2026-03-09T08:00:00Z");
    let late = open_urgent(&fixture, "2026-03-09T10:00:00Z");
    for case in [early, late] {
        run(
            &fixture,
            case,
            &Command::Acknowledge,
            "2026-03-09T10:01:00Z",
        );
    }
    let sweep = fixture.desk.sweep(at("2026-03-09T10:30:00Z")).unwrap();
    assert_eq!(
        sweep.due, 1,
        "only the early case has passed its checkpoint"
    );
    assert_eq!(sweep.recorded[0].summary.id, early);
}

#[test]
fn a_desk_without_sla_policies_says_so() {
    let fixture = Fixture::new();
    let case = fixture.open();
    let error = fixture
        .desk
        .sla(case, at("2026-03-09T10:30:00Z"))
        .unwrap_err();
    assert_eq!(error.to_string(), "desk has no SLA policies");
}

#[test]
fn invalid_definitions_name_the_entry() {
    let mut bad = definition("retarget", "new_cycle");
    bad.policies[0].targets[1].calendar = Some(text("nights"));
    let error = SlaPolicies::new(bad, &Workflow::soc()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "target `time-to-resolve` of SLA policy `urgent` names unknown calendar `nights`"
    );

    let mut bad = definition("retarget", "new_cycle");
    bad.policies[1].targets[0].warnings = vec![50, 120];
    let error = SlaPolicies::new(bad, &Workflow::soc()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "target `time-to-acknowledge` of SLA policy `standard` has warning 120%; warnings are \
         distinct, from 1 to 99"
    );

    let mut bad = definition("retarget", "new_cycle");
    bad.policies[0].targets[0].stop =
        serde_json::from_value(json!({"on": "status", "statuses": ["parked"]})).unwrap();
    let error = SlaPolicies::new(bad, &Workflow::soc()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "target `time-to-acknowledge` of SLA policy `urgent` names unknown status `parked`"
    );
}
