use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::Digest;
use super::canonical::encode_event;
use crate::case::Event;

/// An event as stored: sealed into its case's hash chain.
///
/// `hash = SHA-256(prev || canonical(event))`, where `prev` is the hash of
/// the record before it (or [`GENESIS`](super::GENESIS) for the first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The event.
    pub event: Event,
    /// The hash of the previous record.
    pub prev: Digest,
    /// The hash of this record.
    pub hash: Digest,
}

impl Record {
    /// Recomputes this record's hash from its `prev` and its event, using
    /// `buf` as scratch space for the canonical encoding.
    pub fn compute_hash(&self, buf: &mut Vec<u8>) -> Digest {
        hash_event(&self.prev, &self.event, buf)
    }
}

/// `SHA-256(prev || canonical(event))`.
pub(crate) fn hash_event(prev: &Digest, event: &Event, buf: &mut Vec<u8>) -> Digest {
    encode_event(event, buf);
    let mut hasher = Sha256::new();
    hasher.update(prev.as_bytes());
    hasher.update(buf.as_slice());
    Digest::from_bytes(hasher.finalize().into())
}

/// The canonical encoding of an event, as hashed by the chain: for
/// inspection, tests and independent verifiers.
pub fn canonical_bytes(event: &Event) -> Vec<u8> {
    let mut buf = Vec::new();
    encode_event(event, &mut buf);
    buf
}
