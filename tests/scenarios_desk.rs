//! Issue 2, items 6 to 8: the summary rows the store keeps, the
//! notifications and automation requests the desk sends, and how it retries
//! on conflicts.

mod common;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;

use casefile::audit::{Chain, Record};
use casefile::case::{AutomationRequest, AutomationRule, Change, Context, Rejection, Trigger};
use casefile::ids::{CasePrefix, LookupKey};
use casefile::notify::NotifyError;
use casefile::store::{Append, CaseFilter, CaseSummary, Page, StoreError};
use casefile::triage::{PriorityMatrix, Severity, Verdict};
use casefile::workflow::{Stage, Workflow};
use casefile::{
    Actor, Caller, Case, CaseId, CasePolicy, Command, Desk, DeskError, DeskOptions, MemoryStore,
    NewCase, Notification, Notifier, RecordingNotifier, SequentialIds, Store,
};
use common::{
    Fixture, alice, analyst, assign, later, move_to, nth_id, phishing, rejection, resolution,
    resolve, status, t0, team, text,
};

fn close() -> Command {
    Command::Close { status: None }
}

fn owned_triage_case(fixture: &Fixture) -> CaseId {
    let case = fixture.open();
    fixture.run_all(case, &[assign(analyst(1)), move_to("triage")]);
    fixture.notifier.take();
    case
}

// ---------------------------------------------------------------------------
// Notifications (item 7)

#[test]
fn opening_notifies_with_the_case_summary() {
    let fixture = Fixture::new();

    let receipt = fixture.desk.open(&alice(), phishing(), None, t0()).unwrap();

    let expected = Notification::Opened {
        summary: receipt.summary.clone(),
    };
    assert_eq!(fixture.notifier.take(), vec![expected]);
    assert_eq!(receipt.summary.number.to_string(), "SOC-2026-000001");
}

#[test]
fn assigning_notifies_once_with_the_owner_and_team() {
    let fixture = Fixture::new();
    let case = fixture.open_new(phishing().team(team(4)));
    fixture.notifier.take();

    let receipt = fixture.run(case, &alice(), &assign(analyst(2)));

    let expected = Notification::Assigned {
        summary: receipt.summary,
        owner: Some(analyst(2)),
        team: Some(team(4)),
    };
    assert_eq!(fixture.notifier.take(), vec![expected]);
}

#[test]
fn moving_notifies_the_status_change() {
    let fixture = Fixture::new();
    let case = fixture.open();
    fixture.notifier.take();

    let receipt = fixture.run(case, &alice(), &move_to("triage"));

    let expected = Notification::StatusChanged {
        summary: receipt.summary,
        old: status("new"),
        new: status("triage"),
    };
    assert_eq!(fixture.notifier.take(), vec![expected]);
}

#[test]
fn resolving_notifies_the_status_change_and_the_resolution() {
    let fixture = Fixture::new();
    let case = owned_triage_case(&fixture);

    let receipt = fixture.run(case, &alice(), &resolve(Verdict::FalsePositive));

    let summary = receipt.summary;
    let expected = vec![
        Notification::StatusChanged {
            summary: summary.clone(),
            old: status("triage"),
            new: status("resolved"),
        },
        Notification::Resolved {
            summary,
            resolution: resolution(Verdict::FalsePositive),
        },
    ];
    assert_eq!(fixture.notifier.take(), expected);
}

#[test]
fn closing_notifies_the_status_change_and_the_closing() {
    let fixture = Fixture::new();
    let case = owned_triage_case(&fixture);
    fixture.run(case, &alice(), &resolve(Verdict::FalsePositive));
    fixture.notifier.take();

    let receipt = fixture.run(case, &alice(), &close());

    let summary = receipt.summary;
    let expected = vec![
        Notification::StatusChanged {
            summary: summary.clone(),
            old: status("resolved"),
            new: status("closed"),
        },
        Notification::Closed { summary },
    ];
    assert_eq!(fixture.notifier.take(), expected);
}

#[test]
fn resolving_straight_to_closed_notifies_resolved_and_closed() {
    let fixture = Fixture::new();
    let case = owned_triage_case(&fixture);

    let command = Command::Resolve {
        resolution: resolution(Verdict::Duplicate),
        status: Some(status("closed")),
    };
    fixture.run(case, &alice(), &command);

    let kinds: Vec<&str> = fixture.notifier.take().iter().map(kind).collect();
    assert_eq!(kinds, ["status_changed", "resolved", "closed"]);
}

#[test]
fn reopening_notifies_the_status_change_and_the_reopening() {
    let fixture = Fixture::new();
    let case = owned_triage_case(&fixture);
    fixture.run(case, &alice(), &resolve(Verdict::FalsePositive));
    fixture.notifier.take();

    let receipt = fixture.run(case, &alice(), &Command::Reopen);

    let summary = receipt.summary;
    let expected = vec![
        Notification::StatusChanged {
            summary: summary.clone(),
            old: status("resolved"),
            new: status("triage"),
        },
        Notification::Reopened { summary },
    ];
    assert_eq!(fixture.notifier.take(), expected);
}

#[test]
fn acknowledging_and_editing_notify_nobody() {
    let fixture = Fixture::new();
    let case = fixture.open();
    fixture.notifier.take();

    let edits = [
        Command::Acknowledge,
        Command::Retitle {
            title: text("Phishing: payroll lure"),
        },
        Command::SetSeverity {
            severity: Severity::High,
        },
    ];
    fixture.run_all(case, &edits);

    assert_eq!(fixture.notifier.take(), vec![]);
}

#[test]
fn every_notification_carries_the_summary_after_its_command() {
    let fixture = Fixture::new();
    let case = fixture.open();
    let commands = [
        assign(analyst(1)),
        move_to("triage"),
        resolve(Verdict::BenignPositive),
        close(),
    ];

    for command in &commands {
        fixture.notifier.take();
        let receipt = fixture.run(case, &alice(), command);
        let sent = fixture.notifier.take();
        assert!(!sent.is_empty(), "{command:?} notified nobody");
        assert!(
            sent.iter().all(|n| *n.summary() == receipt.summary),
            "{command:?}"
        );
    }
}

fn kind(notification: &Notification) -> &'static str {
    match notification {
        Notification::Opened { .. } => "opened",
        Notification::Assigned { .. } => "assigned",
        Notification::StatusChanged { .. } => "status_changed",
        Notification::Resolved { .. } => "resolved",
        Notification::Closed { .. } => "closed",
        Notification::Reopened { .. } => "reopened",
        Notification::AutomationRequested { .. } => "automation_requested",
        _ => "other",
    }
}

// ---------------------------------------------------------------------------
// Automation requests (item 7)

fn isolate_host() -> AutomationRequest {
    AutomationRequest::new(text("isolate-host")).parameter(text("host"), text("fs01"))
}

fn rule(name: &str, when: Trigger, request: AutomationRequest) -> AutomationRule {
    AutomationRule {
        name: text(name),
        when,
        request,
        fields: vec![],
    }
}

fn automated_desk() -> Fixture {
    let rules = vec![
        rule(
            "isolate-on-true-positive",
            Trigger::Verdict {
                verdict: Verdict::TruePositive,
            },
            isolate_host(),
        ),
        rule(
            "page-on-critical",
            Trigger::Severity {
                at_least: Severity::Critical,
            },
            AutomationRequest::new(text("page-oncall")),
        ),
    ];
    let policy = CasePolicy::new(Workflow::soc(), PriorityMatrix::itil(), rules).unwrap();
    Fixture::with_options(DeskOptions::new(policy))
}

fn requested(rule: &str, request: AutomationRequest) -> AutomationRequest {
    AutomationRequest {
        rule: Some(text(rule)),
        ..request
    }
}

#[test]
fn a_true_positive_verdict_requests_host_isolation_with_the_summary() {
    let fixture = automated_desk();
    let case = owned_triage_case(&fixture);

    let receipt = fixture.run(case, &alice(), &resolve(Verdict::TruePositive));

    let expected = Notification::AutomationRequested {
        summary: receipt.summary.clone(),
        request: requested("isolate-on-true-positive", isolate_host()),
    };
    assert_eq!(fixture.notifier.take().last(), Some(&expected));
}

#[test]
fn a_rule_request_is_recorded_as_a_system_event_naming_the_rule() {
    let fixture = automated_desk();
    let case = owned_triage_case(&fixture);

    let receipt = fixture.run(case, &alice(), &resolve(Verdict::TruePositive));

    let last = receipt.events.last().unwrap();
    let request = requested("isolate-on-true-positive", isolate_host());
    assert_eq!(last.change, Change::AutomationRequested(request));
    assert_eq!(last.actor, Actor::System);
    assert_eq!(
        last.reason.as_ref().unwrap().as_str(),
        "automation rule `isolate-on-true-positive`"
    );
}

#[test]
fn a_rule_passes_the_case_fields_it_names_as_parameters() {
    let mut isolate = rule(
        "isolate-on-containment",
        Trigger::Status {
            status: status("containment"),
        },
        AutomationRequest::new(text("isolate-host")),
    );
    isolate.fields = vec![text("host"), text("user")];
    let policy = CasePolicy::new(Workflow::soc(), PriorityMatrix::itil(), vec![isolate]);
    let fixture = Fixture::with_options(DeskOptions::new(policy.unwrap()));
    let case = fixture.open_new(phishing().field(text("host"), text("fs01")));
    fixture.run_all(case, &[assign(analyst(1)), move_to("triage")]);

    let receipt = fixture.run(case, &alice(), &move_to("containment"));

    let expected = requested("isolate-on-containment", isolate_host());
    assert_eq!(
        receipt.events.last().unwrap().change,
        Change::AutomationRequested(expected)
    );
}

#[test]
fn other_verdicts_request_no_automation() {
    let fixture = automated_desk();
    let case = owned_triage_case(&fixture);

    let receipt = fixture.run(case, &alice(), &resolve(Verdict::FalsePositive));

    let kinds: Vec<&str> = fixture.notifier.take().iter().map(kind).collect();
    assert_eq!(kinds, ["status_changed", "resolved"]);
    assert_eq!(receipt.events.len(), 2);
}

#[test]
fn a_severity_rule_fires_when_a_case_opens_at_that_level() {
    let fixture = automated_desk();
    let critical = NewCase::new(
        text("Domain admin added"),
        text("unauthorized-access"),
        Severity::Critical,
    );

    fixture.open_new(phishing());
    fixture.open_new(critical);

    let kinds: Vec<&str> = fixture.notifier.take().iter().map(kind).collect();
    assert_eq!(kinds, ["opened", "opened", "automation_requested"]);
}

#[test]
fn an_analyst_can_request_an_automation_directly() {
    let fixture = Fixture::new();
    let case = fixture.open();
    fixture.notifier.take();

    let command = Command::RequestAutomation {
        request: isolate_host(),
    };
    let receipt = fixture.run(case, &alice(), &command);

    assert_eq!(receipt.events[0].actor, alice().actor);
    let expected = Notification::AutomationRequested {
        summary: receipt.summary,
        request: isolate_host(),
    };
    assert_eq!(fixture.notifier.take(), vec![expected]);
}

// ---------------------------------------------------------------------------
// A notifier that fails (item 7)

#[derive(Debug)]
struct DownNotifier;

impl Notifier for DownNotifier {
    fn notify(&self, _: &Notification) -> Result<(), NotifyError> {
        Err(NotifyError::new("mail relay unreachable"))
    }
}

fn desk_with(store: Arc<dyn Store>, notifier: Arc<dyn Notifier>, options: DeskOptions) -> Desk {
    Desk::new(store, notifier, Arc::new(SequentialIds::new()), options)
}

#[test]
fn a_failing_notifier_does_not_undo_the_command() {
    let desk = desk_with(
        Arc::new(MemoryStore::new()),
        Arc::new(DownNotifier),
        DeskOptions::default(),
    );
    let opened = desk.open(&alice(), phishing(), None, t0()).unwrap();

    let receipt = desk
        .execute(opened.case(), &alice(), &move_to("triage"), None, t0())
        .unwrap();

    assert_eq!(desk.case(opened.case()).unwrap().status, status("triage"));
    assert_eq!(desk.history(opened.case()).unwrap().len(), 2);
    let undelivered: Vec<&str> = receipt.undelivered.iter().map(|(n, _)| kind(n)).collect();
    assert_eq!(undelivered, ["status_changed"]);
}

#[test]
fn undelivered_notifications_say_why() {
    let desk = desk_with(
        Arc::new(MemoryStore::new()),
        Arc::new(DownNotifier),
        DeskOptions::default(),
    );

    let opened = desk.open(&alice(), phishing(), None, t0()).unwrap();

    let (notification, error) = &opened.undelivered[0];
    assert_eq!(
        *notification,
        Notification::Opened {
            summary: opened.summary.clone()
        }
    );
    assert_eq!(error.to_string(), "notification could not be delivered");
    let source = std::error::Error::source(error).unwrap().to_string();
    assert_eq!(source, "mail relay unreachable");
}

#[test]
fn a_delivered_command_has_nothing_undelivered() {
    let fixture = Fixture::new();
    let case = fixture.open();

    let receipt = fixture.run(case, &alice(), &move_to("triage"));

    assert!(receipt.undelivered.is_empty());
    assert_eq!(fixture.notifier.notifications().len(), 2);
}

// ---------------------------------------------------------------------------
// Retries on conflict (item 8)

/// A `MemoryStore` where a competitor slips its own command in before each
/// of the desk's next `races` appends to an existing case, so that the
/// desk's append meets a version conflict.
struct RacingStore {
    inner: MemoryStore,
    races: AtomicU32,
    competitor: fn(u64) -> Command,
}

impl RacingStore {
    fn new(races: u32, competitor: fn(u64) -> Command) -> Self {
        Self {
            inner: MemoryStore::new(),
            races: AtomicU32::new(races),
            competitor,
        }
    }

    fn take_race(&self) -> bool {
        let next = |n: u32| n.checked_sub(1);
        self.races
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, next)
            .is_ok()
    }

    /// Decides and appends the competitor's command, as another desk would.
    fn race(&self, case: CaseId) {
        let stream = self.inner.load(case, 0).unwrap();
        let current = Case::replay(stream.iter().map(|r| &r.event)).unwrap();
        let (carol, policy) = (Caller::analyst(analyst(3)), CasePolicy::default());
        let ctx = Context {
            caller: &carol,
            reason: None,
            now: t0(),
            policy: &policy,
        };
        let events = current
            .decide(&(self.competitor)(current.version), &ctx)
            .unwrap();
        let mut chain = Chain::resume(stream.last().unwrap().hash);
        let records: Vec<Record> = events.into_iter().map(|e| chain.seal(e)).collect();
        let mut after = current.clone();
        for record in &records {
            after.apply(&record.event);
        }
        let append = Append::new(case, current.version, records, CaseSummary::of(&after));
        self.inner.append(append).unwrap();
    }
}

impl Store for RacingStore {
    fn next_number(&self, prefix: &CasePrefix, year: i32) -> Result<u64, StoreError> {
        self.inner.next_number(prefix, year)
    }

    fn append(&self, append: Append) -> Result<(), StoreError> {
        if append.expected > 0 && self.take_race() {
            self.race(append.case);
        }
        self.inner.append(append)
    }

    fn load(&self, case: CaseId, after: u64) -> Result<Vec<Record>, StoreError> {
        self.inner.load(case, after)
    }

    fn summary(&self, case: CaseId) -> Result<Option<CaseSummary>, StoreError> {
        self.inner.summary(case)
    }

    fn list(&self, filter: &CaseFilter, page: Page) -> Result<Vec<CaseSummary>, StoreError> {
        self.inner.list(filter, page)
    }

    fn lookup(&self, key: &LookupKey) -> Result<Option<CaseId>, StoreError> {
        self.inner.lookup(key)
    }
}

fn tag_race(version: u64) -> Command {
    Command::AddTag {
        tag: text(&format!("race-{version}")),
    }
}

struct Race {
    desk: Desk,
    store: Arc<RacingStore>,
    notifier: Arc<RecordingNotifier>,
    case: CaseId,
}

fn race(races: u32, competitor: fn(u64) -> Command, max_retries: u32) -> Race {
    let store = Arc::new(RacingStore::new(races, competitor));
    let notifier = Arc::new(RecordingNotifier::new());
    let options = DeskOptions::default().max_retries(max_retries);
    let desk = desk_with(store.clone(), notifier.clone(), options);
    let case = desk.open(&alice(), phishing(), None, t0()).unwrap().case();
    Race {
        desk,
        store,
        notifier,
        case,
    }
}

fn tags(race: &Race) -> Vec<String> {
    let case = race.desk.case(race.case).unwrap();
    case.tags.iter().map(ToString::to_string).collect()
}

#[test]
fn a_command_without_conflict_is_decided_once() {
    let race = race(0, tag_race, 3);

    let receipt = race
        .desk
        .execute(race.case, &alice(), &assign(analyst(1)), None, t0())
        .unwrap();

    assert_eq!(receipt.attempts, 1);
}

#[test]
fn a_conflict_is_retried_until_the_append_succeeds() {
    let race = race(2, tag_race, 3);

    let receipt = race
        .desk
        .execute(race.case, &alice(), &assign(analyst(1)), None, t0())
        .unwrap();

    assert_eq!(receipt.attempts, 3);
    assert_eq!(
        receipt.events.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [4]
    );
    assert_eq!(receipt.summary.version, 4);
}

#[test]
fn a_retry_keeps_the_competing_writes() {
    let race = race(2, tag_race, 3);

    race.desk
        .execute(race.case, &alice(), &assign(analyst(1)), None, t0())
        .unwrap();

    let case = race.desk.case(race.case).unwrap();
    assert_eq!((case.owner, case.version), (Some(analyst(1)), 4));
    assert_eq!(tags(&race), ["race-1", "race-2"]);
    assert_eq!(race.desk.verify(race.case).unwrap().records, 4);
    assert_eq!(
        race.store.summary(race.case).unwrap().unwrap(),
        CaseSummary::of(&case)
    );
}

#[test]
fn a_retry_decides_again_on_fresh_state() {
    let race = race(1, |_| Command::Acknowledge, 3);

    let result = race
        .desk
        .execute(race.case, &alice(), &Command::Acknowledge, None, t0());

    assert_eq!(rejection(result), Rejection::AlreadyAcknowledged);
    let history = race.desk.history(race.case).unwrap();
    let acks = history
        .iter()
        .filter(|r| r.event.change == Change::Acknowledged)
        .count();
    assert_eq!(acks, 1);
    assert_eq!(history[1].event.actor, Actor::Analyst(analyst(3)));
}

#[test]
fn contention_is_reported_after_max_retries() {
    let race = race(10, tag_race, 2);

    let error = race
        .desk
        .execute(race.case, &alice(), &assign(analyst(1)), None, t0())
        .unwrap_err();

    assert!(matches!(error, DeskError::Contention { case, attempts: 3 } if case == race.case));
    let expected = format!(
        "case `{}` kept changing; gave up after 3 attempts",
        race.case
    );
    assert_eq!(error.to_string(), expected);
}

#[test]
fn contention_loses_nothing_and_records_nothing_of_the_command() {
    let race = race(10, tag_race, 2);

    race.desk
        .execute(race.case, &alice(), &assign(analyst(1)), None, t0())
        .unwrap_err();

    assert_eq!(tags(&race), ["race-1", "race-2", "race-3"]);
    assert_eq!(race.desk.case(race.case).unwrap().owner, None);
    assert_eq!(race.desk.verify(race.case).unwrap().records, 4);
    let kinds: Vec<&str> = race.notifier.notifications().iter().map(kind).collect();
    assert_eq!(kinds, ["opened"]);
}

#[test]
fn zero_retries_decides_once() {
    let race = race(1, tag_race, 0);

    let error = race
        .desk
        .execute(race.case, &alice(), &assign(analyst(1)), None, t0())
        .unwrap_err();

    assert!(matches!(error, DeskError::Contention { attempts: 1, .. }));
}

#[test]
fn concurrent_commands_on_one_case_all_land() {
    let fixture = Fixture::with_options(DeskOptions::default().max_retries(1_000));
    let case = fixture.open();
    let start = Arc::new(Barrier::new(8));

    let threads: Vec<_> = (0..8)
        .map(|n| {
            let (desk, start) = (fixture.desk.clone(), start.clone());
            thread::spawn(move || {
                start.wait();
                let tag = Command::AddTag {
                    tag: text(&format!("t{n}")),
                };
                desk.execute(case, &alice(), &tag, None, t0())
                    .map(|r| r.attempts)
            })
        })
        .collect();
    let results: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();

    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let landed = fixture.desk.case(case).unwrap();
    assert_eq!((landed.tags.len(), landed.version), (8, 9));
    assert_eq!(fixture.desk.verify(case).unwrap().records, 9);
}

// ---------------------------------------------------------------------------
// Rejections and unknown cases (item 8)

#[test]
fn a_rejected_command_leaves_store_and_notifier_untouched() {
    let fixture = Fixture::new();
    let case = fixture.open();
    let history = fixture.desk.history(case).unwrap();
    let row = fixture.store.summary(case).unwrap();
    fixture.notifier.take();

    let refused = rejection(fixture.try_run(case, &move_to("investigating")));

    assert_eq!(
        refused.to_string(),
        "moving from `new` to `investigating` needs an owner"
    );
    assert_eq!(fixture.desk.history(case).unwrap(), history);
    assert_eq!(fixture.store.summary(case).unwrap(), row);
    assert_eq!(fixture.notifier.take(), vec![]);
}

#[test]
fn a_command_for_an_unknown_case_is_not_found() {
    let fixture = Fixture::new();
    fixture.open();

    let error = fixture
        .try_run(nth_id(42), &Command::Acknowledge)
        .unwrap_err();

    assert!(matches!(error, DeskError::NotFound { case } if case == nth_id(42)));
    assert_eq!(
        error.to_string(),
        format!("case `{}` does not exist", nth_id(42))
    );
    assert!(matches!(
        fixture.desk.case(nth_id(42)),
        Err(DeskError::NotFound { .. })
    ));
}

// ---------------------------------------------------------------------------
// Summary rows and listing (item 6)

#[test]
fn the_summary_row_follows_every_command() {
    let fixture = Fixture::new();
    let case = fixture.open();
    let commands = [
        Command::Acknowledge,
        assign(analyst(1)),
        Command::AssignTeam {
            team: Some(team(4)),
        },
        move_to("triage"),
        resolve(Verdict::TruePositive),
    ];

    for command in &commands {
        let receipt = fixture.run(case, &alice(), command);
        assert_eq!(
            fixture.store.summary(case).unwrap(),
            Some(receipt.summary),
            "{command:?}"
        );
    }
}

#[test]
fn the_summary_row_holds_what_listing_needs() {
    let fixture = Fixture::new();
    let case = fixture.open();
    let commands = [
        (Command::Acknowledge, later(3)),
        (assign(analyst(1)), later(4)),
        (
            Command::AssignTeam {
                team: Some(team(4)),
            },
            later(5),
        ),
        (resolve(Verdict::TruePositive), later(50)),
    ];
    for (command, now) in &commands {
        fixture
            .desk
            .execute(case, &alice(), command, None, *now)
            .unwrap();
    }

    let row = fixture.store.summary(case).unwrap().unwrap();

    assert_eq!(
        (row.status.as_str(), row.stage, row.severity),
        ("resolved", Stage::Resolved, Severity::Medium)
    );
    assert_eq!(
        (row.owner, row.team, row.verdict),
        (Some(analyst(1)), Some(team(4)), Some(Verdict::TruePositive))
    );
    assert_eq!(
        (row.opened_at, row.acknowledged_at, row.resolved_at),
        (t0(), Some(later(3)), Some(later(50)))
    );
    assert_eq!(
        (row.updated_at, row.closed_at, row.version),
        (later(50), None, 6)
    );
}

#[test]
fn listing_filters_summary_rows_by_stage_owner_and_team() {
    let fixture = Fixture::new();
    let [a, b, c] = [fixture.open(), fixture.open(), fixture.open()];
    fixture.run(a, &alice(), &assign(analyst(1)));
    fixture.run(
        b,
        &alice(),
        &Command::AssignTeam {
            team: Some(team(4)),
        },
    );
    fixture.run(c, &alice(), &resolve(Verdict::FalsePositive));

    let list = |filter: CaseFilter| -> Vec<CaseId> {
        let rows = fixture.store.list(&filter, Page::default()).unwrap();
        rows.iter().map(|row| row.id).collect()
    };

    assert_eq!(list(CaseFilter::default()), [a, b, c]);
    assert_eq!(list(CaseFilter::default().open()), [a, b]);
    assert_eq!(list(CaseFilter::default().owner(analyst(1))), [a]);
    assert_eq!(list(CaseFilter::default().team(team(4))), [b]);
    assert_eq!(list(CaseFilter::default().stages([Stage::Resolved])), [c]);
}

#[test]
fn a_command_slightly_behind_the_last_event_is_recorded_at_its_time() {
    let fixture = Fixture::new();
    let case = fixture.open();
    let last = later(10);
    let tag = Command::AddTag { tag: text("first") };
    fixture
        .desk
        .execute(case, &alice(), &tag, None, last)
        .unwrap();

    let behind = last - chrono::Duration::seconds(3);
    let tag = Command::AddTag {
        tag: text("second"),
    };
    let receipt = fixture
        .desk
        .execute(case, &common::bob(), &tag, None, behind)
        .unwrap();

    assert_eq!(
        receipt.events[0].at, last,
        "recorded at the last event's time, not before it"
    );
}

#[test]
fn a_command_further_behind_than_the_allowed_skew_is_refused() {
    let fixture = Fixture::new();
    let case = fixture.open();
    let last = later(10);
    let tag = Command::AddTag { tag: text("first") };
    fixture
        .desk
        .execute(case, &alice(), &tag, None, last)
        .unwrap();

    let behind = last - chrono::Duration::seconds(6);
    let tag = Command::AddTag {
        tag: text("second"),
    };
    let rejected = rejection(
        fixture
            .desk
            .execute(case, &common::bob(), &tag, None, behind),
    );

    assert_eq!(
        rejected.to_string(),
        "time `2026-03-02 09:09:54 UTC` is before the case's last event at `2026-03-02 09:10:00 UTC`"
    );
    assert_eq!(
        fixture.desk.case(case).unwrap().version,
        2,
        "nothing was recorded"
    );
}
