//! Triage and routing through the desk, and the workload views.

use chrono::{DateTime, Utc};

use super::{Desk, DeskError, Loaded, Receipt};
use crate::case::{Caller, Change, Step};
use crate::ids::CaseId;
use crate::routing::{CategoryVolume, Rotation, Router, Weights, Workload};
use crate::store::{CaseFilter, CaseSummary, Page, StoreError};
use crate::triage::{TriageInput, TriageRules};

/// An explanation event and the commands that follow it.
pub(super) type Decision = (Change, Vec<Step>);

impl Desk {
    /// Runs triage rules on a case and records their decision: a
    /// [`Change::Triaged`] event naming the rules that matched (none, if
    /// none did), then the changes they make, each with its rule as the
    /// reason. Run it after opening a case, or when its alerts change.
    ///
    /// # Errors
    ///
    /// [`DeskError::Rejected`] on a closed case, and as
    /// [`Desk::execute`].
    pub fn triage(
        &self,
        case: CaseId,
        rules: &TriageRules,
        input: &TriageInput,
        now: DateTime<Utc>,
    ) -> Result<Receipt, DeskError> {
        let matrix = self.options.policy.priority();
        self.decide_with(case, now, |loaded, _| {
            let outcome = rules.evaluate(&loaded.case, input, matrix);
            Ok(vec![(outcome.explanation(), outcome.steps)])
        })
    }

    /// Routes a case and records the decision: a [`Change::Routed`] event
    /// with the rule, the team and every candidate considered, then the
    /// team and owner changes. When nobody is eligible the case waits in
    /// the team queue and a [`Notification::Queued`] says why.
    ///
    /// The workload is read from the store's summaries of open cases
    /// (without this case). `rotation` is the round-robin state; it is
    /// advanced when the decision is recorded.
    ///
    /// # Errors
    ///
    /// As [`Desk::triage`].
    ///
    /// [`Notification::Queued`]: crate::Notification::Queued
    pub fn route(
        &self,
        case: CaseId,
        router: &Router,
        rotation: &mut Rotation,
        input: &TriageInput,
        now: DateTime<Utc>,
    ) -> Result<Receipt, DeskError> {
        let receipt = self.decide_with(case, now, |loaded, now| {
            let mut workload = Workload::default();
            for summary in self.open_summaries()?.iter().filter(|s| s.id != case) {
                workload.add(
                    summary.owner,
                    summary.team,
                    router.weights().of(summary.severity),
                );
            }
            let decision = router.route(&loaded.case, input, &workload, rotation, now);
            Ok(vec![routing_steps(decision)])
        })?;
        for event in &receipt.events {
            if let Change::Routed(routed) = &event.change {
                rotation.record(routed);
            }
        }
        Ok(receipt)
    }

    /// Open cases and their weight per analyst and per team, with queue
    /// lengths, from the store's summary rows.
    ///
    /// # Errors
    ///
    /// A store failure.
    pub fn workload(&self, weights: &Weights) -> Result<Workload, DeskError> {
        let open = self.open_summaries()?;
        Ok(Workload::from_summaries(&open, weights))
    }

    /// Cases opened in `[from, to)` per category.
    ///
    /// # Errors
    ///
    /// A store failure.
    pub fn category_volume(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<CategoryVolume, DeskError> {
        let all = self
            .store
            .list(&CaseFilter::default(), Page::first(usize::MAX))?;
        Ok(CategoryVolume::from_summaries(&all, from, to))
    }

    pub(super) fn open_summaries(&self) -> Result<Vec<CaseSummary>, DeskError> {
        let filter = CaseFilter::default().open();
        Ok(self.store.list(&filter, Page::first(usize::MAX))?)
    }

    /// Loads a case, lets `decide` make rule decisions against it, decides
    /// them as the system, and appends the events; on a version conflict
    /// it loads and decides again, up to `max_retries` times.
    pub(super) fn decide_with(
        &self,
        case: CaseId,
        now: DateTime<Utc>,
        mut decide: impl FnMut(&Loaded, DateTime<Utc>) -> Result<Vec<Decision>, DeskError>,
    ) -> Result<Receipt, DeskError> {
        let caller = Caller::system();
        let attempts = self.options.max_retries.saturating_add(1);
        for attempt in 1..=attempts {
            let loaded = self.load(case)?;
            let now = self.clamp(now, &loaded.case);
            let ctx = self.context(&caller, None, now);
            let mut after = loaded.case.clone();
            let mut events = Vec::new();
            for (explanation, steps) in decide(&loaded, now)? {
                let more = after.decide_explained(explanation, &steps, &ctx)?;
                for event in &more {
                    after.apply(event);
                }
                events.extend(more);
            }
            match self.commit(&loaded, &after, events, Vec::new(), attempt) {
                Err(DeskError::Store(StoreError::Conflict { .. })) => {}
                other => return other,
            }
        }
        Err(DeskError::Contention { case, attempts })
    }
}

/// The explanation and commands of a routing decision.
fn routing_steps(routed: crate::case::Routed) -> Decision {
    let reason = match &routed.rule {
        Some(rule) => format!("routing rule `{rule}`"),
        None => "routing fallback".to_owned(),
    };
    let reason = crate::text::Reason(reason);
    let steps = vec![
        Step::new(
            reason.clone(),
            crate::case::Command::AssignTeam {
                team: Some(routed.team),
            },
        ),
        Step::new(
            reason,
            crate::case::Command::AssignOwner {
                owner: routed.owner,
            },
        ),
    ];
    (Change::Routed(Box::new(routed)), steps)
}
