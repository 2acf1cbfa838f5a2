//! Tasks on a case: added from the policy's playbook when the case is
//! categorised, then assigned, completed or skipped.

use serde::{Deserialize, Serialize};

use super::decide::{Context, Rejection};
use super::{Actor, Case, Change, Command, Event};
use crate::ids::AnalystId;
use crate::ids::CaseId;
use crate::playbook::{Phase, PlaybookName, TaskName, TaskTemplate};
use crate::text::{Reason, Title};

/// A task on a case, from a playbook.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Task {
    /// Its number on the case, from 1, in the order tasks were added.
    pub number: u32,
    /// The playbook it came from.
    pub playbook: PlaybookName,
    /// Its name in the playbook.
    pub name: TaskName,
    /// What to do.
    pub title: Title,
    /// The lifecycle phase it belongs to.
    pub phase: Phase,
    /// Whether it must be done before the case is resolved.
    pub mandatory: bool,
    /// Who works it.
    pub owner: Option<AnalystId>,
    /// Open, done or skipped.
    pub state: TaskState,
}

impl Task {
    /// Whether the task still needs work.
    pub fn is_open(&self) -> bool {
        self.state == TaskState::Open
    }
}

/// Where a task stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
#[non_exhaustive]
pub enum TaskState {
    /// Still to do.
    Open,
    /// Done.
    Done,
    /// Not done, for a recorded reason.
    Skipped {
        /// Why.
        reason: Reason,
    },
}

impl Case {
    /// The task with this number.
    pub fn task(&self, number: u32) -> Option<&Task> {
        self.tasks.iter().find(|t| t.number == number)
    }

    /// The first mandatory task that is still open.
    pub fn open_mandatory_task(&self) -> Option<&Task> {
        self.tasks.iter().find(|t| t.mandatory && t.is_open())
    }

    /// Decides the task commands.
    pub(super) fn task_change(&self, command: &Command) -> Result<Change, Rejection> {
        match command {
            Command::AssignTask { task, owner } => {
                let found = self.open_task(*task)?;
                if found.owner == *owner {
                    return Err(Rejection::Unchanged { what: "task owner" });
                }
                let (old, new) = (found.owner, *owner);
                Ok(Change::TaskAssigned {
                    task: *task,
                    old,
                    new,
                })
            }
            Command::CompleteTask { task } => {
                self.open_task(*task)?;
                Ok(Change::TaskCompleted { task: *task })
            }
            Command::SkipTask { task, reason } => {
                let found = self.open_task(*task)?;
                if found.mandatory {
                    let name = found.name.clone();
                    return Err(Rejection::MandatoryTask { task: *task, name });
                }
                let reason = reason.clone();
                Ok(Change::TaskSkipped {
                    task: *task,
                    reason,
                })
            }
            _ => Err(Rejection::Unchanged { what: "task" }),
        }
    }

    fn open_task(&self, number: u32) -> Result<&Task, Rejection> {
        let task = self
            .task(number)
            .ok_or(Rejection::NoSuchTask { task: number })?;
        if !task.is_open() {
            let name = task.name.clone();
            return Err(Rejection::TaskFinished { task: number, name });
        }
        Ok(task)
    }

    /// The changes that give the case its playbook after `changes`: only
    /// when they open or categorise it, the policy has a playbook for the
    /// category and severity, and the case does not have it yet. Open
    /// tasks of earlier playbooks are skipped.
    pub(super) fn playbook_changes(&self, changes: &[Change], ctx: &Context<'_>) -> Vec<Change> {
        let categorised = changes
            .iter()
            .any(|c| matches!(c, Change::Opened(_) | Change::CategoryChanged { .. }));
        if !categorised {
            return Vec::new();
        }
        let mut after = self.clone();
        for change in changes {
            after.apply_change(change, ctx.now);
        }
        after.playbook_after(ctx)
    }

    /// The playbook changes of a case opened by `opened`.
    pub(super) fn opening_playbook(id: CaseId, opened: &Change, ctx: &Context<'_>) -> Vec<Change> {
        let event = Event::new(id, 1, ctx.now, Actor::System, opened.clone());
        Self::from_opened(&event).map_or_else(Vec::new, |case| case.playbook_after(ctx))
    }

    fn playbook_after(&self, ctx: &Context<'_>) -> Vec<Change> {
        let after = self;
        let playbooks = ctx.policy.playbooks();
        let Some(playbook) = playbooks.for_case(&after.category, after.severity) else {
            return Vec::new();
        };
        if after.tasks.iter().any(|t| t.playbook == playbook.name) {
            return Vec::new();
        }
        let mut out = after.superseded(&playbook.name);
        out.push(Change::PlaybookApplied {
            playbook: playbook.name.clone(),
            first: after.next_task_number(),
            tasks: playbook.tasks.clone(),
        });
        out
    }

    fn superseded(&self, by: &PlaybookName) -> Vec<Change> {
        let reason = Reason(format!("superseded by playbook `{by}`"));
        let open = self.tasks.iter().filter(|t| t.is_open());
        open.map(|t| Change::TaskSkipped {
            task: t.number,
            reason: reason.clone(),
        })
        .collect()
    }

    fn next_task_number(&self) -> u32 {
        let last = self.tasks.iter().map(|t| t.number).max().unwrap_or(0);
        last.saturating_add(1)
    }

    /// Applies the task changes.
    pub(super) fn apply_task(&mut self, change: &Change) {
        match change {
            Change::PlaybookApplied {
                playbook,
                first,
                tasks,
            } => {
                let numbers = (*first..).take(tasks.len());
                let added = tasks
                    .iter()
                    .zip(numbers)
                    .map(|(t, n)| added(playbook, n, t));
                self.tasks.extend(added);
            }
            Change::TaskAssigned { task, new, .. } => {
                if let Some(t) = self.task_mut(*task) {
                    t.owner = *new;
                }
            }
            Change::TaskCompleted { task } => {
                if let Some(t) = self.task_mut(*task) {
                    t.state = TaskState::Done;
                }
            }
            Change::TaskSkipped { task, reason } => {
                if let Some(t) = self.task_mut(*task) {
                    t.state = TaskState::Skipped {
                        reason: reason.clone(),
                    };
                }
            }
            _ => {}
        }
    }

    fn task_mut(&mut self, number: u32) -> Option<&mut Task> {
        self.tasks.iter_mut().find(|t| t.number == number)
    }
}

fn added(playbook: &PlaybookName, number: u32, template: &TaskTemplate) -> Task {
    Task {
        number,
        playbook: playbook.clone(),
        name: template.name.clone(),
        title: template.title.clone(),
        phase: template.phase,
        mandatory: template.mandatory,
        owner: None,
        state: TaskState::Open,
    }
}
