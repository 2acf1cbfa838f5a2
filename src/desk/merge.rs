//! Merging one case into another.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::{Desk, DeskError, Receipt};
use crate::alert::{MergedCase, Observable};
use crate::audit::Digest;
use crate::case::{Caller, Case, Change, Command, Event};
use crate::ids::{CaseId, LookupKey};
use crate::store::{KeyChange, StoreError};
use crate::text::{Reason, Summary};
use crate::triage::{Resolution, ResolutionImpact, Verdict};
use crate::workflow::Stage;

/// What a merge recorded on each case.
#[derive(Debug)]
#[non_exhaustive]
pub struct Merged {
    /// The survivor: `merged_from`, and any marking change.
    pub survivor: Receipt,
    /// The merged case: `merged_into`, the duplicate verdict and the
    /// closing; `None` when an earlier, interrupted merge recorded them.
    pub merged: Option<Receipt>,
}

impl Desk {
    /// Merges `merged` into `survivor`.
    ///
    /// The merged case records that it was merged into the survivor, is
    /// resolved with a [`Verdict::Duplicate`] and closed through the
    /// workflow, and releases its fingerprints. The survivor then records
    /// the merge with the merged case's alerts and observables, takes over
    /// its fingerprints (if open), and takes the more restrictive of the
    /// two TLP and PAP markings. Both histories record the merge.
    ///
    /// The two cases are written one after the other. If the second write
    /// fails, the merged case already points to the survivor; calling
    /// `merge` again completes the survivor's side.
    ///
    /// # Errors
    ///
    /// [`DeskError::MergeSelf`] for one case twice,
    /// [`DeskError::AlreadyMerged`] when either case was merged into
    /// another, [`DeskError::Rejected`] when the merged case is closed or
    /// the workflow refuses to resolve or close it,
    /// [`DeskError::NotFound`], [`DeskError::Contention`], or a store
    /// failure.
    pub fn merge(
        &self,
        survivor: CaseId,
        merged: CaseId,
        caller: &Caller,
        reason: Option<&Reason>,
        now: DateTime<Utc>,
    ) -> Result<Merged, DeskError> {
        if survivor == merged {
            return Err(DeskError::MergeSelf { case: merged });
        }
        let target = self.case(survivor)?;
        if let Some(into) = target.alerts.merged_into {
            return Err(DeskError::AlreadyMerged {
                case: survivor,
                into,
            });
        }
        let mut recorded = None;
        let source = match self.case(merged)?.alerts.merged_into {
            Some(into) if into == survivor && !target.alerts.merged_from.contains(&merged) => {
                self.case(merged)?
            }
            Some(into) => return Err(DeskError::AlreadyMerged { case: merged, into }),
            None => {
                let receipt = self.close_merged(&target, merged, caller, reason, now)?;
                recorded = Some(receipt);
                self.case(merged)?
            }
        };
        let survivor = self.absorb(survivor, &source, caller, reason, now)?;
        Ok(Merged {
            survivor,
            merged: recorded,
        })
    }

    fn close_merged(
        &self,
        survivor: &Case,
        merged: CaseId,
        caller: &Caller,
        reason: Option<&Reason>,
        now: DateTime<Utc>,
    ) -> Result<Receipt, DeskError> {
        self.retrying(merged, |case, head, attempt| {
            let events = self.merge_out_events(&case, survivor, caller, reason, now)?;
            self.record(case, head, events, (Vec::new(), Vec::new()), attempt)
        })
    }

    /// `merged_into`, then the duplicate resolution and the close, as the
    /// workflow allows them.
    fn merge_out_events(
        &self,
        case: &Case,
        survivor: &Case,
        caller: &Caller,
        reason: Option<&Reason>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Event>, DeskError> {
        let ctx = self.context(caller, reason, self.clamp(now, case));
        if case.stage == Stage::Closed {
            let number = case.number.clone();
            return Err(crate::case::Rejection::Closed { number }.into());
        }
        let change = Change::MergedInto {
            survivor: survivor.id,
            number: survivor.number.clone(),
        };
        let first = Event::new(case.id, case.version + 1, ctx.now, caller.actor, change);
        let mut events = vec![first.with_reason(reason.cloned())];
        let mut after = case.clone();
        after.apply(&events[0]);
        // One short line: always a valid summary.
        let summary = Summary(format!("Merged into `{}`", survivor.number));
        let resolution =
            Resolution::new(Verdict::Duplicate, ResolutionImpact::NotApplicable, summary);
        if after.stage.is_open() {
            let command = Command::Resolve {
                resolution,
                status: None,
            };
            let more = after.decide(&command, &ctx)?;
            extend(&mut after, &mut events, more);
        } else if after.resolution.as_ref() != Some(&resolution) {
            let old = after.resolution.clone();
            let change = Change::ResolutionChanged {
                old,
                new: Some(resolution),
            };
            let event = Event::new(after.id, after.version + 1, ctx.now, caller.actor, change);
            extend(
                &mut after,
                &mut events,
                vec![event.with_reason(reason.cloned())],
            );
        }
        if after.stage != Stage::Closed {
            let close = Command::Close { status: None };
            let more = after.decide(&close, &ctx)?;
            extend(&mut after, &mut events, more);
        }
        Ok(events)
    }

    /// Records on the survivor what the merged case brought.
    fn absorb(
        &self,
        survivor: CaseId,
        merged: &Case,
        caller: &Caller,
        reason: Option<&Reason>,
        now: DateTime<Utc>,
    ) -> Result<Receipt, DeskError> {
        let terms: Vec<LookupKey> = merged
            .alerts
            .observables
            .iter()
            .map(Observable::term)
            .collect();
        let mut taken = BTreeSet::new();
        let attempts = self.options.max_retries.saturating_add(1);
        for attempt in 1..=attempts {
            let (case, head) = self.load_head(survivor)?;
            let at = self.clamp(now, &case);
            let events = absorb_events(&case, merged, caller, reason, at);
            let result = self.record_skipping(case, head, events, &terms, &taken, attempt);
            match result {
                Err(DeskError::Store(StoreError::KeyTaken { key, .. })) => {
                    taken.insert(key);
                }
                Err(DeskError::Store(StoreError::Conflict { .. })) => {}
                other => return other,
            }
        }
        Err(DeskError::Contention {
            case: survivor,
            attempts,
        })
    }

    /// Records `events`, claiming the fingerprints they call for except
    /// those another case took meanwhile (that case keeps them).
    fn record_skipping(
        &self,
        mut case: Case,
        head: Digest,
        events: Vec<Event>,
        terms: &[LookupKey],
        taken: &BTreeSet<LookupKey>,
        attempt: u32,
    ) -> Result<Receipt, DeskError> {
        let (expected, was_open) = (case.version, case.stage.is_open());
        for event in &events {
            case.apply(event);
        }
        let keys = super::ingest::fingerprint_keys(Some(was_open), &events, &case);
        let keys = keys.into_iter().filter(|k| match k {
            KeyChange::Claim(key) => !taken.contains(key),
            KeyChange::Release(_) => true,
        });
        let index = (keys.collect(), terms.to_vec());
        self.commit_indexed(&case, expected, head, events, index, attempt)
    }

    /// Loads, decides with `decide`, and commits, retrying on conflicts.
    fn retrying(
        &self,
        case: CaseId,
        decide: impl Fn(Case, Digest, u32) -> Result<Receipt, DeskError>,
    ) -> Result<Receipt, DeskError> {
        let attempts = self.options.max_retries.saturating_add(1);
        for attempt in 1..=attempts {
            let (current, head) = self.load_head(case)?;
            match decide(current, head, attempt) {
                Err(DeskError::Store(StoreError::Conflict { .. })) => {}
                other => return other,
            }
        }
        Err(DeskError::Contention { case, attempts })
    }
}

/// `merged_from`, then the markings if the merged case's are stricter.
fn absorb_events(
    case: &Case,
    merged: &Case,
    caller: &Caller,
    reason: Option<&Reason>,
    at: DateTime<Utc>,
) -> Vec<Event> {
    let brought = MergedCase::new(merged.id, merged.number.clone(), &merged.alerts);
    let mut changes = vec![Change::MergedFrom(Box::new(brought))];
    if merged.tlp > case.tlp {
        changes.push(Change::TlpChanged {
            old: case.tlp,
            new: merged.tlp,
        });
    }
    if merged.pap > case.pap {
        changes.push(Change::PapChanged {
            old: case.pap,
            new: merged.pap,
        });
    }
    (case.version + 1..)
        .zip(changes)
        .map(|(seq, change)| {
            Event::new(case.id, seq, at, caller.actor, change).with_reason(reason.cloned())
        })
        .collect()
}

fn extend(case: &mut Case, events: &mut Vec<Event>, more: Vec<Event>) {
    for event in &more {
        case.apply(event);
    }
    events.extend(more);
}
