//! The conformance suite for [`Store`] implementations.
//!
//! Run every check against fresh stores of your backend:
//!
//! ```
//! casefile::testkit::conformance::run_all(casefile::MemoryStore::new);
//! ```
//!
//! or call the checks one by one from your own `#[test]` functions to see
//! each pass or fail on its own. Each check takes an empty store.

#![allow(clippy::missing_panics_doc)] // every check panics when the contract is broken, by design

use std::collections::BTreeSet;
use std::thread;

use chrono::{DateTime, Duration, Utc};

use crate::alert::{Alert, Fingerprint, FingerprintField, Producer};
use crate::audit::{self, Chain, Digest, GENESIS};
use crate::case::{Caller, Case, CasePolicy, Command, Context, NewCase};
use crate::ids::{AlertId, AnalystId, CaseId, CaseNumber, CasePrefix, LookupKey};
use crate::store::{
    Append, CaseFilter, CaseSummary, KeyChange, Page, Store, StoreError, SuppressedAlert,
    SuppressedQuery,
};
use crate::text::{KeyKind, KeyValue, RuleName, Tag, Title};
use crate::triage::{Category, Severity};
use crate::workflow::Stage;

/// Runs every check, each on a store fresh from `make`.
///
/// # Panics
///
/// When the store breaks the contract; the message names the rule.
pub fn run_all<S: Store + 'static>(make: impl Fn() -> S) {
    type Check = fn(&dyn Store);
    let checks: [(&str, Check); 13] = [
        ("creates_a_stream", creates_a_stream),
        ("creating_twice_conflicts", creating_twice_conflicts),
        ("appends_in_order", appends_in_order),
        (
            "stale_version_conflicts_and_writes_nothing",
            stale_version_conflicts_and_writes_nothing,
        ),
        (
            "malformed_appends_write_nothing",
            malformed_appends_write_nothing,
        ),
        ("keys_are_claimed_atomically", keys_are_claimed_atomically),
        ("unknown_cases_read_empty", unknown_cases_read_empty),
        (
            "lists_in_order_with_filters_and_pages",
            lists_in_order_with_filters_and_pages,
        ),
        (
            "lists_cases_past_their_checkpoint",
            lists_cases_past_their_checkpoint,
        ),
        (
            "concurrent_appenders_lose_nothing",
            concurrent_appenders_lose_nothing,
        ),
        (
            "concurrent_numbers_are_unique",
            concurrent_numbers_are_unique,
        ),
        (
            "terms_list_cases_newest_first",
            terms_list_cases_newest_first,
        ),
        (
            "suppression_log_holds_each_record_once",
            suppression_log_holds_each_record_once,
        ),
    ];
    for (name, check) in checks {
        let store = make();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&store)));
        if let Err(panic) = result {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            panic!("store conformance check `{name}` failed: {message}");
        }
    }
}

/// A case's stream as a test writes it: the folded case and the chain head.
#[derive(Clone, Debug)]
struct Writer {
    case: Case,
    head: Digest,
    now: DateTime<Utc>,
}

fn policy() -> CasePolicy {
    CasePolicy::default()
}

fn caller() -> Caller {
    Caller::analyst(AnalystId::from_uuid(uuid::Uuid::from_u128(1)))
}

fn start() -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_603_600, 0).unwrap_or_default()
}

fn text<T: TryFrom<String>>(s: impl Into<String>) -> T {
    T::try_from(s.into()).unwrap_or_else(|_| panic!("fixture text is invalid"))
}

fn key(value: &str) -> LookupKey {
    LookupKey::new(text::<KeyKind>("fingerprint"), text::<KeyValue>(value))
}

fn case_id(n: u128) -> CaseId {
    CaseId::from_uuid(uuid::Uuid::from_u128(n))
}

/// The append that opens case `n` at `start() + n minutes`, and its writer.
fn open(n: u128, new: NewCase) -> (Append, Writer) {
    let now = start() + Duration::minutes(i64::try_from(n).unwrap_or(0));
    let (policy, caller) = (policy(), caller());
    let ctx = Context {
        caller: &caller,
        reason: None,
        now,
        policy: &policy,
    };
    let sequence = u64::try_from(n).unwrap_or(1).max(1);
    let number = CaseNumber::new(CasePrefix::default(), 2026, sequence).ok();
    let number = number.unwrap_or_else(|| panic!("fixture case number is invalid"));
    let keys: Vec<KeyChange> = new.keys.iter().cloned().map(KeyChange::Claim).collect();
    let events = Case::open(case_id(n), number, new, &ctx);
    let case = Case::replay(&events).unwrap_or_else(|e| panic!("fixture does not fold: {e}"));
    let mut chain = Chain::new();
    let records = events.into_iter().map(|e| chain.seal(e)).collect();
    let mut append = Append::new(case.id, 0, records, CaseSummary::of(&case));
    append.keys = keys;
    (
        append,
        Writer {
            case,
            head: chain.head(),
            now,
        },
    )
}

fn plain(n: u128) -> NewCase {
    NewCase::new(
        text::<Title>(format!("case {n}")),
        Category::malware(),
        Severity::Medium,
    )
}

impl Writer {
    /// The append recording `commands`, and the writer after it.
    fn append(&self, commands: &[Command]) -> (Append, Writer) {
        let (policy, caller) = (policy(), caller());
        let ctx = Context {
            caller: &caller,
            reason: None,
            now: self.now,
            policy: &policy,
        };
        let mut case = self.case.clone();
        let mut events = Vec::new();
        for command in commands {
            let decided = case.decide(command, &ctx);
            let decided = decided.unwrap_or_else(|e| panic!("fixture command rejected: {e}"));
            for event in &decided {
                case.apply(event);
            }
            events.extend(decided);
        }
        let mut chain = Chain::resume(self.head);
        let records = events.into_iter().map(|e| chain.seal(e)).collect();
        let append = Append::new(case.id, self.case.version, records, CaseSummary::of(&case));
        (
            append,
            Writer {
                case,
                head: chain.head(),
                now: self.now,
            },
        )
    }

    fn tag(&self, tag: &str) -> (Append, Writer) {
        self.append(&[Command::AddTag {
            tag: text::<Tag>(tag),
        }])
    }
}

fn must(result: Result<(), StoreError>, what: &str) {
    if let Err(e) = result {
        panic!("{what} failed: {e}");
    }
}

fn version(store: &dyn Store, case: CaseId) -> u64 {
    let records = store
        .load(case, 0)
        .unwrap_or_else(|e| panic!("load failed: {e}"));
    records.last().map_or(0, |r| r.event.seq)
}

/// Creating a stream stores its records and summary exactly as given.
pub fn creates_a_stream(store: &dyn Store) {
    let (append, _) = open(1, plain(1));
    let expected = append.records.clone();
    let summary = append.summary.clone();
    must(store.append(append), "creating a stream");
    let loaded = store
        .load(case_id(1), 0)
        .unwrap_or_else(|e| panic!("load failed: {e}"));
    assert_eq!(loaded, expected, "load must return the records appended");
    let stored = store
        .summary(case_id(1))
        .unwrap_or_else(|e| panic!("summary failed: {e}"));
    assert_eq!(stored, Some(summary), "summary must be the one appended");
}

/// A second append at version 0 conflicts with the existing stream.
pub fn creating_twice_conflicts(store: &dyn Store) {
    let (append, _) = open(1, plain(1));
    must(store.append(append.clone()), "creating a stream");
    match store.append(append) {
        Err(StoreError::Conflict {
            expected: 0,
            actual: 1,
            ..
        }) => {}
        other => panic!("creating an existing stream must conflict at version 1, got {other:?}"),
    }
}

/// Appends extend the stream in order; `load` returns the records after a
/// version.
pub fn appends_in_order(store: &dyn Store) {
    let (append, mut writer) = open(1, plain(1));
    must(store.append(append), "creating a stream");
    for i in 0..5 {
        let (append, next) = writer.tag(&format!("tag-{i}"));
        must(store.append(append), "appending");
        writer = next;
    }
    let all = store
        .load(case_id(1), 0)
        .unwrap_or_else(|e| panic!("load failed: {e}"));
    let seqs: Vec<u64> = all.iter().map(|r| r.event.seq).collect();
    assert_eq!(
        seqs,
        (1..=6).collect::<Vec<_>>(),
        "records must come back in seq order"
    );
    assert!(
        audit::verify(&all).is_ok(),
        "records must come back unaltered"
    );
    let tail = store
        .load(case_id(1), 4)
        .unwrap_or_else(|e| panic!("load failed: {e}"));
    assert_eq!(
        tail,
        all[4..].to_vec(),
        "load(after) must return the records after `after`"
    );
    let summary = store.summary(case_id(1)).ok().flatten().map(|s| s.version);
    assert_eq!(summary, Some(6), "summary must follow the last append");
}

/// An append at a stale version fails with a conflict and writes nothing.
pub fn stale_version_conflicts_and_writes_nothing(store: &dyn Store) {
    let (append, writer) = open(1, plain(1));
    must(store.append(append), "creating a stream");
    let (first, _) = writer.tag("first");
    let (second, _) = writer.tag("second");
    must(store.append(first), "the first of two racing appends");
    let before = store.load(case_id(1), 0).unwrap_or_default();
    let summary = store.summary(case_id(1)).ok().flatten();
    match store.append(second) {
        Err(StoreError::Conflict {
            expected: 1,
            actual: 2,
            ..
        }) => {}
        other => panic!("a stale append must conflict (expected 1, actual 2), got {other:?}"),
    }
    assert_eq!(
        store.load(case_id(1), 0).unwrap_or_default(),
        before,
        "a conflict wrote records"
    );
    assert_eq!(
        store.summary(case_id(1)).ok().flatten(),
        summary,
        "a conflict wrote a summary"
    );
}

/// Malformed appends fail with `InvalidAppend` and write nothing.
pub fn malformed_appends_write_nothing(store: &dyn Store) {
    let (append, writer) = open(1, plain(1));
    must(store.append(append), "creating a stream");
    let (good, _) = writer.append(&[
        Command::AddTag {
            tag: text::<Tag>("a"),
        },
        Command::AddTag {
            tag: text::<Tag>("b"),
        },
    ]);
    let mut gap = good.clone();
    gap.records.remove(0);
    let mut empty = good.clone();
    empty.records.clear();
    let mut stale_summary = good.clone();
    stale_summary.summary.version = 2;
    let mut foreign = good.clone();
    foreign.case = case_id(2);
    for (what, bad) in [
        ("gap", gap),
        ("empty", empty),
        ("summary", stale_summary),
        ("foreign", foreign),
    ] {
        match store.append(bad) {
            Err(StoreError::InvalidAppend { .. }) => {}
            other => panic!("malformed append ({what}) must be refused, got {other:?}"),
        }
    }
    assert_eq!(
        version(store, case_id(1)),
        1,
        "a malformed append wrote records"
    );
    assert_eq!(
        version(store, case_id(2)),
        0,
        "a malformed append created a stream"
    );
}

/// Claiming a held key fails the whole append; releasing frees it.
pub fn keys_are_claimed_atomically(store: &dyn Store) {
    let (a, writer_a) = open(1, plain(1).key(key("k1")));
    must(store.append(a), "opening a case with a key");
    assert_eq!(
        store.lookup(&key("k1")).ok().flatten(),
        Some(case_id(1)),
        "key must map to its case"
    );

    let (b, writer_b) = open(2, plain(2).key(key("k1")));
    match store.append(b) {
        Err(StoreError::KeyTaken { holder, .. }) if holder == case_id(1) => {}
        other => panic!("claiming a held key must fail with KeyTaken, got {other:?}"),
    }
    assert_eq!(
        version(store, case_id(2)),
        0,
        "a failed claim created the stream"
    );
    assert_eq!(
        store.summary(case_id(2)).ok().flatten(),
        None,
        "a failed claim wrote a summary"
    );

    let (b, _) = open(2, plain(2).key(key("k2")));
    must(store.append(b), "opening a second case");
    let (tagged, _) = writer_b.tag("x");
    let tagged = tagged.key(KeyChange::Claim(key("k1")));
    assert!(matches!(
        store.append(tagged),
        Err(StoreError::KeyTaken { .. })
    ));
    assert_eq!(
        version(store, case_id(2)),
        1,
        "records were written with a failed claim"
    );

    let (release_other, _) = writer_b.tag("y");
    must(
        store.append(release_other.key(KeyChange::Release(key("k1")))),
        "a foreign release",
    );
    assert_eq!(
        store.lookup(&key("k1")).ok().flatten(),
        Some(case_id(1)),
        "foreign release freed a key"
    );
    let (release, _) = writer_a.tag("z");
    must(
        store.append(release.key(KeyChange::Release(key("k1")))),
        "releasing a key",
    );
    assert_eq!(
        store.lookup(&key("k1")).ok().flatten(),
        None,
        "a released key must be free"
    );
}

/// Reads of a case that does not exist return nothing, not an error.
pub fn unknown_cases_read_empty(store: &dyn Store) {
    assert!(
        store.load(case_id(9), 0).is_ok_and(|r| r.is_empty()),
        "load of unknown case"
    );
    assert!(
        store.summary(case_id(9)).is_ok_and(|s| s.is_none()),
        "summary of unknown case"
    );
    assert!(
        store.lookup(&key("none")).is_ok_and(|c| c.is_none()),
        "lookup of unknown key"
    );
}

/// Listing filters rows and orders them by opening time, then id.
pub fn lists_in_order_with_filters_and_pages(store: &dyn Store) {
    for n in [3_u128, 1, 4, 2, 5] {
        let severity = if n % 2 == 0 {
            Severity::High
        } else {
            Severity::Low
        };
        let (append, writer) = open(
            n,
            NewCase {
                severity,
                ..plain(n)
            },
        );
        must(store.append(append), "opening");
        if n == 4 {
            let (moved, _) = writer.append(&[Command::Move { to: text("triage") }]);
            must(store.append(moved), "moving");
        }
    }
    let ids = |rows: Vec<CaseSummary>| rows.into_iter().map(|s| s.id).collect::<Vec<_>>();
    let list = |f: &CaseFilter, p| ids(store.list(f, p).unwrap_or_else(|e| panic!("list: {e}")));
    let all = list(&CaseFilter::default(), Page::first(10));
    assert_eq!(
        all,
        (1..=5).map(case_id).collect::<Vec<_>>(),
        "rows must be in opening order"
    );
    assert_eq!(
        list(
            &CaseFilter::default(),
            Page {
                offset: 1,
                limit: 2
            }
        ),
        vec![case_id(2), case_id(3)]
    );
    let high = CaseFilter::default().severity_at_least(Severity::High);
    assert_eq!(
        list(&high, Page::first(10)),
        vec![case_id(2), case_id(4)],
        "severity filter"
    );
    let active = CaseFilter::default().stages([Stage::Active]);
    assert_eq!(
        list(&active, Page::first(10)),
        vec![case_id(4)],
        "stage filter"
    );
}

/// Listing by checkpoint finds exactly the cases whose checkpoint has
/// passed, follows the latest summary, and keeps the listing order.
pub fn lists_cases_past_their_checkpoint(store: &dyn Store) {
    let mut writers = Vec::new();
    for n in 1..=4_u128 {
        let (mut append, writer) = open(n, plain(n));
        let minutes = i64::try_from(n).unwrap_or(0) * 10;
        append.summary.next_checkpoint = (n != 4).then(|| start() + Duration::minutes(minutes));
        must(store.append(append), "opening");
        writers.push(writer);
    }
    let due = |at: DateTime<Utc>| {
        let filter = CaseFilter::default().checkpoint_by(at);
        let rows = store.list(&filter, Page::first(10));
        let rows = rows.unwrap_or_else(|e| panic!("list: {e}"));
        rows.into_iter().map(|s| s.id).collect::<Vec<_>>()
    };
    let at = start() + Duration::minutes(20);
    assert_eq!(
        due(at),
        vec![case_id(1), case_id(2)],
        "checkpoints at or before the instant"
    );

    let (mut moved, _) = writers[0].tag("later");
    moved.summary.next_checkpoint = Some(start() + Duration::minutes(90));
    must(store.append(moved), "moving a checkpoint");
    assert_eq!(
        due(at),
        vec![case_id(2)],
        "the latest summary's checkpoint counts"
    );
    let all = due(start() + Duration::days(1));
    assert_eq!(
        all,
        vec![case_id(1), case_id(2), case_id(3)],
        "cases without one never list"
    );
}

/// Threads appending to one stream, retrying on conflict, lose and
/// duplicate nothing.
pub fn concurrent_appenders_lose_nothing(store: &dyn Store) {
    const THREADS: usize = 4;
    const EACH: usize = 25;
    let (append, _) = open(1, plain(1));
    must(store.append(append), "creating a stream");
    thread::scope(|scope| {
        for t in 0..THREADS {
            scope.spawn(move || {
                for i in 0..EACH {
                    append_with_retry(store, &format!("t{t}-{i}"));
                }
            });
        }
    });
    let records = store.load(case_id(1), 0).unwrap_or_default();
    assert_eq!(
        records.len(),
        1 + THREADS * EACH,
        "appends were lost or duplicated"
    );
    assert!(
        audit::verify(&records).is_ok(),
        "concurrent appends broke the chain"
    );
    let case = Case::replay(records.iter().map(|r| &r.event)).ok();
    let tags = case.map(|c| c.tags.len()).unwrap_or_default();
    assert_eq!(
        tags,
        THREADS * EACH,
        "every tag must be recorded exactly once"
    );
}

fn append_with_retry(store: &dyn Store, tag: &str) {
    loop {
        let records = store.load(case_id(1), 0).unwrap_or_default();
        let case = Case::replay(records.iter().map(|r| &r.event));
        let case = case.unwrap_or_else(|e| panic!("stream does not fold: {e}"));
        let head = records.last().map_or(GENESIS, |r| r.hash);
        let now = case.updated_at;
        let (append, _) = Writer { case, head, now }.tag(tag);
        match store.append(append) {
            Ok(()) => return,
            Err(StoreError::Conflict { .. }) => {}
            Err(other) => panic!("concurrent append failed: {other}"),
        }
    }
}

/// Concurrent callers never get the same case number.
pub fn concurrent_numbers_are_unique(store: &dyn Store) {
    let prefix = CasePrefix::default();
    let numbers: Vec<u64> = thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                let prefix = prefix.clone();
                scope.spawn(move || {
                    (0..50)
                        .map(|_| store.next_number(&prefix, 2026).unwrap_or(0))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let unique: BTreeSet<u64> = numbers.iter().copied().collect();
    assert_eq!(unique.len(), 200, "case numbers were handed out twice");
    assert!(!unique.contains(&0), "case numbers start at 1");
    let other_year = store.next_number(&prefix, 2027).unwrap_or(0);
    assert_eq!(other_year, 1, "each year starts its own sequence");
}

fn term(value: &str) -> LookupKey {
    LookupKey::new(text::<KeyKind>("alert-observable"), text::<KeyValue>(value))
}

/// Index terms list every case that has them, the most recently added
/// first; adding a term twice changes nothing; a failed append adds none.
pub fn terms_list_cases_newest_first(store: &dyn Store) {
    let cases_with = |t: &str, limit| {
        store
            .cases_with(&term(t), limit)
            .unwrap_or_else(|e| panic!("cases_with failed: {e}"))
    };
    let (a, writer_a) = open(1, plain(1).key(key("k1")));
    must(
        store.append(a.term(term("ip:10.0.0.1"))),
        "opening with a term",
    );
    let (b, _) = open(2, plain(2));
    let b = b.term(term("ip:10.0.0.1")).term(term("host:web-1"));
    must(store.append(b), "opening with two terms");
    assert_eq!(
        cases_with("ip:10.0.0.1", 10),
        vec![case_id(2), case_id(1)],
        "a term must list its cases, newest first"
    );
    assert_eq!(
        cases_with("ip:10.0.0.1", 1),
        vec![case_id(2)],
        "limit must hold"
    );
    assert_eq!(cases_with("host:web-1", 10), vec![case_id(2)]);
    assert!(
        cases_with("nothing", 10).is_empty(),
        "an unknown term lists nothing"
    );

    let (again, _) = writer_a.tag("t");
    must(
        store.append(again.term(term("ip:10.0.0.1"))),
        "adding a term again",
    );
    assert_eq!(
        cases_with("ip:10.0.0.1", 10),
        vec![case_id(2), case_id(1)],
        "adding a term a case has must change nothing"
    );
    let (c, _) = open(3, plain(3).key(key("k1")));
    assert!(matches!(
        store.append(c.term(term("ip:10.0.0.1"))),
        Err(StoreError::KeyTaken { .. })
    ));
    assert_eq!(
        cases_with("ip:10.0.0.1", 10).len(),
        2,
        "a failed append must add no term"
    );
}

fn suppressed_alert(n: u128, rule: &str) -> SuppressedAlert {
    let producer = Producer::new(text("Contoso"), text("EDR"));
    let alert = Alert::builder(producer, text("det-1"), text("Port scan"), start())
        .record_id(text(format!("rec-{n}")))
        .build()
        .unwrap_or_else(|e| panic!("fixture alert is invalid: {e}"));
    let fingerprint = Fingerprint::of(&alert, &[FingerprintField::FindingId]);
    let id = AlertId::from_uuid(uuid::Uuid::from_u128(n));
    SuppressedAlert::new(id, fingerprint, text::<RuleName>(rule), start(), alert)
}

/// The suppression log keeps each record key once, in order, and reads
/// back by rule and by record.
pub fn suppression_log_holds_each_record_once(store: &dyn Store) {
    let suppress = |alert| {
        store
            .suppress(alert)
            .unwrap_or_else(|e| panic!("suppress failed: {e}"))
    };
    let read = |query: &SuppressedQuery, page| {
        store
            .suppressed(query, page)
            .unwrap_or_else(|e| panic!("suppressed failed: {e}"))
    };
    let (first, second) = (
        suppressed_alert(1, "noise"),
        suppressed_alert(2, "maintenance"),
    );
    assert_eq!(
        suppress(first.clone()),
        None,
        "a new record must be written"
    );
    assert_eq!(
        suppress(second.clone()),
        None,
        "a new record must be written"
    );
    let mut again = suppressed_alert(1, "maintenance");
    again.id = AlertId::from_uuid(uuid::Uuid::from_u128(99));
    assert_eq!(
        suppress(again),
        Some(first.clone()),
        "a record key held must return the entry written first"
    );
    assert_eq!(
        read(&SuppressedQuery::All, Page::first(10)),
        vec![first.clone(), second.clone()],
        "the log must read back in order, each record once"
    );
    let by_rule = SuppressedQuery::Rule(text("noise"));
    assert_eq!(read(&by_rule, Page::first(10)), vec![first]);
    let by_record = SuppressedQuery::Record(second.record.clone());
    assert_eq!(read(&by_record, Page::first(10)), vec![second.clone()]);
    let page = Page {
        offset: 1,
        limit: 5,
    };
    assert_eq!(read(&SuppressedQuery::All, page), vec![second]);
}
