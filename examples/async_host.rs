//! Async host: drive the pure core from async code, with an async store of
//! your own instead of the synchronous `Store` trait and the `Desk`.
//!
//! Run it with `cargo run --example async_host`.
//!
//! The desk's loop is five public steps: load the records, fold them with
//! `Case::replay`, `decide` the command, seal the events with
//! `audit::Chain`, and append with the expected version, deciding again on
//! a conflict. Here the store is a map behind a `tokio` lock standing in
//! for an async database client; two tasks race on one case and both land,
//! one of them after a retry.

use std::collections::HashMap;
use std::error::Error;
use std::sync::Arc;

use casefile::audit::{self, Chain, GENESIS, Record};
use casefile::case::{Caller, Case, CasePolicy, Command, Context, NewCase};
use casefile::ids::{AnalystId, CaseNumber};
use casefile::triage::{Category, Severity};
use casefile::{CaseId, SequentialIds};
use chrono::{DateTime, Utc};
use tokio::sync::RwLock;

/// An async event store: appends succeed only at the expected version.
#[derive(Default)]
struct AsyncStore {
    streams: RwLock<HashMap<CaseId, Vec<Record>>>,
}

/// The stream moved on since it was loaded.
#[derive(Debug)]
struct Conflict;

impl AsyncStore {
    async fn load(&self, case: CaseId) -> Vec<Record> {
        self.streams
            .read()
            .await
            .get(&case)
            .cloned()
            .unwrap_or_default()
    }

    async fn append(
        &self,
        case: CaseId,
        expected: u64,
        records: Vec<Record>,
    ) -> Result<(), Conflict> {
        let mut streams = self.streams.write().await;
        let stream = streams.entry(case).or_default();
        if stream.len() as u64 != expected {
            return Err(Conflict);
        }
        stream.extend(records);
        Ok(())
    }
}

/// Executes a command the way the desk does, with async persistence.
async fn execute(
    store: &AsyncStore,
    policy: &CasePolicy,
    case: CaseId,
    caller: &Caller,
    command: &Command,
    now: DateTime<Utc>,
) -> Result<u32, Box<dyn Error + Send + Sync>> {
    for attempt in 1..=5 {
        let records = store.load(case).await;
        let state = Case::replay(records.iter().map(|r| &r.event))?;
        let ctx = Context {
            caller,
            reason: None,
            now,
            policy,
        };
        let events = state.decide(command, &ctx)?;
        let mut chain = Chain::resume(records.last().map_or(GENESIS, |r| r.hash));
        let sealed = events.into_iter().map(|e| chain.seal(e)).collect();
        // Let the other task in between our load and our append.
        tokio::task::yield_now().await;
        if store.append(case, state.version, sealed).await.is_ok() {
            return Ok(attempt);
        }
    }
    Err("the case kept changing".into())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn Error + Send + Sync>> {
    let store = Arc::new(AsyncStore::default());
    let policy = Arc::new(CasePolicy::default());
    let alice = Caller::analyst(AnalystId::from_uuid(uuid::Uuid::from_u128(1)));
    let now: DateTime<Utc> = "2026-03-02T09:00:00Z".parse()?;

    let ids = SequentialIds::new();
    let case = CaseId::generate(&ids);
    let number: CaseNumber = "SOC-2026-000001".parse()?;
    let new = NewCase::new(
        "Impossible travel for j.doe".parse()?,
        Category::unauthorized_access(),
        Severity::Medium,
    );
    let ctx = Context {
        caller: &alice,
        reason: None,
        now,
        policy: &policy,
    };
    let mut chain = Chain::new();
    let opened = Case::open(case, number, new, &ctx)
        .into_iter()
        .map(|e| chain.seal(e))
        .collect();
    store
        .append(case, 0, opened)
        .await
        .map_err(|_| "case exists")?;

    let tag = Command::AddTag {
        tag: "identity".parse()?,
    };
    let acknowledge = Command::Acknowledge;
    let (first, second) = tokio::join!(
        execute(&store, &policy, case, &alice, &tag, now),
        execute(&store, &policy, case, &alice, &acknowledge, now),
    );
    println!("add tag landed on attempt {}", first?);
    println!("acknowledge landed on attempt {}", second?);

    let records = store.load(case).await;
    let verified = audit::verify(&records)?;
    let state = Case::replay(records.iter().map(|r| &r.event))?;
    println!(
        "{} events, chain verified up to {}",
        verified.records, verified.head
    );
    println!(
        "acknowledged at {:?}, tags {:?}",
        state.acknowledged_at, state.tags
    );
    Ok(())
}
