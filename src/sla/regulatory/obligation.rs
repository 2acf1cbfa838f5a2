use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::{LegalBasis, Period, Regime, ReportTitle};
use crate::case::Fact;
use crate::text::ObligationId;

/// A clock: a period that starts when a fact becomes true.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Clock {
    /// The fact that starts it.
    pub from: Fact,
    /// How long it runs.
    pub within: Period,
}

impl Clock {
    /// A clock of `within` from `from`.
    pub fn new(from: Fact, within: Period) -> Self {
        Self { from, within }
    }
}

/// A duty to submit a report by a deadline, such as GDPR's notification of
/// a personal data breach to the supervisory authority within 72 hours.
///
/// The obligation applies to a case once its `starts` fact is recorded.
/// Its report is due when the earliest of its clocks runs out: `starts`,
/// and each clock of `no_later_than` whose fact is recorded (DORA's
/// initial notification is due 4 hours after classification as major, and
/// no later than 24 hours after awareness). It is met by the fact
/// [`Fact::ReportSubmitted`] with its id.
///
/// Obligations are data; [`Obligations::new`](super::Obligations::new)
/// validates them. Serialized:
///
/// ```json
/// {
///   "id": "dora-initial",
///   "regime": "dora",
///   "report": "Initial notification of a major ICT-related incident",
///   "basis": "Regulation (EU) 2022/2554, Art. 19(4); Delegated Regulation (EU) 2025/301, Art. 5",
///   "starts": { "from": { "fact": "classified_major" }, "within": { "count": 4, "unit": "hours" } },
///   "no_later_than": [
///     { "from": { "fact": "significant_incident" }, "within": { "count": 24, "unit": "hours" } }
///   ],
///   "time_zone": "Europe/Brussels"
/// }
/// ```
///
/// `no_later_than` may be left out (none), and `time_zone` too (UTC).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Obligation {
    /// Its id, such as `gdpr-art33`; a report submission names it.
    pub id: ObligationId,
    /// The regime it comes from.
    pub regime: Regime,
    /// What has to be submitted.
    pub report: ReportTitle,
    /// Where the duty is written.
    pub basis: LegalBasis,
    /// The clock that attaches the obligation to a case.
    pub starts: Clock,
    /// Further clocks that can only make the deadline earlier.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub no_later_than: Vec<Clock>,
    /// The zone days and months are counted in.
    #[serde(default = "utc")]
    pub time_zone: Tz,
}

fn utc() -> Tz {
    Tz::UTC
}

impl Obligation {
    /// An obligation with one clock, counted in UTC.
    pub fn new(
        id: ObligationId,
        regime: Regime,
        report: ReportTitle,
        basis: LegalBasis,
        starts: Clock,
    ) -> Self {
        Self {
            id,
            regime,
            report,
            basis,
            starts,
            no_later_than: Vec::new(),
            time_zone: Tz::UTC,
        }
    }

    /// Adds a clock that can make the deadline earlier.
    #[must_use]
    pub fn no_later_than(mut self, clock: Clock) -> Self {
        self.no_later_than.push(clock);
        self
    }

    /// Counts days and months in `zone`.
    #[must_use]
    pub fn in_time_zone(mut self, zone: Tz) -> Self {
        self.time_zone = zone;
        self
    }

    /// Every clock: `starts` first.
    pub fn clocks(&self) -> impl Iterator<Item = &Clock> {
        std::iter::once(&self.starts).chain(&self.no_later_than)
    }

    /// When the obligation's report is due, given the facts known and the
    /// times they became true, with the fact whose clock sets it; `None`
    /// while its `starts` fact is not known.
    pub fn due(&self, facts: &BTreeMap<Fact, DateTime<Utc>>) -> Option<(DateTime<Utc>, &Fact)> {
        facts.get(&self.starts.from)?;
        self.clocks()
            .filter_map(|clock| {
                let start = *facts.get(&clock.from)?;
                Some((clock.within.due(start, self.time_zone), &clock.from))
            })
            .min_by_key(|(due, _)| *due)
    }

    /// The fact that meets this obligation.
    pub fn submission(&self) -> Fact {
        Fact::ReportSubmitted {
            obligation: self.id.clone(),
        }
    }
}
