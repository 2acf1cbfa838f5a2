//! Benchmark of a KPI over 1,000,000 cases, beside sorting 1,000,000
//! durations in the same group, so that their ratio comes from one run.
//!
//! - `kpi_1m/sort_durations`: `sort_unstable` of the 1,000,000 MTTR
//!   durations (milliseconds as `i64`), copied from a prepared vector in
//!   untimed setup.
//! - `kpi_1m/mttr_all`: [`DurationKpi::measure`] of MTTR over 1,000,000
//!   [`Timeline`]s in one group: read the two instants of each, collect
//!   the durations, and compute count, mean, median, p90, minimum and
//!   maximum. The goal is at most 3x `sort_durations`.
//! - `kpi_1m/mttr_by_severity` and `kpi_1m/mttr_by_week`: the same,
//!   grouped by severity, and by ISO week of the opening in
//!   `Europe/Brussels` (a time-zone conversion per case).
//!
//! Run with `cargo bench --bench kpi`; results are in `BENCHMARKS.md`.

use std::hint::black_box;
use std::time::Duration;

use casefile::metrics::{DurationKpi, GroupBy, KpiOptions, Timeline};
use casefile::triage::{Category, Priority, Severity};
use chrono::{DateTime, TimeDelta, Utc};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

/// Cases per iteration.
const CASES: usize = 1_000_000;

/// A deterministic generator (`SplitMix64`), so every run measures the same
/// cases.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Cases opened over a year; 95% resolved, after a duration spread over
/// five orders of magnitude (a minute to about seventy days).
fn timelines() -> Vec<Timeline> {
    let mut rng = SplitMix(0x5eed);
    let start: DateTime<Utc> = "2026-01-01T00:00:00Z".parse().expect("valid time");
    let severities = [
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];
    let categories = [
        Category::phishing(),
        Category::malware(),
        Category::unauthorized_access(),
    ];
    (0..CASES)
        .map(|_| {
            let opened = start + seconds(rng.below(365 * 86_400));
            let severity = severities[index(rng.below(4))];
            let category = categories[index(rng.below(3))].clone();
            let mut t = Timeline::new(opened, severity, Priority::P3, category);
            if rng.below(20) != 0 {
                let scale = 60 * 10_u64.pow(u32::try_from(rng.below(5)).expect("small"));
                t.resolved_at = Some(opened + seconds(rng.below(scale * 60)));
            }
            t
        })
        .collect()
}

fn seconds(s: u64) -> TimeDelta {
    TimeDelta::seconds(i64::try_from(s).expect("small"))
}

fn index(i: u64) -> usize {
    usize::try_from(i).expect("small")
}

fn durations(timelines: &[Timeline]) -> Vec<i64> {
    timelines
        .iter()
        .filter_map(|t| Some((t.resolved_at? - t.opened_at).num_milliseconds()))
        .collect()
}

fn kpi(c: &mut Criterion) {
    let timelines = timelines();
    let durations = durations(&timelines);
    let mut group = c.benchmark_group("kpi_1m");
    group.throughput(Throughput::Elements(CASES as u64));

    group.bench_function("sort_durations", |b| {
        b.iter_batched_ref(
            || durations.clone(),
            |d| d.sort_unstable(),
            BatchSize::LargeInput,
        );
    });
    let options = KpiOptions::default();
    group.bench_function("mttr_all", |b| {
        b.iter(|| DurationKpi::Mttr.measure(black_box(&timelines), &options));
    });
    let by_severity = options.group_by(GroupBy::Severity);
    group.bench_function("mttr_by_severity", |b| {
        b.iter(|| DurationKpi::Mttr.measure(black_box(&timelines), &by_severity));
    });
    let by_week = options
        .group_by(GroupBy::Week)
        .in_time_zone(chrono_tz::Europe::Brussels);
    group.bench_function("mttr_by_week", |b| {
        b.iter(|| DurationKpi::Mttr.measure(black_box(&timelines), &by_week));
    });
    group.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6))
}

criterion_group! {
    name = benches;
    config = config();
    targets = kpi
}
criterion_main!(benches);
