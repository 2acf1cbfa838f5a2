//! Routing: who works a case. A roster of teams and analysts (skills,
//! teams, capacity, shifts), ordered routing rules that pick a team,
//! strategies that pick an owner within it, escalation rules, and
//! workload views.
//!
//! Everything here is pure: a decision is a function of the case, the
//! configuration, a [`Workload`] snapshot, the [`Rotation`] and the time.
//! The desk records each decision as an event that explains it
//! ([`Change::Routed`], [`Change::Escalated`]), followed by the team and
//! owner changes it makes; see [`Desk::route`] and [`Desk::escalate_open`].
//!
//! ```
//! use casefile::routing::{Analyst, Fallback, Roster, RosterDefinition, Rotation, Router,
//!     RoutingDefinition, Team, Workload};
//! use casefile::case::{CandidateOutcome, Strategy};
//! use casefile::ids::{AnalystId, TeamId};
//! # use casefile::{Caller, Desk, DeskOptions, MemoryStore, NewCase, RecordingNotifier,
//! #     SequentialIds};
//! # use casefile::triage::{Category, Severity, TriageInput};
//! # use std::sync::Arc;
//! let tier1 = TeamId::from_uuid(uuid::Uuid::from_u128(1));
//! let (ann, ben) = (AnalystId::from_uuid(uuid::Uuid::from_u128(10)),
//!     AnalystId::from_uuid(uuid::Uuid::from_u128(11)));
//! let roster = Roster::new(RosterDefinition {
//!     teams: vec![Team::new(tier1, "Tier 1".parse()?)],
//!     analysts: vec![
//!         Analyst::new(ann, "Ann".parse()?, tier1, 6),
//!         Analyst::new(ben, "Ben".parse()?, tier1, 6),
//!     ],
//!     ..Default::default()
//! })?;
//! let router = Router::new(
//!     RoutingDefinition::new(Fallback::new(tier1, Strategy::LeastLoaded)),
//!     roster,
//! )?;
//! # let desk = Desk::new(Arc::new(MemoryStore::new()), Arc::new(RecordingNotifier::new()),
//! #     Arc::new(SequentialIds::new()), DeskOptions::default());
//! # let now = "2026-03-02T09:00:00Z".parse()?;
//! # let new = NewCase::new("Phish".parse()?, Category::phishing(), Severity::High);
//! # let case = desk.case(desk.open(&Caller::system(), new, None, now)?.case())?;
//! let mut workload = Workload::default();
//! workload.add(Some(ann), Some(tier1), 3);
//! let routed = router.route(&case, &TriageInput::default(), &workload, &Rotation::new(), now);
//! assert_eq!(routed.owner, Some(ben));
//! assert_eq!(routed.candidates[0].outcome, CandidateOutcome::MoreLoaded);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`Change::Routed`]: crate::case::Change::Routed
//! [`Change::Escalated`]: crate::case::Change::Escalated
//! [`Desk::route`]: crate::Desk::route
//! [`Desk::escalate_open`]: crate::Desk::escalate_open

mod analyst;
mod error;
mod escalation;
mod roster;
mod rotation;
mod router;
mod rule;
mod team;
mod volume;
mod weights;
mod workload;

pub use crate::case::{Candidate, CandidateOutcome, Routed, Skill, Strategy};
pub use analyst::Analyst;
pub use error::RoutingError;
pub use escalation::{Escalation, EscalationAction, EscalationRule, EscalationTrigger, Firing};
pub use roster::{Roster, RosterDefinition};
pub use rotation::Rotation;
pub use router::{Router, RoutingDefinition};
pub use rule::{Fallback, RoutingRule};
pub use team::{DisplayName, Team};
pub use volume::CategoryVolume;
pub use weights::Weights;
pub use workload::{Load, Workload};
