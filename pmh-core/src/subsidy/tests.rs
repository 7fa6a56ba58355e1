//! Tests of certificate validation, scheme rules and eligibility.

use super::eligibility::{check_eligibility, Settlement, Visit};
use super::*;
use crate::validate::Severity;
use serde_json::{json, Value};

/// A valid 指定難病 (54) certificate, 一般所得I, cap 10,000円, 2割.
pub(crate) fn nanbyo() -> Value {
    json!({
        "orgSpecificCertificateTypeId": "NANBYO54",
        "myNumber": "983205673214",
        "basicFiveInfo": {
            "name": "山田 花子", "nameKana": "ヤマダ　ハナコ", "address": "東京都千代田区千代田1-1",
            "dateOfBirth": "1980-02-29", "sex": "2"
        },
        "isNotDisclosed": "0",
        "medicalSubsidyInsurerNumber": "54136015",
        "certificationName": "特定医療費（指定難病）受給者証",
        "medicalSubsidyRecipientNumber": "1234566",
        "segment": "一般",
        "incomeSegment": "一般所得I",
        "additionalConditions": "01-1;02-3",
        "designatedMedicalInstitutions": [
            {"institutionCode": "3618010015", "name": "徳島大学病院"}
        ],
        "isAlwaysReimbursement": "0",
        "maxCopaymentAmount": {"copayRatePercent": 20, "monthlyCap": 10000},
        "validFrom": "2024-04-01",
        "validTo": "2025-03-31",
        "isDeleted": "0",
        "certificationDetail": [{"label": "疾病名", "value": "（非表示）"}]
    })
}

fn validate(v: &Value) -> crate::validate::Report {
    validate_certificate(v, &ValidationOptions::default())
}

#[test]
fn valid_certificate_has_no_issues() {
    let r = validate(&nanbyo());
    assert!(r.issues().is_empty(), "{:#?}", r.issues());
    let cert: Certificate = serde_json::from_value(nanbyo()).unwrap();
    assert_eq!(cert.law_code(), Some(54));
}

#[test]
fn every_problem_is_found_in_one_pass() {
    let mut v = nanbyo();
    v["myNumber"] = json!("983205673210");
    v["medicalSubsidyInsurerNumber"] = json!("54136016");
    v["medicalSubsidyRecipientNumber"] = json!("1234567");
    v["basicFiveInfo"]["sex"] = json!("3");
    v["validFrom"] = json!("2025-04-01");
    v.as_object_mut().unwrap().remove("certificationName");
    let r = validate(&v);
    for (code, path) in [
        ("ids.mynumber.check_digit", "/myNumber"),
        ("ids.payer.check_digit", "/medicalSubsidyInsurerNumber"),
        (
            "ids.recipient.check_digit",
            "/medicalSubsidyRecipientNumber",
        ),
        ("subsidy.certificate.enum", "/basicFiveInfo/sex"),
        ("subsidy.certificate.valid_range", "/validFrom"),
        ("subsidy.certificate.required", "/certificationName"),
    ] {
        assert!(
            r.has_at(code, path),
            "missing {code} at {path}: {:#?}",
            r.issues()
        );
    }
    assert_eq!(r.error_count(), 6, "{:#?}", r.issues());
}

#[test]
fn messages_never_contain_personal_values() {
    let mut v = nanbyo();
    v["myNumber"] = json!("983205673210");
    v["basicFiveInfo"]["nameKana"] = json!("山田");
    let r = validate(&v);
    let text = serde_json::to_string(&r).unwrap();
    for secret in ["983205673210", "山田", "千代田1-1"] {
        assert!(!text.contains(secret), "report leaks {secret}");
    }
    let cert: Certificate = serde_json::from_value(nanbyo()).unwrap();
    let debug = format!("{cert:?}");
    for secret in [
        "983205673214",
        "山田",
        "ヤマダ",
        "千代田",
        "1980-02-29",
        "1234566",
    ] {
        assert!(!debug.contains(secret), "Debug leaks {secret}: {debug}");
    }
}

#[test]
fn published_constraints() {
    let mut v = nanbyo();
    v["orgSpecificCertificateTypeId"] = json!("A".repeat(51));
    v["certificationName"] = json!("名".repeat(101));
    v["isAlwaysReimbursement"] = json!("2");
    v["medicalSubsidyRecipientNumber"] = json!(1234566);
    v["basicFiveInfo"]["dateOfBirth"] = json!("1980/02/29");
    let r = validate(&v);
    assert!(r.has_at(
        "subsidy.certificate.max_length",
        "/orgSpecificCertificateTypeId"
    ));
    assert!(r.has_at("subsidy.certificate.max_length", "/certificationName"));
    assert!(r.has_at("subsidy.certificate.enum", "/isAlwaysReimbursement"));
    assert!(r.has_at("subsidy.certificate.type", "/medicalSubsidyRecipientNumber"));
    assert!(r.has_at("subsidy.certificate.date", "/basicFiveInfo/dateOfBirth"));

    let mut v = nanbyo();
    v["orgSpecificCertificateTypeId"] = json!("NAN-BYO");
    v["myNumber"] = json!("９８３２０５６７３２１４");
    let r = validate(&v);
    assert!(r.has_at(
        "subsidy.certificate.halfwidth_alnum",
        "/orgSpecificCertificateTypeId"
    ));
    assert!(
        r.has_at("subsidy.certificate.halfwidth_digits", "/myNumber"),
        "API wants 半角数字"
    );
    assert!(r.has_at("ids.fullwidth_digits", "/myNumber"));
}

#[test]
fn leap_day_birth_and_validity_edges() {
    let mut v = nanbyo();
    v["basicFiveInfo"]["dateOfBirth"] = json!("2025-03-31");
    assert!(validate(&v).is_ok(), "born on validTo is allowed");
    v["basicFiveInfo"]["dateOfBirth"] = json!("2025-04-01");
    assert!(validate(&v).has_at(
        "subsidy.certificate.born_after_validity",
        "/basicFiveInfo/dateOfBirth"
    ));
    v["basicFiveInfo"]["dateOfBirth"] = json!("2023-02-29");
    assert!(validate(&v).has_at("subsidy.certificate.date", "/basicFiveInfo/dateOfBirth"));
    let mut v = nanbyo();
    v["validTo"] = json!("2024-04-01");
    assert!(validate(&v).is_ok(), "a one-day validity is fine");
}

#[test]
fn name_kana_rules() {
    let mut v = nanbyo();
    v["basicFiveInfo"]["nameKana"] = json!("ﾔﾏﾀﾞ ﾊﾅｺ");
    let r = validate(&v);
    assert!(r.is_ok());
    assert!(r.has_at(
        "subsidy.certificate.kana_halfwidth",
        "/basicFiveInfo/nameKana"
    ));
    assert_eq!(r.issues()[0].severity, Severity::Warning);
    v["basicFiveInfo"]["nameKana"] = json!("やまだ はなこ");
    assert!(validate(&v).has_at("subsidy.certificate.kana", "/basicFiveInfo/nameKana"));
}

#[test]
fn additional_conditions_form() {
    for ok in ["01-1", "01-1;02-3", "A1-B2"] {
        let mut v = nanbyo();
        v["additionalConditions"] = json!(ok);
        assert!(validate(&v).is_ok(), "{ok}");
    }
    for bad in ["01", "01-1;", "01-1;;02-2", "-1", "01-", "01=1", "０１-1"] {
        let mut v = nanbyo();
        v["additionalConditions"] = json!(bad);
        assert!(
            validate(&v).has_at(
                "subsidy.certificate.additional_conditions",
                "/additionalConditions"
            ),
            "{bad}"
        );
    }
}

#[test]
fn designated_institutions_must_be_valid_codes() {
    let mut v = nanbyo();
    v["designatedMedicalInstitutions"] =
        json!([{"institutionCode": "3618010015"}, {"institutionCode": "3618010019"}, 7]);
    let r = validate(&v);
    assert!(r.has_at(
        "ids.institution.check_digit",
        "/designatedMedicalInstitutions/1/institutionCode"
    ));
    assert!(r.has_at(
        "subsidy.certificate.type",
        "/designatedMedicalInstitutions/2"
    ));
    assert!(!r.has_at(
        "ids.institution.check_digit",
        "/designatedMedicalInstitutions/0/institutionCode"
    ));
}

#[test]
fn nanbyo_tier_table() {
    let mut v = nanbyo();
    v["maxCopaymentAmount"]["monthlyCap"] = json!(20000);
    assert!(validate(&v).has_at(
        "subsidy.scheme.cap_mismatch",
        "/maxCopaymentAmount/monthlyCap"
    ));
    v["segment"] = json!("高額かつ長期");
    v["incomeSegment"] = json!("上位所得");
    assert!(validate(&v).is_ok(), "上位所得 × 高額かつ長期 = 20,000");
    v["segment"] = json!("重症");
    assert!(
        validate(&v).has_at("subsidy.scheme.segment_unknown", "/segment"),
        "重症 is a 小慢 category"
    );
    let mut v = nanbyo();
    v["incomeSegment"] = json!("中所得");
    assert!(validate(&v).has_at("subsidy.scheme.income_segment_unknown", "/incomeSegment"));
    v.as_object_mut().unwrap().remove("incomeSegment");
    assert!(validate(&v).has_at("subsidy.scheme.income_segment_required", "/incomeSegment"));
    let mut v = nanbyo();
    v["maxCopaymentAmount"]["copayRatePercent"] = json!(30);
    assert!(validate(&v).has_at(
        "subsidy.scheme.rate_mismatch",
        "/maxCopaymentAmount/copayRatePercent"
    ));
    let mut v = nanbyo();
    v.as_object_mut().unwrap().remove("maxCopaymentAmount");
    let r = validate(&v);
    assert!(r.has_at(
        "subsidy.scheme.cap_missing",
        "/maxCopaymentAmount/monthlyCap"
    ));
}

#[test]
fn shoman_tier_table_and_ventilator() {
    let mut v = nanbyo();
    v["medicalSubsidyInsurerNumber"] = json!("52136016");
    v["segment"] = json!("人工呼吸器等装着");
    v["incomeSegment"] = json!("上位所得");
    v["maxCopaymentAmount"] = json!({"copayRatePercent": 20, "monthlyCap": 500, "meals": "half"});
    let r = validate(&v);
    // 52136016: payload 5213601 → 2+0+3+3+2+2+1 = 13 → check 7, so 6 is wrong.
    assert!(r.has_at("ids.payer.check_digit", "/medicalSubsidyInsurerNumber"));
    assert!(
        !r.has("subsidy.scheme.cap_mismatch"),
        "scheme rules still run: {:#?}",
        r.issues()
    );
    v["medicalSubsidyInsurerNumber"] = json!("52136017");
    assert!(validate(&v).is_ok(), "{:#?}", validate(&v).issues());
}

#[test]
fn local_schemes_use_generic_rules_and_lenient_mode() {
    // Tokyo マル子 (88): local, recipient numbers need no check digit, any caps.
    let mut v = nanbyo();
    v["medicalSubsidyInsurerNumber"] = json!("88134457");
    v["medicalSubsidyRecipientNumber"] = json!("A0001234567");
    v["maxCopaymentAmount"] = json!({"perVisit": 200});
    v.as_object_mut().unwrap().remove("incomeSegment");
    assert!(validate(&v).is_ok(), "{:#?}", validate(&v).issues());
    // Aomori uses 41 for a local scheme: below 80 but still local.
    // 41020009: Luhn over 4102000 → 9.
    v["medicalSubsidyInsurerNumber"] = json!("41020009");
    v["medicalSubsidyRecipientNumber"] = json!("1234567");
    let r = validate(&v);
    assert!(r.is_ok(), "{:#?}", r.issues());
    assert!(
        r.has("ids.recipient.check_digit"),
        "7-digit local numbers failing Luhn get a warning"
    );

    // A bad check digit on a local payer: error by default, warning when lenient.
    v["medicalSubsidyInsurerNumber"] = json!("88134458");
    assert!(!validate(&v).is_ok());
    let lenient = validate_certificate(&v, &ValidationOptions { lenient: true });
    assert!(lenient.is_ok(), "{:#?}", lenient.issues());
    assert!(lenient.has("ids.payer.check_digit"));
    // ...but never for a national scheme.
    let mut n = nanbyo();
    n["medicalSubsidyInsurerNumber"] = json!("54136016");
    assert!(!validate_certificate(&n, &ValidationOptions { lenient: true }).is_ok());
}

#[test]
fn copayment_rule_structure() {
    let mut v = nanbyo();
    v["maxCopaymentAmount"] =
        json!({"copayRatePercent": 120, "monthlyCap": -1, "perVisits": 1, "meals": "free"});
    let r = validate(&v);
    assert!(r.has_at(
        "subsidy.certificate.rate",
        "/maxCopaymentAmount/copayRatePercent"
    ));
    assert!(r.has_at(
        "subsidy.certificate.amount",
        "/maxCopaymentAmount/monthlyCap"
    ));
    assert!(r.has_at(
        "subsidy.certificate.unknown_field",
        "/maxCopaymentAmount/perVisits"
    ));
    assert!(r.has_at("subsidy.certificate.enum", "/maxCopaymentAmount/meals"));
    assert!(!r.has("subsidy.scheme.cap_missing"), "one fault, one issue");
}

#[test]
fn not_an_object() {
    let r = validate(&json!([1]));
    assert!(r.has_at("subsidy.certificate.not_object", ""));
}

fn visit(date: &str, institution: &str) -> Visit {
    Visit {
        date: date.parse().unwrap(),
        institution_code: institution.into(),
        setting: Setting::Outpatient,
    }
}

#[test]
fn eligibility_decisions() {
    let cert: Certificate = serde_json::from_value(nanbyo()).unwrap();
    let ok = check_eligibility(&cert, &visit("2025-03-31", "3618010015"));
    assert!(ok.eligible);
    assert_eq!(ok.settlement, Settlement::Window);
    assert!(ok.reasons.is_empty());

    let after = check_eligibility(&cert, &visit("2025-04-01", "3618010015"));
    assert!(!after.eligible);
    assert_eq!(after.reasons[0].code, "subsidy.eligibility.expired");
    let before = check_eligibility(&cert, &visit("2024-03-31", "3618010015"));
    assert_eq!(before.reasons[0].code, "subsidy.eligibility.not_yet_valid");

    // 1310000011: a valid code (Luhn over 131000001 → 1) that is not designated.
    let r = check_eligibility(&cert, &visit("2024-05-01", "1310000011"));
    assert!(!r.eligible);
    assert_eq!(r.reasons[0].code, "subsidy.eligibility.not_designated");
    let bad = check_eligibility(&cert, &visit("2024-05-01", "12345"));
    assert_eq!(bad.reasons[0].code, "subsidy.eligibility.institution_code");

    let mut deleted = cert.clone();
    deleted.is_deleted = Some("1".into());
    let r = check_eligibility(&deleted, &visit("2025-04-01", "3618010015"));
    let codes: Vec<_> = r.reasons.iter().map(|r| r.code).collect();
    assert_eq!(
        codes,
        ["subsidy.eligibility.deleted", "subsidy.eligibility.expired"],
        "every reason"
    );

    let mut reimb = cert.clone();
    reimb.is_always_reimbursement = "1".into();
    let r = check_eligibility(&reimb, &visit("2024-05-01", "3618010015"));
    assert!(r.eligible);
    assert_eq!(r.settlement, Settlement::Reimbursement);
    assert_eq!(
        r.reasons[0].code,
        "subsidy.eligibility.always_reimbursement"
    );
}

#[test]
fn register_message() {
    let r = messages::validate_register(&json!({"certificates": [nanbyo(), nanbyo()]}));
    assert!(r.has_at("subsidy.register.duplicate", "/certificates/1"));
    let mut second = nanbyo();
    second["historyKey"] = json!("2");
    assert!(messages::validate_register(&json!({"certificates": [nanbyo(), second]})).is_ok());
    let r = messages::validate_register(&json!({"certificates": []}));
    assert!(r.has_at("subsidy.register.empty", "/certificates"));
    let mut bad = nanbyo();
    bad["sex"] = json!("1");
    let r = messages::validate_register(&json!({"certificates": [nanbyo(), bad]}));
    assert!(r.has_at("subsidy.certificate.unknown_field", "/certificates/1/sex"));
}

#[test]
fn eligibility_messages() {
    let q = json!({"medicalSubsidyInsurerNumber": "54136015", "medicalSubsidyRecipientNumber": "1234566",
                   "visit": {"date": "2024-05-01", "institutionCode": "3618010015", "setting": "outpatient"}});
    assert!(messages::validate_eligibility_query(&q).is_ok());
    let mut bad = q.clone();
    bad["visit"]["setting"] = json!("home");
    bad["visit"]["date"] = json!("2024-13-01");
    let r = messages::validate_eligibility_query(&bad);
    assert!(r.has_at("subsidy.certificate.enum", "/visit/setting"));
    assert!(r.has_at("subsidy.certificate.date", "/visit/date"));
    let res = json!({"medicalSubsidyInsurerNumber": "54136015", "medicalSubsidyRecipientNumber": "1234566",
                     "eligible": true, "settlement": "window", "reasons": [], "certificate": nanbyo()});
    assert!(messages::validate_eligibility_result(&res).is_ok());
}
