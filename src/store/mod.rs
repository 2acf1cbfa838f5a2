//! The storage port: event streams, a summary row per case and lookup keys,
//! behind one small synchronous trait.
//!
//! Hosts implement [`Store`] for their database; [`MemoryStore`] is the
//! reference implementation. Every implementation should run the
//! conformance suite in `casefile::testkit` (cargo feature `testkit`)
//! against itself.

mod error;
mod memory;
mod summary;
mod suppressed;

use crate::audit::Record;
use crate::ids::{CaseId, CasePrefix, LookupKey};

pub use error::StoreError;
pub use memory::MemoryStore;
pub use summary::{CaseFilter, CaseSummary, Page};
pub use suppressed::{SuppressedAlert, SuppressedQuery};

/// Persists case streams, summary rows and lookup keys.
///
/// The trait is synchronous and object-safe: the desk holds it as
/// `Arc<dyn Store>`. Hosts with an async database use the pure core
/// (`Case::decide`, `Case::apply`, `audit::Chain`) around their own
/// persistence instead; see the crate docs.
///
/// # Contract
///
/// - **Streams.** A stream is the ordered list of [`Record`]s of one case,
///   numbered from 1 by `event.seq` with no gaps. Its version is the `seq`
///   of its last record (0 for a stream that does not exist).
/// - **Appends are atomic.** [`append`](Store::append) writes all of its
///   records, the summary row and the key changes, or none of them. A
///   reader never sees records without their summary, or a key pointing at
///   a stream that does not exist.
/// - **Optimistic concurrency.** An append names the version it was
///   decided against (`expected`; 0 creates the stream). If the stream is
///   at any other version, the append fails with
///   [`StoreError::Conflict`] and writes nothing. Of several concurrent
///   appends at the same version exactly one succeeds.
/// - **Well-formed appends.** The records are non-empty, all of
///   `append.case`, numbered `expected + 1, expected + 2, ...`, and the
///   summary is of that case at the last record's version. Anything else
///   fails with [`StoreError::InvalidAppend`] and writes nothing. The store
///   need not check hashes; [`audit::verify`](crate::audit::verify) does.
/// - **Keys.** A key maps to at most one case. Claiming a key held by
///   another case fails the whole append with [`StoreError::KeyTaken`];
///   claiming a key the case already holds is a no-op; releasing a key the
///   case does not hold is a no-op.
/// - **Index terms.** An append may add index terms: unlike keys, a term
///   lists many cases. [`cases_with`](Store::cases_with) returns the cases
///   of a term, the most recently added first; adding a term a case
///   already has changes nothing. Terms are written atomically with the
///   append and are never removed.
/// - **Suppression log.** [`suppress`](Store::suppress) records an alert
///   that opened no case, at most once per record key, atomically;
///   [`suppressed`](Store::suppressed) reads the log in the order it was
///   written.
/// - **Alert ingestion** needs the index and the log. Their methods have
///   defaults that fail with [`StoreError::Unsupported`], so a backend
///   written before them still builds; the desk's `ingest`, `merge` and
///   `similar` then fail with that error, and the conformance suite fails
///   until the backend implements them.
/// - **Reads** return what was committed: [`load`](Store::load) the
///   records after a version in `seq` order, [`summary`](Store::summary)
///   the latest row, [`list`](Store::list) matching rows ordered by
///   `opened_at` then case id.
/// - **Filters** mean what [`CaseFilter::matches`] says. The SLA sweep
///   lists cases with [`CaseFilter::checkpoint_by`]; index
///   `next_checkpoint` so that the sweep does not scan every row.
/// - **Case numbers.** [`next_number`](Store::next_number) never returns
///   the same number twice for a prefix and year, even to concurrent
///   callers. Numbers of failed openings are not reused, so gaps are
///   possible.
/// - **Thread safety.** Every method may be called from several threads at
///   once.
pub trait Store: Send + Sync {
    /// Allocates the next case number sequence (from 1) for a prefix and
    /// year.
    ///
    /// # Errors
    ///
    /// [`StoreError::Backend`] when the backend fails.
    fn next_number(&self, prefix: &CasePrefix, year: i32) -> Result<u64, StoreError>;

    /// Appends records, replaces the summary row and applies key changes,
    /// atomically, if the stream is at `append.expected`.
    ///
    /// # Errors
    ///
    /// [`StoreError::Conflict`] at another version,
    /// [`StoreError::KeyTaken`] when a claimed key is held by another case,
    /// [`StoreError::InvalidAppend`] for a malformed append,
    /// [`StoreError::Backend`] when the backend fails. Nothing is written.
    fn append(&self, append: Append) -> Result<(), StoreError>;

    /// The records of a case with `seq` greater than `after`, in order.
    /// Empty if the case does not exist.
    ///
    /// # Errors
    ///
    /// [`StoreError::Backend`] when the backend fails,
    /// [`StoreError::Corrupt`] when stored data cannot be read.
    fn load(&self, case: CaseId, after: u64) -> Result<Vec<Record>, StoreError>;

    /// The summary row of a case, if it exists.
    ///
    /// # Errors
    ///
    /// [`StoreError::Backend`] when the backend fails,
    /// [`StoreError::Corrupt`] when stored data cannot be read.
    fn summary(&self, case: CaseId) -> Result<Option<CaseSummary>, StoreError>;

    /// The summary rows that pass `filter`, ordered by opening time then
    /// case id, windowed by `page`.
    ///
    /// # Errors
    ///
    /// [`StoreError::Backend`] when the backend fails,
    /// [`StoreError::Corrupt`] when stored data cannot be read.
    fn list(&self, filter: &CaseFilter, page: Page) -> Result<Vec<CaseSummary>, StoreError>;

    /// The case holding a lookup key, if any.
    ///
    /// # Errors
    ///
    /// [`StoreError::Backend`] when the backend fails,
    /// [`StoreError::Corrupt`] when stored data cannot be read.
    fn lookup(&self, key: &LookupKey) -> Result<Option<CaseId>, StoreError>;

    /// The cases indexed under `term`, the most recently indexed first, at
    /// most `limit` of them.
    ///
    /// # Errors
    ///
    /// [`StoreError::Backend`] when the backend fails;
    /// [`StoreError::Unsupported`] from a backend without an index (the
    /// default).
    fn cases_with(&self, term: &LookupKey, limit: usize) -> Result<Vec<CaseId>, StoreError> {
        let _ = (term, limit);
        Err(StoreError::Unsupported {
            operation: "cases_with",
        })
    }

    /// Records a suppressed alert, unless the log holds one with the same
    /// record key: then nothing is written and that one is returned.
    ///
    /// # Errors
    ///
    /// [`StoreError::Backend`] when the backend fails; nothing is written.
    /// [`StoreError::Unsupported`] from a backend without a suppression log
    /// (the default).
    fn suppress(&self, alert: SuppressedAlert) -> Result<Option<SuppressedAlert>, StoreError> {
        let _ = alert;
        Err(StoreError::Unsupported {
            operation: "suppress",
        })
    }

    /// The suppressed alerts that answer `query`, in the order they were
    /// recorded, windowed by `page`.
    ///
    /// # Errors
    ///
    /// [`StoreError::Backend`] when the backend fails;
    /// [`StoreError::Unsupported`] from a backend without a suppression log
    /// (the default).
    fn suppressed(
        &self,
        query: &SuppressedQuery,
        page: Page,
    ) -> Result<Vec<SuppressedAlert>, StoreError> {
        let _ = (query, page);
        Err(StoreError::Unsupported {
            operation: "suppressed",
        })
    }
}

/// Conveniences over any [`Store`].
pub trait StoreExt: Store {
    /// The whole stream of a case; empty if it does not exist.
    ///
    /// # Errors
    ///
    /// As [`Store::load`].
    fn load_all(&self, case: CaseId) -> Result<Vec<Record>, StoreError> {
        self.load(case, 0)
    }

    /// Whether the case exists.
    ///
    /// # Errors
    ///
    /// As [`Store::summary`].
    fn exists(&self, case: CaseId) -> Result<bool, StoreError> {
        Ok(self.summary(case)?.is_some())
    }
}

impl<S: Store + ?Sized> StoreExt for S {}

/// One atomic write: records to append, the new summary row, key changes.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Append {
    /// The case.
    pub case: CaseId,
    /// The version the records were decided against (0 to create).
    pub expected: u64,
    /// The records, numbered from `expected + 1`.
    pub records: Vec<Record>,
    /// The summary row after the records.
    pub summary: CaseSummary,
    /// Lookup keys to claim or release.
    pub keys: Vec<KeyChange>,
    /// Index terms to add the case to.
    pub terms: Vec<LookupKey>,
}

impl Append {
    /// An append without key changes.
    pub fn new(case: CaseId, expected: u64, records: Vec<Record>, summary: CaseSummary) -> Self {
        Self {
            case,
            expected,
            records,
            summary,
            keys: Vec::new(),
            terms: Vec::new(),
        }
    }

    /// Adds an index term.
    #[must_use]
    pub fn term(mut self, term: LookupKey) -> Self {
        self.terms.push(term);
        self
    }

    /// Adds a key change.
    #[must_use]
    pub fn key(mut self, change: KeyChange) -> Self {
        self.keys.push(change);
        self
    }

    /// Checks the shape the [`Store`] contract requires, for backends to
    /// call before writing.
    ///
    /// # Errors
    ///
    /// [`StoreError::InvalidAppend`] naming the problem.
    pub fn check(&self) -> Result<(), StoreError> {
        let problem = self.problem();
        problem.map_or(Ok(()), |problem| {
            Err(StoreError::InvalidAppend {
                case: self.case,
                problem,
            })
        })
    }

    fn problem(&self) -> Option<&'static str> {
        let Some(last) = self.records.last() else {
            return Some("append has no records");
        };
        let numbered = self
            .records
            .iter()
            .zip(self.expected + 1..)
            .all(|(r, seq)| r.event.case == self.case && r.event.seq == seq);
        if !numbered {
            return Some(
                "records are not numbered from the expected version on, or belong to another case",
            );
        }
        if self.summary.id != self.case || self.summary.version != last.event.seq {
            return Some("summary is not of the case at the last record's version");
        }
        None
    }

    /// The version after the append.
    pub fn version(&self) -> u64 {
        self.records.last().map_or(self.expected, |r| r.event.seq)
    }
}

/// A change to the lookup keys of a case.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KeyChange {
    /// Map the key to the case; fails if another case holds it.
    Claim(LookupKey),
    /// Remove the key, if the case holds it.
    Release(LookupKey),
}
