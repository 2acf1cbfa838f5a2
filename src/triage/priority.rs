use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, EnumString, IntoStaticStr};

macro_rules! level {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
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
        pub enum $name {
            /// Ordered first: the highest level.
            High,
            /// The middle level.
            Medium,
            /// The lowest level.
            Low,
        }

        impl $name {
            const fn index(self) -> usize {
                self as usize
            }
        }
    };
}

level!(
    /// How much of the business a case affects (ITIL impact).
    Impact
);
level!(
    /// How quickly the business needs a case worked (ITIL urgency).
    Urgency
);

/// How soon a case must be worked: `P1` first, `P5` last.
///
/// Ordered so that `P1 < P5`: sorting ascending puts the most urgent first.
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
pub enum Priority {
    /// Critical: work it now.
    P1,
    /// High.
    P2,
    /// Moderate.
    P3,
    /// Low.
    P4,
    /// Planning: work it when there is time.
    P5,
}

/// A priority matrix that puts a higher priority below a lower one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PriorityMatrixError {
    /// Raising impact or urgency would lower the priority; fix the cell.
    #[error(
        "priority matrix cell impact `{impact}`, urgency `{urgency}` is `{priority}`, \
         less urgent than `{neighbour}` at a lower impact or urgency"
    )]
    NotMonotonic {
        /// The impact of the offending cell.
        impact: Impact,
        /// The urgency of the offending cell.
        urgency: Urgency,
        /// Its priority.
        priority: Priority,
        /// The more urgent priority of a cell below it.
        neighbour: Priority,
    },
}

/// The table from impact and urgency to priority: configuration, not code.
///
/// Serialized as one row per impact, each listing the priorities for
/// urgency high, medium and low:
///
/// ```
/// # use casefile::triage::{Impact, Priority, PriorityMatrix, Urgency};
/// let matrix: PriorityMatrix = serde_json::from_str(
///     r#"{"high": ["p1", "p2", "p3"], "medium": ["p2", "p3", "p4"], "low": ["p3", "p4", "p5"]}"#,
/// )?;
/// assert_eq!(matrix, PriorityMatrix::itil());
/// assert_eq!(matrix.priority(Impact::Medium, Urgency::High), Priority::P2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "MatrixRows", into = "MatrixRows")]
pub struct PriorityMatrix {
    cells: [[Priority; 3]; 3],
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MatrixRows {
    high: [Priority; 3],
    medium: [Priority; 3],
    low: [Priority; 3],
}

impl PriorityMatrix {
    /// The ITIL matrix: `P1` for high impact and high urgency, down to `P5`
    /// for low and low.
    pub const fn itil() -> Self {
        use Priority::{P1, P2, P3, P4, P5};
        Self {
            cells: [[P1, P2, P3], [P2, P3, P4], [P3, P4, P5]],
        }
    }

    /// Builds a matrix from rows indexed by impact (high, medium, low), each
    /// listing the priorities for urgency high, medium and low.
    ///
    /// # Errors
    ///
    /// [`PriorityMatrixError::NotMonotonic`] when a cell is less urgent than
    /// a cell of lower impact or urgency.
    pub fn new(cells: [[Priority; 3]; 3]) -> Result<Self, PriorityMatrixError> {
        let matrix = Self { cells };
        matrix.check_monotonic()?;
        Ok(matrix)
    }

    /// The priority of a case with this impact and urgency.
    pub const fn priority(&self, impact: Impact, urgency: Urgency) -> Priority {
        self.cells[impact.index()][urgency.index()]
    }

    fn check_monotonic(&self) -> Result<(), PriorityMatrixError> {
        use strum::IntoEnumIterator;
        for impact in Impact::iter() {
            for urgency in Urgency::iter() {
                let priority = self.priority(impact, urgency);
                let lower_impact = Impact::iter().filter(|i| *i > impact);
                let lower_urgency = Urgency::iter().filter(|u| *u > urgency);
                let below = lower_impact
                    .map(|i| self.priority(i, urgency))
                    .chain(lower_urgency.map(|u| self.priority(impact, u)));
                if let Some(neighbour) = below.filter(|p| *p < priority).min() {
                    return Err(PriorityMatrixError::NotMonotonic {
                        impact,
                        urgency,
                        priority,
                        neighbour,
                    });
                }
            }
        }
        Ok(())
    }
}

impl Default for PriorityMatrix {
    fn default() -> Self {
        Self::itil()
    }
}

impl TryFrom<MatrixRows> for PriorityMatrix {
    type Error = PriorityMatrixError;

    fn try_from(rows: MatrixRows) -> Result<Self, Self::Error> {
        Self::new([rows.high, rows.medium, rows.low])
    }
}

impl From<PriorityMatrix> for MatrixRows {
    fn from(matrix: PriorityMatrix) -> Self {
        let [high, medium, low] = matrix.cells;
        Self { high, medium, low }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Priority::{P1, P2, P3, P4, P5};

    #[test]
    fn itil_matrix_matches_the_reference_table() {
        let m = PriorityMatrix::itil();
        assert_eq!(m.priority(Impact::High, Urgency::High), P1);
        assert_eq!(m.priority(Impact::High, Urgency::Low), P3);
        assert_eq!(m.priority(Impact::Low, Urgency::High), P3);
        assert_eq!(m.priority(Impact::Low, Urgency::Low), P5);
    }

    #[test]
    fn a_matrix_that_lowers_priority_as_impact_rises_is_rejected() {
        let err = PriorityMatrix::new([[P3, P2, P3], [P2, P3, P4], [P3, P4, P5]]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "priority matrix cell impact `high`, urgency `high` is `p3`, less urgent than \
             `p2` at a lower impact or urgency"
        );
    }
}
