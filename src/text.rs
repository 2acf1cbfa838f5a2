//! Validated text: bounded free text and identifier-like names.
//!
//! Every piece of text a caller hands to the crate is wrapped in a newtype
//! that checks it once, on construction (and on deserialization), so the
//! rest of the crate never sees an empty title or a tag with a newline.

/// Text that does not meet the rules of the type it was meant for.
///
/// Each variant names the kind of text (`title`, `tag`, `status id`, ...), so
/// a host can show the message next to the offending field as it is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TextError {
    /// The text was empty; ask the user for a value.
    #[error("{what} is empty")]
    Empty {
        /// The kind of text.
        what: &'static str,
    },
    /// The text was longer than the type allows; ask for a shorter value.
    #[error("{what} is {len} characters long; at most {max} are allowed")]
    TooLong {
        /// The kind of text.
        what: &'static str,
        /// Its length in characters.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The text held a control character (a line break in a one-line value).
    #[error("{what} contains a control character")]
    ControlCharacter {
        /// The kind of text.
        what: &'static str,
    },
    /// The text did not have the required shape.
    #[error("{what} is not valid: expected {expected}")]
    Invalid {
        /// The kind of text.
        what: &'static str,
        /// What the text should look like.
        expected: &'static str,
    },
}

impl TextError {
    pub(crate) fn invalid(what: &'static str, expected: &'static str) -> Self {
        Self::Invalid { what, expected }
    }
}

/// Checks free text: length in characters, and control characters (line
/// breaks and tabs are allowed only when `multi_line`).
pub(crate) fn check_text(
    what: &'static str,
    text: &str,
    min: usize,
    max: usize,
    multi_line: bool,
) -> Result<(), TextError> {
    let len = text.chars().count();
    if len < min {
        return Err(TextError::Empty { what });
    }
    if len > max {
        return Err(TextError::TooLong { what, len, max });
    }
    let allowed = |c: char| multi_line && matches!(c, '\n' | '\r' | '\t');
    if text.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(TextError::ControlCharacter { what });
    }
    Ok(())
}

/// Checks a name: 1 to 64 ASCII characters, lowercase letters, digits and
/// `-_.:`, starting with a letter.
pub(crate) fn check_name(what: &'static str, text: &str) -> Result<(), TextError> {
    if text.is_empty() {
        return Err(TextError::Empty { what });
    }
    if text.len() > 64 {
        return Err(TextError::TooLong {
            what,
            len: text.chars().count(),
            max: 64,
        });
    }
    let body = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.:".contains(c);
    if !text.starts_with(|c: char| c.is_ascii_lowercase()) || !text.chars().all(body) {
        return Err(TextError::invalid(
            what,
            "lowercase letters, digits and `-_.:`, starting with a letter",
        ));
    }
    Ok(())
}

/// Implements the shared surface of a validated text newtype.
macro_rules! text_common {
    ($name:ident) => {
        impl $name {
            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::text::TextError;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = $crate::text::TextError;

            fn try_from(value: &str) -> Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::text::TextError;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::new(s)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> Self {
                value.0
            }
        }
    };
}

/// Declares a free-text newtype with length bounds.
macro_rules! bounded_text {
    ($(#[$doc:meta])* $name:ident, $what:literal, $min:literal..=$max:literal, $multi:literal) => {
        $(#[$doc])*
        #[derive(
            Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
        )]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(pub(crate) String);

        impl $name {
            #[doc = concat!("The most characters a ", $what, " may hold.")]
            pub const MAX_CHARS: usize = $max;

            #[doc = concat!("Validates a ", $what, ".")]
            ///
            /// # Errors
            ///
            /// [`TextError`](crate::text::TextError) when the text is empty where that is not allowed,
            /// too long, or holds a control character it may not hold.
            pub fn new(text: impl Into<String>) -> Result<Self, $crate::text::TextError> {
                let text = text.into();
                $crate::text::check_text($what, &text, $min, $max, $multi)?;
                Ok(Self(text))
            }
        }

        $crate::text::text_common!($name);
    };
}

/// Declares an identifier-like name newtype (see [`check_name`]).
macro_rules! name_text {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(
            Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
        )]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(pub(crate) String);

        impl $name {
            #[doc = concat!("Validates a ", $what, ": 1 to 64 lowercase letters, digits and `-_.:`, ")]
            /// starting with a letter.
            ///
            /// # Errors
            ///
            /// [`TextError`](crate::text::TextError) when the text does not have that shape.
            pub fn new(text: impl Into<String>) -> Result<Self, $crate::text::TextError> {
                let text = text.into();
                $crate::text::check_name($what, &text)?;
                Ok(Self(text))
            }
        }

        $crate::text::text_common!($name);
    };
}

pub(crate) use {bounded_text, name_text, text_common};

bounded_text!(
    /// The one-line title of a case (1 to 512 characters).
    Title, "title", 1..=512, false
);
bounded_text!(
    /// The description of a case (may be empty, at most 65,536 characters).
    Description, "description", 0..=65_536, true
);
bounded_text!(
    /// The closing summary of a case (1 to 65,536 characters).
    Summary, "summary", 1..=65_536, true
);
bounded_text!(
    /// Why a command was given; recorded on every event it produces.
    Reason, "reason", 1..=4_096, true
);
bounded_text!(
    /// A free label on a case (1 to 128 characters, one line).
    Tag, "tag", 1..=128, false
);
bounded_text!(
    /// The third party a case on hold is waiting for (1 to 256 characters).
    WaitingFor, "waiting for", 1..=256, false
);
bounded_text!(
    /// The value of a custom field (at most 4,096 characters).
    FieldValue, "field value", 0..=4_096, true
);
bounded_text!(
    /// A parameter value of an automation request (at most 4,096 characters).
    ParameterValue, "parameter value", 0..=4_096, true
);

#[allow(clippy::derivable_impls)] // the struct is declared by a macro that takes no extra derives
impl Default for Description {
    fn default() -> Self {
        Self(String::new())
    }
}

name_text!(
    /// The name of a custom field on a case, such as `ticket-ref`.
    FieldName, "field name"
);
name_text!(
    /// A permission that a guard can require, such as `case:reopen`.
    Permission, "permission"
);
name_text!(
    /// The action an automation request asks for, such as `isolate-host`.
    ActionName, "action name"
);
name_text!(
    /// The name of a configured rule, such as `isolate-on-true-positive`.
    RuleName, "rule name"
);
name_text!(
    /// The id of a notification obligation, such as `gdpr-art33`.
    ObligationId, "obligation id"
);
name_text!(
    /// The name of a host-defined fact, such as `law-enforcement-notified`.
    FactName, "fact name"
);
name_text!(
    /// The name of an SLA target, such as `time-to-acknowledge`.
    TargetName, "target name"
);
name_text!(
    /// The name of a business calendar in configuration, such as `office-hours`.
    CalendarName, "calendar name"
);
name_text!(
    /// The kind of a lookup key, such as `fingerprint` or `external-ref`.
    KeyKind, "key kind"
);
bounded_text!(
    /// The value of a lookup key (1 to 1,024 characters, one line).
    KeyValue, "key value", 1..=1_024, false
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_kind_of_text() {
        assert_eq!(Title::new("").unwrap_err().to_string(), "title is empty");
        assert_eq!(
            Title::new("a\nb").unwrap_err().to_string(),
            "title contains a control character"
        );
        assert_eq!(
            Tag::new("x".repeat(129)).unwrap_err().to_string(),
            "tag is 129 characters long; at most 128 are allowed"
        );
        assert_eq!(
            FieldName::new("Ticket").unwrap_err().to_string(),
            "field name is not valid: expected lowercase letters, digits and `-_.:`, \
             starting with a letter"
        );
    }

    #[test]
    fn multi_line_text_accepts_line_breaks() {
        assert!(Summary::new("line one\nline two\ttabbed").is_ok());
        assert!(Description::new("").is_ok());
        assert!(Summary::new("bell\u{7}").is_err());
    }

    #[test]
    fn deserializing_validates() {
        let bad: Result<Tag, _> = serde_json::from_str("\"\"");
        assert!(bad.unwrap_err().to_string().contains("tag is empty"));
    }
}
