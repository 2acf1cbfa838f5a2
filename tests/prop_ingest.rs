//! Issue 3, the laws of ingestion: whatever the alerts and the order of
//! re-delivery, one fingerprint never has two open cases, every record is
//! accounted for exactly once, and a record ingested twice changes nothing.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use casefile::alert::{
    Alert, AlertMatch, CaseDefaults, CorrelationRule, DedupPolicy, GroupBy, IngestPolicy,
    Observable, ObservableKind, OnClosed, Producer, SuppressionRule,
};
use casefile::case::Change;
use casefile::desk::Ingested;
use casefile::store::{CaseFilter, Page, SuppressedQuery};
use casefile::triage::Verdict;
use casefile::{Command, DeskOptions, Store};
use chrono::TimeDelta;
use common::{Fixture, alice, analyst, assign, later, resolve, text};
use proptest::prelude::*;

#[derive(Clone, Debug)]
enum Step {
    /// Deliver record `n` (again, perhaps).
    Ingest(u8),
    /// Resolve the `n`-th open case.
    Resolve(u8),
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    let step = prop_oneof![
        5 => (0..16_u8).prop_map(Step::Ingest),
        1 => (0..4_u8).prop_map(Step::Resolve),
    ];
    proptest::collection::vec(step, 1..40)
}

/// Record `n`: one of 5 findings, on one of 3 hosts, seen `n` minutes in.
fn record(n: u8) -> Alert {
    let producer = Producer::new(text("Contoso"), text("EDR"));
    let host = Observable::new(ObservableKind::Hostname, &format!("h{}", n % 3)).unwrap();
    let finding = format!("det-{}", n % 5);
    Alert::builder(
        producer,
        text(&finding),
        text("Beacon"),
        later(i64::from(n)),
    )
    .record_id(text(&format!("rec-{n}")))
    .observable(host)
    .build()
    .unwrap()
}

fn policy() -> IngestPolicy {
    let dedup = DedupPolicy {
        window: Some(TimeDelta::minutes(6)),
        ..DedupPolicy::default()
    };
    let rule = CorrelationRule {
        name: text("same-host"),
        group_by: vec![GroupBy::Entity {
            kind: ObservableKind::Hostname,
        }],
        window: TimeDelta::minutes(8),
        max_alerts: 2,
        on_closed: OnClosed::Reopen,
    };
    let quiet = Observable::new(ObservableKind::Hostname, "h2").unwrap();
    let suppression = SuppressionRule {
        name: text("quiet-h2"),
        matches: AlertMatch::default()
            .observable(quiet)
            .max_severity(casefile::triage::Severity::Low),
        starts_at: None,
        expires_at: None,
    };
    IngestPolicy::new(
        dedup,
        vec![rule],
        vec![suppression],
        CaseDefaults::default(),
    )
    .unwrap()
}

/// What the store holds: per case, its stage and events; and the log.
struct Snapshot {
    open_fingerprints: Vec<BTreeSet<String>>,
    versions: BTreeMap<casefile::CaseId, u64>,
    attached_or_repeated: BTreeSet<String>,
    accounted: usize,
    suppressed: usize,
}

fn snapshot(f: &Fixture) -> Snapshot {
    let all = f
        .store
        .list(&CaseFilter::default(), Page::first(10_000))
        .unwrap();
    let mut snap = Snapshot {
        open_fingerprints: Vec::new(),
        versions: BTreeMap::new(),
        attached_or_repeated: BTreeSet::new(),
        accounted: 0,
        suppressed: 0,
    };
    for summary in all {
        let case = f.desk.case(summary.id).unwrap();
        snap.versions.insert(case.id, case.version);
        if case.stage.is_open() {
            let fps = case
                .alerts
                .fingerprints
                .keys()
                .map(ToString::to_string)
                .collect();
            snap.open_fingerprints.push(fps);
        }
        for record in f.desk.history(case.id).unwrap() {
            let key = match &record.event.change {
                Change::AlertAttached(a) => a.record.to_string(),
                Change::AlertRepeated { record, .. } => record.to_string(),
                _ => continue,
            };
            snap.accounted += 1;
            snap.attached_or_repeated.insert(key);
        }
    }
    let log = f
        .desk
        .suppressed(&SuppressedQuery::All, Page::first(10_000))
        .unwrap();
    snap.suppressed = log.len();
    snap.accounted += log.len();
    snap
}

fn resolve_nth(f: &Fixture, n: u8) {
    let open = f
        .store
        .list(&CaseFilter::default().open(), Page::first(100))
        .unwrap();
    let Some(summary) = open.get(usize::from(n) % open.len().max(1)) else {
        return;
    };
    let run = |command: &Command| {
        f.desk
            .execute(summary.id, &alice(), command, None, later(30))
    };
    if summary.owner.is_none() {
        run(&assign(analyst(1))).unwrap();
    }
    run(&resolve(Verdict::TruePositive)).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn prop_ingestion_keeps_fingerprints_unique_and_accounts_for_every_record(
        steps in steps()
    ) {
        let f = Fixture::with_options(DeskOptions::default().ingest(policy()));
        let mut delivered = BTreeSet::new();
        for step in steps {
            match step {
                Step::Ingest(n) => {
                    let before = snapshot(&f);
                    let outcome = f.desk.ingest(record(n), later(30)).unwrap();
                    let after = snapshot(&f);
                    if !delivered.insert(n) {
                        prop_assert!(matches!(outcome, Ingested::Duplicate { .. }), "{:?}", outcome);
                        prop_assert_eq!(&before.versions, &after.versions);
                        prop_assert_eq!(before.suppressed, after.suppressed);
                    }
                }
                Step::Resolve(n) => resolve_nth(&f, n),
            }
            let snap = snapshot(&f);
            let mut seen = BTreeSet::new();
            for fp in snap.open_fingerprints.iter().flatten() {
                prop_assert!(seen.insert(fp.clone()), "two open cases hold fingerprint {}", fp);
            }
            prop_assert_eq!(snap.accounted, delivered.len(), "each record accounted for once");
            prop_assert_eq!(
                snap.attached_or_repeated.len() + snap.suppressed,
                delivered.len()
            );
        }
    }

    #[test]
    fn prop_the_same_records_in_any_order_are_each_ingested_once(
        order in Just((0..12_u8).collect::<Vec<_>>()).prop_shuffle(),
        again in proptest::collection::vec(0..12_u8, 0..12),
    ) {
        let f = Fixture::with_options(DeskOptions::default().ingest(policy()));
        for n in order.iter().chain(&again) {
            f.desk.ingest(record(*n), later(30)).unwrap();
        }
        let snap = snapshot(&f);
        prop_assert_eq!(snap.accounted, 12);
        let open: usize = snap.open_fingerprints.iter().map(BTreeSet::len).sum();
        let distinct: BTreeSet<&String> = snap.open_fingerprints.iter().flatten().collect();
        prop_assert_eq!(open, distinct.len());
    }
}
