//! FHIR export: a result's measurements as JP Core BodyMeasurement Observations.
//!
//! Codes (reference §5.2; JP Core v1.x `JP_ObservationBodyMeasurementCode_CS`
//! = MEDIS 看護実践用語標準マスター〈看護観察編〉, and JP Core's ConceptMap
//! `JP_BodyMeasurement_to_LOINC`):
//!
//! | measure | MEDIS | LOINC | unit |
//! |---|---|---|---|
//! | 体重 | 31000296 | 29463-7 Body weight | kg |
//! | 身長 (standing, ≥ 2 y) | 31000298 | 8302-2 Body height | cm |
//! | 身長 (lying, < 2 y) | 31000298 | 8306-3 Body height --lying | cm |
//! | 頭囲 | 31006116 | 9843-4 Head occipital-frontal circumference by tape | cm |
//! | 胸囲 | 31000299 | 9561-3 (JP Core marks the map *wider*) | cm |
//! | 出生体重 | 31002900 | 8339-4 Birth weight Measured | g |
//! | BMI (= カウプ指数; no Kaup code exists) | 31003020 | 39156-5 | kg/m2 |
//!
//! Length is measured lying under 2 years (NIPH manual, reference §4.2), hence
//! LOINC 8306-3 for those ages. Every Observation has the profile
//! `JP_Observation_BodyMeasurement`, category `body-measurement`
//! (JP_SimpleObservationCategory_CS), status `final`, the checkup date as
//! `effectiveDateTime`, and the caller's subject reference. The bundle is a
//! `collection`; entries carry no `fullUrl` (the caller assigns ids when
//! posting). No Japanese FHIR IG for 乳幼児健診 results exists (§5.2), so
//! findings, dental and judgements are not exported.

use super::result::CheckupResult;
use super::CheckupOptions;
use crate::calendar::age_on;
use crate::validate::Report;
use serde_json::{json, Value};

/// JP Core BodyMeasurement profile.
pub const PROFILE: &str =
    "http://jpfhir.jp/fhir/core/StructureDefinition/JP_Observation_BodyMeasurement";
/// JP Core body-measurement code system (MEDIS).
pub const JP_CODE_SYSTEM: &str =
    "http://jpfhir.jp/fhir/core/CodeSystem/JP_ObservationBodyMeasurementCode_CS";
/// JP Core simple observation category code system.
pub const JP_CATEGORY_SYSTEM: &str =
    "http://jpfhir.jp/fhir/core/CodeSystem/JP_SimpleObservationCategory_CS";
/// LOINC.
pub const LOINC: &str = "http://loinc.org";
/// UCUM.
pub const UCUM: &str = "http://unitsofmeasure.org";

/// One exported measure's codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ObservationCode {
    /// MEDIS code (JP Core).
    pub medis: &'static str,
    /// Japanese name (MEDIS 観察名称).
    pub name_ja: &'static str,
    /// LOINC code.
    pub loinc: &'static str,
    /// LOINC display, where the reference gives it.
    pub loinc_display: Option<&'static str>,
    /// UCUM unit.
    pub unit: &'static str,
}

const fn code(
    medis: &'static str,
    name_ja: &'static str,
    loinc: &'static str,
    loinc_display: Option<&'static str>,
    unit: &'static str,
) -> ObservationCode {
    ObservationCode {
        medis,
        name_ja,
        loinc,
        loinc_display,
        unit,
    }
}

/// 体重.
pub const WEIGHT: ObservationCode = code("31000296", "体重", "29463-7", Some("Body weight"), "kg");
/// 身長 (standing).
pub const HEIGHT: ObservationCode = code("31000298", "身長", "8302-2", Some("Body height"), "cm");
/// 身長 (lying, under 2 years).
pub const LENGTH_LYING: ObservationCode = code(
    "31000298",
    "身長",
    "8306-3",
    Some("Body height --lying"),
    "cm",
);
/// 頭囲.
pub const HEAD: ObservationCode = code(
    "31006116",
    "頭囲",
    "9843-4",
    Some("Head Occipital-frontal circumference by Tape measure"),
    "cm",
);
/// 胸囲.
pub const CHEST: ObservationCode = code("31000299", "胸囲", "9561-3", None, "cm");
/// 出生体重.
pub const BIRTH_WEIGHT: ObservationCode = code(
    "31002900",
    "出生体重",
    "8339-4",
    Some("Birth weight Measured"),
    "g",
);
/// BMI (カウプ指数).
pub const BMI: ObservationCode = code("31003020", "ＢＭＩ", "39156-5", None, "kg/m2");

fn observation(c: &ObservationCode, value: f64, date: &str, subject: &str) -> Value {
    let mut loinc = json!({"system": LOINC, "code": c.loinc});
    if let Some(d) = c.loinc_display {
        loinc["display"] = json!(d);
    }
    json!({
        "resourceType": "Observation",
        "meta": {"profile": [PROFILE]},
        "status": "final",
        "category": [{"coding": [{"system": JP_CATEGORY_SYSTEM, "code": "body-measurement"}]}],
        "code": {
            "coding": [{"system": JP_CODE_SYSTEM, "code": c.medis, "display": c.name_ja}, loinc],
            "text": c.name_ja
        },
        "subject": {"reference": subject},
        "effectiveDateTime": date,
        "valueQuantity": {"value": value, "unit": c.unit, "system": UCUM, "code": c.unit}
    })
}

/// The result's measurements (and birth weight, BMI) as a FHIR `Bundle`
/// (type `collection`) of JP Core BodyMeasurement Observations about `subject`
/// (a reference such as `Patient/123` or `urn:uuid:…`).
///
/// ```
/// use pmh_core::checkup::{result_to_fhir, CheckupOptions, CheckupResult};
/// let v = serde_json::json!({"kind": "infant-3-4m", "date": "2025-08-01",
///     "person": {"birthDate": "2025-04-10", "sex": "1"},
///     "measurements": {"heightCm": 61.2, "weightKg": 6.4}, "judgement": "no-abnormality"});
/// let r = CheckupResult::from_value(&v, &CheckupOptions::default()).unwrap();
/// let bundle = result_to_fhir(&r, "Patient/1");
/// let codes: Vec<_> = bundle["entry"].as_array().unwrap().iter()
///     .map(|e| e["resource"]["code"]["coding"][1]["code"].as_str().unwrap()).collect();
/// assert_eq!(codes, ["8306-3", "29463-7", "39156-5"]);
/// ```
pub fn result_to_fhir(result: &CheckupResult, subject: &str) -> Value {
    let date = result.date.format("%Y-%m-%d").to_string();
    let m = &result.measurements;
    let lying = !result.kind.for_mother()
        && age_on(result.person.birth_date, result.date).is_some_and(|a| a < 2);
    let mut entries = Vec::new();
    let mut add = |c: &ObservationCode, v: Option<f64>| {
        if let Some(v) = v {
            entries.push(json!({"resource": observation(c, v, &date, subject)}));
        }
    };
    add(if lying { &LENGTH_LYING } else { &HEIGHT }, m.height_cm);
    add(&WEIGHT, m.weight_kg);
    add(&HEAD, m.head_cm);
    add(&CHEST, m.chest_cm);
    add(&BIRTH_WEIGHT, result.birth.and_then(|b| b.weight_g));
    add(&BMI, result.derived().bmi);
    json!({"resourceType": "Bundle", "type": "collection", "entry": entries})
}

/// Validates a result (JSON) and exports it with [`result_to_fhir`]; the
/// report when the result has errors.
///
/// ```
/// use pmh_core::checkup::{fhir::fhir_bundle, CheckupOptions};
/// assert!(fhir_bundle(&serde_json::json!({"kind": "x"}), &CheckupOptions::default(), "Patient/1").is_err());
/// ```
pub fn fhir_bundle(
    value: &Value,
    options: &CheckupOptions,
    subject: &str,
) -> Result<Value, Report> {
    CheckupResult::from_value(value, options).map(|r| result_to_fhir(&r, subject))
}
