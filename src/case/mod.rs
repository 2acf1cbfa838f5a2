//! The case aggregate: its state, the commands that change it, the events
//! that record each change, and the two steps between them.
//!
//! ```text
//!   command ──decide(case, policy, caller, now)──▶ events ──apply──▶ case'
//!                 │
//!                 └──▶ Rejection (nothing recorded)
//! ```
//!
//! [`Case::decide`] is the only fallible step: it checks a command against
//! the case and the [`CasePolicy`] and returns either a typed
//! [`Rejection`] or the events to record. [`Case::apply`] never fails. A
//! case is the fold of its events ([`Case::replay`]), so replaying any
//! prefix of a stream rebuilds the case as it was at that point.

mod actor;
mod command;
mod decide;
mod escalated;
mod event;
mod explained;
mod fact;
mod policy;
mod routed;
mod state;
mod task;
mod transition;

pub use actor::{Actor, Caller};
pub use command::{Command, NewCase};
pub use decide::{Context, Rejection, Unmet};
pub use escalated::{Escalated, EscalationCause, RoleName};
pub use event::{AutomationRequest, Change, EVENT_SCHEMA, Event, Opened};
pub use explained::Step;
pub use fact::Fact;
pub use policy::{AutomationRule, CasePolicy, PolicyError, Trigger};
pub use routed::{Candidate, CandidateOutcome, Routed, Skill, Strategy};
pub use state::{Case, ReplayError};
pub use task::{Task, TaskState};
