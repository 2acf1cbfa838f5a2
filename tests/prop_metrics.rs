//! Property tests of the KPIs over random timelines:
//!
//! - the mean lies between the minimum and the maximum, and
//!   min <= median <= p90 <= max;
//! - mean, median and p90 equal those of a sorted reference (nearest rank,
//!   mean rounded down to the millisecond);
//! - every grouping partitions the cases: counts, missing and negative
//!   cases, and rate counts add up to those of the single group;
//! - business time never exceeds wall-clock time.

use casefile::metrics::{DurationKpi, GroupBy, KpiOptions, RateKpi, Timeline};
use casefile::sla::calendar::{Calendar, CalendarDefinition, Week};
use casefile::triage::{Priority, Severity, Verdict};
use chrono::{DateTime, NaiveTime, TimeDelta};
use proptest::prelude::*;
use strum::IntoEnumIterator;

fn offset() -> impl Strategy<Value = Option<TimeDelta>> {
    prop::option::weighted(0.8, (-3_600_i64..2_000_000).prop_map(TimeDelta::seconds))
}

fn timeline() -> impl Strategy<Value = Timeline> {
    let opened =
        (1_767_225_600_i64..1_798_761_600).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap());
    let labels = (
        prop::sample::select(Severity::iter().collect::<Vec<_>>()),
        prop::sample::select(Priority::iter().collect::<Vec<_>>()),
        prop::sample::select(vec!["phishing", "malware", "rsit:fraud"]),
        prop::option::of(prop::sample::select(Verdict::iter().collect::<Vec<_>>())),
    );
    let instants = (
        offset(),
        offset(),
        offset(),
        offset(),
        0_u32..3,
        prop::option::of(any::<bool>()),
    );
    (opened, labels, instants).prop_map(|(opened, (severity, priority, category, verdict), i)| {
        let (compromise, ack, contained, resolved, reopened, sla_met) = i;
        let mut t = Timeline::new(opened, severity, priority, category.parse().unwrap());
        let at = |d: Option<TimeDelta>| d.map(|d| opened + d);
        t.compromised_at = compromise.map(|d| opened - d);
        t.acknowledged_at = at(ack);
        t.contained_at = at(contained);
        t.resolved_at = at(resolved);
        t.verdict_at = verdict.and(t.resolved_at);
        t.verdict = verdict;
        t.reopened = reopened;
        t.sla_met = sla_met;
        t
    })
}

fn kpi() -> impl Strategy<Value = DurationKpi> {
    prop::sample::select(DurationKpi::iter().collect::<Vec<_>>())
}

fn group_by() -> impl Strategy<Value = GroupBy> {
    prop::sample::select(GroupBy::iter().collect::<Vec<_>>())
}

/// The wall-clock durations of a KPI, in milliseconds, sorted.
fn reference(kpi: DurationKpi, cases: &[Timeline]) -> Vec<i64> {
    let mut millis: Vec<i64> = cases
        .iter()
        .filter_map(|t| match kpi.endpoints(t) {
            (Some(from), Some(to)) if to >= from => Some((to - from).num_milliseconds()),
            _ => None,
        })
        .collect();
    millis.sort_unstable();
    millis
}

proptest! {
    #[test]
    fn prop_statistics_are_ordered(cases in prop::collection::vec(timeline(), 0..60), kpi in kpi(), by in group_by()) {
        let report = kpi.measure(&cases, &KpiOptions::default().group_by(by));

        for (_, summary) in &report.groups {
            let Some(s) = summary.stats else {
                prop_assert_eq!(summary.count, 0);
                continue;
            };
            prop_assert!(s.min <= s.mean && s.mean <= s.max);
            prop_assert!(s.min <= s.median && s.median <= s.p90 && s.p90 <= s.max);
        }
    }

    #[test]
    fn prop_statistics_match_a_sorted_reference(cases in prop::collection::vec(timeline(), 1..80), kpi in kpi()) {
        let sorted = reference(kpi, &cases);
        let summary = kpi.measure(&cases, &KpiOptions::default()).groups[0].1;

        prop_assert_eq!(summary.count, sorted.len());
        if let Some(s) = summary.stats {
            let n = sorted.len();
            let at = |percent: usize| TimeDelta::milliseconds(sorted[(percent * n).div_ceil(100) - 1]);
            let sum: i64 = sorted.iter().sum();
            prop_assert_eq!(s.median, at(50));
            prop_assert_eq!(s.p90, at(90));
            prop_assert_eq!(s.mean, TimeDelta::milliseconds(sum.div_euclid(i64::try_from(n).unwrap())));
            prop_assert_eq!((s.min, s.max), (at(1), at(100)));
        }
    }

    #[test]
    fn prop_grouping_partitions_the_cases(cases in prop::collection::vec(timeline(), 0..60), kpi in kpi(), by in group_by()) {
        let all = kpi.measure(&cases, &KpiOptions::default()).groups[0].1;
        let grouped = kpi.measure(&cases, &KpiOptions::default().group_by(by));
        let sum = |f: fn(&casefile::metrics::DurationSummary) -> usize| {
            grouped.groups.iter().map(|(_, s)| f(s)).sum::<usize>()
        };

        prop_assert_eq!(sum(|s| s.count), all.count);
        prop_assert_eq!(sum(|s| s.missing), all.missing);
        prop_assert_eq!(sum(|s| s.negative), all.negative);
        prop_assert_eq!(all.count + all.missing + all.negative, cases.len());
        for rate in RateKpi::iter() {
            let whole = rate.measure(&cases, &KpiOptions::default()).groups[0].1;
            let parts = rate.measure(&cases, &KpiOptions::default().group_by(by));
            let count: usize = parts.groups.iter().map(|(_, s)| s.count).sum();
            let hits: usize = parts.groups.iter().map(|(_, s)| s.hits).sum();
            prop_assert_eq!((count, hits), (whole.count, whole.hits));
            prop_assert_eq!(whole.count + whole.excluded, cases.len());
        }
    }

    #[test]
    fn prop_business_time_never_exceeds_wall_clock(cases in prop::collection::vec(timeline(), 1..30), kpi in kpi()) {
        let week = Week::weekdays(NaiveTime::from_hms_opt(8, 0, 0).unwrap(), NaiveTime::from_hms_opt(17, 0, 0).unwrap());
        let definition = CalendarDefinition { time_zone: chrono_tz::Europe::Paris, week, ..Default::default() };
        let calendar = Calendar::new(definition).unwrap();
        let wall = kpi.measure(&cases, &KpiOptions::default()).groups[0].1;
        let business = kpi.measure(&cases, &KpiOptions::default().business_time(&calendar)).groups[0].1;

        prop_assert_eq!(wall.count, business.count);
        if let (Some(w), Some(b)) = (wall.stats, business.stats) {
            prop_assert!(b.max <= w.max && b.mean <= w.mean && b.min <= w.min);
        }
    }
}

#[test]
fn no_cases_give_one_empty_group() {
    let report = DurationKpi::Mttr.measure(&[], &KpiOptions::default());
    assert_eq!(report.groups.len(), 1);
    assert_eq!(report.groups[0].1.stats, None);
}
