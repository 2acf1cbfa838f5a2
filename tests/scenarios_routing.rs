//! Routing through the desk: each strategy, rules and the fallback,
//! shifts that cross midnight, capacity, the team queue, and the workload
//! views.

mod common;
mod routing_support;

use casefile::case::{CandidateOutcome, Change, Routed, Strategy};
use casefile::routing::{Rotation, Router, RoutingDefinition, RoutingError, Weights, Workload};
use casefile::triage::{AssetCriticality, Category, Severity, Tactic, TriageInput};
use casefile::{Actor, CaseId, Notification};
use chrono::{DateTime, Utc};
use common::{Fixture, alice, at, later, phishing, t0, text};
use routing_support::{
    DAY, DAY2, FORENSICS, MACOS, NIGHT, SENIOR, TIER1, TIER2, WINDOWS, analyst_id, roster, team_id,
};
use serde_json::json;

fn router_with(rules: &serde_json::Value, fallback: &str) -> Result<Router, RoutingError> {
    let definition: RoutingDefinition = serde_json::from_value(json!({
        "rules": rules,
        "fallback": {"team": team_id(TIER1), "strategy": {"pick": fallback}}
    }))
    .expect("the definition deserializes");
    Router::new(definition, roster())
}

fn router() -> Router {
    let rules = json!([
        {"name": "ransomware-to-forensics",
         "when": {"categories": ["malware"], "tactics": ["TA0040"]},
         "team": team_id(FORENSICS),
         "strategy": {"pick": "skill_match", "skills": ["forensics", "windows"]}},
        {"name": "crown-jewels-to-tier2",
         "when": {"min_asset_criticality": "critical"},
         "team": team_id(TIER2), "strategy": {"pick": "least_loaded"}},
        {"name": "legal-hold", "when": {"tags": ["legal-hold"]},
         "team": team_id(TIER2), "strategy": {"pick": "queue"}}
    ]);
    router_with(&rules, "least_loaded").expect("the rules are valid")
}

/// Opens a case and routes it at `now`.
fn route(fx: &Fixture, new: casefile::NewCase, input: &TriageInput, now: &str) -> Routed {
    let mut rotation = Rotation::new();
    route_with(fx, new, input, &mut rotation, &router(), now)
}

fn route_with(
    fx: &Fixture,
    new: casefile::NewCase,
    input: &TriageInput,
    rotation: &mut Rotation,
    router: &Router,
    now: &str,
) -> Routed {
    let case = fx.desk.open(&alice(), new, None, at(now)).unwrap().case();
    let receipt = fx
        .desk
        .route(case, router, rotation, input, at(now))
        .unwrap();
    routed_in(&receipt.events)
}

fn routed_in(events: &[casefile::Event]) -> Routed {
    events
        .iter()
        .find_map(|e| match &e.change {
            Change::Routed(r) => Some((**r).clone()),
            _ => None,
        })
        .expect("a routing decision was recorded")
}

fn outcome(routed: &Routed, analyst: u128) -> CandidateOutcome {
    let id = analyst_id(analyst);
    let found = routed.candidates.iter().find(|c| c.analyst == id);
    found.expect("the analyst was considered").outcome.clone()
}

#[test]
fn least_loaded_picks_the_lighter_member_and_explains_the_others() {
    let fx = Fixture::new();
    let first = route(
        &fx,
        phishing(),
        &TriageInput::default(),
        "2026-03-02T09:00:00Z",
    );
    assert_eq!(
        first.owner,
        Some(analyst_id(DAY)),
        "ties go to roster order"
    );
    assert_eq!(first.rule, None, "no rule matched: the fallback decided");

    let second = route(
        &fx,
        phishing(),
        &TriageInput::default(),
        "2026-03-02T09:05:00Z",
    );
    assert_eq!(second.owner, Some(analyst_id(DAY2)));
    assert_eq!(outcome(&second, DAY), CandidateOutcome::MoreLoaded);
    assert_eq!(outcome(&second, NIGHT), CandidateOutcome::OffShift);
    assert_eq!(second.candidates[0].load, 2, "a medium case weighs 2");
}

#[test]
fn the_decision_is_recorded_before_the_changes_it_makes_with_the_rule_as_reason() {
    let fx = Fixture::new();
    let case = fx.open();
    let input = TriageInput::default().asset_criticality(AssetCriticality::Critical);
    let mut rotation = Rotation::new();
    let receipt = fx
        .desk
        .route(case, &router(), &mut rotation, &input, t0())
        .unwrap();

    let kinds: Vec<String> = receipt
        .events
        .iter()
        .map(|e| e.change.to_string())
        .collect();
    assert!(kinds[0].starts_with("routed to "), "{kinds:?}");
    assert!(matches!(
        receipt.events[1].change,
        Change::TeamChanged { .. }
    ));
    assert!(matches!(
        receipt.events[2].change,
        Change::OwnerChanged { .. }
    ));
    for event in &receipt.events {
        assert_eq!(event.actor, Actor::System);
    }
    let reason = receipt.events[1].reason.as_ref().unwrap();
    assert_eq!(reason.as_str(), "routing rule `crown-jewels-to-tier2`");
    assert_eq!(receipt.summary.owner, Some(analyst_id(SENIOR)));
    assert_eq!(receipt.summary.team, Some(team_id(TIER2)));
}

#[test]
fn round_robin_takes_turns_and_skips_members_off_shift() {
    let fx = Fixture::new();
    let router = router_with(&json!([]), "round_robin").unwrap();
    let mut rotation = Rotation::new();
    let input = TriageInput::default();
    let owners: Vec<_> = ["09:00", "09:01", "09:02"]
        .iter()
        .map(|t| {
            let now = format!("2026-03-02T{t}:00Z");
            route_with(&fx, phishing(), &input, &mut rotation, &router, &now).owner
        })
        .collect();
    let (day, day2) = (Some(analyst_id(DAY)), Some(analyst_id(DAY2)));
    assert_eq!(owners, vec![day, day2, day], "Nico is off shift by day");

    let third = fx.desk.history(common::nth_id(3)).unwrap();
    let decision = routed_in(&third.iter().map(|r| r.event.clone()).collect::<Vec<_>>());
    assert_eq!(outcome(&decision, DAY2), CandidateOutcome::NotNext);
}

#[test]
fn the_rotation_is_a_fold_of_the_recorded_decisions() {
    let fx = Fixture::new();
    let router = router_with(&json!([]), "round_robin").unwrap();
    let mut kept = Rotation::new();
    for minute in 0..5 {
        let now = later(minute).to_rfc3339();
        route_with(
            &fx,
            phishing(),
            &TriageInput::default(),
            &mut kept,
            &router,
            &now,
        );
    }
    let mut events = Vec::new();
    for n in 1..=5 {
        events.extend(
            fx.desk
                .history(common::nth_id(n))
                .unwrap()
                .into_iter()
                .map(|r| r.event),
        );
    }
    events.sort_by_key(|e| e.at);
    assert_eq!(Rotation::replay(&events), kept);
}

#[test]
fn skill_match_requires_every_skill_then_least_loaded() {
    let fx = Fixture::new();
    let new = casefile::NewCase::new(
        text("Ransom note on FS01"),
        Category::malware(),
        Severity::High,
    );
    let input = TriageInput::default().tactic(Tactic::Impact);
    let routed = route(&fx, new, &input, "2026-03-02T09:00:00Z");

    assert_eq!(
        routed.rule.as_ref().unwrap().as_str(),
        "ransomware-to-forensics"
    );
    assert_eq!(routed.owner, Some(analyst_id(WINDOWS)));
    let missing = outcome(&routed, MACOS);
    assert_eq!(
        missing,
        CandidateOutcome::MissingSkills {
            skills: [text("windows")].into()
        }
    );
    assert!(routed.to_string().contains("lacks `windows`"), "{routed}");
}

#[test]
fn a_case_nobody_can_take_waits_in_the_team_queue_with_a_notification() {
    let fx = Fixture::new();
    // 03:00 on a Monday: the day shift is off and the night shift is on, so
    // fill Nico up first.
    let night = "2026-03-02T03:00:00Z";
    let heavy = || phishing().urgency(casefile::triage::Urgency::High);
    let critical = || casefile::NewCase::new(text("Worm"), Category::malware(), Severity::Critical);
    let first = route(&fx, critical(), &TriageInput::default(), night);
    assert_eq!(first.owner, Some(analyst_id(NIGHT)), "5 of Nico's 6");

    let mut rotation = Rotation::new();
    let routed = route_with(
        &fx,
        heavy(),
        &TriageInput::default(),
        &mut rotation,
        &router(),
        night,
    );
    assert_eq!(routed.owner, None);
    assert_eq!(
        outcome(&routed, NIGHT),
        CandidateOutcome::AtCapacity { capacity: 6 }
    );
    assert_eq!(outcome(&routed, DAY), CandidateOutcome::OffShift);

    let queued = fx
        .notifier
        .notifications()
        .into_iter()
        .find_map(|n| match n {
            Notification::Queued { summary, routed } => Some((summary, routed)),
            _ => None,
        });
    let (summary, why) = queued.expect("a queued notification");
    assert_eq!(summary.team, Some(team_id(TIER1)));
    assert_eq!(summary.owner, None);
    assert!(why.to_string().starts_with("queued in team"), "{why}");
}

#[test]
fn a_queue_strategy_leaves_the_case_for_the_team_to_pick() {
    let fx = Fixture::new();
    let new = phishing().tag(text("legal-hold"));
    let routed = route(&fx, new, &TriageInput::default(), "2026-03-02T09:00:00Z");
    assert_eq!(routed.strategy, Strategy::Queue);
    assert_eq!(routed.owner, None);
    assert!(routed.candidates.is_empty());
}

#[test]
fn a_night_shift_crossing_midnight_is_on_both_sides_of_it() {
    let roster = roster();
    let nico = roster.analyst(analyst_id(NIGHT)).unwrap();
    let on = |t: &str| roster.on_shift(nico, at(t));
    assert!(on("2026-03-02T22:00:00Z"));
    assert!(on("2026-03-02T23:59:59Z"));
    assert!(on("2026-03-03T00:00:00Z"));
    assert!(on("2026-03-03T05:59:59Z"));
    assert!(!on("2026-03-03T06:00:00Z"));
    assert!(!on("2026-03-03T21:59:59Z"));

    let fx = Fixture::new();
    let late = route(
        &fx,
        phishing(),
        &TriageInput::default(),
        "2026-03-02T23:30:00Z",
    );
    assert_eq!(late.owner, Some(analyst_id(NIGHT)));
    let early = route(
        &fx,
        phishing(),
        &TriageInput::default(),
        "2026-03-03T02:00:00Z",
    );
    assert_eq!(early.owner, Some(analyst_id(NIGHT)));
}

#[test]
fn a_reroute_does_not_count_the_case_against_its_own_owner() {
    let fx = Fixture::new();
    let case = fx.open();
    let router = router();
    let mut rotation = Rotation::new();
    let first = fx
        .desk
        .route(case, &router, &mut rotation, &TriageInput::default(), t0());
    assert_eq!(first.unwrap().summary.owner, Some(analyst_id(DAY)));
    let again = fx.desk.route(
        case,
        &router,
        &mut rotation,
        &TriageInput::default(),
        later(1),
    );
    let again = again.unwrap();
    assert_eq!(again.summary.owner, Some(analyst_id(DAY)));
    assert_eq!(again.events.len(), 1, "only the decision; nothing changed");
}

#[test]
fn routing_rules_naming_unknown_things_or_never_matching_are_rejected_by_name() {
    let unknown_team = json!([{"name": "lost", "team": uuid::Uuid::from_u128(0xdead),
        "strategy": {"pick": "least_loaded"}}]);
    let err = router_with(&unknown_team, "least_loaded").unwrap_err();
    assert_eq!(
        err.to_string(),
        "routing rule `lost` names unknown team `00000000-0000-0000-0000-00000000dead`"
    );

    let skill = json!([{"name": "mac", "team": team_id(TIER2),
        "strategy": {"pick": "skill_match", "skills": ["macos"]}}]);
    let err = router_with(&skill, "least_loaded").unwrap_err();
    assert!(
        err.to_string()
            .starts_with("rule `mac` requires skill `macos`"),
        "{err}"
    );

    let shadowed = json!([
        {"name": "all", "team": team_id(TIER2), "strategy": {"pick": "least_loaded"}},
        {"name": "vip", "when": {"tags": ["vip"]}, "team": team_id(TIER1),
         "strategy": {"pick": "least_loaded"}}
    ]);
    let err = router_with(&shadowed, "least_loaded").unwrap_err();
    assert_eq!(
        err.to_string(),
        "rule `vip` can never match: rule `all` before it matches every case"
    );

    let contradiction = json!([{"name": "odd", "when": {"min_severity": "high",
        "max_severity": "low"}, "team": team_id(TIER2), "strategy": {"pick": "least_loaded"}}]);
    let err = router_with(&contradiction, "least_loaded").unwrap_err();
    assert_eq!(
        err.to_string(),
        "rule `odd` can never match: least severity `high` is above greatest `low`"
    );

    let category = json!([{"name": "dos", "when": {"categories": ["dos"]},
        "team": team_id(TIER2), "strategy": {"pick": "least_loaded"}}]);
    let err = router_with(&category, "least_loaded").unwrap_err();
    assert_eq!(err.to_string(), "rule `dos` names unknown category `dos`");
}

#[test]
fn workload_views_count_open_weight_per_analyst_and_team_and_volume_per_category() {
    let fx = Fixture::new();
    route(
        &fx,
        phishing(),
        &TriageInput::default(),
        "2026-03-02T09:00:00Z",
    );
    route(
        &fx,
        phishing().tag(text("legal-hold")),
        &TriageInput::default(),
        "2026-03-02T09:01:00Z",
    );
    let malware = casefile::NewCase::new(text("Dropper"), Category::malware(), Severity::High);
    route(
        &fx,
        malware,
        &TriageInput::default(),
        "2026-03-02T09:02:00Z",
    );

    let workload = fx.desk.workload(&Weights::default()).unwrap();
    assert_eq!(workload.analyst(analyst_id(DAY)).weight, 2);
    assert_eq!(workload.analyst(analyst_id(DAY2)).weight, 3);
    let tier1 = workload.team(team_id(TIER1));
    assert_eq!((tier1.cases, tier1.weight, tier1.queued), (2, 5, 0));
    assert_eq!(workload.team(team_id(TIER2)).queued, 1);

    let volume = fx.desk.category_volume(t0(), later(60)).unwrap();
    assert_eq!(volume.cases.get(&Category::phishing()), Some(&2));
    assert_eq!(volume.cases.get(&Category::malware()), Some(&1));
    assert_eq!(volume.total(), 3);
    let none = fx.desk.category_volume(later(60), later(120)).unwrap();
    assert_eq!(none.total(), 0);
}

#[test]
fn the_same_state_and_time_give_the_same_decision() {
    let fx = Fixture::new();
    let case: CaseId = fx.open();
    let case = fx.desk.case(case).unwrap();
    let router = router();
    let now: DateTime<Utc> = t0();
    let input = TriageInput::default();
    let (workload, rotation) = (Workload::default(), Rotation::new());
    let a = router.route(&case, &input, &workload, &rotation, now);
    let b = router.route(&case, &input, &workload, &rotation, now);
    assert_eq!(a, b);
    assert_eq!(a.team, team_id(TIER1));
    assert_ne!(a.team, team_id(TIER2));
}
