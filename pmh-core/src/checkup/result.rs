//! 健診結果 (checkup result): the record a clinic or the municipality's own
//! checkup sends back, validated in one pass with derived values.
//!
//! Wire form (camelCase; every section optional unless the kind needs it):
//!
//! ```json
//! {"kind": "infant-3-4m", "date": "2025-08-01",
//!  "person": {"birthDate": "2025-04-10", "sex": "1"},
//!  "voucherNumber": "R7-000123", "municipalityCode": "131016",
//!  "measurements": {"heightCm": 61.2, "weightKg": 6.4, "headCm": 40.1, "chestCm": 40.5},
//!  "birth": {"weightG": 3050, "lengthCm": 49.0, "headCm": 33.5, "gestationalWeeks": 39, "gestationalDays": 2},
//!  "findings": {"nutrition": "none", "skin": "present", "otherDiseases": "notExamined"},
//!  "findingNotes": {"skin": "free text"},
//!  "confirmations": {"vitaminK2": true, "hearingScreening": true, "metabolicScreening": true},
//!  "dental": {"teeth": 16, "cariesTeeth": 0, "cariesType": "O1", "oralFindings": "none"},
//!  "vision": {"acuityRight": 0.6, "acuityLeft": 0.5, "result": "pass"},
//!  "hearing": {"result": "pass", "method": "whisper"},
//!  "hearingScreening": {"stage": "initial", "method": "aabr", "right": "pass", "left": "refer"},
//!  "urine": {"protein": "-", "glucose": "-", "occultBlood": "±"},
//!  "bloodPressure": {"systolic": 118, "diastolic": 72},
//!  "pregnancy": {"gestationalWeeks": 28, "gestationalDays": 3, "fundalHeightCm": 26.0, "abdominalCm": 88.0, "edema": "-"},
//!  "postpartum": {"deliveryDate": "2025-07-01", "epdsTotal": 5, "epdsItem10": 0},
//!  "visitNumber": 8,
//!  "judgement": "no-abnormality",
//!  "voucher": {"number": "...", "...": "the voucher the checkup was done under (受診票 returned with results)"}}
//! ```
//!
//! Findings are `"none"` (所見なし), `"present"` (所見あり) or `"notExamined"`
//! (未実施), per item (the Aichi model, reference §3.2); free text goes in
//! `findingNotes` and is never echoed. Urine and edema grades are `-` (or `−`),
//! `±`, `+`, `2+`, `3+`, `4+`.
//!
//! Rules, in the order checked: shape; dates (future, before birth); the
//! kind's legal window (error) and usual window (warning) with
//! [`super::kinds`]; items the kind does not record (warning), mandatory items
//! missing (error) or not examined (warning), recommended items missing
//! (warning); measurements impossible (error) or outside P3–P97 (warning,
//! [`super::growth`]); dental (teeth 0–20, caries ≤ teeth, type per the
//! kind's scheme and consistent with the count); vision and hearing; urine;
//! blood pressure impossible (error) or ≥ 140/90 (warning); gestational age;
//! EPDS ≥ 9 or item 10 ≥ 1 (warning: 要支援); the judgement against the
//! municipality's list; and, when the result carries its voucher, the date
//! within the validity, the same kind and person, and the prenatal visit
//! number against the gestational week.

use super::fields::{self, Obj};
use super::growth::{
    assess_growth, is_possible, kaup_index, obesity_percent, GrowthAssessment, GrowthBand, Measure,
};
use super::kinds::{
    gestational_age_on, max_prenatal_visits_by_week, CheckupKind, KindInfo, Recorded, Window, ITEMS,
};
use super::person::{self, Person, Sex};
use super::voucher::{is_voucher_number, read_kind, validate_voucher_at, visit_number, Voucher};
use super::{rules, CheckupOptions};
use crate::calendar::{age_months_on, age_on_with_months, YearsMonths};
use crate::ids::MunicipalityCode;
use crate::validate::{Report, Rule};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// Top-level members of a result.
const FIELDS: &[&str] = &[
    "kind",
    "date",
    "person",
    "voucherNumber",
    "municipalityCode",
    "visitNumber",
    "measurements",
    "birth",
    "findings",
    "findingNotes",
    "confirmations",
    "dental",
    "vision",
    "hearing",
    "hearingScreening",
    "urine",
    "bloodPressure",
    "pregnancy",
    "postpartum",
    "judgement",
    "voucher",
];

/// Finding values.
const FINDINGS: &[&str] = &["none", "present", "notExamined"];
/// Urine and edema grades (`−` U+2212 is accepted as `-`).
const GRADES: &[&str] = &["-", "−", "±", "+", "2+", "3+", "4+"];
const SCREEN: &[&str] = &["pass", "refer", "untestable"];

/// 所見 (finding of one item).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Finding {
    /// 所見なし.
    #[serde(rename = "none")]
    None,
    /// 所見あり.
    #[serde(rename = "present")]
    Present,
    /// 未実施.
    #[serde(rename = "notExamined")]
    NotExamined,
}

/// 計測値 (body measurements).
#[derive(Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Measurements {
    /// 身長 (cm; 仰臥位 length under 2 years).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height_cm: Option<f64>,
    /// 体重 (kg).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_kg: Option<f64>,
    /// 頭囲 (cm).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head_cm: Option<f64>,
    /// 胸囲 (cm).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chest_cm: Option<f64>,
}

/// 出生時の状況 (birth data).
#[derive(Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BirthInfo {
    /// 出生体重 (g).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight_g: Option<f64>,
    /// 出生時身長 (cm).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length_cm: Option<f64>,
    /// 出生時頭囲 (cm).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head_cm: Option<f64>,
    /// 在胎週数 (weeks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gestational_weeks: Option<u32>,
    /// 在胎日数 (days beyond the weeks, 0–6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gestational_days: Option<u32>,
}

/// 歯科健診 (dental checkup).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dental {
    /// 歯数 (erupted primary teeth, 0–20).
    pub teeth: u32,
    /// むし歯の本数 (carious teeth).
    pub caries_teeth: u32,
    /// むし歯の型 (1歳6か月: O1 O2 A B C; 3歳: O A B C1 C2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caries_type: Option<String>,
    /// 口腔の所見 (other oral findings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oral_findings: Option<Finding>,
}

/// 視覚検査 (vision test, 3 years).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Vision {
    /// 右眼視力 (decimal acuity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acuity_right: Option<f64>,
    /// 左眼視力 (decimal acuity).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acuity_left: Option<f64>,
    /// `pass` / `refer` / `untestable`.
    pub result: String,
}

/// 聴覚検査 (hearing test, 3 years).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Hearing {
    /// `pass` / `refer` / `untestable`.
    pub result: String,
    /// Method (`questionnaire`, `whisper`, `tympanometry`, `oae`, `audiometry`, `other`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
}

/// 新生児聴覚検査 (newborn hearing screening).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HearingScreening {
    /// `initial` (初回) / `confirmation` (確認検査).
    pub stage: String,
    /// `aabr` (自動ABR) / `oae`.
    pub method: String,
    /// Right ear: `pass` / `refer`.
    pub right: String,
    /// Left ear: `pass` / `refer`.
    pub left: String,
}

/// 尿検査 (urinalysis): grades `-` `±` `+` `2+` `3+` `4+`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Urine {
    /// 蛋白 (protein).
    pub protein: String,
    /// 糖 (glucose).
    pub glucose: String,
    /// 潜血 (occult blood).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occult_blood: Option<String>,
}

/// 血圧 (blood pressure, mmHg).
#[derive(Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct BloodPressure {
    /// 収縮期 (systolic).
    pub systolic: f64,
    /// 拡張期 (diastolic).
    pub diastolic: f64,
}

/// 妊婦健診の所見 (prenatal items).
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pregnancy {
    /// 妊娠週数 (completed weeks).
    pub gestational_weeks: u32,
    /// 日数 (days beyond the weeks, 0–6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gestational_days: Option<u32>,
    /// 子宮底長 (fundal height, cm).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fundal_height_cm: Option<f64>,
    /// 腹囲 (abdominal circumference, cm).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abdominal_cm: Option<f64>,
    /// 浮腫 (edema grade).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edema: Option<String>,
}

/// 産婦健診の所見 (postpartum items).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Postpartum {
    /// 出産日 (delivery date).
    pub delivery_date: Option<NaiveDate>,
    /// EPDS 合計点 (0–30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epds_total: Option<u32>,
    /// EPDS 項目10 (self-harm item, 0–3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epds_item10: Option<u32>,
}

/// 健診結果 (checkup result), typed. Build it from JSON with
/// [`CheckupResult::from_value`], which validates first. `Debug` shows only
/// the kind and the date.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckupResult {
    /// 健診の種類.
    pub kind: CheckupKind,
    /// 健診日 (checkup date).
    pub date: NaiveDate,
    /// 受診者.
    pub person: Person,
    /// 受診券番号.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voucher_number: Option<String>,
    /// 市町村 (地方公共団体コード).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality_code: Option<MunicipalityCode>,
    /// 受診回数 (prenatal / postpartum).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visit_number: Option<u32>,
    /// 計測値.
    #[serde(default)]
    pub measurements: Measurements,
    /// 出生時の状況.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth: Option<BirthInfo>,
    /// 所見 by item id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub findings: BTreeMap<String, Finding>,
    /// 所見の内容 (free text by item id).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub finding_notes: BTreeMap<String, String>,
    /// 1か月児の確認事項 (vitaminK2, hearingScreening, metabolicScreening).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirmations: Option<BTreeMap<String, bool>>,
    /// 歯科.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dental: Option<Dental>,
    /// 視覚.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vision: Option<Vision>,
    /// 聴覚.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hearing: Option<Hearing>,
    /// 新生児聴覚検査.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hearing_screening: Option<HearingScreening>,
    /// 尿.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urine: Option<Urine>,
    /// 血圧.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blood_pressure: Option<BloodPressure>,
    /// 妊婦健診.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pregnancy: Option<Pregnancy>,
    /// 産婦健診.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postpartum: Option<Postpartum>,
    /// 判定.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judgement: Option<String>,
    /// The voucher the checkup was done under.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voucher: Option<Voucher>,
}

impl fmt::Debug for CheckupResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CheckupResult")
            .field("kind", &self.kind)
            .field("date", &self.date)
            .finish_non_exhaustive()
    }
}

/// A serde failure after validation passed (an unexpected shape).
const SHAPE: Rule = rules::TYPE;

impl CheckupResult {
    /// Validates `value` and builds the typed result; the report when it has errors.
    ///
    /// ```
    /// use pmh_core::checkup::{CheckupOptions, CheckupResult};
    /// let v = serde_json::json!({"kind": "infant-3-4m", "date": "2025-08-01",
    ///     "person": {"birthDate": "2025-04-10", "sex": "1"},
    ///     "measurements": {"heightCm": 61.2, "weightKg": 6.4}, "judgement": "guidance"});
    /// let r = CheckupResult::from_value(&v, &CheckupOptions::default()).unwrap();
    /// assert_eq!(r.measurements.weight_kg, Some(6.4));
    /// assert!(CheckupResult::from_value(&serde_json::json!({}), &CheckupOptions::default()).is_err());
    /// ```
    pub fn from_value(value: &Value, options: &CheckupOptions) -> Result<CheckupResult, Report> {
        let report = validate_result_with(value, options);
        if !report.is_ok() {
            return Err(report);
        }
        // The validators treat `null` as absent; so does the typed view.
        let mut value = value.clone();
        strip_nulls(&mut value);
        serde_json::from_value(value).map_err(|_| {
            let mut r = Report::new();
            r.push(&SHAPE, "");
            r
        })
    }

    /// Derived values ([`Derived`]) of this result.
    pub fn derived(&self) -> Derived {
        let mother = self.kind.for_mother();
        let mut d = Derived::default();
        if !mother {
            d.age_months = age_months_on(self.person.birth_date, self.date);
            d.age = age_on_with_months(self.person.birth_date, self.date);
            d.age_days = (self.date >= self.person.birth_date).then(|| {
                self.date
                    .signed_duration_since(self.person.birth_date)
                    .num_days()
            });
        }
        let m = &self.measurements;
        if let (Some(w), Some(h)) = (m.weight_kg, m.height_cm) {
            d.bmi = kaup_index(w, h).map(round1);
            if !mother {
                d.kaup_index = d.bmi;
                if let Some(sex) = self.person.sex {
                    if matches!(
                        self.kind,
                        CheckupKind::Toddler18m | CheckupKind::Child3y | CheckupKind::Child5y
                    ) {
                        d.obesity_percent = obesity_percent(sex, w, h).map(round1);
                    }
                }
            }
        }
        if let (false, Some(sex)) = (mother, self.person.sex) {
            for (measure, value) in [
                (Measure::Height, m.height_cm),
                (Measure::Weight, m.weight_kg),
                (Measure::Head, m.head_cm),
            ] {
                if let Some(a) = value
                    .filter(|v| is_possible(measure, *v, false))
                    .and_then(|v| assess_growth(measure, sex, self.person.birth_date, self.date, v))
                {
                    d.growth.push(a);
                }
            }
        }
        d
    }
}

/// Removes `null` members of objects, recursively.
fn strip_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(strip_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_nulls),
        _ => {}
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Values derived from a result. `Debug` is redacted (health data).
#[derive(Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Derived {
    /// 月齢 (completed months at the checkup, legal age rule); children only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_months: Option<u32>,
    /// 年齢（歳・か月）.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age: Option<YearsMonths>,
    /// 日齢 (days since birth; the birth day is day 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_days: Option<i64>,
    /// カウプ指数 (Kaup index, children; 1 decimal).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kaup_index: Option<f64>,
    /// BMI (the same number; 1 decimal).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bmi: Option<f64>,
    /// 肥満度 (%, 幼児 70–120 cm; 1 decimal).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub obesity_percent: Option<f64>,
    /// Growth bands against the 2023 survey.
    pub growth: Vec<GrowthAssessment>,
}

impl fmt::Debug for Derived {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Derived").finish_non_exhaustive()
    }
}

/// A validation report with the derived values (when the result is valid).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// All issues.
    pub report: Report,
    /// Derived values; `None` when the report has errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived: Option<Derived>,
}

/// Validates a result and, when valid, derives age, Kaup index / BMI and growth bands.
///
/// ```
/// use pmh_core::checkup::{assess_result, CheckupOptions};
/// let v = serde_json::json!({"kind": "infant-3-4m", "date": "2025-08-01",
///     "person": {"birthDate": "2025-04-10", "sex": "1"},
///     "measurements": {"heightCm": 61.2, "weightKg": 6.4}, "judgement": "no-abnormality"});
/// let a = assess_result(&v, &CheckupOptions::default());
/// let d = a.derived.unwrap();
/// assert_eq!(d.age_months, Some(3));
/// assert_eq!(d.kaup_index, Some(17.1));
/// ```
pub fn assess_result(value: &Value, options: &CheckupOptions) -> Assessment {
    match CheckupResult::from_value(value, options) {
        Ok(r) => Assessment {
            report: validate_result_with(value, options),
            derived: Some(r.derived()),
        },
        Err(report) => Assessment {
            report,
            derived: None,
        },
    }
}

/// Validates one result with the default options (pmh's judgement codes, today in Japan).
///
/// ```
/// use pmh_core::checkup::validate_result;
/// let r = validate_result(&serde_json::json!({"kind": "child-3y", "date": "2025-08-01",
///     "person": {"birthDate": "2022-05-01", "sex": "2"},
///     "measurements": {"weightKg": -1}}));
/// assert!(r.has_at("checkup.result.measurement_impossible", "/measurements/weightKg"));
/// assert!(r.has_at("checkup.result.mandatory_missing", "/findings/spineChest"));
/// ```
pub fn validate_result(value: &Value) -> Report {
    validate_result_with(value, &CheckupOptions::default())
}

/// Validates one result with options (a municipality's judgement codes, "today").
pub fn validate_result_with(value: &Value, options: &CheckupOptions) -> Report {
    let mut report = Report::new();
    validate_result_at(value, options, "", &mut report);
    report
}

/// Validates one result whose JSON Pointer is `base` (e.g. `/results/3`).
pub fn validate_result_at(
    value: &Value,
    options: &CheckupOptions,
    base: &str,
    report: &mut Report,
) {
    let Some(obj) = value.as_object() else {
        report.push(&rules::NOT_OBJECT, base);
        return;
    };
    let mut c = Check {
        obj,
        base,
        report,
        options,
        kind: None,
        date: None,
        birth: None,
        sex: None,
    };
    c.run();
}

struct Check<'a> {
    obj: &'a Obj,
    base: &'a str,
    report: &'a mut Report,
    options: &'a CheckupOptions,
    kind: Option<&'static KindInfo>,
    date: Option<NaiveDate>,
    birth: Option<NaiveDate>,
    sex: Option<Sex>,
}

impl Check<'_> {
    fn path(&self, key: &str) -> String {
        fields::join(self.base, key)
    }

    fn push(&mut self, rule: &Rule, path: String) {
        self.report.push(rule, path);
    }

    fn run(&mut self) {
        let (obj, base) = (self.obj, self.base);
        fields::unknown_fields(obj, base, FIELDS, self.report);
        let kind = read_kind(obj, base, self.report);
        self.kind = kind.map(CheckupKind::info);
        let mother = kind.is_some_and(CheckupKind::for_mother);
        let today = self.options.today();
        self.date = fields::date(obj, base, "date", true, self.report);
        if self.date.is_some_and(|d| d > today) {
            self.push(&rules::FUTURE_DATE, self.path("date"));
        }
        let p = person::read(obj, base, mother, self.report);
        (self.birth, self.sex) = (p.birth, p.sex);
        if p.birth.is_some_and(|b| b > today) {
            self.push(&rules::FUTURE_DATE, format!("{base}/person/birthDate"));
        }
        if let Some(n) = fields::string(obj, base, "voucherNumber", false, self.report) {
            if !is_voucher_number(n) {
                self.push(&rules::VOUCHER_NUMBER, self.path("voucherNumber"));
            }
        }
        if let Some(code) = fields::string(obj, base, "municipalityCode", false, self.report) {
            MunicipalityCode::parse_reporting(code, &self.path("municipalityCode"), self.report);
        }
        if !mother {
            self.child_window();
        }
        self.items();
        self.measurements(mother);
        self.birth_info();
        self.findings();
        self.confirmations();
        self.dental();
        self.vision();
        self.hearing();
        self.hearing_screening();
        self.urine();
        self.blood_pressure();
        let week = self.pregnancy();
        self.postpartum();
        let visit = visit_number(obj, base, kind, false, self.report);
        if let (Some(CheckupKind::Prenatal), Some(n), Some(w)) = (kind, visit, week) {
            if n > u64::from(max_prenatal_visits_by_week(w)) {
                self.push(&rules::VISIT_NUMBER_WEEK, self.path("visitNumber"));
            }
        }
        self.judgement();
        self.voucher(visit, week);
    }

    /// The legal and typical windows of child kinds.
    fn child_window(&mut self) {
        let (Some(info), Some(date), Some(birth)) = (self.kind, self.date, self.birth) else {
            return;
        };
        if date < birth {
            self.push(&rules::BEFORE_BIRTH, self.path("date"));
            return;
        }
        if let Some((legal, typical)) = info.window.dates(birth) {
            if !legal.contains(date) {
                self.push(&rules::WINDOW, self.path("date"));
            } else if typical.is_some_and(|t| !t.contains(date)) {
                self.push(&rules::WINDOW_TYPICAL, self.path("date"));
            }
        }
    }

    /// Where an item lives: (present, finding value, JSON Pointer).
    /// Whether an item is present, and its finding value.
    fn locate(&self, recorded: Recorded, id: &str) -> (bool, Option<&'_ Value>) {
        let member = |section: &str, key: &str| {
            let v = self
                .obj
                .get(section)
                .and_then(|s| s.get(key))
                .filter(|v| !v.is_null());
            (v.is_some(), v)
        };
        match recorded {
            Recorded::Finding => member("findings", id),
            Recorded::Measurement(f) => member("measurements", f),
            Recorded::Pregnancy(f) => member("pregnancy", f),
            Recorded::Postpartum(f) => member("postpartum", f),
            Recorded::Section(s) => (self.obj.get(s).is_some_and(|v| !v.is_null()), None),
            Recorded::Growth => {
                let (h, _) = member("measurements", "heightCm");
                let (w, _) = member("measurements", "weightKg");
                (h && w, None)
            }
        }
    }

    /// The JSON Pointer of an item (built only when an issue is recorded).
    fn item_path(&self, recorded: Recorded, id: &str) -> String {
        let member = |section: &str, key: &str| format!("{}/{section}/{key}", self.base);
        match recorded {
            Recorded::Finding => member("findings", id),
            Recorded::Measurement(f) => member("measurements", f),
            Recorded::Pregnancy(f) => member("pregnancy", f),
            Recorded::Postpartum(f) => member("postpartum", f),
            Recorded::Section(s) => self.path(s),
            Recorded::Growth => {
                let (h, _) = self.locate(Recorded::Measurement("heightCm"), id);
                member("measurements", if h { "weightKg" } else { "heightCm" })
            }
        }
    }

    fn items(&mut self) {
        let Some(info) = self.kind else { return };
        for item in ITEMS {
            let (present, value) = self.locate(item.recorded, item.id);
            let in_kind = info.items.contains(&item.id);
            let rule = if present && !in_kind && item.recorded != Recorded::Growth {
                Some(&rules::ITEM_NOT_IN_KIND)
            } else if info.mandatory.contains(&item.id) {
                if !present {
                    Some(&rules::MANDATORY_MISSING)
                } else if value.and_then(Value::as_str) == Some("notExamined") {
                    Some(&rules::MANDATORY_NOT_EXAMINED)
                } else {
                    None
                }
            } else if !present && info.recommended.contains(&item.id) {
                Some(&rules::RECOMMENDED_MISSING)
            } else {
                None
            };
            if let Some(rule) = rule {
                let path = self.item_path(item.recorded, item.id);
                self.push(rule, path);
            }
        }
    }

    fn measurements(&mut self, mother: bool) {
        let (obj, base) = (self.obj, self.base);
        let Some(m) = fields::object(obj, base, "measurements", false, self.report) else {
            return;
        };
        let mbase = self.path("measurements");
        fields::unknown_fields(
            m,
            &mbase,
            &["heightCm", "weightKg", "headCm", "chestCm"],
            self.report,
        );
        for measure in [
            Measure::Height,
            Measure::Weight,
            Measure::Head,
            Measure::Chest,
        ] {
            let Some(v) = fields::number(m, &mbase, measure.field(), false, self.report) else {
                continue;
            };
            let path = fields::join(&mbase, measure.field());
            if !is_possible(measure, v, mother) {
                self.push(&rules::MEASUREMENT_IMPOSSIBLE, path);
                continue;
            }
            if mother {
                continue;
            }
            let (Some(sex), Some(birth), Some(date)) = (self.sex, self.birth, self.date) else {
                continue;
            };
            match assess_growth(measure, sex, birth, date, v).map(|a: GrowthAssessment| a.band) {
                Some(GrowthBand::BelowP3) => self.push(&rules::GROWTH_BELOW_P3, path),
                Some(GrowthBand::AboveP97) => self.push(&rules::GROWTH_ABOVE_P97, path),
                _ => {}
            }
        }
    }

    fn birth_info(&mut self) {
        let (obj, base) = (self.obj, self.base);
        let Some(b) = fields::object(obj, base, "birth", false, self.report) else {
            return;
        };
        let bbase = self.path("birth");
        fields::unknown_fields(
            b,
            &bbase,
            &[
                "weightG",
                "lengthCm",
                "headCm",
                "gestationalWeeks",
                "gestationalDays",
            ],
            self.report,
        );
        if let Some(w) = fields::number(b, &bbase, "weightG", false, self.report) {
            if !(300.0..=6500.0).contains(&w) {
                self.push(
                    &rules::BIRTH_WEIGHT_IMPOSSIBLE,
                    fields::join(&bbase, "weightG"),
                );
            }
        }
        // Birth length 25–65 cm (reference §4.4); birth head 15–45 cm (pmh).
        for (key, lo, hi) in [("lengthCm", 25.0, 65.0), ("headCm", 15.0, 45.0)] {
            if let Some(v) = fields::number(b, &bbase, key, false, self.report) {
                if !(lo..=hi).contains(&v) {
                    self.push(&rules::MEASUREMENT_IMPOSSIBLE, fields::join(&bbase, key));
                }
            }
        }
        gestation(b, &bbase, 20, 45, self.report);
    }

    fn findings(&mut self) {
        let (obj, base) = (self.obj, self.base);
        if let Some(f) = fields::object(obj, base, "findings", false, self.report) {
            let fbase = self.path("findings");
            for (key, v) in f {
                let path = fields::join(&fbase, key);
                let is_finding_item = ITEMS
                    .iter()
                    .any(|i| i.id == key && i.recorded == Recorded::Finding);
                if !is_finding_item {
                    self.push(&rules::UNKNOWN_FIELD, path.clone());
                }
                // Values of unknown keys too, so that a valid result always deserializes.
                if !v.as_str().is_some_and(|s| FINDINGS.contains(&s)) {
                    self.push(&rules::ENUM, path);
                }
            }
        }
        if let Some(n) = fields::object(obj, base, "findingNotes", false, self.report) {
            let nbase = self.path("findingNotes");
            for key in n.keys() {
                fields::text(n, &nbase, key, false, 1000, self.report);
            }
        }
    }

    fn confirmations(&mut self) {
        let (obj, base) = (self.obj, self.base);
        let Some(c) = fields::object(obj, base, "confirmations", false, self.report) else {
            return;
        };
        let cbase = self.path("confirmations");
        let keys = ["vitaminK2", "hearingScreening", "metabolicScreening"];
        fields::unknown_fields(c, &cbase, &keys, self.report);
        for key in c.keys() {
            fields::boolean(c, &cbase, key, false, self.report);
        }
    }

    fn dental(&mut self) {
        let (obj, base) = (self.obj, self.base);
        let Some(d) = fields::object(obj, base, "dental", false, self.report) else {
            return;
        };
        let dbase = self.path("dental");
        fields::unknown_fields(
            d,
            &dbase,
            &["teeth", "cariesTeeth", "cariesType", "oralFindings"],
            self.report,
        );
        let int = |key: &str, report: &mut Report| -> Option<i64> {
            let v = fields::get(d, &dbase, key, true, report)?;
            let n = v.as_i64();
            if n.is_none() {
                report.push(&rules::TYPE, fields::join(&dbase, key));
            }
            n
        };
        let teeth = int("teeth", self.report);
        let caries = int("cariesTeeth", self.report);
        if teeth.is_some_and(|t| !(0..=20).contains(&t)) {
            self.push(&rules::TEETH_RANGE, fields::join(&dbase, "teeth"));
        }
        if caries.is_some_and(|c| c < 0 || teeth.is_some_and(|t| c > t)) {
            self.push(&rules::CARIES_COUNT, fields::join(&dbase, "cariesTeeth"));
        }
        let scheme = self.kind.map_or(&[][..], |k| k.caries_types);
        let required = !scheme.is_empty();
        if let Some(t) = fields::string(d, &dbase, "cariesType", required, self.report) {
            let path = fields::join(&dbase, "cariesType");
            if !scheme.is_empty() && !scheme.contains(&t) {
                self.push(&rules::CARIES_TYPE, path);
            } else if let Some(c) = caries {
                if t.starts_with('O') != (c == 0) {
                    self.push(&rules::CARIES_TYPE_COUNT, path);
                }
            }
        }
        fields::choice(d, &dbase, "oralFindings", false, FINDINGS, self.report);
    }

    fn vision(&mut self) {
        let (obj, base) = (self.obj, self.base);
        let Some(v) = fields::object(obj, base, "vision", false, self.report) else {
            return;
        };
        let vbase = self.path("vision");
        fields::unknown_fields(
            v,
            &vbase,
            &["acuityRight", "acuityLeft", "result"],
            self.report,
        );
        let mut below = false;
        for key in ["acuityRight", "acuityLeft"] {
            if let Some(a) = fields::number(v, &vbase, key, false, self.report) {
                if !(0.01..=2.0).contains(&a) {
                    self.push(&rules::ACUITY_RANGE, fields::join(&vbase, key));
                } else if a < 0.5 {
                    below = true;
                }
            }
        }
        if fields::choice(v, &vbase, "result", true, SCREEN, self.report) == Some("pass") && below {
            self.push(&rules::VISION_PASS_BELOW, fields::join(&vbase, "result"));
        }
    }

    fn hearing(&mut self) {
        let (obj, base) = (self.obj, self.base);
        let Some(h) = fields::object(obj, base, "hearing", false, self.report) else {
            return;
        };
        let hbase = self.path("hearing");
        fields::unknown_fields(h, &hbase, &["result", "method"], self.report);
        fields::choice(h, &hbase, "result", true, SCREEN, self.report);
        let methods = [
            "questionnaire",
            "whisper",
            "tympanometry",
            "oae",
            "audiometry",
            "other",
        ];
        fields::choice(h, &hbase, "method", false, &methods, self.report);
    }

    fn hearing_screening(&mut self) {
        let (obj, base) = (self.obj, self.base);
        let Some(h) = fields::object(obj, base, "hearingScreening", false, self.report) else {
            return;
        };
        let hbase = self.path("hearingScreening");
        fields::unknown_fields(
            h,
            &hbase,
            &["stage", "method", "right", "left"],
            self.report,
        );
        fields::choice(
            h,
            &hbase,
            "stage",
            true,
            &["initial", "confirmation"],
            self.report,
        );
        fields::choice(h, &hbase, "method", true, &["aabr", "oae"], self.report);
        fields::choice(h, &hbase, "right", true, &["pass", "refer"], self.report);
        fields::choice(h, &hbase, "left", true, &["pass", "refer"], self.report);
    }

    fn urine(&mut self) {
        let (obj, base) = (self.obj, self.base);
        let Some(u) = fields::object(obj, base, "urine", false, self.report) else {
            return;
        };
        let ubase = self.path("urine");
        fields::unknown_fields(
            u,
            &ubase,
            &["protein", "glucose", "occultBlood"],
            self.report,
        );
        fields::choice(u, &ubase, "protein", true, GRADES, self.report);
        fields::choice(u, &ubase, "glucose", true, GRADES, self.report);
        fields::choice(u, &ubase, "occultBlood", false, GRADES, self.report);
    }

    fn blood_pressure(&mut self) {
        let (obj, base) = (self.obj, self.base);
        let Some(bp) = fields::object(obj, base, "bloodPressure", false, self.report) else {
            return;
        };
        let bbase = self.path("bloodPressure");
        fields::unknown_fields(bp, &bbase, &["systolic", "diastolic"], self.report);
        let sys = fields::number(bp, &bbase, "systolic", true, self.report);
        let dia = fields::number(bp, &bbase, "diastolic", true, self.report);
        let (Some(sys), Some(dia)) = (sys, dia) else {
            return;
        };
        if !(50.0..=300.0).contains(&sys) || !(20.0..=200.0).contains(&dia) || dia >= sys {
            self.push(&rules::BLOOD_PRESSURE_IMPOSSIBLE, bbase);
        } else if sys >= 140.0 || dia >= 90.0 {
            self.push(&rules::BLOOD_PRESSURE_HIGH, bbase);
        }
    }

    /// The prenatal block; returns the gestational week.
    fn pregnancy(&mut self) -> Option<u32> {
        let (obj, base) = (self.obj, self.base);
        let p = fields::object(obj, base, "pregnancy", false, self.report)?;
        let pbase = self.path("pregnancy");
        fields::unknown_fields(
            p,
            &pbase,
            &[
                "gestationalWeeks",
                "gestationalDays",
                "fundalHeightCm",
                "abdominalCm",
                "edema",
            ],
            self.report,
        );
        let week = gestation(p, &pbase, 0, 45, self.report);
        if let (
            Some(w),
            Some(Window::Gestation {
                first_week,
                last_week,
            }),
        ) = (week, self.kind.map(|k| k.window))
        {
            if !(first_week..=last_week).contains(&w) {
                self.push(
                    &rules::GESTATION_TYPICAL,
                    fields::join(&pbase, "gestationalWeeks"),
                );
            }
        }
        // Fundal height 5–50 cm, abdominal circumference 50–200 cm (pmh).
        for (key, lo, hi) in [("fundalHeightCm", 5.0, 50.0), ("abdominalCm", 50.0, 200.0)] {
            if let Some(v) = fields::number(p, &pbase, key, false, self.report) {
                if !(lo..=hi).contains(&v) {
                    self.push(&rules::MEASUREMENT_IMPOSSIBLE, fields::join(&pbase, key));
                }
            }
        }
        fields::choice(p, &pbase, "edema", false, GRADES, self.report);
        week
    }

    fn postpartum(&mut self) {
        let (obj, base) = (self.obj, self.base);
        let Some(p) = fields::object(obj, base, "postpartum", false, self.report) else {
            return;
        };
        let pbase = self.path("postpartum");
        fields::unknown_fields(
            p,
            &pbase,
            &["deliveryDate", "epdsTotal", "epdsItem10"],
            self.report,
        );
        let delivery = fields::date(p, &pbase, "deliveryDate", false, self.report);
        if let (Some(delivery), Some(date)) = (delivery, self.date) {
            let dpath = fields::join(&pbase, "deliveryDate");
            if delivery > date {
                self.push(&rules::DELIVERY_DATE, dpath);
            } else if let Some(Window::AfterDelivery { legal }) = self.kind.map(|k| k.window) {
                if legal.dates(delivery).is_some_and(|w| !w.contains(date)) {
                    self.push(&rules::WINDOW, self.path("date"));
                }
            }
        }
        let total = fields::count(p, &pbase, "epdsTotal", false, self.report);
        let item10 = fields::count(p, &pbase, "epdsItem10", false, self.report);
        let mut in_range = true;
        if total.is_some_and(|t| t > 30) {
            self.push(&rules::EPDS_RANGE, fields::join(&pbase, "epdsTotal"));
            in_range = false;
        }
        if item10.is_some_and(|t| t > 3 || total.is_some_and(|total| t > total)) {
            self.push(&rules::EPDS_RANGE, fields::join(&pbase, "epdsItem10"));
            in_range = false;
        }
        if in_range && (total.is_some_and(|t| t >= 9) || item10.is_some_and(|t| t >= 1)) {
            self.push(&rules::EPDS_SUPPORT, pbase);
        }
    }

    fn judgement(&mut self) {
        let required = self.kind.is_some_and(|k| k.judgement_required);
        let (obj, base) = (self.obj, self.base);
        let Some(j) = fields::get(obj, base, "judgement", false, self.report) else {
            if required {
                self.push(&rules::JUDGEMENT_REQUIRED, self.path("judgement"));
            }
            return;
        };
        match j.as_str() {
            None => self.push(&rules::TYPE, self.path("judgement")),
            Some(code) if !self.options.judgement_allowed(code) => {
                self.push(&rules::JUDGEMENT_UNKNOWN, self.path("judgement"));
            }
            Some(_) => {}
        }
    }

    /// The voucher the checkup was done under (受診票 returned with the result).
    fn voucher(&mut self, visit: Option<u64>, week: Option<u32>) {
        let Some(v) = self.obj.get("voucher").filter(|v| !v.is_null()) else {
            return;
        };
        let vbase = self.path("voucher");
        let read = validate_voucher_at(v, self.options, &vbase, self.report);
        if let (Some(vk), Some(k)) = (read.kind, self.kind) {
            if vk != k.kind {
                self.push(&rules::VOUCHER_KIND, fields::join(&vbase, "kind"));
            }
        }
        if let (Some(date), Some(from), Some(to)) = (self.date, read.valid_from, read.valid_to) {
            if date < from || date > to {
                self.push(&rules::VOUCHER_NOT_VALID, self.path("date"));
            }
        }
        let birth_differs = matches!((read.birth, self.birth), (Some(a), Some(b)) if a != b);
        let sex_differs = matches!((read.sex, self.sex), (Some(a), Some(b)) if a != b);
        if birth_differs || sex_differs {
            self.push(&rules::VOUCHER_PERSON, format!("{vbase}/person"));
        }
        if let (Some(a), Some(b)) = (read.visit_number, visit) {
            if a != b {
                self.push(&rules::VOUCHER_VISIT, fields::join(&vbase, "visitNumber"));
            }
        }
        if let (None, Some(n), Some(w), Some(CheckupKind::Prenatal)) =
            (visit, read.visit_number, week, read.kind)
        {
            if n > u64::from(max_prenatal_visits_by_week(w)) {
                self.push(
                    &rules::VISIT_NUMBER_WEEK,
                    fields::join(&vbase, "visitNumber"),
                );
            }
        }
        if let (Some(edd), Some(date), Some(w)) = (read.expected_delivery, self.date, week) {
            let from_edd = gestational_age_on(edd, date).map(|(weeks, _)| weeks);
            if from_edd.is_none_or(|e| e.abs_diff(w) > 1) {
                self.push(
                    &rules::GESTATION_EDD_MISMATCH,
                    format!("{}/pregnancy/gestationalWeeks", self.base),
                );
            }
        }
    }
}

/// Reads `gestationalWeeks` (in `lo..=hi`) and `gestationalDays` (0–6) of `obj`.
fn gestation(obj: &Obj, base: &str, lo: u64, hi: u64, report: &mut Report) -> Option<u32> {
    let weeks = fields::get(obj, base, "gestationalWeeks", false, report).and_then(|v| {
        let path = fields::join(base, "gestationalWeeks");
        match v.as_i64() {
            None => {
                report.push(&rules::TYPE, path);
                None
            }
            Some(w) if w < 0 || !(lo..=hi).contains(&w.unsigned_abs()) => {
                report.push(&rules::GESTATION_IMPOSSIBLE, path);
                None
            }
            Some(w) => u32::try_from(w).ok(),
        }
    });
    if let Some(v) = fields::get(obj, base, "gestationalDays", false, report) {
        let path = fields::join(base, "gestationalDays");
        match v.as_i64() {
            None => report.push(&rules::TYPE, path),
            Some(d) if !(0..=6).contains(&d) => report.push(&rules::GESTATION_IMPOSSIBLE, path),
            Some(_) => {}
        }
    }
    weeks
}
