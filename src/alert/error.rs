use chrono::{DateTime, Utc};

use super::ObservableKind;
use crate::text::TextError;

/// A value of an alert that does not hold together: an observable of the
/// wrong shape, an unknown ATT&CK id, times out of order.
///
/// Each is a fault in the input; fix the input, do not retry.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AlertError {
    /// An observable's value does not have its kind's shape.
    #[error("observable of kind `{kind}` is not valid: expected {expected}")]
    Observable {
        /// The kind.
        kind: ObservableKind,
        /// What its value should look like.
        expected: &'static str,
    },
    /// An ATT&CK tactic, technique or version is not valid.
    #[error("ATT&CK tag is not valid: expected {expected}")]
    Attack {
        /// What was expected.
        expected: &'static str,
    },
    /// The activity was first seen after it was last seen.
    #[error("first seen `{first}` is after last seen `{last}`")]
    SeenOrder {
        /// First seen.
        first: DateTime<Utc>,
        /// Last seen.
        last: DateTime<Utc>,
    },
    /// A resource has no id, name or type.
    #[error("resource has no id, name or type")]
    EmptyResource,
    /// A text of the alert is not valid.
    #[error(transparent)]
    Text(#[from] TextError),
}
