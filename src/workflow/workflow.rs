use std::collections::{HashMap, VecDeque};

use serde::{Deserialize, Serialize};

use super::{Guard, Stage, StatusId, TransitionDefinition, WorkflowDefinition, WorkflowError};

/// A validated workflow: every status it names exists, every status can be
/// reached and can reach a closed status.
///
/// Build one from a [`WorkflowDefinition`] with [`Workflow::new`], or take
/// the default SOC workflow from [`Workflow::soc`]. It serializes as its
/// definition and validates again when deserialized.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "WorkflowDefinition", into = "WorkflowDefinition")]
pub struct Workflow {
    definition: WorkflowDefinition,
    index: HashMap<StatusId, usize>,
    /// `(from, to)` status indexes to the transition that allows the move.
    moves: HashMap<(usize, usize), usize>,
}

impl Workflow {
    /// Validates a definition.
    ///
    /// # Errors
    ///
    /// A [`WorkflowError`] naming the first entry at fault: a status defined
    /// twice or never defined, an initial status outside the `new` stage, a
    /// status that cannot be reached or cannot reach a closed status, a
    /// repeated or circular transition, or a reopen status that is not open
    /// or not reachable from every closed status.
    ///
    /// ```
    /// use casefile::workflow::{Stage, StatusDefinition, TransitionDefinition, Workflow,
    ///     WorkflowDefinition};
    /// let id = |s: &str| s.parse().unwrap();
    /// let definition = WorkflowDefinition {
    ///     initial: id("new"),
    ///     reopen: None,
    ///     statuses: vec![
    ///         StatusDefinition::new(id("new"), Stage::New),
    ///         StatusDefinition::new(id("done"), Stage::Closed),
    ///         StatusDefinition::new(id("limbo"), Stage::Active),
    ///     ],
    ///     transitions: vec![TransitionDefinition::new([id("new")], id("done"))],
    /// };
    /// let err = Workflow::new(definition).unwrap_err();
    /// assert_eq!(err.to_string(), "status `limbo` cannot be reached from the initial status");
    /// ```
    pub fn new(definition: WorkflowDefinition) -> Result<Self, WorkflowError> {
        let index = index_statuses(&definition)?;
        let moves = index_moves(&definition, &index)?;
        let workflow = Self {
            definition,
            index,
            moves,
        };
        workflow.check_initial()?;
        workflow.check_reopen()?;
        workflow.check_reachable()?;
        workflow.check_closable()?;
        Ok(workflow)
    }

    /// The definition this workflow was built from.
    pub fn definition(&self) -> &WorkflowDefinition {
        &self.definition
    }

    /// The status new cases start in.
    pub fn initial(&self) -> &StatusId {
        &self.definition.initial
    }

    /// Where reopened cases go, if reopening is allowed.
    pub fn reopen(&self) -> Option<&StatusId> {
        self.definition.reopen.as_ref()
    }

    /// The stage of a status, or `None` if the workflow has no such status.
    pub fn stage(&self, status: &StatusId) -> Option<Stage> {
        self.index
            .get(status)
            .map(|&i| self.definition.statuses[i].stage)
    }

    /// Every status with its stage, in definition order.
    pub fn statuses(&self) -> impl Iterator<Item = (&StatusId, Stage)> {
        self.definition.statuses.iter().map(|s| (&s.id, s.stage))
    }

    /// The transition that allows a move, or `None` if the move is not
    /// allowed (or either status is unknown).
    pub fn transition(&self, from: &StatusId, to: &StatusId) -> Option<&TransitionDefinition> {
        let key = (*self.index.get(from)?, *self.index.get(to)?);
        self.moves
            .get(&key)
            .map(|&t| &self.definition.transitions[t])
    }

    /// The guards on a move; empty when the move is unguarded or not allowed.
    pub fn guards(&self, from: &StatusId, to: &StatusId) -> &[Guard] {
        self.transition(from, to).map_or(&[], |t| &t.guards)
    }

    /// The first status, in definition order, of `stage` that `from` may
    /// move to.
    pub fn first_target_in(&self, from: &StatusId, stage: Stage) -> Option<&StatusId> {
        self.statuses()
            .filter(|(to, s)| *s == stage && self.transition(from, to).is_some())
            .map(|(to, _)| to)
            .next()
    }

    fn successors(&self, from: usize) -> impl Iterator<Item = usize> + '_ {
        self.moves
            .keys()
            .filter(move |(f, _)| *f == from)
            .map(|(_, t)| *t)
    }

    fn predecessors(&self, to: usize) -> impl Iterator<Item = usize> + '_ {
        self.moves
            .keys()
            .filter(move |(_, t)| *t == to)
            .map(|(f, _)| *f)
    }

    fn check_initial(&self) -> Result<(), WorkflowError> {
        let status = &self.definition.initial;
        match self.stage(status) {
            None => Err(unknown(status, "initial status".to_owned())),
            Some(Stage::New) => Ok(()),
            Some(stage) => Err(WorkflowError::InitialNotNew {
                status: status.clone(),
                stage,
            }),
        }
    }

    fn check_reopen(&self) -> Result<(), WorkflowError> {
        let Some(reopen) = &self.definition.reopen else {
            return Ok(());
        };
        let stage = self
            .stage(reopen)
            .ok_or_else(|| unknown(reopen, "reopen status".into()))?;
        if !stage.is_open() {
            return Err(WorkflowError::ReopenNotOpen {
                status: reopen.clone(),
                stage,
            });
        }
        let closed = self.statuses().filter(|(_, s)| *s == Stage::Closed);
        for (status, _) in closed {
            if self.transition(status, reopen).is_none() {
                let (status, reopen) = (status.clone(), reopen.clone());
                return Err(WorkflowError::ReopenNotAllowed { status, reopen });
            }
        }
        Ok(())
    }

    fn check_reachable(&self) -> Result<(), WorkflowError> {
        let start = [self.index[&self.definition.initial]];
        let seen = self.flood(&start, |i| self.successors(i).collect());
        self.first_unseen(&seen)
            .map_or(Ok(()), |status| Err(WorkflowError::Unreachable { status }))
    }

    fn check_closable(&self) -> Result<(), WorkflowError> {
        let closed: Vec<usize> = (0..self.definition.statuses.len())
            .filter(|&i| self.definition.statuses[i].stage == Stage::Closed)
            .collect();
        let seen = self.flood(&closed, |i| self.predecessors(i).collect());
        self.first_unseen(&seen)
            .map_or(Ok(()), |status| Err(WorkflowError::NoWayToClose { status }))
    }

    /// Breadth-first search from `start` along `next`; returns the statuses
    /// visited.
    fn flood(&self, start: &[usize], next: impl Fn(usize) -> Vec<usize>) -> Vec<bool> {
        let mut seen = vec![false; self.definition.statuses.len()];
        let mut queue: VecDeque<usize> = start.iter().copied().collect();
        for &s in start {
            seen[s] = true;
        }
        while let Some(at) = queue.pop_front() {
            for n in next(at) {
                if !seen[n] {
                    seen[n] = true;
                    queue.push_back(n);
                }
            }
        }
        seen
    }

    fn first_unseen(&self, seen: &[bool]) -> Option<StatusId> {
        let first = seen.iter().position(|s| !s)?;
        Some(self.definition.statuses[first].id.clone())
    }
}

fn unknown(status: &StatusId, entry: String) -> WorkflowError {
    WorkflowError::UnknownStatus {
        status: status.clone(),
        entry,
    }
}

fn index_statuses(def: &WorkflowDefinition) -> Result<HashMap<StatusId, usize>, WorkflowError> {
    if def.statuses.is_empty() {
        return Err(WorkflowError::NoStatuses);
    }
    let mut index = HashMap::with_capacity(def.statuses.len());
    for (i, status) in def.statuses.iter().enumerate() {
        if index.insert(status.id.clone(), i).is_some() {
            return Err(WorkflowError::DuplicateStatus {
                status: status.id.clone(),
            });
        }
    }
    Ok(index)
}

fn index_moves(
    def: &WorkflowDefinition,
    index: &HashMap<StatusId, usize>,
) -> Result<HashMap<(usize, usize), usize>, WorkflowError> {
    let mut moves = HashMap::new();
    for (t, transition) in def.transitions.iter().enumerate() {
        let to = &transition.to;
        for from in &transition.from {
            let entry = || format!("transition `{from}` -> `{to}`");
            let f = *index.get(from).ok_or_else(|| unknown(from, entry()))?;
            let d = *index.get(to).ok_or_else(|| unknown(to, entry()))?;
            if f == d {
                return Err(WorkflowError::SelfTransition {
                    status: from.clone(),
                });
            }
            if moves.insert((f, d), t).is_some() {
                let (from, to) = (from.clone(), to.clone());
                return Err(WorkflowError::DuplicateTransition { from, to });
            }
        }
    }
    Ok(moves)
}

impl TryFrom<WorkflowDefinition> for Workflow {
    type Error = WorkflowError;

    fn try_from(definition: WorkflowDefinition) -> Result<Self, Self::Error> {
        Self::new(definition)
    }
}

impl From<Workflow> for WorkflowDefinition {
    fn from(workflow: Workflow) -> Self {
        workflow.definition
    }
}
