//! Benchmarks of routing decisions and triage-rule evaluation.
//!
//! - `routing_route/decide`: [`Router::route`] with 50 routing rules over a
//!   roster of 20 teams and 500 analysts (25 per team, a third on a day
//!   shift, a third on a night shift crossing midnight, a third always on,
//!   capacities 6 to 14, one or two skills each), against a workload
//!   snapshot holding 1,000 open cases. Each iteration routes 100 cases
//!   that match rules spread over the list (a quarter match none and fall
//!   through all 50 to the fallback); strategies rotate between round
//!   robin, least loaded and skill match.
//! - `triage_evaluate/evaluate`: [`TriageRules::evaluate`] of 200 rules
//!   (conditions on category, severity, tags, source product, detection
//!   rule, observables, tactics and asset criticality) against 100 alert
//!   inputs per iteration; a few rules match each input.
//!
//! Run with `cargo bench --bench routing`; results are in `BENCHMARKS.md`.

use std::collections::BTreeSet;
use std::hint::black_box;
use std::time::Duration;

use casefile::case::{Change, Opened, Strategy};
use casefile::ids::{AnalystId, TeamId};
use casefile::routing::{
    Analyst, Fallback, Roster, RosterDefinition, Rotation, Router, RoutingDefinition, RoutingRule,
    Team, Workload,
};
use casefile::sla::calendar::CalendarDefinition;
use casefile::triage::{
    Category, Condition, Impact, Observable, ObservableKind, Pap, Priority, PriorityMatrix,
    Severity, Tactic, Tlp, TriageAction, TriageDefinition, TriageInput, TriageRule, TriageRules,
    Urgency, seed_categories,
};
use casefile::workflow::Stage;
use casefile::{Actor, Case, CaseId, Event};
use chrono::{DateTime, TimeDelta, Utc};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use serde_json::json;
use uuid::Uuid;

const TEAMS: usize = 20;
const ANALYSTS: usize = 500;
const ROUTING_RULES: usize = 50;
const TRIAGE_RULES: usize = 200;
const BATCH: usize = 100;

const SEVERITIES: [Severity; 5] = [
    Severity::Informational,
    Severity::Low,
    Severity::Medium,
    Severity::High,
    Severity::Critical,
];
const TACTICS: [Tactic; 6] = [
    Tactic::InitialAccess,
    Tactic::Execution,
    Tactic::Persistence,
    Tactic::CredentialAccess,
    Tactic::LateralMovement,
    Tactic::Impact,
];

fn team(i: usize) -> TeamId {
    TeamId::from_uuid(Uuid::from_u128(1 + i as u128))
}

fn analyst(i: usize) -> AnalystId {
    AnalystId::from_uuid(Uuid::from_u128(10_000 + i as u128))
}

fn p<T: std::str::FromStr>(s: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    s.parse().expect("valid text")
}

fn shifts() -> [(casefile::text::CalendarName, CalendarDefinition); 2] {
    let day = json!([["08:00", "16:00"]]);
    let night = json!([["00:00", "06:00"], ["22:00", "00:00"]]);
    let week = |d: &serde_json::Value| {
        json!({"monday": d, "tuesday": d, "wednesday": d, "thursday": d, "friday": d,
               "saturday": d, "sunday": d})
    };
    let calendar = |d| {
        serde_json::from_value(json!({"time_zone": "Europe/Berlin", "week": week(d)}))
            .expect("valid calendar")
    };
    [(p("day"), calendar(&day)), (p("night"), calendar(&night))]
}

fn roster() -> Roster {
    let teams = (0..TEAMS).map(|i| Team::new(team(i), p(&format!("Team {i}"))));
    let analysts = (0..ANALYSTS).map(|i| {
        let capacity = 6 + u32::try_from(i % 9).expect("small");
        let mut a = Analyst::new(analyst(i), p(&format!("A{i}")), team(i % TEAMS), capacity)
            .skill(p(&format!("skill-{}", i % 7)));
        if i % 2 == 0 {
            a = a.skill(p(&format!("skill-{}", (i + 3) % 7)));
        }
        match i % 3 {
            0 => a.shift(p("day")),
            1 => a.shift(p("night")),
            _ => a,
        }
    });
    Roster::new(RosterDefinition {
        shifts: shifts().into(),
        teams: teams.collect(),
        analysts: analysts.collect(),
    })
    .expect("valid roster")
}

fn strategy(i: usize) -> Strategy {
    match i % 3 {
        0 => Strategy::RoundRobin,
        1 => Strategy::LeastLoaded,
        _ => Strategy::SkillMatch {
            skills: BTreeSet::from([p(&format!("skill-{}", i % 7))]),
        },
    }
}

fn condition(i: usize) -> Condition {
    serde_json::from_value(json!({
        "tags": [format!("route-{i}")],
        "min_severity": SEVERITIES[i % 4],
    }))
    .expect("valid condition")
}

fn router() -> Router {
    let mut definition = RoutingDefinition::new(Fallback::new(team(0), Strategy::LeastLoaded));
    for i in 0..ROUTING_RULES {
        let rule = RoutingRule::new(p(&format!("rule-{i}")), team(i % TEAMS), strategy(i));
        definition = definition.rule(rule.when(condition(i)));
    }
    Router::new(definition, roster()).expect("valid routing rules")
}

fn case(i: usize) -> Case {
    let mut tags = BTreeSet::new();
    if i % 4 != 3 {
        tags.insert(p(&format!("route-{}", (i * 7) % ROUTING_RULES)));
    }
    let opened = Opened {
        number: p("SOC-2026-000001"),
        title: p("Case"),
        description: casefile::text::Description::default(),
        category: Category::malware(),
        severity: SEVERITIES[i % 5],
        impact: Impact::Medium,
        urgency: Urgency::Medium,
        priority: Priority::P3,
        tags,
        tlp: Tlp::Amber,
        pap: Pap::Amber,
        status: p("new"),
        stage: Stage::New,
        team: None,
        fields: std::collections::BTreeMap::new(),
        keys: BTreeSet::new(),
    };
    let id = CaseId::from_uuid(Uuid::from_u128(i as u128 + 1));
    let opened = Change::Opened(Box::new(opened));
    let event = Event::new(id, 1, start(), Actor::System, opened);
    Case::replay([&event]).expect("one opened event replays")
}

fn start() -> DateTime<Utc> {
    "2026-03-02T09:00:00Z".parse().expect("valid time")
}

fn workload() -> Workload {
    let mut workload = Workload::default();
    for i in 0..1_000 {
        let owner = (i % 5 != 0).then(|| analyst((i * 13) % ANALYSTS));
        workload.add(
            owner,
            Some(team(i % TEAMS)),
            1 + u32::try_from(i % 3).expect("small"),
        );
    }
    workload
}

fn bench_routing(c: &mut Criterion) {
    let router = router();
    let cases: Vec<Case> = (0..BATCH).map(case).collect();
    let (workload, rotation, input) = (workload(), Rotation::new(), TriageInput::default());
    let times: Vec<DateTime<Utc>> = (0..BATCH)
        .map(|i| start() + TimeDelta::minutes(i64::try_from(i * 97).expect("small")))
        .collect();
    let mut group = c.benchmark_group("routing_route");
    group.throughput(Throughput::Elements(BATCH as u64));
    group.bench_function("decide", |b| {
        b.iter(|| {
            for (case, now) in cases.iter().zip(&times) {
                black_box(router.route(case, &input, &workload, &rotation, *now));
            }
        });
    });
    group.finish();
}

fn triage_rule(i: usize) -> TriageRule {
    let when = serde_json::from_value(json!({
        "categories": if i % 5 == 0 { json!(["phishing"]) } else { json!([]) },
        "min_severity": SEVERITIES[i % 3],
        "sources": [format!("Product {}", i % 10)],
        "detections": [format!("Detection {}", i % 40)],
        "tactics": [TACTICS[i % TACTICS.len()]],
        "observable_kinds": if i % 2 == 0 { json!(["hostname"]) } else { json!(["url"]) },
        "min_asset_criticality": if i % 4 == 0 { json!("high") } else { json!(null) },
    }))
    .expect("valid condition");
    let then = serde_json::from_value(json!({
        "severity": SEVERITIES[(i % 4) + 1],
        "tags": [format!("triage-{}", i % 25)],
    }))
    .map(|t: TriageAction| t)
    .expect("valid action");
    TriageRule::new(p(&format!("triage-{i}")))
        .when(when)
        .then(then)
}

fn triage_input(i: usize) -> TriageInput {
    let observable = if i % 2 == 0 {
        Observable::new(ObservableKind::Hostname, &format!("host-{i}"))
    } else {
        Observable::new(ObservableKind::Url, &format!("https://x{i}.example"))
    };
    TriageInput::default()
        .source(p(&format!("Product {}", i % 10)))
        .detection(p(&format!("Detection {}", i % 40)))
        .tactic(TACTICS[i % TACTICS.len()])
        .observable(observable.expect("valid observable"))
        .asset_criticality(casefile::triage::AssetCriticality::High)
}

fn bench_triage(c: &mut Criterion) {
    let definition = TriageDefinition {
        categories: seed_categories(),
        rules: (0..TRIAGE_RULES).map(triage_rule).collect(),
    };
    let rules = TriageRules::new(definition).expect("valid triage rules");
    let inputs: Vec<TriageInput> = (0..BATCH).map(triage_input).collect();
    let cases: Vec<Case> = (0..BATCH).map(case).collect();
    let matrix = PriorityMatrix::itil();
    let matched: usize = cases
        .iter()
        .zip(&inputs)
        .map(|(c, i)| rules.evaluate(c, i, &matrix).matched.len())
        .sum();
    assert!(matched > 0, "the inputs match some rules");
    let mut group = c.benchmark_group("triage_evaluate");
    group.throughput(Throughput::Elements(BATCH as u64));
    group.bench_function("evaluate", |b| {
        b.iter(|| {
            for (case, input) in cases.iter().zip(&inputs) {
                black_box(rules.evaluate(case, input, &matrix));
            }
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
    targets = bench_routing, bench_triage
}
criterion_main!(benches);
