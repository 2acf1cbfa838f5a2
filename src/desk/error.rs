use crate::audit::VerifyError;
use crate::case::{Rejection, ReplayError};
use crate::ids::CaseId;
use crate::store::StoreError;

/// Why the desk could not carry out a request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DeskError {
    /// The command was refused; nothing was recorded. Show the reason to
    /// the user.
    #[error(transparent)]
    Rejected(#[from] Rejection),
    /// No case has this id.
    #[error("case `{case}` does not exist")]
    NotFound {
        /// The id asked for.
        case: CaseId,
    },
    /// The case changed under every attempt. Nothing was recorded; retry
    /// later, or raise `DeskOptions::max_retries`.
    #[error("case `{case}` kept changing; gave up after {attempts} attempts")]
    Contention {
        /// The case.
        case: CaseId,
        /// How many times the command was decided.
        attempts: u32,
    },
    /// The version asked for is beyond the end of the stream.
    #[error("case `{case}` has {latest} events; version {version} does not exist")]
    NoSuchVersion {
        /// The case.
        case: CaseId,
        /// The version asked for.
        version: u64,
        /// The latest version.
        latest: u64,
    },
    /// The stored stream does not fold into a case. Verify it.
    #[error("stream of case `{case}` cannot be replayed")]
    Replay {
        /// The case.
        case: CaseId,
        /// What is wrong with it.
        #[source]
        source: ReplayError,
    },
    /// The stored history fails verification. Keep it as it is and
    /// investigate.
    #[error("history of case `{case}` fails verification")]
    Tampered {
        /// The case.
        case: CaseId,
        /// Where and how.
        #[source]
        source: VerifyError,
    },
    /// The time given is outside the years 1000 to 9999 that case numbers
    /// can hold; check the caller's clock.
    #[error("time `{now}` is outside the years 1000 to 9999")]
    TimeOutOfRange {
        /// The time given.
        now: chrono::DateTime<chrono::Utc>,
    },
    /// The desk was built without SLA policies.
    #[error("desk has no SLA policies")]
    NoSla,
    /// Ingesting an alert met a conflict or a key claimed by another
    /// ingestion on every attempt. Nothing was recorded; ingest it again.
    #[error("alert kept meeting concurrent changes; gave up after {attempts} attempts")]
    IngestContention {
        /// How many times the alert was decided.
        attempts: u32,
    },
    /// A case cannot be merged into itself.
    #[error("case `{case}` cannot be merged into itself")]
    MergeSelf {
        /// The case.
        case: CaseId,
    },
    /// The case was merged into another before; work on that one.
    #[error("case `{case}` was merged into `{into}`")]
    AlreadyMerged {
        /// The case.
        case: CaseId,
        /// The case it was merged into.
        into: CaseId,
    },
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}
