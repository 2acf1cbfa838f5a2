use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Actor, Escalated, Fact, Routed};
use crate::alert::{AttachedAlert, MergedCase, RecordKey};
use crate::ids::{AlertId, AnalystId, CaseId, CaseNumber, LookupKey, TeamId};
use crate::playbook::{PlaybookName, TaskTemplate};
use crate::text::{
    ActionName, Description, FieldName, FieldValue, ParameterValue, Reason, RuleName, Tag,
    TargetName, Title, WaitingFor,
};
use crate::triage::{Category, Impact, Pap, Priority, Resolution, Severity, Tlp, Urgency};
use crate::workflow::{Stage, StatusId};

/// The version of the serialized event format written by this crate.
pub const EVENT_SCHEMA: u32 = 1;

/// A fact recorded in a case's stream: who changed what, when, and why.
///
/// Events are numbered from 1 within their case (`seq`); the stream of
/// events is the case's audit trail. Serialized, an event carries a
/// `schema` field ([`EVENT_SCHEMA`]); reading any other schema fails.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    schema: Schema,
    /// The case the event belongs to.
    pub case: CaseId,
    /// Its position in the case's stream, from 1.
    pub seq: u64,
    /// When it was recorded.
    pub at: DateTime<Utc>,
    /// Who caused it.
    pub actor: Actor,
    /// Why, if the actor said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Reason>,
    /// What changed.
    pub change: Change,
}

impl Event {
    /// An event without a reason.
    pub fn new(case: CaseId, seq: u64, at: DateTime<Utc>, actor: Actor, change: Change) -> Self {
        Self {
            schema: Schema,
            case,
            seq,
            at,
            actor,
            reason: None,
            change,
        }
    }

    /// Sets the reason.
    #[must_use]
    pub fn with_reason(mut self, reason: Option<Reason>) -> Self {
        self.reason = reason;
        self
    }
}

/// The `schema` field of a serialized event: always [`EVENT_SCHEMA`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Schema;

impl Serialize for Schema {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(EVENT_SCHEMA)
    }
}

impl<'de> Deserialize<'de> for Schema {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let version = u32::deserialize(deserializer)?;
        if version == EVENT_SCHEMA {
            Ok(Self)
        } else {
            Err(serde::de::Error::custom(format_args!(
                "event schema `{version}` is not supported; this version reads schema `{EVENT_SCHEMA}`"
            )))
        }
    }
}

/// What an event changed, with the old and the new value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Change {
    /// The case was opened; always the first event of a stream.
    Opened(Box<Opened>),
    /// The title changed.
    TitleChanged {
        /// Before.
        old: Title,
        /// After.
        new: Title,
    },
    /// The description changed.
    DescriptionChanged {
        /// Before.
        old: Description,
        /// After.
        new: Description,
    },
    /// An analyst acknowledged the case (the end of MTTA).
    Acknowledged,
    /// The owner changed.
    OwnerChanged {
        /// Before.
        old: Option<AnalystId>,
        /// After.
        new: Option<AnalystId>,
    },
    /// The team changed.
    TeamChanged {
        /// Before.
        old: Option<TeamId>,
        /// After.
        new: Option<TeamId>,
    },
    /// The status changed; the stages are recorded so that the stream can
    /// be read without the workflow.
    StatusChanged {
        /// Status before.
        old: StatusId,
        /// Status after.
        new: StatusId,
        /// Stage before.
        old_stage: Stage,
        /// Stage after.
        new_stage: Stage,
    },
    /// The third party the case waits for changed.
    WaitingForChanged {
        /// Before.
        old: Option<WaitingFor>,
        /// After.
        new: Option<WaitingFor>,
    },
    /// The category changed.
    CategoryChanged {
        /// Before.
        old: Category,
        /// After.
        new: Category,
    },
    /// The severity changed.
    SeverityChanged {
        /// Before.
        old: Severity,
        /// After.
        new: Severity,
    },
    /// The impact changed.
    ImpactChanged {
        /// Before.
        old: Impact,
        /// After.
        new: Impact,
    },
    /// The urgency changed.
    UrgencyChanged {
        /// Before.
        old: Urgency,
        /// After.
        new: Urgency,
    },
    /// The priority changed (it follows impact and urgency).
    PriorityChanged {
        /// Before.
        old: Priority,
        /// After.
        new: Priority,
    },
    /// A tag was added.
    TagAdded {
        /// The tag.
        tag: Tag,
    },
    /// A tag was removed.
    TagRemoved {
        /// The tag.
        tag: Tag,
    },
    /// The TLP marking changed.
    TlpChanged {
        /// Before.
        old: Tlp,
        /// After.
        new: Tlp,
    },
    /// The PAP marking changed.
    PapChanged {
        /// Before.
        old: Pap,
        /// After.
        new: Pap,
    },
    /// A custom field was set, changed or cleared.
    FieldChanged {
        /// The field.
        name: FieldName,
        /// Before.
        old: Option<FieldValue>,
        /// After.
        new: Option<FieldValue>,
    },
    /// The resolution was set (on resolving) or cleared (on reopening).
    ResolutionChanged {
        /// Before.
        old: Option<Resolution>,
        /// After.
        new: Option<Resolution>,
    },
    /// A fact was recorded, or its time corrected.
    FactRecorded {
        /// The fact.
        fact: Fact,
        /// When it was said to become true before, if it was recorded.
        old: Option<DateTime<Utc>>,
        /// When it became true.
        new: DateTime<Utc>,
    },
    /// An SLA target's clock crossed a warning threshold or (at 100%)
    /// breached. Recorded by the desk's sweep, once per threshold and
    /// cycle.
    SlaCrossed {
        /// The target.
        target: TargetName,
        /// The cycle, from 1.
        cycle: u32,
        /// The threshold in percent; 100 is the breach.
        percent: u8,
        /// When the clock crossed it (the event itself may be later).
        at: DateTime<Utc>,
    },
    /// An automation was asked to act (isolate a host, block an address).
    AutomationRequested(AutomationRequest),
    /// An alert was attached: the first of its fingerprint on the case,
    /// or one a correlation rule grouped into it.
    AlertAttached(Box<AttachedAlert>),
    /// A repeat of an attached alert arrived (same fingerprint, within the
    /// dedup window): its count and last sighting moved.
    AlertRepeated {
        /// The alert repeated.
        alert: AlertId,
        /// The key of the record the repeat arrived in.
        record: RecordKey,
        /// Occurrences before.
        old_count: u64,
        /// Occurrences after.
        new_count: u64,
        /// Last seen before.
        old_last_seen: DateTime<Utc>,
        /// Last seen after (the later of the two sightings).
        new_last_seen: DateTime<Utc>,
    },
    /// The case was merged into another, which now holds its alerts.
    MergedInto {
        /// The case that holds the work now.
        survivor: CaseId,
        /// Its number.
        number: CaseNumber,
    },
    /// Another case was merged into this one, bringing its alerts and
    /// observables.
    MergedFrom(Box<MergedCase>),
    /// Triage rules were evaluated; these matched, in order. The changes
    /// they made follow, each naming its rule as the reason.
    Triaged {
        /// The rules that matched (empty when none did).
        rules: Vec<RuleName>,
    },
    /// The case was routed; the team and owner changes follow.
    Routed(Box<Routed>),
    /// An escalation rule fired; the team and owner changes follow.
    Escalated(Box<Escalated>),
    /// The tasks of a playbook were added, numbered from `first`.
    PlaybookApplied {
        /// The playbook.
        playbook: PlaybookName,
        /// The number of its first task on the case.
        first: u32,
        /// The tasks, in order.
        tasks: Vec<TaskTemplate>,
    },
    /// A task's owner changed.
    TaskAssigned {
        /// The task's number.
        task: u32,
        /// Before.
        old: Option<AnalystId>,
        /// After.
        new: Option<AnalystId>,
    },
    /// A task was done.
    TaskCompleted {
        /// The task's number.
        task: u32,
    },
    /// A task was skipped.
    TaskSkipped {
        /// The task's number.
        task: u32,
        /// Why.
        reason: Reason,
    },
}

/// Everything a case starts with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opened {
    /// The human case number allocated by the store.
    pub number: CaseNumber,
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
    /// Who may receive the case's information.
    pub tlp: Tlp,
    /// What recipients may do with its indicators.
    pub pap: Pap,
    /// The initial status.
    pub status: StatusId,
    /// Its stage.
    pub stage: Stage,
    /// The team the case starts in, if any.
    pub team: Option<TeamId>,
    /// Custom fields set at opening.
    pub fields: BTreeMap<FieldName, FieldValue>,
    /// Lookup keys claimed for the case at opening.
    pub keys: BTreeSet<LookupKey>,
}

/// A request for an automation to act on a case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AutomationRequest {
    /// What to do, such as `isolate-host`.
    pub action: ActionName,
    /// Named parameters, such as `host`.
    pub parameters: BTreeMap<FieldName, ParameterValue>,
    /// The rule that asked, or `None` when an actor asked directly.
    pub rule: Option<RuleName>,
}

impl AutomationRequest {
    /// A request with no parameters.
    pub fn new(action: ActionName) -> Self {
        Self {
            action,
            parameters: BTreeMap::new(),
            rule: None,
        }
    }

    /// Adds a parameter.
    #[must_use]
    pub fn parameter(mut self, name: FieldName, value: ParameterValue) -> Self {
        self.parameters.insert(name, value);
        self
    }
}

/// One line for people, such as ``status `triage` -> `investigating` ``.
impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Opened(o) => write!(
                f,
                "opened `{}`: {} ({}, {})",
                o.number, o.title, o.severity, o.priority
            ),
            Self::TitleChanged { old, new } => write!(f, "title `{old}` -> `{new}`"),
            Self::DescriptionChanged { .. } => f.write_str("description changed"),
            Self::Acknowledged => f.write_str("acknowledged"),
            Self::OwnerChanged { old, new } => {
                write!(f, "owner {} -> {}", opt(old.as_ref()), opt(new.as_ref()))
            }
            Self::TeamChanged { old, new } => {
                write!(f, "team {} -> {}", opt(old.as_ref()), opt(new.as_ref()))
            }
            Self::StatusChanged { old, new, .. } => write!(f, "status `{old}` -> `{new}`"),
            Self::WaitingForChanged { old, new } => {
                write!(
                    f,
                    "waiting for {} -> {}",
                    opt(old.as_ref()),
                    opt(new.as_ref())
                )
            }
            Self::CategoryChanged { old, new } => write!(f, "category `{old}` -> `{new}`"),
            Self::SeverityChanged { old, new } => write!(f, "severity `{old}` -> `{new}`"),
            Self::ImpactChanged { old, new } => write!(f, "impact `{old}` -> `{new}`"),
            Self::UrgencyChanged { old, new } => write!(f, "urgency `{old}` -> `{new}`"),
            Self::PriorityChanged { old, new } => write!(f, "priority `{old}` -> `{new}`"),
            Self::TagAdded { tag } => write!(f, "tag `{tag}` added"),
            Self::TagRemoved { tag } => write!(f, "tag `{tag}` removed"),
            Self::TlpChanged { old, new } => write!(f, "marking `{old}` -> `{new}`"),
            Self::PapChanged { old, new } => write!(f, "marking `{old}` -> `{new}`"),
            Self::FieldChanged { name, old, new } => {
                write!(
                    f,
                    "field `{name}` {} -> {}",
                    opt(old.as_ref()),
                    opt(new.as_ref())
                )
            }
            Self::ResolutionChanged { new: Some(r), .. } => {
                write!(
                    f,
                    "resolved as `{}` ({}): {}",
                    r.verdict, r.impact, r.summary
                )
            }
            Self::ResolutionChanged { new: None, .. } => f.write_str("resolution cleared"),
            Self::FactRecorded { fact, new, .. } => write!(f, "fact {fact} at {new}"),
            Self::SlaCrossed {
                target,
                cycle,
                percent: 100,
                at,
            } => {
                write!(f, "SLA `{target}` breached at {at} (cycle {cycle})")
            }
            Self::SlaCrossed {
                target,
                cycle,
                percent,
                at,
            } => {
                write!(
                    f,
                    "SLA `{target}` passed {percent}% at {at} (cycle {cycle})"
                )
            }
            Self::AutomationRequested(r) => {
                write!(f, "automation `{}` requested", r.action)?;
                for (i, (name, value)) in r.parameters.iter().enumerate() {
                    let sep = if i == 0 { " with " } else { ", " };
                    write!(f, "{sep}{name}=`{value}`")?;
                }
                Ok(())
            }
            Self::AlertAttached(a) => write!(f, "alert `{}` attached: {}", a.id, a.alert.title),
            Self::AlertRepeated {
                alert, new_count, ..
            } => write!(f, "alert `{alert}` repeated ({new_count} occurrences)"),
            Self::MergedInto { number, .. } => write!(f, "merged into `{number}`"),
            Self::MergedFrom(m) => {
                write!(f, "`{}` merged in ({} alerts)", m.number, m.alerts.len())
            }
            change => fmt_routing(change, f),
        }
    }
}

/// The lines of the triage, routing, escalation and task changes.
fn fmt_routing(change: &Change, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match change {
        Change::Triaged { rules } if rules.is_empty() => f.write_str("triaged: no rule matched"),
        Change::Triaged { rules } => {
            f.write_str("triaged by")?;
            for rule in rules {
                write!(f, " `{rule}`")?;
            }
            Ok(())
        }
        Change::Routed(routed) => write!(f, "{routed}"),
        Change::Escalated(escalated) => write!(f, "{escalated}"),
        Change::PlaybookApplied {
            playbook, tasks, ..
        } => write!(f, "playbook `{playbook}` applied ({} tasks)", tasks.len()),
        Change::TaskAssigned { task, old, new } => {
            let (old, new) = (opt(old.as_ref()), opt(new.as_ref()));
            write!(f, "task {task} owner {old} -> {new}")
        }
        Change::TaskCompleted { task } => write!(f, "task {task} done"),
        Change::TaskSkipped { task, reason } => write!(f, "task {task} skipped: {reason}"),
        _ => Ok(()),
    }
}

/// `` `value` `` or `none`.
fn opt<T: fmt::Display>(value: Option<&T>) -> String {
    value.map_or_else(|| "none".to_owned(), |v| format!("`{v}`"))
}
