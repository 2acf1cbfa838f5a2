//! The canonical encoding of an event: the exact bytes the hash chain
//! hashes. The format is specified in the [module docs](super).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::alert::{Alert, AlertEntry, AttackVersion, Observable, Technique};
use crate::case::{
    Actor, AutomationRequest, Candidate, CandidateOutcome, Change, Escalated, EscalationCause,
    Event, Opened, Routed, Strategy,
};
use crate::playbook::TaskTemplate;
use crate::triage::Resolution;

/// The first byte of every canonical encoding.
pub(super) const FORMAT_VERSION: u8 = 1;

/// Writes `event` in canonical form into `out` (which is cleared first).
pub(crate) fn encode_event(event: &Event, out: &mut Vec<u8>) {
    out.clear();
    let mut w = Writer(out);
    w.byte(FORMAT_VERSION);
    w.uuid(event.case.as_uuid());
    w.u64(event.seq);
    w.time(event.at);
    w.actor(event.actor);
    w.option(event.reason.as_ref(), |w, r| w.str(r.as_str()));
    w.change(&event.change);
}

struct Writer<'a>(&'a mut Vec<u8>);

impl Writer<'_> {
    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }

    #[allow(clippy::trivially_copy_pass_by_ref)] // used as `old_new(old, new, Self::u64)`
    fn u64(&mut self, n: u64) {
        self.0.extend_from_slice(&n.to_be_bytes());
    }

    fn len(&mut self, n: usize) {
        // Every length the crate can produce fits: texts are bounded far
        // below 4 GiB. Saturate rather than wrap, so a length can never
        // alias a shorter one.
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        self.0.extend_from_slice(&n.to_be_bytes());
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    fn uuid(&mut self, id: Uuid) {
        self.0.extend_from_slice(id.as_bytes());
    }

    fn time(&mut self, at: DateTime<Utc>) {
        self.0.extend_from_slice(&at.timestamp().to_be_bytes());
        self.0
            .extend_from_slice(&at.timestamp_subsec_nanos().to_be_bytes());
    }

    fn option<T>(&mut self, value: Option<T>, write: impl FnOnce(&mut Self, T)) {
        match value {
            None => self.byte(0),
            Some(v) => {
                self.byte(1);
                write(self, v);
            }
        }
    }

    fn strs<'s>(&mut self, items: impl ExactSizeIterator<Item = &'s str>) {
        self.len(items.len());
        for s in items {
            self.str(s);
        }
    }

    fn pairs<K: AsRef<str>, V: AsRef<str>>(&mut self, map: &BTreeMap<K, V>) {
        self.len(map.len());
        for (k, v) in map {
            self.str(k.as_ref());
            self.str(v.as_ref());
        }
    }

    fn set<T: AsRef<str>>(&mut self, set: &BTreeSet<T>) {
        self.strs(set.iter().map(AsRef::as_ref));
    }

    fn name(&mut self, name: impl Into<&'static str>) {
        self.str(name.into());
    }

    fn actor(&mut self, actor: Actor) {
        match actor {
            Actor::Analyst(id) => {
                self.str("analyst");
                self.uuid(id.as_uuid());
            }
            Actor::Automation(id) => {
                self.str("automation");
                self.uuid(id.as_uuid());
            }
            Actor::System => self.str("system"),
        }
    }

    fn resolution(&mut self, r: &Resolution) {
        self.name(r.verdict);
        self.name(r.impact);
        self.str(r.summary.as_str());
    }

    fn request(&mut self, r: &AutomationRequest) {
        self.str(r.action.as_str());
        self.pairs(&r.parameters);
        self.option(r.rule.as_ref(), |w, rule| w.str(rule.as_str()));
    }

    fn opened(&mut self, o: &Opened) {
        self.str(&o.number.to_string());
        self.str(o.title.as_str());
        self.str(o.description.as_str());
        self.str(o.category.as_str());
        self.name(o.severity);
        self.name(o.impact);
        self.name(o.urgency);
        self.name(o.priority);
        self.set(&o.tags);
        self.str(o.tlp.as_str());
        self.str(o.pap.as_str());
        self.str(o.status.as_str());
        self.name(o.stage);
        self.option(o.team, |w, t| w.uuid(t.as_uuid()));
        self.pairs(&o.fields);
        self.len(o.keys.len());
        for key in &o.keys {
            self.str(key.kind.as_str());
            self.str(key.value.as_str());
        }
    }

    fn old_new<T>(&mut self, old: T, new: T, mut write: impl FnMut(&mut Self, T)) {
        write(self, old);
        write(self, new);
    }

    fn opt_str<T: AsRef<str>>(&mut self, value: Option<&T>) {
        self.option(value, |w, v| w.str(v.as_ref()));
    }

    fn opt_uuid(&mut self, value: Option<Uuid>) {
        self.option(value, Self::uuid);
    }

    /// Writes the change's type name, then its fields in declaration order.
    /// The match is exhaustive on purpose: a new kind of change cannot be
    /// added without deciding its encoding here.
    #[allow(clippy::too_many_lines)] // one short arm per kind of change, kept in one match
    fn change(&mut self, change: &Change) {
        match change {
            Change::Opened(o) => {
                self.str("opened");
                self.opened(o);
            }
            Change::TitleChanged { old, new } => {
                self.str("title_changed");
                self.old_new(old.as_str(), new.as_str(), Self::str);
            }
            Change::DescriptionChanged { old, new } => {
                self.str("description_changed");
                self.old_new(old.as_str(), new.as_str(), Self::str);
            }
            Change::Acknowledged => self.str("acknowledged"),
            Change::OwnerChanged { old, new } => {
                self.str("owner_changed");
                self.old_new(
                    old.map(|i| i.as_uuid()),
                    new.map(|i| i.as_uuid()),
                    Self::opt_uuid,
                );
            }
            Change::TeamChanged { old, new } => {
                self.str("team_changed");
                self.old_new(
                    old.map(|i| i.as_uuid()),
                    new.map(|i| i.as_uuid()),
                    Self::opt_uuid,
                );
            }
            Change::StatusChanged {
                old,
                new,
                old_stage,
                new_stage,
            } => {
                self.str("status_changed");
                self.old_new(old.as_str(), new.as_str(), Self::str);
                self.old_new(*old_stage, *new_stage, Self::name);
            }
            Change::WaitingForChanged { old, new } => {
                self.str("waiting_for_changed");
                self.old_new(old.as_ref(), new.as_ref(), Self::opt_str);
            }
            Change::CategoryChanged { old, new } => {
                self.str("category_changed");
                self.old_new(old.as_str(), new.as_str(), Self::str);
            }
            Change::SeverityChanged { old, new } => {
                self.str("severity_changed");
                self.old_new(*old, *new, Self::name);
            }
            Change::ImpactChanged { old, new } => {
                self.str("impact_changed");
                self.old_new(*old, *new, Self::name);
            }
            Change::UrgencyChanged { old, new } => {
                self.str("urgency_changed");
                self.old_new(*old, *new, Self::name);
            }
            Change::PriorityChanged { old, new } => {
                self.str("priority_changed");
                self.old_new(*old, *new, Self::name);
            }
            Change::TagAdded { tag } => {
                self.str("tag_added");
                self.str(tag.as_str());
            }
            Change::TagRemoved { tag } => {
                self.str("tag_removed");
                self.str(tag.as_str());
            }
            Change::TlpChanged { old, new } => {
                self.str("tlp_changed");
                self.old_new(old.as_str(), new.as_str(), Self::str);
            }
            Change::PapChanged { old, new } => {
                self.str("pap_changed");
                self.old_new(old.as_str(), new.as_str(), Self::str);
            }
            Change::FieldChanged { name, old, new } => {
                self.str("field_changed");
                self.str(name.as_str());
                self.old_new(old.as_ref(), new.as_ref(), Self::opt_str);
            }
            Change::ResolutionChanged { old, new } => {
                self.str("resolution_changed");
                self.old_new(old, new, |w, o| w.option(o.as_ref(), Self::resolution));
            }
            Change::FactRecorded { fact, old, new } => {
                self.str("fact_recorded");
                self.str(fact.kind());
                self.option(fact.name(), Self::str);
                self.option(*old, Self::time);
                self.time(*new);
            }
            Change::SlaCrossed {
                target,
                cycle,
                percent,
                at,
            } => {
                self.str("sla_crossed");
                self.str(target.as_str());
                self.u64(u64::from(*cycle));
                self.byte(*percent);
                self.time(*at);
            }
            Change::AutomationRequested(request) => {
                self.str("automation_requested");
                self.request(request);
            }
            Change::Triaged { rules } => {
                self.str("triaged");
                self.strs(rules.iter().map(AsRef::as_ref));
            }
            Change::Routed(routed) => self.routed(routed),
            Change::Escalated(escalated) => self.escalated(escalated),
            Change::PlaybookApplied {
                playbook,
                first,
                tasks,
            } => self.playbook(playbook.as_str(), *first, tasks),
            Change::TaskAssigned { task, old, new } => {
                self.str("task_assigned");
                self.u64(u64::from(*task));
                self.old_new(
                    old.map(|i| i.as_uuid()),
                    new.map(|i| i.as_uuid()),
                    Self::opt_uuid,
                );
            }
            Change::TaskCompleted { task } => {
                self.str("task_completed");
                self.u64(u64::from(*task));
            }
            Change::TaskSkipped { task, reason } => {
                self.str("task_skipped");
                self.u64(u64::from(*task));
                self.str(reason.as_str());
            }
            change => self.alert_change(change),
        }
    }

    /// The changes that alert ingestion and merging record. Exhaustive
    /// like [`Writer::change`]: every other change is written there.
    fn alert_change(&mut self, change: &Change) {
        match change {
            Change::AlertAttached(a) => {
                self.str("alert_attached");
                self.uuid(a.id.as_uuid());
                self.0.extend_from_slice(a.fingerprint.as_bytes());
                self.str(a.record.as_str());
                self.opt_str(a.rule.as_ref());
                self.alert(&a.alert);
            }
            Change::AlertRepeated {
                alert,
                record,
                old_count,
                new_count,
                old_last_seen,
                new_last_seen,
            } => {
                self.str("alert_repeated");
                self.uuid(alert.as_uuid());
                self.str(record.as_str());
                self.old_new(*old_count, *new_count, Self::u64);
                self.old_new(*old_last_seen, *new_last_seen, Self::time);
            }
            Change::MergedInto { survivor, number } => {
                self.str("merged_into");
                self.uuid(survivor.as_uuid());
                self.str(&number.to_string());
            }
            Change::MergedFrom(m) => {
                self.str("merged_from");
                self.uuid(m.case.as_uuid());
                self.str(&m.number.to_string());
                self.len(m.alerts.len());
                for (id, entry) in &m.alerts {
                    self.uuid(id.as_uuid());
                    self.entry(entry);
                }
                self.observables(&m.observables);
                self.u64(m.occurrences);
            }
            // Written by `change`; listed so that a new kind of change is
            // a compile error here.
            Change::Opened(_)
            | Change::TitleChanged { .. }
            | Change::DescriptionChanged { .. }
            | Change::Acknowledged
            | Change::OwnerChanged { .. }
            | Change::TeamChanged { .. }
            | Change::StatusChanged { .. }
            | Change::WaitingForChanged { .. }
            | Change::CategoryChanged { .. }
            | Change::SeverityChanged { .. }
            | Change::ImpactChanged { .. }
            | Change::UrgencyChanged { .. }
            | Change::PriorityChanged { .. }
            | Change::TagAdded { .. }
            | Change::TagRemoved { .. }
            | Change::TlpChanged { .. }
            | Change::PapChanged { .. }
            | Change::FieldChanged { .. }
            | Change::ResolutionChanged { .. }
            | Change::FactRecorded { .. }
            | Change::SlaCrossed { .. }
            | Change::AutomationRequested(_)
            | Change::Triaged { .. }
            | Change::Routed(_)
            | Change::Escalated(_)
            | Change::PlaybookApplied { .. }
            | Change::TaskAssigned { .. }
            | Change::TaskCompleted { .. }
            | Change::TaskSkipped { .. } => {}
        }
    }

    fn alert(&mut self, a: &Alert) {
        self.str(a.producer.vendor.as_str());
        self.str(a.producer.product.as_str());
        self.str(a.finding_id.as_str());
        self.opt_str(a.record_id.as_ref());
        self.opt_str(a.correlation_id.as_ref());
        self.opt_str(a.rule.as_ref());
        self.str(a.title.as_str());
        self.str(a.description.as_str());
        self.option(a.severity, Self::name);
        self.opt_str(a.category.as_ref());
        self.time(a.created_at);
        self.option(a.first_seen, Self::time);
        self.option(a.last_seen, Self::time);
        self.len(a.attacks.len());
        for tag in &a.attacks {
            self.option(tag.tactic, |w, t| w.str(t.id()));
            self.opt_str(tag.technique.as_ref().map(Technique::as_str).as_ref());
            self.opt_str(tag.version.as_ref().map(AttackVersion::as_str).as_ref());
        }
        self.observables(&a.observables);
        self.len(a.resources.len());
        for r in &a.resources {
            self.opt_str(r.uid.as_ref());
            self.opt_str(r.name.as_ref());
            self.opt_str(r.kind.as_ref());
        }
        self.option(a.raw.as_ref(), |w, raw| w.str(raw.as_str()));
    }

    fn observables(&mut self, set: &BTreeSet<Observable>) {
        self.len(set.len());
        for o in set {
            self.name(o.kind());
            self.option(o.algorithm(), Self::name);
            self.str(o.value());
        }
    }

    fn entry(&mut self, e: &AlertEntry) {
        self.0.extend_from_slice(e.fingerprint.as_bytes());
        self.str(e.record.as_str());
        self.str(e.title.as_str());
        self.option(e.severity, Self::name);
        self.time(e.first_seen);
        self.time(e.last_seen);
        self.u64(e.occurrences);
        self.opt_str(e.rule.as_ref());
    }
}

/// Writes an alert in canonical form into `out` (which is cleared first):
/// the same bytes an `alert_attached` change holds.
pub(crate) fn encode_alert(alert: &Alert, out: &mut Vec<u8>) {
    out.clear();
    Writer(out).alert(alert);
}

/// The encodings of the routing, escalation and playbook changes.
impl Writer<'_> {
    fn routed(&mut self, r: &Routed) {
        self.str("routed");
        self.opt_str(r.rule.as_ref());
        self.uuid(r.team.as_uuid());
        self.strategy(&r.strategy);
        self.u64(u64::from(r.weight));
        self.len(r.candidates.len());
        for c in &r.candidates {
            self.candidate(c);
        }
        self.opt_uuid(r.owner.map(|o| o.as_uuid()));
    }

    fn strategy(&mut self, s: &Strategy) {
        match s {
            Strategy::RoundRobin => self.str("round_robin"),
            Strategy::LeastLoaded => self.str("least_loaded"),
            Strategy::SkillMatch { skills } => {
                self.str("skill_match");
                self.set(skills);
            }
            Strategy::Queue => self.str("queue"),
        }
    }

    fn candidate(&mut self, c: &Candidate) {
        self.uuid(c.analyst.as_uuid());
        self.u64(u64::from(c.load));
        match &c.outcome {
            CandidateOutcome::Chosen => self.str("chosen"),
            CandidateOutcome::OffShift => self.str("off_shift"),
            CandidateOutcome::AtCapacity { capacity } => {
                self.str("at_capacity");
                self.u64(u64::from(*capacity));
            }
            CandidateOutcome::MissingSkills { skills } => {
                self.str("missing_skills");
                self.set(skills);
            }
            CandidateOutcome::MoreLoaded => self.str("more_loaded"),
            CandidateOutcome::NotNext => self.str("not_next"),
            CandidateOutcome::Queue => self.str("queue"),
        }
    }

    fn escalated(&mut self, e: &Escalated) {
        self.str("escalated");
        self.str(e.rule.as_str());
        self.cause(&e.cause);
        self.opt_uuid(e.to_team.map(|t| t.as_uuid()));
        self.opt_str(e.notify.as_ref());
        self.opt_uuid(e.released.map(|o| o.as_uuid()));
    }

    fn cause(&mut self, cause: &EscalationCause) {
        match cause {
            EscalationCause::SlaCrossed {
                seq,
                target,
                cycle,
                percent,
            } => {
                self.str("sla_crossed");
                self.u64(*seq);
                self.str(target.as_str());
                self.u64(u64::from(*cycle));
                self.byte(*percent);
            }
            EscalationCause::SeverityRaised { seq, severity } => {
                self.str("severity_raised");
                self.u64(*seq);
                self.name(*severity);
            }
            EscalationCause::Waited { since, minutes } => {
                self.str("waited");
                self.time(*since);
                self.u64(u64::from(*minutes));
            }
            EscalationCause::OwnerOffShift { owner, since } => {
                self.str("owner_off_shift");
                self.uuid(owner.as_uuid());
                self.time(*since);
            }
        }
    }

    fn playbook(&mut self, playbook: &str, first: u32, tasks: &[TaskTemplate]) {
        self.str("playbook_applied");
        self.str(playbook);
        self.u64(u64::from(first));
        self.len(tasks.len());
        for task in tasks {
            self.str(task.name.as_str());
            self.str(task.title.as_str());
            self.name(task.phase);
            self.byte(u8::from(task.mandatory));
        }
    }
}
