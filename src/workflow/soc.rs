use super::{Guard, Stage, StatusDefinition, StatusId, TransitionDefinition, WorkflowDefinition};
use crate::text::Permission;

const NEW: &str = "new";
const TRIAGE: &str = "triage";
const INVESTIGATING: &str = "investigating";
const CONTAINMENT: &str = "containment";
const ERADICATION: &str = "eradication";
const RECOVERY: &str = "recovery";
const ON_HOLD: &str = "on_hold";
const RESOLVED: &str = "resolved";
const CLOSED: &str = "closed";

/// The permission the default workflow requires to reopen a closed case.
pub(super) const REOPEN_PERMISSION: &str = "case:reopen";

fn id(name: &str) -> StatusId {
    StatusId(name.to_owned())
}

fn ids(names: &[&str]) -> Vec<StatusId> {
    names.iter().copied().map(id).collect()
}

/// The default SOC workflow as data (see the module docs for its chart).
pub(super) fn definition() -> WorkflowDefinition {
    let statuses = [
        (NEW, Stage::New),
        (TRIAGE, Stage::Active),
        (INVESTIGATING, Stage::Active),
        (CONTAINMENT, Stage::Active),
        (ERADICATION, Stage::Active),
        (RECOVERY, Stage::Active),
        (ON_HOLD, Stage::Waiting),
        (RESOLVED, Stage::Resolved),
        (CLOSED, Stage::Closed),
    ];
    WorkflowDefinition {
        initial: id(NEW),
        reopen: Some(id(TRIAGE)),
        statuses: statuses
            .iter()
            .map(|(s, stage)| StatusDefinition::new(id(s), *stage))
            .collect(),
        transitions: transitions(),
    }
}

/// The default SOC workflow with [`Guard::MandatoryTasks`] on every move
/// into `resolved` or `closed`.
pub(super) fn with_playbooks() -> WorkflowDefinition {
    let mut definition = definition();
    let done = [id(RESOLVED), id(CLOSED)];
    for transition in &mut definition.transitions {
        if done.contains(&transition.to) {
            transition.guards.push(Guard::MandatoryTasks);
        }
    }
    definition
}

fn transitions() -> Vec<TransitionDefinition> {
    let open = [
        NEW,
        TRIAGE,
        INVESTIGATING,
        CONTAINMENT,
        ERADICATION,
        RECOVERY,
        ON_HOLD,
    ];
    let working = [TRIAGE, INVESTIGATING, CONTAINMENT, ERADICATION, RECOVERY];
    let owned =
        |from: &[&str], to| TransitionDefinition::new(ids(from), id(to)).guard(Guard::Owner);
    let plain = |from: &[&str], to| TransitionDefinition::new(ids(from), id(to));
    let reopen_permission = Permission(REOPEN_PERMISSION.to_owned());
    vec![
        plain(&[NEW, INVESTIGATING, ON_HOLD, RESOLVED], TRIAGE),
        owned(&[NEW, TRIAGE, CONTAINMENT, ON_HOLD], INVESTIGATING),
        owned(&[TRIAGE, INVESTIGATING, ERADICATION, ON_HOLD], CONTAINMENT),
        owned(&[CONTAINMENT, RECOVERY, ON_HOLD], ERADICATION),
        owned(&[ERADICATION, ON_HOLD], RECOVERY),
        plain(&working, ON_HOLD),
        TransitionDefinition::new(ids(&open), id(RESOLVED)).guard(Guard::Verdict),
        TransitionDefinition::new(ids(&open), id(CLOSED)).guard(Guard::Verdict),
        plain(&[RESOLVED], CLOSED),
        TransitionDefinition::new(ids(&[CLOSED]), id(TRIAGE)).guard(Guard::Permission {
            permission: reopen_permission,
        }),
    ]
}
