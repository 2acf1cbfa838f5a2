use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::case::Case;
use crate::ids::{AnalystId, CaseId, CaseNumber, TeamId};
use crate::text::Title;
use crate::triage::{Category, Priority, Severity, Tlp, Verdict};
use crate::workflow::{Stage, StatusId};

/// The row a store keeps per case for listing, without loading streams.
///
/// Always derived from the case ([`CaseSummary::of`]) and written in the
/// same atomic append as the events it reflects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CaseSummary {
    /// The case.
    pub id: CaseId,
    /// Its human number.
    pub number: CaseNumber,
    /// The version of the stream this row reflects.
    pub version: u64,
    /// Title.
    pub title: Title,
    /// Status.
    pub status: StatusId,
    /// Stage of the status.
    pub stage: Stage,
    /// Category.
    pub category: Category,
    /// Severity.
    pub severity: Severity,
    /// Priority.
    pub priority: Priority,
    /// Owner.
    pub owner: Option<AnalystId>,
    /// Team.
    pub team: Option<TeamId>,
    /// TLP marking.
    pub tlp: Tlp,
    /// Verdict, once resolved.
    pub verdict: Option<Verdict>,
    /// When opened.
    pub opened_at: DateTime<Utc>,
    /// When last changed.
    pub updated_at: DateTime<Utc>,
    /// When first acknowledged.
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// When last resolved.
    pub resolved_at: Option<DateTime<Utc>>,
    /// When last closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// The next instant an SLA clock of the case crosses a threshold, as
    /// of the last change; the desk's sweep looks at cases whose
    /// checkpoint has passed.
    pub next_checkpoint: Option<DateTime<Utc>>,
}

impl CaseSummary {
    /// The summary row of a case.
    pub fn of(case: &Case) -> Self {
        Self {
            id: case.id,
            number: case.number.clone(),
            version: case.version,
            title: case.title.clone(),
            status: case.status.clone(),
            stage: case.stage,
            category: case.category.clone(),
            severity: case.severity,
            priority: case.priority,
            owner: case.owner,
            team: case.team,
            tlp: case.tlp,
            verdict: case.resolution.as_ref().map(|r| r.verdict),
            opened_at: case.opened_at,
            updated_at: case.updated_at,
            acknowledged_at: case.acknowledged_at,
            resolved_at: case.resolved_at,
            closed_at: case.closed_at,
            next_checkpoint: None,
        }
    }
}

/// Which summaries to list. Every condition set must hold; an empty filter
/// lists every case.
///
/// ```
/// use casefile::store::CaseFilter;
/// use casefile::triage::Severity;
/// use casefile::workflow::Stage;
/// let open_and_serious = CaseFilter::default()
///     .stages([Stage::New, Stage::Active, Stage::Waiting])
///     .severity_at_least(Severity::High);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CaseFilter {
    /// The case's stage is one of these (any stage when empty).
    pub stages: BTreeSet<Stage>,
    /// The case has this status.
    pub status: Option<StatusId>,
    /// The case has this owner.
    pub owner: Option<AnalystId>,
    /// The case is in this team.
    pub team: Option<TeamId>,
    /// The case is at least this severe.
    pub min_severity: Option<Severity>,
    /// The case has this category.
    pub category: Option<Category>,
    /// The case's SLA checkpoint is at or before this instant.
    pub checkpoint_by: Option<DateTime<Utc>>,
}

impl CaseFilter {
    /// Keeps cases in any of these stages.
    #[must_use]
    pub fn stages(mut self, stages: impl IntoIterator<Item = Stage>) -> Self {
        self.stages = stages.into_iter().collect();
        self
    }

    /// Keeps cases still open (new, active or waiting).
    #[must_use]
    pub fn open(self) -> Self {
        self.stages([Stage::New, Stage::Active, Stage::Waiting])
    }

    /// Keeps cases with this status.
    #[must_use]
    pub fn status(mut self, status: StatusId) -> Self {
        self.status = Some(status);
        self
    }

    /// Keeps cases with this owner.
    #[must_use]
    pub fn owner(mut self, owner: AnalystId) -> Self {
        self.owner = Some(owner);
        self
    }

    /// Keeps cases in this team.
    #[must_use]
    pub fn team(mut self, team: TeamId) -> Self {
        self.team = Some(team);
        self
    }

    /// Keeps cases at least this severe.
    #[must_use]
    pub fn severity_at_least(mut self, severity: Severity) -> Self {
        self.min_severity = Some(severity);
        self
    }

    /// Keeps cases of this category.
    #[must_use]
    pub fn category(mut self, category: Category) -> Self {
        self.category = Some(category);
        self
    }

    /// Keeps cases whose SLA checkpoint is at or before `at`.
    #[must_use]
    pub fn checkpoint_by(mut self, at: DateTime<Utc>) -> Self {
        self.checkpoint_by = Some(at);
        self
    }

    /// Whether a summary passes the filter.
    pub fn matches(&self, s: &CaseSummary) -> bool {
        (self.stages.is_empty() || self.stages.contains(&s.stage))
            && self.status.as_ref().is_none_or(|x| *x == s.status)
            && self.owner.is_none_or(|x| s.owner == Some(x))
            && self.team.is_none_or(|x| s.team == Some(x))
            && self.min_severity.is_none_or(|x| s.severity >= x)
            && self.category.as_ref().is_none_or(|x| *x == s.category)
            && self
                .checkpoint_by
                .is_none_or(|by| s.next_checkpoint.is_some_and(|c| c <= by))
    }
}

/// A window on a listing ordered by opening time, then case id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// How many matching summaries to skip.
    pub offset: usize,
    /// How many to return at most.
    pub limit: usize,
}

impl Page {
    /// The first `limit` matches.
    pub const fn first(limit: usize) -> Self {
        Self { offset: 0, limit }
    }
}

impl Default for Page {
    fn default() -> Self {
        Self::first(100)
    }
}
