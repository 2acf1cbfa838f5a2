//! Triage rules through the desk: each kind of condition and action,
//! chaining and stopping, the recorded explanation, and rule sets rejected
//! when built.

mod common;

use casefile::case::Change;
use casefile::triage::{
    AssetCriticality, Category, Impact, Observable, ObservableKind, Priority, Severity, Tactic,
    TriageDefinition, TriageInput, TriageRules, Urgency,
};
use casefile::{Actor, Notification};
use common::{Fixture, phishing, t0, text};
use serde_json::json;

fn rules(rules: &serde_json::Value) -> TriageRules {
    let definition: TriageDefinition =
        serde_json::from_value(json!({ "rules": rules })).expect("rules deserialize");
    TriageRules::new(definition).expect("rules are valid")
}

fn soc_rules() -> TriageRules {
    rules(&json!([
        {"name": "mail-gateway-phish",
         "when": {"sources": ["Microsoft Defender for Office 365"]},
         "then": {"category": "phishing", "tags": ["mail"]}},
        {"name": "vip-recipient",
         "when": {"categories": ["phishing"], "observables": [{"kind": "email", "value": "CEO@example.com"}]},
         "then": {"severity": "high", "impact": "high", "urgency": "high", "tags": ["vip"]}},
        {"name": "ransomware",
         "when": {"tactics": ["TA0040"], "detections": ["Mass file encryption"]},
         "then": {"category": "malware", "severity": "critical",
                  "automation": {"action": "isolate-host", "parameters": {}}}},
        {"name": "crown-jewel",
         "when": {"min_asset_criticality": "critical", "min_severity": "medium"},
         "then": {"urgency": "high"}},
        {"name": "url-seen", "when": {"observable_kinds": ["url"], "without_tags": ["vip"]},
         "then": {"tags": ["url"]}},
        {"name": "test-traffic", "when": {"tags": ["test"]},
         "then": {"severity": "informational"}, "stop": true},
        {"name": "after-stop", "when": {"tags": ["test"]}, "then": {"tags": ["unreached"]}}
    ]))
}

fn uncategorised() -> casefile::NewCase {
    casefile::NewCase::new(text("Alert"), Category::uncategorized(), Severity::Medium)
}

#[test]
fn chained_rules_categorise_then_raise_and_the_priority_follows_the_matrix() {
    let fx = Fixture::new();
    let case = fx.open_new(uncategorised());
    let input = TriageInput::default()
        .source(text("Microsoft Defender for Office 365"))
        .observable(Observable::new(ObservableKind::Email, "ceo@example.com").unwrap());
    let receipt = fx.desk.triage(case, &soc_rules(), &input, t0()).unwrap();

    let Change::Triaged { rules } = &receipt.events[0].change else {
        panic!("the explanation comes first");
    };
    let names: Vec<&str> = rules.iter().map(AsRef::as_ref).collect();
    assert_eq!(names, ["mail-gateway-phish", "vip-recipient"]);
    assert_eq!(receipt.events[0].actor, Actor::System);

    let after = fx.desk.case(case).unwrap();
    assert_eq!(after.category, Category::phishing());
    assert_eq!(after.severity, Severity::High);
    assert_eq!((after.impact, after.urgency), (Impact::High, Urgency::High));
    assert_eq!(after.priority, Priority::P1);
    assert!(after.tags.contains(&text("vip")) && after.tags.contains(&text("mail")));
    let severity = receipt
        .events
        .iter()
        .find(|e| matches!(e.change, Change::SeverityChanged { .. }))
        .unwrap();
    assert_eq!(
        severity.reason.as_ref().unwrap().as_str(),
        "triage rule `vip-recipient`"
    );
}

#[test]
fn alert_inputs_tactics_detections_and_asset_criticality_drive_rules() {
    let fx = Fixture::new();
    let case = fx.open_new(uncategorised());
    let input = TriageInput::default()
        .tactic(Tactic::Impact)
        .detection(text("Mass file encryption"))
        .asset_criticality(AssetCriticality::Critical);
    let receipt = fx.desk.triage(case, &soc_rules(), &input, t0()).unwrap();
    let after = fx.desk.case(case).unwrap();
    assert_eq!(after.category, Category::malware());
    assert_eq!(after.severity, Severity::Critical);
    assert_eq!(
        after.urgency,
        Urgency::High,
        "crown-jewel saw the raised severity"
    );
    let requested = fx
        .notifier
        .notifications()
        .into_iter()
        .find_map(|n| match n {
            Notification::AutomationRequested { request, .. } => Some(request),
            _ => None,
        });
    let request = requested.expect("the automation was requested");
    assert_eq!(request.action.as_str(), "isolate-host");
    assert_eq!(request.rule.unwrap().as_str(), "ransomware");
    assert!(receipt.events.len() > 3);
}

#[test]
fn conditions_on_tags_and_observable_kinds_and_stop() {
    let fx = Fixture::new();
    let case = fx.open_new(phishing().tag(text("test")));
    let input = TriageInput::default()
        .observable(Observable::new(ObservableKind::Url, "http://x.test").unwrap());
    fx.desk.triage(case, &soc_rules(), &input, t0()).unwrap();
    let after = fx.desk.case(case).unwrap();
    assert!(after.tags.contains(&text("url")));
    assert_eq!(after.severity, Severity::Informational);
    assert!(!after.tags.contains(&text("unreached")), "the run stopped");
}

#[test]
fn no_match_is_recorded_too() {
    let fx = Fixture::new();
    let case = fx.open();
    let receipt = fx
        .desk
        .triage(case, &soc_rules(), &TriageInput::default(), t0())
        .unwrap();
    assert_eq!(receipt.events.len(), 1);
    assert_eq!(
        receipt.events[0].change.to_string(),
        "triaged: no rule matched"
    );
}

#[test]
fn rule_sets_that_cannot_match_or_name_unknown_values_are_rejected_by_rule() {
    let build = |rules: serde_json::Value| -> String {
        let definition: TriageDefinition =
            serde_json::from_value(json!({ "rules": rules })).unwrap();
        TriageRules::new(definition).unwrap_err().to_string()
    };
    assert_eq!(
        build(json!([{"name": "x", "when": {"categories": ["dos"]}, "then": {"tags": ["a"]}}])),
        "triage rule `x` names unknown category `dos`"
    );
    assert_eq!(
        build(json!([{"name": "y", "then": {"category": "ddos"}}])),
        "triage rule `y` names unknown category `ddos`"
    );
    assert_eq!(
        build(
            json!([{"name": "z", "when": {"tags": ["a"], "without_tags": ["a"]},
            "then": {"severity": "low"}}])
        ),
        "triage rule `z` can never match: tag `a` is both required and excluded"
    );
    assert_eq!(
        build(json!([{"name": "w", "then": {}}])),
        "triage rule `w` sets nothing"
    );
    assert_eq!(
        build(
            json!([{"name": "d", "then": {"tags": ["a"]}}, {"name": "d", "then": {"tags": ["b"]}}])
        ),
        "triage rule `d` is defined twice"
    );
    let custom: TriageDefinition = serde_json::from_value(json!({
        "categories": ["dos"],
        "rules": [{"name": "x", "when": {"categories": ["dos"]}, "then": {"tags": ["a"]}}]
    }))
    .unwrap();
    assert!(
        TriageRules::new(custom).is_ok(),
        "a host extends the taxonomy"
    );
}

#[test]
fn unknown_tactics_fail_to_deserialize_and_old_names_are_accepted() {
    let bad = serde_json::from_value::<TriageDefinition>(json!({"rules": [
        {"name": "x", "when": {"tactics": ["TA9999"]}, "then": {"tags": ["a"]}}
    ]}));
    assert!(bad.unwrap_err().to_string().contains(
        "ATT&CK tag is not valid: expected an ATT&CK tactic id such as `TA0005` or its name"
    ));
    let old = serde_json::from_value::<TriageDefinition>(json!({"rules": [
        {"name": "x", "when": {"tactics": ["Defense Evasion"]}, "then": {"tags": ["a"]}}
    ]}));
    assert_eq!(
        old.unwrap().rules[0].when.tactics.first(),
        Some(&Tactic::Stealth)
    );
}

#[test]
fn an_ingested_alert_feeds_triage_through_triage_input() {
    use casefile::alert::{Alert, AttackTag, Producer};
    use casefile::desk::Ingested;

    let fx = Fixture::new();
    let producer = Producer::new(text("Contoso"), text("Mass file encryption watch"));
    let alert = Alert::builder(producer, text("f-1"), text("Files renamed to .lock"), t0())
        .rule(text("Mass file encryption"))
        .attack(AttackTag::new(Some(Tactic::Impact), None, None).unwrap())
        .observable(Observable::new(ObservableKind::Hostname, "FIN-LT-0042").unwrap())
        .severity(Severity::High)
        .build()
        .unwrap();
    let Ingested::Opened { receipt, .. } = fx.desk.ingest(alert.clone(), t0()).unwrap() else {
        panic!("the first alert opens a case");
    };

    let input = TriageInput::default().alert(&alert);
    assert_eq!(input.tactics.first(), Some(&Tactic::Impact));
    assert_eq!(
        input
            .sources
            .first()
            .map(casefile::triage::ProducerName::as_str),
        Some("Mass file encryption watch")
    );
    let triaged = fx
        .desk
        .triage(receipt.case(), &soc_rules(), &input, t0())
        .unwrap();

    let case = fx.desk.case(receipt.case()).unwrap();
    assert_eq!(case.category, Category::malware(), "{:?}", triaged.events);
    assert_eq!(case.severity, Severity::Critical);
}
