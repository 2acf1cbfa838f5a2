use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Deadline, DeadlineStatus, Obligation, ObligationError, Period, Regime, builtin};
use crate::case::{Case, Fact};
use crate::text::ObligationId;

/// A validated table of obligations: the built-in ones
/// ([`Obligations::builtin`]), the host's own, or both.
///
/// Deserializes from a list of [`Obligation`]s and validates it the same
/// way as [`Obligations::new`].
///
/// ```
/// use casefile::sla::regulatory::{Clock, Obligation, Obligations, Period};
/// use casefile::case::Fact;
///
/// let own = Obligation::new(
///     "insurer-notice".parse()?,
///     "contract".parse()?,
///     "Notice to the cyber insurer".parse()?,
///     "Policy 1234, clause 7".parse()?,
///     Clock::new(Fact::RansomPaid, Period::calendar_days(2)),
/// );
/// let table = Obligations::builtin().with(own)?;
/// assert!(table.get(&"insurer-notice".parse()?).is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Obligation>", into = "Vec<Obligation>")]
pub struct Obligations {
    list: Vec<Obligation>,
}

impl Obligations {
    /// Validates a table.
    ///
    /// # Errors
    ///
    /// [`ObligationError`] naming the first obligation that repeats an id,
    /// has a clock of zero or of more than ten years, starts a clock from
    /// the submission of a report not in the table, or starts, through a
    /// chain of submissions, from its own.
    pub fn new(list: Vec<Obligation>) -> Result<Self, ObligationError> {
        let ids = unique_ids(&list)?;
        for obligation in &list {
            check_periods(obligation)?;
            check_reports(obligation, &ids)?;
            check_chain(obligation, &list)?;
        }
        Ok(Self { list })
    }

    /// The obligations of DOMAIN.md's table: GDPR Art. 33, NIS2 Art. 23,
    /// DORA, SEC Form 8-K Item 1.05, HIPAA 164.404 and CIRCIA (proposed
    /// rule). See the [module docs](super) for each.
    pub fn builtin() -> Self {
        Self {
            list: builtin::obligations(),
        }
    }

    /// This table plus one more obligation.
    ///
    /// # Errors
    ///
    /// As [`Obligations::new`].
    pub fn with(self, obligation: Obligation) -> Result<Self, ObligationError> {
        let mut list = self.list;
        list.push(obligation);
        Self::new(list)
    }

    /// This table without the obligations of regimes that `keep` rejects
    /// (a bank under DORA but not NIS2 drops `nis2`).
    ///
    /// # Errors
    ///
    /// [`ObligationError::UnknownReport`] when a kept obligation starts
    /// from the report of a dropped one.
    pub fn retain_regimes(self, keep: impl Fn(&Regime) -> bool) -> Result<Self, ObligationError> {
        let list = self.list.into_iter().filter(|o| keep(&o.regime)).collect();
        Self::new(list)
    }

    /// The obligations, in the order given.
    pub fn as_slice(&self) -> &[Obligation] {
        &self.list
    }

    /// The obligation with this id.
    pub fn get(&self, id: &ObligationId) -> Option<&Obligation> {
        self.list.iter().find(|o| &o.id == id)
    }

    /// The case's deadlines at `now`; see [`Obligations::deadlines_for`].
    pub fn deadlines(&self, case: &Case, now: DateTime<Utc>) -> Vec<Deadline> {
        self.deadlines_for(&case.facts, now)
    }

    /// The deadlines that the facts known at `now` attach, ordered by due
    /// time and then id: each obligation whose starting fact is known,
    /// with its due time and whether its report was submitted in time.
    ///
    /// A fact that became true after `now` is not known yet, so asking
    /// about a past instant gives the deadlines as they stood then.
    pub fn deadlines_for(
        &self,
        facts: &BTreeMap<Fact, DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Vec<Deadline> {
        let known: BTreeMap<Fact, DateTime<Utc>> = facts
            .iter()
            .filter(|(_, at)| **at <= now)
            .map(|(fact, at)| (fact.clone(), *at))
            .collect();
        let mut deadlines: Vec<_> = self
            .list
            .iter()
            .filter_map(|o| deadline(o, &known, now))
            .collect();
        deadlines.sort_by(|a, b| (a.due, &a.obligation).cmp(&(b.due, &b.obligation)));
        deadlines
    }
}

fn deadline(
    obligation: &Obligation,
    known: &BTreeMap<Fact, DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<Deadline> {
    let (due, due_from) = obligation.due(known)?;
    let submitted = known.get(&obligation.submission()).copied();

    Some(Deadline {
        obligation: obligation.id.clone(),
        regime: obligation.regime.clone(),
        started_at: *known.get(&obligation.starts.from)?,
        due,
        due_from: due_from.clone(),
        status: DeadlineStatus::at(due, submitted, now),
    })
}

impl TryFrom<Vec<Obligation>> for Obligations {
    type Error = ObligationError;

    fn try_from(list: Vec<Obligation>) -> Result<Self, Self::Error> {
        Self::new(list)
    }
}

impl From<Obligations> for Vec<Obligation> {
    fn from(table: Obligations) -> Self {
        table.list
    }
}

fn unique_ids(list: &[Obligation]) -> Result<BTreeSet<&ObligationId>, ObligationError> {
    let mut ids = BTreeSet::new();
    for obligation in list {
        if !ids.insert(&obligation.id) {
            let id = obligation.id.clone();
            return Err(ObligationError::Duplicate { id });
        }
    }
    Ok(ids)
}

fn check_periods(obligation: &Obligation) -> Result<(), ObligationError> {
    let id = || obligation.id.clone();
    for Period { count, unit } in obligation.clocks().map(|c| c.within) {
        if count == 0 {
            return Err(ObligationError::ZeroPeriod { id: id(), unit });
        }
        let max = unit.max_count();
        if count > max {
            return Err(ObligationError::PeriodTooLong {
                id: id(),
                count,
                unit,
                max,
            });
        }
    }
    Ok(())
}

fn check_reports(
    obligation: &Obligation,
    ids: &BTreeSet<&ObligationId>,
) -> Result<(), ObligationError> {
    for clock in obligation.clocks() {
        if let Some(report) = report_of(&clock.from) {
            if !ids.contains(report) {
                let (id, report) = (obligation.id.clone(), report.clone());
                return Err(ObligationError::UnknownReport { id, report });
            }
        }
    }
    Ok(())
}

/// Follows the chain of `starts` submissions back from `obligation`; each
/// obligation has one starting fact, so a chain longer than the table has
/// entries is a cycle.
fn check_chain(obligation: &Obligation, list: &[Obligation]) -> Result<(), ObligationError> {
    let mut current = obligation;
    for _ in 0..list.len() {
        let Some(report) = report_of(&current.starts.from) else {
            return Ok(());
        };
        if report == &obligation.id {
            break;
        }
        match list.iter().find(|o| &o.id == report) {
            Some(next) => current = next,
            None => return Ok(()),
        }
    }
    Err(ObligationError::Cycle {
        id: obligation.id.clone(),
    })
}

fn report_of(fact: &Fact) -> Option<&ObligationId> {
    match fact {
        Fact::ReportSubmitted { obligation } => Some(obligation),
        _ => None,
    }
}
