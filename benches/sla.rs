//! Benchmarks of SLA computation.
//!
//! - `sla_deadline/with_pause`: the due time of a 4-business-hour target
//!   with a two-hour pause, on Mon-Fri 08:00-17:00 in Europe/Berlin with ten
//!   holidays a year, from 1,000 starts: the business time used before the
//!   pause (`between`) and the rest added after it (`add`).
//! - `sla_report/events_100`: [`SlaPolicies::report`] of a case with 100
//!   events (status moves, holds and resumes, priority changes, reopens).
//! - `sla_sweep/open_100k_due_1pct`: [`Desk::sweep`] over 100,000 open
//!   cases of which 1,000 have passed their checkpoint, on a fresh copy of
//!   the same store each iteration.
//!
//! Run with `cargo bench --bench sla`; results are in `BENCHMARKS.md`.

#[path = "calendar/inputs.rs"]
#[allow(dead_code)] // the workclock half of the inputs serves the calendar bench
mod inputs;

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use casefile::case::{Caller, Command, Event, NewCase};
use casefile::ids::AnalystId;
use casefile::notify::NullNotifier;
use casefile::sla::{SlaDefinition, SlaPolicies};
use casefile::triage::{Category, Impact, Severity, Urgency};
use casefile::{Desk, DeskOptions, MemoryStore, SequentialIds, Workflow};
use chrono::{DateTime, TimeDelta, Utc};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use serde_json::json;

fn parse<T: std::str::FromStr>(s: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    s.parse().expect("fixed text is valid")
}

fn deadline_with_pause(c: &mut Criterion) {
    let calendar = inputs::calendar();
    let starts = inputs::starts();
    let target = TimeDelta::hours(4);
    let mut group = c.benchmark_group("sla_deadline");
    group.throughput(Throughput::Elements(starts.len() as u64));
    group.bench_function("with_pause", |b| {
        b.iter(|| {
            for &start in &starts {
                let paused = start + TimeDelta::hours(1);
                let used = calendar.between(start, paused);
                let resumed = paused + TimeDelta::hours(2);
                let due = calendar.add(resumed, target - used.min(target));
                black_box(due.expect("in range"));
            }
        });
    });
    group.finish();
}

/// Two policies with an acknowledge and a resolve target, counted in the
/// office calendar, or 24x7 when `office` is false.
fn definition(office_hours: bool) -> SlaDefinition {
    let office = json!({
        "time_zone": "Europe/Berlin",
        "week": {
            "monday": [["08:00", "17:00"]], "tuesday": [["08:00", "17:00"]],
            "wednesday": [["08:00", "17:00"]], "thursday": [["08:00", "17:00"]],
            "friday": [["08:00", "17:00"]]
        },
        "holidays": [{"yearly": {"month": 12, "day": 25}}, {"yearly": {"month": 5, "day": 1}}]
    });
    let target = |name: &str, minutes: u32, stop: serde_json::Value| {
        let mut target = json!({
            "name": name, "minutes": minutes,
            "start": {"on": "opened"}, "stop": stop, "pause": {"stages": ["waiting"]}
        });
        if office_hours {
            target["calendar"] = json!("office");
        }
        target
    };
    let targets = |scale: u32| {
        json!([
            target(
                "time-to-acknowledge",
                15 * scale,
                json!({"on": "acknowledged"})
            ),
            target(
                "time-to-resolve",
                240 * scale,
                json!({"on": "stage", "stages": ["resolved", "closed"]})
            ),
        ])
    };
    serde_json::from_value(json!({
        "calendars": {"office": office},
        "policies": [
            {"name": "urgent", "when": {"priorities": ["p1", "p2"]}, "targets": targets(1)},
            {"name": "standard", "targets": targets(4)}
        ]
    }))
    .expect("the definition deserializes")
}

fn desk(office_hours: bool) -> Desk {
    let policies = SlaPolicies::new(definition(office_hours), &Workflow::soc()).expect("valid");
    Desk::new(
        Arc::new(MemoryStore::new()),
        Arc::new(NullNotifier),
        Arc::new(SequentialIds::new()),
        DeskOptions::default().sla(policies),
    )
}

fn start() -> DateTime<Utc> {
    "2026-03-02T07:00:00Z".parse().expect("valid time")
}

fn caller() -> Caller {
    Caller::analyst(AnalystId::from_uuid(uuid::Uuid::from_u128(1)))
        .with_permission(parse("case:reopen"))
}

/// A case with 100 events: a cycle of moves, holds, priority changes and
/// a resolve-and-reopen, ten minutes apart.
fn hundred_events(desk: &Desk) -> Vec<Event> {
    let owner = AnalystId::from_uuid(uuid::Uuid::from_u128(1));
    let new = NewCase::new(parse("case"), Category::malware(), Severity::High);
    let case = desk
        .open(&caller(), new, None, start())
        .expect("opens")
        .case();
    desk.execute(
        case,
        &caller(),
        &Command::AssignOwner { owner: Some(owner) },
        None,
        start(),
    )
    .expect("assigns");
    let cycle = [
        Command::Move {
            to: parse("triage"),
        },
        Command::Move {
            to: parse("investigating"),
        },
        Command::Hold {
            status: None,
            waiting_for: parse("vendor"),
        },
        Command::Resume,
        Command::SetImpactUrgency {
            impact: Impact::High,
            urgency: Urgency::High,
        },
        Command::SetImpactUrgency {
            impact: Impact::Medium,
            urgency: Urgency::Medium,
        },
        Command::Close {
            status: Some(parse("closed")),
        },
    ];
    let mut now = start();
    let mut step = 0;
    while desk.case(case).expect("exists").version < 100 {
        now += TimeDelta::minutes(10);
        let command = &cycle[step % cycle.len()];
        if desk.execute(case, &caller(), command, None, now).is_err() {
            let verdict = casefile::triage::Verdict::FalsePositive;
            let impact = casefile::triage::ResolutionImpact::NoImpact;
            let resolution = casefile::triage::Resolution::new(verdict, impact, parse("noise"));
            let resolve = Command::Resolve {
                resolution,
                status: None,
            };
            let _ = desk.execute(case, &caller(), &resolve, None, now);
            let _ = desk.execute(case, &caller(), &Command::Reopen, None, now);
        }
        step += 1;
    }
    let events: Vec<Event> = desk
        .history(case)
        .expect("exists")
        .into_iter()
        .map(|r| r.event)
        .collect();
    events.into_iter().take(100).collect()
}

fn report_of_a_hundred_events(c: &mut Criterion) {
    let desk = desk(true);
    let events = hundred_events(&desk);
    let policies = desk.options().sla.clone().expect("set");
    let now = events.last().expect("events").at + TimeDelta::hours(1);
    let mut group = c.benchmark_group("sla_report");
    group.bench_function("events_100", |b| {
        b.iter(|| black_box(policies.report(black_box(&events), now).expect("folds")));
    });
    group.finish();
}

/// A store with `due` cases opened at the start and `rest` two hours
/// later, all under a 24x7 4-hour resolve target (and a 15-minute acknowledge target): at start + 2 h 1 min exactly the
/// first `due` cases have passed their 50% checkpoint.
fn open_cases(desk: &Desk, due: usize, rest: usize) {
    let new = || {
        NewCase::new(parse("case"), Category::phishing(), Severity::High)
            .impact(Impact::High)
            .urgency(Urgency::High)
    };
    for i in 0..due + rest {
        let at = if i < due {
            start()
        } else {
            start() + TimeDelta::hours(2)
        };
        desk.open(&caller(), new(), None, at).expect("opens");
    }
}

fn sweep(c: &mut Criterion) {
    let desk = desk(false);
    let store = Arc::new(MemoryStore::new());
    let policies = desk.options().sla.clone().expect("set");
    let options = DeskOptions::default().sla(policies);
    let seed = Desk::new(
        store.clone(),
        Arc::new(NullNotifier),
        Arc::new(SequentialIds::new()),
        options.clone(),
    );
    open_cases(&seed, 1_000, 99_000);
    let now = start() + TimeDelta::minutes(121);
    let mut group = c.benchmark_group("sla_sweep");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements(100_000));
    group.bench_function("open_100k_due_1pct", |b| {
        b.iter_batched(
            || {
                let copy: Arc<MemoryStore> = Arc::new(store.snapshot());
                Desk::new(
                    copy,
                    Arc::new(NullNotifier),
                    Arc::new(SequentialIds::new()),
                    options.clone(),
                )
            },
            |desk| {
                let sweep = desk.sweep(now).expect("sweeps");
                assert_eq!(sweep.recorded.len(), 1_000);
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = deadline_with_pause, report_of_a_hundred_events, sweep
}
criterion_main!(benches);
