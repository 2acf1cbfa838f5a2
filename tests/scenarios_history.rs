//! Issue 2, items 4 and 5: reading a case's history, rebuilding it at any
//! point, and verifying its hash chain.

mod common;

use std::sync::{Arc, Mutex, PoisonError};

use casefile::audit::{
    Chain, GENESIS, Record, Tamper, VerifyError, canonical_bytes, verify, verify_against,
    verify_from,
};
use casefile::case::{Actor, Change, ReplayError};
use casefile::ids::{AutomationId, CasePrefix, LookupKey};
use casefile::store::{Append, CaseFilter, CaseSummary, Page, StoreError};
use casefile::text::Reason;
use casefile::triage::{Severity, Tlp, Verdict};
use casefile::workflow::Stage;
use casefile::{
    Caller, Case, CaseId, Command, Desk, DeskError, DeskOptions, MemoryStore, RecordingNotifier,
    SequentialIds, Store,
};
use chrono::Duration;
use common::{
    Fixture, alice, analyst, assign, bob, later, move_to, nth_id, phishing, resolve, t0, text,
};
use sha2::{Digest as _, Sha256};

fn reason(text: &str) -> Reason {
    common::text(text)
}

fn robot() -> Caller {
    Caller::new(Actor::Automation(AutomationId::from_uuid(
        uuid::Uuid::from_u128(77),
    )))
}

/// Opens a case and works it to closure over half an hour: six records.
fn worked_case(desk: &Desk) -> CaseId {
    let why = reason("Reported by the CFO");
    let case = desk
        .open(&alice(), phishing(), Some(&why), t0())
        .unwrap()
        .case();
    let taking = reason("Taking it");
    desk.execute(case, &bob(), &assign(analyst(2)), Some(&taking), later(5))
        .unwrap();
    desk.execute(case, &bob(), &move_to("triage"), None, later(10))
        .unwrap();
    desk.execute(
        case,
        &bob(),
        &resolve(Verdict::FalsePositive),
        None,
        later(20),
    )
    .unwrap();
    let close = Command::Close { status: None };
    desk.execute(case, &robot(), &close, None, later(30))
        .unwrap();
    case
}

fn worked_records() -> Vec<Record> {
    let fixture = Fixture::new();
    let case = worked_case(&fixture.desk);
    fixture.desk.history(case).unwrap()
}

// ---------------------------------------------------------------------------
// Item 4: history

#[test]
fn every_event_names_its_actor_time_and_reason() {
    let records = worked_records();

    let stamps: Vec<_> = records
        .iter()
        .map(|r| (r.event.actor, r.event.at, r.event.reason.clone()))
        .collect();

    let by = |caller: Caller| caller.actor;
    let expected = vec![
        (by(alice()), t0(), Some(reason("Reported by the CFO"))),
        (by(bob()), later(5), Some(reason("Taking it"))),
        (by(bob()), later(10), None),
        (by(bob()), later(20), None),
        (by(bob()), later(20), None),
        (by(robot()), later(30), None),
    ];
    assert_eq!(stamps, expected);
}

#[test]
fn events_are_numbered_from_one_without_gaps() {
    let records = worked_records();

    let numbers: Vec<u64> = records.iter().map(|r| r.event.seq).collect();

    assert_eq!(numbers, [1, 2, 3, 4, 5, 6]);
    assert!(records.iter().all(|r| r.event.case == nth_id(1)));
}

#[test]
fn every_change_records_its_old_and_new_value() {
    let fixture = Fixture::new();
    let case = fixture.open();
    let commands = [
        Command::Retitle {
            title: text("Spear phishing of finance"),
        },
        Command::SetSeverity {
            severity: Severity::High,
        },
        Command::SetTlp { tlp: Tlp::Red },
        Command::AddTag { tag: text("bec") },
        Command::SetField {
            name: text("mailbox"),
            value: Some(text("cfo@example.com")),
        },
        Command::SetField {
            name: text("mailbox"),
            value: None,
        },
    ];
    fixture.run_all(case, &commands);

    let history = fixture.desk.history(case).unwrap();

    let changes: Vec<Change> = history[1..]
        .iter()
        .map(|r| r.event.change.clone())
        .collect();
    let expected = vec![
        Change::TitleChanged {
            old: text("Credential phishing reported"),
            new: text("Spear phishing of finance"),
        },
        Change::SeverityChanged {
            old: Severity::Medium,
            new: Severity::High,
        },
        Change::TlpChanged {
            old: Tlp::Amber,
            new: Tlp::Red,
        },
        Change::TagAdded { tag: text("bec") },
        Change::FieldChanged {
            name: text("mailbox"),
            old: None,
            new: Some(text("cfo@example.com")),
        },
        Change::FieldChanged {
            name: text("mailbox"),
            old: Some(text("cfo@example.com")),
            new: None,
        },
    ];
    assert_eq!(changes, expected);
}

#[test]
fn the_first_event_records_how_the_case_was_opened() {
    let records = worked_records();

    let Change::Opened(opened) = &records[0].event.change else {
        panic!("first event is {:?}", records[0].event.change);
    };

    assert_eq!(opened.number.to_string(), "SOC-2026-000001");
    assert_eq!((opened.status.as_str(), opened.stage), ("new", Stage::New));
    assert_eq!(opened.title.as_str(), "Credential phishing reported");
}

#[test]
fn case_at_rebuilds_the_case_as_it_was_after_each_event() {
    let fixture = Fixture::new();
    let case = worked_case(&fixture.desk);

    let statuses: Vec<(u64, String)> = (1..=6)
        .map(|v| fixture.desk.case_at(case, v).unwrap())
        .map(|c| (c.version, c.status.to_string()))
        .collect();

    let expected = [
        (1, "new"),
        (2, "new"),
        (3, "triage"),
        (4, "triage"),
        (5, "resolved"),
        (6, "closed"),
    ];
    assert_eq!(statuses, expected.map(|(v, s)| (v, s.to_owned())));
}

#[test]
fn case_at_an_early_version_lacks_later_changes() {
    let fixture = Fixture::new();
    let case = worked_case(&fixture.desk);

    let opened = fixture.desk.case_at(case, 1).unwrap();
    let assigned = fixture.desk.case_at(case, 2).unwrap();

    assert_eq!((opened.owner, opened.updated_at), (None, t0()));
    assert_eq!(
        (assigned.owner, assigned.updated_at),
        (Some(analyst(2)), later(5))
    );
    assert_eq!(assigned.resolution, None);
    assert_eq!(
        fixture.desk.case_at(case, 6).unwrap(),
        fixture.desk.case(case).unwrap()
    );
}

#[test]
fn case_at_refuses_versions_outside_the_stream() {
    let fixture = Fixture::new();
    let case = worked_case(&fixture.desk);

    let zero = fixture.desk.case_at(case, 0).unwrap_err();
    let beyond = fixture.desk.case_at(case, 7).unwrap_err();

    let id = nth_id(1);
    assert_eq!(
        zero.to_string(),
        format!("case `{id}` has 6 events; version 0 does not exist")
    );
    assert_eq!(
        beyond.to_string(),
        format!("case `{id}` has 6 events; version 7 does not exist")
    );
    assert!(matches!(
        beyond,
        DeskError::NoSuchVersion {
            version: 7,
            latest: 6,
            ..
        }
    ));
}

#[test]
fn replaying_a_prefix_of_the_events_gives_the_case_at_that_version() {
    let fixture = Fixture::new();
    let case = worked_case(&fixture.desk);
    let records = fixture.desk.history(case).unwrap();

    for version in 1..=records.len() {
        let prefix = records[..version].iter().map(|r| &r.event);
        let replayed = Case::replay(prefix).unwrap();
        assert_eq!(
            replayed,
            fixture.desk.case_at(case, version as u64).unwrap(),
            "version {version}"
        );
    }
}

#[test]
fn applying_events_one_by_one_reaches_the_state_the_desk_reports() {
    let fixture = Fixture::new();
    let case = worked_case(&fixture.desk);
    let records = fixture.desk.history(case).unwrap();

    let mut folded = Case::from_opened(&records[0].event).unwrap();
    for record in &records[1..] {
        folded.apply(&record.event);
    }

    assert_eq!(folded, fixture.desk.case(case).unwrap());
}

#[test]
fn replay_refuses_streams_that_do_not_fold() {
    let records = worked_records();
    let events: Vec<_> = records.iter().map(|r| r.event.clone()).collect();
    let id = nth_id(1);

    let empty = Case::replay(&[]).unwrap_err();
    let headless = Case::replay(&events[1..]).unwrap_err();
    let gapped = Case::replay([&events[0], &events[2]]).unwrap_err();

    assert_eq!(empty, ReplayError::Empty);
    assert_eq!(empty.to_string(), "stream is empty");
    assert_eq!(
        headless.to_string(),
        format!("first event of case `{id}` is not `opened`")
    );
    assert_eq!(
        gapped.to_string(),
        format!("event 1 is `{id}` #3; expected `{id}` #2")
    );
}

#[test]
fn reading_an_unknown_case_is_not_found() {
    let fixture = Fixture::new();
    let unknown = nth_id(99);

    let error = fixture.desk.history(unknown).unwrap_err();

    assert!(matches!(error, DeskError::NotFound { case } if case == unknown));
    assert_eq!(
        error.to_string(),
        format!("case `{unknown}` does not exist")
    );
    assert!(matches!(
        fixture.desk.case_at(unknown, 1),
        Err(DeskError::NotFound { .. })
    ));
    assert!(matches!(
        fixture.desk.verify(unknown),
        Err(DeskError::NotFound { .. })
    ));
}

// ---------------------------------------------------------------------------
// Item 5: the hash chain

#[test]
fn an_untouched_history_verifies_to_its_last_hash() {
    let fixture = Fixture::new();
    let case = worked_case(&fixture.desk);
    let records = fixture.desk.history(case).unwrap();

    let verified = fixture.desk.verify(case).unwrap();

    assert_eq!(verified.records, 6);
    assert_eq!(verified.head, records[5].hash);
}

#[test]
fn each_record_chains_to_its_predecessor_from_genesis() {
    let records = worked_records();

    let prevs: Vec<_> = records.iter().map(|r| r.prev).collect();
    let mut expected = vec![GENESIS];
    expected.extend(records[..5].iter().map(|r| r.hash));

    assert_eq!(prevs, expected);
}

#[test]
fn genesis_is_the_hash_of_its_documented_text() {
    let expected: [u8; 32] = Sha256::digest(b"casefile.audit.v1").into();

    assert_eq!(GENESIS.as_bytes(), &expected);
    assert_eq!(
        GENESIS.to_string(),
        "d39221053be085d393023e1862251b38a78bb7a9669eabd64f2372249013dda8"
    );
}

#[test]
fn a_record_hash_is_sha256_of_the_previous_hash_and_the_canonical_event() {
    let records = worked_records();

    for record in &records {
        let mut hasher = Sha256::new();
        hasher.update(record.prev.as_bytes());
        hasher.update(canonical_bytes(&record.event));
        let expected: [u8; 32] = hasher.finalize().into();
        assert_eq!(
            record.hash.as_bytes(),
            &expected,
            "record #{}",
            record.event.seq
        );
    }
}

fn put_str(bytes: &mut Vec<u8>, text: &str) {
    bytes.extend(u32::try_from(text.len()).unwrap().to_be_bytes());
    bytes.extend(text.as_bytes());
}

/// The encoding the `audit` module docs specify for record #2: bob
/// assigning himself, with a reason, five minutes after opening.
fn documented_encoding_of_the_assignment() -> Vec<u8> {
    let mut bytes = vec![1];
    bytes.extend(nth_id(1).as_uuid().as_bytes());
    bytes.extend(2_u64.to_be_bytes());
    bytes.extend(later(5).timestamp().to_be_bytes());
    bytes.extend(0_u32.to_be_bytes());
    put_str(&mut bytes, "analyst");
    bytes.extend(analyst(2).as_uuid().as_bytes());
    bytes.push(1);
    put_str(&mut bytes, "Taking it");
    put_str(&mut bytes, "owner_changed");
    bytes.push(0);
    bytes.push(1);
    bytes.extend(analyst(2).as_uuid().as_bytes());
    bytes
}

#[test]
fn the_canonical_encoding_is_the_documented_one() {
    let records = worked_records();

    let bytes = canonical_bytes(&records[1].event);

    assert_eq!(bytes, documented_encoding_of_the_assignment());
}

#[test]
fn sealing_the_same_events_again_reproduces_the_stored_records() {
    let records = worked_records();

    let mut chain = Chain::new();
    let resealed: Vec<Record> = records
        .iter()
        .map(|r| chain.seal(r.event.clone()))
        .collect();

    assert_eq!(resealed, records);
    assert_eq!(chain.head(), records[5].hash);
}

#[test]
fn two_runs_with_fixed_ids_and_times_give_the_same_hashes() {
    let first = worked_records();
    let second = worked_records();

    assert_eq!(first.last().unwrap().hash, second.last().unwrap().hash);
}

fn verify_error(records: &[Record]) -> VerifyError {
    verify(records).unwrap_err()
}

fn found(position: usize, tamper: Tamper) -> (usize, u64, Tamper) {
    (position, position as u64 + 1, tamper)
}

fn report(error: VerifyError) -> (usize, u64, Tamper) {
    (error.position, error.seq, error.tamper)
}

#[test]
fn altering_any_record_is_found_at_that_record() {
    let records = worked_records();

    for at in 0..records.len() {
        let mut altered = records.clone();
        altered[at].event.at += Duration::seconds(1);
        assert_eq!(
            report(verify_error(&altered)),
            found(at, Tamper::Altered),
            "record {at}"
        );
    }
}

#[test]
fn rewriting_and_rehashing_a_record_is_found_at_that_record() {
    let records = worked_records();
    let mut forged = records.clone();
    forged[2].event.actor = Actor::System;
    forged[2].hash = forged[2].compute_hash(&mut Vec::new());

    let error = verify_error(&forged);

    assert_eq!(report(error), found(2, Tamper::Altered));
    assert_eq!(
        error.to_string(),
        "altered record at position 2: expected record #3"
    );
}

#[test]
fn forging_the_first_record_against_another_genesis_is_found() {
    let records = worked_records();
    let mut forged = records.clone();
    forged[0].prev = records[3].hash;
    forged[0].hash = forged[0].compute_hash(&mut Vec::new());

    assert_eq!(report(verify_error(&forged)), found(0, Tamper::Altered));
}

#[test]
fn removing_a_record_is_found_where_it_is_missing() {
    let mut records = worked_records();
    records.remove(3);

    let error = verify_error(&records);

    assert_eq!(report(error), found(3, Tamper::Removed));
    assert_eq!(
        error.to_string(),
        "removed record at position 3: expected record #4"
    );
}

#[test]
fn swapping_two_records_is_found_as_reordered() {
    let mut records = worked_records();
    records.swap(1, 4);

    let error = verify_error(&records);

    assert_eq!(report(error), found(1, Tamper::Reordered));
    assert_eq!(
        error.to_string(),
        "reordered record at position 1: expected record #2"
    );
}

#[test]
fn inserting_a_copy_of_a_record_is_found_as_inserted() {
    let mut records = worked_records();
    let copy = records[1].clone();
    records.insert(3, copy);

    let error = verify_error(&records);

    assert_eq!(report(error), found(3, Tamper::Inserted));
    assert_eq!(
        error.to_string(),
        "inserted record at position 3: expected record #4"
    );
}

#[test]
fn inserting_a_record_of_another_case_is_found_as_inserted() {
    let fixture = Fixture::new();
    let first = worked_case(&fixture.desk);
    let second = worked_case(&fixture.desk);
    let mut records = fixture.desk.history(first).unwrap();
    let foreign = fixture.desk.history(second).unwrap();
    records.insert(2, foreign[2].clone());

    assert_eq!(report(verify_error(&records)), found(2, Tamper::Inserted));
}

#[test]
fn cutting_off_the_newest_records_is_found_only_against_an_anchored_head() {
    let records = worked_records();
    let head = records[5].hash;

    let cut = &records[..4];

    assert_eq!(verify(cut).unwrap().records, 4);
    assert_eq!(
        report(verify_against(cut, &head).unwrap_err()),
        found(4, Tamper::Removed)
    );
    assert_eq!(verify_against(&records, &head).unwrap().head, head);
}

#[test]
fn records_after_an_anchored_head_are_found_as_inserted() {
    let records = worked_records();
    let anchored = records[2].hash;

    let error = verify_against(&records, &anchored).unwrap_err();

    assert_eq!(report(error), found(3, Tamper::Inserted));
}

#[test]
fn verification_can_continue_from_a_known_record() {
    let records = worked_records();

    let verified = verify_from(records[2].hash, 4, &records[3..]).unwrap();
    let wrong_start = verify_from(records[1].hash, 4, &records[3..]).unwrap_err();

    assert_eq!((verified.records, verified.head), (3, records[5].hash));
    assert_eq!(
        (wrong_start.position, wrong_start.tamper),
        (0, Tamper::Altered)
    );
}

// ---------------------------------------------------------------------------
// Item 5 through the desk: a store whose records were altered behind its back

type Tampering = fn(&mut Vec<Record>);

/// A `MemoryStore` whose loads pass through a tampering function once one
/// is set: what an attacker with write access to the database could do.
#[derive(Default)]
struct TamperedStore {
    inner: MemoryStore,
    tamper: Mutex<Option<Tampering>>,
}

impl TamperedStore {
    fn tamper(&self, tampering: Tampering) {
        *self.tamper.lock().unwrap_or_else(PoisonError::into_inner) = Some(tampering);
    }
}

impl Store for TamperedStore {
    fn next_number(&self, prefix: &CasePrefix, year: i32) -> Result<u64, StoreError> {
        self.inner.next_number(prefix, year)
    }

    fn append(&self, append: Append) -> Result<(), StoreError> {
        self.inner.append(append)
    }

    fn load(&self, case: CaseId, after: u64) -> Result<Vec<Record>, StoreError> {
        let mut records = self.inner.load(case, after)?;
        if let Some(tamper) = *self.tamper.lock().unwrap_or_else(PoisonError::into_inner) {
            tamper(&mut records);
        }
        Ok(records)
    }

    fn summary(&self, case: CaseId) -> Result<Option<CaseSummary>, StoreError> {
        self.inner.summary(case)
    }

    fn list(&self, filter: &CaseFilter, page: Page) -> Result<Vec<CaseSummary>, StoreError> {
        self.inner.list(filter, page)
    }

    fn lookup(&self, key: &LookupKey) -> Result<Option<CaseId>, StoreError> {
        self.inner.lookup(key)
    }
}

fn tampered_desk() -> (Desk, Arc<TamperedStore>) {
    let store = Arc::new(TamperedStore::default());
    let notifier = Arc::new(RecordingNotifier::new());
    let ids = Arc::new(SequentialIds::new());
    let desk = Desk::new(store.clone(), notifier, ids, DeskOptions::default());
    (desk, store)
}

fn tampered_verification(tampering: Tampering) -> DeskError {
    let (desk, store) = tampered_desk();
    let case = worked_case(&desk);
    assert!(desk.verify(case).is_ok(), "verifies before tampering");
    store.tamper(tampering);
    desk.verify(case).unwrap_err()
}

fn verify_source(error: &DeskError) -> VerifyError {
    match error {
        DeskError::Tampered { source, .. } => *source,
        other => panic!("expected tampering, got {other:?}"),
    }
}

#[test]
fn the_desk_reports_an_altered_stored_record() {
    let error = tampered_verification(|records| {
        records[4].event.change = Change::Acknowledged;
    });

    assert_eq!(
        error.to_string(),
        format!("history of case `{}` fails verification", nth_id(1))
    );
    assert_eq!(report(verify_source(&error)), found(4, Tamper::Altered));
    let source = std::error::Error::source(&error).unwrap().to_string();
    assert_eq!(source, "altered record at position 4: expected record #5");
}

#[test]
fn the_desk_reports_a_stored_record_removed() {
    let error = tampered_verification(|records| {
        records.remove(1);
    });

    assert_eq!(report(verify_source(&error)), found(1, Tamper::Removed));
}

#[test]
fn the_desk_reports_a_forged_verdict_even_when_rehashed() {
    let error = tampered_verification(|records| {
        let Change::ResolutionChanged {
            new: Some(resolution),
            ..
        } = &mut records[3].event.change
        else {
            panic!("record 4 records the resolution");
        };
        resolution.verdict = Verdict::TruePositive;
        records[3].hash = records[3].compute_hash(&mut Vec::new());
    });

    assert_eq!(report(verify_source(&error)), found(3, Tamper::Altered));
}

#[test]
fn the_desk_reports_a_stream_missing_its_first_record() {
    let (desk, store) = tampered_desk();
    let case = worked_case(&desk);
    store.tamper(|records| {
        records.remove(0);
    });

    let verified = desk.verify(case).unwrap_err();
    let replayed = desk.case(case).unwrap_err();

    assert_eq!(report(verify_source(&verified)), found(0, Tamper::Removed));
    assert_eq!(
        replayed.to_string(),
        format!("stream of case `{case}` cannot be replayed")
    );
    let source = std::error::Error::source(&replayed).unwrap().to_string();
    assert_eq!(
        source,
        format!("first event of case `{case}` is not `opened`")
    );
}

/// A record sealed for another case, as a forger would copy one in.
fn foreign_record() -> Record {
    let event = casefile::Event::new(nth_id(99), 1, t0(), Actor::System, Change::Acknowledged);
    Chain::new().seal(event)
}

#[test]
fn the_desk_reports_a_foreign_record_put_at_the_head_of_a_stream() {
    let error = tampered_verification(|records| records.insert(0, foreign_record()));

    assert_eq!(report(verify_source(&error)), found(0, Tamper::Inserted));
}

#[test]
fn the_desk_reports_a_foreign_record_put_inside_a_stream() {
    let error = tampered_verification(|records| records.insert(3, foreign_record()));

    assert_eq!(report(verify_source(&error)), found(3, Tamper::Inserted));
}
