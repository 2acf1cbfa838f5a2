use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{PoisonError, RwLock};

use chrono::{DateTime, Utc};

use super::{
    Append, CaseFilter, CaseSummary, KeyChange, Page, Store, StoreError, SuppressedAlert,
    SuppressedQuery,
};
use crate::alert::RecordKey;
use crate::audit::Record;
use crate::ids::{CaseId, CasePrefix, LookupKey};

/// A thread-safe store in memory: the reference implementation of the
/// [`Store`] contract, for tests, examples and small hosts.
///
/// One lock guards everything, so every append is atomic and appends are
/// serialised; reads share the lock.
#[derive(Debug, Default)]
pub struct MemoryStore {
    inner: RwLock<Inner>,
}

#[derive(Clone, Debug, Default)]
struct Inner {
    streams: HashMap<CaseId, Vec<Record>>,
    summaries: HashMap<CaseId, CaseSummary>,
    /// Case ids in listing order.
    order: BTreeSet<(DateTime<Utc>, CaseId)>,
    /// Cases with an SLA checkpoint, by checkpoint.
    checkpoints: BTreeSet<(DateTime<Utc>, CaseId)>,
    keys: HashMap<LookupKey, CaseId>,
    numbers: HashMap<(CasePrefix, i32), u64>,
    terms: HashMap<LookupKey, Term>,
    suppressed: Vec<SuppressedAlert>,
    suppressed_records: HashMap<RecordKey, usize>,
}

/// The cases of one index term, in the order they were added.
#[derive(Clone, Debug, Default)]
struct Term {
    order: Vec<CaseId>,
    members: HashSet<CaseId>,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// A copy of everything the store holds, as an independent store.
    #[must_use]
    pub fn snapshot(&self) -> Self {
        Self {
            inner: RwLock::new(self.read().clone()),
        }
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Inner> {
        // A panic while holding the lock cannot leave `Inner` half-written:
        // `append` checks everything before it mutates anything.
        self.inner.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Inner> {
        self.inner.write().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Inner {
    fn version(&self, case: CaseId) -> u64 {
        self.streams
            .get(&case)
            .and_then(|s| s.last())
            .map_or(0, |r| r.event.seq)
    }

    /// Replaces the index entries of a case's old summary with the new one's.
    fn index(&mut self, new: &CaseSummary) {
        if let Some(old) = self.summaries.get(&new.id) {
            self.order.remove(&(old.opened_at, old.id));
            if let Some(at) = old.next_checkpoint {
                self.checkpoints.remove(&(at, old.id));
            }
        }
        self.order.insert((new.opened_at, new.id));
        if let Some(at) = new.next_checkpoint {
            self.checkpoints.insert((at, new.id));
        }
    }

    /// Summaries in listing order: all of them, or, when the filter asks
    /// for passed checkpoints, those found through the checkpoint index.
    fn rows(&self, filter: &CaseFilter) -> Vec<&CaseSummary> {
        let Some(by) = filter.checkpoint_by else {
            return self
                .order
                .iter()
                .filter_map(|(_, id)| self.summaries.get(id))
                .collect();
        };
        let due = self.checkpoints.iter().take_while(|(at, _)| *at <= by);
        let mut rows: Vec<&CaseSummary> =
            due.filter_map(|(_, id)| self.summaries.get(id)).collect();
        rows.sort_by_key(|s| (s.opened_at, s.id));
        rows
    }

    fn check_keys(&self, append: &Append) -> Result<(), StoreError> {
        for change in &append.keys {
            if let KeyChange::Claim(key) = change {
                match self.keys.get(key) {
                    Some(holder) if *holder != append.case => {
                        let (key, holder) = (key.clone(), *holder);
                        return Err(StoreError::KeyTaken { key, holder });
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }

    fn apply_terms(&mut self, case: CaseId, terms: Vec<LookupKey>) {
        for term in terms {
            let entry = self.terms.entry(term).or_default();
            if entry.members.insert(case) {
                entry.order.push(case);
            }
        }
    }

    fn apply_keys(&mut self, case: CaseId, keys: Vec<KeyChange>) {
        for change in keys {
            match change {
                KeyChange::Claim(key) => {
                    self.keys.insert(key, case);
                }
                KeyChange::Release(key) => {
                    if self.keys.get(&key) == Some(&case) {
                        self.keys.remove(&key);
                    }
                }
            }
        }
    }
}

impl Store for MemoryStore {
    fn next_number(&self, prefix: &CasePrefix, year: i32) -> Result<u64, StoreError> {
        let mut inner = self.write();
        let next = inner.numbers.entry((prefix.clone(), year)).or_insert(0);
        *next += 1;
        Ok(*next)
    }

    fn append(&self, append: Append) -> Result<(), StoreError> {
        append.check()?;
        let mut inner = self.write();
        let actual = inner.version(append.case);
        if actual != append.expected {
            let (case, expected) = (append.case, append.expected);
            return Err(StoreError::Conflict {
                case,
                expected,
                actual,
            });
        }
        inner.check_keys(&append)?;

        let Append {
            case,
            records,
            summary,
            keys,
            terms,
            ..
        } = append;
        inner.apply_keys(case, keys);
        inner.apply_terms(case, terms);
        inner.index(&summary);
        inner.summaries.insert(case, summary);
        inner.streams.entry(case).or_default().extend(records);
        Ok(())
    }

    fn load(&self, case: CaseId, after: u64) -> Result<Vec<Record>, StoreError> {
        let inner = self.read();
        let Some(stream) = inner.streams.get(&case) else {
            return Ok(Vec::new());
        };
        let skip = usize::try_from(after)
            .unwrap_or(usize::MAX)
            .min(stream.len());
        Ok(stream[skip..].to_vec())
    }

    fn summary(&self, case: CaseId) -> Result<Option<CaseSummary>, StoreError> {
        Ok(self.read().summaries.get(&case).cloned())
    }

    fn list(&self, filter: &CaseFilter, page: Page) -> Result<Vec<CaseSummary>, StoreError> {
        let inner = self.read();
        let rows = inner.rows(filter);
        let matching = rows.into_iter().filter(|s| filter.matches(s));
        Ok(matching
            .skip(page.offset)
            .take(page.limit)
            .cloned()
            .collect())
    }

    fn lookup(&self, key: &LookupKey) -> Result<Option<CaseId>, StoreError> {
        Ok(self.read().keys.get(key).copied())
    }

    fn cases_with(&self, term: &LookupKey, limit: usize) -> Result<Vec<CaseId>, StoreError> {
        let inner = self.read();
        let Some(term) = inner.terms.get(term) else {
            return Ok(Vec::new());
        };
        Ok(term.order.iter().rev().take(limit).copied().collect())
    }

    fn suppress(&self, alert: SuppressedAlert) -> Result<Option<SuppressedAlert>, StoreError> {
        let mut inner = self.write();
        if let Some(&at) = inner.suppressed_records.get(&alert.record) {
            return Ok(Some(inner.suppressed[at].clone()));
        }
        let at = inner.suppressed.len();
        inner.suppressed_records.insert(alert.record.clone(), at);
        inner.suppressed.push(alert);
        Ok(None)
    }

    fn suppressed(
        &self,
        query: &SuppressedQuery,
        page: Page,
    ) -> Result<Vec<SuppressedAlert>, StoreError> {
        let inner = self.read();
        if let SuppressedQuery::Record(record) = query {
            let found = inner.suppressed_records.get(record);
            let found = found.map(|&at| inner.suppressed[at].clone());
            return Ok(found
                .into_iter()
                .skip(page.offset)
                .take(page.limit)
                .collect());
        }
        let matching = inner.suppressed.iter().filter(|a| query.matches(a));
        Ok(matching
            .skip(page.offset)
            .take(page.limit)
            .cloned()
            .collect())
    }
}
