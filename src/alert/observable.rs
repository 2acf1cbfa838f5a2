use std::fmt;
use std::net::IpAddr;

use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, EnumString, IntoStaticStr};

use super::AlertError;

/// What kind of thing an [`Observable`] names.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumIter,
    IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum ObservableKind {
    /// An IPv4 or IPv6 address.
    Ip,
    /// A DNS domain.
    Domain,
    /// A URL.
    Url,
    /// A host name.
    Hostname,
    /// A user name or account.
    User,
    /// An email address.
    Email,
    /// The hash of a file, with its algorithm.
    FileHash,
    /// A process, by name or command line.
    Process,
    /// Anything else (a resource id, a port, a registry key).
    Other,
}

/// The algorithm of a file hash.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    EnumIter,
    IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum HashAlgorithm {
    /// MD5: 32 hex digits.
    Md5,
    /// SHA-1: 40 hex digits.
    Sha1,
    /// SHA-256: 64 hex digits.
    Sha256,
    /// SHA-512: 128 hex digits.
    Sha512,
}

impl HashAlgorithm {
    /// How many hex digits a hash of this algorithm has.
    pub const fn hex_len(self) -> usize {
        match self {
            Self::Md5 => 32,
            Self::Sha1 => 40,
            Self::Sha256 => 64,
            Self::Sha512 => 128,
        }
    }

    /// The algorithm whose hashes have `len` hex digits.
    pub const fn from_hex_len(len: usize) -> Option<Self> {
        match len {
            32 => Some(Self::Md5),
            40 => Some(Self::Sha1),
            64 => Some(Self::Sha256),
            128 => Some(Self::Sha512),
            _ => None,
        }
    }
}

/// An entity an alert names: an address, a host, a user, a file hash.
///
/// Values are normalised when built, so that the same entity from two
/// producers compares equal: IP addresses in their canonical text form,
/// domains, host names and email addresses in lowercase without a trailing
/// dot, file hashes in lowercase hex. Other kinds are kept as given
/// (trimmed). A value is 1 to 4,096 characters on one line.
///
/// ```
/// use casefile::alert::{HashAlgorithm, Observable, ObservableKind};
/// let host = Observable::new(ObservableKind::Hostname, "FIN-LT-0042.corp.example.")?;
/// assert_eq!(host.value(), "fin-lt-0042.corp.example");
/// let hash = Observable::new(ObservableKind::FileHash, &"AB".repeat(32))?;
/// assert_eq!(hash.algorithm(), Some(HashAlgorithm::Sha256));
/// # Ok::<(), casefile::alert::AlertError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "ObservableData", into = "ObservableData")]
pub struct Observable {
    kind: ObservableKind,
    algorithm: Option<HashAlgorithm>,
    value: String,
}

/// The serialized form of an [`Observable`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ObservableData {
    kind: ObservableKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    algorithm: Option<HashAlgorithm>,
    value: String,
}

impl Observable {
    /// The most characters a value may hold.
    pub const MAX_CHARS: usize = 4_096;

    /// Validates and normalises a value of a kind. A file hash's algorithm
    /// is read from its length.
    ///
    /// # Errors
    ///
    /// [`AlertError::Observable`] when the value is empty, too long, on
    /// several lines, or not of the kind's shape.
    pub fn new(kind: ObservableKind, value: &str) -> Result<Self, AlertError> {
        let value = value.trim();
        let bad = |expected| AlertError::Observable { kind, expected };
        if value.is_empty() || value.chars().count() > Self::MAX_CHARS {
            return Err(bad("1 to 4096 characters"));
        }
        if value.chars().any(char::is_control) {
            return Err(bad("one line without control characters"));
        }
        let (algorithm, value) = match kind {
            ObservableKind::Ip => {
                let ip: IpAddr = value.parse().map_err(|_| bad("an IPv4 or IPv6 address"))?;
                (None, ip.to_string())
            }
            ObservableKind::Domain | ObservableKind::Hostname => {
                let name = value.trim_end_matches('.').to_ascii_lowercase();
                if name.is_empty() || name.contains(char::is_whitespace) {
                    return Err(bad("a name without spaces"));
                }
                (None, name)
            }
            ObservableKind::Email => {
                let email = value.to_lowercase();
                if !email.contains('@') || email.contains(char::is_whitespace) {
                    return Err(bad("an address with `@` and no spaces"));
                }
                (None, email)
            }
            ObservableKind::FileHash => {
                let algorithm = HashAlgorithm::from_hex_len(value.len());
                let algorithm = algorithm.ok_or_else(|| bad("32, 40, 64 or 128 hex digits"))?;
                return Self::file_hash(algorithm, value);
            }
            _ => (None, value.to_owned()),
        };
        Ok(Self {
            kind,
            algorithm,
            value,
        })
    }

    /// A file hash of a known algorithm.
    ///
    /// # Errors
    ///
    /// [`AlertError::Observable`] when the value is not hex of the
    /// algorithm's length.
    pub fn file_hash(algorithm: HashAlgorithm, value: &str) -> Result<Self, AlertError> {
        let value = value.trim();
        let hex =
            value.len() == algorithm.hex_len() && value.bytes().all(|b| b.is_ascii_hexdigit());
        if !hex {
            return Err(AlertError::Observable {
                kind: ObservableKind::FileHash,
                expected: "hex digits of the algorithm's length",
            });
        }
        Ok(Self {
            kind: ObservableKind::FileHash,
            algorithm: Some(algorithm),
            value: value.to_ascii_lowercase(),
        })
    }

    /// An IP address.
    pub fn ip(ip: IpAddr) -> Self {
        Self {
            kind: ObservableKind::Ip,
            algorithm: None,
            value: ip.to_string(),
        }
    }

    /// Its kind.
    pub fn kind(&self) -> ObservableKind {
        self.kind
    }

    /// The algorithm of a file hash; `None` for every other kind.
    pub fn algorithm(&self) -> Option<HashAlgorithm> {
        self.algorithm
    }

    /// The normalised value.
    pub fn value(&self) -> &str {
        &self.value
    }
}

/// `kind:value`, or `file_hash:algorithm:value`.
impl fmt::Display for Observable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.algorithm {
            Some(a) => write!(f, "{}:{a}:{}", self.kind, self.value),
            None => write!(f, "{}:{}", self.kind, self.value),
        }
    }
}

impl TryFrom<ObservableData> for Observable {
    type Error = AlertError;

    fn try_from(d: ObservableData) -> Result<Self, Self::Error> {
        match d.algorithm {
            Some(algorithm) if d.kind == ObservableKind::FileHash => {
                Self::file_hash(algorithm, &d.value)
            }
            Some(_) => Err(AlertError::Observable {
                kind: d.kind,
                expected: "no algorithm (only file hashes have one)",
            }),
            None => Self::new(d.kind, &d.value),
        }
    }
}

impl From<Observable> for ObservableData {
    fn from(o: Observable) -> Self {
        Self {
            kind: o.kind,
            algorithm: o.algorithm,
            value: o.value,
        }
    }
}

impl Observable {
    /// The index term kind under which the store lists the cases that hold
    /// an observable.
    pub const TERM_KIND: &'static str = "alert-observable";

    /// The store's index term for this observable: its display form, or
    /// `kind:sha256:` and the SHA-256 of it when that is longer than a
    /// key value may be.
    pub fn term(&self) -> crate::ids::LookupKey {
        let kind = crate::text::KeyKind(Self::TERM_KIND.to_owned());
        crate::ids::LookupKey::new(kind, crate::text::KeyValue(bounded_key(self.to_string())))
    }
}

/// `text` if it fits in a key value, else its kind prefix (up to the first
/// `:`) and the SHA-256 of the whole text.
pub(super) fn bounded_key(text: String) -> String {
    use sha2::{Digest as _, Sha256};
    if text.chars().count() <= crate::text::KeyValue::MAX_CHARS && !text.contains(char::is_control)
    {
        return text;
    }
    let kind = text.split(':').next().unwrap_or_default();
    format!(
        "{kind}:sha256:{}",
        hex::encode(Sha256::digest(text.as_bytes()))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_normalised_per_kind() {
        let ip = Observable::new(ObservableKind::Ip, " 2001:DB8::0001 ").unwrap();
        assert_eq!(ip.value(), "2001:db8::1");
        let mail = Observable::new(ObservableKind::Email, "Alice@Example.COM").unwrap();
        assert_eq!(mail.value(), "alice@example.com");
        let user = Observable::new(ObservableKind::User, "CORP\\Alice").unwrap();
        assert_eq!(user.value(), "CORP\\Alice");
    }

    #[test]
    fn malformed_values_name_the_kind() {
        let err = Observable::new(ObservableKind::Ip, "10.0.0.300").unwrap_err();
        assert_eq!(
            err.to_string(),
            "observable of kind `ip` is not valid: expected an IPv4 or IPv6 address"
        );
        assert!(Observable::new(ObservableKind::FileHash, "abc").is_err());
        assert!(Observable::file_hash(HashAlgorithm::Md5, &"g".repeat(32)).is_err());
        assert!(Observable::new(ObservableKind::Other, "a\nb").is_err());
    }

    #[test]
    fn serde_validates_and_keeps_the_algorithm() {
        let hash = Observable::file_hash(HashAlgorithm::Sha1, &"A".repeat(40)).unwrap();
        let json = serde_json::to_string(&hash).unwrap();
        assert_eq!(
            json,
            format!(
                r#"{{"kind":"file_hash","algorithm":"sha1","value":"{}"}}"#,
                "a".repeat(40)
            )
        );
        assert_eq!(serde_json::from_str::<Observable>(&json).unwrap(), hash);
        let bad = r#"{"kind":"ip","algorithm":"md5","value":"10.0.0.1"}"#;
        assert!(serde_json::from_str::<Observable>(bad).is_err());
    }
}
