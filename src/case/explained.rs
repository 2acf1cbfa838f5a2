//! Deciding a rule's decision: an event that explains it, then the
//! commands it gives, each with the rule named as its reason.

use super::decide::{Context, Rejection};
use super::{Case, Change, Command, Event};
use crate::text::Reason;
use crate::workflow::Stage;

/// One command of a rule's decision, with the reason recorded on its
/// events (such as ``triage rule `vip-phishing` ``).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Step {
    /// Why: the rule that gives the command.
    pub reason: Reason,
    /// The command.
    pub command: Command,
}

impl Step {
    /// A step.
    pub fn new(reason: Reason, command: Command) -> Self {
        Self { reason, command }
    }
}

impl Case {
    /// Decides a rule's decision: records `explanation` first, then decides
    /// each step against the case as the earlier ones leave it. A step
    /// that would change nothing is left out.
    ///
    /// # Errors
    ///
    /// [`Rejection::Backdated`] or [`Rejection::Closed`] before anything
    /// is decided, or the first other rejection of a step.
    pub fn decide_explained(
        &self,
        explanation: Change,
        steps: &[Step],
        ctx: &Context<'_>,
    ) -> Result<Vec<Event>, Rejection> {
        self.check_open_to(ctx)?;
        let first = Event::new(
            self.id,
            self.version + 1,
            ctx.now,
            ctx.caller.actor,
            explanation,
        )
        .with_reason(ctx.reason.cloned());
        let mut after = self.clone();
        after.apply(&first);
        let mut events = vec![first];
        for step in steps {
            let step_ctx = Context {
                reason: Some(&step.reason),
                ..*ctx
            };
            match after.decide(&step.command, &step_ctx) {
                Ok(more) => {
                    for event in &more {
                        after.apply(event);
                    }
                    events.extend(more);
                }
                Err(Rejection::Unchanged { .. }) => {}
                Err(other) => return Err(other),
            }
        }
        Ok(events)
    }

    fn check_open_to(&self, ctx: &Context<'_>) -> Result<(), Rejection> {
        if ctx.now < self.updated_at {
            return Err(Rejection::Backdated {
                now: ctx.now,
                last: self.updated_at,
            });
        }
        if self.stage == Stage::Closed {
            return Err(Rejection::Closed {
                number: self.number.clone(),
            });
        }
        Ok(())
    }
}
