//! Helpers shared by the scenario tests: fixed times and ids, a desk over a
//! `MemoryStore` and a `RecordingNotifier`, and short constructors.

// Each scenario file is its own crate and uses a different subset of these.
#![allow(dead_code)]

use std::fmt::Debug;
use std::str::FromStr;
use std::sync::Arc;

use casefile::case::Rejection;
use casefile::ids::{AnalystId, TeamId};
use casefile::triage::{Category, Resolution, ResolutionImpact, Severity, Verdict};
use casefile::workflow::StatusId;
use casefile::{
    Caller, CaseId, Command, Desk, DeskError, DeskOptions, MemoryStore, NewCase, Receipt,
    RecordingNotifier, SequentialIds,
};
use chrono::{DateTime, Duration, Utc};

/// The time every scenario starts at.
pub(crate) fn t0() -> DateTime<Utc> {
    at("2026-03-02T09:00:00Z")
}

/// `minutes` after [`t0`].
pub(crate) fn later(minutes: i64) -> DateTime<Utc> {
    t0() + Duration::minutes(minutes)
}

/// A fixed time written in RFC 3339.
pub(crate) fn at(time: &str) -> DateTime<Utc> {
    time.parse().expect("a valid RFC 3339 time")
}

/// Parses a validated text newtype (status id, tag, title, ...).
pub(crate) fn text<T>(s: &str) -> T
where
    T: FromStr,
    T::Err: Debug,
{
    s.parse().expect("valid text")
}

/// A status id.
pub(crate) fn status(name: &str) -> StatusId {
    text(name)
}

/// The analyst with UUID `n`.
pub(crate) fn analyst(n: u128) -> AnalystId {
    AnalystId::from_uuid(uuid::Uuid::from_u128(n))
}

/// The team with UUID `n`.
pub(crate) fn team(n: u128) -> TeamId {
    TeamId::from_uuid(uuid::Uuid::from_u128(n))
}

/// Analyst 1, with no permissions.
pub(crate) fn alice() -> Caller {
    Caller::analyst(analyst(1))
}

/// Analyst 2, with no permissions.
pub(crate) fn bob() -> Caller {
    Caller::analyst(analyst(2))
}

/// The id `SequentialIds` draws `n`-th (from 1).
pub(crate) fn nth_id(n: u128) -> CaseId {
    CaseId::from_uuid(uuid::Uuid::from_u128(
        (0x7000_u128 << 64) | (0x8000_u128 << 48) | n,
    ))
}

/// A medium-severity phishing case with defaults for everything else.
pub(crate) fn phishing() -> NewCase {
    NewCase::new(
        text("Credential phishing reported"),
        Category::phishing(),
        Severity::Medium,
    )
}

/// A resolution with this verdict.
pub(crate) fn resolution(verdict: Verdict) -> Resolution {
    Resolution::new(
        verdict,
        ResolutionImpact::NoImpact,
        text("Mail quarantined, no clicks"),
    )
}

/// `Command::Move` to a status.
pub(crate) fn move_to(name: &str) -> Command {
    Command::Move { to: status(name) }
}

/// `Command::Resolve` with a verdict, to the default resolved status.
pub(crate) fn resolve(verdict: Verdict) -> Command {
    Command::Resolve {
        resolution: resolution(verdict),
        status: None,
    }
}

/// `Command::AssignOwner` to an analyst.
pub(crate) fn assign(owner: AnalystId) -> Command {
    Command::AssignOwner { owner: Some(owner) }
}

/// The rejection inside a desk error.
///
/// # Panics
///
/// When the result is not a rejection.
pub(crate) fn rejection(result: Result<Receipt, DeskError>) -> Rejection {
    match result {
        Err(DeskError::Rejected(rejection)) => rejection,
        other => panic!("expected a rejection, got {other:?}"),
    }
}

/// A desk over a `MemoryStore` and a `RecordingNotifier`, with sequential
/// ids.
pub(crate) struct Fixture {
    /// The desk.
    pub(crate) desk: Desk,
    /// Its store.
    pub(crate) store: Arc<MemoryStore>,
    /// Its notifier.
    pub(crate) notifier: Arc<RecordingNotifier>,
}

impl Fixture {
    /// A desk with default options.
    pub(crate) fn new() -> Self {
        Self::with_options(DeskOptions::default())
    }

    /// A desk with these options.
    pub(crate) fn with_options(options: DeskOptions) -> Self {
        let store = Arc::new(MemoryStore::new());
        let notifier = Arc::new(RecordingNotifier::new());
        let ids = Arc::new(SequentialIds::new());
        let desk = Desk::new(store.clone(), notifier.clone(), ids, options);
        Self {
            desk,
            store,
            notifier,
        }
    }

    /// Opens [`phishing`] as alice at [`t0`].
    pub(crate) fn open(&self) -> CaseId {
        self.open_new(phishing())
    }

    /// Opens a case as alice at [`t0`].
    pub(crate) fn open_new(&self, new: NewCase) -> CaseId {
        let receipt = self.desk.open(&alice(), new, None, t0());
        receipt.expect("opening succeeds").case()
    }

    /// Executes a command as `caller` at [`t0`], expecting success.
    pub(crate) fn run(&self, case: CaseId, caller: &Caller, command: &Command) -> Receipt {
        let result = self.desk.execute(case, caller, command, None, t0());
        result.unwrap_or_else(|e| panic!("{command:?} failed: {e}"))
    }

    /// Executes a command as alice at [`t0`], returning the result.
    pub(crate) fn try_run(&self, case: CaseId, command: &Command) -> Result<Receipt, DeskError> {
        self.desk.execute(case, &alice(), command, None, t0())
    }

    /// Executes commands as alice at [`t0`], each expecting success.
    pub(crate) fn run_all(&self, case: CaseId, commands: &[Command]) {
        for command in commands {
            self.run(case, &alice(), command);
        }
    }
}
