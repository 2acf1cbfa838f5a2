//! Identifiers: UUID v7 newtypes, human case numbers and the id source.
//!
//! Every id is its own type, so a [`CaseId`] can never be passed where an
//! [`AnalystId`] is expected. New ids come from an [`IdSource`] that the
//! orchestrator owns; domain code never draws them itself.

use std::fmt;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::text::{KeyKind, KeyValue, TextError};

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(Uuid);

        impl $name {
            /// Wraps a UUID.
            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            /// The UUID inside.
            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }

            /// Draws a fresh id from `ids`.
            pub fn generate(ids: &dyn IdSource) -> Self {
                Self(ids.next_uuid())
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

uuid_id!(
    /// Identifies a case for its whole life; never reused.
    CaseId
);
uuid_id!(
    /// Identifies an alert received from a detection tool.
    AlertId
);
uuid_id!(
    /// Identifies an analyst: a person who can own cases.
    AnalystId
);
uuid_id!(
    /// Identifies an automation (a SOAR playbook, a bot, an integration).
    AutomationId
);
uuid_id!(
    /// Identifies a team: a queue that cases can be routed to.
    TeamId
);
uuid_id!(
    /// Identifies an item of evidence.
    EvidenceId
);

/// A source of new UUIDs, owned by the orchestrator.
///
/// Production code uses [`UuidV7Source`]; tests use [`SequentialIds`] so that
/// every id, and therefore every recorded hash, is the same on every run.
pub trait IdSource: Send + Sync {
    /// Returns a UUID never returned before by this source.
    fn next_uuid(&self) -> Uuid;
}

/// Draws time-ordered UUID v7 values from the system clock and randomness.
#[derive(Clone, Copy, Debug, Default)]
pub struct UuidV7Source;

impl IdSource for UuidV7Source {
    fn next_uuid(&self) -> Uuid {
        Uuid::now_v7()
    }
}

/// A deterministic id source: `00000000-0000-7000-8000-000000000001`, then
/// `…002`, and so on. Thread-safe; meant for tests and examples.
#[derive(Debug, Default)]
pub struct SequentialIds {
    next: AtomicU64,
}

impl SequentialIds {
    /// A source whose first id ends in `1`.
    pub fn new() -> Self {
        Self::default()
    }
}

impl IdSource for SequentialIds {
    fn next_uuid(&self) -> Uuid {
        let n = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        let bits = (0x7000_u128 << 64) | (0x8000_0000_0000_0000_u128) | u128::from(n);
        Uuid::from_u128(bits)
    }
}

/// The prefix of human case numbers, such as `SOC` in `SOC-2026-000042`.
///
/// Two to ten ASCII capital letters or digits, starting with a letter.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CasePrefix(String);

impl CasePrefix {
    /// Validates a prefix.
    ///
    /// # Errors
    ///
    /// [`TextError`] when the prefix is not two to ten capital letters or
    /// digits starting with a letter.
    pub fn new(prefix: impl Into<String>) -> Result<Self, TextError> {
        let prefix = prefix.into();
        let valid = (2..=10).contains(&prefix.len())
            && prefix.starts_with(|c: char| c.is_ascii_uppercase())
            && prefix
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if valid {
            Ok(Self(prefix))
        } else {
            Err(TextError::invalid(
                "case prefix",
                "two to ten capital letters or digits",
            ))
        }
    }

    /// The prefix as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for CasePrefix {
    fn default() -> Self {
        Self("SOC".to_owned())
    }
}

impl TryFrom<String> for CasePrefix {
    type Error = TextError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<CasePrefix> for String {
    fn from(value: CasePrefix) -> Self {
        value.0
    }
}

impl fmt::Display for CasePrefix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A human case number such as `SOC-2026-000042`: prefix, year and a
/// sequence that the store allocates per prefix and year.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CaseNumber {
    prefix: CasePrefix,
    year: u16,
    sequence: u64,
}

impl CaseNumber {
    /// Builds a case number.
    ///
    /// # Errors
    ///
    /// [`TextError`] when the year is outside 1000..=9999 or the sequence is 0.
    pub fn new(prefix: CasePrefix, year: i32, sequence: u64) -> Result<Self, TextError> {
        let year = u16::try_from(year)
            .ok()
            .filter(|y| (1000..=9999).contains(y))
            .ok_or_else(|| TextError::invalid("case number", "a four-digit year"))?;
        if sequence == 0 {
            return Err(TextError::invalid(
                "case number",
                "a sequence of at least 1",
            ));
        }
        Ok(Self {
            prefix,
            year,
            sequence,
        })
    }

    /// The prefix, such as `SOC`.
    pub fn prefix(&self) -> &CasePrefix {
        &self.prefix
    }

    /// The year the case was opened in.
    pub fn year(&self) -> i32 {
        i32::from(self.year)
    }

    /// The sequence within prefix and year, starting at 1.
    pub fn sequence(&self) -> u64 {
        self.sequence
    }
}

impl fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{:06}", self.prefix, self.year, self.sequence)
    }
}

impl FromStr for CaseNumber {
    type Err = TextError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || TextError::invalid("case number", "`PREFIX-YYYY-NNNNNN`");
        let mut parts = s.splitn(3, '-');
        let (Some(prefix), Some(year), Some(sequence)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        if year.len() != 4 || !digits(year) || sequence.len() < 6 || !digits(sequence) {
            return Err(bad());
        }
        let year = year.parse().map_err(|_| bad())?;
        let sequence = sequence.parse().map_err(|_| bad())?;
        Self::new(CasePrefix::new(prefix)?, year, sequence)
    }
}

impl TryFrom<String> for CaseNumber {
    type Error = TextError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<CaseNumber> for String {
    fn from(value: CaseNumber) -> Self {
        value.to_string()
    }
}

/// A key under which the store finds a case, such as an alert fingerprint
/// or a ticket number in another system.
///
/// The store maps each key to at most one case; claiming a key that another
/// case holds fails atomically.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LookupKey {
    /// What the key identifies.
    pub kind: KeyKind,
    /// The key itself.
    pub value: KeyValue,
}

impl LookupKey {
    /// A key of a kind.
    pub fn new(kind: KeyKind, value: KeyValue) -> Self {
        Self { kind, value }
    }
}

impl fmt::Display for LookupKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.kind, self.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_number_round_trips_through_text() {
        let number = CaseNumber::new(CasePrefix::default(), 2026, 42).unwrap();
        assert_eq!(number.to_string(), "SOC-2026-000042");
        assert_eq!("SOC-2026-000042".parse::<CaseNumber>().unwrap(), number);
        assert_eq!(
            "IR-2026-1234567".parse::<CaseNumber>().unwrap().sequence(),
            1_234_567
        );
    }

    #[test]
    fn malformed_case_numbers_are_rejected() {
        for bad in [
            "",
            "SOC",
            "SOC-26-000001",
            "soc-2026-000001",
            "SOC-2026-000000",
            "SOC-2026-12",
        ] {
            assert!(bad.parse::<CaseNumber>().is_err(), "{bad}");
        }
    }

    #[test]
    fn sequential_ids_are_deterministic_v7_shaped() {
        let ids = SequentialIds::new();
        let first = ids.next_uuid();
        assert_eq!(first.to_string(), "00000000-0000-7000-8000-000000000001");
        assert_eq!(first.get_version_num(), 7);
        assert_ne!(ids.next_uuid(), first);
    }
}
