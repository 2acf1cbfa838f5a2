//! Benchmarks of the desk over [`MemoryStore`] and of replaying a case.
//!
//! - `desk_execute/short_streams`: commands per second through
//!   [`Desk::execute`] (load, replay, decide, seal, append, notify). Each
//!   iteration runs 64 commands, 4 rounds over 16 freshly opened cases
//!   (`AddTag`, `SetField`, `RemoveTag`, `SetField`), so every stream holds
//!   1 to 4 events when its command is decided.
//! - `desk_execute/long_stream`: one command at a time on a case that
//!   starts with 1,000 events and grows (alternately adding and removing a
//!   tag): the desk folds only the records appended since it last saw the
//!   case.
//! - `desk_replay/case_replay`: [`Case::replay`] of a 1,000-event stream.
//! - `desk_replay/desk_case`: [`Desk::case`] (load from [`MemoryStore`] and
//!   replay) of a case with 1,000 events.
//!
//! Run with `cargo bench --bench desk`; results are in `BENCHMARKS.md`.

#[path = "support/stream.rs"]
mod stream;

use stream::{command, field, new_case, tag};

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use casefile::case::{Caller, Case, Command, Event};
use casefile::ids::{AnalystId, CaseId};
use casefile::text::Reason;
use casefile::{Desk, DeskOptions, MemoryStore, RecordingNotifier, SequentialIds};
use chrono::{DateTime, TimeDelta, Utc};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use uuid::Uuid;

/// Cases opened before each iteration of the execute benchmark.
const CASES: usize = 16;
/// Commands executed on each of them per iteration.
const ROUNDS: usize = 4;
/// Events in the replayed stream.
const STREAM: usize = 1_000;

fn desk() -> Desk {
    Desk::new(
        Arc::new(MemoryStore::new()),
        Arc::new(RecordingNotifier::new()),
        Arc::new(SequentialIds::new()),
        DeskOptions::default(),
    )
}

fn alice() -> Caller {
    Caller::analyst(AnalystId::from_uuid(Uuid::from_u128(0xa11ce)))
}

fn start() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().expect("valid time")
}

fn at(i: usize) -> DateTime<Utc> {
    start() + TimeDelta::seconds(i64::try_from(i).expect("small index"))
}

/// A desk holding `count` freshly opened cases, and their ids.
fn opened(count: usize) -> (Desk, Vec<CaseId>) {
    let desk = desk();
    let caller = alice();
    let open = |i| desk.open(&caller, new_case(), None, at(i)).expect("opens");
    let cases = (0..count).map(|i| open(i).case()).collect();
    (desk, cases)
}

/// The command of round `round` in the execute benchmark.
fn edit(round: usize) -> Command {
    match round % 4 {
        0 => Command::AddTag {
            tag: tag("ioc:beacon"),
        },
        2 => Command::RemoveTag {
            tag: tag("ioc:beacon"),
        },
        _ => Command::SetField {
            name: field("ticket-ref"),
            value: Some(format!("INC-{round:06}").parse().expect("value")),
        },
    }
}

fn run_rounds((desk, cases): (Desk, Vec<CaseId>)) -> Desk {
    let caller = alice();
    for round in 0..ROUNDS {
        let command = edit(round);
        for case in &cases {
            let receipt = desk.execute(*case, &caller, &command, None, at(CASES + round));
            black_box(receipt.expect("command is accepted"));
        }
    }
    desk
}

/// A desk holding one case with exactly `len` events (opened, acknowledged,
/// assigned, then [`command`]); every fourth command carries a reason.
fn long_case(len: usize) -> (Desk, CaseId) {
    let (desk, cases) = opened(1);
    let case = cases[0];
    let caller = alice();
    let reason = Reason::new("analyst review of EDR telemetry").expect("valid reason");
    let owner = Some(AnalystId::from_uuid(Uuid::from_u128(0xa11ce)));
    let prelude = [Command::Acknowledge, Command::AssignOwner { owner }];
    let mut recorded = 1;
    for (i, command) in prelude.into_iter().chain((0..).map(command)).enumerate() {
        if recorded >= len {
            break;
        }
        let why = (i % 4 == 0).then_some(&reason);
        let receipt = desk.execute(case, &caller, &command, why, at(i + 1));
        recorded += receipt.expect("command is valid").events.len();
    }
    assert_eq!(recorded, len, "the command records one event per command");
    (desk, case)
}

fn execute(c: &mut Criterion) {
    let mut group = c.benchmark_group("desk_execute");
    group.throughput(Throughput::Elements((CASES * ROUNDS) as u64));

    group.bench_function("short_streams", |b| {
        b.iter_batched(|| opened(CASES), run_rounds, BatchSize::SmallInput);
    });
    group.finish();

    let (desk, case) = long_case(STREAM);
    let caller = alice();
    let mut i = 0_usize;
    let mut group = c.benchmark_group("desk_execute");
    group.throughput(Throughput::Elements(1));
    group.bench_function("long_stream", |b| {
        b.iter(|| {
            i += 1;
            let command = if i % 2 == 1 {
                Command::AddTag { tag: tag("long") }
            } else {
                Command::RemoveTag { tag: tag("long") }
            };
            desk.execute(case, &caller, &command, None, at(STREAM + i))
                .expect("valid")
        });
    });
    group.finish();
}

fn replay(c: &mut Criterion) {
    let (desk, case) = long_case(STREAM);
    let history = desk.history(case).expect("case exists");
    let events: Vec<Event> = history.into_iter().map(|r| r.event).collect();
    let mut group = c.benchmark_group("desk_replay");
    group.throughput(Throughput::Elements(STREAM as u64));

    group.bench_function("case_replay", |b| {
        b.iter(|| Case::replay(black_box(&events)).expect("replays"));
    });
    group.bench_function("desk_case", |b| {
        b.iter(|| desk.case(black_box(case)).expect("loads"));
    });
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
    targets = execute, replay
}
criterion_main!(benches);
