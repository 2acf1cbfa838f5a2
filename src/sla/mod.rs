//! Service-level targets: business calendars, SLA policies and targets
//! with pause, reset and cycles, and the SLA state of a case at any
//! instant.
//!
//! Everything here is a pure function of a case's events, the
//! configuration and the instant asked about: change a policy and ask
//! again, and the answer is what the new policy would have said.
//!
//! # How a target's clock runs
//!
//! A [`TargetDefinition`] has a `start` and a `stop` [`Milestone`], each a
//! condition on the case. After every event of the case:
//!
//! 1. If the applicable policy changed (a priority change chose another
//!    policy), a running cycle takes the new terms from its original start
//!    ([`OnPriorityChange::Retarget`], the default), or is cancelled and a
//!    new one starts ([`OnPriorityChange::Restart`]). A cycle whose target
//!    the new policy lacks is cancelled.
//! 2. A running cycle is cancelled when its `reset` milestone starts to
//!    hold or its `start` stops holding; it stops (met or missed) when its
//!    `stop` holds; otherwise it pauses while the case is in a `pause`
//!    state and runs again when it leaves it.
//! 3. When no cycle runs, the `start` holds and the `stop` does not, a new
//!    cycle starts. After a stopped cycle (a reopened case) it counts from
//!    zero ([`OnReopen::NewCycle`], the default), carries on from the time
//!    the last cycle used ([`OnReopen::Resume`]), or cancels the last
//!    cycle ([`OnReopen::Reset`]).
//!
//! Business time counts only inside the target's calendar; pausing moves
//! the due time out by the paused business time. Warning thresholds (50%
//! and 75% by default) and the breach at 100% are crossed at the instant
//! the clock reaches them. A cycle stopped at exactly its due time is met.
//!
//! # Regulatory clocks
//!
//! [`regulatory`] holds notification deadlines set by law (GDPR, NIS2,
//! DORA, SEC Form 8-K, HIPAA, CIRCIA), started by facts recorded on the
//! case rather than by its workflow.

pub mod calendar;
mod engine;
mod policy;
pub mod regulatory;
mod report;
mod target;

pub use policy::{CaseCondition, SlaDefinition, SlaError, SlaPolicies, SlaPolicy};
pub use report::{Crossing, CycleReport, CycleState, SlaReport, TargetReport};
pub use target::{CaseStates, Milestone, OnPriorityChange, OnReopen, TargetDefinition};
