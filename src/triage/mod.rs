//! How bad and how soon: severity, impact, urgency, priority, categories,
//! verdicts and the TLP and PAP markings.
//!
//! Severity says how bad a case is; priority says how soon it must be
//! worked. Priority is not set by hand: it is read from a
//! [`PriorityMatrix`] of impact and urgency, which is configuration (the
//! ITIL matrix is the default).
//!
//! Triage rules ([`TriageRules`]) are ordered data: conditions over the
//! case and a [`TriageInput`] summarising its alerts (source product,
//! detection rule, observables, ATT&CK tactics, asset criticality) set the
//! category, severity, impact, urgency and tags, or request an automation.
//! The desk records their decision ([`Desk::triage`](crate::Desk::triage)).

mod category;
mod condition;
mod input;
mod marking;
mod priority;
mod rule;
mod rules;
mod severity;
mod verdict;

pub use crate::alert::{ATTACK_VERSION, Observable, ObservableKind, ProducerName, RuleRef, Tactic};
pub use category::Category;
pub use condition::{Condition, Contradiction};
pub use input::{AssetCriticality, TriageInput};
pub use marking::{Pap, Tlp};
pub use priority::{Impact, Priority, PriorityMatrix, PriorityMatrixError, Urgency};
pub use rule::{TriageAction, TriageRule};
pub use rules::{TriageDefinition, TriageError, TriageOutcome, TriageRules, seed_categories};
pub use severity::Severity;
pub use verdict::{Resolution, ResolutionImpact, Verdict};
