use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use strum::{Display, EnumIter, IntoStaticStr};

use super::{KpiOptions, Timeline};
use crate::ids::TeamId;
use crate::triage::{Category, Priority, Severity};

/// How KPIs group cases. Every case falls into exactly one group.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    Display,
    EnumIter,
    IntoStaticStr,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[non_exhaustive]
pub enum GroupBy {
    /// One group of all cases.
    #[default]
    All,
    /// By severity.
    Severity,
    /// By priority.
    Priority,
    /// By category.
    Category,
    /// By team; cases in no team form a group of their own.
    Team,
    /// By the day the case was opened.
    Day,
    /// By the ISO 8601 week the case was opened in.
    Week,
    /// By the month the case was opened in.
    Month,
}

/// The group a case falls into. Periods are those of the case's opening,
/// in [`KpiOptions::time_zone`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
#[non_exhaustive]
pub enum GroupKey {
    /// All cases.
    All,
    /// Cases of this severity.
    Severity {
        /// The severity.
        severity: Severity,
    },
    /// Cases of this priority.
    Priority {
        /// The priority.
        priority: Priority,
    },
    /// Cases of this category.
    Category {
        /// The category.
        category: Category,
    },
    /// Cases of this team (`None`: of no team).
    Team {
        /// The team.
        team: Option<TeamId>,
    },
    /// Cases opened on this day.
    Day {
        /// The day.
        day: NaiveDate,
    },
    /// Cases opened in this ISO week.
    Week {
        /// The ISO week-numbering year.
        year: i32,
        /// The week, 1 to 53.
        week: u32,
    },
    /// Cases opened in this month.
    Month {
        /// The year.
        year: i32,
        /// The month, 1 to 12.
        month: u32,
    },
}

/// A group key that borrows the category, so grouping allocates once per
/// group rather than once per case.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum KeyRef<'a> {
    All,
    Severity(Severity),
    Priority(Priority),
    Category(&'a Category),
    Team(Option<TeamId>),
    Day(NaiveDate),
    Week(i32, u32),
    Month(i32, u32),
}

impl<'a> KeyRef<'a> {
    fn of(group_by: GroupBy, zone: Tz, t: &'a Timeline) -> Self {
        let day = || t.opened_at.with_timezone(&zone).date_naive();
        match group_by {
            GroupBy::All => Self::All,
            GroupBy::Severity => Self::Severity(t.severity),
            GroupBy::Priority => Self::Priority(t.priority),
            GroupBy::Category => Self::Category(&t.category),
            GroupBy::Team => Self::Team(t.team),
            GroupBy::Day => Self::Day(day()),
            GroupBy::Week => {
                let week = day().iso_week();
                Self::Week(week.year(), week.week())
            }
            GroupBy::Month => Self::Month(day().year(), day().month()),
        }
    }

    pub(super) fn to_owned_key(self) -> GroupKey {
        match self {
            Self::All => GroupKey::All,
            Self::Severity(severity) => GroupKey::Severity { severity },
            Self::Priority(priority) => GroupKey::Priority { priority },
            Self::Category(category) => GroupKey::Category {
                category: category.clone(),
            },
            Self::Team(team) => GroupKey::Team { team },
            Self::Day(day) => GroupKey::Day { day },
            Self::Week(year, week) => GroupKey::Week { year, week },
            Self::Month(year, month) => GroupKey::Month { year, month },
        }
    }
}

/// Folds each timeline into the accumulator of its group, made by `new`
/// from the number of cases it may receive. With one group, no key is
/// looked up per case.
pub(super) fn accumulate<'a, A>(
    timelines: &'a [Timeline],
    options: &KpiOptions<'_>,
    new: impl Fn(usize) -> A,
    mut add: impl FnMut(&mut A, &Timeline),
) -> BTreeMap<KeyRef<'a>, A> {
    let mut groups = BTreeMap::new();
    if options.group_by == GroupBy::All {
        let mut all = new(timelines.len());
        for t in timelines {
            add(&mut all, t);
        }
        groups.insert(KeyRef::All, all);
        return groups;
    }
    for t in timelines {
        let key = KeyRef::of(options.group_by, options.time_zone, t);
        add(groups.entry(key).or_insert_with(|| new(0)), t);
    }
    groups
}
