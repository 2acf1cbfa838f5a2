//! Property tests of routing, over random rosters (members, capacities,
//! shifts, including one that crosses midnight), random workloads, case
//! severities, rotations and times:
//!
//! - routing is deterministic for the same state and time;
//! - it never picks an analyst who is off shift or would go over capacity,
//!   and every candidate's outcome is true of them;
//! - with least loaded, after any sequence of assignments no member's
//!   weight exceeds another's by more than the largest single case weight
//!   (when all are eligible);
//! - through the desk, every routed case ends owned by a member of its
//!   team or waiting in that team's queue.
//!
//! `PROPTEST_CASES` raises the number of cases (256 by default).

mod routing_support;

use std::collections::BTreeSet;
use std::sync::Arc;

use casefile::case::{CandidateOutcome, Change, Opened, Strategy as Pick};
use casefile::ids::{AnalystId, CaseNumber, TeamId};
use casefile::routing::{
    Analyst, Fallback, Roster, RosterDefinition, Rotation, Router, RoutingDefinition, Team,
    Weights, Workload,
};
use casefile::sla::calendar::CalendarDefinition;
use casefile::store::{CaseFilter, Page};
use casefile::triage::{Category, Impact, Pap, Priority, Severity, Tlp, TriageInput, Urgency};
use casefile::workflow::Stage;
use casefile::{
    Actor, Caller, Case, CaseId, Desk, DeskOptions, Event, MemoryStore, NewCase, SequentialIds,
    Store,
};
use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;

const TEAM: u128 = 1;

fn team() -> TeamId {
    TeamId::from_uuid(uuid::Uuid::from_u128(TEAM))
}

fn severity() -> impl Strategy<Value = Severity> {
    prop_oneof![
        Just(Severity::Informational),
        Just(Severity::Low),
        Just(Severity::Medium),
        Just(Severity::High),
        Just(Severity::Critical),
    ]
}

fn pick() -> impl Strategy<Value = Pick> {
    prop_oneof![
        Just(Pick::RoundRobin),
        Just(Pick::LeastLoaded),
        Just(Pick::SkillMatch {
            skills: BTreeSet::from(["forensics".parse().unwrap()]),
        }),
    ]
}

/// One member: capacity, shift (0 always, 1 day, 2 night across
/// midnight), whether they have the `forensics` skill.
type Member = (u32, u8, bool);

fn members() -> impl Strategy<Value = Vec<Member>> {
    prop::collection::vec((1..12_u32, 0..3_u8, any::<bool>()), 1..8)
}

fn roster(members: &[Member]) -> Roster {
    let day: CalendarDefinition = serde_json::from_value(serde_json::json!({
        "time_zone": "UTC",
        "week": {"monday": [["08:00", "16:00"]], "tuesday": [["08:00", "16:00"]],
                 "wednesday": [["08:00", "16:00"]], "thursday": [["08:00", "16:00"]],
                 "friday": [["08:00", "16:00"]]}
    }))
    .unwrap();
    let night: CalendarDefinition = serde_json::from_value(routing_support::night_shift()).unwrap();
    let analysts = members
        .iter()
        .enumerate()
        .map(|(i, &(capacity, shift, skilled))| {
            let id = AnalystId::from_uuid(uuid::Uuid::from_u128(100 + i as u128));
            let mut analyst = Analyst::new(id, format!("A{i}").parse().unwrap(), team(), capacity);
            if skilled {
                analyst = analyst.skill("forensics".parse().unwrap());
            }
            match shift {
                1 => analyst.shift("day".parse().unwrap()),
                2 => analyst.shift("night".parse().unwrap()),
                _ => analyst,
            }
        });
    Roster::new(RosterDefinition {
        shifts: [
            ("day".parse().unwrap(), day),
            ("night".parse().unwrap(), night),
        ]
        .into(),
        teams: vec![Team::new(team(), "Team".parse().unwrap())],
        analysts: analysts.collect(),
    })
    .unwrap()
}

/// Routing rules need at least one member with the skill a skill-match
/// fallback names; give the first member it when needed.
fn router(members: &mut [Member], strategy: &Pick) -> Router {
    if matches!(strategy, Pick::SkillMatch { .. }) && !members.iter().any(|m| m.2) {
        members[0].2 = true;
    }
    let definition = RoutingDefinition::new(Fallback::new(team(), strategy.clone()));
    Router::new(definition, roster(members)).unwrap()
}

fn case(severity: Severity) -> Case {
    let opened = Opened {
        number: "SOC-2026-000001".parse::<CaseNumber>().unwrap(),
        title: "Case".parse().unwrap(),
        description: casefile::text::Description::default(),
        category: Category::malware(),
        severity,
        impact: Impact::Medium,
        urgency: Urgency::Medium,
        priority: Priority::P3,
        tags: BTreeSet::new(),
        tlp: Tlp::Amber,
        pap: Pap::Amber,
        status: "new".parse().unwrap(),
        stage: Stage::New,
        team: None,
        fields: std::collections::BTreeMap::default(),
        keys: BTreeSet::new(),
    };
    let id = CaseId::from_uuid(uuid::Uuid::from_u128(9));
    let event = Event::new(
        id,
        1,
        start(),
        Actor::System,
        Change::Opened(Box::new(opened)),
    );
    Case::replay([&event]).unwrap()
}

fn start() -> DateTime<Utc> {
    "2026-03-02T00:00:00Z".parse().unwrap()
}

/// An instant in the first week of March 2026, by the minute.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    (0..7 * 24 * 60_i64).prop_map(|m| start() + TimeDelta::minutes(m))
}

fn workload(members: &[Member], loads: &[u32]) -> Workload {
    let mut workload = Workload::default();
    for (i, load) in loads.iter().enumerate().take(members.len()) {
        let id = AnalystId::from_uuid(uuid::Uuid::from_u128(100 + i as u128));
        if *load > 0 {
            workload.add(Some(id), Some(team()), *load);
        }
    }
    workload
}

fn rotation(members: &[Member], last: usize) -> Rotation {
    let mut rotation = Rotation::new();
    let id = AnalystId::from_uuid(uuid::Uuid::from_u128(100 + (last % members.len()) as u128));
    rotation.record(
        &serde_json::from_value(serde_json::json!({
            "rule": null, "team": team(), "strategy": {"pick": "round_robin"}, "weight": 1,
            "candidates": [], "owner": id
        }))
        .unwrap(),
    );
    rotation
}

proptest! {
    #[test]
    fn prop_routing_is_deterministic_for_the_same_state_and_time(
        mut members in members(), strategy in pick(), severity in severity(),
        loads in prop::collection::vec(0..12_u32, 8), last in 0..8_usize, now in instant(),
    ) {
        let router = router(&mut members, &strategy);
        let (case, workload, rotation) =
            (case(severity), workload(&members, &loads), rotation(&members, last));
        let input = TriageInput::default();
        let first = router.route(&case, &input, &workload, &rotation, now);
        let rebuilt = self::router(&mut members.clone(), &strategy);
        let second = rebuilt.route(&case.clone(), &input, &workload.clone(), &rotation.clone(), now);
        prop_assert_eq!(first, second);
    }

    #[test]
    fn prop_routing_never_picks_an_analyst_off_shift_or_at_capacity(
        mut members in members(), strategy in pick(), severity in severity(),
        loads in prop::collection::vec(0..12_u32, 8), last in 0..8_usize, now in instant(),
    ) {
        let router = router(&mut members, &strategy);
        let workload = workload(&members, &loads);
        let case = case(severity);
        let routed = router.route(&case, &TriageInput::default(), &workload, &rotation(&members, last), now);
        let roster = router.roster();
        let weight = Weights::default().of(severity);
        for candidate in &routed.candidates {
            let analyst = roster.analyst(candidate.analyst).unwrap();
            let on = roster.on_shift(analyst, now);
            let fits = workload.analyst(analyst.id).weight + weight <= analyst.capacity;
            match &candidate.outcome {
                CandidateOutcome::Chosen => {
                    prop_assert!(on && fits, "{} chosen off shift or over capacity", analyst.id);
                    prop_assert_eq!(routed.owner, Some(analyst.id));
                }
                CandidateOutcome::OffShift => prop_assert!(!on),
                CandidateOutcome::AtCapacity { .. } => prop_assert!(on && !fits),
                CandidateOutcome::MissingSkills { .. } => prop_assert!(on && fits),
                _ => prop_assert!(on && fits),
            }
        }
        let eligible = routed.candidates.iter().any(|c| matches!(c.outcome,
            CandidateOutcome::Chosen | CandidateOutcome::MoreLoaded | CandidateOutcome::NotNext));
        prop_assert_eq!(routed.owner.is_some(), eligible, "an owner whenever someone is eligible");
    }

    #[test]
    fn prop_least_loaded_keeps_members_within_one_case_weight(
        size in 1..8_usize, severities in prop::collection::vec(severity(), 0..60),
    ) {
        let mut members: Vec<Member> = vec![(u32::MAX, 0, false); size];
        let router = router(&mut members, &Pick::LeastLoaded);
        let mut workload = Workload::default();
        let rotation = Rotation::new();
        let weights = Weights::default();
        let largest = severities.iter().map(|s| weights.of(*s)).max().unwrap_or(0);
        for severity in &severities {
            let routed = router.route(&case(*severity), &TriageInput::default(), &workload, &rotation, start());
            prop_assert!(routed.owner.is_some());
            workload.record(&routed);
        }
        let loads: Vec<u32> = router.roster().members(team())
            .map(|a| workload.analyst(a.id).weight).collect();
        let (max, min) = (loads.iter().max().unwrap(), loads.iter().min().unwrap());
        prop_assert!(max - min <= largest, "loads {loads:?}, largest case {largest}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn prop_every_routed_case_ends_owned_in_its_team_or_in_its_queue(
        mut members in members(), strategy in pick(),
        cases in prop::collection::vec((severity(), 0..600_i64), 1..12),
    ) {
        let router = router(&mut members, &strategy);
        let store = Arc::new(MemoryStore::new());
        let desk = Desk::new(store.clone(), Arc::new(casefile::RecordingNotifier::new()), Arc::new(SequentialIds::new()),
            DeskOptions::default());
        let mut rotation = Rotation::new();
        let mut now = start();
        for (severity, minutes) in cases {
            now += TimeDelta::minutes(minutes);
            let new = NewCase::new("Case".parse().unwrap(), Category::malware(), severity);
            let case = desk.open(&Caller::system(), new, None, now).unwrap().case();
            desk.route(case, &router, &mut rotation, &TriageInput::default(), now).unwrap();
        }
        for summary in store.list(&CaseFilter::default(), Page::first(usize::MAX)).unwrap() {
            prop_assert_eq!(summary.team, Some(team()));
            if let Some(owner) = summary.owner {
                let analyst = router.roster().analyst(owner);
                prop_assert!(analyst.is_some_and(|a| a.teams.contains(&team())));
            }
        }
        let workload = desk.workload(router.weights()).unwrap();
        for analyst in router.roster().members(team()) {
            prop_assert!(workload.analyst(analyst.id).weight <= analyst.capacity);
        }
    }
}
