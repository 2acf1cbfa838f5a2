//! Issue 2, items 2 and 3: working a case through the default SOC workflow,
//! custom workflows as data and their validation, and the priority matrix.

mod common;

use casefile::case::{Change, Rejection, Unmet};
use casefile::text::{Permission, WaitingFor};
use casefile::triage::{
    Impact, Priority, PriorityMatrix, Resolution, ResolutionImpact, Urgency, Verdict,
};
use casefile::workflow::{Guard, Stage, StatusId, Workflow, WorkflowDefinition};
use casefile::{CaseId, CasePolicy, Command, DeskOptions};
use common::{
    Fixture, alice, analyst, assign, bob, later, move_to, rejection, resolution, resolve, status,
    t0, team, text,
};

fn reopener() -> casefile::Caller {
    alice().with_permission(Workflow::soc_reopen_permission())
}

fn hold(waiting_for: &str) -> Command {
    Command::Hold {
        status: None,
        waiting_for: text(waiting_for),
    }
}

fn close() -> Command {
    Command::Close { status: None }
}

/// The status each command leaves the case in.
fn walk(fixture: &Fixture, case: CaseId, commands: &[Command]) -> Vec<String> {
    let run = |command| {
        fixture
            .run(case, &alice(), command)
            .summary
            .status
            .to_string()
    };
    commands.iter().map(run).collect()
}

/// A case assigned to alice and moved to `to`.
fn owned_case_in(fixture: &Fixture, path: &[&str]) -> CaseId {
    let case = fixture.open();
    fixture.run(case, &alice(), &assign(analyst(1)));
    for to in path {
        fixture.run(case, &alice(), &move_to(to));
    }
    case
}

fn changes(receipt: &casefile::Receipt) -> Vec<Change> {
    receipt.events.iter().map(|e| e.change.clone()).collect()
}

// ---------------------------------------------------------------------------
// Acknowledging and assigning

#[test]
fn acknowledging_records_the_time_once() {
    let fixture = Fixture::new();
    let case = fixture.open();

    let receipt = fixture
        .desk
        .execute(case, &alice(), &Command::Acknowledge, None, later(7));
    let again = fixture
        .desk
        .execute(case, &bob(), &Command::Acknowledge, None, later(9));

    assert_eq!(receipt.unwrap().summary.acknowledged_at, Some(later(7)));
    assert_eq!(rejection(again), Rejection::AlreadyAcknowledged);
    assert_eq!(
        fixture.desk.case(case).unwrap().acknowledged_at,
        Some(later(7))
    );
}

#[test]
fn acknowledging_twice_is_refused_with_its_reason() {
    let fixture = Fixture::new();
    let case = fixture.open();
    fixture.run(case, &alice(), &Command::Acknowledge);

    let again = rejection(fixture.try_run(case, &Command::Acknowledge));

    assert_eq!(again.to_string(), "case was already acknowledged");
}

#[test]
fn assigning_an_owner_records_the_old_and_new_owner() {
    let fixture = Fixture::new();
    let case = fixture.open();
    fixture.run(case, &alice(), &assign(analyst(2)));

    let receipt = fixture.run(case, &alice(), &assign(analyst(1)));

    let expected = Change::OwnerChanged {
        old: Some(analyst(2)),
        new: Some(analyst(1)),
    };
    assert_eq!(changes(&receipt), vec![expected]);
    assert_eq!(receipt.summary.owner, Some(analyst(1)));
}

#[test]
fn assigning_a_team_and_unassigning_the_owner() {
    let fixture = Fixture::new();
    let case = fixture.open();
    fixture.run(case, &alice(), &assign(analyst(2)));

    fixture.run(
        case,
        &alice(),
        &Command::AssignTeam {
            team: Some(team(5)),
        },
    );
    let receipt = fixture.run(case, &alice(), &Command::AssignOwner { owner: None });

    assert_eq!(
        (receipt.summary.owner, receipt.summary.team),
        (None, Some(team(5)))
    );
}

#[test]
fn assigning_the_same_owner_or_team_again_is_refused() {
    let fixture = Fixture::new();
    let case = fixture.open();
    fixture.run(case, &alice(), &assign(analyst(2)));

    let owner = rejection(fixture.try_run(case, &assign(analyst(2))));
    let team = rejection(fixture.try_run(case, &Command::AssignTeam { team: None }));

    assert_eq!(owner.to_string(), "owner would not change");
    assert_eq!(team.to_string(), "team would not change");
}

#[test]
fn a_command_dated_before_the_last_event_is_refused() {
    let fixture = Fixture::new();
    let case = fixture.open();
    fixture
        .desk
        .execute(case, &alice(), &move_to("triage"), None, later(10))
        .unwrap();

    let early = fixture
        .desk
        .execute(case, &alice(), &Command::Acknowledge, None, later(5));

    assert_eq!(
        rejection(early).to_string(),
        "time `2026-03-02 09:05:00 UTC` is before the case's last event at `2026-03-02 09:10:00 UTC`"
    );
}

// ---------------------------------------------------------------------------
// The default SOC workflow

/// Every move of the default workflow and its guard, as the module docs
/// chart it; every pair not listed must be refused.
fn soc_moves() -> Vec<(&'static str, &'static str, Option<Guard>)> {
    let open = [
        "new",
        "triage",
        "investigating",
        "containment",
        "eradication",
        "recovery",
        "on_hold",
    ];
    let working = [
        "triage",
        "investigating",
        "containment",
        "eradication",
        "recovery",
    ];
    let owner = Some(Guard::Owner);
    let mut moves = vec![
        ("new", "triage", None),
        ("investigating", "triage", None),
        ("on_hold", "triage", None),
        ("resolved", "triage", None),
        ("resolved", "closed", None),
    ];
    for from in ["new", "triage", "containment", "on_hold"] {
        moves.push((from, "investigating", owner.clone()));
    }
    for from in ["triage", "investigating", "eradication", "on_hold"] {
        moves.push((from, "containment", owner.clone()));
    }
    for from in ["containment", "recovery", "on_hold"] {
        moves.push((from, "eradication", owner.clone()));
    }
    moves.push(("eradication", "recovery", owner.clone()));
    moves.push(("on_hold", "recovery", owner));
    moves.extend(working.map(|from| (from, "on_hold", None)));
    moves.extend(open.map(|from| (from, "resolved", Some(Guard::Verdict))));
    moves.extend(open.map(|from| (from, "closed", Some(Guard::Verdict))));
    let reopen = Guard::Permission {
        permission: text("case:reopen"),
    };
    moves.push(("closed", "triage", Some(reopen)));
    moves
}

#[test]
fn the_soc_workflow_allows_exactly_the_charted_moves_with_their_guards() {
    let soc = Workflow::soc();
    let expected = soc_moves();

    for (from, _) in soc.statuses() {
        for (to, _) in soc.statuses() {
            let allowed = soc.transition(from, to).map(|t| t.guards.clone());
            let charted = expected
                .iter()
                .find(|(f, t, _)| *f == from.as_str() && *t == to.as_str())
                .map(|(_, _, guard)| guard.iter().cloned().collect::<Vec<_>>());
            assert_eq!(allowed, charted, "move `{from}` -> `{to}`");
        }
    }
}

#[test]
fn the_soc_workflow_follows_the_nist_lifecycle_stages() {
    let soc = Workflow::soc();

    let statuses: Vec<(String, Stage)> = soc.statuses().map(|(s, g)| (s.to_string(), g)).collect();

    let expected = [
        ("new", Stage::New),
        ("triage", Stage::Active),
        ("investigating", Stage::Active),
        ("containment", Stage::Active),
        ("eradication", Stage::Active),
        ("recovery", Stage::Active),
        ("on_hold", Stage::Waiting),
        ("resolved", Stage::Resolved),
        ("closed", Stage::Closed),
    ];
    assert_eq!(statuses, expected.map(|(s, g)| (s.to_owned(), g)));
    assert_eq!(
        (soc.initial().as_str(), soc.reopen().map(StatusId::as_str)),
        ("new", Some("triage"))
    );
    assert_eq!(Workflow::soc_reopen_permission().as_str(), "case:reopen");
}

#[test]
fn an_owned_case_walks_the_whole_incident_response_lifecycle() {
    let fixture = Fixture::new();
    let case = fixture.open();
    fixture.run(case, &alice(), &assign(analyst(1)));

    let statuses = walk(
        &fixture,
        case,
        &[
            move_to("triage"),
            move_to("investigating"),
            move_to("containment"),
            move_to("eradication"),
            move_to("recovery"),
            resolve(Verdict::TruePositive),
            close(),
        ],
    );

    let expected = [
        "triage",
        "investigating",
        "containment",
        "eradication",
        "recovery",
        "resolved",
        "closed",
    ];
    assert_eq!(statuses, expected);
}

#[test]
fn moves_record_old_and_new_status_and_stage() {
    let fixture = Fixture::new();
    let case = fixture.open();

    let receipt = fixture.run(case, &alice(), &move_to("triage"));

    let expected = Change::StatusChanged {
        old: status("new"),
        new: status("triage"),
        old_stage: Stage::New,
        new_stage: Stage::Active,
    };
    assert_eq!(changes(&receipt), vec![expected]);
    assert_eq!(receipt.summary.stage, Stage::Active);
}

#[test]
fn moving_forward_without_an_owner_is_refused() {
    let fixture = Fixture::new();
    let case = fixture.open();
    fixture.run(case, &alice(), &move_to("triage"));

    let refused = rejection(fixture.try_run(case, &move_to("investigating")));

    assert_eq!(
        refused,
        Rejection::GuardFailed {
            from: status("triage"),
            to: status("investigating"),
            unmet: Unmet::Owner,
        }
    );
    assert_eq!(
        refused.to_string(),
        "moving from `triage` to `investigating` needs an owner"
    );
}

#[test]
fn a_move_the_workflow_lacks_is_refused() {
    let fixture = Fixture::new();
    let case = owned_case_in(&fixture, &[]);

    let refused = rejection(fixture.try_run(case, &move_to("containment")));

    assert_eq!(
        refused.to_string(),
        "workflow has no move from `new` to `containment`"
    );
}

#[test]
fn moving_to_an_unknown_or_the_current_status_is_refused() {
    let fixture = Fixture::new();
    let case = fixture.open();

    let unknown = rejection(fixture.try_run(case, &move_to("done")));
    let same = rejection(fixture.try_run(case, &move_to("new")));

    assert_eq!(unknown.to_string(), "status `done` is not in the workflow");
    assert_eq!(same.to_string(), "status would not change");
}

#[test]
fn resolving_or_closing_by_a_plain_move_needs_a_verdict() {
    let fixture = Fixture::new();
    let case = owned_case_in(&fixture, &["triage"]);

    let resolved = rejection(fixture.try_run(case, &move_to("resolved")));
    let closed = rejection(fixture.try_run(case, &close()));

    assert_eq!(
        resolved.to_string(),
        "moving from `triage` to `resolved` needs a verdict"
    );
    assert_eq!(
        closed.to_string(),
        "moving from `triage` to `closed` needs a verdict"
    );
}

#[test]
fn closing_into_a_status_of_another_stage_is_refused() {
    let fixture = Fixture::new();
    let case = fixture.open();

    let command = Command::Close {
        status: Some(status("triage")),
    };
    let refused = rejection(fixture.try_run(case, &command));

    assert_eq!(
        refused.to_string(),
        "status `triage` is in stage `active`, not `closed`"
    );
}

#[test]
fn resolving_into_a_status_of_another_stage_is_refused() {
    let fixture = Fixture::new();
    let case = fixture.open();

    let command = Command::Resolve {
        resolution: resolution(Verdict::FalsePositive),
        status: Some(status("triage")),
    };
    let refused = rejection(fixture.try_run(case, &command));

    assert_eq!(
        refused.to_string(),
        "status `triage` is in stage `active`, not `resolved`"
    );
}

// ---------------------------------------------------------------------------
// On hold

#[test]
fn holding_records_who_the_case_waits_for_and_where_it_was() {
    let fixture = Fixture::new();
    let case = owned_case_in(&fixture, &["triage", "investigating", "containment"]);

    let receipt = fixture.run(case, &alice(), &hold("ISP abuse desk"));

    let held = fixture.desk.case(case).unwrap();
    assert_eq!(
        (receipt.summary.status.as_str(), receipt.summary.stage),
        ("on_hold", Stage::Waiting)
    );
    assert_eq!(held.waiting_for, Some(text::<WaitingFor>("ISP abuse desk")));
    assert_eq!(held.held_from, Some(status("containment")));
}

#[test]
fn resuming_returns_to_the_held_from_status_and_forgets_the_third_party() {
    let fixture = Fixture::new();
    let case = owned_case_in(&fixture, &["triage", "investigating", "containment"]);
    fixture.run(case, &alice(), &hold("ISP abuse desk"));

    let receipt = fixture.run(case, &alice(), &Command::Resume);

    let resumed = fixture.desk.case(case).unwrap();
    assert_eq!(resumed.status, status("containment"));
    assert_eq!((resumed.waiting_for, resumed.held_from), (None, None));
    let cleared = Change::WaitingForChanged {
        old: Some(text("ISP abuse desk")),
        new: None,
    };
    assert!(changes(&receipt).contains(&cleared));
}

#[test]
fn holding_twice_resuming_an_unheld_case_and_holding_a_new_case_are_refused() {
    let fixture = Fixture::new();
    let held = owned_case_in(&fixture, &["triage"]);
    fixture.run(held, &alice(), &hold("customer"));
    let fresh = fixture.open();

    let twice = rejection(fixture.try_run(held, &hold("vendor")));
    let unheld = rejection(fixture.try_run(fresh, &Command::Resume));
    let from_new = rejection(fixture.try_run(fresh, &hold("vendor")));

    assert_eq!(twice.to_string(), "case is already on hold");
    assert_eq!(unheld.to_string(), "case is not on hold");
    assert_eq!(
        from_new.to_string(),
        "workflow has no move from `new` to a `waiting` status"
    );
}

#[test]
fn resuming_checks_the_guard_of_the_way_back() {
    let fixture = Fixture::new();
    let case = owned_case_in(&fixture, &["triage", "investigating"]);
    fixture.run(case, &alice(), &hold("legal"));
    fixture.run(case, &alice(), &Command::AssignOwner { owner: None });

    let refused = rejection(fixture.try_run(case, &Command::Resume));

    assert_eq!(
        refused.to_string(),
        "moving from `on_hold` to `investigating` needs an owner"
    );
}

// ---------------------------------------------------------------------------
// Resolving, closing, reopening

#[test]
fn resolving_records_verdict_impact_and_summary() {
    let fixture = Fixture::new();
    let case = owned_case_in(&fixture, &["triage"]);
    let given = Resolution::new(
        Verdict::TruePositive,
        ResolutionImpact::WithImpact,
        text("Two mailboxes compromised; passwords reset"),
    );

    let command = Command::Resolve {
        resolution: given.clone(),
        status: None,
    };
    let receipt = fixture
        .desk
        .execute(case, &alice(), &command, None, later(30))
        .unwrap();

    let resolved = fixture.desk.case(case).unwrap();
    assert_eq!(resolved.resolution, Some(given));
    assert_eq!(
        (resolved.status.as_str(), resolved.stage),
        ("resolved", Stage::Resolved)
    );
    assert_eq!(resolved.resolved_at, Some(later(30)));
    assert_eq!(receipt.summary.verdict, Some(Verdict::TruePositive));
}

#[test]
fn resolving_a_held_case_forgets_the_third_party() {
    let fixture = Fixture::new();
    let case = owned_case_in(&fixture, &["triage"]);
    fixture.run(case, &alice(), &hold("customer"));

    fixture.run(case, &alice(), &resolve(Verdict::BenignPositive));

    let resolved = fixture.desk.case(case).unwrap();
    assert_eq!(
        (resolved.stage, resolved.waiting_for),
        (Stage::Resolved, None)
    );
}

#[test]
fn resolving_twice_is_refused() {
    let fixture = Fixture::new();
    let case = owned_case_in(&fixture, &["triage"]);
    fixture.run(case, &alice(), &resolve(Verdict::FalsePositive));

    let again = rejection(fixture.try_run(case, &resolve(Verdict::TruePositive)));

    assert_eq!(
        again.to_string(),
        "case is already resolved; close or reopen it"
    );
}

#[test]
fn resolving_straight_into_a_closed_status_closes_the_case() {
    let fixture = Fixture::new();
    let case = fixture.open();

    let command = Command::Resolve {
        resolution: resolution(Verdict::Duplicate),
        status: Some(status("closed")),
    };
    let receipt = fixture.run(case, &alice(), &command);

    let summary = receipt.summary;
    assert_eq!(
        (summary.stage, summary.verdict),
        (Stage::Closed, Some(Verdict::Duplicate))
    );
    assert_eq!(
        (summary.resolved_at, summary.closed_at),
        (Some(t0()), Some(t0()))
    );
}

#[test]
fn closing_a_resolved_case_keeps_its_resolution() {
    let fixture = Fixture::new();
    let case = owned_case_in(&fixture, &["triage"]);
    fixture
        .desk
        .execute(
            case,
            &alice(),
            &resolve(Verdict::FalsePositive),
            None,
            later(10),
        )
        .unwrap();

    let receipt = fixture
        .desk
        .execute(case, &alice(), &close(), None, later(20))
        .unwrap();

    let summary = receipt.summary;
    assert_eq!(
        (summary.status.as_str(), summary.stage),
        ("closed", Stage::Closed)
    );
    assert_eq!(
        (summary.resolved_at, summary.closed_at),
        (Some(later(10)), Some(later(20)))
    );
    assert_eq!(summary.verdict, Some(Verdict::FalsePositive));
}

fn closed_case(fixture: &Fixture) -> CaseId {
    let case = owned_case_in(fixture, &["triage"]);
    fixture.run(case, &alice(), &resolve(Verdict::FalsePositive));
    fixture.run(case, &alice(), &close());
    case
}

#[test]
fn a_closed_case_refuses_every_edit() {
    let fixture = Fixture::new();
    let case = closed_case(&fixture);
    let before = fixture.desk.history(case).unwrap();
    let edits = [
        Command::Retitle {
            title: text("New title"),
        },
        Command::AddTag { tag: text("late") },
        Command::Acknowledge,
        assign(analyst(2)),
        hold("vendor"),
        close(),
    ];

    for edit in &edits {
        let refused = rejection(fixture.try_run(case, edit));
        assert_eq!(
            refused.to_string(),
            "case `SOC-2026-000001` is closed; reopen it first",
            "{edit:?}"
        );
    }
    assert_eq!(fixture.desk.history(case).unwrap(), before);
}

#[test]
fn reopening_a_resolved_case_clears_its_resolution() {
    let fixture = Fixture::new();
    let case = owned_case_in(&fixture, &["triage"]);
    fixture.run(case, &alice(), &resolve(Verdict::FalsePositive));

    let receipt = fixture.run(case, &alice(), &Command::Reopen);

    let reopened = fixture.desk.case(case).unwrap();
    assert_eq!(
        (reopened.status.as_str(), reopened.stage),
        ("triage", Stage::Active)
    );
    assert_eq!(
        (reopened.resolution, reopened.resolved_at, reopened.reopened),
        (None, None, 1)
    );
    let cleared = Change::ResolutionChanged {
        old: Some(resolution(Verdict::FalsePositive)),
        new: None,
    };
    assert!(changes(&receipt).contains(&cleared));
    assert_eq!(receipt.summary.verdict, None);
}

#[test]
fn reopening_a_closed_case_needs_the_reopen_permission() {
    let fixture = Fixture::new();
    let case = closed_case(&fixture);

    let refused = rejection(fixture.try_run(case, &Command::Reopen));

    assert_eq!(
        refused.to_string(),
        "moving from `closed` to `triage` needs permission `case:reopen`"
    );
    assert_eq!(fixture.desk.case(case).unwrap().stage, Stage::Closed);
}

#[test]
fn reopening_a_closed_case_with_permission_clears_resolution_and_times() {
    let fixture = Fixture::new();
    let case = closed_case(&fixture);

    fixture.run(case, &reopener(), &Command::Reopen);

    let reopened = fixture.desk.case(case).unwrap();
    assert_eq!((reopened.status.as_str(), reopened.reopened), ("triage", 1));
    assert_eq!(reopened.resolution, None);
    assert_eq!((reopened.resolved_at, reopened.closed_at), (None, None));
}

#[test]
fn every_reopening_is_counted_whether_by_reopen_or_by_move() {
    let fixture = Fixture::new();
    let case = closed_case(&fixture);

    fixture.run(case, &reopener(), &move_to("triage"));
    fixture.run(case, &alice(), &resolve(Verdict::TruePositive));
    fixture.run(case, &alice(), &Command::Reopen);

    assert_eq!(fixture.desk.case(case).unwrap().reopened, 2);
}

#[test]
fn reopening_an_open_case_is_refused() {
    let fixture = Fixture::new();
    let case = fixture.open();

    let refused = rejection(fixture.try_run(case, &Command::Reopen));

    assert_eq!(
        refused.to_string(),
        "case is open; only a resolved or closed case can be reopened"
    );
}

// ---------------------------------------------------------------------------
// Custom workflows as data

const CUSTOM: &str = r#"{
    "initial": "received",
    "reopen": "working",
    "statuses": [
        {"id": "received", "stage": "new"},
        {"id": "working", "stage": "active"},
        {"id": "parked", "stage": "waiting"},
        {"id": "done", "stage": "resolved"},
        {"id": "archived", "stage": "closed"}
    ],
    "transitions": [
        {"from": ["received", "parked"], "to": "working"},
        {"from": ["working"], "to": "parked"},
        {"from": ["working"], "to": "done",
         "guards": [{"require": "fields", "fields": ["ticket-ref"]}, {"require": "verdict"}]},
        {"from": ["done"], "to": "archived",
         "guards": [{"require": "permission", "permission": "case:archive"}]},
        {"from": ["done", "archived"], "to": "working"}
    ]
}"#;

fn custom_definition() -> WorkflowDefinition {
    serde_json::from_str(CUSTOM).unwrap()
}

fn custom_desk() -> Fixture {
    let policy = format!(r#"{{"workflow": {CUSTOM}}}"#);
    let policy: CasePolicy = serde_json::from_str(&policy).unwrap();
    Fixture::with_options(DeskOptions::new(policy))
}

fn working_custom_case(fixture: &Fixture) -> CaseId {
    let case = fixture.open();
    fixture.run(case, &alice(), &move_to("working"));
    case
}

fn set_field(name: &str, value: &str) -> Command {
    Command::SetField {
        name: text(name),
        value: Some(text(value)),
    }
}

#[test]
fn a_custom_workflow_loads_from_json_and_drives_the_desk() {
    let fixture = custom_desk();
    let case = fixture.open();

    let statuses = walk(
        &fixture,
        case,
        &[move_to("working"), hold("vendor"), Command::Resume],
    );

    assert_eq!(statuses, ["working", "parked", "working"]);
}

#[test]
fn a_custom_workflow_starts_cases_in_its_initial_status() {
    let fixture = custom_desk();

    let case = fixture.desk.case(fixture.open()).unwrap();

    assert_eq!((case.status.as_str(), case.stage), ("received", Stage::New));
}

#[test]
fn a_fields_guard_names_the_missing_field() {
    let fixture = custom_desk();
    let case = working_custom_case(&fixture);

    let unset = rejection(fixture.try_run(case, &resolve(Verdict::TruePositive)));
    fixture.run(case, &alice(), &set_field("ticket-ref", "   "));
    let blank = rejection(fixture.try_run(case, &resolve(Verdict::TruePositive)));

    assert_eq!(
        unset.to_string(),
        "moving from `working` to `done` needs field `ticket-ref`"
    );
    assert_eq!(blank, unset);
}

#[test]
fn a_fields_guard_passes_once_the_field_is_set() {
    let fixture = custom_desk();
    let case = working_custom_case(&fixture);
    fixture.run(case, &alice(), &set_field("ticket-ref", "INC-4711"));

    let receipt = fixture.run(case, &alice(), &resolve(Verdict::TruePositive));

    assert_eq!(
        (receipt.summary.status.as_str(), receipt.summary.stage),
        ("done", Stage::Resolved)
    );
}

#[test]
fn a_permission_guard_names_the_missing_permission() {
    let fixture = custom_desk();
    let case = working_custom_case(&fixture);
    fixture.run_all(
        case,
        &[
            set_field("ticket-ref", "INC-4711"),
            resolve(Verdict::TruePositive),
        ],
    );

    let refused = rejection(fixture.try_run(case, &close()));
    let archivist = alice().with_permission(text::<Permission>("case:archive"));
    let receipt = fixture.run(case, &archivist, &close());

    assert_eq!(
        refused.to_string(),
        "moving from `done` to `archived` needs permission `case:archive`"
    );
    assert_eq!(receipt.summary.status.as_str(), "archived");
}

#[test]
fn a_workflow_without_a_reopen_status_refuses_reopening() {
    let mut definition = custom_definition();
    definition.reopen = None;
    let policy = CasePolicy::new(
        Workflow::new(definition).unwrap(),
        PriorityMatrix::itil(),
        vec![],
    );
    let fixture = Fixture::with_options(DeskOptions::new(policy.unwrap()));
    let case = working_custom_case(&fixture);
    fixture.run_all(
        case,
        &[set_field("ticket-ref", "INC-1"), resolve(Verdict::Other)],
    );

    let refused = rejection(fixture.try_run(case, &Command::Reopen));

    assert_eq!(refused.to_string(), "workflow does not allow reopening");
}

// ---------------------------------------------------------------------------
// Workflow validation

fn build_error(definition: WorkflowDefinition) -> String {
    Workflow::new(definition).unwrap_err().to_string()
}

fn with_transition(json: &str) -> WorkflowDefinition {
    let mut definition = custom_definition();
    definition
        .transitions
        .push(serde_json::from_str(json).unwrap());
    definition
}

fn with_status(id: &str, stage: Stage) -> WorkflowDefinition {
    let mut definition = custom_definition();
    let status = casefile::workflow::StatusDefinition::new(status(id), stage);
    definition.statuses.push(status);
    definition
}

#[test]
fn a_transition_to_an_unknown_status_is_named() {
    let definition = with_transition(r#"{"from": ["working"], "to": "finished"}"#);

    let error = build_error(definition);

    assert_eq!(
        error,
        "transition `working` -> `finished` names unknown status `finished`"
    );
}

#[test]
fn a_transition_from_an_unknown_status_is_named() {
    let definition = with_transition(r#"{"from": ["ghost"], "to": "working"}"#);

    let error = build_error(definition);

    assert_eq!(
        error,
        "transition `ghost` -> `working` names unknown status `ghost`"
    );
}

#[test]
fn an_unknown_initial_or_reopen_status_is_named() {
    let mut bad_initial = custom_definition();
    bad_initial.initial = status("start");
    let mut bad_reopen = custom_definition();
    bad_reopen.reopen = Some(status("again"));

    assert_eq!(
        build_error(bad_initial),
        "initial status names unknown status `start`"
    );
    assert_eq!(
        build_error(bad_reopen),
        "reopen status names unknown status `again`"
    );
}

#[test]
fn an_unreachable_status_is_named() {
    let mut definition = with_status("limbo", Stage::Active);
    definition
        .transitions
        .push(serde_json::from_str(r#"{"from": ["limbo"], "to": "done"}"#).unwrap());

    let error = build_error(definition);

    assert_eq!(
        error,
        "status `limbo` cannot be reached from the initial status"
    );
}

#[test]
fn a_status_with_no_way_to_close_is_named() {
    let mut definition = with_status("stuck", Stage::Active);
    definition
        .transitions
        .push(serde_json::from_str(r#"{"from": ["working"], "to": "stuck"}"#).unwrap());

    let error = build_error(definition);

    assert_eq!(error, "status `stuck` has no way to a closed status");
}

#[test]
fn a_workflow_without_any_closed_status_is_refused() {
    let mut definition = custom_definition();
    definition.statuses.retain(|s| s.stage != Stage::Closed);
    definition
        .transitions
        .retain(|t| t.to.as_str() != "archived");
    for transition in &mut definition.transitions {
        transition.from.retain(|f| f.as_str() != "archived");
    }

    let error = build_error(definition);

    assert_eq!(error, "status `received` has no way to a closed status");
}

#[test]
fn duplicate_statuses_and_transitions_are_named() {
    let twice = with_status("working", Stage::Active);
    let moved_twice = with_transition(r#"{"from": ["received"], "to": "working"}"#);

    assert_eq!(build_error(twice), "status `working` is defined twice");
    assert_eq!(
        build_error(moved_twice),
        "transition `received` -> `working` is defined twice"
    );
}

#[test]
fn a_transition_to_itself_is_refused() {
    let definition = with_transition(r#"{"from": ["working"], "to": "working"}"#);

    assert_eq!(
        build_error(definition),
        "transition `working` -> `working` leads nowhere"
    );
}

#[test]
fn an_initial_status_outside_the_new_stage_is_named() {
    let mut definition = custom_definition();
    definition.initial = status("working");

    assert_eq!(
        build_error(definition),
        "initial status `working` is in stage `active`, not `new`"
    );
}

#[test]
fn a_reopen_status_that_is_not_open_is_named() {
    let mut definition = custom_definition();
    definition.reopen = Some(status("done"));

    let error = build_error(definition);

    assert_eq!(
        error,
        "reopen status `done` is in stage `resolved`; it must be new, active or waiting"
    );
}

#[test]
fn a_closed_status_that_cannot_reopen_is_named() {
    let mut definition = custom_definition();
    let back = definition
        .transitions
        .iter_mut()
        .find(|t| t.from.contains(&status("archived")));
    back.unwrap().from.retain(|f| f.as_str() != "archived");

    let error = build_error(definition);

    assert_eq!(
        error,
        "closed status `archived` has no transition to reopen status `working`"
    );
}

#[test]
fn a_workflow_without_statuses_is_refused() {
    let mut definition = custom_definition();
    definition.statuses.clear();

    assert_eq!(build_error(definition), "workflow has no statuses");
}

#[test]
fn a_bad_workflow_is_refused_when_deserialized_with_the_same_message() {
    let bad = CUSTOM.replace(r#""initial": "received""#, r#""initial": "working""#);

    let error = serde_json::from_str::<Workflow>(&bad)
        .unwrap_err()
        .to_string();

    assert!(
        error.starts_with("initial status `working` is in stage `active`, not `new`"),
        "{error}"
    );
}

#[test]
fn unknown_keys_in_a_workflow_definition_are_refused() {
    let bad = CUSTOM.replace(r#""reopen""#, r#""colour": "red", "reopen""#);

    let error = serde_json::from_str::<Workflow>(&bad)
        .unwrap_err()
        .to_string();

    assert!(error.starts_with("unknown field `colour`"), "{error}");
}

#[test]
fn policy_rules_naming_unknown_statuses_or_twice_defined_are_refused() {
    let rule = r#"{"name": "page", "when": {"on": "status", "status": "escalated"},
                   "request": {"action": "page-oncall", "parameters": {}, "rule": null}}"#;
    let unknown = format!(r#"{{"automations": [{rule}]}}"#);
    let twice = format!(r#"{{"automations": [{rule}, {rule}]}}"#).replace("escalated", "triage");

    let unknown = serde_json::from_str::<CasePolicy>(&unknown)
        .unwrap_err()
        .to_string();
    let twice = serde_json::from_str::<CasePolicy>(&twice)
        .unwrap_err()
        .to_string();

    assert!(
        unknown.starts_with("automation rule `page` names unknown status `escalated`"),
        "{unknown}"
    );
    assert!(
        twice.starts_with("automation rule `page` is defined twice"),
        "{twice}"
    );
}

// ---------------------------------------------------------------------------
// Priority from impact and urgency

fn set_impact_urgency(impact: Impact, urgency: Urgency) -> Command {
    Command::SetImpactUrgency { impact, urgency }
}

#[test]
fn raising_impact_and_urgency_raises_priority_with_an_event() {
    let fixture = Fixture::new();
    let case = fixture.open();

    let receipt = fixture.run(
        case,
        &alice(),
        &set_impact_urgency(Impact::High, Urgency::High),
    );

    let expected = vec![
        Change::ImpactChanged {
            old: Impact::Medium,
            new: Impact::High,
        },
        Change::UrgencyChanged {
            old: Urgency::Medium,
            new: Urgency::High,
        },
        Change::PriorityChanged {
            old: Priority::P3,
            new: Priority::P1,
        },
    ];
    assert_eq!(changes(&receipt), expected);
    assert_eq!(receipt.summary.priority, Priority::P1);
}

#[test]
fn changing_only_urgency_records_only_urgency_and_priority() {
    let fixture = Fixture::new();
    let case = fixture.open();

    let receipt = fixture.run(
        case,
        &alice(),
        &set_impact_urgency(Impact::Medium, Urgency::High),
    );

    let expected = vec![
        Change::UrgencyChanged {
            old: Urgency::Medium,
            new: Urgency::High,
        },
        Change::PriorityChanged {
            old: Priority::P3,
            new: Priority::P2,
        },
    ];
    assert_eq!(changes(&receipt), expected);
}

#[test]
fn a_change_that_keeps_the_priority_records_no_priority_event() {
    let fixture = Fixture::new();
    let case = fixture.open();

    let receipt = fixture.run(
        case,
        &alice(),
        &set_impact_urgency(Impact::High, Urgency::Low),
    );

    let priority_changed = changes(&receipt)
        .iter()
        .any(|c| matches!(c, Change::PriorityChanged { .. }));
    assert!(!priority_changed);
    assert_eq!(receipt.summary.priority, Priority::P3);
}

#[test]
fn setting_the_same_impact_and_urgency_is_refused() {
    let fixture = Fixture::new();
    let case = fixture.open();

    let refused =
        rejection(fixture.try_run(case, &set_impact_urgency(Impact::Medium, Urgency::Medium)));

    assert_eq!(refused.to_string(), "impact and urgency would not change");
}

#[test]
fn a_configured_priority_matrix_decides_priority() {
    let policy = r#"{"priority": {"high": ["p1", "p1", "p2"], "medium": ["p1", "p2", "p3"],
                                  "low": ["p2", "p3", "p4"]}}"#;
    let policy: CasePolicy = serde_json::from_str(policy).unwrap();
    let fixture = Fixture::with_options(DeskOptions::new(policy));

    let case = fixture.desk.case(fixture.open()).unwrap();

    assert_eq!(case.priority, Priority::P2);
}

#[test]
fn a_priority_matrix_that_lowers_priority_as_impact_rises_is_refused() {
    let json =
        r#"{"high": ["p4", "p2", "p3"], "medium": ["p2", "p3", "p4"], "low": ["p3", "p4", "p5"]}"#;

    let error = serde_json::from_str::<PriorityMatrix>(json)
        .unwrap_err()
        .to_string();

    assert!(
        error.starts_with(
            "priority matrix cell impact `high`, urgency `high` is `p4`, less urgent than `p2` \
             at a lower impact or urgency"
        ),
        "{error}"
    );
}
