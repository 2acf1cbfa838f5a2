use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};

use super::Alert;
use crate::ids::LookupKey;
use crate::text::{KeyKind, KeyValue};

/// The identity of one delivered alert record, for idempotent
/// re-delivery: ingesting two alerts with the same key is ingesting the
/// same record twice.
///
/// It is `rec:` and the SHA-256 of the producer and the record id
/// (`metadata.uid`) when the alert has one; otherwise `raw:` and the
/// SHA-256 of the raw payload; otherwise `alert:` and the SHA-256 of the
/// alert's canonical encoding. Each is 64 hex digits after its prefix.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordKey(KeyValue);

impl RecordKey {
    /// The lookup key kind under which the store maps record keys of
    /// attached and repeated alerts to their case.
    pub const KIND: &'static str = "alert-record";

    /// The key of an alert.
    pub fn of(alert: &Alert) -> Self {
        let mut h = Sha256::new();
        let prefix = if let Some(id) = &alert.record_id {
            for part in [
                alert.producer.vendor.as_str(),
                alert.producer.product.as_str(),
                id.as_str(),
            ] {
                h.update(u32::try_from(part.len()).unwrap_or(u32::MAX).to_be_bytes());
                h.update(part.as_bytes());
            }
            "rec:"
        } else if let Some(raw) = &alert.raw {
            h.update(raw.as_str().as_bytes());
            "raw:"
        } else {
            let mut buf = Vec::new();
            crate::audit::encode_alert(alert, &mut buf);
            h.update(&buf);
            "alert:"
        };
        let value = format!("{prefix}{}", hex::encode(h.finalize()));
        Self(KeyValue(value))
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }

    /// The store's lookup key for this record.
    pub fn lookup_key(&self) -> LookupKey {
        LookupKey::new(KeyKind(Self::KIND.to_owned()), self.0.clone())
    }
}

impl fmt::Display for RecordKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
