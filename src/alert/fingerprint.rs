use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use strum::{Display, EnumIter, EnumString, IntoStaticStr};

use super::{Alert, RecordId, ResourceRef, RuleRef};
use crate::text::TextError;
use crate::triage::Category;

/// An alert field a [`Fingerprint`] can cover.
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
pub enum FingerprintField {
    /// Vendor and product.
    Producer,
    /// The producer's finding id.
    FindingId,
    /// The rule or analytic.
    Rule,
    /// The title.
    Title,
    /// The category.
    Category,
    /// The correlation id.
    CorrelationId,
    /// Every observable (kind, algorithm, value).
    Observables,
    /// Every affected resource.
    Resources,
}

/// The identity of a detection for deduplication: SHA-256 over a
/// canonical encoding of chosen alert fields.
///
/// # Encoding
///
/// The hash covers the 24 ASCII bytes `casefile.fingerprint.v1\0`, then
/// for each field in the order chosen: its name as `str`, then its value.
/// A `str` is a big-endian `u32` byte length and the UTF-8 bytes; an
/// absent optional value is the byte `0`, a present one `1` and the value;
/// a set is a `u32` count and its members in ascending order (an
/// observable as kind, algorithm or empty `str`, value; a resource as its
/// three optional parts). The producer is vendor then product. Two alerts
/// have the same fingerprint exactly when the chosen fields are equal.
///
/// ```
/// use casefile::alert::{Alert, Fingerprint, FingerprintField, Producer};
/// let alert = |title: &str| Alert::builder(
///     Producer::new("Contoso".parse().unwrap(), "EDR".parse().unwrap()),
///     "det-4711".parse().unwrap(),
///     title.parse().unwrap(),
///     "2026-03-02T09:00:00Z".parse().unwrap(),
/// ).build().unwrap();
/// let fields = [FingerprintField::Producer, FingerprintField::FindingId];
/// assert_eq!(Fingerprint::of(&alert("a"), &fields), Fingerprint::of(&alert("b"), &fields));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Fingerprint([u8; 32]);

/// The domain separator every fingerprint starts with.
const DOMAIN: &[u8; 24] = b"casefile.fingerprint.v1\0";

impl Fingerprint {
    /// The fingerprint of `alert` over `fields`, in that order.
    pub fn of(alert: &Alert, fields: &[FingerprintField]) -> Self {
        let mut h = Hasher(Sha256::new());
        h.0.update(DOMAIN);
        for field in fields {
            h.str(field.into());
            h.field(alert, *field);
        }
        Self(h.0.finalize().into())
    }

    /// Wraps 32 bytes.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The 32 bytes.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

struct Hasher(Sha256);

impl Hasher {
    fn str(&mut self, s: &str) {
        let len = u32::try_from(s.len()).unwrap_or(u32::MAX);
        self.0.update(len.to_be_bytes());
        self.0.update(s.as_bytes());
    }

    fn opt(&mut self, s: Option<&str>) {
        match s {
            None => self.0.update([0]),
            Some(s) => {
                self.0.update([1]);
                self.str(s);
            }
        }
    }

    fn count(&mut self, n: usize) {
        self.0
            .update(u32::try_from(n).unwrap_or(u32::MAX).to_be_bytes());
    }

    fn field(&mut self, alert: &Alert, field: FingerprintField) {
        match field {
            FingerprintField::Producer => {
                self.str(alert.producer.vendor.as_str());
                self.str(alert.producer.product.as_str());
            }
            FingerprintField::FindingId => self.str(alert.finding_id.as_str()),
            FingerprintField::Rule => self.opt(alert.rule.as_ref().map(RuleRef::as_str)),
            FingerprintField::Title => self.str(alert.title.as_str()),
            FingerprintField::Category => self.opt(alert.category.as_ref().map(Category::as_str)),
            FingerprintField::CorrelationId => {
                self.opt(alert.correlation_id.as_ref().map(RecordId::as_str));
            }
            FingerprintField::Observables => {
                self.count(alert.observables.len());
                for o in &alert.observables {
                    self.str(o.kind().into());
                    self.str(o.algorithm().map_or("", Into::into));
                    self.str(o.value());
                }
            }
            FingerprintField::Resources => {
                self.count(alert.resources.len());
                for r in &alert.resources {
                    self.opt(r.uid.as_ref().map(ResourceRef::as_str));
                    self.opt(r.name.as_ref().map(ResourceRef::as_str));
                    self.opt(r.kind.as_ref().map(ResourceRef::as_str));
                }
            }
        }
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&hex::encode(self.0))
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Fingerprint({self})")
    }
}

impl FromStr for Fingerprint {
    type Err = TextError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut bytes = [0; 32];
        hex::decode_to_slice(s, &mut bytes)
            .map_err(|_| TextError::invalid("fingerprint", "64 hex digits"))?;
        Ok(Self(bytes))
    }
}

impl TryFrom<String> for Fingerprint {
    type Error = TextError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<Fingerprint> for String {
    fn from(value: Fingerprint) -> Self {
        value.to_string()
    }
}

impl Fingerprint {
    /// The lookup key kind under which an open case holds the fingerprints
    /// of its alerts.
    pub const KIND: &'static str = "alert-fingerprint";

    /// The store's lookup key for this fingerprint.
    pub fn lookup_key(&self) -> crate::ids::LookupKey {
        let kind = crate::text::KeyKind(Self::KIND.to_owned());
        crate::ids::LookupKey::new(kind, crate::text::KeyValue(self.to_string()))
    }
}
