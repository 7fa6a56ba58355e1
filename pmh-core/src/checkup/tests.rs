//! Tests of the checkup kinds, windows, growth, vouchers, questionnaires,
//! results, messages and FHIR export.

use super::*;
use crate::validate::{Report, Severity};
use chrono::NaiveDate;
use serde_json::{json, Value};

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

fn opts() -> CheckupOptions {
    CheckupOptions::default().with_today(d(2026, 1, 1))
}

fn check(v: &Value) -> Report {
    validate_result_with(v, &opts())
}

const SAMPLE_RESULT: &str = include_str!("../../../samples/checkup/result-3-4m.json");
const SAMPLE_VOUCHER: &str = include_str!("../../../samples/checkup/voucher-3-4m.json");
const SAMPLE_QUESTIONNAIRE: &str = include_str!("../../../samples/checkup/questionnaire-3-4m.json");
const SAMPLE_REGISTER: &str = include_str!("../../../samples/checkup/results-register.json");
const SAMPLE_ISSUE: &str = include_str!("../../../samples/checkup/vouchers-issue.json");

fn sample(s: &str) -> Value {
    serde_json::from_str(s).unwrap()
}

/// A complete 1歳6か月 result for a girl born 2022-10-15, examined 2024-06-01.
fn toddler() -> Value {
    json!({
        "kind": "toddler-18m", "date": "2024-06-01",
        "person": {"birthDate": "2022-10-15", "sex": "2"},
        "measurements": {"heightCm": 80.0, "weightKg": 10.2, "headCm": 46.5, "chestCm": 47.0},
        "birth": {"weightG": 2980, "gestationalWeeks": 39},
        "findings": {
            "nutrition": "none", "spineChest": "none", "skin": "none", "limbMotor": "none",
            "mentalDevelopment": "none", "speech": "present", "immunizationStatus": "none",
            "parentingIssues": "none", "otherDiseases": "none"
        },
        "dental": {"teeth": 16, "cariesTeeth": 0, "cariesType": "O1"},
        "judgement": "observation"
    })
}

/// A complete 3歳 result for a boy born 2021-06-01, examined 2024-09-01.
fn three() -> Value {
    json!({
        "kind": "child-3y", "date": "2024-09-01",
        "person": {"birthDate": "2021-06-01", "sex": "1"},
        "measurements": {"heightCm": 95.0, "weightKg": 14.0, "headCm": 49.5},
        "findings": {
            "nutrition": "none", "spineChest": "none", "skin": "none", "eyes": "none", "earNoseThroat": "none",
            "limbMotor": "none", "mentalDevelopment": "none", "speech": "none", "immunizationStatus": "none",
            "parentingIssues": "none", "otherDiseases": "none"
        },
        "dental": {"teeth": 20, "cariesTeeth": 2, "cariesType": "A"},
        "vision": {"acuityRight": 0.6, "acuityLeft": 0.5, "result": "pass"},
        "hearing": {"result": "pass", "method": "whisper"},
        "urine": {"protein": "-", "glucose": "−", "occultBlood": "±"},
        "judgement": "no-abnormality"
    })
}

fn prenatal() -> Value {
    json!({
        "kind": "prenatal", "date": "2025-09-01", "visitNumber": 8,
        "person": {"birthDate": "1993-05-20", "sex": "2"},
        "measurements": {"weightKg": 58.5},
        "bloodPressure": {"systolic": 118, "diastolic": 72},
        "urine": {"protein": "-", "glucose": "-"},
        "pregnancy": {"gestationalWeeks": 28, "gestationalDays": 3, "fundalHeightCm": 26.0, "abdominalCm": 86.0, "edema": "-"}
    })
}

fn with_date(mut v: Value, date: &str) -> Value {
    v["date"] = json!(date);
    v
}

fn errors(r: &Report) -> Vec<(&'static str, String)> {
    r.issues()
        .iter()
        .filter(|i| i.is_error())
        .map(|i| (i.code, i.path.clone()))
        .collect()
}

// ---- kinds table ----

#[test]
fn kinds_table_is_complete_and_consistent() {
    assert_eq!(KINDS.len(), CheckupKind::ALL.len());
    for (i, kind) in CheckupKind::ALL.iter().enumerate() {
        let info = &KINDS[i];
        assert_eq!(info.kind, *kind, "KINDS must follow the enum order");
        assert_eq!(CheckupKind::from_id(info.id), Some(*kind));
        assert_eq!(serde_json::to_value(kind).unwrap(), json!(info.id));
        for id in info
            .items
            .iter()
            .chain(info.mandatory)
            .chain(info.recommended)
        {
            assert!(item_by_id(id).is_some(), "{id}");
        }
        for id in info.mandatory.iter().chain(info.recommended) {
            assert!(info.items.contains(id), "{} {id}", info.id);
        }
        assert!(!questions(*kind).is_empty());
        assert!(!info.source.is_empty());
    }
    let ids = [
        "prenatal",
        "postpartum",
        "newborn-hearing",
        "infant-1m",
        "infant-3-4m",
        "infant-6-7m",
        "infant-9-10m",
        "toddler-18m",
        "child-3y",
        "child-5y",
    ];
    assert_eq!(KINDS.map(|k| k.id), ids);
    // 施行規則 第2条: 11 items at 1歳6か月, 13 at 3歳.
    assert_eq!(CheckupKind::Toddler18m.info().mandatory.len(), 11);
    assert_eq!(CheckupKind::Child3y.info().mandatory.len(), 13);
    assert!(CheckupKind::Toddler18m.is_statutory() && CheckupKind::Child3y.is_statutory());
    assert_eq!(
        KINDS.iter().filter(|k| k.basis == Basis::Article12).count(),
        2
    );
    // 胸囲 is not measured at 3 years.
    assert!(!CheckupKind::Child3y.info().items.contains(&"chest"));
}

#[test]
fn prenatal_schedule_counts_14_visits() {
    assert_eq!(max_prenatal_visits_by_week(40), 16);
    assert_eq!(max_prenatal_visits_by_week(38), PRENATAL_STANDARD_VISITS);
    assert_eq!(max_prenatal_visits_by_week(24), 6);
    assert_eq!(
        gestational_age_on(d(2025, 12, 1), d(2025, 2, 24)),
        Some((0, 0))
    );
    assert_eq!(gestational_age_on(d(2025, 12, 1), d(2025, 2, 23)), None);
    assert_eq!(
        gestational_age_on(d(2025, 12, 1), d(2026, 1, 11)),
        Some((45, 6))
    );
    assert_eq!(gestational_age_on(d(2025, 12, 1), d(2026, 1, 12)), None);
}

// ---- statutory windows, by one day ----

#[test]
fn toddler_18m_window_by_one_day() {
    // Born 2022-10-15: reaches 1歳6か月 at the end of 2024-04-14 and 2歳 at the end of 2024-10-14.
    for (date, inside) in [
        ("2024-04-14", false),
        ("2024-04-15", true),
        ("2024-10-14", true),
        ("2024-10-15", false),
    ] {
        let r = check(&with_date(toddler(), date));
        assert_eq!(
            r.has_at("checkup.result.window", "/date"),
            !inside,
            "{date}: {:?}",
            r.issues()
        );
        assert_eq!(r.is_ok(), inside, "{date}: {:?}", errors(&r));
    }
}

#[test]
fn child_3y_window_by_one_day() {
    for (date, inside) in [
        ("2024-05-31", false),
        ("2024-06-01", true),
        ("2025-05-31", true),
        ("2025-06-01", false),
    ] {
        let r = check(&with_date(three(), date));
        assert_eq!(
            r.has_at("checkup.result.window", "/date"),
            !inside,
            "{date}"
        );
        assert_eq!(r.is_ok(), inside, "{date}: {:?}", errors(&r));
    }
}

#[test]
fn statutory_windows_at_month_ends_and_leap_days() {
    // Born 2020-08-31: no Feb 31, so 1歳6か月 is reached at the end of 2022-02-28.
    let mut v = toddler();
    v["person"]["birthDate"] = json!("2020-08-31");
    for (date, inside) in [
        ("2022-02-28", false),
        ("2022-03-01", true),
        ("2022-08-30", true),
        ("2022-08-31", false),
    ] {
        assert_eq!(
            check(&with_date(v.clone(), date)).has("checkup.result.window"),
            !inside,
            "{date}"
        );
    }
    // Born 2020-02-29: 3 years reached at the end of 2023-02-28, 4 years at the end of 2024-02-28.
    let mut v = three();
    v["person"]["birthDate"] = json!("2020-02-29");
    for (date, inside) in [
        ("2023-02-28", false),
        ("2023-03-01", true),
        ("2024-02-28", true),
        ("2024-02-29", false),
    ] {
        assert_eq!(
            check(&with_date(v.clone(), date)).has("checkup.result.window"),
            !inside,
            "{date}"
        );
    }
}

#[test]
fn infant_windows_warn_and_legal_limit_errs() {
    let base = sample(SAMPLE_RESULT);
    let mut v = base.clone();
    v.as_object_mut().unwrap().remove("voucher");
    // 3〜4か月: born 2025-04-10 → 2025-07-10 … 2025-09-09 usual.
    for (date, typical, legal) in [
        ("2025-07-09", false, true),
        ("2025-07-10", true, true),
        ("2025-09-09", true, true),
        ("2025-09-10", false, true),
        ("2026-04-09", false, true),
        ("2026-04-10", false, false),
    ] {
        let r = validate_result_with(
            &with_date(v.clone(), date),
            &opts().with_today(d(2027, 1, 1)),
        );
        assert_eq!(r.has("checkup.result.window"), !legal, "{date}");
        assert_eq!(
            r.has("checkup.result.window_typical"),
            legal && !typical,
            "{date}"
        );
    }
    // 1か月: day 28–41 (born 2025-04-10: 2025-05-08 … 2025-05-21).
    let one = json!({"kind": "infant-1m", "person": {"birthDate": "2025-04-10", "sex": "2"},
        "measurements": {"heightCm": 53.0, "weightKg": 4.0, "headCm": 36.5}, "findings": {"nutrition": "none"},
        "confirmations": {"vitaminK2": true, "hearingScreening": true, "metabolicScreening": true},
        "judgement": "no-abnormality"});
    for (date, typical) in [
        ("2025-05-07", false),
        ("2025-05-08", true),
        ("2025-05-21", true),
        ("2025-05-22", false),
    ] {
        let r = check(&with_date(one.clone(), date));
        assert_eq!(
            r.has("checkup.result.window_typical"),
            !typical,
            "{date}: {:?}",
            r.issues()
        );
        assert!(r.is_ok());
    }
    // Before birth.
    assert!(check(&with_date(one, "2025-04-09")).has_at("checkup.result.before_birth", "/date"));
}

#[test]
fn child_5y_window_is_the_union_of_municipal_readings() {
    let v = json!({"kind": "child-5y", "person": {"birthDate": "2019-06-10", "sex": "1"},
        "measurements": {"heightCm": 108.0, "weightKg": 17.5}, "judgement": "no-abnormality"});
    // FY in which 5 is reached: FY2024 (from 2024-04-01); 6 reached at the end of 2025-06-09.
    for (date, warn, err) in [
        ("2024-03-31", true, false),
        ("2024-04-01", false, false),
        ("2025-06-09", false, false),
        ("2025-06-10", true, false),
        ("2026-03-31", true, false),
        ("2026-04-01", false, true), // school entry
    ] {
        let r = validate_result_with(
            &with_date(v.clone(), date),
            &opts().with_today(d(2027, 1, 1)),
        );
        assert_eq!(r.has("checkup.result.window_typical"), warn, "{date}");
        assert_eq!(r.has("checkup.result.window"), err, "{date}");
    }
}

// ---- samples ----

#[test]
fn samples_are_valid() {
    let r = check(&sample(SAMPLE_RESULT));
    assert!(r.issues().is_empty(), "{:?}", r.issues());
    let r = validate_voucher_with(&sample(SAMPLE_VOUCHER), &opts());
    assert!(r.issues().is_empty(), "{:?}", r.issues());
    let r = questionnaire::validate_questionnaire_with(&sample(SAMPLE_QUESTIONNAIRE), &opts());
    assert!(r.issues().is_empty(), "{:?}", r.issues());
    let r = messages::validate_result_register_with(&sample(SAMPLE_REGISTER), &opts());
    assert!(r.issues().is_empty(), "{:?}", r.issues());
    let r = messages::validate_voucher_issue_with(&sample(SAMPLE_ISSUE), &opts());
    assert!(r.issues().is_empty(), "{:?}", r.issues());
    // The registry reaches the validators.
    for (name, s) in [
        ("checkup.result", SAMPLE_RESULT),
        ("checkup.voucher", SAMPLE_VOUCHER),
        ("checkup.questionnaire", SAMPLE_QUESTIONNAIRE),
        ("checkup.questionnaire.submit", SAMPLE_QUESTIONNAIRE),
        ("checkup.result.register", SAMPLE_REGISTER),
        ("checkup.voucher.issue", SAMPLE_ISSUE),
    ] {
        assert!(
            crate::messages::validate(name, &sample(s)).unwrap().is_ok(),
            "{name}"
        );
    }
    assert!(toddler_ok());
    assert!(
        check(&three()).issues().is_empty(),
        "{:?}",
        check(&three()).issues()
    );
    assert!(
        check(&prenatal()).issues().is_empty(),
        "{:?}",
        check(&prenatal()).issues()
    );
}

fn toddler_ok() -> bool {
    let r = check(&toddler());
    r.issues().is_empty() || panic!("{:?}", r.issues())
}

// ---- growth ----

#[test]
fn growth_at_p3_and_just_outside() {
    let mut v = sample(SAMPLE_RESULT);
    // Boy, 3 months: weight P3 5.22 / P97 7.84; height P3 58.0 / P97 65.9; head P3 38.5 / P97 43.3.
    for (field, value, code) in [
        ("weightKg", 5.22, None),
        ("weightKg", 5.21, Some("checkup.result.growth_below_p3")),
        ("weightKg", 7.84, None),
        ("weightKg", 7.85, Some("checkup.result.growth_above_p97")),
        ("heightCm", 58.0, None),
        ("heightCm", 57.9, Some("checkup.result.growth_below_p3")),
        ("heightCm", 66.0, Some("checkup.result.growth_above_p97")),
        ("headCm", 38.5, None),
        ("headCm", 43.4, Some("checkup.result.growth_above_p97")),
    ] {
        v["measurements"][field] = json!(value);
        let r = check(&v);
        let path = format!("/measurements/{field}");
        let growth: Vec<_> = r
            .issues()
            .iter()
            .filter(|i| i.code.starts_with("checkup.result.growth"))
            .collect();
        match code {
            None => assert!(growth.is_empty(), "{field} {value}: {growth:?}"),
            Some(code) => {
                assert!(r.has_at(code, &path), "{field} {value}");
                assert_eq!(growth.len(), 1);
                assert!(r.is_ok(), "growth outside P3–P97 is only a warning");
            }
        }
        v = sample(SAMPLE_RESULT);
    }
    // Girls use their own column: 7.84 kg is above the girls' P97 (7.24).
    v["person"]["sex"] = json!("2");
    v["voucher"]["person"]["sex"] = json!("2");
    v["measurements"]["weightKg"] = json!(7.3);
    assert!(check(&v).has_at("checkup.result.growth_above_p97", "/measurements/weightKg"));
}

#[test]
fn growth_reference_bands_and_interpolation() {
    let birth = d(2024, 1, 15);
    let r = growth_reference(Measure::Weight, Sex::Female, birth, d(2025, 9, 1)).unwrap(); // 1歳7か月
    assert_eq!(
        (r.row, r.percentiles.p3, r.percentiles.p97, r.interpolated),
        ("1歳6〜12か月未満", 8.50, 12.43, false)
    );
    // Birth day and day 30 are point rows.
    let r = growth_reference(Measure::Height, Sex::Male, birth, birth).unwrap();
    assert_eq!((r.row, r.percentiles.p50), ("出生時", 49.4));
    // 4 months: between 3〜4 and 6〜7 months, strictly between their values.
    let r = growth_reference(Measure::Weight, Sex::Male, birth, d(2024, 5, 30)).unwrap();
    assert!(
        r.interpolated && r.percentiles.p3 > 5.22 && r.percentiles.p3 < 6.40,
        "{r:?}"
    );
    // 1 year: 9〜10 and 1歳6か月 rows are too far apart: no reference.
    assert!(growth_reference(Measure::Weight, Sex::Male, birth, d(2025, 1, 20)).is_none());
    // No head circumference from 3 years in the 2023 table.
    assert!(growth_reference(Measure::Head, Sex::Male, birth, d(2027, 3, 1)).is_none());
    assert!(growth_reference(Measure::Weight, Sex::Male, birth, d(2027, 3, 1)).is_some());
    // Before birth.
    assert!(growth_reference(Measure::Weight, Sex::Male, birth, d(2024, 1, 14)).is_none());
    // Every row is ordered P3 ≤ P50 ≤ P97 and rows grow with age.
    for row in TABLE_2023 {
        for p in row
            .weight
            .iter()
            .chain(&row.height)
            .chain(row.head.iter().flatten())
        {
            assert!(p.p3 < p.p50 && p.p50 < p.p97, "{}", row.label);
        }
    }
    for pair in TABLE_2023.windows(2) {
        assert!(pair[0].weight[0].p50 < pair[1].weight[0].p50);
        assert!(pair[0].height[1].p50 < pair[1].height[1].p50);
    }
}

#[test]
fn impossible_measurements_are_errors() {
    for (field, value) in [
        ("weightKg", 0.1),
        ("weightKg", 80.0),
        ("heightCm", 300.0),
        ("headCm", -5.0),
        ("chestCm", 0.0),
    ] {
        let mut v = sample(SAMPLE_RESULT);
        v["measurements"][field] = json!(value);
        let r = check(&v);
        let path = format!("/measurements/{field}");
        assert!(
            r.has_at("checkup.result.measurement_impossible", &path),
            "{field} {value}"
        );
        assert!(
            !r.has("checkup.result.growth_below_p3") && !r.has("checkup.result.growth_above_p97")
        );
    }
    let mut v = sample(SAMPLE_RESULT);
    v["measurements"]["weightKg"] = json!("6.4");
    v["birth"]["weightG"] = json!(200);
    v["birth"]["gestationalWeeks"] = json!(60);
    v["birth"]["gestationalDays"] = json!(7);
    v["birth"]["lengthCm"] = json!(80);
    let r = check(&v);
    for (code, path) in [
        ("checkup.type", "/measurements/weightKg"),
        ("checkup.result.birth_weight_impossible", "/birth/weightG"),
        (
            "checkup.result.gestation_impossible",
            "/birth/gestationalWeeks",
        ),
        (
            "checkup.result.gestation_impossible",
            "/birth/gestationalDays",
        ),
        ("checkup.result.measurement_impossible", "/birth/lengthCm"),
    ] {
        assert!(r.has_at(code, path), "{code} {path}: {:?}", r.issues());
    }
}

// ---- mandatory items ----

#[test]
fn missing_mandatory_items_of_statutory_checkups() {
    let mut v = toddler();
    v["findings"].as_object_mut().unwrap().remove("spineChest");
    v["findings"]["speech"] = json!("notExamined");
    v.as_object_mut().unwrap().remove("dental");
    v["measurements"]
        .as_object_mut()
        .unwrap()
        .remove("heightCm");
    let r = check(&v);
    assert!(r.has_at("checkup.result.mandatory_missing", "/findings/spineChest"));
    assert!(r.has_at("checkup.result.mandatory_missing", "/dental"));
    assert!(r.has_at("checkup.result.mandatory_missing", "/measurements/heightCm"));
    assert!(r.has_at("checkup.result.mandatory_not_examined", "/findings/speech"));
    assert_eq!(r.error_count(), 3, "{:?}", r.issues());

    // 3歳 adds eyes and ENT; the 18-month set is not enough.
    let mut v = three();
    v["findings"].as_object_mut().unwrap().remove("eyes");
    v["findings"]
        .as_object_mut()
        .unwrap()
        .remove("earNoseThroat");
    let r = check(&v);
    assert!(r.has_at("checkup.result.mandatory_missing", "/findings/eyes"));
    assert!(r.has_at(
        "checkup.result.mandatory_missing",
        "/findings/earNoseThroat"
    ));
    // A bare 3歳 result misses all 13 items.
    let bare = json!({"kind": "child-3y", "date": "2024-09-01", "person": {"birthDate": "2021-06-01", "sex": "1"},
        "judgement": "no-abnormality"});
    assert_eq!(
        check(&bare)
            .issues()
            .iter()
            .filter(|i| i.code == "checkup.result.mandatory_missing")
            .count(),
        13
    );
    // Non-statutory kinds have no mandatory items, only recommended ones.
    let mut v = sample(SAMPLE_RESULT);
    v.as_object_mut().unwrap().remove("measurements");
    let r = check(&v);
    assert!(r.is_ok());
    assert!(r.has_at(
        "checkup.result.recommended_missing",
        "/measurements/heightCm"
    ));
}

#[test]
fn items_outside_the_kind_warn() {
    let mut v = three();
    v["measurements"]["chestCm"] = json!(50.0);
    v["pregnancy"] = json!({"gestationalWeeks": 20});
    v["findings"]["madeUp"] = json!("none");
    v["findings"]["nutrition"] = json!("fine");
    let r = check(&v);
    assert!(r.has_at("checkup.result.item_not_in_kind", "/measurements/chestCm"));
    assert!(r.has_at(
        "checkup.result.item_not_in_kind",
        "/pregnancy/gestationalWeeks"
    ));
    assert!(r.has_at("checkup.unknown_field", "/findings/madeUp"));
    assert!(r.has_at("checkup.enum", "/findings/nutrition"));
}

// ---- judgement ----

#[test]
fn municipal_judgement_list() {
    let mut v = toddler();
    v["judgement"] = json!("要精査");
    assert!(check(&v).has_at("checkup.result.judgement_unknown", "/judgement"));
    let municipal = opts().with_judgement_codes(["健康", "要観察", "要精査"]);
    assert!(validate_result_with(&v, &municipal).is_ok());
    v["judgement"] = json!("observation");
    assert!(validate_result_with(&v, &municipal)
        .has_at("checkup.result.judgement_unknown", "/judgement"));
    assert!(check(&v).is_ok());
    v.as_object_mut().unwrap().remove("judgement");
    assert!(check(&v).has_at("checkup.result.judgement_required", "/judgement"));
    v["judgement"] = json!(3);
    assert!(check(&v).has_at("checkup.type", "/judgement"));
    // Prenatal visits need none.
    assert!(!check(&prenatal()).has("checkup.result.judgement_required"));
    // The register message accepts options too.
    let msg = json!({"results": [with_date(toddler(), "2024-06-01")]});
    assert!(!messages::validate_result_register_with(&msg, &municipal).is_ok());
}

// ---- dental, vision, urine ----

#[test]
fn dental_schemes() {
    let cases = [
        (
            toddler(),
            json!({"teeth": 21, "cariesTeeth": 0, "cariesType": "O2"}),
            Some(("checkup.result.teeth_range", "/dental/teeth")),
        ),
        (
            toddler(),
            json!({"teeth": 8, "cariesTeeth": 9, "cariesType": "C"}),
            Some(("checkup.result.caries_count", "/dental/cariesTeeth")),
        ),
        (
            toddler(),
            json!({"teeth": 16, "cariesTeeth": 2, "cariesType": "C1"}),
            Some(("checkup.result.caries_type", "/dental/cariesType")),
        ),
        (
            toddler(),
            json!({"teeth": 16, "cariesTeeth": 2, "cariesType": "O1"}),
            Some(("checkup.result.caries_type_count", "/dental/cariesType")),
        ),
        (
            toddler(),
            json!({"teeth": 16, "cariesTeeth": 0, "cariesType": "A"}),
            Some(("checkup.result.caries_type_count", "/dental/cariesType")),
        ),
        (
            toddler(),
            json!({"teeth": 16, "cariesTeeth": 0}),
            Some(("checkup.required", "/dental/cariesType")),
        ),
        (
            toddler(),
            json!({"teeth": -1, "cariesTeeth": 0, "cariesType": "O1"}),
            Some(("checkup.result.teeth_range", "/dental/teeth")),
        ),
        (
            toddler(),
            json!({"teeth": 16, "cariesTeeth": 3, "cariesType": "B"}),
            None,
        ),
        (
            three(),
            json!({"teeth": 20, "cariesTeeth": 4, "cariesType": "C2"}),
            None,
        ),
        (
            three(),
            json!({"teeth": 20, "cariesTeeth": 0, "cariesType": "O"}),
            None,
        ),
        (
            three(),
            json!({"teeth": 20, "cariesTeeth": 0, "cariesType": "O1"}),
            Some(("checkup.result.caries_type", "/dental/cariesType")),
        ),
    ];
    for (mut v, dental, expect) in cases {
        v["dental"] = dental.clone();
        let r = check(&v);
        match expect {
            None => assert!(r.is_ok(), "{dental}: {:?}", r.issues()),
            Some((code, path)) => assert!(r.has_at(code, path), "{dental}: {:?}", r.issues()),
        }
    }
}

#[test]
fn vision_hearing_and_urine() {
    let mut v = three();
    v["vision"] = json!({"acuityRight": 0.4, "acuityLeft": 0.6, "result": "pass"});
    v["hearing"] = json!({"result": "maybe"});
    v["urine"] = json!({"protein": "++", "glucose": "-"});
    let r = check(&v);
    assert!(r.has_at("checkup.result.vision_pass_below", "/vision/result"));
    assert!(r.has_at("checkup.enum", "/hearing/result"));
    assert!(r.has_at("checkup.enum", "/urine/protein"));
    v["vision"] = json!({"acuityRight": 3.0, "result": "refer"});
    v["urine"] = json!({"protein": "+"});
    let r = check(&v);
    assert!(r.has_at("checkup.result.acuity_range", "/vision/acuityRight"));
    assert!(r.has_at("checkup.required", "/urine/glucose"));
    // Newborn hearing screening.
    let nb = json!({"kind": "newborn-hearing", "date": "2025-04-12", "person": {"birthDate": "2025-04-10", "sex": "1"},
        "hearingScreening": {"stage": "initial", "method": "aabr", "right": "pass", "left": "refer"}});
    assert!(check(&nb).issues().is_empty(), "{:?}", check(&nb).issues());
    let mut bad = nb.clone();
    bad.as_object_mut().unwrap().remove("hearingScreening");
    assert!(check(&bad).has_at("checkup.result.mandatory_missing", "/hearingScreening"));
    assert!(check(&with_date(nb.clone(), "2025-05-10")).has("checkup.result.window_typical"));
    assert!(check(&with_date(nb, "2025-10-10")).has("checkup.result.window"));
}

// ---- prenatal and postpartum ----

#[test]
fn prenatal_blood_pressure_and_gestation() {
    for (sys, dia, code) in [
        (139, 89, None),
        (140, 80, Some("checkup.result.blood_pressure_high")),
        (120, 90, Some("checkup.result.blood_pressure_high")),
        (150, 160, Some("checkup.result.blood_pressure_impossible")),
        (400, 80, Some("checkup.result.blood_pressure_impossible")),
    ] {
        let mut v = prenatal();
        v["bloodPressure"] = json!({"systolic": sys, "diastolic": dia});
        let r = check(&v);
        let bp: Vec<_> = r
            .issues()
            .iter()
            .filter(|i| i.code.contains("blood_pressure"))
            .collect();
        match code {
            None => assert!(bp.is_empty()),
            Some(code) => {
                assert!(r.has_at(code, "/bloodPressure"), "{sys}/{dia}");
                assert_eq!(r.is_ok(), code.ends_with("high"));
            }
        }
    }
    let mut v = prenatal();
    v["pregnancy"]["gestationalWeeks"] = json!(50);
    assert!(check(&v).has_at(
        "checkup.result.gestation_impossible",
        "/pregnancy/gestationalWeeks"
    ));
    v["pregnancy"]["gestationalWeeks"] = json!(43);
    let r = check(&v);
    assert!(
        r.has_at(
            "checkup.result.gestation_typical",
            "/pregnancy/gestationalWeeks"
        ) && r.is_ok()
    );
    v.as_object_mut().unwrap().remove("pregnancy");
    assert!(check(&v).has_at(
        "checkup.result.mandatory_missing",
        "/pregnancy/gestationalWeeks"
    ));
    // Recommended every-visit items (告示 第二) warn when missing.
    let mut v = prenatal();
    v.as_object_mut().unwrap().remove("urine");
    let r = check(&v);
    assert!(r.has_at("checkup.result.recommended_missing", "/urine") && r.is_ok());
    // The mother's weight uses adult limits.
    let mut v = prenatal();
    v["measurements"]["weightKg"] = json!(5.0);
    assert!(check(&v).has_at(
        "checkup.result.measurement_impossible",
        "/measurements/weightKg"
    ));
    v["person"]["sex"] = json!("1");
    assert!(check(&v).has_at("checkup.sex_mother", "/person/sex"));
}

#[test]
fn prenatal_visit_number_fits_the_week() {
    let mut v = prenatal(); // visit 8 at week 28: allowed up to 8 (4, 8, 12, 16, 20, 24, 26, 28).
    assert!(!check(&v).has("checkup.voucher.visit_number_week"));
    v["visitNumber"] = json!(9);
    assert!(check(&v).has_at("checkup.voucher.visit_number_week", "/visitNumber"));
    v["visitNumber"] = json!(15);
    assert!(check(&v).has_at("checkup.voucher.visit_number_over_standard", "/visitNumber"));
    v["visitNumber"] = json!(0);
    assert!(check(&v).has_at("checkup.voucher.visit_number_range", "/visitNumber"));
    // Through the voucher: its number and due date are checked against the week.
    let mut v = prenatal();
    v.as_object_mut().unwrap().remove("visitNumber");
    v["voucher"] = json!({"number": "P-8", "municipalityCode": "131016", "kind": "prenatal", "visitNumber": 12,
        "validFrom": "2025-04-01", "validTo": "2026-03-31", "subsidyAmount": 5000,
        "person": {"birthDate": "1993-05-20", "sex": "2"}, "expectedDeliveryDate": "2025-11-20"});
    let r = check(&v);
    assert!(
        r.has_at("checkup.voucher.visit_number_week", "/voucher/visitNumber"),
        "{:?}",
        r.issues()
    );
    // 2025-09-01 with EDD 2025-11-20 is 28w4d: matches week 28.
    assert!(!r.has("checkup.result.gestation_edd_mismatch"));
    v["voucher"]["expectedDeliveryDate"] = json!("2025-12-20");
    assert!(check(&v).has_at(
        "checkup.result.gestation_edd_mismatch",
        "/pregnancy/gestationalWeeks"
    ));
}

#[test]
fn postpartum_epds_and_delivery_window() {
    let pp = json!({"kind": "postpartum", "date": "2025-07-15", "visitNumber": 1,
        "person": {"birthDate": "1990-01-01"},
        "measurements": {"weightKg": 55.0}, "bloodPressure": {"systolic": 110, "diastolic": 70},
        "urine": {"protein": "-", "glucose": "-"},
        "postpartum": {"deliveryDate": "2025-07-01", "epdsTotal": 4, "epdsItem10": 0},
        "judgement": "no-abnormality"});
    assert!(check(&pp).issues().is_empty(), "{:?}", check(&pp).issues());
    let mut v = pp.clone();
    v["postpartum"]["epdsTotal"] = json!(9);
    assert!(check(&v).has_at("checkup.result.epds_support", "/postpartum"));
    v["postpartum"]["epdsTotal"] = json!(2);
    v["postpartum"]["epdsItem10"] = json!(1);
    assert!(check(&v).has_at("checkup.result.epds_support", "/postpartum"));
    v["postpartum"]["epdsTotal"] = json!(31);
    assert!(check(&v).has_at("checkup.result.epds_range", "/postpartum/epdsTotal"));
    let mut v = pp.clone();
    v["postpartum"]["deliveryDate"] = json!("2025-07-16");
    assert!(check(&v).has_at("checkup.result.delivery_date", "/postpartum/deliveryDate"));
    // 産婦 = within a year of delivery: 2026-06-30 is the last day.
    assert!(!check(&with_date(pp.clone(), "2025-12-31")).has("checkup.result.window"));
    let late = validate_result_with(
        &with_date(pp.clone(), "2026-07-01"),
        &opts().with_today(d(2027, 1, 1)),
    );
    assert!(late.has_at("checkup.result.window", "/date"));
    let mut v = sample(SAMPLE_RESULT);
    v["visitNumber"] = json!(u64::MAX);
    assert!(check(&v).has_at("checkup.voucher.visit_number_range", "/visitNumber"));
    v["visitNumber"] = json!(1);
    assert!(check(&v).has_at("checkup.voucher.visit_number_unexpected", "/visitNumber"));
    assert!(CheckupResult::from_value(&v, &opts()).is_ok());
    let mut v = pp;
    v["visitNumber"] = json!(3);
    assert!(check(&v).has_at("checkup.voucher.visit_number_range", "/visitNumber"));
}

// ---- vouchers ----

#[test]
fn voucher_rules() {
    let good = sample(SAMPLE_VOUCHER);
    let mut v = good.clone();
    v["municipalityCode"] = json!("131017");
    v["number"] = json!("番号");
    v["validFrom"] = json!("2025-10-01");
    v["subsidyAmount"] = json!(-1);
    v["visitNumber"] = json!(2);
    let r = validate_voucher_with(&v, &opts());
    for (code, path) in [
        ("ids.municipality.check_digit", "/municipalityCode"),
        ("checkup.voucher.number", "/number"),
        ("checkup.voucher.valid_range", "/validFrom"),
        ("checkup.voucher.amount", "/subsidyAmount"),
        ("checkup.voucher.visit_number_unexpected", "/visitNumber"),
    ] {
        assert!(r.has_at(code, path), "{code}: {:?}", r.issues());
    }
    // Validity outside the child's window.
    let mut v = good.clone();
    v["kind"] = json!("toddler-18m");
    let r = validate_voucher_with(&v, &opts());
    assert!(r.has_at("checkup.voucher.outside_window", "/validFrom"));
    let mut v = good.clone();
    v["validFrom"] = json!("2025-05-01");
    v["validTo"] = json!("2025-06-30");
    assert!(validate_voucher_with(&v, &opts())
        .has_at("checkup.voucher.outside_typical_window", "/validFrom"));
    // Prenatal vouchers need a visit number.
    let mut v = good.clone();
    v["kind"] = json!("prenatal");
    v["person"] = json!({"birthDate": "1993-05-20", "sex": "2"});
    assert!(validate_voucher_with(&v, &opts())
        .has_at("checkup.voucher.visit_number_required", "/visitNumber"));
    v["visitNumber"] = json!(3);
    v["expectedDeliveryDate"] = json!("2025-11-20");
    assert!(validate_voucher_with(&v, &opts()).issues().is_empty());
    // Typed view.
    let typed: Voucher = serde_json::from_value(good).unwrap();
    assert!(typed.is_valid_on(d(2025, 9, 9)) && !typed.is_valid_on(d(2025, 9, 10)));
}

#[test]
fn result_against_its_voucher() {
    let r = check(&with_date(sample(SAMPLE_RESULT), "2025-09-10"));
    assert!(r.has_at("checkup.result.voucher_not_valid", "/date"));
    let r = check(&with_date(sample(SAMPLE_RESULT), "2025-09-09"));
    assert!(r.is_ok());
    let mut v = sample(SAMPLE_RESULT);
    v["voucher"]["kind"] = json!("infant-6-7m");
    v["voucher"]["person"]["birthDate"] = json!("2025-04-11");
    let r = check(&v);
    assert!(r.has_at("checkup.result.voucher_kind", "/voucher/kind"));
    assert!(r.has_at("checkup.result.voucher_person", "/voucher/person"));
    let mut v = sample(SAMPLE_RESULT);
    v["voucher"]["municipalityCode"] = json!("12");
    assert!(check(&v).has_at("ids.municipality.length", "/voucher/municipalityCode"));
}

#[test]
fn voucher_issue_duplicates() {
    let v = sample(SAMPLE_VOUCHER);
    let r = messages::validate_voucher_issue_with(&json!({"vouchers": [v.clone(), v]}), &opts());
    assert!(r.has_at("checkup.message.duplicate_voucher", "/vouchers/1"));
    assert!(messages::validate_voucher_issue(&json!({"vouchers": []}))
        .has_at("checkup.message.empty", "/vouchers"));
    assert!(messages::validate_voucher_issue(&json!([])).has_at("checkup.not_object", ""));
    assert!(messages::validate_result_register(&json!({"results": 1}))
        .has_at("checkup.type", "/results"));
}

// ---- questionnaires ----

#[test]
fn questionnaire_rules() {
    let good = sample(SAMPLE_QUESTIONNAIRE);
    let mut v = good.clone();
    let a = v["answers"].as_object_mut().unwrap();
    a.remove("headControl");
    a.insert("feeding".into(), json!("juice"));
    a.insert("continueParentingHere".into(), json!("4"));
    a.insert("economicSituation".into(), json!(6));
    a.insert("inappropriateCare".into(), json!(["leftAlone", "other"]));
    a.insert("concernsDetail".into(), json!(""));
    a.insert("walkAlone".into(), json!(true));
    let r = questionnaire::validate_questionnaire_with(&v, &opts());
    for (code, path) in [
        (
            "checkup.questionnaire.answer_required",
            "/answers/headControl",
        ),
        ("checkup.questionnaire.answer_value", "/answers/feeding"),
        (
            "checkup.questionnaire.answer_type",
            "/answers/continueParentingHere",
        ),
        (
            "checkup.questionnaire.answer_value",
            "/answers/economicSituation",
        ),
        (
            "checkup.questionnaire.answer_value",
            "/answers/inappropriateCare",
        ),
        ("checkup.empty", "/answers/concernsDetail"),
        (
            "checkup.questionnaire.unknown_question",
            "/answers/walkAlone",
        ),
    ] {
        assert!(r.has_at(code, path), "{code} {path}: {:?}", r.issues());
    }
    // EPDS: ten scores of 0–3.
    let pp = |scores: Value| {
        json!({"kind": "postpartum", "person": {"birthDate": "1990-01-01", "sex": "2"},
            "answers": {"epdsItems": scores, "concerns": false}})
    };
    assert!(validate_questionnaire(&pp(json!([0, 1, 0, 2, 0, 0, 1, 0, 0, 0]))).is_ok());
    assert!(validate_questionnaire(&pp(json!([0, 1, 0]))).has("checkup.questionnaire.answer_value"));
    assert!(
        validate_questionnaire(&pp(json!([0, 1, 0, 2, 0, 0, 1, 0, 0, 4])))
            .has("checkup.questionnaire.answer_value")
    );
    assert!(
        validate_questionnaire(&pp(json!([0, "1", 0, 2, 0, 0, 1, 0, 0, 0])))
            .has("checkup.questionnaire.answer_type")
    );
    // Dates.
    let mut v = good;
    v["answeredOn"] = json!("2025-04-01");
    assert!(validate_questionnaire(&v).has_at("checkup.questionnaire.before_birth", "/answeredOn"));
    v["answeredOn"] = json!("2026-02-01");
    assert!(questionnaire::validate_questionnaire_with(&v, &opts())
        .has_at("checkup.future_date", "/answeredOn"));
    // Every kind's required questions are enforced.
    for kind in CheckupKind::ALL {
        let mother = kind.for_mother();
        let q = json!({"kind": kind.id(), "person": {"birthDate": if mother { "1990-01-01" } else { "2024-01-01" }, "sex": "2"}, "answers": {}});
        let r = validate_questionnaire(&q);
        let required = questions(kind).iter().filter(|q| q.required).count();
        assert_eq!(
            r.issues()
                .iter()
                .filter(|i| i.code == "checkup.questionnaire.answer_required")
                .count(),
            required
        );
    }
}

// ---- shape, dates, safety ----

#[test]
fn shape_and_dates() {
    let r = check(
        &json!({"kind": "3y", "date": "2025/08/01", "person": {"birthDate": "2025-02-30", "sex": "M"}, "extra": 1}),
    );
    for (code, path) in [
        ("checkup.kind", "/kind"),
        ("checkup.date", "/date"),
        ("checkup.date", "/person/birthDate"),
        ("checkup.sex", "/person/sex"),
        ("checkup.unknown_field", "/extra"),
    ] {
        assert!(r.has_at(code, path), "{code} {path}");
    }
    assert!(check(&json!([])).has_at("checkup.not_object", ""));
    let r = check(&json!({}));
    for path in ["/kind", "/date", "/person"] {
        assert!(r.has_at("checkup.required", path));
    }
    // Future dates against "today".
    let r = validate_result_with(&sample(SAMPLE_RESULT), &opts().with_today(d(2025, 7, 31)));
    assert!(r.has_at("checkup.future_date", "/date"));
    let r = validate_result_with(&sample(SAMPLE_RESULT), &opts().with_today(d(2025, 4, 9)));
    assert!(r.has_at("checkup.future_date", "/person/birthDate"));
    // The default "today" is the real date, long after the sample.
    assert!(validate_result(&sample(SAMPLE_RESULT)).is_ok());
}

/// Every member of the samples replaced with every odd value never panics,
/// and every issue path points into the document.
#[test]
fn no_panics_on_odd_values() {
    let odd = [
        json!(null),
        json!(true),
        json!(-1),
        json!(0),
        json!(1.5),
        json!(1e308),
        json!(-1e308),
        json!(u64::MAX),
        json!(i64::MIN),
        json!(""),
        json!("x"),
        json!("-"),
        json!("9999-12-31"),
        json!("0000-01-01"),
        json!([]),
        json!({}),
        json!([1, "a"]),
        json!({"a": {"b": []}}),
    ];
    let docs = [
        sample(SAMPLE_RESULT),
        toddler(),
        three(),
        prenatal(),
        sample(SAMPLE_VOUCHER),
        sample(SAMPLE_QUESTIONNAIRE),
    ];
    let mut n = 0;
    for doc in &docs {
        let mut pointers = Vec::new();
        collect_pointers(doc, String::new(), &mut pointers);
        for p in &pointers {
            for o in &odd {
                let mut v = doc.clone();
                *v.pointer_mut(p).unwrap() = o.clone();
                for r in [check(&v), validate_voucher(&v), validate_questionnaire(&v)] {
                    for i in r.issues() {
                        assert!(!i.message_en.contains("2025-04-10"));
                    }
                }
                if check(&v).is_ok() {
                    let typed = CheckupResult::from_value(&v, &opts());
                    assert!(typed.is_ok(), "{p} = {o}: a valid result must deserialize");
                }
                let _ = assess_result(&v, &opts());
                let _ = fhir::fhir_bundle(&v, &opts(), "Patient/1");
                n += 1;
            }
        }
    }
    assert!(n > 1000, "{n}");
    for o in &odd {
        let _ = (
            check(o),
            validate_voucher(o),
            validate_questionnaire(o),
            messages::validate_result_register(o),
        );
    }
    // Extreme dates near chrono's range.
    let mut v = toddler();
    v["person"]["birthDate"] = json!("9999-12-31");
    v["date"] = json!("9999-12-31");
    let _ = check(&v);
    v["person"]["birthDate"] = json!("0001-01-01");
    let _ = assess_result(&v, &opts());
}

fn collect_pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, c) in m {
                let p = format!("{at}/{k}");
                out.push(p.clone());
                collect_pointers(c, p, out);
            }
        }
        Value::Array(a) => {
            for (i, c) in a.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                collect_pointers(c, p, out);
            }
        }
        _ => {}
    }
}

#[test]
fn no_personal_data_in_debug_or_messages() {
    let v = sample(SAMPLE_RESULT);
    let r = CheckupResult::from_value(&v, &opts()).unwrap();
    let dbg = format!("{r:?} {:?} {:?} {:?}", r.person, r.voucher, r.derived());
    for secret in ["2025-04-10", "61.2", "R7-340", "6.4", "乳児湿疹"] {
        assert!(!dbg.contains(secret), "{secret} in {dbg}");
    }
    let q: Questionnaire = serde_json::from_value(sample(SAMPLE_QUESTIONNAIRE)).unwrap();
    assert!(!format!("{q:?}").contains("夜泣き"));
    let mut bad = v.clone();
    bad["measurements"]["weightKg"] = json!(99.5);
    bad["findingNotes"]["skin"] = json!("x".repeat(2000));
    for i in check(&bad).issues() {
        for s in ["99.5", "xxxx", "2025-04-10"] {
            assert!(!i.message_ja.contains(s) && !i.message_en.contains(s) && !i.path.contains(s));
        }
    }
}

// ---- derived values and FHIR ----

#[test]
fn derived_values() {
    let a = assess_result(&sample(SAMPLE_RESULT), &opts());
    let d3 = a.derived.unwrap();
    assert_eq!(d3.age_months, Some(3));
    assert_eq!(d3.age_days, Some(113));
    assert_eq!(d3.kaup_index, Some(17.1));
    assert_eq!(d3.bmi, Some(17.1));
    assert_eq!(d3.obesity_percent, None);
    assert_eq!(d3.growth.len(), 3);
    assert!(d3
        .growth
        .iter()
        .all(|g| g.band == GrowthBand::Normal && !g.reference.interpolated));
    let json = serde_json::to_value(&d3).unwrap();
    assert_eq!(json["ageMonths"], 3);
    assert_eq!(json["growth"][0]["measure"], "height");
    assert_eq!(json["growth"][0]["reference"]["row"], "3〜4か月未満");
    let d18 = assess_result(&toddler(), &opts()).derived.unwrap();
    assert_eq!(d18.age.map(|a| (a.years, a.months)), Some((1, 7)));
    assert!(d18.obesity_percent.is_some());
    let pre = assess_result(&prenatal(), &opts()).derived.unwrap();
    assert_eq!(
        (pre.age_months, pre.kaup_index, pre.bmi),
        (None, None, None)
    );
    assert!(pre.growth.is_empty());
    let bad = assess_result(&json!({}), &opts());
    assert!(bad.derived.is_none() && !bad.report.is_ok());
    // Severity of growth warnings.
    let mut v = sample(SAMPLE_RESULT);
    v["measurements"]["weightKg"] = json!(5.0);
    let r = check(&v);
    assert_eq!(
        r.issues()
            .iter()
            .find(|i| i.code == "checkup.result.growth_below_p3")
            .unwrap()
            .severity,
        Severity::Warning
    );
}

#[test]
fn fhir_observations() {
    let r = CheckupResult::from_value(&sample(SAMPLE_RESULT), &opts()).unwrap();
    let b = result_to_fhir(&r, "Patient/42");
    assert_eq!(b["resourceType"], "Bundle");
    assert_eq!(b["type"], "collection");
    let entries = b["entry"].as_array().unwrap();
    let loinc: Vec<&str> = entries
        .iter()
        .map(|e| e["resource"]["code"]["coding"][1]["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        loinc,
        ["8306-3", "29463-7", "9843-4", "9561-3", "8339-4", "39156-5"]
    );
    let medis: Vec<&str> = entries
        .iter()
        .map(|e| e["resource"]["code"]["coding"][0]["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        medis,
        ["31000298", "31000296", "31006116", "31000299", "31002900", "31003020"]
    );
    let w = &entries[1]["resource"];
    assert_eq!(w["meta"]["profile"][0], fhir::PROFILE);
    assert_eq!(w["category"][0]["coding"][0]["code"], "body-measurement");
    assert_eq!(w["subject"]["reference"], "Patient/42");
    assert_eq!(w["effectiveDateTime"], "2025-08-01");
    assert_eq!(
        w["valueQuantity"],
        json!({"value": 6.4, "unit": "kg", "system": fhir::UCUM, "code": "kg"})
    );
    assert_eq!(entries[4]["resource"]["valueQuantity"]["unit"], "g");
    // From 2 years, standing height.
    let r3 = CheckupResult::from_value(&three(), &opts()).unwrap();
    let b3 = result_to_fhir(&r3, "Patient/1");
    assert_eq!(
        b3["entry"][0]["resource"]["code"]["coding"][1]["code"],
        "8302-2"
    );
    // Invalid input is refused with its report.
    let mut bad = sample(SAMPLE_RESULT);
    bad["measurements"]["weightKg"] = json!(-1);
    assert!(fhir::fhir_bundle(&bad, &opts(), "Patient/1")
        .unwrap_err()
        .has("checkup.result.measurement_impossible"));
}
