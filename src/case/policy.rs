use serde::{Deserialize, Serialize};

use super::{AutomationRequest, Change};
use std::collections::BTreeMap;

use crate::playbook::Playbooks;
use crate::text::{FieldName, FieldValue, ParameterValue, RuleName};
use crate::triage::{PriorityMatrix, Severity, Verdict};
use crate::workflow::{Stage, StatusId, Workflow};

/// The rules every case command is decided under: the workflow, the
/// priority matrix and the automation rules.
///
/// Configuration as data: it deserializes from JSON or TOML and is
/// validated when built.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CasePolicyDefinition", into = "CasePolicyDefinition")]
pub struct CasePolicy {
    workflow: Workflow,
    priority: PriorityMatrix,
    automations: Vec<AutomationRule>,
    playbooks: Playbooks,
}

/// The serialized form of a [`CasePolicy`].
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct CasePolicyDefinition {
    #[serde(default)]
    workflow: Workflow,
    #[serde(default)]
    priority: PriorityMatrix,
    #[serde(default)]
    automations: Vec<AutomationRule>,
    #[serde(default, skip_serializing_if = "Playbooks::is_empty")]
    playbooks: Playbooks,
}

/// A case policy that names something its workflow does not have.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PolicyError {
    /// An automation rule's trigger names a status the workflow lacks.
    #[error("automation rule `{rule}` names unknown status `{status}`")]
    UnknownStatus {
        /// The rule.
        rule: RuleName,
        /// The status it names.
        status: StatusId,
    },
    /// Two automation rules share a name.
    #[error("automation rule `{rule}` is defined twice")]
    DuplicateRule {
        /// The repeated name.
        rule: RuleName,
    },
}

impl CasePolicy {
    /// Bundles a workflow, a priority matrix and automation rules.
    ///
    /// # Errors
    ///
    /// [`PolicyError`] when two rules share a name or a rule names a status
    /// the workflow does not have.
    pub fn new(
        workflow: Workflow,
        priority: PriorityMatrix,
        automations: Vec<AutomationRule>,
    ) -> Result<Self, PolicyError> {
        let mut names = std::collections::BTreeSet::new();
        for rule in &automations {
            if !names.insert(&rule.name) {
                return Err(PolicyError::DuplicateRule {
                    rule: rule.name.clone(),
                });
            }
            if let Trigger::Status { status } = &rule.when {
                if workflow.stage(status).is_none() {
                    let (rule, status) = (rule.name.clone(), status.clone());
                    return Err(PolicyError::UnknownStatus { rule, status });
                }
            }
        }
        Ok(Self {
            workflow,
            priority,
            automations,
            playbooks: Playbooks::default(),
        })
    }

    /// Gives cases the tasks of these playbooks when they are opened or
    /// categorised (none by default). Pair them with a workflow that guards
    /// resolving on mandatory tasks, such as
    /// [`Workflow::soc_with_playbooks`].
    ///
    /// ```
    /// use casefile::CasePolicy;
    /// use casefile::playbook::Playbooks;
    /// let policy = CasePolicy::default().with_playbooks(Playbooks::soc());
    /// assert!(!policy.playbooks().is_empty());
    /// ```
    #[must_use]
    pub fn with_playbooks(mut self, playbooks: Playbooks) -> Self {
        self.playbooks = playbooks;
        self
    }

    /// The playbooks.
    pub fn playbooks(&self) -> &Playbooks {
        &self.playbooks
    }

    /// The workflow.
    pub fn workflow(&self) -> &Workflow {
        &self.workflow
    }

    /// The priority matrix.
    pub fn priority(&self) -> &PriorityMatrix {
        &self.priority
    }

    /// The automation rules, in order.
    pub fn automations(&self) -> &[AutomationRule] {
        &self.automations
    }
}

impl TryFrom<CasePolicyDefinition> for CasePolicy {
    type Error = PolicyError;

    fn try_from(d: CasePolicyDefinition) -> Result<Self, Self::Error> {
        Self::new(d.workflow, d.priority, d.automations).map(|p| p.with_playbooks(d.playbooks))
    }
}

impl From<CasePolicy> for CasePolicyDefinition {
    fn from(p: CasePolicy) -> Self {
        Self {
            workflow: p.workflow,
            priority: p.priority,
            automations: p.automations,
            playbooks: p.playbooks,
        }
    }
}

/// When a recorded change should ask an automation to act: for example,
/// isolate the host when a case is resolved as a true positive.
///
/// ```
/// use casefile::case::{AutomationRequest, AutomationRule, Trigger};
/// use casefile::triage::Verdict;
/// let rule = AutomationRule {
///     name: "isolate-on-true-positive".parse()?,
///     when: Trigger::Verdict { verdict: Verdict::TruePositive },
///     request: AutomationRequest::new("isolate-host".parse()?),
///     fields: vec!["host".parse()?],
/// };
/// # Ok::<(), casefile::TextError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AutomationRule {
    /// The rule's name, recorded on the requests it makes.
    pub name: RuleName,
    /// The change that fires it.
    pub when: Trigger,
    /// What to ask for.
    pub request: AutomationRequest,
    /// Custom fields of the case to pass as parameters of the same name
    /// (as the case is after the change); a field the case does not have
    /// is left out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldName>,
}

impl AutomationRule {
    /// The request this rule makes for a case with these custom fields.
    pub fn request_for(&self, fields: &BTreeMap<FieldName, FieldValue>) -> AutomationRequest {
        let mut request = self.request.clone();
        for name in &self.fields {
            if let Some(value) = fields.get(name) {
                request
                    .parameters
                    .insert(name.clone(), ParameterValue(value.as_str().to_owned()));
            }
        }
        request.rule = Some(self.name.clone());
        request
    }
}

/// A change that fires an [`AutomationRule`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "on", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Trigger {
    /// A resolution with this verdict is recorded.
    Verdict {
        /// The verdict.
        verdict: Verdict,
    },
    /// The case enters this status.
    Status {
        /// The status.
        status: StatusId,
    },
    /// The case enters this stage from another.
    Stage {
        /// The stage.
        stage: Stage,
    },
    /// The severity rises to at least this level (or a case opens at it).
    Severity {
        /// The level.
        at_least: Severity,
    },
}

impl Trigger {
    /// Whether this change fires the trigger.
    pub fn fires_on(&self, change: &Change) -> bool {
        match (self, change) {
            (Self::Verdict { verdict }, Change::ResolutionChanged { new: Some(r), .. }) => {
                r.verdict == *verdict
            }
            (Self::Status { status }, Change::StatusChanged { new, .. }) => new == status,
            (
                Self::Stage { stage },
                Change::StatusChanged {
                    old_stage,
                    new_stage,
                    ..
                },
            ) => new_stage == stage && old_stage != stage,
            (Self::Severity { at_least }, Change::SeverityChanged { old, new }) => {
                new >= at_least && old < at_least
            }
            (Self::Severity { at_least }, Change::Opened(opened)) => opened.severity >= *at_least,
            _ => false,
        }
    }
}
