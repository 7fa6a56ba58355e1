//! Validation of a 受給者証 (certificate) in one pass.
//!
//! Two layers of rules:
//! 1. The constraints published with PMH's registration API (reference §6.1):
//!    required fields, maximum lengths, 半角英数 / 半角数字, enums (`sex`
//!    "1"/"2", flags "0"/"1"), 12-digit `myNumber`, 8-digit payer number,
//!    recipient number up to 30 characters.
//! 2. pmh's own rules on top: check digits (payer always; recipient when the
//!    payer's 法別番号 is a national scheme; My Number), `validFrom` ≤
//!    `validTo`, born on or before `validTo`, `nameKana` in full-width
//!    katakana (half-width is accepted with a warning), `additionalConditions`
//!    in its `item-condition;item-condition` form, designated institutions as
//!    valid 医療機関コード, the `maxCopaymentAmount` structure, and the tier
//!    tables of 指定難病 (54) and 小児慢性特定疾病 (52) ([`super::scheme`]).
//!
//! Lengths pmh sets where the API is silent (name ≤ 100, address ≤ 200, keys
//! and segments ≤ 50) are marked "pmh" in [`rules`].
//!
//! ```
//! use pmh_core::subsidy::{validate_certificate, ValidationOptions};
//! let report = validate_certificate(&serde_json::json!({"myNumber": "123"}), &ValidationOptions::default());
//! assert!(report.has_at("ids.mynumber.length", "/myNumber"));
//! assert!(report.has_at("subsidy.certificate.required", "/validFrom"));
//! ```

use super::scheme;
use crate::ids::{InstitutionCode, MyNumber, PayerNumber, RecipientNumber, RecipientRule};
use crate::text;
use crate::validate::{push_index, push_token, Issue, Report, Rule, Severity};
use chrono::NaiveDate;
use serde_json::{Map, Value};

/// How strictly to validate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ValidationOptions {
    /// Lenient mode: check-digit failures of local schemes (地方単独) become
    /// warnings, as receipt software does with its 検証番号チェック区分 = 0.
    pub lenient: bool,
}

/// Stable codes and messages of the certificate rules.
pub mod rules {
    use crate::validate::Rule;

    /// The certificate is not a JSON object.
    pub const NOT_OBJECT: Rule = Rule::error(
        "subsidy.certificate.not_object",
        "受給者証はJSONオブジェクトである必要があります。",
        "A certificate must be a JSON object.",
    );
    /// A required field is missing.
    pub const REQUIRED: Rule = Rule::error(
        "subsidy.certificate.required",
        "必須項目がありません。",
        "A required field is missing.",
    );
    /// A field has the wrong JSON type.
    pub const TYPE: Rule = Rule::error(
        "subsidy.certificate.type",
        "項目の型が正しくありません。",
        "The field has the wrong JSON type.",
    );
    /// A field the API does not define.
    pub const UNKNOWN_FIELD: Rule = Rule::warning(
        "subsidy.certificate.unknown_field",
        "定義されていない項目です。",
        "The field is not defined by the registration API.",
    );
    /// A string is empty where a value is required.
    pub const EMPTY: Rule = Rule::error(
        "subsidy.certificate.empty",
        "値が空です。",
        "The value is empty.",
    );
    /// A string exceeds its maximum length (API: orgSpecificCertificateTypeId 50,
    /// certificationName 100, recipient 30; pmh: name/nameKana 100, address 200,
    /// other keys 50, detail items 200).
    pub const MAX_LENGTH: Rule = Rule::error(
        "subsidy.certificate.max_length",
        "最大文字数を超えています。",
        "The value is too long.",
    );
    /// 半角英数 required.
    pub const HALFWIDTH_ALNUM: Rule = Rule::error(
        "subsidy.certificate.halfwidth_alnum",
        "半角英数字で入力してください。",
        "Only half-width letters and digits are allowed.",
    );
    /// 半角数字 required (full-width digits are not accepted by the API).
    pub const HALFWIDTH_DIGITS: Rule = Rule::error(
        "subsidy.certificate.halfwidth_digits",
        "半角数字で入力してください（全角数字は登録APIで受け付けられません）。",
        "Only half-width digits are allowed (the registration API rejects full-width digits).",
    );
    /// A value outside its enumeration.
    pub const ENUM: Rule = Rule::error(
        "subsidy.certificate.enum",
        "許可されていない値です。",
        "The value is not one of the allowed values.",
    );
    /// A date not in `YYYY-MM-DD` form or not a calendar date.
    pub const DATE: Rule = Rule::error(
        "subsidy.certificate.date",
        "日付はYYYY-MM-DD形式の実在する日付で入力してください。",
        "Dates must be real calendar dates in YYYY-MM-DD form.",
    );
    /// `validFrom` after `validTo`.
    pub const VALID_RANGE: Rule = Rule::error(
        "subsidy.certificate.valid_range",
        "有効期間の開始日が終了日より後です。",
        "validFrom is after validTo.",
    );
    /// Born after the end of validity.
    pub const BORN_AFTER_VALIDITY: Rule = Rule::error(
        "subsidy.certificate.born_after_validity",
        "生年月日が有効期間の終了日より後です。",
        "The date of birth is after validTo.",
    );
    /// `nameKana` contains characters other than full-width katakana.
    pub const KANA: Rule = Rule::error(
        "subsidy.certificate.kana",
        "氏名カナは全角カタカナで入力してください。",
        "nameKana must be full-width katakana.",
    );
    /// `nameKana` used half-width katakana (accepted, normalized to full width).
    pub const KANA_HALFWIDTH: Rule = Rule::warning(
        "subsidy.certificate.kana_halfwidth",
        "氏名カナに半角カナが使われています（全角に変換して扱います）。",
        "nameKana uses half-width katakana (treated as full width).",
    );
    /// `additionalConditions` is not `item-condition;item-condition`.
    pub const ADDITIONAL_CONDITIONS: Rule = Rule::error(
        "subsidy.certificate.additional_conditions",
        "追加条件は「項目コード-条件コード」を「;」で区切った形式で入力してください。",
        "additionalConditions must be item-condition pairs joined with ';'.",
    );
    /// A `maxCopaymentAmount` amount is negative or not an integer.
    pub const AMOUNT: Rule = Rule::error(
        "subsidy.certificate.amount",
        "金額は0以上の整数（円）で入力してください。",
        "Amounts must be non-negative integers (yen).",
    );
    /// `copayRatePercent` outside 0..=100.
    pub const RATE: Rule = Rule::error(
        "subsidy.certificate.rate",
        "負担割合は0〜100（%）で入力してください。",
        "copayRatePercent must be between 0 and 100.",
    );
    /// `exempt` together with amounts that would never apply.
    pub const EXEMPT_WITH_AMOUNTS: Rule = Rule::warning(
        "subsidy.certificate.exempt_with_amounts",
        "全額助成と負担額が同時に指定されています（全額助成が優先されます）。",
        "exempt is set together with amounts (exempt wins).",
    );
    /// 指定難病/小児慢性: `incomeSegment` missing.
    pub const TIER_REQUIRED: Rule = Rule::error(
        "subsidy.scheme.income_segment_required",
        "この制度では所得区分が必須です。",
        "This scheme requires incomeSegment.",
    );
    /// 指定難病/小児慢性: `incomeSegment` is not a tier of the table.
    pub const TIER_UNKNOWN: Rule = Rule::error(
        "subsidy.scheme.income_segment_unknown",
        "この制度の所得区分として定義されていない値です。",
        "incomeSegment is not a tier of this scheme.",
    );
    /// 指定難病/小児慢性: `segment` is not a category of the table.
    pub const CATEGORY_UNKNOWN: Rule = Rule::error(
        "subsidy.scheme.segment_unknown",
        "この制度の区分として定義されていない値です。",
        "segment is not a category of this scheme.",
    );
    /// 指定難病/小児慢性: `monthlyCap` missing.
    pub const CAP_MISSING: Rule = Rule::error(
        "subsidy.scheme.cap_missing",
        "この制度では月額自己負担上限額が必須です。",
        "This scheme requires maxCopaymentAmount.monthlyCap.",
    );
    /// 指定難病/小児慢性: `monthlyCap` differs from the tier table.
    pub const CAP_MISMATCH: Rule = Rule::error(
        "subsidy.scheme.cap_mismatch",
        "月額自己負担上限額が所得区分の表と一致しません。",
        "monthlyCap does not match the tier table.",
    );
    /// 指定難病/小児慢性: the copay rate is not 2割.
    pub const RATE_MISMATCH: Rule = Rule::error(
        "subsidy.scheme.rate_mismatch",
        "この制度の負担割合は2割（20）です。",
        "This scheme's copay rate is 2割 (copayRatePercent 20).",
    );
}

/// Validates one certificate (JSON) and reports every issue in one pass.
pub fn validate_certificate(value: &Value, options: &ValidationOptions) -> Report {
    let mut report = Report::new();
    validate_certificate_at(value, options, "", &mut report);
    report
}

/// Validates one certificate whose JSON Pointer is `base` (e.g. `/certificates/3`).
pub fn validate_certificate_at(
    value: &Value,
    options: &ValidationOptions,
    base: &str,
    report: &mut Report,
) {
    let Some(obj) = value.as_object() else {
        report.push(&rules::NOT_OBJECT, base);
        return;
    };
    let mut c = Ctx { obj, base, report };
    c.unknown_fields(CERTIFICATE_FIELDS);

    if let Some(s) = c.string("orgSpecificCertificateTypeId", true) {
        c.max_len("orgSpecificCertificateTypeId", s, 50);
        if !s.is_empty() && !text::is_halfwidth_alnum(s) {
            c.push(&rules::HALFWIDTH_ALNUM, "orgSpecificCertificateTypeId");
        }
    }
    if let Some(s) = c.string("myNumber", true) {
        c.halfwidth_digits("myNumber", s);
        // Fast path: a clean ASCII number has nothing to report (no path to build).
        if !(s.is_ascii() && MyNumber::parse(s).is_ok()) {
            let path = c.path("myNumber");
            MyNumber::parse_reporting(s, &path, c.report);
        }
    }
    let birth = c.basic_five_info();
    c.flag("isNotDisclosed", false);
    c.flag("isDeleted", false);
    c.flag("isAlwaysReimbursement", true);

    let payer = c
        .string("medicalSubsidyInsurerNumber", true)
        .and_then(|s| c.payer(s, options));
    if let Some(s) = c.string("certificationName", true) {
        c.non_empty("certificationName", s);
        c.max_len("certificationName", s, 100);
    }
    if let Some(s) = c.string("medicalSubsidyRecipientNumber", true) {
        c.max_len("medicalSubsidyRecipientNumber", s, 30);
        // National 法別 ⇒ 7 digits + check digit; local (or unreadable payer) ⇒ local rule.
        let rule = match payer {
            Some(law) if crate::ids::LawCode::new(law).is_some_and(|l| l.is_national()) => {
                RecipientRule::National
            }
            _ => RecipientRule::Local,
        };
        if rule == RecipientRule::National {
            c.halfwidth_digits("medicalSubsidyRecipientNumber", s);
        }
        // Fast path unless a local 7-digit number could still draw a check-digit warning.
        let may_warn = rule == RecipientRule::Local && s.len() == 7 && text::is_halfwidth_digits(s);
        if may_warn || !(s.is_ascii() && RecipientNumber::parse(s, rule).is_ok()) {
            let path = c.path("medicalSubsidyRecipientNumber");
            RecipientNumber::parse_reporting(s, rule, &path, c.report);
        }
    }
    for key in [
        "certificationSubKey",
        "segment",
        "incomeSegment",
        "historyKey",
    ] {
        if let Some(s) = c.string(key, false) {
            c.max_len(key, s, 50);
        }
    }
    if let Some(s) = c.string("additionalConditions", false) {
        if !s.is_empty() && !additional_conditions_form(s) {
            c.push(&rules::ADDITIONAL_CONDITIONS, "additionalConditions");
        }
    }
    c.designated_institutions();
    let cap = c.copayment_rule();

    let from = c.date("validFrom", true);
    let to = c.date("validTo", true);
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            c.push(&rules::VALID_RANGE, "validFrom");
        }
    }
    if let (Some(birth), Some(to)) = (birth, to) {
        if birth > to {
            c.push(&rules::BORN_AFTER_VALIDITY, "basicFiveInfo/dateOfBirth");
        }
    }
    c.certification_detail();

    if let Some(s) = payer.and_then(scheme::scheme_for) {
        c.scheme_rules(s, cap);
    }
}

/// Members defined for a certificate (PMH API names).
const CERTIFICATE_FIELDS: &[&str] = &[
    "orgSpecificCertificateTypeId",
    "myNumber",
    "basicFiveInfo",
    "isNotDisclosed",
    "medicalSubsidyInsurerNumber",
    "certificationName",
    "medicalSubsidyRecipientNumber",
    "certificationSubKey",
    "segment",
    "incomeSegment",
    "additionalConditions",
    "designatedMedicalInstitutions",
    "isAlwaysReimbursement",
    "maxCopaymentAmount",
    "validFrom",
    "validTo",
    "historyKey",
    "isDeleted",
    "certificationDetail",
];

const BASIC_FIVE_FIELDS: &[&str] = &["name", "nameKana", "address", "dateOfBirth", "sex"];

/// `monthlyCap` and the other members of [`super::CopaymentRule`].
const AMOUNT_FIELDS: &[&str] = &[
    "perVisit",
    "perDay",
    "monthlyCap",
    "monthlyCapOutpatient",
    "monthlyCapInpatient",
    "maxChargedVisitsPerMonth",
];
const COPAYMENT_FIELDS: &[&str] = &[
    "exempt",
    "copayRatePercent",
    "perVisit",
    "perDay",
    "maxChargedVisitsPerMonth",
    "monthlyCap",
    "monthlyCapOutpatient",
    "monthlyCapInpatient",
    "meals",
];

/// What the scheme rules need from `maxCopaymentAmount`.
#[derive(Default, Clone, Copy)]
struct CapSummary {
    present: bool,
    monthly_cap: Option<i64>,
    rate: Option<i64>,
}

/// `item-condition;item-condition`, each code 半角英数.
fn additional_conditions_form(s: &str) -> bool {
    s.split(';').all(|pair| match pair.split_once('-') {
        Some((item, cond)) => text::is_halfwidth_alnum(item) && text::is_halfwidth_alnum(cond),
        None => false,
    })
}

struct Ctx<'a> {
    obj: &'a Map<String, Value>,
    base: &'a str,
    report: &'a mut Report,
}

impl<'a> Ctx<'a> {
    /// JSON Pointer of `rel` (`/`-separated tokens, already escaped) under the base.
    fn path(&self, rel: &str) -> String {
        let mut p = String::with_capacity(self.base.len() + rel.len() + 1);
        p.push_str(self.base);
        p.push('/');
        p.push_str(rel);
        p
    }

    fn push(&mut self, rule: &Rule, rel: &str) {
        let path = self.path(rel);
        self.report.push(rule, path);
    }

    fn unknown_fields(&mut self, known: &[&str]) {
        for key in self.obj.keys() {
            if !known.contains(&key.as_str()) {
                let mut p = self.base.to_owned();
                push_token(&mut p, key);
                self.report.push(&rules::UNKNOWN_FIELD, p);
            }
        }
    }

    /// A string member: missing (when required) or non-string values are reported.
    fn string(&mut self, key: &str, required: bool) -> Option<&'a str> {
        match self.obj.get(key) {
            None | Some(Value::Null) => {
                if required {
                    self.push(&rules::REQUIRED, key);
                }
                None
            }
            Some(Value::String(s)) => Some(s),
            Some(_) => {
                self.push(&rules::TYPE, key);
                None
            }
        }
    }

    fn non_empty(&mut self, key: &str, s: &str) {
        if s.trim().is_empty() {
            self.push(&rules::EMPTY, key);
        }
    }

    fn max_len(&mut self, key: &str, s: &str, max: usize) {
        if s.chars().count() > max {
            self.push(&rules::MAX_LENGTH, key);
        }
    }

    /// The API wants 半角数字: full-width digits are an error here (the `ids`
    /// checks still run and report their own warning).
    fn halfwidth_digits(&mut self, key: &str, s: &str) {
        if text::has_fullwidth_digits(s) {
            self.push(&rules::HALFWIDTH_DIGITS, key);
        }
    }

    fn flag(&mut self, key: &str, required: bool) {
        if let Some(s) = self.string(key, required) {
            if s != "0" && s != "1" {
                self.push(&rules::ENUM, key);
            }
        }
    }

    fn date(&mut self, key: &str, required: bool) -> Option<NaiveDate> {
        let s = self.string(key, required)?;
        let d = crate::calendar::parse_iso_date(s);
        if d.is_none() {
            self.push(&rules::DATE, key);
        }
        d
    }

    /// The payer number; returns its 法別番号 when it is readable (even with a
    /// bad check digit, so that scheme rules still run).
    fn payer(&mut self, s: &str, options: &ValidationOptions) -> Option<u8> {
        const KEY: &str = "medicalSubsidyInsurerNumber";
        self.halfwidth_digits(KEY, s);
        let law = match s.as_bytes() {
            [a @ b'0'..=b'9', b @ b'0'..=b'9', ..] => Some((a - b'0') * 10 + (b - b'0')),
            _ => None,
        };
        if s.is_ascii() && PayerNumber::parse(s).is_ok() {
            return law;
        }
        let path = self.path(KEY);
        let mut sub = Report::new();
        PayerNumber::parse_reporting(s, &path, &mut sub);
        let local = law
            .and_then(crate::ids::LawCode::new)
            .is_none_or(|l| !l.is_national());
        for issue in sub.into_issues() {
            let downgrade =
                options.lenient && local && issue.code == crate::ids::rules::PAYER_CHECK_DIGIT.code;
            self.report.push_issue(if downgrade {
                Issue {
                    severity: Severity::Warning,
                    ..issue
                }
            } else {
                issue
            });
        }
        law
    }

    fn basic_five_info(&mut self) -> Option<NaiveDate> {
        let Some(v) = self.obj.get("basicFiveInfo") else {
            self.push(&rules::REQUIRED, "basicFiveInfo");
            return None;
        };
        let Some(obj) = v.as_object() else {
            self.push(&rules::TYPE, "basicFiveInfo");
            return None;
        };
        let base = self.path("basicFiveInfo");
        let mut c = Ctx {
            obj,
            base: &base,
            report: self.report,
        };
        c.unknown_fields(BASIC_FIVE_FIELDS);
        if let Some(s) = c.string("name", true) {
            c.non_empty("name", s);
            c.max_len("name", s, 100);
        }
        if let Some(s) = c.string("nameKana", true) {
            c.max_len("nameKana", s, 100);
            if text::has_halfwidth_kana(s) {
                c.push(&rules::KANA_HALFWIDTH, "nameKana");
                if !text::is_fullwidth_katakana(&text::normalize_kana(s)) {
                    c.push(&rules::KANA, "nameKana");
                }
            } else if !text::is_fullwidth_katakana(s) {
                c.push(&rules::KANA, "nameKana");
            }
        }
        if let Some(s) = c.string("address", true) {
            c.non_empty("address", s);
            c.max_len("address", s, 200);
        }
        let birth = c.date("dateOfBirth", true);
        if let Some(s) = c.string("sex", true) {
            if s != "1" && s != "2" {
                c.push(&rules::ENUM, "sex");
            }
        }
        birth
    }

    fn designated_institutions(&mut self) {
        const KEY: &str = "designatedMedicalInstitutions";
        let Some(v) = self.obj.get(KEY) else { return };
        let Some(items) = v.as_array() else {
            self.push(&rules::TYPE, KEY);
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let mut base = self.path(KEY);
            push_index(&mut base, i);
            let Some(obj) = item.as_object() else {
                self.report.push(&rules::TYPE, base);
                continue;
            };
            let mut c = Ctx {
                obj,
                base: &base,
                report: self.report,
            };
            c.unknown_fields(&["institutionCode", "name"]);
            if let Some(code) = c.string("institutionCode", true) {
                if !(code.is_ascii() && InstitutionCode::parse(code).is_ok()) {
                    let path = c.path("institutionCode");
                    InstitutionCode::parse_reporting(code, &path, c.report);
                }
            }
            if let Some(name) = c.string("name", false) {
                c.max_len("name", name, 100);
            }
        }
    }

    fn copayment_rule(&mut self) -> CapSummary {
        const KEY: &str = "maxCopaymentAmount";
        let Some(v) = self.obj.get(KEY) else {
            return CapSummary::default();
        };
        let Some(obj) = v.as_object() else {
            self.push(&rules::TYPE, KEY);
            return CapSummary {
                present: true,
                ..CapSummary::default()
            };
        };
        let base = self.path(KEY);
        let mut c = Ctx {
            obj,
            base: &base,
            report: self.report,
        };
        c.unknown_fields(COPAYMENT_FIELDS);
        let mut summary = CapSummary {
            present: true,
            ..CapSummary::default()
        };
        let mut any_amount = false;
        for key in AMOUNT_FIELDS {
            let Some(v) = obj.get(*key) else { continue };
            any_amount = true;
            match v.as_i64() {
                Some(n) if n >= 0 => {
                    if *key == "monthlyCap" {
                        summary.monthly_cap = Some(n);
                    }
                }
                _ => c.push(&rules::AMOUNT, key),
            }
        }
        if let Some(v) = obj.get("copayRatePercent") {
            match v.as_i64() {
                Some(n) if (0..=100).contains(&n) => summary.rate = Some(n),
                _ => c.push(&rules::RATE, "copayRatePercent"),
            }
        }
        match obj.get("exempt") {
            None => {}
            Some(Value::Bool(true)) if any_amount || summary.rate.is_some_and(|r| r > 0) => {
                c.push(&rules::EXEMPT_WITH_AMOUNTS, "exempt")
            }
            Some(Value::Bool(_)) => {}
            Some(_) => c.push(&rules::TYPE, "exempt"),
        }
        if let Some(v) = obj.get("meals") {
            if !matches!(v.as_str(), Some("notCovered" | "half" | "covered")) {
                c.push(&rules::ENUM, "meals");
            }
        }
        summary
    }

    fn certification_detail(&mut self) {
        const KEY: &str = "certificationDetail";
        let Some(v) = self.obj.get(KEY) else {
            self.push(&rules::REQUIRED, KEY);
            return;
        };
        let Some(items) = v.as_array() else {
            self.push(&rules::TYPE, KEY);
            return;
        };
        for (i, item) in items.iter().enumerate() {
            let mut base = self.path(KEY);
            push_index(&mut base, i);
            let Some(obj) = item.as_object() else {
                self.report.push(&rules::TYPE, base);
                continue;
            };
            let mut c = Ctx {
                obj,
                base: &base,
                report: self.report,
            };
            c.unknown_fields(&["label", "value"]);
            for key in ["label", "value"] {
                if let Some(s) = c.string(key, true) {
                    c.max_len(key, s, 200);
                }
            }
        }
    }

    /// 指定難病 (54) / 小児慢性特定疾病 (52): tier, category, cap and rate as in the table.
    fn scheme_rules(&mut self, s: &'static scheme::Scheme, cap: CapSummary) {
        let segment = self.obj.get("segment").and_then(Value::as_str);
        let category = scheme::category_index(s, segment);
        if category.is_none() {
            self.push(&rules::CATEGORY_UNKNOWN, "segment");
        }
        let tier = match self.obj.get("incomeSegment").and_then(Value::as_str) {
            None => {
                self.push(&rules::TIER_REQUIRED, "incomeSegment");
                None
            }
            Some(name) => {
                let t = scheme::tier_for(s, name);
                if t.is_none() {
                    self.push(&rules::TIER_UNKNOWN, "incomeSegment");
                }
                t
            }
        };
        match cap.monthly_cap {
            None if !cap.present || !self.has_invalid_member("maxCopaymentAmount/monthlyCap") => {
                self.push(&rules::CAP_MISSING, "maxCopaymentAmount/monthlyCap")
            }
            None => {}
            Some(amount) => {
                if let (Some(t), Some(i)) = (tier, category) {
                    if t.caps[i] != amount {
                        self.push(&rules::CAP_MISMATCH, "maxCopaymentAmount/monthlyCap");
                    }
                }
            }
        }
        if cap.rate != Some(i64::from(s.copay_rate_percent))
            && !self.has_invalid_member("maxCopaymentAmount/copayRatePercent")
        {
            self.push(&rules::RATE_MISMATCH, "maxCopaymentAmount/copayRatePercent");
        }
    }

    /// Whether an error was already recorded at `rel` (avoids a second issue for one fault).
    fn has_invalid_member(&self, rel: &str) -> bool {
        let path = self.path(rel);
        self.report
            .issues()
            .iter()
            .any(|i| i.path == path && i.is_error())
    }
}
