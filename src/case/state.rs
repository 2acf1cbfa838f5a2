use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Change, Event, Fact, Opened};
use crate::alert::CaseAlerts;
use crate::ids::{AnalystId, CaseId, CaseNumber, LookupKey, TeamId};
use crate::text::{Description, FieldName, FieldValue, Tag, Title, WaitingFor};
use crate::triage::{Category, Impact, Pap, Priority, Resolution, Severity, Tlp, Urgency};
use crate::workflow::{Stage, StatusId};

/// A case as its events have made it: the fold of its stream.
///
/// Fields are public to read; the only way to change a case that the rest
/// of the crate recognises is to record events and [`apply`](Case::apply)
/// them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Case {
    /// The case's id.
    pub id: CaseId,
    /// Its human number.
    pub number: CaseNumber,
    /// How many events have been applied (the `seq` of the last one).
    pub version: u64,
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
    /// How soon, from impact and urgency.
    pub priority: Priority,
    /// Free labels.
    pub tags: BTreeSet<Tag>,
    /// TLP marking.
    pub tlp: Tlp,
    /// PAP marking.
    pub pap: Pap,
    /// Current status.
    pub status: StatusId,
    /// Its stage.
    pub stage: Stage,
    /// While waiting: the status the case was held from.
    pub held_from: Option<StatusId>,
    /// While waiting: who the case waits for.
    pub waiting_for: Option<WaitingFor>,
    /// The analyst responsible.
    pub owner: Option<AnalystId>,
    /// The queue responsible.
    pub team: Option<TeamId>,
    /// Custom fields.
    pub fields: BTreeMap<FieldName, FieldValue>,
    /// Verdict, impact and summary, once resolved (cleared on reopening).
    pub resolution: Option<Resolution>,
    /// Facts recorded, with the time each became true.
    pub facts: BTreeMap<Fact, DateTime<Utc>>,
    /// Lookup keys claimed at opening.
    pub keys: BTreeSet<LookupKey>,
    /// When the case was opened.
    pub opened_at: DateTime<Utc>,
    /// When the last event was recorded.
    pub updated_at: DateTime<Utc>,
    /// When it was first acknowledged.
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// When it last entered the resolved or closed stage from an open one
    /// (cleared on reopening).
    pub resolved_at: Option<DateTime<Utc>>,
    /// When it last entered the closed stage (cleared on reopening).
    pub closed_at: Option<DateTime<Utc>>,
    /// How many times it was reopened.
    pub reopened: u32,
    /// Tasks from playbooks, in the order they were added.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<super::Task>,
    /// Its alerts, their occurrences and observables, and merges.
    #[serde(default)]
    pub alerts: CaseAlerts,
}

/// A stream of events that does not fold into a case.
///
/// Streams written by this crate always fold; this error means the events
/// were damaged or written by something else. Verify the stream.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReplayError {
    /// There were no events.
    #[error("stream is empty")]
    Empty,
    /// The first event does not open the case.
    #[error("first event of case `{case}` is not `opened`")]
    NotOpened {
        /// The case.
        case: CaseId,
    },
    /// An event belongs to another case, or is out of sequence.
    #[error("event {position} is `{case}` #{seq}; expected `{expected_case}` #{expected_seq}")]
    OutOfSequence {
        /// Its index in the slice.
        position: usize,
        /// Its case.
        case: CaseId,
        /// Its sequence number.
        seq: u64,
        /// The case of the stream.
        expected_case: CaseId,
        /// The sequence number expected there.
        expected_seq: u64,
    },
}

impl Case {
    /// Folds a stream (or a prefix of one) into the case it describes.
    ///
    /// # Errors
    ///
    /// [`ReplayError`] when the stream is empty, does not start with
    /// [`Change::Opened`], or holds an event of another case or out of
    /// sequence.
    pub fn replay<'a>(events: impl IntoIterator<Item = &'a Event>) -> Result<Self, ReplayError> {
        let mut events = events.into_iter();
        let first = events.next().ok_or(ReplayError::Empty)?;
        let mut case =
            Self::from_opened(first).ok_or(ReplayError::NotOpened { case: first.case })?;
        for (position, event) in events.enumerate() {
            case.check_next(position + 1, event)?;
            case.apply(event);
        }
        Ok(case)
    }

    /// The case that an [`Change::Opened`] event creates, or `None` for any
    /// other event.
    pub fn from_opened(event: &Event) -> Option<Self> {
        let Change::Opened(opened) = &event.change else {
            return None;
        };
        let Opened {
            number,
            title,
            description,
            category,
            severity,
            impact,
            urgency,
            ..
        } = (**opened).clone();
        Some(Self {
            id: event.case,
            number,
            version: event.seq,
            title,
            description,
            category,
            severity,
            impact,
            urgency,
            priority: opened.priority,
            tags: opened.tags.clone(),
            tlp: opened.tlp,
            pap: opened.pap,
            status: opened.status.clone(),
            stage: opened.stage,
            held_from: None,
            waiting_for: None,
            owner: None,
            team: opened.team,
            fields: opened.fields.clone(),
            resolution: None,
            keys: opened.keys.clone(),
            facts: BTreeMap::new(),
            opened_at: event.at,
            updated_at: event.at,
            acknowledged_at: None,
            resolved_at: None,
            closed_at: None,
            reopened: 0,
            tasks: Vec::new(),
            alerts: CaseAlerts::default(),
        })
    }

    fn check_next(&self, position: usize, event: &Event) -> Result<(), ReplayError> {
        if event.case == self.id && event.seq == self.version + 1 {
            return Ok(());
        }
        Err(ReplayError::OutOfSequence {
            position,
            case: event.case,
            seq: event.seq,
            expected_case: self.id,
            expected_seq: self.version + 1,
        })
    }

    /// Applies one event. Never fails: an event is a fact, already decided.
    pub fn apply(&mut self, event: &Event) {
        if let Change::Opened(_) = &event.change {
            if let Some(reset) = Self::from_opened(event) {
                *self = reset;
            }
            return;
        }
        self.version = event.seq;
        self.updated_at = event.at;
        self.apply_change(&event.change, event.at);
    }

    /// Applies what a change says, without touching version or update time.
    pub(super) fn apply_change(&mut self, change: &Change, at: DateTime<Utc>) {
        match change {
            Change::StatusChanged {
                old,
                new,
                old_stage,
                new_stage,
            } => {
                self.apply_status(old, new, *old_stage, *new_stage, at);
            }
            change => self.apply_field(change, at),
        }
    }

    fn apply_field(&mut self, change: &Change, at: DateTime<Utc>) {
        match change {
            Change::TitleChanged { new, .. } => self.title = new.clone(),
            Change::DescriptionChanged { new, .. } => self.description = new.clone(),
            Change::Acknowledged => {
                self.acknowledged_at.get_or_insert(at);
            }
            Change::OwnerChanged { new, .. } => self.owner = *new,
            Change::TeamChanged { new, .. } => self.team = *new,
            Change::WaitingForChanged { new, .. } => self.waiting_for.clone_from(new),
            Change::CategoryChanged { new, .. } => self.category = new.clone(),
            Change::SeverityChanged { new, .. } => self.severity = *new,
            Change::ImpactChanged { new, .. } => self.impact = *new,
            Change::UrgencyChanged { new, .. } => self.urgency = *new,
            Change::PriorityChanged { new, .. } => self.priority = *new,
            Change::TlpChanged { new, .. } => self.tlp = *new,
            Change::PapChanged { new, .. } => self.pap = *new,
            Change::ResolutionChanged { new, .. } => self.resolution.clone_from(new),
            change => self.apply_collection(change),
        }
    }

    fn apply_collection(&mut self, change: &Change) {
        match change {
            Change::TagAdded { tag } => {
                self.tags.insert(tag.clone());
            }
            Change::TagRemoved { tag } => {
                self.tags.remove(tag);
            }
            Change::FieldChanged {
                name,
                new: Some(value),
                ..
            } => {
                self.fields.insert(name.clone(), value.clone());
            }
            Change::FactRecorded { fact, new, .. } => {
                self.facts.insert(fact.clone(), *new);
            }
            Change::FieldChanged {
                name, new: None, ..
            } => {
                self.fields.remove(name);
            }
            change => {
                self.apply_task(change);
                self.alerts.apply(change);
            }
        }
    }

    fn apply_status(
        &mut self,
        old: &StatusId,
        new: &StatusId,
        old_stage: Stage,
        new_stage: Stage,
        at: DateTime<Utc>,
    ) {
        if new_stage == Stage::Waiting && old_stage != Stage::Waiting {
            self.held_from = Some(old.clone());
        } else if new_stage != Stage::Waiting {
            self.held_from = None;
        }
        if old_stage.is_open() && !new_stage.is_open() {
            self.resolved_at = Some(at);
        }
        if new_stage == Stage::Closed {
            self.closed_at = Some(at);
        }
        if !old_stage.is_open() && new_stage.is_open() {
            self.reopened += 1;
            self.resolved_at = None;
            self.closed_at = None;
        }
        self.status = new.clone();
        self.stage = new_stage;
    }
}
