//! The desk's memo of folded cases, so that loading a case it has seen
//! reads and folds only the records appended since.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use crate::audit::Digest;
use crate::case::Case;
use crate::ids::CaseId;

/// How many folded cases the memo keeps before it starts over.
const LIMIT: usize = 4_096;

/// Folded cases by id, each with the hash of its last record. The store
/// stays the source of truth: a memo entry is only a starting point, and
/// every load still asks the store for the records after it.
#[derive(Debug, Default)]
pub(crate) struct Folds {
    entries: Mutex<HashMap<CaseId, (Case, Digest)>>,
}

impl Folds {
    pub(crate) fn get(&self, case: CaseId) -> Option<(Case, Digest)> {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        entries.get(&case).cloned()
    }

    pub(crate) fn put(&self, case: &Case, head: Digest) {
        let mut entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.len() >= LIMIT && !entries.contains_key(&case.id) {
            entries.clear();
        }
        let newer = entries
            .get(&case.id)
            .is_none_or(|(held, _)| held.version < case.version);
        if newer {
            entries.insert(case.id, (case.clone(), head));
        }
    }
}
