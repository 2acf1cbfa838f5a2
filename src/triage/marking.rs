use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::text::TextError;

/// A Traffic Light Protocol 2.0 marking: who may receive the case's
/// information.
///
/// Ordered from least to most restrictive, so the marking of merged
/// information is the [`max`](Ord::max) of the parts. `TLP:WHITE` is
/// accepted on input and means [`Tlp::Clear`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Tlp {
    /// `TLP:CLEAR`: no limit on disclosure.
    Clear,
    /// `TLP:GREEN`: the community.
    Green,
    /// `TLP:AMBER`: the recipients' organisations and their clients.
    Amber,
    /// `TLP:AMBER+STRICT`: the recipients' organisation only.
    AmberStrict,
    /// `TLP:RED`: the named recipients only.
    Red,
}

impl Tlp {
    /// The marking as written, such as `TLP:AMBER+STRICT`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Clear => "TLP:CLEAR",
            Self::Green => "TLP:GREEN",
            Self::Amber => "TLP:AMBER",
            Self::AmberStrict => "TLP:AMBER+STRICT",
            Self::Red => "TLP:RED",
        }
    }
}

impl FromStr for Tlp {
    type Err = TextError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_uppercase().as_str() {
            "TLP:CLEAR" | "TLP:WHITE" => Ok(Self::Clear),
            "TLP:GREEN" => Ok(Self::Green),
            "TLP:AMBER" => Ok(Self::Amber),
            "TLP:AMBER+STRICT" => Ok(Self::AmberStrict),
            "TLP:RED" => Ok(Self::Red),
            _ => Err(TextError::invalid(
                "TLP marking",
                "`TLP:CLEAR`, `TLP:GREEN`, `TLP:AMBER`, `TLP:AMBER+STRICT` or `TLP:RED`",
            )),
        }
    }
}

/// A Permissible Actions Protocol marking: what the recipients may do with
/// the case's indicators.
///
/// Ordered from least to most restrictive. `PAP:WHITE` is accepted on input
/// and means [`Pap::Clear`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
pub enum Pap {
    /// `PAP:CLEAR`: any action.
    Clear,
    /// `PAP:GREEN`: active actions that the source cannot detect.
    Green,
    /// `PAP:AMBER`: passive cross-checks only.
    Amber,
    /// `PAP:RED`: no action outside the recipient's own network.
    Red,
}

impl Pap {
    /// The marking as written, such as `PAP:AMBER`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Clear => "PAP:CLEAR",
            Self::Green => "PAP:GREEN",
            Self::Amber => "PAP:AMBER",
            Self::Red => "PAP:RED",
        }
    }
}

impl FromStr for Pap {
    type Err = TextError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_uppercase().as_str() {
            "PAP:CLEAR" | "PAP:WHITE" => Ok(Self::Clear),
            "PAP:GREEN" => Ok(Self::Green),
            "PAP:AMBER" => Ok(Self::Amber),
            "PAP:RED" => Ok(Self::Red),
            _ => Err(TextError::invalid(
                "PAP marking",
                "`PAP:CLEAR`, `PAP:GREEN`, `PAP:AMBER` or `PAP:RED`",
            )),
        }
    }
}

macro_rules! marking_conversions {
    ($name:ident) => {
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl TryFrom<String> for $name {
            type Error = TextError;

            fn try_from(value: String) -> Result<Self, Self::Error> {
                value.parse()
            }
        }

        impl From<$name> for &'static str {
            fn from(value: $name) -> Self {
                value.as_str()
            }
        }
    };
}

marking_conversions!(Tlp);
marking_conversions!(Pap);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_restrictive_marking_is_the_maximum() {
        assert_eq!(Tlp::Green.max(Tlp::AmberStrict), Tlp::AmberStrict);
        assert_eq!(Tlp::Red.max(Tlp::Amber), Tlp::Red);
        assert_eq!(Pap::Clear.max(Pap::Amber), Pap::Amber);
    }

    #[test]
    fn white_reads_as_clear() {
        assert_eq!("TLP:WHITE".parse::<Tlp>().unwrap(), Tlp::Clear);
        assert_eq!("pap:white".parse::<Pap>().unwrap(), Pap::Clear);
        assert_eq!(
            serde_json::to_string(&Tlp::AmberStrict).unwrap(),
            "\"TLP:AMBER+STRICT\""
        );
        assert!("TLP:BLUE".parse::<Tlp>().is_err());
    }
}
