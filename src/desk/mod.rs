//! The desk: the one place that talks to the ports. It opens cases,
//! executes commands (load, decide, append, notify) with bounded retries
//! on conflict, and reads history.
//!
//! The desk reads no clock: every call takes the time (`now`), and new ids
//! come from the [`IdSource`] it was given, so a test that fixes both gets
//! the same events, hashes and case numbers on every run.

mod error;
mod escalate;
mod folds;
mod ingest;
mod merge;
mod route;
mod similar;
mod sweep;

use std::sync::Arc;

use chrono::{DateTime, Datelike, TimeDelta, Utc};

use crate::alert::IngestPolicy;
use crate::audit::{self, Chain, GENESIS, Record, Verified};
use crate::case::{Caller, Case, CasePolicy, Command, Context, Event, NewCase};
use crate::ids::{CaseId, CaseNumber, CasePrefix, IdSource, LookupKey};
use crate::notify::{Notification, Notifier, NotifyError};
use crate::sla::SlaPolicies;
use crate::sla::regulatory::Obligations;
use crate::store::{Append, CaseSummary, KeyChange, Store, StoreError};
use crate::text::Reason;

pub use error::DeskError;
pub use escalate::Escalations;
pub use ingest::{Delivery, Ingested};
pub use merge::Merged;
pub use similar::{Similar, SimilarTo};
pub use sweep::Sweep;

/// How a desk works: the policy commands are decided under, the case
/// number prefix, and how often to retry on a conflict.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeskOptions {
    /// Workflow, priority matrix and automation rules.
    pub policy: CasePolicy,
    /// The prefix of case numbers (`SOC` by default).
    pub prefix: CasePrefix,
    /// How many times to decide again after a version conflict (3 by
    /// default); 0 tries once.
    pub max_retries: u32,
    /// How far a command's time may be behind the case's last event and
    /// still be recorded, at that event's time (5 seconds by default).
    /// Clocks of different hosts disagree a little; a command that races
    /// another is otherwise refused as [`Rejection::Backdated`] on retry.
    /// Further behind, the command is refused.
    ///
    /// [`Rejection::Backdated`]: crate::case::Rejection::Backdated
    pub max_skew: TimeDelta,
    /// SLA policies; without them cases have no SLA clocks.
    pub sla: Option<SlaPolicies>,
    /// The notification obligations the host is subject to (for example
    /// [`Obligations::builtin`]); without them cases have no regulatory
    /// deadlines.
    pub obligations: Option<Obligations>,
    /// How alerts become cases: deduplication, correlation, suppression.
    pub ingest: IngestPolicy,
}

impl DeskOptions {
    /// Options with a policy, the `SOC` prefix and 3 retries.
    pub fn new(policy: CasePolicy) -> Self {
        Self {
            policy,
            prefix: CasePrefix::default(),
            max_retries: 3,
            max_skew: TimeDelta::seconds(5),
            sla: None,
            obligations: None,
            ingest: IngestPolicy::default(),
        }
    }

    /// Sets the ingest policy.
    #[must_use]
    pub fn ingest(mut self, ingest: IngestPolicy) -> Self {
        self.ingest = ingest;
        self
    }

    /// Sets the case number prefix.
    #[must_use]
    pub fn prefix(mut self, prefix: CasePrefix) -> Self {
        self.prefix = prefix;
        self
    }

    /// Sets how far behind a case's last event a command may be dated.
    #[must_use]
    pub fn max_skew(mut self, max_skew: TimeDelta) -> Self {
        self.max_skew = max_skew;
        self
    }

    /// Sets the notification obligations.
    #[must_use]
    pub fn obligations(mut self, obligations: Obligations) -> Self {
        self.obligations = Some(obligations);
        self
    }

    /// Sets the SLA policies.
    #[must_use]
    pub fn sla(mut self, sla: SlaPolicies) -> Self {
        self.sla = Some(sla);
        self
    }

    /// Sets the number of retries on conflict.
    #[must_use]
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }
}

impl Default for DeskOptions {
    fn default() -> Self {
        Self::new(CasePolicy::default())
    }
}

/// What a successful request recorded.
#[derive(Debug)]
#[non_exhaustive]
pub struct Receipt {
    /// The case's summary after the request.
    pub summary: CaseSummary,
    /// The events recorded, in order.
    pub events: Vec<Event>,
    /// How many times the command was decided (more than 1 after conflicts).
    pub attempts: u32,
    /// Notifications the notifier failed to deliver; the events are stored
    /// regardless.
    pub undelivered: Vec<(Notification, NotifyError)>,
}

impl Receipt {
    /// The case.
    pub fn case(&self) -> CaseId {
        self.summary.id
    }

    /// Its human number.
    pub fn number(&self) -> &CaseNumber {
        &self.summary.number
    }
}

/// A case as loaded from the store: its state, the hash of its last
/// record and its events (all of them, or none when the caller did not
/// need them).
pub(crate) struct Loaded {
    pub(crate) case: Case,
    pub(crate) head: audit::Digest,
    pub(crate) events: Vec<Event>,
}

/// Where a commit continues a stream: the version and head it was decided
/// against, and the events before it when the caller has them.
#[derive(Clone, Copy)]
pub(crate) struct Base<'a> {
    expected: u64,
    head: audit::Digest,
    prior: Prior<'a>,
}

/// What the committer knows about the stream before the new events, for
/// the SLA checkpoint of the summary row.
#[derive(Clone, Copy)]
pub(crate) enum Prior<'a> {
    /// The earlier events.
    Events(&'a [Event]),
    /// Nothing: they are loaded if SLA policies need them.
    Unknown,
    /// The checkpoint after the commit, already worked out.
    Checkpoint(Option<DateTime<Utc>>),
}

/// Ties the pure core to a [`Store`] and a [`Notifier`].
///
/// ```
/// use std::sync::Arc;
/// use casefile::{Caller, Command, Desk, DeskOptions, MemoryStore, NewCase, RecordingNotifier,
///     SequentialIds};
/// use casefile::ids::AnalystId;
/// use casefile::triage::{Category, Severity};
///
/// let notifier = Arc::new(RecordingNotifier::new());
/// let desk = Desk::new(
///     Arc::new(MemoryStore::new()),
///     notifier.clone(),
///     Arc::new(SequentialIds::new()),
///     DeskOptions::default(),
/// );
/// let now = "2026-03-02T09:00:00Z".parse()?;
/// let alice = Caller::analyst(AnalystId::from_uuid(uuid::Uuid::nil()));
/// let new = NewCase::new("Beaconing from build host".parse()?, Category::malware(), Severity::High);
/// let opened = desk.open(&alice, new, None, now)?;
/// assert_eq!(opened.number().to_string(), "SOC-2026-000001");
///
/// let acked = desk.execute(opened.case(), &alice, &Command::Acknowledge, None, now)?;
/// assert_eq!(acked.summary.acknowledged_at, Some(now));
/// assert_eq!(notifier.notifications().len(), 1); // "opened"; acknowledging notifies nobody
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Desk {
    store: Arc<dyn Store>,
    notifier: Arc<dyn Notifier>,
    ids: Arc<dyn IdSource>,
    options: DeskOptions,
    folds: Arc<folds::Folds>,
}

impl std::fmt::Debug for Desk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Desk")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl Desk {
    /// A desk over a store and a notifier, drawing ids from `ids`.
    pub fn new(
        store: Arc<dyn Store>,
        notifier: Arc<dyn Notifier>,
        ids: Arc<dyn IdSource>,
        options: DeskOptions,
    ) -> Self {
        Self {
            store,
            notifier,
            ids,
            options,
            folds: Arc::default(),
        }
    }

    /// The store.
    pub fn store(&self) -> &dyn Store {
        &*self.store
    }

    /// The options.
    pub fn options(&self) -> &DeskOptions {
        &self.options
    }

    /// Opens a case: allocates its id and number, records the opening (and
    /// any automation it triggers), claims its lookup keys, and notifies.
    ///
    /// # Errors
    ///
    /// [`DeskError::Store`] with [`StoreError::KeyTaken`] when another case
    /// holds one of the keys (nothing is recorded, the number allocated is
    /// not reused), or any other store failure.
    pub fn open(
        &self,
        caller: &Caller,
        new: NewCase,
        reason: Option<&Reason>,
        now: DateTime<Utc>,
    ) -> Result<Receipt, DeskError> {
        let sequence = self.store.next_number(&self.options.prefix, now.year())?;
        let number = CaseNumber::new(self.options.prefix.clone(), now.year(), sequence)
            .map_err(|_| DeskError::TimeOutOfRange { now })?;
        let id = CaseId::generate(&*self.ids);
        let keys: Vec<KeyChange> = new.keys.iter().cloned().map(KeyChange::Claim).collect();
        let ctx = self.context(caller, reason, now);
        let events = Case::open(id, number, new, &ctx);
        let case =
            Case::replay(&events).map_err(|source| DeskError::Replay { case: id, source })?;
        self.commit_indexed(&case, 0, GENESIS, events, (keys, Vec::new()), 1)
    }

    /// Executes a command on a case: loads it, decides the command, appends
    /// the events, and notifies. On a version conflict it loads and decides
    /// again, up to `max_retries` times.
    ///
    /// # Errors
    ///
    /// [`DeskError::Rejected`] when the command is refused,
    /// [`DeskError::NotFound`] for an unknown case,
    /// [`DeskError::Contention`] when every attempt met a conflict, or a
    /// store failure.
    pub fn execute(
        &self,
        case: CaseId,
        caller: &Caller,
        command: &Command,
        reason: Option<&Reason>,
        now: DateTime<Utc>,
    ) -> Result<Receipt, DeskError> {
        let attempts = self.options.max_retries.saturating_add(1);
        for attempt in 1..=attempts {
            let loaded = self.load_for_command(case)?;
            let ctx = self.context(caller, reason, self.clamp(now, &loaded.case));
            let events = loaded.case.decide(command, &ctx)?;
            let mut after = loaded.case.clone();
            for event in &events {
                after.apply(event);
            }
            let was_open = Some(loaded.case.stage.is_open());
            let keys = ingest::fingerprint_keys(was_open, &events, &after);
            match self.commit(&loaded, &after, events, keys, attempt) {
                Err(DeskError::Store(StoreError::Conflict { .. })) => {}
                other => return other,
            }
        }
        Err(DeskError::Contention { case, attempts })
    }

    /// The case as it is now.
    ///
    /// # Errors
    ///
    /// [`DeskError::NotFound`], [`DeskError::Replay`] or a store failure.
    pub fn case(&self, case: CaseId) -> Result<Case, DeskError> {
        self.load(case).map(|loaded| loaded.case)
    }

    /// The case as it was after its first `version` events.
    ///
    /// # Errors
    ///
    /// [`DeskError::NoSuchVersion`] when the stream is shorter (or
    /// `version` is 0), and as [`Desk::case`].
    pub fn case_at(&self, case: CaseId, version: u64) -> Result<Case, DeskError> {
        let records = self.history(case)?;
        let latest = records.len() as u64;
        if version == 0 || version > latest {
            return Err(DeskError::NoSuchVersion {
                case,
                version,
                latest,
            });
        }
        let prefix = records
            .iter()
            .take_while(|r| r.event.seq <= version)
            .map(|r| &r.event);
        Case::replay(prefix).map_err(|source| DeskError::Replay { case, source })
    }

    /// Every record of a case, in order.
    ///
    /// # Errors
    ///
    /// [`DeskError::NotFound`] or a store failure.
    pub fn history(&self, case: CaseId) -> Result<Vec<Record>, DeskError> {
        let records = self.store.load(case, 0)?;
        if records.is_empty() {
            return Err(DeskError::NotFound { case });
        }
        Ok(records)
    }

    /// Verifies the hash chain of a case.
    ///
    /// # Errors
    ///
    /// [`DeskError::Tampered`] naming the first bad record, and as
    /// [`Desk::history`].
    pub fn verify(&self, case: CaseId) -> Result<Verified, DeskError> {
        let records = self.history(case)?;
        audit::verify_case(case, &records).map_err(|source| DeskError::Tampered { case, source })
    }

    fn context<'a>(
        &'a self,
        caller: &'a Caller,
        reason: Option<&'a Reason>,
        now: DateTime<Utc>,
    ) -> Context<'a> {
        Context {
            caller,
            reason,
            now,
            policy: &self.options.policy,
        }
    }

    /// `now`, or the time of the case's last event if that is later by at
    /// most `max_skew`.
    fn clamp(&self, now: DateTime<Utc>, case: &Case) -> DateTime<Utc> {
        let behind = case.updated_at - now;
        if behind > TimeDelta::zero() && behind <= self.options.max_skew {
            case.updated_at
        } else {
            now
        }
    }

    pub(crate) fn load(&self, case: CaseId) -> Result<Loaded, DeskError> {
        let records = self.history(case)?;
        let head = records.last().map_or(GENESIS, |r| r.hash);
        let events: Vec<Event> = records.into_iter().map(|r| r.event).collect();
        let state = Case::replay(&events).map_err(|source| DeskError::Replay { case, source })?;
        Ok(Loaded {
            case: state,
            head,
            events,
        })
    }

    /// The case and the hash of its last record, for code that does not
    /// need the events.
    /// The case to decide a command on: with its events when SLA clocks
    /// need them, otherwise folded from the desk's memo and the records
    /// appended since (its `events` then left empty).
    fn load_for_command(&self, case: CaseId) -> Result<Loaded, DeskError> {
        if self.options.sla.is_some() {
            return self.load(case);
        }
        let (case, head) = self.load_head(case)?;
        Ok(Loaded {
            case,
            head,
            events: Vec::new(),
        })
    }

    /// Folds only what was appended since the desk last saw the case.
    pub(crate) fn load_head(&self, case: CaseId) -> Result<(Case, audit::Digest), DeskError> {
        let Some((mut state, mut head)) = self.folds.get(case) else {
            let loaded = self.load(case)?;
            self.folds.put(&loaded.case, loaded.head);
            return Ok((loaded.case, loaded.head));
        };
        for record in self.store.load(case, state.version)? {
            if record.event.case != case || record.event.seq != state.version + 1 {
                let loaded = self.load(case)?;
                return Ok((loaded.case, loaded.head));
            }
            state.apply(&record.event);
            head = record.hash;
        }
        self.folds.put(&state, head);
        Ok((state, head))
    }

    /// The next SLA checkpoint of a case whose stream is `prior` then
    /// `new`, as of the last new event.
    fn checkpoint(&self, prior: &[Event], new: &[Event]) -> Option<DateTime<Utc>> {
        let sla = self.options.sla.as_ref()?;
        let now = new.last().or(prior.last())?.at;
        let report = sla.report(prior.iter().chain(new), now).ok()?;
        report.next_checkpoint
    }

    /// Seals `events` after `base`, appends them with the summary of
    /// `after` and the key changes, and notifies.
    pub(crate) fn commit(
        &self,
        base: &Loaded,
        after: &Case,
        events: Vec<Event>,
        keys: Vec<KeyChange>,
        attempts: u32,
    ) -> Result<Receipt, DeskError> {
        let expected = base.case.version;
        let whole = base.events.len() as u64 == expected;
        let base = Base {
            expected,
            head: base.head,
            prior: if whole {
                Prior::Events(&base.events)
            } else {
                Prior::Unknown
            },
        };
        self.commit_with(base, after, events, (keys, Vec::new()), attempts)
    }

    /// [`Desk::commit`] of events whose SLA checkpoint the caller already
    /// worked out (the sweep, from the report it recorded the crossings of).
    pub(crate) fn commit_with_checkpoint(
        &self,
        base: &Loaded,
        after: &Case,
        events: Vec<Event>,
        checkpoint: Option<DateTime<Utc>>,
        attempts: u32,
    ) -> Result<Receipt, DeskError> {
        let base = Base {
            expected: base.case.version,
            head: base.head,
            prior: Prior::Checkpoint(checkpoint),
        };
        self.commit_with(base, after, events, (Vec::new(), Vec::new()), attempts)
    }

    /// [`Desk::commit`] with index terms as well as key changes, after the
    /// record whose hash is `head` at version `expected` (0 for a new case).
    pub(crate) fn commit_indexed(
        &self,
        after: &Case,
        expected: u64,
        head: audit::Digest,
        events: Vec<Event>,
        index: (Vec<KeyChange>, Vec<LookupKey>),
        attempts: u32,
    ) -> Result<Receipt, DeskError> {
        let base = Base {
            expected,
            head,
            prior: Prior::Unknown,
        };
        self.commit_with(base, after, events, index, attempts)
    }

    fn commit_with(
        &self,
        base: Base<'_>,
        after: &Case,
        events: Vec<Event>,
        (keys, terms): (Vec<KeyChange>, Vec<LookupKey>),
        attempts: u32,
    ) -> Result<Receipt, DeskError> {
        let mut summary = CaseSummary::of(after);
        summary.next_checkpoint = self.next_checkpoint(&base, after.id, &events)?;
        let mut chain = Chain::resume(base.head);
        let records: Vec<Record> = events.into_iter().map(|e| chain.seal(e)).collect();
        let mut append = Append::new(after.id, base.expected, records, summary.clone());
        append.keys = keys;
        append.terms = terms;
        let events: Vec<Event> = append.records.iter().map(|r| r.event.clone()).collect();
        self.store.append(append)?;

        let undelivered = self.notify(&events, &summary);
        Ok(Receipt {
            summary,
            events,
            attempts,
            undelivered,
        })
    }

    /// The SLA checkpoint after `events`; the prior events are loaded only
    /// when the desk has SLA policies and the caller did not have them.
    fn next_checkpoint(
        &self,
        base: &Base<'_>,
        case: CaseId,
        events: &[Event],
    ) -> Result<Option<DateTime<Utc>>, DeskError> {
        if self.options.sla.is_none() {
            return Ok(None);
        }
        match base.prior {
            Prior::Checkpoint(known) => return Ok(known),
            Prior::Events(prior) => return Ok(self.checkpoint(prior, events)),
            Prior::Unknown => {}
        }
        let mut prior = self.store.load(case, 0)?;
        prior.truncate(usize::try_from(base.expected).unwrap_or(usize::MAX));
        let prior: Vec<Event> = prior.into_iter().map(|r| r.event).collect();
        Ok(self.checkpoint(&prior, events))
    }

    fn notify(&self, events: &[Event], summary: &CaseSummary) -> Vec<(Notification, NotifyError)> {
        let notifications = Notification::for_events(events, summary);
        let failed = notifications
            .into_iter()
            .filter_map(|n| match self.notifier.notify(&n) {
                Ok(()) => None,
                Err(error) => Some((n, error)),
            });
        failed.collect()
    }
}
