//! Issue 2, item 1: opening a case, its number, its defaults and its keys.

mod common;

use casefile::ids::{CasePrefix, LookupKey};
use casefile::store::{CaseFilter, Page, StoreError};
use casefile::text::{Description, FieldName, FieldValue, Tag, Title};
use casefile::triage::{Category, Impact, Pap, Priority, Severity, Tlp, Urgency};
use casefile::workflow::Stage;
use casefile::{CaseNumber, DeskError, DeskOptions, NewCase, Store};
use common::{Fixture, alice, at, nth_id, phishing, t0, team, text};

fn fingerprint(value: &str) -> LookupKey {
    LookupKey::new(text("fingerprint"), text(value))
}

fn open_at(fixture: &Fixture, now: &str) -> String {
    let receipt = fixture.desk.open(&alice(), phishing(), None, at(now));
    receipt.expect("opening succeeds").number().to_string()
}

#[test]
fn opening_returns_the_case_id_and_the_first_number_of_the_year() {
    let fixture = Fixture::new();

    let receipt = fixture.desk.open(&alice(), phishing(), None, t0()).unwrap();

    assert_eq!(receipt.case(), nth_id(1));
    assert_eq!(receipt.number().to_string(), "SOC-2026-000001");
    assert_eq!(fixture.desk.case(receipt.case()).unwrap().id, nth_id(1));
}

#[test]
fn case_numbers_count_up_within_a_year_and_restart_in_the_next() {
    let fixture = Fixture::new();

    let numbers = [
        open_at(&fixture, "2026-01-01T00:00:00Z"),
        open_at(&fixture, "2026-12-31T23:59:59Z"),
        open_at(&fixture, "2027-01-01T00:00:00Z"),
        open_at(&fixture, "2026-06-01T12:00:00Z"),
    ];

    let expected = [
        "SOC-2026-000001",
        "SOC-2026-000002",
        "SOC-2027-000001",
        "SOC-2026-000003",
    ];
    assert_eq!(numbers, expected);
}

#[test]
fn case_number_prefix_is_configurable_and_numbered_on_its_own() {
    let cert =
        Fixture::with_options(DeskOptions::default().prefix(CasePrefix::new("CERT").unwrap()));

    let first = open_at(&cert, "2026-03-02T09:00:00Z");
    let second = open_at(&cert, "2026-03-02T10:00:00Z");

    assert_eq!([first, second], ["CERT-2026-000001", "CERT-2026-000002"]);
}

#[test]
fn case_prefix_rejects_lowercase_with_its_rule() {
    let error = CasePrefix::new("soc").unwrap_err();

    assert_eq!(
        error.to_string(),
        "case prefix is not valid: expected two to ten capital letters or digits"
    );
}

#[test]
fn case_numbers_parse_back_from_their_text() {
    let number: CaseNumber = text("SOC-2026-000042");

    assert_eq!((number.prefix().as_str(), number.year()), ("SOC", 2026));
    assert_eq!(number.sequence(), 42);
    assert_eq!(
        "SOC-26-42".parse::<CaseNumber>().unwrap_err().to_string(),
        "case number is not valid: expected `PREFIX-YYYY-NNNNNN`"
    );
}

#[test]
fn opening_outside_four_digit_years_is_refused() {
    let fixture = Fixture::new();

    let result = fixture
        .desk
        .open(&alice(), phishing(), None, at("0999-06-01T00:00:00Z"));

    let error = result.unwrap_err();
    assert!(matches!(error, DeskError::TimeOutOfRange { .. }));
    assert_eq!(
        error.to_string(),
        "time `0999-06-01 00:00:00 UTC` is outside the years 1000 to 9999"
    );
}

fn full_new_case() -> NewCase {
    NewCase::new(
        text("Ransomware on file server"),
        Category::malware(),
        Severity::Critical,
    )
    .description(text("EDR flagged mass renames on fs01"))
    .impact(Impact::High)
    .urgency(Urgency::High)
    .tag(text("ransomware"))
    .tag(text("site:paris"))
    .tlp(Tlp::Red)
    .pap(Pap::Green)
    .team(team(9))
    .field(text("host"), text("fs01"))
}

#[test]
fn opening_records_every_field_given() {
    let fixture = Fixture::new();

    let case = fixture
        .desk
        .case(fixture.open_new(full_new_case()))
        .unwrap();

    assert_eq!(case.title, text::<Title>("Ransomware on file server"));
    assert_eq!(
        case.description,
        text::<Description>("EDR flagged mass renames on fs01")
    );
    assert_eq!(
        (case.category.clone(), case.severity),
        (Category::malware(), Severity::Critical)
    );
    assert_eq!((case.impact, case.urgency), (Impact::High, Urgency::High));
    let tags: Vec<Tag> = vec![text("ransomware"), text("site:paris")];
    assert_eq!(case.tags.into_iter().collect::<Vec<_>>(), tags);
    assert_eq!((case.tlp, case.pap), (Tlp::Red, Pap::Green));
    assert_eq!(case.team, Some(team(9)));
    let host: FieldName = text("host");
    assert_eq!(case.fields.get(&host), Some(&text::<FieldValue>("fs01")));
}

#[test]
fn opening_takes_priority_from_the_matrix_and_starts_in_the_initial_status() {
    let fixture = Fixture::new();

    let case = fixture
        .desk
        .case(fixture.open_new(full_new_case()))
        .unwrap();

    assert_eq!(case.priority, Priority::P1);
    assert_eq!((case.status.as_str(), case.stage), ("new", Stage::New));
    assert_eq!((case.opened_at, case.updated_at), (t0(), t0()));
    assert_eq!(case.version, 1);
}

#[test]
fn opening_defaults_to_medium_impact_and_urgency_and_amber_markings() {
    let fixture = Fixture::new();

    let case = fixture.desk.case(fixture.open()).unwrap();

    assert_eq!(
        (case.impact, case.urgency, case.priority),
        (Impact::Medium, Urgency::Medium, Priority::P3)
    );
    assert_eq!((case.tlp, case.pap), (Tlp::Amber, Pap::Amber));
    assert!(case.tags.is_empty() && case.fields.is_empty() && case.keys.is_empty());
    assert_eq!(
        (case.owner, case.team, case.acknowledged_at),
        (None, None, None)
    );
    assert_eq!(case.description.as_str(), "");
}

#[test]
fn opening_writes_a_summary_row_for_listing() {
    let fixture = Fixture::new();

    let receipt = fixture
        .desk
        .open(&alice(), full_new_case(), None, t0())
        .unwrap();

    let row = fixture.store.summary(receipt.case()).unwrap().unwrap();
    assert_eq!(row, receipt.summary);
    assert_eq!(
        (row.status.as_str(), row.stage, row.priority),
        ("new", Stage::New, Priority::P1)
    );
    let listed = fixture
        .store
        .list(&CaseFilter::default().open(), Page::default())
        .unwrap();
    assert_eq!(listed, vec![row]);
}

#[test]
fn opening_claims_its_lookup_keys() {
    let fixture = Fixture::new();

    let case = fixture.open_new(phishing().key(fingerprint("ab12")));

    assert_eq!(
        fixture.store.lookup(&fingerprint("ab12")).unwrap(),
        Some(case)
    );
    assert_eq!(fixture.store.lookup(&fingerprint("cd34")).unwrap(), None);
    assert!(
        fixture
            .desk
            .case(case)
            .unwrap()
            .keys
            .contains(&fingerprint("ab12"))
    );
}

#[test]
fn a_second_case_claiming_a_held_key_fails_with_key_taken() {
    let fixture = Fixture::new();
    let holder = fixture.open_new(phishing().key(fingerprint("ab12")));

    let new = phishing().key(fingerprint("ef56")).key(fingerprint("ab12"));
    let error = fixture.desk.open(&alice(), new, None, t0()).unwrap_err();

    assert!(matches!(
        &error,
        DeskError::Store(StoreError::KeyTaken { key, holder: h }) if *key == fingerprint("ab12") && *h == holder
    ));
    assert_eq!(
        error.to_string(),
        "key `fingerprint=ab12` is held by case `00000000-0000-7000-8000-000000000001`"
    );
}

#[test]
fn a_refused_opening_writes_nothing_and_does_not_reuse_its_number() {
    let fixture = Fixture::new();
    fixture.open_new(phishing().key(fingerprint("ab12")));

    let new = phishing().key(fingerprint("ef56")).key(fingerprint("ab12"));
    fixture.desk.open(&alice(), new, None, t0()).unwrap_err();

    assert_eq!(fixture.store.lookup(&fingerprint("ef56")).unwrap(), None);
    assert_eq!(fixture.store.load(nth_id(2), 0).unwrap(), vec![]);
    assert_eq!(
        fixture
            .store
            .list(&CaseFilter::default(), Page::default())
            .unwrap()
            .len(),
        1
    );
    assert_eq!(fixture.notifier.notifications().len(), 1);
    assert_eq!(open_at(&fixture, "2026-03-02T10:00:00Z"), "SOC-2026-000003");
}

#[test]
fn invalid_text_is_refused_before_anything_is_opened() {
    assert_eq!(Title::new("").unwrap_err().to_string(), "title is empty");
    assert_eq!(
        Title::new("two\nlines").unwrap_err().to_string(),
        "title contains a control character"
    );
    assert_eq!(
        Tag::new("t".repeat(129)).unwrap_err().to_string(),
        "tag is 129 characters long; at most 128 are allowed"
    );
    assert_eq!(
        "TLP:BLUE".parse::<Tlp>().unwrap_err().to_string(),
        "TLP marking is not valid: expected `TLP:CLEAR`, `TLP:GREEN`, `TLP:AMBER`, \
         `TLP:AMBER+STRICT` or `TLP:RED`"
    );
}
