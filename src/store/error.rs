use crate::ids::{CaseId, LookupKey};

/// A failure of a [`Store`](super::Store). Nothing of the failed call was
/// written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The stream is not at the expected version: someone else appended
    /// first. Load the stream again, decide again, and retry.
    #[error("case `{case}` is at version {actual}, not the expected {expected}")]
    Conflict {
        /// The case.
        case: CaseId,
        /// The version the caller decided against.
        expected: u64,
        /// The version the store holds.
        actual: u64,
    },
    /// A lookup key to claim is held by another case. Use that case, or
    /// release the key from it first.
    #[error("key `{key}` is held by case `{holder}`")]
    KeyTaken {
        /// The key.
        key: LookupKey,
        /// The case holding it.
        holder: CaseId,
    },
    /// The append is malformed (no records, records of another case, gaps
    /// in sequence numbers, a summary of another version). This is a bug
    /// in the caller; do not retry.
    #[error("append to case `{case}` is malformed: {problem}")]
    InvalidAppend {
        /// The case.
        case: CaseId,
        /// What is wrong.
        problem: &'static str,
    },
    /// What the store holds cannot be read back. Investigate; do not retry.
    #[error("stored data of case `{case}` is unreadable")]
    Corrupt {
        /// The case.
        case: CaseId,
        /// The backend's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The backend does not implement this operation (it predates alert
    /// ingestion). Do not retry; implement the operation in the backend.
    #[error("store backend does not support `{operation}`")]
    Unsupported {
        /// The trait method.
        operation: &'static str,
    },
    /// The backend failed (connection lost, disk full). Retry later.
    #[error("store backend failed")]
    Backend {
        /// The backend's error.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}
