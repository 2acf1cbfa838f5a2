//! The case and command stream shared by the audit and desk benchmarks.

use casefile::case::{Command, NewCase};
use casefile::text::{FieldName, Tag};
use casefile::triage::{Category, Severity};
use casefile::workflow::StatusId;

/// A malware case with a description, two tags and a field.
pub(crate) fn new_case() -> NewCase {
    let title = "Beaconing from build host to newly registered domain".parse();
    let description = "EDR flagged periodic HTTPS beacons every 60 s from build-07.".parse();
    NewCase::new(title.expect("title"), Category::malware(), Severity::High)
        .description(description.expect("description"))
        .tag(tag("edr"))
        .tag(tag("c2"))
        .field(field("host"), "build-07".parse().expect("value"))
}

/// The `i`-th command of the repeating part of the stream.
pub(crate) fn command(i: usize) -> Command {
    let round = i / 6;
    match i % 6 {
        0 => Command::Move {
            to: status("triage"),
        },
        1 => Command::AddTag {
            tag: tag("ioc:beacon"),
        },
        2 => Command::Move {
            to: status("investigating"),
        },
        3 => Command::SetField {
            name: field("ticket-ref"),
            value: Some(format!("INC-{round:06}").parse().expect("value")),
        },
        4 => Command::RemoveTag {
            tag: tag("ioc:beacon"),
        },
        _ => Command::SetSeverity {
            severity: if round % 2 == 0 {
                Severity::Critical
            } else {
                Severity::High
            },
        },
    }
}

/// A tag.
pub(crate) fn tag(text: &str) -> Tag {
    text.parse().expect("valid tag")
}

/// A field name.
pub(crate) fn field(text: &str) -> FieldName {
    text.parse().expect("valid field name")
}

/// A status id.
pub(crate) fn status(text: &str) -> StatusId {
    text.parse().expect("valid status")
}
