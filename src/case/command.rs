use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use chrono::{DateTime, Utc};

use super::{AutomationRequest, Fact};
use crate::ids::{AnalystId, LookupKey, TeamId};
use crate::text::{Description, FieldName, FieldValue, Reason, Tag, Title, WaitingFor};
use crate::triage::{Category, Impact, Pap, Resolution, Severity, Tlp, Urgency};
use crate::workflow::StatusId;

/// A request to change an open case. Deciding it against the case either
/// rejects it with a [`Rejection`](super::Rejection) or yields events.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "command", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Command {
    /// Mark the case as seen by an analyst (once per case).
    Acknowledge,
    /// Set or clear the owner.
    AssignOwner {
        /// The new owner, or `None` to unassign.
        owner: Option<AnalystId>,
    },
    /// Set or clear the team.
    AssignTeam {
        /// The new team, or `None` to take the case out of every queue.
        team: Option<TeamId>,
    },
    /// Move to a status, if the workflow allows it and its guards hold.
    /// Moving a resolved or closed case back to an open status reopens it.
    Move {
        /// The target status.
        to: StatusId,
    },
    /// Put the case on hold, waiting for a third party.
    Hold {
        /// The waiting status; by default the first waiting status the
        /// workflow allows from the current one.
        status: Option<StatusId>,
        /// Who the case waits for.
        waiting_for: WaitingFor,
    },
    /// Take the case off hold, back to the status it was held from.
    Resume,
    /// Record a resolution and move to a resolved status (or, if the
    /// workflow has none reachable, a closed one).
    Resolve {
        /// Verdict, impact and summary.
        resolution: Resolution,
        /// The target status; by default the first allowed resolved status.
        status: Option<StatusId>,
    },
    /// Move to a closed status.
    Close {
        /// The target status; by default the first allowed closed status.
        status: Option<StatusId>,
    },
    /// Move a resolved or closed case to the workflow's reopen status.
    Reopen,
    /// Change the title.
    Retitle {
        /// The new title.
        title: Title,
    },
    /// Change the description.
    Describe {
        /// The new description.
        description: Description,
    },
    /// Change the category.
    Categorise {
        /// The new category.
        category: Category,
    },
    /// Change the severity.
    SetSeverity {
        /// The new severity.
        severity: Severity,
    },
    /// Change impact and urgency; the priority follows from the matrix.
    SetImpactUrgency {
        /// The new impact.
        impact: Impact,
        /// The new urgency.
        urgency: Urgency,
    },
    /// Add a tag.
    AddTag {
        /// The tag.
        tag: Tag,
    },
    /// Remove a tag.
    RemoveTag {
        /// The tag.
        tag: Tag,
    },
    /// Change the TLP marking.
    SetTlp {
        /// The new marking.
        tlp: Tlp,
    },
    /// Change the PAP marking.
    SetPap {
        /// The new marking.
        pap: Pap,
    },
    /// Set, change or clear a custom field.
    SetField {
        /// The field.
        name: FieldName,
        /// The new value, or `None` to clear it.
        value: Option<FieldValue>,
    },
    /// Record a fact, with the time it became true.
    RecordFact {
        /// The fact.
        fact: Fact,
        /// When it became true.
        occurred_at: DateTime<Utc>,
    },
    /// Ask an automation to act on the case.
    RequestAutomation {
        /// What to ask for.
        request: AutomationRequest,
    },
    /// Set or clear who works a task.
    AssignTask {
        /// The task's number on the case.
        task: u32,
        /// The new owner, or `None` to unassign.
        owner: Option<AnalystId>,
    },
    /// Mark an open task done.
    CompleteTask {
        /// The task's number on the case.
        task: u32,
    },
    /// Skip an open task that is not mandatory, saying why.
    SkipTask {
        /// The task's number on the case.
        task: u32,
        /// Why it is not done.
        reason: Reason,
    },
}

/// What a new case starts with. Only the title, category and severity are
/// required; the rest has defaults (impact and urgency medium, `TLP:AMBER`,
/// `PAP:AMBER`, no tags, no team).
///
/// ```
/// use casefile::case::NewCase;
/// use casefile::triage::{Category, Impact, Severity, Tlp, Urgency};
/// let new = NewCase::new("Credential phishing wave".parse()?, Category::phishing(), Severity::High)
///     .impact(Impact::High)
///     .urgency(Urgency::High)
///     .tlp(Tlp::Red)
///     .tag("campaign:q4".parse()?);
/// assert_eq!(new.tags.len(), 1);
/// # Ok::<(), casefile::TextError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewCase {
    /// One-line title.
    pub title: Title,
    /// Longer description.
    pub description: Description,
    /// Kind of case.
    pub category: Category,
    /// How bad.
    pub severity: Severity,
    /// How much of the business is affected.
    pub impact: Impact,
    /// How soon the business needs it worked.
    pub urgency: Urgency,
    /// Free labels.
    pub tags: BTreeSet<Tag>,
    /// Who may receive the case's information.
    pub tlp: Tlp,
    /// What recipients may do with its indicators.
    pub pap: Pap,
    /// The team the case starts in.
    pub team: Option<TeamId>,
    /// Custom fields.
    pub fields: BTreeMap<FieldName, FieldValue>,
    /// Lookup keys to claim for the case; opening fails if another case
    /// holds one.
    pub keys: BTreeSet<LookupKey>,
}

impl NewCase {
    /// A new case with the required parts and defaults for the rest.
    pub fn new(title: Title, category: Category, severity: Severity) -> Self {
        Self {
            title,
            description: Description::default(),
            category,
            severity,
            impact: Impact::Medium,
            urgency: Urgency::Medium,
            tags: BTreeSet::new(),
            tlp: Tlp::Amber,
            pap: Pap::Amber,
            team: None,
            fields: BTreeMap::new(),
            keys: BTreeSet::new(),
        }
    }

    /// Sets the description.
    #[must_use]
    pub fn description(mut self, description: Description) -> Self {
        self.description = description;
        self
    }

    /// Sets the impact.
    #[must_use]
    pub fn impact(mut self, impact: Impact) -> Self {
        self.impact = impact;
        self
    }

    /// Sets the urgency.
    #[must_use]
    pub fn urgency(mut self, urgency: Urgency) -> Self {
        self.urgency = urgency;
        self
    }

    /// Adds a tag.
    #[must_use]
    pub fn tag(mut self, tag: Tag) -> Self {
        self.tags.insert(tag);
        self
    }

    /// Sets the TLP marking.
    #[must_use]
    pub fn tlp(mut self, tlp: Tlp) -> Self {
        self.tlp = tlp;
        self
    }

    /// Sets the PAP marking.
    #[must_use]
    pub fn pap(mut self, pap: Pap) -> Self {
        self.pap = pap;
        self
    }

    /// Sets the starting team.
    #[must_use]
    pub fn team(mut self, team: TeamId) -> Self {
        self.team = Some(team);
        self
    }

    /// Sets a custom field.
    #[must_use]
    pub fn field(mut self, name: FieldName, value: FieldValue) -> Self {
        self.fields.insert(name, value);
        self
    }

    /// Adds a lookup key to claim.
    #[must_use]
    pub fn key(mut self, key: LookupKey) -> Self {
        self.keys.insert(key);
        self
    }
}
