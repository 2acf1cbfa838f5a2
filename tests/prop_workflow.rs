//! Property tests of the workflow laws, over random command sequences given
//! by callers with random permissions, on the default SOC workflow and on
//! random valid workflow definitions:
//!
//! - no sequence takes a case along a move the workflow does not allow, and
//!   the case's status always exists with the stage recorded;
//! - a rejected command changes nothing;
//! - the desk records exactly what deciding the command yields;
//! - folding the recorded events reproduces the state the desk reports, and
//!   every prefix folds;
//! - event seqs are 1..n, contiguous, and streams only grow at the end;
//! - the guards of a move held when it was recorded.
//!
//! And of building workflows: random definitions are accepted or rejected
//! with an error, never a panic; exactly the valid ones are accepted; an
//! error names an entry that is really at fault.
//!
//! `PROPTEST_CASES` raises the number of cases (256 by default).

mod prop_support;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use casefile::case::{Change, Context};
use casefile::store::CaseSummary;
use casefile::workflow::{Guard, Stage, StatusId, WorkflowDefinition};
use casefile::{Case, DeskError, Workflow};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use prop_support::{
    Run, Step, any_definition, at, error_names_a_fault, is_valid, policy, run, statuses_of, steps,
    valid_definition,
};

/// The longest command sequence generated.
const MAX_STEPS: usize = 40;

fn soc_steps() -> impl Strategy<Value = Vec<Step>> {
    steps(statuses_of(Workflow::soc().definition()), MAX_STEPS)
}

fn random_workflow_steps() -> impl Strategy<Value = (WorkflowDefinition, Vec<Step>)> {
    valid_definition().prop_flat_map(|definition| {
        let steps = steps(statuses_of(&definition), MAX_STEPS);
        (Just(definition), steps)
    })
}

fn on_soc(steps: &[Step]) -> Run {
    run(policy(Workflow::soc()), steps)
}

fn on_random(definition: WorkflowDefinition, steps: &[Step]) -> Result<Run, TestCaseError> {
    let workflow = Workflow::new(definition)
        .map_err(|e| TestCaseError::fail(format!("repaired definition rejected: {e}")))?;
    Ok(run(policy(workflow), steps))
}

/// Every recorded move is an allowed transition that starts where the case
/// was, with the stages the workflow gives; the case's status always
/// exists in the workflow with the stage recorded.
fn moves_only_along_allowed_transitions(run: &Run) -> Result<(), TestCaseError> {
    let workflow = run.workflow();
    let records = run.records();
    let Change::Opened(opened) = &records[0].event.change else {
        return Err(TestCaseError::fail("the first event is not `opened`"));
    };
    prop_assert_eq!(&opened.status, workflow.initial());
    prop_assert_eq!(workflow.stage(&opened.status), Some(opened.stage));

    let snapshots = std::iter::once(&run.opened).chain(run.outcomes.iter().map(|o| &o.after));
    for snapshot in snapshots {
        let case = &snapshot.case;
        prop_assert_eq!(
            workflow.stage(&case.status),
            Some(case.stage),
            "case is in `{}` with stage `{}`",
            case.status,
            case.stage
        );
    }
    let mut current = (opened.status.clone(), opened.stage);
    for record in records {
        let Change::StatusChanged {
            old,
            new,
            old_stage,
            new_stage,
        } = &record.event.change
        else {
            continue;
        };
        let seq = record.event.seq;
        prop_assert_eq!((old, *old_stage), (&current.0, current.1), "event #{}", seq);
        prop_assert!(
            workflow.transition(old, new).is_some(),
            "event #{seq} moved `{old}` -> `{new}`, which the workflow does not allow"
        );
        prop_assert_eq!(workflow.stage(old), Some(*old_stage), "event #{}", seq);
        prop_assert_eq!(workflow.stage(new), Some(*new_stage), "event #{}", seq);
        current = (new.clone(), *new_stage);
    }
    let last = run.records().len();
    let case = run.desk.case(run.case).map_err(fail)?;
    prop_assert_eq!(
        (&case.status, case.stage),
        (&current.0, current.1),
        "after {} events",
        last
    );
    Ok(())
}

/// A rejected command leaves the case, its stream, its summary row and the
/// notifications as they were; the desk fails with nothing but rejections.
fn rejected_command_changes_nothing(run: &Run) -> Result<(), TestCaseError> {
    for (i, o) in run.outcomes.iter().enumerate() {
        match &o.result {
            Ok(_) => {}
            Err(DeskError::Rejected(rejection)) => prop_assert_eq!(
                &o.before,
                &o.after,
                "step {} ({:?}) was rejected ({}) but changed the case",
                i,
                o.step.command,
                rejection
            ),
            Err(other) => {
                let command = &o.step.command;
                prop_assert!(false, "step {i} ({command:?}) failed: {other}");
            }
        }
    }
    Ok(())
}

/// The desk records exactly the events that deciding the command against
/// the case as it was yields, and rejects exactly when deciding does.
fn desk_records_what_decide_yields(run: &Run) -> Result<(), TestCaseError> {
    let policy = &run.desk.options().policy;
    for (i, o) in run.outcomes.iter().enumerate() {
        let ctx = Context {
            caller: &o.step.caller,
            reason: o.step.reason.as_ref(),
            now: at(i + 1),
            policy,
        };
        let decided = o.before.case.decide(&o.step.command, &ctx);
        match (&decided, &o.result) {
            (Ok(events), Ok(receipt)) => prop_assert_eq!(events, &receipt.events, "step {}", i),
            (Err(core), Err(DeskError::Rejected(desk))) => {
                prop_assert_eq!(core, desk, "step {}", i);
            }
            (core, desk) => prop_assert!(false, "step {i}: decide gave {core:?}, desk {desk:?}"),
        }
    }
    Ok(())
}

/// Applying each command's events to the case reproduces what the desk
/// reports; the receipt's and the store's summary rows match it; every
/// prefix of the stream folds, into what the desk reports for that version.
fn replay_restores_the_desk_state(run: &Run) -> Result<(), TestCaseError> {
    let mut model = run.opened.case.clone();
    let mut at_version = BTreeMap::from([(model.version, model.clone())]);
    for (i, o) in run.outcomes.iter().enumerate() {
        let Ok(receipt) = &o.result else { continue };
        for event in &receipt.events {
            model.apply(event);
        }
        prop_assert_eq!(&model, &o.after.case, "after step {}", i);
        prop_assert_eq!(&receipt.summary, &CaseSummary::of(&o.after.case));
        prop_assert_eq!(o.after.summary.as_ref(), Some(&receipt.summary));
        at_version.insert(model.version, model.clone());
    }
    let records = run.records();
    for k in 1..=records.len() {
        let folded = Case::replay(records[..k].iter().map(|r| &r.event));
        let folded = folded.map_err(|e| TestCaseError::fail(format!("prefix {k}: {e}")))?;
        let version = k as u64;
        let reported = run.desk.case_at(run.case, version).map_err(fail)?;
        prop_assert_eq!(&folded, &reported, "prefix {}", k);
        prop_assert_eq!(folded.version, version);
        if let Some(expected) = at_version.get(&version) {
            prop_assert_eq!(&folded, expected, "prefix {}", k);
        }
    }
    let whole = Case::replay(records.iter().map(|r| &r.event)).map_err(fail)?;
    prop_assert_eq!(whole, run.desk.case(run.case).map_err(fail)?);
    Ok(())
}

/// Seqs run 1..n within the case; an accepted command only appends, its
/// events numbered on from the case's version.
fn seqs_are_contiguous(run: &Run) -> Result<(), TestCaseError> {
    for (i, record) in run.records().iter().enumerate() {
        prop_assert_eq!(record.event.seq, i as u64 + 1);
        prop_assert_eq!(record.event.case, run.case);
    }
    for (i, o) in run.outcomes.iter().enumerate() {
        let Ok(receipt) = &o.result else { continue };
        let kept = o.before.records.len();
        prop_assert!(!receipt.events.is_empty(), "step {i} recorded nothing");
        prop_assert!(
            o.after.records.starts_with(&o.before.records),
            "step {i} rewrote earlier records"
        );
        let appended: Vec<_> = o.after.records[kept..].iter().map(|r| &r.event).collect();
        let receipted: Vec<_> = receipt.events.iter().collect();
        prop_assert_eq!(appended, receipted, "step {}", i);
        let first = o.before.case.version + 1;
        let seqs: Vec<u64> = receipt.events.iter().map(|e| e.seq).collect();
        let expected: Vec<u64> = (first..first + seqs.len() as u64).collect();
        prop_assert_eq!(seqs, expected, "step {}", i);
    }
    Ok(())
}

/// Every guard on a recorded move held against the case as the events
/// before it left it, and for the caller whose command recorded it.
fn guards_hold_on_every_accepted_transition(run: &Run) -> Result<(), TestCaseError> {
    let workflow = run.workflow();
    let records = run.records();
    for (k, record) in records.iter().enumerate() {
        let Change::StatusChanged { old, new, .. } = &record.event.change else {
            continue;
        };
        let before = Case::replay(records[..k].iter().map(|r| &r.event)).map_err(fail)?;
        for guard in workflow.guards(old, new) {
            let holds = match guard {
                Guard::Owner => before.owner.is_some(),
                Guard::Verdict => before.resolution.is_some(),
                Guard::Fields { fields } => fields.iter().all(|name| {
                    let value = before.fields.get(name);
                    value.is_some_and(|v| !v.as_str().trim().is_empty())
                }),
                Guard::Permission { permission } => run.permissions[k].contains(permission),
                // A guard this test does not know: teach it.
                _ => false,
            };
            let seq = record.event.seq;
            prop_assert!(
                holds,
                "event #{seq} moved `{old}` -> `{new}` although {guard:?} did not hold"
            );
        }
    }
    Ok(())
}

fn fail(error: impl std::fmt::Display) -> TestCaseError {
    TestCaseError::fail(error.to_string())
}

/// Every status of a built workflow is reachable from the initial one and
/// can reach a closed one, asked through the workflow's own API.
fn built_workflow_is_sound(workflow: &Workflow) -> Result<(), TestCaseError> {
    let statuses: Vec<StatusId> = workflow.statuses().map(|(s, _)| s.clone()).collect();
    let closed: Vec<StatusId> = workflow
        .statuses()
        .filter(|(_, stage)| *stage == Stage::Closed)
        .map(|(s, _)| s.clone())
        .collect();
    let forward = |at: &StatusId, to: &StatusId| workflow.transition(at, to).is_some();
    let backward = |at: &StatusId, to: &StatusId| workflow.transition(to, at).is_some();
    let from_initial = flood(&statuses, &[workflow.initial().clone()], forward);
    let to_closed = flood(&statuses, &closed, backward);
    prop_assert_eq!(workflow.stage(workflow.initial()), Some(Stage::New));
    for status in &statuses {
        prop_assert!(from_initial.contains(status), "`{status}` is unreachable");
        prop_assert!(to_closed.contains(status), "`{status}` cannot close");
    }
    if let Some(reopen) = workflow.reopen() {
        prop_assert!(workflow.stage(reopen).is_some_and(Stage::is_open));
    }
    Ok(())
}

fn flood(
    statuses: &[StatusId],
    start: &[StatusId],
    step: impl Fn(&StatusId, &StatusId) -> bool,
) -> BTreeSet<StatusId> {
    let mut seen: BTreeSet<StatusId> = start.iter().cloned().collect();
    let mut queue: VecDeque<StatusId> = start.iter().cloned().collect();
    while let Some(at) = queue.pop_front() {
        for next in statuses.iter().filter(|to| step(&at, to)) {
            if seen.insert(next.clone()) {
                queue.push_back(next.clone());
            }
        }
    }
    seen
}

proptest! {
    #[test]
    fn prop_soc_moves_only_along_allowed_transitions(steps in soc_steps()) {
        moves_only_along_allowed_transitions(&on_soc(&steps))?;
    }

    #[test]
    fn prop_random_workflow_moves_only_along_allowed_transitions(
        (definition, steps) in random_workflow_steps()
    ) {
        moves_only_along_allowed_transitions(&on_random(definition, &steps)?)?;
    }

    #[test]
    fn prop_soc_rejected_command_changes_nothing(steps in soc_steps()) {
        rejected_command_changes_nothing(&on_soc(&steps))?;
    }

    #[test]
    fn prop_random_workflow_rejected_command_changes_nothing(
        (definition, steps) in random_workflow_steps()
    ) {
        rejected_command_changes_nothing(&on_random(definition, &steps)?)?;
    }

    #[test]
    fn prop_soc_desk_records_what_decide_yields(steps in soc_steps()) {
        desk_records_what_decide_yields(&on_soc(&steps))?;
    }

    #[test]
    fn prop_random_workflow_desk_records_what_decide_yields(
        (definition, steps) in random_workflow_steps()
    ) {
        desk_records_what_decide_yields(&on_random(definition, &steps)?)?;
    }

    #[test]
    fn prop_soc_replay_restores_the_desk_state(steps in soc_steps()) {
        replay_restores_the_desk_state(&on_soc(&steps))?;
    }

    #[test]
    fn prop_random_workflow_replay_restores_the_desk_state(
        (definition, steps) in random_workflow_steps()
    ) {
        replay_restores_the_desk_state(&on_random(definition, &steps)?)?;
    }

    #[test]
    fn prop_soc_seqs_are_contiguous(steps in soc_steps()) {
        seqs_are_contiguous(&on_soc(&steps))?;
    }

    #[test]
    fn prop_random_workflow_seqs_are_contiguous((definition, steps) in random_workflow_steps()) {
        seqs_are_contiguous(&on_random(definition, &steps)?)?;
    }

    #[test]
    fn prop_soc_guards_hold_on_every_accepted_transition(steps in soc_steps()) {
        guards_hold_on_every_accepted_transition(&on_soc(&steps))?;
    }

    #[test]
    fn prop_random_workflow_guards_hold_on_every_accepted_transition(
        (definition, steps) in random_workflow_steps()
    ) {
        guards_hold_on_every_accepted_transition(&on_random(definition, &steps)?)?;
    }

    #[test]
    fn prop_repaired_definitions_are_accepted(definition in valid_definition()) {
        prop_assert!(is_valid(&definition), "the generator made an invalid definition");
        let built = Workflow::new(definition);
        prop_assert!(built.is_ok(), "rejected: {}", built.unwrap_err());
    }

    #[test]
    fn prop_workflow_new_accepts_exactly_the_valid_definitions(definition in any_definition()) {
        // A panic inside `Workflow::new` fails the property like an assertion.
        match Workflow::new(definition.clone()) {
            Ok(workflow) => {
                prop_assert!(is_valid(&definition), "an invalid definition was accepted");
                built_workflow_is_sound(&workflow)?;
            }
            Err(error) => {
                prop_assert!(!is_valid(&definition), "a valid definition was rejected: {error}");
                prop_assert!(
                    error_names_a_fault(&definition, &error),
                    "`{error}` names an entry that is not at fault"
                );
            }
        }
    }
}
