use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

/// A duration KPI over one group of cases.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DurationSummary {
    /// Cases measured.
    pub count: usize,
    /// Cases left out because one of the two instants is unknown.
    pub missing: usize,
    /// Cases left out because the second instant is before the first (a
    /// fact recorded with a wrong time, most likely).
    pub negative: usize,
    /// The statistics of the measured cases; `None` when none was.
    pub stats: Option<DurationStats>,
}

/// Mean, median, 90th percentile, minimum and maximum of some durations.
///
/// Durations are counted in whole milliseconds. The mean is rounded down
/// to the millisecond. Percentiles use the nearest-rank method: the p-th
/// percentile of n sorted durations is the one at rank ⌈p·n/100⌉ (from 1),
/// always one of the durations, so the median of an even count is the
/// lower of the two middle ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DurationStats {
    /// The arithmetic mean.
    pub mean: TimeDelta,
    /// The 50th percentile (nearest rank).
    pub median: TimeDelta,
    /// The 90th percentile (nearest rank).
    pub p90: TimeDelta,
    /// The shortest.
    pub min: TimeDelta,
    /// The longest.
    pub max: TimeDelta,
}

impl DurationSummary {
    /// The summary of durations in milliseconds (reordered in place), with
    /// the counts of cases left out.
    pub(super) fn of(millis: &mut [i64], missing: usize, negative: usize) -> Self {
        Self {
            count: millis.len(),
            missing,
            negative,
            stats: DurationStats::of(millis),
        }
    }
}

impl DurationStats {
    /// The statistics of durations in milliseconds, reordering them; in
    /// linear time, with two selections and no sort.
    fn of(millis: &mut [i64]) -> Option<Self> {
        let n = millis.len();
        let (&first, _) = millis.split_first()?;
        let (mut sum, mut min, mut max) = (0_i128, first, first);
        for &m in millis.iter() {
            sum += i128::from(m);
            min = min.min(m);
            max = max.max(m);
        }
        let (median, p90) = percentiles(millis, rank(n, 50), rank(n, 90));

        Some(Self {
            mean: delta(mean(sum, n)),
            median: delta(median),
            p90: delta(p90),
            min: delta(min),
            max: delta(max),
        })
    }
}

/// The 0-based index of the nearest-rank `percent`-th percentile of `n`
/// values: ⌈percent·n/100⌉ − 1.
fn rank(n: usize, percent: usize) -> usize {
    (percent * n).div_ceil(100).saturating_sub(1)
}

/// The values of ranks `low <= high`: one selection over all values, a
/// second only over those above `low`.
fn percentiles(values: &mut [i64], low: usize, high: usize) -> (i64, i64) {
    let (_, &mut at_low, above) = values.select_nth_unstable(low);
    if high == low {
        return (at_low, at_low);
    }
    let (_, &mut at_high, _) = above.select_nth_unstable(high - low - 1);
    (at_low, at_high)
}

fn mean(sum: i128, n: usize) -> i64 {
    let n = i128::try_from(n).unwrap_or(i128::MAX);
    // The mean of i64 values lies between their minimum and maximum.
    i64::try_from(sum.div_euclid(n)).unwrap_or(i64::MAX)
}

fn delta(millis: i64) -> TimeDelta {
    TimeDelta::try_milliseconds(millis).unwrap_or(TimeDelta::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let mut values = [40, 10, 30, 20];
        let stats = DurationStats::of(&mut values).unwrap();
        // Ranks ⌈2⌉ = 2 and ⌈3.6⌉ = 4 of 10, 20, 30, 40; mean 25.
        assert_eq!(stats.median, TimeDelta::milliseconds(20));
        assert_eq!(stats.p90, TimeDelta::milliseconds(40));
        assert_eq!(stats.mean, TimeDelta::milliseconds(25));
        assert_eq!(
            (stats.min, stats.max),
            (TimeDelta::milliseconds(10), stats.p90)
        );
    }

    #[test]
    fn one_value_is_every_statistic() {
        let stats = DurationStats::of(&mut [7]).unwrap();
        assert_eq!(stats.median, stats.p90);
        assert_eq!(stats.mean, TimeDelta::milliseconds(7));
        assert_eq!(DurationStats::of(&mut []), None);
    }

    #[test]
    fn ranks_of_ten() {
        assert_eq!((rank(10, 50), rank(10, 90)), (4, 8));
        assert_eq!((rank(1, 50), rank(1, 90)), (0, 0));
        assert_eq!((rank(0, 50), rank(0, 90)), (0, 0));
    }
}
