//! Issue 3, item 2: mapping OCSF Detection Findings into alerts. The
//! crate's own samples (`tests/samples/ocsf/`) cover the quirks of real
//! feeds; the published findings in `../shared/samples/ocsf/` are read too
//! when that folder exists beside the repository (CI has it).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use casefile::alert::{
    Alert, AttackTag, HashAlgorithm, Observable, ObservableKind, OcsfError, Tactic, ocsf,
};
use casefile::triage::Severity;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};

fn at(time: &str) -> DateTime<Utc> {
    time.parse().expect("valid time")
}

fn sample(dir: &Path, name: &str) -> (String, Alert) {
    let text = std::fs::read_to_string(dir.join(name)).expect("sample is readable");
    let alert = ocsf::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    (text, alert)
}

fn own() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/samples/ocsf")
}

fn observable(kind: ObservableKind, value: &str) -> Observable {
    Observable::new(kind, value).expect("valid observable")
}

fn tactics(alert: &Alert) -> Vec<Option<Tactic>> {
    alert.attacks.iter().map(|t| t.tactic).collect()
}

// ---------------------------------------------------------------------------
// The crate's own samples

#[test]
fn milliseconds_attacks_and_typed_observables() {
    let (text, alert) = sample(&own(), "edr-process-milliseconds.json");

    assert_eq!(alert.producer.vendor.as_str(), "Contoso");
    assert_eq!(alert.producer.product.as_str(), "Falconer EDR");
    assert_eq!(alert.finding_id.as_str(), "ldt-2026-03-02-0001");
    assert_eq!(alert.record_id.as_ref().unwrap().as_str(), "edr-rec-000981");
    assert_eq!(
        alert.correlation_id.as_ref().unwrap().as_str(),
        "incident-5521"
    );
    assert_eq!(
        alert.rule.as_ref().unwrap().as_str(),
        "office-spawns-powershell"
    );
    assert_eq!(alert.title.as_str(), "Suspicious PowerShell execution");
    assert_eq!(alert.severity, Some(Severity::Critical));
    assert_eq!(alert.created_at, at("2026-03-02T09:00:00.250Z"));
    assert_eq!(alert.first_seen, Some(at("2026-03-02T08:59:00Z")));
    assert_eq!(alert.last_seen, Some(at("2026-03-02T08:59:55Z")));
    let tags: Vec<String> = alert.attacks.iter().map(ToString::to_string).collect();
    assert_eq!(tags, ["TA0002/T1059.001", "TA0005/T1027"]);
    assert!(
        alert
            .attacks
            .iter()
            .all(|t| t.version.as_ref().unwrap().as_str() == "14.1")
    );
    let expected = BTreeSet::from([
        observable(ObservableKind::Hostname, "fin-lt-0042.corp.example"),
        observable(ObservableKind::Ip, "10.20.30.40"),
        observable(ObservableKind::User, "CORP\\alice"),
        Observable::file_hash(
            HashAlgorithm::Sha256,
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        )
        .unwrap(),
        observable(ObservableKind::Domain, "updates.example-cdn.net"),
    ]);
    assert_eq!(alert.observables, expected);
    assert_eq!(alert.resources.len(), 1);
    assert_eq!(
        alert.raw.as_ref().unwrap().as_str(),
        text,
        "raw payload is verbatim"
    );
    assert!(
        text.contains("vendor_specific"),
        "unknown fields stay in the raw payload"
    );
}

#[test]
fn zoned_strings_and_attack_only_in_types() {
    let (_, alert) = sample(&own(), "cloud-zoned-strings.json");

    assert_eq!(alert.created_at, at("2026-03-02T09:30:00.500Z"));
    assert_eq!(alert.first_seen, Some(at("2026-03-02T09:05:00Z")));
    assert_eq!(alert.last_seen, Some(at("2026-03-02T09:20:00Z")));
    assert_eq!(alert.severity, Some(Severity::Medium));
    assert_eq!(tactics(&alert), [Some(Tactic::InitialAccess)]);
    assert!(alert.attacks.iter().all(|t| t.version.is_none()));
    let expected = BTreeSet::from([
        observable(ObservableKind::Ip, "198.51.100.23"),
        observable(
            ObservableKind::Other,
            "arn:nw:iam::123456789012:user/ci-bot",
        ),
    ]);
    assert_eq!(alert.observables, expected);
    assert_eq!(
        alert.resources.len(),
        1,
        "a resource with no id, name or type is skipped"
    );
    assert_eq!(alert.record_id, None);
}

#[test]
fn seconds_naive_strings_unknown_severity_no_observables() {
    let (_, alert) = sample(&own(), "scanner-seconds-naive.json");

    assert_eq!(
        alert.created_at,
        at("2026-03-02T09:00:00Z"),
        "the number wins over the string"
    );
    assert_eq!(
        alert.first_seen,
        Some(at("2026-03-02T03:59:00Z")),
        "a naive string is UTC"
    );
    assert_eq!(alert.severity, None);
    assert_eq!(alert.title.as_str(), "Storage bucket allows public listing");
    assert_eq!(
        alert.rule.as_ref().unwrap().as_str(),
        "bucket_public_list_check"
    );
    assert!(alert.observables.is_empty());
    assert!(alert.attacks.is_empty());
}

#[test]
fn a_parsed_value_maps_like_its_text() {
    let text = std::fs::read_to_string(own().join("edr-process-milliseconds.json")).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    let from_value = ocsf::from_json(&value).unwrap();
    let mut from_text = ocsf::parse(&text).unwrap();
    from_text.raw.clone_from(&from_value.raw);
    assert_eq!(from_value, from_text);
    assert_eq!(from_value.raw.unwrap().as_str(), value.to_string());
}

// ---------------------------------------------------------------------------
// Published findings (when ../shared/samples/ocsf exists)

fn shared() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/ocsf");
    dir.is_dir().then_some(dir)
}

#[test]
fn published_findings_map_with_their_times_severity_title_and_observables() {
    let Some(dir) = shared() else {
        eprintln!("../shared/samples/ocsf is absent; the crate's own samples cover its quirks");
        return;
    };

    let (_, guardduty) = sample(&dir, "guardduty-cloudtrail-disabled.json");
    assert_eq!(
        guardduty.created_at,
        at("2023-09-19T15:05:22.487Z"),
        "milliseconds"
    );
    assert_eq!(
        guardduty.first_seen,
        Some(at("2023-09-19T14:55:09Z")),
        "zoned string"
    );
    assert_eq!(guardduty.last_seen, Some(at("2023-09-19T14:55:09Z")));
    assert_eq!(guardduty.severity, Some(Severity::Low));
    assert!(
        guardduty
            .title
            .as_str()
            .starts_with("AWS CloudTrail trail arn:aws:cloudtrail")
    );
    assert_eq!(guardduty.producer.product.as_str(), "GuardDuty");
    assert_eq!(
        guardduty.observables,
        BTreeSet::from([
            observable(ObservableKind::Ip, "52.94.133.131"),
            observable(
                ObservableKind::Other,
                "AWS::IAM::AccessKey:ASIATMJPC7EXAMPLE"
            ),
        ])
    );
    let stealth = AttackTag::new(Some(Tactic::Stealth), None, None).unwrap();
    assert_eq!(
        guardduty.attacks,
        BTreeSet::from([stealth]),
        "Defense Evasion in types"
    );

    let (_, okta) = sample(&dir, "okta-login-failures.json");
    assert_eq!(okta.created_at, at("2024-08-13T15:58:20Z"), "seconds");
    assert_eq!(okta.severity, None, "severity 0 is unknown");
    assert_eq!(okta.title.as_str(), "Login Failures");
    assert_eq!(okta.description.as_str(), "Request from suspicious actor");
    assert!(okta.observables.is_empty());
    assert_eq!(
        okta.record_id.unwrap().as_str(),
        "dc9fd3c0-598c-11ef-8478-2b7584bf8d5a"
    );

    let (_, prowler) = sample(&dir, "prowler-acm-expiration.json");
    assert_eq!(
        prowler.created_at,
        at("2024-10-04T13:49:02Z"),
        "seconds over a naive string"
    );
    assert_eq!(prowler.severity, Some(Severity::High));
    assert_eq!(
        prowler.title.as_str(),
        "Check if ACM Certificates are about to expire in specific days or less"
    );
    assert!(prowler.observables.is_empty());
    assert_eq!(prowler.resources.len(), 1);
}

// ---------------------------------------------------------------------------
// Broken findings

fn minimal() -> Value {
    json!({
        "class_uid": 2004,
        "severity_id": 3,
        "time": 1_772_442_000_000_i64,
        "metadata": { "product": { "vendor_name": "Contoso", "name": "EDR" } },
        "finding_info": { "uid": "det-1", "title": "Beacon" }
    })
}

fn broken(edit: impl FnOnce(&mut Value)) -> OcsfError {
    let mut v = minimal();
    edit(&mut v);
    ocsf::from_json(&v).expect_err("the finding is broken")
}

#[test]
fn the_minimal_finding_maps() {
    let alert = ocsf::from_json(&minimal()).unwrap();
    assert_eq!(alert.producer.vendor.as_str(), "Contoso");
    assert_eq!(alert.severity, Some(Severity::Medium));
}

#[test]
fn broken_findings_name_the_json_path() {
    let cases: Vec<(OcsfError, &str)> = vec![
        (
            broken(|v| v["class_uid"] = json!(2003)),
            "`class_uid` is `2003`; expected `2004` (Detection Finding)",
        ),
        (
            broken(|v| v["finding_info"]["uid"] = Value::Null),
            "`finding_info.uid` is missing",
        ),
        (
            broken(|v| {
                v.as_object_mut().unwrap().remove("severity_id");
            }),
            "`severity_id` is missing",
        ),
        (
            broken(|v| v["severity_id"] = json!(7)),
            "`severity_id` is not valid: expected 0 to 6 or 99",
        ),
        (
            broken(|v| {
                v.as_object_mut().unwrap().remove("time");
            }),
            "`time` is missing",
        ),
        (
            broken(|v| v["time"] = json!("yesterday")),
            "`time` is not valid: expected epoch milliseconds or seconds",
        ),
        (
            broken(|v| v["finding_info"]["first_seen_time_dt"] = json!("02/03/2026")),
            "`finding_info.first_seen_time_dt` is not valid: expected an RFC 3339 time",
        ),
        (
            broken(|v| v["metadata"]["product"] = json!({ "name": "EDR" })),
            "`metadata.product.vendor_name` is missing",
        ),
        (
            broken(|v| v["observables"] = json!({ "value": "x" })),
            "`observables` is not valid: expected an array",
        ),
        (
            broken(|v| v["observables"] = json!([{ "type_id": 2, "value": "10.0.0.300" }])),
            "`observables[0].value` is not valid",
        ),
        (
            broken(|v| v["observables"] = json!([{ "type_id": 2 }])),
            "`observables[0].value` is missing",
        ),
        (
            broken(|v| v["finding_info"]["attacks"] = json!([{ "tactic": { "name": "Lunch" } }])),
            "`finding_info.attacks[0].tactic` is not valid",
        ),
        (
            broken(|v| v["finding_info"]["title"] = json!(42)),
            "`finding_info.title` is not valid: expected a string",
        ),
        (
            broken(|v| {
                v["finding_info"]["first_seen_time"] = json!(1_772_442_000);
                v["finding_info"]["last_seen_time"] = json!(1_772_441_000);
            }),
            "`finding_info.first_seen_time` is not valid",
        ),
        (
            broken(|v| *v = json!([1, 2])),
            "`$` is not valid: expected an object",
        ),
    ];
    for (error, message) in cases {
        assert_eq!(error.to_string(), message);
    }
}

#[test]
fn malformed_json_is_an_error_with_its_position() {
    let err = ocsf::parse("{\"class_uid\": 2004,\n  oops}").unwrap_err();
    assert_eq!(err, OcsfError::Json { line: 2, column: 3 });
    assert_eq!(err.to_string(), "payload is not JSON (line 2, column 3)");
}

#[test]
fn text_errors_are_reached_through_source() {
    let err = broken(|v| v["finding_info"]["uid"] = json!("a\nb"));
    assert_eq!(err.to_string(), "`finding_info.uid` is not valid");
    let source = std::error::Error::source(&err).expect("a source");
    assert_eq!(
        source.to_string(),
        "finding id contains a control character"
    );
}
