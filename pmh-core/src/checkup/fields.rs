//! Field readers shared by the checkup validators: each reads one member of a
//! JSON object, records a typed issue at its JSON Pointer when it is missing or
//! of the wrong type, and never panics. `null` counts as absent.

use super::rules;
use crate::calendar::parse_iso_date;
use crate::validate::{push_token, Report};
use chrono::NaiveDate;
use serde_json::{Map, Value};

/// JSON object.
pub(crate) type Obj = Map<String, Value>;

/// `base` + `/key`.
pub(crate) fn join(base: &str, key: &str) -> String {
    let mut p = String::with_capacity(base.len() + key.len() + 1);
    p.push_str(base);
    push_token(&mut p, key);
    p
}

/// The member `key`, or `None` (with `REQUIRED` when `required`).
pub(crate) fn get<'v>(
    obj: &'v Obj,
    base: &str,
    key: &str,
    required: bool,
    report: &mut Report,
) -> Option<&'v Value> {
    match obj.get(key) {
        Some(Value::Null) | None => {
            if required {
                report.push(&rules::REQUIRED, join(base, key));
            }
            None
        }
        Some(v) => Some(v),
    }
}

/// A string member.
pub(crate) fn string<'v>(
    obj: &'v Obj,
    base: &str,
    key: &str,
    required: bool,
    report: &mut Report,
) -> Option<&'v str> {
    let v = get(obj, base, key, required, report)?;
    let s = v.as_str();
    if s.is_none() {
        report.push(&rules::TYPE, join(base, key));
    }
    s
}

/// A finite number member.
pub(crate) fn number(
    obj: &Obj,
    base: &str,
    key: &str,
    required: bool,
    report: &mut Report,
) -> Option<f64> {
    let v = get(obj, base, key, required, report)?;
    match v.as_f64() {
        Some(n) if n.is_finite() => Some(n),
        _ => {
            report.push(&rules::TYPE, join(base, key));
            None
        }
    }
}

/// A non-negative integer member (a JSON integer, not `3.0`).
pub(crate) fn count(
    obj: &Obj,
    base: &str,
    key: &str,
    required: bool,
    report: &mut Report,
) -> Option<u64> {
    let v = get(obj, base, key, required, report)?;
    let n = v.as_u64();
    if n.is_none() {
        report.push(&rules::TYPE, join(base, key));
    }
    n
}

/// A boolean member.
pub(crate) fn boolean(
    obj: &Obj,
    base: &str,
    key: &str,
    required: bool,
    report: &mut Report,
) -> Option<bool> {
    let v = get(obj, base, key, required, report)?;
    let b = v.as_bool();
    if b.is_none() {
        report.push(&rules::TYPE, join(base, key));
    }
    b
}

/// An object member.
pub(crate) fn object<'v>(
    obj: &'v Obj,
    base: &str,
    key: &str,
    required: bool,
    report: &mut Report,
) -> Option<&'v Obj> {
    let v = get(obj, base, key, required, report)?;
    let o = v.as_object();
    if o.is_none() {
        report.push(&rules::TYPE, join(base, key));
    }
    o
}

/// A `YYYY-MM-DD` date member.
pub(crate) fn date(
    obj: &Obj,
    base: &str,
    key: &str,
    required: bool,
    report: &mut Report,
) -> Option<NaiveDate> {
    let s = string(obj, base, key, required, report)?;
    let d = parse_iso_date(s);
    if d.is_none() {
        report.push(&rules::DATE, join(base, key));
    }
    d
}

/// A string member that must be one of `allowed`.
pub(crate) fn choice<'v>(
    obj: &'v Obj,
    base: &str,
    key: &str,
    required: bool,
    allowed: &[&str],
    report: &mut Report,
) -> Option<&'v str> {
    let s = string(obj, base, key, required, report)?;
    if allowed.contains(&s) {
        Some(s)
    } else {
        report.push(&rules::ENUM, join(base, key));
        None
    }
}

/// Warns about members not in `allowed` (typos are otherwise silently ignored).
pub(crate) fn unknown_fields(obj: &Obj, base: &str, allowed: &[&str], report: &mut Report) {
    for key in obj.keys() {
        if !allowed.contains(&key.as_str()) {
            report.push(&rules::UNKNOWN_FIELD, join(base, key));
        }
    }
}

/// A string of at most `max` characters; `EMPTY` / `MAX_LENGTH` otherwise.
pub(crate) fn text(
    obj: &Obj,
    base: &str,
    key: &str,
    required: bool,
    max: usize,
    report: &mut Report,
) -> Option<()> {
    let s = string(obj, base, key, required, report)?;
    if s.trim().is_empty() {
        report.push(&rules::EMPTY, join(base, key));
    } else if s.chars().count() > max {
        report.push(&rules::MAX_LENGTH, join(base, key));
    }
    Some(())
}
