use std::fmt;

use chrono::{DateTime, Utc};

use std::collections::BTreeMap;

use super::{
    Actor, AutomationRequest, Caller, Case, CasePolicy, Change, Command, Event, NewCase, Opened,
};
use crate::ids::{CaseId, CaseNumber};
use crate::playbook::TaskName;
use crate::text::{FieldName, FieldValue, Permission, Reason, Tag};
use crate::workflow::{Stage, StatusId};

/// Everything a decision depends on besides the case and the command.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// Who gives the command, and what they may do.
    pub caller: &'a Caller,
    /// Why, recorded on every event the command produces.
    pub reason: Option<&'a Reason>,
    /// The time of the decision, recorded on every event.
    pub now: DateTime<Utc>,
    /// The rules to decide under.
    pub policy: &'a CasePolicy,
}

/// Why a command was refused. Nothing was recorded; the case is as it was.
///
/// Every variant is a normal outcome of a user's request: show the message
/// and let the user choose another command.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Rejection {
    /// The time of the command is before the case's last event; events of
    /// a case are recorded in time order. Check the caller's clock.
    #[error("time `{now}` is before the case's last event at `{last}`")]
    Backdated {
        /// The time given.
        now: DateTime<Utc>,
        /// The time of the last event.
        last: DateTime<Utc>,
    },
    /// Only reopening is possible on a closed case.
    #[error("case `{number}` is closed; reopen it first")]
    Closed {
        /// The case.
        number: CaseNumber,
    },
    /// The status is not part of the workflow.
    #[error("status `{status}` is not in the workflow")]
    UnknownStatus {
        /// The status asked for.
        status: StatusId,
    },
    /// The workflow has no transition for the move.
    #[error("workflow has no move from `{from}` to `{to}`")]
    NotAllowed {
        /// The current status.
        from: StatusId,
        /// The status asked for.
        to: StatusId,
    },
    /// The workflow has no allowed status of the stage the command needs.
    #[error("workflow has no move from `{from}` to a `{stage}` status")]
    NoStatusInStage {
        /// The current status.
        from: StatusId,
        /// The stage needed.
        stage: Stage,
    },
    /// The status asked for is in the wrong stage for the command.
    #[error("status `{status}` is in stage `{stage}`, not `{expected}`")]
    WrongStage {
        /// The status asked for.
        status: StatusId,
        /// Its stage.
        stage: Stage,
        /// The stage the command needs.
        expected: Stage,
    },
    /// A guard on the transition does not hold.
    #[error("moving from `{from}` to `{to}` needs {unmet}")]
    GuardFailed {
        /// The current status.
        from: StatusId,
        /// The status asked for.
        to: StatusId,
        /// What is missing.
        unmet: Unmet,
    },
    /// The case was acknowledged before.
    #[error("case was already acknowledged")]
    AlreadyAcknowledged,
    /// The command would change nothing.
    #[error("{what} would not change")]
    Unchanged {
        /// What the command would have changed.
        what: &'static str,
    },
    /// The case is already waiting.
    #[error("case is already on hold")]
    AlreadyOnHold,
    /// The case is not waiting.
    #[error("case is not on hold")]
    NotOnHold,
    /// The case is already resolved.
    #[error("case is already resolved; close or reopen it")]
    AlreadyResolved,
    /// The case is open, so it cannot be reopened.
    #[error("case is open; only a resolved or closed case can be reopened")]
    NotResolved,
    /// The workflow has no reopen status.
    #[error("workflow does not allow reopening")]
    NoReopen,
    /// The tag to remove is not on the case.
    #[error("case has no tag `{tag}`")]
    NoSuchTag {
        /// The tag.
        tag: Tag,
    },
    /// The case has no task with this number.
    #[error("case has no task {task}")]
    NoSuchTask {
        /// The number asked for.
        task: u32,
    },
    /// The task is already done or skipped.
    #[error("task {task} `{name}` is already done or skipped")]
    TaskFinished {
        /// The task's number.
        task: u32,
        /// Its name.
        name: TaskName,
    },
    /// A mandatory task cannot be skipped; do it.
    #[error("task {task} `{name}` is mandatory and cannot be skipped")]
    MandatoryTask {
        /// The task's number.
        task: u32,
        /// Its name.
        name: TaskName,
    },
}

/// What a failed [`Guard`](crate::workflow::Guard) wanted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Unmet {
    /// An owner.
    Owner,
    /// A resolution with a verdict.
    Verdict,
    /// A value in this custom field.
    Field(FieldName),
    /// This permission.
    Permission(Permission),
    /// This mandatory task done (the first one still open).
    MandatoryTask(TaskName),
}

impl fmt::Display for Unmet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Owner => f.write_str("an owner"),
            Self::Verdict => f.write_str("a verdict"),
            Self::Field(name) => write!(f, "field `{name}`"),
            Self::Permission(p) => write!(f, "permission `{p}`"),
            Self::MandatoryTask(name) => write!(f, "mandatory task `{name}` done"),
        }
    }
}

impl Case {
    /// The events that open a case: [`Change::Opened`] and whatever the
    /// policy's automation rules ask for.
    pub fn open(id: CaseId, number: CaseNumber, new: NewCase, ctx: &Context<'_>) -> Vec<Event> {
        let workflow = ctx.policy.workflow();
        let status = workflow.initial().clone();
        let opened = Opened {
            number,
            priority: ctx.policy.priority().priority(new.impact, new.urgency),
            title: new.title,
            description: new.description,
            category: new.category,
            severity: new.severity,
            impact: new.impact,
            urgency: new.urgency,
            tags: new.tags,
            tlp: new.tlp,
            pap: new.pap,
            stage: workflow.stage(&status).unwrap_or(Stage::New),
            status,
            team: new.team,
            fields: new.fields,
            keys: new.keys,
        };
        let fields = opened.fields.clone();
        let opened = Change::Opened(Box::new(opened));
        let mut changes = Case::opening_playbook(id, &opened, ctx);
        changes.insert(0, opened);
        let requests = automation_requests(&changes, ctx, || fields);
        stamp(id, 0, changes, requests, ctx)
    }

    /// Decides a command against this case.
    ///
    /// # Errors
    ///
    /// A [`Rejection`] saying why the command cannot be carried out; the
    /// case is unchanged.
    pub fn decide(&self, command: &Command, ctx: &Context<'_>) -> Result<Vec<Event>, Rejection> {
        if ctx.now < self.updated_at {
            return Err(Rejection::Backdated {
                now: ctx.now,
                last: self.updated_at,
            });
        }
        if self.stage == Stage::Closed && !reaches_closed_case(command) {
            return Err(Rejection::Closed {
                number: self.number.clone(),
            });
        }
        let mut changes = self.changes(command, ctx)?;
        changes.extend(self.playbook_changes(&changes, ctx));
        let requests = automation_requests(&changes, ctx, || {
            let mut after = self.clone();
            for change in &changes {
                after.apply_change(change, ctx.now);
            }
            after.fields
        });

        Ok(stamp(self.id, self.version, changes, requests, ctx))
    }

    fn changes(&self, command: &Command, ctx: &Context<'_>) -> Result<Vec<Change>, Rejection> {
        let one = |change: Result<Change, Rejection>| change.map(|c| vec![c]);
        match command {
            Command::Move { to } => self.move_to(to, Vec::new(), ctx),
            Command::Hold {
                status,
                waiting_for,
            } => {
                let to = self.hold_target(status.as_ref(), ctx)?;
                let old = self.waiting_for.clone();
                let pre = vec![Change::WaitingForChanged {
                    old,
                    new: Some(waiting_for.clone()),
                }];
                self.move_to(&to, pre, ctx)
            }
            Command::Resume => self.resume(ctx),
            Command::Resolve { resolution, status } => {
                let to = self.resolve_target(status.as_ref(), ctx)?;
                let old = self.resolution.clone();
                let pre = vec![Change::ResolutionChanged {
                    old,
                    new: Some(resolution.clone()),
                }];
                self.move_to(&to, pre, ctx)
            }
            Command::Close { status } => {
                let to = self.target_in(status.as_ref(), Stage::Closed, ctx)?;
                self.move_to(&to, Vec::new(), ctx)
            }
            Command::Reopen => self.reopen(ctx),
            Command::SetImpactUrgency { impact, urgency } => {
                self.set_impact_urgency(*impact, *urgency, ctx)
            }
            Command::Acknowledge => one(self.acknowledge()),
            Command::AssignOwner { owner } => {
                one(changed("owner", &self.owner, owner, |old, new| {
                    Change::OwnerChanged { old, new }
                }))
            }
            Command::AssignTeam { team } => one(changed("team", &self.team, team, |old, new| {
                Change::TeamChanged { old, new }
            })),
            Command::RecordFact { fact, occurred_at } => {
                let old = self.facts.get(fact).copied();
                let new = *occurred_at;
                let fact = fact.clone();
                one(changed("fact", &old, &Some(new), |old, _| {
                    Change::FactRecorded { fact, old, new }
                }))
            }
            Command::RequestAutomation { request } => {
                Ok(vec![Change::AutomationRequested(request.clone())])
            }
            Command::AssignTask { .. }
            | Command::CompleteTask { .. }
            | Command::SkipTask { .. } => one(self.task_change(command)),
            edit => one(self.edit(edit)),
        }
    }

    fn acknowledge(&self) -> Result<Change, Rejection> {
        match self.acknowledged_at {
            Some(_) => Err(Rejection::AlreadyAcknowledged),
            None => Ok(Change::Acknowledged),
        }
    }

    /// Decides the commands that edit one descriptive field.
    fn edit(&self, command: &Command) -> Result<Change, Rejection> {
        match command {
            Command::Retitle { title } => changed("title", &self.title, title, |old, new| {
                Change::TitleChanged { old, new }
            }),
            Command::Describe { description } => {
                changed("description", &self.description, description, |old, new| {
                    Change::DescriptionChanged { old, new }
                })
            }
            Command::Categorise { category } => {
                changed("category", &self.category, category, |old, new| {
                    Change::CategoryChanged { old, new }
                })
            }
            Command::SetSeverity { severity } => {
                changed("severity", &self.severity, severity, |old, new| {
                    Change::SeverityChanged { old, new }
                })
            }
            Command::SetTlp { tlp } => changed("TLP marking", &self.tlp, tlp, |old, new| {
                Change::TlpChanged { old, new }
            }),
            Command::SetPap { pap } => changed("PAP marking", &self.pap, pap, |old, new| {
                Change::PapChanged { old, new }
            }),
            Command::SetField { name, value } => {
                let old = self.fields.get(name).cloned();
                changed("field", &old, value, |old, new| Change::FieldChanged {
                    name: name.clone(),
                    old,
                    new,
                })
            }
            Command::AddTag { tag } if self.tags.contains(tag) => {
                Err(Rejection::Unchanged { what: "tag" })
            }
            Command::AddTag { tag } => Ok(Change::TagAdded { tag: tag.clone() }),
            Command::RemoveTag { tag } if self.tags.contains(tag) => {
                Ok(Change::TagRemoved { tag: tag.clone() })
            }
            Command::RemoveTag { tag } => Err(Rejection::NoSuchTag { tag: tag.clone() }),
            // `changes` decides every other command before calling `edit`.
            _ => Err(Rejection::Unchanged { what: "case" }),
        }
    }
}

/// A change from `old` to `new`, or [`Rejection::Unchanged`] if they are
/// equal.
fn changed<T: PartialEq + Clone, C>(
    what: &'static str,
    old: &T,
    new: &T,
    change: impl FnOnce(T, T) -> C,
) -> Result<C, Rejection> {
    if old == new {
        return Err(Rejection::Unchanged { what });
    }
    Ok(change(old.clone(), new.clone()))
}

/// Whether a command may be decided on a closed case: only moves out of it.
fn reaches_closed_case(command: &Command) -> bool {
    matches!(command, Command::Reopen | Command::Move { .. })
}

/// Numbers the changes after `version`, stamps them with the caller, the
/// reason and the time, then appends the automation requests, recorded as
/// the system's with the rule named as the reason.
fn stamp(
    case: CaseId,
    version: u64,
    changes: Vec<Change>,
    requests: Vec<AutomationRequest>,
    ctx: &Context<'_>,
) -> Vec<Event> {
    let mut seq = version;
    let mut next = |actor, reason: Option<Reason>, change| {
        seq += 1;
        Event::new(case, seq, ctx.now, actor, change).with_reason(reason)
    };
    let mut events: Vec<Event> = changes
        .into_iter()
        .map(|change| next(ctx.caller.actor, ctx.reason.cloned(), change))
        .collect();
    for request in requests {
        let rule = request
            .rule
            .as_ref()
            .map(|r| format!("automation rule `{r}`"));
        let reason = rule.and_then(|r| Reason::new(r).ok());
        events.push(next(
            Actor::System,
            reason,
            Change::AutomationRequested(request),
        ));
    }
    events
}

/// The requests of the rules that `changes` fire; `fields` gives the
/// case's custom fields after the changes, computed only if a rule fires.
fn automation_requests(
    changes: &[Change],
    ctx: &Context<'_>,
    fields: impl FnOnce() -> BTreeMap<FieldName, FieldValue>,
) -> Vec<AutomationRequest> {
    let mut fired = ctx
        .policy
        .automations()
        .iter()
        .filter(|rule| changes.iter().any(|change| rule.when.fires_on(change)))
        .peekable();
    if fired.peek().is_none() {
        return Vec::new();
    }
    let fields = fields();
    fired.map(|rule| rule.request_for(&fields)).collect()
}
