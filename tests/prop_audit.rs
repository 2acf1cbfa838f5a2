//! Property tests of the audit chain, on streams the desk records for
//! random command sequences:
//!
//! - an untouched stream verifies, against its head too, from any point;
//! - sealing its events again with a `Chain` reproduces it;
//! - a single altered record is reported as altered at its position, also
//!   when it was re-hashed (then its successor no longer chains to it; the
//!   last record re-hashed verifies, and only its anchored head catches it);
//! - a dropped record is reported as removed where it is missing (the last
//!   one only against the anchored head);
//! - two swapped records are reported as reordered at the first of them;
//! - another case's record, or a second copy of an earlier record, is
//!   reported as inserted where it was put.
//!
//! Each tampering is checked with `verify` and with `verify_case` (which
//! the desk uses); a record of another case put first is checked with
//! `verify_case` only, since `verify` takes the case from the first record.
//!
//! `PROPTEST_CASES` raises the number of cases (256 by default).

mod prop_support;

use casefile::audit::{self, Chain, Digest, Record, Tamper, VerifyError};
use casefile::case::Change;
use casefile::{Actor, Caller, CaseId, Command, Workflow};
use chrono::Duration;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::TestCaseError;

use prop_support::{Step, at, new_case, policy, run, statuses_of, steps, text};

/// The longest random command sequence after the prelude.
const MAX_STEPS: usize = 25;

/// Commands that always succeed on a new case, so every stream has at
/// least four records to tamper with.
fn prelude() -> Vec<Step> {
    let caller = Caller::analyst(casefile::ids::AnalystId::from_uuid(uuid::Uuid::from_u128(
        1,
    )));
    let step = |command| Step {
        caller: caller.clone(),
        command,
        reason: None,
    };
    vec![
        step(Command::Acknowledge),
        step(Command::AddTag { tag: text("beta") }),
        step(Command::SetField {
            name: text("ticket-ref"),
            value: Some(text("ref-1")),
        }),
    ]
}

fn soc_steps() -> impl Strategy<Value = Vec<Step>> {
    steps(statuses_of(Workflow::soc().definition()), MAX_STEPS).prop_map(|steps| {
        let mut all = prelude();
        all.extend(steps);
        all
    })
}

/// The records the desk stored for a case worked through `steps`, and
/// those of a second case on the same desk.
fn streams(steps: &[Step]) -> (Vec<Record>, Vec<Record>) {
    let run = run(policy(Workflow::soc()), steps);
    let records = run.records().to_vec();
    let caller = &prelude()[0].caller;
    let other = run
        .desk
        .open(caller, new_case(), None, at(0))
        .unwrap_or_else(|e| panic!("opening a second case failed: {e}"))
        .case();
    for (minute, step) in prelude().iter().enumerate() {
        run.desk
            .execute(other, caller, &step.command, None, at(minute + 1))
            .unwrap_or_else(|e| panic!("working the second case failed: {e}"));
    }
    let foreign = run
        .desk
        .history(other)
        .unwrap_or_else(|e| panic!("reading the second case failed: {e}"));
    (records, foreign)
}

/// A change to one field of a stored record.
#[derive(Clone, Copy, Debug)]
enum Alteration {
    /// The event's time, one second later.
    Time,
    /// The event's reason, added or taken away.
    Reason,
    /// The event's actor, replaced.
    Actor,
    /// What the event changed, replaced.
    Change,
    /// The record's `prev` hash, one bit flipped.
    Prev,
    /// The record's own hash, one bit flipped.
    Hash,
}

/// Alterations of the event only: those a forger can re-hash.
const EVENT_ALTERATIONS: [Alteration; 4] = [
    Alteration::Time,
    Alteration::Reason,
    Alteration::Actor,
    Alteration::Change,
];

const ALL_ALTERATIONS: [Alteration; 6] = [
    Alteration::Time,
    Alteration::Reason,
    Alteration::Actor,
    Alteration::Change,
    Alteration::Prev,
    Alteration::Hash,
];

fn flipped(digest: Digest) -> Digest {
    let mut bytes = *digest.as_bytes();
    bytes[0] ^= 1;
    Digest::from_bytes(bytes)
}

impl Alteration {
    fn apply(self, record: &mut Record) {
        let event = &mut record.event;
        match self {
            Self::Time => event.at += Duration::seconds(1),
            Self::Reason => {
                event.reason = match event.reason {
                    Some(_) => None,
                    None => Some(text("tampered")),
                }
            }
            Self::Actor => {
                event.actor = match event.actor {
                    Actor::System => Actor::Automation(casefile::ids::AutomationId::from_uuid(
                        uuid::Uuid::from_u128(66),
                    )),
                    _ => Actor::System,
                }
            }
            Self::Change => {
                event.change = Change::TagAdded {
                    tag: text("tampered"),
                }
            }
            Self::Prev => record.prev = flipped(record.prev),
            Self::Hash => record.hash = flipped(record.hash),
        }
    }
}

/// Asserts that verification failed at `position`, expecting the record
/// with seq `position + 1` there, for the reason `tamper`.
fn failed_at(
    result: Result<audit::Verified, VerifyError>,
    position: usize,
    tamper: Tamper,
) -> Result<(), TestCaseError> {
    let Err(error) = result else {
        let message = format!("verified, expected {tamper:?} at position {position}");
        return Err(TestCaseError::fail(message));
    };
    let found = (error.position, error.seq, error.tamper);
    prop_assert_eq!(found, (position, position as u64 + 1, tamper), "{}", error);
    Ok(())
}

/// As [`failed_at`], for both `verify` and `verify_case`.
fn failed_at_both(
    records: &[Record],
    case: CaseId,
    position: usize,
    tamper: Tamper,
) -> Result<(), TestCaseError> {
    failed_at(audit::verify(records), position, tamper)?;
    failed_at(audit::verify_case(case, records), position, tamper)
}

/// Asserts that both `verify` and `verify_case` accept `records`.
fn verifies_both(records: &[Record], case: CaseId) -> Result<(), TestCaseError> {
    let plain = audit::verify(records);
    prop_assert!(plain.is_ok(), "verify: {}", plain.unwrap_err());
    let told = audit::verify_case(case, records);
    prop_assert!(told.is_ok(), "verify_case: {}", told.unwrap_err());
    prop_assert_eq!(plain.unwrap(), told.unwrap());
    Ok(())
}

fn head(records: &[Record]) -> Digest {
    records.last().map_or(audit::GENESIS, |r| r.hash)
}

proptest! {
    #[test]
    fn prop_untouched_stream_verifies(steps in soc_steps()) {
        let (records, _) = streams(&steps);
        let last = head(&records);

        verifies_both(&records, records[0].event.case)?;
        let verified = audit::verify(&records).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!((verified.records, verified.head), (records.len(), last));
        let anchored = audit::verify_against(&records, &last);
        prop_assert!(anchored.is_ok(), "{}", anchored.unwrap_err());
        for split in 1..records.len() {
            let (done, rest) = records.split_at(split);
            let resumed = audit::verify_from(head(done), split as u64 + 1, rest);
            prop_assert!(resumed.is_ok(), "from record {}: {}", split, resumed.unwrap_err());
            prop_assert_eq!(resumed.unwrap().head, last);
        }
    }

    #[test]
    fn prop_resealing_the_events_reproduces_the_stream(steps in soc_steps()) {
        let (records, _) = streams(&steps);

        let mut chain = Chain::new();
        let resealed: Vec<Record> = records.iter().map(|r| chain.seal(r.event.clone())).collect();
        prop_assert_eq!(&resealed, &records);
        prop_assert_eq!(chain.head(), head(&records));
    }

    #[test]
    fn prop_altered_record_is_reported_at_its_position(
        steps in soc_steps(),
        at in any::<Index>(),
        alteration in proptest::sample::select(&ALL_ALTERATIONS[..]),
    ) {
        let (mut records, _) = streams(&steps);
        let case = records[0].event.case;
        let original = head(&records);
        let i = at.index(records.len());

        alteration.apply(&mut records[i]);

        failed_at_both(&records, case, i, Tamper::Altered)?;
        failed_at(audit::verify_against(&records, &original), i, Tamper::Altered)?;
    }

    #[test]
    fn prop_altered_and_rehashed_record_is_reported_at_its_position(
        steps in soc_steps(),
        at in any::<Index>(),
        alteration in proptest::sample::select(&EVENT_ALTERATIONS[..]),
    ) {
        let (mut records, _) = streams(&steps);
        let case = records[0].event.case;
        let original = head(&records);
        let i = at.index(records.len());

        alteration.apply(&mut records[i]);
        records[i].hash = records[i].compute_hash(&mut Vec::new());

        if i + 1 < records.len() {
            failed_at_both(&records, case, i, Tamper::Altered)?;
            failed_at(audit::verify_against(&records, &original), i, Tamper::Altered)?;
        } else {
            // The chain alone cannot tell a re-hashed newest record from an
            // honest one (documented on `verify`); its anchored head can.
            verifies_both(&records, case)?;
            prop_assert!(audit::verify_against(&records, &original).is_err());
        }
    }

    #[test]
    fn prop_dropped_record_is_reported_where_it_is_missing(
        steps in soc_steps(),
        at in any::<Index>(),
    ) {
        let (mut records, _) = streams(&steps);
        let case = records[0].event.case;
        let original = head(&records);
        let i = at.index(records.len());

        records.remove(i);

        if i < records.len() {
            failed_at_both(&records, case, i, Tamper::Removed)?;
        } else {
            // Cutting off the newest record leaves a valid chain (documented
            // on `verify`); the anchored head reports it missing at the end.
            verifies_both(&records, case)?;
        }
        failed_at(audit::verify_against(&records, &original), i, Tamper::Removed)?;
    }

    #[test]
    fn prop_swapped_records_are_reported_at_the_first_swapped_position(
        steps in soc_steps(),
        first in any::<Index>(),
        second in any::<Index>(),
        adjacent in any::<bool>(),
    ) {
        let (mut records, _) = streams(&steps);
        let case = records[0].event.case;
        let n = records.len();
        let (i, j) = if adjacent {
            let i = first.index(n - 1);
            (i, i + 1)
        } else {
            let (a, b) = (first.index(n), second.index(n - 1));
            let b = if b >= a { b + 1 } else { b };
            (a.min(b), a.max(b))
        };

        records.swap(i, j);

        failed_at_both(&records, case, i, Tamper::Reordered)?;
    }

    #[test]
    fn prop_record_of_another_case_is_reported_as_inserted(
        steps in soc_steps(),
        at in any::<Index>(),
        which in any::<Index>(),
    ) {
        let (mut records, foreign) = streams(&steps);
        let case = records[0].event.case;
        let p = 1 + at.index(records.len());
        let stranger = foreign[which.index(foreign.len())].clone();

        records.insert(p, stranger);

        failed_at_both(&records, case, p, Tamper::Inserted)?;
    }

    /// The same law as above, for the one position where the record that
    /// does not belong comes first. Only a verifier told the case can see
    /// it: `verify` takes the stream's case from its first record (as its
    /// docs say), so this checks `verify_case`, which the desk uses.
    #[test]
    fn prop_record_of_another_case_put_first_is_reported_as_inserted(
        steps in soc_steps(),
        which in any::<Index>(),
    ) {
        let (mut records, foreign) = streams(&steps);
        let case = records[0].event.case;
        let stranger = foreign[which.index(foreign.len())].clone();

        records.insert(0, stranger);

        failed_at(audit::verify_case(case, &records), 0, Tamper::Inserted)?;
    }

    #[test]
    fn prop_duplicated_record_is_reported_as_inserted(
        steps in soc_steps(),
        which in any::<Index>(),
        after in any::<Index>(),
    ) {
        let (mut records, _) = streams(&steps);
        let case = records[0].event.case;
        let n = records.len();
        let k = which.index(n);
        let p = k + 1 + after.index(n - k);

        records.insert(p, records[k].clone());

        failed_at_both(&records, case, p, Tamper::Inserted)?;
    }
}
