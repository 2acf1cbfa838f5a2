//! Replays a case's events through the SLA policies into cycles, then
//! measures the cycles at an instant.

use std::collections::BTreeSet;

use chrono::{DateTime, TimeDelta, Utc};

use super::calendar::Calendar;
use super::{
    Crossing, CycleReport, CycleState, OnPriorityChange, OnReopen, SlaPolicies, SlaPolicy,
    SlaReport, TargetDefinition, TargetReport,
};
use crate::case::{Case, Change, Event, ReplayError};
use crate::text::TargetName;

impl SlaPolicies {
    /// The SLA state of a case at `now`, from its events (those recorded
    /// after `now` are ignored).
    ///
    /// # Errors
    ///
    /// [`ReplayError`] when the events do not fold into a case.
    pub fn report<'e>(
        &self,
        events: impl IntoIterator<Item = &'e Event>,
        now: DateTime<Utc>,
    ) -> Result<SlaReport, ReplayError> {
        let mut replay = Replay::new(self);
        let mut case: Option<Case> = None;
        for event in events.into_iter().take_while(|e| e.at <= now) {
            let next = match case.take() {
                None => Case::replay([event])?,
                Some(mut c) => {
                    c.apply(event);
                    c
                }
            };
            replay.note(event);
            replay.observe(&next, event.at);
            case = Some(next);
        }
        Ok(replay.report(case.as_ref(), now))
    }
}

/// The replay of one case: the cycles of each target so far.
struct Replay<'a> {
    policies: &'a SlaPolicies,
    /// Crossings the stream records: target, cycle, percent.
    recorded: BTreeSet<(TargetName, u32, u8)>,
    policy: Option<&'a SlaPolicy>,
    targets: Vec<Track<'a>>,
}

struct Track<'a> {
    name: &'a TargetName,
    cycles: Vec<Cycle<'a>>,
    reset_held: bool,
}

struct Cycle<'a> {
    terms: &'a TargetDefinition,
    policy: &'a SlaPolicy,
    started_at: DateTime<Utc>,
    carried: TimeDelta,
    /// Running stretches; only the last may be open.
    segments: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)>,
    ended: Option<End>,
}

#[derive(Clone, Copy)]
enum End {
    Stopped(DateTime<Utc>),
    Cancelled(DateTime<Utc>),
}

impl<'a> Replay<'a> {
    fn new(policies: &'a SlaPolicies) -> Self {
        let targets = policies
            .target_names()
            .into_iter()
            .map(|name| Track {
                name,
                cycles: Vec::new(),
                reset_held: false,
            })
            .collect();
        Self {
            policies,
            recorded: BTreeSet::new(),
            policy: None,
            targets,
        }
    }

    fn note(&mut self, event: &Event) {
        if let Change::SlaCrossed {
            target,
            cycle,
            percent,
            ..
        } = &event.change
        {
            self.recorded.insert((target.clone(), *cycle, *percent));
        }
    }

    /// Updates every target after an event left the case as `case`.
    fn observe(&mut self, case: &Case, at: DateTime<Utc>) {
        let policy = self.policies.policy_for(case);
        let changed = policy.map(|p| &p.name) != self.policy.map(|p| &p.name);
        self.policy = policy;
        for track in &mut self.targets {
            let terms = policy.and_then(|p| p.targets.iter().find(|t| t.name == *track.name));
            track.observe(self.policies, case, at, policy.zip(terms), changed);
        }
    }

    fn report(&self, case: Option<&Case>, now: DateTime<Utc>) -> SlaReport {
        let policy = case
            .and_then(|c| self.policies.policy_for(c))
            .map(|p| p.name.clone());
        let targets: Vec<TargetReport> = self
            .targets
            .iter()
            .filter(|t| !t.cycles.is_empty())
            .map(|t| t.report(self.policies, now))
            .collect();
        let pending: Vec<DateTime<Utc>> = self
            .targets
            .iter()
            .flat_map(|t| t.cycles.iter().zip(1..).map(move |(c, n)| (t.name, n, c)))
            .flat_map(|(name, number, cycle)| {
                let calendar = self.policies.calendar(cycle.terms);
                let unrecorded = |p: &u8| !self.recorded.contains(&(name.clone(), number, *p));
                cycle.crossings_at(calendar, unrecorded)
            })
            .collect();
        SlaReport {
            at: now,
            policy,
            targets,
            next_checkpoint: pending.iter().copied().min(),
            checkpoint_after: pending.into_iter().filter(|at| *at > now).min(),
        }
    }
}

impl<'a> Track<'a> {
    fn observe(
        &mut self,
        policies: &SlaPolicies,
        case: &Case,
        at: DateTime<Utc>,
        terms: Option<(&'a SlaPolicy, &'a TargetDefinition)>,
        policy_changed: bool,
    ) {
        let reset = terms.and_then(|(_, t)| t.reset.as_ref());
        let reset_holds = reset.is_some_and(|r| r.holds(case));
        let reset_edge = reset_holds && !self.reset_held;
        self.reset_held = reset_holds;
        if let Some(cycle) = self.cycles.last_mut().filter(|c| c.ended.is_none()) {
            cycle.update(case, at, terms, policy_changed, reset_edge);
        }
        let Some((policy, terms)) = terms else { return };
        let running = self.cycles.last().is_some_and(|c| c.ended.is_none());
        if !running && terms.start.holds(case) && !terms.stop.holds(case) {
            self.start(policies, case, at, (policy, terms));
        }
    }

    fn start(
        &mut self,
        policies: &SlaPolicies,
        case: &Case,
        at: DateTime<Utc>,
        (policy, terms): (&'a SlaPolicy, &'a TargetDefinition),
    ) {
        let mut carried = TimeDelta::zero();
        let previous = self.cycles.last_mut();
        if let Some(previous) = previous.filter(|c| matches!(c.ended, Some(End::Stopped(_)))) {
            match terms.on_reopen {
                OnReopen::NewCycle => {}
                OnReopen::Resume => {
                    carried = previous.elapsed(policies.calendar(previous.terms), at);
                }
                OnReopen::Reset => previous.ended = Some(End::Cancelled(at)),
            }
        }
        let segments = if terms.pause.contains(case) {
            Vec::new()
        } else {
            vec![(at, None)]
        };
        self.cycles.push(Cycle {
            terms,
            policy,
            started_at: at,
            carried,
            segments,
            ended: None,
        });
    }

    fn report(&self, policies: &SlaPolicies, now: DateTime<Utc>) -> TargetReport {
        let cycles = self
            .cycles
            .iter()
            .zip(1..)
            .map(|(cycle, number)| cycle.report(number, policies.calendar(cycle.terms), now))
            .collect();
        TargetReport {
            name: self.name.clone(),
            cycles,
        }
    }
}

impl<'a> Cycle<'a> {
    /// Applies what an event changed to a running or paused cycle.
    fn update(
        &mut self,
        case: &Case,
        at: DateTime<Utc>,
        terms: Option<(&'a SlaPolicy, &'a TargetDefinition)>,
        policy_changed: bool,
        reset_edge: bool,
    ) {
        let Some((policy, new_terms)) = terms else {
            return self.end(End::Cancelled(at));
        };
        if policy_changed {
            match new_terms.on_priority_change {
                OnPriorityChange::Retarget => (self.policy, self.terms) = (policy, new_terms),
                OnPriorityChange::Restart => return self.end(End::Cancelled(at)),
            }
        }
        if reset_edge || !self.terms.start.holds(case) {
            return self.end(End::Cancelled(at));
        }
        if self.terms.stop.holds(case) {
            return self.end(End::Stopped(at));
        }
        self.pause_or_run(self.terms.pause.contains(case), at);
    }

    fn pause_or_run(&mut self, paused: bool, at: DateTime<Utc>) {
        let open = self.segments.last_mut().filter(|(_, end)| end.is_none());
        match (paused, open) {
            (true, Some(segment)) => segment.1 = Some(at.max(segment.0)),
            (false, None) => self.segments.push((at, None)),
            _ => {}
        }
    }

    fn end(&mut self, end: End) {
        let at = match end {
            End::Stopped(at) | End::Cancelled(at) => at,
        };
        self.pause_or_run(true, at);
        self.ended = Some(end);
    }

    fn ended_at(&self) -> Option<DateTime<Utc>> {
        self.ended.map(|(End::Stopped(at) | End::Cancelled(at))| at)
    }

    /// Business time used up to `until`.
    fn elapsed(&self, calendar: &Calendar, until: DateTime<Utc>) -> TimeDelta {
        let used = self.segments.iter().map(|&(start, end)| {
            let end = end.map_or(until, |e| e.min(until));
            calendar.between(start, end)
        });
        used.fold(self.carried, |sum, part| sum + part)
    }

    /// The instant the clock reaches `amount`: inside a running stretch, or
    /// (when `from` is given) projected from `from` on.
    fn reach(
        &self,
        calendar: &Calendar,
        amount: TimeDelta,
        from: Option<DateTime<Utc>>,
    ) -> Option<DateTime<Utc>> {
        let mut used = self.carried;
        if used >= amount {
            return Some(self.segments.first().map_or(self.started_at, |s| s.0));
        }
        for &(start, end) in &self.segments {
            let left = amount - used;
            let Some(end) = end else {
                return calendar.add(start, left).ok();
            };
            let part = calendar.between(start, end);
            if part >= left {
                return calendar.add(start, left).ok();
            }
            used += part;
        }
        from.and_then(|from| calendar.add(from, amount - used).ok())
    }

    fn target(&self) -> TimeDelta {
        TimeDelta::minutes(i64::from(self.terms.minutes))
    }

    /// `percent` of the target; exact, since targets are whole minutes.
    fn share(&self, percent: u8) -> TimeDelta {
        TimeDelta::seconds(i64::from(self.terms.minutes) * 60 * i64::from(percent) / 100)
    }

    fn thresholds(&self) -> impl Iterator<Item = u8> + '_ {
        self.terms.warnings.iter().copied().chain([100])
    }

    /// The instants the thresholds accepted by `wanted` are crossed:
    /// already (before the stop, for a stopped cycle) or, for a running
    /// cycle, in the future.
    fn crossings_at(
        &self,
        calendar: &Calendar,
        wanted: impl Fn(&u8) -> bool,
    ) -> Vec<DateTime<Utc>> {
        if matches!(self.ended, Some(End::Cancelled(_))) {
            return Vec::new();
        }
        let stop = self.ended_at();
        let reached = self.thresholds().filter(|p| wanted(p));
        let at = reached.filter_map(|p| self.reach(calendar, self.share(p), None));
        at.filter(|at| stop.is_none_or(|stop| *at < stop)).collect()
    }

    fn report(&self, number: u32, calendar: &Calendar, now: DateTime<Utc>) -> CycleReport {
        let until = self.ended_at().unwrap_or(now);
        let elapsed = self.elapsed(calendar, until);
        let target = self.target();
        let project_from = self.ended_at().unwrap_or(now);
        let due = self
            .reach(calendar, target, Some(project_from))
            .unwrap_or(until);
        let breached = match self.ended {
            Some(End::Stopped(at)) => due < at,
            _ => due <= until && elapsed >= target,
        };
        CycleReport {
            number,
            policy: self.policy.name.clone(),
            started_at: self.started_at,
            target,
            elapsed,
            remaining: (target - elapsed).max(TimeDelta::zero()),
            due,
            state: self.state(breached),
            breached,
            ended_at: self.ended_at(),
            crossings: self.crossings(calendar, until),
        }
    }

    fn state(&self, breached: bool) -> CycleState {
        match self.ended {
            Some(End::Cancelled(_)) => CycleState::Cancelled,
            Some(End::Stopped(_)) if breached => CycleState::Missed,
            Some(End::Stopped(_)) => CycleState::Met,
            None if self.segments.last().is_some_and(|s| s.1.is_none()) => CycleState::Running,
            None => CycleState::Paused,
        }
    }

    /// The thresholds the clock reached by `until` (before a stop: a stop
    /// at the very instant of a crossing is in time).
    fn crossings(&self, calendar: &Calendar, until: DateTime<Utc>) -> Vec<Crossing> {
        let stopped = matches!(self.ended, Some(End::Stopped(_)));
        self.thresholds()
            .filter_map(|percent| {
                let at = self.reach(calendar, self.share(percent), None)?;
                let crossed = if stopped { at < until } else { at <= until };
                crossed.then_some(Crossing { percent, at })
            })
            .collect()
    }
}
