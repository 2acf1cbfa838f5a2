//! KPIs over a small set of cases worked through the desk, with every
//! expected number computed by hand in the comments.
//!
//! All six cases open at 09:00 UTC on Monday 2 March 2026 (`t0`); each
//! line of a script runs `minutes` after it.
//!
//! | case | severity, category | what happens (minutes after opening) |
//! |---|---|---|
//! | A | medium phishing | compromise at -120; ack 10; contained 40; resolved true positive 70; recovered 180 |
//! | B | high malware | ack 30; resolved false positive 50 |
//! | C | medium phishing | ack 5; still open |
//! | D | high malware | ack 20; resolved false positive 100; reopened 200; resolved true positive 300 |
//! | E | low phishing | never acknowledged; resolved duplicate 60 |
//! | F | high malware | ack 45; compromise recorded at +30, after the opening |

mod common;

use casefile::case::Fact;
use casefile::metrics::{
    DurationKpi, DurationStats, DurationSummary, GroupBy, GroupKey, KpiOptions, RateKpi, Timeline,
};
use casefile::sla::calendar::{Calendar, CalendarDefinition, Week};
use casefile::triage::{Category, Priority, Severity, Verdict};
use casefile::{Command, NewCase};
use chrono::{NaiveDate, NaiveTime, TimeDelta};
use chrono_tz::Europe::Brussels;
use common::{Fixture, alice, analyst, at, later, resolve, text};

fn fact(fact: Fact, minutes: i64) -> Command {
    Command::RecordFact {
        fact,
        occurred_at: later(minutes),
    }
}

fn owner() -> Command {
    Command::AssignOwner {
        owner: Some(analyst(1)),
    }
}

/// Opens a case and runs each command at its minute.
fn case(
    fixture: &Fixture,
    severity: Severity,
    category: Category,
    script: &[(i64, Command)],
) -> Timeline {
    let new = NewCase::new(text("Case under measure"), category, severity);
    let id = fixture.open_new(new);
    for (minutes, command) in script {
        let result = fixture
            .desk
            .execute(id, &alice(), command, None, later(*minutes));
        result.unwrap_or_else(|e| panic!("{command:?} failed: {e}"));
    }
    Timeline::of(&fixture.desk.case(id).unwrap())
}

fn six_cases() -> Vec<Timeline> {
    let f = Fixture::new();
    let (medium, high, low) = (Severity::Medium, Severity::High, Severity::Low);
    let (phishing, malware) = (Category::phishing(), Category::malware());
    vec![
        case(
            &f,
            medium,
            phishing.clone(),
            &[
                (10, Command::Acknowledge),
                (15, owner()),
                (15, fact(Fact::Compromise, -120)),
                (40, fact(Fact::Contained, 40)),
                (60, fact(Fact::Recovered, 180)),
                (70, resolve(Verdict::TruePositive)),
            ],
        ),
        case(
            &f,
            high,
            malware.clone(),
            &[
                (30, Command::Acknowledge),
                (31, owner()),
                (50, resolve(Verdict::FalsePositive)),
            ],
        ),
        case(&f, medium, phishing.clone(), &[(5, Command::Acknowledge)]),
        case(
            &f,
            high,
            malware.clone(),
            &[
                (20, Command::Acknowledge),
                (21, owner()),
                (100, resolve(Verdict::FalsePositive)),
                (200, Command::Reopen),
                (300, resolve(Verdict::TruePositive)),
            ],
        ),
        case(
            &f,
            low,
            phishing,
            &[(15, owner()), (60, resolve(Verdict::Duplicate))],
        ),
        case(
            &f,
            high,
            malware,
            &[(31, fact(Fact::Compromise, 30)), (45, Command::Acknowledge)],
        ),
    ]
}

fn minutes(m: i64) -> TimeDelta {
    TimeDelta::minutes(m)
}

/// The summary of the one group of all cases.
fn overall(kpi: DurationKpi, cases: &[Timeline]) -> DurationSummary {
    let report = kpi.measure(cases, &KpiOptions::default());
    assert_eq!(report.groups.len(), 1);
    report.groups[0].1
}

fn stats(summary: &DurationSummary) -> (TimeDelta, TimeDelta, TimeDelta, TimeDelta, TimeDelta) {
    let DurationStats {
        mean,
        median,
        p90,
        min,
        max,
        ..
    } = summary.stats.unwrap();
    (mean, median, p90, min, max)
}

#[test]
fn mtta_over_all_cases() {
    let summary = overall(DurationKpi::Mtta, &six_cases());

    // A 10, B 30, C 5, D 20, F 45; E never acknowledged.
    assert_eq!(
        (summary.count, summary.missing, summary.negative),
        (5, 1, 0)
    );
    // Sorted 5, 10, 20, 30, 45: mean 110 / 5 = 22; median rank ⌈2.5⌉ = 3
    // is 20; p90 rank ⌈4.5⌉ = 5 is 45.
    assert_eq!(
        stats(&summary),
        (
            minutes(22),
            minutes(20),
            minutes(45),
            minutes(5),
            minutes(45)
        )
    );
}

#[test]
fn mttr_counts_the_last_resolution_of_a_reopened_case() {
    let summary = overall(DurationKpi::Mttr, &six_cases());

    // A 70, B 50, D 300 (its last resolution, not the first at 100), E 60;
    // C and F are open.
    assert_eq!((summary.count, summary.missing), (4, 2));
    // Sorted 50, 60, 70, 300: mean 480 / 4 = 120; median rank 2 is 60;
    // p90 rank ⌈3.6⌉ = 4 is 300.
    assert_eq!(
        stats(&summary),
        (
            minutes(120),
            minutes(60),
            minutes(300),
            minutes(50),
            minutes(300)
        )
    );
}

#[test]
fn time_to_triage_runs_from_acknowledgement_to_verdict() {
    let summary = overall(DurationKpi::TimeToTriage, &six_cases());

    // A 70 - 10 = 60, B 50 - 30 = 20, D 300 - 20 = 280; E has no
    // acknowledgement, C and F no verdict.
    assert_eq!((summary.count, summary.missing), (3, 3));
    // Mean 360 / 3 = 120; median rank 2 is 60; p90 rank ⌈2.7⌉ = 3 is 280.
    assert_eq!(
        stats(&summary),
        (
            minutes(120),
            minutes(60),
            minutes(280),
            minutes(20),
            minutes(280)
        )
    );
}

#[test]
fn detection_containment_recovery_and_dwell_time() {
    let cases = six_cases();
    let one = |kpi| {
        let summary = overall(kpi, &cases);
        (summary.count, summary.stats.unwrap().median)
    };

    // Only A has a compromise (07:00) before its opening (09:00).
    assert_eq!(one(DurationKpi::Mttd), (1, minutes(120)));
    assert_eq!(one(DurationKpi::Mttc), (1, minutes(40)));
    assert_eq!(one(DurationKpi::TimeToRecover), (1, minutes(180)));
    // Dwell time until containment: 07:00 to 09:40.
    assert_eq!(one(DurationKpi::DwellTime), (1, minutes(160)));
}

#[test]
fn a_compromise_after_the_opening_is_left_out_and_counted() {
    let summary = overall(DurationKpi::Mttd, &six_cases());

    // F's compromise at 09:30 is after its opening at 09:00.
    assert_eq!(
        (summary.count, summary.missing, summary.negative),
        (1, 4, 1)
    );
}

#[test]
fn mtta_by_severity() {
    let options = KpiOptions::default().group_by(GroupBy::Severity);
    let report = DurationKpi::Mtta.measure(&six_cases(), &options);
    let group = |severity| report.get(&GroupKey::Severity { severity }).unwrap();

    // Ordered by key: low, medium, high.
    assert_eq!(report.groups.len(), 3);
    let low = group(Severity::Low);
    assert_eq!((low.count, low.missing, low.stats), (0, 1, None));
    // Medium: A 10, C 5: mean 7.5 min; median rank 1 is 5; p90 rank 2 is 10.
    let medium = stats(group(Severity::Medium));
    assert_eq!(medium.0, TimeDelta::seconds(450));
    assert_eq!((medium.1, medium.2), (minutes(5), minutes(10)));
    // High: B 30, D 20, F 45: mean 95 / 3 = 31 min 40 s; median 30; p90 45.
    let high = stats(group(Severity::High));
    assert_eq!(high.0, TimeDelta::seconds(31 * 60 + 40));
    assert_eq!((high.1, high.2), (minutes(30), minutes(45)));
}

#[test]
fn false_positive_rate_leaves_out_duplicates_and_open_cases() {
    let report = RateKpi::FalsePositiveRate.measure(&six_cases(), &KpiOptions::default());
    let all = report.groups[0].1;

    // A true, B false, D true (its last verdict); E duplicate, C and F none.
    assert_eq!((all.hits, all.count, all.excluded), (1, 3, 3));
    assert_eq!(all.rate(), Some(1.0 / 3.0));
}

#[test]
fn reopen_rate_over_cases_ever_resolved() {
    let report = RateKpi::ReopenRate.measure(&six_cases(), &KpiOptions::default());
    let all = report.groups[0].1;

    // Resolved at least once: A, B, D, E; reopened: D. C and F never were.
    assert_eq!((all.hits, all.count, all.excluded), (1, 4, 2));
    assert_eq!(all.rate(), Some(0.25));
}

#[test]
fn sla_attainment_from_the_hosts_flags_by_category() {
    let mut cases = six_cases();
    // Met: A (phishing), D (malware); breached: B (malware).
    for (i, met) in [(0, true), (1, false), (3, true)] {
        cases[i] = cases[i].clone().with_sla_met(met);
    }
    let options = KpiOptions::default().group_by(GroupBy::Category);
    let report = RateKpi::SlaAttainment.measure(&cases, &options);
    let group = |name: &str| {
        *report
            .get(&GroupKey::Category {
                category: text(name),
            })
            .unwrap()
    };

    assert_eq!(group("malware").rate(), Some(0.5));
    assert_eq!((group("malware").count, group("malware").excluded), (2, 1));
    assert_eq!((group("phishing").hits, group("phishing").count), (1, 1));
    assert_eq!(group("phishing").excluded, 2);
}

#[test]
fn business_time_counts_only_working_hours() {
    // Opened Friday 6 March 16:00 UTC, resolved Monday 9 March 10:00 UTC.
    let mut case = Timeline::new(
        at("2026-03-06T16:00:00Z"),
        Severity::High,
        Priority::P2,
        Category::malware(),
    );
    case.resolved_at = Some(at("2026-03-09T10:00:00Z"));
    let nine_to_five = Week::weekdays(
        NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
        NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
    );
    let calendar = Calendar::new(CalendarDefinition {
        week: nine_to_five,
        ..Default::default()
    })
    .unwrap();
    let cases = [case];

    let wall = overall(DurationKpi::Mttr, &cases);
    assert_eq!(wall.stats.unwrap().median, TimeDelta::hours(66));
    // One hour on Friday, two on Monday.
    let options = KpiOptions::default().business_time(&calendar);
    let business = DurationKpi::Mttr.measure(&cases, &options).groups[0].1;
    assert_eq!(business.stats.unwrap().median, TimeDelta::hours(3));
}

#[test]
fn periods_begin_in_the_time_zone_asked_for() {
    let opened = |s| Timeline::new(at(s), Severity::Low, Priority::P4, Category::phishing());
    // Thursday 31 December 2026 is in ISO week 53 of 2026, and so is
    // Friday 1 January 2027; Monday 4 January 2027 starts week 1 of 2027.
    let cases = [
        opened("2026-12-31T12:00:00Z"),
        opened("2027-01-01T12:00:00Z"),
        opened("2027-01-04T12:00:00Z"),
        // 23:30 UTC on 2 March is 00:30 on 3 March in Brussels.
        opened("2026-03-02T23:30:00Z"),
    ];
    let by = |group_by| {
        let options = KpiOptions::default()
            .group_by(group_by)
            .in_time_zone(Brussels);
        let report = DurationKpi::Mtta.measure(&cases, &options);
        report
            .groups
            .into_iter()
            .map(|(k, s)| (k, s.missing))
            .collect::<Vec<_>>()
    };

    let week = |year, week| GroupKey::Week { year, week };
    assert_eq!(
        by(GroupBy::Week),
        [(week(2026, 10), 1), (week(2026, 53), 2), (week(2027, 1), 1)]
    );
    let month = |year, month| GroupKey::Month { year, month };
    assert_eq!(
        by(GroupBy::Month),
        [
            (month(2026, 3), 1),
            (month(2026, 12), 1),
            (month(2027, 1), 2)
        ]
    );
    let day = by(GroupBy::Day);
    assert_eq!(
        day[0],
        (
            GroupKey::Day {
                day: NaiveDate::from_ymd_opt(2026, 3, 3).unwrap()
            },
            1
        )
    );
}
