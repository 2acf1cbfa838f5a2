use serde::{Deserialize, Serialize};

use super::Phase;
use crate::text::Title;

crate::text::name_text!(
    /// The name of a task in a playbook, such as `reset-credentials`.
    TaskName, "task name"
);

/// One task of a playbook: what to do, in which phase, and whether the
/// case may be resolved before it is done.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TaskTemplate {
    /// Its name, unique within the playbook.
    pub name: TaskName,
    /// What to do, in one line.
    pub title: Title,
    /// The lifecycle phase it belongs to.
    pub phase: Phase,
    /// Whether it must be done before the case is resolved or closed
    /// (under the [`MandatoryTasks`](crate::workflow::Guard::MandatoryTasks)
    /// guard).
    #[serde(default)]
    pub mandatory: bool,
}

impl TaskTemplate {
    /// An optional task.
    pub fn new(name: TaskName, title: Title, phase: Phase) -> Self {
        Self {
            name,
            title,
            phase,
            mandatory: false,
        }
    }

    /// Makes the task mandatory.
    #[must_use]
    pub fn mandatory(mut self) -> Self {
        self.mandatory = true;
        self
    }
}
