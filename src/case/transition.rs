//! Deciding the commands that move a case between statuses.

use super::decide::{Context, Rejection, Unmet};
use super::{Case, Change};
use crate::triage::{Impact, Urgency};
use crate::workflow::{Guard, Stage, StatusId};

impl Case {
    /// The changes of a move to `to`, after the `pre` changes of the same
    /// command; guards are checked against the case as `pre` leaves it.
    pub(super) fn move_to(
        &self,
        to: &StatusId,
        pre: Vec<Change>,
        ctx: &Context<'_>,
    ) -> Result<Vec<Change>, Rejection> {
        let workflow = ctx.policy.workflow();
        let new_stage = workflow
            .stage(to)
            .ok_or_else(|| Rejection::UnknownStatus { status: to.clone() })?;
        if *to == self.status {
            return Err(Rejection::Unchanged { what: "status" });
        }
        let transition =
            workflow
                .transition(&self.status, to)
                .ok_or_else(|| Rejection::NotAllowed {
                    from: self.status.clone(),
                    to: to.clone(),
                })?;
        let after = self.with_changes(&pre, ctx);
        after.check_guards(&transition.guards, to, ctx)?;

        let mut changes = pre;
        changes.push(Change::StatusChanged {
            old: self.status.clone(),
            new: to.clone(),
            old_stage: self.stage,
            new_stage,
        });
        changes.extend(after.leaving_changes(new_stage));
        Ok(changes)
    }

    /// What leaving the current stage for `new_stage` clears: the waiting
    /// party when leaving the waiting stage, the resolution when reopening.
    fn leaving_changes(&self, new_stage: Stage) -> Vec<Change> {
        let mut changes = Vec::new();
        if new_stage != Stage::Waiting && self.waiting_for.is_some() {
            let old = self.waiting_for.clone();
            changes.push(Change::WaitingForChanged { old, new: None });
        }
        if !self.stage.is_open() && new_stage.is_open() && self.resolution.is_some() {
            let old = self.resolution.clone();
            changes.push(Change::ResolutionChanged { old, new: None });
        }
        changes
    }

    fn with_changes(&self, changes: &[Change], ctx: &Context<'_>) -> Case {
        let mut after = self.clone();
        for change in changes {
            after.apply_change(change, ctx.now);
        }
        after
    }

    fn check_guards(
        &self,
        guards: &[Guard],
        to: &StatusId,
        ctx: &Context<'_>,
    ) -> Result<(), Rejection> {
        let unmet = guards.iter().find_map(|guard| self.unmet(guard, ctx));
        match unmet {
            None => Ok(()),
            Some(unmet) => Err(Rejection::GuardFailed {
                from: self.status.clone(),
                to: to.clone(),
                unmet,
            }),
        }
    }

    fn unmet(&self, guard: &Guard, ctx: &Context<'_>) -> Option<Unmet> {
        match guard {
            Guard::Owner => self.owner.is_none().then_some(Unmet::Owner),
            Guard::Verdict => self.resolution.is_none().then_some(Unmet::Verdict),
            Guard::Fields { fields } => fields
                .iter()
                .find(|name| {
                    self.fields
                        .get(*name)
                        .is_none_or(|v| v.as_str().trim().is_empty())
                })
                .map(|name| Unmet::Field(name.clone())),
            Guard::Permission { permission } => {
                (!ctx.caller.may(permission)).then(|| Unmet::Permission(permission.clone()))
            }
            Guard::MandatoryTasks => self
                .open_mandatory_task()
                .map(|t| Unmet::MandatoryTask(t.name.clone())),
        }
    }

    pub(super) fn hold_target(
        &self,
        status: Option<&StatusId>,
        ctx: &Context<'_>,
    ) -> Result<StatusId, Rejection> {
        if self.stage == Stage::Waiting {
            return Err(Rejection::AlreadyOnHold);
        }
        self.target_in(status, Stage::Waiting, ctx)
    }

    pub(super) fn resume(&self, ctx: &Context<'_>) -> Result<Vec<Change>, Rejection> {
        let from = self
            .held_from
            .as_ref()
            .filter(|_| self.stage == Stage::Waiting);
        let to = from.ok_or(Rejection::NotOnHold)?;
        self.move_to(to, Vec::new(), ctx)
    }

    pub(super) fn resolve_target(
        &self,
        status: Option<&StatusId>,
        ctx: &Context<'_>,
    ) -> Result<StatusId, Rejection> {
        if !self.stage.is_open() {
            return Err(Rejection::AlreadyResolved);
        }
        match (status, self.target_in(None, Stage::Resolved, ctx)) {
            (None, Err(_)) => self.target_in(None, Stage::Closed, ctx),
            (None, found) => found,
            (Some(status), _) => match ctx.policy.workflow().stage(status) {
                Some(Stage::Closed) => Ok(status.clone()),
                _ => self.target_in(Some(status), Stage::Resolved, ctx),
            },
        }
    }

    /// The status asked for, checked to be in `stage`; or, if none was
    /// asked for, the first status of `stage` the workflow allows.
    pub(super) fn target_in(
        &self,
        status: Option<&StatusId>,
        stage: Stage,
        ctx: &Context<'_>,
    ) -> Result<StatusId, Rejection> {
        let workflow = ctx.policy.workflow();
        let Some(status) = status else {
            let first = workflow.first_target_in(&self.status, stage);
            let none = || Rejection::NoStatusInStage {
                from: self.status.clone(),
                stage,
            };
            return first.cloned().ok_or_else(none);
        };
        match workflow.stage(status) {
            None => Err(Rejection::UnknownStatus {
                status: status.clone(),
            }),
            Some(found) if found == stage => Ok(status.clone()),
            Some(found) => Err(Rejection::WrongStage {
                status: status.clone(),
                stage: found,
                expected: stage,
            }),
        }
    }

    pub(super) fn reopen(&self, ctx: &Context<'_>) -> Result<Vec<Change>, Rejection> {
        if self.stage.is_open() {
            return Err(Rejection::NotResolved);
        }
        let to = ctx.policy.workflow().reopen().ok_or(Rejection::NoReopen)?;
        self.move_to(to, Vec::new(), ctx)
    }

    pub(super) fn set_impact_urgency(
        &self,
        impact: Impact,
        urgency: Urgency,
        ctx: &Context<'_>,
    ) -> Result<Vec<Change>, Rejection> {
        if impact == self.impact && urgency == self.urgency {
            return Err(Rejection::Unchanged {
                what: "impact and urgency",
            });
        }
        let mut changes = Vec::new();
        if impact != self.impact {
            changes.push(Change::ImpactChanged {
                old: self.impact,
                new: impact,
            });
        }
        if urgency != self.urgency {
            changes.push(Change::UrgencyChanged {
                old: self.urgency,
                new: urgency,
            });
        }
        let priority = ctx.policy.priority().priority(impact, urgency);
        if priority != self.priority {
            changes.push(Change::PriorityChanged {
                old: self.priority,
                new: priority,
            });
        }
        Ok(changes)
    }
}
