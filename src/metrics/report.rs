use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::GroupKey;
use super::group::KeyRef;

/// A KPI per group, in the order of the group keys.
///
/// Grouped by [`GroupBy::All`](super::GroupBy), it holds exactly one group,
/// even over no cases; otherwise one group per key that at least one case
/// has.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KpiReport<S> {
    /// Each group with its summary.
    pub groups: Vec<(GroupKey, S)>,
}

impl<S> KpiReport<S> {
    pub(super) fn from_groups<A>(groups: BTreeMap<KeyRef<'_>, A>, finish: impl Fn(A) -> S) -> Self {
        let groups = groups
            .into_iter()
            .map(|(key, acc)| (key.to_owned_key(), finish(acc)))
            .collect();
        Self { groups }
    }

    /// The summary of one group.
    pub fn get(&self, key: &GroupKey) -> Option<&S> {
        self.groups.iter().find(|(k, _)| k == key).map(|(_, s)| s)
    }
}
