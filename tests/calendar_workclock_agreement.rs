//! This crate and `workclock` agree on every deadline of the benchmark's inputs.
//!
//! Both return the closing instant for a deadline that uses up a working interval exactly,
//! and both treat a holiday as a whole local day, so on this calendar they must agree
//! exactly. (They differ only for interval boundaries inside a daylight-saving gap, which
//! `workclock` moves forward by the gap's length and this crate resolves to the end of the
//! gap; this calendar has none.)
//!
//! With `CALENDAR_DEADLINES_OUT=path`, the deadlines are also written to `path`, one
//! `start,hours,deadline` line each, for `benches/businesstimedelta.py --check path`.

#[path = "../benches/calendar/inputs.rs"]
mod inputs;

use std::fmt::Write as _;

use chrono::{SecondsFormat, TimeDelta};

#[test]
fn every_deadline_agrees_with_workclock() {
    let calendar = inputs::calendar();
    let schedule = inputs::schedule();
    let mut lines = String::new();
    for hours in [4, 40] {
        for start in inputs::starts() {
            let ours = calendar.add(start, TimeDelta::hours(hours)).unwrap();
            let duration = jiff::SignedDuration::from_hours(hours);
            let theirs = schedule.add(inputs::timestamp(start), duration).unwrap();
            assert_eq!(
                inputs::timestamp(ours),
                theirs,
                "from {start} plus {hours} h"
            );
            let (start, ours) = (
                start.to_rfc3339_opts(SecondsFormat::Secs, true),
                ours.to_rfc3339_opts(SecondsFormat::Secs, true),
            );
            writeln!(lines, "{start},{hours},{ours}").unwrap();
        }
    }
    if let Ok(path) = std::env::var("CALENDAR_DEADLINES_OUT") {
        std::fs::write(path, lines).unwrap();
    }
}

#[test]
fn between_agrees_with_workclock() {
    let calendar = inputs::calendar();
    let schedule = inputs::schedule();
    let starts = inputs::starts();
    for pair in starts.windows(2) {
        let (from, to) = (pair[0].min(pair[1]), pair[0].max(pair[1]));
        let ours = calendar.between(from, to);
        let theirs = schedule.between(inputs::timestamp(from), inputs::timestamp(to));
        assert_eq!(ours.num_seconds(), theirs.as_secs(), "from {from} to {to}");
    }
}
