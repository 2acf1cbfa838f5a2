use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{Category, Contradiction, PriorityMatrix, TriageInput, TriageRule};
use crate::case::{Case, Change, Command, Step};
use crate::text::{Reason, RuleName};

/// Triage configuration as data: the categories rules may name, and the
/// rules in order. Build [`TriageRules`] from it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriageDefinition {
    /// The categories the SOC uses; rules naming any other are rejected.
    /// Defaults to [`seed_categories`].
    #[serde(default = "seed_categories")]
    pub categories: BTreeSet<Category>,
    /// The rules, in order.
    pub rules: Vec<TriageRule>,
}

/// The seed taxonomy: `phishing`, `malware`, `unauthorized-access`,
/// `uncategorized`, and the ENISA Reference Security Incident Taxonomy
/// classes as `rsit:<class>`.
pub fn seed_categories() -> BTreeSet<Category> {
    let rsit = [
        "abusive-content",
        "malicious-code",
        "information-gathering",
        "intrusion-attempts",
        "intrusions",
        "availability",
        "information-content-security",
        "fraud",
        "vulnerable",
        "other",
        "test",
    ];
    let seed = [
        Category::phishing(),
        Category::malware(),
        Category::unauthorized_access(),
        Category::uncategorized(),
    ];
    let classes = rsit.iter().map(|c| Category(format!("rsit:{c}")));
    seed.into_iter().chain(classes).collect()
}

/// A triage rule set that cannot be built; each variant names the rule at
/// fault.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TriageError {
    /// Two rules share a name.
    #[error("triage rule `{rule}` is defined twice")]
    DuplicateRule {
        /// The name.
        rule: RuleName,
    },
    /// A rule names a category the SOC does not use.
    #[error("triage rule `{rule}` names unknown category `{category}`")]
    UnknownCategory {
        /// The rule.
        rule: RuleName,
        /// The category.
        category: Category,
    },
    /// A rule's condition contradicts itself.
    #[error("triage rule `{rule}` can never match: {contradiction}")]
    NeverMatches {
        /// The rule.
        rule: RuleName,
        /// Why.
        contradiction: Contradiction,
    },
    /// An earlier rule matches every case and stops the run, so this rule
    /// is never reached.
    #[error("triage rule `{rule}` can never match: rule `{stopper}` before it always stops")]
    Unreachable {
        /// The rule.
        rule: RuleName,
        /// The earlier rule.
        stopper: RuleName,
    },
    /// A rule sets nothing.
    #[error("triage rule `{rule}` sets nothing")]
    NoEffect {
        /// The rule.
        rule: RuleName,
    },
}

/// Validated triage rules, ready to evaluate.
///
/// ```
/// use casefile::triage::{TriageDefinition, TriageRules};
/// let definition: TriageDefinition = serde_json::from_str(r#"{"rules": [
///     {"name": "everything", "then": {"tags": ["triaged"]}, "stop": true},
///     {"name": "never", "then": {"severity": "high"}}
/// ]}"#)?;
/// let error = TriageRules::new(definition).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "triage rule `never` can never match: rule `everything` before it always stops",
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "TriageDefinition", into = "TriageDefinition")]
pub struct TriageRules {
    definition: TriageDefinition,
}

/// What evaluating triage rules decided: the rules that matched, in order,
/// and the commands they give.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct TriageOutcome {
    /// The rules that matched, in order.
    pub matched: Vec<RuleName>,
    /// The commands, each with its rule as the reason.
    pub steps: Vec<Step>,
}

impl TriageOutcome {
    /// The event that explains the outcome: [`Change::Triaged`].
    pub fn explanation(&self) -> Change {
        Change::Triaged {
            rules: self.matched.clone(),
        }
    }
}

impl TriageRules {
    /// Validates a definition.
    ///
    /// # Errors
    ///
    /// A [`TriageError`] naming the first rule that repeats a name, names
    /// an unknown category, sets nothing, contradicts itself, or comes
    /// after a rule that always matches and stops.
    pub fn new(definition: TriageDefinition) -> Result<Self, TriageError> {
        let mut names = BTreeSet::new();
        let mut stopper: Option<&RuleName> = None;
        for rule in &definition.rules {
            if !names.insert(&rule.name) {
                let rule = rule.name.clone();
                return Err(TriageError::DuplicateRule { rule });
            }
            if let Some(stopper) = stopper {
                let (rule, stopper) = (rule.name.clone(), stopper.clone());
                return Err(TriageError::Unreachable { rule, stopper });
            }
            check_rule(rule, &definition.categories)?;
            if rule.stop && rule.when.is_always() {
                stopper = Some(&rule.name);
            }
        }
        Ok(Self { definition })
    }

    /// The rules, in order.
    pub fn rules(&self) -> &[TriageRule] {
        &self.definition.rules
    }

    /// Evaluates the rules against a case and its input. Each rule sees
    /// the case as the earlier matching rules left it, with the priority
    /// that `matrix` gives their impact and urgency.
    pub fn evaluate(
        &self,
        case: &Case,
        input: &TriageInput,
        matrix: &PriorityMatrix,
    ) -> TriageOutcome {
        let mut preview = case.clone();
        let mut outcome = TriageOutcome {
            matched: Vec::new(),
            steps: Vec::new(),
        };
        for rule in &self.definition.rules {
            if !rule.when.matches(&preview, input) {
                continue;
            }
            outcome.matched.push(rule.name.clone());
            let steps = steps(rule, &preview);
            preview.preview(&steps, matrix);
            outcome.steps.extend(steps);
            if rule.stop {
                break;
            }
        }
        outcome
    }
}

fn check_rule(rule: &TriageRule, categories: &BTreeSet<Category>) -> Result<(), TriageError> {
    let named = rule.when.categories.iter().chain(&rule.then.category);
    if let Some(category) = named.into_iter().find(|c| !categories.contains(c)) {
        let (rule, category) = (rule.name.clone(), category.clone());
        return Err(TriageError::UnknownCategory { rule, category });
    }
    if let Some(contradiction) = rule.when.contradiction() {
        let rule = rule.name.clone();
        return Err(TriageError::NeverMatches {
            rule,
            contradiction,
        });
    }
    if rule.then.is_empty() {
        let rule = rule.name.clone();
        return Err(TriageError::NoEffect { rule });
    }
    Ok(())
}

/// The commands of a matching rule, in a fixed order.
fn steps(rule: &TriageRule, case: &Case) -> Vec<Step> {
    let reason = Reason(format!("triage rule `{}`", rule.name));
    let then = &rule.then;
    let mut commands = Vec::new();
    if let Some(category) = &then.category {
        let category = category.clone();
        commands.push(Command::Categorise { category });
    }
    if let Some(severity) = then.severity {
        commands.push(Command::SetSeverity { severity });
    }
    if then.impact.is_some() || then.urgency.is_some() {
        commands.push(Command::SetImpactUrgency {
            impact: then.impact.unwrap_or(case.impact),
            urgency: then.urgency.unwrap_or(case.urgency),
        });
    }
    commands.extend(
        then.tags
            .iter()
            .map(|tag| Command::AddTag { tag: tag.clone() }),
    );
    if let Some(request) = &then.automation {
        let mut request = request.clone();
        request.rule = Some(rule.name.clone());
        commands.push(Command::RequestAutomation { request });
    }
    commands
        .into_iter()
        .map(|command| Step::new(reason.clone(), command))
        .collect()
}

impl Case {
    /// Applies what triage steps set to a copy used only for evaluating
    /// later rules.
    fn preview(&mut self, steps: &[Step], matrix: &PriorityMatrix) {
        for step in steps {
            match &step.command {
                Command::Categorise { category } => self.category = category.clone(),
                Command::SetSeverity { severity } => self.severity = *severity,
                Command::SetImpactUrgency { impact, urgency } => {
                    self.impact = *impact;
                    self.urgency = *urgency;
                    self.priority = matrix.priority(*impact, *urgency);
                }
                Command::AddTag { tag } => {
                    self.tags.insert(tag.clone());
                }
                _ => {}
            }
        }
    }
}

impl TryFrom<TriageDefinition> for TriageRules {
    type Error = TriageError;

    fn try_from(definition: TriageDefinition) -> Result<Self, Self::Error> {
        Self::new(definition)
    }
}

impl From<TriageRules> for TriageDefinition {
    fn from(rules: TriageRules) -> Self {
        rules.definition
    }
}
