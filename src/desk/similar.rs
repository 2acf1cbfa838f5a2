//! Finding cases that share observables.

use std::collections::{BTreeSet, HashMap};

use super::{Desk, DeskError};
use crate::alert::{Alert, Observable};
use crate::ids::CaseId;
use crate::store::CaseSummary;
use crate::triage::Verdict;
use crate::workflow::Stage;

/// How many cases per observable the desk reads, newest first.
const FANOUT: usize = 1_000;

/// What to find similar cases for.
#[derive(Clone, Copy, Debug)]
#[non_exhaustive]
pub enum SimilarTo<'a> {
    /// A case: its observables; the case itself and the cases merged into
    /// it are left out.
    Case(CaseId),
    /// An alert, ingested or not: its observables.
    Alert(&'a Alert),
}

/// A case that shares observables with the one asked about.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Similar {
    /// The case.
    pub summary: CaseSummary,
    /// The observables it shares.
    pub shared: BTreeSet<Observable>,
}

impl Desk {
    /// Cases, open or resolved, that share observables with a case or an
    /// alert, the most shared first (then the most recently opened), at
    /// most `limit`.
    ///
    /// Cases closed as duplicates are left out: their work is in the case
    /// they duplicate.
    ///
    /// # Limitations
    ///
    /// Each observable is looked up in the store's index; for one shared
    /// by more than 1,000 cases only the 1,000 most recent are counted.
    ///
    /// # Errors
    ///
    /// [`DeskError::NotFound`] for an unknown case, or a store failure.
    pub fn similar(&self, to: SimilarTo<'_>, limit: usize) -> Result<Vec<Similar>, DeskError> {
        let (observables, skip) = match to {
            SimilarTo::Case(id) => {
                let case = self.case(id)?;
                let mut skip = case.alerts.merged_from.clone();
                skip.insert(id);
                (case.alerts.observables, skip)
            }
            SimilarTo::Alert(alert) => (alert.observables.clone(), BTreeSet::new()),
        };
        let mut shared: HashMap<CaseId, BTreeSet<Observable>> = HashMap::new();
        for observable in observables {
            for case in self.store.cases_with(&observable.term(), FANOUT)? {
                if !skip.contains(&case) {
                    shared.entry(case).or_default().insert(observable.clone());
                }
            }
        }
        let mut found = Vec::with_capacity(shared.len());
        for (case, shared) in shared {
            let Some(summary) = self.store.summary(case)? else {
                continue;
            };
            let duplicate =
                summary.stage == Stage::Closed && summary.verdict == Some(Verdict::Duplicate);
            if !duplicate {
                found.push(Similar { summary, shared });
            }
        }
        found.sort_by(|a, b| {
            (b.shared.len(), b.summary.opened_at, b.summary.id).cmp(&(
                a.shared.len(),
                a.summary.opened_at,
                a.summary.id,
            ))
        });
        found.truncate(limit);
        Ok(found)
    }
}
