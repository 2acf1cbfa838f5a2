use serde::{Deserialize, Serialize};

use super::TaskTemplate;
use crate::triage::{Category, Severity};

crate::text::name_text!(
    /// The name of a playbook, such as `phishing`.
    PlaybookName, "playbook name"
);

/// A template of tasks for the cases of one category, and optionally of
/// at least one severity.
///
/// ```
/// use casefile::playbook::{Phase, Playbook, TaskTemplate};
/// use casefile::triage::{Category, Severity};
/// let playbook = Playbook::new("ransomware".parse()?, Category::malware())
///     .min_severity(Severity::Critical)
///     .task(TaskTemplate::new(
///         "notify-crisis-team".parse()?,
///         "Call the crisis team".parse()?,
///         Phase::DetectionAndAnalysis,
///     ).mandatory());
/// assert_eq!(playbook.tasks.len(), 1);
/// # Ok::<(), casefile::TextError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Playbook {
    /// Its name, unique among the playbooks.
    pub name: PlaybookName,
    /// The category of the cases it applies to.
    pub category: Category,
    /// The least severity of the cases it applies to; any severity when
    /// absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_severity: Option<Severity>,
    /// Its tasks, in the order they are listed on the case.
    pub tasks: Vec<TaskTemplate>,
}

impl Playbook {
    /// A playbook for a category, with no tasks yet.
    pub fn new(name: PlaybookName, category: Category) -> Self {
        Self {
            name,
            category,
            min_severity: None,
            tasks: Vec::new(),
        }
    }

    /// Restricts it to cases of at least this severity.
    #[must_use]
    pub fn min_severity(mut self, severity: Severity) -> Self {
        self.min_severity = Some(severity);
        self
    }

    /// Adds a task.
    #[must_use]
    pub fn task(mut self, task: TaskTemplate) -> Self {
        self.tasks.push(task);
        self
    }

    /// Whether it applies to a case of this category and severity.
    pub fn applies_to(&self, category: &Category, severity: Severity) -> bool {
        self.category == *category && self.min_severity.is_none_or(|min| severity >= min)
    }
}
