//! Adding 4 and 40 business hours on Mon-Fri 08:00-17:00 in Europe/Berlin with ten holidays a
//! year, from 1,000 starts, with this crate and with `workclock` on the same calendar and
//! starts. Each iteration computes all 1,000 deadlines; divide the time by 1,000 for one.
//!
//! Run with `cargo bench --bench calendar`. Setup checks that both libraries agree on every
//! deadline before measuring.

mod inputs;

use std::hint::black_box;
use std::time::Duration;

use chrono::TimeDelta;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn agree(calendar: &casefile::sla::calendar::Calendar, schedule: &workclock::Schedule, hours: i64) {
    for start in inputs::starts() {
        let ours = calendar
            .add(start, TimeDelta::hours(hours))
            .expect("in range");
        let theirs = schedule
            .add(
                inputs::timestamp(start),
                jiff::SignedDuration::from_hours(hours),
            )
            .expect("in range");
        assert_eq!(
            inputs::timestamp(ours),
            theirs,
            "deadline from {start} plus {hours} h"
        );
    }
}

fn add(c: &mut Criterion) {
    let calendar = inputs::calendar();
    let schedule = inputs::schedule();
    let starts = inputs::starts();
    let jiff_starts: Vec<_> = starts.iter().copied().map(inputs::timestamp).collect();
    let mut group = c.benchmark_group("add");
    group.throughput(Throughput::Elements(starts.len() as u64));
    group.measurement_time(Duration::from_secs(4));
    for hours in [4, 40] {
        agree(&calendar, &schedule, hours);
        let duration = TimeDelta::hours(hours);
        group.bench_with_input(
            BenchmarkId::new("calendar", hours),
            &duration,
            |b, &duration| {
                b.iter(|| {
                    for &start in &starts {
                        black_box(calendar.add(black_box(start), duration).ok());
                    }
                });
            },
        );
        let duration = jiff::SignedDuration::from_hours(hours);
        group.bench_with_input(
            BenchmarkId::new("workclock", hours),
            &duration,
            |b, &duration| {
                b.iter(|| {
                    for &start in &jiff_starts {
                        black_box(schedule.add(black_box(start), duration).ok());
                    }
                });
            },
        );
    }
    group.finish();
}

criterion_group!(benches, add);
criterion_main!(benches);
