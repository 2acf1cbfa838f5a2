use super::{PlaybookName, TaskName};
use crate::triage::{Category, Severity};

/// A set of playbooks that cannot be built; each variant names the
/// playbook at fault.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlaybookError {
    /// Two playbooks share a name.
    #[error("playbook `{playbook}` is defined twice")]
    DuplicatePlaybook {
        /// The name.
        playbook: PlaybookName,
    },
    /// A playbook has no tasks.
    #[error("playbook `{playbook}` has no tasks")]
    NoTasks {
        /// The playbook.
        playbook: PlaybookName,
    },
    /// A playbook lists a task name twice.
    #[error("playbook `{playbook}` defines task `{task}` twice")]
    DuplicateTask {
        /// The playbook.
        playbook: PlaybookName,
        /// The task.
        task: TaskName,
    },
    /// Two playbooks apply to the same category from the same severity, so
    /// which one a case gets would be arbitrary.
    #[error(
        "playbook `{playbook}` applies to category `{category}` from severity {} like `{other}`",
        severity.map_or("any", Into::into)
    )]
    Ambiguous {
        /// The later playbook.
        playbook: PlaybookName,
        /// The earlier one.
        other: PlaybookName,
        /// Their category.
        category: Category,
        /// Their least severity.
        severity: Option<Severity>,
    },
}
