use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::AlertError;

/// The ATT&CK Enterprise version whose tactics [`Tactic`] lists.
pub const ATTACK_VERSION: &str = "19";

/// An ATT&CK Enterprise tactic (v19 names).
///
/// Parsing accepts the id (`TA0005`) or the name in any case, with spaces
/// or hyphens; `Defense Evasion`, the name of TA0005 before v19, reads as
/// [`Tactic::Stealth`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "&'static str")]
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
    /// TA0005 (named Defense Evasion before v19).
    Stealth,
    /// TA0112 (new in v19).
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

/// Every tactic with its id and v19 name, in matrix order.
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

    /// The tactic's id, such as `TA0005`.
    pub fn id(self) -> &'static str {
        self.entry().1
    }

    /// The tactic's v19 name, such as `Stealth`.
    pub fn name(self) -> &'static str {
        self.entry().2
    }
}

impl FromStr for Tactic {
    type Err = AlertError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().replace(['-', '_'], " ");
        let matches = |(_, id, name): &&(Tactic, &str, &str)| {
            wanted.eq_ignore_ascii_case(id) || wanted.eq_ignore_ascii_case(name)
        };
        if wanted.eq_ignore_ascii_case("defense evasion") {
            return Ok(Self::Stealth);
        }
        TACTICS
            .iter()
            .find(matches)
            .map(|(tactic, ..)| *tactic)
            .ok_or(AlertError::Attack {
                expected: "an ATT&CK tactic id such as `TA0005` or its name",
            })
    }
}

impl TryFrom<String> for Tactic {
    type Error = AlertError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<Tactic> for &'static str {
    fn from(value: Tactic) -> Self {
        value.id()
    }
}

impl fmt::Display for Tactic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// An ATT&CK technique or sub-technique id: `T1059` or `T1059.001`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Technique(String);

impl Technique {
    /// Validates an id (the `T` may be in either case).
    ///
    /// # Errors
    ///
    /// [`AlertError::Attack`] when it is not `T` and four digits,
    /// optionally followed by `.` and three digits.
    pub fn new(id: &str) -> Result<Self, AlertError> {
        let id = id.trim().to_ascii_uppercase();
        let digits = |s: &str, n| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        let valid = match id.strip_prefix('T').map(|rest| rest.split_once('.')) {
            Some(Some((main, sub))) => digits(main, 4) && digits(sub, 3),
            Some(None) => digits(&id[1..], 4),
            None => false,
        };
        if valid {
            Ok(Self(id))
        } else {
            Err(AlertError::Attack {
                expected: "a technique id such as `T1059` or `T1059.001`",
            })
        }
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for Technique {
    type Err = AlertError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl TryFrom<String> for Technique {
    type Error = AlertError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(&value)
    }
}

impl From<Technique> for String {
    fn from(value: Technique) -> Self {
        value.0
    }
}

/// An ATT&CK version such as `19` or `14.1` (a leading `v` is dropped).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AttackVersion(String);

impl AttackVersion {
    /// Validates a version: 1 to 16 digits and dots, starting with a digit.
    ///
    /// # Errors
    ///
    /// [`AlertError::Attack`] for anything else.
    pub fn new(version: &str) -> Result<Self, AlertError> {
        let v = version.trim();
        let v = v.strip_prefix(['v', 'V']).unwrap_or(v);
        let valid = (1..=16).contains(&v.len())
            && v.starts_with(|c: char| c.is_ascii_digit())
            && v.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        if valid {
            Ok(Self(v.to_owned()))
        } else {
            Err(AlertError::Attack {
                expected: "an ATT&CK version such as `19` or `14.1`",
            })
        }
    }

    /// The version.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for AttackVersion {
    type Err = AlertError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::new(s)
    }
}

impl TryFrom<String> for AttackVersion {
    type Error = AlertError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::new(&value)
    }
}

impl From<AttackVersion> for String {
    fn from(value: AttackVersion) -> Self {
        value.0
    }
}

/// An ATT&CK tag on an alert: a tactic, a technique or both, with the
/// ATT&CK version the producer used when it said so.
///
/// ```
/// use casefile::alert::{AttackTag, Tactic, Technique};
/// let tag = AttackTag::new(Some("Defense Evasion".parse()?), Some(Technique::new("t1562.008")?), None)?;
/// assert_eq!(tag.tactic, Some(Tactic::Stealth));
/// assert_eq!(tag.to_string(), "TA0005/T1562.008");
/// # Ok::<(), casefile::alert::AlertError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct AttackTag {
    /// The tactic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tactic: Option<Tactic>,
    /// The technique or sub-technique.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub technique: Option<Technique>,
    /// The ATT&CK version the producer tagged against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<AttackVersion>,
}

impl AttackTag {
    /// A tag with a tactic, a technique or both.
    ///
    /// # Errors
    ///
    /// [`AlertError::Attack`] when both are `None`.
    pub fn new(
        tactic: Option<Tactic>,
        technique: Option<Technique>,
        version: Option<AttackVersion>,
    ) -> Result<Self, AlertError> {
        if tactic.is_none() && technique.is_none() {
            return Err(AlertError::Attack {
                expected: "a tactic or a technique",
            });
        }
        Ok(Self {
            tactic,
            technique,
            version,
        })
    }
}

/// `TA0005/T1562.008`, `TA0005` or `T1562.008`.
impl fmt::Display for AttackTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.tactic, &self.technique) {
            (Some(t), Some(q)) => write!(f, "{t}/{}", q.as_str()),
            (Some(t), None) => write!(f, "{t}"),
            (None, Some(q)) => f.write_str(q.as_str()),
            (None, None) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tactics_parse_by_id_or_name() {
        assert_eq!("TA0005".parse::<Tactic>().unwrap(), Tactic::Stealth);
        assert_eq!(
            "defense-evasion".parse::<Tactic>().unwrap(),
            Tactic::Stealth
        );
        assert_eq!(
            "Command and Control".parse::<Tactic>().unwrap(),
            Tactic::CommandAndControl
        );
        assert_eq!(
            "ta0112".parse::<Tactic>().unwrap(),
            Tactic::DefenseImpairment
        );
        assert!("Lunch".parse::<Tactic>().is_err());
        for (tactic, id, name) in TACTICS {
            assert_eq!((tactic.id(), tactic.name()), (id, name));
        }
    }

    #[test]
    fn techniques_and_versions_are_checked() {
        assert_eq!(Technique::new("t1059.001").unwrap().as_str(), "T1059.001");
        for bad in ["T105", "T1059.1", "1059", "T1059.0011", "T"] {
            assert!(Technique::new(bad).is_err(), "{bad}");
        }
        assert_eq!(AttackVersion::new("v14.1").unwrap().as_str(), "14.1");
        assert!(AttackVersion::new("latest").is_err());
        assert!(AttackTag::new(None, None, None).is_err());
    }
}
