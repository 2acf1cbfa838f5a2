use super::PeriodUnit;
use crate::text::ObligationId;

/// A table of obligations that does not make sense. Each variant names the
/// obligation at fault; fix that entry and build the table again.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ObligationError {
    /// Two obligations share an id, so a submission could not say which
    /// one it meets.
    #[error("obligation `{id}` is defined more than once")]
    Duplicate {
        /// The id.
        id: ObligationId,
    },
    /// A clock has a period of zero.
    #[error("obligation `{id}` has a clock of zero {unit}")]
    ZeroPeriod {
        /// The obligation.
        id: ObligationId,
        /// The unit of the period.
        unit: PeriodUnit,
    },
    /// A clock is longer than ten years.
    #[error("obligation `{id}` has a clock of {count} {unit}; at most {max} are allowed")]
    PeriodTooLong {
        /// The obligation.
        id: ObligationId,
        /// The count given.
        count: u32,
        /// The unit of the period.
        unit: PeriodUnit,
        /// The most allowed in that unit.
        max: u32,
    },
    /// A clock starts from the submission of a report that no obligation
    /// of the table asks for, so it could never start.
    #[error(
        "obligation `{id}` starts a clock from the submission of `{report}`, which is not in the table"
    )]
    UnknownReport {
        /// The obligation.
        id: ObligationId,
        /// The report it refers to.
        report: ObligationId,
    },
    /// The obligation's clock starts from a chain of report submissions
    /// that loops back on itself, so it could never start.
    #[error("obligation `{id}` starts from a chain of report submissions that loops")]
    Cycle {
        /// The obligation.
        id: ObligationId,
    },
}
