//! Ingesting alerts: re-delivery, suppression, repeats, correlation and
//! opening cases.
//!
//! # How the store is used
//!
//! - An open case holds the lookup key of every fingerprint of its alerts
//!   ([`Fingerprint::lookup_key`]), claimed in the append that attaches
//!   the alert and released in the append that takes the case out of the
//!   open stages (whether by [`Desk::execute`], [`Desk::merge`] or a rule's
//!   reopening, which claims them again). Two open cases can therefore
//!   never hold one fingerprint: the second claim fails atomically and the
//!   desk decides again on fresh state.
//! - Every attached or repeated alert's record key
//!   ([`RecordKey::lookup_key`]) is claimed, for good, by the case it went
//!   to, in the same append; a suppressed alert's record key is held by
//!   the store's suppression log. A record seen before is a re-delivery.
//! - Correlation rules and observables are index terms
//!   ([`Store::cases_with`](crate::Store::cases_with)) added with the
//!   append.
//!
//! # Limitations
//!
//! - A host that closes cases without the desk (with the pure core and its
//!   own appends) must release their fingerprint keys in the same append,
//!   as [`Desk::execute`] does; a key left on a closed case makes every
//!   later alert of that fingerprint fail with
//!   [`DeskError::IngestContention`].
//! - Correlation is decided on what the store held when the alert was
//!   read: two alerts of a new group ingested at the same moment can open
//!   two cases (fingerprints, by contrast, are exclusive).
//! - A repeat records its record key, times and count, not its payload.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::{Desk, DeskError, Receipt};
use crate::alert::{
    Alert, AttachedAlert, CorrelationRule, Fingerprint, OnClosed, RecordKey, SuppressionRule,
};
use crate::audit::{Digest, GENESIS};
use crate::case::{Actor, Caller, Case, Change, Command, Event, NewCase};
use crate::ids::{AlertId, CaseId, CaseNumber, LookupKey};
use crate::store::{KeyChange, Page, StoreError, SuppressedAlert, SuppressedQuery};
use crate::text::{RuleName, Tag};

/// How many cases per correlation term the desk considers, newest first.
const CANDIDATES: usize = 4;
/// How many `merged into` links the desk follows to report a re-delivery.
const MAX_MERGE_HOPS: usize = 8;

/// What ingesting an alert did.
#[derive(Debug)]
#[non_exhaustive]
pub enum Ingested {
    /// A new case was opened for the alert.
    Opened {
        /// The id given to the alert.
        alert: AlertId,
        /// The correlation rule that will group later alerts into the
        /// case, if one applied.
        rule: Option<RuleName>,
        /// What was recorded.
        receipt: Receipt,
    },
    /// The alert was attached to an existing case.
    Attached {
        /// The id given to the alert.
        alert: AlertId,
        /// The correlation rule that grouped it, or `None` when the case
        /// holds its fingerprint (a repeat outside the dedup window).
        rule: Option<RuleName>,
        /// Whether the case was reopened for it.
        reopened: bool,
        /// What was recorded.
        receipt: Receipt,
    },
    /// The alert repeats one already attached to an open case: its
    /// occurrence count and last-seen time moved.
    Repeat {
        /// The alert it repeats.
        alert: AlertId,
        /// How many times that alert has now arrived.
        occurrences: u64,
        /// What was recorded.
        receipt: Receipt,
    },
    /// A suppression rule applied: the alert is in the store's
    /// suppression log; no case was opened and nobody was notified.
    Suppressed {
        /// The id given to the alert.
        alert: AlertId,
        /// The rule.
        rule: RuleName,
    },
    /// The same record was ingested before; nothing changed.
    Duplicate {
        /// Where the first delivery went.
        first: Delivery,
    },
}

/// Where a record went when it was first ingested.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Delivery {
    /// To this case (or the case it was since merged into).
    Case(CaseId),
    /// Into the suppression log, by this rule.
    Suppressed(RuleName),
}

impl Ingested {
    /// The case the alert went to, if any.
    pub fn case(&self) -> Option<CaseId> {
        match self {
            Self::Opened { receipt, .. }
            | Self::Attached { receipt, .. }
            | Self::Repeat { receipt, .. } => Some(receipt.case()),
            Self::Duplicate {
                first: Delivery::Case(case),
            } => Some(*case),
            Self::Suppressed { .. } | Self::Duplicate { .. } => None,
        }
    }
}

/// An alert being ingested, with what the desk worked out about it.
struct Intake {
    id: AlertId,
    fingerprint: Fingerprint,
    record: RecordKey,
    alert: Alert,
    now: DateTime<Utc>,
}

/// What to do with an alert, decided on the state read so far.
enum Plan<'p> {
    Repeat {
        case: Case,
        head: Digest,
        alert: AlertId,
    },
    Attach {
        case: Case,
        head: Digest,
        rule: Option<&'p CorrelationRule>,
        terms: Vec<LookupKey>,
        reopen: bool,
    },
    Open {
        rule: Option<&'p CorrelationRule>,
        terms: Vec<LookupKey>,
    },
}

impl Desk {
    /// Ingests an alert at `now`: recognises a re-delivered record,
    /// applies suppression rules, counts a repeat of an alert on an open
    /// case, groups the alert into a case by the first correlation rule
    /// that applies, or opens a case for it. See [`crate::alert`] for the
    /// order, and the options' [`IngestPolicy`](crate::alert::IngestPolicy)
    /// for the rules.
    ///
    /// Ingestion is idempotent: a record ingested before (same
    /// [`RecordKey`]) changes nothing and comes back as
    /// [`Ingested::Duplicate`]. Events are recorded as the system's, at
    /// `now` or, if the case's last event is later, at that event's time.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use casefile::{Desk, DeskOptions, MemoryStore, RecordingNotifier, SequentialIds};
    /// use casefile::desk::Ingested;
    ///
    /// let desk = Desk::new(
    ///     Arc::new(MemoryStore::new()),
    ///     Arc::new(RecordingNotifier::new()),
    ///     Arc::new(SequentialIds::new()),
    ///     DeskOptions::default(),
    /// );
    /// let finding = r#"{ "class_uid": 2004, "severity_id": 4, "time": 1772442000,
    ///     "metadata": { "uid": "rec-1", "product": { "vendor_name": "Contoso", "name": "EDR" } },
    ///     "finding_info": { "uid": "det-1", "title": "Beacon" } }"#;
    /// let now = "2026-03-02T09:01:00Z".parse()?;
    ///
    /// let first = desk.ingest(casefile::alert::ocsf::parse(finding)?, now)?;
    /// assert!(matches!(first, Ingested::Opened { .. }));
    /// let again = desk.ingest(casefile::alert::ocsf::parse(finding)?, now)?;
    /// assert!(matches!(again, Ingested::Duplicate { .. }));
    /// assert_eq!(again.case(), first.case());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`DeskError::IngestContention`] when every attempt met a concurrent
    /// change, [`DeskError::TimeOutOfRange`] for a `now` no case number can
    /// hold, or a store failure. Nothing is recorded for a failed call.
    pub fn ingest(&self, alert: Alert, now: DateTime<Utc>) -> Result<Ingested, DeskError> {
        let policy = &self.options.ingest;
        let record = RecordKey::of(&alert);
        if let Some(first) = self.delivered(&record)? {
            return Ok(Ingested::Duplicate { first });
        }
        let intake = Intake {
            id: AlertId::generate(&*self.ids),
            fingerprint: Fingerprint::of(&alert, &policy.dedup().fields),
            record,
            alert,
            now,
        };
        if let Some(rule) = policy.suppressed_by(&intake.alert, now) {
            return self.suppress(intake, rule);
        }

        let attempts = self.options.max_retries.saturating_add(1);
        let record_key = intake.record.lookup_key();
        for attempt in 1..=attempts {
            let plan = self.plan(&intake)?;
            match self.carry_out(plan, &intake, attempt) {
                Err(DeskError::Store(StoreError::KeyTaken { key, holder }))
                    if key == record_key =>
                {
                    let first = Delivery::Case(self.survivor(holder)?);
                    return Ok(Ingested::Duplicate { first });
                }
                Err(DeskError::Store(
                    StoreError::Conflict { .. } | StoreError::KeyTaken { .. },
                )) => {}
                other => return other,
            }
        }
        Err(DeskError::IngestContention { attempts })
    }

    /// The suppressed alerts that answer `query`, in the order they were
    /// recorded.
    ///
    /// # Errors
    ///
    /// A store failure.
    pub fn suppressed(
        &self,
        query: &SuppressedQuery,
        page: Page,
    ) -> Result<Vec<SuppressedAlert>, DeskError> {
        Ok(self.store.suppressed(query, page)?)
    }

    /// Where a record went when it was first ingested, if it was.
    fn delivered(&self, record: &RecordKey) -> Result<Option<Delivery>, DeskError> {
        if let Some(case) = self.store.lookup(&record.lookup_key())? {
            return Ok(Some(Delivery::Case(self.survivor(case)?)));
        }
        let query = SuppressedQuery::Record(record.clone());
        let found = self.store.suppressed(&query, Page::first(1))?;
        Ok(found
            .into_iter()
            .next()
            .map(|s| Delivery::Suppressed(s.rule)))
    }

    /// The case that holds `case`'s work now: itself, or the case it was
    /// merged into (following a few links).
    fn survivor(&self, mut case: CaseId) -> Result<CaseId, DeskError> {
        for _ in 0..MAX_MERGE_HOPS {
            match self.case(case)?.alerts.merged_into {
                Some(into) => case = into,
                None => break,
            }
        }
        Ok(case)
    }

    fn suppress(&self, intake: Intake, rule: &SuppressionRule) -> Result<Ingested, DeskError> {
        let Intake {
            id,
            fingerprint,
            alert,
            now,
            ..
        } = intake;
        let name = rule.name.clone();
        let entry = SuppressedAlert::new(id, fingerprint, name.clone(), now, alert);
        match self.store.suppress(entry)? {
            None => Ok(Ingested::Suppressed {
                alert: id,
                rule: name,
            }),
            Some(first) => Ok(Ingested::Duplicate {
                first: Delivery::Suppressed(first.rule),
            }),
        }
    }

    fn plan(&self, intake: &Intake) -> Result<Plan<'_>, DeskError> {
        if let Some(holder) = self.store.lookup(&intake.fingerprint.lookup_key())? {
            let (case, head) = self.load_head(holder)?;
            if case.stage.is_open() {
                return Ok(self.repeat_or_attach(case, head, intake));
            }
        }
        let Some((rule, terms)) = self.options.ingest.correlated_by(&intake.alert) else {
            let terms = Vec::new();
            return Ok(Plan::Open { rule: None, terms });
        };
        let mut seen = BTreeSet::new();
        for term in &terms {
            for candidate in self.store.cases_with(term, CANDIDATES)? {
                if !seen.insert(candidate) {
                    continue;
                }
                let (case, head) = self.load_head(candidate)?;
                if let Some(reopen) = self.joins(&case, rule, &intake.alert)? {
                    return Ok(Plan::Attach {
                        case,
                        head,
                        rule: Some(rule),
                        terms,
                        reopen,
                    });
                }
            }
        }
        Ok(Plan::Open {
            rule: Some(rule),
            terms,
        })
    }

    /// A repeat if the case's alert of the same fingerprint was seen
    /// within the dedup window, else an attachment to the same case.
    fn repeat_or_attach<'p>(&self, case: Case, head: Digest, intake: &Intake) -> Plan<'p> {
        let window = self.options.ingest.dedup().window;
        let seen = intake.alert.seen_at();
        let repeated = case.alerts.by_fingerprint(&intake.fingerprint);
        let repeated =
            repeated.filter(|(_, e)| window.is_none_or(|w| (seen - e.last_seen).abs() <= w));
        match repeated.map(|(id, _)| id) {
            Some(alert) => Plan::Repeat { case, head, alert },
            None => Plan::Attach {
                case,
                head,
                rule: None,
                terms: Vec::new(),
                reopen: false,
            },
        }
    }

    /// Whether `alert` joins `case` under `rule`: `Some(false)` to attach,
    /// `Some(true)` to reopen and attach, `None` to pass the case over.
    fn joins(
        &self,
        case: &Case,
        rule: &CorrelationRule,
        alert: &Alert,
    ) -> Result<Option<bool>, DeskError> {
        let last = case.alerts.last_seen.unwrap_or(case.opened_at);
        let within = (alert.seen_at() - last).abs() <= rule.window;
        let room =
            case.alerts.alerts.len() < usize::try_from(rule.max_alerts).unwrap_or(usize::MAX);
        if case.alerts.merged_into.is_some() || !within || !room {
            return Ok(None);
        }
        if case.stage.is_open() {
            return Ok(Some(false));
        }
        if rule.on_closed == OnClosed::OpenNew || !self.fingerprints_free(case)? {
            return Ok(None);
        }
        Ok(Some(true))
    }

    /// Whether no other case holds a fingerprint of `case`'s alerts, so
    /// that reopening it keeps fingerprints unique among open cases.
    fn fingerprints_free(&self, case: &Case) -> Result<bool, DeskError> {
        for fingerprint in case.alerts.fingerprints.keys() {
            if let Some(holder) = self.store.lookup(&fingerprint.lookup_key())? {
                if holder != case.id {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }

    fn carry_out(
        &self,
        plan: Plan<'_>,
        intake: &Intake,
        attempt: u32,
    ) -> Result<Ingested, DeskError> {
        match plan {
            Plan::Repeat { case, head, alert } => self.repeat(case, head, alert, intake, attempt),
            Plan::Attach {
                case,
                head,
                rule,
                terms,
                reopen,
            } => {
                let rule = rule.map(|r| r.name.clone());
                let receipt =
                    self.attach(case, head, (rule.clone(), terms), reopen, intake, attempt)?;
                Ok(Ingested::Attached {
                    alert: intake.id,
                    rule,
                    reopened: reopen,
                    receipt,
                })
            }
            Plan::Open { rule, terms } => {
                let rule = rule.map(|r| r.name.clone());
                let receipt = self.open_for(intake, rule.clone(), terms, attempt)?;
                Ok(Ingested::Opened {
                    alert: intake.id,
                    rule,
                    receipt,
                })
            }
        }
    }

    fn repeat(
        &self,
        case: Case,
        head: Digest,
        alert: AlertId,
        intake: &Intake,
        attempt: u32,
    ) -> Result<Ingested, DeskError> {
        let Some(entry) = case.alerts.alerts.get(&alert) else {
            return Err(DeskError::IngestContention { attempts: attempt });
        };
        let new_count = entry.occurrences + 1;
        let change = Change::AlertRepeated {
            alert,
            record: intake.record.clone(),
            old_count: entry.occurrences,
            new_count,
            old_last_seen: entry.last_seen,
            new_last_seen: entry.last_seen.max(intake.alert.seen_at()),
        };
        let at = intake.now.max(case.updated_at);
        let events = vec![Event::new(
            case.id,
            case.version + 1,
            at,
            Actor::System,
            change,
        )];
        let keys = vec![KeyChange::Claim(intake.record.lookup_key())];
        let receipt = self.record(case, head, events, (keys, Vec::new()), attempt)?;
        Ok(Ingested::Repeat {
            alert,
            occurrences: new_count,
            receipt,
        })
    }

    fn attach(
        &self,
        case: Case,
        head: Digest,
        (rule, mut terms): (Option<RuleName>, Vec<LookupKey>),
        reopen: bool,
        intake: &Intake,
        attempt: u32,
    ) -> Result<Receipt, DeskError> {
        let at = intake.now.max(case.updated_at);
        let mut events = Vec::new();
        if reopen {
            let defaults = self.options.ingest.defaults();
            let mut caller = Caller::system();
            caller.permissions.clone_from(&defaults.reopen_permissions);
            let ctx = self.context(&caller, None, at);
            events = case.decide(&Command::Reopen, &ctx)?;
        }
        let seq = case.version + events.len() as u64 + 1;
        events.push(Self::attached_event(case.id, seq, at, rule, intake));
        terms.extend(new_observable_terms(&case, &intake.alert));
        let keys = vec![KeyChange::Claim(intake.record.lookup_key())];
        self.record(case, head, events, (keys, terms), attempt)
    }

    fn open_for(
        &self,
        intake: &Intake,
        rule: Option<RuleName>,
        mut terms: Vec<LookupKey>,
        attempt: u32,
    ) -> Result<Receipt, DeskError> {
        let now = intake.now;
        let year = chrono::Datelike::year(&now);
        let sequence = self.store.next_number(&self.options.prefix, year)?;
        let number = CaseNumber::new(self.options.prefix.clone(), year, sequence)
            .map_err(|_| DeskError::TimeOutOfRange { now })?;
        let id = CaseId::generate(&*self.ids);
        let caller = Caller::system();
        let ctx = self.context(&caller, None, now);
        let mut events = Case::open(id, number, self.new_case(&intake.alert), &ctx);
        let seq = events.len() as u64 + 1;
        events.push(Self::attached_event(id, seq, now, rule, intake));
        let case =
            Case::replay(&events[..1]).map_err(|source| DeskError::Replay { case: id, source })?;
        terms.extend(new_observable_terms(&case, &intake.alert));
        let keys = vec![KeyChange::Claim(intake.record.lookup_key())];
        self.record_from(case, 0, GENESIS, events, (keys, terms), attempt)
    }

    fn attached_event(
        case: CaseId,
        seq: u64,
        at: DateTime<Utc>,
        rule: Option<RuleName>,
        intake: &Intake,
    ) -> Event {
        let attached =
            AttachedAlert::new(intake.id, intake.fingerprint, rule, intake.alert.clone());
        let change = Change::AlertAttached(Box::new(attached));
        Event::new(case, seq, at, Actor::System, change)
    }

    /// What a case opened for `alert` starts with.
    fn new_case(&self, alert: &Alert) -> NewCase {
        let defaults = self.options.ingest.defaults();
        let category = alert
            .category
            .clone()
            .unwrap_or_else(|| defaults.category.clone());
        let severity = alert.severity.unwrap_or(defaults.severity);
        let mut new = NewCase::new(alert.title.clone(), category, severity)
            .description(alert.description.clone())
            .tlp(defaults.tlp);
        let tags = alert
            .attacks
            .iter()
            .filter_map(|t| Tag::new(format!("attack:{t}")).ok());
        new.tags.extend(tags);
        new
    }

    /// Applies `events` to `case` and commits them, with the fingerprint
    /// keys the change of state calls for added to `keys`.
    pub(super) fn record(
        &self,
        case: Case,
        head: Digest,
        events: Vec<Event>,
        index: (Vec<KeyChange>, Vec<LookupKey>),
        attempt: u32,
    ) -> Result<Receipt, DeskError> {
        let expected = case.version;
        self.record_from(case, expected, head, events, index, attempt)
    }

    /// Folds `events` into `before` (for a new case, `before` is the case
    /// its first event opens, and the rest are folded) and commits them.
    fn record_from(
        &self,
        mut before: Case,
        expected: u64,
        head: Digest,
        events: Vec<Event>,
        (mut keys, terms): (Vec<KeyChange>, Vec<LookupKey>),
        attempt: u32,
    ) -> Result<Receipt, DeskError> {
        let fresh = expected == 0;
        let was_open = (!fresh).then_some(before.stage.is_open());
        for event in events.iter().skip(usize::from(fresh)) {
            before.apply(event);
        }
        keys.extend(fingerprint_keys(was_open, &events, &before));
        self.commit_indexed(&before, expected, head, events, (keys, terms), attempt)
    }
}

/// The index terms of `alert`'s observables that `case` does not have yet.
fn new_observable_terms(case: &Case, alert: &Alert) -> Vec<LookupKey> {
    alert
        .observables
        .iter()
        .filter(|o| !case.alerts.observables.contains(o))
        .map(crate::alert::Observable::term)
        .collect()
}

/// The fingerprint keys to claim and release when `events` take a case
/// (open before if `was_open`; `None` for a new case) to `after`.
///
/// An open case holds the fingerprints of its alerts, a resolved or closed
/// one none. A case that opens or reopens claims all of them; one that
/// stays open claims those the events bring (claiming a key the case holds
/// already changes nothing); one that leaves the open stages releases all.
pub(super) fn fingerprint_keys(
    was_open: Option<bool>,
    events: &[Event],
    after: &Case,
) -> Vec<KeyChange> {
    let is_open = after.stage.is_open();
    let all = || {
        after
            .alerts
            .fingerprints
            .keys()
            .map(Fingerprint::lookup_key)
    };
    match (was_open, is_open) {
        (Some(true), true) => brought(events).map(KeyChange::Claim).collect(),
        (Some(true), false) => all().map(KeyChange::Release).collect(),
        (_, true) => all().map(KeyChange::Claim).collect(),
        (_, false) => Vec::new(),
    }
}

/// The fingerprint keys of the alerts that `events` attach or merge in.
fn brought(events: &[Event]) -> impl Iterator<Item = LookupKey> + '_ {
    events.iter().flat_map(|event| {
        let fingerprints: Vec<Fingerprint> = match &event.change {
            Change::AlertAttached(a) => vec![a.fingerprint],
            Change::MergedFrom(m) => m.alerts.values().map(|e| e.fingerprint).collect(),
            _ => Vec::new(),
        };
        fingerprints.into_iter().map(|f| f.lookup_key())
    })
}
