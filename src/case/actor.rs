use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::ids::{AnalystId, AutomationId};
use crate::text::Permission;

/// Who did something: an analyst, an automation, or the system itself
/// (a rule, a timer).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum Actor {
    /// A person.
    Analyst(AnalystId),
    /// A SOAR playbook, a bot or an integration.
    Automation(AutomationId),
    /// The case system: a configured rule or a clock.
    System,
}

/// The actor giving a command, with the permissions the host granted it.
///
/// The host authenticates its users; `casefile` only checks the
/// permissions that workflow guards name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    /// Who is acting.
    pub actor: Actor,
    /// What the actor may do.
    pub permissions: BTreeSet<Permission>,
}

impl Caller {
    /// An actor with no permissions.
    pub fn new(actor: Actor) -> Self {
        Self {
            actor,
            permissions: BTreeSet::new(),
        }
    }

    /// An analyst with no permissions.
    pub fn analyst(id: AnalystId) -> Self {
        Self::new(Actor::Analyst(id))
    }

    /// The system, with no permissions.
    pub fn system() -> Self {
        Self::new(Actor::System)
    }

    /// Grants a permission.
    #[must_use]
    pub fn with_permission(mut self, permission: Permission) -> Self {
        self.permissions.insert(permission);
        self
    }

    /// Whether the caller holds a permission.
    pub fn may(&self, permission: &Permission) -> bool {
        self.permissions.contains(permission)
    }
}

impl std::fmt::Display for Actor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Analyst(id) => write!(f, "analyst {id}"),
            Self::Automation(id) => write!(f, "automation {id}"),
            Self::System => f.write_str("system"),
        }
    }
}
