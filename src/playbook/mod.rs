//! Playbooks: per category (and optionally from a severity), a template of
//! tasks grouped by NIST SP 800-61 [`Phase`], some of them mandatory.
//!
//! A case gets its playbook's tasks when it is opened with a category, or
//! categorised later, if the [`CasePolicy`](crate::CasePolicy) holds
//! playbooks ([`CasePolicy::with_playbooks`](crate::CasePolicy::with_playbooks)).
//! The tasks are recorded on the case ([`Change::PlaybookApplied`]) and
//! worked with [`Command::AssignTask`], [`Command::CompleteTask`] and
//! [`Command::SkipTask`]; the workflow guard
//! [`Guard::MandatoryTasks`](crate::workflow::Guard::MandatoryTasks) holds a
//! case back from resolving until every mandatory task is done.
//!
//! [`Playbooks::soc`] ships playbooks for phishing, malware and
//! unauthorized access.
//!
//! # Limitations
//!
//! - The playbook is chosen when the category is set. A later change of
//!   severity alone does not switch to a more specific playbook; setting
//!   the category again does not re-apply a playbook the case already had.
//! - When a case is categorised into another playbook, the open tasks of
//!   the earlier one are skipped, with the new playbook named as the
//!   reason.
//!
//! [`Change::PlaybookApplied`]: crate::case::Change::PlaybookApplied
//! [`Command::AssignTask`]: crate::case::Command::AssignTask
//! [`Command::CompleteTask`]: crate::case::Command::CompleteTask
//! [`Command::SkipTask`]: crate::case::Command::SkipTask

mod error;
mod phase;
#[allow(clippy::module_inception)] // the headline type of the module lives in its own file
mod playbook;
mod playbooks;
mod soc;
mod task;

pub use error::PlaybookError;
pub use phase::Phase;
pub use playbook::{Playbook, PlaybookName};
pub use playbooks::Playbooks;
pub use task::{TaskName, TaskTemplate};
