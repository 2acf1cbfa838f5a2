//! Benchmarks of the audit chain, each beside bare SHA-256 over the same
//! bytes in the same group, so that their ratio comes from one run.
//!
//! - `audit_append`: [`Chain::seal`] (canonical encoding and hashing) over a
//!   1,000-event stream, against `Sha256::digest(prev || canonical(event))`
//!   over the same 1,000 byte strings, precomputed.
//! - `audit_verify`: [`audit::verify`] over 10,000 records, against bare
//!   SHA-256 over the same 10,000 precomputed byte strings.
//!
//! Run with `cargo bench --bench audit`; results are in `BENCHMARKS.md`.

use std::hint::black_box;
use std::time::Duration;

#[path = "support/stream.rs"]
mod stream;

use stream::{command, new_case};

use casefile::audit::{self, Chain, Record, canonical_bytes};
use casefile::case::{Caller, Case, CasePolicy, Command, Context, Event};
use casefile::ids::{AnalystId, CaseId, CaseNumber, CasePrefix};
use casefile::text::Reason;
use chrono::{DateTime, TimeDelta, Utc};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use sha2::{Digest as _, Sha256};
use uuid::Uuid;

/// Events sealed per iteration of the append benchmark.
const APPEND_EVENTS: usize = 1_000;
/// Records verified per iteration of the verify benchmark.
const VERIFY_RECORDS: usize = 10_000;

/// A realistic stream of `len` events for one case: opened (with tags, a
/// description and a field), acknowledged, assigned, then a repeating mix
/// of status changes, tag adds and removals, field edits and severity
/// changes; every fourth command carries a reason.
fn stream(len: usize) -> Vec<Event> {
    let policy = CasePolicy::default();
    let alice = Caller::analyst(AnalystId::from_uuid(Uuid::from_u128(0xa11ce)));
    let reason = Reason::new("analyst review of EDR telemetry").expect("valid reason");
    let start: DateTime<Utc> = "2026-03-02T09:00:00Z".parse().expect("valid time");
    let ctx = |i: usize| Context {
        caller: &alice,
        reason: (i % 4 == 0).then_some(&reason),
        now: start + TimeDelta::seconds(i64::try_from(i).expect("small index")),
        policy: &policy,
    };

    let mut events = Case::open(case_id(), number(), new_case(), &ctx(0));
    let mut case = Case::replay(&events).expect("an opened case replays");
    let prelude = [
        Command::Acknowledge,
        Command::AssignOwner {
            owner: Some(AnalystId::from_uuid(Uuid::from_u128(0xa11ce))),
        },
    ];
    let commands = prelude.into_iter().chain((0..).map(command));
    for (i, command) in commands.enumerate() {
        if events.len() >= len {
            break;
        }
        let decided = case.decide(&command, &ctx(i + 1)).expect("script is valid");
        for event in &decided {
            case.apply(event);
        }
        events.extend(decided);
    }
    events.truncate(len);
    events
}

fn case_id() -> CaseId {
    CaseId::from_uuid(Uuid::from_u128(0x0195_5a3c_7b00_7000_8000_0000_0000_0042))
}

fn number() -> CaseNumber {
    CaseNumber::new(CasePrefix::default(), 2026, 42).expect("valid number")
}

/// Seals a stream into records from the genesis.
fn seal_all(events: Vec<Event>) -> Vec<Record> {
    let mut chain = Chain::new();
    events.into_iter().map(|e| chain.seal(e)).collect()
}

/// `prev || canonical(event)` for every record: the bytes each hash covers.
fn hashed_bytes(records: &[Record]) -> Vec<Vec<u8>> {
    let bytes = |r: &Record| [r.prev.as_bytes().as_slice(), &canonical_bytes(&r.event)].concat();
    records.iter().map(bytes).collect()
}

fn bare_sha256(inputs: &[Vec<u8>]) {
    for input in inputs {
        black_box(Sha256::digest(black_box(input)));
    }
}

fn append(c: &mut Criterion) {
    let events = stream(APPEND_EVENTS);
    let inputs = hashed_bytes(&seal_all(events.clone()));
    let mut group = c.benchmark_group("audit_append");
    group.throughput(Throughput::Elements(APPEND_EVENTS as u64));

    group.bench_function("chain_seal", |b| {
        b.iter_batched(|| events.clone(), seal_all, BatchSize::SmallInput);
    });
    group.bench_function("bare_sha256", |b| b.iter(|| bare_sha256(&inputs)));
    group.finish();
}

fn verify(c: &mut Criterion) {
    let records = seal_all(stream(VERIFY_RECORDS));
    let inputs = hashed_bytes(&records);
    let mut group = c.benchmark_group("audit_verify");
    group.throughput(Throughput::Elements(VERIFY_RECORDS as u64));

    group.bench_function("verify", |b| {
        b.iter(|| audit::verify(black_box(&records)).expect("untouched stream"));
    });
    group.bench_function("bare_sha256", |b| b.iter(|| bare_sha256(&inputs)));
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4))
}

criterion_group! {
    name = benches;
    config = config();
    targets = append, verify
}
criterion_main!(benches);
