//! A SOC roster for the routing tests: Tier 1 (day and night shifts),
//! Tier 2 and Forensics, with Tier 1 escalating to Tier 2.

// Each test file is its own crate and uses a different subset of these.
#![allow(dead_code)]

use casefile::ids::{AnalystId, TeamId};
use casefile::routing::{Roster, RosterDefinition};
use serde_json::json;

/// Tier 1.
pub(crate) const TIER1: u128 = 0x71;
/// Tier 2.
pub(crate) const TIER2: u128 = 0x72;
/// Forensics.
pub(crate) const FORENSICS: u128 = 0x73;

/// Tier 1 day shift, Mon-Fri 08:00-16:00 UTC.
pub(crate) const DAY: u128 = 0xa1;
/// Tier 1, second day analyst.
pub(crate) const DAY2: u128 = 0xa2;
/// Tier 1 night shift, 22:00-06:00 UTC every night.
pub(crate) const NIGHT: u128 = 0xa3;
/// Tier 2, always on.
pub(crate) const SENIOR: u128 = 0xb1;
/// Forensics, Windows and memory skills.
pub(crate) const WINDOWS: u128 = 0xc1;
/// Forensics, macOS skills.
pub(crate) const MACOS: u128 = 0xc2;

pub(crate) fn team_id(n: u128) -> TeamId {
    TeamId::from_uuid(uuid::Uuid::from_u128(n))
}

pub(crate) fn analyst_id(n: u128) -> AnalystId {
    AnalystId::from_uuid(uuid::Uuid::from_u128(n))
}

fn uuid(n: u128) -> String {
    uuid::Uuid::from_u128(n).to_string()
}

/// The night shift as a calendar: 22:00 to midnight and midnight to 06:00
/// every day, two intervals per day.
pub(crate) fn night_shift() -> serde_json::Value {
    let night = json!([["00:00", "06:00"], ["22:00", "00:00"]]);
    json!({
        "time_zone": "UTC",
        "week": {
            "monday": night, "tuesday": night, "wednesday": night, "thursday": night,
            "friday": night, "saturday": night, "sunday": night
        }
    })
}

/// The roster as JSON, as a host would load it.
pub(crate) fn roster_json() -> serde_json::Value {
    let day = json!([["08:00", "16:00"]]);
    json!({
        "shifts": {
            "day": {"time_zone": "UTC", "week": {
                "monday": day, "tuesday": day, "wednesday": day, "thursday": day, "friday": day
            }},
            "night": night_shift()
        },
        "teams": [
            {"id": uuid(TIER1), "name": "Tier 1", "next_tier": uuid(TIER2)},
            {"id": uuid(TIER2), "name": "Tier 2"},
            {"id": uuid(FORENSICS), "name": "Forensics"}
        ],
        "analysts": [
            {"id": uuid(DAY), "name": "Dana", "teams": [uuid(TIER1)], "capacity": 6,
             "shift": "day", "skills": ["phishing"]},
            {"id": uuid(DAY2), "name": "Dev", "teams": [uuid(TIER1)], "capacity": 6,
             "shift": "day"},
            {"id": uuid(NIGHT), "name": "Nico", "teams": [uuid(TIER1)], "capacity": 6,
             "shift": "night"},
            {"id": uuid(SENIOR), "name": "Sam", "teams": [uuid(TIER2)], "capacity": 10},
            {"id": uuid(WINDOWS), "name": "Wen", "teams": [uuid(FORENSICS)], "capacity": 5,
             "skills": ["forensics", "windows", "memory"]},
            {"id": uuid(MACOS), "name": "Mac", "teams": [uuid(FORENSICS)], "capacity": 5,
             "skills": ["forensics", "macos"]}
        ]
    })
}

pub(crate) fn roster() -> Roster {
    let definition: RosterDefinition =
        serde_json::from_value(roster_json()).expect("the roster deserializes");
    Roster::new(definition).expect("the roster is valid")
}
