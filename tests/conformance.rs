//! `MemoryStore` passes the `Store` conformance suite, one check per test.

use casefile::MemoryStore;
use casefile::testkit::conformance;

macro_rules! conformance_tests {
    ($($check:ident),* $(,)?) => {
        $(
            #[test]
            fn $check() {
                conformance::$check(&MemoryStore::new());
            }
        )*
    };
}

conformance_tests!(
    creates_a_stream,
    creating_twice_conflicts,
    appends_in_order,
    stale_version_conflicts_and_writes_nothing,
    malformed_appends_write_nothing,
    keys_are_claimed_atomically,
    unknown_cases_read_empty,
    lists_in_order_with_filters_and_pages,
    lists_cases_past_their_checkpoint,
    concurrent_appenders_lose_nothing,
    concurrent_numbers_are_unique,
    terms_list_cases_newest_first,
    suppression_log_holds_each_record_once,
);

/// A backend written before alert ingestion keeps the trait's defaults:
/// they fail with `Unsupported`, and the suite says so.
#[test]
fn defaults_are_unsupported_and_fail_the_suite() {
    use casefile::Store;
    use casefile::store::{Append, CaseFilter, CaseSummary, Page, StoreError};

    struct Old(MemoryStore);

    impl Store for Old {
        fn next_number(&self, p: &casefile::ids::CasePrefix, y: i32) -> Result<u64, StoreError> {
            self.0.next_number(p, y)
        }
        fn append(&self, append: Append) -> Result<(), StoreError> {
            self.0.append(append)
        }
        fn load(
            &self,
            c: casefile::CaseId,
            after: u64,
        ) -> Result<Vec<casefile::audit::Record>, StoreError> {
            self.0.load(c, after)
        }
        fn summary(&self, c: casefile::CaseId) -> Result<Option<CaseSummary>, StoreError> {
            self.0.summary(c)
        }
        fn list(&self, f: &CaseFilter, p: Page) -> Result<Vec<CaseSummary>, StoreError> {
            self.0.list(f, p)
        }
        fn lookup(
            &self,
            k: &casefile::ids::LookupKey,
        ) -> Result<Option<casefile::CaseId>, StoreError> {
            self.0.lookup(k)
        }
    }

    let old = Old(MemoryStore::new());
    let key = casefile::ids::LookupKey::new("k".parse().unwrap(), "v".parse().unwrap());
    let err = old.cases_with(&key, 1).unwrap_err();
    assert_eq!(
        err.to_string(),
        "store backend does not support `cases_with`"
    );
    let outcome = std::panic::catch_unwind(|| {
        conformance::suppression_log_holds_each_record_once(&Old(MemoryStore::new()));
    });
    assert!(outcome.is_err(), "the suite passed a store without a log");
}

#[test]
fn run_all_passes_on_memory_store() {
    conformance::run_all(MemoryStore::new);
}

/// A store that forgets every other append must fail the suite: the suite
/// can tell a broken store from a good one.
#[test]
fn run_all_catches_a_store_that_drops_appends() {
    use std::sync::atomic::{AtomicBool, Ordering};

    use casefile::Store;
    use casefile::store::{Append, CaseFilter, CaseSummary, Page, StoreError};

    #[derive(Default)]
    struct Forgetful {
        inner: MemoryStore,
        skip: AtomicBool,
    }

    impl Store for Forgetful {
        fn next_number(&self, p: &casefile::ids::CasePrefix, y: i32) -> Result<u64, StoreError> {
            self.inner.next_number(p, y)
        }
        fn append(&self, append: Append) -> Result<(), StoreError> {
            if self.skip.fetch_xor(true, Ordering::SeqCst) {
                return Ok(());
            }
            self.inner.append(append)
        }
        fn load(
            &self,
            c: casefile::CaseId,
            after: u64,
        ) -> Result<Vec<casefile::audit::Record>, StoreError> {
            self.inner.load(c, after)
        }
        fn summary(&self, c: casefile::CaseId) -> Result<Option<CaseSummary>, StoreError> {
            self.inner.summary(c)
        }
        fn list(&self, f: &CaseFilter, p: Page) -> Result<Vec<CaseSummary>, StoreError> {
            self.inner.list(f, p)
        }
        fn lookup(
            &self,
            k: &casefile::ids::LookupKey,
        ) -> Result<Option<casefile::CaseId>, StoreError> {
            self.inner.lookup(k)
        }
    }

    let outcome = std::panic::catch_unwind(|| conformance::run_all(Forgetful::default));
    assert!(
        outcome.is_err(),
        "the suite passed a store that drops appends"
    );
}
