//! Mapping OCSF Detection Findings (class 2004) into [`Alert`]s.
//!
//! [`parse`] reads JSON text and keeps it verbatim as the raw payload;
//! [`from_json`] maps a parsed value and keeps its compact serialization.
//! Fields the mapping does not read stay in the raw payload; they are not
//! rejected.
//!
//! | OCSF | [`Alert`] |
//! |---|---|
//! | `class_uid` (required, must be 2004) | checked |
//! | `metadata.product.vendor_name` (required), `.name` | `producer` (the product defaults to the vendor) |
//! | `finding_info.uid` (required) | `finding_id` |
//! | `metadata.uid`, `metadata.correlation_uid` | `record_id`, `correlation_id` |
//! | `finding_info.analytic.name`, else `.uid`, else `metadata.event_code` | `rule` |
//! | `finding_info.title`, else `message`, else the finding id | `title` (cut to 512 characters) |
//! | `finding_info.desc`, else `message` | `description` |
//! | `severity_id` (required): 1 to 5, 6 Fatal as critical, 0 and 99 as unknown | `severity` |
//! | `time` (else `time_dt`, else `finding_info.created_time`) | `created_at` (required) |
//! | `finding_info.first_seen_time`, `last_seen_time` (or `*_dt`) | `first_seen`, `last_seen` |
//! | `finding_info.attacks[]` (or a top-level `attacks[]`), and `TTPs/<tactic>/...` entries of `finding_info.types[]` | `attacks` |
//! | `observables[]` by `type_id` (a `name` ending in `domain` marks a domain) | `observables` |
//! | `resources[]` (`uid`, `name`, `type`) | `resources` |
//!
//! # What the mapping assumes
//!
//! - **Epoch numbers.** OCSF times are milliseconds, but some producers
//!   write seconds. A number below 100,000,000,000 is read as seconds (as
//!   milliseconds it would fall in 1973; as seconds that bound is in the
//!   year 5138).
//! - **Time strings.** `*_dt` strings are RFC 3339; one without a zone is
//!   read as UTC. A number is preferred to a string when both are present,
//!   because a string without a zone is ambiguous.
//! - **Severity 0 and 99** (Unknown, Other) map to no severity; the case
//!   opened for such an alert takes the policy's default.
//! - **Observables** come only from `observables[]`; entities mentioned
//!   elsewhere (evidences, actors) are not guessed at.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::Value;

use super::{
    Alert, AlertError, AttackTag, AttackVersion, FindingId, Observable, ObservableKind, Producer,
    ProducerName, RawPayload, RecordId, Resource, ResourceRef, RuleRef, Tactic, Technique,
};
use crate::text::{Description, TextError, Title};
use crate::triage::Severity;

/// The OCSF class this mapping reads: Detection Finding.
pub const DETECTION_FINDING: i64 = 2004;

/// A finding that cannot be mapped; nothing was ingested. Every variant
/// names the JSON path at fault (`$` is the whole document).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OcsfError {
    /// The text is not JSON.
    #[error("payload is not JSON (line {line}, column {column})")]
    Json {
        /// Where parsing stopped.
        line: usize,
        /// Where parsing stopped.
        column: usize,
    },
    /// The finding is of another class.
    #[error("`class_uid` is `{found}`; expected `2004` (Detection Finding)")]
    WrongClass {
        /// The class found, as written.
        found: String,
    },
    /// A required field is absent or null.
    #[error("`{path}` is missing")]
    Missing {
        /// Its path.
        path: String,
    },
    /// A field has the wrong JSON type or an unknown code.
    #[error("`{path}` is not valid: expected {expected}")]
    Invalid {
        /// Its path.
        path: String,
        /// What it should be.
        expected: &'static str,
    },
    /// A text field breaks the rules of the value it maps to.
    #[error("`{path}` is not valid")]
    Text {
        /// Its path.
        path: String,
        /// What is wrong.
        #[source]
        source: TextError,
    },
    /// A field maps to an alert value that does not hold together.
    #[error("`{path}` is not valid")]
    Value {
        /// Its path.
        path: String,
        /// What is wrong.
        #[source]
        source: AlertError,
    },
}

/// Maps a Detection Finding given as JSON text, keeping the text verbatim
/// as the raw payload.
///
/// ```
/// let alert = casefile::alert::ocsf::parse(r#"{
///     "class_uid": 2004, "severity_id": 4, "time": 1772442000000,
///     "metadata": { "uid": "rec-1", "product": { "vendor_name": "Contoso", "name": "EDR" } },
///     "finding_info": { "uid": "det-1", "title": "Beacon",
///                       "attacks": [{ "tactic": { "name": "Defense Evasion" }, "version": "15" }] },
///     "observables": [{ "name": "device.hostname", "type_id": 1, "value": "FIN-LT-0042" }]
/// }"#)?;
/// assert_eq!(alert.title.as_str(), "Beacon");
/// assert_eq!(alert.created_at.to_rfc3339(), "2026-03-02T09:00:00+00:00");
/// assert_eq!(alert.observables.first().unwrap().value(), "fin-lt-0042");
/// assert_eq!(alert.attacks.first().unwrap().to_string(), "TA0005");
/// # Ok::<(), casefile::alert::OcsfError>(())
/// ```
///
/// # Errors
///
/// [`OcsfError`] naming the path at fault: malformed JSON, another class,
/// a missing required field, a field of the wrong type or shape.
pub fn parse(text: &str) -> Result<Alert, OcsfError> {
    let value: Value = serde_json::from_str(text).map_err(|e| OcsfError::Json {
        line: e.line(),
        column: e.column(),
    })?;
    map(&value, raw(text.to_owned())?)
}

/// Maps a Detection Finding already parsed, keeping its compact JSON
/// serialization as the raw payload.
///
/// # Errors
///
/// As [`parse`].
pub fn from_json(value: &Value) -> Result<Alert, OcsfError> {
    map(value, raw(value.to_string())?)
}

fn raw(text: String) -> Result<RawPayload, OcsfError> {
    RawPayload::new(text).map_err(|source| OcsfError::Text {
        path: "$".to_owned(),
        source,
    })
}

fn map(v: &Value, raw: RawPayload) -> Result<Alert, OcsfError> {
    if !v.is_object() {
        return Err(invalid("$", "an object"));
    }
    check_class(v)?;
    let finding_id: FindingId = text(required_str(v, "finding_info.uid")?, "finding_info.uid")?;
    let title = title(v, &finding_id)?;
    let created_at = match time(v, "time")? {
        Some(t) => t,
        None => time(v, "finding_info.created_time")?.ok_or_else(|| missing("time"))?,
    };
    let first_seen = time(v, "finding_info.first_seen_time")?;
    let last_seen = time(v, "finding_info.last_seen_time")?;
    let mut builder = Alert::builder(producer(v)?, finding_id, title, created_at)
        .description(description(v)?)
        .seen(first_seen, last_seen)
        .raw(raw);
    if let Some(severity) = severity(v)? {
        builder = builder.severity(severity);
    }
    if let Some(id) = opt_text::<RecordId>(v, "metadata.uid")? {
        builder = builder.record_id(id);
    }
    if let Some(id) = opt_text::<RecordId>(v, "metadata.correlation_uid")? {
        builder = builder.correlation_id(id);
    }
    if let Some(rule) = rule(v)? {
        builder = builder.rule(rule);
    }
    for tag in attacks(v)? {
        builder = builder.attack(tag);
    }
    for observable in observables(v)? {
        builder = builder.observable(observable);
    }
    for resource in resources(v)? {
        builder = builder.resource(resource);
    }
    builder.build().map_err(|source| OcsfError::Value {
        path: "finding_info.first_seen_time".to_owned(),
        source,
    })
}

fn check_class(v: &Value) -> Result<(), OcsfError> {
    match at(v, "class_uid") {
        None => Err(missing("class_uid")),
        Some(c) if c.as_i64() == Some(DETECTION_FINDING) => Ok(()),
        Some(c) => Err(OcsfError::WrongClass {
            found: c.to_string(),
        }),
    }
}

fn producer(v: &Value) -> Result<Producer, OcsfError> {
    let vendor_path = "metadata.product.vendor_name";
    let vendor: ProducerName = text(required_str(v, vendor_path)?, vendor_path)?;
    let product = opt_text::<ProducerName>(v, "metadata.product.name")?;
    let product = product.unwrap_or_else(|| vendor.clone());
    Ok(Producer::new(vendor, product))
}

fn title(v: &Value, finding_id: &FindingId) -> Result<Title, OcsfError> {
    let found = match opt_str(v, "finding_info.title")? {
        Some(t) => Some(("finding_info.title", t)),
        None => opt_str(v, "message")?.map(|m| ("message", m)),
    };
    let (path, title) = found.unwrap_or(("finding_info.uid", finding_id.as_str()));
    let one_line: String = title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(Title::MAX_CHARS)
        .collect();
    text(one_line.trim(), path)
}

fn description(v: &Value) -> Result<Description, OcsfError> {
    let found = match opt_str(v, "finding_info.desc")? {
        Some(d) => Some(("finding_info.desc", d)),
        None => opt_str(v, "message")?.map(|m| ("message", m)),
    };
    let Some((path, desc)) = found else {
        return Ok(Description::default());
    };
    let cut: String = desc.chars().take(Description::MAX_CHARS).collect();
    text(&cut, path)
}

fn severity(v: &Value) -> Result<Option<Severity>, OcsfError> {
    let id = at(v, "severity_id").ok_or_else(|| missing("severity_id"))?;
    let expected = "0 to 6 or 99";
    match id
        .as_i64()
        .ok_or_else(|| invalid("severity_id", expected))?
    {
        0 | 99 => Ok(None),
        1 => Ok(Some(Severity::Informational)),
        2 => Ok(Some(Severity::Low)),
        3 => Ok(Some(Severity::Medium)),
        4 => Ok(Some(Severity::High)),
        5 | 6 => Ok(Some(Severity::Critical)),
        _ => Err(invalid("severity_id", expected)),
    }
}

fn rule(v: &Value) -> Result<Option<RuleRef>, OcsfError> {
    for path in [
        "finding_info.analytic.name",
        "finding_info.analytic.uid",
        "metadata.event_code",
    ] {
        if let Some(rule) = opt_text(v, path)? {
            return Ok(Some(rule));
        }
    }
    Ok(None)
}

/// Numbers below this are epoch seconds; at or above, milliseconds.
const SECONDS_BELOW: f64 = 100_000_000_000.0;

/// The time at `path` (a number), else at `path_dt` (a string).
fn time(v: &Value, path: &str) -> Result<Option<DateTime<Utc>>, OcsfError> {
    if let Some(n) = at(v, path) {
        let expected = "epoch milliseconds or seconds";
        let n = n.as_f64().ok_or_else(|| invalid(path, expected))?;
        let millis = if n.abs() < SECONDS_BELOW {
            n * 1000.0
        } else {
            n
        };
        #[allow(clippy::cast_possible_truncation)] // checked against the range of times below
        let millis = millis.round() as i64;
        let t = DateTime::from_timestamp_millis(millis).ok_or_else(|| invalid(path, expected))?;
        return Ok(Some(t));
    }
    let dt_path = format!("{path}_dt");
    let Some(s) = opt_str(v, &dt_path)? else {
        return Ok(None);
    };
    parse_time(s)
        .map(Some)
        .ok_or_else(|| invalid(&dt_path, "an RFC 3339 time"))
}

fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.to_utc());
    }
    let naive = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f"));
    naive.ok().map(|n| n.and_utc())
}

fn attacks(v: &Value) -> Result<Vec<AttackTag>, OcsfError> {
    let mut tags = Vec::new();
    for base in ["finding_info.attacks", "attacks"] {
        for (i, item) in array(v, base)?.iter().enumerate() {
            tags.push(attack(item, &format!("{base}[{i}]"))?);
        }
    }
    for (i, t) in array(v, "finding_info.types")?.iter().enumerate() {
        let path = format!("finding_info.types[{i}]");
        let t = t.as_str().ok_or_else(|| invalid(&path, "a string"))?;
        let tactic = t
            .strip_prefix("TTPs/")
            .and_then(|rest| rest.split('/').next());
        if let Some(tactic) = tactic.and_then(|name| name.parse::<Tactic>().ok()) {
            tags.push(AttackTag::new(Some(tactic), None, None).map_err(value(&path))?);
        }
    }
    Ok(tags)
}

fn attack(item: &Value, path: &str) -> Result<AttackTag, OcsfError> {
    let field = |name: &str| -> Result<Option<&str>, OcsfError> { opt_str(item, name) };
    let tactic = match field("tactic.uid")?.or(field("tactic.name")?) {
        Some(t) => Some(
            t.parse::<Tactic>()
                .map_err(value(&format!("{path}.tactic")))?,
        ),
        None => None,
    };
    let technique = match field("sub_technique.uid")?.or(field("technique.uid")?) {
        Some(t) => Some(Technique::new(t).map_err(value(&format!("{path}.technique")))?),
        None => None,
    };
    let version = match field("version")? {
        Some(ver) => Some(AttackVersion::new(ver).map_err(value(&format!("{path}.version")))?),
        None => None,
    };
    AttackTag::new(tactic, technique, version).map_err(value(path))
}

fn observables(v: &Value) -> Result<Vec<Observable>, OcsfError> {
    let items = array(v, "observables")?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = format!("observables[{i}]");
        let type_id = match at(item, "type_id") {
            None => 0,
            Some(t) => t
                .as_i64()
                .ok_or_else(|| invalid(&format!("{path}.type_id"), "an integer"))?,
        };
        let name = opt_str(item, "name")?.unwrap_or_default();
        let value_path = format!("{path}.value");
        let text = match at(item, "value") {
            None => return Err(missing(&value_path)),
            Some(Value::String(s)) => s.clone(),
            Some(n @ Value::Number(_)) => n.to_string(),
            Some(_) => return Err(invalid(&value_path, "a string")),
        };
        let kind = observable_kind(type_id, name);
        out.push(Observable::new(kind, &text).map_err(value(&value_path))?);
    }
    Ok(out)
}

fn observable_kind(type_id: i64, name: &str) -> ObservableKind {
    match type_id {
        1 => ObservableKind::Hostname,
        2 => ObservableKind::Ip,
        4 | 21 => ObservableKind::User,
        5 | 22 => ObservableKind::Email,
        6 | 23 => ObservableKind::Url,
        8 => ObservableKind::FileHash,
        9 | 13 | 25 => ObservableKind::Process,
        _ if name.to_ascii_lowercase().ends_with("domain") => ObservableKind::Domain,
        _ => ObservableKind::Other,
    }
}

fn resources(v: &Value) -> Result<Vec<Resource>, OcsfError> {
    let mut out = Vec::new();
    for (i, item) in array(v, "resources")?.iter().enumerate() {
        let part = |name: &str| -> Result<Option<ResourceRef>, OcsfError> {
            let path = format!("resources[{i}].{name}");
            opt_str(item, name)?.map(|s| text(s, &path)).transpose()
        };
        let resource = Resource {
            uid: part("uid")?,
            name: part("name")?,
            kind: part("type")?,
        };
        if resource.uid.is_some() || resource.name.is_some() || resource.kind.is_some() {
            out.push(resource);
        }
    }
    Ok(out)
}

/// The value at a dotted path, treating `null` as absent.
fn at<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .try_fold(v, |v, key| v.get(key))
        .filter(|v| !v.is_null())
}

fn opt_str<'a>(v: &'a Value, path: &str) -> Result<Option<&'a str>, OcsfError> {
    match at(v, path) {
        None => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str())),
        Some(_) => Err(invalid(path, "a string")),
    }
}

fn required_str<'a>(v: &'a Value, path: &str) -> Result<&'a str, OcsfError> {
    opt_str(v, path)?.ok_or_else(|| missing(path))
}

fn opt_text<T: TryFrom<String, Error = TextError>>(
    v: &Value,
    path: &str,
) -> Result<Option<T>, OcsfError> {
    opt_str(v, path)?.map(|s| text(s, path)).transpose()
}

fn text<T: TryFrom<String, Error = TextError>>(s: &str, path: &str) -> Result<T, OcsfError> {
    T::try_from(s.to_owned()).map_err(|source| OcsfError::Text {
        path: path.to_owned(),
        source,
    })
}

fn array<'a>(v: &'a Value, path: &str) -> Result<&'a [Value], OcsfError> {
    match at(v, path) {
        None => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(invalid(path, "an array")),
    }
}

fn missing(path: &str) -> OcsfError {
    OcsfError::Missing {
        path: path.to_owned(),
    }
}

fn invalid(path: &str, expected: &'static str) -> OcsfError {
    OcsfError::Invalid {
        path: path.to_owned(),
        expected,
    }
}

fn value(path: &str) -> impl FnOnce(AlertError) -> OcsfError + '_ {
    move |source| OcsfError::Value {
        path: path.to_owned(),
        source,
    }
}
