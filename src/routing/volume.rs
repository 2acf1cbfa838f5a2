use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::store::CaseSummary;
use crate::triage::Category;

/// How many cases of each category were opened in a period, for managers.
///
/// The category counted is the case's category now, as its summary row
/// has it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CategoryVolume {
    /// The start of the period (included).
    pub from: DateTime<Utc>,
    /// The end of the period (excluded).
    pub to: DateTime<Utc>,
    /// Cases opened in the period, by category.
    pub cases: BTreeMap<Category, u32>,
}

impl CategoryVolume {
    /// Counts the summaries opened in `[from, to)` by category.
    pub fn from_summaries<'s>(
        summaries: impl IntoIterator<Item = &'s CaseSummary>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Self {
        let mut cases = BTreeMap::new();
        let opened = summaries
            .into_iter()
            .filter(|s| s.opened_at >= from && s.opened_at < to);
        for summary in opened {
            *cases.entry(summary.category.clone()).or_insert(0) += 1;
        }
        Self { from, to, cases }
    }

    /// The number of cases opened in the period.
    pub fn total(&self) -> u32 {
        self.cases.values().sum()
    }
}
