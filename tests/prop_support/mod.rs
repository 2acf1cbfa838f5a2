//! Generators and a desk driver shared by the property tests.
//!
//! - [`steps`]: random command sequences, each given by a caller with random
//!   permissions, over every `Command` variant and over statuses the
//!   workflow has and does not have.
//! - [`valid_definition`]: random workflow definitions repaired into valid
//!   ones; [`any_definition`]: random definitions, valid or not.
//! - [`run`]: opens a case on a desk and executes a sequence, keeping what
//!   the case, its stream and the notifications were before and after every
//!   command, so each law can be checked on the same run.

// Each test crate that includes this module uses a different part of it.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::sync::Arc;

use casefile::audit::Record;
use casefile::case::{AutomationRequest, AutomationRule, Trigger};
use casefile::desk::Receipt;
use casefile::ids::{AnalystId, AutomationId, CaseId, TeamId};
use casefile::store::CaseSummary;
use casefile::text::{
    Description, FieldName, FieldValue, Permission, Reason, Tag, Title, WaitingFor,
};
use casefile::triage::{
    Category, Impact, Pap, PriorityMatrix, Resolution, ResolutionImpact, Severity, Tlp, Urgency,
    Verdict,
};
use casefile::workflow::{
    Guard, Stage, StatusDefinition, StatusId, TransitionDefinition, WorkflowDefinition,
    WorkflowError,
};
use casefile::{
    Actor, Caller, Case, CasePolicy, Command, Desk, DeskError, DeskOptions, MemoryStore, NewCase,
    RecordingNotifier, SequentialIds, Workflow,
};
use chrono::{DateTime, Duration, Utc};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;

/// The permission the default workflow wants for reopening a closed case.
pub(crate) const REOPEN: &str = "case:reopen";
/// Permissions that callers may hold and random guards may require.
pub(crate) const PERMISSIONS: [&str; 2] = [REOPEN, "case:close"];
/// Custom fields that commands set and random guards may require.
pub(crate) const FIELDS: [&str; 2] = ["ticket-ref", "host"];
/// Statuses no workflow under test defines.
pub(crate) const UNKNOWN_STATUSES: [&str; 2] = ["nowhere", "s99"];

/// Parses a text known to be valid for `T`.
pub(crate) fn text<T>(s: &str) -> T
where
    T: std::str::FromStr,
    T::Err: std::fmt::Debug,
{
    s.parse()
        .unwrap_or_else(|e| panic!("fixed text `{s}` is invalid: {e:?}"))
}

/// The time of the `minute`th command of a run.
pub(crate) fn at(minute: usize) -> DateTime<Utc> {
    let start: DateTime<Utc> = text("2026-03-02T09:00:00Z");
    start + Duration::minutes(i64::try_from(minute).unwrap_or(i64::MAX))
}

// ---------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------

fn analyst(n: u128) -> AnalystId {
    AnalystId::from_uuid(uuid::Uuid::from_u128(n))
}

fn analysts() -> impl Strategy<Value = AnalystId> {
    (1_u128..=3).prop_map(analyst)
}

fn teams() -> impl Strategy<Value = TeamId> {
    (100_u128..=101).prop_map(|n| TeamId::from_uuid(uuid::Uuid::from_u128(n)))
}

fn texts<T>(pool: &'static [&'static str]) -> impl Strategy<Value = T> + Clone
where
    T: std::str::FromStr + std::fmt::Debug,
    T::Err: std::fmt::Debug,
{
    select(pool).prop_map(|s| text(s))
}

fn severities() -> impl Strategy<Value = Severity> {
    select(
        &[
            Severity::Informational,
            Severity::Low,
            Severity::Medium,
            Severity::High,
            Severity::Critical,
        ][..],
    )
}

fn impacts() -> impl Strategy<Value = Impact> {
    select(&[Impact::High, Impact::Medium, Impact::Low][..])
}

fn urgencies() -> impl Strategy<Value = Urgency> {
    select(&[Urgency::High, Urgency::Medium, Urgency::Low][..])
}

fn tlps() -> impl Strategy<Value = Tlp> {
    select(
        &[
            Tlp::Clear,
            Tlp::Green,
            Tlp::Amber,
            Tlp::AmberStrict,
            Tlp::Red,
        ][..],
    )
}

fn paps() -> impl Strategy<Value = Pap> {
    select(&[Pap::Clear, Pap::Green, Pap::Amber, Pap::Red][..])
}

fn verdicts() -> impl Strategy<Value = Verdict> {
    select(
        &[
            Verdict::TruePositive,
            Verdict::BenignPositive,
            Verdict::FalsePositive,
            Verdict::Undetermined,
            Verdict::Duplicate,
            Verdict::Other,
        ][..],
    )
}

fn resolutions() -> impl Strategy<Value = Resolution> {
    let impact = select(
        &[
            ResolutionImpact::WithImpact,
            ResolutionImpact::NoImpact,
            ResolutionImpact::NotApplicable,
        ][..],
    );
    let summary = texts(&["contained and cleaned", "sender verified"]);
    (verdicts(), impact, summary).prop_map(|(v, i, s)| Resolution::new(v, i, s))
}

fn automation_requests() -> impl Strategy<Value = AutomationRequest> {
    let action = texts(&["isolate-host", "block-ip"]);
    let parameter = maybe((texts(&["host", "ip"]), texts(&["ws-042", ""])));
    (action, parameter).prop_map(|(action, parameter)| {
        let request = AutomationRequest::new(action);
        match parameter {
            Some((name, value)) => request.parameter(name, value),
            None => request,
        }
    })
}

// ---------------------------------------------------------------------------
// Commands and callers
// ---------------------------------------------------------------------------

/// One command of a sequence and who gives it.
#[derive(Clone, Debug)]
pub(crate) struct Step {
    /// Who gives the command, with the permissions the host granted.
    pub(crate) caller: Caller,
    /// The command.
    pub(crate) command: Command,
    /// Why, recorded on the events.
    pub(crate) reason: Option<Reason>,
}

/// `Some` half of the time. Cheaper to generate than `option::of`, which
/// matters for values drawn on every step of every sequence.
fn maybe<S: Strategy>(inner: S) -> impl Strategy<Value = Option<S::Value>> {
    (any::<bool>(), inner).prop_map(|(some, value)| some.then_some(value))
}

/// The variants of [`Command`], each repeated by how often to draw it.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Move,
    Hold,
    Resume,
    Resolve,
    Close,
    Reopen,
    Acknowledge,
    AssignOwner,
    AssignTeam,
    AddTag,
    RemoveTag,
    SetSeverity,
    SetImpactUrgency,
    SetTlp,
    SetPap,
    SetField,
    Retitle,
    Describe,
    Categorise,
    RequestAutomation,
}

const KINDS: [(Kind, usize); 20] = [
    (Kind::Move, 6),
    (Kind::Hold, 2),
    (Kind::Resume, 2),
    (Kind::Resolve, 3),
    (Kind::Close, 2),
    (Kind::Reopen, 2),
    (Kind::Acknowledge, 1),
    (Kind::AssignOwner, 3),
    (Kind::AssignTeam, 1),
    (Kind::AddTag, 1),
    (Kind::RemoveTag, 1),
    (Kind::SetSeverity, 1),
    (Kind::SetImpactUrgency, 1),
    (Kind::SetTlp, 1),
    (Kind::SetPap, 1),
    (Kind::SetField, 3),
    (Kind::Retitle, 1),
    (Kind::Describe, 1),
    (Kind::Categorise, 1),
    (Kind::RequestAutomation, 1),
];

/// Everything any command may need; [`Kind::command`] takes what its
/// variant uses.
#[derive(Clone, Debug)]
struct Parts {
    status: StatusId,
    target: Option<StatusId>,
    waiting_for: WaitingFor,
    resolution: Resolution,
    owner: Option<AnalystId>,
    team: Option<TeamId>,
    tag: Tag,
    severity: Severity,
    levels: (Impact, Urgency),
    markings: (Tlp, Pap),
    field: (FieldName, Option<FieldValue>),
    texts: (Title, Description, Category),
    request: AutomationRequest,
}

impl Kind {
    fn command(self, p: Parts) -> Command {
        match self {
            Self::Move => Command::Move { to: p.status },
            Self::Hold => Command::Hold {
                status: p.target,
                waiting_for: p.waiting_for,
            },
            Self::Resume => Command::Resume,
            Self::Resolve => Command::Resolve {
                resolution: p.resolution,
                status: p.target,
            },
            Self::Close => Command::Close { status: p.target },
            Self::Reopen => Command::Reopen,
            Self::Acknowledge => Command::Acknowledge,
            Self::AssignOwner => Command::AssignOwner { owner: p.owner },
            Self::AssignTeam => Command::AssignTeam { team: p.team },
            Self::AddTag => Command::AddTag { tag: p.tag },
            Self::RemoveTag => Command::RemoveTag { tag: p.tag },
            Self::SetSeverity => Command::SetSeverity {
                severity: p.severity,
            },
            Self::SetImpactUrgency => Command::SetImpactUrgency {
                impact: p.levels.0,
                urgency: p.levels.1,
            },
            Self::SetTlp => Command::SetTlp { tlp: p.markings.0 },
            Self::SetPap => Command::SetPap { pap: p.markings.1 },
            Self::SetField => Command::SetField {
                name: p.field.0,
                value: p.field.1,
            },
            Self::Retitle => Command::Retitle { title: p.texts.0 },
            Self::Describe => Command::Describe {
                description: p.texts.1,
            },
            Self::Categorise => Command::Categorise {
                category: p.texts.2,
            },
            Self::RequestAutomation => Command::RequestAutomation { request: p.request },
        }
    }
}

/// Every command variant, with statuses drawn from `statuses`.
pub(crate) fn commands(statuses: Vec<StatusId>) -> impl Strategy<Value = Command> {
    let kinds: Vec<Kind> = KINDS
        .iter()
        .flat_map(|&(kind, weight)| std::iter::repeat_n(kind, weight))
        .collect();
    let status = select(statuses);
    let moves = (
        status.clone(),
        maybe(status),
        texts(&["vendor", "legal team"]),
        resolutions(),
    );
    let assignment = (
        maybe(analysts()),
        maybe(teams()),
        texts(&["alpha", "beta", "gamma"]),
    );
    let levels = (severities(), (impacts(), urgencies()), (tlps(), paps()));
    let field = (texts(&FIELDS), maybe(texts(&["ref-1", "ref-2", "", " "])));
    let texts = (
        texts(&["Phishing wave", "Beaconing host"]),
        texts(&["", "Seen on two hosts"]),
        texts(&["phishing", "malware"]),
    );
    let parts = (
        moves,
        assignment,
        levels,
        field,
        texts,
        automation_requests(),
    )
        .prop_map(
            |(
                (status, target, waiting_for, resolution),
                (owner, team, tag),
                levels,
                field,
                texts,
                request,
            )| {
                let (severity, levels, markings) = levels;
                Parts {
                    status,
                    target,
                    waiting_for,
                    resolution,
                    owner,
                    team,
                    tag,
                    severity,
                    levels,
                    markings,
                    field,
                    texts,
                    request,
                }
            },
        );
    (select(kinds), parts).prop_map(|(kind, parts)| kind.command(parts))
}

/// An analyst, an automation or the system, holding a random subset of
/// [`PERMISSIONS`] (so with or without `case:reopen`).
pub(crate) fn callers() -> impl Strategy<Value = Caller> {
    let actors = vec![
        Actor::Analyst(analyst(1)),
        Actor::Analyst(analyst(2)),
        Actor::Analyst(analyst(3)),
        Actor::Automation(AutomationId::from_uuid(uuid::Uuid::from_u128(9))),
        Actor::System,
    ];
    (select(actors), any::<[bool; 2]>()).prop_map(|(actor, held)| {
        PERMISSIONS
            .iter()
            .zip(held)
            .filter(|(_, held)| *held)
            .fold(Caller::new(actor), |caller, (p, _)| {
                caller.with_permission(text(p))
            })
    })
}

/// A command sequence over `statuses` and the statuses no workflow has.
pub(crate) fn steps(statuses: Vec<StatusId>, max: usize) -> impl Strategy<Value = Vec<Step>> {
    let mut statuses = statuses;
    statuses.extend(UNKNOWN_STATUSES.iter().map(|s| text(s)));
    let reason = maybe(texts(&["per runbook", "customer asked"]));
    let step = (callers(), commands(statuses), reason).prop_map(|(caller, command, reason)| Step {
        caller,
        command,
        reason,
    });
    vec(step, 0..=max)
}

/// The statuses of a workflow, in definition order.
pub(crate) fn statuses_of(definition: &WorkflowDefinition) -> Vec<StatusId> {
    definition.statuses.iter().map(|s| s.id.clone()).collect()
}

// ---------------------------------------------------------------------------
// Workflow definitions
// ---------------------------------------------------------------------------

fn stages() -> impl Strategy<Value = Stage> {
    select(
        &[
            Stage::New,
            Stage::Active,
            Stage::Waiting,
            Stage::Resolved,
            Stage::Closed,
        ][..],
    )
}

fn guards() -> impl Strategy<Value = Vec<Guard>> {
    let permission = |p: &str| Guard::Permission {
        permission: text(p),
    };
    let fields = |names: &[&str]| Guard::Fields {
        fields: names.iter().map(|n| text(n)).collect(),
    };
    let pool = vec![
        Guard::Owner,
        Guard::Verdict,
        fields(&FIELDS[..1]),
        fields(&FIELDS),
        permission(PERMISSIONS[0]),
        permission(PERMISSIONS[1]),
    ];
    let guarded = vec(select(pool), 1..=2);
    (0..5_u8, guarded).prop_map(|(roll, guards)| if roll < 3 { Vec::new() } else { guards })
}

/// The parts of a random workflow before it is repaired.
#[derive(Clone, Debug)]
struct Sketch {
    stages: Vec<Stage>,
    /// A status forced into the closed stage (never the initial one, 0).
    closed: usize,
    edges: Vec<(usize, usize, Vec<Guard>)>,
    reopen: Option<usize>,
    reopen_guards: Vec<Guard>,
    /// The display order of the statuses.
    order: Vec<usize>,
}

/// A random workflow definition that `Workflow::new` must accept: random
/// statuses and stages (status 0 is the `new` initial status, at least one
/// status is closed), random guarded transitions, then repaired by adding a
/// move from the initial status to every unreachable status, a move to a
/// closed status from every status that cannot close, and a move from
/// every closed status to the reopen status.
pub(crate) fn valid_definition() -> impl Strategy<Value = WorkflowDefinition> {
    (2_usize..=8)
        .prop_flat_map(|n| {
            let order: Vec<usize> = (0..n).collect();
            (
                vec(stages(), n),
                1..n,
                vec((0..n, 0..n, guards()), 0..=3 * n),
                option::of(0..n),
                guards(),
                Just(order).prop_shuffle(),
            )
        })
        .prop_map(|(stages, closed, edges, reopen, reopen_guards, order)| {
            repair(Sketch {
                stages,
                closed,
                edges,
                reopen,
                reopen_guards,
                order,
            })
        })
}

fn status_name(i: usize) -> StatusId {
    text(&format!("s{i}"))
}

fn repair(sketch: Sketch) -> WorkflowDefinition {
    let mut stages = sketch.stages;
    stages[0] = Stage::New;
    stages[sketch.closed] = Stage::Closed;
    let mut edges: BTreeMap<(usize, usize), Vec<Guard>> = BTreeMap::new();
    for (from, to, guards) in sketch.edges {
        if from != to {
            edges.entry((from, to)).or_insert(guards);
        }
    }
    let reopen = sketch.reopen.filter(|&r| stages[r].is_open());
    if let Some(r) = reopen {
        for c in (0..stages.len()).filter(|&c| stages[c] == Stage::Closed) {
            edges
                .entry((c, r))
                .or_insert_with(|| sketch.reopen_guards.clone());
        }
    }
    let pairs: BTreeSet<(usize, usize)> = edges.keys().copied().collect();
    for s in (0..stages.len()).filter(|s| !reachable(&pairs, &[0]).contains(s)) {
        edges.entry((0, s)).or_default();
    }
    let pairs: BTreeSet<(usize, usize)> = edges.keys().copied().collect();
    let closed: Vec<usize> = (0..stages.len())
        .filter(|&s| stages[s] == Stage::Closed)
        .collect();
    let closable = reachable(&reversed(&pairs), &closed);
    for s in (0..stages.len()).filter(|s| !closable.contains(s)) {
        edges.entry((s, sketch.closed)).or_default();
    }
    WorkflowDefinition {
        initial: status_name(0),
        reopen: reopen.map(status_name),
        statuses: sketch
            .order
            .iter()
            .map(|&i| StatusDefinition::new(status_name(i), stages[i]))
            .collect(),
        transitions: group(edges),
    }
}

/// One transition per target and guard list, from every status with that
/// move.
fn group(edges: BTreeMap<(usize, usize), Vec<Guard>>) -> Vec<TransitionDefinition> {
    let mut transitions: Vec<TransitionDefinition> = Vec::new();
    for ((from, to), guards) in edges {
        let (from, to) = (status_name(from), status_name(to));
        let same = transitions
            .iter_mut()
            .find(|t| t.to == to && t.guards == guards);
        match same {
            Some(t) => t.from.push(from),
            None => transitions.push(TransitionDefinition {
                from: vec![from],
                to,
                guards,
            }),
        }
    }
    transitions
}

fn reversed<T: Ord + Copy>(pairs: &BTreeSet<(T, T)>) -> BTreeSet<(T, T)> {
    pairs.iter().map(|&(a, b)| (b, a)).collect()
}

/// Everything reachable from `start` along `pairs` (start included).
fn reachable<T: Ord + Copy>(pairs: &BTreeSet<(T, T)>, start: &[T]) -> BTreeSet<T> {
    let mut seen: BTreeSet<T> = start.iter().copied().collect();
    let mut queue: VecDeque<T> = start.iter().copied().collect();
    while let Some(at) = queue.pop_front() {
        for &(_, next) in pairs.iter().filter(|(from, _)| *from == at) {
            if seen.insert(next) {
                queue.push_back(next);
            }
        }
    }
    seen
}

/// A random definition, valid or not: raw random data, a repaired valid
/// definition, or a repaired one with one random defect.
pub(crate) fn any_definition() -> impl Strategy<Value = WorkflowDefinition> {
    prop_oneof![
        2 => raw_definition(),
        1 => valid_definition(),
        3 => (valid_definition(), defects()).prop_map(|(d, defect)| defect.apply(d)),
    ]
}

fn raw_definition() -> impl Strategy<Value = WorkflowDefinition> {
    let name = texts::<StatusId>(&["a", "b", "c", "d", "e"]);
    let statuses = vec(
        (name.clone(), stages()).prop_map(|(id, stage)| StatusDefinition::new(id, stage)),
        0..6,
    );
    let transition = (vec(name.clone(), 0..3), name.clone(), guards())
        .prop_map(|(from, to, guards)| TransitionDefinition { from, to, guards });
    (
        name.clone(),
        option::of(name),
        statuses,
        vec(transition, 0..10),
    )
        .prop_map(
            |(initial, reopen, statuses, transitions)| WorkflowDefinition {
                initial,
                reopen,
                statuses,
                transitions,
            },
        )
}

/// One thing done to a valid definition; it may or may not break it.
#[derive(Clone, Debug)]
pub(crate) enum Defect {
    DropTransition(prop::sample::Index),
    DropMove(prop::sample::Index, prop::sample::Index),
    DuplicateTransition(prop::sample::Index),
    SelfMove(prop::sample::Index),
    RenameStatus(prop::sample::Index),
    DuplicateStatus(prop::sample::Index),
    Restage(prop::sample::Index, Stage),
    Reopen(prop::sample::Index),
    UnknownTarget(prop::sample::Index),
    NoStatuses,
}

fn defects() -> impl Strategy<Value = Defect> {
    use prop::sample::Index;
    let i = any::<Index>;
    prop_oneof![
        3 => i().prop_map(Defect::DropTransition),
        3 => (i(), i()).prop_map(|(t, f)| Defect::DropMove(t, f)),
        1 => i().prop_map(Defect::DuplicateTransition),
        1 => i().prop_map(Defect::SelfMove),
        1 => i().prop_map(Defect::RenameStatus),
        1 => i().prop_map(Defect::DuplicateStatus),
        3 => (i(), stages()).prop_map(|(s, stage)| Defect::Restage(s, stage)),
        2 => i().prop_map(Defect::Reopen),
        1 => i().prop_map(Defect::UnknownTarget),
        1 => Just(Defect::NoStatuses),
    ]
}

impl Defect {
    fn apply(self, mut d: WorkflowDefinition) -> WorkflowDefinition {
        let (statuses, transitions) = (d.statuses.len(), d.transitions.len());
        match self {
            Self::DropTransition(t) if transitions > 0 => {
                d.transitions.remove(t.index(transitions));
            }
            Self::DropMove(t, f) if transitions > 0 => {
                let t = &mut d.transitions[t.index(transitions)];
                let at = f.index(t.from.len());
                t.from.remove(at);
            }
            Self::DuplicateTransition(t) if transitions > 0 => {
                let copy = d.transitions[t.index(transitions)].clone();
                d.transitions.push(copy);
            }
            Self::SelfMove(s) => {
                let s = d.statuses[s.index(statuses)].id.clone();
                d.transitions
                    .push(TransitionDefinition::new([s.clone()], s));
            }
            Self::RenameStatus(s) => d.statuses[s.index(statuses)].id = text("renamed"),
            Self::DuplicateStatus(s) => {
                let copy = d.statuses[s.index(statuses)].clone();
                d.statuses.push(copy);
            }
            Self::Restage(s, stage) => d.statuses[s.index(statuses)].stage = stage,
            Self::Reopen(s) => d.reopen = Some(d.statuses[s.index(statuses)].id.clone()),
            Self::UnknownTarget(s) => {
                let s = d.statuses[s.index(statuses)].id.clone();
                d.transitions
                    .push(TransitionDefinition::new([s], text(UNKNOWN_STATUSES[0])));
            }
            Self::NoStatuses => d.statuses.clear(),
            _ => {}
        }
        d
    }
}

// ---------------------------------------------------------------------------
// An independent validity check
// ---------------------------------------------------------------------------

/// The moves a definition names, by status name, in definition order.
pub(crate) fn moves(d: &WorkflowDefinition) -> Vec<(StatusId, StatusId)> {
    let each = |t: &TransitionDefinition| {
        t.from
            .iter()
            .map(|f| (f.clone(), t.to.clone()))
            .collect::<Vec<_>>()
    };
    d.transitions.iter().flat_map(each).collect()
}

fn stage_of(d: &WorkflowDefinition, status: &StatusId) -> Option<Stage> {
    d.statuses.iter().find(|s| s.id == *status).map(|s| s.stage)
}

/// The statuses reachable from the initial status.
pub(crate) fn reachable_from_initial(d: &WorkflowDefinition) -> BTreeSet<StatusId> {
    let pairs: BTreeSet<(&StatusId, &StatusId)> = d
        .transitions
        .iter()
        .flat_map(|t| t.from.iter().map(move |f| (f, &t.to)))
        .collect();
    reachable(&pairs, &[&d.initial])
        .into_iter()
        .cloned()
        .collect()
}

/// The statuses from which some closed status can be reached.
pub(crate) fn closable(d: &WorkflowDefinition) -> BTreeSet<StatusId> {
    let pairs: BTreeSet<(&StatusId, &StatusId)> = d
        .transitions
        .iter()
        .flat_map(|t| t.from.iter().map(move |f| (&t.to, f)))
        .collect();
    let closed: Vec<&StatusId> = d
        .statuses
        .iter()
        .filter(|s| s.stage == Stage::Closed)
        .map(|s| &s.id)
        .collect();
    reachable(&pairs, &closed).into_iter().cloned().collect()
}

/// Whether a definition meets every rule the workflow docs state, checked
/// independently of `Workflow::new`.
pub(crate) fn is_valid(d: &WorkflowDefinition) -> bool {
    let names: BTreeSet<&StatusId> = d.statuses.iter().map(|s| &s.id).collect();
    let moves = moves(d);
    let distinct: BTreeSet<&(StatusId, StatusId)> = moves.iter().collect();
    let known = |s: &StatusId| names.contains(s);
    let reopen_ok = d.reopen.as_ref().is_none_or(|r| {
        stage_of(d, r).is_some_and(Stage::is_open)
            && d.statuses
                .iter()
                .filter(|s| s.stage == Stage::Closed)
                .all(|c| moves.contains(&(c.id.clone(), r.clone())))
    });
    let everywhere = |found: &BTreeSet<StatusId>| names.iter().all(|s| found.contains(*s));

    !d.statuses.is_empty()
        && names.len() == d.statuses.len()
        && moves.iter().all(|(f, t)| known(f) && known(t) && f != t)
        && distinct.len() == moves.len()
        && stage_of(d, &d.initial) == Some(Stage::New)
        && reopen_ok
        && everywhere(&reachable_from_initial(d))
        && everywhere(&closable(d))
}

/// Whether the entry an error names is really at fault in `d`.
pub(crate) fn error_names_a_fault(d: &WorkflowDefinition, error: &WorkflowError) -> bool {
    let count = |s: &StatusId| d.statuses.iter().filter(|x| x.id == *s).count();
    let moves = moves(d);
    match error {
        WorkflowError::NoStatuses => d.statuses.is_empty(),
        WorkflowError::DuplicateStatus { status } => count(status) > 1,
        WorkflowError::UnknownStatus { status, .. } => count(status) == 0,
        WorkflowError::InitialNotNew { status, stage } => {
            *status == d.initial && stage_of(d, status) == Some(*stage) && *stage != Stage::New
        }
        WorkflowError::ReopenNotOpen { status, stage } => {
            d.reopen.as_ref() == Some(status) && stage_of(d, status) == Some(*stage)
        }
        WorkflowError::ReopenNotAllowed { status, reopen } => {
            d.reopen.as_ref() == Some(reopen)
                && stage_of(d, status) == Some(Stage::Closed)
                && !moves.contains(&(status.clone(), reopen.clone()))
        }
        WorkflowError::SelfTransition { status } => {
            moves.contains(&(status.clone(), status.clone()))
        }
        WorkflowError::DuplicateTransition { from, to } => {
            moves.iter().filter(|m| m.0 == *from && m.1 == *to).count() > 1
        }
        WorkflowError::Unreachable { status } => !reachable_from_initial(d).contains(status),
        WorkflowError::NoWayToClose { status } => !closable(d).contains(status),
        // A kind of error this check does not know yet: teach it.
        _ => false,
    }
}

// ---------------------------------------------------------------------------
// Driving a desk
// ---------------------------------------------------------------------------

/// The default workflow under a policy with two automation rules, so that
/// commands also record events by the system.
pub(crate) fn policy(workflow: Workflow) -> CasePolicy {
    let rule = |name: &str, when, action: &str| AutomationRule {
        name: text(name),
        when,
        request: AutomationRequest::new(text(action)),
        fields: vec![text("host")],
    };
    let rules = vec![
        rule(
            "isolate-on-true-positive",
            Trigger::Verdict {
                verdict: Verdict::TruePositive,
            },
            "isolate-host",
        ),
        rule(
            "archive-on-close",
            Trigger::Stage {
                stage: Stage::Closed,
            },
            "archive-evidence",
        ),
    ];
    CasePolicy::new(workflow, PriorityMatrix::default(), rules)
        .unwrap_or_else(|e| panic!("test policy is invalid: {e}"))
}

/// What a case looked like from outside the desk at one moment.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Snapshot {
    pub(crate) case: Case,
    pub(crate) records: Vec<Record>,
    pub(crate) summary: Option<CaseSummary>,
    pub(crate) notifications: usize,
}

/// One executed step: the state before, the desk's answer, the state after.
#[derive(Debug)]
pub(crate) struct Outcome {
    pub(crate) step: Step,
    pub(crate) before: Snapshot,
    pub(crate) result: Result<Receipt, DeskError>,
    pub(crate) after: Snapshot,
}

/// A case opened on a fresh desk and worked through a sequence.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) desk: Desk,
    pub(crate) notifier: Arc<RecordingNotifier>,
    pub(crate) case: CaseId,
    pub(crate) opened: Snapshot,
    pub(crate) outcomes: Vec<Outcome>,
    /// The permissions of the caller whose command recorded each event,
    /// by position in the stream.
    pub(crate) permissions: Vec<BTreeSet<Permission>>,
}

impl Run {
    /// The workflow the desk decides under.
    pub(crate) fn workflow(&self) -> &Workflow {
        self.desk.options().policy.workflow()
    }

    /// The stream as it is at the end of the run.
    pub(crate) fn records(&self) -> &[Record] {
        self.outcomes
            .last()
            .map_or(&self.opened.records, |o| &o.after.records)
    }
}

/// A case opened by an analyst with no permissions.
pub(crate) fn new_case() -> NewCase {
    NewCase::new(
        text("Suspicious login"),
        Category::phishing(),
        Severity::Medium,
    )
    .tag(text("alpha"))
}

/// Opens a case on a fresh desk and executes `steps`, one minute apart.
///
/// # Panics
///
/// When the desk fails to open the case or to read it back.
pub(crate) fn run(policy: CasePolicy, steps: &[Step]) -> Run {
    let notifier = Arc::new(RecordingNotifier::new());
    let desk = Desk::new(
        Arc::new(MemoryStore::new()),
        notifier.clone(),
        Arc::new(SequentialIds::new()),
        DeskOptions::new(policy),
    );
    let author = Caller::analyst(analyst(1));
    let receipt = desk
        .open(&author, new_case(), None, at(0))
        .unwrap_or_else(|e| panic!("opening failed: {e}"));
    let case = receipt.case();
    let snapshot = || snapshot(&desk, &notifier, case);
    let opened = snapshot();
    let mut permissions = vec![author.permissions.clone(); receipt.events.len()];
    let mut outcomes: Vec<Outcome> = Vec::with_capacity(steps.len());
    for (minute, step) in steps.iter().enumerate() {
        let before = outcomes.last().map_or(&opened, |o| &o.after).clone();
        let reason = step.reason.as_ref();
        let result = desk.execute(case, &step.caller, &step.command, reason, at(minute + 1));
        if let Ok(receipt) = &result {
            let held = step.caller.permissions.clone();
            permissions.extend(receipt.events.iter().map(|_| held.clone()));
        }
        let after = snapshot();
        let step = step.clone();
        outcomes.push(Outcome {
            step,
            before,
            result,
            after,
        });
    }
    Run {
        desk,
        notifier,
        case,
        opened,
        outcomes,
        permissions,
    }
}

fn snapshot(desk: &Desk, notifier: &RecordingNotifier, case: CaseId) -> Snapshot {
    Snapshot {
        case: desk
            .case(case)
            .unwrap_or_else(|e| panic!("reading the case failed: {e}")),
        records: desk
            .history(case)
            .unwrap_or_else(|e| panic!("reading the history failed: {e}")),
        summary: desk
            .store()
            .summary(case)
            .unwrap_or_else(|e| panic!("reading the summary failed: {e}")),
        notifications: notifier.notifications().len(),
    }
}
