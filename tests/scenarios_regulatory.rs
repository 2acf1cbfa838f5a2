//! Regulatory notification clocks, one regime at a time, with due times
//! worked out by hand: facts are recorded on a case through the desk, and
//! the built-in table gives the case's deadlines at an instant.

mod common;

use casefile::Case;
use casefile::Command;
use casefile::case::Fact;
use casefile::sla::regulatory::{
    Deadline, DeadlineStatus, Obligation, ObligationError, Obligations,
};
use chrono::{DateTime, Utc};
use common::{Fixture, alice, at, t0, text};

/// A case on which each fact became true at the time given.
fn case_with(facts: &[(Fact, &str)]) -> Case {
    let fixture = Fixture::new();
    let case = fixture.open();
    for (fact, occurred_at) in facts {
        let command = Command::RecordFact {
            fact: fact.clone(),
            occurred_at: at(occurred_at),
        };
        fixture
            .desk
            .execute(case, &alice(), &command, None, t0())
            .unwrap();
    }
    fixture.desk.case(case).unwrap()
}

fn submitted(obligation: &str) -> Fact {
    Fact::ReportSubmitted {
        obligation: text(obligation),
    }
}

fn deadlines(case: &Case, now: &str) -> Vec<Deadline> {
    Obligations::builtin().deadlines(case, at(now))
}

/// The one deadline of `obligation`.
fn deadline(case: &Case, now: &str, obligation: &str) -> Deadline {
    let all = deadlines(case, now);
    let found = all
        .into_iter()
        .find(|d| d.obligation.as_str() == obligation);
    found.unwrap_or_else(|| panic!("no deadline `{obligation}`"))
}

fn ids(deadlines: &[Deadline]) -> Vec<&str> {
    deadlines.iter().map(|d| d.obligation.as_str()).collect()
}

fn met(submitted_at: &str) -> DeadlineStatus {
    DeadlineStatus::Met {
        submitted_at: at(submitted_at),
    }
}

fn due(deadline: &Deadline) -> DateTime<Utc> {
    deadline.due
}

#[test]
fn gdpr_met_when_submitted_within_72_hours() {
    let case = case_with(&[
        (Fact::PersonalDataBreach, "2026-03-02T02:10:00Z"),
        (submitted("gdpr-art33"), "2026-03-04T18:00:00Z"),
    ]);
    let gdpr = deadline(&case, "2026-03-06T00:00:00Z", "gdpr-art33");

    assert_eq!(gdpr.started_at, at("2026-03-02T02:10:00Z"));
    assert_eq!(due(&gdpr), at("2026-03-05T02:10:00Z"), "72 h, no rounding");
    assert_eq!(gdpr.status, met("2026-03-04T18:00:00Z"));
    assert_eq!(gdpr.due_from, Fact::PersonalDataBreach);
}

#[test]
fn gdpr_pending_up_to_the_due_instant_then_overdue() {
    let case = case_with(&[(Fact::PersonalDataBreach, "2026-03-02T02:10:00Z")]);

    let at_due = deadline(&case, "2026-03-05T02:10:00Z", "gdpr-art33");
    assert_eq!(at_due.status, DeadlineStatus::Pending);
    let after = deadline(&case, "2026-03-05T02:10:01Z", "gdpr-art33");
    assert_eq!(after.status, DeadlineStatus::Overdue);
}

#[test]
fn gdpr_submitted_after_the_due_time_is_late() {
    let case = case_with(&[
        (Fact::PersonalDataBreach, "2026-03-02T02:10:00Z"),
        (submitted("gdpr-art33"), "2026-03-05T03:00:00Z"),
    ]);
    let gdpr = deadline(&case, "2026-03-06T00:00:00Z", "gdpr-art33");

    let late = DeadlineStatus::Late {
        submitted_at: at("2026-03-05T03:00:00Z"),
    };
    assert_eq!(gdpr.status, late);
    assert!(!gdpr.status.is_met() && !gdpr.status.is_open());
}

#[test]
fn facts_after_the_instant_asked_about_are_not_known_yet() {
    let case = case_with(&[
        (Fact::PersonalDataBreach, "2026-03-02T02:10:00Z"),
        (submitted("gdpr-art33"), "2026-03-04T18:00:00Z"),
    ]);

    assert!(deadlines(&case, "2026-03-02T02:09:59Z").is_empty());
    let before = deadline(&case, "2026-03-03T00:00:00Z", "gdpr-art33");
    assert_eq!(before.status, DeadlineStatus::Pending);
}

#[test]
fn nis2_chain_final_report_runs_from_the_notification_submission() {
    let incident = (Fact::SignificantIncident, "2026-03-10T08:00:00Z");
    let warning = (submitted("nis2-early-warning"), "2026-03-10T20:00:00Z");
    let notified = (submitted("nis2-notification"), "2026-03-12T15:30:00Z");

    let early = case_with(&[incident.clone(), warning.clone()]);
    let list = deadlines(&early, "2026-03-11T00:00:00Z");
    assert_eq!(ids(&list), ["nis2-early-warning", "nis2-notification"]);
    assert_eq!(due(&list[0]), at("2026-03-11T08:00:00Z"));
    assert_eq!(list[0].status, met("2026-03-10T20:00:00Z"));
    assert_eq!(due(&list[1]), at("2026-03-13T08:00:00Z"));

    let case = case_with(&[incident, warning, notified]);
    let report = deadline(&case, "2026-03-20T00:00:00Z", "nis2-final-report");
    // Submitted 16:30 CET on 12 March; one month ends at the end of
    // 12 April in Brussels, 00:00 CEST (UTC+2) on 13 April.
    assert_eq!(report.started_at, at("2026-03-12T15:30:00Z"));
    assert_eq!(due(&report), at("2026-04-12T22:00:00Z"));
    assert_eq!(report.status, DeadlineStatus::Pending);
    let notification = deadline(&case, "2026-03-20T00:00:00Z", "nis2-notification");
    assert_eq!(notification.status, met("2026-03-12T15:30:00Z"));
}

#[test]
fn nis2_final_report_month_clamps_to_the_last_day() {
    let case = case_with(&[
        (Fact::SignificantIncident, "2026-01-28T08:00:00Z"),
        (submitted("nis2-notification"), "2026-01-31T10:00:00Z"),
    ]);
    let last = deadline(&case, "2026-02-01T00:00:00Z", "nis2-final-report");

    // 31 January + 1 month = 28 February, ending 00:00 CET on 1 March.
    assert_eq!(due(&last), at("2026-02-28T23:00:00Z"));
}

#[test]
fn dora_initial_is_due_4_hours_after_classification() {
    let case = case_with(&[
        (Fact::SignificantIncident, "2026-03-02T09:00:00Z"),
        (Fact::ClassifiedMajor, "2026-03-02T11:00:00Z"),
    ]);
    let initial = deadline(&case, "2026-03-02T12:00:00Z", "dora-initial");

    // min(11:00 + 4 h, 09:00 + 24 h) = 15:00 the same day.
    assert_eq!(due(&initial), at("2026-03-02T15:00:00Z"));
    assert_eq!(initial.due_from, Fact::ClassifiedMajor);
    assert_eq!(initial.started_at, at("2026-03-02T11:00:00Z"));
}

#[test]
fn dora_initial_is_due_no_later_than_24_hours_after_awareness() {
    let case = case_with(&[
        (Fact::SignificantIncident, "2026-03-02T09:00:00Z"),
        (Fact::ClassifiedMajor, "2026-03-03T07:00:00Z"),
    ]);
    let initial = deadline(&case, "2026-03-03T08:00:00Z", "dora-initial");

    // min(07:00 + 4 h = 11:00, 09:00 + 24 h = 09:00) on 3 March.
    assert_eq!(due(&initial), at("2026-03-03T09:00:00Z"));
    assert_eq!(initial.due_from, Fact::SignificantIncident);
}

#[test]
fn dora_awareness_alone_does_not_start_the_initial_notification() {
    let case = case_with(&[(Fact::SignificantIncident, "2026-03-02T09:00:00Z")]);
    let list = deadlines(&case, "2026-03-02T10:00:00Z");

    assert!(!ids(&list).contains(&"dora-initial"));
}

#[test]
fn dora_chain_of_intermediate_and_final_reports() {
    let case = case_with(&[
        (Fact::SignificantIncident, "2026-03-02T09:00:00Z"),
        (Fact::ClassifiedMajor, "2026-03-02T11:00:00Z"),
        (submitted("dora-initial"), "2026-03-02T14:00:00Z"),
        (submitted("dora-intermediate"), "2026-03-05T10:00:00Z"),
    ]);
    let now = "2026-03-06T00:00:00Z";

    let intermediate = deadline(&case, now, "dora-intermediate");
    assert_eq!(due(&intermediate), at("2026-03-05T14:00:00Z"));
    assert_eq!(intermediate.status, met("2026-03-05T10:00:00Z"));
    // 11:00 CET on 5 March + 1 month: the end of 5 April, 00:00 CEST.
    let last = deadline(&case, now, "dora-final");
    assert_eq!(due(&last), at("2026-04-05T22:00:00Z"));
}

#[test]
fn sec_business_days_skip_a_weekend_and_memorial_day() {
    // Wednesday 20 May 2026, 11:00 EDT. Thu 21 (1), Fri 22 (2), the
    // weekend, Memorial Day on Mon 25, Tue 26 (3), Wed 27 (4): due at the
    // end of Wednesday 27 May, 00:00 EDT (UTC-4).
    let case = case_with(&[(Fact::MaterialityDetermined, "2026-05-20T15:00:00Z")]);
    let sec = deadline(&case, "2026-05-21T00:00:00Z", "sec-8k-1.05");

    assert_eq!(due(&sec), at("2026-05-28T04:00:00Z"));
    assert_eq!(sec.regime.as_str(), "sec");
}

#[test]
fn sec_counts_days_in_new_york_and_skips_an_observed_holiday() {
    // 02:00 UTC on 2 July is 22:00 EDT on Wednesday 1 July. Thu 2 (1),
    // Independence Day observed on Fri 3, the weekend, Mon 6 (2),
    // Tue 7 (3), Wed 8 (4).
    let case = case_with(&[(Fact::MaterialityDetermined, "2026-07-02T02:00:00Z")]);
    let sec = deadline(&case, "2026-07-02T03:00:00Z", "sec-8k-1.05");

    assert_eq!(due(&sec), at("2026-07-09T04:00:00Z"));
}

#[test]
fn sec_new_years_day_on_a_saturday_is_observed_on_friday() {
    // Wed 29 Dec 2027: Thu 30 (1), New Year's Day 2028 observed on Fri 31,
    // the weekend, Mon 3 (2), Tue 4 (3), Wed 5 (4); 00:00 EST is 05:00 UTC.
    let case = case_with(&[(Fact::MaterialityDetermined, "2027-12-29T16:00:00Z")]);
    let sec = deadline(&case, "2027-12-30T00:00:00Z", "sec-8k-1.05");

    assert_eq!(due(&sec), at("2028-01-06T05:00:00Z"));
}

#[test]
fn hipaa_60_calendar_days_end_at_midnight_in_new_york() {
    // 10:00 EST on 2 March + 60 days = 1 May; the end of 1 May EDT.
    let case = case_with(&[(Fact::HealthDataBreach, "2026-03-02T15:00:00Z")]);
    let hipaa = deadline(&case, "2026-03-03T00:00:00Z", "hipaa-164.404");

    assert_eq!(due(&hipaa), at("2026-05-02T04:00:00Z"));
}

#[test]
fn circia_ransom_payment_has_its_own_24_hour_clock() {
    let case = case_with(&[
        (Fact::CoveredIncident, "2026-03-02T09:00:00Z"),
        (Fact::RansomPaid, "2026-03-03T12:00:00Z"),
    ]);
    let list = deadlines(&case, "2026-03-03T13:00:00Z");

    assert_eq!(
        ids(&list),
        ["circia-ransom", "circia-incident"],
        "by due time"
    );
    assert_eq!(due(&list[0]), at("2026-03-04T12:00:00Z"));
    assert_eq!(due(&list[1]), at("2026-03-05T09:00:00Z"));
}

#[test]
fn a_host_defined_obligation_loaded_from_json() {
    let json = r#"{
        "id": "insurer-notice",
        "regime": "contract",
        "report": "Notice of a ransom payment to the cyber insurer",
        "basis": "Policy CY-1234, clause 7.2",
        "starts": { "from": { "fact": "ransom_paid" },
                    "within": { "count": 2, "unit": "calendar_days" } },
        "no_later_than": [
            { "from": { "fact": "other", "name": "law-enforcement-notified" },
              "within": { "count": 12, "unit": "hours" } }
        ],
        "time_zone": "Europe/London"
    }"#;
    let own: Obligation = serde_json::from_str(json).unwrap();
    let table = Obligations::builtin().with(own).unwrap();
    let police = Fact::Other {
        name: text("law-enforcement-notified"),
    };
    let paid = case_with(&[(Fact::RansomPaid, "2026-03-03T12:00:00Z")]);
    let both = case_with(&[
        (Fact::RansomPaid, "2026-03-03T12:00:00Z"),
        (police, "2026-03-03T13:00:00Z"),
    ]);
    let notice = |case: &Case| {
        let list = table.deadlines(case, at("2026-03-03T14:00:00Z"));
        list.into_iter()
            .find(|d| d.obligation.as_str() == "insurer-notice")
            .unwrap()
    };

    // 3 March (GMT) + 2 days: the end of 5 March in London.
    assert_eq!(due(&notice(&paid)), at("2026-03-06T00:00:00Z"));
    assert_eq!(due(&notice(&both)), at("2026-03-04T01:00:00Z"));
}

#[test]
fn a_host_keeps_only_the_regimes_it_is_subject_to() {
    let dora_only = Obligations::builtin()
        .retain_regimes(|r| r.as_str() == "dora")
        .unwrap();
    let case = case_with(&[
        (Fact::SignificantIncident, "2026-03-02T09:00:00Z"),
        (Fact::ClassifiedMajor, "2026-03-02T11:00:00Z"),
    ]);
    let list = dora_only.deadlines(&case, at("2026-03-02T12:00:00Z"));

    assert_eq!(ids(&list), ["dora-initial"]);
}

#[test]
fn bad_tables_are_rejected_naming_the_obligation() {
    let parse = |json: &str| {
        serde_json::from_str::<Obligations>(json)
            .unwrap_err()
            .to_string()
    };
    let entry = |id: &str, from: &str, count: u32| {
        format!(
            r#"{{"id": "{id}", "regime": "own", "report": "Report", "basis": "Contract",
                "starts": {{"from": {from}, "within": {{"count": {count}, "unit": "hours"}}}}}}"#
        )
    };
    let breach = r#"{"fact": "personal_data_breach"}"#;
    let after = |id: &str| format!(r#"{{"fact": "report_submitted", "obligation": "{id}"}}"#);

    let twice = format!("[{}, {}]", entry("a", breach, 1), entry("a", breach, 2));
    assert!(parse(&twice).contains("obligation `a` is defined more than once"));
    let zero = format!("[{}]", entry("a", breach, 0));
    assert!(parse(&zero).contains("obligation `a` has a clock of zero hours"));
    let long = format!("[{}]", entry("a", breach, 90_000));
    assert!(parse(&long).contains("obligation `a` has a clock of 90000 hours; at most 87660"));
    let unknown = format!("[{}]", entry("a", &after("b"), 1));
    assert!(parse(&unknown).contains(
        "obligation `a` starts a clock from the submission of `b`, which is not in the table"
    ));
    let cycle = format!(
        "[{}, {}]",
        entry("a", &after("b"), 1),
        entry("b", &after("a"), 1)
    );
    assert!(parse(&cycle).contains("obligation `a` starts from a chain of report submissions"));
}

#[test]
fn dropping_a_regime_another_one_chains_from_is_an_error() {
    let result = Obligations::builtin()
        .retain_regimes(|r| r.as_str() != "dora")
        .and_then(|t| {
            t.with(
                Obligations::builtin()
                    .get(&text("dora-final"))
                    .unwrap()
                    .clone(),
            )
        });

    assert_eq!(
        result.unwrap_err(),
        ObligationError::UnknownReport {
            id: text("dora-final"),
            report: text("dora-intermediate"),
        }
    );
}
