//! Issue 3, items 3 to 8: ingesting alerts through the desk — repeats,
//! windows, correlation rules, the cap, the reopen choice, suppression,
//! re-delivery, merging and similar cases.

mod common;

use casefile::alert::{
    Alert, AlertMatch, CaseDefaults, CorrelationRule, DedupPolicy, GroupBy, IngestPolicy,
    Observable, ObservableKind, OnClosed, Producer, SuppressionRule,
};
use casefile::desk::{Delivery, Ingested, SimilarTo};
use casefile::store::{CaseFilter, Page, SuppressedQuery};
use casefile::triage::{Severity, Tlp, Verdict};
use casefile::workflow::Stage;
use casefile::{CaseId, Command, DeskError, DeskOptions, Notification, Store};
use chrono::{DateTime, TimeDelta, Utc};
use common::{Fixture, alice, analyst, assign, later, resolve, t0, text};

fn host(name: &str) -> Observable {
    Observable::new(ObservableKind::Hostname, name).unwrap()
}

fn ip(addr: &str) -> Observable {
    Observable::new(ObservableKind::Ip, addr).unwrap()
}

/// An alert of finding `finding` in record `record`, seen at `seen`.
fn alert(finding: &str, record: &str, seen: DateTime<Utc>, observables: &[Observable]) -> Alert {
    let producer = Producer::new(text("Contoso"), text("EDR"));
    let mut builder = Alert::builder(producer, text(finding), text("Beacon detected"), seen)
        .record_id(text(record))
        .rule(text("c2-beacon"))
        .severity(Severity::High);
    for o in observables {
        builder = builder.observable(o.clone());
    }
    builder.build().unwrap()
}

fn policy(dedup: DedupPolicy, correlation: Vec<CorrelationRule>) -> IngestPolicy {
    IngestPolicy::new(dedup, correlation, Vec::new(), CaseDefaults::default()).unwrap()
}

fn by_host(window_minutes: i64, cap: u32, on_closed: OnClosed) -> CorrelationRule {
    CorrelationRule {
        name: text("same-host"),
        group_by: vec![GroupBy::Entity {
            kind: ObservableKind::Hostname,
        }],
        window: TimeDelta::minutes(window_minutes),
        max_alerts: cap,
        on_closed,
    }
}

fn fixture(policy: IngestPolicy) -> Fixture {
    Fixture::with_options(DeskOptions::default().ingest(policy))
}

fn ingest(f: &Fixture, alert: Alert) -> Ingested {
    f.desk.ingest(alert, later(60)).expect("ingests")
}

fn case_of(outcome: &Ingested) -> CaseId {
    outcome.case().expect("the alert went to a case")
}

fn open_cases(f: &Fixture) -> usize {
    let listed = f
        .store
        .list(&CaseFilter::default().open(), Page::first(1000));
    listed.unwrap().len()
}

// ---------------------------------------------------------------------------
// Opening, repeats and re-delivery (items 3, 4)

#[test]
fn a_new_alert_opens_a_case_that_holds_it() {
    let f = Fixture::new();

    let outcome = ingest(&f, alert("det-1", "r1", t0(), &[host("web-1")]));

    let Ingested::Opened { alert, receipt, .. } = &outcome else {
        panic!("expected an opened case, got {outcome:?}");
    };
    let case = f.desk.case(receipt.case()).unwrap();
    assert_eq!(case.title.as_str(), "Beacon detected");
    assert_eq!(case.severity, Severity::High);
    assert!(case.alerts.alerts.contains_key(alert));
    assert!(case.alerts.observables.contains(&host("web-1")));
    assert_eq!(case.alerts.occurrences, 1);
    assert!(matches!(
        f.notifier.take()[..],
        [Notification::Opened { .. }]
    ));
    assert!(f.desk.verify(receipt.case()).is_ok());
}

#[test]
fn a_repeat_counts_on_the_open_case_and_moves_last_seen() {
    let f = Fixture::new();
    let first = ingest(&f, alert("det-1", "r1", t0(), &[]));
    f.notifier.take();

    let repeat = ingest(&f, alert("det-1", "r2", later(5), &[]));

    let Ingested::Repeat { occurrences, .. } = repeat else {
        panic!("expected a repeat, got {repeat:?}");
    };
    assert_eq!(occurrences, 2);
    let case = f.desk.case(case_of(&first)).unwrap();
    let entry = case.alerts.alerts.values().next().unwrap();
    assert_eq!((entry.occurrences, entry.last_seen), (2, later(5)));
    assert_eq!(open_cases(&f), 1);
    assert!(f.notifier.take().is_empty(), "a repeat notifies nobody");
}

#[test]
fn the_same_record_twice_changes_nothing() {
    let f = Fixture::new();
    let first = ingest(&f, alert("det-1", "r1", t0(), &[]));
    let version = f.desk.case(case_of(&first)).unwrap().version;

    let again = ingest(&f, alert("det-1", "r1", later(9), &[]));

    assert!(
        matches!(again, Ingested::Duplicate { first: Delivery::Case(c) } if c == case_of(&first))
    );
    assert_eq!(f.desk.case(case_of(&first)).unwrap().version, version);
}

#[test]
fn dedup_window_edges() {
    let dedup = DedupPolicy {
        window: Some(TimeDelta::minutes(10)),
        ..DedupPolicy::default()
    };
    let f = fixture(policy(dedup, Vec::new()));
    let case = case_of(&ingest(&f, alert("det-1", "r1", t0(), &[])));

    let on_edge = ingest(&f, alert("det-1", "r2", later(10), &[]));
    let past_edge = ingest(&f, alert("det-1", "r3", later(21), &[]));

    assert!(
        matches!(on_edge, Ingested::Repeat { occurrences: 2, .. }),
        "{on_edge:?}"
    );
    assert!(
        matches!(past_edge, Ingested::Attached { rule: None, .. }),
        "outside the window a repeat is a new alert of the same case: {past_edge:?}"
    );
    assert_eq!(case_of(&past_edge), case);
    assert_eq!(f.desk.case(case).unwrap().alerts.alerts.len(), 2);
    assert_eq!(
        open_cases(&f),
        1,
        "never a second open case for a fingerprint"
    );
}

#[test]
fn closing_through_execute_releases_the_fingerprint() {
    let f = Fixture::new();
    let case = case_of(&ingest(&f, alert("det-1", "r1", t0(), &[])));
    f.desk
        .execute(case, &alice(), &assign(analyst(1)), None, later(60))
        .unwrap();
    f.desk
        .execute(
            case,
            &alice(),
            &resolve(Verdict::FalsePositive),
            None,
            later(60),
        )
        .unwrap();

    let next = ingest(&f, alert("det-1", "r2", later(30), &[]));

    assert!(matches!(next, Ingested::Opened { .. }), "{next:?}");
    assert_ne!(case_of(&next), case);
}

#[test]
fn dedup_on_chosen_fields() {
    let dedup: DedupPolicy = serde_json::from_str(r#"{"fields": ["producer", "rule"]}"#).unwrap();
    let f = fixture(policy(dedup, Vec::new()));
    let first = ingest(&f, alert("det-1", "r1", t0(), &[]));

    let other_finding_same_rule = ingest(&f, alert("det-2", "r2", later(1), &[]));

    assert!(matches!(other_finding_same_rule, Ingested::Repeat { .. }));
    assert_eq!(case_of(&other_finding_same_rule), case_of(&first));
}

// ---------------------------------------------------------------------------
// Correlation (item 5)

#[test]
fn alerts_sharing_a_host_within_the_window_group_into_one_case() {
    let f = fixture(policy(
        DedupPolicy::default(),
        vec![by_host(30, 150, OnClosed::OpenNew)],
    ));
    let first = ingest(
        &f,
        alert("det-1", "r1", t0(), &[host("web-1"), ip("10.0.0.1")]),
    );

    let same_host = ingest(&f, alert("det-2", "r2", later(30), &[host("WEB-1")]));
    let other_host = ingest(&f, alert("det-3", "r3", later(31), &[host("web-2")]));
    let too_late = ingest(&f, alert("det-4", "r4", later(61), &[host("web-1")]));

    assert!(matches!(&first, Ingested::Opened { rule: Some(r), .. } if r.as_str() == "same-host"));
    assert!(matches!(
        &same_host,
        Ingested::Attached {
            rule: Some(_),
            reopened: false,
            ..
        }
    ));
    assert_eq!(case_of(&same_host), case_of(&first));
    assert!(matches!(other_host, Ingested::Opened { .. }));
    assert!(
        matches!(too_late, Ingested::Opened { .. }),
        "31 minutes after the last alert"
    );
    assert_eq!(f.desk.case(case_of(&first)).unwrap().alerts.alerts.len(), 2);
}

#[test]
fn grouping_by_rule_category_producer_and_correlation_id() {
    for group in [
        GroupBy::Rule,
        GroupBy::Producer,
        GroupBy::Category,
        GroupBy::CorrelationId,
    ] {
        let rule = CorrelationRule {
            group_by: vec![group],
            ..by_host(60, 150, OnClosed::OpenNew)
        };
        let f = fixture(policy(DedupPolicy::default(), vec![rule]));
        let tagged = |finding: &str, record: &str| {
            let mut a = alert(finding, record, t0(), &[]);
            a.category = Some(casefile::triage::Category::malware());
            a.correlation_id = Some(text("activity-9"));
            a
        };
        let first = ingest(&f, tagged("det-1", "r1"));
        let second = ingest(&f, tagged("det-2", "r2"));
        assert!(
            matches!(second, Ingested::Attached { .. }),
            "{group:?}: {second:?}"
        );
        assert_eq!(case_of(&second), case_of(&first), "{group:?}");
    }
}

#[test]
fn an_alert_without_the_grouped_value_is_not_correlated() {
    let f = fixture(policy(
        DedupPolicy::default(),
        vec![by_host(60, 150, OnClosed::OpenNew)],
    ));
    let first = ingest(&f, alert("det-1", "r1", t0(), &[ip("10.0.0.1")]));
    let second = ingest(&f, alert("det-2", "r2", t0(), &[ip("10.0.0.1")]));

    assert!(matches!(first, Ingested::Opened { rule: None, .. }));
    assert!(matches!(second, Ingested::Opened { rule: None, .. }));
}

#[test]
fn the_first_matching_rule_wins() {
    let by_ip = CorrelationRule {
        name: text("same-ip"),
        group_by: vec![GroupBy::Entity {
            kind: ObservableKind::Ip,
        }],
        ..by_host(60, 150, OnClosed::OpenNew)
    };
    let f = fixture(policy(
        DedupPolicy::default(),
        vec![by_ip, by_host(60, 150, OnClosed::OpenNew)],
    ));
    let a = ingest(
        &f,
        alert("det-1", "r1", t0(), &[host("web-1"), ip("10.0.0.1")]),
    );
    let b = ingest(
        &f,
        alert("det-2", "r2", t0(), &[host("web-1"), ip("10.0.0.2")]),
    );

    assert!(matches!(&b, Ingested::Opened { rule: Some(r), .. } if r.as_str() == "same-ip"));
    assert_ne!(
        case_of(&a),
        case_of(&b),
        "the host rule never runs for an alert with an IP"
    );
}

#[test]
fn after_the_cap_a_new_case_opens() {
    let f = fixture(policy(
        DedupPolicy::default(),
        vec![by_host(60, 2, OnClosed::OpenNew)],
    ));
    let first = ingest(&f, alert("det-1", "r1", t0(), &[host("web-1")]));
    let second = ingest(&f, alert("det-2", "r2", t0(), &[host("web-1")]));

    let third = ingest(&f, alert("det-3", "r3", t0(), &[host("web-1")]));
    let fourth = ingest(&f, alert("det-4", "r4", t0(), &[host("web-1")]));

    assert_eq!(case_of(&second), case_of(&first));
    assert!(matches!(third, Ingested::Opened { .. }), "{third:?}");
    assert_eq!(
        case_of(&fourth),
        case_of(&third),
        "later alerts join the newest case"
    );
}

fn resolve_case(f: &Fixture, case: CaseId) {
    f.desk
        .execute(case, &alice(), &assign(analyst(1)), None, later(60))
        .unwrap();
    let resolved = f.desk.execute(
        case,
        &alice(),
        &resolve(Verdict::TruePositive),
        None,
        later(60),
    );
    resolved.unwrap();
}

#[test]
fn a_matching_resolved_case_is_reopened_when_the_rule_says_so() {
    let f = fixture(policy(
        DedupPolicy::default(),
        vec![by_host(120, 150, OnClosed::Reopen)],
    ));
    let case = case_of(&ingest(&f, alert("det-1", "r1", t0(), &[host("web-1")])));
    resolve_case(&f, case);
    f.desk
        .execute(
            case,
            &alice(),
            &Command::Close { status: None },
            None,
            later(60),
        )
        .unwrap();
    f.notifier.take();

    let next = ingest(&f, alert("det-2", "r2", later(10), &[host("web-1")]));

    assert!(
        matches!(next, Ingested::Attached { reopened: true, .. }),
        "{next:?}"
    );
    assert_eq!(case_of(&next), case);
    let reopened = f.desk.case(case).unwrap();
    assert!(reopened.stage.is_open());
    assert_eq!(reopened.reopened, 1);
    assert!(
        f.notifier
            .take()
            .iter()
            .any(|n| matches!(n, Notification::Reopened { .. }))
    );
    let repeat = ingest(&f, alert("det-1", "r3", later(11), &[host("web-1")]));
    assert!(
        matches!(repeat, Ingested::Repeat { .. }),
        "the reopened case holds its fingerprints again"
    );
}

#[test]
fn a_matching_resolved_case_is_passed_over_by_default() {
    let f = fixture(policy(
        DedupPolicy::default(),
        vec![by_host(120, 150, OnClosed::OpenNew)],
    ));
    let case = case_of(&ingest(&f, alert("det-1", "r1", t0(), &[host("web-1")])));
    resolve_case(&f, case);

    let next = ingest(&f, alert("det-2", "r2", later(10), &[host("web-1")]));

    assert!(matches!(next, Ingested::Opened { .. }), "{next:?}");
    assert_eq!(f.desk.case(case).unwrap().stage, Stage::Resolved);
}

// ---------------------------------------------------------------------------
// Suppression (items 6, 8)

fn suppressing(starts: Option<DateTime<Utc>>, expires: Option<DateTime<Utc>>) -> IngestPolicy {
    let rule = SuppressionRule {
        name: text("maintenance-web-1"),
        matches: AlertMatch::default().observable(host("web-1")),
        starts_at: starts,
        expires_at: expires,
    };
    IngestPolicy::new(
        DedupPolicy::default(),
        Vec::new(),
        vec![rule],
        CaseDefaults::default(),
    )
    .unwrap()
}

#[test]
fn suppressed_alerts_are_recorded_and_counted_but_open_nothing() {
    let f = fixture(suppressing(None, Some(later(120))));

    let first = ingest(&f, alert("det-1", "r1", t0(), &[host("web-1")]));
    let second = ingest(&f, alert("det-1", "r2", t0(), &[host("web-1")]));
    let again = ingest(&f, alert("det-1", "r2", t0(), &[host("web-1")]));

    assert!(matches!(first, Ingested::Suppressed { .. }));
    assert!(matches!(second, Ingested::Suppressed { .. }));
    assert!(matches!(
        again,
        Ingested::Duplicate {
            first: Delivery::Suppressed(_)
        }
    ));
    assert_eq!(open_cases(&f), 0);
    assert!(f.notifier.take().is_empty());
    let query = SuppressedQuery::Rule(text("maintenance-web-1"));
    let logged = f.desk.suppressed(&query, Page::first(10)).unwrap();
    assert_eq!(logged.len(), 2, "counted once per record");
    assert_eq!(logged[1].alert.record_id.as_ref().unwrap().as_str(), "r2");
}

#[test]
fn suppression_applies_only_inside_its_period() {
    let f = fixture(suppressing(Some(later(30)), Some(later(90))));
    let at = |minutes, record: &str| {
        let a = alert("det-1", record, t0(), &[host("web-1")]);
        f.desk.ingest(a, later(minutes)).unwrap()
    };

    assert!(matches!(at(29, "r1"), Ingested::Opened { .. }));
    assert!(matches!(at(30, "r2"), Ingested::Suppressed { .. }));
    assert!(matches!(at(89, "r3"), Ingested::Suppressed { .. }));
    assert!(
        matches!(at(90, "r4"), Ingested::Repeat { .. }),
        "expired: back to the case"
    );
}

// ---------------------------------------------------------------------------
// Merge and similar cases (item 7)

#[test]
fn merging_carries_alerts_closes_the_merged_case_and_keeps_the_stricter_tlp() {
    let f = Fixture::new();
    let survivor = case_of(&ingest(&f, alert("det-1", "r1", t0(), &[host("web-1")])));
    let merged = case_of(&ingest(&f, alert("det-2", "r2", t0(), &[ip("10.0.0.9")])));
    let tlp = Command::SetTlp { tlp: Tlp::Red };
    f.desk
        .execute(merged, &alice(), &tlp, None, later(60))
        .unwrap();

    let receipts = f
        .desk
        .merge(survivor, merged, &alice(), None, later(61))
        .unwrap();

    assert!(receipts.merged.is_some());
    let s = f.desk.case(survivor).unwrap();
    let m = f.desk.case(merged).unwrap();
    assert_eq!(s.alerts.alerts.len(), 2);
    assert!(s.alerts.observables.contains(&ip("10.0.0.9")));
    assert!(s.alerts.merged_from.contains(&merged));
    assert_eq!(s.tlp, Tlp::Red, "the most restrictive TLP wins");
    assert_eq!(m.alerts.merged_into, Some(survivor));
    assert_eq!(m.stage, Stage::Closed);
    assert_eq!(m.resolution.as_ref().unwrap().verdict, Verdict::Duplicate);
    assert!(f.desk.verify(survivor).is_ok() && f.desk.verify(merged).is_ok());

    let repeat = ingest(&f, alert("det-2", "r3", later(1), &[]));
    assert!(matches!(repeat, Ingested::Repeat { .. }), "{repeat:?}");
    assert_eq!(
        case_of(&repeat),
        survivor,
        "the survivor took over the fingerprints"
    );
    let redelivered = ingest(&f, alert("det-2", "r2", t0(), &[]));
    assert_eq!(
        redelivered.case(),
        Some(survivor),
        "a re-delivery reports the survivor"
    );
}

#[test]
fn merge_refuses_itself_and_merged_cases() {
    let f = Fixture::new();
    let a = case_of(&ingest(&f, alert("det-1", "r1", t0(), &[])));
    let b = case_of(&ingest(&f, alert("det-2", "r2", t0(), &[])));

    assert!(matches!(
        f.desk.merge(a, a, &alice(), None, later(61)),
        Err(DeskError::MergeSelf { .. })
    ));
    f.desk.merge(a, b, &alice(), None, later(61)).unwrap();
    assert!(matches!(
        f.desk.merge(b, a, &alice(), None, later(62)),
        Err(DeskError::AlreadyMerged { .. })
    ));
}

#[test]
fn similar_cases_are_ranked_by_shared_observables() {
    let f = Fixture::new();
    let subject = [host("web-1"), ip("10.0.0.1"), ip("10.0.0.2")];
    let two = case_of(&ingest(&f, alert("det-1", "r1", t0(), &subject[..2])));
    let one = case_of(&ingest(&f, alert("det-2", "r2", t0(), &subject[2..])));
    let none = case_of(&ingest(&f, alert("det-3", "r3", t0(), &[host("db-1")])));
    resolve_case(&f, one);
    let probe = alert("det-9", "r9", t0(), &subject);

    let found = f.desk.similar(SimilarTo::Alert(&probe), 10).unwrap();

    let ids: Vec<CaseId> = found.iter().map(|s| s.summary.id).collect();
    assert_eq!(
        ids,
        [two, one],
        "resolved cases count; unrelated ones do not"
    );
    assert_eq!(found[0].shared.len(), 2);
    assert!(!ids.contains(&none));
    let from_case = f.desk.similar(SimilarTo::Case(two), 10).unwrap();
    assert!(
        from_case.is_empty(),
        "case `two` shares nothing with the others"
    );
}
