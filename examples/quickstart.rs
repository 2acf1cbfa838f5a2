//! Quickstart: open a case, work it through the default SOC workflow to
//! closure under SLA targets, print its history and SLA state, and verify
//! its hash chain.
//!
//! Run it with `cargo run --example quickstart`.
//!
//! It wires a `Desk` to the in-memory store and a recording notifier, with
//! one automation rule (when a case is resolved as a true positive, ask the
//! EDR to isolate the host) and 24x7 SLA targets for urgent cases:
//! acknowledge in 15 minutes, contain in an hour, resolve in four, with the
//! clocks paused while the case waits for a third party. An SLA sweep runs
//! once during the work and records the warnings that came due.

use std::error::Error;
use std::sync::Arc;

use casefile::audit::{self, Tamper};
use casefile::case::{AutomationRequest, AutomationRule, Trigger};
use casefile::ids::{AnalystId, TeamId};
use casefile::sla::SlaPolicies;
use casefile::triage::{
    Category, Impact, PriorityMatrix, Resolution, ResolutionImpact, Severity, Tlp, Urgency, Verdict,
};
use casefile::{
    Caller, CasePolicy, Command, Desk, DeskOptions, MemoryStore, NewCase, RecordingNotifier,
    UuidV7Source, Workflow,
};
use chrono::{DateTime, Duration, Utc};
use serde_json::json;

fn main() -> Result<(), Box<dyn Error>> {
    let notifier = Arc::new(RecordingNotifier::new());
    let store = Arc::new(MemoryStore::new());
    let desk = Desk::new(store, notifier.clone(), Arc::new(UuidV7Source), options()?);

    let analyst = AnalystId::generate(&UuidV7Source);
    let tier2 = TeamId::generate(&UuidV7Source);
    let alice = Caller::analyst(analyst);
    let start = DateTime::from_timestamp(Utc::now().timestamp(), 0).ok_or("clock out of range")?;
    let at = |minutes: i64| start + Duration::minutes(minutes);

    let new = NewCase::new(
        "Cobalt Strike beacon on FIN-LT-0042".parse()?,
        Category::malware(),
        Severity::High,
    )
    .description("EDR flagged a beacon to 203.0.113.7 every 60 s.".parse()?)
    .impact(Impact::High)
    .urgency(Urgency::High)
    .tlp(Tlp::Amber)
    .tag("edr".parse()?);
    let opened = desk.open(&alice, new, None, at(0))?;
    let case = opened.case();
    println!("opened {} ({})\n", opened.number(), opened.summary.priority);

    for (minute, command, reason) in steps(analyst, tier2)? {
        if minute == 240 {
            let sweep = desk.sweep(at(200))?;
            println!("SLA sweep at +200 min: {} case(s) due\n", sweep.due);
        }
        let reason = reason.map(str::parse).transpose()?;
        desk.execute(case, &alice, &command, reason.as_ref(), at(minute))?;
    }

    print_history(&desk, case, start)?;
    print_sla(&desk, case, at(300))?;
    print_notifications(&notifier);
    verify(&desk, case)?;
    Ok(())
}

/// The work on the case: minutes after opening, command, reason.
type Steps = Vec<(i64, Command, Option<&'static str>)>;

fn steps(analyst: AnalystId, tier2: TeamId) -> Result<Steps, Box<dyn Error>> {
    let host = "FIN-LT-0042".parse()?;
    Ok(vec![
        (4, Command::Acknowledge, None),
        (5, Command::AssignTeam { team: Some(tier2) }, None),
        (
            6,
            Command::AssignOwner {
                owner: Some(analyst),
            },
            None,
        ),
        (
            7,
            Command::SetField {
                name: "host".parse()?,
                value: Some(host),
            },
            None,
        ),
        (
            8,
            Command::Move {
                to: "triage".parse()?,
            },
            None,
        ),
        (
            15,
            Command::Move {
                to: "investigating".parse()?,
            },
            Some("beacon confirmed in memory"),
        ),
        (
            40,
            Command::Move {
                to: "containment".parse()?,
            },
            None,
        ),
        (
            45,
            Command::Hold {
                status: None,
                waiting_for: "IT desk: spare laptop".parse()?,
            },
            Some("user needs a replacement device"),
        ),
        (120, Command::Resume, None),
        (
            130,
            Command::Move {
                to: "eradication".parse()?,
            },
            None,
        ),
        (
            180,
            Command::Move {
                to: "recovery".parse()?,
            },
            None,
        ),
        (
            240,
            Command::Resolve {
                resolution: Resolution::new(
                    Verdict::TruePositive,
                    ResolutionImpact::WithImpact,
                    "Phishing payload; host reimaged, credentials rotated.".parse()?,
                ),
                status: None,
            },
            None,
        ),
        (300, Command::Close { status: None }, None),
    ])
}

/// The default SOC workflow and ITIL matrix, plus one automation rule.
fn options() -> Result<DeskOptions, Box<dyn Error>> {
    let isolate = AutomationRule {
        name: "isolate-on-true-positive".parse()?,
        when: Trigger::Verdict {
            verdict: Verdict::TruePositive,
        },
        request: AutomationRequest::new("isolate-host".parse()?),
        fields: vec!["host".parse()?],
    };
    let policy = CasePolicy::new(Workflow::soc(), PriorityMatrix::itil(), vec![isolate])?;
    let sla = SlaPolicies::new(serde_json::from_value(sla_definition())?, policy.workflow())?;
    Ok(DeskOptions::new(policy).sla(sla))
}

/// SLA policies as a host would load them from configuration.
fn sla_definition() -> serde_json::Value {
    let target = |name: &str, minutes: u32, stop: serde_json::Value| {
        json!({
            "name": name, "minutes": minutes,
            "start": {"on": "opened"}, "stop": stop,
            "pause": {"stages": ["waiting"]}
        })
    };
    let contained = ["eradication", "recovery", "resolved", "closed"];
    json!({
        "policies": [{
            "name": "urgent",
            "when": {"priorities": ["p1", "p2"]},
            "targets": [
                target("time-to-acknowledge", 15, json!({"on": "acknowledged"})),
                target("time-to-contain", 60, json!({"on": "status", "statuses": contained})),
                target("time-to-resolve", 240, json!({"on": "stage", "stages": ["resolved", "closed"]})),
            ]
        }]
    })
}

fn print_sla(
    desk: &Desk,
    case: casefile::CaseId,
    now: DateTime<Utc>,
) -> Result<(), Box<dyn Error>> {
    println!("SLA at closure:");
    for target in desk.sla(case, now)?.targets {
        for cycle in &target.cycles {
            println!(
                "  {:<20} {:?}: used {} of {} min",
                target.name.as_str(),
                cycle.state,
                cycle.elapsed.num_minutes(),
                cycle.target.num_minutes()
            );
        }
    }
    println!();
    Ok(())
}

fn print_history(
    desk: &Desk,
    case: casefile::CaseId,
    start: DateTime<Utc>,
) -> Result<(), Box<dyn Error>> {
    println!("history:");
    for record in desk.history(case)? {
        let event = &record.event;
        let minutes = (event.at - start).num_minutes();
        let actor = match event.actor {
            casefile::Actor::Analyst(_) => "analyst",
            casefile::Actor::Automation(_) => "automation",
            casefile::Actor::System => "system",
        };
        let reason = event
            .reason
            .as_ref()
            .map(|r| format!("  ({r})"))
            .unwrap_or_default();
        let hash = &record.hash.to_string()[..12];
        println!(
            "  #{:<2} +{minutes:>3} min  {actor:<8}  {}{reason}  [{hash}]",
            event.seq, event.change
        );
    }
    println!();
    Ok(())
}

fn print_notifications(notifier: &RecordingNotifier) {
    println!("notifications:");
    for notification in notifier.notifications() {
        let kind = serde_json::to_value(&notification)
            .ok()
            .and_then(|v| v["notification"].as_str().map(str::to_owned))
            .unwrap_or_default();
        println!("  {kind:<22} {}", notification.summary().status);
    }
    println!();
}

/// Verifies the stored chain, then shows that a copy with one altered
/// record fails verification at that record.
fn verify(desk: &Desk, case: casefile::CaseId) -> Result<(), Box<dyn Error>> {
    let verified = desk.verify(case)?;
    println!(
        "verified {} records, head {}",
        verified.records, verified.head
    );

    let mut copy = desk.history(case)?;
    copy[3].event.reason = Some("nothing to see here".parse()?);
    match audit::verify(&copy) {
        Err(error) if error.tamper == Tamper::Altered => println!("tampered copy: {error}"),
        other => return Err(format!("tampering went unnoticed: {other:?}").into()),
    }
    Ok(())
}
