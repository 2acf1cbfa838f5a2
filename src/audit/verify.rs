use std::fmt;

use super::{Digest, GENESIS, Record};
use crate::ids::CaseId;

/// What a successful verification established.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Verified {
    /// How many records were checked.
    pub records: usize,
    /// The hash of the last record (the head to anchor elsewhere).
    pub head: Digest,
}

/// The first place where a stream stops being a valid chain.
///
/// Treat it as evidence of tampering or corruption: keep the stream as it
/// is and investigate; do not repair it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{tamper} at position {position}: expected record #{seq}")]
#[non_exhaustive]
pub struct VerifyError {
    /// The index, in the slice given, of the first record at fault (for a
    /// removal: where the missing record should be).
    pub position: usize,
    /// The sequence number expected at that position.
    pub seq: u64,
    /// What is wrong there.
    pub tamper: Tamper,
}

/// What verification found wrong with a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Tamper {
    /// The record's content no longer matches its hash, or it was rewritten
    /// and re-hashed so that its successor no longer chains to it.
    Altered,
    /// The record expected here is absent from the stream.
    Removed,
    /// The record does not belong here: another case's record, or a second
    /// record with a sequence number already seen.
    Inserted,
    /// The record expected here appears later in the stream.
    Reordered,
}

impl fmt::Display for Tamper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Altered => "altered record",
            Self::Removed => "removed record",
            Self::Inserted => "inserted record",
            Self::Reordered => "reordered record",
        })
    }
}

/// Verifies a whole stream, from its first record (`seq` 1, chained to
/// [`GENESIS`]).
///
/// # Errors
///
/// [`VerifyError`] naming the first record that was altered, removed,
/// inserted or reordered. A stream whose newest records were cut off
/// verifies; use [`verify_against`] with an anchored head to detect that.
pub fn verify(records: &[Record]) -> Result<Verified, VerifyError> {
    verify_from(GENESIS, 1, records)
}

/// Verifies a stream and checks that it ends at `head`, a hash kept
/// elsewhere (signed, published, or stored apart from the stream).
///
/// # Errors
///
/// As [`verify`]; and [`Tamper::Removed`] at the end of the slice when the
/// stream stops short of `head` (which is also what a rewritten and
/// re-hashed last record looks like: a head alone cannot tell the two
/// apart), or [`Tamper::Inserted`] just after the
/// anchored record when records follow it.
pub fn verify_against(records: &[Record], head: &Digest) -> Result<Verified, VerifyError> {
    let verified = verify(records)?;
    if verified.head == *head {
        return Ok(verified);
    }
    let anchored = records.iter().position(|r| r.hash == *head);
    let (position, tamper) = match anchored {
        Some(at) => (at + 1, Tamper::Inserted),
        None => (records.len(), Tamper::Removed),
    };
    Err(VerifyError {
        position,
        seq: position as u64 + 1,
        tamper,
    })
}

/// Verifies the whole stream of `case`. Unlike [`verify`], which takes the
/// stream's case from its first record, this also reports a record of
/// another case at the head of the stream as [`Tamper::Inserted`].
///
/// # Errors
///
/// As [`verify`].
pub fn verify_case(case: CaseId, records: &[Record]) -> Result<Verified, VerifyError> {
    check_chain(case, GENESIS, 1, records)
}

/// Verifies records that continue a stream after the record whose hash is
/// `prev`, starting at sequence number `first_seq`.
///
/// # Errors
///
/// As [`verify`].
pub fn verify_from(
    prev: Digest,
    first_seq: u64,
    records: &[Record],
) -> Result<Verified, VerifyError> {
    let Some(first) = records.first() else {
        return Ok(Verified {
            records: 0,
            head: prev,
        });
    };
    check_chain(first.event.case, prev, first_seq, records)
}

fn check_chain(
    case: CaseId,
    prev: Digest,
    first_seq: u64,
    records: &[Record],
) -> Result<Verified, VerifyError> {
    let mut buf = Vec::with_capacity(512);
    let mut running = prev;
    for (position, record) in records.iter().enumerate() {
        let seq = first_seq + position as u64;
        let fail = |position, tamper| {
            Err(VerifyError {
                position,
                seq,
                tamper,
            })
        };
        if record.event.case != case || record.event.seq < seq {
            return fail(position, Tamper::Inserted);
        }
        if record.event.seq > seq {
            let later = records[position..].iter().any(|r| r.event.seq == seq);
            return fail(
                position,
                if later {
                    Tamper::Reordered
                } else {
                    Tamper::Removed
                },
            );
        }
        if record.compute_hash(&mut buf) != record.hash {
            return fail(position, Tamper::Altered);
        }
        if record.prev != running {
            let at = position.saturating_sub(1);
            return Err(VerifyError {
                position: at,
                seq: first_seq + at as u64,
                tamper: Tamper::Altered,
            });
        }
        running = record.hash;
    }
    Ok(Verified {
        records: records.len(),
        head: running,
    })
}
