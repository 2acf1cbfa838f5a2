use serde::{Deserialize, Serialize};

use super::Stage;
use crate::text::{FieldName, Permission};

crate::text::name_text!(
    /// The name of a status in a workflow, such as `investigating`.
    StatusId, "status id"
);

/// A workflow as data: statuses, the transitions between them and their
/// guards. Build a [`Workflow`](super::Workflow) from it to use it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkflowDefinition {
    /// The status a new case starts in; its stage must be `new`.
    pub initial: StatusId,
    /// Where a reopened case goes, if cases can be reopened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reopen: Option<StatusId>,
    /// Every status, in display order.
    pub statuses: Vec<StatusDefinition>,
    /// The allowed moves between statuses.
    pub transitions: Vec<TransitionDefinition>,
}

/// One status and the stage it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusDefinition {
    /// The status's name.
    pub id: StatusId,
    /// The fixed stage it belongs to.
    pub stage: Stage,
}

impl StatusDefinition {
    /// A status in a stage.
    pub fn new(id: StatusId, stage: Stage) -> Self {
        Self { id, stage }
    }
}

/// Allowed moves from any of `from` to `to`, if every guard holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitionDefinition {
    /// The statuses the move may start from.
    pub from: Vec<StatusId>,
    /// The status the move ends in.
    pub to: StatusId,
    /// Conditions that must all hold for the move.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guards: Vec<Guard>,
}

impl TransitionDefinition {
    /// Moves from each of `from` to `to`, unguarded.
    pub fn new(from: impl IntoIterator<Item = StatusId>, to: StatusId) -> Self {
        Self {
            from: from.into_iter().collect(),
            to,
            guards: Vec::new(),
        }
    }

    /// Adds a guard.
    #[must_use]
    pub fn guard(mut self, guard: Guard) -> Self {
        self.guards.push(guard);
        self
    }
}

/// A condition on a transition, checked against the case as it would be
/// after the command.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "require")]
#[non_exhaustive]
pub enum Guard {
    /// The case must have an owner.
    Owner,
    /// The case must have a resolution with a verdict.
    Verdict,
    /// Each named custom field must be set to a non-empty value.
    Fields {
        /// The fields that must be set.
        fields: Vec<FieldName>,
    },
    /// The caller must hold this permission.
    Permission {
        /// The permission required.
        permission: Permission,
    },
    /// Every mandatory task of the case's playbooks must be done.
    MandatoryTasks,
}
