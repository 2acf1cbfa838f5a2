//! Laws of SLA state: pausing never brings a deadline forward, replaying
//! the same history gives the same state, and a met cycle stays met.

use std::sync::Arc;

use casefile::sla::{CycleState, SlaDefinition, SlaPolicies, SlaReport};
use casefile::triage::{
    Category, Impact, Resolution, ResolutionImpact, Severity, Urgency, Verdict,
};
use casefile::{
    Caller, Command, Desk, DeskOptions, Event, MemoryStore, NewCase, RecordingNotifier,
    SequentialIds, Workflow,
};
use chrono::{DateTime, Duration, Utc};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::json;

const STATUSES: [&str; 9] = [
    "new",
    "triage",
    "investigating",
    "containment",
    "eradication",
    "recovery",
    "on_hold",
    "resolved",
    "closed",
];

/// A command and the minutes since the previous one.
type Step = (u16, Command);

fn parse<T: std::str::FromStr>(s: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    s.parse().expect("fixed text is valid")
}

fn command() -> impl Strategy<Value = Command> {
    let owner = casefile::ids::AnalystId::from_uuid(uuid::Uuid::from_u128(1));
    let levels = [Impact::High, Impact::Medium, Impact::Low];
    let urgencies = [Urgency::High, Urgency::Medium, Urgency::Low];
    prop_oneof![
        Just(Command::Acknowledge),
        Just(Command::AssignOwner { owner: Some(owner) }),
        select(STATUSES.to_vec()).prop_map(|s| Command::Move { to: parse(s) }),
        Just(Command::Hold {
            status: None,
            waiting_for: parse("vendor")
        }),
        Just(Command::Resume),
        select(vec![Verdict::TruePositive, Verdict::FalsePositive]).prop_map(|verdict| {
            let summary = parse("done");
            let resolution = Resolution::new(verdict, ResolutionImpact::NoImpact, summary);
            Command::Resolve {
                resolution,
                status: None,
            }
        }),
        Just(Command::Close { status: None }),
        Just(Command::Reopen),
        (select(levels.to_vec()), select(urgencies.to_vec()))
            .prop_map(|(impact, urgency)| Command::SetImpactUrgency { impact, urgency }),
    ]
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    proptest::collection::vec((0u16..900, command()), 0..30)
}

fn definition(pause: bool, on_reopen: &str) -> SlaDefinition {
    let pause = if pause {
        json!({"stages": ["waiting"]})
    } else {
        json!({})
    };
    let target = |minutes: u32| {
        json!({
            "name": "time-to-resolve", "minutes": minutes, "calendar": "office",
            "start": {"on": "opened"},
            "stop": {"on": "stage", "stages": ["resolved", "closed"]},
            "pause": pause, "on_reopen": on_reopen
        })
    };
    let office = json!({
        "time_zone": "Europe/Berlin",
        "week": {
            "monday": [["08:00", "12:00"], ["13:00", "17:00"]],
            "tuesday": [["08:00", "17:00"]], "wednesday": [["08:00", "17:00"]],
            "thursday": [["08:00", "17:00"]], "friday": [["08:00", "15:00"]]
        },
        "holidays": [{"on": "2026-03-27"}, {"yearly": {"month": 5, "day": 1}}]
    });
    serde_json::from_value(json!({
        "calendars": {"office": office},
        "policies": [
            {"name": "urgent", "when": {"priorities": ["p1", "p2"]}, "targets": [target(240)]},
            {"name": "standard", "targets": [target(960)]}
        ]
    }))
    .expect("the definition deserializes")
}

fn policies(pause: bool, on_reopen: &str) -> SlaPolicies {
    SlaPolicies::new(definition(pause, on_reopen), &Workflow::soc()).expect("valid")
}

fn start() -> DateTime<Utc> {
    "2026-03-23T07:30:00Z".parse().expect("valid time")
}

/// Runs the steps on a desk and returns the case's events and the time
/// of the last step.
fn history(steps: &[Step]) -> (Vec<Event>, DateTime<Utc>) {
    let desk = Desk::new(
        Arc::new(MemoryStore::new()),
        Arc::new(RecordingNotifier::new()),
        Arc::new(SequentialIds::new()),
        DeskOptions::default().sla(policies(true, "new_cycle")),
    );
    let caller = Caller::analyst(casefile::ids::AnalystId::from_uuid(uuid::Uuid::from_u128(
        1,
    )))
    .with_permission(parse("case:reopen"));
    let new = NewCase::new(parse("case"), Category::malware(), Severity::High);
    let case = desk
        .open(&caller, new, None, start())
        .expect("opens")
        .case();
    let mut now = start();
    for (gap, command) in steps {
        now += Duration::minutes(i64::from(*gap));
        let _ = desk.execute(case, &caller, command, None, now);
    }
    let events = desk
        .history(case)
        .expect("exists")
        .into_iter()
        .map(|r| r.event)
        .collect();
    (events, now)
}

fn dues(report: &SlaReport) -> Vec<DateTime<Utc>> {
    report
        .targets
        .iter()
        .flat_map(|t| t.cycles.iter().map(|c| c.due))
        .collect()
}

proptest! {
    #[test]
    fn prop_pause_never_shortens_deadline(steps in steps(), extra in 0u16..2000) {
        let (events, last) = history(&steps);
        let now = last + Duration::minutes(i64::from(extra));
        let paused = policies(true, "new_cycle").report(&events, now).unwrap();
        let unpaused = policies(false, "new_cycle").report(&events, now).unwrap();
        let (paused, unpaused) = (dues(&paused), dues(&unpaused));
        prop_assert_eq!(paused.len(), unpaused.len());
        for (with, without) in paused.iter().zip(&unpaused) {
            prop_assert!(with >= without, "paused due {} before unpaused due {}", with, without);
        }
    }

    #[test]
    fn prop_replaying_the_same_history_gives_the_same_state(steps in steps(), extra in 0u16..2000) {
        let (events, last) = history(&steps);
        let now = last + Duration::minutes(i64::from(extra));
        let policies = policies(true, "new_cycle");
        let first = policies.report(&events, now).unwrap();
        prop_assert_eq!(&first, &policies.report(&events, now).unwrap());
        // Events after the instant asked about do not change the answer.
        let cut = events.iter().filter(|e| e.at <= last).count() / 2;
        let earlier = events[cut.max(1) - 1].at;
        let prefix: Vec<Event> = events.iter().filter(|e| e.at <= earlier).cloned().collect();
        prop_assert_eq!(
            policies.report(&prefix, earlier).unwrap(),
            policies.report(&events, earlier).unwrap()
        );
    }

    #[test]
    fn prop_met_target_stays_met(steps in steps(), on_reopen in select(vec!["new_cycle", "resume"])) {
        let (events, _) = history(&steps);
        let policies = policies(true, on_reopen);
        let reports: Vec<SlaReport> = (1..=events.len())
            .map(|k| policies.report(&events[..k], events[k - 1].at).unwrap())
            .collect();
        for (k, report) in reports.iter().enumerate() {
            for target in &report.targets {
                for cycle in target.cycles.iter().filter(|c| c.state == CycleState::Met) {
                    for later in &reports[k..] {
                        let same = later.target(&target.name).and_then(|t| {
                            t.cycles.iter().find(|c| c.number == cycle.number)
                        });
                        prop_assert_eq!(same.map(|c| c.state), Some(CycleState::Met));
                        prop_assert_eq!(same.map(|c| c.ended_at), Some(cycle.ended_at));
                    }
                }
            }
        }
    }

    #[test]
    fn prop_elapsed_and_remaining_add_up_until_the_breach(steps in steps(), extra in 0u16..3000) {
        let (events, last) = history(&steps);
        let now = last + Duration::minutes(i64::from(extra));
        let report = policies(true, "new_cycle").report(&events, now).unwrap();
        for cycle in report.targets.iter().flat_map(|t| &t.cycles) {
            let wall = cycle.ended_at.unwrap_or(now) - cycle.started_at;
            prop_assert!(cycle.elapsed <= wall, "business time outran wall time");
            if !cycle.breached {
                prop_assert_eq!(cycle.elapsed + cycle.remaining, cycle.target);
            }
            let percents: Vec<u8> = cycle.crossings.iter().map(|c| c.percent).collect();
            let mut sorted = percents.clone();
            sorted.sort_unstable();
            prop_assert_eq!(&percents, &sorted, "thresholds are crossed in order");
            prop_assert_eq!(percents.contains(&100), cycle.breached);
        }
    }
}
