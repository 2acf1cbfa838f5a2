//! `casefile` is the domain model of a Security Operations Center (SOC)
//! case-management system, as a library to embed: alerts turned into
//! cases, a workflow, triage, routing and playbooks, SLA clocks and
//! regulatory deadlines, KPIs, a tamper-evident history, and two small
//! ports for storage and notification.
//!
//! ```
//! use std::sync::Arc;
//! use casefile::{Caller, Command, Desk, DeskOptions, MemoryStore, NewCase, RecordingNotifier,
//!     SequentialIds, Workflow};
//! use casefile::ids::AnalystId;
//! use casefile::triage::{Category, Resolution, ResolutionImpact, Severity, Verdict};
//!
//! let desk = Desk::new(
//!     Arc::new(MemoryStore::new()),
//!     Arc::new(RecordingNotifier::new()),
//!     Arc::new(SequentialIds::new()),
//!     DeskOptions::default(),
//! );
//! let now = "2026-03-02T09:00:00Z".parse()?;
//! let analyst = AnalystId::from_uuid(uuid::Uuid::from_u128(7));
//! let alice = Caller::analyst(analyst);
//!
//! let new = NewCase::new("Phishing mail reported".parse()?, Category::phishing(), Severity::Low);
//! let case = desk.open(&alice, new, None, now)?.case();
//! desk.execute(case, &alice, &Command::AssignOwner { owner: Some(analyst) }, None, now)?;
//! let resolution = Resolution::new(
//!     Verdict::FalsePositive,
//!     ResolutionImpact::NotApplicable,
//!     "Newsletter, sender verified".parse()?,
//! );
//! desk.execute(case, &alice, &Command::Resolve { resolution, status: None }, None, now)?;
//!
//! assert_eq!(desk.case(case)?.status.as_str(), "resolved");
//! assert_eq!(desk.verify(case)?.records, 4);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # How it fits together
//!
//! - A case is **event-sourced**: [`Case::decide`](case::Case::decide)
//!   checks a [`Command`] against the case and its [`CasePolicy`] and
//!   either rejects it with a typed [`Rejection`](case::Rejection) or
//!   returns events; [`Case::apply`](case::Case::apply) folds them in and
//!   never fails. The stream of events is the audit trail.
//! - Every event is sealed into a SHA-256 **hash chain**
//!   ([`audit`]), so anyone holding a stream can verify it.
//! - **Configuration is data**: the [`Workflow`], the priority matrix,
//!   automation rules, [`triage`] rules, [`playbook`]s and the
//!   [`routing`] roster, rules and escalation deserialize from JSON or
//!   TOML and are validated once.
//! - **Alerts** ([`alert`]) become cases through [`Desk::ingest`]:
//!   re-deliveries are recognised, suppression rules keep noise out (in
//!   the store's suppression log, never dropped), repeats are counted and
//!   correlation rules group alerts; [`Desk::merge`] and [`Desk::similar`]
//!   work on the result.
//! - The [`Desk`] is the only part that talks to the two **ports**,
//!   [`Store`] and [`Notifier`]. It takes the time and an [`IdSource`] as
//!   inputs, so runs are deterministic under test.
//! - **SLA clocks** ([`sla`]) count business time on calendars; a case's
//!   SLA state is replayed from its events ([`Desk::sla`]), and
//!   [`Desk::sweep`] records warnings and breaches once.
//! - **Deadlines and measures** are pure functions of cases: regulatory
//!   notification deadlines from the facts on a case
//!   ([`sla::regulatory`]), and KPIs over many cases ([`metrics`]).
//!
//! # Why the ports are synchronous
//!
//! [`Store`] and [`Notifier`] are plain synchronous traits, usable as
//! `&dyn Trait`. An async trait would tie the crate to an executor and make
//! the traits harder to implement and not object-safe without boxing every
//! future; a synchronous one is trivial to implement over `SQLite`, an
//! in-process map or a blocking client. Async hosts do not go through the
//! desk: they call the pure core themselves (load the records, fold them
//! with [`Case::replay`](case::Case::replay), decide, seal the events with
//! [`audit::Chain`], and append with their own async client using the same
//! expected-version rule). Everything the desk does is built from those
//! public pieces; `examples/async_host.rs` shows the loop with an async
//! store.
//!
//! # Non-goals
//!
//! - No I/O, no clock, no randomness in the domain: the host owns them.
//! - No logging: what a host needs to know comes back as a value, an event
//!   or a notification.
//! - No user management or authentication: the host says who the caller is
//!   and which permissions it holds ([`Caller`]).
//! - No user interface and no network protocol.
//!
//! # Cargo features
//!
//! - `testkit`: the conformance suite for [`Store`] implementations and a
//!   given/when/then harness for case rules ([`testkit`]).

pub mod alert;
pub mod audit;
pub mod case;
pub mod desk;
pub mod ids;
pub mod metrics;
pub mod notify;
pub mod playbook;
pub mod routing;
pub mod sla;
pub mod store;
#[cfg(feature = "testkit")]
pub mod testkit;
pub mod text;
pub mod triage;
pub mod workflow;

pub use alert::{Alert, IngestPolicy};
pub use case::{Actor, Caller, Case, CasePolicy, Command, Event, NewCase};
pub use desk::{Desk, DeskError, DeskOptions, Ingested, Receipt};
pub use ids::{CaseId, CaseNumber, IdSource, SequentialIds, UuidV7Source};
pub use notify::{Notification, Notifier, RecordingNotifier};
pub use store::{MemoryStore, Store, StoreError};
pub use text::TextError;
pub use workflow::Workflow;
