use super::record::hash_event;
use super::{Digest, GENESIS, Record};
use crate::case::Event;

/// Seals events into records, one after another, from a known head.
///
/// ```
/// # use casefile::audit::{Chain, GENESIS, verify};
/// # fn events() -> Vec<casefile::case::Event> { Vec::new() }
/// let mut chain = Chain::new();
/// let records: Vec<_> = events().into_iter().map(|e| chain.seal(e)).collect();
/// assert_eq!(verify(&records).map(|v| v.head), Ok(if records.is_empty() { GENESIS } else { chain.head() }));
/// ```
#[derive(Clone, Debug)]
pub struct Chain {
    head: Digest,
    buf: Vec<u8>,
}

impl Chain {
    /// A chain for a new stream, starting at [`GENESIS`].
    pub fn new() -> Self {
        Self::resume(GENESIS)
    }

    /// A chain that continues after the record whose hash is `head`.
    pub fn resume(head: Digest) -> Self {
        Self {
            head,
            buf: Vec::with_capacity(512),
        }
    }

    /// The hash of the last record sealed (or the starting head).
    pub fn head(&self) -> Digest {
        self.head
    }

    /// Seals the next event.
    pub fn seal(&mut self, event: Event) -> Record {
        let prev = self.head;
        let hash = hash_event(&prev, &event, &mut self.buf);
        self.head = hash;
        Record { event, prev, hash }
    }
}

impl Default for Chain {
    fn default() -> Self {
        Self::new()
    }
}
