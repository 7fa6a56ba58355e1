//! 接種記録 (vaccination record) validation.
//!
//! Shape (camelCase; items of 予防接種台帳, 施行規則 第3条, and FHIR JP Core Immunization):
//! ```json
//! {"person": {"birthDate": "2024-04-15", "sex": "2"},
//!  "municipalityCode": "131016",
//!  "vaccine": "je", "product": null, "manufacturer": "KMバイオロジクス", "lotNumber": "JR123",
//!  "dose": "primary1", "date": "2027-05-10",
//!  "institutionCode": "3618010015", "doctor": "医師名",
//!  "site": "left-upper-arm", "route": "subcutaneous", "volumeMl": 0.25,
//!  "routine": true,
//!  "previousDoses": [{"vaccine": "je", "date": "..."}], "conditions": []}
//! ```
//!
//! Rules: identifiers (地方公共団体コード, 10-digit 医療機関コード) with their check
//! digits; volume and route consistent with vaccine, product and age
//! ([`super::schedule::Vaccine::dosing`], e.g. 日本脳炎 0.25 mL under 3 years);
//! the date not in the future and not before birth; and, evaluated with the
//! engine against `previousDoses`, whether the dose is routine — each reason
//! is a warning (`immunization.dose.<reason>`), and an error
//! (`immunization.record.not_routine`) when the record says `"routine": true`.
//!
//! ```
//! use pmh_core::immunization::{validate_record, RecordOptions};
//! let r = serde_json::json!({
//!     "person": {"birthDate": "2022-05-10"}, "municipalityCode": "131016",
//!     "vaccine": "je", "manufacturer": "KMB", "lotNumber": "L1", "dose": "primary1",
//!     "date": "2025-04-20", "institutionCode": "3618010015", "doctor": "D",
//!     "site": "left-upper-arm", "route": "subcutaneous", "volumeMl": 0.5});
//! let report = validate_record(&r, &RecordOptions { today: Some("2025-05-01".parse().unwrap()) });
//! assert!(report.has_at("immunization.record.volume", "/volumeMl")); // 3歳未満 0.25 mL
//! ```

use super::engine::evaluate_vaccine;
use super::fields::Obj;
use super::history::{validate_dose_at, SEX_CODES};
use super::model::{Dose, History, Sex};
use super::rules;
use super::schedule::{vaccine, Route, VaccineId};
use crate::calendar::age_on;
use crate::ids::{InstitutionCode, MunicipalityCode};
use crate::validate::{push_index, Report};
use chrono::NaiveDate;
use serde_json::Value;

/// Options of record validation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecordOptions {
    /// "Today" for the future-date rule; `None` = the system's local date.
    pub today: Option<NaiveDate>,
}

const FIELDS: &[&str] = &[
    "person",
    "municipalityCode",
    "vaccine",
    "product",
    "manufacturer",
    "lotNumber",
    "dose",
    "date",
    "institutionCode",
    "doctor",
    "site",
    "route",
    "volumeMl",
    "routine",
    "previousDoses",
    "conditions",
];
const PERSON_FIELDS: &[&str] = &["birthDate", "sex", "myNumber", "municipalityIdentityKey"];
/// 接種部位 (site) codes.
pub const SITES: &[&str] = &[
    "left-upper-arm",
    "right-upper-arm",
    "left-deltoid",
    "right-deltoid",
    "left-thigh",
    "right-thigh",
    "mouth",
];

/// Validates one record; every issue in one pass.
pub fn validate_record(value: &Value, options: &RecordOptions) -> Report {
    let mut report = Report::new();
    validate_record_at(value, options, "", &mut report);
    report
}

/// Validates one record at `base` (a JSON Pointer).
pub fn validate_record_at(value: &Value, options: &RecordOptions, base: &str, report: &mut Report) {
    let Some(mut c) = Obj::new(value, base, report) else {
        return;
    };
    c.unknown_fields(FIELDS);

    let (mut birth, mut sex) = (None, None);
    if let Some(p) = c.get("person", true) {
        let pbase = c.path("person");
        if let Some(mut person) = Obj::new(p, &pbase, c.report) {
            person.unknown_fields(PERSON_FIELDS);
            birth = person.date("birthDate", true);
            sex = person.one_of("sex", false, SEX_CODES);
            if let Some(s) = person.string("myNumber", false) {
                let path = person.path("myNumber");
                crate::ids::MyNumber::parse_reporting(s, &path, person.report);
            }
            person.text("municipalityIdentityKey", false, 100);
        }
    }
    if let Some(s) = c.string("municipalityCode", true) {
        let p = c.path("municipalityCode");
        MunicipalityCode::parse_reporting(s, &p, c.report);
    }
    if let Some(s) = c.string("institutionCode", true) {
        let p = c.path("institutionCode");
        InstitutionCode::parse_reporting(s, &p, c.report);
    }
    let vaccine_id = c.string("vaccine", true).and_then(|s| {
        let v = VaccineId::parse(s);
        if v.is_none() {
            c.push(&rules::VACCINE, "vaccine");
        }
        v
    });
    let product = c.string("product", false);
    if let (Some(p), Some(v)) = (product, vaccine_id) {
        let row = vaccine(v);
        if !row.products.is_empty() && row.product(p).is_none() {
            c.push(&rules::PRODUCT, "product");
        }
    }
    c.text("manufacturer", true, 100);
    c.text("lotNumber", true, 50);
    c.text("doctor", true, 100);
    let declared_dose = c.text("dose", true, 20);
    let date = c.date("date", true);
    let today = options
        .today
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    if date.is_some_and(|d| d > today) {
        c.push(&rules::FUTURE_DATE, "date");
    }
    if let (Some(d), Some(b)) = (date, birth) {
        if d < b {
            c.push(&rules::RECORD_BEFORE_BIRTH, "date");
        }
    }
    let route = c.string("route", true).and_then(|s| {
        let r = Route::parse(s);
        if r.is_none() {
            c.push(&rules::ENUM, "route");
        }
        r
    });
    c.one_of("site", route != Some(Route::Oral), SITES);
    let volume = match c.number("volumeMl", route != Some(Route::Percutaneous)) {
        Some(v) if !(v > 0.0 && v <= 10.0) => {
            c.push(&rules::VOLUME_VALUE, "volumeMl");
            None
        }
        v => v,
    };
    let claims_routine = c.boolean("routine", false);

    // Volume and route for the vaccine, product and age.
    if let (Some(v), Some(age)) = (vaccine_id, birth.zip(date).and_then(|(b, d)| age_on(b, d))) {
        if let Some(rule) = vaccine(v).dosing_for(product, age) {
            if let (Some(expected), Some(given)) = (rule.volume_ml, volume) {
                if (expected - given).abs() > 1e-6 {
                    c.push(&rules::VOLUME, "volumeMl");
                }
            }
            if route.is_some_and(|r| !rule.routes.contains(&r)) {
                c.push(&rules::ROUTE, "route");
            }
        }
    }

    // Previous doses and conditions, then the engine.
    let mut doses = Vec::new();
    let mut readable = true;
    if let Some(list) = c.array("previousDoses", false) {
        let lbase = c.path("previousDoses");
        for (i, d) in list.iter().enumerate() {
            let mut p = lbase.clone();
            push_index(&mut p, i);
            match validate_dose_at(d, &p, c.report) {
                Some((vaccine, date)) => doses.push(Dose {
                    vaccine,
                    product: d.get("product").and_then(Value::as_str).map(str::to_owned),
                    date,
                }),
                None => readable = false,
            }
        }
    }
    let conditions = match c.get("conditions", false) {
        None => Vec::new(),
        Some(v) => match serde_json::from_value(v.clone()) {
            Ok(list) => list,
            Err(_) => {
                c.push(&rules::TYPE, "conditions");
                readable = false;
                Vec::new()
            }
        },
    };
    let (Some(v), Some(birth), Some(date), true) = (vaccine_id, birth, date, readable) else {
        return;
    };
    if date < birth {
        return;
    }
    doses.push(Dose {
        vaccine: v,
        product: product.map(str::to_owned),
        date,
    });
    let this = doses.len() - 1;
    let sex = match sex {
        Some("1" | "male") => Some(Sex::Male),
        Some("2" | "female") => Some(Sex::Female),
        _ => None,
    };
    let history = History {
        birth_date: birth,
        sex,
        doses,
        conditions,
    };
    let evaluation = evaluate_vaccine(&history, date, v);
    let Some(e) = evaluation.doses.iter().find(|d| d.index == this) else {
        return;
    };
    if !e.routine {
        let dpath = c.path("date");
        for r in e.reasons.iter() {
            c.report.push(rules::reason_rule(r), dpath.clone());
        }
        if claims_routine == Some(true) {
            c.push(&rules::NOT_ROUTINE, "routine");
        }
    }
    if declared_dose.is_some_and(|d| d != e.dose) {
        c.push(&rules::DOSE_MISMATCH, "dose");
    }
}
