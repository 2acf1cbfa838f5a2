//! The workflow: statuses grouped into fixed stages, the transitions
//! allowed between them, and the guards on each transition.
//!
//! A workflow is data ([`WorkflowDefinition`], serde) validated once into a
//! [`Workflow`]. Every status change of every case is checked against it in
//! one place, the case's `decide` step; nothing else moves a case.
//!
//! # The default SOC workflow
//!
//! [`Workflow::soc`] follows the NIST SP 800-61 lifecycle. Stages are in
//! brackets; `[o]` marks a transition that needs an owner, `[v]` one that
//! needs a verdict, `[p]` one that needs the `case:reopen` permission.
//!
//! ```text
//!                  +-------------------------------------------------+
//!                  |                 any open status --[v]--> resolved (resolved)
//!                  |                 any open status --[v]--> closed   (closed)
//!                  v
//!  new (new) ---> triage (active) <--------------------- resolved ---> closed
//!     |            |    ^                                   ^            |
//!     |           [o]   |                                   |           [p] reopen
//!     +----[o]---> investigating (active) <---+             |            v
//!                  |    ^                     |          triage <--------+
//!                 [o]   |                     |
//!                  v    |                     |
//!                  containment (active) ------+
//!                  |    ^
//!                 [o]   |
//!                  v    |
//!                  eradication (active)
//!                  |    ^
//!                 [o]   |
//!                  v    |
//!                  recovery (active)
//!
//!  triage, investigating, containment, eradication, recovery ---> on_hold (waiting)
//!  on_hold ---> triage, and [o] investigating, containment, eradication, recovery
//! ```
//!
//! Reopening a resolved case needs nothing; reopening a closed one needs
//! the `case:reopen` permission. Both go back to `triage`.

mod definition;
mod error;
mod soc;
mod stage;
#[allow(clippy::module_inception)] // the headline type of the module lives in its own file
mod workflow;

pub use definition::{Guard, StatusDefinition, StatusId, TransitionDefinition, WorkflowDefinition};
pub use error::WorkflowError;
pub use stage::Stage;
pub use workflow::Workflow;

impl Workflow {
    /// The default SOC workflow (see the chart in the module docs).
    ///
    /// ```
    /// use casefile::workflow::{Stage, Workflow};
    /// let soc = Workflow::soc();
    /// assert_eq!(soc.initial().as_str(), "new");
    /// assert_eq!(soc.stage(&"on_hold".parse()?), Some(Stage::Waiting));
    /// # Ok::<(), casefile::TextError>(())
    /// ```
    pub fn soc() -> Self {
        match Self::new(soc::definition()) {
            Ok(workflow) => workflow,
            // The definition is a constant checked by the unit test below.
            Err(error) => unreachable!("the default SOC workflow is invalid: {error}"),
        }
    }

    /// The default SOC workflow with the guard
    /// [`Guard::MandatoryTasks`] added to every move into `resolved` and
    /// `closed`: a case with open mandatory playbook tasks cannot be
    /// resolved or closed. [`Workflow::soc`] leaves the guard out, so
    /// hosts without playbooks see no change.
    ///
    /// ```
    /// use casefile::workflow::{Guard, Workflow};
    /// let workflow = Workflow::soc_with_playbooks();
    /// let guards = workflow.guards(&"triage".parse()?, &"resolved".parse()?);
    /// assert_eq!(guards, &[Guard::Verdict, Guard::MandatoryTasks]);
    /// # Ok::<(), casefile::TextError>(())
    /// ```
    pub fn soc_with_playbooks() -> Self {
        match Self::new(soc::with_playbooks()) {
            Ok(workflow) => workflow,
            // The definition is the default one with guards added.
            Err(error) => unreachable!("the SOC workflow with playbooks is invalid: {error}"),
        }
    }

    /// The permission the default workflow requires to reopen a closed case.
    pub fn soc_reopen_permission() -> crate::text::Permission {
        crate::text::Permission(soc::REOPEN_PERMISSION.to_owned())
    }
}

impl Default for Workflow {
    fn default() -> Self {
        Self::soc()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_soc_workflow_is_valid_and_closes_from_everywhere() {
        let soc = Workflow::new(soc::definition()).unwrap();
        let id = |s: &str| s.parse::<StatusId>().unwrap();
        assert!(soc.transition(&id("new"), &id("closed")).is_some());
        assert!(soc.transition(&id("closed"), &id("new")).is_none());
        assert_eq!(
            soc.guards(&id("triage"), &id("investigating")),
            &[Guard::Owner]
        );
        assert_eq!(
            soc.first_target_in(&id("triage"), Stage::Waiting),
            Some(&id("on_hold"))
        );
    }
}
