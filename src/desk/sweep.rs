//! The SLA sweep: record the warnings and breaches whose time has come.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::{Desk, DeskError, Loaded, Receipt};
use crate::case::{Actor, Change, Event};
use crate::ids::CaseId;
use crate::sla::SlaReport;
use crate::sla::regulatory::Deadline;
use crate::store::{CaseFilter, Page, StoreError};
use crate::text::TargetName;

/// What a sweep did.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Sweep {
    /// How many cases had a passed checkpoint.
    pub due: usize,
    /// The receipts of the cases that had crossings to record.
    pub recorded: Vec<Receipt>,
    /// Cases the sweep could not bring up to date; the next sweep tries
    /// them again.
    pub failed: Vec<(CaseId, DeskError)>,
}

impl Desk {
    /// The SLA state of a case at `now`.
    ///
    /// # Errors
    ///
    /// [`DeskError::NoSla`] when the desk has no SLA policies, and as
    /// [`Desk::case`].
    pub fn sla(&self, case: CaseId, now: DateTime<Utc>) -> Result<SlaReport, DeskError> {
        let sla = self.options.sla.as_ref().ok_or(DeskError::NoSla)?;
        let loaded = self.load(case)?;
        sla.report(&loaded.events, now)
            .map_err(|source| DeskError::Replay { case, source })
    }

    /// The regulatory deadlines of a case at `now`: each obligation whose
    /// starting fact is recorded, its due time, and whether its report was
    /// submitted in time.
    ///
    /// # Errors
    ///
    /// [`DeskError::NoObligations`] when the desk has no obligations, and
    /// as [`Desk::case`].
    pub fn deadlines(&self, case: CaseId, now: DateTime<Utc>) -> Result<Vec<Deadline>, DeskError> {
        let obligations = self
            .options
            .obligations
            .as_ref()
            .ok_or(DeskError::NoObligations)?;
        Ok(obligations.deadlines(&self.case(case)?, now))
    }

    /// Records, for every case whose SLA checkpoint has passed, each
    /// warning and breach reached by `now` that is not recorded yet, and
    /// notifies. Running it again at the same time records nothing new.
    ///
    /// Only cases whose summary row says their checkpoint has passed are
    /// loaded, so a sweep costs in proportion to the cases due.
    ///
    /// # Errors
    ///
    /// [`DeskError::NoSla`] without SLA policies, or a store failure while
    /// listing. A failure on one case does not stop the sweep: it is
    /// reported in [`Sweep::failed`].
    pub fn sweep(&self, now: DateTime<Utc>) -> Result<Sweep, DeskError> {
        if self.options.sla.is_none() {
            return Err(DeskError::NoSla);
        }
        let filter = CaseFilter::default().checkpoint_by(now);
        let due = self.store.list(&filter, Page::first(usize::MAX))?;
        let mut sweep = Sweep {
            due: due.len(),
            ..Sweep::default()
        };
        for summary in due {
            match self.sweep_case(summary.id, now) {
                Ok(Some(receipt)) => sweep.recorded.push(receipt),
                Ok(None) => {}
                Err(error) => sweep.failed.push((summary.id, error)),
            }
        }
        Ok(sweep)
    }

    fn sweep_case(&self, case: CaseId, now: DateTime<Utc>) -> Result<Option<Receipt>, DeskError> {
        let attempts = self.options.max_retries.saturating_add(1);
        for attempt in 1..=attempts {
            let loaded = self.load(case)?;
            let (events, checkpoint) = self.crossings(&loaded, self.clamp(now, &loaded.case))?;
            if events.is_empty() {
                return Ok(None);
            }
            let mut after = loaded.case.clone();
            for event in &events {
                after.apply(event);
            }
            match self.commit_with_checkpoint(&loaded, &after, events, checkpoint, attempt) {
                Err(DeskError::Store(StoreError::Conflict { .. })) => {}
                other => return other.map(Some),
            }
        }
        Err(DeskError::Contention { case, attempts })
    }

    /// The events recording the crossings reached by `now` and not yet
    /// recorded, and the SLA checkpoint once they are.
    fn crossings(
        &self,
        loaded: &Loaded,
        now: DateTime<Utc>,
    ) -> Result<(Vec<Event>, Option<DateTime<Utc>>), DeskError> {
        let Some(sla) = self.options.sla.as_ref() else {
            return Ok((Vec::new(), None));
        };
        let case = loaded.case.id;
        let report = sla
            .report(&loaded.events, now)
            .map_err(|source| DeskError::Replay { case, source })?;
        let recorded = recorded_crossings(&loaded.events);
        let mut seq = loaded.case.version;
        let mut events = Vec::new();
        for target in &report.targets {
            for cycle in &target.cycles {
                for crossing in &cycle.crossings {
                    let key = (target.name.clone(), cycle.number, crossing.percent);
                    if recorded.contains(&key) {
                        continue;
                    }
                    seq += 1;
                    let change = Change::SlaCrossed {
                        target: target.name.clone(),
                        cycle: cycle.number,
                        percent: crossing.percent,
                        at: crossing.at,
                    };
                    events.push(Event::new(case, seq, now, Actor::System, change));
                }
            }
        }
        Ok((events, report.checkpoint_after))
    }
}

fn recorded_crossings(events: &[Event]) -> BTreeSet<(TargetName, u32, u8)> {
    events
        .iter()
        .filter_map(|e| match &e.change {
            Change::SlaCrossed {
                target,
                cycle,
                percent,
                ..
            } => Some((target.clone(), *cycle, *percent)),
            _ => None,
        })
        .collect()
}
