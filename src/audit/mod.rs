//! The tamper-evident history: every event of a case is sealed into a
//! SHA-256 hash chain.
//!
//! # The chain
//!
//! Record *i* of a stream stores its event, the hash of record *i − 1*
//! (`prev`) and its own hash:
//!
//! ```text
//! hash_i = SHA-256(hash_{i-1} || canonical(event_i))      hash_0 = GENESIS
//! ```
//!
//! [`GENESIS`] is SHA-256 of the 17 ASCII bytes `casefile.audit.v1`,
//! `d39221053be085d393023e1862251b38a78bb7a9669eabd64f2372249013dda8`. Anyone holding a stream can [`verify`] it and
//! learn the first record that was altered, removed, inserted or reordered.
//! A chain cannot reveal that its newest records were cut off: keep the
//! head elsewhere (sign it, publish it, store it apart) and use
//! [`verify_against`].
//!
//! # The canonical encoding (format version 1)
//!
//! The hash covers a compact binary encoding, not the JSON form, so that it
//! is exact (no whitespace, key order or number formatting to agree on) and
//! fast. Integers are big-endian. Writing `u8`, `u32`, `u64`, `i64` for
//! fixed-width integers:
//!
//! ```text
//! event    = u8 1                      format version
//!            uuid case  u64 seq  time at  actor  option(str) reason  change
//! uuid     = 16 bytes (RFC 9562 byte order)
//! time     = i64 seconds since 1970-01-01T00:00:00Z, u32 nanoseconds
//! str      = u32 byte length, UTF-8 bytes
//! option(x)= u8 0 | u8 1, x
//! set(x)   = u32 count, x... in ascending order
//! map      = u32 count, (str key, str value)... in ascending key order
//! actor    = str "analyst" uuid | str "automation" uuid | str "system"
//! change   = str type, then the fields of that type in declaration order
//! ```
//!
//! The `type` of a change and the values of every enumeration (stage,
//! severity, verdict, ...) are written as their serialized names, such as
//! `status_changed` or `true_positive`; markings as written (`TLP:RED`);
//! case numbers as text (`SOC-2026-000042`); a fact as its kind
//! (`personal_data_breach`) followed by `option(str)` of its obligation or
//! name. The numbers of an `sla_crossed` change are written as `u64` (the
//! cycle) and `u8` (the percent). An old and new value pair is
//! written old first. [`canonical_bytes`] returns the encoding of an event;
//! a golden test pins it.
//!
//! The alert changes (added in format version 1, without changing any
//! earlier encoding) write their fields as follows; a fingerprint is its
//! 32 bytes, a record key and a case number their text:
//!
//! ```text
//! alert_attached = uuid alert  fingerprint  str record  option(str) rule  alert
//! alert_repeated = uuid alert  str record  u64 old_count  u64 new_count
//!                  time old_last_seen  time new_last_seen
//! merged_into    = uuid survivor  str number
//! merged_from    = uuid case  str number  u32 count, (uuid alert, entry)...
//!                  observables  u64 occurrences
//! alert          = str vendor  str product  str finding_id  option(str) record_id
//!                  option(str) correlation_id  option(str) rule  str title
//!                  str description  option(str) severity  option(str) category
//!                  time created_at  option(time) first_seen  option(time) last_seen
//!                  u32 count, (option(str) tactic id, option(str) technique,
//!                              option(str) version)...
//!                  observables  u32 count, (option(str) uid, option(str) name,
//!                                            option(str) type)...
//!                  option(str) raw
//! observables    = u32 count, (str kind, option(str) algorithm, str value)...
//! entry          = fingerprint  str record  str title  option(str) severity
//!                  time first_seen  time last_seen  u64 occurrences  option(str) rule
//! ```

mod canonical;
mod chain;
mod digest;
mod record;
mod verify;

pub(crate) use canonical::encode_alert;
pub use chain::Chain;
pub use digest::Digest;
pub use record::{Record, canonical_bytes};
pub use verify::{Tamper, Verified, VerifyError, verify, verify_against, verify_case, verify_from};

/// The `prev` of the first record of every stream: SHA-256 of the ASCII
/// bytes `casefile.audit.v1`.
pub const GENESIS: Digest = Digest::from_bytes([
    0xd3, 0x92, 0x21, 0x05, 0x3b, 0xe0, 0x85, 0xd3, 0x93, 0x02, 0x3e, 0x18, 0x62, 0x25, 0x1b, 0x38,
    0xa7, 0x8b, 0xb7, 0xa9, 0x66, 0x9e, 0xab, 0xd6, 0x4f, 0x23, 0x72, 0x24, 0x90, 0x13, 0xdd, 0xa8,
]);

#[cfg(test)]
mod tests {
    use sha2::{Digest as _, Sha256};

    use super::GENESIS;

    #[test]
    fn genesis_is_the_hash_of_its_documented_text() {
        let expected: [u8; 32] = Sha256::digest(b"casefile.audit.v1").into();
        assert_eq!(GENESIS.as_bytes(), &expected);
        assert_eq!(
            GENESIS.to_string(),
            "d39221053be085d393023e1862251b38a78bb7a9669eabd64f2372249013dda8"
        );
    }
}
