use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::case::{AutomationRequest, Change, Escalated, Event, Routed};
use crate::ids::{AnalystId, TeamId};
use crate::store::CaseSummary;
use crate::text::TargetName;
use crate::triage::Resolution;
use crate::workflow::{Stage, StatusId};

/// Something a host may want to tell people or systems about a case. Each
/// carries the case's summary as it is after the change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "notification", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Notification {
    /// A case was opened.
    Opened {
        /// The case.
        summary: CaseSummary,
    },
    /// The owner or the team changed.
    Assigned {
        /// The case.
        summary: CaseSummary,
        /// The owner now.
        owner: Option<AnalystId>,
        /// The team now.
        team: Option<TeamId>,
    },
    /// The status changed.
    StatusChanged {
        /// The case.
        summary: CaseSummary,
        /// Status before.
        old: StatusId,
        /// Status after.
        new: StatusId,
    },
    /// The case was resolved with a verdict.
    Resolved {
        /// The case.
        summary: CaseSummary,
        /// The resolution.
        resolution: Resolution,
    },
    /// The case was closed.
    Closed {
        /// The case.
        summary: CaseSummary,
    },
    /// A resolved or closed case was reopened.
    Reopened {
        /// The case.
        summary: CaseSummary,
    },
    /// An SLA clock crossed a warning threshold.
    SlaWarning {
        /// The case.
        summary: CaseSummary,
        /// The target.
        target: TargetName,
        /// The threshold, in percent.
        percent: u8,
        /// When the clock crossed it.
        at: DateTime<Utc>,
    },
    /// An SLA target was breached.
    SlaBreached {
        /// The case.
        summary: CaseSummary,
        /// The target.
        target: TargetName,
        /// When it was due.
        at: DateTime<Utc>,
    },
    /// An automation is asked to act on the case.
    AutomationRequested {
        /// The case.
        summary: CaseSummary,
        /// What to do.
        request: AutomationRequest,
    },
    /// Routing found nobody eligible: the case waits in the team queue.
    /// The decision says why each member was passed over.
    Queued {
        /// The case.
        summary: CaseSummary,
        /// The routing decision.
        routed: Box<Routed>,
    },
    /// An escalation rule fired; `escalated.notify` names the role to tell.
    Escalated {
        /// The case.
        summary: CaseSummary,
        /// What fired and what it did.
        escalated: Box<Escalated>,
    },
}

impl Notification {
    /// The summary of the case the notification is about.
    pub fn summary(&self) -> &CaseSummary {
        match self {
            Self::Opened { summary }
            | Self::Assigned { summary, .. }
            | Self::StatusChanged { summary, .. }
            | Self::Resolved { summary, .. }
            | Self::Closed { summary }
            | Self::Reopened { summary }
            | Self::SlaWarning { summary, .. }
            | Self::SlaBreached { summary, .. }
            | Self::AutomationRequested { summary, .. }
            | Self::Queued { summary, .. }
            | Self::Escalated { summary, .. } => summary,
        }
    }

    /// The notifications that the events of one command call for, in the
    /// order of the events; at most one `Assigned` per command.
    pub fn for_events(events: &[Event], summary: &CaseSummary) -> Vec<Self> {
        let mut out = Vec::new();
        let mut assigned = false;
        for event in events {
            match &event.change {
                Change::OwnerChanged { .. } | Change::TeamChanged { .. } if !assigned => {
                    assigned = true;
                    out.push(Self::Assigned {
                        summary: summary.clone(),
                        owner: summary.owner,
                        team: summary.team,
                    });
                }
                change => out.extend(Self::for_change(change, events, summary)),
            }
        }
        out
    }

    fn for_change(change: &Change, events: &[Event], summary: &CaseSummary) -> Vec<Self> {
        let summary = || summary.clone();
        match change {
            Change::Opened(_) => vec![Self::Opened { summary: summary() }],
            Change::SlaCrossed {
                target,
                percent: 100,
                at,
                ..
            } => vec![Self::SlaBreached {
                summary: summary(),
                target: target.clone(),
                at: *at,
            }],
            Change::SlaCrossed {
                target,
                percent,
                at,
                ..
            } => vec![Self::SlaWarning {
                summary: summary(),
                target: target.clone(),
                percent: *percent,
                at: *at,
            }],
            Change::AutomationRequested(request) => {
                vec![Self::AutomationRequested {
                    summary: summary(),
                    request: request.clone(),
                }]
            }
            Change::Routed(routed) if routed.queued() => vec![Self::Queued {
                summary: summary(),
                routed: routed.clone(),
            }],
            Change::Escalated(escalated) => vec![Self::Escalated {
                summary: summary(),
                escalated: escalated.clone(),
            }],
            Change::StatusChanged {
                old,
                new,
                old_stage,
                new_stage,
            } => {
                let mut out = vec![Self::StatusChanged {
                    summary: summary(),
                    old: old.clone(),
                    new: new.clone(),
                }];
                out.extend(Self::for_stage_change(
                    *old_stage,
                    *new_stage,
                    events,
                    summary(),
                ));
                out
            }
            _ => Vec::new(),
        }
    }

    fn for_stage_change(
        old: Stage,
        new: Stage,
        events: &[Event],
        summary: CaseSummary,
    ) -> Vec<Self> {
        let mut out = Vec::new();
        if old.is_open() && !new.is_open() {
            if let Some(resolution) = resolution_in(events) {
                out.push(Self::Resolved {
                    summary: summary.clone(),
                    resolution,
                });
            }
        }
        if new == Stage::Closed {
            out.push(Self::Closed {
                summary: summary.clone(),
            });
        }
        if !old.is_open() && new.is_open() {
            out.push(Self::Reopened { summary });
        }
        out
    }
}

fn resolution_in(events: &[Event]) -> Option<Resolution> {
    events.iter().find_map(|e| match &e.change {
        Change::ResolutionChanged { new: Some(r), .. } => Some(r.clone()),
        _ => None,
    })
}
