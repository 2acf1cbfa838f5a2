//! Golden files pin the stored formats: the JSON of events and records (with
//! their schema version), the canonical bytes the hash chain covers, and the
//! JSON of the default workflow. A change to any of them must be deliberate:
//! regenerate with `UPDATE_GOLDEN=1 cargo test --test golden`, review the
//! diff, and record the format change in CHANGELOG.md.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use casefile::alert::{
    Alert, AttachedAlert, AttackTag, AttackVersion, CaseAlerts, DedupPolicy, Fingerprint,
    HashAlgorithm, MergedCase, Observable, ObservableKind, Producer, RawPayload, RecordKey,
    Resource, Tactic, Technique,
};
use casefile::audit::{self, Chain, Record};
use casefile::case::{AutomationRequest, Change, Escalated, Fact, Opened, Routed};
use casefile::ids::{AlertId, AnalystId, AutomationId, CaseNumber, LookupKey, TeamId};
use casefile::playbook::{Phase, TaskTemplate};
use casefile::triage::{
    Category, Impact, Pap, Priority, Resolution, ResolutionImpact, Severity, Tlp, Urgency, Verdict,
};
use casefile::workflow::Stage;
use casefile::{Actor, CaseId, Event, Workflow};
use chrono::{DateTime, Utc};
use uuid::Uuid;

fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("golden file is writable");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_GOLDEN=1", path.display()));
    assert_eq!(actual, expected, "{name} differs from the golden file");
}

fn p<T: std::str::FromStr>(s: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    s.parse().expect("fixture text is valid")
}

fn at(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(1_767_603_600 + seconds, 123_000_000).expect("time in range")
}

fn analyst() -> AnalystId {
    AnalystId::from_uuid(Uuid::from_u128(0x0a))
}

fn opened() -> Opened {
    Opened {
        number: p::<CaseNumber>("SOC-2026-000042"),
        title: p("Beacon from FIN-LT-0042"),
        description: p("EDR detection\nsecond line"),
        category: Category::malware(),
        severity: Severity::High,
        impact: Impact::High,
        urgency: Urgency::Medium,
        priority: Priority::P2,
        tags: BTreeSet::from([p("edr"), p("mitre:t1071")]),
        tlp: Tlp::AmberStrict,
        pap: Pap::Amber,
        status: p("new"),
        stage: Stage::New,
        team: Some(TeamId::from_uuid(Uuid::from_u128(0x7e))),
        fields: BTreeMap::from([(p("host"), p("FIN-LT-0042"))]),
        keys: BTreeSet::from([LookupKey::new(
            p("fingerprint"),
            p("edr:beacon:fin-lt-0042"),
        )]),
    }
}

/// One event of every kind of change.
#[allow(clippy::too_many_lines)] // one entry per kind of change, in one list
fn changes() -> Vec<Change> {
    let team = Some(TeamId::from_uuid(Uuid::from_u128(0x7e)));
    let resolution = Resolution::new(
        Verdict::TruePositive,
        ResolutionImpact::WithImpact,
        p("Host reimaged."),
    );
    let request = AutomationRequest::new(p("isolate-host")).parameter(p("host"), p("FIN-LT-0042"));
    vec![
        Change::Opened(Box::new(opened())),
        Change::TitleChanged {
            old: p("Beacon from FIN-LT-0042"),
            new: p("Cobalt Strike beacon"),
        },
        Change::DescriptionChanged {
            old: p(""),
            new: p("details"),
        },
        Change::Acknowledged,
        Change::OwnerChanged {
            old: None,
            new: Some(analyst()),
        },
        Change::TeamChanged {
            old: team,
            new: None,
        },
        Change::StatusChanged {
            old: p("new"),
            new: p("triage"),
            old_stage: Stage::New,
            new_stage: Stage::Active,
        },
        Change::WaitingForChanged {
            old: None,
            new: Some(p("IT desk")),
        },
        Change::CategoryChanged {
            old: Category::malware(),
            new: Category::phishing(),
        },
        Change::SeverityChanged {
            old: Severity::High,
            new: Severity::Critical,
        },
        Change::ImpactChanged {
            old: Impact::High,
            new: Impact::Low,
        },
        Change::UrgencyChanged {
            old: Urgency::Medium,
            new: Urgency::High,
        },
        Change::PriorityChanged {
            old: Priority::P2,
            new: Priority::P3,
        },
        Change::TagAdded {
            tag: p("ransomware"),
        },
        Change::TagRemoved { tag: p("edr") },
        Change::TlpChanged {
            old: Tlp::AmberStrict,
            new: Tlp::Red,
        },
        Change::PapChanged {
            old: Pap::Amber,
            new: Pap::Clear,
        },
        Change::FieldChanged {
            name: p("host"),
            old: Some(p("FIN-LT-0042")),
            new: None,
        },
        Change::ResolutionChanged {
            old: None,
            new: Some(resolution),
        },
        Change::FactRecorded {
            fact: Fact::PersonalDataBreach,
            old: None,
            new: at(-3600),
        },
        Change::FactRecorded {
            fact: Fact::ReportSubmitted {
                obligation: p("gdpr-art33"),
            },
            old: Some(at(7200)),
            new: at(3600),
        },
        Change::SlaCrossed {
            target: p("time-to-resolve"),
            cycle: 2,
            percent: 75,
            at: at(5400),
        },
        Change::AutomationRequested(request),
        Change::AlertAttached(Box::new(attached())),
        Change::AlertRepeated {
            alert: alert_id(),
            record: RecordKey::of(&alert()),
            old_count: 1,
            new_count: 2,
            old_last_seen: at(-600),
            new_last_seen: at(-60),
        },
        Change::MergedInto {
            survivor: CaseId::from_uuid(Uuid::from_u128(0x5e1f)),
            number: p("SOC-2026-000041"),
        },
        Change::MergedFrom(Box::new(merged())),
    ]
    .into_iter()
    .chain(routing_changes())
    .collect()
}

fn alert_id() -> AlertId {
    AlertId::from_uuid(Uuid::from_u128(0xa1e7))
}

/// An alert with every field set.
fn alert() -> Alert {
    let tag = AttackTag::new(
        Some(Tactic::Stealth),
        Some(p::<Technique>("T1562.008")),
        Some(p::<AttackVersion>("19")),
    )
    .unwrap();
    let resource = Resource {
        uid: Some(p("arn:aws:iam::111111111111:user/admin")),
        name: None,
        kind: Some(p("AwsIamUser")),
    };
    Alert::builder(
        Producer::new(p("Contoso"), p("EDR")),
        p("det-4711"),
        p("Beacon to newly registered domain"),
        at(-30),
    )
    .record_id(p("rec-0001"))
    .correlation_id(p("corr-77"))
    .rule(p("c2-beacon"))
    .description(p("Periodic HTTPS\nbeacons"))
    .severity(Severity::High)
    .category(Category::malware())
    .seen(Some(at(-900)), Some(at(-600)))
    .attack(tag)
    .observable(Observable::new(ObservableKind::Hostname, "FIN-LT-0042").unwrap())
    .observable(Observable::file_hash(HashAlgorithm::Sha256, &"ab".repeat(32)).unwrap())
    .observable(Observable::new(ObservableKind::Ip, "203.0.113.7").unwrap())
    .resource(resource)
    .raw(p::<RawPayload>("{\"class_uid\":2004}"))
    .build()
    .unwrap()
}

fn attached() -> AttachedAlert {
    let fingerprint = Fingerprint::of(&alert(), &DedupPolicy::default().fields);
    AttachedAlert::new(alert_id(), fingerprint, Some(p("same-host")), alert())
}

fn merged() -> MergedCase {
    let mut alerts = CaseAlerts::default();
    alerts.apply(&Change::AlertAttached(Box::new(attached())));
    MergedCase::new(
        CaseId::from_uuid(Uuid::from_u128(0xd0b)),
        p("SOC-2026-000043"),
        &alerts,
    )
}

/// One event of every kind of triage, routing, escalation and task change.
fn routing_changes() -> Vec<Change> {
    vec![
        Change::Triaged {
            rules: vec![p("phish-default"), p("vip-recipient")],
        },
        Change::Routed(Box::new(routed())),
        Change::Escalated(Box::new(escalated())),
        Change::PlaybookApplied {
            playbook: p("phishing"),
            first: 1,
            tasks: vec![
                TaskTemplate::new(
                    p("collect-message"),
                    p("Collect the reported message"),
                    Phase::DetectionAndAnalysis,
                )
                .mandatory(),
                TaskTemplate::new(
                    p("notify-reporter"),
                    p("Tell the reporter"),
                    Phase::PostIncident,
                ),
            ],
        },
        Change::TaskAssigned {
            task: 1,
            old: None,
            new: Some(analyst()),
        },
        Change::TaskCompleted { task: 1 },
        Change::TaskSkipped {
            task: 2,
            reason: p("Reporter left the company"),
        },
    ]
}

fn routed() -> Routed {
    let serde = serde_json::json!({
        "rule": "malware-to-forensics",
        "team": Uuid::from_u128(0x7e),
        "strategy": {"pick": "skill_match", "skills": ["forensics", "windows"]},
        "weight": 3,
        "candidates": [
            {"analyst": Uuid::from_u128(0x0b), "load": 2, "outcome": {"outcome": "off_shift"}},
            {"analyst": Uuid::from_u128(0x0c), "load": 6, "outcome": {"outcome": "at_capacity", "capacity": 8}},
            {"analyst": Uuid::from_u128(0x0d), "load": 0,
             "outcome": {"outcome": "missing_skills", "skills": ["windows"]}},
            {"analyst": Uuid::from_u128(0x0e), "load": 4, "outcome": {"outcome": "more_loaded"}},
            {"analyst": Uuid::from_u128(0x0a), "load": 1, "outcome": {"outcome": "chosen"}}
        ],
        "owner": analyst()
    });
    serde_json::from_value(serde).expect("fixture routing decision")
}

fn escalated() -> Escalated {
    let serde = serde_json::json!({
        "rule": "breach-to-tier2",
        "cause": {"on": "sla_crossed", "seq": 22, "target": "time-to-resolve", "cycle": 2, "percent": 100},
        "to_team": Uuid::from_u128(0x7f),
        "notify": "soc-manager",
        "released": analyst()
    });
    serde_json::from_value(serde).expect("fixture escalation")
}

fn events() -> Vec<Event> {
    let case = CaseId::from_uuid(Uuid::from_u128(0xca5e));
    let actors = [
        Actor::Analyst(analyst()),
        Actor::Automation(AutomationId::from_uuid(Uuid::from_u128(0xb0))),
        Actor::System,
    ];
    changes()
        .into_iter()
        .zip(1..)
        .map(|(change, seq)| {
            let actor = actors[usize::try_from(seq).unwrap() % actors.len()];
            let reason = (seq % 4 == 0).then(|| p("because\nreasons"));
            Event::new(
                case,
                seq,
                at(i64::try_from(seq).unwrap() * 60),
                actor,
                change,
            )
            .with_reason(reason)
        })
        .collect()
}

fn records() -> Vec<Record> {
    let mut chain = Chain::new();
    events().into_iter().map(|e| chain.seal(e)).collect()
}

#[test]
fn events_serialize_as_pinned() {
    let json = serde_json::to_string_pretty(&events()).unwrap() + "\n";
    golden("events.json", &json);
}

#[test]
fn records_serialize_as_pinned() {
    let json = serde_json::to_string_pretty(&records()).unwrap() + "\n";
    golden("records.json", &json);
}

#[test]
fn canonical_bytes_are_pinned() {
    let hex: String = events()
        .iter()
        .map(|e| hex::encode(audit::canonical_bytes(e)) + "\n")
        .collect();
    golden("canonical.hex", &hex);
}

#[test]
fn default_workflow_serializes_as_pinned() {
    let json = serde_json::to_string_pretty(&Workflow::soc()).unwrap() + "\n";
    golden("workflow_soc.json", &json);
}

#[test]
fn pinned_records_read_back_and_verify() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/records.json");
    let text = std::fs::read_to_string(path).unwrap();
    let read: Vec<Record> = serde_json::from_str(&text).unwrap();
    assert_eq!(read, records());
    let verified = audit::verify(&read).expect("pinned chain verifies");
    assert_eq!(verified.head, records().last().unwrap().hash);
}

#[test]
fn pinned_workflow_reads_back_as_the_default() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/workflow_soc.json");
    let read: Workflow = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(read, Workflow::soc());
}

#[test]
fn another_schema_version_is_refused_with_its_number() {
    let json = serde_json::to_string(&events()[3])
        .unwrap()
        .replace("\"schema\":1", "\"schema\":2");
    let err = serde_json::from_str::<Event>(&json)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("event schema `2` is not supported; this version reads schema `1`"),
        "{err}"
    );
}
