//! Benchmarks of alert ingestion.
//!
//! - `ingest/stream_100k`: [`Desk::ingest`] of 100,000 alerts on a fresh
//!   [`MemoryStore`] with a same-host correlation rule. The alerts come in
//!   20,000 clusters of five: the first opens a case, two repeat its
//!   finding (counted), two are new findings on the same host (correlated
//!   into the case): 80% of the stream repeats or correlates. Clusters are
//!   interleaved a hundred at a time. Each alert carries a 1 KB raw payload
//!   and three observables.
//! - `fingerprint/fingerprint`: [`Fingerprint::of`] over producer and
//!   finding id (the default), beside `fingerprint/bare_sha256`: SHA-256
//!   of the same three strings concatenated, without framing.
//!
//! Run with `cargo bench --bench ingest`; results are in `BENCHMARKS.md`.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use casefile::alert::{
    Alert, CaseDefaults, CorrelationRule, DedupPolicy, Fingerprint, GroupBy, IngestPolicy,
    Observable, ObservableKind, OnClosed, Producer, RawPayload,
};
use casefile::notify::NullNotifier;
use casefile::triage::Severity;
use casefile::{Desk, DeskOptions, MemoryStore, SequentialIds};
use chrono::{DateTime, TimeDelta, Utc};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use sha2::{Digest as _, Sha256};

/// Alerts in the stream.
const ALERTS: usize = 100_000;
/// Alerts per cluster: one opens, two repeat, two correlate.
const CLUSTER: usize = 5;
/// Clusters interleaved at a time.
const INTERLEAVE: usize = 100;

fn start() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().expect("valid time")
}

fn parse<T: std::str::FromStr>(s: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    s.parse().expect("valid text")
}

/// Alert `j` of cluster `k`, the `i`-th of the stream.
fn alert(k: usize, j: usize, i: usize) -> Alert {
    let finding = match j {
        0..=2 => format!("det-{k}-0"),
        _ => format!("det-{k}-{j}"),
    };
    let host = Observable::new(ObservableKind::Hostname, &format!("ws-{k:05}.corp.example"));
    let ip = Observable::new(
        ObservableKind::Ip,
        &format!("10.{}.{}.{}", k / 65_536, (k / 256) % 256, k % 256),
    );
    let user = Observable::new(ObservableKind::User, &format!("user{:04}", k % 5_000));
    let raw = format!(
        r#"{{"class_uid":2004,"metadata":{{"uid":"rec-{i}","product":{{"vendor_name":"Contoso","name":"EDR"}}}},"finding_info":{{"uid":"{finding}","title":"Suspicious PowerShell execution"}},"padding":"{}"}}"#,
        "x".repeat(800)
    );
    let seen = start() + TimeDelta::seconds(i64::try_from(i / 10).expect("small"));
    Alert::builder(
        Producer::new(parse("Contoso"), parse("Falconer EDR")),
        parse(&finding),
        parse("Suspicious PowerShell execution"),
        seen,
    )
    .record_id(parse(&format!("rec-{i}")))
    .rule(parse("office-spawns-powershell"))
    .severity(Severity::High)
    .observable(host.expect("host"))
    .observable(ip.expect("ip"))
    .observable(user.expect("user"))
    .raw(RawPayload::new(raw).expect("raw"))
    .build()
    .expect("valid alert")
}

fn stream() -> Vec<Alert> {
    let clusters = ALERTS / CLUSTER;
    let mut out = Vec::with_capacity(ALERTS);
    for chunk in (0..clusters).step_by(INTERLEAVE) {
        for j in 0..CLUSTER {
            for k in chunk..(chunk + INTERLEAVE).min(clusters) {
                out.push(alert(k, j, out.len()));
            }
        }
    }
    out
}

fn desk() -> Desk {
    let rule = CorrelationRule {
        name: parse("same-host"),
        group_by: vec![GroupBy::Entity {
            kind: ObservableKind::Hostname,
        }],
        window: TimeDelta::hours(1),
        max_alerts: 150,
        on_closed: OnClosed::OpenNew,
    };
    let policy = IngestPolicy::new(
        DedupPolicy::default(),
        vec![rule],
        Vec::new(),
        CaseDefaults::default(),
    )
    .expect("valid policy");
    Desk::new(
        Arc::new(MemoryStore::new()),
        Arc::new(NullNotifier),
        Arc::new(SequentialIds::new()),
        DeskOptions::default().ingest(policy),
    )
}

fn ingest_all((desk, alerts): (Desk, Vec<Alert>)) -> Desk {
    let now = start() + TimeDelta::hours(1);
    for alert in alerts {
        black_box(desk.ingest(alert, now).expect("ingests"));
    }
    desk
}

fn ingest(c: &mut Criterion) {
    let alerts = stream();
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Elements(ALERTS as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("stream_100k", |b| {
        b.iter_batched(
            || (desk(), alerts.clone()),
            ingest_all,
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

fn fingerprint(c: &mut Criterion) {
    let alert = alert(4_711, 0, 0);
    let fields = DedupPolicy::default().fields;
    let mut group = c.benchmark_group("fingerprint");
    group.throughput(Throughput::Elements(1));
    group.bench_function("fingerprint", |b| {
        b.iter(|| Fingerprint::of(black_box(&alert), &fields));
    });
    group.bench_function("bare_sha256", |b| {
        b.iter(|| {
            let a = black_box(&alert);
            let mut h = Sha256::new();
            h.update(a.producer.vendor.as_str());
            h.update(a.producer.product.as_str());
            h.update(a.finding_id.as_str());
            h.finalize()
        });
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
    targets = fingerprint, ingest
}
criterion_main!(benches);
