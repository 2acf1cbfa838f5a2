use super::{Stage, StatusId};

/// A workflow definition that cannot be built. Each variant names the entry
/// at fault; fix the definition and build it again.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WorkflowError {
    /// The definition lists no status at all.
    #[error("workflow has no statuses")]
    NoStatuses,
    /// Two statuses share a name.
    #[error("status `{status}` is defined twice")]
    DuplicateStatus {
        /// The repeated name.
        status: StatusId,
    },
    /// An entry refers to a status that is not defined.
    #[error("{entry} names unknown status `{status}`")]
    UnknownStatus {
        /// The undefined status.
        status: StatusId,
        /// The entry that names it, such as ``transition `triage` -> `done` ``.
        entry: String,
    },
    /// The initial status is not in the `new` stage.
    #[error("initial status `{status}` is in stage `{stage}`, not `new`")]
    InitialNotNew {
        /// The initial status.
        status: StatusId,
        /// Its stage.
        stage: Stage,
    },
    /// The reopen status is not in an open stage.
    #[error("reopen status `{status}` is in stage `{stage}`; it must be new, active or waiting")]
    ReopenNotOpen {
        /// The reopen status.
        status: StatusId,
        /// Its stage.
        stage: Stage,
    },
    /// A closed status has no transition to the reopen status.
    #[error("closed status `{status}` has no transition to reopen status `{reopen}`")]
    ReopenNotAllowed {
        /// The closed status.
        status: StatusId,
        /// The reopen status.
        reopen: StatusId,
    },
    /// A transition leads from a status to itself.
    #[error("transition `{status}` -> `{status}` leads nowhere")]
    SelfTransition {
        /// The status.
        status: StatusId,
    },
    /// The same move is defined twice.
    #[error("transition `{from}` -> `{to}` is defined twice")]
    DuplicateTransition {
        /// Where the move starts.
        from: StatusId,
        /// Where it ends.
        to: StatusId,
    },
    /// No sequence of transitions from the initial status reaches a status.
    #[error("status `{status}` cannot be reached from the initial status")]
    Unreachable {
        /// The unreachable status.
        status: StatusId,
    },
    /// No sequence of transitions from a status reaches a closed status.
    #[error("status `{status}` has no way to a closed status")]
    NoWayToClose {
        /// The status that cannot be closed.
        status: StatusId,
    },
}
