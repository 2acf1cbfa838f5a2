use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::text::TextError;

/// The ATT&CK Enterprise version whose tactics [`Tactic`] lists.
pub const ATTACK_VERSION: &str = "19";

/// An ATT&CK Enterprise tactic (version [`ATTACK_VERSION`]), in matrix
/// order.
///
/// Serialized as its id, such as `TA0005`. Read from its id or its name
/// in any case; `Defense Evasion`, the name of TA0005 before version 19,
/// reads as [`Tactic::Stealth`].
///
/// ```
/// use casefile::triage::Tactic;
/// assert_eq!("defense evasion".parse::<Tactic>()?, Tactic::Stealth);
/// assert_eq!("TA0112".parse::<Tactic>()?, Tactic::DefenseImpairment);
/// assert_eq!(Tactic::Stealth.to_string(), "TA0005 Stealth");
/// # Ok::<(), casefile::TextError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
#[non_exhaustive]
pub enum Tactic {
    /// TA0043.
    Reconnaissance,
    /// TA0042.
    ResourceDevelopment,
    /// TA0001.
    InitialAccess,
    /// TA0002.
    Execution,
    /// TA0003.
    Persistence,
    /// TA0004.
    PrivilegeEscalation,
    /// TA0005 (Defense Evasion before version 19).
    Stealth,
    /// TA0112 (new in version 19).
    DefenseImpairment,
    /// TA0006.
    CredentialAccess,
    /// TA0007.
    Discovery,
    /// TA0008.
    LateralMovement,
    /// TA0009.
    Collection,
    /// TA0011.
    CommandAndControl,
    /// TA0010.
    Exfiltration,
    /// TA0040.
    Impact,
}

const TACTICS: [(Tactic, &str, &str); 15] = [
    (Tactic::Reconnaissance, "TA0043", "Reconnaissance"),
    (
        Tactic::ResourceDevelopment,
        "TA0042",
        "Resource Development",
    ),
    (Tactic::InitialAccess, "TA0001", "Initial Access"),
    (Tactic::Execution, "TA0002", "Execution"),
    (Tactic::Persistence, "TA0003", "Persistence"),
    (
        Tactic::PrivilegeEscalation,
        "TA0004",
        "Privilege Escalation",
    ),
    (Tactic::Stealth, "TA0005", "Stealth"),
    (Tactic::DefenseImpairment, "TA0112", "Defense Impairment"),
    (Tactic::CredentialAccess, "TA0006", "Credential Access"),
    (Tactic::Discovery, "TA0007", "Discovery"),
    (Tactic::LateralMovement, "TA0008", "Lateral Movement"),
    (Tactic::Collection, "TA0009", "Collection"),
    (Tactic::CommandAndControl, "TA0011", "Command and Control"),
    (Tactic::Exfiltration, "TA0010", "Exfiltration"),
    (Tactic::Impact, "TA0040", "Impact"),
];

impl Tactic {
    fn entry(self) -> (Self, &'static str, &'static str) {
        TACTICS[self as usize]
    }

    /// The id, such as `TA0005`.
    pub fn id(self) -> &'static str {
        self.entry().1
    }

    /// The name, such as `Stealth`.
    pub fn name(self) -> &'static str {
        self.entry().2
    }
}

impl FromStr for Tactic {
    type Err = TextError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("Defense Evasion") {
            return Ok(Self::Stealth);
        }
        let found = TACTICS
            .iter()
            .find(|(_, id, name)| s.eq_ignore_ascii_case(id) || s.eq_ignore_ascii_case(name));
        found.map(|(t, _, _)| *t).ok_or(TextError::Invalid {
            what: "ATT&CK tactic",
            expected: "an ATT&CK Enterprise v19 tactic id such as `TA0005` or its name",
        })
    }
}

impl fmt::Display for Tactic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.id(), self.name())
    }
}

impl TryFrom<String> for Tactic {
    type Error = TextError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<Tactic> for &'static str {
    fn from(value: Tactic) -> Self {
        value.id()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_enum_order() {
        for (i, (tactic, _, _)) in TACTICS.iter().enumerate() {
            assert_eq!(*tactic as usize, i);
        }
        assert!("TA9999".parse::<Tactic>().is_err());
    }
}
