use chrono::{DateTime, Utc};

use crate::case::{Caller, Case, CasePolicy, Change, Command, Context, Event, NewCase, Rejection};
use crate::ids::{AnalystId, CaseId, CaseNumber, CasePrefix};
use crate::triage::{Category, Severity};

/// A given/when/then harness: open a case, apply the commands given, then
/// decide one command and check what it yields.
///
/// ```
/// use casefile::case::{CasePolicy, Change, Command, Rejection, Unmet};
/// use casefile::testkit::Scenario;
///
/// Scenario::new(CasePolicy::default())
///     .given(&Command::Move { to: "triage".parse()? })
///     .when(&Command::Move { to: "investigating".parse()? })
///     .then_rejected(&Rejection::GuardFailed {
///         from: "triage".parse()?,
///         to: "investigating".parse()?,
///         unmet: Unmet::Owner,
///     });
/// # Ok::<(), casefile::TextError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Scenario {
    policy: CasePolicy,
    caller: Caller,
    now: DateTime<Utc>,
    events: Vec<Event>,
}

impl Scenario {
    /// A scenario whose case is opened at 2026-01-05T09:00:00Z by analyst
    /// `…0001`, as a medium-severity `uncategorized` case titled `scenario`.
    pub fn new(policy: CasePolicy) -> Self {
        let new = NewCase::new(title(), Category::uncategorized(), Severity::Medium);
        Self::opening(policy, new)
    }

    /// A scenario whose case is opened from `new`.
    ///
    /// # Panics
    ///
    /// Never: the fixed case number it uses is valid.
    pub fn opening(policy: CasePolicy, new: NewCase) -> Self {
        let caller = Caller::analyst(Self::analyst());
        let now = DateTime::from_timestamp(1_767_603_600, 0).unwrap_or_default();
        let ctx = Context {
            caller: &caller,
            reason: None,
            now,
            policy: &policy,
        };
        let number = CaseNumber::new(CasePrefix::default(), 2026, 1);
        let number = number.unwrap_or_else(|e| panic!("fixed case number is invalid: {e}"));
        let events = Case::open(Self::case_id(), number, new, &ctx);
        Self {
            policy,
            caller,
            now,
            events,
        }
    }

    /// The id of the scenario's case.
    pub fn case_id() -> CaseId {
        CaseId::from_uuid(uuid::Uuid::from_u128(0xca5e))
    }

    /// The analyst that gives commands unless [`Scenario::as_caller`] says
    /// otherwise.
    pub fn analyst() -> AnalystId {
        AnalystId::from_uuid(uuid::Uuid::from_u128(1))
    }

    /// Gives the following commands as `caller`.
    #[must_use]
    pub fn as_caller(mut self, caller: Caller) -> Self {
        self.caller = caller;
        self
    }

    /// Gives the following commands at `now`.
    #[must_use]
    pub fn at(mut self, now: DateTime<Utc>) -> Self {
        self.now = now;
        self
    }

    /// Decides and records a command.
    ///
    /// # Panics
    ///
    /// When the command is rejected: a `given` step must succeed.
    #[must_use]
    pub fn given(mut self, command: &Command) -> Self {
        match self.decide(command) {
            Ok(events) => self.events.extend(events),
            Err(rejection) => panic!("given {command:?} was rejected: {rejection}"),
        }
        self
    }

    /// Decides a command against the case as the given steps left it.
    pub fn when(self, command: &Command) -> Then {
        let result = self.decide(command);
        Then {
            case: self.case(),
            result,
        }
    }

    /// The case as the given steps left it.
    ///
    /// # Panics
    ///
    /// Never for streams the harness built itself.
    pub fn case(&self) -> Case {
        Case::replay(&self.events).unwrap_or_else(|e| panic!("scenario stream does not fold: {e}"))
    }

    /// The events recorded so far.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    fn decide(&self, command: &Command) -> Result<Vec<Event>, Rejection> {
        let ctx = Context {
            caller: &self.caller,
            reason: None,
            now: self.now,
            policy: &self.policy,
        };
        self.case().decide(command, &ctx)
    }
}

fn title() -> crate::text::Title {
    crate::text::Title("scenario".to_owned())
}

/// The outcome of a [`Scenario::when`] step.
#[derive(Clone, Debug)]
pub struct Then {
    case: Case,
    result: Result<Vec<Event>, Rejection>,
}

impl Then {
    /// Asserts that the command yielded exactly these changes.
    ///
    /// # Panics
    ///
    /// When it was rejected or yielded other changes.
    pub fn then_changes(&self, expected: &[Change]) -> &Self {
        let events = self.events();
        let changes: Vec<&Change> = events.iter().map(|e| &e.change).collect();
        let expected: Vec<&Change> = expected.iter().collect();
        assert_eq!(changes, expected, "the command yielded other changes");
        self
    }

    /// Asserts that the command was rejected with exactly this rejection.
    ///
    /// # Panics
    ///
    /// When it was accepted or rejected otherwise.
    pub fn then_rejected(&self, expected: &Rejection) -> &Self {
        match &self.result {
            Ok(events) => panic!("expected rejection {expected:?}, got events {events:?}"),
            Err(rejection) => assert_eq!(rejection, expected, "rejected for another reason"),
        }
        self
    }

    /// The case after applying the command's events.
    ///
    /// # Panics
    ///
    /// When the command was rejected.
    pub fn then_case(&self) -> Case {
        let mut case = self.case.clone();
        for event in self.events() {
            case.apply(event);
        }
        case
    }

    /// The events yielded.
    ///
    /// # Panics
    ///
    /// When the command was rejected.
    pub fn events(&self) -> &[Event] {
        match &self.result {
            Ok(events) => events,
            Err(rejection) => panic!("expected events, the command was rejected: {rejection}"),
        }
    }

    /// The result of deciding the command.
    pub fn result(&self) -> &Result<Vec<Event>, Rejection> {
        &self.result
    }
}
