//! Alerts: the normalised alert, its observables and ATT&CK tags, its
//! fingerprint, the OCSF mapping, and the ingest policy (deduplication,
//! correlation and suppression rules).
//!
//! The [`Desk`](crate::Desk) ingests alerts ([`Desk::ingest`]): it
//! recognises a re-delivered record, applies suppression rules, counts
//! repeats of an alert already on an open case, groups alerts by
//! correlation rules, and opens a case for the rest. Everything here is
//! pure; the desk does the looking up and the storing.
//!
//! ```text
//!   alert ─▶ re-delivery? ──yes──▶ Duplicate (nothing changes)
//!              │no
//!              ▼
//!            suppressed? ──yes──▶ Suppressed (recorded in the store's suppression log)
//!              │no
//!              ▼
//!            fingerprint held by an open case? ──yes──▶ Repeat (within the window)
//!              │no                                    or Attached (outside it)
//!              ▼
//!            first correlation rule that applies finds a case? ──yes──▶ Attached
//!              │no                                   (reopening it if the rule says so)
//!              ▼
//!            Opened
//! ```
//!
//! [`Desk::ingest`]: crate::Desk::ingest

#[allow(clippy::module_inception)] // the module is named for its headline type
mod alert;
mod attack;
mod case_alerts;
mod error;
mod fingerprint;
mod names;
mod observable;
pub mod ocsf;
mod policy;
mod record_key;

pub use alert::{Alert, AlertBuilder};
pub use attack::{ATTACK_VERSION, AttackTag, AttackVersion, Tactic, Technique};
pub use case_alerts::{AlertEntry, AttachedAlert, CaseAlerts, MergedCase};
pub use error::AlertError;
pub use fingerprint::{Fingerprint, FingerprintField};
pub use names::{
    FindingId, Producer, ProducerName, RawPayload, RecordId, Resource, ResourceRef, RuleRef,
};
pub use observable::{HashAlgorithm, Observable, ObservableKind};
pub use ocsf::OcsfError;
pub use policy::{
    AlertMatch, CaseDefaults, CorrelationRule, DedupPolicy, GroupBy, IngestPolicy,
    IngestPolicyError, OnClosed, SuppressionRule,
};
pub use record_key::RecordKey;
