//! Facts: recorded with the time they became true, corrected with the old
//! time kept, refused when nothing changes.

mod common;

use casefile::Command;
use casefile::case::{Change, Fact};
use common::{Fixture, alice, at, later, rejection};

fn record(fact: Fact, occurred_at: &str) -> Command {
    Command::RecordFact {
        fact,
        occurred_at: at(occurred_at),
    }
}

#[test]
fn a_fact_is_recorded_with_the_time_it_became_true() {
    let fixture = Fixture::new();
    let case = fixture.open();
    let command = record(Fact::PersonalDataBreach, "2026-03-02T02:10:00Z");
    let receipt = fixture
        .desk
        .execute(case, &alice(), &command, None, later(5))
        .unwrap();

    assert_eq!(
        receipt.events[0].change,
        Change::FactRecorded {
            fact: Fact::PersonalDataBreach,
            old: None,
            new: at("2026-03-02T02:10:00Z"),
        }
    );
    assert_eq!(receipt.events[0].at, later(5), "recorded now, true earlier");
    let facts = fixture.desk.case(case).unwrap().facts;
    assert_eq!(
        facts.get(&Fact::PersonalDataBreach),
        Some(&at("2026-03-02T02:10:00Z"))
    );
}

#[test]
fn correcting_a_fact_keeps_the_old_time_in_the_event() {
    let fixture = Fixture::new();
    let case = fixture.open();
    let first = record(Fact::ClassifiedMajor, "2026-03-02T09:30:00Z");
    fixture
        .desk
        .execute(case, &alice(), &first, None, later(40))
        .unwrap();
    let corrected = record(Fact::ClassifiedMajor, "2026-03-02T09:20:00Z");
    let receipt = fixture
        .desk
        .execute(case, &alice(), &corrected, None, later(41))
        .unwrap();

    assert_eq!(
        receipt.events[0].change.to_string(),
        "fact classified_major at 2026-03-02 09:20:00 UTC"
    );
    assert!(matches!(
        receipt.events[0].change,
        Change::FactRecorded { old: Some(old), .. } if old == at("2026-03-02T09:30:00Z")
    ));
}

#[test]
fn recording_the_same_fact_at_the_same_time_is_refused() {
    let fixture = Fixture::new();
    let case = fixture.open();
    let submitted = Fact::ReportSubmitted {
        obligation: "gdpr-art33".parse().unwrap(),
    };
    let command = record(submitted, "2026-03-02T10:00:00Z");
    fixture
        .desk
        .execute(case, &alice(), &command, None, later(61))
        .unwrap();
    let again = fixture
        .desk
        .execute(case, &alice(), &command, None, later(62));

    assert_eq!(rejection(again).to_string(), "fact would not change");
}

#[test]
fn the_desk_lists_the_deadlines_the_recorded_facts_start() {
    use casefile::DeskOptions;
    use casefile::sla::regulatory::{DeadlineStatus, Obligations};

    let fixture = Fixture::with_options(DeskOptions::default().obligations(Obligations::builtin()));
    let case = fixture.open();
    let aware = record(Fact::PersonalDataBreach, "2026-03-02T02:10:00Z");
    fixture
        .desk
        .execute(case, &alice(), &aware, None, later(5))
        .unwrap();

    let deadlines = fixture.desk.deadlines(case, later(6)).unwrap();
    let gdpr: Vec<_> = deadlines
        .iter()
        .filter(|d| d.obligation.as_str() == "gdpr-art33")
        .collect();
    assert_eq!(gdpr.len(), 1);
    assert_eq!(
        gdpr[0].due,
        at("2026-03-05T02:10:00Z"),
        "72 hours after becoming aware"
    );
    assert_eq!(gdpr[0].status, DeadlineStatus::Pending);

    let without = Fixture::new();
    let other = without.open();
    let error = without.desk.deadlines(other, later(6)).unwrap_err();
    assert_eq!(error.to_string(), "desk has no notification obligations");
}
