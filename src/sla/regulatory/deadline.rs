use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Regime;
use crate::case::Fact;
use crate::text::ObligationId;

/// An obligation attached to a case, with its due time and where it stands
/// at the instant asked about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Deadline {
    /// The obligation.
    pub obligation: ObligationId,
    /// Its regime.
    pub regime: Regime,
    /// When its starting fact became true.
    pub started_at: DateTime<Utc>,
    /// The last instant the report can be submitted in time.
    pub due: DateTime<Utc>,
    /// The fact whose clock sets `due` (the starting fact, or one of the
    /// obligation's `no_later_than` clocks).
    pub due_from: Fact,
    /// Met, pending, overdue or late.
    pub status: DeadlineStatus,
}

/// Where a deadline stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeadlineStatus {
    /// Not submitted, and the due time has not passed.
    Pending,
    /// Not submitted, and the due time has passed.
    Overdue,
    /// Submitted at or before the due time.
    Met {
        /// When the report was submitted.
        submitted_at: DateTime<Utc>,
    },
    /// Submitted after the due time: the obligation was breached.
    Late {
        /// When the report was submitted.
        submitted_at: DateTime<Utc>,
    },
}

impl DeadlineStatus {
    /// The status of a report due at `due`, submitted at `submitted` (if it
    /// was), at the instant `now`.
    pub fn at(due: DateTime<Utc>, submitted: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Self {
        match submitted {
            Some(submitted_at) if submitted_at <= due => Self::Met { submitted_at },
            Some(submitted_at) => Self::Late { submitted_at },
            None if now <= due => Self::Pending,
            None => Self::Overdue,
        }
    }

    /// Whether the report was submitted in time.
    pub const fn is_met(self) -> bool {
        matches!(self, Self::Met { .. })
    }

    /// Whether the report still has to be submitted.
    pub const fn is_open(self) -> bool {
        matches!(self, Self::Pending | Self::Overdue)
    }
}
