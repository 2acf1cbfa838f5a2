//! Escalation through the desk.

use chrono::{DateTime, Utc};

use super::{Desk, DeskError, Receipt};
use crate::case::Change;
use crate::ids::CaseId;
use crate::routing::Escalation;

/// What a run of escalation rules did.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct Escalations {
    /// How many open cases were checked.
    pub checked: usize,
    /// The receipts of the cases where a rule fired.
    pub recorded: Vec<Receipt>,
    /// Cases that could not be brought up to date; the next run tries them
    /// again.
    pub failed: Vec<(CaseId, DeskError)>,
}

impl Desk {
    /// Runs escalation rules on one case at `now` and records what fires:
    /// for each rule, a [`Change::Escalated`] event with its cause, then
    /// the team and owner changes. A rule fires at most once per cause,
    /// so running again at the same time records nothing. Returns `None`
    /// when nothing fired.
    ///
    /// Run it after [`Desk::sweep`] has recorded SLA warnings and
    /// breaches, or use [`Desk::escalate_open`].
    ///
    /// # Errors
    ///
    /// As [`Desk::execute`].
    pub fn escalate(
        &self,
        case: CaseId,
        escalation: &Escalation,
        now: DateTime<Utc>,
    ) -> Result<Option<Receipt>, DeskError> {
        let loaded = self.load(case)?;
        if escalation
            .evaluate(&loaded.case, &loaded.events, now)
            .is_empty()
        {
            return Ok(None);
        }
        let receipt = self.decide_with(case, now, |loaded, now| {
            let firings = escalation.evaluate(&loaded.case, &loaded.events, now);
            let decisions = firings
                .into_iter()
                .map(|f| (Change::Escalated(Box::new(f.escalated)), f.steps));
            Ok(decisions.collect())
        });
        receipt.map(Some)
    }

    /// Runs escalation rules on every open case; a failure on one case
    /// does not stop the run.
    ///
    /// # Limitations
    ///
    /// Every open case is loaded, so a run costs in proportion to the
    /// open cases (the SLA sweep, by contrast, loads only cases due).
    ///
    /// # Errors
    ///
    /// A store failure while listing the open cases.
    pub fn escalate_open(
        &self,
        escalation: &Escalation,
        now: DateTime<Utc>,
    ) -> Result<Escalations, DeskError> {
        let open = self.open_summaries()?;
        let mut run = Escalations {
            checked: open.len(),
            ..Escalations::default()
        };
        for summary in open {
            match self.escalate(summary.id, escalation, now) {
                Ok(Some(receipt)) => run.recorded.push(receipt),
                Ok(None) => {}
                Err(error) => run.failed.push((summary.id, error)),
            }
        }
        Ok(run)
    }
}
