//! How bad and how soon: severity, impact, urgency, priority, categories,
//! verdicts and the TLP and PAP markings.
//!
//! Severity says how bad a case is; priority says how soon it must be
//! worked. Priority is not set by hand: it is read from a
//! [`PriorityMatrix`] of impact and urgency, which is configuration (the
//! ITIL matrix is the default).

mod category;
mod marking;
mod priority;
mod severity;
mod verdict;

pub use category::Category;
pub use marking::{Pap, Tlp};
pub use priority::{Impact, Priority, PriorityMatrix, PriorityMatrixError, Urgency};
pub use severity::Severity;
pub use verdict::{Resolution, ResolutionImpact, Verdict};
