//! Validation of a 接種歴 (history) document before evaluation, in one pass.
//!
//! ```
//! use pmh_core::immunization::{parse_history, validate_history};
//! let v = serde_json::json!({"birthDate": "2024-04-01", "doses": [{"vaccine": "flu", "date": "2024-13-01"}]});
//! let report = validate_history(&v);
//! assert!(report.has_at("immunization.vaccine.unknown", "/doses/0/vaccine"));
//! assert!(report.has_at("immunization.date", "/doses/0/date"));
//! assert!(parse_history(&v).is_err());
//! ```

use super::fields::Obj;
use super::model::History;
use super::rules;
use super::schedule::{vaccine, VaccineId};
use crate::validate::{push_index, Report};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;

const HISTORY_FIELDS: &[&str] = &["birthDate", "sex", "doses", "conditions"];
const DOSE_FIELDS: &[&str] = &["vaccine", "product", "date"];
const CONDITION_FIELDS: &[&str] = &["code", "vaccines", "resolved", "lmp", "dueDate"];
const CONDITION_CODES: &[&str] = &[
    "long-term-illness",
    "disease-history",
    "contraindication",
    "hepb-perinatal",
    "pregnancy",
    "severe-disability",
    "hiv-immune-disability",
];
/// Wire forms of [`super::Sex`].
pub(crate) const SEX_CODES: &[&str] = &["1", "2", "male", "female"];

/// Validates a history document; every issue in one pass.
pub fn validate_history(value: &Value) -> Report {
    let mut report = Report::new();
    validate_history_at(value, "", &mut report);
    report
}

/// Validates one dose `{"vaccine", "product"?, "date"}` at `base`; returns the vaccine and date when readable.
pub(crate) fn validate_dose_at(
    value: &Value,
    base: &str,
    report: &mut Report,
) -> Option<(VaccineId, NaiveDate)> {
    let mut d = Obj::new(value, base, report)?;
    d.unknown_fields(DOSE_FIELDS);
    let vaccine_id = d.string("vaccine", true).and_then(|s| {
        let v = VaccineId::parse(s);
        if v.is_none() {
            d.push(&rules::VACCINE, "vaccine");
        }
        v
    });
    if let Some(p) = d.string("product", false) {
        if let Some(v) = vaccine_id {
            let row = vaccine(v);
            if !row.products.is_empty() && row.product(p).is_none() {
                d.push(&rules::PRODUCT, "product");
            }
        }
    }
    let date = d.date("date", true);
    Some((vaccine_id?, date?))
}

/// Validates a history at `base` (e.g. `/history`).
pub(crate) fn validate_history_at(
    value: &Value,
    base: &str,
    report: &mut Report,
) -> Option<NaiveDate> {
    let mut h = Obj::new(value, base, report)?;
    h.unknown_fields(HISTORY_FIELDS);
    let birth = h.date("birthDate", true);
    h.one_of("sex", false, SEX_CODES);
    if let Some(doses) = h.array("doses", false) {
        let dbase = h.path("doses");
        for (i, dose) in doses.iter().enumerate() {
            let mut p = dbase.clone();
            push_index(&mut p, i);
            if let (Some((_, date)), Some(birth)) = (validate_dose_at(dose, &p, h.report), birth) {
                if date < birth {
                    p.push_str("/date");
                    h.report.push(&rules::BEFORE_BIRTH, p);
                }
            }
        }
    }
    if let Some(conditions) = h.array("conditions", false) {
        let cbase = h.path("conditions");
        for (i, c) in conditions.iter().enumerate() {
            let mut p = cbase.clone();
            push_index(&mut p, i);
            validate_condition(c, &p, h.report);
        }
    }
    birth
}

fn validate_condition(value: &Value, base: &str, report: &mut Report) {
    let Some(mut c) = Obj::new(value, base, report) else {
        return;
    };
    c.unknown_fields(CONDITION_FIELDS);
    let code = c.one_of("code", true, CONDITION_CODES);
    let mut vaccines = 0;
    if let Some(list) = c.array("vaccines", false) {
        let vbase = c.path("vaccines");
        for (i, v) in list.iter().enumerate() {
            if v.as_str().and_then(VaccineId::parse).is_none() {
                let mut p = vbase.clone();
                push_index(&mut p, i);
                c.report.push(&rules::VACCINE, p);
            }
        }
        vaccines = list.len();
    }
    let resolved = c.date("resolved", false);
    let lmp = c.date("lmp", false);
    let due = c.date("dueDate", false);
    let complete = match code {
        Some("long-term-illness") => resolved.is_some(),
        Some("pregnancy") => lmp.is_some() || due.is_some(),
        Some("disease-history" | "contraindication") => vaccines > 0,
        _ => true,
    };
    if !complete {
        c.report.push(&rules::CONDITION_INCOMPLETE, base);
    }
}

/// Validates and reads a history: the typed [`History`] or the report of its errors.
///
/// Warnings (unknown products or fields) do not prevent reading.
pub fn parse_history(value: &Value) -> Result<History, Report> {
    let report = validate_history(value);
    if !report.is_ok() {
        return Err(report);
    }
    History::deserialize(value).map_err(|_| {
        let mut r = Report::new();
        r.push(&rules::TYPE, "");
        r
    })
}
