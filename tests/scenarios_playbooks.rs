//! Playbooks: tasks applied when a case is opened or categorised, task
//! commands, and the mandatory-tasks guard on resolving.

mod common;

use casefile::case::{Rejection, TaskState, Unmet};
use casefile::playbook::{Phase, Playbooks};
use casefile::triage::{Category, PriorityMatrix, Verdict};
use casefile::{CasePolicy, Command, DeskOptions, NewCase, Workflow};
use common::{Fixture, alice, analyst, assign, phishing, rejection, resolve, text};

fn fixture() -> Fixture {
    let policy = CasePolicy::new(
        Workflow::soc_with_playbooks(),
        PriorityMatrix::itil(),
        vec![],
    )
    .unwrap()
    .with_playbooks(Playbooks::soc());
    Fixture::with_options(DeskOptions::new(policy))
}

fn complete_mandatory(fx: &Fixture, case: casefile::CaseId) {
    let tasks = fx.desk.case(case).unwrap().tasks;
    for task in tasks
        .iter()
        .filter(|t| t.mandatory && t.state == TaskState::Open)
    {
        fx.run(case, &alice(), &Command::CompleteTask { task: task.number });
    }
}

#[test]
fn a_case_opened_with_a_category_gets_its_playbook() {
    let fx = fixture();
    let case = fx.open();
    let case = fx.desk.case(case).unwrap();
    assert_eq!(case.tasks.len(), 10);
    assert_eq!(case.tasks[0].name.as_str(), "collect-message");
    assert_eq!(case.tasks[0].phase, Phase::DetectionAndAnalysis);
    assert!(case.tasks.iter().all(|t| t.playbook.as_str() == "phishing"));
    assert_eq!(case.version, 2, "opened, then the playbook");
}

#[test]
fn mandatory_tasks_block_resolving_until_done() {
    let fx = fixture();
    let case = fx.open();
    fx.run(case, &alice(), &assign(analyst(1)));
    let refused = rejection(fx.try_run(case, &resolve(Verdict::FalsePositive)));
    assert_eq!(
        refused,
        Rejection::GuardFailed {
            from: text("new"),
            to: text("resolved"),
            unmet: Unmet::MandatoryTask(text("collect-message")),
        }
    );
    assert_eq!(
        refused.to_string(),
        "moving from `new` to `resolved` needs mandatory task `collect-message` done"
    );
    complete_mandatory(&fx, case);
    fx.run(case, &alice(), &resolve(Verdict::FalsePositive));
    assert_eq!(fx.desk.case(case).unwrap().status.as_str(), "resolved");
}

#[test]
fn tasks_are_assigned_completed_and_skipped_with_a_reason() {
    let fx = fixture();
    let case = fx.open();
    let assign_task = Command::AssignTask {
        task: 3,
        owner: Some(analyst(2)),
    };
    fx.run(case, &alice(), &assign_task);
    let skip = Command::SkipTask {
        task: 3,
        reason: text("No attachments or links"),
    };
    fx.run(case, &alice(), &skip);
    let after = fx.desk.case(case).unwrap();
    assert_eq!(after.task(3).unwrap().owner, Some(analyst(2)));
    assert_eq!(
        after.task(3).unwrap().state,
        TaskState::Skipped {
            reason: text("No attachments or links")
        }
    );
    let again = rejection(fx.try_run(case, &Command::CompleteTask { task: 3 }));
    assert_eq!(
        again.to_string(),
        "task 3 `detonate-attachments-links` is already done or skipped"
    );
    let missing = rejection(fx.try_run(case, &Command::CompleteTask { task: 99 }));
    assert_eq!(missing, Rejection::NoSuchTask { task: 99 });
    let mandatory = Command::SkipTask {
        task: 1,
        reason: text("Too busy"),
    };
    assert_eq!(
        rejection(fx.try_run(case, &mandatory)).to_string(),
        "task 1 `collect-message` is mandatory and cannot be skipped"
    );
}

#[test]
fn categorising_later_applies_the_playbook_and_supersedes_the_old_one() {
    let fx = fixture();
    let new = NewCase::new(
        text("Odd login"),
        Category::uncategorized(),
        casefile::triage::Severity::Medium,
    );
    let case = fx.open_new(new);
    assert!(fx.desk.case(case).unwrap().tasks.is_empty());

    let categorise = |category| Command::Categorise { category };
    fx.run(case, &alice(), &categorise(Category::phishing()));
    fx.run(case, &alice(), &Command::CompleteTask { task: 1 });
    fx.run(case, &alice(), &categorise(Category::unauthorized_access()));
    let after = fx.desk.case(case).unwrap();
    assert_eq!(after.tasks.len(), 18);
    assert_eq!(after.task(1).unwrap().state, TaskState::Done);
    let superseded = TaskState::Skipped {
        reason: text("superseded by playbook `unauthorized-access`"),
    };
    assert_eq!(after.task(2).unwrap().state, superseded);
    assert_eq!(after.task(11).unwrap().name.as_str(), "review-sign-ins");

    // Back to phishing: the case had that playbook already.
    fx.run(case, &alice(), &categorise(Category::phishing()));
    assert_eq!(fx.desk.case(case).unwrap().tasks.len(), 18);
}

#[test]
fn the_default_workflow_and_policy_are_unchanged() {
    let fx = Fixture::new();
    let case = fx.open();
    assert!(fx.desk.case(case).unwrap().tasks.is_empty());
    let with_playbooks = CasePolicy::default().with_playbooks(Playbooks::soc());
    let fx = Fixture::with_options(DeskOptions::new(with_playbooks));
    let case = fx.open_new(phishing());
    fx.run(case, &alice(), &assign(analyst(1)));
    fx.run(case, &alice(), &resolve(Verdict::FalsePositive));
}
