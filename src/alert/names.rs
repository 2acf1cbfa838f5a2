//! The validated texts an alert carries: producer names, finding and
//! record ids, rule references, resource references and the raw payload.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::text::{TextError, bounded_text};

bounded_text!(
    /// The name of a producer's vendor or product, such as `Amazon` or
    /// `GuardDuty` (1 to 256 characters, one line).
    ProducerName, "producer name", 1..=256, false
);
bounded_text!(
    /// The producer's id of a finding (OCSF `finding_info.uid`), unique per
    /// producer (1 to 1,024 characters, one line).
    FindingId, "finding id", 1..=1_024, false
);
bounded_text!(
    /// The id of one delivered record (OCSF `metadata.uid`) or of the
    /// activity it belongs to (`metadata.correlation_uid`) (1 to 1,024
    /// characters, one line).
    RecordId, "record id", 1..=1_024, false
);
bounded_text!(
    /// The rule or analytic that raised an alert, by name or id (1 to 512
    /// characters, one line).
    RuleRef, "rule reference", 1..=512, false
);
bounded_text!(
    /// The id, name or type of an affected resource (1 to 1,024
    /// characters, one line).
    ResourceRef, "resource reference", 1..=1_024, false
);

/// The producer of an alert: vendor and product.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Producer {
    /// Who makes the detection tool, such as `Amazon`.
    pub vendor: ProducerName,
    /// The tool, such as `GuardDuty`.
    pub product: ProducerName,
}

impl Producer {
    /// A producer.
    pub fn new(vendor: ProducerName, product: ProducerName) -> Self {
        Self { vendor, product }
    }
}

/// A resource an alert says is affected: a host, a bucket, an account.
/// At least one of the three parts is set.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Resource {
    /// The resource's unique id, such as an ARN.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<ResourceRef>,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<ResourceRef>,
    /// Its type, such as `AwsIamAccessKey`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ResourceRef>,
}

/// The payload an alert was built from, kept verbatim (at most 4 MiB).
///
/// Nothing about it is checked but its size: it is evidence, so it is
/// kept exactly as received, control characters and all. Copies of an
/// alert share one payload.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct RawPayload(Arc<str>);

impl RawPayload {
    /// The most bytes a payload may hold.
    pub const MAX_BYTES: usize = 4 * 1024 * 1024;

    /// Keeps a payload.
    ///
    /// # Errors
    ///
    /// [`TextError::TooLong`] when it is larger than [`Self::MAX_BYTES`],
    /// [`TextError::Empty`] when it is empty.
    pub fn new(payload: impl Into<String>) -> Result<Self, TextError> {
        let payload = payload.into();
        if payload.is_empty() {
            return Err(TextError::Empty {
                what: "raw payload",
            });
        }
        if payload.len() > Self::MAX_BYTES {
            let (len, max) = (payload.len(), Self::MAX_BYTES);
            return Err(TextError::TooLong {
                what: "raw payload",
                len,
                max,
            });
        }
        Ok(Self(payload.into()))
    }

    /// The payload.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for RawPayload {
    type Err = TextError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl TryFrom<String> for RawPayload {
    type Error = TextError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<RawPayload> for String {
    fn from(value: RawPayload) -> Self {
        value.0.as_ref().to_owned()
    }
}
