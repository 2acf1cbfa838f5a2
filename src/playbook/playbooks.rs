use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{Playbook, PlaybookError};
use crate::triage::{Category, Severity};

/// A validated set of playbooks: names are unique, every playbook has
/// tasks with unique names, and no two apply to the same category from
/// the same severity.
///
/// It serializes as the list of its playbooks and validates again when
/// deserialized. The default set is empty; [`Playbooks::soc`] holds the
/// shipped playbooks.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Vec<Playbook>", into = "Vec<Playbook>")]
pub struct Playbooks {
    playbooks: Vec<Playbook>,
}

impl Playbooks {
    /// Validates a list of playbooks.
    ///
    /// # Errors
    ///
    /// A [`PlaybookError`] naming the first playbook that repeats a name,
    /// has no tasks, repeats a task name, or applies to the same category
    /// from the same severity as an earlier one.
    pub fn new(playbooks: Vec<Playbook>) -> Result<Self, PlaybookError> {
        for (i, playbook) in playbooks.iter().enumerate() {
            check_tasks(playbook)?;
            if let Some(other) = playbooks[..i].iter().find(|p| clashes(p, playbook)) {
                return Err(clash(playbook, other));
            }
        }
        Ok(Self { playbooks })
    }

    /// The playbook a case of this category and severity gets: of those
    /// that apply, the one with the highest least severity.
    ///
    /// ```
    /// use casefile::playbook::Playbooks;
    /// use casefile::triage::{Category, Severity};
    /// let soc = Playbooks::soc();
    /// let playbook = soc.for_case(&Category::phishing(), Severity::Low).unwrap();
    /// assert_eq!(playbook.name.as_str(), "phishing");
    /// assert!(soc.for_case(&"dos".parse()?, Severity::Low).is_none());
    /// # Ok::<(), casefile::TextError>(())
    /// ```
    pub fn for_case(&self, category: &Category, severity: Severity) -> Option<&Playbook> {
        self.playbooks
            .iter()
            .filter(|p| p.applies_to(category, severity))
            .max_by_key(|p| p.min_severity)
    }

    /// The playbooks, in definition order.
    pub fn iter(&self) -> impl Iterator<Item = &Playbook> {
        self.playbooks.iter()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.playbooks.is_empty()
    }
}

fn check_tasks(playbook: &Playbook) -> Result<(), PlaybookError> {
    if playbook.tasks.is_empty() {
        let playbook = playbook.name.clone();
        return Err(PlaybookError::NoTasks { playbook });
    }
    let mut names = BTreeSet::new();
    for task in &playbook.tasks {
        if !names.insert(&task.name) {
            return Err(PlaybookError::DuplicateTask {
                playbook: playbook.name.clone(),
                task: task.name.clone(),
            });
        }
    }
    Ok(())
}

fn clashes(earlier: &Playbook, later: &Playbook) -> bool {
    earlier.name == later.name
        || (earlier.category == later.category && earlier.min_severity == later.min_severity)
}

fn clash(playbook: &Playbook, other: &Playbook) -> PlaybookError {
    if playbook.name == other.name {
        return PlaybookError::DuplicatePlaybook {
            playbook: playbook.name.clone(),
        };
    }
    PlaybookError::Ambiguous {
        playbook: playbook.name.clone(),
        other: other.name.clone(),
        category: playbook.category.clone(),
        severity: playbook.min_severity,
    }
}

impl TryFrom<Vec<Playbook>> for Playbooks {
    type Error = PlaybookError;

    fn try_from(playbooks: Vec<Playbook>) -> Result<Self, Self::Error> {
        Self::new(playbooks)
    }
}

impl From<Playbooks> for Vec<Playbook> {
    fn from(playbooks: Playbooks) -> Self {
        playbooks.playbooks
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::playbook::{Phase, TaskTemplate};

    fn task(name: &str) -> TaskTemplate {
        TaskTemplate::new(
            name.parse().unwrap(),
            "Do it".parse().unwrap(),
            Phase::PostIncident,
        )
    }

    #[test]
    fn the_most_specific_playbook_wins() {
        let base = Playbook::new("malware".parse().unwrap(), Category::malware()).task(task("a"));
        let severe = Playbook::new("ransomware".parse().unwrap(), Category::malware())
            .min_severity(Severity::High)
            .task(task("b"));
        let set = Playbooks::new(vec![severe, base]).unwrap();
        let pick = |s| set.for_case(&Category::malware(), s).unwrap().name.as_str();
        assert_eq!(pick(Severity::Medium), "malware");
        assert_eq!(pick(Severity::Critical), "ransomware");
    }

    #[test]
    fn ambiguous_and_empty_playbooks_are_rejected_by_name() {
        let a = Playbook::new("a".parse().unwrap(), Category::malware()).task(task("x"));
        let b = Playbook::new("b".parse().unwrap(), Category::malware()).task(task("y"));
        let err = Playbooks::new(vec![a.clone(), b]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "playbook `b` applies to category `malware` from severity any like `a`"
        );
        let empty = Playbook::new("c".parse().unwrap(), Category::phishing());
        let err = Playbooks::new(vec![empty]).unwrap_err();
        assert_eq!(err.to_string(), "playbook `c` has no tasks");
        let twice = a.clone().task(task("x"));
        let err = Playbooks::new(vec![twice]).unwrap_err();
        assert_eq!(err.to_string(), "playbook `a` defines task `x` twice");
    }

    #[test]
    fn the_shipped_playbooks_are_valid() {
        let soc = Playbooks::soc();
        assert_eq!(soc.iter().count(), 3);
        for playbook in soc.iter() {
            assert!(
                playbook.tasks.iter().any(|t| t.mandatory),
                "{}",
                playbook.name
            );
        }
    }
}
